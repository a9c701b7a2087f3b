//! `update`: the only place state changes. Pure: no I/O, no clock.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::ApiError;
use crate::api::client::{ReadEvent, ReadPath};
use crate::contact::{ContactForm, FieldValue, RowRef, put_body};
use crate::wire::{Contact, FieldType};

use super::input::{on_input_key, on_paste, open_editor, text_input};
use super::keys::{self, Action, Context};
use super::lists::{lookup_reason_text, refused_on_unknown_list, unknown_lists_note};
use super::model::*;
use super::msg::{Effect, Msg};
use super::{picker, save};
use crate::store::Draft;

/// Applies one message to the model and returns the work it asks for.
///
/// Every change to the form is journaled: a dirty form is written as a
/// draft, a form back to what was loaded removes it.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let before = model.editor().map(|e| e.revision);
    let mut effects = dispatch(model, msg);
    // Leaving an editor opened from the contact list goes back to the list.
    if effects.contains(&Effect::Quit)
        && !matches!(model.phase, Phase::Picking(_))
        && let Some(picker) = model.came_from.take()
    {
        effects.retain(|e| e != &Effect::Quit);
        model.phase = Phase::Picking(picker);
        model.status = None;
        model.found_draft = None;
        return effects;
    }
    if let Some(ed) = model.editor()
        && before.is_some_and(|b| b != ed.revision)
    {
        let id = model.contact_id.clone();
        effects.push(if ed.is_dirty() {
            Effect::WriteDraft(Box::new(Draft {
                contact_id: id,
                saved_at: String::new(),
                loaded: ed.contact.clone(),
                form: ed.form.clone(),
            }))
        } else {
            Effect::DeleteDraft { id }
        });
    }
    effects
}

fn dispatch(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => vec![],
        Msg::Key(key) => on_key(model, key),
        Msg::Paste(text) => {
            on_paste(model, &text);
            picker::on_paste(model, &text);
            vec![]
        }
        Msg::Resize(..) => vec![],
        Msg::Tick => {
            model.spinner = model.spinner.wrapping_add(1);
            vec![]
        }
        // A load that finishes after the user went back to the contact list,
        // or for another contact than the one now wanted, is not shown.
        Msg::Loaded(Ok((contact, _))) if contact.id != model.contact_id => vec![],
        Msg::Loaded(_) if !matches!(model.phase, Phase::Loading) => vec![],
        Msg::Loaded(Ok((contact, defs))) => {
            model.progress = None;
            model.phase = Phase::Ready(Box::new(Editor::new(contact, defs)));
            model.status = None;
            if let Some(text) = model.editor().and_then(|ed| unknown_lists_note(&ed.form)) {
                set_status(model, StatusKind::Warning, text);
            } else if let Some(ReadPath::ListLookup(reason)) = &model.read_path {
                let text = format!(
                    "{}, so it was looked up in the contact list (? shows how this server is read)",
                    lookup_reason_text(reason)
                );
                set_status(model, StatusKind::Info, text);
            }
            offer_draft(model);
            if model.editor().is_some_and(|ed| ed.overlay.is_none()) {
                apply_revert(model);
            }
            vec![]
        }
        Msg::Loaded(Err(e)) => {
            model.progress = None;
            model.phase = Phase::LoadFailed {
                message: explain(&e),
            };
            vec![]
        }
        Msg::UsersLoaded(Ok(users)) => {
            model.users = Some(users);
            vec![]
        }
        // Without users the USER field falls back to free text; not an error
        // worth interrupting anyone for.
        Msg::UsersLoaded(Err(_)) => vec![],
        Msg::Progress(ReadEvent::PathChosen(path)) => {
            model.read_path = Some(path);
            vec![]
        }
        Msg::Progress(event) => {
            model.progress = Some(event);
            vec![]
        }
        Msg::Checked(result) => {
            model.progress = None;
            save::on_checked(model, result)
        }
        Msg::Put(result) => save::on_put(model, result),
        Msg::ReadBack(result) => {
            model.progress = None;
            save::on_read_back(model, result)
        }
        Msg::ContactsLoaded(result) => picker::on_page(model, result),
        Msg::Previewed(preview) => {
            if let Some(ed) = model.editor_mut()
                && matches!(ed.overlay, Some(Overlay::Review { .. }))
            {
                ed.scroll = 0;
                ed.overlay = Some(Overlay::DryRun(Box::new(preview)));
            }
            vec![]
        }
        Msg::DraftRead(Ok(draft)) => {
            model.found_draft = draft.map(Box::new);
            offer_draft(model);
            vec![]
        }
        Msg::DraftRead(Err(why)) => {
            set_status(
                model,
                StatusKind::Warning,
                format!("A draft was left but {why}"),
            );
            vec![]
        }
        Msg::StoreFailed(why) => {
            set_status(
                model,
                StatusKind::Warning,
                format!("Unsaved changes are not being kept on disk: {why}"),
            );
            vec![]
        }
    }
}

/// Once both the editor and a found draft are there, asks whether to restore it.
fn offer_draft(model: &mut Model) {
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

/// `--revert`: fills the form with the version from the save history, as an
/// ordinary edit of the contact as it is now (one undo step takes it back;
/// the review shows it; the save goes through the conflict check).
pub(super) fn apply_revert(model: &mut Model) {
    let Some(revert) = model.revert_to.take() else {
        return;
    };
    let Some(ed) = model.editor_mut() else {
        return;
    };
    let target = ContactForm::from_contact(&revert.contact, &ed.defs);
    let changed = edit_form(ed, |f| *f = target).is_some();
    let text = if changed {
        format!(
            "Filled with the version kept at {} (before a save): review it with w; \
             nothing is sent until you confirm",
            revert.saved_at
        )
    } else {
        format!(
            "The version kept at {} is the same as the contact now: nothing to revert",
            revert.saved_at
        )
    };
    set_status(model, StatusKind::Info, text);
}

/// The effects that start the application for `model.contact_id`.
pub fn init(model: &Model) -> Vec<Effect> {
    if let Phase::Picking(p) = &model.phase {
        return vec![
            Effect::LoadContacts {
                offset: 0,
                limit: p.page_size,
            },
            Effect::LoadUsers,
        ];
    }
    vec![
        Effect::Load {
            id: model.contact_id.clone(),
        },
        Effect::LoadUsers,
        Effect::ReadDraft {
            id: model.contact_id.clone(),
        },
    ]
}

/// One clear line for an API error (the key never appears in one).
pub fn explain(e: &ApiError) -> String {
    e.to_string()
}

fn ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    // With legacy key encoding, Esc followed quickly by a key (a fast typist,
    // a paste of keystrokes, SSH coalescing) arrives as Alt+key. No action
    // uses Alt, so read it as the two keys it almost certainly was.
    if key.modifiers.contains(KeyModifiers::ALT) {
        let mut effects = on_key(model, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
        effects.extend(on_key(model, plain));
        return effects;
    }
    if model.help {
        let last = u16::try_from(keys::help_lines()).unwrap_or(u16::MAX);
        let s = &mut model.help_scroll;
        match keys::action(Context::Help, &key) {
            Some(Action::Back) => {
                model.help = false;
                *s = 0;
            }
            Some(Action::Down) => *s = s.saturating_add(1).min(last),
            Some(Action::Up) => *s = s.saturating_sub(1),
            Some(Action::PageDown) => *s = s.saturating_add(10).min(last),
            Some(Action::PageUp) => *s = s.saturating_sub(10),
            _ => {}
        }
        return vec![];
    }
    let id = model.contact_id.clone();
    match &mut model.phase {
        Phase::Picking(_) => picker::on_key(model, key),
        Phase::Loading | Phase::LoadFailed { .. } => {
            let ctx = if matches!(model.phase, Phase::LoadFailed { .. }) {
                Context::LoadFailed
            } else {
                Context::Loading
            };
            match keys::action(ctx, &key) {
                Some(Action::Quit) => vec![Effect::Quit],
                Some(Action::Retry) => {
                    model.phase = Phase::Loading;
                    vec![Effect::Load { id }]
                }
                Some(Action::Help) => {
                    model.help = true;
                    vec![]
                }
                _ => vec![],
            }
        }
        Phase::Ready(editor) => {
            // A message answers the key that caused it; the next key clears it.
            model.status = None;
            if editor.input.is_some() {
                if ctrl(&key, 'c') {
                    editor.input = None;
                    return quit_or_ask(model);
                }
                on_input_key(editor, key);
                return vec![];
            }
            if editor.overlay.is_some() {
                return save::on_overlay_key(model, key);
            }
            on_editor_key(model, key)
        }
    }
}

/// `q`/Ctrl-C: quits at once when nothing is changed, else asks.
fn quit_or_ask(model: &mut Model) -> Vec<Effect> {
    match model.editor_mut() {
        Some(ed) if ed.is_dirty() => {
            ed.overlay = Some(Overlay::ConfirmQuit);
            vec![]
        }
        _ => vec![Effect::Quit],
    }
}

fn set_status(model: &mut Model, kind: StatusKind, text: impl Into<String>) {
    model.status = Some(Status {
        text: text.into(),
        kind,
    });
}

fn on_editor_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let users_loaded = model.users.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let pane = ed.focus;
    let sel = ed.selected(pane);
    let Some(action) = keys::action(Context::Editor(pane), &key) else {
        return vec![];
    };
    if let Some(why) = refused_on_unknown_list(ed, pane, action) {
        set_status(model, StatusKind::Warning, why);
        return vec![];
    }
    match action {
        Action::Quit => return quit_or_ask(model),
        Action::Review => return review(model),
        Action::Undo => return undo_redo(model, true),
        Action::Redo => return undo_redo(model, false),
        Action::Help => model.help = true,
        Action::NextPane => ed.focus = Pane::ORDER[(pane.index() + 1) % 3],
        Action::PrevPane => ed.focus = Pane::ORDER[(pane.index() + 2) % 3],
        Action::Down => move_selection(ed, 1),
        Action::Up => move_selection(ed, -1),
        Action::Top => ed.selected[pane.index()] = 0,
        Action::Bottom => ed.selected[pane.index()] = ed.rows(pane).saturating_sub(1),
        Action::PageDown => move_selection(ed, 10),
        Action::PageUp => move_selection(ed, -10),
        Action::Toggle => toggle(ed, pane, sel),
        Action::Edit => open_editor(ed, pane, sel, users_loaded.as_deref()),
        Action::AddEmail => {
            ed.input = Some(text_input(TextTarget::NewEmail, ""));
        }
        Action::DeleteEmail if sel < ed.form.emails.len() => {
            let address = ed.form.emails[sel].address.clone();
            let promoted = edit_form(ed, |f| f.delete_email(sel));
            clamp_selection(ed);
            let text = match promoted.flatten() {
                Some(p) => format!("Deleted {address}; {p} is now primary (u undoes)"),
                None => format!("Deleted {address} (u undoes)"),
            };
            set_status(model, StatusKind::Info, text);
        }
        Action::MakePrimary if sel < ed.form.emails.len() => {
            edit_form(ed, |f| f.make_primary(sel));
        }
        Action::ClearValue => {
            if let Some(row) = ed.form.fields.get(sel) {
                if !row.editable() {
                    let name = row.name.clone();
                    set_status(
                        model,
                        StatusKind::Warning,
                        format!("{name} is not editable here; it is sent back unchanged"),
                    );
                } else {
                    edit_form(ed, |f| f.fields[sel].value = FieldValue::Empty);
                }
            }
        }
        Action::Dismiss => model.status = None,
        _ => {}
    }
    vec![]
}

fn move_selection(ed: &mut Editor, delta: isize) {
    let rows = ed.rows(ed.focus);
    let i = ed.focus.index();
    if rows == 0 {
        ed.selected[i] = 0;
        return;
    }
    ed.selected[i] = ed.selected[i].saturating_add_signed(delta).min(rows - 1);
}

/// Keeps every pane's selection on an existing row (after deletes, undo).
pub(super) fn clamp_selection(ed: &mut Editor) {
    for pane in Pane::ORDER {
        let rows = ed.rows(pane);
        let sel = &mut ed.selected[pane.index()];
        *sel = (*sel).min(rows.saturating_sub(1));
    }
}

/// Applies a change to the form as one undoable step. A change that leaves
/// the form as it was records nothing.
pub(super) fn edit_form<T>(
    ed: &mut Editor,
    change: impl FnOnce(&mut ContactForm) -> T,
) -> Option<T> {
    let before = ed.form.clone();
    let out = change(&mut ed.form);
    if ed.form == before {
        return None;
    }
    ed.undo.push(before);
    ed.redo.clear();
    ed.revision += 1;
    Some(out)
}

fn undo_redo(model: &mut Model, undo: bool) -> Vec<Effect> {
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let (from, to) = if undo {
        (&mut ed.undo, &mut ed.redo)
    } else {
        (&mut ed.redo, &mut ed.undo)
    };
    match from.pop() {
        Some(form) => {
            to.push(std::mem::replace(&mut ed.form, form));
            ed.revision += 1;
            clamp_selection(ed);
            model.status = None;
        }
        None => {
            let text = if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            };
            set_status(model, StatusKind::Info, text);
        }
    }
    vec![]
}

pub(super) fn toggle(ed: &mut Editor, pane: Pane, sel: usize) {
    match pane {
        Pane::Details if sel == DETAILS_STARRED => {
            edit_form(ed, |f| f.starred = !f.starred);
        }
        Pane::Fields => {
            let Some(row) = ed.form.fields.get(sel) else {
                return;
            };
            if row.field_type == FieldType::Boolean && row.editable() {
                let next = !matches!(row.value, FieldValue::Bool(true));
                edit_form(ed, |f| f.fields[sel].value = FieldValue::Bool(next));
            }
        }
        _ => {}
    }
}

/// Ctrl-S / `w`: opens the review, or moves to the first invalid row and
/// says why. Nothing invalid reaches a body.
pub(super) fn review(model: &mut Model) -> Vec<Effect> {
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    match put_body(&ed.form) {
        Err(problem) => {
            match problem.row {
                RowRef::Email(i) => {
                    ed.focus = Pane::Emails;
                    ed.selected[Pane::Emails.index()] = i;
                }
                RowRef::Field(i) => {
                    ed.focus = Pane::Fields;
                    ed.selected[Pane::Fields.index()] = i;
                }
            }
            set_status(
                model,
                StatusKind::Error,
                format!("Cannot save yet: {}", problem.reason),
            );
        }
        Ok(body) => {
            if !ed.is_dirty() {
                set_status(
                    model,
                    StatusKind::Info,
                    "Nothing changed: there is nothing to save",
                );
                return vec![];
            }
            ed.pending = Some(body);
            ed.overlay = Some(Overlay::Review { json: false });
            model.status = None;
        }
    }
    vec![]
}

/// Replaces the editor's loaded contact after a save, keeping definitions.
pub(super) fn reload_editor(ed: &mut Editor, contact: Contact) {
    let defs = std::mem::take(&mut ed.defs);
    let focus = ed.focus;
    let selected = ed.selected;
    let revision = ed.revision;
    *ed = Editor::new(contact, defs);
    ed.focus = focus;
    ed.selected = selected;
    ed.revision = revision + 1;
    clamp_selection(ed);
}
