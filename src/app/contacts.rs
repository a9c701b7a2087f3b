//! The contact list's flow: its keys, its pages arriving, a paste into
//! its filter. Enter opens the contact in the editor.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::api::ApiError;
use crate::wire::{Contact, Page};

use super::contact_list::ListRow;
use super::cursor;
use super::keys::{Action, Context};
use super::model::{Model, Phase};
use super::msg::{Effect, Local, Remote};

pub(super) fn on_page(model: &mut Model, result: Result<Page<Contact>, ApiError>) -> Vec<Effect> {
    let Phase::Picking(list) = &mut model.phase else {
        return vec![];
    };
    list.loading = false;
    match result {
        Ok(page) => {
            list.total = Some(page.pagination.total);
            list.error = None;
            list.loaded.extend(page.data.iter().map(ListRow::of));
            // A page that brings nothing new ends the paging, whatever `total` says.
            if page.data.is_empty() {
                list.total = Some(list.loaded.len() as u64);
            }
            list.maybe_more()
        }
        Err(e) => {
            list.error = Some(e.to_string());
            vec![]
        }
    }
}

pub(super) fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // `?` types into a filter that has begun; on an empty one it is help.
    let help = key.code == KeyCode::Char('?') && !ctrl;
    if help && matches!(&model.phase, Phase::Picking(list) if list.filter.is_empty()) {
        model.open_help(Context::Contacts);
        return vec![];
    }
    let Phase::Picking(list) = &mut model.phase else {
        return vec![];
    };
    match model.keys.action(Context::Contacts, &key) {
        Some(Action::Quit) => {
            return vec![Effect::Quit];
        }
        Some(Action::ClearFilter) if list.filter.is_empty() => {
            return vec![Effect::Quit];
        }
        Some(Action::ClearFilter) => {
            list.filter.clear();
            list.cursor = 0;
        }
        Some(Action::Open) => {
            let Some(id) = list.visible().get(list.cursor).map(|r| r.id.clone()) else {
                return vec![];
            };
            model.contact_id = id.clone();
            model.came_from = Some(list.clone());
            model.phase = Phase::Loading;
            return vec![
                Remote::Load { id: id.clone() }.into(),
                Local::Claim { id }.into(),
            ];
        }
        Some(Action::Retry) => {
            list.error = None;
            return list.next_page().into_iter().collect();
        }
        Some(action) if cursor::moved(0, action, 0).is_some() => {
            let rows = list.visible().len();
            if let Some(to) = cursor::moved(list.cursor, action, rows) {
                list.cursor = to;
            }
        }
        _ => match key.code {
            KeyCode::Backspace => {
                list.filter.pop();
                list.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                list.filter.push(c);
                list.cursor = 0;
            }
            _ => {}
        },
    }
    let visible = list.visible().len();
    list.cursor = list.cursor.min(visible.saturating_sub(1));
    list.maybe_more()
}

/// Bracketed paste into the filter (newlines flattened).
pub(super) fn on_paste(model: &mut Model, text: &str) {
    if let Phase::Picking(list) = &mut model.phase {
        list.filter
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        list.cursor = 0;
    }
}
