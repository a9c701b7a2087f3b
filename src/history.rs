//! `--history CONTACT_ID`: the versions of a contact kept before each
//! save, as the text the command prints. Everything from the files is
//! untrusted and passes through [`sanitize`].

use crate::contact::{ContactForm, diff};
use crate::store::Store;
use crate::time::Clock;
use crate::ui::sanitize;
use crate::wire::Contact;

/// The listing for `id` in `store` (the demo's own when `demo`). `other`
/// is the other history (the workspace's for the demo, the demo's for the
/// workspace): when this one has nothing, it is pointed at if it has
/// versions of the same id. `flags` are the options in force, repeated in
/// the hint to revert ([`crate::cli::Cli::flags_in_force`]), so it goes
/// to the same workspace (or demo).
pub fn listing(
    store: &Store,
    other: Option<&Store>,
    id: &str,
    demo: bool,
    flags: &str,
    clock: &Clock,
) -> Result<String, String> {
    let entries = store
        .history(id)
        .map_err(|e| format!("cannot read the save history: {e}"))?;
    let id_shown = sanitize(id);
    let mut out = String::new();
    if entries.is_empty() {
        let whose = if demo { "the demo's own history, " } else { "" };
        out.push_str(&format!(
            "No saved versions of {id_shown} in {whose}{}: a version is kept each time a save \
             replaces it.\n",
            store.root().join("history").display()
        ));
        // The demo and the workspace keep their histories apart: point at
        // the other one when it has versions of this id.
        if let Some(other) = other
            && let Ok(found) = other.history(id)
            && !found.is_empty()
        {
            let (what, flag) = if demo {
                ("Your workspace's history", "")
            } else {
                ("The demo keeps its own history:", " --demo")
            };
            out.push_str(&format!(
                "{what} {} has {} of {id_shown}: rolodex-tui{flag} --history {id_shown}\n",
                other.root().join("history").display(),
                found.len()
            ));
        }
        unknown_note(&mut out, store, id);
        return Ok(out);
    }
    out.push_str(&format!(
        "Versions of {id_shown} kept before each save, newest first, each with what had \
         changed by the next save:\n"
    ));
    for (i, e) in entries.iter().enumerate() {
        let c = &e.contact;
        let emails = c.emails.get().map_or(0, Vec::len);
        let fields = c.custom_fields.get().map_or(0, Vec::len);
        // The save that replaced a version is not stored, but the version
        // the next save replaced is: the difference is what changed in
        // between. The newest was replaced by what the contact is now.
        let then = match i.checked_sub(1).and_then(|newer| entries.get(newer)) {
            Some(newer) => match changed(c, &newer.contact) {
                text if text.is_empty() => "then: nothing the editor shows changed".to_string(),
                text => format!("then changed: {text}"),
            },
            None => {
                "then: the last save (what it changed is on the server, not kept here)".to_string()
            }
        };
        out.push_str(&format!(
            "  @{:<3} kept {}  (updated {})  {} · {} · {} emails, {} custom field values\n\
             {:7}{}\n",
            i + 1,
            sanitize(&clock.local(&e.saved_at)),
            sanitize(&clock.local(&c.updated_at)),
            sanitize(&c.display_name()),
            sanitize(c.title.get().map_or("no title", String::as_str)),
            emails,
            fields,
            "",
            sanitize(&then)
        ));
    }
    out.push_str(&format!(
        "Open one to review and save: rolodex-tui{} --revert {id_shown}@N\n",
        sanitize(flags)
    ));
    unknown_note(&mut out, store, id);
    Ok(out)
}

/// What differs from `older` to `newer`, in a few words: the names of
/// the values that changed, and how many emails and phones
/// (`title, 1 email, Lead Score`). Empty when nothing the editor shows
/// differs.
fn changed(older: &Contact, newer: &Contact) -> String {
    let set = diff(
        &ContactForm::from_contact(older, &[]),
        &ContactForm::from_contact(newer, &[]),
    );
    let mut words: Vec<String> = set.scalars.iter().map(|s| s.name.to_lowercase()).collect();
    let count = |n: usize, one: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {one}s")),
    };
    let emails = set.emails_added.len() + set.emails_removed.len();
    words.extend(count(emails, "email"));
    if emails == 0 && set.primary.is_some() {
        words.push("primary email".into());
    }
    let phones = set.phones_added.len() + set.phones_removed.len();
    words.extend(count(phones, "phone"));
    if phones == 0 && set.phone_primary.is_some() {
        words.push("primary phone".into());
    }
    if !(set.tags_added.is_empty() && set.tags_removed.is_empty()) {
        words.push("tags".into());
    }
    if !(set.lists_added.is_empty() && set.lists_removed.is_empty()) {
        words.push("lists".into());
    }
    words.extend(set.fields.iter().map(|f| f.name.clone()));
    words.join(", ")
}

/// Versions of this contact id from before history was kept per
/// workspace: pointed at, never listed as this workspace's.
fn unknown_note(out: &mut String, store: &Store, id: &str) {
    let Some(unknown) = store.unknown_workspace() else {
        return;
    };
    if let Ok(found) = unknown.history(id)
        && !found.is_empty()
    {
        out.push_str(&format!(
            "{} more version(s) of {} from before history was kept per workspace are in {} \
             (their workspace is not recorded)\n",
            found.len(),
            sanitize(id),
            unknown.root().join("history").display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> Clock {
        Clock {
            zone: jiff::tz::TimeZone::UTC,
            now: None,
        }
    }

    #[test]
    fn an_empty_history_says_where_it_looked_and_points_at_the_other() {
        let dir = std::env::temp_dir().join(format!("rolodex-history-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let workspace = Store::new(dir.join("w"));
        let demo = Store::new(dir.join("d"));
        let contact: crate::wire::Contact = serde_json::from_value(serde_json::json!({
            "id": "c1", "is_starred": false, "title": "T\u{1b}[2J",
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z"
        }))
        .unwrap();
        demo.write_history(&contact, "2026-01-01T00:00:00Z")
            .unwrap();
        let text = listing(&workspace, Some(&demo), "c1", false, "", &utc()).unwrap();
        assert!(text.contains("No saved versions of c1 in"), "{text}");
        assert!(
            text.contains(&dir.join("w").join("history").display().to_string()),
            "{text}"
        );
        assert!(text.contains("rolodex-tui --demo --history c1"), "{text}");
        let text = listing(&demo, Some(&workspace), "c1", true, " --demo", &utc()).unwrap();
        assert!(text.contains("@1") && !text.contains('\u{1b}'), "{text}");
        assert!(
            text.contains("rolodex-tui --demo --revert c1@N"),
            "the hint repeats --demo: {text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn version(title: &str, emails: &[&str], score: i64) -> crate::wire::Contact {
        let emails: Vec<_> = emails
            .iter()
            .map(|e| serde_json::json!({"email_address": e, "is_primary": false}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "c1", "is_starred": false, "title": title,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
            "emails": emails,
            "custom_fields": [{"id": "field_123", "name": "Lead Score", "value": score}]
        }))
        .unwrap()
    }

    #[test]
    fn each_version_says_what_changed_next_and_each_workspace_lists_its_own() {
        let dir = std::env::temp_dir().join(format!("rolodex-history-ws-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let state = Store::new(&dir);
        let here = state.for_workspace(&crate::store::workspace_of("https://a.example.com/v1"));
        let there = state.for_workspace(&crate::store::workspace_of("https://b.example.com/v1"));
        here.write_history(&version("CTO", &["a@b.co"], 72), "2026-01-01T00:00:00Z")
            .unwrap();
        here.write_history(
            &version("CEO", &["a@b.co", "c@d.co"], 88),
            "2026-01-02T00:00:00Z",
        )
        .unwrap();
        here.write_history(
            &version("CEO", &["a@b.co", "c@d.co"], 88),
            "2026-01-03T00:00:00Z",
        )
        .unwrap();
        let text = listing(&here, None, "c1", false, "", &utc()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].starts_with("  @1 "), "{text}");
        assert!(lines[2].contains("then: the last save"), "{text}");
        assert!(
            lines[4].contains("then: nothing the editor shows changed"),
            "{text}"
        );
        assert!(
            lines[6]
                .trim_start()
                .starts_with("then changed: title, 1 email, Lead Score"),
            "{text}"
        );

        // Another workspace with the same contact id has none of them.
        let text = listing(&there, None, "c1", false, "", &utc()).unwrap();
        assert!(text.starts_with("No saved versions of c1"), "{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
