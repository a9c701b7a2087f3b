//! `rolodex-tui get` and `rolodex-tui set`: the editor's guarantees from a
//! shell. Both read the contact by the editor's own read path; `set` edits
//! the editor's form ([`edit`]), builds the editor's PUT body, prints the
//! editor's review as plain text, and then saves as the editor does: a
//! conflict check, the PUT, the history entry and the read-back.
//!
//! Results go to stdout, everything else (progress, problems, the prompt)
//! to stderr. Every text from the server is sanitised before it is
//! printed; the key is never printed (the dry run shows it as `***`).

pub mod edit;
pub mod summary;

use std::io::{BufRead, Write};

use crate::api::client::ReadEvent;
use crate::api::{RolodexClient, contact_address};
use crate::app::user_label;
use crate::cli::exit::{CONFLICT, ERROR, INVALID, OK, SAVE_FAILED, USAGE};
use crate::cli::{GetArgs, SetArgs};
use crate::contact::{ContactForm, diff, put_body, readback_differences, remote_changes};
use crate::store::Store;
use crate::time::now_timestamp;
use crate::ui::review_text::{change_lines, confirmation};
use crate::ui::sanitize;
use crate::ui::words::{difference_line, progress_text, remote_change_lines};

use edit::{Workspace, apply, needs};

/// What `get` and `set` run with.
pub struct Shell {
    pub client: RolodexClient,
    /// Where the history is kept; `None` without a state folder.
    pub store: Option<Store>,
    /// Whether stdin and stderr are a terminal a person can answer on.
    pub terminal: bool,
    /// The program's own symbols: ASCII where the locale is not UTF-8.
    pub glyphs: &'static crate::glyphs::Glyphs,
}

/// Prints to stderr, each line sanitised; a closed stderr is no reason to
/// fail.
fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", sanitize(line));
    }
}

/// Prints to stdout, each line sanitised; a closed pipe (`get | head`) is
/// not an error worth a message.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    for line in text.lines() {
        let _ = writeln!(out, "{}", sanitize(line));
    }
    let _ = out.flush();
}

fn report(event: ReadEvent) {
    if let Some(text) = progress_text(&event) {
        say(&format!("rolodex-tui: {text}"));
    }
}

impl Shell {
    /// `get CONTACT_ID [--json]`.
    pub async fn get(&self, args: &GetArgs) -> u8 {
        let (contact, defs) = match self.client.load_with(&args.contact_id, &report).await {
            Ok(loaded) => loaded,
            Err(e) => {
                say(&format!("rolodex-tui: {e}"));
                return ERROR;
            }
        };
        if args.json {
            // Exactly as loaded: the wire model keeps every field it does
            // not know. Every terminal control is escaped, so the JSON is
            // safe on a terminal and reads back the same.
            return match crate::json::to_string_pretty(&contact) {
                Ok(text) => {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
                    OK
                }
                Err(e) => {
                    say(&format!(
                        "rolodex-tui: the contact could not be written as JSON: {e}"
                    ));
                    ERROR
                }
            };
        }
        let has_users = defs
            .iter()
            .any(|d| d.field_type == crate::wire::FieldType::User);
        let users = match has_users {
            true => self.client.workspace_users().await.ok(),
            false => None,
        };
        let clock = crate::time::Clock::system();
        print(&summary::summary(
            &contact,
            &defs,
            users.as_deref(),
            &clock,
            self.glyphs,
        ));
        OK
    }

    /// `set CONTACT_ID …`: one edit, reviewed, confirmed, checked, sent,
    /// kept in the history and read back.
    pub async fn set(&self, args: &SetArgs) -> u8 {
        let id = args.contact_id.as_str();
        let (contact, defs) = match self.client.load_with(id, &report).await {
            Ok(loaded) => loaded,
            Err(e) => {
                say(&format!("rolodex-tui: {e}"));
                return ERROR;
            }
        };
        let ws = self.workspace(args).await;
        let loaded = ContactForm::from_contact(&contact, &defs);
        let mut form = loaded.clone();
        let applied = apply(&mut form, args, &ws);
        for note in &applied.notes {
            say(&format!("note: {note}"));
        }
        if !applied.problems.is_empty() {
            for problem in &applied.problems {
                say(problem);
            }
            say(&format!(
                "rolodex-tui: nothing was sent ({} to fix)",
                crate::ui::words::plural(applied.problems.len(), "problem", "problems")
            ));
            return INVALID;
        }
        let changes = diff(&loaded, &form);
        if changes.is_empty() {
            print(&format!(
                "Nothing to change: {id} already holds these values; nothing was sent."
            ));
            return OK;
        }
        let body = match put_body(&loaded, &form) {
            Ok(body) => body,
            Err(problem) => {
                say(&problem.reason);
                say("rolodex-tui: nothing was sent");
                return INVALID;
            }
        };
        let user_name = |uid: &str| -> Option<String> {
            ws.users
                .as_deref()?
                .iter()
                .find(|u| u.id == uid)
                .map(user_label)
        };
        let address = contact_address(self.client.base_url(), id);
        let mut review = vec![format!("Changes to {} ({id})", contact.display_name())];
        review.extend(
            change_lines(&form, &changes, &user_name, self.glyphs)
                .into_iter()
                .map(|l| l.text),
        );
        review.push(String::new());
        let confirm = confirmation(&address, false, &body, Some(&form), &changes);
        review.extend(confirm.lines.into_iter().map(|l| l.text));
        print(&review.join("\n"));

        if args.dry_run {
            let preview = self.client.preview_put(id, &body);
            print(&format!(
                "\nDry run: nothing was sent. The request would be:\n\n{preview}"
            ));
            return OK;
        }
        if !args.yes {
            if !self.terminal {
                say(
                    "rolodex-tui: nothing was sent: set asks Send? [y/N] on a terminal, and \
                     stdin is not one; pass --yes to send without asking, or --dry-run to see \
                     the request",
                );
                return USAGE;
            }
            if !ask("Send? [y/N] ") {
                say("Nothing was sent.");
                return ERROR;
            }
        }
        self.save(id, &contact, &defs, &form, &body, args.yes).await
    }

    /// The users, tags and lists the flags name, read at the same time.
    async fn workspace(&self, args: &SetArgs) -> Workspace {
        let (users, tags, lists) = needs(args);
        let c = &self.client;
        let (u, t, l) = tokio::join!(
            async {
                if users {
                    Some(c.workspace_users().await)
                } else {
                    None
                }
            },
            async { if tags { Some(c.tags().await) } else { None } },
            async {
                if lists {
                    Some(c.contact_lists().await)
                } else {
                    None
                }
            },
        );
        Workspace {
            // Without the users, a user field takes an id as typed.
            users: u.and_then(Result::ok),
            tags: t.map(|r| r.map_err(|e| e.to_string())),
            lists: l.map(|r| r.map_err(|e| e.to_string())),
        }
    }

    /// The editor's save, step by step: a fresh read to see nobody else
    /// changed the contact, the version it replaces kept in the history,
    /// the PUT, and a read-back compared with what was meant. A history
    /// that cannot be kept stops the save unless `yes` (then it is said).
    async fn save(
        &self,
        id: &str,
        contact: &crate::wire::Contact,
        defs: &[crate::wire::CustomFieldDef],
        form: &ContactForm,
        body: &crate::wire::PutBody,
        yes: bool,
    ) -> u8 {
        let remote = match self.client.read_contact(id, &report).await {
            Ok(remote) => remote,
            Err(e) => {
                say(&format!(
                    "rolodex-tui: could not check the contact before saving: {e}; nothing was sent"
                ));
                return ERROR;
            }
        };
        let changed = remote_changes(contact, &remote, defs);
        if !changed.is_empty() {
            say(&format!(
                "rolodex-tui: {id} changed on the server since it was read; nothing was sent."
            ));
            for line in remote_change_lines(&changed, self.glyphs) {
                say(&format!("  {line}"));
            }
            say(&format!(
                "Open it in the editor to merge your change with theirs: rolodex-tui {id}"
            ));
            return CONFLICT;
        }
        let kept = match &self.store {
            Some(store) => store
                .write_history(&remote, &now_timestamp())
                .map(drop)
                .map_err(|e| e.to_string()),
            None => Err("there is no state folder (set XDG_STATE_HOME or HOME)".into()),
        };
        if let Err(why) = kept {
            if !yes {
                say(&format!(
                    "rolodex-tui: nothing was sent: the version this save replaces cannot be \
                     kept in the save history ({why}), so --revert could not undo it; pass \
                     --yes to save anyway"
                ));
                return ERROR;
            }
            say(&format!(
                "rolodex-tui: the version this save replaces cannot be kept in the save \
                 history ({why}); saving anyway (--yes), so --revert cannot undo it"
            ));
        }
        if let Err(e) = self.client.put_contact(id, body).await {
            say(&format!("rolodex-tui: the save failed: {e}"));
            return SAVE_FAILED;
        }
        let fresh = match self.client.read_contact(id, &report).await {
            Ok(fresh) => fresh,
            Err(e) => {
                say(&format!(
                    "rolodex-tui: saved, but reading the contact back failed: {e}; \
                     rolodex-tui get {id} shows what the server holds"
                ));
                return SAVE_FAILED;
            }
        };
        let now = ContactForm::from_contact(&fresh, defs);
        let differences = readback_differences(form, &now);
        if differences.is_empty() {
            print(&format!(
                "Saved {id} {} updated_at {}",
                self.glyphs.dash, fresh.updated_at
            ));
            return OK;
        }
        say(&format!(
            "rolodex-tui: saved {id} (updated_at {}), but the server holds something else:",
            fresh.updated_at
        ));
        for d in &differences {
            say(&format!("  {}", difference_line(d)));
        }
        SAVE_FAILED
    }
}

/// Asks on stderr and reads one line from stdin: only `y` or `yes` sends.
fn ask(prompt: &str) -> bool {
    {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{prompt}").and_then(|()| err.flush());
    }
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}
