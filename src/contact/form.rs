//! The editable form: the part of a contact the editor changes, as plain data.
//!
//! A form is built from the loaded contact and the contact custom field
//! definitions. It is `Clone + PartialEq` so undo/redo is a stack of forms and
//! "is anything changed" is a comparison with the form built from the loaded
//! contact.

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use serde_json::Value;

use crate::wire::{Contact, CustomFieldDef, FieldType, Maybe};

use super::value::FieldValue;

/// One email address in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRow {
    pub address: String,
    pub primary: bool,
}

/// One custom field in the form: a definition and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldRow {
    /// The definition id (what the PUT sends as `id`).
    pub id: String,
    pub name: String,
    pub field_type: FieldType,
    /// `None` when the contact carries a value for a field that is not among
    /// the loaded CONTACT definitions; such a value is read-only and sent
    /// back unchanged so it is never deleted.
    ///
    /// Shared, not copied: every undo snapshot of a form refers to the same
    /// definition (select options included). Not journaled either: a draft
    /// keeps the values, and restoring one takes the rows, definitions
    /// included, from the contact as loaded then.
    #[serde(skip)]
    pub def: Option<Arc<CustomFieldDef>>,
    pub value: FieldValue,
    /// The value exactly as read (`None` for a field without one). While
    /// `value` still means the same, a save sends this back when it is
    /// already a valid write form (a DATE read as `2023-01-15T00:00:00Z`
    /// is not silently shortened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Value>,
}

impl FieldRow {
    /// Whether the user may edit this row.
    pub fn editable(&self) -> bool {
        self.def.is_some() && !matches!(self.field_type, FieldType::Other(_))
    }

    pub fn display(&self) -> String {
        self.value.display(self.def.as_deref())
    }

    /// Why the current value cannot be sent, if it cannot.
    pub fn problem(&self) -> Option<String> {
        self.value
            .validate(&self.field_type, self.def.as_deref())
            .err()
    }
}

/// Which of the lists a save replaces wholesale the server returned when the
/// contact was read. A list it did not return (absent or `null`) is
/// *unknown*, not empty: its rows are empty here, and it is never sent, since
/// sending what we do not know would replace what the server has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub emails: bool,
    pub custom_fields: bool,
}

impl Default for Known {
    /// Both known: what a form without this record (an older draft) meant.
    fn default() -> Self {
        Known {
            emails: true,
            custom_fields: true,
        }
    }
}

impl Known {
    /// What a read of `contact` tells.
    pub fn of(contact: &Contact) -> Known {
        Known {
            emails: matches!(contact.emails, Maybe::Value(_)),
            custom_fields: matches!(contact.custom_fields, Maybe::Value(_)),
        }
    }
}

/// Everything the editor can change on a contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactForm {
    /// `None` when the server has no title (`null` or absent).
    pub title: Option<String>,
    pub starred: bool,
    pub emails: Vec<EmailRow>,
    pub fields: Vec<FieldRow>,
    #[serde(default)]
    pub known: Known,
}

impl ContactForm {
    /// Builds the form for a loaded contact: one field row per definition, in
    /// the definitions' order, then a read-only row for every value whose
    /// definition was not loaded. A list the read did not carry has no rows
    /// and is marked unknown (see [`Known`]).
    pub fn from_contact(contact: &Contact, defs: &[CustomFieldDef]) -> Self {
        let known = Known::of(contact);
        let loaded = contact
            .custom_fields
            .get()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let defs = if known.custom_fields { defs } else { &[] };
        let mut fields: Vec<FieldRow> = defs
            .iter()
            .map(|def| {
                let read = loaded
                    .iter()
                    .find(|v| v.id == def.id)
                    .map(|v| v.raw())
                    .filter(|raw| !raw.is_null());
                FieldRow {
                    id: def.id.clone(),
                    name: def.name.clone(),
                    field_type: def.field_type.clone(),
                    def: Some(Arc::new(def.clone())),
                    value: read.map_or(FieldValue::Empty, |raw| {
                        FieldValue::from_read(&def.field_type, Some(def), raw)
                    }),
                    read: read.cloned(),
                }
            })
            .collect();
        let defined: HashSet<&str> = defs.iter().map(|d| d.id.as_str()).collect();
        for v in loaded.iter().filter(|v| !defined.contains(v.id.as_str())) {
            if v.raw().is_null() {
                continue;
            }
            fields.push(FieldRow {
                id: v.id.clone(),
                name: v.name.get().cloned().unwrap_or_else(|| v.id.clone()),
                field_type: v
                    .field_type
                    .get()
                    .map(|t| FieldType::parse(t))
                    .unwrap_or_else(|| FieldType::Other("UNKNOWN".into())),
                def: None,
                value: FieldValue::Opaque(v.raw().clone()),
                read: Some(v.raw().clone()),
            });
        }
        let mut emails: Vec<EmailRow> = contact
            .emails
            .get()
            .map(|list| {
                list.iter()
                    .map(|e| EmailRow {
                        address: e.email_address.clone(),
                        primary: e.primary(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        normalize_primary(&mut emails);
        ContactForm {
            title: contact.title.get().cloned(),
            starred: contact.is_starred,
            emails,
            fields,
            known,
        }
    }

    /// Deletes an email; if it was the primary one, the first remaining
    /// address becomes primary. Returns the promoted address, if any.
    pub fn delete_email(&mut self, index: usize) -> Option<String> {
        if index >= self.emails.len() {
            return None;
        }
        let removed = self.emails.remove(index);
        if removed.primary
            && let Some(first) = self.emails.first_mut()
        {
            first.primary = true;
            return Some(first.address.clone());
        }
        None
    }

    /// Makes one email the primary one (and no other).
    pub fn make_primary(&mut self, index: usize) {
        if index < self.emails.len() {
            for (i, e) in self.emails.iter_mut().enumerate() {
                e.primary = i == index;
            }
        }
    }

    /// Appends an address; the first address of an empty list is primary.
    pub fn add_email(&mut self, address: String) -> usize {
        let primary = self.emails.is_empty();
        self.emails.push(EmailRow { address, primary });
        self.emails.len() - 1
    }

    /// Why the address at `index` cannot be sent, if it cannot: its format,
    /// or that an earlier row already has it (case-insensitive).
    pub fn email_problem(&self, index: usize) -> Option<String> {
        let row = self.emails.get(index)?;
        if let Err(why) = check_email(&row.address) {
            return Some(why);
        }
        let lower = row.address.to_lowercase();
        self.emails[..index]
            .iter()
            .any(|e| e.address.to_lowercase() == lower)
            .then(|| format!("{} is listed twice", row.address))
    }

    /// What [`ContactForm::email_problem`] says of every address, in one
    /// pass: asking row by row compares each address with all before it,
    /// which takes milliseconds on a contact with hundreds of addresses.
    pub fn email_problems(&self) -> Vec<Option<String>> {
        let mut seen = std::collections::HashSet::with_capacity(self.emails.len());
        self.emails
            .iter()
            .map(|row| {
                let repeated = !seen.insert(row.address.to_lowercase());
                match check_email(&row.address) {
                    Err(why) => Some(why),
                    Ok(()) if repeated => Some(format!("{} is listed twice", row.address)),
                    Ok(()) => None,
                }
            })
            .collect()
    }

    /// The first row, in screen order, where `other` differs from this
    /// form, and its name (for saying what an undo or redo changed).
    pub fn first_difference(&self, other: &ContactForm) -> Option<(RowRef, String)> {
        if self.title != other.title {
            return Some((RowRef::Title, "Title".into()));
        }
        if self.starred != other.starred {
            return Some((RowRef::Starred, "Starred".into()));
        }
        if self.emails != other.emails {
            let longer = if other.emails.len() >= self.emails.len() {
                &other.emails
            } else {
                &self.emails
            };
            let i = (0..longer.len())
                .find(|&i| self.emails.get(i) != other.emails.get(i))
                .unwrap_or(0);
            let address = longer.get(i).map(|e| e.address.clone()).unwrap_or_default();
            let at = i.min(other.emails.len().saturating_sub(1));
            return Some((RowRef::Email(at), format!("email {address}")));
        }
        let i = (0..self.fields.len().max(other.fields.len())).find(|&i| {
            self.fields.get(i).map(|f| &f.value) != other.fields.get(i).map(|f| &f.value)
        })?;
        let name = other
            .fields
            .get(i)
            .or(self.fields.get(i))
            .map(|f| f.name.clone())
            .unwrap_or_default();
        Some((RowRef::Field(i), name))
    }

    /// The first row that cannot be sent, with the reason, in screen order
    /// (emails before custom fields).
    pub fn first_problem(&self) -> Option<Problem> {
        self.email_problems()
            .into_iter()
            .enumerate()
            .find_map(|(i, problem)| {
                problem.map(|reason| Problem {
                    row: RowRef::Email(i),
                    reason,
                })
            })
            .or_else(|| {
                self.fields.iter().enumerate().find_map(|(i, f)| {
                    f.problem().map(|reason| Problem {
                        row: RowRef::Field(i),
                        reason: format!("{}: {reason}", f.name),
                    })
                })
            })
    }
}

/// A row of the form, for pointing at a problem or a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    Title,
    Starred,
    Email(usize),
    Field(usize),
}

/// A value that blocks saving, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: RowRef,
    pub reason: String,
}

/// Keeps "exactly one primary when the list is not empty": the first primary
/// wins; with none, the first address becomes primary.
pub fn normalize_primary(emails: &mut [EmailRow]) {
    let first = emails.iter().position(|e| e.primary).unwrap_or(0);
    for (i, e) in emails.iter_mut().enumerate() {
        e.primary = i == first;
    }
}

/// Checks an address: one `@`, a non-empty local part, a domain with a dot
/// (not at either end), and no whitespace.
pub fn check_email(address: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("{address:?} is not an email address: {why}"));
    if address.is_empty() {
        return Err("the address is empty".into());
    }
    if address.chars().any(char::is_whitespace) {
        return bad("it contains a space");
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return bad("it needs exactly one @");
    };
    if local.is_empty() {
        return bad("nothing before the @");
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return bad("the domain needs a dot, like example.com");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(list: &[(&str, bool)]) -> Vec<EmailRow> {
        list.iter()
            .map(|(a, p)| EmailRow {
                address: a.to_string(),
                primary: *p,
            })
            .collect()
    }

    #[test]
    fn email_format_rules() {
        assert!(check_email("a@b.co").is_ok());
        for bad in [
            "", "ab.co", "a@@b.co", "@b.co", "a@bco", "a@b.co ", "a b@c.de", "a@.co", "a@co.",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn deleting_the_primary_promotes_the_first_remaining() {
        let mut form = ContactForm {
            title: None,
            starred: false,
            emails: rows(&[("x@a.co", false), ("p@a.co", true), ("y@a.co", false)]),
            fields: vec![],
            known: Known::default(),
        };
        assert_eq!(form.delete_email(1).as_deref(), Some("x@a.co"));
        assert_eq!(form.emails, rows(&[("x@a.co", true), ("y@a.co", false)]));
        assert_eq!(form.delete_email(1), None);
    }

    #[test]
    fn duplicates_are_refused_case_insensitively() {
        let form = ContactForm {
            title: None,
            starred: false,
            emails: rows(&[("Jane@A.co", true), ("jane@a.co", false)]),
            fields: vec![],
            known: Known::default(),
        };
        assert_eq!(form.email_problem(0), None);
        assert!(form.email_problem(1).unwrap().contains("twice"));
        assert_eq!(form.first_problem().unwrap().row, RowRef::Email(1));
    }

    #[test]
    fn all_problems_at_once_agree_with_each_row() {
        let form = ContactForm {
            title: None,
            starred: false,
            emails: rows(&[
                ("Jane@A.co", true),
                ("bad", false),
                ("jane@a.co", false),
                ("BAD", false),
                ("x@y.co", false),
                ("JANE@a.CO", false),
            ]),
            fields: vec![],
            known: Known::default(),
        };
        let each: Vec<_> = (0..form.emails.len())
            .map(|i| form.email_problem(i))
            .collect();
        assert_eq!(form.email_problems(), each);
    }

    #[test]
    fn normalize_keeps_exactly_one_primary() {
        let mut none = rows(&[("a@a.co", false), ("b@a.co", false)]);
        normalize_primary(&mut none);
        assert_eq!(none, rows(&[("a@a.co", true), ("b@a.co", false)]));
        let mut two = rows(&[("a@a.co", false), ("b@a.co", true), ("c@a.co", true)]);
        normalize_primary(&mut two);
        assert_eq!(
            two,
            rows(&[("a@a.co", false), ("b@a.co", true), ("c@a.co", false)])
        );
    }
}
