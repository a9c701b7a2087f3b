//! Trusting nothing the guide does not show, over real loopback HTTP against
//! the demo server playing each way the real one might answer: a single GET
//! without lists, none at all, no lists anywhere, PUT answers without a
//! contact, an ignored definitions filter. For each, the load shows what can
//! be known, and a title-only save leaves every email and custom field value
//! on the server, asserted on the server's own state.

mod common;

use common::{Harness, ch, key};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::client::{LookupReason, ReadPath};
use rolodex_tui::api::wire::ALL_INCLUDES;
use rolodex_tui::app::{Overlay, Pane, Remote, StatusKind};
use rolodex_tui::demo::{Behaviour, PutAnswer, SingleGet};
use serde_json::{Value, json};

const JANE: &str = "contact_67890";

/// Changes the title to `title` and saves it, through the review and the
/// confirmation, over HTTP.
async fn save_title(h: &mut Harness, title: &str) {
    h.focus(Pane::Details);
    h.send(ch('g'));
    h.send(key(KeyCode::Enter));
    h.retype(title);
    h.send(key(KeyCode::Enter));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
}

fn list(c: &Value, name: &str) -> Value {
    c.get(name).cloned().unwrap_or(Value::Null)
}

/// Every value of the contact on the server but `title` and `updated_at`.
fn all_but_title(c: &Value) -> Value {
    let mut c = c.clone();
    let o = c.as_object_mut().unwrap();
    o.remove("title");
    o.remove("updated_at");
    // Email ids are new on every save (as the guide warns).
    for e in o["emails"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("id");
    }
    c
}

fn saved_ok(h: &Harness) {
    let status = h.model.status.clone().expect("a status after the save");
    assert_eq!(status.kind, StatusKind::Success, "{}", status.text);
    assert!(status.text.starts_with("Saved"), "{}", status.text);
    assert_eq!(h.ed().overlay, None);
}

async fn title_save_keeps_everything(behaviour: Behaviour) -> Harness {
    let mut h = Harness::with_behaviour(behaviour).await;
    let before = h.server.contact(JANE).unwrap();
    assert_eq!(list(&before, "emails").as_array().unwrap().len(), 2);
    assert_eq!(list(&before, "custom_fields").as_array().unwrap().len(), 8);
    // The editor knows the lists, from whichever read gave them.
    assert!(h.ed().form().known.emails && h.ed().form().known.custom_fields);
    assert_eq!(h.ed().form().emails.len(), 2);
    save_title(&mut h, "Head of Product").await;
    let after = h.server.contact(JANE).unwrap();
    assert_eq!(after["title"], "Head of Product");
    assert_eq!(
        all_but_title(&after),
        all_but_title(&before),
        "every email and custom field value is still there"
    );
    assert_eq!(h.puts().len(), 1);
    saved_ok(&h);
    h
}

#[tokio::test]
async fn a_single_get_without_lists_is_met_by_looking_the_contact_up() {
    let h = title_save_keeps_everything(Behaviour {
        single_get: SingleGet::WithoutLists,
        ..Behaviour::default()
    })
    .await;
    let reason = LookupReason::ListsMissing(ALL_INCLUDES.to_vec());
    assert_eq!(h.model.read_path, Some(ReadPath::ListLookup(reason)));
    assert!(
        h.progress.iter().any(|p| p.contains("LookingUp")),
        "the loading screen was told: {:?}",
        h.progress
    );
    // The first read tried the single GET; the conflict check and the
    // read-back went straight to the list, as the session decided.
    let gets: Vec<String> = h
        .server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/contacts"))
        .map(|r| r.path.clone())
        .collect();
    let singles = gets.iter().filter(|p| p.ends_with(JANE)).count();
    assert_eq!(singles, 1, "{gets:?}");
    assert!(gets.iter().filter(|p| p.ends_with("/contacts")).count() >= 3);
}

#[tokio::test]
async fn the_lookup_is_said_on_screen_when_the_editor_opens() {
    let h = Harness::with_behaviour(Behaviour {
        single_get: SingleGet::WithoutLists,
        ..Behaviour::default()
    })
    .await;
    let status = h.model.status.clone().expect("a status");
    assert!(
        status.text.contains("looked up in the contact list"),
        "{}",
        status.text
    );
}

#[tokio::test]
async fn no_single_get_404_is_met_by_looking_the_contact_up() {
    let h = title_save_keeps_everything(Behaviour {
        single_get: SingleGet::Missing,
        ..Behaviour::default()
    })
    .await;
    assert_eq!(
        h.model.read_path,
        Some(ReadPath::ListLookup(LookupReason::NoSingleGet))
    );
}

#[tokio::test]
async fn no_single_get_405_is_met_by_looking_the_contact_up() {
    let h = title_save_keeps_everything(Behaviour {
        single_get: SingleGet::NotAllowed,
        ..Behaviour::default()
    })
    .await;
    assert_eq!(
        h.model.read_path,
        Some(ReadPath::ListLookup(LookupReason::NoSingleGet))
    );
}

#[tokio::test]
async fn with_no_lists_anywhere_a_title_save_sends_no_list_and_loses_nothing() {
    let mut h = Harness::with_behaviour(Behaviour {
        no_lists_anywhere: true,
        ..Behaviour::default()
    })
    .await;
    let before = h.server.contact(JANE).unwrap();
    assert!(!h.ed().form().known.emails && !h.ed().form().known.custom_fields);
    assert!(h.ed().form().emails.is_empty() && h.ed().form().fields.is_empty());
    // Editing keys on the unknown list explain instead of acting.
    h.focus(Pane::Emails);
    let effects = h.send(ch('a'));
    assert!(effects.is_empty() && h.ed().input.is_none());
    let why = h.model.status.clone().expect("explained").text;
    assert!(why.contains("did not return the email list"), "{why}");
    // The rest still edits and saves.
    save_title(&mut h, "Head of Product").await;
    let puts = h.puts();
    assert_eq!(puts.len(), 1);
    let sent = puts[0].as_object().unwrap();
    assert!(
        !sent.contains_key("emails") && !sent.contains_key("custom_fields"),
        "never a list that was not known: {sent:?}"
    );
    assert_eq!(sent["title"], "Head of Product");
    let after = h.server.contact(JANE).unwrap();
    assert_eq!(after["emails"], before["emails"]);
    assert_eq!(after["custom_fields"], before["custom_fields"]);
    // The read-back saw no lists either, and says nothing of them.
    saved_ok(&h);
}

#[tokio::test]
async fn the_confirmation_says_unknown_lists_are_not_sent() {
    let mut h = Harness::with_behaviour(Behaviour {
        no_lists_anywhere: true,
        ..Behaviour::default()
    })
    .await;
    h.send(ch('j'));
    h.send(ch(' '));
    h.send(ch('w'));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: None, .. })
    ));
    // Wide enough that no sentence wraps: said as `get` and the panes say it.
    let screen = common::screen_text(&h.model, 200, 40);
    assert!(
        screen.contains("Emails: not returned by the server (unknown, not empty): NOT sent"),
        "{screen}"
    );
    assert!(
        screen.contains("Custom fields: not returned by the server (unknown, not empty): NOT sent"),
        "{screen}"
    );
    for name in ["Phone numbers", "Tags", "Lists"] {
        assert!(
            screen.contains(&format!(
                "{name}: not returned by the server (unknown, not empty): NOT sent"
            )),
            "{screen}"
        );
    }
    assert!(!screen.contains("REPLACES"), "{screen}");
}

async fn put_answer_is_a_save(answer: PutAnswer) {
    let mut h = Harness::with_behaviour(Behaviour {
        put_answer: answer,
        ..Behaviour::default()
    })
    .await;
    save_title(&mut h, "Head of Product").await;
    assert_eq!(h.puts().len(), 1, "{answer}: exactly one PUT");
    saved_ok(&h);
    assert_eq!(h.server.contact(JANE).unwrap()["title"], "Head of Product");
    assert_eq!(
        h.ed().contact().title.get().map(String::as_str),
        Some("Head of Product")
    );
}

#[tokio::test]
async fn a_204_put_answer_is_a_save() {
    put_answer_is_a_save(PutAnswer::NoContent).await;
}

#[tokio::test]
async fn an_empty_object_put_answer_is_a_save() {
    put_answer_is_a_save(PutAnswer::EmptyObject).await;
}

#[tokio::test]
async fn a_null_data_put_answer_is_a_save() {
    put_answer_is_a_save(PutAnswer::NullData).await;
}

#[tokio::test]
async fn scalar_and_full_put_answers_are_saves() {
    put_answer_is_a_save(PutAnswer::Scalars).await;
    put_answer_is_a_save(PutAnswer::Full).await;
}

#[tokio::test]
async fn an_ignored_entity_type_filter_shows_no_company_fields() {
    let mut h = Harness::with_behaviour(Behaviour {
        ignore_entity_type: true,
        ..Behaviour::default()
    })
    .await;
    let served = h
        .server
        .requests()
        .iter()
        .any(|r| r.path.ends_with("/custom-fields"));
    assert!(served);
    let contact_defs = rolodex_tui::demo::contact_field_definitions();
    assert_eq!(h.ed().defs().len(), contact_defs.len());
    assert!(
        h.ed()
            .defs()
            .iter()
            .all(|d| d.entity_type.get().map(String::as_str) == Some("CONTACT"))
    );
    save_title(&mut h, "Head of Product").await;
    let sent = &h.puts()[0];
    let ids: Vec<&str> = sent["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.iter()
            .all(|id| contact_defs.iter().any(|d| d["id"] == *id)),
        "{ids:?}"
    );
    saved_ok(&h);
}

#[tokio::test]
async fn an_untouched_null_title_is_not_sent() {
    let h = Harness::with_behaviour(Behaviour::default()).await;
    assert!(h.server.modify_contact(JANE, |c| c["title"] = Value::Null));
    let mut h = reload(h).await;
    assert_eq!(h.ed().form().title, None);
    h.send(ch('j'));
    h.send(ch(' '));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    let sent = &h.puts()[0];
    assert!(sent.get("title").is_none(), "{sent}");
    assert_eq!(sent["is_starred"], json!(false));
    assert_eq!(h.server.contact(JANE).unwrap()["title"], Value::Null);
    saved_ok(&h);
}

/// Loads the contact again into a fresh editor (the server keeps its state).
async fn reload(mut h: Harness) -> Harness {
    h.model = rolodex_tui::app::Model::new(JANE, h.server.base_url());
    h.model.keeps_drafts = true;
    h.settle(vec![rolodex_tui::app::Effect::Remote(Remote::Load {
        id: JANE.into(),
    })])
    .await;
    h
}

#[tokio::test]
async fn a_date_read_as_a_datetime_goes_back_as_it_was_read() {
    let h = Harness::with_behaviour(Behaviour::default()).await;
    assert!(h.server.modify_contact(JANE, |c| {
        for f in c["custom_fields"].as_array_mut().unwrap() {
            if f["id"] == "field_renewal" {
                f["value"] = json!("2025-09-30T00:00:00Z");
            }
        }
    }));
    let mut h = reload(h).await;
    save_title(&mut h, "Head of Product").await;
    let sent = &h.puts()[0];
    let renewal = sent["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "field_renewal")
        .expect("sent");
    assert_eq!(renewal["value"], "2025-09-30T00:00:00Z", "not shortened");
    saved_ok(&h);
}

#[tokio::test]
async fn relationship_queries_are_written_as_the_guide_writes_them() {
    let h = Harness::with_behaviour(Behaviour::default()).await;
    let get = h
        .server
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with(JANE))
        .expect("the contact read");
    let query = get.query.unwrap_or_default();
    assert!(
        query.contains("include=emails,phone_numbers,companies,custom_fields,tags,lists,notes"),
        "{query}"
    );
}
