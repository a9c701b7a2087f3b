//! The header line: whose contact this is, which version, and whether it
//! has unsaved changes (or is only looked at, read-only).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Editor, Model};

use super::text::sanitize;
use super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    let contact = ed.contact();
    // Local time with its age; without the age where that does not fit.
    let with_age = model.local_time(&contact.updated_at);
    let plain = crate::time::local(&contact.updated_at, &model.zone, None);
    let line = |updated: &str| {
        Line::from(vec![
            Span::styled(sanitize(&contact.display_name()).into_owned(), theme.bold()),
            Span::styled(format!(" {} ", theme.g().dot), theme.dim()),
            Span::raw(sanitize(&contact.id).into_owned()),
            Span::styled(format!(" {} updated ", theme.g().dot), theme.dim()),
            Span::raw(sanitize(updated).into_owned()),
        ])
    };
    let mut right = vec![];
    if model.dry_run {
        right.push(Span::styled(" DRY RUN ", theme.badge()));
        right.push(Span::raw(" "));
    }
    if model.journal.read_only().is_some() {
        right.push(Span::styled(" READ-ONLY ", theme.badge()));
        right.push(Span::raw(" "));
    }
    if model.edit_in_memory_only() {
        right.push(Span::styled(" IN MEMORY ONLY ", theme.badge()));
        right.push(Span::raw(" "));
    }
    let count = ed.changes().count();
    if count > 0 {
        right.push(Span::styled(format!(" modified ({count}) "), theme.badge()));
    } else {
        right.push(Span::styled("no changes", theme.dim()));
    }
    let right = Line::from(right).right_aligned();
    let right_width = u16::try_from(right.width()).unwrap_or(area.width);
    let left_area = Rect {
        width: area.width.saturating_sub(right_width + 1),
        ..area
    };
    let left = match line(&with_age) {
        l if l.width() <= usize::from(left_area.width) => l,
        _ => line(&plain),
    };
    frame.render_widget(left, left_area);
    frame.render_widget(right, area);
}
