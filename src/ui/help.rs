//! The help screen: every key, grouped by where it works (SPEC §3).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{Model, keys};

use super::text::{fit, sanitize, wrap};
use super::theme::Theme;

const KEY_WIDTH: usize = 22;

/// The help's lines at a terminal `width` wide, and the line each group
/// of [`keys::HELP_GROUPS`] starts on: what a key does wraps under its
/// column instead of being cut, so scrolling counts the wrapped lines.
fn help_lines<'a>(model: &Model, width: u16, theme: &Theme) -> (Vec<Line<'a>>, Vec<usize>) {
    // The help box is at most 96 wide: its border and padding take 4.
    let inner_w = usize::from(width.min(96)).saturating_sub(4);
    let room = inner_w.saturating_sub(KEY_WIDTH).max(8);
    let mut lines = vec![];
    let mut starts = vec![];
    for (group, scopes) in keys::HELP_GROUPS {
        starts.push(lines.len());
        lines.push(Line::styled(*group, theme.bold()));
        for (key, what) in theme.keys().help_rows(scopes) {
            let key = fit(&format!("  {}", theme.g().keys(&key)), KEY_WIDTH, theme.g());
            for (i, part) in wrap(&theme.g().own(what), room).into_iter().enumerate() {
                let key = if i == 0 {
                    key.clone()
                } else {
                    " ".repeat(KEY_WIDTH)
                };
                lines.push(Line::from(vec![
                    Span::styled(key, theme.key()),
                    Span::raw(part),
                ]));
            }
        }
    }
    // Then where things are kept, each path on lines of its own so the
    // whole of it can be read (and copied).
    lines.push(Line::default());
    lines.push(Line::styled("Where things are kept", theme.bold()));
    match model.state_dir.as_deref() {
        Some(dir) => {
            let dir = sanitize(dir);
            for (label, path) in [
                ("Log file", format!("{dir}/rolodex-tui.log")),
                ("Drafts", format!("{dir}/drafts/")),
                ("Save history", format!("{dir}/history/")),
            ] {
                lines.push(Line::styled(format!("  {label}"), theme.key()));
                for part in wrap(&path, inner_w.saturating_sub(4).max(20)) {
                    lines.push(Line::raw(format!("    {part}")));
                }
            }
        }
        None => lines.extend(
            wrap(
                "No state folder ($XDG_STATE_HOME or $HOME): no drafts, history or log are kept",
                inner_w.saturating_sub(2),
            )
            .into_iter()
            .map(|l| Line::styled(format!("  {l}"), theme.invalid())),
        ),
    }
    let path = super::words::path_text(model.read_path.as_ref());
    let path = theme.g().own(&path);
    for (i, part) in wrap(&path, room.max(20)).into_iter().enumerate() {
        let label = if i == 0 { "  Contacts are read" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(fit(label, KEY_WIDTH, theme.g()), theme.key()),
            Span::raw(part),
        ]));
    }
    (lines, starts)
}

/// How the help lies at the model's terminal size (see
/// [`crate::app::HelpFit`]): the core scrolls by it.
pub fn layout(model: &Model) -> crate::app::HelpFit {
    let theme = Theme::COLOR.with_glyphs(model.glyphs).with_keys(model.keys);
    // Before the terminal's size is known, the narrowest it can be: the
    // most lines, so the end can always be scrolled to.
    let width = match model.size {
        Some((w, _)) if w > 0 => w,
        _ => crate::app::MIN_WIDTH,
    };
    let (lines, group_starts) = help_lines(model, width, &theme);
    crate::app::HelpFit {
        group_starts,
        lines: lines.len(),
    }
}

/// Every key, grouped by screen, then where drafts, the save history and
/// the log are kept (so a person can find, or revert from, them) and how
/// this server's contacts are read; scrolled by `model.help_scroll` lines.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let scroll = model.help_scroll;
    let (lines, _) = help_lines(model, area.width, theme);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = super::layout::centered(area, 96, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_set(theme.g().dialog_border)
        .border_style(theme.dialog_border())
        .title(Span::styled(" Help: keys ", theme.dialog_border()))
        .title(
            Line::styled(
                format!(
                    " {} closes ",
                    theme.g().keys(
                        &theme
                            .keys()
                            .label_of(keys::Context::Help, keys::Action::Back)
                    )
                ),
                theme.dim(),
            )
            .right_aligned(),
        );
    let inner = super::layout::padded(block.inner(area), 1);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(inner.height));
    let block = if total > inner.height {
        block.title_bottom(Line::styled(
            theme
                .g()
                .keys(&format!(
                    " ↓↑ PgDn PgUp g G scroll · lines {}–{} of {total} ",
                    scroll + 1,
                    (scroll + inner.height).min(total)
                ))
                .into_owned(),
            theme.dim(),
        ))
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
