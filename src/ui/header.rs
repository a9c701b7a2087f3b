//! The header line: whose contact this is, which version, and whether it
//! has unsaved changes (or is only looked at, read-only).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{Editor, Model};

use super::text::{sanitize, truncate, width};
use super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    let contact = ed.contact();
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
    let left = left_line(
        &sanitize(&contact.display_name()),
        &sanitize(&contact.id),
        &sanitize(&model.local_time(&contact.updated_at)),
        &sanitize(&crate::time::local(&contact.updated_at, &model.zone, None)),
        usize::from(left_area.width),
        theme,
    );
    frame.render_widget(left, left_area);
    frame.render_widget(right, area);
}

/// Who and which version, in `room` cells. What gives way first is the
/// time's age, then the name (cut with …), then the id, then the word
/// "updated": the time itself is never cut part way, so the version a
/// person is editing can always be read.
fn left_line<'a>(
    name: &str,
    id: &str,
    with_age: &str,
    time: &str,
    room: usize,
    theme: &Theme,
) -> Line<'a> {
    let g = theme.g();
    let dot = format!(" {} ", g.dot);
    let line = |name: &str, id: Option<&str>, updated: &str, time: &str| {
        let mut spans = vec![Span::styled(name.to_string(), theme.bold())];
        if let Some(id) = id {
            spans.push(Span::styled(dot.clone(), theme.dim()));
            spans.push(Span::raw(id.to_string()));
        }
        spans.push(Span::styled(format!("{dot}{updated}"), theme.dim()));
        spans.push(Span::raw(time.to_string()));
        Line::from(spans)
    };
    // The name cut to what is left beside the rest, if at least a few
    // letters of it can show.
    let cut_name = |rest: usize| {
        let left = room.checked_sub(rest)?;
        (left >= 5 || width(name) <= left).then(|| truncate(name, left, g).into_owned())
    };
    let rest = |id: Option<&str>, updated: &str, time: &str| {
        id.map_or(0, |i| width(&dot) + width(i)) + width(&dot) + width(updated) + width(time)
    };
    for time in [with_age, time] {
        let whole = line(name, Some(id), "updated ", time);
        if whole.width() <= room {
            return whole;
        }
    }
    for (id, updated) in [(Some(id), "updated "), (None, "updated "), (None, "")] {
        if let Some(name) = cut_name(rest(id, updated, time)) {
            return line(&name, id, updated, time);
        }
    }
    // Narrower than any terminal the editor lays out in: the time alone.
    Line::styled(truncate(time, room, g).into_owned(), Style::new())
}
