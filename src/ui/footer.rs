//! The status line and the key hints for whatever has the keys right now.

use ratatui::text::{Line, Span};

use crate::app::keys;
use crate::app::{Editor, Model, Overlay};

use super::layout::hint_lines as flow_hints;
use super::text::{sanitize, truncate, wrap};
use super::theme::{Theme, status_glyph};
use super::words::difference_line;

/// A status message never takes more than this many rows.
const MAX_STATUS_LINES: usize = 2;
/// The selected row's problem may take one more: it is the whole of what
/// the row's two- or three-row pane cuts (the row itself shows the value).
const MAX_PROBLEM_LINES: usize = 3;

/// The keys that work right now, as `(keys, what they do)`, from the key
/// table the handlers use. A read-only editor leaves out the keys that
/// edit or save.
pub fn hints(ed: &Editor, read_only: bool, keys: &keys::Keymap) -> Vec<(String, &'static str)> {
    if matches!(ed.overlay, Some(Overlay::Saving { .. })) && ed.input.is_none() {
        return vec![(
            String::new(),
            "please wait: a save in flight is never abandoned",
        )];
    }
    keys.hints_except(ed.key_context(), |action| {
        read_only && crate::app::keys::writes(action)
    })
}

/// The editor's footer hints: one line, so the rows go to the contact's
/// data. What does not fit is behind `?`, which always ends the line.
pub fn hint_lines<'a>(model: &Model, ed: &Editor, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    // The notice that another editor has the contact open has the keys.
    let hints = match model.journal.asking() {
        Some(_) => theme.keys().hints(keys::Context::OpenElsewhere),
        None if matches!(ed.overlay, Some(crate::app::Overlay::ConfirmQuit)) => {
            super::dialogs::quit_hints(model, theme.keys())
        }
        None if matches!(ed.overlay, Some(crate::app::Overlay::RestoreDraft(_))) => {
            super::dialogs::restore_hints(model, theme.keys())
        }
        None => hints(ed, model.journal.read_only().is_some(), theme.keys()),
    };
    vec![one_line(hints, usize::from(width), theme)]
}

/// As many hints as fit on one line of `width`, in order, with the help
/// hint (when there is one) kept at the end.
fn one_line<'a>(mut hints: Vec<(String, &'static str)>, width: usize, theme: &Theme) -> Line<'a> {
    // Measured as drawn: in ASCII `↓↑` is `Down/Up`.
    for (key, _) in &mut hints {
        *key = theme.g().keys(key).into_owned();
    }
    let help = hints
        .iter()
        .position(|(_, what)| *what == "help")
        .map(|i| hints.remove(i));
    let shown = |(key, what): &(String, &str)| match (key.is_empty(), what.is_empty()) {
        (true, _) => super::text::width(what),
        (false, true) => super::text::width(key),
        (false, false) => super::text::width(key) + 1 + super::text::width(what),
    };
    let mut room = width.saturating_sub(help.as_ref().map_or(0, |h| shown(h) + 3));
    let mut kept = vec![];
    for hint in hints {
        let w = shown(&hint) + if kept.is_empty() { 0 } else { 3 };
        if w > room {
            break;
        }
        room -= w;
        kept.push(hint);
    }
    kept.extend(help);
    flow_hints(&kept, width, theme)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The status message (wrapped over at most two lines, so a read-back
/// warning can be read whole), or a legend of the glyphs when there is none.
pub fn status_lines<'a>(model: &Model, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    let width = usize::from(width);
    if let Some(ed) = model.editor()
        && let Some(find) = &ed.find
    {
        return vec![find_line(ed, find, width, theme)];
    }
    match &model.status {
        Some(status) => {
            let mut said = status.text.clone();
            if !status.differences.is_empty() {
                let lines: Vec<String> = status.differences.iter().map(difference_line).collect();
                said = format!("{said}: {}", lines.join("; "));
            }
            let text = format!(
                "{} {}",
                status_glyph(status.kind, theme.g()),
                sanitize(&said)
            );
            capped(&text, width, MAX_STATUS_LINES, theme)
                .into_iter()
                .map(|l| Line::styled(l, theme.status(status.kind)))
                .collect()
        }
        None => {
            if let Some(problem) = model.editor().and_then(super::panes::selected_row_problem) {
                let text = format!("{} {}", theme.g().invalid, sanitize(&problem));
                return capped(&text, width, MAX_PROBLEM_LINES, theme)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.invalid()))
                    .collect();
            }
            legend(theme)
        }
    }
}

/// `text` wrapped to `width`, in at most `max` lines (the last one ending
/// in … when more was cut).
fn capped(text: &str, width: usize, max: usize, theme: &Theme) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            // One … however the line was cut.
            let cut = format!("{last}{}", theme.g().ellipsis);
            *last = truncate(&cut, width, theme.g()).into_owned();
        }
    }
    lines
}

/// What the marks mean, when the status line has nothing else to say.
fn legend<'a>(theme: &Theme) -> Vec<Line<'a>> {
    vec![Line::from(vec![
        Span::styled(theme.g().selected, theme.bold()),
        Span::styled(" selected  ", theme.dim()),
        Span::styled(theme.g().changed, theme.changed()),
        Span::styled(" changed  ", theme.dim()),
        Span::styled(theme.g().invalid, theme.invalid()),
        Span::styled(" invalid  ", theme.dim()),
        Span::styled(theme.g().star, theme.bold()),
        Span::styled(" primary email  ", theme.dim()),
        Span::styled("dim rows are read-only", theme.dim()),
    ])]
}

/// The find line: what is typed, and how many rows of the contact have it
/// (the find looks in every pane).
fn find_line<'a>(
    ed: &Editor,
    find: &crate::app::find::Find,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let found = crate::app::find::matches(ed, &find.text);
    let here = (ed.focus, ed.selected(ed.focus));
    let at = found.iter().position(|&s| s == here).map(|i| i + 1);
    let count = match (find.text.trim().is_empty(), found.len(), at) {
        (true, _, _) => "type to find a row in any pane".to_string(),
        (false, 0, _) => "no row in any pane has it".to_string(),
        (false, n, Some(i)) => format!("match {i} of {n} in {}", ed.focus.title()),
        (false, n, None) => format!("{n} matches"),
    };
    let typed = truncate(&sanitize(&find.text), width / 2, theme.g()).into_owned();
    Line::from(vec![
        Span::styled(" /", theme.bold()),
        Span::styled(format!("{typed}{}", theme.g().cursor), theme.input()),
        Span::styled(format!("  {count}"), theme.dim()),
    ])
}
