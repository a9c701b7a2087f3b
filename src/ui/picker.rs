//! The contact picker screen: a filter line, the matching contacts, and
//! what is loaded of how many.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::ContactList;
use crate::app::Model;
use crate::app::keys::{Action, Context};

use super::layout::{hint_lines, scroll_offset, spinner};
use super::text::{fit, sanitize, truncate};
use super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, picker: &ContactList, theme: &Theme) {
    let hints = hint_lines(
        &theme.keys().hints(Context::Contacts),
        usize::from(area.width),
        theme,
    );
    let hints_h = u16::try_from(hints.len()).unwrap_or(1);
    let [title_area, filter_area, list_area, status_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(hints_h),
    ])
    .areas(area);

    let g = theme.g();
    let title = format!(" Open a contact {} {}", g.dot, sanitize(&model.base_url));
    frame.render_widget(
        Line::styled(
            truncate(&title, usize::from(area.width), theme.g()).into_owned(),
            theme.badge(),
        ),
        title_area,
    );
    frame.render_widget(
        Line::from(vec![
            Span::styled(" Filter: ", theme.bold()),
            Span::styled(
                format!("{}{}", sanitize(&picker.filter), g.cursor),
                theme.input(),
            ),
        ]),
        filter_area,
    );

    let visible = picker.visible();
    let block = Block::bordered()
        .border_set(g.focused_border)
        .border_style(theme.focused_border())
        .title(Span::styled(" Contacts ", theme.focused_border()));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let rows = usize::from(inner.height);
    let offset = scroll_offset(visible.len(), picker.cursor, 1, rows);
    let width = usize::from(inner.width);
    // Name, title and primary email share the width after the selection
    // marker and the star; the email takes what is left. Two spaces keep
    // a title cut with … apart from the address after it.
    let shared = width.saturating_sub(2 + 2 + 3);
    let name_w = (shared * 3 / 10).clamp(10, 30);
    let title_w = (shared * 3 / 10).clamp(8, 30);
    let mut lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, row)| {
            let selected = i == picker.cursor;
            let text = format!(
                "{} {} {} {}  {}",
                if selected { g.selected } else { " " },
                if row.starred { g.star } else { " " },
                fit(&sanitize(&row.name), name_w, theme.g()),
                fit(&sanitize(&row.title), title_w, theme.g()),
                sanitize(&row.email),
            );
            let text = truncate(&text, width, theme.g()).into_owned();
            if selected {
                Line::styled(fit(&text, width, theme.g()), theme.selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if lines.is_empty() {
        let why = if picker.loading {
            format!("  loading contacts{}", g.ellipsis)
        } else if picker.filter.is_empty() {
            "  this workspace has no contacts".to_string()
        } else {
            format!(
                "  no loaded contact matches \"{}\"",
                sanitize(&picker.filter)
            )
        };
        lines.push(Line::styled(why, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let status = match (&picker.error, picker.loading) {
        (Some(e), _) => Line::styled(
            truncate(
                &format!(
                    "{} {e} ({} retries)",
                    g.invalid,
                    theme.keys().key_of(Context::Contacts, Action::Retry)
                ),
                usize::from(area.width),
                g,
            )
            .into_owned(),
            theme.invalid(),
        ),
        (None, true) => Line::from(vec![
            Span::styled(spinner(model.spinner, theme), theme.key()),
            Span::raw(format!(
                " loading{} {} so far",
                g.ellipsis,
                picker.loaded.len()
            )),
        ]),
        (None, false) => Line::styled(
            format!(
                "{} shown {} {} of {} loaded{}",
                visible.len(),
                g.dot,
                picker.loaded.len(),
                picker.total.unwrap_or(0),
                if picker.has_more() {
                    " (more load as you scroll)"
                } else {
                    ""
                }
            ),
            theme.dim(),
        ),
    };
    frame.render_widget(status, status_area);
    frame.render_widget(Paragraph::new(hints), hints_area);
}
