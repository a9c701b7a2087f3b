//! How much of one list, all its pages together, the client reads.
//!
//! Every answer is capped on its own (`max_body_bytes`), but a list is read
//! page after page: a server that lists ten thousand pages of large items
//! would fill memory one capped answer at a time. So every paged read counts
//! the items and the bytes it has received, refuses a `total` above the cap
//! before asking for a second page, and stops at the first page that takes
//! it over.

use crate::api::error::{ApiError, ListExcess, PagedList};

/// The most items and answer bytes one paged read takes in, all its pages
/// together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCaps {
    pub items: u64,
    pub bytes: u64,
}

/// For a list kept whole (custom field definitions, tags, contact lists,
/// workspace users): far above any real workspace, which has tens or
/// hundreds of each.
pub const DEFAULT_LIST_CAPS: ListCaps = ListCaps {
    items: 10_000,
    bytes: 64 * 1024 * 1024,
};

/// For looking one contact up in the contact list. A workspace may well
/// hold thousands of contacts, and the pages are dropped as they are
/// searched, so this cap is higher; it bounds the work, not the memory.
pub const DEFAULT_LOOKUP_CAPS: ListCaps = ListCaps {
    items: 20_000,
    bytes: 256 * 1024 * 1024,
};

/// What one paged read has received so far.
#[derive(Debug)]
pub(super) struct Tally {
    list: PagedList,
    caps: ListCaps,
    items: u64,
    bytes: u64,
    pages: u64,
}

impl Tally {
    pub(super) fn new(list: PagedList, caps: ListCaps) -> Self {
        Tally {
            list,
            caps,
            items: 0,
            bytes: 0,
            pages: 0,
        }
    }

    /// Refuses a list whose `total` says it is above the item cap, before
    /// any more of it is asked for.
    pub(super) fn total(&self, total: u64) -> Result<(), ApiError> {
        if total > self.caps.items {
            return Err(self.too_large(ListExcess::Listed(total)));
        }
        Ok(())
    }

    /// Counts one page that arrived: `items` items in `bytes` bytes.
    pub(super) fn page(&mut self, items: usize, bytes: usize) -> Result<(), ApiError> {
        self.pages += 1;
        self.items = self.items.saturating_add(items as u64);
        self.bytes = self.bytes.saturating_add(bytes as u64);
        if self.bytes > self.caps.bytes {
            return Err(self.too_large(ListExcess::Bytes { pages: self.pages }));
        }
        if self.items > self.caps.items {
            return Err(self.too_large(ListExcess::Items {
                items: self.items,
                pages: self.pages,
            }));
        }
        Ok(())
    }

    fn too_large(&self, found: ListExcess) -> ApiError {
        tracing::warn!(list = ?self.list, ?found, items = self.items, bytes = self.bytes, "list over its cap");
        ApiError::ListTooLarge {
            list: self.list,
            max_items: self.caps.items,
            max_bytes: self.caps.bytes,
            found,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_above_the_cap_is_refused_before_more_is_read() {
        let tally = Tally::new(
            PagedList::Tags,
            ListCaps {
                items: 10,
                bytes: 1000,
            },
        );
        assert!(tally.total(10).is_ok());
        assert!(matches!(
            tally.total(11),
            Err(ApiError::ListTooLarge {
                found: ListExcess::Listed(11),
                ..
            })
        ));
    }

    #[test]
    fn pages_add_up_until_a_cap_is_passed() {
        let mut tally = Tally::new(
            PagedList::Tags,
            ListCaps {
                items: 10,
                bytes: 1000,
            },
        );
        assert!(tally.page(5, 400).is_ok());
        assert!(tally.page(5, 600).is_ok());
        assert!(matches!(
            tally.page(0, 1),
            Err(ApiError::ListTooLarge {
                found: ListExcess::Bytes { pages: 3 },
                ..
            })
        ));
        let mut tally = Tally::new(
            PagedList::Tags,
            ListCaps {
                items: 10,
                bytes: 1000,
            },
        );
        assert!(matches!(
            tally.page(11, 10),
            Err(ApiError::ListTooLarge {
                found: ListExcess::Items {
                    items: 11,
                    pages: 1
                },
                ..
            })
        ));
    }
}
