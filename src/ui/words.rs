//! The wording of what the domain returns as data: changes, the server's
//! changes since a read, read-back differences, relationship items, and
//! how a read in progress and this session's read path are said. One place,
//! so the same thing is always said the same way.

use crate::glyphs::Glyphs;
use serde_json::Value;

use crate::api::client::{ReadEvent, ReadPath};
use crate::app::lookup_reason_text;
use crate::contact::{ChangeSet, Difference, FieldChangeKind, RemoteChanges};
use crate::wire::PutBody;

/// `1 email`, `2 emails`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 emails removed, 1 added, primary changed" — the review's email line.
pub fn email_summary(changes: &ChangeSet) -> String {
    let mut parts = vec![];
    if !changes.emails_removed.is_empty() {
        parts.push(format!(
            "{} removed",
            plural(changes.emails_removed.len(), "email", "emails")
        ));
    }
    if !changes.emails_added.is_empty() {
        let n = changes.emails_added.len();
        parts.push(if parts.is_empty() {
            format!("{} added", plural(n, "email", "emails"))
        } else {
            format!("{n} added")
        });
    }
    if changes.primary.is_some() {
        parts.push("primary changed".into());
    }
    if parts.is_empty() {
        "emails unchanged".into()
    } else {
        parts.join(", ")
    }
}

/// "custom fields: 1 changed, 0 added, 1 cleared" — the review's field line.
pub fn field_summary(changes: &ChangeSet) -> String {
    let count = |k| changes.fields_of(k).count();
    let (added, changed, cleared) = (
        count(FieldChangeKind::Added),
        count(FieldChangeKind::Changed),
        count(FieldChangeKind::Cleared),
    );
    if added + changed + cleared == 0 {
        return "custom fields unchanged".into();
    }
    format!("custom fields: {changed} changed, {added} added, {cleared} cleared")
}

/// Every change as one line, item by item: `Title: a → b`,
/// `email added: x@y.co`, `Lead Score: 72 → 90`.
pub fn change_lines(changes: &ChangeSet, g: &Glyphs) -> Vec<String> {
    let a = g.arrow;
    let mut out: Vec<String> = changes
        .scalars
        .iter()
        .map(|s| format!("{}: {} {a} {}", s.name, s.old, s.new))
        .collect();
    out.extend(
        changes
            .emails_removed
            .iter()
            .map(|e| format!("email removed: {e}")),
    );
    out.extend(
        changes
            .emails_added
            .iter()
            .map(|e| format!("email added: {e}")),
    );
    if let Some((old, new)) = &changes.primary {
        let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "(none)".into());
        out.push(format!("primary email: {} {a} {}", show(old), show(new)));
    }
    out.extend(changes.fields.iter().map(|f| match f.kind {
        FieldChangeKind::Added => format!("{}: set to {}", f.name, f.new),
        FieldChangeKind::Cleared => format!("{}: cleared (was {})", f.name, f.old),
        FieldChangeKind::Changed => format!("{}: {} {a} {}", f.name, f.old, f.new),
    }));
    let items = [
        ("phone number removed", &changes.phones_removed),
        ("phone number added", &changes.phones_added),
        ("tag removed", &changes.tags_removed),
        ("tag added", &changes.tags_added),
        ("list removed", &changes.lists_removed),
        ("list added", &changes.lists_added),
    ];
    for (what, list) in items {
        out.extend(list.iter().map(|item| format!("{what}: {item}")));
    }
    if let Some((old, new)) = &changes.phone_primary {
        let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "(none)".into());
        out.push(format!(
            "primary phone number: {} {a} {}",
            show(old),
            show(new)
        ));
    }
    out
}

/// The lists a save sends whole, by name, that the server changed since
/// the edit was loaded: overwriting replaces their change with this edit's
/// list. Lists this edit leaves out of the body stay as the server has them.
pub fn overwritten_lists(remote: &RemoteChanges, body: &PutBody) -> Vec<&'static str> {
    let s = &remote.shown;
    let emails = !s.emails_removed.is_empty() || !s.emails_added.is_empty() || s.primary.is_some();
    let phones =
        !s.phones_removed.is_empty() || !s.phones_added.is_empty() || s.phone_primary.is_some();
    let tags = !s.tags_removed.is_empty() || !s.tags_added.is_empty();
    let lists = !s.lists_removed.is_empty() || !s.lists_added.is_empty();
    [
        (
            "emails",
            emails || remote.emails_reordered,
            body.emails.is_some(),
        ),
        (
            "custom fields",
            !s.fields.is_empty() || remote.values_rewritten,
            body.custom_fields.is_some(),
        ),
        ("phone numbers", phones, body.phone_numbers.is_some()),
        ("tags", tags, body.tags.is_some()),
        ("lists", lists, body.lists.is_some()),
    ]
    .into_iter()
    .filter(|(_, changed, sent)| *changed && *sent)
    .map(|(name, _, _)| name)
    .collect()
}

/// What changed on the server, one line per item, for the conflict screen.
pub fn remote_change_lines(remote: &RemoteChanges, g: &Glyphs) -> Vec<String> {
    let mut out = vec![];
    if let Some((before, after)) = &remote.updated_at {
        out.push(format!("updated_at: {before} {} {after}", g.arrow));
    }
    out.extend(change_lines(&remote.shown, g));
    if remote.emails_reordered {
        out.push("emails: the list changed (order or spelling)".into());
    }
    if remote.values_rewritten {
        out.push("custom fields: stored values changed".into());
    }
    out.extend(remote.relationships.iter().map(|name| {
        format!(
            "{} changed (not edited here; a save leaves them as they are)",
            name.replace('_', " ")
        )
    }));
    out
}

/// One read-back difference with both values: `Lead Score: sent 88, server
/// has 90`.
pub fn difference_line(d: &Difference) -> String {
    let or = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_string());
    match d {
        Difference::Title { sent, now } => {
            let title = |t: &Option<String>| match t {
                None => "no title".to_string(),
                Some(t) => format!("{t:?}"),
            };
            format!("Title: sent {}, server has {}", title(sent), title(now))
        }
        Difference::Starred { sent, now } => {
            let yes = |b: bool| if b { "starred" } else { "not starred" };
            format!("Starred: sent {}, server has {}", yes(*sent), yes(*now))
        }
        Difference::EmailMissing(a) => format!("email {a}: sent, the server does not have it"),
        Difference::EmailExtra(a) => format!("email {a}: not sent, the server has it"),
        Difference::Primary { sent, now } => format!(
            "primary email: sent {}, server has {}",
            or(sent, "none"),
            or(now, "none")
        ),
        Difference::Field { name, sent, now } => format!(
            "{name}: sent {}, server has {}",
            or(sent, "(empty)"),
            or(now, "(empty)")
        ),
    }
}

/// The id and display name of a tag, list or note item, in either the
/// wrapped (`{"tag": {"id", "name"}}`) or the flat (`{"id", "name"}`) form.
/// `key` is the wrapper name (`tag`, `list`, `note`). Notes carry `body`
/// instead of `name`.
pub fn related_label(item: &Value, key: &str) -> Option<String> {
    let inner = item.get(key).filter(|v| v.is_object()).unwrap_or(item);
    ["name", "body", "value"]
        .iter()
        .find_map(|f| inner.get(*f).and_then(Value::as_str))
        .map(str::to_string)
        .or_else(|| inner.get("id").and_then(Value::as_str).map(str::to_string))
}

/// What every place that shows a relationship list (the editor's rows and
/// panes, the review, `get`) says of one the server did not return: it is
/// unknown, which is not the same as empty.
pub const NOT_RETURNED: &str = "not returned by the server (unknown, not empty)";

/// `Emails: not returned by the server (unknown, not empty)`: a list the
/// server did not return, by its name.
pub fn not_returned(name: &str) -> String {
    format!("{name}: {NOT_RETURNED}")
}

/// A relationship list as every place says it: its items joined by `sep`,
/// `none` when the server returned it empty, [`NOT_RETURNED`] when it did
/// not return it.
pub fn list_words(list: Option<Vec<String>>, sep: &str) -> String {
    match list {
        None => NOT_RETURNED.to_string(),
        Some(items) if items.is_empty() => "none".to_string(),
        Some(items) => items.join(sep),
    }
}

/// The contact's companies, as [`list_words`] says them.
pub fn companies_text(c: &crate::wire::Contact, g: &Glyphs) -> String {
    list_words(
        c.companies
            .get()
            .map(|items| items.iter().filter_map(|i| company_label(i, g)).collect()),
        "; ",
    )
}

/// The notes' count and the first line of the first one, as
/// [`list_words`] says a list.
pub fn notes_text(c: &crate::wire::Contact) -> String {
    let Some(notes) = c.notes.get() else {
        return NOT_RETURNED.to_string();
    };
    let first = notes
        .first()
        .and_then(|n| related_label(n, "note"))
        .and_then(|t| t.lines().next().map(str::to_string))
        .unwrap_or_default();
    match notes.len() {
        0 => "none".to_string(),
        1 => format!("1 note: {first}"),
        n => format!("{n} notes; first: {first}"),
    }
}

/// A readable one-line label for a phone number item.
pub fn phone_label(item: &Value) -> Option<String> {
    let number = item
        .get("phone_number")
        .and_then(Value::as_str)
        .or_else(|| item.as_str())?;
    let primary = item
        .get("is_primary")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Some(if primary {
        format!("{number} (primary)")
    } else {
        number.to_string()
    })
}

/// A readable one-line label for a company item.
pub fn company_label(item: &Value, g: &Glyphs) -> Option<String> {
    let inner = item
        .get("company")
        .filter(|v| v.is_object())
        .unwrap_or(item);
    let name = inner
        .get("name")
        .and_then(Value::as_str)
        .or_else(|| inner.get("id").and_then(Value::as_str))
        .or_else(|| item.as_str())?;
    match item.get("title").and_then(Value::as_str) {
        Some(t) if !t.is_empty() => Some(format!("{name} {} {t}", g.dash)),
        _ => Some(name.to_string()),
    }
}

/// What a read in progress is doing, as one sentence: "the server's contact
/// read had no email list; looking the contact up in the contact list, page
/// 3 of 31", or a rate-limit countdown.
pub fn progress_text(event: &ReadEvent) -> Option<String> {
    match event {
        ReadEvent::PathChosen(_) => None,
        ReadEvent::LookingUp {
            reason,
            page,
            pages,
        } => Some(format!(
            "{}; looking the contact up in the contact list, page {page} of {pages}",
            lookup_reason_text(reason)
        )),
        ReadEvent::RateLimited {
            seconds_left,
            attempt,
            of,
        } => Some(format!(
            "The server is rate limiting (HTTP 429): trying again in {seconds_left} s \
             (retry {attempt} of {of})"
        )),
    }
}

/// The read path, for the help screen.
pub fn path_text(path: Option<&ReadPath>) -> String {
    match path {
        None => "not chosen yet (chosen by the first read)".into(),
        Some(ReadPath::Single) => {
            "GET /contacts/:id returns every list: the conflict check and the read-back use it too"
                .into()
        }
        Some(ReadPath::ListLookup(reason)) => format!(
            "{}, so contacts are looked up in GET /contacts?include=… (also for the conflict \
             check and the read-back)",
            lookup_reason_text(reason)
        ),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a body sends, in words, in the order of the form: what a save, or
/// an overwrite, puts on the server.
pub fn sent_parts(body: &PutBody) -> Vec<&'static str> {
    let mut out = vec![];
    if body.title.is_some() {
        out.push("title");
    }
    out.push("starred flag");
    if !body.scalars.is_empty() {
        out.push("other details");
    }
    let lists = [
        ("emails", body.emails.is_some()),
        ("phone numbers", body.phone_numbers.is_some()),
        ("tags", body.tags.is_some()),
        ("lists", body.lists.is_some()),
        ("custom fields", body.custom_fields.is_some()),
    ];
    out.extend(lists.into_iter().filter(|(_, sent)| *sent).map(|(n, _)| n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn related_items_read_in_both_forms() {
        assert_eq!(
            related_label(&json!({"tag": {"id": "t", "name": "VIP"}}), "tag").as_deref(),
            Some("VIP")
        );
        assert_eq!(
            related_label(&json!({"id": "t", "name": "Flat"}), "tag").as_deref(),
            Some("Flat")
        );
        assert_eq!(
            related_label(&json!({"note": {"id": "n", "body": "Met at"}}), "note").as_deref(),
            Some("Met at")
        );
    }

    #[test]
    fn differences_name_both_values() {
        let d = Difference::Field {
            name: "Lead Score".into(),
            sent: Some("88".into()),
            now: None,
        };
        assert_eq!(
            difference_line(&d),
            "Lead Score: sent 88, server has (empty)"
        );
        let t = Difference::Title {
            sent: Some("T".into()),
            now: None,
        };
        assert_eq!(
            difference_line(&t),
            "Title: sent \"T\", server has no title"
        );
    }
}
