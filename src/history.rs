//! `--history CONTACT_ID`: the versions of a contact kept before each
//! save, as the text the command prints. Everything from the files is
//! untrusted and passes through [`sanitize`].

use crate::store::Store;
use crate::time::Clock;
use crate::ui::sanitize;

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
        return Ok(out);
    }
    out.push_str(&format!(
        "Versions of {id_shown} kept before each save, newest first:\n"
    ));
    for (i, e) in entries.iter().enumerate() {
        let c = &e.contact;
        let emails = c.emails.get().map_or(0, Vec::len);
        let fields = c.custom_fields.get().map_or(0, Vec::len);
        out.push_str(&format!(
            "  @{:<3} kept {}  (updated {})  {} · {} · {} emails, {} custom field values\n",
            i + 1,
            sanitize(&clock.local(&e.saved_at)),
            sanitize(&clock.local(&c.updated_at)),
            sanitize(&c.display_name()),
            sanitize(c.title.get().map_or("no title", String::as_str)),
            emails,
            fields
        ));
    }
    out.push_str(&format!(
        "Open one to review and save: rolodex-tui{} --revert {id_shown}@N\n",
        sanitize(flags)
    ));
    Ok(out)
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
}
