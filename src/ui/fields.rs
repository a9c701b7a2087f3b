//! The Custom fields pane (one row per definition, scrolling with the
//! selection) and the option picker drawn over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{
    Editor, FieldEditor, Model, OptionPicker, Pane, PickerKind, TextTarget, user_label,
};
use crate::contact::{FieldRow, FieldValue};
use crate::wire::FieldType;

use super::layout::{hint_lines, scroll_offset};
use super::rows::{LEAD_WIDTH, Mark, PaneView, Row, editor_text, lead, text_being_edited};
use super::text::{fit, sanitize, truncate, width, wrap};
use super::theme::Theme;

/// A custom field type in a word, for the type column.
pub fn type_short(t: &FieldType) -> &'static str {
    match t {
        FieldType::SingleLineText => "text",
        FieldType::Numeric => "number",
        FieldType::Date => "date",
        FieldType::Boolean => "yes-no",
        FieldType::SingleSelect => "select",
        FieldType::MultiSelect => "multi",
        FieldType::User => "user",
        FieldType::Other(_) => "other",
    }
}

const TYPE_WIDTH: usize = 7;
const NAME_MAX: usize = 22;
/// An open text editor is never narrower than this, so there is room to type.
const MIN_EDITOR_WIDTH: usize = 12;

/// A field's value as the pane shows it: select ids by their labels, a USER
/// id by the user's name when the workspace users are loaded, a toggle as a
/// checkbox. Sanitised.
pub fn value_text(model: &Model, row: &FieldRow) -> String {
    let text = match (&row.field_type, &row.value) {
        (_, FieldValue::Empty) => return model.glyphs.dash.into(),
        (FieldType::Boolean, FieldValue::Bool(true)) => "[x] yes".into(),
        (FieldType::Boolean, FieldValue::Bool(false)) => "[ ] no".into(),
        (FieldType::User, FieldValue::Text(id)) => {
            user_name(model, id).unwrap_or_else(|| id.clone())
        }
        _ => row.display(),
    };
    sanitize(&text).into_owned()
}

/// The label of a workspace user by id, when the users are loaded.
pub fn user_name(model: &Model, id: &str) -> Option<String> {
    model
        .users
        .as_ref()?
        .iter()
        .find(|u| u.id == id)
        .map(user_label)
}

/// Why the text being typed into a field cannot be saved, as it is typed.
/// Mirrors what committing does: surrounding spaces are dropped except in
/// plain text, and nothing typed means "clear", which is always fine.
fn live_problem(row: &FieldRow, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let typed = if row.field_type == FieldType::SingleLineText {
        text
    } else {
        t
    };
    FieldValue::Text(typed.to_string())
        .validate(&row.field_type, row.def.as_deref())
        .err()
}

/// Where the columns of the Custom fields pane start, for a pane `inner_w`
/// cells wide: `(name width, value column)`.
fn columns(ed: &Editor, inner_w: usize) -> (usize, usize) {
    let longest = ed
        .form()
        .fields
        .iter()
        .map(|f| width(&sanitize(&f.name)))
        .max();
    let name_w = longest.unwrap_or(0).min(NAME_MAX).min(inner_w / 4).max(6);
    (name_w, usize::from(LEAD_WIDTH) + name_w + 1 + TYPE_WIDTH)
}

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    let focused = ed.focus == Pane::Fields;
    let sel = ed.selected(Pane::Fields);
    if !ed.form().known.custom_fields {
        return super::panes::unknown_list(
            frame,
            area,
            format!("{} (values not returned)", Pane::Fields.title()),
            focused,
            &format!(
                "{}. They cannot be edited safely here, and a save does not send them: every \
                 value on the server stays as it is.",
                super::words::not_returned(Pane::Fields.title())
            ),
            theme,
        );
    }
    let inner_w = usize::from(area.width.saturating_sub(2));
    let (name_w, value_x) = columns(ed, inner_w);
    let room = inner_w.saturating_sub(value_x);

    let mut input = None;
    let mut rows = vec![];
    for (i, row) in ed.form().fields.iter().enumerate() {
        let editing = text_being_edited(ed, TextTarget::Field(i));
        let problem = match editing {
            Some(area) => live_problem(row, &editor_text(area)),
            None => row.problem(),
        };
        // A row further from the selected one than the pane is high cannot
        // be in view: a one-line stand-in keeps the scrolling exact.
        if problem.is_none() && i.abs_diff(sel) > usize::from(area.height) {
            rows.push(Row::new(Line::default()));
            continue;
        }
        // The same row of the baseline, found by position when the order
        // is the same (a search per row is quadratic in the field count).
        let before = match ed.baseline().fields.get(i) {
            Some(b) if b.id == row.id => Some(b),
            _ => ed.baseline().fields.iter().find(|b| b.id == row.id),
        };
        let changed = match before {
            Some(b) => b.value != row.value,
            None => !row.value.is_empty(),
        };
        let mark = match (&problem, changed) {
            (Some(_), _) => Mark::Invalid,
            (None, true) => Mark::Changed,
            (None, false) => Mark::Plain,
        };
        let mut spans = lead(focused && sel == i, mark, theme);
        spans.push(Span::raw(fit(&sanitize(&row.name), name_w, theme.g())));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            fit(type_short(&row.field_type), TYPE_WIDTH, theme.g()),
            theme.dim(),
        ));
        let value = match editing {
            Some(area) => editor_text(area),
            None => value_text(model, row),
        };
        // The reason goes after the value when both fit, else under the row.
        let reason = problem.map(|p| format!("{} {}", theme.g().invalid, sanitize(&p)));
        let value_w = match editing {
            Some(_) => width(&value) + 2,
            None => width(&value),
        };
        let inline = reason
            .as_ref()
            .is_some_and(|r| value_w.max(MIN_EDITOR_WIDTH) + 2 + width(r) <= room);
        let mut editor = None;
        if let Some(area) = editing {
            input = Some(area);
            let box_w = if inline {
                value_w.max(MIN_EDITOR_WIDTH)
            } else {
                room
            };
            editor = Some((cells(value_x), cells(box_w)));
            spans.push(Span::raw(" ".repeat(box_w)));
        } else {
            let style = match mark {
                Mark::Invalid => theme.invalid(),
                Mark::Changed => theme.changed(),
                Mark::Plain if row.value.is_empty() => theme.dim(),
                Mark::Plain => Default::default(),
            };
            let suffix = if row.editable() {
                ""
            } else {
                "  (sent unchanged)"
            };
            let value_room = room.saturating_sub(width(suffix));
            spans.push(Span::styled(
                truncate(&value, value_room, theme.g()).into_owned(),
                style,
            ));
            spans.push(Span::styled(suffix, theme.dim()));
        }
        let mut lines = vec![];
        match reason {
            Some(r) if inline => {
                spans.push(Span::styled(format!("  {r}"), theme.invalid()));
                lines.push(Line::from(spans));
            }
            Some(r) => {
                lines.push(Line::from(spans));
                lines.extend(
                    wrap(&r, room.max(16)).into_iter().map(|l| {
                        Line::styled(format!("{}{l}", " ".repeat(value_x)), theme.invalid())
                    }),
                );
            }
            None => lines.push(Line::from(spans)),
        }
        rows.push(Row { lines, editor });
    }
    let count = ed.form().fields.len();
    let title = if count == 0 {
        format!("{} (none defined)", Pane::Fields.title())
    } else {
        format!(
            "{} ({} of {count})",
            Pane::Fields.title(),
            sel.min(count - 1) + 1
        )
    };
    PaneView {
        title,
        focused,
        rows,
        selected: Some(sel),
        highlight: focused && ed.input.is_none(),
        note: None,
        input,
    }
    .draw(frame, area, theme);
}

fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The option picker, over the Custom fields pane (over the whole body when
/// the pane is too short for it).
pub fn picker(frame: &mut Frame, fields_area: Rect, body: Rect, ed: &Editor, theme: &Theme) {
    let Some(FieldEditor::Options(p)) = &ed.input else {
        return;
    };
    let linked = matches!(p.kind, PickerKind::Tags | PickerKind::Lists);
    let row = ed.form().fields.get(p.field).filter(|_| !linked);
    let name = row
        .map(|r| sanitize(&r.name).into_owned())
        .unwrap_or_default();
    let title = if p.kind == PickerKind::Tags {
        " Tags of this contact ".to_string()
    } else if p.kind == PickerKind::Lists {
        " Lists this contact is on ".to_string()
    } else if p.multi {
        format!(" Choose options for {name} ")
    } else {
        let what = match p.kind {
            PickerKind::Option => "an option",
            PickerKind::User => "a user",
            PickerKind::Tags | PickerKind::Lists => "",
        };
        format!(" Choose {what} for {name} ")
    };
    let current = row.and_then(|r| match &r.value {
        FieldValue::Choice(id) | FieldValue::Text(id) => Some(id.as_str()),
        _ => None,
    });
    let lines = option_lines(p, current, theme);
    let hints = &theme.keys().hints(ed.key_context());
    // Over every option, not the matches, so the box keeps its width while
    // a filter is typed: the marker, the tick box, the label, "(current)".
    let widest = p
        .options
        .iter()
        .map(|(id, label)| {
            let current = !p.multi && current == Some(id.as_str());
            2 + if p.multi { 4 } else { 0 } + width(&sanitize(label)) + if current { 11 } else { 0 }
        })
        .max()
        .unwrap_or(0);
    let hint_w: usize = hint_lines(hints, usize::MAX, theme)
        .first()
        .map_or(0, Line::width);
    let want_w = (width(&title) + 2).max(widest + 4).max(hint_w + 4).max(40);
    let want_w = u16::try_from(want_w)
        .unwrap_or(u16::MAX)
        .min(body.width.saturating_sub(2));
    let hint = hint_lines(hints, usize::from(want_w.saturating_sub(2)), theme);
    // A long picker has its filter line on top; its height follows every
    // option, not the matches, so the box stays put while typing.
    let filter_h = usize::from(p.filters());
    let want_h =
        u16::try_from(p.options.len().max(1) + filter_h + 3 + hint.len()).unwrap_or(u16::MAX);
    let within = if fields_area.height >= want_h {
        fields_area
    } else {
        body
    };
    // Beside the field names when there is room, so the row being edited
    // stays readable; centred otherwise.
    let (_, value_x) = columns(ed, usize::from(fields_area.width.saturating_sub(2)));
    let x = fields_area.x + 1 + cells(value_x);
    let mut area = super::layout::centered(within, want_w, want_h);
    area.x = x
        .min(within.right().saturating_sub(area.width + 1))
        .max(within.x);

    let list_h =
        usize::from(area.height.saturating_sub(3 + hint.len() as u16)).saturating_sub(filter_h);
    let offset = scroll_offset(lines.len(), p.cursor, 1, list_h);
    let mut block = Block::bordered()
        .border_set(theme.g().dialog_border)
        .border_style(theme.dialog_border())
        .title(Span::styled(title, theme.dialog_border()));
    let below = lines.len().saturating_sub(offset + list_h);
    if offset > 0 || below > 0 {
        block = block.title_bottom(
            Line::styled(
                theme
                    .g()
                    .own(&format!(" ↑ {offset} · ↓ {below} more "))
                    .into_owned(),
                theme.dim(),
            )
            .right_aligned(),
        );
    }
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut shown: Vec<Line> = match (lines.is_empty(), p.filter.is_empty()) {
        (true, true) => vec![Line::styled("  (no options defined)", theme.dim())],
        (true, false) => vec![Line::styled(
            format!("  no option matches \"{}\"", sanitize(&p.filter)),
            theme.dim(),
        )],
        (false, _) => lines.into_iter().skip(offset).take(list_h).collect(),
    };
    if filter_h > 0 {
        shown.insert(
            0,
            Line::from(vec![
                Span::styled(" Filter: ", theme.bold()),
                Span::styled(
                    format!("{}{}", sanitize(&p.filter), theme.g().cursor),
                    theme.input(),
                ),
            ]),
        );
    }
    // Line by line, so the cursor's reverse video spans the whole row.
    for (n, line) in shown.into_iter().enumerate() {
        let y = inner.y + cells(n);
        if y < inner.bottom() {
            frame.render_widget(
                line,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            );
        }
    }
    let hint_h = cells(hint.len()).min(inner.height);
    let hint_area = Rect {
        x: inner.x + 1,
        y: inner.bottom() - hint_h,
        width: inner.width.saturating_sub(1),
        height: hint_h,
    };
    frame.render_widget(Paragraph::new(hint), hint_area);
}

fn option_lines<'a>(p: &OptionPicker, current: Option<&str>, theme: &Theme) -> Vec<Line<'a>> {
    p.visible()
        .into_iter()
        .enumerate()
        .map(|(row, k)| {
            let (id, label) = &p.options[k];
            let on_cursor = row == p.cursor;
            let mut spans = vec![if on_cursor {
                Span::styled(format!("{} ", theme.g().selected), theme.bold())
            } else {
                Span::raw("  ")
            }];
            if p.multi {
                let chosen = p.chosen.get(k).copied().unwrap_or(false);
                spans.push(Span::raw(if chosen { "[x] " } else { "[ ] " }));
            }
            spans.push(Span::raw(sanitize(label).into_owned()));
            if !p.multi && current == Some(id.as_str()) {
                spans.push(Span::styled("  (current)", theme.dim()));
            }
            let line = Line::from(spans);
            if on_cursor {
                line.patch_style(theme.selected())
            } else {
                line
            }
        })
        .collect()
}
