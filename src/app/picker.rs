//! The contact picker: shown when no contact id is given. A paged list from
//! `GET /contacts`, filtered as you type over what is loaded; Enter opens.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::api::ApiError;
use crate::wire::{Contact, Page};

use super::keys::{self, Action, Context};
use super::model::{Model, Phase};
use super::msg::Effect;
use super::update::explain;

/// How many contacts one request asks for.
pub const PAGE_SIZE: u32 = 100;
/// The order the picker lists contacts in: by name, as a person looks one up.
pub const ORDER: &str = "full_name:asc";
/// The relationship the picker's rows show (the primary email).
pub const INCLUDE: &str = "emails";
/// Load the next page when the selection comes this close to the end.
const PREFETCH: usize = 5;

/// One contact in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerRow {
    pub id: String,
    pub name: String,
    pub title: String,
    /// The primary email address, or the first one; empty without emails.
    pub email: String,
    pub starred: bool,
}

impl PickerRow {
    fn of(c: &Contact) -> Self {
        PickerRow {
            id: c.id.clone(),
            name: c.display_name(),
            title: c.title.get().cloned().unwrap_or_default(),
            email: c
                .emails
                .get()
                .and_then(|list| list.iter().find(|e| e.primary()).or(list.first()))
                .map(|e| e.email_address.clone())
                .unwrap_or_default(),
            starred: c.is_starred,
        }
    }

    fn matches(&self, filter: &str) -> bool {
        let f = filter.to_lowercase();
        [&self.name, &self.title, &self.email, &self.id]
            .iter()
            .any(|s| s.to_lowercase().contains(&f))
    }
}

/// The picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPicker {
    /// Every contact loaded so far, in the server's order.
    pub loaded: Vec<PickerRow>,
    /// `pagination.total` from the last page; `None` before the first.
    pub total: Option<u64>,
    pub filter: String,
    /// Index into [`ContactPicker::visible`].
    pub cursor: usize,
    /// A page request is in flight.
    pub loading: bool,
    pub error: Option<String>,
    /// Contacts per request ([`PAGE_SIZE`] unless a test wants more pages).
    pub page_size: u32,
}

impl Default for ContactPicker {
    fn default() -> Self {
        ContactPicker {
            loaded: vec![],
            total: None,
            filter: String::new(),
            cursor: 0,
            loading: false,
            error: None,
            page_size: PAGE_SIZE,
        }
    }
}

impl ContactPicker {
    /// The rows that match the filter, in order.
    pub fn visible(&self) -> Vec<&PickerRow> {
        self.loaded
            .iter()
            .filter(|r| self.filter.is_empty() || r.matches(&self.filter))
            .collect()
    }

    pub fn has_more(&self) -> bool {
        self.total.is_some_and(|t| (self.loaded.len() as u64) < t)
    }

    /// The request for the next page, if one is due and none is in flight.
    fn next_page(&mut self) -> Option<Effect> {
        if self.loading || !(self.total.is_none() || self.has_more()) {
            return None;
        }
        self.loading = true;
        Some(Effect::LoadContacts {
            offset: self.loaded.len() as u64,
            limit: self.page_size,
        })
    }

    /// Asks for more when the selection nears the end of what is loaded, or
    /// when a filter leaves fewer rows than a screen.
    fn maybe_more(&mut self) -> Vec<Effect> {
        let visible = self.visible().len();
        let near_end = self.cursor + PREFETCH >= visible;
        if near_end && self.error.is_none() {
            self.next_page().into_iter().collect()
        } else {
            vec![]
        }
    }
}

pub(super) fn on_page(model: &mut Model, result: Result<Page<Contact>, ApiError>) -> Vec<Effect> {
    let Phase::Picking(picker) = &mut model.phase else {
        return vec![];
    };
    picker.loading = false;
    match result {
        Ok(page) => {
            picker.total = Some(page.pagination.total);
            picker.error = None;
            picker.loaded.extend(page.data.iter().map(PickerRow::of));
            // A page that brings nothing new ends the paging, whatever `total` says.
            if page.data.is_empty() {
                picker.total = Some(picker.loaded.len() as u64);
            }
            picker.maybe_more()
        }
        Err(e) => {
            picker.error = Some(explain(&e));
            vec![]
        }
    }
}

pub(super) fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let Phase::Picking(picker) = &mut model.phase else {
        return vec![];
    };
    // `?` types into a filter that has begun; on an empty one it is help.
    let help = key.code == KeyCode::Char('?') && !ctrl;
    match keys::action(Context::Contacts, &key) {
        Some(Action::Quit) => {
            return vec![Effect::Quit];
        }
        Some(Action::ClearFilter) if picker.filter.is_empty() => {
            return vec![Effect::Quit];
        }
        Some(Action::ClearFilter) => {
            picker.filter.clear();
            picker.cursor = 0;
        }
        Some(Action::Open) => {
            let Some(id) = picker.visible().get(picker.cursor).map(|r| r.id.clone()) else {
                return vec![];
            };
            model.contact_id = id.clone();
            model.came_from = Some(picker.clone());
            model.phase = Phase::Loading;
            return vec![Effect::Load { id: id.clone() }, Effect::ReadDraft { id }];
        }
        Some(Action::Retry) => {
            picker.error = None;
            return picker.next_page().into_iter().collect();
        }
        Some(Action::Down) => picker.cursor += 1,
        Some(Action::Up) => picker.cursor = picker.cursor.saturating_sub(1),
        Some(Action::PageDown) => picker.cursor += 10,
        Some(Action::PageUp) => picker.cursor = picker.cursor.saturating_sub(10),
        Some(Action::Top) => picker.cursor = 0,
        Some(Action::Bottom) => picker.cursor = usize::MAX,
        _ if help && picker.filter.is_empty() => model.help = true,
        _ => match key.code {
            KeyCode::Backspace => {
                picker.filter.pop();
                picker.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                picker.filter.push(c);
                picker.cursor = 0;
            }
            _ => {}
        },
    }
    let visible = picker.visible().len();
    picker.cursor = picker.cursor.min(visible.saturating_sub(1));
    picker.maybe_more()
}

/// Bracketed paste into the filter (newlines flattened).
pub(super) fn on_paste(model: &mut Model, text: &str) {
    if let Phase::Picking(picker) = &mut model.phase {
        picker
            .filter
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        picker.cursor = 0;
    }
}
