//! Reading one contact with its relationship lists, whichever way this
//! server allows.
//!
//! The guide never shows a single-object GET that returns the lists it was
//! asked for, and the page for `GET /contacts/:id` is not visible at all;
//! only the contact list documents its `include`. So the first read of a
//! session tries the single GET, and when that answers without a list it
//! was asked for, or does not exist (404/405), it looks the contact up in
//! `GET /contacts?include=…` instead, a few pages at a time, stopping at the
//! contact. That choice is kept for the session: the conflict check and the
//! read-back take the same path, so they see the same lists.
//!
//! A list that no path returns stays absent in the contact: the domain treats
//! it as unknown, never as empty.

use std::sync::PoisonError;

use futures::{StreamExt, stream};
use reqwest::Method;

use super::caps::Tally;
use super::failure::Endpoint;
use super::{MAX_PAGES, Progress, RolodexClient};
use crate::api::error::{ApiError, PagedList, one_line};
use crate::wire::{ALL_INCLUDES, Contact, Envelope, Maybe, Page};

/// How many pages of the contact list are in flight at once while looking
/// a contact up.
const LOOKUP_IN_FLIGHT: usize = 3;
/// The order the lookup pages in: creation order does not move when a
/// contact is edited during the lookup, so no contact slips between pages.
const LOOKUP_ORDER: &str = "created_at:asc";

/// How this session reads a contact's relationship lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadPath {
    /// `GET /contacts/:id?include=…` returns every list asked for.
    Single,
    /// The lists come from looking the contact up in the contact list.
    ListLookup(LookupReason),
}

/// Why the single GET is not enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupReason {
    /// It answered without these lists (absent or `null`), in the guide's order.
    ListsMissing(Vec<&'static str>),
    /// It answered 404 or 405: this server may have no single-contact read.
    NoSingleGet,
    /// It answered 404 or 405 on the session's first read, which says
    /// either that there is no such contact or that there is no
    /// single-contact read: the contact list tells which.
    SingleGetNotFound,
}

impl LookupReason {
    /// Whether the single GET carries none of the lists, so reading it adds
    /// nothing the contact list does not give.
    pub fn single_get_adds_no_list(&self) -> bool {
        match self {
            LookupReason::NoSingleGet | LookupReason::SingleGetNotFound => true,
            LookupReason::ListsMissing(lists) => lists.len() == ALL_INCLUDES.len(),
        }
    }
}

/// What a read in progress is doing, for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadEvent {
    /// The read path of this session was just chosen.
    PathChosen(ReadPath),
    /// Looking the contact up in the contact list: `page` of `pages` read.
    LookingUp {
        reason: LookupReason,
        page: u64,
        pages: u64,
    },
    /// A GET was answered 429: trying again in `seconds_left`, attempt
    /// `attempt` of `of`.
    RateLimited {
        seconds_left: u64,
        attempt: u32,
        of: u32,
    },
}

/// The relationship lists a contact read did not carry.
pub fn missing_lists(contact: &Contact) -> Vec<&'static str> {
    let missing = [
        !matches!(contact.emails, Maybe::Value(_)),
        !matches!(contact.phone_numbers, Maybe::Value(_)),
        !matches!(contact.companies, Maybe::Value(_)),
        !matches!(contact.custom_fields, Maybe::Value(_)),
        !matches!(contact.tags, Maybe::Value(_)),
        !matches!(contact.lists, Maybe::Value(_)),
        !matches!(contact.notes, Maybe::Value(_)),
    ];
    ALL_INCLUDES
        .iter()
        .zip(missing)
        .filter(|(_, missing)| *missing)
        .map(|(name, _)| *name)
        .collect()
}

/// `base` with every list it lacks taken from `other`.
fn fill_lists(mut base: Contact, other: Contact) -> Contact {
    fn fill<T>(mine: &mut Maybe<T>, theirs: Maybe<T>) {
        if !matches!(mine, Maybe::Value(_)) && matches!(theirs, Maybe::Value(_)) {
            *mine = theirs;
        }
    }
    fill(&mut base.emails, other.emails);
    fill(&mut base.phone_numbers, other.phone_numbers);
    fill(&mut base.companies, other.companies);
    fill(&mut base.custom_fields, other.custom_fields);
    fill(&mut base.tags, other.tags);
    fill(&mut base.lists, other.lists);
    fill(&mut base.notes, other.notes);
    base
}

impl RolodexClient {
    /// The read path this session chose, once the first read has chosen it.
    pub fn read_path(&self) -> Option<ReadPath> {
        self.inner
            .read_path
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn choose(&self, path: ReadPath, progress: Progress<'_>) {
        let mut chosen = self
            .inner
            .read_path
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if chosen.as_ref() != Some(&path) {
            tracing::info!(?path, "contact read path chosen");
            *chosen = Some(path.clone());
            drop(chosen);
            progress(ReadEvent::PathChosen(path));
        }
    }

    /// One contact with every relationship list this server will give, by
    /// the session's read path (choosing it on the first read).
    pub async fn read_contact(
        &self,
        id: &str,
        progress: Progress<'_>,
    ) -> Result<Contact, ApiError> {
        // An id that cannot name one contact is refused before any request,
        // so it is never looked for in the list either.
        self.contact_url(id, &[])?;
        let decided = self.read_path();
        // Without a single GET, or with one that returns none of the lists,
        // the contact list is the only read worth making. When the single
        // GET lacks only some lists it is read every time too, so later
        // reads (the conflict check, the read-back) carry the same lists as
        // the first one did.
        if let Some(ReadPath::ListLookup(reason)) = &decided
            && reason.single_get_adds_no_list()
        {
            return self.look_up(id, reason, None, progress).await;
        }
        match self.single_contact(id, progress).await {
            Ok(contact) => {
                let missing = missing_lists(&contact);
                if missing.is_empty() {
                    self.choose(ReadPath::Single, progress);
                    return Ok(contact);
                }
                let reason = LookupReason::ListsMissing(missing);
                let found = self.look_up(id, &reason, Some(contact), progress).await?;
                self.choose(ReadPath::ListLookup(reason), progress);
                Ok(found)
            }
            Err(single_failed @ ApiError::NotFound { .. }) if decided.is_none() => {
                let asked = LookupReason::SingleGetNotFound;
                match self.find_listed(id, &asked, None, progress).await {
                    Ok(Ok(found)) => {
                        self.choose(ReadPath::ListLookup(LookupReason::NoSingleGet), progress);
                        Ok(found)
                    }
                    // Not in the list either: there is no such contact.
                    Ok(Err(total)) => Err(ApiError::NotFound {
                        what: format!("contact \"{}\"", one_line(id, 80)),
                        message: Some(format!(
                            "there is no contact with this id (GET /contacts/:id does not \
                             find it, nor is it among the {total} contacts of GET /contacts)"
                        )),
                    }),
                    // The list is not there either: the single GET's answer
                    // says best what is wrong (a base URL, most likely).
                    Err(ApiError::NotFound { .. }) => Err(single_failed),
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// `GET /contacts/:id` with all seven includes, as it answers.
    async fn single_contact(&self, id: &str, progress: Progress<'_>) -> Result<Contact, ApiError> {
        let includes = ALL_INCLUDES.join(",");
        let url = self.contact_url(id, &[("include", includes.as_str())])?;
        let endpoint = Endpoint::contact("GET", id);
        let answer: Envelope<Contact> = self
            .send(Method::GET, url, None, endpoint, progress)
            .await?;
        Ok(answer.data)
    }

    /// Finds the contact in `GET /contacts?include=…`, page by page with a
    /// few in flight, stopping at the contact. Lists `single` lacks are
    /// taken from the list's copy.
    async fn look_up(
        &self,
        id: &str,
        reason: &LookupReason,
        single: Option<Contact>,
        progress: Progress<'_>,
    ) -> Result<Contact, ApiError> {
        match self.find_listed(id, reason, single, progress).await? {
            Ok(found) => Ok(found),
            Err(total) => Err(ApiError::NotFound {
                what: format!("contact \"{}\"", one_line(id, 80)),
                message: Some(format!(
                    "it is not among the {total} contacts of GET /contacts either"
                )),
            }),
        }
    }

    /// As [`RolodexClient::look_up`], with a contact the list does not hold
    /// told apart from a failed read: `Err(total)`, the number of contacts
    /// looked through.
    async fn find_listed(
        &self,
        id: &str,
        reason: &LookupReason,
        single: Option<Contact>,
        progress: Progress<'_>,
    ) -> Result<Result<Contact, u64>, ApiError> {
        let includes = ALL_INCLUDES.join(",");
        let page_size = self.inner.page_size;
        let page = |limit: u32, offset: u64| {
            self.contacts_page_with(limit, offset, LOOKUP_ORDER, &includes, progress)
        };
        let found = |page: Page<Contact>| page.data.into_iter().find(|c| c.id == id);
        let merge = |listed: Contact| match &single {
            Some(single) => fill_lists(single.clone(), listed),
            None => listed,
        };
        let mut tally = Tally::new(PagedList::Contacts, self.inner.lookup_caps);
        let (first, size) = page(page_size, 0).await?;
        let total = first.pagination.total;
        let step = (first.data.len() as u64).min(u64::from(page_size));
        let pages = if step == 0 {
            1
        } else {
            total.div_ceil(step).max(1)
        };
        progress(ReadEvent::LookingUp {
            reason: reason.clone(),
            page: 1,
            pages,
        });
        let items = first.data.len();
        if let Some(listed) = found(first) {
            return Ok(Ok(merge(listed)));
        }
        tally.page(items, size)?;
        tally.total(total)?;
        if pages > MAX_PAGES {
            return Err(ApiError::InvalidResponse {
                path: "pagination.total".to_string(),
                detail: format!("{total} contacts is more than this client will look through"),
            });
        }
        let limit = u32::try_from(step).unwrap_or(page_size);
        let mut rest = stream::iter(1..pages)
            .map(|i| page(limit, i * step))
            .buffered(LOOKUP_IN_FLIGHT);
        let mut done = 1;
        while let Some(next) = rest.next().await {
            done += 1;
            progress(ReadEvent::LookingUp {
                reason: reason.clone(),
                page: done,
                pages,
            });
            let (next, size) = next?;
            let items = next.data.len();
            if let Some(listed) = found(next) {
                return Ok(Ok(merge(listed)));
            }
            tally.page(items, size)?;
        }
        Ok(Err(total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn contact(lists: serde_json::Value) -> Contact {
        let mut v = json!({"id": "c", "is_starred": false,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"});
        for (k, x) in lists.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn absent_and_null_lists_are_missing_empty_ones_are_not() {
        let c = contact(json!({"emails": [], "custom_fields": null, "tags": []}));
        assert_eq!(
            missing_lists(&c),
            vec![
                "phone_numbers",
                "companies",
                "custom_fields",
                "lists",
                "notes"
            ]
        );
    }

    #[test]
    fn filling_takes_only_what_is_missing() {
        let single = contact(json!({"emails": [{"email_address": "a@b.co"}], "tags": null}));
        let listed = contact(json!({"emails": [], "tags": [], "notes": []}));
        let merged = fill_lists(single, listed);
        assert_eq!(merged.emails.get().map(Vec::len), Some(1));
        assert_eq!(merged.tags, Maybe::Value(vec![]));
        assert_eq!(merged.notes, Maybe::Value(vec![]));
        assert_eq!(merged.custom_fields, Maybe::Absent);
    }
}
