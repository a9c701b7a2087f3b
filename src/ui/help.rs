//! The help screen: every key, grouped by where it works (SPEC §3).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::app::keys;

use super::text::{fit, sanitize};
use super::theme::Theme;

const KEY_WIDTH: usize = 22;

/// `state_dir` is where drafts, the save history and the log are kept,
/// shown so a person can find (or revert from) them. `scroll` is how many
/// lines are scrolled off the top.
pub fn draw(frame: &mut Frame, area: Rect, state_dir: Option<&str>, scroll: u16, theme: &Theme) {
    let mut lines = match state_dir {
        Some(dir) => {
            let dir = sanitize(dir);
            vec![
                Line::from(vec![
                    Span::styled(fit("Log file", KEY_WIDTH), theme.bold()),
                    Span::raw(format!("{dir}/rolodex-tui.log")),
                ]),
                Line::from(vec![
                    Span::styled(fit("Drafts, history", KEY_WIDTH), theme.bold()),
                    Span::raw(format!("{dir}/drafts/, {dir}/history/")),
                ]),
            ]
        }
        None => vec![Line::styled(
            "No state folder ($XDG_STATE_HOME or $HOME): no drafts, history or log are kept",
            theme.invalid(),
        )],
    };
    lines.push(Line::default());
    for (group, scopes) in keys::HELP_GROUPS {
        lines.push(Line::styled(*group, theme.bold()));
        for (key, what) in keys::help_rows(scopes) {
            lines.push(Line::from(vec![
                Span::styled(fit(&format!("  {key}"), KEY_WIDTH), theme.key()),
                Span::raw(what),
            ]));
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = super::layout::centered(area, 96, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.dialog_border())
        .title(Span::styled(" Help: keys ", theme.dialog_border()))
        .title(Line::styled(" Esc/?/q closes ", theme.dim()).right_aligned());
    let inner = super::layout::padded(block.inner(area), 1);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(inner.height));
    let block = if total > inner.height {
        block.title_bottom(Line::styled(
            format!(
                " ↓↑ PgDn PgUp scroll · lines {}–{} of {total} ",
                scroll + 1,
                (scroll + inner.height).min(total)
            ),
            theme.dim(),
        ))
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
