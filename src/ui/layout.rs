//! Shared drawing pieces: dialogs, hint lines, scrolling windows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{flow, sanitize, wrap};
use super::theme::Theme;

/// A piece of dialog or screen content, laid out to the width it gets.
#[derive(Clone)]
pub enum Para<'a> {
    /// Plain text, word-wrapped, in one style. Untrusted text is sanitised
    /// when it is laid out.
    Text(String, Style),
    /// A prepared line, cut at the edge if too wide.
    Line(Line<'a>),
    Blank,
    /// Key hints: `(key, what it does)`, flowed over as many lines as needed.
    Hints(Vec<(String, &'static str)>),
}

impl<'a> Para<'a> {
    pub fn text(s: impl Into<String>) -> Self {
        Para::Text(s.into(), Style::new())
    }

    pub fn styled(s: impl Into<String>, style: Style) -> Self {
        Para::Text(s.into(), style)
    }
}

/// Lays paragraphs out into lines at most `width` cells wide.
pub fn lay_out<'a>(paras: Vec<Para<'a>>, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = vec![];
    for p in paras {
        match p {
            Para::Text(s, style) => out.extend(
                wrap(&sanitize(&s), width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            ),
            Para::Line(l) => out.push(l),
            Para::Blank => out.push(Line::default()),
            Para::Hints(h) => out.extend(hint_lines(&h, width, theme)),
        }
    }
    out
}

/// `key what · key what …`, flowed to `width`.
pub fn hint_lines(
    hints: &[(impl AsRef<str>, impl AsRef<str>)],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let items = hints
        .iter()
        .map(|(key, what)| {
            let (key, what) = (theme.g().keys(key.as_ref()), theme.g().own(what.as_ref()));
            match (key.is_empty(), what.is_empty()) {
                (true, _) => vec![Span::raw(what.to_string())],
                (false, true) => vec![Span::styled(key.to_string(), theme.key())],
                (false, false) => vec![
                    Span::styled(key.to_string(), theme.key()),
                    Span::raw(format!(" {what}")),
                ],
            }
        })
        .collect();
    flow(
        items,
        Span::styled(format!(" {} ", theme.g().dot), theme.dim()),
        width,
    )
}

/// A rectangle `width`×`height` centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A bordered box with content, sized to the content.
pub struct Dialog<'a> {
    pub title: String,
    pub border: Style,
    pub paras: Vec<Para<'a>>,
    pub max_width: u16,
}

impl<'a> Dialog<'a> {
    pub fn new(title: impl Into<String>, border: Style, max_width: u16) -> Self {
        Dialog {
            title: title.into(),
            border,
            paras: vec![],
            max_width,
        }
    }

    pub fn para(mut self, p: Para<'a>) -> Self {
        self.paras.push(p);
        self
    }

    pub fn paras(mut self, ps: impl IntoIterator<Item = Para<'a>>) -> Self {
        self.paras.extend(ps);
        self
    }

    /// The size it takes in `within`: `(width, height)`.
    pub fn size(&self, within: Rect, theme: &Theme) -> (u16, u16) {
        let width = self.max_width.min(within.width);
        let inner_w = usize::from(width.saturating_sub(4)).max(1);
        let lines = lay_out(self.paras.clone(), inner_w, theme).len();
        let height = u16::try_from(lines + 2)
            .unwrap_or(u16::MAX)
            .min(within.height);
        (width, height)
    }

    /// Draws it centred in `within`.
    pub fn draw(self, frame: &mut Frame, within: Rect, theme: &Theme) {
        self.draw_at(frame, within, theme, centered);
    }

    /// Draws it at the rectangle `place` picks from its size (at most
    /// `max_width` wide, as high as its content). Content that does not fit
    /// ends with `…`.
    pub fn draw_at(
        self,
        frame: &mut Frame,
        within: Rect,
        theme: &Theme,
        place: impl FnOnce(Rect, u16, u16) -> Rect,
    ) {
        let (width, height) = self.size(within, theme);
        let inner_w = usize::from(width.saturating_sub(4)).max(1);
        let mut paras = self.paras;
        // The keys are what gets the user out of a dialog: when the content
        // does not fit, it is cut above them, never them.
        let keys = match paras.last() {
            Some(Para::Hints(_)) => paras.pop().into_iter().collect(),
            _ => vec![],
        };
        let mut lines = lay_out(paras, inner_w, theme);
        let keys = lay_out(keys, inner_w, theme);
        let area = place(within, width, height).intersection(within);
        let room = usize::from(area.height.saturating_sub(2));
        if lines.len() + keys.len() > room {
            let keep = room.saturating_sub(keys.len() + 1);
            lines.truncate(keep);
            if room > keys.len() {
                lines.push(Line::styled(theme.g().ellipsis, theme.dim()));
            }
        }
        lines.extend(keys);
        frame.render_widget(Clear, area);
        let block = Block::bordered()
            .border_set(theme.g().dialog_border)
            .border_style(self.border)
            .title(Span::styled(
                format!(" {} ", theme.g().own(&self.title)),
                self.border,
            ));
        let inner = padded(block.inner(area), 2);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// `inner` less one column on the left and `right - 1` on the right, so text
/// inside a bordered box does not touch its border.
pub fn padded(inner: Rect, right: u16) -> Rect {
    Rect {
        x: inner.x.saturating_add(1).min(inner.right()),
        width: inner.width.saturating_sub(right),
        ..inner
    }
}

/// The first line to show of `total` lines in a window `height` high so the
/// selected lines `sel..sel + len` are in view, kept near the middle when
/// there is more above and below. Computed from the selection on every draw
/// instead of stored, so the view stays a pure function of the model.
pub fn scroll_offset(total: usize, sel: usize, len: usize, height: usize) -> usize {
    if total <= height || height == 0 {
        return 0;
    }
    let middle = sel + len / 2;
    let mut offset = middle.saturating_sub(height / 2).min(total - height);
    if sel + len > offset + height {
        offset = (sel + len).saturating_sub(height);
    }
    offset.min(sel)
}

/// Spinner frames, indexed by `Model::spinner`.
pub fn spinner(tick: usize, theme: &Theme) -> &'static str {
    let frames = theme.g().spinner;
    frames[tick % frames.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_is_always_in_view() {
        for total in 0..40 {
            for height in 1..12 {
                for sel in 0..total {
                    for len in (1..3).filter(|l| sel + l <= total) {
                        let len = len.min(height);
                        let off = scroll_offset(total, sel, len, height);
                        assert!(off <= sel, "{total} {height} {sel}");
                        assert!(sel + len <= off + height, "{total} {height} {sel}");
                        assert!(total <= height || off + height <= total);
                    }
                }
            }
        }
        assert_eq!(scroll_offset(32, 0, 1, 8), 0);
        assert_eq!(scroll_offset(32, 10, 1, 8), 6);
        assert_eq!(scroll_offset(32, 31, 1, 8), 24);
    }
}
