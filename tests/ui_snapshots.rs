//! Whole-screen snapshots of every screen, at 80×24 and 100×30, of models
//! built through the real `update` path from the demo server's data; a
//! compact style summary where colour and emphasis carry meaning (focus,
//! selection, changed and invalid rows); and a property test that drawing
//! never panics at any size or on any text.

use std::fmt::Write as _;
use std::sync::OnceLock;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use rolodex_tui::api::wire::{
    Contact, CustomFieldDef, CustomFieldValue, Email, Maybe, WorkspaceUser,
};
use rolodex_tui::api::{ApiError, ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::{Model, Msg, Pane, update};
use rolodex_tui::demo::{DEMO_CONTACT_ID, DemoServer};
use rolodex_tui::ui::{Theme, view_with};

/// A fixed API root, so snapshots do not depend on the demo server's port.
const BASE_URL: &str = "https://rolodex.example.com/user-api/v1";

/// The sample contact, its definitions and the workspace users, fetched once
/// from a demo server over loopback HTTP with the real client.
struct Fixture {
    contact: Contact,
    defs: Vec<CustomFieldDef>,
    users: Vec<WorkspaceUser>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        rt.block_on(async {
            let server = DemoServer::start().await.expect("demo server");
            let client = RolodexClient::new(ClientConfig::new(
                server.base_url(),
                ApiKey::new(server.api_key()),
            ))
            .expect("client");
            let (contact, defs) = client.load(DEMO_CONTACT_ID).await.expect("load");
            let users = client.workspace_users().await.expect("users");
            Fixture {
                contact,
                defs,
                users,
            }
        })
    })
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn send(model: &mut Model, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        update(model, msg);
    }
}

fn type_text(model: &mut Model, text: &str) {
    send(model, text.chars().map(ch));
}

/// Replaces the text of the open text editor.
fn retype(model: &mut Model, text: &str) {
    send(model, [ctrl('a'), ctrl('k')]);
    type_text(model, text);
}

fn loaded_with(contact: Contact, users: bool) -> Model {
    let f = fixture();
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    update(&mut model, Msg::Loaded(Ok((contact, f.defs.clone()))));
    if users {
        update(&mut model, Msg::UsersLoaded(Ok(f.users.clone())));
    }
    model
}

fn loaded() -> Model {
    loaded_with(fixture().contact.clone(), true)
}

fn focus(model: &mut Model, pane: Pane) {
    for _ in 0..3 {
        if model.editor().map(|e| e.focus) == Some(pane) {
            return;
        }
        update(model, key(KeyCode::Tab));
    }
    panic!("could not focus {pane:?}");
}

fn select_field(model: &mut Model, name: &str) {
    focus(model, Pane::Fields);
    let index = model
        .editor()
        .and_then(|e| e.form.fields.iter().position(|f| f.name == name))
        .unwrap_or_else(|| panic!("no field {name}"));
    send(model, [ch('g')]);
    send(model, (0..index).map(|_| ch('j')));
}

/// The sample contact with a typical edit in every pane: a new title, not
/// starred, the primary email deleted (promoting the other) and one added,
/// a number changed, a date cleared, a toggle flipped.
fn edited() -> Model {
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

/// What a terminal of `width`×`height` shows for `model`: the text (the
/// `TestBackend`'s display) and the cells.
struct Screen {
    text: String,
    buffer: Buffer,
}

fn draw(model: &Model, width: u16, height: u16, theme: &Theme) -> Screen {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view_with(model, f, theme)).expect("draw");
    Screen {
        text: terminal.backend().to_string(),
        buffer: terminal.backend().buffer().clone(),
    }
}

/// Every run of cells drawn in a non-default style, one per line:
/// `row cols style "text"`. Catches what colour and emphasis mean.
fn styles_of(buffer: &Buffer) -> String {
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

/// Snapshots the text at 80×24 and 100×30 (and with `styles`, the style
/// summary at 80×24).
fn snap(name: &str, model: &Model, styles: bool) {
    snap_with(name, model, styles, &Theme::COLOR);
}

fn snap_with(name: &str, model: &Model, styles: bool, theme: &Theme) {
    for (w, h) in [(80, 24), (100, 30)] {
        let screen = draw(model, w, h, theme);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen.text.clone());
        if styles && w == 80 {
            insta::assert_snapshot!(format!("{name}_{w}x{h}_styles"), styles_of(&screen.buffer));
        }
    }
}

#[test]
fn loading() {
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    send(&mut model, [Msg::Tick, Msg::Tick]);
    snap("loading", &model, false);
}

#[test]
fn load_failed() {
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    update(
        &mut model,
        Msg::Loaded(Err(ApiError::NotFound {
            what: format!("contact {DEMO_CONTACT_ID}"),
            message: Some("Contact not found".into()),
        })),
    );
    snap("load_failed", &model, false);
}

#[test]
fn too_small() {
    let model = loaded();
    for (w, h) in [(59, 24), (80, 15), (30, 8)] {
        let screen = draw(&model, w, h, &Theme::COLOR);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), screen.text.clone());
    }
}

#[test]
fn editor_as_loaded() {
    snap("editor_loaded", &loaded(), true);
}

#[test]
fn editor_without_workspace_users_shows_user_ids() {
    let model = loaded_with(fixture().contact.clone(), false);
    let screen = draw(&model, 100, 30, &Theme::COLOR);
    let text = screen.text;
    assert!(text.contains("user_alice"), "{text}");
    assert!(!text.contains("Alice Johnson"), "{text}");
}

#[test]
fn editor_edited() {
    let model = edited();
    let changes = model.editor().map(|e| e.changes().count());
    assert_eq!(changes, Some(8));
    snap("editor_edited", &model, true);
}

#[test]
fn editor_edited_without_colour() {
    let screen = draw(&edited(), 80, 24, &Theme::MONOCHROME);
    insta::assert_snapshot!("editor_edited_no_color_80x24", screen.text.clone());
    insta::assert_snapshot!(
        "editor_edited_no_color_80x24_styles",
        styles_of(&screen.buffer)
    );
}

#[test]
fn invalid_values_in_place() {
    let mut m = loaded();
    select_field(&mut m, "Lead Score");
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "12a");
    send(&mut m, [key(KeyCode::Enter)]);
    focus(&mut m, Pane::Emails);
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "jane.smith@@oldcompany");
    snap("invalid_email_and_number", &m, true);
}

#[test]
fn invalid_date_while_typing() {
    let mut m = loaded();
    select_field(&mut m, "Renewal Date");
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "2025-13-01");
    snap("typing_invalid_date", &m, true);
}

#[test]
fn review_blocked_by_an_invalid_value() {
    let mut m = loaded();
    select_field(&mut m, "Lead Score");
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "12a");
    send(&mut m, [key(KeyCode::Enter)]);
    focus(&mut m, Pane::Details);
    send(&mut m, [ctrl('s')]);
    snap("review_blocked", &m, false);
}

#[test]
fn adding_an_email() {
    let mut m = loaded();
    focus(&mut m, Pane::Emails);
    send(&mut m, [ch('a')]);
    type_text(&mut m, "jane@janesmith.COM");
    snap("adding_duplicate_email", &m, false);
}

#[test]
fn picker_single_select() {
    let mut m = loaded();
    select_field(&mut m, "Deal Stage");
    send(&mut m, [key(KeyCode::Enter), ch('j')]);
    snap("picker_single", &m, true);
}

#[test]
fn picker_multi_select() {
    let mut m = loaded();
    select_field(&mut m, "Interests");
    send(&mut m, [key(KeyCode::Enter), ch('j'), ch('j'), ch(' ')]);
    snap("picker_multi", &m, false);
}

#[test]
fn picker_user() {
    let mut m = loaded();
    select_field(&mut m, "Account Owner");
    send(&mut m, [key(KeyCode::Enter), ch('j')]);
    snap("picker_user", &m, false);
}

#[test]
fn review_with_dialog() {
    let mut m = edited();
    send(&mut m, [ch('w')]);
    snap("review", &m, true);
}

#[test]
fn review_json() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('J')]);
    snap("review_json", &m, false);
}

#[test]
fn dry_run() {
    let mut m = edited();
    m.dry_run = true;
    send(&mut m, [ch('w'), ch('y')]);
    snap("dry_run", &m, false);
}

#[test]
fn saving() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('y'), Msg::Tick]);
    snap("saving_checking", &m, false);
    let contact = fixture().contact.clone();
    send(&mut m, [Msg::Checked(Ok(contact))]);
    let screen = draw(&m, 80, 24, &Theme::COLOR);
    insta::assert_snapshot!("saving_sending_80x24", screen.text.clone());
}

/// The sample contact as the server holds it after `edited()` is saved.
fn saved_contact(m: &Model) -> Contact {
    let ed = m.editor().expect("editor");
    let body = ed.pending.clone().expect("a body was sent");
    let mut c = ed.contact.clone();
    c.title = body.title.clone().into();
    c.is_starred = body.is_starred;
    c.updated_at = "2025-01-15T13:05:00Z".into();
    c.emails = Maybe::Value(
        body.emails
            .iter()
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
            .map(|f| CustomFieldValue {
                id: f.id.clone(),
                name: Maybe::Absent,
                field_type: Maybe::Absent,
                value: f.value.clone(),
                extra: Default::default(),
            })
            .collect(),
    );
    c
}

fn sent(mut m: Model) -> Model {
    send(&mut m, [ch('w'), ch('y')]);
    let contact = fixture().contact.clone();
    send(
        &mut m,
        [Msg::Checked(Ok(contact.clone())), Msg::Put(Ok(contact))],
    );
    m
}

#[test]
fn saved() {
    let mut m = sent(edited());
    let fresh = saved_contact(&m);
    send(&mut m, [Msg::ReadBack(Ok(fresh))]);
    assert!(m.editor().is_some_and(|e| e.readback_warnings.is_empty()));
    snap("saved", &m, true);
}

#[test]
fn saved_with_readback_warning() {
    let mut m = sent(edited());
    let mut fresh = saved_contact(&m);
    fresh.title = Maybe::Value("Senior PM".into());
    send(&mut m, [Msg::ReadBack(Ok(fresh))]);
    let screen = draw(&m, 80, 24, &Theme::COLOR);
    insta::assert_snapshot!("saved_with_warning_80x24", screen.text.clone());
}

#[test]
fn save_failed() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('y')]);
    let contact = fixture().contact.clone();
    send(
        &mut m,
        [
            Msg::Checked(Ok(contact)),
            Msg::Put(Err(ApiError::Rejected {
                status: 422,
                message: "custom_fields[0].value must be a number".into(),
            })),
        ],
    );
    snap("save_failed", &m, true);
}

#[test]
fn conflict() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('y')]);
    let mut remote = fixture().contact.clone();
    remote.updated_at = "2025-01-15T12:55:00Z".into();
    remote.title = Maybe::Value("Head of Product".into());
    remote.tags = Maybe::Value(vec![]);
    send(&mut m, [Msg::Checked(Ok(remote))]);
    snap("conflict", &m, false);
    send(&mut m, [ch('o')]);
    snap("conflict_confirm_overwrite", &m, false);
}

#[test]
fn quit_confirmation() {
    let mut m = edited();
    send(&mut m, [ch('q')]);
    snap("confirm_quit", &m, false);
}

#[test]
fn help() {
    let mut m = loaded();
    send(&mut m, [ch('?')]);
    snap("help", &m, false);
}

#[test]
fn hostile_text_is_neutralised() {
    let mut contact = fixture().contact.clone();
    contact.full_name = Maybe::Value("Eve\u{1b}[2J\u{1b}]0;pwned\u{7}".into());
    contact.title = Maybe::Value("CTO\r\nInjected\u{9b}31m".into());
    let model = loaded_with(contact, true);
    let screen = draw(&model, 100, 30, &Theme::COLOR);
    let text = screen.text;
    assert!(text.contains("Eve^[[2J^[]0;pwned^G"), "{text}");
    assert!(text.contains("CTO  InjectedM-^[31m"), "{text}");
    for cell in screen.buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "a control character reached a cell: {:?}",
            cell.symbol()
        );
    }
}

/// Text with plenty of control characters, escapes, wide and combining
/// characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::char::range('\0', '\u{a0}'),
            Just('東'),
            Just('\u{301}'),
            Just('\u{202e}'),
            Just('🚀'),
        ],
        0..60,
    )
    .prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn drawing_never_panics(
        width in 1u16..=200,
        height in 1u16..=60,
        name in hostile_text(),
        title in hostile_text(),
        emails in prop::collection::vec(hostile_text(), 0..4),
        typed in hostile_text(),
        screen in 0usize..8,
        mono in any::<bool>(),
    ) {
        let mut contact = fixture().contact.clone();
        contact.full_name = Maybe::Value(name);
        contact.title = Maybe::Value(title);
        contact.emails = Maybe::Value(
            emails
                .into_iter()
                .enumerate()
                .map(|(i, a)| Email {
                    id: Maybe::Absent,
                    email_address: a,
                    is_primary: Maybe::Value(i == 0),
                    extra: Default::default(),
                })
                .collect(),
        );
        let mut m = loaded_with(contact, true);
        match screen {
            0 => {}
            1 => {
                focus(&mut m, Pane::Emails);
                send(&mut m, [ch('a')]);
                send(&mut m, [Msg::Paste(typed)]);
            }
            2 => {
                send(&mut m, [key(KeyCode::Enter)]);
                send(&mut m, [Msg::Paste(typed)]);
            }
            3 => {
                select_field(&mut m, "Lead Score");
                send(&mut m, [key(KeyCode::Enter)]);
                send(&mut m, [Msg::Paste(typed), key(KeyCode::Enter)]);
            }
            4 => send(&mut m, [ch('w')]),
            5 => send(&mut m, [ch('w'), ch('J')]),
            6 => send(&mut m, [ch('?')]),
            _ => {
                select_field(&mut m, "Interests");
                send(&mut m, [key(KeyCode::Enter)]);
            }
        }
        let theme = if mono { Theme::MONOCHROME } else { Theme::COLOR };
        let screen = draw(&m, width, height, &theme);
        for cell in screen.buffer.content() {
            prop_assert!(!cell.symbol().chars().any(char::is_control));
        }
    }
}
