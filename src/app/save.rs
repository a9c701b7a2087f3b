//! The save sequence: review → conflict check → PUT → read-back, and the
//! keys of the dialogs drawn over the editor.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::api::ApiError;
use crate::api::wire::Contact;
use crate::contact::{ContactForm, put_body, readback_differences, rebase_form, remote_changes};

use super::model::*;
use super::msg::Effect;
use super::update::{explain, reload_editor};

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
    if scrolls && scroll(ed, key.code) {
        return vec![];
    }
    match overlay {
        Overlay::Review { json } => match key.code {
            KeyCode::Char('y') if dry_run => {
                return ed
                    .pending
                    .clone()
                    .map(|body| vec![Effect::Preview { id, body }])
                    .unwrap_or_default();
            }
            KeyCode::Char('y') => {
                ed.overlay = Some(Overlay::Saving(SaveStage::Checking));
                return vec![Effect::Check { id }];
            }
            KeyCode::Char('J') => {
                ed.scroll = 0;
                ed.overlay = Some(Overlay::Review { json: !json })
            }
            KeyCode::Char('n') | KeyCode::Esc => back_to_editing(ed),
            _ if ctrl_c => back_to_editing(ed),
            _ => {}
        },
        Overlay::DryRun(_) => {
            if matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q')
            ) || ctrl_c
            {
                back_to_editing(ed);
            }
        }
        // Nothing to do but wait: a PUT in flight is never abandoned half way.
        Overlay::Saving(_) => {}
        Overlay::SaveFailed { .. } => match key.code {
            KeyCode::Char('r') => {
                ed.overlay = Some(Overlay::Saving(SaveStage::Checking));
                return vec![Effect::Check { id }];
            }
            KeyCode::Esc | KeyCode::Char('n') => back_to_editing(ed),
            _ if ctrl_c => back_to_editing(ed),
            _ => {}
        },
        Overlay::Conflict {
            remote,
            changes,
            confirm_overwrite,
        } => match key.code {
            KeyCode::Char('r') if !confirm_overwrite => {
                rebase(ed, *remote);
                model.status = Some(Status {
                    kind: StatusKind::Info,
                    text: "Your edits now apply to the server's latest version: review again with Ctrl-S".into(),
                });
            }
            KeyCode::Char('o') if !confirm_overwrite => {
                ed.overlay = Some(Overlay::Conflict {
                    remote,
                    changes,
                    confirm_overwrite: true,
                })
            }
            KeyCode::Char('y') if confirm_overwrite => {
                let Some(body) = ed.pending.clone() else {
                    back_to_editing(ed);
                    return vec![];
                };
                ed.before_save = Some(remote);
                ed.overlay = Some(Overlay::Saving(SaveStage::Sending));
                return vec![Effect::Put { id, body }];
            }
            KeyCode::Char('n') if confirm_overwrite => {
                ed.overlay = Some(Overlay::Conflict {
                    remote,
                    changes,
                    confirm_overwrite: false,
                })
            }
            KeyCode::Esc => back_to_editing(ed),
            _ if ctrl_c => back_to_editing(ed),
            _ => {}
        },
        Overlay::ConfirmQuit => match key.code {
            KeyCode::Char('y') => {
                return vec![Effect::Quit];
            }
            KeyCode::Char('d') if keeps_drafts => {
                return vec![Effect::DeleteDraft { id }, Effect::Quit];
            }
            KeyCode::Char('n') | KeyCode::Esc => ed.overlay = None,
            _ => {}
        },
        Overlay::RestoreDraft(draft) => match key.code {
            KeyCode::Char('y') => {
                let when = draft.saved_at.clone();
                restore(ed, *draft);
                model.status = Some(Status {
                    kind: StatusKind::Info,
                    text: format!("Restored unsaved changes from {when}: review them with Ctrl-S"),
                });
            }
            KeyCode::Char('n') => {
                ed.overlay = None;
                return vec![Effect::DeleteDraft { id }];
            }
            _ => {}
        },
    }
    vec![]
}

/// Moves through the JSON body or the dry run; true if the key scrolled.
fn scroll(ed: &mut Editor, code: KeyCode) -> bool {
    let lines = ed
        .pending
        .as_ref()
        .and_then(|b| serde_json::to_string_pretty(b).ok())
        .map_or(0, |t| t.lines().count());
    let next = match code {
        KeyCode::Down | KeyCode::Char('j') => ed.scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => ed.scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => ed.scroll.saturating_add(10),
        KeyCode::PageUp => ed.scroll.saturating_sub(10),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => lines,
        _ => return false,
    };
    ed.scroll = next.min(lines);
    true
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
            let changes = remote_changes(&ed.contact, &remote);
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

fn rebase(ed: &mut Editor, remote: Contact) {
    let mine = ed.form.clone();
    let old_base = ed.baseline.clone();
    reload_editor(ed, remote);
    ed.form = rebase_form(&old_base, &mine, &ed.baseline);
    ed.overlay = None;
    ed.pending = None;
}

pub(super) fn on_put(model: &mut Model, result: Result<Contact, ApiError>) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    match result {
        Ok(_) => {
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
            reload_editor(ed, fresh);
            let now = put_body(&ed.form).ok();
            ed.readback_warnings = match (&sent, &now) {
                (Some(sent), Some(now)) => {
                    let form = &ed.form;
                    readback_differences(sent, now, |id| {
                        form.fields
                            .iter()
                            .find(|f| f.id == id)
                            .map_or_else(|| id.to_string(), |f| f.name.clone())
                    })
                }
                _ => vec![],
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
                        "Saved — updated_at {when}, but the server now differs from what was sent in: {}",
                        ed.readback_warnings.join(", ")
                    ),
                }
            }
        }
    };
    model.status = Some(status);
    vec![]
}
