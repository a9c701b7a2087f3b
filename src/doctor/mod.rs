//! `rolodex-tui doctor`: a read-only probe of a workspace, answering "is it
//! safe to edit here, and how does this server behave?" before anyone edits.
//!
//! It sends GET requests only, through the same client (base URL, key, auth
//! scheme) the editor uses, and never prints the key. [`run`] returns a
//! [`Report`] of typed findings and a [`Verdict`] per editable part; the
//! words for people and the JSON for scripts are made from it in [`render`].
//!
//! What makes a part safe to edit is what the editor needs to send it
//! without losing data: a save replaces a relationship list wholesale, so a
//! list can only be edited when some read of the contact returns it
//! completely — the single GET, or the contact list with `include` (where
//! the editor looks the contact up when the single GET lacks its lists).

mod contacts;
pub mod render;
mod requests;
mod run;
mod verdict;

use crate::api::client::DEFAULT_PAGE_SIZE;
use crate::api::client::probe::TlsProbe;
use crate::api::wire::ALL_INCLUDES;

pub use contacts::{FormCount, PhoneForms, TypeForms, ValueForm, ValueForms};
pub use run::run;
pub use verdict::{Part, Reason, SingleGetGap, Verdict};

/// The page size asked for to find the server's cap.
pub const LARGE_PAGE: u64 = 1000;
/// The page size of every other list request: the editor's own.
const PAGE: u64 = DEFAULT_PAGE_SIZE as u64;
/// Lists longer than this many pages are not read to the end.
const MAX_PAGES: usize = 200;

/// Everything the doctor found. Server text in it is already cleaned (one
/// line, no escape sequences, no key).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The API root as the client uses it.
    pub base_url: String,
    pub tls: TlsProbe,
    /// The HTTP version of the first answer, e.g. `HTTP/1.1`.
    pub http_version: Option<&'static str>,
    pub key: KeyCheck,
    pub contact_list: Step<ContactList>,
    /// The contact examined: the one asked for, else the list's first.
    pub contact_id: Option<String>,
    pub single_get: Step<SingleGet>,
    pub list_include: Step<ListInclude>,
    pub definitions: Step<Definitions>,
    pub value_forms: ValueForms,
    pub phone_forms: PhoneForms,
    pub users: Step<Counted>,
    pub tags: Step<Counted>,
    pub lists: Step<Counted>,
    pub rate_limits: RateLimits,
    pub verdicts: Vec<Verdict>,
}

impl Report {
    /// Whether everything editing needs works: the key is accepted, the
    /// contact can be read with its emails and custom fields from some read,
    /// and the definitions can be read.
    pub fn safe_to_edit(&self) -> bool {
        self.key == KeyCheck::Accepted
            && [Part::TitleAndStarred, Part::Emails, Part::CustomFields]
                .iter()
                .all(|part| self.verdict(*part).is_some_and(|v| v.safe))
    }

    /// 0 when safe to edit, 1 otherwise (as documented in `--help`).
    pub fn exit_code(&self) -> u8 {
        if self.safe_to_edit() { 0 } else { 1 }
    }

    pub fn verdict(&self, part: Part) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.part == part)
    }
}

/// One probe step: what it found, and the round-trip time of each request it
/// made (several for paged lists and retries).
#[derive(Debug, Clone, PartialEq)]
pub struct Step<T> {
    pub outcome: Outcome<T>,
    pub times_ms: Vec<u64>,
}

impl<T> Step<T> {
    fn not_checked(why: Skip) -> Self {
        Step {
            outcome: Outcome::NotChecked(why),
            times_ms: Vec::new(),
        }
    }

    pub fn found(&self) -> Option<&T> {
        match &self.outcome {
            Outcome::Found(t) => Some(t),
            _ => None,
        }
    }

    /// The sum of the round-trip times, when a request was made.
    pub fn total_ms(&self) -> Option<u64> {
        (!self.times_ms.is_empty()).then(|| self.times_ms.iter().sum())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    Found(T),
    Failed(Failure),
    NotChecked(Skip),
}

/// Why a request did not give what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A non-2xx answer, with the server's message and `Retry-After`.
    Status {
        status: u16,
        message: Option<String>,
        retry_after: Option<String>,
    },
    /// No complete answer (no connection, timeout, too large): the client's
    /// one-line explanation.
    Transport(String),
    /// A 2xx answer without the shape the API documents (e.g. no `data` list).
    Unreadable,
}

/// Why a step was not tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The key was refused: every other answer would be the same refusal.
    KeyRefused,
    /// The server could not be reached at all.
    Unreachable,
    /// No contact id was given and the contact list named none.
    NoContact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCheck {
    Accepted,
    /// 401 or 403.
    Refused {
        status: u16,
    },
    /// The first request did not tell (no answer, or another status).
    Unknown,
}

/// `GET /contacts?limit=1000`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactList {
    pub cap: PageCap,
    /// Items in the page that answered.
    pub returned: usize,
    /// `pagination.total`.
    pub total: Option<u64>,
}

/// The most items one page of the contact list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCap {
    /// Everything asked for (or everything there is) came back.
    NoneUpTo(u64),
    /// The server answered with at most this many (by `pagination.limit` or
    /// by the items it returned while more exist).
    At(u64),
    /// `limit=1000` was refused with this status; a page of `fallback` worked.
    RefusedLarge { status: u16, fallback: u64 },
}

/// `GET /contacts/:id?include=…all seven…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SingleGet {
    /// It answered; `returned` are the lists present as arrays, in the
    /// guide's order (an absent or `null` key is not returned).
    Answered { returned: Vec<&'static str> },
    /// 404 or 405 for a contact that exists: no single GET on this server.
    Absent {
        status: u16,
        message: Option<String>,
    },
    /// 404 for a contact that the (complete) contact list does not hold.
    NoSuchContact { message: Option<String> },
}

impl SingleGet {
    pub fn returns(&self, list: &str) -> bool {
        matches!(self, SingleGet::Answered { returned } if returned.contains(&list))
    }
}

/// `GET /contacts?include=…all seven…`: on how many items each list came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListInclude {
    pub items: usize,
    /// `(list, items that carry it as an array)`, in the guide's order.
    pub present: Vec<(&'static str, usize)>,
}

impl ListInclude {
    /// Whether every item carried this list (and there was an item).
    pub fn returns(&self, list: &str) -> bool {
        self.items > 0
            && self
                .present
                .iter()
                .any(|(name, n)| *name == list && *n == self.items)
    }

    /// The lists every item carried.
    pub fn returned(&self) -> Vec<&'static str> {
        ALL_INCLUDES
            .iter()
            .copied()
            .filter(|l| self.returns(l))
            .collect()
    }
}

/// `GET /custom-fields?entity_type=CONTACT`, every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definitions {
    pub count: usize,
    pub pages: usize,
    /// `pagination.total` of the first page.
    pub total: Option<u64>,
    /// How many items carry each `entity_type` (`None`: absent or not text).
    pub by_entity: Vec<(Option<String>, usize)>,
    /// Every `field_type` seen and how often, in first-seen order.
    pub field_types: Vec<(String, usize)>,
    /// Stopped before `total` (too many pages, or an empty page).
    pub incomplete: bool,
}

impl Definitions {
    /// Whether the filter held: every item says CONTACT.
    pub fn entity_type_honoured(&self) -> bool {
        self.by_entity
            .iter()
            .all(|(t, _)| t.as_deref() == Some("CONTACT"))
    }

    /// Items whose `entity_type` is anything but CONTACT.
    pub fn not_contact(&self) -> usize {
        self.by_entity
            .iter()
            .filter(|(t, _)| t.as_deref() != Some("CONTACT"))
            .map(|(_, n)| n)
            .sum()
    }

    pub fn contact_count(&self) -> usize {
        self.count - self.not_contact()
    }
}

/// A list endpoint's first page: how many it holds in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// `pagination.total`, else the items on the page.
    pub total: u64,
    /// Items on the page outside the filter asked for (lists of another
    /// `type`).
    pub off_filter: usize,
}

/// Rate limiting seen on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateLimits {
    /// Every rate-limit header seen: name, its first value, the request that
    /// carried it first, and how many answers carried it.
    pub headers: Vec<SeenHeader>,
    /// Every 429.
    pub throttled: Vec<Throttled>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenHeader {
    pub name: String,
    pub value: String,
    pub request: &'static str,
    pub answers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Throttled {
    pub request: &'static str,
    pub retry_after: Option<String>,
    /// Seconds waited before one retry; `None` when it was not retried (no
    /// usable `Retry-After`, or longer than the doctor waits).
    pub waited_s: Option<u64>,
}
