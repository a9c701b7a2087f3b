//! A pane: a bordered, scrolling list of rows whose selected row is marked
//! by `▶` and its name in reverse video, with a margin column for change and problem
//! markers, and an open text editor drawn in place inside its row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::TextArea;

use crate::app::{Editor, FieldEditor, TextTarget};

use super::layout::scroll_offset;
use super::text::{sanitize, wrap};
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

/// The lead cells of a row (see [`LEAD_WIDTH`]).
pub fn lead<'a>(selected: bool, mark: Mark, theme: &Theme) -> Vec<Span<'a>> {
    let g = theme.g();
    let glyph = if selected {
        Span::styled(format!("{} ", g.selected), theme.bold())
    } else {
        Span::raw("  ")
    };
    let marker = match mark {
        Mark::Plain => Span::raw("  "),
        Mark::Changed => Span::styled(format!("{} ", g.changed), theme.changed()),
        Mark::Invalid => Span::styled(format!("{} ", g.invalid), theme.invalid()),
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
    let glyph = if error {
        theme.g().invalid
    } else {
        theme.g().info
    };
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

/// How many spans of the selected row are drawn in reverse video: the `▶`
/// glyph, the change marker and the row's name (its label, field name or
/// address).
const HIGHLIGHTED_SPANS: usize = 3;

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
            .border_set(if self.focused {
                theme.g().focused_border
            } else {
                theme.g().border
            })
            .border_style(border)
            .title(Span::styled(
                format!(" {} ", theme.g().own(&self.title)),
                title_style,
            ));
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
            let note = theme.g().own(&note).into_owned();
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
                    // Reverse video on the marker and the row's name only,
                    // not the whole width: moving the selection then
                    // rewrites a few dozen cells instead of two full rows,
                    // which is what a keystroke costs over SSH.
                    if line.spans.len() <= HIGHLIGHTED_SPANS && line.width() == 0 {
                        line.spans.push(Span::raw(" "));
                    }
                    for span in line.spans.iter_mut().take(HIGHLIGHTED_SPANS) {
                        span.style = span.style.patch(theme.selected());
                    }
                }
                frame.render_widget(line, rect);
                if let (0, Some((x, w)), Some(area)) = (n, row.editor, self.input) {
                    draw_editor(frame, rect, x, w, area, theme);
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
pub fn text_being_edited(ed: &Editor, target: TextTarget) -> Option<&TextArea<'static>> {
    match &ed.input {
        Some(FieldEditor::Text { target: t, area }) if *t == target => Some(&**area),
        _ => None,
    }
}

/// The text in an open editor, as one line (what Enter would commit).
pub fn editor_text(area: &TextArea) -> String {
    area.lines().join(" ")
}
