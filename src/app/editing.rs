//! Keys on the editor's panes (no field editor open, no dialog up): moving,
//! the row actions of each pane, undo and redo, and quitting with its
//! prompt.

use ratatui::crossterm::event::KeyEvent;

use crate::contact::FieldValue;

use super::claim::refused_read_only;
use super::field_editor::{FieldEditor, TextTarget};
use super::fields::{open_field_editor, toggle};
use super::keys::{Action, Context};
use super::lists::refused_on_unknown_list;
use super::model::{Model, StatusKind};
use super::msg::{Effect, Local};
use super::overlay::Overlay;
use super::pane::{DETAILS_LISTS, DETAILS_STARRED, DETAILS_TAGS, Pane, detail_at};
use super::save::review;

pub(super) fn on_editor_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let cut = model.glyphs.ellipsis;
    // The keys messages name, as the user's key table has them.
    let keys = model.keys;
    let key_of = |action| keys.key_of(Context::Editor(Pane::Details), action);
    let undoes = format!("({} undoes)", key_of(Action::Undo));
    let users = model.users.clone();
    let links = model.links.clone();
    let Some(pane) = model.editor().map(|ed| ed.focus) else {
        return vec![];
    };
    let Some(action) = model.keys.action(Context::Editor(pane), &key) else {
        return vec![];
    };
    if let Some(why) = refused_read_only(&model.journal, action) {
        model.say(StatusKind::Warning, why);
        return vec![];
    }
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let sel = ed.selected(pane);
    if let Some(why) = refused_on_unknown_list(ed, pane, action) {
        model.say(StatusKind::Warning, why);
        return vec![];
    }
    if ed.move_selection(action) {
        return vec![];
    }
    match action {
        Action::Quit => return quit_or_ask(model),
        Action::Review => return review(model),
        Action::Undo | Action::Redo => {
            let undo = action == Action::Undo;
            let before = ed.form().clone();
            let done = if undo { ed.undo() } else { ed.redo() };
            if done {
                // Say what came back or went again, and show it.
                let what = before.first_difference(ed.form());
                if let Some((row, _)) = &what {
                    let (pane, index) = super::pane::row_of(*row);
                    ed.focus = pane;
                    ed.select(pane, index);
                }
                let name = what.map_or_else(|| "a change".to_string(), |(_, name)| name);
                let verb = if undo { "Undid" } else { "Redid" };
                let more = if undo {
                    format!(" ({} redoes)", key_of(Action::Redo))
                } else {
                    format!(" {undoes}")
                };
                model.say(
                    StatusKind::Info,
                    format!("{verb} the change to {name}{more}"),
                );
            } else {
                let text = if undo {
                    "Nothing to undo"
                } else {
                    "Nothing to redo"
                };
                model.say(StatusKind::Info, text);
            }
        }
        Action::Help => model.open_help(Context::Editor(pane)),
        Action::NextPane => ed.focus = pane.next(true),
        Action::PrevPane => ed.focus = pane.next(false),
        Action::Toggle => {
            let before = ed.revision();
            toggle(ed, pane, sel);
            if ed.revision() == before {
                model.say(
                    StatusKind::Info,
                    "Space toggles Starred and yes-no fields; Enter edits this row",
                );
            }
        }
        Action::Edit => {
            if let Some(why) = open_field_editor(ed, pane, sel, users.as_deref(), &links) {
                model.say(StatusKind::Warning, why);
            }
        }
        Action::AddEmail if pane == Pane::Phones => {
            ed.input = Some(FieldEditor::text(TextTarget::NewPhone, ""));
        }
        Action::DeleteEmail if pane == Pane::Phones && sel < ed.form().phones.len() => {
            let number = shortened(&ed.form().phones[sel].number, cut);
            let promoted = ed.edit(|f| f.delete_phone(sel));
            let text = match promoted.flatten() {
                Some(p) => format!(
                    "Deleted {number}; {} is now the primary number {undoes}",
                    shortened(&p, cut)
                ),
                None => format!("Deleted {number} {undoes}"),
            };
            model.say(StatusKind::Info, text);
        }
        Action::MakePrimary if pane == Pane::Phones && sel < ed.form().phones.len() => {
            let number = ed.form().phones[sel].number.clone();
            if ed.edit(|f| f.make_phone_primary(sel)).is_none() {
                model.say(
                    StatusKind::Info,
                    format!("{number} is already the primary number"),
                );
            }
        }
        Action::DeleteEmail | Action::MakePrimary if pane == Pane::Phones => {
            model.say(StatusKind::Info, "No phone numbers yet: a adds one");
        }
        Action::ClearValue if pane == Pane::Details => match detail_at(sel) {
            Some(d) if ed.form().details.contains_key(&d) => {
                ed.edit(|f| f.details.remove(&d));
                model.say(
                    StatusKind::Info,
                    format!("Cleared {}: a save sends it as empty {undoes}", d.label()),
                );
            }
            Some(d) => model.say(
                StatusKind::Info,
                format!("{} has no value to clear", d.label()),
            ),
            None => {
                let (edit, toggle) = (key_of(Action::Edit), key_of(Action::Toggle));
                let untick = keys.key_of(Context::Options { multi: true }, Action::Toggle);
                let text = match sel {
                    DETAILS_STARRED => {
                        format!("Starred is a toggle, not a value to clear: {toggle} changes it")
                    }
                    DETAILS_TAGS => format!(
                        "Tags are changed in their picker: {edit} opens it, and {untick} there \
                         unticks one"
                    ),
                    DETAILS_LISTS => format!(
                        "Lists are changed in their picker: {edit} opens it, and {untick} there \
                         unticks one"
                    ),
                    _ => format!(
                        "Title is edited with {edit}: Ctrl-U there empties it, and {edit} keeps \
                         that"
                    ),
                };
                model.say(StatusKind::Info, text);
            }
        },
        Action::AddEmail => ed.input = Some(FieldEditor::text(TextTarget::NewEmail, "")),
        Action::DeleteEmail if sel < ed.form().emails.len() => {
            let address = shortened(&ed.form().emails[sel].address, cut);
            let promoted = ed.edit(|f| f.delete_email(sel));
            let text = match promoted.flatten() {
                Some(p) => format!(
                    "Deleted {address}; {} is now primary {undoes}",
                    shortened(&p, cut)
                ),
                None => format!("Deleted {address} {undoes}"),
            };
            model.say(StatusKind::Info, text);
        }
        Action::MakePrimary if sel < ed.form().emails.len() => {
            let address = ed.form().emails[sel].address.clone();
            if ed.edit(|f| f.make_primary(sel)).is_none() {
                model.say(
                    StatusKind::Info,
                    format!("{address} is already the primary address"),
                );
            }
        }
        Action::ClearValue => {
            if let Some(row) = ed.form().fields.get(sel) {
                if !row.editable() {
                    let name = row.name.clone();
                    model.say(
                        StatusKind::Warning,
                        format!("{name} is not editable here; it is sent back unchanged"),
                    );
                } else if row.value == FieldValue::Empty {
                    let name = row.name.clone();
                    model.say(StatusKind::Info, format!("{name} has no value to clear"));
                } else {
                    ed.edit(|f| f.fields[sel].value = FieldValue::Empty);
                }
            }
        }
        Action::Copy => return copy(model, pane, sel),
        Action::Find => super::find::open(ed),
        Action::FindNext | Action::FindPrevious => {
            let said = super::find::again(ed, action == Action::FindPrevious);
            model.say(StatusKind::Info, said);
        }
        Action::Dismiss => model.status = None,
        _ => {}
    }
    vec![]
}

/// `c`: the selected row's value to the clipboard, and a line that says
/// what was copied and what the terminal must allow.
fn copy(model: &mut Model, pane: Pane, sel: usize) -> Vec<Effect> {
    let Some(ed) = model.editor() else {
        return vec![];
    };
    let users = model.users.as_deref();
    let Some((what, value)) = row_value(ed, pane, sel, users) else {
        model.say(StatusKind::Info, "This row has no value to copy");
        return vec![];
    };
    model.say(
        StatusKind::Info,
        format!(
            "Copied {} ({} characters) by OSC 52, if the terminal allows it",
            shortened_to(&what, 28, model.glyphs.ellipsis),
            value.chars().count()
        ),
    );
    vec![Effect::Clipboard(value)]
}

/// The name and the value of a row, as a person would paste it: an
/// address, a number, a title, a select's label, a user's name.
fn row_value(
    ed: &super::editor::Editor,
    pane: Pane,
    sel: usize,
    users: Option<&[crate::wire::WorkspaceUser]>,
) -> Option<(String, String)> {
    let form = ed.form();
    let named = |what: &str, v: String| (!v.is_empty()).then(|| (what.to_string(), v));
    match pane {
        Pane::Emails => form
            .emails
            .get(sel)
            .and_then(|e| named("the address", e.address.clone())),
        Pane::Phones => form
            .phones
            .get(sel)
            .and_then(|p| named("the number", p.number.clone())),
        Pane::Fields => {
            let row = form.fields.get(sel)?;
            let value = match (&row.field_type, &row.value) {
                (crate::wire::FieldType::User, FieldValue::Text(id)) => users
                    .and_then(|us| us.iter().find(|u| &u.id == id))
                    .map_or_else(|| id.clone(), super::fields::user_label),
                _ => row.display(),
            };
            named(&row.name, value)
        }
        Pane::Details => match sel {
            super::pane::DETAILS_TITLE => {
                named("the title", form.title.clone().unwrap_or_default())
            }
            super::pane::DETAILS_STARRED => None,
            super::pane::DETAILS_TAGS => named(
                "the tags",
                form.tags
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            super::pane::DETAILS_LISTS => named(
                "the lists",
                form.lists
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => {
                let d = super::pane::detail_at(sel)?;
                named(d.label(), form.details.get(&d).cloned().unwrap_or_default())
            }
        },
    }
}

/// A long value as a message names it: its start and end around a …, so
/// what the message goes on to say ("(u undoes)") is not cut off.
fn shortened(s: &str, cut: &str) -> String {
    shortened_to(s, 40, cut)
}

/// As [`shortened`], to at most `max` characters.
fn shortened_to(s: &str, max: usize, cut: &str) -> String {
    let max = max.max(4);
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max / 2).collect();
    let tail: String = s.chars().skip(n - (max / 2 - 1)).collect();
    format!("{head}{cut}{tail}")
}

/// `q`/Ctrl-C: quits at once when nothing is changed, else asks.
pub(super) fn quit_or_ask(model: &mut Model) -> Vec<Effect> {
    match model.editor_mut() {
        Some(ed) if ed.is_dirty() => {
            ed.overlay = Some(Overlay::ConfirmQuit);
            vec![]
        }
        _ => vec![Effect::Quit],
    }
}

/// Quitting the program with the edit kept in a draft on disk: how to
/// come back to it, for standard error once the terminal is restored.
/// Nothing when the edit is not on disk (the quit prompt said it is lost);
/// when quitting goes back to the contact list, said when the program ends.
pub(super) fn kept_farewell(model: &mut Model) {
    if model.draft_not_on_disk().is_some() {
        return;
    }
    if model.came_from.is_some() {
        // Said when the program ends, unless discarded or saved by then.
        let id = model.contact_id.clone();
        if !model.kept_drafts.contains(&id) {
            model.kept_drafts.push(id);
        }
        return;
    }
    model.farewell = Some(format!(
        "The unsaved changes to {} are kept in a draft: {} offers them again",
        model.contact_id,
        model.reopen_command()
    ));
}

/// The quit prompt: quit keeping the draft, quit discarding it, or go back.
pub(super) fn on_confirm_quit_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let keeps_drafts = model.keeps_drafts;
    let temp_dir = model.temp_dir.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    match action {
        Action::Confirm => {
            kept_farewell(model);
            vec![Effect::Quit]
        }
        Action::Discard if keeps_drafts => vec![Local::DeleteDraft { id }.into(), Effect::Quit],
        Action::DraftElsewhere => {
            ed.overlay = Some(Overlay::DraftFolder {
                folder: temp_dir,
                error: None,
            });
            vec![]
        }
        Action::Back => {
            ed.overlay = None;
            vec![]
        }
        _ => vec![],
    }
}
