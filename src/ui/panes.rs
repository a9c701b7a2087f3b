//! The editor's panes: a bordered list whose selected row is marked by `▶`
//! and reverse video, with change and problem markers in a margin column, and
//! the Details and Emails panes built on it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};
use ratatui_textarea::TextArea;
use serde_json::Value;

use crate::api::wire::{Maybe, company_label, phone_label, related_label};
use crate::app::model::{DETAILS_STARRED, DETAILS_TITLE};
use crate::app::{Editor, Input, Pane, TextTarget};
use crate::contact::{ContactForm, check_email};

use super::layout::scroll_offset;
use super::text::{fit, sanitize, truncate, width, wrap};
use super::theme::Theme;

/// What the margin column says about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Differs from what was loaded.
    Changed,
    /// Cannot be sent as it is.
    Invalid,
}

/// The cells before a row's content: `▶ ` on the selected row of the focused
/// pane (two spaces elsewhere), then the change/problem marker and a space.
pub const LEAD_WIDTH: u16 = 4;

pub fn lead<'a>(selected: bool, mark: Mark, theme: &Theme) -> Vec<Span<'a>> {
    let glyph = if selected {
        Span::styled("▶ ", theme.bold())
    } else {
        Span::raw("  ")
    };
    let marker = match mark {
        Mark::Plain => Span::raw("  "),
        Mark::Changed => Span::styled("• ", theme.changed()),
        Mark::Invalid => Span::styled("✗ ", theme.invalid()),
    };
    vec![glyph, marker]
}

/// Lines under a row saying why its value cannot be sent (or, with
/// `error == false`, a neutral note about it), wrapped to `width` cells and
/// indented by `indent`.
pub fn reason_lines<'a>(
    reason: &str,
    indent: usize,
    width: usize,
    error: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let style = if error { theme.invalid() } else { theme.dim() };
    let glyph = if error { "✗" } else { "ℹ" };
    let text = format!("{glyph} {}", sanitize(reason));
    wrap(&text, width.saturating_sub(indent).max(8))
        .into_iter()
        .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), style))
        .collect()
}

/// One row of a pane: its own line, then any lines explaining it.
pub struct Row<'a> {
    pub lines: Vec<Line<'a>>,
    /// Where an open text editor is drawn in the row's first line: the
    /// column (from the pane's inner edge) and the width (`u16::MAX`: to
    /// the edge).
    pub editor: Option<(u16, u16)>,
}

impl<'a> Row<'a> {
    pub fn new(line: Line<'a>) -> Self {
        Row {
            lines: vec![line],
            editor: None,
        }
    }
}

/// A bordered, scrolling list of rows.
pub struct PaneView<'a> {
    pub title: String,
    pub focused: bool,
    pub rows: Vec<Row<'a>>,
    /// The row kept in view.
    pub selected: Option<usize>,
    /// Whether the selected row is drawn in reverse video (the focused pane,
    /// while no text editor is open in it).
    pub highlight: bool,
    /// Shown in the bottom border when nothing is scrolled out of view.
    pub note: Option<String>,
    pub input: Option<&'a TextArea<'static>>,
}

impl PaneView<'_> {
    pub fn draw(self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let border = if self.focused {
            theme.focused_border()
        } else {
            theme.border()
        };
        let title_style = if self.focused {
            theme.focused_border()
        } else {
            theme.bold()
        };
        let mut block = Block::bordered()
            .border_type(if self.focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            })
            .border_style(border)
            .title(Span::styled(format!(" {} ", self.title), title_style));
        let inner = block.inner(area);
        let height = usize::from(inner.height);

        let mut starts = Vec::with_capacity(self.rows.len());
        let mut total = 0;
        for row in &self.rows {
            starts.push(total);
            total += row.lines.len();
        }
        let (sel_start, sel_len) = match self.selected.filter(|s| *s < self.rows.len()) {
            Some(s) => (starts[s], self.rows[s].lines.len().min(height.max(1))),
            None => (0, 1),
        };
        let offset = scroll_offset(total, sel_start, sel_len, height);
        let below = total.saturating_sub(offset + height);
        let scrolled = match (offset, below) {
            (0, 0) => None,
            (0, b) => Some(format!(" ↓ {b} more ")),
            (a, 0) => Some(format!(" ↑ {a} more ")),
            (a, b) => Some(format!(" ↑ {a} more · ↓ {b} more ")),
        };
        if let Some(note) = scrolled.or_else(|| self.note.map(|n| format!(" {n} "))) {
            block = block.title_bottom(Line::styled(note, theme.dim()).right_aligned());
        }
        frame.render_widget(block, area);

        let mut y = 0usize;
        for (index, row) in self.rows.into_iter().enumerate() {
            let selected = self.selected == Some(index);
            for (n, mut line) in row.lines.into_iter().enumerate() {
                let at = y;
                y += 1;
                if at < offset || at >= offset + height {
                    continue;
                }
                let rect = Rect {
                    y: inner.y + u16::try_from(at - offset).unwrap_or(0),
                    height: 1,
                    ..inner
                };
                if selected && n == 0 && self.highlight {
                    line = line.patch_style(theme.selected());
                    // An empty line draws nothing, not even its style.
                    if line.width() == 0 {
                        line.spans.push(Span::raw(" "));
                    }
                }
                frame.render_widget(line, rect);
                if n == 0 {
                    if let (Some((x, w)), Some(area)) = (row.editor, self.input) {
                        draw_editor(frame, rect, x, w, area, theme);
                    }
                }
            }
        }
    }
}

/// Draws an open text editor into `x..x + w` of a one-line `row`.
fn draw_editor(frame: &mut Frame, row: Rect, x: u16, w: u16, area: &TextArea, theme: &Theme) {
    let x = x.min(row.width);
    let rect = Rect {
        x: row.x + x,
        width: w.min(row.width - x),
        ..row
    };
    if rect.width == 0 {
        return;
    }
    frame.render_widget(Clear, rect);
    frame.buffer_mut().set_style(rect, theme.input());
    frame.render_widget(area, rect);
}

/// The text editor open on `target`, if that is what is open.
pub fn open_editor(ed: &Editor, target: TextTarget) -> Option<&TextArea<'static>> {
    match &ed.input {
        Some(Input::Text { target: t, area }) if *t == target => Some(&**area),
        _ => None,
    }
}

/// The text in an open editor, as one line (what Enter would commit).
pub fn editor_text(area: &TextArea) -> String {
    area.lines().join(" ")
}

const LABEL_WIDTH: usize = 10;

fn label<'a>(name: &str, theme: &Theme, read_only: bool) -> Span<'a> {
    let style = if read_only { theme.dim() } else { theme.bold() };
    Span::styled(fit(name, LABEL_WIDTH), style)
}

fn context_row<'a>(name: &str, value: Option<String>, inner_w: usize, theme: &Theme) -> Row<'a> {
    let value = match value {
        Some(v) if !v.is_empty() => sanitize(&v).into_owned(),
        _ => "—".to_string(),
    };
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH) + LABEL_WIDTH);
    let mut spans = lead(false, Mark::Plain, theme);
    spans.push(label(name, theme, true));
    spans.push(Span::styled(
        truncate(&value, room).into_owned(),
        theme.dim(),
    ));
    Row::new(Line::from(spans))
}

fn joined(
    list: &Maybe<Vec<Value>>,
    label: impl Fn(&Value) -> Option<String>,
    sep: &str,
) -> Option<String> {
    list.get().map(|items| {
        items
            .iter()
            .filter_map(&label)
            .collect::<Vec<_>>()
            .join(sep)
    })
}

/// Details: Title and Starred (editable), then read-only context.
pub fn details(frame: &mut Frame, area: Rect, ed: &Editor, theme: &Theme) {
    let focused = ed.focus == Pane::Details;
    let sel = ed.selected(Pane::Details);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH) + LABEL_WIDTH);
    let title_editor = open_editor(ed, TextTarget::Title);

    let changed = |c: bool| if c { Mark::Changed } else { Mark::Plain };
    let title_changed = ed.form.title != ed.baseline.title;
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
    match (&ed.form.title, title_editor) {
        (_, Some(_)) => editor = Some((LEAD_WIDTH + LABEL_WIDTH as u16, u16::MAX)),
        (Some(t), None) if !t.is_empty() => title.push(Span::styled(
            truncate(&sanitize(t), room).into_owned(),
            value_style,
        )),
        (Some(_), None) => title.push(Span::styled("(empty)", theme.dim())),
        (None, None) => title.push(Span::styled("(none)", theme.dim())),
    }
    let title_row = Row {
        lines: vec![Line::from(title)],
        editor,
    };

    let starred_changed = ed.form.starred != ed.baseline.starred;
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
        if ed.form.starred {
            "[x] starred"
        } else {
            "[ ] not starred"
        },
        star_style,
    ));

    let c = &ed.contact;
    let rows = vec![
        title_row,
        Row::new(Line::from(starred)),
        context_row("Name", Some(c.display_name()), inner_w, theme),
        context_row("Location", c.location.get().cloned(), inner_w, theme),
        context_row(
            "Company",
            joined(&c.companies, company_label, "; "),
            inner_w,
            theme,
        ),
        context_row(
            "Phone",
            joined(&c.phone_numbers, phone_label, "; "),
            inner_w,
            theme,
        ),
        context_row(
            "Tags",
            joined(&c.tags, |t| related_label(t, "tag"), ", "),
            inner_w,
            theme,
        ),
        context_row(
            "Lists",
            joined(&c.lists, |l| related_label(l, "list"), ", "),
            inner_w,
            theme,
        ),
    ];
    PaneView {
        title: Pane::Details.title().to_string(),
        focused,
        rows,
        selected: Some(sel),
        highlight: focused && title_editor.is_none(),
        note: Some("only Title and Starred are editable".into()),
        input: title_editor,
    }
    .draw(frame, area, theme);
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
    let room = inner_w.saturating_sub(usize::from(LEAD_WIDTH));
    let (editing, input) = match &ed.input {
        Some(Input::Text {
            target: TextTarget::Email(i),
            area,
        }) => (Some(Some(*i)), Some(&**area)),
        Some(Input::Text {
            target: TextTarget::NewEmail,
            area,
        }) => (Some(None), Some(&**area)),
        _ => (None, None),
    };
    let adding = editing == Some(None);

    let mut rows = vec![];
    for (i, email) in ed.form.emails.iter().enumerate() {
        let this_editing = editing == Some(Some(i));
        let problem = match (this_editing, input) {
            (true, Some(area)) => live_email_problem(&ed.form, Some(i), &editor_text(area)),
            _ => ed.form.email_problem(i).map(|p| (p, true)),
        };
        let changed =
            !ed.baseline.emails.iter().any(|b| {
                b.address.eq_ignore_ascii_case(&email.address) && b.primary == email.primary
            });
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
            let tag = match (email.primary, width(&email.address) + 10 <= room) {
                (false, _) => "",
                (true, true) => " ★ primary",
                (true, false) => " ★",
            };
            let style = match mark {
                Mark::Invalid => theme.invalid(),
                Mark::Changed => theme.changed(),
                Mark::Plain => Default::default(),
            };
            let address = sanitize(&email.address);
            let address = truncate(&address, room.saturating_sub(width(tag)));
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
        let problem = input.and_then(|a| live_email_problem(&ed.form, None, &editor_text(a)));
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
    } else if ed.form.emails.is_empty() {
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
        title: format!("{} ({})", Pane::Emails.title(), ed.form.emails.len()),
        focused,
        rows,
        selected,
        highlight: focused && editing.is_none(),
        note: Some("★ = primary".into()),
        input,
    }
    .draw(frame, area, theme);
}
