//! The contact picker screen: a filter line, the matching contacts, and
//! what is loaded of how many.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::ContactList;
use crate::app::Model;
use crate::app::keys::{Action, Context};

use super::layout::{hint_lines, scroll_offset, spinner};
use super::text::{fit, sanitize, truncate, wrap};
use super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, picker: &ContactList, theme: &Theme) {
    let hints = hint_lines(
        &theme.keys().hints(Context::Contacts),
        usize::from(area.width),
        theme,
    );
    let hints_h = u16::try_from(hints.len()).unwrap_or(1);
    let status = status_lines(model, picker, usize::from(area.width), theme);
    let status_h = u16::try_from(status.len()).unwrap_or(1);
    let [title_area, filter_area, list_area, status_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_h),
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
        lines = empty_list_lines(picker, width, theme);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    frame.render_widget(Paragraph::new(status), status_area);
    frame.render_widget(Paragraph::new(hints), hints_area);
}

/// What the list says when it has no row to show: that it is loading,
/// that nothing matches the filter, that the workspace has no contacts, or
/// (never to be mistaken for an empty workspace) that it could not load,
/// why, and the key that tries again.
fn empty_list_lines<'a>(picker: &ContactList, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let g = theme.g();
    let indent = |text: &str, style| {
        wrap(&sanitize(text), width.saturating_sub(2))
            .into_iter()
            .map(move |l| Line::styled(format!("  {l}"), style))
    };
    let said = match (&picker.error, picker.loading) {
        (_, true) => format!("loading contacts{}", g.ellipsis),
        (Some(error), false) => {
            let mut lines: Vec<Line> =
                indent("Could not load the contacts.", theme.invalid()).collect();
            lines.extend(indent(&format!("Why: {error}."), Style::new()));
            lines.push(Line::default());
            lines.extend(indent(
                &format!("{} tries again.", retry_key(theme)),
                theme.bold(),
            ));
            return lines;
        }
        (None, false) if picker.filter.is_empty() => "this workspace has no contacts".into(),
        (None, false) => format!("no loaded contact matches \"{}\"", sanitize(&picker.filter)),
    };
    indent(&said, theme.dim()).collect()
}

/// The key that retries on this screen, as the user's key table has it.
fn retry_key(theme: &Theme) -> String {
    theme
        .g()
        .keys(&theme.keys().key_of(Context::Contacts, Action::Retry))
        .into_owned()
}

/// The line under the list: a failed load (wrapped, so the whole reason
/// and the retry key can be read), what is loading, or how many are shown.
fn status_lines<'a>(
    model: &Model,
    picker: &ContactList,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let g = theme.g();
    let visible = picker.visible().len();
    let line = match (&picker.error, picker.loading) {
        // With no row to show, the list itself says why, in full.
        (Some(_), false) if visible == 0 => Line::styled(
            format!(
                "{} could not load the contacts ({} retries)",
                g.invalid,
                retry_key(theme)
            ),
            theme.invalid(),
        ),
        (Some(e), false) => {
            let text = format!(
                "{} could not load more contacts: {}. {} retries.",
                g.invalid,
                sanitize(&e.to_string()),
                retry_key(theme)
            );
            return wrap(&text, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.invalid()))
                .collect();
        }
        (_, true) => Line::from(vec![
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
                visible,
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
    vec![line]
}
