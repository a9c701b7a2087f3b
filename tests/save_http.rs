//! Saving end to end over real loopback HTTP against the demo server: the
//! guide's example edit, what the server stored, and the unhappy paths
//! (500, 422, dropped connection, timeout, a concurrent change).

mod common;
#[path = "support/read_only.rs"]
mod read_only;

use std::time::Duration;

use common::{Harness, ch, ctrl, key, screen_text};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::{Effect, Local, Msg, Overlay, Pane, Remote, SaveStage, StatusKind};
use rolodex_tui::contact::{ContactForm, put_body};
use rolodex_tui::runtime::settle_local;
use serde_json::{Value, json};

const JANE: &str = "contact_67890";

/// The guide's example: title "Senior Product Manager", starred off, the two
/// emails replaced by jane.smith@newcompany.com as primary, Lead Score 88.
fn make_the_guide_edit(h: &mut Harness) {
    h.send(key(KeyCode::Enter));
    h.retype("Senior Product Manager");
    h.send(key(KeyCode::Enter));
    h.press([ch('j'), ch(' ')]);
    h.focus(Pane::Emails);
    h.send(ch('a'));
    h.type_text("jane.smith@newcompany.com");
    h.send(key(KeyCode::Enter));
    h.send(ch('p'));
    h.press([ch('g'), ch('d'), ch('d')]);
    assert_eq!(h.ed().form().emails.len(), 1);
    h.select_field("field_123");
    h.send(key(KeyCode::Enter));
    h.retype("88");
    h.send(key(KeyCode::Enter));
}

#[tokio::test]
async fn the_guides_example_edit_keeps_everything_else() {
    let mut h = Harness::new().await;
    let before = h.server.contact(JANE).unwrap();
    make_the_guide_edit(&mut h);
    assert_eq!(h.ed().changes().count(), 7, "{:#?}", h.ed().changes());

    let effects = h.review_and_confirm();
    h.settle(effects).await;

    // Exactly one PUT, carrying the edit and every other value in write form.
    let sent = h.puts();
    assert_eq!(sent.len(), 1);
    let body = &sent[0];
    assert_eq!(body["title"], "Senior Product Manager");
    assert_eq!(body["is_starred"], false);
    assert_eq!(
        body["emails"],
        json!([{"email_address": "jane.smith@newcompany.com", "is_primary": true}])
    );
    let sent_fields = body["custom_fields"].as_array().unwrap();
    let before_fields = before["custom_fields"].as_array().unwrap();
    assert_eq!(sent_fields.len(), before_fields.len());
    for f in before_fields {
        let id = f["id"].as_str().unwrap();
        let sent = sent_fields.iter().find(|s| s["id"] == id).unwrap();
        let expected = match id {
            "field_123" => json!(88),
            _ => match &f["value"] {
                // Selects were read as objects and go back as option ids.
                Value::Object(o) => o["id"].clone(),
                Value::Array(items) => {
                    Value::Array(items.iter().map(|i| i["id"].clone()).collect())
                }
                other => other.clone(),
            },
        };
        assert_eq!(sent["value"], expected, "{id}");
    }
    for list in ["phone_numbers", "companies", "tags", "lists", "notes"] {
        assert!(body.get(list).is_none(), "{list} must not be sent");
    }

    // The server now holds the edit, and everything else as it was.
    let after = h.server.contact(JANE).unwrap();
    assert_eq!(after["title"], "Senior Product Manager");
    assert_eq!(after["is_starred"], false);
    assert_eq!(after["emails"].as_array().unwrap().len(), 1);
    for f in before_fields {
        let now = after["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == f["id"])
            .unwrap_or_else(|| panic!("{} was deleted", f["id"]));
        if f["id"] != "field_123" {
            assert_eq!(now["value"], f["value"]);
        } else {
            assert_eq!(now["value"], 88);
        }
    }
    for list in ["phone_numbers", "companies", "tags", "lists", "notes"] {
        assert_eq!(after[list], before[list], "{list} intact");
    }
    assert!(after["updated_at"].as_str() > before["updated_at"].as_str());

    // The editor read the contact back and says so.
    let status = h.model.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Success, "{status:?}");
    // The new updated_at, as the local zone (UTC in tests) shows it.
    let shown = rolodex_tui::time::local(
        after["updated_at"].as_str().unwrap(),
        &jiff::tz::TimeZone::UTC,
        None,
    );
    assert!(
        status.text.contains(&shown),
        "{} lacks {shown}",
        status.text
    );
    assert!(!h.ed().is_dirty());
    assert_eq!(
        h.ed().contact().updated_at,
        after["updated_at"].as_str().unwrap()
    );
    assert!(h.ed().overlay.is_none());
}

#[tokio::test]
async fn a_server_error_keeps_the_edit_and_r_retries() {
    let mut h = Harness::new().await;
    make_the_guide_edit(&mut h);
    let form = h.ed().form().clone();
    h.server.faults().fail_next_puts(1);
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.contains("HTTP 500"), "{message}")
        }
        other => panic!("expected the failure screen, got {other:?}"),
    }
    assert_eq!(h.ed().form(), &form, "the edit is intact");
    assert_eq!(h.server.contact(JANE).unwrap()["title"], "Product Manager");

    let effects = h.send(ch('r'));
    assert_eq!(
        effects,
        vec![Effect::Remote(Remote::Check { id: JANE.into() })]
    );
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 2, "one failed PUT, one retried by hand");
    assert_eq!(
        h.server.contact(JANE).unwrap()["title"],
        "Senior Product Manager"
    );
    assert_eq!(h.model.status.as_ref().unwrap().kind, StatusKind::Success);
}

#[tokio::test]
async fn a_rejected_save_shows_the_status_and_the_servers_message() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    let effects = h.review_and_confirm();
    // Let the conflict check through, then answer the PUT with a 422.
    let [Effect::Remote(Remote::Check { .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let checked = h.client.contact(JANE).await;
    let effects = h.send(Msg::Checked(checked));
    h.server.faults().respond_raw_next(
        1,
        422,
        "application/json",
        r#"{"error":{"status":422,"message":"custom_fields[0].value: Lead Score is locked"}}"#
            .into(),
    );
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.contains("422"), "{message}");
            assert!(message.contains("Lead Score is locked"), "{message}");
        }
        other => panic!("expected the failure screen, got {other:?}"),
    }
    assert!(h.ed().is_dirty());
    h.send(key(KeyCode::Esc));
    assert!(h.ed().overlay.is_none());
    assert!(!h.ed().form().starred, "the edit is still there");
}

#[tokio::test]
async fn a_dropped_connection_is_reported_and_not_retried() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    h.server.faults().drop_next(Some("PUT"), 1);
    let effects = h.review_and_confirm();
    let seen = h.settle(effects).await;
    assert_eq!(
        seen.iter()
            .filter(|e| matches!(e, Effect::Remote(Remote::Put { .. })))
            .count(),
        1,
        "a PUT is never retried automatically"
    );
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.contains("connection"), "{message}")
        }
        other => panic!("expected the failure screen, got {other:?}"),
    }
    assert!(h.ed().is_dirty());
}

#[tokio::test]
async fn a_timeout_is_reported_with_the_edit_intact() {
    let mut h = Harness::new().await;
    let mut config = ClientConfig::new(h.server.base_url(), ApiKey::new(h.server.api_key()));
    config.request_timeout = Duration::from_millis(150);
    h.client = RolodexClient::new(config).unwrap();
    h.press([ch('j'), ch(' ')]);
    h.server.faults().set_latency(Duration::from_millis(600));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.contains("in time"), "{message}")
        }
        other => panic!("expected the failure screen, got {other:?}"),
    }
    assert!(
        h.puts().is_empty(),
        "the check timed out, so nothing was sent"
    );
    assert!(h.ed().is_dirty());
}

#[tokio::test]
async fn a_concurrent_change_stops_the_save_before_sending() {
    let mut h = Harness::new().await;
    make_the_guide_edit(&mut h);
    assert!(h.server.modify_contact(JANE, |c| {
        c["phone_numbers"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "phone_9", "phone_number": "+44 20 7946 0000", "country_code": "GB", "is_primary": false}));
    }));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(
        h.puts().is_empty(),
        "nothing is sent over someone else's change"
    );
    match &h.ed().overlay {
        Some(Overlay::Conflict { changes, .. }) => {
            assert!(changes.relationships.is_empty(), "{changes:?}");
            let lines =
                rolodex_tui::ui::words::remote_change_lines(changes, &rolodex_tui::glyphs::UNICODE);
            assert!(
                lines.contains(&"phone number added: +44 20 7946 0000".to_string()),
                "the teammate's phone change, as what it is: {lines:?}"
            );
            assert!(
                !lines.iter().any(|l| l.contains("not edited here")),
                "{lines:?}"
            );
            let screen = screen_text(&h.model, 100, 30);
            assert!(
                !screen.contains("overwriting replaces"),
                "this edit sends no phones:\n{screen}"
            );
        }
        other => panic!("expected the conflict screen, got {other:?}"),
    }
    // Rebase, review again, and the save goes through keeping their phone.
    h.send(ch('r'));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 1);
    let after = h.server.contact(JANE).unwrap();
    assert_eq!(after["phone_numbers"].as_array().unwrap().len(), 3);
    assert_eq!(after["title"], "Senior Product Manager");
}

#[tokio::test]
async fn overwrite_asks_once_more_then_sends() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    h.server.modify_contact(JANE, |c| c["title"] = json!("CPO"));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(matches!(h.ed().overlay, Some(Overlay::Conflict { .. })));
    assert!(h.send(ch('o')).is_empty());
    assert!(
        h.send(ch('n')).is_empty(),
        "n steps back from the overwrite"
    );
    h.send(ch('o'));
    let effects = h.send(ch('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Local(Local::WriteHistory(_))]
    ));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Saving {
            stage: SaveStage::KeepingHistory,
            ..
        })
    ));
    h.settle(effects).await;
    assert_eq!(
        h.store.history(JANE).unwrap().len(),
        1,
        "kept before the PUT"
    );
    assert_eq!(h.server.contact(JANE).unwrap()["title"], "Product Manager");
}

/// An unedited form's body, sent for every seeded contact, changes nothing
/// on the server but `updated_at` (and the email ids, which the API may
/// renumber on any save).
#[tokio::test]
async fn an_unedited_body_changes_nothing_on_the_server() {
    let h = Harness::new().await;
    let defs = h.client.contact_custom_fields().await.unwrap();
    let page = h
        .client
        .contacts_page(100, 0, "full_name:asc", "")
        .await
        .unwrap();
    assert!(page.data.len() > 40);
    let strip = |mut c: Value| {
        c.as_object_mut().unwrap().remove("updated_at");
        for e in c["emails"].as_array_mut().into_iter().flatten() {
            e.as_object_mut().unwrap().remove("id");
        }
        c
    };
    for summary in &page.data {
        let contact = h.client.contact(&summary.id).await.unwrap();
        let form = ContactForm::from_contact(&contact, &defs);
        let body = put_body(&form, &form).unwrap_or_else(|p| panic!("{}: {p:?}", summary.id));
        let before = h.server.contact(&summary.id).unwrap();
        h.client.put_contact(&summary.id, &body).await.unwrap();
        let after = h.server.contact(&summary.id).unwrap();
        assert_eq!(strip(after), strip(before), "{} changed", summary.id);
    }
}

#[tokio::test]
async fn a_save_keeps_the_old_contact_in_history_and_removes_the_draft() {
    let mut h = Harness::new().await;
    let edits = h.press([ch('j'), ch(' ')]);
    h.settle(edits).await;
    let draft_path = h.store.draft_path(JANE);
    assert!(draft_path.exists(), "the edit is journaled on disk");
    let before: rolodex_tui::api::wire::Contact =
        serde_json::from_value(h.server.contact(JANE).unwrap()).unwrap();

    let effects = h.review_and_confirm();
    let seen = h.settle(effects).await;
    assert!(
        seen.iter()
            .any(|e| matches!(e, Effect::Local(Local::WriteHistory(_))))
    );
    assert!(!draft_path.exists(), "a successful save removes the draft");
    let history: Vec<_> = std::fs::read_dir(h.store.root().join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(history.len(), 1);
    let kept: rolodex_tui::api::wire::Contact =
        serde_json::from_slice(&std::fs::read(&history[0]).unwrap()).unwrap();
    assert_eq!(
        kept, before,
        "history holds the contact as it was before the save"
    );
    assert!(kept.is_starred);
}

#[tokio::test]
async fn a_failed_save_keeps_the_draft() {
    let mut h = Harness::new().await;
    let edits = h.press([ch('j'), ch(' ')]);
    h.settle(edits).await;
    h.server.faults().fail_next_puts(1);
    let before = h.server.contact(JANE).unwrap();
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(h.store.draft_path(JANE).exists());
    // The version a save would replace is kept before the PUT goes: an
    // answer can fail after the server stored the body, and the version
    // must then be there for --revert.
    let history = h.store.history(JANE).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(serde_json::to_value(&history[0].contact).unwrap(), before);
}

/// A history that cannot be kept is asked about before anything is sent:
/// `n` sends nothing and keeps the edit, `y` saves anyway.
#[tokio::test]
async fn a_history_that_cannot_be_kept_is_asked_about_before_sending() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    // Where the history folder would be, a file: no history can be kept,
    // whoever runs the test (as root a read-only folder stops nothing).
    std::fs::create_dir_all(h.store.root()).unwrap();
    std::fs::write(h.store.root().join("history"), b"in the way").unwrap();
    let form = h.ed().form().clone();

    let effects = h.review_and_confirm();
    h.settle(effects).await;
    let Some(Overlay::NoHistory { why, .. }) = &h.ed().overlay else {
        panic!("expected the question, got {:?}", h.ed().overlay);
    };
    assert!(why.contains("history"), "{why}");
    assert!(h.puts().is_empty(), "nothing sent before the answer");
    let screen = screen_text(&h.model, 80, 24);
    assert!(screen.contains("--revert cannot put it back"), "{screen}");
    assert!(!screen.contains("not being kept on disk"), "{screen}");

    assert!(h.send(ch('n')).is_empty());
    assert!(h.ed().overlay.is_none());
    assert_eq!(h.ed().form(), &form, "the edit is intact");
    let status = h.model.status.as_ref().unwrap();
    assert!(status.text.starts_with("Not saved"), "{}", status.text);
    assert!(h.puts().is_empty());

    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(matches!(h.ed().overlay, Some(Overlay::NoHistory { .. })));
    let effects = h.send(ch('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Remote(Remote::Put { .. })]
    ));
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 1);
    assert_eq!(h.server.contact(JANE).unwrap()["is_starred"], false);
    assert_eq!(h.model.status.as_ref().unwrap().kind, StatusKind::Success);
}

/// Carries out effects over HTTP for a model that is not in a harness.
async fn run_effects(
    model: &mut rolodex_tui::app::Model,
    services: &rolodex_tui::runtime::Services,
    effects: Vec<Effect>,
) {
    let mut next = effects;
    loop {
        let pending = rolodex_tui::runtime::settle_local(model, services.store.as_ref(), next);
        next = vec![];
        if pending.remote.is_empty() {
            return;
        }
        for request in pending.remote {
            let msg = rolodex_tui::runtime::execute(services, request, &|_| {}).await;
            next.extend(rolodex_tui::app::update(model, msg));
        }
    }
}

#[tokio::test]
async fn the_picker_pages_filters_and_opens_a_contact() {
    use rolodex_tui::app::{Model, Phase, init, update};
    let h = Harness::new().await;
    let services = rolodex_tui::runtime::Services::new(h.client.clone(), Some(h.store.clone()));
    let mut model = Model::picking(h.server.base_url());
    let Phase::Picking(p) = &mut model.phase else {
        panic!("starts in the picker")
    };
    p.page_size = 10;
    let first = init(&model);
    run_effects(&mut model, &services, first).await;
    let picker = |m: &Model| match &m.phase {
        Phase::Picking(p) => p.clone(),
        other => panic!("left the picker: {other:?}"),
    };
    assert_eq!(picker(&model).loaded.len(), 10);
    assert_eq!(picker(&model).total, Some(51));

    // Moving near the end of what is loaded asks for the next page.
    let mut effects = vec![];
    for _ in 0..6 {
        effects.extend(update(&mut model, key(KeyCode::Down)));
    }
    assert_eq!(
        effects,
        vec![Effect::Remote(Remote::LoadContacts {
            offset: 10,
            limit: 10
        })]
    );
    run_effects(&mut model, &services, effects).await;
    assert_eq!(picker(&model).loaded.len(), 20);

    // A filter that matches little keeps loading until everything is in.
    let mut effects = vec![];
    for c in "jane sm".chars() {
        effects.extend(update(&mut model, ch(c)));
    }
    run_effects(&mut model, &services, effects).await;
    let p = picker(&model);
    assert_eq!(p.loaded.len(), 51);
    let ids: Vec<&str> = p.visible().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec![JANE]);
    let pages = h
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/contacts"))
        .count();
    assert_eq!(pages, 6, "51 contacts in pages of 10");

    let effects = update(&mut model, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![
            Effect::Remote(Remote::Load { id: JANE.into() }),
            Effect::Local(Local::Claim { id: JANE.into() })
        ]
    );
    assert_eq!(model.contact_id, JANE);
    run_effects(&mut model, &services, effects).await;
    let lock = h.store.lock_path(JANE);
    assert_eq!(
        std::fs::read_to_string(&lock).ok(),
        Some(format!("{}\n", std::process::id())),
        "the editor holds the contact"
    );
    assert_eq!(
        model
            .editor()
            .expect("the editor opened")
            .contact()
            .display_name(),
        "Jane Smith"
    );
    // Back to the list: the contact is given up for the next editor.
    let effects = update(&mut model, ch('q'));
    assert_eq!(
        effects,
        vec![Effect::Local(Local::Release { id: JANE.into() })]
    );
    run_effects(&mut model, &services, effects).await;
    assert!(matches!(model.phase, Phase::Picking(_)));
    assert!(!lock.exists(), "the lock went with the editor");
}

#[tokio::test]
async fn esc_clears_the_filter_then_quits_the_picker() {
    use rolodex_tui::app::{Model, update};
    let mut model = Model::picking("http://127.0.0.1:9/user-api/v1");
    update(&mut model, ch('x'));
    assert!(update(&mut model, key(KeyCode::Esc)).is_empty());
    assert_eq!(update(&mut model, key(KeyCode::Esc)), vec![Effect::Quit]);
}

#[tokio::test]
async fn a_dry_run_shows_the_exact_request_and_sends_nothing() {
    let mut h = Harness::new().await;
    h.model.dry_run = true;
    h.press([ch('j'), ch(' ')]);
    let effects = h.review_and_confirm();
    assert!(
        matches!(effects.as_slice(), [Effect::Remote(Remote::Preview { .. })]),
        "{effects:?}"
    );
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::DryRun { preview, .. }) => {
            assert_eq!(preview.method, "PUT");
            assert_eq!(
                preview.url,
                format!("{}/contacts/{JANE}", h.server.base_url())
            );
            assert!(
                preview
                    .headers
                    .iter()
                    .any(|(name, value)| name == "x-rolodex-api-key" && value == "***")
            );
            assert!(!format!("{preview:?}").contains(h.server.api_key()));
            let body: Value = serde_json::from_str(&preview.body_json).unwrap();
            assert_eq!(body["is_starred"], false);
        }
        other => panic!("expected the dry run, got {other:?}"),
    }
    assert!(h.puts().is_empty(), "a dry run sends nothing");
    h.send(key(KeyCode::Esc));
    assert!(h.ed().overlay.is_none());
    assert!(h.ed().is_dirty(), "the edit stays");
}

#[tokio::test]
async fn a_draft_keeps_values_not_definitions_and_restores_editable_rows() {
    let mut h = Harness::new().await;
    let lead = h.select_field("field_stage");
    // Choose another Deal Stage option, so the draft holds a select value.
    let edits = h.press([key(KeyCode::Enter), ch('j'), key(KeyCode::Enter)]);
    h.settle(edits).await;
    let text = std::fs::read_to_string(h.store.draft_path(JANE)).expect("a draft on disk");
    assert!(
        !text.contains("multi_select_options"),
        "a draft holds values, not copies of every definition: {} bytes",
        text.len()
    );
    let draft = h.store.read_draft(JANE).unwrap().expect("the draft");
    // Restored into a fresh editor: the value comes back on a row that
    // knows its definition, so it can be shown by label and edited.
    let mut model = rolodex_tui::app::Model::new(JANE, h.server.base_url());
    model.keeps_drafts = true;
    let loaded = h.run(Remote::Load { id: JANE.into() }).await;
    rolodex_tui::app::update(&mut model, Msg::DraftRead(Ok(Some(Box::new(draft)))));
    rolodex_tui::app::update(&mut model, loaded);
    rolodex_tui::app::update(&mut model, ch('y'));
    let ed = model.editor().expect("editor");
    let row = &ed.form().fields[lead];
    assert!(row.editable() && row.def.is_some());
    assert_eq!(row.value, h.ed().form().fields[lead].value);
    assert!(ed.is_dirty());
}

#[tokio::test]
async fn the_contact_list_shows_what_was_saved() {
    use rolodex_tui::app::{Model, Phase, init, update};
    let h = Harness::new().await;
    let services = rolodex_tui::runtime::Services::new(h.client.clone(), Some(h.store.clone()));
    let mut model = Model::picking(h.server.base_url());
    let first = init(&model);
    run_effects(&mut model, &services, first).await;
    let mut effects = vec![];
    for c in "jane sm".chars() {
        effects.extend(update(&mut model, ch(c)));
    }
    effects.extend(update(&mut model, key(KeyCode::Enter)));
    run_effects(&mut model, &services, effects).await;
    assert!(model.editor().is_some(), "opened Jane");
    // Change the title and save it.
    let mut effects = update(&mut model, key(KeyCode::Enter));
    for _ in 0..40 {
        effects.extend(update(&mut model, key(KeyCode::Backspace)));
    }
    for c in "Chief Product Officer".chars() {
        effects.extend(update(&mut model, ch(c)));
    }
    effects.extend(update(&mut model, key(KeyCode::Enter)));
    effects.extend(update(&mut model, ch('w')));
    effects.extend(update(&mut model, ch('y')));
    run_effects(&mut model, &services, effects).await;
    assert_eq!(
        h.server.contact(JANE).unwrap()["title"],
        "Chief Product Officer"
    );
    // Back to the list: Jane's row says what the server holds now.
    update(&mut model, ch('q'));
    let Phase::Picking(list) = &model.phase else {
        panic!("back in the list: {:?}", model.phase);
    };
    let row = list.loaded.iter().find(|r| r.id == JANE).expect("listed");
    assert_eq!(row.title, "Chief Product Officer");
}

/// A retry that fails again says so, with the time of day and the try's
/// number.
#[tokio::test]
async fn a_retry_that_fails_again_says_again_and_when() {
    let mut h = Harness::new().await;
    make_the_guide_edit(&mut h);
    h.server.faults().fail_next_puts(2);
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    let message = |h: &Harness| match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => message.clone(),
        other => panic!("expected the failure screen, got {other:?}"),
    };
    // "The save failed at 15:07:12 UTC: …"
    let time_of = |m: &str, after: &str| -> String {
        m.strip_prefix(after)
            .and_then(|rest| rest.get(..12))
            .unwrap_or_default()
            .to_string()
    };
    let first = message(&h);
    let at = time_of(&first, "The save failed at ");
    assert!(
        at.len() == 12 && at.ends_with(" UTC") && at.as_bytes()[2] == b':',
        "{first}"
    );
    let effects = h.send(ch('r'));
    h.settle(effects).await;
    let again = message(&h);
    let at = time_of(&again, "The save failed again at ");
    assert!(at.ends_with(" UTC"), "{again}");
    assert!(again.contains(" UTC (try 2): "), "{again}");
    // A new review starts the count again.
    h.send(ch('n'));
    h.server.faults().fail_next_puts(1);
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(
        message(&h).starts_with("The save failed at "),
        "{}",
        message(&h)
    );
}

/// Cancelling the conflict screen leaves a line that says what happened.
#[tokio::test]
async fn cancelling_a_conflict_says_nothing_was_saved() {
    let mut h = Harness::new().await;
    make_the_guide_edit(&mut h);
    h.server.modify_contact(JANE, |c| c["title"] = json!("CPO"));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(matches!(h.ed().overlay, Some(Overlay::Conflict { .. })));
    h.send(ch('n'));
    assert!(h.ed().overlay.is_none());
    let status = h.model.status.as_ref().expect("a status line");
    assert_eq!(status.kind, StatusKind::Warning);
    assert!(
        status.text.starts_with("Not saved: the contact changed"),
        "{}",
        status.text
    );
    assert!(h.puts().is_empty());
}

/// A draft folder that cannot be written: the header says the edit is in
/// memory only (a mark no later message replaces), the quit prompt says
/// quitting loses it and writes the draft to another folder on `s`, and a
/// draft written again takes the mark away.
#[tokio::test]
async fn a_draft_that_cannot_be_written_is_never_promised() {
    let mut h = Harness::new().await;
    std::fs::create_dir_all(h.store.root()).unwrap();
    // Where the drafts folder would be, a file: no draft can be written,
    // whoever runs the test.
    let in_the_way = h.store.root().join("drafts");
    std::fs::write(&in_the_way, b"in the way").unwrap();
    let elsewhere = common::temp_store("elsewhere").root().to_path_buf();
    std::fs::create_dir_all(&elsewhere).unwrap();
    h.model.temp_dir = elsewhere.display().to_string();

    let edits = h.press([ch('j'), ch(' ')]);
    h.settle(edits).await;
    assert!(h.model.draft_unwritten.is_some());
    let status = h.model.status.as_ref().unwrap();
    assert!(status.text.contains("in memory only"), "{}", status.text);
    h.send(key(KeyCode::Esc));
    assert!(h.model.status.is_none(), "Esc clears the message");
    let screen = screen_text(&h.model, 100, 30);
    assert!(
        screen.contains("IN MEMORY ONLY"),
        "the mark lasts:\n{screen}"
    );

    h.send(ch('q'));
    let screen = screen_text(&h.model, 80, 24);
    assert!(screen.contains("quitting now loses"), "{screen}");
    assert!(!screen.contains("stays in a draft on disk"), "{screen}");
    assert!(screen.contains("write draft elsewhere"), "{screen}");

    h.send(ch('s'));
    match &h.ed().overlay {
        Some(Overlay::DraftFolder { folder, .. }) => {
            assert_eq!(folder, &elsewhere.display().to_string(), "$TMPDIR proposed")
        }
        other => panic!("expected the folder line, got {other:?}"),
    }
    // A folder that is not there is said in place; nothing quits.
    h.send(ctrl('u'));
    h.type_text("/nonexistent-rolodex-folder");
    let effects = h.send(key(KeyCode::Enter));
    let pending = settle_local(&mut h.model, Some(&h.store), effects);
    assert!(!pending.quit);
    match &h.ed().overlay {
        Some(Overlay::DraftFolder { error: Some(e), .. }) => {
            assert!(e.contains("not a folder"), "{e}")
        }
        other => panic!("expected the error in place, got {other:?}"),
    }
    h.send(ctrl('u'));
    h.type_text(&elsewhere.display().to_string());
    let effects = h.send(key(KeyCode::Enter));
    let pending = settle_local(&mut h.model, Some(&h.store), effects);
    assert!(pending.quit, "written, then quit");
    let file = elsewhere.join("rolodex-tui-draft-contact_67890.json");
    let mode = std::fs::metadata(&file).expect("the draft").permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );
    let draft = rolodex_tui::store::read_draft_file(&file).unwrap();
    assert_eq!(&draft.loaded, h.ed().contact());
    assert!(!draft.form.starred, "the edit is in it");
    let farewell = h.model.farewell.as_deref().unwrap();
    assert!(
        farewell.contains(&format!("rolodex-tui --draft {}", file.display())),
        "{farewell}"
    );

    // Once a draft can be written again, the mark goes.
    h.send(key(KeyCode::Esc));
    h.model.farewell = None;
    h.model.editor_mut().unwrap().overlay = None;
    std::fs::remove_file(&in_the_way).unwrap();
    // Starred back (no draft then), and changed again: a draft written.
    let edits = h.press([ch(' '), ch(' ')]);
    h.settle(edits).await;
    assert!(h.model.draft_unwritten.is_none());
    assert!(h.store.draft_path(JANE).exists());
    let screen = screen_text(&h.model, 100, 30);
    assert!(!screen.contains("IN MEMORY ONLY"), "{screen}");
    let _ = std::fs::remove_dir_all(&elsewhere);
}

/// A draft restored over a contact that changed on the server since, in
/// a value the draft changed too, asks about that value as a rebase does.
#[tokio::test]
async fn a_draft_restored_over_a_changed_contact_asks_about_clashes() {
    let mut h = Harness::new().await;
    h.send(key(KeyCode::Enter));
    h.retype("Draft Title");
    h.press([key(KeyCode::Enter), ch('j'), ch(' ')]);
    let draft = h.ed().draft();
    assert_eq!(draft.form.title.as_deref(), Some("Draft Title"));
    h.server
        .modify_contact(JANE, |c| c["title"] = json!("Shell Title"));

    h.model.phase = rolodex_tui::app::Phase::Loading;
    let loaded = h.client.load(JANE).await;
    h.send(Msg::Loaded(loaded));
    h.send(Msg::DraftRead(Ok(Some(Box::new(draft)))));
    assert!(matches!(h.ed().overlay, Some(Overlay::RestoreDraft(_))));
    h.send(ch('y'));
    match &h.ed().overlay {
        Some(Overlay::Clash { clashes, index: 0 }) => {
            assert_eq!(clashes.len(), 1, "{clashes:?}");
            assert_eq!(clashes[0].name, "Title");
            assert!(clashes[0].mine.contains("Draft Title"), "{clashes:?}");
            assert!(clashes[0].theirs.contains("Shell Title"), "{clashes:?}");
        }
        other => panic!("expected the clash question, got {other:?}"),
    }
    // Taking theirs keeps the server's title and the draft's other change.
    h.send(ch('t'));
    assert_eq!(h.ed().form().title.as_deref(), Some("Shell Title"));
    assert!(!h.ed().form().starred);
    assert!(
        matches!(h.ed().overlay, Some(Overlay::Review { .. })),
        "then the review: {:?}",
        h.ed().overlay
    );
}

/// A save whose draft cannot be removed afterwards still says "Saved", and
/// then what failed and what it means: the draft comes back next time.
#[tokio::test]
async fn a_draft_that_cannot_be_removed_after_a_save_is_said_as_such() {
    let mut h = Harness::new().await;
    let edits = h.press([ch('j'), ch(' ')]);
    h.settle(edits).await;
    assert!(h.store.draft_path(JANE).exists());
    let Some(read_only) = read_only::ReadOnly::make(&h.store.root().join("drafts")) else {
        return;
    };
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    drop(read_only);
    assert_eq!(h.puts().len(), 1);
    let status = h.model.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Warning);
    assert!(status.text.starts_with("Saved"), "{}", status.text);
    assert!(
        status.text.contains("its draft could not be removed"),
        "{}",
        status.text
    );
    assert!(status.text.contains("offered again"), "{}", status.text);
    assert!(!status.text.contains("not being kept"), "{}", status.text);
}

/// A teammate changed the phones, tags and lists this edit changed too:
/// the conflict screen says what they did and that overwriting replaces it,
/// and an overwrite then sends this edit's lists whole.
#[tokio::test]
async fn a_conflict_on_a_list_this_edit_changed_says_overwriting_replaces_it() {
    let mut h = Harness::new().await;
    // This edit: a phone removed, the tags and the lists changed.
    h.focus(Pane::Phones);
    h.send(ch('d'));
    h.model.editor_mut().unwrap().edit(|f| {
        f.tags.pop();
        f.lists.pop();
    });
    assert!(h.server.modify_contact(JANE, |c| {
        c["phone_numbers"].as_array_mut().unwrap().push(
            json!({"id": "phone_9", "phone_number": "+44 20 7946 0000", "country_code": "GB", "is_primary": false}),
        );
        c["tags"] = json!([]);
        c["lists"].as_array_mut().unwrap().clear();
    }));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(h.puts().is_empty());
    let Some(Overlay::Conflict { changes, body, .. }) = &h.ed().overlay else {
        panic!("expected the conflict screen, got {:?}", h.ed().overlay);
    };
    let lines = rolodex_tui::ui::words::remote_change_lines(changes, &rolodex_tui::glyphs::UNICODE);
    assert!(
        lines.contains(&"phone number added: +44 20 7946 0000".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("tag removed: ")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("list removed: ")),
        "{lines:?}"
    );
    assert_eq!(
        rolodex_tui::ui::words::overwritten_lists(changes, body),
        ["phone numbers", "tags", "lists"]
    );
    let screen = screen_text(&h.model, 100, 40);
    assert!(
        screen.contains("phone numbers, tags and lists too"),
        "{screen}"
    );
    assert!(
        screen.contains("replaces their change with your"),
        "{screen}"
    );
    assert!(!screen.contains("not edited here"), "{screen}");
    h.send(ch('o'));
    let screen = screen_text(&h.model, 100, 40);
    assert!(
        screen.contains("phone numbers, tags, lists and custom fields)"),
        "{screen}"
    );
    let effects = h.send(ch('y'));
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 1);
    let put = &h.puts()[0];
    assert_eq!(put["phone_numbers"].as_array().unwrap().len(), 1, "{put}");
    assert_eq!(put["tags"].as_array().unwrap().len(), 1, "{put}");
}
