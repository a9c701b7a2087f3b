//! The save sequence: review → conflict check → PUT → read-back, and the
//! keys of the dialogs drawn over the editor.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::api::ApiError;
use crate::contact::{
    Clash, ContactForm, clashes, readback_differences, rebase_form, remote_changes, take_theirs,
};
use crate::wire::Contact;

use super::keys::{self, Action, Context};
use super::model::*;
use super::msg::Effect;
use super::update::{edit_form, explain, reload_editor};

pub(super) fn on_overlay_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let dry_run = model.dry_run;
    let keeps_drafts = model.keeps_drafts;
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(overlay) = ed.overlay.clone() else {
        return vec![];
    };
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    let scrolls = matches!(overlay, Overlay::Review { json: true } | Overlay::DryRun(_));
    if scrolls && let Some(action) = keys::action(Context::Scroll, &key) {
        scroll(ed, action);
        return vec![];
    }
    // A save in flight is never abandoned half way: no key does anything.
    if matches!(overlay, Overlay::Saving(_)) {
        return vec![];
    }
    let action = match keys::action(ed.key_context(), &key) {
        Some(a) => a,
        // Ctrl-C leaves any dialog but the two prompts that decide the draft.
        None if ctrl_c && !matches!(overlay, Overlay::ConfirmQuit | Overlay::RestoreDraft(_)) => {
            Action::Back
        }
        None => return vec![],
    };
    match (overlay, action) {
        (Overlay::Review { .. }, Action::Send) if dry_run => {
            return ed
                .pending
                .clone()
                .map(|body| vec![Effect::Preview { id, body }])
                .unwrap_or_default();
        }
        (Overlay::Review { .. } | Overlay::SaveFailed { .. }, Action::Send | Action::Retry) => {
            ed.overlay = Some(Overlay::Saving(SaveStage::Checking));
            return vec![Effect::Check { id }];
        }
        (Overlay::Review { json }, Action::ToggleJson) => {
            ed.scroll = 0;
            ed.overlay = Some(Overlay::Review { json: !json })
        }
        (Overlay::Conflict { remote, .. }, Action::Rebase) => {
            let found = rebase(ed, *remote);
            if found.is_empty() {
                return after_rebase(model);
            }
            ed.overlay = Some(Overlay::Clash {
                clashes: found,
                index: 0,
            });
        }
        (
            Overlay::Conflict {
                remote, changes, ..
            },
            Action::Overwrite,
        ) => {
            ed.overlay = Some(Overlay::Conflict {
                remote,
                changes,
                confirm_overwrite: true,
            })
        }
        (
            Overlay::Conflict {
                remote,
                confirm_overwrite: true,
                ..
            },
            Action::Confirm,
        ) => {
            let Some(body) = ed.pending.clone() else {
                back_to_editing(ed);
                return vec![];
            };
            ed.before_save = Some(remote);
            ed.overlay = Some(Overlay::Saving(SaveStage::Sending));
            return vec![Effect::Put { id, body }];
        }
        (
            Overlay::Conflict {
                remote,
                changes,
                confirm_overwrite: true,
            },
            Action::Back,
        ) => {
            ed.overlay = Some(Overlay::Conflict {
                remote,
                changes,
                confirm_overwrite: false,
            })
        }
        (Overlay::Clash { clashes, index }, Action::KeepMine | Action::TakeTheirs) => {
            if action == Action::TakeTheirs
                && let Some(clash) = clashes.get(index)
            {
                let base = ed.baseline.clone();
                edit_form(ed, |f| take_theirs(f, &base, &clash.target));
            }
            if index + 1 < clashes.len() {
                ed.overlay = Some(Overlay::Clash {
                    clashes,
                    index: index + 1,
                });
            } else {
                ed.overlay = None;
                return after_rebase(model);
            }
        }
        (Overlay::Clash { .. }, Action::Back) => {
            ed.overlay = None;
            model.status = Some(Status {
                kind: StatusKind::Info,
                text: "Your edits now apply to the server's latest version, your values kept \
                       where both changed: review with w before saving"
                    .into(),
            });
        }
        (Overlay::ConfirmQuit, Action::Confirm) => return vec![Effect::Quit],
        (Overlay::ConfirmQuit, Action::Discard) if keeps_drafts => {
            return vec![Effect::DeleteDraft { id }, Effect::Quit];
        }
        (Overlay::ConfirmQuit, Action::Back) => ed.overlay = None,
        (Overlay::RestoreDraft(draft), Action::Confirm) => {
            let when = draft.saved_at.clone();
            restore(ed, *draft);
            let not_reverted = if model.revert_to.take().is_some() {
                " (the --revert version was not applied)"
            } else {
                ""
            };
            model.status = Some(Status {
                kind: StatusKind::Info,
                text: format!(
                    "Restored unsaved changes from {when}: review them with w{not_reverted}"
                ),
            });
        }
        (Overlay::RestoreDraft(_), Action::Discard) => {
            ed.overlay = None;
            super::update::apply_revert(model);
            return vec![Effect::DeleteDraft { id }];
        }
        (_, Action::Back) => back_to_editing(ed),
        _ => {}
    }
    vec![]
}

/// After a rebase (and any clash decided): straight back into the review,
/// so the merged result is seen and confirmed before anything is sent.
fn after_rebase(model: &mut Model) -> Vec<Effect> {
    let effects = super::update::review(model);
    let text = match model.editor() {
        Some(ed) if ed.overlay.is_some() => {
            "Your edits now apply to the server's latest version: check the review"
        }
        Some(ed) if !ed.is_dirty() => {
            "The editor now shows the server's latest version; none of your edit differs \
             from it, so there is nothing to save"
        }
        _ => return effects,
    };
    model.status = Some(Status {
        kind: StatusKind::Info,
        text: text.into(),
    });
    effects
}

/// Moves through the JSON body or the dry run.
fn scroll(ed: &mut Editor, action: Action) {
    let lines = ed
        .pending
        .as_ref()
        .and_then(|b| serde_json::to_string_pretty(b).ok())
        .map_or(0, |t| t.lines().count());
    let next = match action {
        Action::Down => ed.scroll.saturating_add(1),
        Action::Up => ed.scroll.saturating_sub(1),
        Action::PageDown => ed.scroll.saturating_add(10),
        Action::PageUp => ed.scroll.saturating_sub(10),
        Action::Top => 0,
        Action::Bottom => lines,
        _ => ed.scroll,
    };
    ed.scroll = next.min(lines);
}

fn back_to_editing(ed: &mut Editor) {
    ed.overlay = None;
    ed.pending = None;
}

/// The fresh read before sending: anything that differs from what was
/// loaded means someone else changed the contact; nothing is sent then.
pub(super) fn on_checked(model: &mut Model, result: Result<Contact, ApiError>) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    if ed.overlay != Some(Overlay::Saving(SaveStage::Checking)) {
        return vec![];
    }
    match result {
        Err(e) => {
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!("Could not check the contact before saving: {}", explain(&e)),
            });
            vec![]
        }
        Ok(remote) => {
            let changes = remote_changes(&ed.contact, &remote, &ed.defs);
            if !changes.is_empty() {
                ed.overlay = Some(Overlay::Conflict {
                    remote: Box::new(remote),
                    changes,
                    confirm_overwrite: false,
                });
                return vec![];
            }
            match ed.pending.clone() {
                Some(body) => {
                    ed.before_save = Some(Box::new(remote));
                    ed.overlay = Some(Overlay::Saving(SaveStage::Sending));
                    vec![Effect::Put { id, body }]
                }
                None => {
                    back_to_editing(ed);
                    vec![]
                }
            }
        }
    }
}

/// Applies a draft's edit to the contact as freshly loaded: what the draft
/// changed against the version it was made on, on top of today's version.
/// One undo step takes it back.
fn restore(ed: &mut Editor, draft: crate::store::Draft) {
    let old_base = ContactForm::from_contact(&draft.loaded, &ed.defs);
    let restored = rebase_form(&old_base, &draft.form, &ed.baseline);
    ed.overlay = None;
    if restored != ed.form {
        ed.undo.push(std::mem::replace(&mut ed.form, restored));
        ed.redo.clear();
        ed.revision += 1;
    }
}

/// Carries the edit over onto the server's version; returns the values both
/// sides changed (the user's value is in the form until they pick).
fn rebase(ed: &mut Editor, remote: Contact) -> Vec<Clash> {
    let mine = ed.form.clone();
    let old_base = ed.baseline.clone();
    reload_editor(ed, remote);
    ed.form = rebase_form(&old_base, &mine, &ed.baseline);
    ed.overlay = None;
    ed.pending = None;
    clashes(&old_base, &mine, &ed.baseline)
}

pub(super) fn on_put(model: &mut Model, result: Result<(), ApiError>) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    match result {
        Ok(()) => {
            ed.overlay = Some(Overlay::Saving(SaveStage::ReadingBack));
            let before = ed
                .before_save
                .take()
                .unwrap_or_else(|| Box::new(ed.contact.clone()));
            vec![Effect::WriteHistory(before), Effect::ReadBack { id }]
        }
        Err(e) => {
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!("The save failed: {}", explain(&e)),
            });
            vec![]
        }
    }
}

/// After a 2xx: the fresh contact becomes the loaded one, and anything that
/// differs from what was sent is listed as a warning.
pub(super) fn on_read_back(model: &mut Model, result: Result<Contact, ApiError>) -> Vec<Effect> {
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let sent = ed.pending.take();
    let status = match result {
        Err(e) => {
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!(
                    "Saved, but reading the contact back failed: {} (r reads it again)",
                    explain(&e)
                ),
            });
            ed.pending = sent;
            return vec![];
        }
        Ok(fresh) => {
            let intended = ed.form.clone();
            reload_editor(ed, fresh);
            ed.readback_warnings = if sent.is_some() {
                readback_differences(&intended, &ed.form)
            } else {
                vec![]
            };
            let when = ed.contact.updated_at.clone();
            if ed.readback_warnings.is_empty() {
                Status {
                    kind: StatusKind::Success,
                    text: format!("Saved — updated_at {when}"),
                }
            } else {
                Status {
                    kind: StatusKind::Warning,
                    text: format!(
                        "Saved — updated_at {when}, but the server holds something else: {}",
                        ed.readback_warnings.join("; ")
                    ),
                }
            }
        }
    };
    model.status = Some(status);
    vec![]
}
