//! The editor driven by key events through `update`: each flow asserts the
//! model and the exact effects, including the PUT body.

mod common;

use common::{Harness, ch, ctrl, key};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::ApiError;
use rolodex_tui::api::wire::{CustomFieldWrite, EmailWrite, PutBody};
use rolodex_tui::app::{Effect, FieldEditor, Local, Msg, Overlay, Pane, Remote, StatusKind};
use rolodex_tui::contact::{FieldChangeKind, FieldValue};
use rolodex_tui::store::Draft;
use serde_json::{Value, json};

const JANE: &str = "contact_67890";

fn field<'a>(body: &'a PutBody, id: &str) -> Option<&'a Value> {
    body.custom_fields
        .iter()
        .flatten()
        .find(|f| f.id == id)
        .map(|f| &f.value)
}

/// The untouched body with `changes` applied to the custom field set.
fn with_fields(base: &PutBody, changes: &[(&str, Option<Value>)]) -> PutBody {
    let mut body = base.clone();
    let fields = body.custom_fields.as_mut().expect("custom fields are sent");
    for (id, value) in changes {
        match (fields.iter().position(|f| f.id == *id), value) {
            (Some(i), Some(v)) => fields[i].value = v.clone(),
            (Some(i), None) => {
                fields.remove(i);
            }
            (None, Some(v)) => fields.push(CustomFieldWrite {
                id: id.to_string(),
                value: v.clone(),
            }),
            (None, None) => {}
        }
    }
    body
}

/// The body an unedited save would send, taken from a throwaway harness so
/// the flow under test stays untouched.
async fn untouched_body() -> PutBody {
    let mut h = Harness::new().await;
    // A no-op edit would not open the review; toggle twice to get a body
    // with nothing changed but force the review open through a real change.
    h.press([ch('j'), ch(' ')]);
    let mut body = h.body_of_save();
    body.is_starred = true;
    body
}

#[tokio::test]
async fn untouched_body_carries_every_value_in_write_form() {
    let body = untouched_body().await;
    let long = field(&body, "field_background")
        .and_then(Value::as_str)
        .map(str::len);
    assert!(long.is_some_and(|n| n > 200), "the long text is kept whole");
    let mut without_long = serde_json::to_value(&body).unwrap();
    without_long["custom_fields"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["id"] != "field_background");
    assert_eq!(
        without_long,
        json!({
            "title": "Product Manager",
            "is_starred": true,
            "emails": [
                {"email_address": "jane.smith@oldcompany.com", "is_primary": true},
                {"email_address": "jane@janesmith.com", "is_primary": false}
            ],
            "custom_fields": [
                {"id": "field_123", "value": 72},
                {"id": "field_stage", "value": "opt_stage_qualified"},
                {"id": "field_interests", "value": ["opt_int_analytics", "opt_int_tokyo"]},
                {"id": "field_renewal", "value": "2025-09-30"},
                {"id": "field_newsletter", "value": true},
                {"id": "field_owner", "value": "user_alice"},
                {"id": "field_zoe_notes", "value": "Prefers email; 東京 trip in March 🚀"}
            ]
        })
    );
}

#[tokio::test]
async fn opens_on_details_with_title_selected() {
    let h = Harness::new().await;
    let ed = h.ed();
    assert_eq!(ed.focus, Pane::Details);
    assert_eq!(ed.selected(Pane::Details), 0);
    assert!(!ed.is_dirty());
    assert!(ed.changes().is_empty());
}

#[tokio::test]
async fn edit_the_title() {
    let mut h = Harness::new().await;
    let base = untouched_body().await;
    assert!(h.send(key(KeyCode::Enter)).is_empty());
    assert!(matches!(h.ed().input, Some(FieldEditor::Text { .. })));
    h.retype("Senior Product Manager");
    // Committing journals the edit as a draft, and asks for nothing else.
    match h.send(key(KeyCode::Enter)).as_slice() {
        [Effect::Local(Local::WriteDraft(draft))] => {
            assert_eq!(draft.contact_id, JANE);
            assert_eq!(draft.form.title.as_deref(), Some("Senior Product Manager"));
            assert_eq!(
                draft.loaded.title.get().map(String::as_str),
                Some("Product Manager")
            );
        }
        other => panic!("expected one draft write, got {other:?}"),
    }
    assert!(h.ed().input.is_none());
    assert_eq!(
        h.ed().form().title.as_deref(),
        Some("Senior Product Manager")
    );
    assert_eq!(h.ed().changes().count(), 1);
    let body = h.body_of_save();
    assert_eq!(
        body,
        PutBody {
            title: Some("Senior Product Manager".into()),
            ..base
        }
    );
}

#[tokio::test]
async fn esc_cancels_a_text_edit_and_keeps_the_old_value() {
    let mut h = Harness::new().await;
    h.send(key(KeyCode::Enter));
    h.retype("Something else");
    h.send(key(KeyCode::Esc));
    assert_eq!(h.ed().form().title.as_deref(), Some("Product Manager"));
    assert!(!h.ed().is_dirty());
}

#[tokio::test]
async fn paste_with_newlines_never_confirms() {
    let mut h = Harness::new().await;
    h.send(key(KeyCode::Enter));
    h.press([ctrl('a'), ctrl('k')]);
    h.send(Msg::Paste("Head of\nProduct\r\n".into()));
    assert!(h.ed().input.is_some(), "the paste did not commit");
    h.send(key(KeyCode::Enter));
    assert_eq!(h.ed().form().title.as_deref(), Some("Head of Product"));
}

#[tokio::test]
async fn toggle_the_star() {
    let mut h = Harness::new().await;
    let base = untouched_body().await;
    h.press([ch('j'), ch(' ')]);
    assert!(!h.ed().form().starred);
    let body = h.body_of_save();
    assert_eq!(
        body,
        PutBody {
            is_starred: false,
            ..base
        }
    );
}

#[tokio::test]
async fn delete_add_and_make_primary_emails() {
    let mut h = Harness::new().await;
    let base = untouched_body().await;
    h.focus(Pane::Emails);
    // Deleting the primary promotes the first remaining address.
    assert!(matches!(
        h.send(ch('d')).as_slice(),
        [Effect::Local(Local::WriteDraft(_))]
    ));
    assert_eq!(h.ed().form().emails.len(), 1);
    assert_eq!(h.ed().form().emails[0].address, "jane@janesmith.com");
    assert!(h.ed().form().emails[0].primary);
    assert!(
        h.model
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("now primary")
    );
    // Add one, then make it primary.
    h.send(ch('a'));
    h.type_text("jane.smith@newcompany.com");
    h.send(key(KeyCode::Enter));
    assert_eq!(h.ed().selected(Pane::Emails), 1);
    h.send(ch('p'));
    let changes = h.ed().changes();
    assert_eq!(changes.emails_removed, vec!["jane.smith@oldcompany.com"]);
    assert_eq!(changes.emails_added, vec!["jane.smith@newcompany.com"]);
    assert_eq!(
        rolodex_tui::ui::words::email_summary(&changes),
        "1 email removed, 1 added, primary changed"
    );
    let body = h.body_of_save();
    assert_eq!(
        body,
        PutBody {
            emails: Some(vec![
                EmailWrite {
                    email_address: "jane@janesmith.com".into(),
                    is_primary: false
                },
                EmailWrite {
                    email_address: "jane.smith@newcompany.com".into(),
                    is_primary: true
                },
            ]),
            ..base
        }
    );
}

#[tokio::test]
async fn adding_then_escaping_adds_nothing() {
    let mut h = Harness::new().await;
    h.focus(Pane::Emails);
    h.send(ch('a'));
    h.type_text("half@typed");
    h.send(key(KeyCode::Esc));
    assert_eq!(h.ed().form().emails.len(), 2);
    assert!(!h.ed().is_dirty());
}

#[tokio::test]
async fn edit_a_value_of_each_of_the_seven_types() {
    let mut h = Harness::new().await;
    let base = untouched_body().await;

    // NUMERIC
    h.select_field("field_123");
    h.send(key(KeyCode::Enter));
    h.retype("88");
    h.send(key(KeyCode::Enter));
    // SINGLE_LINE_TEXT (had no value)
    h.select_field("field_preferred");
    h.send(key(KeyCode::Enter));
    h.type_text("Janie");
    h.send(key(KeyCode::Enter));
    // DATE
    h.select_field("field_renewal");
    h.send(key(KeyCode::Enter));
    h.retype("2026-01-31");
    h.send(key(KeyCode::Enter));
    // BOOLEAN
    h.select_field("field_newsletter");
    h.send(ch(' '));
    // SINGLE_SELECT: the picker opens on the current option (Qualified).
    h.select_field("field_stage");
    h.send(key(KeyCode::Enter));
    match &h.ed().input {
        Some(FieldEditor::Options(p)) => {
            assert!(!p.multi);
            assert_eq!(p.options[p.cursor].1, "Qualified");
        }
        other => panic!("expected a picker, got {other:?}"),
    }
    h.press([ch('j'), key(KeyCode::Enter)]);
    // MULTI_SELECT: Space toggles; Enter commits the set.
    h.select_field("field_interests");
    h.send(key(KeyCode::Enter));
    h.press([ch(' '), ch('j'), ch('j'), ch(' '), key(KeyCode::Enter)]);
    // USER: a picker of workspace users.
    h.select_field("field_owner");
    h.send(key(KeyCode::Enter));
    let next_user = match &h.ed().input {
        Some(FieldEditor::Options(p)) => {
            assert_eq!(p.kind, rolodex_tui::app::PickerKind::User);
            assert_eq!(p.options[p.cursor].0, "user_alice");
            p.options[p.cursor + 1].0.clone()
        }
        other => panic!("expected the user picker, got {other:?}"),
    };
    h.press([ch('j'), key(KeyCode::Enter)]);

    let changes = h.ed().changes();
    assert_eq!(changes.fields.len(), 7, "{changes:#?}");
    assert_eq!(changes.fields_of(FieldChangeKind::Added).count(), 1);
    let body = h.body_of_save();
    let expected = with_fields(
        &base,
        &[
            ("field_123", Some(json!(88))),
            ("field_renewal", Some(json!("2026-01-31"))),
            ("field_newsletter", Some(json!(false))),
            ("field_stage", Some(json!("opt_stage_proposal"))),
            (
                "field_interests",
                Some(json!(["opt_int_mobile", "opt_int_tokyo"])),
            ),
            ("field_owner", Some(json!(next_user))),
        ],
    );
    // The new text value is added in definition order; compare as sets.
    let sorted = |b: &PutBody| {
        let mut v: Vec<(String, String)> = b
            .custom_fields
            .iter()
            .flatten()
            .map(|f| (f.id.clone(), f.value.to_string()))
            .collect();
        v.sort();
        v
    };
    let mut expected_with_text = expected.clone();
    let fields = expected_with_text.custom_fields.as_mut().expect("sent");
    fields.push(CustomFieldWrite {
        id: "field_preferred".into(),
        value: json!("Janie"),
    });
    assert_eq!(sorted(&body), sorted(&expected_with_text));
    assert_eq!(body.emails, base.emails);
    assert_eq!(body.title, base.title);
}

#[tokio::test]
async fn user_field_is_free_text_when_users_did_not_load() {
    let mut h = Harness::open(JANE, false).await;
    h.send(Msg::UsersLoaded(Err(ApiError::Timeout)));
    h.select_field("field_owner");
    h.send(key(KeyCode::Enter));
    assert!(matches!(h.ed().input, Some(FieldEditor::Text { .. })));
    h.retype("user_bob");
    h.send(key(KeyCode::Enter));
    let i = h.field_index("field_owner");
    assert_eq!(
        h.ed().form().fields[i].value,
        FieldValue::Text("user_bob".into())
    );
}

#[tokio::test]
async fn clearing_a_value_leaves_it_out_of_the_set() {
    let mut h = Harness::new().await;
    let base = untouched_body().await;
    h.select_field("field_123");
    h.send(ch('x'));
    let changes = h.ed().changes();
    assert_eq!(changes.fields.len(), 1);
    assert_eq!(changes.fields[0].kind, FieldChangeKind::Cleared);
    let body = h.body_of_save();
    assert_eq!(body, with_fields(&base, &[("field_123", None)]));
}

#[tokio::test]
async fn undo_and_redo_span_every_pane() {
    let mut h = Harness::new().await;
    let loaded = h.ed().form().clone();
    h.send(key(KeyCode::Enter));
    h.retype("Head of Product");
    h.send(key(KeyCode::Enter));
    h.press([ch('j'), ch(' ')]);
    h.focus(Pane::Emails);
    h.send(ch('d'));
    h.select_field("field_123");
    h.send(ch('x'));
    let edited = h.ed().form().clone();
    assert_eq!(h.ed().history().0, 4);

    h.press([ch('u'), ch('u')]);
    assert_eq!(h.ed().form().emails.len(), 2, "the deleted email is back");
    assert!(!h.ed().form().starred);
    h.press([ch('u'), ch('u')]);
    assert_eq!(h.ed().form(), &loaded);
    assert!(!h.ed().is_dirty());
    h.send(ch('u'));
    assert_eq!(h.model.status.as_ref().unwrap().text, "Nothing to undo");

    h.press([ctrl('r'), ctrl('r'), ctrl('r'), ctrl('r')]);
    assert_eq!(h.ed().form(), &edited);
    // A new edit after undo drops the redo history.
    h.press([ch('u'), ch('x')]);
    assert!((h.ed().history().1 == 0));
}

/// Tries to save and asserts it is refused: no review, no effect, the first
/// invalid row selected, the reason in the status line.
fn assert_blocked(h: &mut Harness, pane: Pane, row: usize, reason: &str) {
    for save in [ctrl('s'), ch('w')] {
        let mut effects = h.send(save);
        let status = h.model.status.clone().expect("a reason");
        assert_eq!(status.kind, StatusKind::Error);
        assert!(status.text.contains(reason), "{status:?}");
        effects.extend(h.send(ch('y')));
        assert!(effects.is_empty(), "nothing may be sent: {effects:?}");
        assert!(h.ed().overlay.is_none(), "no body under review");
        assert_eq!(h.ed().focus, pane);
        assert_eq!(h.ed().selected(pane), row);
    }
}

#[tokio::test]
async fn an_invalid_number_blocks_the_save() {
    let mut h = Harness::new().await;
    let row = h.select_field("field_123");
    h.send(key(KeyCode::Enter));
    h.retype("12a");
    h.send(key(KeyCode::Enter));
    assert_eq!(
        h.ed().form().fields[row].value,
        FieldValue::Text("12a".into())
    );
    h.focus(Pane::Details);
    assert_blocked(&mut h, Pane::Fields, row, "\"12a\" is not a number");
}

#[tokio::test]
async fn an_invalid_date_blocks_the_save() {
    let mut h = Harness::new().await;
    let row = h.select_field("field_renewal");
    h.send(key(KeyCode::Enter));
    h.retype("2025-02-30");
    h.send(key(KeyCode::Enter));
    h.focus(Pane::Details);
    assert_blocked(&mut h, Pane::Fields, row, "not a date");
}

#[tokio::test]
async fn an_invalid_email_blocks_the_save() {
    let mut h = Harness::new().await;
    h.focus(Pane::Emails);
    h.send(ch('j'));
    h.send(key(KeyCode::Enter));
    h.retype("jane at example.com");
    h.send(key(KeyCode::Enter));
    h.focus(Pane::Details);
    assert_blocked(&mut h, Pane::Emails, 1, "not an email address");
}

#[tokio::test]
async fn a_duplicate_email_blocks_the_save() {
    let mut h = Harness::new().await;
    h.focus(Pane::Emails);
    h.send(ch('a'));
    h.type_text("JANE@janesmith.com");
    h.send(key(KeyCode::Enter));
    h.focus(Pane::Details);
    assert_blocked(&mut h, Pane::Emails, 2, "listed twice");
}

#[tokio::test]
async fn review_can_be_left_with_nothing_lost_and_shows_json() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    let form = h.ed().form().clone();
    h.send(ch('w'));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: None, .. })
    ));
    h.send(ch('J'));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: Some(_), .. })
    ));
    assert!(h.send(key(KeyCode::Esc)).is_empty());
    assert_eq!(h.ed().overlay, None);
    assert_eq!(h.ed().form(), &form);
    h.send(ctrl('s'));
    assert!(h.send(ch('n')).is_empty());
    assert_eq!(h.ed().form(), &form);
}

#[tokio::test]
async fn nothing_to_save_when_nothing_changed() {
    let mut h = Harness::new().await;
    assert!(h.send(ch('w')).is_empty());
    assert!(h.ed().overlay.is_none());
    assert!(
        h.model
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing changed")
    );
}

#[tokio::test]
async fn quit_asks_only_with_unsaved_changes() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    assert!(h.send(ch('q')).is_empty());
    assert_eq!(h.ed().overlay, Some(Overlay::ConfirmQuit));
    assert!(h.send(ch('n')).is_empty());
    assert_eq!(h.ed().overlay, None);
    assert!(h.send(ctrl('c')).is_empty());
    assert_eq!(h.send(ch('y')), vec![Effect::Quit]);

    let mut clean = Harness::new().await;
    assert_eq!(clean.send(ch('q')), vec![Effect::Quit]);
}

#[tokio::test]
async fn a_changed_contact_opens_the_conflict_screen_instead_of_sending() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    h.review_and_confirm();
    let mut remote = h.ed().contact().clone();
    remote.updated_at = "2030-01-01T00:00:00Z".into();
    remote.title = Some("Chief Product Officer".to_string()).into();
    assert!(h.send(Msg::Checked(Ok(remote))).is_empty());
    match &h.ed().overlay {
        Some(Overlay::Conflict { changes, .. }) => {
            let lines =
                rolodex_tui::ui::words::remote_change_lines(changes, &rolodex_tui::glyphs::UNICODE);
            assert!(lines.iter().any(|c| c.starts_with("updated_at")));
            assert!(
                lines
                    .iter()
                    .any(|c| c == "Title: Product Manager → Chief Product Officer"),
                "{lines:?}"
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Rebase keeps my change (starred off) and takes theirs (the title),
    // then shows the merged result for review before anything is sent.
    let effects = h.send(ch('r'));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Remote(Remote::Put { .. }) | Effect::Remote(Remote::Check { .. })
        )),
        "{effects:?}"
    );
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: None, .. })
    ));
    assert_eq!(
        h.ed().form().title.as_deref(),
        Some("Chief Product Officer")
    );
    assert!(!h.ed().form().starred);
    assert_eq!(h.ed().contact().updated_at, "2030-01-01T00:00:00Z");
}

#[tokio::test]
async fn esc_then_a_key_read_as_alt_is_both_keys() {
    let mut h = Harness::new().await;
    h.select_field("field_stage");
    h.send(key(KeyCode::Enter));
    assert!(matches!(h.ed().input, Some(FieldEditor::Options(_))));
    // What a terminal reports for Esc and `j` arriving together.
    h.send(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('j'),
        ratatui::crossterm::event::KeyModifiers::ALT,
    )));
    assert!(h.ed().input.is_none(), "Esc closed the picker");
    assert_eq!(
        h.ed().selected(Pane::Fields),
        h.field_index("field_stage") + 1
    );
    assert!(!h.ed().is_dirty());
}

#[tokio::test]
async fn a_message_is_cleared_by_the_next_key() {
    let mut h = Harness::new().await;
    h.send(ch('u'));
    assert!(h.model.status.is_some());
    h.send(ch('j'));
    assert!(h.model.status.is_none());
}

#[tokio::test]
async fn the_json_body_scrolls_and_j_no_longer_toggles_it() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' '), ch('w')]);
    h.send(ch('j'));
    assert!(
        matches!(h.ed().overlay, Some(Overlay::Review { json: None, .. })),
        "j does not toggle"
    );
    let scrolled = |h: &Harness| match &h.ed().overlay {
        Some(Overlay::Review {
            json: Some(scroll), ..
        }) => *scroll,
        other => panic!("expected the JSON view, got {other:?}"),
    };
    h.send(ch('J'));
    h.press([ch('j'), ch('j'), ch('j'), ch('k')]);
    assert_eq!(scrolled(&h).offset, 2);
    h.send(ch('G'));
    let end = scrolled(&h);
    assert!(
        end.offset > 20,
        "the body has more lines than a screen: {end:?}"
    );
    assert_eq!(end.offset + 1, end.lines, "G goes to the last line");
    h.send(ch('j'));
    assert_eq!(scrolled(&h), end, "never past the end");
    h.send(ch('J'));
    assert!(matches!(
        h.ed().overlay,
        Some(Overlay::Review { json: None, .. })
    ));
    h.send(ch('J'));
    assert_eq!(scrolled(&h).offset, 0, "the JSON opens at its top");
}

#[tokio::test]
async fn undoing_back_to_what_was_loaded_removes_the_draft() {
    let mut h = Harness::new().await;
    assert!(matches!(
        h.press([ch('j'), ch(' ')]).as_slice(),
        [Effect::Local(Local::WriteDraft(_))]
    ));
    assert_eq!(
        h.send(ch('u')),
        vec![Effect::Local(Local::DeleteDraft { id: JANE.into() })]
    );
    assert!(matches!(
        h.send(ctrl('r')).as_slice(),
        [Effect::Local(Local::WriteDraft(_))]
    ));
}

fn draft_of(h: &Harness, edit: impl FnOnce(&mut rolodex_tui::contact::ContactForm)) -> Draft {
    let mut loaded = h.ed().contact().clone();
    // Made on an older version of the contact, whose title was different.
    loaded.updated_at = "2025-01-01T00:00:00Z".into();
    loaded.title = Some("Associate Product Manager".to_string()).into();
    let mut form = rolodex_tui::contact::ContactForm::from_contact(&loaded, h.ed().defs());
    edit(&mut form);
    Draft {
        contact_id: JANE.into(),
        base_url: None,
        saved_at: "2026-11-27T18:02:00Z".into(),
        loaded,
        form,
    }
}

#[tokio::test]
async fn a_found_draft_is_restored_onto_the_fresh_contact() {
    let mut h = Harness::new().await;
    let lead = h.field_index("field_123");
    let draft = draft_of(&h, |f| {
        f.starred = false;
        f.fields[lead].value = FieldValue::Text("95".into());
    });
    assert!(h.send(Msg::DraftRead(Ok(Some(Box::new(draft))))).is_empty());
    assert!(matches!(h.ed().overlay, Some(Overlay::RestoreDraft(_))));
    match h.send(ch('y')).as_slice() {
        [Effect::Local(Local::WriteDraft(d))] => assert!(!d.form.starred),
        other => panic!("expected the restored edit journaled, got {other:?}"),
    }
    let ed = h.ed();
    assert_eq!(ed.overlay, None);
    // The draft's own changes come back; the title, which the draft did not
    // change, is the server's current one, not the draft's old one.
    assert!(!ed.form().starred);
    assert_eq!(ed.form().fields[lead].value, FieldValue::Text("95".into()));
    assert_eq!(ed.form().title.as_deref(), Some("Product Manager"));
    assert_eq!(ed.changes().count(), 2);
    assert!(
        h.model
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("from 2026-11-27 18:02 UTC"),
        "the draft's time, as the local zone (UTC in tests) shows it"
    );
    // One undo takes the restore back.
    assert_eq!(
        h.send(ch('u')),
        vec![Effect::Local(Local::DeleteDraft { id: JANE.into() })]
    );
    assert!(!h.ed().is_dirty());
}

#[tokio::test]
async fn a_draft_read_before_the_contact_loads_is_offered_once_it_does() {
    let h = Harness::new().await;
    let draft = draft_of(&h, |f| f.starred = false);
    let (contact, defs) = (h.ed().contact().clone(), h.ed().defs().to_vec());
    let mut model = rolodex_tui::app::Model::new(JANE, h.server.base_url());
    let init = rolodex_tui::app::init(&model);
    assert!(init.contains(&Effect::Local(Local::Claim { id: JANE.into() })));
    // The draft is read once this editor holds the contact.
    assert_eq!(
        rolodex_tui::app::update(
            &mut model,
            Msg::Claimed(Ok(rolodex_tui::contact::Claim::Held))
        ),
        vec![Effect::Local(Local::ReadDraft { id: JANE.into() })]
    );
    rolodex_tui::app::update(&mut model, Msg::DraftRead(Ok(Some(Box::new(draft)))));
    rolodex_tui::app::update(&mut model, Msg::Loaded(Ok((contact, defs))));
    assert!(matches!(
        model.editor().unwrap().overlay,
        Some(Overlay::RestoreDraft(_))
    ));
}

#[tokio::test]
async fn declining_a_draft_discards_it() {
    let mut h = Harness::new().await;
    let draft = draft_of(&h, |f| f.starred = false);
    h.send(Msg::DraftRead(Ok(Some(Box::new(draft)))));
    assert_eq!(
        h.send(ch('n')),
        vec![Effect::Local(Local::DeleteDraft { id: JANE.into() })]
    );
    assert_eq!(h.ed().overlay, None);
    assert!(!h.ed().is_dirty());
}

#[tokio::test]
async fn quit_can_keep_or_discard_the_draft() {
    let mut h = Harness::new().await;
    h.press([ch('j'), ch(' ')]);
    h.send(ch('q'));
    assert_eq!(
        h.send(ch('d')),
        vec![
            Effect::Local(Local::DeleteDraft { id: JANE.into() }),
            Effect::Quit
        ]
    );
}

/// A draft whose only change the server already holds (a teammate made
/// the same edit) restores to nothing: it says so instead of "Restored",
/// and the draft is removed.
#[tokio::test]
async fn a_draft_that_changes_nothing_says_so_and_is_removed() {
    let mut h = Harness::new().await;
    let draft = draft_of(&h, |f| f.title = Some("Product Manager".into()));
    h.send(Msg::DraftRead(Ok(Some(Box::new(draft)))));
    assert!(matches!(h.ed().overlay, Some(Overlay::RestoreDraft(_))));
    assert_eq!(
        h.send(ch('y')),
        vec![Effect::Local(Local::DeleteDraft { id: JANE.into() })]
    );
    assert!(!h.ed().is_dirty());
    let text = &h.model.status.as_ref().unwrap().text;
    assert!(
        text.contains("are what the contact already holds: nothing to restore"),
        "{text}"
    );
    assert!(!text.contains("Restored"), "{text}");
}

/// Deleting a very long address names it by its start and end, so the
/// status line still ends in "(u undoes)" at 80 columns, with one ….
#[tokio::test]
async fn deleting_a_long_address_keeps_u_undoes_in_view() {
    let mut h = Harness::new().await;
    h.focus(Pane::Emails);
    h.send(ch('a'));
    let long = format!(
        "{}@{}.example.com",
        "a".repeat(60),
        "verylongdomain".repeat(3)
    );
    h.type_text(&long);
    h.send(key(KeyCode::Enter));
    h.send(key(KeyCode::End));
    h.send(ch('d'));
    let text = h.model.status.as_ref().unwrap().text.clone();
    assert!(text.ends_with("(u undoes)"), "{text}");
    assert!(text.contains('…') && text.len() < 80, "{text}");
    let screen = common::screen_text(&h.model, 80, 24);
    assert!(screen.contains("(u undoes)"), "{screen}");
    assert!(!screen.contains("……"), "{screen}");
}

/// `c` puts the selected row's value on the clipboard: exactly the value,
/// and a status line that says what was copied and what the terminal must
/// allow.
#[tokio::test]
async fn c_copies_the_selected_value() {
    let mut h = Harness::new().await;
    h.focus(Pane::Emails);
    assert_eq!(
        h.send(ch('c')),
        vec![Effect::Clipboard("jane.smith@oldcompany.com".into())]
    );
    let text = &h.model.status.as_ref().unwrap().text;
    assert_eq!(
        text,
        "Copied the address (25 characters) by OSC 52, if the terminal allows it"
    );
    h.focus(Pane::Fields);
    h.send(ch('g'));
    assert_eq!(h.send(ch('c')), vec![Effect::Clipboard("72".into())]);
    // A row without a value copies nothing, and says so.
    let empty = h
        .ed()
        .form()
        .fields
        .iter()
        .position(|f| f.value == FieldValue::Empty)
        .unwrap();
    for _ in 0..empty {
        h.send(ch('j'));
    }
    assert!(h.send(ch('c')).is_empty());
    assert_eq!(
        h.model.status.as_ref().unwrap().text,
        "This row has no value to copy"
    );
    // Nothing copied is ever the key.
    assert!(!format!("{:?}", h.model.status).contains(h.server.api_key()));
}

/// `/` finds a custom field by name, ignoring case and accents; ↓ goes to
/// the next match while typing; Esc goes back; Enter keeps, and n / N
/// find again, wrapping round.
#[tokio::test]
async fn slash_finds_a_field_by_name_and_n_finds_it_again() {
    let mut h = Harness::new().await;
    h.focus(Pane::Fields);
    let name_of = |h: &Harness| {
        let at = h.ed().selected(Pane::Fields);
        h.ed().form().fields[at].name.clone()
    };
    let start = name_of(&h);
    h.send(ch('/'));
    h.type_text("zoe angstrom");
    assert_eq!(name_of(&h), "Notes for Zoë Ångström 📝");
    let screen = common::screen_text(&h.model, 100, 30);
    assert!(
        screen.contains("/zoe angstrom▏  match 1 of 1 in Custom fields"),
        "{screen}"
    );
    // Esc: back to where the find started.
    h.send(key(KeyCode::Esc));
    assert_eq!(name_of(&h), start);
    assert!(h.ed().find.is_none());

    // "REGION" (no accent) finds "Région / 地域".
    h.send(ch('/'));
    h.type_text("REGION");
    assert_eq!(name_of(&h), "Région / 地域");
    h.send(key(KeyCode::Enter));
    assert_eq!(name_of(&h), "Région / 地域");

    // "owner": two fields; n / N go through them and wrap.
    h.send(ch('/'));
    h.type_text("owner");
    let first = name_of(&h);
    h.send(key(KeyCode::Down));
    let second = name_of(&h);
    assert_ne!(first, second);
    h.send(key(KeyCode::Enter));
    h.send(ch('N'));
    assert_eq!(name_of(&h), first);
    h.send(ch('N'));
    let last = name_of(&h);
    assert_ne!(last, first, "N wraps round to the last match");
    h.send(ch('n'));
    assert_eq!(name_of(&h), first, "n wraps round to the first");
    assert_eq!(first, "Account Owner");
    assert_eq!(second, "Secondary Owner");
    assert_eq!(
        h.model.status.as_ref().unwrap().text,
        "/owner: match 1 of 2 in Custom fields"
    );
    // A miss leaves the selection where it was, and says so.
    h.send(ch('/'));
    h.type_text("qqqq");
    assert_eq!(name_of(&h), first);
    let screen = common::screen_text(&h.model, 100, 30);
    assert!(screen.contains("no row in any pane has it"), "{screen}");
}

/// `/` looks through the whole contact, from the focused pane on in Tab
/// order, and moves the focus to the match: from Details, "regi" finds the
/// custom field "Région / 地域". Esc goes back to the pane it started in.
#[tokio::test]
async fn slash_finds_a_row_in_another_pane_and_moves_the_focus_there() {
    let mut h = Harness::new().await;
    assert_eq!(h.ed().focus, Pane::Details);
    let start = h.ed().selected(Pane::Details);
    h.send(ch('/'));
    h.type_text("regi");
    assert_eq!(h.ed().focus, Pane::Fields);
    let at = h.ed().selected(Pane::Fields);
    assert_eq!(h.ed().form().fields[at].name, "Région / 地域");
    let screen = common::screen_text(&h.model, 100, 30);
    assert!(
        screen.contains("/regi▏  match 1 of 1 in Custom fields"),
        "{screen}"
    );
    h.send(key(KeyCode::Esc));
    assert_eq!(h.ed().focus, Pane::Details);
    assert_eq!(h.ed().selected(Pane::Details), start);
    // Enter keeps the focus where the match is.
    h.send(ch('/'));
    h.type_text("regi");
    h.send(key(KeyCode::Enter));
    assert_eq!(h.ed().focus, Pane::Fields);
    assert!(h.ed().find.is_none());
}

/// While typing, ↓ goes on to the next pane's match; after Enter, `n` and
/// `N` go on across panes in Tab order and wrap round from the last pane
/// to the first.
#[tokio::test]
async fn n_and_shift_n_go_on_across_panes() {
    let mut h = Harness::new().await;
    let here = |h: &Harness| {
        let pane = h.ed().focus;
        let row = h.ed().selected(pane);
        let name = match pane {
            Pane::Details if row == 2 => "First name".to_string(),
            Pane::Details if row == 3 => "Last name".to_string(),
            Pane::Fields => h.ed().form().fields[row].name.clone(),
            other => format!("{other:?} row {row}"),
        };
        (pane, name)
    };
    let names: Vec<String> = h
        .ed()
        .form()
        .fields
        .iter()
        .filter(|f| f.name.to_lowercase().contains("name"))
        .map(|f| f.name.clone())
        .collect();
    assert!(names.contains(&"Preferred Name".to_string()), "{names:?}");
    h.send(ch('/'));
    h.type_text("name");
    assert_eq!(here(&h), (Pane::Details, "First name".into()));
    h.send(key(KeyCode::Down));
    assert_eq!(here(&h), (Pane::Details, "Last name".into()));
    // No email or phone has it: the next is a custom field.
    h.send(key(KeyCode::Down));
    assert_eq!(here(&h), (Pane::Fields, names[0].clone()));
    h.send(key(KeyCode::Enter));
    // N goes back across panes; n goes on again.
    h.send(ch('N'));
    assert_eq!(here(&h), (Pane::Details, "Last name".into()));
    assert_eq!(
        h.model.status.as_ref().unwrap().text,
        format!("/name: match 2 of {} in Details", names.len() + 2)
    );
    h.send(ch('n'));
    assert_eq!(here(&h), (Pane::Fields, names[0].clone()));
    // From the last match, n wraps round to the first pane's first.
    for _ in 1..names.len() {
        h.send(ch('n'));
    }
    assert_eq!(here(&h), (Pane::Fields, names[names.len() - 1].clone()));
    h.send(ch('n'));
    assert_eq!(here(&h), (Pane::Details, "First name".into()));
    h.send(ch('N'));
    assert_eq!(here(&h), (Pane::Fields, names[names.len() - 1].clone()));
    // From another pane, `/` starts in that pane and goes on from it.
    h.focus(Pane::Emails);
    h.send(ch('/'));
    h.type_text("name");
    assert_eq!(here(&h), (Pane::Fields, names[0].clone()));
}
