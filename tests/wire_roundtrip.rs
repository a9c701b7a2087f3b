//! The wire model is lossless: any contact the demo server can produce, with
//! fields nobody has documented yet, with nullable scalars null or missing,
//! and with relationship lists included or not, parses as
//! `wire::Contact` and serialises back to the very same JSON.

use proptest::prelude::*;
use rolodex_tui::api::wire::{ALL_INCLUDES, Contact};
use rolodex_tui::demo::{DEMO_CONTACT_ID, DemoServer, generated_contact, sample_contact};
use serde_json::{Map, Number, Value, json};

/// Scalars the API may send as `null`.
const NULLABLE: [&str; 17] = [
    "full_name",
    "first_name",
    "last_name",
    "title",
    "description",
    "location",
    "image_url",
    "linkedin_slug",
    "website_url",
    "x_slug",
    "facebook_slug",
    "instagram_slug",
    "birthday_day",
    "birthday_month",
    "birthday_year",
    "ignore_merge",
    "last_team_interaction",
];

/// Keys `wire` types; an unknown field may be called anything else.
const TYPED_CONTACT_KEYS: [&str; 16] = [
    "id",
    "full_name",
    "first_name",
    "last_name",
    "title",
    "location",
    "is_starred",
    "created_at",
    "updated_at",
    "emails",
    "custom_fields",
    "phone_numbers",
    "companies",
    "tags",
    "lists",
    "notes",
];
const TYPED_EMAIL_KEYS: [&str; 3] = ["id", "email_address", "is_primary"];
const TYPED_FIELD_KEYS: [&str; 4] = ["id", "name", "field_type", "value"];

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |f| {
            Number::from_f64(f).map(Value::Number)
        }),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Fields with names the given type does not model, and any values.
fn unknown_fields(typed: &'static [&'static str]) -> impl Strategy<Value = Vec<(String, Value)>> {
    let name = ".{0,12}".prop_filter("a field the type models", move |k: &String| {
        !typed.contains(&k.as_str())
    });
    prop::collection::vec((name, any_json()), 0..4)
}

/// How a nullable scalar appears: as produced, as `null`, or not at all.
#[derive(Debug, Clone, Copy)]
enum Presence {
    AsProduced,
    Null,
    Absent,
}

fn presence() -> impl Strategy<Value = Presence> {
    prop_oneof![
        Just(Presence::AsProduced),
        Just(Presence::Null),
        Just(Presence::Absent)
    ]
}

/// A contact the demo server can produce, varied as a newer or sparser
/// server might send it.
fn contact_json() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(None), any::<u64>().prop_map(Some)],
        prop::array::uniform17(presence()),
        prop::array::uniform7(any::<bool>()),
        unknown_fields(&TYPED_CONTACT_KEYS),
        unknown_fields(&TYPED_EMAIL_KEYS),
        unknown_fields(&TYPED_FIELD_KEYS),
        prop::option::of(any_json()),
    )
        .prop_map(
            |(n, scalars, lists, extra, email_extra, field_extra, odd_value)| {
                let mut contact = n.map_or_else(sample_contact, generated_contact);
                let Value::Object(c) = &mut contact else {
                    unreachable!("contacts are objects")
                };
                if let Some(Value::Object(email)) = c.get_mut("emails").and_then(|e| e.get_mut(0)) {
                    email.extend(email_extra);
                }
                if let Some(Value::Array(fields)) = c.get_mut("custom_fields") {
                    if let Some(Value::Object(field)) = fields.first_mut() {
                        field.extend(field_extra);
                    }
                    // A value form nobody documented is kept as it is, too.
                    if let (Some(odd), Some(last)) = (odd_value, fields.last_mut()) {
                        last["value"] = odd;
                    }
                }
                for (key, presence) in NULLABLE.iter().zip(scalars) {
                    match presence {
                        Presence::AsProduced => {}
                        Presence::Null => {
                            c.insert(key.to_string(), Value::Null);
                        }
                        Presence::Absent => {
                            c.remove(*key);
                        }
                    }
                }
                for (list, included) in ALL_INCLUDES.iter().zip(lists) {
                    if !included {
                        c.remove(*list);
                    }
                }
                c.extend(extra);
                contact
            },
        )
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_contact_the_server_produces_round_trips(raw in contact_json()) {
        let contact: Contact = serde_json::from_value(raw.clone()).map_err(fail)?;
        prop_assert_eq!(serde_json::to_value(&contact).map_err(fail)?, raw);
    }

    /// Also through JSON text, as the client receives it: numbers must come
    /// back bit for bit, or an untouched value would change on the next save.
    #[test]
    fn contacts_round_trip_through_json_text(raw in contact_json()) {
        let text = serde_json::to_string(&raw).map_err(fail)?;
        let contact: Contact = serde_json::from_str(&text).map_err(fail)?;
        prop_assert_eq!(serde_json::to_value(&contact).map_err(fail)?, raw);
    }
}

/// Every contact the running server holds, read over HTTP with every
/// include, parses and serialises back to exactly what the server stores.
#[tokio::test]
async fn contacts_fetched_over_http_round_trip() {
    let server = DemoServer::start().await.expect("demo server starts");
    let http = reqwest::Client::new();
    let get = |path: String| {
        http.get(format!("{}{path}", server.base_url()))
            .header("x-rolodex-api-key", server.api_key())
            .send()
    };
    let include = ALL_INCLUDES.join(",");

    // A number that only survives a text round trip with exact float parsing.
    let put = http
        .put(format!("{}/contacts/{DEMO_CONTACT_ID}", server.base_url()))
        .header("x-rolodex-api-key", server.api_key())
        .json(&json!({"custom_fields": [{"id": "field_123", "value": 11072.508333333333}]}))
        .send()
        .await
        .expect("PUT answered");
    assert!(put.status().is_success());

    let page = get(format!("/contacts?limit=100&include={include}"))
        .await
        .expect("list answered")
        .text()
        .await
        .expect("list body");
    let page: Map<String, Value> = serde_json::from_str(&page).expect("list is JSON");
    let listed = page["data"].as_array().expect("data is an array");
    assert_eq!(listed.len(), 51);
    for raw in listed {
        let id = raw["id"].as_str().expect("id");
        let text = get(format!("/contacts/{id}?include={include}"))
            .await
            .expect("contact answered")
            .text()
            .await
            .expect("contact body");
        let envelope: rolodex_tui::api::wire::Envelope<Contact> =
            serde_json::from_str(&text).expect("parses as a wire contact");
        let stored = server.contact(id).expect("stored");
        assert_eq!(
            serde_json::to_value(&envelope.data).expect("serialises"),
            stored,
            "{id}"
        );
        assert_eq!(raw, &stored, "{id} in the list");
    }
    let jane = server.contact(DEMO_CONTACT_ID).expect("stored");
    assert_eq!(jane["custom_fields"][0]["value"], json!(11072.508333333333));
}
