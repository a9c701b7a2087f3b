//! The contact list's state: shown when no contact id is given. A paged
//! list from `GET /contacts`, filtered as you type over what is loaded.
//! How keys and pages change it is in `contacts.rs`.

use crate::wire::Contact;

use super::matching::{Matcher, fold};
use super::msg::{Effect, Remote};

/// How many contacts one request asks for.
pub const PAGE_SIZE: u32 = 100;
/// The order the list shows contacts in: by name, as a person looks one up.
pub const ORDER: &str = "full_name:asc";
/// The relationship the list's rows show (the primary email).
pub const INCLUDE: &str = "emails";
/// Load the next page when the selection comes this close to the end.
const PREFETCH: usize = 5;

/// One contact in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub id: String,
    pub name: String,
    pub title: String,
    /// The primary email address, or the first one; empty without emails.
    pub email: String,
    pub starred: bool,
    /// Name, title, email and id folded ([`fold`]) for the filter, one per
    /// line, so a typed word is found within one of them.
    search: String,
}

impl ListRow {
    pub(super) fn of(c: &Contact) -> Self {
        ListRow {
            id: c.id.clone(),
            name: c.display_name(),
            title: c.title.get().cloned().unwrap_or_default(),
            email: c
                .emails
                .get()
                .and_then(|list| list.iter().find(|e| e.primary()).or(list.first()))
                .map(|e| e.email_address.clone())
                .unwrap_or_default(),
            starred: c.is_starred,
            search: String::new(),
        }
        .with_search()
    }

    /// Fills `search`: the fields a filter looks in, folded once.
    fn with_search(mut self) -> Self {
        self.search = [&self.name, &self.title, &self.email, &self.id]
            .map(|s| fold(s))
            .join("\n");
        self
    }
}

/// The contact list's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactList {
    /// Every contact loaded so far, in the server's order.
    pub loaded: Vec<ListRow>,
    /// `pagination.total` from the last page; `None` before the first.
    pub total: Option<u64>,
    pub filter: String,
    /// Index into [`ContactList::visible`].
    pub cursor: usize,
    /// A page request is in flight.
    pub loading: bool,
    pub error: Option<String>,
    /// Contacts per request ([`PAGE_SIZE`] unless a test wants more pages).
    pub page_size: u32,
}

impl Default for ContactList {
    fn default() -> Self {
        ContactList {
            loaded: vec![],
            total: None,
            filter: String::new(),
            cursor: 0,
            loading: false,
            error: None,
            page_size: PAGE_SIZE,
        }
    }
}

impl ContactList {
    /// The rows that match the filter, in order: every typed word in the
    /// name, title, email or id, ignoring case and accents.
    pub fn visible(&self) -> Vec<&ListRow> {
        let matcher = Matcher::new(&self.filter);
        self.loaded
            .iter()
            .filter(|r| matcher.is_empty() || matcher.matches_folded(&[&r.search]))
            .collect()
    }

    /// Shows a contact as it is now (after a save), where it is listed.
    pub fn refresh(&mut self, contact: &Contact) {
        for row in self.loaded.iter_mut().filter(|r| r.id == contact.id) {
            *row = ListRow::of(contact);
        }
    }

    pub fn has_more(&self) -> bool {
        self.total.is_some_and(|t| (self.loaded.len() as u64) < t)
    }

    /// The request for the next page, if one is due and none is in flight.
    pub(super) fn next_page(&mut self) -> Option<Effect> {
        if self.loading || !(self.total.is_none() || self.has_more()) {
            return None;
        }
        self.loading = true;
        Some(
            Remote::LoadContacts {
                offset: self.loaded.len() as u64,
                limit: self.page_size,
            }
            .into(),
        )
    }

    /// Asks for more when the selection nears the end of what is loaded, or
    /// when a filter leaves fewer rows than a screen.
    pub(super) fn maybe_more(&mut self) -> Vec<Effect> {
        let visible = self.visible().len();
        let near_end = self.cursor + PREFETCH >= visible;
        if near_end && self.error.is_none() {
            self.next_page().into_iter().collect()
        } else {
            vec![]
        }
    }
}
