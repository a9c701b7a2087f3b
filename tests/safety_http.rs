//! Never losing an edit, over real loopback HTTP against the demo server:
//! a teammate's change met by rebase (with a value both changed), the
//! read-back warning, every failure of load and save with its message and
//! a retry by hand, and the save history taken back with a revert.

mod common;

use common::{Harness, ch, key, remote};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::app::{Effect, Model, Overlay, Pane, Phase, Remote, Revert, StatusKind, update};
use rolodex_tui::demo::RetryAfter;
use rolodex_tui::runtime::settle_local;
use serde_json::{Value, json};

const JANE: &str = "contact_67890";

fn set_lead_score(h: &mut Harness, score: &str) {
    h.select_field("field_123");
    h.send(key(KeyCode::Enter));
    h.retype(score);
    h.send(key(KeyCode::Enter));
}

fn stored_score(c: &Value) -> Value {
    c["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "field_123")
        .map(|f| f["value"].clone())
        .unwrap_or(Value::Null)
}

fn teammate_sets_score(h: &Harness, score: i64) {
    assert!(h.server.modify_contact(JANE, |c| {
        for f in c["custom_fields"].as_array_mut().unwrap() {
            if f["id"] == "field_123" {
                f["value"] = json!(score);
            }
        }
    }));
}

#[tokio::test]
async fn a_teammates_new_email_survives_the_rebase_with_my_edit() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    assert!(h.server.modify_contact(JANE, |c| {
        c["emails"].as_array_mut().unwrap().push(
            json!({"id": "email_9", "email_address": "jane@teammate.example", "is_primary": false}),
        );
    }));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(
        h.puts().is_empty(),
        "nothing sent over the teammate's change"
    );
    match &h.ed().overlay {
        Some(Overlay::Conflict { changes, .. }) => assert_eq!(
            changes.shown.emails_added,
            vec!["jane@teammate.example"],
            "{changes:?}"
        ),
        other => panic!("expected the conflict screen, got {other:?}"),
    }
    // Rebase: straight back into the review of the merged edit, then send.
    h.send(ch('r'));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: None, .. })
    ));
    let effects = h.send(ch('y'));
    h.settle(effects).await;
    let sent = h.puts();
    assert_eq!(sent.len(), 1);
    let addresses: Vec<&str> = sent[0]["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["email_address"].as_str().unwrap())
        .collect();
    assert!(
        addresses.contains(&"jane@teammate.example"),
        "{addresses:?}"
    );
    assert!(addresses.contains(&"jane.smith@oldcompany.com"));
    let score = sent[0]["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "field_123")
        .unwrap();
    assert_eq!(score["value"], 88, "my edit is in the same body");
    assert_eq!(h.model.status.as_ref().unwrap().kind, StatusKind::Success);
}

#[tokio::test]
async fn a_value_both_changed_is_shown_with_both_sides_to_pick() {
    for (answer, expected) in [('t', 90), ('m', 88)] {
        let mut h = Harness::new().await;
        set_lead_score(&mut h, "88");
        h.focus(Pane::Details);
        h.press([ch('j'), ch(' ')]); // and unstar: an edit only I made
        teammate_sets_score(&h, 90);
        let effects = h.review_and_confirm();
        h.settle(effects).await;
        assert!(matches!(h.ed().overlay, Some(Overlay::Conflict { .. })));
        h.send(ch('r'));
        match &h.ed().overlay {
            Some(Overlay::Clash { clashes, index: 0 }) => {
                assert_eq!(clashes.len(), 1);
                assert_eq!(
                    (clashes[0].name.as_str(), clashes[0].mine.as_str()),
                    ("Lead Score", "88")
                );
                assert_eq!(clashes[0].theirs, "90");
            }
            other => panic!("expected the choice, got {other:?}"),
        }
        assert!(h.puts().is_empty());
        h.send(ch(answer));
        assert!(matches!(
            h.ed().overlay,
            Some(Overlay::Review { json: None, .. })
        ));
        let effects = h.send(ch('y'));
        h.settle(effects).await;
        let after = h.server.contact(JANE).unwrap();
        assert_eq!(stored_score(&after), json!(expected), "answer {answer}");
        assert_eq!(after["is_starred"], false, "my other edit went with it");
    }
}

#[tokio::test]
async fn the_read_back_names_what_the_server_holds_instead() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    let mut effects = h.review_and_confirm();
    // Carry out the check and the PUT; change the contact between the PUT
    // and the read-back, as a server that rewrites a value would.
    let mut read_back = None;
    while !effects.is_empty() {
        let pending = settle_local(&mut h.model, Some(&h.store), std::mem::take(&mut effects));
        for request in pending.remote {
            if matches!(request, Remote::ReadBack { .. }) {
                read_back = Some(request);
                continue;
            }
            let msg = h.run(request).await;
            effects.extend(h.send(msg));
        }
    }
    assert_eq!(h.puts().len(), 1);
    teammate_sets_score(&h, 90);
    let msg = h.run(read_back.expect("a read-back")).await;
    h.send(msg);
    let status = h.model.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Warning);
    assert_eq!(
        status.differences,
        vec![rolodex_tui::contact::Difference::Field {
            name: "Lead Score".into(),
            sent: Some("88".into()),
            now: Some("90".into()),
        }]
    );
    let screen = common::screen_text(&h.model, 200, 30);
    assert!(
        screen.contains("Lead Score: sent 88, server has 90"),
        "{screen}"
    );
}

/// A model for `id`, loaded over HTTP as the runtime would.
async fn load(h: &Harness, id: &str) -> Model {
    let mut model = Model::new(id, h.server.base_url());
    let msg = h.run(Remote::Load { id: id.into() }).await;
    update(&mut model, msg);
    model
}

fn load_failure(model: &Model) -> String {
    match &model.phase {
        Phase::LoadFailed { message } => message.clone(),
        other => panic!("expected a failed load, got {other:?}"),
    }
}

#[tokio::test]
async fn a_failed_load_says_why_and_r_loads_again() {
    let h = Harness::new().await;
    let reply = |status: u16, message: &str| {
        json!({"error": {"status": status, "message": message}}).to_string()
    };
    for (status, expect) in [
        (401, "refused the API key (HTTP 401)"),
        (403, "refused the API key (HTTP 403)"),
        (404, "not found"),
        (500, "HTTP 500"),
    ] {
        h.server.faults().respond_raw_next(
            1,
            status,
            "application/json",
            reply(status, "from the server"),
        );
        let mut model = load(&h, JANE).await;
        let message = load_failure(&model);
        assert!(message.contains(expect), "{status}: {message}");
        // `r` asks for the contact again; this time it loads.
        let effects = update(&mut model, ch('r'));
        assert_eq!(
            effects,
            vec![Effect::Remote(Remote::Load { id: JANE.into() })]
        );
        let msg = h.run(remote(&effects[0])).await;
        update(&mut model, msg);
        assert!(model.editor().is_some(), "{status}: loaded on retry");
    }
    let missing = load(&h, "contact_nobody").await;
    assert!(load_failure(&missing).contains("not found"));
}

#[tokio::test]
async fn every_save_failure_keeps_the_edit_and_r_retries_by_hand() {
    let reply = |status: u16, message: &str| {
        json!({"error": {"status": status, "message": message}}).to_string()
    };
    let cases: [(u16, &str); 5] = [
        (401, "refused the API key (HTTP 401)"),
        (403, "refused the API key (HTTP 403)"),
        (404, "not found"),
        (422, "emails[0].email_address: not an address"),
        (503, "HTTP 503"),
    ];
    for (status, expect) in cases {
        let mut h = Harness::new().await;
        set_lead_score(&mut h, "88");
        h.focus(Pane::Details);
        let form = h.ed().form().clone();
        // The check goes through; the PUT is answered with the failure.
        let effects = h.review_and_confirm();
        let msg = h.run(remote(&effects[0])).await;
        let effects = h.send(msg);
        let effects = settle_local(&mut h.model, Some(&h.store), effects).remote;
        assert!(matches!(effects.as_slice(), [Remote::Put { .. }]));
        let effects: Vec<Effect> = effects.into_iter().map(Effect::Remote).collect();
        h.server.faults().respond_raw_next(
            1,
            status,
            "application/json",
            reply(status, "emails[0].email_address: not an address"),
        );
        h.settle(effects).await;
        match &h.ed().overlay {
            Some(Overlay::SaveFailed { message, .. }) => {
                assert!(message.contains(expect), "{status}: {message}")
            }
            other => panic!("{status}: expected the failure screen, got {other:?}"),
        }
        assert_eq!(h.ed().form(), &form, "{status}: the edit is intact");
        assert_eq!(h.puts().len(), 1);
        let effects = h.send(ch('r'));
        h.settle(effects).await;
        assert_eq!(h.puts().len(), 2, "{status}: one retry, by hand");
        assert_eq!(h.puts()[0], h.puts()[1], "the same body both times");
        assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
    }
}

#[tokio::test]
async fn a_rate_limited_save_says_when_to_retry() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    h.server
        .faults()
        .rate_limit_matching(Some("PUT"), None, 1, RetryAfter::Seconds(7));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.contains("429"), "{message}");
            assert!(message.contains("7 s"), "{message}");
        }
        other => panic!("expected the failure screen, got {other:?}"),
    }
    assert_eq!(h.puts().len(), 1, "a PUT is never retried by itself");
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(72));
    let effects = h.send(ch('r'));
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 2);
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
}

#[tokio::test]
async fn a_rate_limited_conflict_check_waits_and_then_saves() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    h.server.faults().rate_limit_matching(
        Some("GET"),
        Some("/contacts/"),
        1,
        RetryAfter::Seconds(1),
    );
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(
        h.progress
            .iter()
            .any(|m| m.starts_with("Progress(RateLimited")),
        "{:?}",
        h.progress
    );
    assert_eq!(h.puts().len(), 1);
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
}

#[tokio::test]
async fn a_dropped_put_keeps_the_edit_and_a_retry_saves_it() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    h.server.faults().drop_next(Some("PUT"), 1);
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(matches!(h.ed().overlay, Some(Overlay::SaveFailed { .. })));
    assert!(h.ed().is_dirty());
    let effects = h.send(ch('r'));
    h.settle(effects).await;
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
    assert_eq!(h.model.status.as_ref().unwrap().kind, StatusKind::Success);
}

#[tokio::test]
async fn a_saved_version_comes_back_through_revert() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
    let history = h.store.history(JANE).unwrap();
    assert_eq!(history.len(), 1, "the version before the save was kept");

    // `--revert contact_67890@1`: the editor opens filled with that version.
    let mut model = Model::new(JANE, h.server.base_url());
    model.revert_to = Some(Box::new(Revert {
        saved_at: history[0].saved_at.clone(),
        contact: history[0].contact.clone(),
    }));
    let msg = h.run(Remote::Load { id: JANE.into() }).await;
    update(&mut model, msg);
    let ed = model.editor().unwrap();
    let row = ed
        .form()
        .fields
        .iter()
        .find(|f| f.id == "field_123")
        .unwrap();
    assert_eq!(row.display(), "72");
    assert_eq!(ed.changes().count(), 1, "only the value the save changed");
    assert!(model.status.as_ref().unwrap().text.contains("review it"));
    h.model = model;
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(72));
    assert_eq!(h.store.history(JANE).unwrap().len(), 2);
}

#[tokio::test]
async fn taking_theirs_for_the_only_edit_leaves_nothing_to_send() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    teammate_sets_score(&h, 90);
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    h.send(ch('r'));
    assert!(matches!(h.ed().overlay, Some(Overlay::Clash { .. })));
    let effects = h.send(ch('t'));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Remote(Remote::Put { .. }) | Effect::Remote(Remote::Check { .. })
        )),
        "{effects:?}"
    );
    assert_eq!(h.ed().overlay, None);
    assert!(!h.ed().is_dirty());
    let status = h.model.status.clone().unwrap();
    assert!(status.text.contains("nothing to save"), "{}", status.text);
    assert!(h.puts().is_empty());
}

#[tokio::test]
async fn a_failed_read_back_is_retried_as_a_read_not_reported_as_a_conflict() {
    let mut h = Harness::new().await;
    set_lead_score(&mut h, "88");
    let effects = h.review_and_confirm();
    // The check, then the PUT, by hand; the read-back's connection drops.
    let checked = h.run(remote(&effects[0])).await;
    let effects = h.send(checked);
    let requests = settle_local(&mut h.model, Some(&h.store), effects).remote;
    let put = h.run(requests[0].clone()).await;
    let effects = h.send(put);
    assert_eq!(stored_score(&h.server.contact(JANE).unwrap()), json!(88));
    h.server.faults().drop_next(Some("GET"), 1);
    h.settle(effects).await;
    match &h.ed().overlay {
        Some(Overlay::SaveFailed { message, .. }) => {
            assert!(message.starts_with("Saved, but reading"), "{message}")
        }
        other => panic!("expected the read-back failure, got {other:?}"),
    }
    // `r` reads it back again: no conflict check that would show the
    // save itself as someone else's change, and no second PUT.
    let effects = h.send(ch('r'));
    assert_eq!(
        effects,
        vec![Effect::Remote(Remote::ReadBack { id: JANE.into() })]
    );
    h.settle(effects).await;
    assert_eq!(h.ed().overlay, None);
    let status = h.model.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Success, "{}", status.text);
    assert_eq!(h.puts().len(), 1);
    assert!(!h.ed().is_dirty());
}
