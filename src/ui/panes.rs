//! The Details, Emails and Phones panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Choices, Editor, FieldEditor, Links, Pane, TextTarget};
use crate::app::{DETAILS_FIRST, DETAILS_LISTS, DETAILS_STARRED, DETAILS_TAGS, DETAILS_TITLE};
use crate::contact::{ContactForm, Detail, check_email, phone};

use super::rows::{
    LEAD_WIDTH, Mark, PaneView, Row, editor_text, lead, reason_lines, text_being_edited,
};
use super::text::{fit, sanitize, truncate, width};
use super::theme::Theme;
use super::words::{NOT_RETURNED, companies_text, not_returned, notes_text};

const LABEL_WIDTH: usize = 12;

fn label<'a>(name: &str, theme: &Theme, read_only: bool) -> Span<'a> {
    let style = if read_only { theme.dim() } else { theme.bold() };
    Span::styled(fit(name, LABEL_WIDTH, theme.g()), style)
}

fn context_row<'a>(name: &str, value: String, inner_w: usize, theme: &Theme) -> Row<'a> {
    let value = if value.is_empty() {
        theme.g().dash.to_string()
    } else {
        sanitize(&value).into_owned()
    };
    // Wrapped under its own column rather than cut: a read-only row has
    // no editor to read the rest in.
    let indent = usize::from(LEAD_WIDTH) + LABEL_WIDTH;
    let room = inner_w.saturating_sub(indent).max(8);
    let mut parts = super::text::wrap(&value, room).into_iter();
    let mut spans = lead(false, Mark::Plain, theme);
    spans.push(label(name, theme, true));
    spans.push(Span::styled(parts.next().unwrap_or_default(), theme.dim()));
    let mut row = Row::new(Line::from(spans));
    row.lines
        .extend(parts.map(|p| Line::styled(format!("{}{p}", " ".repeat(indent)), theme.dim())));
    row
}

/// Details: Title and Starred (editable), then read-only context.
pub fn details(frame: &mut Frame, area: Rect, ed: &Editor, links: &Links, theme: &Theme) {
    let focused = ed.focus == Pane::Details;
    let sel = ed.selected(Pane::Details);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH) + LABEL_WIDTH);
    let title_editor = text_being_edited(ed, TextTarget::Title);

    let changed = |c: bool| if c { Mark::Changed } else { Mark::Plain };
    let title_changed = ed.form().title != ed.baseline().title;
    let mut title = lead(
        focused && sel == DETAILS_TITLE,
        changed(title_changed),
        theme,
    );
    title.push(label("Title", theme, false));
    let value_style = if title_changed {
        theme.changed()
    } else {
        Default::default()
    };
    let mut editor = None;
    match (&ed.form().title, title_editor) {
        (_, Some(_)) => editor = Some((LEAD_WIDTH + LABEL_WIDTH as u16, u16::MAX)),
        (Some(t), None) if !t.is_empty() => title.push(Span::styled(
            truncate(&sanitize(t), room, theme.g()).into_owned(),
            value_style,
        )),
        (Some(_), None) => title.push(Span::styled("(empty)", theme.dim())),
        (None, None) => title.push(Span::styled("(none)", theme.dim())),
    }
    let title_row = Row {
        lines: vec![Line::from(title)],
        editor,
    };

    let starred_changed = ed.form().starred != ed.baseline().starred;
    let mut starred = lead(
        focused && sel == DETAILS_STARRED,
        changed(starred_changed),
        theme,
    );
    starred.push(label("Starred", theme, false));
    let star_style = if starred_changed {
        theme.changed()
    } else {
        Default::default()
    };
    starred.push(Span::styled(
        if ed.form().starred {
            "[x] starred"
        } else {
            "[ ] not starred"
        },
        star_style,
    ));

    let mut rows = vec![title_row, Row::new(Line::from(starred))];
    for (i, d) in Detail::ALL.into_iter().enumerate() {
        rows.push(detail_row(
            ed,
            d,
            focused && sel == DETAILS_FIRST + i,
            inner_w,
            theme,
        ));
    }
    rows.push(linked_row(
        ed,
        (true, &links.tags),
        focused && sel == DETAILS_TAGS,
        inner_w,
        theme,
    ));
    rows.push(linked_row(
        ed,
        (false, &links.lists),
        focused && sel == DETAILS_LISTS,
        inner_w,
        theme,
    ));
    let c = ed.contact();
    // The read-only rows are drawn as the tail of the last selectable one,
    // so selecting it scrolls them into view: nothing selects them.
    let context = [
        context_row("Name", c.display_name(), inner_w, theme),
        context_row("Company", companies_text(c, theme.g()), inner_w, theme),
        context_row("Notes", notes_text(c), inner_w, theme),
    ];
    if let Some(last) = rows.last_mut() {
        last.lines.extend(context.into_iter().flat_map(|r| r.lines));
    }
    let editing = ed.input.as_ref().and_then(|input| match input {
        FieldEditor::Text {
            target: TextTarget::Title | TextTarget::Detail(_),
            area,
        } => Some(&**area),
        _ => None,
    });
    PaneView {
        title: Pane::Details.title().to_string(),
        focused,
        rows,
        selected: Some(sel),
        highlight: focused && editing.is_none(),
        note: Some("Name, Company and Notes are read-only".into()),
        input: editing,
    }
    .draw(frame, area, theme);
}

/// One of the other scalars: its value (truncated), a change marker, its
/// problem under it, and the text editor while it is open.
fn detail_row<'a>(
    ed: &Editor,
    d: Detail,
    selected: bool,
    inner_w: usize,
    theme: &Theme,
) -> Row<'a> {
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH) + LABEL_WIDTH);
    let editor = text_being_edited(ed, TextTarget::Detail(d));
    let value = ed.form().details.get(&d);
    let changed = value != ed.baseline().details.get(&d);
    let problem = match editor {
        Some(area) => {
            let t = editor_text(area);
            let (kept, _) = d.normalize(&t);
            (!kept.is_empty()).then(|| d.check(&kept).err()).flatten()
        }
        None => ed.form().detail_problem(d),
    };
    let mark = match (&problem, changed) {
        (Some(_), _) => Mark::Invalid,
        (None, true) => Mark::Changed,
        _ => Mark::Plain,
    };
    let mut spans = lead(selected, mark, theme);
    spans.push(label(d.label(), theme, false));
    let style = match mark {
        Mark::Invalid => theme.invalid(),
        Mark::Changed => theme.changed(),
        Mark::Plain => Default::default(),
    };
    let mut row_editor = None;
    match (editor, value) {
        (Some(_), _) => row_editor = Some((LEAD_WIDTH + LABEL_WIDTH as u16, u16::MAX)),
        (None, Some(v)) => spans.push(Span::styled(
            truncate(&sanitize(v), room, theme.g()).into_owned(),
            style,
        )),
        (None, None) if changed => spans.push(Span::styled("(cleared)", theme.changed())),
        (None, None) => spans.push(Span::styled(theme.g().dash, theme.dim())),
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(reason) = problem {
        lines.extend(reason_lines(&reason, 6, inner_w, true, theme));
    } else if let (Some(_), Some(hint)) = (editor, d.hint()) {
        lines.extend(reason_lines(&theme.g().own(hint), 6, inner_w, false, theme));
    }
    Row {
        lines,
        editor: row_editor,
    }
}

/// The Tags or Lists row: the names, changed or not; read-only where the
/// server did not return them.
fn linked_row<'a>(
    ed: &Editor,
    (tags, choices): (bool, &Choices),
    selected: bool,
    inner_w: usize,
    theme: &Theme,
) -> Row<'a> {
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH) + LABEL_WIDTH);
    let (name, now, was, known) = if tags {
        (
            "Tags",
            &ed.form().tags,
            &ed.baseline().tags,
            ed.form().known.tags,
        )
    } else {
        (
            "Lists",
            &ed.form().lists,
            &ed.baseline().lists,
            ed.form().known.lists,
        )
    };
    let changed = !crate::contact::body::same_ids(now, was);
    let mut spans = lead(
        selected,
        if changed { Mark::Changed } else { Mark::Plain },
        theme,
    );
    spans.push(label(name, theme, !known));
    let names = now
        .iter()
        .map(|l| sanitize(&l.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let text = if !known {
        NOT_RETURNED.to_string()
    } else if let Choices::Failed(_) = choices {
        // The workspace's list did not load: nothing to pick from, so the
        // row stays as it is and says why.
        let what = if tags { "tags" } else { "lists" };
        let names = if names.is_empty() {
            "none".into()
        } else {
            names
        };
        format!("read-only ({what} did not load): {names}")
    } else if now.is_empty() {
        "none (Enter picks)".to_string()
    } else {
        names
    };
    let style = if changed {
        theme.changed()
    } else if known {
        Default::default()
    } else {
        theme.dim()
    };
    // Wrapped under its column, not cut: every name, and why a list
    // cannot be picked, can be read.
    let indent = usize::from(LEAD_WIDTH) + LABEL_WIDTH;
    let mut parts = super::text::wrap(&text, room.max(8)).into_iter();
    spans.push(Span::styled(parts.next().unwrap_or_default(), style));
    let mut row = Row::new(Line::from(spans));
    row.lines
        .extend(parts.map(|p| Line::styled(format!("{}{p}", " ".repeat(indent)), style)));
    row
}

/// Why the address being typed cannot be saved, as it is typed: its format,
/// or that another row already has it. `editing` is the row being edited
/// (`None` for a new address). An empty existing row is not a problem (Enter
/// removes it), so that comes back as a note (`false`).
pub fn live_email_problem(
    form: &ContactForm,
    editing: Option<usize>,
    text: &str,
) -> Option<(String, bool)> {
    let t = text.trim();
    if t.is_empty() {
        return editing.map(|_| {
            (
                "Enter with nothing typed removes this address".to_string(),
                false,
            )
        });
    }
    if let Err(why) = check_email(t) {
        return Some((why, true));
    }
    let lower = t.to_lowercase();
    form.emails
        .iter()
        .enumerate()
        .any(|(j, e)| Some(j) != editing && e.address.to_lowercase() == lower)
        .then(|| (format!("{t} is already listed"), true))
}

/// Emails: one row per address, the primary one starred, plus the row being
/// added while `a` is open.
pub fn emails(frame: &mut Frame, area: Rect, ed: &Editor, theme: &Theme) {
    let focused = ed.focus == Pane::Emails;
    let sel = ed.selected(Pane::Emails);
    let inner_w = usize::from(area.width.saturating_sub(2));
    if !ed.form().known.emails {
        return unknown_list(
            frame,
            area,
            format!("{} (not returned)", Pane::Emails.title()),
            focused,
            &format!(
                "{}. They cannot be edited safely here, and a save does not send them: the \
                 emails on the server stay as they are.",
                not_returned(Pane::Emails.title())
            ),
            theme,
        );
    }
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH));
    let (editing, input) = match &ed.input {
        Some(FieldEditor::Text {
            target: TextTarget::Email(i),
            area,
        }) => (Some(Some(*i)), Some(&**area)),
        Some(FieldEditor::Text {
            target: TextTarget::NewEmail,
            area,
        }) => (Some(None), Some(&**area)),
        _ => (None, None),
    };
    let adding = editing == Some(None);

    // Row by row, these lookups would compare every address with every
    // other: milliseconds per frame with hundreds of addresses.
    let mut problems = ed.form().email_problems();
    let unchanged = ed.form().emails == ed.baseline().emails;
    let baseline: std::collections::HashSet<_> = match unchanged {
        true => Default::default(),
        false => (ed.baseline().emails.iter())
            .map(|b| (b.address.to_ascii_lowercase(), b.primary))
            .collect(),
    };
    // A row further from the selected one than the pane is high cannot be
    // in view: a one-line stand-in keeps the scrolling exact.
    let center = if adding { ed.form().emails.len() } else { sel };
    let mut rows = vec![];
    for (i, email) in ed.form().emails.iter().enumerate() {
        let this_editing = editing == Some(Some(i));
        let problem = match (this_editing, input) {
            (true, Some(area)) => live_email_problem(ed.form(), Some(i), &editor_text(area)),
            _ => problems[i].take().map(|p| (p, true)),
        };
        if problem.is_none() && i.abs_diff(center) > usize::from(area.height) {
            rows.push(Row::new(Line::default()));
            continue;
        }
        let changed =
            !unchanged && !baseline.contains(&(email.address.to_ascii_lowercase(), email.primary));
        let mark = match (&problem, changed) {
            (Some((_, true)), _) => Mark::Invalid,
            (_, true) => Mark::Changed,
            _ => Mark::Plain,
        };
        let mut spans = lead(focused && !adding && sel == i, mark, theme);
        let mut row_editor = None;
        if this_editing {
            row_editor = Some((LEAD_WIDTH, u16::MAX));
        } else {
            let star = theme.g().star;
            let tag = match (email.primary, width(&email.address) + 10 <= room) {
                (false, _) => String::new(),
                (true, true) => format!(" {star} primary"),
                (true, false) => format!(" {star}"),
            };
            let style = match mark {
                Mark::Invalid => theme.invalid(),
                Mark::Changed => theme.changed(),
                Mark::Plain => Default::default(),
            };
            let address = sanitize(&email.address);
            let address = truncate(&address, room.saturating_sub(width(&tag)), theme.g());
            spans.push(Span::styled(address.into_owned(), style));
            spans.push(Span::styled(tag, theme.bold()));
        }
        let mut lines = vec![Line::from(spans)];
        if let Some((reason, error)) = problem {
            lines.extend(reason_lines(&reason, 6, inner_w, error, theme));
        }
        rows.push(Row {
            lines,
            editor: row_editor,
        });
    }
    if adding {
        let problem = input.and_then(|a| live_email_problem(ed.form(), None, &editor_text(a)));
        let mark = if problem.is_some() {
            Mark::Invalid
        } else {
            Mark::Changed
        };
        let mut spans = lead(true, mark, theme);
        spans.push(Span::styled("new ", theme.bold()));
        let mut lines = vec![Line::from(spans)];
        if let Some((reason, error)) = problem {
            lines.extend(reason_lines(&reason, 6, inner_w, error, theme));
        }
        rows.push(Row {
            lines,
            editor: Some((LEAD_WIDTH + 4, u16::MAX)),
        });
    } else if ed.form().emails.is_empty() {
        rows.push(Row::new(Line::styled(
            "    no email addresses (a adds one)",
            theme.dim(),
        )));
    }
    let selected = if adding {
        rows.len().checked_sub(1)
    } else {
        Some(sel)
    };
    PaneView {
        title: format!("{} ({})", Pane::Emails.title(), ed.form().emails.len()),
        focused,
        rows,
        selected,
        highlight: focused && editing.is_none(),
        note: Some("★ = primary".into()),
        input,
    }
    .draw(frame, area, theme);
}

/// What is wrong with the number being typed, as it is typed.
fn live_phone_problem(form: &ContactForm, editing: Option<usize>, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return editing.map(|_| "Enter with nothing typed removes this number".to_string());
    }
    let code = form.primary_calling_code();
    match phone::parse(t, code.as_deref()) {
        Err(why) => Some(why),
        Ok(p) => {
            let key = phone::digits_key(&p.country_code, &p.national);
            let shown = phone::display(&p.country_code, &p.national);
            if form
                .phones
                .iter()
                .enumerate()
                .any(|(j, r)| Some(j) != editing && r.key() == key)
            {
                Some(format!("{shown} is already listed"))
            } else if p.code_assumed {
                Some(format!(
                    "no + typed: saved as {shown}, the primary phone's code"
                ))
            } else {
                None
            }
        }
    }
}

/// Phones: one row per number, the primary one starred, as in Emails.
pub fn phones(frame: &mut Frame, area: Rect, ed: &Editor, theme: &Theme) {
    let focused = ed.focus == Pane::Phones;
    let sel = ed.selected(Pane::Phones);
    let inner_w = usize::from(area.width.saturating_sub(2));
    if !ed.form().known.phones {
        return unknown_list(
            frame,
            area,
            format!("{} (not returned)", Pane::Phones.title()),
            focused,
            &format!(
                "{}. They cannot be edited here, and a save does not send them.",
                not_returned(Pane::Phones.title())
            ),
            theme,
        );
    }
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH));
    let (editing, input) = match &ed.input {
        Some(FieldEditor::Text {
            target: TextTarget::Phone(i),
            area,
        }) => (Some(Some(*i)), Some(&**area)),
        Some(FieldEditor::Text {
            target: TextTarget::NewPhone,
            area,
        }) => (Some(None), Some(&**area)),
        _ => (None, None),
    };
    let adding = editing == Some(None);
    let mut problems = ed.form().phone_problems();
    let baseline = &ed.baseline().phones;
    let mut rows = vec![];
    for (i, row) in ed.form().phones.iter().enumerate() {
        let this_editing = editing == Some(Some(i));
        let (problem, error) = match (this_editing, input) {
            (true, Some(a)) => {
                let p = live_phone_problem(ed.form(), Some(i), &editor_text(a));
                let error = p
                    .as_deref()
                    .is_some_and(|p| !p.starts_with("no + typed") && !p.starts_with("Enter with"));
                (p, error)
            }
            _ => {
                let p = problems[i].take();
                let error = p.is_some();
                (p, error)
            }
        };
        let changed = !baseline
            .iter()
            .any(|b| b.key() == row.key() && b.primary == row.primary);
        let mark = match (error, changed) {
            (true, _) => Mark::Invalid,
            (_, true) => Mark::Changed,
            _ => Mark::Plain,
        };
        let mut spans = lead(focused && !adding && sel == i, mark, theme);
        let mut row_editor = None;
        if this_editing {
            row_editor = Some((LEAD_WIDTH, u16::MAX));
        } else {
            let tag = match row.primary {
                true => format!(" {} primary", theme.g().star),
                false => String::new(),
            };
            let style = match mark {
                Mark::Invalid => theme.invalid(),
                Mark::Changed => theme.changed(),
                Mark::Plain => Default::default(),
            };
            let number = sanitize(&row.number);
            let number = truncate(&number, room.saturating_sub(width(&tag)), theme.g());
            spans.push(Span::styled(number.into_owned(), style));
            spans.push(Span::styled(tag, theme.bold()));
        }
        let mut lines = vec![Line::from(spans)];
        if let Some(reason) = problem {
            lines.extend(reason_lines(&reason, 6, inner_w, error, theme));
        }
        rows.push(Row {
            lines,
            editor: row_editor,
        });
    }
    if adding {
        let problem = input.and_then(|a| live_phone_problem(ed.form(), None, &editor_text(a)));
        let error = problem
            .as_deref()
            .is_some_and(|p| !p.starts_with("no + typed"));
        let mut spans = lead(
            true,
            if error { Mark::Invalid } else { Mark::Changed },
            theme,
        );
        spans.push(Span::styled("new ", theme.bold()));
        let mut lines = vec![Line::from(spans)];
        let hint = "type it with its country code: +44 20 7946 0958";
        let reason = problem.unwrap_or_else(|| hint.to_string());
        lines.extend(reason_lines(&reason, 6, inner_w, error, theme));
        rows.push(Row {
            lines,
            editor: Some((LEAD_WIDTH + 4, u16::MAX)),
        });
    } else if ed.form().phones.is_empty() {
        rows.push(Row::new(Line::styled(
            "    no phone numbers (a adds one)",
            theme.dim(),
        )));
    }
    let selected = if adding {
        rows.len().checked_sub(1)
    } else {
        Some(sel)
    };
    PaneView {
        title: format!("{} ({})", Pane::Phones.title(), ed.form().phones.len()),
        focused,
        rows,
        selected,
        highlight: focused && editing.is_none(),
        note: None,
        input,
    }
    .draw(frame, area, theme);
}

/// A pane for a list the server did not return: what that means, in words,
/// instead of rows that would look like an empty list.
pub fn unknown_list(
    frame: &mut Frame,
    area: Rect,
    title: String,
    focused: bool,
    why: &str,
    theme: &Theme,
) {
    let inner_w = usize::from(area.width.saturating_sub(4)).max(10);
    let rows = super::text::wrap(why, inner_w)
        .into_iter()
        .map(|l| Row::new(Line::styled(format!(" {l}"), theme.dim())))
        .collect();
    PaneView {
        title,
        focused,
        rows,
        selected: None,
        highlight: false,
        note: None,
        input: None,
    }
    .draw(frame, area, theme);
}

/// The whole message of the focused Emails or Phones row when it cannot be
/// sent as it is. Those panes are two or three rows high, so the message
/// under the row is cut by the pane's edge: the status line carries it
/// whole. Not while a field editor is open: the layout holds still while a
/// person types.
pub fn selected_row_problem(ed: &Editor) -> Option<String> {
    if ed.input.is_some() {
        return None;
    }
    let sel = ed.selected(ed.focus);
    match ed.focus {
        Pane::Emails => ed.form().email_problems().into_iter().nth(sel).flatten(),
        Pane::Phones => ed.form().phone_problems().into_iter().nth(sel).flatten(),
        Pane::Details | Pane::Fields => None,
    }
}
