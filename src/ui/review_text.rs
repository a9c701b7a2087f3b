//! The words of the review before a save, as plain lines with a tone: what
//! changes, section by section, and the confirmation (what the PUT replaces,
//! removes and leaves alone). The review screen styles them by tone; `set`
//! prints them as they are, so the shell and the editor say the same.
//!
//! Text from the server is in these lines as read: whoever shows them
//! sanitises them (the screen when it lays them out, `set` when it prints).

use crate::contact::{ChangeSet, ContactForm, FieldChangeKind, Linked};
use crate::glyphs::Glyphs;
use crate::wire::{FieldType, PutBody};

use super::words::{email_summary, field_summary, not_returned, plural};

/// How a line of the review is meant to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A section's heading, or what must stand out (the request line).
    Strong,
    Plain,
    /// Said for completeness: nothing changed, not sent.
    Dim,
    Added,
    Removed,
    Changed,
    /// What deserves a second look before `y`: a list replaced by nothing.
    Warning,
}

/// One line (a paragraph, when wrapped) of the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub tone: Tone,
    pub text: String,
}

fn line(tone: Tone, text: impl Into<String>) -> ReviewLine {
    ReviewLine {
        tone,
        text: text.into(),
    }
}

/// The confirmation: its title, then what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub title: &'static str,
    pub lines: Vec<ReviewLine>,
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The diff, section by section, each change as its own line with a glyph
/// (`-` removed, `+` added, `~` changed) so it reads without colour. A USER
/// field's value is named by `user_name` where it knows the id.
pub fn change_lines(
    form: &ContactForm,
    changes: &ChangeSet,
    user_name: &dyn Fn(&str) -> Option<String>,
    g: &Glyphs,
) -> Vec<ReviewLine> {
    let (a, star) = (g.arrow, g.star);
    let mut out = vec![line(Tone::Strong, "Details")];
    if changes.scalars.is_empty() {
        out.push(line(Tone::Dim, "  no detail changed"));
    }
    for s in &changes.scalars {
        out.push(line(
            Tone::Changed,
            format!("  ~ {}: {} {a} {}", s.name, s.old, s.new),
        ));
    }
    for (what, added, removed) in [
        ("tag", &changes.tags_added, &changes.tags_removed),
        ("list", &changes.lists_added, &changes.lists_removed),
    ] {
        for r in removed {
            out.push(line(Tone::Removed, format!("  - {what} {r}  (removed)")));
        }
        for a in added {
            out.push(line(Tone::Added, format!("  + {what} {a}  (added)")));
        }
    }

    let emails_changed = !changes.emails_removed.is_empty()
        || !changes.emails_added.is_empty()
        || changes.primary.is_some();
    out.push(line(
        Tone::Strong,
        if !form.known.emails {
            format!("{}, so not sent", not_returned("Emails"))
        } else if emails_changed {
            format!("Emails: {}", email_summary(changes))
        } else {
            "Emails unchanged".into()
        },
    ));
    for a in &changes.emails_removed {
        out.push(line(Tone::Removed, format!("  - {a}  (removed)")));
    }
    for a in &changes.emails_added {
        out.push(line(Tone::Added, format!("  + {a}  (added)")));
    }
    if let Some((old, new)) = &changes.primary {
        let old_removed = old.as_ref().is_some_and(|o| {
            changes
                .emails_removed
                .iter()
                .any(|r| r.eq_ignore_ascii_case(o))
        });
        let text = match (old, new, old_removed) {
            (Some(o), Some(n), true) => {
                format!("  {star} {n} becomes primary (the old primary, {o}, is removed)")
            }
            (_, None, _) => format!("  {star} no primary address: no address is left"),
            (Some(o), Some(n), false) => format!("  {star} primary: {o} {a} {n}"),
            (None, Some(n), _) => format!("  {star} {n} becomes primary"),
        };
        out.push(line(Tone::Changed, text));
    }

    let phones_changed = !changes.phones_removed.is_empty()
        || !changes.phones_added.is_empty()
        || changes.phone_primary.is_some();
    out.push(line(
        Tone::Strong,
        if !form.known.phones {
            format!("{}, so not sent", not_returned("Phones"))
        } else if phones_changed {
            let mut parts = vec![];
            if !changes.phones_removed.is_empty() {
                parts.push(format!("{} removed", changes.phones_removed.len()));
            }
            if !changes.phones_added.is_empty() {
                parts.push(format!("{} added", changes.phones_added.len()));
            }
            if parts.is_empty() {
                parts.push("a new primary".to_string());
            }
            format!("Phones: {}", parts.join(", "))
        } else {
            "Phones unchanged".into()
        },
    ));
    for p in &changes.phones_removed {
        out.push(line(Tone::Removed, format!("  - {p}  (removed)")));
    }
    for p in &changes.phones_added {
        out.push(line(Tone::Added, format!("  + {p}  (added)")));
    }
    if let Some((old, new)) = &changes.phone_primary {
        let old_removed = old
            .as_ref()
            .is_some_and(|o| changes.phones_removed.contains(o));
        let text = match (old, new) {
            (Some(o), Some(n)) if old_removed => {
                format!("  {star} {n} becomes primary (the old primary, {o}, is removed)")
            }
            (Some(o), Some(n)) => format!("  {star} primary: {o} {a} {n}"),
            (None, Some(n)) => format!("  {star} {n} becomes primary"),
            (_, None) => format!("  {star} no primary number: no number is left"),
        };
        out.push(line(Tone::Changed, text));
    }

    out.push(line(
        Tone::Strong,
        if form.known.custom_fields {
            capitalised(&field_summary(changes))
        } else {
            format!("{}, so not sent", not_returned("Custom fields"))
        },
    ));
    let shown = |id: &str, text: &str| -> String {
        let is_user = form
            .fields
            .iter()
            .any(|f| f.id == id && f.field_type == FieldType::User);
        match is_user.then(|| user_name(text)).flatten() {
            Some(name) => name,
            None => text.to_string(),
        }
    };
    for f in &changes.fields {
        let (old, new) = (shown(&f.id, &f.old), shown(&f.id, &f.new));
        out.push(match f.kind {
            FieldChangeKind::Added => line(Tone::Added, format!("  + {}: {new}  (added)", f.name)),
            FieldChangeKind::Changed => {
                line(Tone::Changed, format!("  ~ {}: {old} {a} {new}", f.name))
            }
            FieldChangeKind::Cleared => {
                line(Tone::Removed, format!("  - {}: {old}  (cleared)", f.name))
            }
        });
    }
    if !changes.passed_through.is_empty() {
        out.push(line(
            Tone::Strong,
            "Sent unchanged (not understood by this client)",
        ));
        out.push(line(
            Tone::Dim,
            format!("  = {}", changes.passed_through.join(", ")),
        ));
    }
    out
}

/// The confirmation for a PUT of `body` to `address`: the request, what it
/// replaces on the server, what is removed, and what is left alone.
pub fn confirmation(
    address: &str,
    dry_run: bool,
    body: &PutBody,
    form: Option<&ContactForm>,
    changes: &ChangeSet,
) -> Confirmation {
    let title = if dry_run {
        "Dry run: nothing will be sent"
    } else {
        "Send this change?"
    };
    let mut d = vec![line(Tone::Strong, format!("PUT {address}"))];
    if dry_run {
        d.push(line(
            Tone::Strong,
            "--dry-run: y shows this exact request instead of sending it. It would:",
        ));
    }
    match &body.emails {
        None => d.push(line(
            Tone::Dim,
            format!(
                "{}: NOT sent, so the emails on the server are left as they are.",
                not_returned("Emails")
            ),
        )),
        Some(emails) if emails.is_empty() => d.push(line(
            Tone::Warning,
            "On the server this REPLACES the email list with an empty one: the contact will \
             have no email address.",
        )),
        Some(emails) => {
            let list: Vec<String> = emails
                .iter()
                .map(|e| {
                    if e.is_primary {
                        format!("{} (primary)", e.email_address)
                    } else {
                        e.email_address.clone()
                    }
                })
                .collect();
            d.push(line(
                Tone::Plain,
                format!(
                    "On the server this REPLACES the email list with exactly the {} shown:",
                    plural(emails.len(), "email", "emails")
                ),
            ));
            d.push(line(Tone::Plain, format!("    {}", list.join(", "))));
        }
    }
    let and = if body.emails.is_some() {
        "It also "
    } else {
        "It "
    };
    d.push(match &body.custom_fields {
        None => line(
            Tone::Dim,
            format!(
                "{}: NOT sent, so every value on the server is left as it is.",
                not_returned("Custom fields")
            ),
        ),
        Some(fields) if fields.is_empty() => line(
            Tone::Warning,
            format!(
                "{and}REPLACES the custom field list with an empty one: every custom field \
                 value is removed."
            ),
        ),
        Some(fields) => line(
            Tone::Plain,
            format!(
                "{and}REPLACES the custom field list with exactly {}: your changes above \
                 plus every other field's value as it was loaded.",
                plural(fields.len(), "value", "values")
            ),
        ),
    });
    let names = |l: &[Linked]| -> Vec<String> { l.iter().map(|x| x.name.clone()).collect() };
    let tag_names = form.map(|f| names(&f.tags)).unwrap_or_default();
    let list_names = form.map(|f| names(&f.lists)).unwrap_or_default();
    if let Some(phones) = &body.phone_numbers {
        let list: Vec<String> = form
            .map(|f| {
                f.phones
                    .iter()
                    .map(|p| {
                        if p.primary {
                            format!("{} (primary)", p.number)
                        } else {
                            p.number.clone()
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        d.push(line(
            Tone::Plain,
            format!(
                "It REPLACES the phone list with exactly {}:",
                plural(phones.len(), "number", "numbers")
            ),
        ));
        d.push(line(Tone::Plain, format!("    {}", list.join(", "))));
    }
    for (what, sent, names) in [
        ("tag", &body.tags, &tag_names),
        ("list", &body.lists, &list_names),
    ] {
        if let Some(ids) = sent {
            d.push(if ids.is_empty() {
                line(
                    Tone::Warning,
                    format!("It REPLACES the {what}s with none: the contact keeps no {what}."),
                )
            } else {
                line(
                    Tone::Plain,
                    format!(
                        "It REPLACES the {what}s with exactly {}: {}.",
                        plural(ids.len(), what, &format!("{what}s")),
                        names.join(", ")
                    ),
                )
            });
        }
    }
    let mut removed: Vec<String> = changes
        .emails_removed
        .iter()
        .map(|a| format!("email {a}"))
        .collect();
    removed.extend(changes.phones_removed.iter().map(|p| format!("phone {p}")));
    removed.extend(changes.tags_removed.iter().map(|t| format!("tag {t}")));
    removed.extend(changes.lists_removed.iter().map(|l| format!("list {l}")));
    removed.extend(
        changes
            .fields_of(FieldChangeKind::Cleared)
            .map(|f| format!("{} (cleared)", f.name)),
    );
    d.push(if removed.is_empty() {
        line(Tone::Plain, "Nothing is removed.")
    } else {
        line(Tone::Removed, format!("Removed: {}.", removed.join(", ")))
    });
    // Lists the server did not return are said as everywhere else, each on
    // its own line (emails and custom fields have theirs above).
    let known = form.map(|f| f.known).unwrap_or_default();
    let unknown = [
        (known.phones, "Phone numbers"),
        (known.tags, "Tags"),
        (known.lists, "Lists"),
    ];
    for (_, name) in unknown.iter().filter(|(known, _)| !known) {
        d.push(line(
            Tone::Dim,
            format!("{}: NOT sent, so left as they are.", not_returned(name)),
        ));
    }
    let mut left = vec![];
    if body.emails.is_none() && known.emails {
        left.push("emails");
    }
    if body.custom_fields.is_none() && known.custom_fields {
        left.push("custom fields");
    }
    if body.phone_numbers.is_none() && known.phones {
        left.push("phone numbers");
    }
    left.push("companies");
    if body.tags.is_none() && known.tags {
        left.push("tags");
    }
    if body.lists.is_none() && known.lists {
        left.push("lists");
    }
    left.push("notes");
    d.push(line(
        Tone::Plain,
        format!("Not sent, so left as they are: {}.", left.join(", ")),
    ));
    Confirmation { title, lines: d }
}
