//! An unsaved edit as it is journaled: plain data, written to disk by
//! `crate::store` and offered back by the application, with the format it
//! is written in, what becomes of a draft that cannot be used, and which
//! editor may journal a contact at all.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::wire::Contact;

use super::form::ContactForm;

/// The draft format this version writes, in the file's `version` field.
///
/// - **1**, the first format, has no `version` field. Every custom field
///   row carries a copy of its definition as `def` (name, type, every
///   select option; `null` for a value whose definition was not loaded).
///   Drafts written before the editor knew about lists the server did not
///   return also lack the form's `known` record and the rows' `read`
///   values; both then mean what they meant then (both lists known, no
///   read form kept), through their serde defaults.
/// - **2** drops `def`: a draft keeps values only, and restoring one takes
///   every row's definition from the contact as loaded now (see
///   `FieldRow::def`). Nothing else differs: `contact_id`, `saved_at`,
///   `loaded` and the form's title, starred flag, emails and field values
///   are written as in version 1.
/// - **3** adds the form's `details`, `phones`, `tags` and `lists`, and
///   `known` records for phones, tags and lists. A draft of version 1 or 2
///   could not have edited them, so reading one fills them from its own
///   `loaded` contact: never empty lists, which a save would send as "remove
///   every phone".
/// - **4** adds `base_url`: the workspace the draft was made in (its base
///   URL as `crate::store::workspace_of` writes it, or `demo`), so a draft
///   is never offered in another workspace, also when it is opened with
///   `--draft FILE`. A draft of an older version records none: it is read
///   with `base_url` left out (`None`), as one whose workspace is not known.
///
/// A version 1 draft is read by leaving its definitions out; a draft of a
/// version above this one is never guessed at (see [`Unusable::Newer`]).
pub const DRAFT_VERSION: u64 = 4;

/// An unsaved edit: the contact as it was loaded and the form as edited.
///
/// On disk it is always written by [`Draft::to_json`] and read by
/// [`Draft::from_json`], which add and check the format `version`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub contact_id: String,
    /// The workspace it was made in (format 4 on); `None` in an older
    /// draft, whose workspace is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// When it was written (UTC, `YYYY-MM-DDTHH:MM:SSZ`), stamped by whoever
    /// writes it; shown in the restore prompt.
    pub saved_at: String,
    pub loaded: Contact,
    pub form: ContactForm,
}

/// A draft as written: the format version first, then the draft's fields.
#[derive(Serialize)]
struct Versioned<'a> {
    version: u64,
    #[serde(flatten)]
    draft: &'a Draft,
}

impl Draft {
    /// The draft file's bytes, in format [`DRAFT_VERSION`].
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec_pretty(&Versioned {
            version: DRAFT_VERSION,
            draft: self,
        })
    }

    /// Reads a draft file of this format or an older one, and says which
    /// version it was. A newer format is refused rather than half read: its
    /// changes may mean something this version cannot tell.
    pub fn from_json(bytes: &[u8]) -> Result<(Draft, u64), Unusable> {
        let mut value: Value = serde_json::from_slice(bytes).map_err(|e| damaged(&e))?;
        let Some(object) = value.as_object_mut() else {
            return Err(Unusable::Damaged("it is not a JSON object".into()));
        };
        let version = match object.remove("version") {
            None => 1,
            Some(v) => v
                .as_u64()
                .filter(|v| *v >= 1)
                .ok_or_else(|| Unusable::Damaged(format!("its version {v} is not a version")))?,
        };
        if version > DRAFT_VERSION {
            return Err(Unusable::Newer { version });
        }
        if version == 1 {
            forget_definitions(&mut value);
        }
        let mut draft: Draft = serde_json::from_value(value).map_err(|e| damaged(&e))?;
        if version < 3 {
            let then = ContactForm::from_contact(&draft.loaded, &[]);
            draft.form.details = then.details;
            draft.form.phones = then.phones;
            draft.form.tags = then.tags;
            draft.form.lists = then.lists;
            draft.form.known.phones = then.known.phones;
            draft.form.known.tags = then.known.tags;
            draft.form.known.lists = then.known.lists;
        }
        Ok((draft, version))
    }
}

/// What is wrong with a draft file, in words and without quoting it (the
/// log must not carry contact data, and serde's own message can quote a
/// value).
fn damaged(e: &serde_json::Error) -> Unusable {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "it ends too early (cut short)",
        Category::Syntax => "it is not valid JSON",
        Category::Data => "it is JSON but not a draft (a value of the wrong type, or one missing)",
        Category::Io => "it could not be read",
    };
    Unusable::Damaged(match e.line() {
        0 => what.to_string(),
        line => format!("{what}, at line {line} column {}", e.column()),
    })
}

/// Version 1 → 2: the rows' copies of their definitions go; the rows take
/// them from the contact as loaded when the draft is restored.
fn forget_definitions(draft: &mut Value) {
    let rows = draft
        .pointer_mut("/form/fields")
        .and_then(Value::as_array_mut);
    for row in rows.into_iter().flatten() {
        if let Some(row) = row.as_object_mut() {
            row.remove("def");
        }
    }
}

/// Why a draft file cannot be used by this version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// It cannot be read: cut short, not JSON, not a draft, or not readable
    /// from disk at all. The text says what is wrong, for the log.
    Damaged(String),
    /// It was written by a newer rolodex-tui, in this format version.
    Newer { version: u64 },
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Damaged(why) => write!(f, "it cannot be read: {why}"),
            Unusable::Newer { version } => write!(
                f,
                "it was written by a newer rolodex-tui (draft format {version}; this one reads up to {DRAFT_VERSION})"
            ),
        }
    }
}

/// A draft that could not be used, moved aside unchanged so that no edit
/// made now can overwrite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the file is now.
    pub to: PathBuf,
    pub why: Unusable,
}

/// Which editor journals a contact's draft: one at a time, since two
/// would overwrite each other's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This editor holds the contact's lock and journals its draft.
    Held,
    /// Another editor, still running, holds it.
    Elsewhere(Holder),
}

/// The editor that holds a contact's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Its process id, as written in the lock file.
    pub pid: u32,
    /// The lock file, for a person to remove if that process turns out
    /// not to be an editor (a process id can be reused).
    pub lock: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft_json() -> Value {
        serde_json::json!({
            "contact_id": "c1",
            "saved_at": "2026-11-28T20:00:00Z",
            "loaded": {
                "id": "c1", "is_starred": false,
                "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z"
            },
            "form": {"title": null, "starred": true, "emails": [], "fields": []}
        })
    }

    #[test]
    fn a_draft_is_written_with_its_version_first() {
        let (draft, from) = Draft::from_json(draft_json().to_string().as_bytes()).unwrap();
        assert_eq!(from, 1, "no version field is version 1");
        let text = String::from_utf8(draft.to_json().unwrap()).unwrap();
        assert!(text.starts_with("{\n  \"version\": 4,"), "{text}");
        assert_eq!(draft.base_url, None, "an older draft records no workspace");
        assert_eq!(
            Draft::from_json(text.as_bytes()).unwrap(),
            (draft.clone(), 4)
        );
        let mut made_here = draft;
        made_here.base_url = Some("https://api.example.com/user-api/v1".into());
        let text = String::from_utf8(made_here.to_json().unwrap()).unwrap();
        assert!(text.contains("\"base_url\": \"https://api.example.com/user-api/v1\""));
        assert_eq!(Draft::from_json(text.as_bytes()).unwrap(), (made_here, 4));
    }

    #[test]
    fn an_older_draft_takes_phones_tags_and_details_from_its_loaded_contact() {
        let mut old = draft_json();
        old["version"] = 2.into();
        old["loaded"]["location"] = "Paris".into();
        old["loaded"]["phone_numbers"] = serde_json::json!([
            {"phone_number": "+33 1 23 45 67 89", "country_code": "+33", "is_primary": true}
        ]);
        old["loaded"]["tags"] = serde_json::json!([{"tag": {"id": "t1", "name": "VIP"}}]);
        let (draft, version) = Draft::from_json(old.to_string().as_bytes()).unwrap();
        assert_eq!(version, 2);
        assert_eq!(draft.form.phones.len(), 1, "not an emptied phone list");
        assert_eq!(draft.form.tags[0].id, "t1");
        assert_eq!(
            draft
                .form
                .details
                .get(&crate::contact::Detail::Location)
                .map(String::as_str),
            Some("Paris")
        );
        assert!(draft.form.known.phones && draft.form.known.tags);
        assert!(!draft.form.known.lists, "the loaded contact had no lists");
        // The starred edit the old draft held is kept.
        assert!(draft.form.starred);
    }

    #[test]
    fn newer_damaged_and_odd_versions_are_told_apart() {
        let mut newer = draft_json();
        newer["version"] = 5.into();
        assert_eq!(
            Draft::from_json(newer.to_string().as_bytes()),
            Err(Unusable::Newer { version: 5 })
        );
        for version in [serde_json::json!(0), serde_json::json!("2")] {
            let mut odd = draft_json();
            odd["version"] = version;
            assert!(matches!(
                Draft::from_json(odd.to_string().as_bytes()),
                Err(Unusable::Damaged(_))
            ));
        }
        let text = draft_json().to_string();
        assert!(matches!(
            Draft::from_json(&text.as_bytes()[..text.len() / 2]),
            Err(Unusable::Damaged(_))
        ));
        assert!(matches!(
            Draft::from_json(b"[1, 2]"),
            Err(Unusable::Damaged(_))
        ));
    }
}
