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

use super::details::{Detail, Details, read_details};
use super::phone;
use super::value::FieldValue;

/// One email address in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRow {
    pub address: String,
    pub primary: bool,
}

/// One phone number in the form, held as shown: `+44 20 7946 0958`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRow {
    pub number: String,
    pub primary: bool,
    /// The item as read (`phone_number`, `country_code`), while the row
    /// still shows it: a save sends it back in that form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Value>,
}

impl PhoneRow {
    /// A row for a phone item as read, or `None` for an item without a
    /// number.
    pub fn from_read(item: &Value) -> Option<PhoneRow> {
        Some(PhoneRow {
            number: phone_shown(item)?,
            primary: item.get("is_primary").and_then(Value::as_bool) == Some(true),
            read: Some(item.clone()),
        })
    }

    /// Whether the row still shows the item it was read from.
    pub fn untouched(&self) -> bool {
        self.read
            .as_ref()
            .is_some_and(|r| phone_shown(r).as_deref() == Some(self.number.as_str()))
    }

    /// The number as a calling code and a national part, when it is valid.
    pub fn parsed(&self) -> Result<phone::Parsed, String> {
        phone::parse(&self.number, None)
    }

    /// Digits of the whole number, for spotting the same number twice.
    pub fn key(&self) -> String {
        match self.parsed() {
            Ok(p) => phone::digits_key(&p.country_code, &p.national),
            Err(_) => self.number.chars().filter(char::is_ascii_digit).collect(),
        }
    }

    /// The calling code, digits only, when the number has one.
    pub fn calling_code(&self) -> Option<String> {
        self.parsed().ok().map(|p| p.country_code)
    }
}

/// A phone item as the editor shows it: `+CODE NUMBER`, or the number with
/// a non-numeric country code after it in brackets.
pub fn phone_shown(item: &Value) -> Option<String> {
    let number = item.get("phone_number")?.as_str()?.trim();
    if number.is_empty() {
        return None;
    }
    if number.starts_with('+') {
        return Some(match phone::parse(number, None) {
            Ok(p) => phone::display(&p.country_code, &p.national),
            Err(_) => number.to_string(),
        });
    }
    let code = item
        .get("country_code")
        .and_then(Value::as_str)
        .map(|c| c.trim().trim_start_matches('+'))
        .filter(|c| !c.is_empty());
    Some(match code {
        Some(c) if c.bytes().all(|b| b.is_ascii_digit()) => match phone::parse(number, Some(c)) {
            Ok(p) => phone::display(&p.country_code, &p.national),
            Err(_) => format!("+{c} {number}"),
        },
        Some(region) => format!("{number} ({region})"),
        None => number.to_string(),
    })
}

/// A tag or a contact list the contact is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    pub id: String,
    pub name: String,
}

impl Linked {
    /// An item as read: wrapped (`{"tag": {"id", "name"}}`), flat
    /// (`{"id", "name"}`) or a bare id.
    pub fn from_read(item: &Value, wrapper: &str) -> Option<Linked> {
        let inner = item.get(wrapper).unwrap_or(item);
        if let Some(id) = inner.as_str() {
            return Some(Linked {
                id: id.to_string(),
                name: id.to_string(),
            });
        }
        let id = inner.get("id")?.as_str()?.to_string();
        let name = inner
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| id.clone(), str::to_string);
        Some(Linked { id, name })
    }
}

fn linked_of(list: &crate::wire::Maybe<Vec<Value>>, wrapper: &str) -> Vec<Linked> {
    list.get()
        .map(|l| {
            l.iter()
                .filter_map(|i| Linked::from_read(i, wrapper))
                .collect()
        })
        .unwrap_or_default()
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
    #[serde(default = "yes")]
    pub phones: bool,
    #[serde(default = "yes")]
    pub tags: bool,
    #[serde(default = "yes")]
    pub lists: bool,
}

fn yes() -> bool {
    true
}

impl Default for Known {
    /// All known: what a form without this record (an older draft) meant.
    fn default() -> Self {
        Known {
            emails: true,
            custom_fields: true,
            phones: true,
            tags: true,
            lists: true,
        }
    }
}

impl Known {
    /// What a read of `contact` tells.
    pub fn of(contact: &Contact) -> Known {
        Known {
            emails: matches!(contact.emails, Maybe::Value(_)),
            custom_fields: matches!(contact.custom_fields, Maybe::Value(_)),
            phones: matches!(contact.phone_numbers, Maybe::Value(_)),
            tags: matches!(contact.tags, Maybe::Value(_)),
            lists: matches!(contact.lists, Maybe::Value(_)),
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
    /// The other writable scalars, by detail; one without a value has no
    /// entry.
    #[serde(default)]
    pub details: Details,
    #[serde(default)]
    pub phones: Vec<PhoneRow>,
    #[serde(default)]
    pub tags: Vec<Linked>,
    #[serde(default)]
    pub lists: Vec<Linked>,
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
        let mut phones: Vec<PhoneRow> = contact
            .phone_numbers
            .get()
            .map(|l| l.iter().filter_map(PhoneRow::from_read).collect())
            .unwrap_or_default();
        normalize_primary(&mut phones);
        ContactForm {
            title: contact.title.get().cloned(),
            starred: contact.is_starred,
            emails,
            fields,
            known,
            details: read_details(contact),
            phones,
            tags: linked_of(&contact.tags, "tag"),
            lists: linked_of(&contact.lists, "list"),
        }
    }

    /// An empty form, everything known (for tests and for building one by
    /// hand).
    pub fn empty() -> ContactForm {
        ContactForm {
            title: None,
            starred: false,
            emails: vec![],
            fields: vec![],
            known: Known::default(),
            details: Details::new(),
            phones: vec![],
            tags: vec![],
            lists: vec![],
        }
    }

    /// The calling code of the primary phone, digits only, for a number
    /// typed without one.
    pub fn primary_calling_code(&self) -> Option<String> {
        self.phones
            .iter()
            .find(|p| p.primary)
            .and_then(PhoneRow::calling_code)
    }

    /// Deletes a phone; if it was the primary one, the first remaining
    /// number becomes primary. Returns the promoted number, if any.
    pub fn delete_phone(&mut self, index: usize) -> Option<String> {
        delete_keeping_primary(&mut self.phones, index).map(|p| p.number.clone())
    }

    /// Makes one phone the primary one (and no other).
    pub fn make_phone_primary(&mut self, index: usize) {
        make_primary_at(&mut self.phones, index);
    }

    /// Appends a number; the first number of an empty list is primary.
    pub fn add_phone(&mut self, number: String) -> usize {
        let primary = self.phones.is_empty();
        self.phones.push(PhoneRow {
            number,
            primary,
            read: None,
        });
        self.phones.len() - 1
    }

    /// What each phone row says is wrong with it: its format (a row still
    /// showing what was read is taken as the server has it), or that an
    /// earlier row has the same number.
    pub fn phone_problems(&self) -> Vec<Option<String>> {
        let mut seen = HashSet::with_capacity(self.phones.len());
        self.phones
            .iter()
            .map(|row| {
                let repeated = !seen.insert(row.key());
                if !row.untouched()
                    && let Err(why) = row.parsed()
                {
                    return Some(why);
                }
                repeated.then(|| format!("{} is listed twice", row.number))
            })
            .collect()
    }

    /// Why a detail's value cannot be sent, if it cannot.
    pub fn detail_problem(&self, detail: Detail) -> Option<String> {
        self.details
            .get(&detail)
            .and_then(|v| detail.check(v).err())
    }

    /// Deletes an email; if it was the primary one, the first remaining
    /// address becomes primary. Returns the promoted address, if any.
    pub fn delete_email(&mut self, index: usize) -> Option<String> {
        delete_keeping_primary(&mut self.emails, index).map(|e| e.address.clone())
    }

    /// Makes one email the primary one (and no other).
    pub fn make_primary(&mut self, index: usize) {
        make_primary_at(&mut self.emails, index);
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
        for d in Detail::ALL {
            if self.details.get(&d) != other.details.get(&d) {
                return Some((RowRef::Detail(d), d.label().to_string()));
            }
        }
        if self.tags != other.tags {
            return Some((RowRef::Tags, "Tags".into()));
        }
        if self.lists != other.lists {
            return Some((RowRef::Lists, "Lists".into()));
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
        if self.phones != other.phones {
            let longer = if other.phones.len() >= self.phones.len() {
                &other.phones
            } else {
                &self.phones
            };
            let i = (0..longer.len())
                .find(|&i| self.phones.get(i) != other.phones.get(i))
                .unwrap_or(0);
            let number = longer.get(i).map(|p| p.number.clone()).unwrap_or_default();
            let at = i.min(other.phones.len().saturating_sub(1));
            return Some((RowRef::Phone(at), format!("phone {number}")));
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
    /// (details, emails, phones, custom fields).
    pub fn first_problem(&self) -> Option<Problem> {
        self.problems().into_iter().next()
    }

    /// Every row that cannot be sent, with its reason (`Field: reason`), in
    /// screen order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = Detail::ALL
            .into_iter()
            .filter_map(|d| {
                self.detail_problem(d).map(|reason| Problem {
                    row: RowRef::Detail(d),
                    reason: format!("{}: {reason}", d.label()),
                })
            })
            .collect();
        let rows = |problems: Vec<Option<String>>, row: fn(usize) -> RowRef, what: &str| {
            problems
                .into_iter()
                .enumerate()
                .filter_map(|(i, problem)| {
                    problem.map(|reason| Problem {
                        row: row(i),
                        reason: format!("{what}: {reason}"),
                    })
                })
                .collect::<Vec<_>>()
        };
        out.extend(rows(self.email_problems(), RowRef::Email, "Email"));
        out.extend(rows(self.phone_problems(), RowRef::Phone, "Phone"));
        out.extend(self.fields.iter().enumerate().filter_map(|(i, f)| {
            f.problem().map(|reason| Problem {
                row: RowRef::Field(i),
                reason: format!("{}: {reason}", f.name),
            })
        }));
        out
    }

    /// Sets the title as typed. Empty text on a contact that had none
    /// (`loaded_none`) leaves it without one rather than sending `""`.
    pub fn set_title(&mut self, text: String, loaded_none: bool) {
        self.title = if text.is_empty() && loaded_none && self.title.is_none() {
            None
        } else {
            Some(text)
        };
    }

    /// Sets a detail as typed, normalised ([`Detail::normalize`]); empty
    /// text clears it. Returns what the normalising did, to say so.
    pub fn set_detail(&mut self, detail: Detail, typed: &str) -> Option<String> {
        let (value, note) = detail.normalize(typed);
        if value.is_empty() {
            self.details.remove(&detail);
        } else {
            self.details.insert(detail, value);
        }
        note
    }
}

/// A row of the form, for pointing at a problem or a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    Title,
    Starred,
    Detail(Detail),
    Tags,
    Lists,
    Email(usize),
    Phone(usize),
    Field(usize),
}

/// A value that blocks saving, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: RowRef,
    pub reason: String,
}

/// A row of a list with exactly one primary item (emails, phones).
pub trait HasPrimary {
    fn is_primary(&self) -> bool;
    fn set_primary(&mut self, primary: bool);
}

impl HasPrimary for EmailRow {
    fn is_primary(&self) -> bool {
        self.primary
    }
    fn set_primary(&mut self, primary: bool) {
        self.primary = primary;
    }
}

impl HasPrimary for PhoneRow {
    fn is_primary(&self) -> bool {
        self.primary
    }
    fn set_primary(&mut self, primary: bool) {
        self.primary = primary;
    }
}

/// Keeps "exactly one primary when the list is not empty": the first primary
/// wins; with none, the first item becomes primary.
pub fn normalize_primary<T: HasPrimary>(list: &mut [T]) {
    let first = list.iter().position(T::is_primary).unwrap_or(0);
    make_primary_at(list, first);
}

/// Makes item `index` the primary one, and no other.
fn make_primary_at<T: HasPrimary>(list: &mut [T], index: usize) {
    if index < list.len() {
        for (i, item) in list.iter_mut().enumerate() {
            item.set_primary(i == index);
        }
    }
}

/// Removes item `index`; if it was the primary one, the first remaining
/// item becomes primary and is returned.
fn delete_keeping_primary<T: HasPrimary>(list: &mut Vec<T>, index: usize) -> Option<&T> {
    if index >= list.len() {
        return None;
    }
    let removed = list.remove(index);
    let first = list.first_mut().filter(|_| removed.is_primary())?;
    first.set_primary(true);
    Some(first)
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
    // RFC 5321's limits, which mail servers enforce.
    if local.len() > 64 {
        return bad(&format!(
            "the part before the @ is {} characters; at most 64 are allowed",
            local.len()
        ));
    }
    if address.len() > 254 {
        return bad(&format!(
            "it is {} characters long; an address has at most 254",
            address.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_over_the_rfc_5321_lengths_are_refused() {
        let local = "a".repeat(65);
        let why = check_email(&format!("{local}@example.com")).expect_err("too long");
        assert!(why.contains("at most 64"), "{why}");
        assert!(check_email(&format!("{}@example.com", "a".repeat(64))).is_ok());
        let domain = format!("{}.com", "d".repeat(250));
        let why = check_email(&format!("ada@{domain}")).expect_err("too long");
        assert!(why.contains("at most 254"), "{why}");
    }

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
            emails: rows(&[("x@a.co", false), ("p@a.co", true), ("y@a.co", false)]),
            ..ContactForm::empty()
        };
        assert_eq!(form.delete_email(1).as_deref(), Some("x@a.co"));
        assert_eq!(form.emails, rows(&[("x@a.co", true), ("y@a.co", false)]));
        assert_eq!(form.delete_email(1), None);
    }

    #[test]
    fn duplicates_are_refused_case_insensitively() {
        let form = ContactForm {
            emails: rows(&[("Jane@A.co", true), ("jane@a.co", false)]),
            ..ContactForm::empty()
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
            ..ContactForm::empty()
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
