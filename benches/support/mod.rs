//! What the benchmarks draw: the demo's sample contact as the real client
//! loads it from the demo server, and a large synthetic contact.
#![allow(dead_code)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolodex_tui::api::wire::{Contact, CustomFieldDef, WorkspaceUser};
use rolodex_tui::app::{Model, Msg, update};

use serde_json::{Value, json};

/// A contact, its definitions and the workspace users.
#[derive(Clone)]
pub struct Fixture {
    pub contact: Contact,
    pub defs: Vec<CustomFieldDef>,
    pub users: Vec<WorkspaceUser>,
}

/// The demo's sample contact (Jane Smith) with its definitions and users,
/// exactly as `rolodex-tui --demo` loads them (see `demo::sample_workspace`).
pub fn small() -> Fixture {
    let (contact, defs, users) = rolodex_tui::demo::sample_workspace();
    Fixture {
        contact,
        defs,
        users,
    }
}

/// A long value with wide (CJK), accented and emoji characters.
fn unicode_text(i: usize) -> String {
    format!(
        "Ünïcödé value {i}: 東京オフィスの担当者 — naïve café résumé, Zürich → São Paulo 🚀 {}",
        "lorem ipsum dolor sit amet ".repeat(3)
    )
}

/// A contact with 500 emails and 300 custom fields of every type, each
/// with a value, text values long and full of wide characters.
pub fn large() -> Fixture {
    let types = [
        "SINGLE_LINE_TEXT",
        "NUMERIC",
        "DATE",
        "BOOLEAN",
        "SINGLE_SELECT",
        "MULTI_SELECT",
        "USER",
    ];
    let (mut defs, mut values) = (vec![], vec![]);
    for i in 0..300 {
        let t = types[i % types.len()];
        let options = json!([
            {"id": format!("o{i}a"), "value": "Alpha — 東京"},
            {"id": format!("o{i}b"), "value": "Beta"}
        ]);
        defs.push(json!({
            "id": format!("f{i}"), "name": format!("Field {i} — Ünïcödé 名前"),
            "field_type": t, "entity_type": "CONTACT", "multi_select_options": options
        }));
        let value = match t {
            "NUMERIC" => json!(i),
            "DATE" => json!("2025-03-01"),
            "BOOLEAN" => json!(i % 2 == 0),
            "SINGLE_SELECT" => json!({"id": format!("o{i}a"), "value": "Alpha — 東京"}),
            "MULTI_SELECT" => json!([
                {"id": format!("o{i}a"), "value": "Alpha — 東京"},
                {"id": format!("o{i}b"), "value": "Beta"}
            ]),
            "USER" => json!("user_alice"),
            _ => json!(unicode_text(i)),
        };
        values.push(json!({
            "id": format!("f{i}"), "name": format!("Field {i} — Ünïcödé 名前"),
            "field_type": t, "value": value
        }));
    }
    let emails: Vec<Value> = (0..500)
        .map(|i| {
            json!({
                "email_address": format!("jane.smith.{i}@sub{i}.例え.example.com"),
                "is_primary": i == 0
            })
        })
        .collect();
    let mut raw = rolodex_tui::demo::sample_contact();
    raw["custom_fields"] = Value::Array(values);
    raw["emails"] = Value::Array(emails);
    raw["title"] = json!(unicode_text(0));
    let contact = serde_json::from_value(raw).expect("contact");
    let defs = defs
        .into_iter()
        .map(|d| serde_json::from_value(d).expect("definition"))
        .collect();
    let small = small();
    Fixture {
        contact,
        defs,
        users: small.users,
    }
}

/// The editor with `fixture` loaded, as it stands once every request is in.
pub fn loaded(fixture: &Fixture) -> Model {
    let mut model = Model::new(
        fixture.contact.id.clone(),
        "https://rolodex.example.com/user-api/v1",
    );
    update(
        &mut model,
        Msg::Loaded(Ok((fixture.contact.clone(), fixture.defs.clone()))),
    );
    update(&mut model, Msg::UsersLoaded(Ok(fixture.users.clone())));
    model
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}
