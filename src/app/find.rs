//! `/` finds a row anywhere in the contact: typing moves the focus and the
//! selection to the first row whose name has every typed word (case and
//! accents ignored, as the contact list filters), looking first in the
//! focused pane and then on through the panes in Tab order; ↓/↑ (or
//! Ctrl-N/Ctrl-P) go to the next and previous match while typing, Enter
//! keeps the selection, Esc goes back to where it was. After Enter, `n` and
//! `N` find the next and previous match again, across panes. With 300
//! custom fields this is how a person gets to one.

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

/// A row of the contact: its pane and its row there.
pub type Spot = (Pane, usize);

/// Every row whose name matches `text`, pane by pane in Tab order (from
/// Details), rows in order.
pub fn matches(ed: &Editor, text: &str) -> Vec<Spot> {
    let matcher = Matcher::new(text);
    if matcher.is_empty() {
        return vec![];
    }
    Pane::ORDER
        .into_iter()
        .flat_map(|pane| (0..ed.rows(pane)).map(move |row| (pane, row)))
        .filter(|&(pane, row)| matcher.matches(&[&row_name(ed, pane, row)]))
        .collect()
}

/// Where a row comes in the Tab order of the whole contact.
fn order((pane, row): Spot) -> (usize, usize) {
    (pane.index(), row)
}

/// The match after `at` (or before it, `back`) in Tab order, wrapping
/// round from the last pane to the first; `at` itself when it is the only
/// one.
fn next_match(found: &[Spot], at: Spot, back: bool) -> Option<Spot> {
    let at = order(at);
    if back {
        found
            .iter()
            .rev()
            .find(|&&s| order(s) < at)
            .or(found.last())
            .copied()
    } else {
        found
            .iter()
            .find(|&&s| order(s) > at)
            .or(found.first())
            .copied()
    }
}

/// The first match from the top of `pane`, then on through the panes after
/// it in Tab order (wrapping round).
fn first_from(found: &[Spot], pane: Pane) -> Option<Spot> {
    found
        .iter()
        .find(|&&s| order(s) >= (pane.index(), 0))
        .or(found.first())
        .copied()
}

/// Focuses the pane of `spot` and selects its row.
fn go_to(ed: &mut Editor, (pane, row): Spot) {
    ed.focus = pane;
    ed.select(pane, row);
}

/// Opens the find line from the focused pane.
pub(super) fn open(ed: &mut Editor) {
    let pane = ed.focus;
    ed.find = Some(Find {
        text: String::new(),
        pane,
        from: ed.selected(pane),
    });
}

/// `n` / `N` after a find: the next or previous match of the last text,
/// in whichever pane it is. Returns what the status line should say.
pub(super) fn again(ed: &mut Editor, back: bool) -> String {
    let Some(text) = ed.last_find.clone() else {
        return "n finds the next match of a find: press / to start one".into();
    };
    let found = matches(ed, &text);
    let here = (ed.focus, ed.selected(ed.focus));
    match next_match(&found, here, back) {
        Some(spot) => {
            go_to(ed, spot);
            let at = found.iter().position(|&s| s == spot).map_or(0, |i| i + 1);
            format!(
                "/{text}: match {at} of {} in {}",
                found.len(),
                spot.0.title()
            )
        }
        None => format!("/{text}: no row in any pane matches"),
    }
}

/// A key while the find line is open.
pub(super) fn on_key(ed: &mut Editor, keys: &keys::Keymap, key: &KeyEvent) {
    let Some(find) = ed.find.clone() else {
        return;
    };
    let start = (find.pane, find.from);
    match keys.action(Context::Find, key) {
        Some(Action::Back) => {
            go_to(ed, start);
            ed.find = None;
        }
        Some(Action::Commit) => {
            if !find.text.trim().is_empty() {
                ed.last_find = Some(find.text);
            }
            ed.find = None;
        }
        Some(action @ (Action::Down | Action::Up)) => {
            let found = matches(ed, &find.text);
            let here = (ed.focus, ed.selected(ed.focus));
            if let Some(spot) = next_match(&found, here, action == Action::Up) {
                go_to(ed, spot);
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
            // The first match from the top of the pane the find started
            // in, then the panes after it; none leaves the focus and the
            // selection where the find started.
            let spot = first_from(&matches(ed, &text), find.pane).unwrap_or(start);
            go_to(ed, spot);
            ed.find = Some(Find { text, ..find });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_previous_wrap_round() {
        let f = |row| (Pane::Fields, row);
        let found = [f(2), f(5), f(9)];
        assert_eq!(next_match(&found, f(2), false), Some(f(5)));
        assert_eq!(next_match(&found, f(9), false), Some(f(2)));
        assert_eq!(next_match(&found, f(2), true), Some(f(9)));
        assert_eq!(next_match(&found, f(6), true), Some(f(5)));
        assert_eq!(next_match(&[], f(0), false), None);
    }

    #[test]
    fn next_and_previous_go_on_across_panes_in_tab_order() {
        let found = [(Pane::Details, 3), (Pane::Emails, 0), (Pane::Fields, 7)];
        assert_eq!(
            next_match(&found, (Pane::Details, 3), false),
            Some((Pane::Emails, 0))
        );
        assert_eq!(
            next_match(&found, (Pane::Phones, 0), false),
            Some((Pane::Fields, 7))
        );
        assert_eq!(
            next_match(&found, (Pane::Fields, 7), false),
            Some((Pane::Details, 3)),
            "from the last pane round to the first"
        );
        assert_eq!(
            next_match(&found, (Pane::Details, 3), true),
            Some((Pane::Fields, 7))
        );
        // Typing looks from the top of the pane the find started in on.
        assert_eq!(first_from(&found, Pane::Phones), Some((Pane::Fields, 7)));
        assert_eq!(first_from(&found, Pane::Emails), Some((Pane::Emails, 0)));
    }
}
