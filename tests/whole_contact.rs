//! The whole contact through `update`: the details, the Phones pane and the
//! Tags and Lists pickers, each asserting the model and the exact PUT body;
//! then one save over real HTTP, and a teammate's tag surviving a rebase.

mod common;

use common::{Harness, ch, key};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::wire::PutBody;
use rolodex_tui::app::{DETAILS_FIRST, DETAILS_LISTS, DETAILS_TAGS, FieldEditor, Pane, StatusKind};
use rolodex_tui::contact::Detail;
use serde_json::{Value, json};

/// The Location detail as the form holds it.
fn location(h: &Harness) -> Option<&str> {
    h.ed()
        .form()
        .details
        .get(&Detail::Location)
        .map(String::as_str)
}

/// Selects a row of the Details pane.
fn select_details_row(h: &mut Harness, row: usize) {
    h.focus(Pane::Details);
    h.send(ch('g'));
    for _ in 0..row {
        h.send(ch('j'));
    }
    assert_eq!(h.ed().selected(Pane::Details), row);
}

fn detail_row(d: Detail) -> usize {
    DETAILS_FIRST + Detail::ALL.iter().position(|&x| x == d).unwrap()
}

/// Opens a detail's editor, replaces its text and keeps it.
fn set_detail(h: &mut Harness, d: Detail, text: &str) {
    select_details_row(h, detail_row(d));
    h.send(key(KeyCode::Enter));
    assert!(matches!(h.ed().input, Some(FieldEditor::Text { .. })));
    h.retype(text);
    h.send(key(KeyCode::Enter));
}

/// The tag ids a stored contact holds, in order.
fn stored_tag_ids(contact: &Value) -> Vec<&str> {
    contact["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"]["id"].as_str().unwrap())
        .collect()
}

fn scalars(body: &PutBody) -> Value {
    Value::Object(body.scalars.clone())
}

/// Nothing but the scalars, starred and title, and the email and custom
/// field lists, which are always sent.
fn assert_no_new_lists(body: &PutBody) {
    assert_eq!(body.phone_numbers, None, "untouched phones are not sent");
    assert_eq!(body.tags, None, "untouched tags are not sent");
    assert_eq!(body.lists, None, "untouched lists are not sent");
}

#[tokio::test]
async fn a_changed_detail_is_sent_alone_and_a_cleared_one_as_null() {
    let mut h = Harness::new().await;
    set_detail(&mut h, Detail::Location, "London, UK");
    assert_eq!(location(&h), Some("London, UK"));
    select_details_row(&mut h, detail_row(Detail::Website));
    h.send(ch('x'));
    select_details_row(&mut h, detail_row(Detail::Birthday));
    h.send(ch('x'));
    let body = h.body_of_save();
    assert_eq!(
        scalars(&body),
        json!({
            "location": "London, UK",
            "website_url": null,
            "birthday_year": null, "birthday_month": null, "birthday_day": null
        })
    );
    assert_no_new_lists(&body);
    let emails = body.emails.as_ref().expect("emails are sent");
    assert_eq!(emails.len(), 2);
}

#[tokio::test]
async fn a_birthday_without_a_year_and_a_pasted_profile_url() {
    let mut h = Harness::new().await;
    set_detail(&mut h, Detail::Birthday, "2-29");
    set_detail(
        &mut h,
        Detail::Linkedin,
        "https://www.linkedin.com/in/jane-smith-42/",
    );
    let status = h.model.status.clone().expect("the row says what was kept");
    assert!(status.text.contains("jane-smith-42"), "{}", status.text);
    let body = h.body_of_save();
    assert_eq!(
        scalars(&body),
        json!({
            "birthday_year": null, "birthday_month": 2, "birthday_day": 29,
            "linkedin_slug": "jane-smith-42"
        })
    );
}

/// Review is refused: the selection moves to the row and the status says why.
fn assert_blocked(h: &mut Harness, d: Detail, reason: &str) {
    select_details_row(h, DETAILS_TAGS);
    let effects = h.send(ch('w'));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(h.ed().overlay.is_none());
    assert_eq!(h.ed().focus, Pane::Details);
    assert_eq!(h.ed().selected(Pane::Details), detail_row(d));
    let status = h.model.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains(reason), "{}", status.text);
}

#[tokio::test]
async fn invalid_details_block_the_save_in_their_row() {
    let mut h = Harness::new().await;
    set_detail(&mut h, Detail::Website, "janesmith.com");
    assert_blocked(&mut h, Detail::Website, "starts with https://");
    set_detail(&mut h, Detail::Website, "https://janesmith.com/new");
    set_detail(&mut h, Detail::X, "jane/smith");
    assert_blocked(&mut h, Detail::X, "contains /");
    set_detail(&mut h, Detail::X, "jane");
    set_detail(&mut h, Detail::Birthday, "1990-02-31");
    assert_blocked(&mut h, Detail::Birthday, "February has no 31st");
    set_detail(&mut h, Detail::Birthday, "1990-02-28");
    let body = h.body_of_save();
    assert_eq!(
        scalars(&body),
        json!({
            "website_url": "https://janesmith.com/new", "x_slug": "jane",
            "birthday_year": 1990, "birthday_month": 2, "birthday_day": 28
        })
    );
}

fn phones_sent(body: &PutBody) -> Value {
    serde_json::to_value(body.phone_numbers.as_ref().expect("phones are sent")).unwrap()
}

#[tokio::test]
async fn phones_add_edit_delete_and_make_primary() {
    let mut h = Harness::new().await;
    h.focus(Pane::Phones);
    assert_eq!(h.ed().form().phones.len(), 2);
    // Added without +: takes the primary phone's +1, and says so.
    h.send(ch('a'));
    h.type_text("(646) 555-0123");
    h.send(key(KeyCode::Enter));
    assert_eq!(h.ed().form().phones[2].number, "+1 646 555 0123");
    assert!(h.model.status.as_ref().unwrap().text.contains("+1"));
    // Added with its code, then made primary.
    h.send(ch('a'));
    h.type_text("+44 20 7946 0958");
    h.send(key(KeyCode::Enter));
    assert_eq!(h.ed().selected(Pane::Phones), 3);
    h.send(ch('p'));
    // Edit the second number.
    h.send(ch('g'));
    h.send(ch('j'));
    h.send(key(KeyCode::Enter));
    h.retype("+1 415 555 0143");
    h.send(key(KeyCode::Enter));
    let body = h.body_of_save();
    assert_eq!(
        phones_sent(&body),
        json!([
            {"phone_number": "+1 212 555 0199", "country_code": "US", "is_primary": false},
            {"phone_number": "415 555 0143", "country_code": "+1", "is_primary": false},
            {"phone_number": "646 555 0123", "country_code": "+1", "is_primary": false},
            {"phone_number": "20 7946 0958", "country_code": "+44", "is_primary": true}
        ]),
        "the complete list, untouched numbers in their read form, one primary"
    );
    assert_eq!(body.tags, None);
    assert!(body.scalars.is_empty());
}

#[tokio::test]
async fn deleting_the_primary_phone_promotes_the_next_and_undo_brings_it_back() {
    let mut h = Harness::new().await;
    h.focus(Pane::Phones);
    h.send(ch('d'));
    assert_eq!(h.ed().form().phones.len(), 1);
    assert!(h.ed().form().phones[0].primary);
    let status = h.model.status.clone().unwrap().text;
    assert!(
        status.contains("+1 415 555 0142 is now the primary"),
        "{status}"
    );
    h.send(ch('u'));
    assert_eq!(h.ed().form(), h.ed().baseline());
    h.send(ch('d'));
    let body = h.body_of_save();
    assert_eq!(
        phones_sent(&body),
        json!([{"phone_number": "415 555 0142", "country_code": "+1", "is_primary": true}])
    );
}

#[tokio::test]
async fn a_phone_without_digits_or_listed_twice_blocks_the_save() {
    let mut h = Harness::new().await;
    h.focus(Pane::Phones);
    h.send(ch('a'));
    h.type_text("+44 call me");
    h.send(key(KeyCode::Enter));
    let effects = h.send(ch('w'));
    assert!(effects.is_empty() && h.ed().overlay.is_none());
    assert_eq!(h.ed().selected(Pane::Phones), 2);
    let status = h.model.status.clone().unwrap().text;
    assert!(status.contains("not a digit"), "{status}");
    h.send(key(KeyCode::Enter));
    h.retype("+1 212-555-0199");
    h.send(key(KeyCode::Enter));
    h.send(ch('w'));
    let status = h.model.status.clone().unwrap().text;
    assert!(status.contains("listed twice"), "{status}");
    assert!(h.puts().is_empty());
}

#[tokio::test]
async fn tags_and_lists_are_toggled_in_their_pickers_names_shown_ids_sent() {
    let mut h = Harness::new().await;
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    let Some(FieldEditor::Options(p)) = &h.ed().input else {
        panic!("the tag picker is open");
    };
    let names: Vec<&str> = p.options.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        ["VIP", "Partner", "Beta 🚀", "Investor", "Presse / Médias"]
    );
    assert_eq!(p.chosen, [true, true, false, false, false]);
    // Untick Partner, tick Investor.
    h.press([ch('j'), ch(' '), ch('j'), ch('j'), ch(' ')]);
    h.send(key(KeyCode::Enter));
    let tags: Vec<&str> = h.ed().form().tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["VIP", "Investor"]);
    // Esc in the list picker changes nothing.
    select_details_row(&mut h, DETAILS_LISTS);
    h.send(key(KeyCode::Enter));
    h.press([ch('j'), ch(' ')]);
    h.send(key(KeyCode::Esc));
    assert_eq!(h.ed().form().lists, h.ed().baseline().lists);
    let body = h.body_of_save();
    assert_eq!(
        body.tags,
        Some(vec!["tag_vip".to_string(), "tag_investor".to_string()])
    );
    assert_eq!(body.lists, None);
    assert_eq!(body.phone_numbers, None);
}

#[tokio::test]
async fn location_phone_and_tag_in_one_save_keep_everything_else_on_the_server() {
    let mut h = Harness::new().await;
    let before = h.server.contact(&h.model.contact_id).expect("stored");
    set_detail(&mut h, Detail::Location, "London, UK");
    h.focus(Pane::Phones);
    h.send(ch('a'));
    h.type_text("+44 20 7946 0958");
    h.send(key(KeyCode::Enter));
    h.send(ch('p'));
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    h.press([ch('j'), ch('j'), ch(' ')]);
    h.send(key(KeyCode::Enter));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert_eq!(h.puts().len(), 1);
    assert!(h.ed().overlay.is_none(), "{:?}", h.ed().overlay);
    let after = h.server.contact(&h.model.contact_id).expect("stored");
    assert_eq!(after["location"], "London, UK");
    let phones = after["phone_numbers"].as_array().unwrap();
    assert_eq!(phones.len(), 3);
    let primary: Vec<&Value> = phones.iter().filter(|p| p["is_primary"] == true).collect();
    assert_eq!(primary.len(), 1);
    assert_eq!(primary[0]["phone_number"], "20 7946 0958");
    assert_eq!(primary[0]["country_code"], "+44");
    assert!(
        phones
            .iter()
            .any(|p| p["phone_number"] == "+1 212 555 0199"),
        "the old phone stays"
    );
    let tag_ids = stored_tag_ids(&after);
    assert_eq!(tag_ids, ["tag_vip", "tag_partner", "tag_beta"]);
    // Sent whole and unchanged: the same addresses and values (item ids of
    // a rewritten list may change).
    let emails = |c: &Value| -> Vec<(Value, Value)> {
        c["emails"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["email_address"].clone(), e["is_primary"].clone()))
            .collect()
    };
    assert_eq!(emails(&after), emails(&before));
    let values = |c: &Value| -> Vec<(Value, Value)> {
        c["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["id"].clone(), f["value"].clone()))
            .collect()
    };
    assert_eq!(values(&after), values(&before));
    for untouched in ["companies", "lists", "notes"] {
        assert_eq!(after[untouched], before[untouched], "{untouched}");
    }
    for scalar in [
        "first_name",
        "last_name",
        "title",
        "description",
        "website_url",
    ] {
        assert_eq!(after[scalar], before[scalar], "{scalar}");
    }
}

#[tokio::test]
async fn a_teammates_added_tag_survives_my_rebase() {
    let mut h = Harness::new().await;
    let id = h.model.contact_id.clone();
    // My edit: add Beta.
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    h.press([ch('j'), ch('j'), ch(' ')]);
    h.send(key(KeyCode::Enter));
    // A teammate adds Investor and a phone behind my back.
    assert!(h.server.modify_contact(&id, |c| {
        c["tags"]
            .as_array_mut()
            .unwrap()
            .push(json!({"tag": {"id": "tag_investor", "name": "Investor"}}));
        c["phone_numbers"].as_array_mut().unwrap().push(json!(
            {"id": "phone_9", "phone_number": "30 1234 5678", "country_code": "+49", "is_primary": false}
        ));
    }));
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    assert!(h.puts().is_empty(), "nothing sent before the conflict");
    // Rebase, then save.
    let effects = h.send(ch('r'));
    h.settle(effects).await;
    let tags: Vec<&str> = h.ed().form().tags.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tags, ["tag_vip", "tag_partner", "tag_investor", "tag_beta"]);
    assert_eq!(h.ed().form().phones.len(), 3, "their phone is kept");
    let effects = h.review_and_confirm();
    h.settle(effects).await;
    let after = h.server.contact(&id).unwrap();
    let tag_ids = stored_tag_ids(&after);
    assert_eq!(
        tag_ids,
        ["tag_vip", "tag_partner", "tag_investor", "tag_beta"]
    );
    assert_eq!(after["phone_numbers"].as_array().unwrap().len(), 3);
    assert_eq!(h.puts().len(), 1);
}

#[tokio::test]
async fn tags_that_do_not_load_leave_the_row_read_only_and_say_so() {
    use rolodex_tui::app::{Choices, Effect, Remote};
    let mut h = Harness::open(rolodex_tui::demo::DEMO_CONTACT_ID, false).await;
    // Both requests of the load (tags and lists) answer 500.
    h.server.faults().respond_raw_next(
        2,
        500,
        "application/json",
        r#"{"error": "tags are down"}"#.into(),
    );
    h.settle(vec![Effect::Remote(Remote::LoadLinks)]).await;
    assert!(
        matches!(h.model.links.tags, Choices::Failed(_)),
        "{:?}",
        h.model.links
    );
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    assert!(
        h.ed().input.is_none(),
        "no picker without the workspace's tags"
    );
    let status = h.model.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Warning);
    assert!(status.text.contains("could not be read"), "{}", status.text);
    assert!(status.text.contains("500"), "{}", status.text);
    let screen = common::screen_text(&h.model, 100, 30);
    assert!(
        screen.contains("Tags        read-only (tags did not load): VIP"),
        "{screen}"
    );
    assert_eq!(h.ed().form(), h.ed().baseline());
}

#[tokio::test]
async fn ctrl_u_deletes_back_to_the_start_as_in_a_shell() {
    use common::ctrl;
    let mut h = Harness::new().await;
    select_details_row(&mut h, detail_row(Detail::Location));
    h.send(key(KeyCode::Enter));
    // "New York, NY" with the cursor at the end: Ctrl-U empties it.
    h.send(ctrl('u'));
    h.type_text("London, UK");
    h.send(key(KeyCode::Enter));
    assert_eq!(location(&h), Some("London, UK"));
}

/// Backspace and Delete take a whole character as people see it: 👩‍💻 is
/// three code points, and the flag 🇯🇵 two; one press each.
#[tokio::test]
async fn backspace_and_delete_remove_a_whole_grapheme() {
    use common::ctrl;
    let mut h = Harness::new().await;
    select_details_row(&mut h, detail_row(Detail::Location));
    h.send(key(KeyCode::Enter));
    h.send(ctrl('u'));
    h.type_text("a👩‍💻b🇯🇵é");
    // é typed as e + combining acute is one character too.
    h.type_text("e\u{301}");
    h.send(key(KeyCode::Backspace));
    h.send(key(KeyCode::Backspace));
    h.send(ctrl('a'));
    h.send(key(KeyCode::Right));
    h.send(key(KeyCode::Delete));
    h.send(key(KeyCode::Enter));
    assert_eq!(
        location(&h),
        Some("ab🇯🇵"),
        "one Backspace took e+◌́, the next é; Delete took all of 👩‍💻"
    );
}

/// A workspace with 30 tags: typing filters the picker (case-insensitive),
/// letters go to the filter rather than moving, the ticks survive the
/// filter, Esc clears the filter before it cancels, and the id is sent.
#[tokio::test]
async fn a_long_tag_picker_filters_as_you_type() {
    use rolodex_tui::app::Choices;
    use rolodex_tui::contact::Linked;
    let mut h = Harness::new().await;
    let mut tags: Vec<Linked> = (1..=27)
        .map(|n| Linked {
            id: format!("tag_{n:02}"),
            name: format!("Region {n:02}"),
        })
        .collect();
    for (id, name) in [
        ("tag_vip", "VIP"),
        ("tag_partner", "Partner"),
        ("tag_jazz", "Jazz club"),
    ] {
        tags.push(Linked {
            id: id.into(),
            name: name.into(),
        });
    }
    h.model.links.tags = Choices::Loaded(tags);
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    let picker = |h: &Harness| match &h.ed().input {
        Some(FieldEditor::Options(p)) => p.clone(),
        other => panic!("no picker: {other:?}"),
    };
    assert!(picker(&h).filters());
    // `j` is typed into the filter, not a move: only "Jazz club" matches.
    h.press([ch('j'), ch('A')]);
    let p = picker(&h);
    assert_eq!(p.filter, "jA");
    let shown: Vec<&str> = p
        .visible()
        .iter()
        .map(|&i| p.options[i].1.as_str())
        .collect();
    assert_eq!(shown, ["Jazz club"]);
    let screen = common::screen_text(&h.model, 80, 24);
    assert!(screen.contains("Filter: jA"), "{screen}");
    assert!(screen.contains("[ ] Jazz club"), "{screen}");
    assert!(!screen.contains("Region 01"), "{screen}");
    h.send(ch(' '));
    // Backspace widens it again; the tick stays.
    h.press([key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    h.press("region07".chars().map(ch));
    let p = picker(&h);
    assert_eq!(p.filter, "region07");
    assert!(p.visible().is_empty());
    let screen = common::screen_text(&h.model, 80, 24);
    assert!(
        screen.contains("no option matches \"region07\""),
        "{screen}"
    );
    // Esc clears the filter, and does not close the picker.
    h.send(key(KeyCode::Esc));
    let p = picker(&h);
    assert_eq!(p.filter, "");
    assert_eq!(p.visible().len(), 30);
    let jazz = p
        .options
        .iter()
        .position(|(id, _)| id == "tag_jazz")
        .unwrap();
    assert!(p.chosen[jazz], "the tick survived the filter");
    h.send(key(KeyCode::Enter));
    assert!(h.ed().input.is_none());
    let body = h.body_of_save();
    assert_eq!(
        body.tags,
        Some(vec![
            "tag_vip".to_string(),
            "tag_partner".to_string(),
            "tag_jazz".to_string()
        ])
    );

    // A second Esc, with no filter, cancels: nothing changes.
    let mut h = Harness::new().await;
    h.model.links.tags = Choices::Loaded(
        (1..=12)
            .map(|n| Linked {
                id: format!("t{n}"),
                name: format!("T{n}"),
            })
            .collect(),
    );
    select_details_row(&mut h, DETAILS_TAGS);
    h.send(key(KeyCode::Enter));
    h.press([ch('t'), ch('3'), ch(' ')]);
    h.press([key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(h.ed().input.is_none());
    assert_eq!(h.ed().form().tags, h.ed().baseline().tags);
}

/// With several problems, "Cannot save yet" counts them and each `w` goes
/// to the next one, round to the first again.
#[tokio::test]
async fn cannot_save_yet_counts_the_problems_and_w_walks_through_them() {
    let mut h = Harness::new().await;
    set_detail(&mut h, Detail::Website, "janesmith.com");
    set_detail(&mut h, Detail::Birthday, "02-31");
    h.focus(Pane::Phones);
    h.send(ch('a'));
    h.type_text("+44 20 79x6");
    h.send(key(KeyCode::Enter));
    let mut seen = vec![];
    for _ in 0..4 {
        h.send(ch('w'));
        assert!(h.ed().overlay.is_none());
        let status = h.model.status.clone().unwrap();
        assert_eq!(status.kind, StatusKind::Error);
        seen.push((h.ed().focus, h.ed().selected(h.ed().focus), status.text));
    }
    let at: Vec<(Pane, usize)> = seen.iter().map(|(p, r, _)| (*p, *r)).collect();
    assert_eq!(
        at,
        [
            (Pane::Details, detail_row(Detail::Website)),
            (Pane::Details, detail_row(Detail::Birthday)),
            (Pane::Phones, 2),
            (Pane::Details, detail_row(Detail::Website)),
        ]
    );
    assert!(
        seen[1]
            .2
            .starts_with("Cannot save yet, 3 problems (2 of 3, w shows the next): Birthday:"),
        "{}",
        seen[1].2
    );
    assert!(seen[2].2.contains("(3 of 3"), "{}", seen[2].2);
}
