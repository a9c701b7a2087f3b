//! Scene scripts: editor states built from the demo's sample data through the
//! real `update` path (no network, no clock), by the keystrokes a user would
//! type, and drawn by the real view into a test terminal. The README
//! screenshots, the UI snapshot tests, the flow tests and the benchmarks all
//! start from these, so a scene is written once.
//!
//! Dev tooling, not part of the library: included by path
//! (`#[path = "…/dev/scenes.rs"] mod scenes;`) where it is needed, and each
//! includer uses only part of it.
#![allow(dead_code)]

use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolodex_tui::app::{Model, Msg, PAGE_SIZE, Pane, update};
use rolodex_tui::contact::Linked;
use rolodex_tui::demo::{self, DEMO_CONTACT_ID};
use rolodex_tui::ui::{Theme, view_with};
use rolodex_tui::wire::{Contact, CustomFieldDef, Maybe, Page, Pagination, WorkspaceUser};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The terminal size every screenshot is drawn at.
pub const WIDTH: u16 = 100;
pub const HEIGHT: u16 = 30;

/// A fixed API root, so nothing depends on a server's port.
pub const BASE_URL: &str = "https://rolodex.example.com/user-api/v1";

/// The draft folder the scenes' editor names (in help); nothing is written.
const STATE_DIR: &str = "/home/you/.local/state/rolodex-tui";

/// A contact, its definitions and the workspace users: what the editor has
/// once every request is in.
#[derive(Clone)]
pub struct Fixture {
    pub contact: Contact,
    pub defs: Vec<CustomFieldDef>,
    pub users: Vec<WorkspaceUser>,
    pub tags: Vec<Linked>,
    pub lists: Vec<Linked>,
}

impl Fixture {
    /// The demo's sample contact (Jane Smith) with its definitions and
    /// users, exactly as `rolodex-tui --demo` loads them (see
    /// `demo::sample_workspace`, which `tests/screenshots.rs` checks against
    /// the demo server).
    pub fn sample() -> Fixture {
        let (contact, defs, users) = demo::sample_workspace();
        let (tags, lists) = demo::tags_and_contact_lists();
        let parse = |v: Vec<serde_json::Value>| -> Vec<Linked> {
            v.into_iter()
                .map(|t| serde_json::from_value(t).expect("a tag or list"))
                .collect()
        };
        Fixture {
            contact,
            defs,
            users,
            tags: parse(tags),
            lists: parse(lists),
        }
    }
}

/// [`Fixture::sample`], built once per process.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(Fixture::sample)
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

/// Feeds `msgs` to `update` in order; the effects are dropped.
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

/// Tabs to `pane`; panics if no number of Tabs gets there.
pub fn focus(model: &mut Model, pane: Pane) {
    for _ in 0..Pane::ORDER.len() {
        if model.editor().map(|e| e.focus) == Some(pane) {
            return;
        }
        update(model, key(KeyCode::Tab));
    }
    panic!("could not focus {pane:?}");
}

/// Focuses the Custom fields pane and selects the row of the field called
/// `name`.
pub fn select_field(model: &mut Model, name: &str) {
    focus(model, Pane::Fields);
    let index = model
        .editor()
        .and_then(|e| e.form().fields.iter().position(|f| f.name == name))
        .unwrap_or_else(|| panic!("no field {name}"));
    send(model, [ch('g')]);
    send(model, (0..index).map(|_| ch('j')));
}

/// Hands `model` the contact, `fixture`'s definitions and, when `users`,
/// its workspace users, as the requests would.
fn load(mut model: Model, contact: Contact, fixture: &Fixture, users: bool) -> Model {
    model.help_layout = Some(rolodex_tui::ui::help_layout);
    model.scroll_lines = Some(rolodex_tui::ui::scrolled_lines);
    update(&mut model, Msg::Loaded(Ok((contact, fixture.defs.clone()))));
    if users {
        update(&mut model, Msg::UsersLoaded(Ok(fixture.users.clone())));
        update(
            &mut model,
            Msg::LinksLoaded {
                tags: Ok(fixture.tags.clone()),
                lists: Ok(fixture.lists.clone()),
            },
        );
    }
    model
}

/// `contact` in the editor as the demo server would hand it over, with the
/// sample's definitions and (when `users`) its workspace users, drafts kept
/// in a named folder: the editor as `rolodex-tui` opens it.
pub fn loaded_with(contact: Contact, users: bool) -> Model {
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    model.keeps_drafts = true;
    model.state_dir = Some(STATE_DIR.into());
    load(model, contact, fixture(), users)
}

/// The sample contact and its workspace in the editor.
pub fn loaded() -> Model {
    loaded_with(fixture().contact.clone(), true)
}

/// `fixture` in the editor once every request is in, with no draft folder:
/// the model the benchmarks measure, for any fixture (the sample or a large
/// one).
pub fn loaded_without_drafts(fixture: &Fixture) -> Model {
    let model = Model::new(fixture.contact.id.clone(), BASE_URL);
    load(model, fixture.contact.clone(), fixture, true)
}

/// The sample contact with a typical edit in every pane: a new title, not
/// starred, the primary email deleted (promoting the other) and one added, a
/// number changed, a date cleared, a toggle flipped. The editor screenshot
/// and most UI snapshots (review, saving, saved, conflict, quit) start here.
pub fn edited() -> Model {
    let mut m = loaded();
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "Senior Product Manager");
    send(&mut m, [key(KeyCode::Enter), ch('j'), ch(' ')]);
    focus(&mut m, Pane::Emails);
    send(&mut m, [ch('a')]);
    type_text(&mut m, "jane@newco.example");
    send(&mut m, [key(KeyCode::Enter), ch('g'), ch('d')]);
    select_field(&mut m, "Lead Score");
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "88");
    send(&mut m, [key(KeyCode::Enter)]);
    select_field(&mut m, "Renewal Date");
    send(&mut m, [ch('x')]);
    select_field(&mut m, "Newsletter Opt-in");
    send(&mut m, [ch(' ')]);
    m
}

fn parse<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the demo's seed data fits the wire model")
}

/// The picker of a MULTI_SELECT field, one more option ticked.
fn option_picker() -> Model {
    let mut m = loaded();
    select_field(&mut m, "Interests");
    send(&mut m, [key(KeyCode::Enter), ch('j'), ch('j'), ch(' ')]);
    m
}

/// The edit sent, but the contact changed on the server since it was loaded.
fn conflict() -> Model {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('y')]);
    let mut remote: Contact = parse(demo::sample_contact());
    remote.updated_at = "2025-01-15T12:55:00Z".into();
    remote.title = Maybe::Value("Head of Product".into());
    remote.tags = Maybe::Value(vec![]);
    send(&mut m, [Msg::Checked(Ok(remote))]);
    m
}

/// The contact picker with the first page loaded and a row selected.
fn contact_picker() -> Model {
    let (total, data) = demo::listed_contacts(PAGE_SIZE as usize);
    let page = Page {
        pagination: Pagination {
            limit: u64::from(PAGE_SIZE),
            offset: 0,
            total: total as u64,
        },
        data: data.into_iter().map(parse).collect(),
    };
    let mut m = Model::picking(BASE_URL);
    send(
        &mut m,
        [
            Msg::ContactsLoaded(Ok(page)),
            key(KeyCode::Down),
            key(KeyCode::Down),
        ],
    );
    m
}

/// Every screenshot, by file name, drawn at `WIDTH`×`HEIGHT` in colour: the
/// editor with edits in every pane, the option picker of a MULTI_SELECT
/// field, the review under its confirmation dialog, the conflict screen and
/// the contact picker.
pub fn scenes() -> Vec<(&'static str, Buffer)> {
    let theme = Theme::COLOR;
    let shot = |model: &Model| draw(model, WIDTH, HEIGHT, &theme).buffer;
    let mut review = edited();
    send(&mut review, [ch('w')]);
    vec![
        ("editor", shot(&edited())),
        ("option-picker", shot(&option_picker())),
        ("review", shot(&review)),
        ("conflict", shot(&conflict())),
        ("contact-picker", shot(&contact_picker())),
    ]
}

/// What a terminal shows for a model: the text (the `TestBackend`'s
/// display) and the cells.
pub struct Drawn {
    pub text: String,
    pub buffer: Buffer,
}

/// What a `width`×`height` terminal shows for `model` in `theme`.
pub fn draw(model: &Model, width: u16, height: u16, theme: &Theme) -> Drawn {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).expect("a test backend cannot fail");
    terminal
        .draw(|frame| view_with(model, frame, theme))
        .expect("a test backend cannot fail");
    Drawn {
        text: terminal.backend().to_string(),
        buffer: terminal.backend().buffer().clone(),
    }
}
