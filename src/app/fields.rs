//! The field editors' flow: how one opens on a row, how keys and pastes
//! reach it, and how what it holds is committed to the form as one undoable
//! step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::contact::FieldValue;
use crate::wire::{CustomFieldDef, FieldType, WorkspaceUser};

use super::cursor;
use super::editor::Editor;
use super::field_editor::{FieldEditor, OptionPicker, PickerKind, TextTarget};
use super::keys::{self, Action};
use super::model::{Choices, Links};
use super::pane::{DETAILS_LISTS, DETAILS_STARRED, DETAILS_TAGS, DETAILS_TITLE, Pane, detail_at};
use crate::contact::{Linked, typed};

/// Enter on a row: opens the editor that fits it (a toggle row toggles).
pub(super) fn open_field_editor(
    ed: &mut Editor,
    pane: Pane,
    sel: usize,
    users: Option<&[WorkspaceUser]>,
    links: &Links,
) -> Option<String> {
    match pane {
        Pane::Details if sel == DETAILS_TITLE => {
            let title = ed.form().title.clone().unwrap_or_default();
            ed.input = Some(FieldEditor::text(TextTarget::Title, &title));
        }
        Pane::Details if sel == DETAILS_TAGS || sel == DETAILS_LISTS => {
            let tags = sel == DETAILS_TAGS;
            let (choices, mine, kind, what) = if tags {
                (&links.tags, &ed.form().tags, PickerKind::Tags, "tags")
            } else {
                (
                    &links.lists,
                    &ed.form().lists,
                    PickerKind::Lists,
                    "contact lists",
                )
            };
            let workspace = match choices {
                Choices::Loaded(list) => list,
                Choices::Loading => {
                    return Some(format!("The workspace's {what} are still loading"));
                }
                Choices::Failed(why) => {
                    return Some(format!(
                        "The workspace's {what} could not be read ({why}); this row stays as it is"
                    ));
                }
            };
            // The contact's own ones first stay listed even when the
            // workspace list lacks them.
            let mut options: Vec<(String, String)> = workspace
                .iter()
                .map(|l| (l.id.clone(), l.name.clone()))
                .collect();
            for l in mine {
                if !options.iter().any(|(id, _)| id == &l.id) {
                    options.push((l.id.clone(), l.name.clone()));
                }
            }
            let chosen: Vec<String> = mine.iter().map(|l| l.id.clone()).collect();
            let mut picker = OptionPicker::multi(sel, options, &chosen);
            picker.kind = kind;
            ed.input = Some(FieldEditor::Options(picker));
        }
        Pane::Details => match detail_at(sel) {
            Some(d) => {
                let text = ed.form().details.get(&d).cloned().unwrap_or_default();
                ed.input = Some(FieldEditor::text(TextTarget::Detail(d), &text));
            }
            None => toggle(ed, pane, sel),
        },
        Pane::Phones => {
            ed.input = Some(match ed.form().phones.get(sel) {
                Some(row) => FieldEditor::text(TextTarget::Phone(sel), &row.number),
                None => FieldEditor::text(TextTarget::NewPhone, ""),
            })
        }
        Pane::Emails => {
            ed.input = Some(match ed.form().emails.get(sel) {
                Some(row) => FieldEditor::text(TextTarget::Email(sel), &row.address),
                None => FieldEditor::text(TextTarget::NewEmail, ""),
            })
        }
        Pane::Fields => {
            let row = ed.form().fields.get(sel)?;
            if !row.editable() {
                return None;
            }
            let def = row.def.as_deref();
            let options = |def: Option<&CustomFieldDef>| -> Vec<(String, String)> {
                def.map(|d| {
                    d.options()
                        .iter()
                        .map(|o| (o.id.clone(), o.value.clone()))
                        .collect()
                })
                .unwrap_or_default()
            };
            let input = match (&row.field_type, &row.value) {
                (FieldType::Boolean, _) => None,
                (FieldType::SingleSelect, value) => {
                    let current = match value {
                        FieldValue::Choice(id) => Some(id.as_str()),
                        _ => None,
                    };
                    Some(FieldEditor::Options(OptionPicker::single(
                        sel,
                        options(def),
                        current,
                        PickerKind::Option,
                    )))
                }
                (FieldType::MultiSelect, value) => {
                    let chosen = match value {
                        FieldValue::Choices(ids) => ids.as_slice(),
                        _ => &[],
                    };
                    Some(FieldEditor::Options(OptionPicker::multi(
                        sel,
                        options(def),
                        chosen,
                    )))
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
                    Some(FieldEditor::Options(OptionPicker::single(
                        sel,
                        options,
                        current,
                        PickerKind::User,
                    )))
                }
                (_, value) => {
                    let text = match value {
                        FieldValue::Text(t) => t.clone(),
                        _ => String::new(),
                    };
                    Some(FieldEditor::text(TextTarget::Field(sel), &text))
                }
            };
            match input {
                Some(input) => ed.input = Some(input),
                None => toggle(ed, pane, sel),
            }
        }
    }
    None
}

/// Space on a toggle row (Starred, a BOOLEAN field): flips it.
pub(super) fn toggle(ed: &mut Editor, pane: Pane, sel: usize) {
    match pane {
        Pane::Details if sel == DETAILS_STARRED => {
            ed.edit(|f| f.starred = !f.starred);
        }
        Pane::Fields => {
            let Some(row) = ed.form().fields.get(sel) else {
                return;
            };
            if row.field_type == FieldType::Boolean && row.editable() {
                let next = !matches!(row.value, FieldValue::Bool(true));
                ed.edit(|f| f.fields[sel].value = FieldValue::Bool(next));
            }
        }
        _ => {}
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

/// Keys while a field editor is open: the key table first (Enter commits,
/// Esc cancels), everything else to the widget. Returns what the status
/// line should say about the commit, if anything.
pub(super) fn on_field_key(ed: &mut Editor, keys: &keys::Keymap, key: KeyEvent) -> Option<String> {
    let ctx = ed.key_context();
    let input = ed.input.as_mut()?;
    match input {
        FieldEditor::Text { target, area } => {
            let target = *target;
            match keys.action(ctx, &key) {
                Some(Action::Back) => ed.input = None,
                Some(Action::Commit) => {
                    let text = area.lines().join(" ");
                    ed.input = None;
                    return commit_text(ed, target, text);
                }
                _ => match key.code {
                    // The widget maps these to "insert newline"; a field is one line.
                    KeyCode::Char('m') if key.modifiers.contains(KeyModifiers::CONTROL) => {}
                    // As in a shell (readline): Ctrl-U deletes back to the
                    // start; the widget would undo instead.
                    KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                        area.delete_line_by_head();
                    }
                    KeyCode::Char('\n' | '\r') => {}
                    // A whole character as people see it (👩‍💻 is three
                    // code points), not one code point of it.
                    KeyCode::Backspace if key.modifiers.is_empty() => {
                        for _ in 0..grapheme_chars(area, true) {
                            area.delete_char();
                        }
                    }
                    KeyCode::Delete if key.modifiers.is_empty() => {
                        for _ in 0..grapheme_chars(area, false) {
                            area.delete_next_char();
                        }
                    }
                    _ => {
                        area.input(key);
                    }
                },
            }
        }
        FieldEditor::Options(p) => match keys.action(ctx, &key) {
            Some(Action::Back) => ed.input = None,
            // A long picker's Esc: the filter first, then the picker.
            Some(Action::ClearFilter) if !p.filter.is_empty() => p.set_filter(String::new()),
            Some(Action::ClearFilter) => ed.input = None,
            Some(Action::Toggle) => {
                if let Some(c) = p.current().and_then(|i| p.chosen.get_mut(i)) {
                    *c = !*c;
                }
            }
            Some(Action::Commit) => {
                let p = p.clone();
                ed.input = None;
                commit_picker(ed, &p);
            }
            Some(action) => {
                if let Some(to) = cursor::moved(p.cursor, action, p.visible().len()) {
                    p.cursor = to;
                }
            }
            None if p.filters() => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    let mut filter = p.filter.clone();
                    filter.push(c);
                    p.set_filter(filter);
                }
                KeyCode::Backspace => {
                    let mut filter = p.filter.clone();
                    filter.pop();
                    p.set_filter(filter);
                }
                _ => {}
            },
            None => {}
        },
    }
    None
}

/// How many code points the user-perceived character (grapheme cluster)
/// just before the cursor (`before`) or just after it is made of; 0 at
/// the start or end of the text.
fn grapheme_chars(area: &ratatui_textarea::TextArea<'_>, before: bool) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let cursor = area.cursor();
    let Some(line) = area.lines().get(cursor.0) else {
        return 0;
    };
    let at = line
        .char_indices()
        .nth(cursor.1)
        .map_or(line.len(), |(i, _)| i);
    let grapheme = if before {
        line[..at].graphemes(true).next_back()
    } else {
        line[at..].graphemes(true).next()
    };
    grapheme.map_or(0, |g| g.chars().count())
}

fn commit_picker(ed: &mut Editor, p: &OptionPicker) {
    if matches!(p.kind, PickerKind::Tags | PickerKind::Lists) {
        let picked: Vec<Linked> = p
            .options
            .iter()
            .zip(&p.chosen)
            .filter(|(_, c)| **c)
            .map(|((id, name), _)| Linked {
                id: id.clone(),
                name: name.clone(),
            })
            .collect();
        let tags = p.kind == PickerKind::Tags;
        let now = if tags {
            &ed.form().tags
        } else {
            &ed.form().lists
        };
        // The same set, in any order, is no edit at all.
        if !crate::contact::body::same_ids(now, &picked) {
            ed.edit(|f| {
                if tags {
                    f.tags = picked;
                } else {
                    f.lists = picked;
                }
            });
        }
        return;
    }
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
        match (p.current().and_then(|i| p.options.get(i)), p.kind) {
            (Some((id, _)), PickerKind::User) => FieldValue::Text(id.clone()),
            (Some((id, _)), PickerKind::Option) => FieldValue::Choice(id.clone()),
            (Some(_), PickerKind::Tags | PickerKind::Lists) | (None, _) => return,
        }
    };
    let field = p.field;
    ed.edit(|f| {
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

fn commit_text(ed: &mut Editor, target: TextTarget, text: String) -> Option<String> {
    match target {
        TextTarget::Detail(d) => return ed.edit(|f| f.set_detail(d, &text)).flatten(),
        TextTarget::Phone(_) | TextTarget::NewPhone => return commit_phone(ed, target, &text),
        TextTarget::Title => {
            let loaded_none = ed.baseline().title.is_none();
            ed.edit(|f| f.set_title(text, loaded_none));
        }
        TextTarget::Email(i) => {
            let text = text.trim().to_string();
            if text.is_empty() {
                // An emptied address means "remove it", the same as `d`.
                ed.edit(|f| f.delete_email(i));
            } else {
                ed.edit(|f| {
                    if let Some(row) = f.emails.get_mut(i) {
                        row.address = text;
                    }
                });
            }
        }
        TextTarget::NewEmail => {
            let text = text.trim().to_string();
            if !text.is_empty()
                && let Some(i) = ed.edit(|f| f.add_email(text))
            {
                ed.select(Pane::Emails, i);
            }
        }
        TextTarget::Field(i) => {
            ed.edit(|f| {
                if let Some(row) = f.fields.get_mut(i) {
                    row.value = typed::text_value(&row.field_type, &text);
                }
            });
        }
    }
    None
}

/// A typed phone number: kept as shown (`+44 20 7946 0958`) when it
/// parses; a number without `+` takes the primary phone's calling code,
/// and the status line says so. One that does not parse is kept as typed,
/// with its reason in the row. An emptied number is deleted, as with `d`.
fn commit_phone(ed: &mut Editor, target: TextTarget, text: &str) -> Option<String> {
    let typed = text.trim();
    if let TextTarget::Phone(i) = target {
        if typed.is_empty() {
            ed.edit(|f| f.delete_phone(i));
            return None;
        }
        // Unchanged text leaves a number read from the server as it was.
        if ed.form().phones.get(i).is_some_and(|p| p.number == typed) {
            return None;
        }
    } else if typed.is_empty() {
        return None;
    }
    let (number, note) = typed::phone_number(ed.form(), typed);
    match target {
        TextTarget::Phone(i) => {
            ed.edit(|f| {
                if let Some(row) = f.phones.get_mut(i) {
                    row.number = number;
                }
            });
        }
        _ => {
            if let Some(i) = ed.edit(|f| f.add_phone(number)) {
                ed.select(Pane::Phones, i);
            }
        }
    }
    note
}

/// A bracketed paste into the open text editor: a line break (CRLF, LF or
/// CR) becomes one space, other control characters too. A paste never
/// confirms the field.
pub(super) fn on_paste(ed: &mut Editor, text: &str) {
    let Some(FieldEditor::Text { area, .. }) = ed.input.as_mut() else {
        return;
    };
    let flat: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    area.insert_str(flat.trim_end());
}
