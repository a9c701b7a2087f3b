//! `/` finds a row in the focused pane: typing moves the selection to the
//! first row whose name has every typed word (case and accents ignored, as
//! the contact list filters); ↓/↑ (or Ctrl-N/Ctrl-P) go to the next and
//! previous match while typing, Enter keeps the selection, Esc goes back
//! to where it was. After Enter, `n` and `N` find the next and previous
//! match again. With 300 custom fields this is how a person gets to one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::editor::Editor;
pub use super::field_editor::Find;
use super::keys::{self, Action, Context};
use super::matching::Matcher;
use super::pane::{DETAILS_LISTS, DETAILS_STARRED, DETAILS_TAGS, DETAILS_TITLE, Pane, detail_at};

/// The name a row is found by: a detail's label, an address, a number, a
/// custom field's name.
fn row_name(ed: &Editor, pane: Pane, row: usize) -> String {
    let form = ed.form();
    match pane {
        Pane::Details => match row {
            DETAILS_TITLE => "Title".into(),
            DETAILS_STARRED => "Starred".into(),
            DETAILS_TAGS => "Tags".into(),
            DETAILS_LISTS => "Lists".into(),
            _ => detail_at(row).map_or_else(String::new, |d| d.label().to_string()),
        },
        Pane::Emails => form
            .emails
            .get(row)
            .map_or_else(String::new, |e| e.address.clone()),
        Pane::Phones => form
            .phones
            .get(row)
            .map_or_else(String::new, |p| p.number.clone()),
        Pane::Fields => form
            .fields
            .get(row)
            .map_or_else(String::new, |f| f.name.clone()),
    }
}

/// The rows of `pane` whose names match `text`, in order.
pub fn matches(ed: &Editor, pane: Pane, text: &str) -> Vec<usize> {
    let matcher = Matcher::new(text);
    if matcher.is_empty() {
        return vec![];
    }
    (0..ed.rows(pane))
        .filter(|&row| matcher.matches(&[&row_name(ed, pane, row)]))
        .collect()
}

/// The match after `at` (or before it, `back`), wrapping round; `at`
/// itself when it is the only one.
fn next_match(found: &[usize], at: usize, back: bool) -> Option<usize> {
    if back {
        found
            .iter()
            .rev()
            .find(|&&r| r < at)
            .or(found.last())
            .copied()
    } else {
        found.iter().find(|&&r| r > at).or(found.first()).copied()
    }
}

/// Opens the find line on the focused pane.
pub(super) fn open(ed: &mut Editor) {
    let pane = ed.focus;
    ed.find = Some(Find {
        text: String::new(),
        pane,
        from: ed.selected(pane),
    });
}

/// `n` / `N` after a find: the next or previous match of the last text.
/// Returns what the status line should say.
pub(super) fn again(ed: &mut Editor, back: bool) -> String {
    let Some(text) = ed.last_find.clone() else {
        return "n finds the next match of a find: press / to start one".into();
    };
    let pane = ed.focus;
    let found = matches(ed, pane, &text);
    match next_match(&found, ed.selected(pane), back) {
        Some(row) => {
            ed.select(pane, row);
            let at = found.iter().position(|&r| r == row).map_or(0, |i| i + 1);
            format!("/{text}: match {at} of {}", found.len())
        }
        None => format!("/{text}: nothing in {} matches", pane.title()),
    }
}

/// A key while the find line is open.
pub(super) fn on_key(ed: &mut Editor, keys: &keys::Keymap, key: &KeyEvent) {
    let Some(find) = ed.find.clone() else {
        return;
    };
    let pane = find.pane;
    match keys.action(Context::Find, key) {
        Some(Action::Back) => {
            ed.select(pane, find.from);
            ed.find = None;
        }
        Some(Action::Commit) => {
            if !find.text.trim().is_empty() {
                ed.last_find = Some(find.text);
            }
            ed.find = None;
        }
        Some(action @ (Action::Down | Action::Up)) => {
            let found = matches(ed, pane, &find.text);
            if let Some(row) = next_match(&found, ed.selected(pane), action == Action::Up) {
                ed.select(pane, row);
            }
        }
        _ => {
            let mut text = find.text;
            match key.code {
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    text.push(c);
                }
                _ => return,
            }
            // The first match from the top; none leaves the selection where
            // the find started.
            let row = matches(ed, pane, &text)
                .first()
                .copied()
                .unwrap_or(find.from);
            ed.select(pane, row);
            ed.find = Some(Find { text, ..find });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_previous_wrap_round() {
        let found = [2, 5, 9];
        assert_eq!(next_match(&found, 2, false), Some(5));
        assert_eq!(next_match(&found, 9, false), Some(2));
        assert_eq!(next_match(&found, 2, true), Some(9));
        assert_eq!(next_match(&found, 6, true), Some(5));
        assert_eq!(next_match(&[], 0, false), None);
    }
}
