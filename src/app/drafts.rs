//! Drafts and revert: journaling every change, offering a draft left by an
//! earlier run, and filling the editor with a version from the save history.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::contact::{SetAside, Unusable};

use super::keys::{Action, Context};
use super::model::{Model, StatusKind};
use super::msg::{Effect, Local};
use super::overlay::Overlay;

/// The journal entry for a message that changed the form: the draft of a
/// dirty form, or no draft for a form back to what was loaded. `before` is
/// the editor's revision before the message. Nothing while another editor
/// has the contact open: its draft is that editor's.
pub(super) fn journal(model: &Model, before: Option<u64>) -> Option<Effect> {
    if !model.journal.journals() {
        return None;
    }
    let ed = model.editor()?;
    if before.is_none_or(|b| b == ed.revision()) {
        return None;
    }
    Some(if ed.is_dirty() {
        Local::WriteDraft(Box::new(model.draft()?)).into()
    } else {
        Local::DeleteDraft {
            id: model.contact_id.clone(),
        }
        .into()
    })
}

/// Once both the editor and a found draft are there, asks whether to restore it.
pub(super) fn offer_draft(model: &mut Model) {
    let Some(ed) = model.editor() else {
        return;
    };
    if ed.overlay.is_some() {
        return;
    }
    if let Some(draft) = model.found_draft.take()
        && let Some(ed) = model.editor_mut()
    {
        ed.overlay = Some(Overlay::RestoreDraft(draft));
    }
}

/// The draft kept for this contact, if any: offered, unless it records
/// another workspace (a safety net: each workspace keeps its drafts in a
/// folder of its own). A draft given with `--draft FILE` stays the one
/// offered.
pub(super) fn on_draft_read(model: &mut Model, draft: Option<Box<crate::contact::Draft>>) {
    let draft = match draft {
        Some(d) if d.base_url.as_ref().is_some_and(|w| *w != model.workspace) => {
            let made_in = d.base_url.clone().unwrap_or_default();
            model.warn_about_draft(format!(
                "The draft kept for this contact was made in another workspace ({made_in}): \
                 it is not offered here"
            ));
            None
        }
        other => other,
    };
    model.found_draft = draft.or(model.found_draft.take());
    offer_draft(model);
}

/// No draft in this workspace, but one from before drafts were kept per
/// workspace: where it is and how to open it, never offered, since it
/// may be another workspace's.
pub(super) fn on_draft_of_unknown_workspace(model: &mut Model, path: &std::path::Path) {
    let path = path.display();
    model.warn_about_draft(format!(
        "A draft of this contact from before drafts were kept per workspace is at {path}; \
         it may be another workspace's, so it is not offered: rolodex-tui --draft {path} \
         opens it here"
    ));
    offer_draft(model);
}

/// A draft this version cannot use was moved aside: where it is now, on
/// the status line (the log says why, in full).
pub(super) fn on_set_aside(model: &mut Model, set_aside: SetAside) {
    let to = set_aside.to.display();
    let text = match set_aside.why {
        Unusable::Damaged(_) => {
            format!("The draft could not be read; it was moved to {to} (the log says why)")
        }
        Unusable::Newer { .. } => {
            format!("A draft written by a newer rolodex-tui was kept at {to}")
        }
    };
    model.warn_about_draft(text);
}

/// "Restore unsaved changes?": `y` applies the draft to the contact as it
/// is now, `n` discards it.
pub(super) fn on_restore_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::RestoreDraft(draft)) = ed.overlay.take() else {
        return vec![];
    };
    match action {
        Action::Confirm => {
            let found = ed.restore(&draft);
            if !found.is_empty() {
                // The contact changed on the server since the draft was
                // made, in values the draft changed too: each is asked.
                ed.overlay = Some(Overlay::Clash {
                    clashes: found,
                    index: 0,
                });
                model.revert_to = None;
                return vec![];
            }
            let dirty = ed.is_dirty();
            let saved_at = crate::time::local(&draft.saved_at, &model.zone, model.clock);
            if !dirty {
                // The draft says what the contact already says: nothing to
                // review, and nothing worth keeping.
                model.revert_to = None;
                model.say(
                    StatusKind::Info,
                    format!(
                        "The unsaved changes from {saved_at} are what the contact already \
                         holds: nothing to restore"
                    ),
                );
                return vec![Local::DeleteDraft { id }.into()];
            }
            let not_reverted = if model.revert_to.take().is_some() {
                " (the --revert version was not applied)"
            } else {
                ""
            };
            model.say(
                StatusKind::Info,
                format!(
                    "Restored unsaved changes from {saved_at}: review them with w{not_reverted}"
                ),
            );
            vec![]
        }
        Action::Discard => {
            apply_revert(model);
            vec![Local::DeleteDraft { id }.into()]
        }
        // Leaving without deciding keeps the draft for next time: back to
        // the contact list, or out, saying on the way out how to come back.
        Action::Back => {
            if model.came_from.is_some() {
                let id = model.contact_id.clone();
                if !model.kept_drafts.contains(&id) {
                    model.kept_drafts.push(id);
                }
            } else {
                let saved_at = crate::time::local(&draft.saved_at, &model.zone, model.clock);
                model.farewell = Some(format!(
                    "The unsaved changes to {id} from {saved_at} are kept in a draft: {} \
                     offers them again",
                    model.reopen_command()
                ));
            }
            vec![Effect::Quit]
        }
        _ => {
            ed.overlay = Some(Overlay::RestoreDraft(draft));
            vec![]
        }
    }
}

/// `--revert`: fills the form with the version from the save history, as an
/// ordinary edit of the contact as it is now (one undo step takes it back;
/// the review shows it; the save goes through the conflict check).
pub(super) fn apply_revert(model: &mut Model) {
    let Some(revert) = model.revert_to.take() else {
        return;
    };
    let kept_at = model.local_time(&revert.saved_at);
    let Some(ed) = model.editor_mut() else {
        return;
    };
    let target = crate::contact::ContactForm::from_contact(&revert.contact, ed.defs());
    let text = if ed.replace(target) {
        format!(
            "Filled with the version kept at {kept_at} (before a save): review it with w; \
             nothing is sent until you confirm"
        )
    } else {
        format!("The version kept at {kept_at} is the same as the contact now: nothing to revert")
    };
    model.say(StatusKind::Info, text);
}

/// The answer to writing the draft: a failure marks the edit as kept in
/// memory only (said once, then shown in the header until a write works
/// again); a success takes the mark away.
pub(super) fn on_draft_written(model: &mut Model, result: Result<(), String>) {
    match result {
        Ok(()) => {
            if model.draft_unwritten.take().is_some() && model.editor().is_some() {
                model.say(
                    StatusKind::Success,
                    "The draft is written again: the edit is kept on disk",
                );
            }
        }
        Err(why) => {
            if model.draft_unwritten.is_none() {
                model.say(
                    StatusKind::Warning,
                    format!(
                        "The draft cannot be written ({why}): this edit is in memory only \
                         until it is saved"
                    ),
                );
            }
            model.draft_unwritten = Some(why);
        }
    }
}

/// A draft that should be gone could not be removed: it is offered again
/// the next time the contact is opened. After a save, the "Saved" line
/// stays and this is said after it.
pub(super) fn on_draft_not_removed(model: &mut Model, why: &str) {
    let what = format!(
        "its draft could not be removed ({why}), so it is offered again the next time this \
         contact is opened (n there discards it)"
    );
    match model.status.as_mut() {
        Some(status) if status.kind == StatusKind::Success => {
            status.kind = StatusKind::Warning;
            status.text = format!("{}; but {what}", status.text);
        }
        _ => {
            let mut first = what;
            first.replace_range(..1, "The");
            model.say(StatusKind::Warning, first);
        }
    }
}

/// Keys in the quit prompt's folder line: letters type the folder, Enter
/// writes the draft there, Esc goes back to the quit prompt.
pub(super) fn on_draft_folder_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let action = model.keys.action(Context::DraftFolder, key);
    let draft = model.draft();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::DraftFolder { folder, error }) = ed.overlay.as_mut() else {
        return vec![];
    };
    match action {
        Some(Action::Back) => {
            ed.overlay = Some(Overlay::ConfirmQuit);
            vec![]
        }
        Some(Action::Commit) if folder.trim().is_empty() => {
            *error = Some("Type the folder to write the draft to".into());
            vec![]
        }
        Some(Action::Commit) => {
            let folder = folder.trim().to_string();
            let Some(draft) = draft else {
                return vec![];
            };
            vec![
                Local::WriteDraftTo {
                    draft: Box::new(draft),
                    folder,
                }
                .into(),
            ]
        }
        _ => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            match key.code {
                KeyCode::Char('u') if ctrl => folder.clear(),
                KeyCode::Char(c) if !ctrl && !c.is_control() => folder.push(c),
                KeyCode::Backspace => {
                    folder.pop();
                }
                _ => return vec![],
            }
            *error = None;
            vec![]
        }
    }
}

/// The draft was written to the folder typed in (then the program quits,
/// saying on the way out where it is and how to open it), or could not
/// be (said in the folder line, which stays).
pub(super) fn on_draft_written_to(
    model: &mut Model,
    result: Result<String, String>,
) -> Vec<Effect> {
    match result {
        Ok(path) => {
            model.farewell = Some(format!(
                "The unsaved changes are in {path}; rolodex-tui --draft {path} opens them again"
            ));
            vec![Effect::Quit]
        }
        Err(why) => {
            if let Some(Overlay::DraftFolder { error, .. }) =
                model.editor_mut().and_then(|ed| ed.overlay.as_mut())
            {
                *error = Some(format!("Could not write it there: {why}"));
            }
            vec![]
        }
    }
}
