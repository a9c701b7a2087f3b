//! Building models for the UI snapshots through the real `update` path,
//! from the demo server's data, and drawing them into a test terminal.

use std::fmt::Write as _;
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use rolodex_tui::api::wire::{
    Contact, CustomFieldDef, CustomFieldValue, Email, Maybe, WorkspaceUser,
};
use rolodex_tui::app::{Model, Msg, Pane, update};
use rolodex_tui::demo::DEMO_CONTACT_ID;
use rolodex_tui::ui::{Theme, view_with};

/// A fixed API root, so snapshots do not depend on the demo server's port.
pub const BASE_URL: &str = "https://rolodex.example.com/user-api/v1";

/// The sample contact, its definitions and the workspace users, fetched once
/// from a demo server over loopback HTTP with the real client.
pub struct Fixture {
    pub contact: Contact,
    pub defs: Vec<CustomFieldDef>,
    pub users: Vec<WorkspaceUser>,
}

pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (contact, defs, users) = rolodex_tui::demo::sample_workspace();
        Fixture {
            contact,
            defs,
            users,
        }
    })
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn send(model: &mut Model, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        update(model, msg);
    }
}

pub fn type_text(model: &mut Model, text: &str) {
    send(model, text.chars().map(ch));
}

/// Replaces the text of the open text editor.
pub fn retype(model: &mut Model, text: &str) {
    send(model, [ctrl('a'), ctrl('k')]);
    type_text(model, text);
}

pub fn loaded_with(contact: Contact, users: bool) -> Model {
    let f = fixture();
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    model.keeps_drafts = true;
    model.state_dir = Some("/home/you/.local/state/rolodex-tui".into());
    update(&mut model, Msg::Loaded(Ok((contact, f.defs.clone()))));
    if users {
        update(&mut model, Msg::UsersLoaded(Ok(f.users.clone())));
    }
    model
}

pub fn loaded() -> Model {
    loaded_with(fixture().contact.clone(), true)
}

pub fn focus(model: &mut Model, pane: Pane) {
    for _ in 0..3 {
        if model.editor().map(|e| e.focus) == Some(pane) {
            return;
        }
        update(model, key(KeyCode::Tab));
    }
    panic!("could not focus {pane:?}");
}

pub fn select_field(model: &mut Model, name: &str) {
    focus(model, Pane::Fields);
    let index = model
        .editor()
        .and_then(|e| e.form().fields.iter().position(|f| f.name == name))
        .unwrap_or_else(|| panic!("no field {name}"));
    send(model, [ch('g')]);
    send(model, (0..index).map(|_| ch('j')));
}

/// The sample contact with a typical edit in every pane: a new title, not
/// starred, the primary email deleted (promoting the other) and one added,
/// a number changed, a date cleared, a toggle flipped — the state the
/// screenshots start from (built from the same seed data the demo server
/// serves, which `tests/screenshots.rs` checks).
pub fn edited() -> Model {
    rolodex_tui::screenshot::edited()
}

/// What a terminal of `width`×`height` shows for `model`: the text (the
/// `TestBackend`'s display) and the cells.
pub struct Screen {
    pub text: String,
    pub buffer: Buffer,
}

pub fn draw(model: &Model, width: u16, height: u16, theme: &Theme) -> Screen {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view_with(model, f, theme)).expect("draw");
    Screen {
        text: terminal.backend().to_string(),
        buffer: terminal.backend().buffer().clone(),
    }
}

/// Every run of cells drawn in a non-default style, one per line:
/// `row cols style "text"`. Catches what colour and emphasis mean.
pub fn styles_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if style == (Color::Reset, Color::Reset, Modifier::empty()) {
                x += 1;
                continue;
            }
            let start = x;
            let mut text = String::new();
            while x < area.width {
                let c = &buffer[(x, y)];
                if (c.fg, c.bg, c.modifier) != style {
                    break;
                }
                text.push_str(c.symbol());
                x += 1;
            }
            let mut desc = vec![];
            if style.0 != Color::Reset {
                desc.push(format!("fg={:?}", style.0));
            }
            if style.1 != Color::Reset {
                desc.push(format!("bg={:?}", style.1));
            }
            if !style.2.is_empty() {
                desc.push(format!("{:?}", style.2));
            }
            let _ = writeln!(
                out,
                "{y:>2} {start:>3}-{:<3} {} {:?}",
                x - 1,
                desc.join(" "),
                text.trim_end()
            );
        }
    }
    out
}

/// The sample contact as the server holds it after `edited()` is saved.
pub fn saved_contact(m: &Model) -> Contact {
    let ed = m.editor().expect("editor");
    let body = match &ed.overlay {
        Some(rolodex_tui::app::Overlay::Saving { body, .. }) => body.clone(),
        other => panic!("a body was sent, but the overlay is {other:?}"),
    };
    let mut c = ed.contact().clone();
    c.title = body.title.clone().into();
    c.is_starred = body.is_starred;
    c.updated_at = "2025-01-15T13:05:00Z".into();
    c.emails = Maybe::Value(
        body.emails
            .iter()
            .flatten()
            .map(|e| Email {
                id: Maybe::Absent,
                email_address: e.email_address.clone(),
                is_primary: Maybe::Value(e.is_primary),
                extra: Default::default(),
            })
            .collect(),
    );
    c.custom_fields = Maybe::Value(
        body.custom_fields
            .iter()
            .flatten()
            .map(|f| CustomFieldValue {
                id: f.id.clone(),
                name: Maybe::Absent,
                field_type: Maybe::Absent,
                value: Maybe::Value(f.value.clone()),
                extra: Default::default(),
            })
            .collect(),
    );
    c
}
