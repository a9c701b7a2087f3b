//! Keeping an edit in step with the server: what changed there since the
//! contact was loaded (the conflict check), carrying an edit over onto a
//! newer version (rebase, also used to restore drafts), and what the server
//! holds after a save that differs from what was sent (the read-back check).

use serde_json::Value;

use crate::api::wire::{Contact, PutBody};

use super::form::{ContactForm, EmailRow, normalize_primary};

/// What differs between the loaded contact and a fresh read of it, by name:
/// `updated_at` and every relationship list.
pub fn remote_changes(loaded: &Contact, remote: &Contact) -> Vec<String> {
    let mut out = vec![];
    if loaded.updated_at != remote.updated_at {
        out.push(format!(
            "updated_at: {} → {}",
            loaded.updated_at, remote.updated_at
        ));
    }
    if loaded.title != remote.title {
        out.push("title".into());
    }
    if loaded.is_starred != remote.is_starred {
        out.push("starred".into());
    }
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
    if emails(loaded) != emails(remote) {
        out.push("emails".into());
    }
    let fields = |c: &Contact| -> Vec<(String, serde_json::Value)> {
        c.custom_fields
            .get()
            .map(|l| l.iter().map(|f| (f.id.clone(), f.raw().clone())).collect())
            .unwrap_or_default()
    };
    if fields(loaded) != fields(remote) {
        out.push("custom fields".into());
    }
    for ((name, a), (_, b)) in loaded
        .untouched_relationships()
        .iter()
        .zip(remote.untouched_relationships().iter())
    {
        if a != b {
            out.push(name.replace('_', " "));
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

/// Names of what the server holds after a save that differs from what was
/// sent: `sent` is the body of the PUT, `now` the body the contact read back
/// would produce. `name_of` turns a custom field id into its name. The order
/// of a multi-select's options and of the emails does not count.
pub fn readback_differences(
    sent: &PutBody,
    now: &PutBody,
    name_of: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out = vec![];
    if sent.title != now.title {
        out.push("title".to_string());
    }
    if sent.is_starred != now.is_starred {
        out.push("starred".to_string());
    }
    let emails = |b: &PutBody| -> Vec<(String, bool)> {
        let mut v: Vec<_> = b
            .emails
            .iter()
            .map(|e| (e.email_address.to_lowercase(), e.is_primary))
            .collect();
        v.sort();
        v
    };
    if emails(sent) != emails(now) {
        out.push("emails".to_string());
    }
    let value_of = |b: &PutBody, id: &str| {
        b.custom_fields
            .iter()
            .find(|f| f.id == id)
            .map(|f| unordered(&f.value))
    };
    let ids = sent
        .custom_fields
        .iter()
        .chain(&now.custom_fields)
        .map(|f| f.id.as_str());
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if seen.insert(id) && value_of(sent, id) != value_of(now, id) {
            out.push(name_of(id));
        }
    }
    out
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
    use crate::api::wire::{CustomFieldWrite, EmailWrite};
    use serde_json::json;

    fn body(fields: Value) -> PutBody {
        PutBody {
            title: Some("T".into()),
            is_starred: false,
            emails: vec![EmailWrite {
                email_address: "a@b.co".into(),
                is_primary: true,
            }],
            custom_fields: serde_json::from_value::<Vec<CustomFieldWrite>>(fields).unwrap(),
        }
    }

    #[test]
    fn read_back_ignores_option_order_and_names_what_differs() {
        let sent = body(json!([{"id": "m", "value": ["b", "a"]}, {"id": "n", "value": 1}]));
        let same = body(json!([{"id": "m", "value": ["a", "b"]}, {"id": "n", "value": 1}]));
        assert!(readback_differences(&sent, &same, str::to_string).is_empty());
        let changed = body(json!([{"id": "m", "value": ["a"]}]));
        assert_eq!(
            readback_differences(&sent, &changed, |id| format!("field {id}")),
            vec!["field m", "field n"]
        );
    }
}
