//! The diff of an edit against what was loaded, in the terms the review
//! shows: scalars as old → new, emails and custom fields as removed / added /
//! changed rows.

use std::collections::{HashMap, HashSet};

use super::details::Detail;
use super::form::{ContactForm, FieldRow, Linked, PhoneRow};
use super::value::FieldValue;

/// A change of one scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarChange {
    pub name: &'static str,
    pub old: String,
    pub new: String,
}

/// How one custom field changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldChangeKind {
    /// It had no value and now has one.
    Added,
    /// Its value changes.
    Changed,
    /// Its value is removed: the field is left out of the set.
    Cleared,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub id: String,
    pub name: String,
    pub kind: FieldChangeKind,
    pub old: String,
    pub new: String,
}

/// Everything that differs between the loaded contact and the edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeSet {
    pub scalars: Vec<ScalarChange>,
    /// Addresses in the loaded list that are not in the edit.
    pub emails_removed: Vec<String>,
    /// Addresses in the edit that were not loaded.
    pub emails_added: Vec<String>,
    /// The primary address before and after, when it changes.
    pub primary: Option<(Option<String>, Option<String>)>,
    pub fields: Vec<FieldChange>,
    /// Values the client does not understand, sent back exactly as loaded.
    pub passed_through: Vec<String>,
    /// Numbers in the loaded phone list that are not in the edit, as shown.
    pub phones_removed: Vec<String>,
    pub phones_added: Vec<String>,
    /// The primary number before and after, when it changes.
    pub phone_primary: Option<(Option<String>, Option<String>)>,
    /// Tag and list names added and removed.
    pub tags_added: Vec<String>,
    pub tags_removed: Vec<String>,
    pub lists_added: Vec<String>,
    pub lists_removed: Vec<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.scalars.is_empty()
            && self.emails_removed.is_empty()
            && self.emails_added.is_empty()
            && self.primary.is_none()
            && self.fields.is_empty()
            && self.phones_removed.is_empty()
            && self.phones_added.is_empty()
            && self.phone_primary.is_none()
            && self.tags_added.is_empty()
            && self.tags_removed.is_empty()
            && self.lists_added.is_empty()
            && self.lists_removed.is_empty()
    }

    /// The number of changed fields, for the header badge: each scalar, each
    /// email added or removed, a change of primary, each custom field.
    pub fn count(&self) -> usize {
        self.scalars.len()
            + self.emails_removed.len()
            + self.emails_added.len()
            + usize::from(self.primary.is_some())
            + self.fields.len()
            + self.phones_removed.len()
            + self.phones_added.len()
            + usize::from(self.phone_primary.is_some())
            + self.tags_added.len()
            + self.tags_removed.len()
            + self.lists_added.len()
            + self.lists_removed.len()
    }

    pub fn fields_of(&self, kind: FieldChangeKind) -> impl Iterator<Item = &FieldChange> {
        self.fields.iter().filter(move |f| f.kind == kind)
    }
}

fn title_text(t: &Option<String>) -> String {
    match t {
        None => "(none)".into(),
        Some(t) if t.is_empty() => "(empty)".into(),
        Some(t) => t.clone(),
    }
}

/// Compares an edit with the form built from the loaded contact.
pub fn diff(loaded: &ContactForm, edited: &ContactForm) -> ChangeSet {
    let mut set = ChangeSet::default();
    if loaded.title != edited.title {
        set.scalars.push(ScalarChange {
            name: "Title",
            old: title_text(&loaded.title),
            new: title_text(&edited.title),
        });
    }
    if loaded.starred != edited.starred {
        set.scalars.push(ScalarChange {
            name: "Starred",
            old: yes_no(loaded.starred),
            new: yes_no(edited.starred),
        });
    }
    for d in Detail::ALL {
        let (old, new) = (loaded.details.get(&d), edited.details.get(&d));
        if old != new {
            let text = |v: Option<&String>| v.map_or_else(|| "(none)".to_string(), Clone::clone);
            set.scalars.push(ScalarChange {
                name: d.label(),
                old: text(old),
                new: text(new),
            });
        }
    }
    if loaded.phones != edited.phones {
        let keys = |l: &[PhoneRow]| -> HashSet<String> { l.iter().map(PhoneRow::key).collect() };
        let (was, is) = (keys(&loaded.phones), keys(&edited.phones));
        let missing = |from: &[PhoneRow], other: &HashSet<String>| -> Vec<String> {
            from.iter()
                .filter(|p| !other.contains(&p.key()))
                .map(|p| p.number.clone())
                .collect()
        };
        set.phones_removed = missing(&loaded.phones, &is);
        set.phones_added = missing(&edited.phones, &was);
        let primary = |f: &ContactForm| f.phones.iter().find(|p| p.primary).cloned();
        let (a, b) = (primary(loaded), primary(edited));
        if a.as_ref().map(PhoneRow::key) != b.as_ref().map(PhoneRow::key) {
            set.phone_primary = Some((a.map(|p| p.number), b.map(|p| p.number)));
        }
    }
    let linked = |was: &[Linked], is: &[Linked]| -> (Vec<String>, Vec<String>) {
        let has = |l: &[Linked], id: &str| l.iter().any(|x| x.id == id);
        let added = is
            .iter()
            .filter(|x| !has(was, &x.id))
            .map(|x| x.name.clone());
        let removed = was
            .iter()
            .filter(|x| !has(is, &x.id))
            .map(|x| x.name.clone());
        (added.collect(), removed.collect())
    };
    (set.tags_added, set.tags_removed) = linked(&loaded.tags, &edited.tags);
    (set.lists_added, set.lists_removed) = linked(&loaded.lists, &edited.lists);
    if loaded.emails != edited.emails {
        // Sets, not a scan of one list per address of the other: a contact
        // may have hundreds of addresses, and this runs on every frame.
        let lowered = |list: &[super::form::EmailRow]| -> HashSet<String> {
            list.iter()
                .map(|e| e.address.to_ascii_lowercase())
                .collect()
        };
        let (was, is) = (lowered(&loaded.emails), lowered(&edited.emails));
        let missing = |from: &[super::form::EmailRow], other: &HashSet<String>| -> Vec<String> {
            from.iter()
                .filter(|e| !other.contains(&e.address.to_ascii_lowercase()))
                .map(|e| e.address.clone())
                .collect()
        };
        set.emails_removed = missing(&loaded.emails, &is);
        set.emails_added = missing(&edited.emails, &was);
    }
    let primary = |f: &ContactForm| {
        f.emails
            .iter()
            .find(|e| e.primary)
            .map(|e| e.address.clone())
    };
    let (old_p, new_p) = (primary(loaded), primary(edited));
    let same_primary = match (&old_p, &new_p) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    };
    if !same_primary {
        set.primary = Some((old_p, new_p));
    }
    let mut by_id: Option<HashMap<&str, &FieldRow>> = None;
    for (i, row) in edited.fields.iter().enumerate() {
        // The rows are normally in the same order in both forms; look up by
        // id only when they are not.
        let before = match loaded.fields.get(i) {
            Some(r) if r.id == row.id => Some(r),
            _ => by_id
                .get_or_insert_with(|| loaded.fields.iter().map(|r| (r.id.as_str(), r)).collect())
                .get(row.id.as_str())
                .copied(),
        };
        let old_value = before.map(|r| &r.value).unwrap_or(&FieldValue::Empty);
        if matches!(row.value, FieldValue::Opaque(_)) && old_value == &row.value {
            set.passed_through.push(row.name.clone());
        }
        if let Some(change) = field_change(before, row) {
            set.fields.push(change);
        }
    }
    set
}

fn field_change(before: Option<&FieldRow>, after: &FieldRow) -> Option<FieldChange> {
    let empty = FieldValue::Empty;
    let old = before.map_or(&empty, |r| &r.value);
    if *old == after.value || (old.is_empty() && after.value.is_empty()) {
        return None;
    }
    let kind = match (old.is_empty(), after.value.is_empty()) {
        (true, _) => FieldChangeKind::Added,
        (false, true) => FieldChangeKind::Cleared,
        (false, false) => FieldChangeKind::Changed,
    };
    Some(FieldChange {
        id: after.id.clone(),
        name: after.name.clone(),
        kind,
        old: old.display(after.def.as_deref()),
        new: after.display(),
    })
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}
