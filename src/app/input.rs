//! The field editors: the text editor (ratatui-textarea) and the option
//! pickers, how they open on a row, how keys reach them, and how what they
//! hold is committed to the form as one undoable step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::contact::FieldValue;
use crate::wire::{CustomFieldDef, FieldType, WorkspaceUser};

use super::keys::{self, Action, Context};
use super::model::*;
use super::update::{clamp_selection, edit_form, toggle};

pub(super) fn text_input(target: TextTarget, text: &str) -> Input {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Input::Text {
        target,
        area: Box::new(area),
    }
}

/// Enter on a row: opens the editor that fits it.
pub(super) fn open_editor(
    ed: &mut Editor,
    pane: Pane,
    sel: usize,
    users: Option<&[WorkspaceUser]>,
) {
    match pane {
        Pane::Details if sel == DETAILS_TITLE => {
            let title = ed.form.title.clone().unwrap_or_default();
            ed.input = Some(text_input(TextTarget::Title, &title));
        }
        Pane::Details => toggle(ed, pane, sel),
        Pane::Emails => match ed.form.emails.get(sel) {
            Some(row) => ed.input = Some(text_input(TextTarget::Email(sel), &row.address)),
            None => ed.input = Some(text_input(TextTarget::NewEmail, "")),
        },
        Pane::Fields => {
            let Some(row) = ed.form.fields.get(sel) else {
                return;
            };
            if !row.editable() {
                return;
            }
            let def = row.def.as_ref();
            let options = |def: Option<&CustomFieldDef>| -> Vec<(String, String)> {
                def.map(|d| {
                    d.options()
                        .iter()
                        .map(|o| (o.id.clone(), o.value.clone()))
                        .collect()
                })
                .unwrap_or_default()
            };
            ed.input = match (&row.field_type, &row.value) {
                (FieldType::Boolean, _) => {
                    toggle(ed, pane, sel);
                    None
                }
                (FieldType::SingleSelect, value) => {
                    let current = match value {
                        FieldValue::Choice(id) => Some(id.as_str()),
                        _ => None,
                    };
                    Some(Input::Picker(Picker::single(
                        sel,
                        options(def),
                        current,
                        "option",
                    )))
                }
                (FieldType::MultiSelect, value) => {
                    let chosen = match value {
                        FieldValue::Choices(ids) => ids.as_slice(),
                        _ => &[],
                    };
                    Some(Input::Picker(Picker::multi(sel, options(def), chosen)))
                }
                (FieldType::User, value) if users.is_some_and(|u| !u.is_empty()) => {
                    let options = users
                        .unwrap_or(&[])
                        .iter()
                        .map(|u| (u.id.clone(), user_label(u)))
                        .collect();
                    let current = match value {
                        FieldValue::Text(id) => Some(id.as_str()),
                        _ => None,
                    };
                    Some(Input::Picker(Picker::single(sel, options, current, "user")))
                }
                (_, value) => {
                    let text = match value {
                        FieldValue::Text(t) => t.clone(),
                        _ => String::new(),
                    };
                    Some(text_input(TextTarget::Field(sel), &text))
                }
            };
        }
    }
}

/// "Full Name <email>" for a workspace user, or the id.
pub fn user_label(u: &WorkspaceUser) -> String {
    match (u.full_name.get(), u.email.get()) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (Some(n), None) => n.clone(),
        (None, Some(e)) => e.clone(),
        (None, None) => u.id.clone(),
    }
}

/// Keys while a field editor is open: the app's keys first (Enter commits,
/// Esc cancels), everything else to the widget.
pub(super) fn on_input_key(ed: &mut Editor, key: KeyEvent) {
    let Some(input) = ed.input.as_mut() else {
        return;
    };
    match input {
        Input::Text { target, area } => {
            let target = *target;
            match keys::action(Context::Text, &key) {
                Some(Action::Back) => ed.input = None,
                Some(Action::Commit) => {
                    let text = area.lines().join(" ");
                    ed.input = None;
                    commit_text(ed, target, text);
                }
                _ => match key.code {
                    // The widget maps these to "insert newline"; a field is one line.
                    KeyCode::Char('m') if key.modifiers.contains(KeyModifiers::CONTROL) => {}
                    KeyCode::Char('\n' | '\r') => {}
                    KeyCode::Tab | KeyCode::BackTab => {}
                    _ => {
                        area.input(key);
                    }
                },
            }
        }
        Input::Picker(p) => match keys::action(Context::Options { multi: p.multi }, &key) {
            Some(Action::Back) => ed.input = None,
            Some(Action::Down) => p.cursor = (p.cursor + 1).min(p.options.len().saturating_sub(1)),
            Some(Action::Up) => p.cursor = p.cursor.saturating_sub(1),
            Some(Action::Top) => p.cursor = 0,
            Some(Action::Bottom) => p.cursor = p.options.len().saturating_sub(1),
            Some(Action::Toggle) => {
                if let Some(c) = p.chosen.get_mut(p.cursor) {
                    *c = !*c;
                }
            }
            Some(Action::Commit) => {
                let p = p.clone();
                ed.input = None;
                commit_picker(ed, &p);
            }
            _ => {}
        },
    }
}

fn commit_picker(ed: &mut Editor, p: &Picker) {
    let value = if p.multi {
        let ids: Vec<String> = p
            .options
            .iter()
            .zip(&p.chosen)
            .filter(|(_, c)| **c)
            .map(|((id, _), _)| id.clone())
            .collect();
        if ids.is_empty() {
            FieldValue::Empty
        } else {
            FieldValue::Choices(ids)
        }
    } else {
        match p.options.get(p.cursor) {
            Some((id, _)) if p.noun == "user" => FieldValue::Text(id.clone()),
            Some((id, _)) => FieldValue::Choice(id.clone()),
            None => return,
        }
    };
    let field = p.field;
    edit_form(ed, |f| {
        if let Some(row) = f.fields.get_mut(field) {
            // Re-choosing the same options keeps the loaded form untouched.
            if !same_choice(&row.value, &value) {
                row.value = value;
            }
        }
    });
}

/// True when two select values choose the same options, order aside.
fn same_choice(a: &FieldValue, b: &FieldValue) -> bool {
    match (a, b) {
        (FieldValue::Choices(x), FieldValue::Choices(y)) => {
            let mut x = x.clone();
            let mut y = y.clone();
            x.sort();
            y.sort();
            x == y
        }
        _ => a == b || (a.is_empty() && b.is_empty()),
    }
}

fn commit_text(ed: &mut Editor, target: TextTarget, text: String) {
    match target {
        TextTarget::Title => {
            let loaded_none = ed.baseline.title.is_none();
            edit_form(ed, |f| {
                f.title = if text.is_empty() && loaded_none && f.title.is_none() {
                    None
                } else {
                    Some(text)
                }
            });
        }
        TextTarget::Email(i) => {
            let text = text.trim().to_string();
            if text.is_empty() {
                // An emptied address means "remove it", the same as `d`.
                edit_form(ed, |f| f.delete_email(i));
                clamp_selection(ed);
            } else {
                edit_form(ed, |f| {
                    if let Some(row) = f.emails.get_mut(i) {
                        row.address = text;
                    }
                });
            }
        }
        TextTarget::NewEmail => {
            let text = text.trim().to_string();
            if !text.is_empty()
                && let Some(i) = edit_form(ed, |f| f.add_email(text))
            {
                ed.selected[Pane::Emails.index()] = i;
            }
        }
        TextTarget::Field(i) => {
            edit_form(ed, |f| {
                if let Some(row) = f.fields.get_mut(i) {
                    let t = text.trim();
                    row.value = if t.is_empty() {
                        FieldValue::Empty
                    } else if row.field_type == FieldType::SingleLineText {
                        FieldValue::Text(text.clone())
                    } else {
                        FieldValue::Text(t.to_string())
                    };
                }
            });
        }
    }
}

pub(super) fn on_paste(model: &mut Model, text: &str) {
    let Some(Input::Text { area, .. }) = model.editor_mut().and_then(|e| e.input.as_mut()) else {
        return;
    };
    // A line break (CRLF, LF or CR) becomes one space; other control
    // characters too. A paste never confirms the field.
    let flat: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    area.insert_str(flat.trim_end());
}
