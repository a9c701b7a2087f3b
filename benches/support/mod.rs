//! What the benchmarks draw: the demo's sample contact as the real client
//! loads it from the demo server, and a large synthetic contact; loaded and
//! driven with the shared scene scripts (`dev/scenes.rs`).
#![allow(dead_code)]

#[path = "../../dev/scenes.rs"]
mod scenes;

use serde_json::{Value, json};

pub use scenes::{Fixture, key, loaded_without_drafts as loaded};

/// The demo's sample contact (Jane Smith) with its definitions and users,
/// exactly as `rolodex-tui --demo` loads them (see `demo::sample_workspace`).
pub fn small() -> Fixture {
    Fixture::sample()
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
        tags: small.tags,
        lists: small.lists,
    }
}
