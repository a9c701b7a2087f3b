//! The doctor's words: a table for people and one JSON object for scripts,
//! both made from the same rows so they cannot disagree.
//!
//! The JSON object (stable; new keys may be added, none renamed):
//!
//! ```text
//! {
//!   "base_url": "https://…/user-api/v1",
//!   "contact_id": "contact_67890" | null,     the contact examined
//!   "checks": [ {"name", "label", "status": "ok"|"note"|"fail"|"info"|"skipped",
//!                "ok": bool (status is ok, note or info), "detail", "ms": N|null,
//!                "requests_ms": [N, …]} … ],
//!   "verdicts": { "title_and_starred"|"emails"|"custom_fields"|"phones"|"tags"|"lists":
//!                 {"safe": bool, "verdict": "safe"|"read-only",
//!                  "source": "single_get"|"contact_list"|null, "why"} },
//!   "findings": { typed facts: tls, http_version, key, page_cap, contacts_total,
//!                 single_get, list_include, definitions, value_forms, counts,
//!                 rate_limit_headers, throttled },
//!   "safe_to_edit": bool,
//!   "exit": 0 | 1
//! }
//! ```

mod checks;
mod json;
mod table;
mod verdicts;

pub use checks::rows;
pub use json::json;
pub use table::table;
pub use verdicts::verdict_why;

use super::{Failure, Part, Skip, Step, Verdict};

/// The name of the table's rows under "value forms", one per field type.
const TYPE_ROW: &str = "value_forms_type";

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Works as the editor needs.
    Ok,
    /// Works, with something worth knowing.
    Note,
    /// Does not work.
    Fail,
    /// A fact, not a judgement.
    Info,
    /// Not tried: an earlier check already failed.
    Skipped,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Note => "note",
            Status::Fail => "fail",
            Status::Info => "info",
            Status::Skipped => "skipped",
        }
    }

    /// As shown in the table: a failure stands out.
    fn mark(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Note => "note",
            Status::Fail => "FAIL",
            Status::Info => "",
            Status::Skipped => "-",
        }
    }
}

/// One line of the table and one item of the JSON `checks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The JSON name.
    pub name: &'static str,
    /// The table's first column.
    pub label: String,
    pub status: Status,
    pub detail: String,
    pub requests_ms: Vec<u64>,
}

impl Row {
    fn new(name: &'static str, label: &str, status: Status, detail: impl Into<String>) -> Row {
        Row {
            name,
            label: label.to_string(),
            status,
            detail: detail.into(),
            requests_ms: Vec::new(),
        }
    }

    fn timed<T>(mut self, step: &Step<T>) -> Row {
        self.requests_ms = step.times_ms.clone();
        self
    }

    fn ms(&self) -> Option<u64> {
        (!self.requests_ms.is_empty()).then(|| self.requests_ms.iter().sum())
    }
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "title & starred",
        Part::Emails => "emails",
        Part::CustomFields => "custom fields",
        Part::Phones => "phones",
        Part::Tags => "tags",
        Part::Lists => "lists",
    }
}

fn part_key(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "title_and_starred",
        Part::Emails => "emails",
        Part::CustomFields => "custom_fields",
        Part::Phones => "phones",
        Part::Tags => "tags",
        Part::Lists => "lists",
    }
}

/// What a save sends for the part, for "its … list".
fn part_list_words(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "its title and starred flag",
        Part::Emails => "its email list",
        Part::CustomFields => "its custom field values",
        Part::Phones => "its phone numbers",
        Part::Tags => "its tags",
        Part::Lists => "its lists",
    }
}

fn verdict_word(v: &Verdict) -> &'static str {
    if v.safe { "safe" } else { "read-only" }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    plural_u64(n as u64, one, many)
}

fn plural_u64(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn failure_words(failure: &Failure) -> String {
    match failure {
        Failure::Status {
            status,
            message,
            retry_after,
        } => {
            let mut s = format!("HTTP {status}");
            if let Some(m) = message {
                s.push_str(&format!(": {m}"));
            }
            if let Some(r) = retry_after {
                s.push_str(&format!(" (Retry-After: {r})"));
            }
            s
        }
        Failure::Transport(text) => text.clone(),
        Failure::Unreadable => {
            "it answered, but not in the documented shape (no data list or object)".to_string()
        }
    }
}

fn skip_words(skip: Skip) -> &'static str {
    match skip {
        Skip::KeyRefused => "not checked: the key was not accepted",
        Skip::Unreachable => "not checked: the server could not be reached",
        Skip::NoContact => "not checked: no contact to read (give a CONTACT_ID)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_joined_as_in_a_sentence() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list::<&str>(&[]), "");
    }
}
