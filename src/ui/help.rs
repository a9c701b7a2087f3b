//! The help screen: every key, grouped by where it works (SPEC §3).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::text::{fit, sanitize};
use super::theme::Theme;

/// `(group, [(keys, what they do)])`, in the order a newcomer needs them.
const GROUPS: [(&str, &[(&str, &str)]); 7] = [
    (
        "Everywhere",
        &[
            ("?", "this help (Esc or ? closes it)"),
            (
                "q / Ctrl-C",
                "quit; asks first when there are unsaved changes",
            ),
        ],
    ),
    (
        "Editor (any pane)",
        &[
            (
                "Tab / Shift-Tab",
                "next / previous pane: Details → Emails → Custom fields",
            ),
            (
                "↑ ↓  j k",
                "move the selection (g G Home End PgUp PgDn jump)",
            ),
            (
                "Enter",
                "edit the selected row (a text editor, or a picker)",
            ),
            ("Space", "toggle Starred or a yes-no field"),
            ("u / Ctrl-R", "undo / redo (the whole form)"),
            (
                "w / Ctrl-S",
                "review & save (invalid values are pointed out first)",
            ),
        ],
    ),
    (
        "Emails pane",
        &[(
            "a / d / p",
            "add / delete (u brings it back) / make primary",
        )],
    ),
    ("Custom fields pane", &[("x", "clear the value")]),
    (
        "Editing text",
        &[(
            "Enter / Esc",
            "keep / cancel (nothing else is lost); paste works",
        )],
    ),
    (
        "Option picker",
        &[(
            "↑ ↓ Space Enter Esc",
            "move, toggle (multi), choose or done, cancel",
        )],
    ),
    (
        "Review and dialogs",
        &[
            ("y / n / Esc", "yes (send) / no, back to editing"),
            ("J", "show the exact JSON body in the review"),
            (
                "r / o",
                "retry or rebase / overwrite anyway (after a conflict)",
            ),
        ],
    ),
];

const KEY_WIDTH: usize = 22;

/// `state_dir` is where drafts and the save history are kept, shown so a
/// person can find (or revert from) them.
pub fn draw(frame: &mut Frame, area: Rect, state_dir: Option<&str>, theme: &Theme) {
    let mut lines = vec![];
    for (group, keys) in GROUPS {
        lines.push(Line::styled(group, theme.bold()));
        for (key, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(fit(&format!("  {key}"), KEY_WIDTH), theme.key()),
                Span::raw(*what),
            ]));
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = super::layout::centered(area, 90, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.dialog_border())
        .title(Span::styled(" Help: keys ", theme.dialog_border()))
        .title(Line::styled(" Esc/? closes ", theme.dim()).right_aligned())
        .title_bottom(Line::styled(
            match state_dir {
                Some(dir) => format!(" drafts, history, log: {} ", sanitize(dir)),
                None => " drafts are not kept: no state folder ".to_string(),
            },
            theme.dim(),
        ));
    let inner = super::layout::padded(block.inner(area), 1);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}
