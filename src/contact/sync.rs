//! Keeping an edit in step with the server: what changed there since the
//! contact was loaded (the conflict check), carrying an edit over onto a
//! newer version (rebase, also used to restore drafts), and what the server
//! holds after a save that differs from what was sent (the read-back check).

use serde_json::Value;

use crate::wire::{Contact, CustomFieldDef};

use super::details::Detail;
use super::diff::{ChangeSet, diff};
use super::form::{ContactForm, EmailRow, FieldRow, Linked, PhoneRow, normalize_primary};
use super::value::FieldValue;

/// What changed on the server between the loaded contact and a fresh read
/// of it. Empty means nothing changed and the save may go ahead; the view
/// words it item by item (`Lead Score: 72 → 90`, `email added: x@y.co`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemoteChanges {
    /// `updated_at` before and after, when it moved.
    pub updated_at: Option<(String, String)>,
    /// What the editor shows that changed, in the diff's terms (loaded →
    /// remote).
    pub shown: ChangeSet,
    /// Nothing shown changed, but the email list did (order or spelling).
    pub emails_reordered: bool,
    /// Nothing shown changed, but stored custom field values did (a form
    /// change under the same meaning, or a field without a definition).
    pub values_rewritten: bool,
    /// Relationship lists the editor does not edit that changed, by name
    /// (companies, notes). Phones, tags and lists are in `shown`.
    pub relationships: Vec<&'static str>,
}

impl RemoteChanges {
    pub fn is_empty(&self) -> bool {
        self.updated_at.is_none()
            && self.shown.is_empty()
            && !self.emails_reordered
            && !self.values_rewritten
            && self.relationships.is_empty()
    }
}

/// What changed on the server between `loaded` and a fresh read, `remote`.
///
/// A list either read did not carry is unknown on that side: it is not
/// compared (and never reported as emptied); `updated_at` still is.
pub fn remote_changes(
    loaded: &Contact,
    remote: &Contact,
    defs: &[CustomFieldDef],
) -> RemoteChanges {
    let mut out = RemoteChanges::default();
    if loaded.updated_at != remote.updated_at {
        out.updated_at = Some((loaded.updated_at.clone(), remote.updated_at.clone()));
    }
    let mut before = ContactForm::from_contact(loaded, defs);
    let mut after = ContactForm::from_contact(remote, defs);
    let emails_known = before.known.emails && after.known.emails;
    let fields_known = before.known.custom_fields && after.known.custom_fields;
    let (phones_known, tags_known, lists_known) = (
        before.known.phones && after.known.phones,
        before.known.tags && after.known.tags,
        before.known.lists && after.known.lists,
    );
    for form in [&mut before, &mut after] {
        if !emails_known {
            form.emails.clear();
        }
        if !fields_known {
            form.fields.clear();
        }
        if !phones_known {
            form.phones.clear();
        }
        if !tags_known {
            form.tags.clear();
        }
        if !lists_known {
            form.lists.clear();
        }
    }
    out.shown = diff(&before, &after);
    // What the form cannot show: a value's form changing under the same
    // meaning, or a value for a field without a loaded definition.
    let fields = |c: &Contact| -> Vec<(String, serde_json::Value)> {
        c.custom_fields
            .get()
            .map(|l| l.iter().map(|f| (f.id.clone(), f.raw().clone())).collect())
            .unwrap_or_default()
    };
    let emails = |c: &Contact| -> Vec<(String, bool)> {
        c.emails
            .get()
            .map(|l| {
                l.iter()
                    .map(|e| (e.email_address.to_lowercase(), e.primary()))
                    .collect()
            })
            .unwrap_or_default()
    };
    if out.shown.is_empty() {
        out.emails_reordered = emails_known && emails(loaded) != emails(remote);
        out.values_rewritten = fields_known && fields(loaded) != fields(remote);
    }
    for ((name, a), (_, b)) in loaded.never_sent().iter().zip(remote.never_sent().iter()) {
        let both_known = a.get().is_some() && b.get().is_some();
        if both_known && a != b {
            out.relationships.push(name);
        }
    }
    out
}

/// Re-applies this edit on top of the server's newer version: every row the
/// user changed keeps the user's value, everything else takes the server's.
pub fn rebase_form(
    old_base: &ContactForm,
    mine: &ContactForm,
    new_base: &ContactForm,
) -> ContactForm {
    let mut out = new_base.clone();
    if mine.title != old_base.title {
        out.title = mine.title.clone();
    }
    for d in Detail::ALL {
        let my = mine.details.get(&d);
        if my != old_base.details.get(&d) {
            match my {
                Some(v) => out.details.insert(d, v.clone()),
                None => out.details.remove(&d),
            };
        }
    }
    rebase_phones(old_base, mine, &mut out);
    out.tags = rebase_linked(&old_base.tags, &mine.tags, &out.tags);
    out.lists = rebase_linked(&old_base.lists, &mine.lists, &out.lists);
    if mine.starred != old_base.starred {
        out.starred = mine.starred;
    }
    let has = |list: &[EmailRow], a: &str| list.iter().any(|e| e.address.eq_ignore_ascii_case(a));
    out.emails
        .retain(|e| has(&mine.emails, &e.address) || !has(&old_base.emails, &e.address));
    for e in &mine.emails {
        if !has(&old_base.emails, &e.address) && !has(&out.emails, &e.address) {
            out.emails.push(EmailRow {
                address: e.address.clone(),
                primary: false,
            });
        }
    }
    let primary = |f: &ContactForm| {
        f.emails
            .iter()
            .position(|e| e.primary)
            .map(|i| f.emails[i].address.to_lowercase())
    };
    if primary(mine) != primary(old_base)
        && let Some(p) = primary(mine)
    {
        for e in &mut out.emails {
            e.primary = e.address.to_lowercase() == p;
        }
    }
    normalize_primary(&mut out.emails);
    for row in &mut out.fields {
        let old = old_base.fields.iter().find(|r| r.id == row.id);
        let my = mine.fields.iter().find(|r| r.id == row.id);
        if let (Some(old), Some(my)) = (old, my)
            && old.value != my.value
        {
            row.value = my.value.clone();
        }
    }
    out
}

/// Phones as emails: numbers I removed go, numbers I added come, a primary
/// I chose stays chosen; the server's other changes are kept.
fn rebase_phones(old_base: &ContactForm, mine: &ContactForm, out: &mut ContactForm) {
    let has = |list: &[PhoneRow], key: &str| list.iter().any(|p| p.key() == key);
    out.phones
        .retain(|p| has(&mine.phones, &p.key()) || !has(&old_base.phones, &p.key()));
    for p in &mine.phones {
        if !has(&old_base.phones, &p.key()) && !has(&out.phones, &p.key()) {
            out.phones.push(PhoneRow {
                primary: false,
                ..p.clone()
            });
        }
    }
    let primary = |f: &[PhoneRow]| f.iter().find(|p| p.primary).map(PhoneRow::key);
    if primary(&mine.phones) != primary(&old_base.phones)
        && let Some(key) = primary(&mine.phones)
    {
        for p in &mut out.phones {
            p.primary = p.key() == key;
        }
    }
    normalize_primary(&mut out.phones);
}

/// Tags or lists as sets: what I removed goes, what I added comes, and
/// what someone else added or removed stays so.
fn rebase_linked(old: &[Linked], mine: &[Linked], theirs: &[Linked]) -> Vec<Linked> {
    let has = |l: &[Linked], id: &str| l.iter().any(|x| x.id == id);
    let mut out: Vec<Linked> = theirs
        .iter()
        .filter(|x| has(mine, &x.id) || !has(old, &x.id))
        .cloned()
        .collect();
    for x in mine {
        if !has(old, &x.id) && !has(&out, &x.id) {
            out.push(x.clone());
        }
    }
    out
}

/// One way the server's state after a save differs from what was sent.
/// `None` values mean "no value" (no title, no primary, an empty field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    Title {
        sent: Option<String>,
        now: Option<String>,
    },
    Starred {
        sent: bool,
        now: bool,
    },
    /// Sent, but the server does not have it.
    EmailMissing(String),
    /// Not sent, but the server has it.
    EmailExtra(String),
    Primary {
        sent: Option<String>,
        now: Option<String>,
    },
    /// A custom field, a detail, or the phone, tag or list set, by name,
    /// with both values as shown.
    Field {
        name: String,
        sent: Option<String>,
        now: Option<String>,
    },
}

/// What the server holds after a save that differs from what was sent.
/// `sent` is the form the PUT was built from, `now` the form of the contact
/// read back. The order of emails and of a multi-select's options does not
/// count. A list that was not sent (unknown when loaded) or that the read
/// back did not carry is not compared.
pub fn readback_differences(sent: &ContactForm, now: &ContactForm) -> Vec<Difference> {
    let mut out = vec![];
    if sent.title != now.title {
        out.push(Difference::Title {
            sent: sent.title.clone(),
            now: now.title.clone(),
        });
    }
    if sent.starred != now.starred {
        out.push(Difference::Starred {
            sent: sent.starred,
            now: now.starred,
        });
    }
    for d in Detail::ALL {
        let (a, b) = (sent.details.get(&d), now.details.get(&d));
        if a != b {
            out.push(Difference::Field {
                name: d.label().to_string(),
                sent: a.cloned(),
                now: b.cloned(),
            });
        }
    }
    let set_text = |names: Vec<String>| (!names.is_empty()).then(|| names.join(", "));
    if sent.known.phones && now.known.phones {
        let keyed = |l: &[PhoneRow]| -> Vec<(String, bool)> {
            let mut k: Vec<_> = l.iter().map(|p| (p.key(), p.primary)).collect();
            k.sort();
            k
        };
        if keyed(&sent.phones) != keyed(&now.phones) {
            let shown = |l: &[PhoneRow]| {
                set_text(
                    l.iter()
                        .map(|p| {
                            let star = if p.primary { " (primary)" } else { "" };
                            format!("{}{star}", p.number)
                        })
                        .collect(),
                )
            };
            out.push(Difference::Field {
                name: "Phones".into(),
                sent: shown(&sent.phones),
                now: shown(&now.phones),
            });
        }
    }
    for (name, known, a, b) in [
        (
            "Tags",
            sent.known.tags && now.known.tags,
            &sent.tags,
            &now.tags,
        ),
        (
            "Lists",
            sent.known.lists && now.known.lists,
            &sent.lists,
            &now.lists,
        ),
    ] {
        if known && !super::body::same_ids(a, b) {
            let names = |l: &[Linked]| set_text(l.iter().map(|x| x.name.clone()).collect());
            out.push(Difference::Field {
                name: name.into(),
                sent: names(a),
                now: names(b),
            });
        }
    }
    let emails_known = sent.known.emails && now.known.emails;
    let fields_known = sent.known.custom_fields && now.known.custom_fields;
    let no_emails: &[EmailRow] = &[];
    let (sent_emails, now_emails) = if emails_known {
        (sent.emails.as_slice(), now.emails.as_slice())
    } else {
        (no_emails, no_emails)
    };
    let has = |list: &[EmailRow], a: &str| list.iter().any(|e| e.address.eq_ignore_ascii_case(a));
    for e in sent_emails {
        if !has(now_emails, &e.address) {
            out.push(Difference::EmailMissing(e.address.clone()));
        }
    }
    for e in now_emails {
        if !has(sent_emails, &e.address) {
            out.push(Difference::EmailExtra(e.address.clone()));
        }
    }
    let primary = |list: &[EmailRow]| {
        list.iter()
            .find(|e| e.primary)
            .map(|e| e.address.to_lowercase())
    };
    if primary(sent_emails) != primary(now_emails) {
        out.push(Difference::Primary {
            sent: primary(sent_emails),
            now: primary(now_emails),
        });
    }
    let write = |row: &FieldRow| -> Option<Value> {
        match row.value.to_write(&row.field_type, row.def.as_deref()) {
            Ok(v) => v.map(|v| unordered(&v)),
            // Not valid as it is: compare what would be shown.
            Err(_) => Some(Value::String(row.display())),
        }
    };
    let no_fields: &[FieldRow] = &[];
    let (sent_fields, now_fields) = if fields_known {
        (sent.fields.as_slice(), now.fields.as_slice())
    } else {
        (no_fields, no_fields)
    };
    let ids = sent_fields.iter().chain(now_fields).map(|f| f.id.as_str());
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            continue;
        }
        let a = sent_fields.iter().find(|f| f.id == id);
        let b = now_fields.iter().find(|f| f.id == id);
        if a.and_then(write) != b.and_then(write) {
            let name = a.or(b).map_or(id, |f| f.name.as_str());
            out.push(Difference::Field {
                name: name.to_string(),
                sent: a.and_then(shown_value),
                now: b.and_then(shown_value),
            });
        }
    }
    out
}

/// A row's value as shown, `None` when it has none.
fn shown_value(row: &FieldRow) -> Option<String> {
    (!row.value.is_empty()).then(|| row.display())
}

fn shown(row: &FieldRow) -> String {
    if row.value.is_empty() {
        "(empty)".into()
    } else {
        row.display()
    }
}

/// A value that both the user and someone else changed, to different
/// values: a rebase keeps the user's and asks which one should stay.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub name: String,
    pub mine: String,
    pub theirs: String,
    pub target: ClashTarget,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClashTarget {
    Title,
    Detail(Detail),
    /// A custom field, by definition id.
    Field(String),
}

/// The values changed on both sides, differently, in form order.
pub fn clashes(old_base: &ContactForm, mine: &ContactForm, new_base: &ContactForm) -> Vec<Clash> {
    let mut out = vec![];
    if mine.title != old_base.title
        && new_base.title != old_base.title
        && mine.title != new_base.title
    {
        let t = |t: &Option<String>| t.clone().unwrap_or_else(|| "(none)".into());
        out.push(Clash {
            name: "Title".into(),
            mine: t(&mine.title),
            theirs: t(&new_base.title),
            target: ClashTarget::Title,
        });
    }
    for d in Detail::ALL {
        let (old, my, their) = (
            old_base.details.get(&d),
            mine.details.get(&d),
            new_base.details.get(&d),
        );
        if my != old && their != old && my != their {
            let t = |v: Option<&String>| v.map_or_else(|| "(none)".to_string(), Clone::clone);
            out.push(Clash {
                name: d.label().into(),
                mine: t(my),
                theirs: t(their),
                target: ClashTarget::Detail(d),
            });
        }
    }
    for theirs in &new_base.fields {
        let old = old_base.fields.iter().find(|r| r.id == theirs.id);
        let my = mine.fields.iter().find(|r| r.id == theirs.id);
        let old_value = old.map_or(&FieldValue::Empty, |r| &r.value);
        if let Some(my) = my
            && &my.value != old_value
            && &theirs.value != old_value
            && my.value != theirs.value
        {
            out.push(Clash {
                name: theirs.name.clone(),
                mine: shown(my),
                theirs: shown(theirs),
                target: ClashTarget::Field(theirs.id.clone()),
            });
        }
    }
    out
}

/// Puts the server's value back for one clash.
pub fn take_theirs(form: &mut ContactForm, new_base: &ContactForm, target: &ClashTarget) {
    match target {
        ClashTarget::Title => form.title = new_base.title.clone(),
        ClashTarget::Detail(d) => match new_base.details.get(d) {
            Some(v) => {
                form.details.insert(*d, v.clone());
            }
            None => {
                form.details.remove(d);
            }
        },
        ClashTarget::Field(id) => {
            let theirs = new_base.fields.iter().find(|r| &r.id == id);
            if let (Some(row), Some(theirs)) =
                (form.fields.iter_mut().find(|r| &r.id == id), theirs)
            {
                row.value = theirs.value.clone();
            }
        }
    }
}

/// A value with any list of strings sorted, for comparisons where the
/// order of chosen options means nothing.
fn unordered(v: &Value) -> Value {
    match v {
        Value::Array(items) if items.iter().all(Value::is_string) => {
            let mut items = items.clone();
            items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            Value::Array(items)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defs() -> Vec<CustomFieldDef> {
        serde_json::from_value(json!([
            {"id": "n", "name": "Lead Score", "field_type": "NUMERIC"},
            {"id": "m", "name": "Regions", "field_type": "MULTI_SELECT",
             "multi_select_options": [{"id": "a", "value": "EMEA"}, {"id": "b", "value": "APAC"}]},
            {"id": "t", "name": "Nickname", "field_type": "SINGLE_LINE_TEXT"}
        ]))
        .unwrap()
    }

    fn contact(title: &str, fields: Value, emails: Value) -> Contact {
        serde_json::from_value(json!({
            "id": "c1", "first_name": "A", "last_name": "B", "title": title,
            "is_starred": false, "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-02T00:00:00Z",
            "emails": emails, "custom_fields": fields
        }))
        .unwrap()
    }

    fn form(title: &str, fields: Value) -> ContactForm {
        let emails = json!([{"email_address": "a@b.co", "is_primary": true}]);
        ContactForm::from_contact(&contact(title, fields, emails), &defs())
    }

    #[test]
    fn read_back_ignores_option_order_and_shows_both_values() {
        let sent = form(
            "T",
            json!([{"id": "m", "value": ["b", "a"]}, {"id": "n", "value": 88}]),
        );
        let same = form(
            "T",
            json!([{"id": "m", "value": ["a", "b"]}, {"id": "n", "value": 88}]),
        );
        assert!(readback_differences(&sent, &same).is_empty());
        let changed = form(
            "U",
            json!([{"id": "m", "value": ["a"]}, {"id": "n", "value": 90}]),
        );
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            readback_differences(&sent, &changed),
            vec![
                Difference::Title {
                    sent: some("T"),
                    now: some("U")
                },
                Difference::Field {
                    name: "Lead Score".into(),
                    sent: some("88"),
                    now: some("90")
                },
                Difference::Field {
                    name: "Regions".into(),
                    sent: some("APAC, EMEA"),
                    now: some("EMEA")
                },
            ]
        );
    }

    #[test]
    fn remote_changes_are_listed_item_by_item() {
        let emails = json!([{"email_address": "a@b.co", "is_primary": true}]);
        let loaded = contact("T", json!([{"id": "n", "value": 72}]), emails);
        let mut remote = contact(
            "T",
            json!([{"id": "n", "value": 90}]),
            json!([{"email_address": "a@b.co", "is_primary": true},
                   {"email_address": "new@b.co", "is_primary": false}]),
        );
        assert!(remote_changes(&loaded, &loaded.clone(), &defs()).is_empty());
        let found = remote_changes(&loaded, &remote, &defs());
        assert!(
            !found.is_empty() && found.updated_at.is_none(),
            "a list that changed is a conflict even with the same updated_at"
        );
        assert_eq!(found.shown.emails_added, vec!["new@b.co"]);
        assert_eq!(found.shown.fields.len(), 1);
        assert_eq!(
            (
                found.shown.fields[0].old.as_str(),
                found.shown.fields[0].new.as_str()
            ),
            ("72", "90")
        );
        remote.updated_at = "2025-01-03T00:00:00Z".into();
        assert_eq!(
            remote_changes(&loaded, &remote, &defs()).updated_at,
            Some((
                "2025-01-02T00:00:00Z".to_string(),
                "2025-01-03T00:00:00Z".to_string()
            ))
        );
    }

    #[test]
    fn a_list_a_read_did_not_carry_is_unknown_not_emptied() {
        let emails = json!([{"email_address": "a@b.co", "is_primary": true}]);
        let loaded = contact("T", json!([{"id": "n", "value": 72}]), emails);
        let mut remote = loaded.clone();
        remote.emails = crate::wire::Maybe::Absent;
        remote.custom_fields = crate::wire::Maybe::Null;
        remote.tags = crate::wire::Maybe::Absent;
        assert!(
            remote_changes(&loaded, &remote, &defs()).is_empty(),
            "nothing is reported as removed"
        );
        let sent = ContactForm::from_contact(&loaded, &defs());
        let now = ContactForm::from_contact(&remote, &defs());
        assert!(!now.known.emails && !now.known.custom_fields);
        assert!(readback_differences(&sent, &now).is_empty());
        // A real change is still seen through updated_at.
        remote.updated_at = "2025-01-03T00:00:00Z".into();
        let found = remote_changes(&loaded, &remote, &defs());
        assert!(found.updated_at.is_some() && found.shown.is_empty());
    }

    #[test]
    fn a_value_changed_on_both_sides_is_a_clash_the_rest_merges() {
        let base = form(
            "T",
            json!([{"id": "n", "value": 72}, {"id": "t", "value": "x"}]),
        );
        let mut mine = base.clone();
        mine.fields[0].value = FieldValue::Text("88".into());
        mine.title = Some("Mine".into());
        let theirs = form(
            "T",
            json!([{"id": "n", "value": 90}, {"id": "t", "value": "y"}]),
        );
        let found = clashes(&base, &mine, &theirs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (
                found[0].name.as_str(),
                found[0].mine.as_str(),
                found[0].theirs.as_str()
            ),
            ("Lead Score", "88", "90")
        );
        let mut merged = rebase_form(&base, &mine, &theirs);
        assert_eq!(merged.title.as_deref(), Some("Mine"));
        assert_eq!(
            merged.fields[2].display(),
            "y",
            "their untouched change is kept"
        );
        take_theirs(&mut merged, &theirs, &found[0].target);
        assert_eq!(merged.fields[0].display(), "90");
    }
}
