//! Whole-screen snapshots of every screen, at 80×24 and 100×30, of models
//! built through the real `update` path from the demo server's data; a
//! compact style summary where colour and emphasis carry meaning (focus,
//! selection, changed and invalid rows); and a property test that drawing
//! never panics at any size or on any text.

#[path = "ui_snapshots/support.rs"]
mod support;

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::ApiError;
use rolodex_tui::api::wire::{CustomFieldValue, Email, Maybe};
use rolodex_tui::app::{Effect, Model, Msg, Overlay, Pane, Remote, update};
use rolodex_tui::demo::DEMO_CONTACT_ID;
use rolodex_tui::ui::Theme;

use support::*;

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
fn loading_while_looking_the_contact_up_in_the_list() {
    use rolodex_tui::api::client::{LookupReason, ReadEvent};
    let mut model = Model::new(DEMO_CONTACT_ID, BASE_URL);
    send(
        &mut model,
        [
            Msg::Tick,
            Msg::Progress(ReadEvent::LookingUp {
                reason: LookupReason::ListsMissing(vec!["emails", "custom_fields"]),
                page: 3,
                pages: 31,
            }),
        ],
    );
    snap("loading_lookup", &model, false);
}

#[test]
fn unknown_lists_are_said_in_their_panes() {
    let mut contact = fixture().contact.clone();
    contact.emails = Maybe::Absent;
    contact.custom_fields = Maybe::Null;
    let mut model = loaded_with(contact, true);
    // An editing key on the unknown list explains instead of acting.
    send(&mut model, [key(KeyCode::Tab), ch('a')]);
    snap("unknown_lists", &model, true);
}

/// Companies and notes the server did not return are unknown, not empty:
/// the Details rows say so in the words `get` prints for them, wrapped
/// rather than cut.
#[test]
fn unknown_companies_and_notes_are_said_as_get_says_them() {
    use rolodex_tui::ui::words::NOT_RETURNED;
    let mut contact = fixture().contact.clone();
    contact.companies = Maybe::Absent;
    contact.notes = Maybe::Null;
    let mut model = loaded_with(contact.clone(), true);
    // The last selectable row brings the read-only rows under it into view.
    send(&mut model, [key(KeyCode::End)]);
    snap_at("unknown_companies_and_notes", &model, 80, 24);
    let text = draw(&model, 80, 24, &Theme::COLOR).text;
    assert!(!text.contains("Company     —"), "{text}");
    assert!(!text.contains("Notes       —"), "{text}");
    assert_eq!(text.matches("(unknown, not empty)").count(), 2, "{text}");
    let clock = rolodex_tui::time::Clock {
        zone: jiff::tz::TimeZone::UTC,
        now: None,
    };
    let get = rolodex_tui::shell::summary::summary(
        &contact,
        &fixture().defs,
        None,
        &clock,
        &rolodex_tui::glyphs::UNICODE,
    );
    assert!(
        get.contains(&format!("Companies (read-only): {NOT_RETURNED}")),
        "{get}"
    );
    assert!(
        get.contains(&format!("Notes (read-only): {NOT_RETURNED}")),
        "{get}"
    );
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
fn details_pane_scrolled_to_tags_with_a_change() {
    let mut m = loaded();
    // Location changed, then down to the Lists row: the pane scrolls.
    send(&mut m, (0..4).map(|_| ch('j')));
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "London, UK");
    send(&mut m, [key(KeyCode::Enter)]);
    send(&mut m, (0..9).map(|_| ch('j')));
    snap("details_scrolled", &m, true);
}

#[test]
fn phones_pane_with_a_new_primary_number() {
    let mut m = loaded();
    focus(&mut m, Pane::Phones);
    send(&mut m, [ch('a')]);
    type_text(&mut m, "+44 20 7946 0958");
    send(&mut m, [key(KeyCode::Enter), ch('p')]);
    snap("phones", &m, true);
}

#[test]
fn an_invalid_phone_while_typing() {
    let mut m = loaded();
    focus(&mut m, Pane::Phones);
    send(&mut m, [ch('a')]);
    type_text(&mut m, "+44 20 79x6");
    snap("phone_invalid", &m, false);
}

#[test]
fn tag_picker() {
    let mut m = loaded();
    send(&mut m, (0..12).map(|_| ch('j')));
    send(&mut m, [key(KeyCode::Enter), ch('j'), ch('j'), ch(' ')]);
    snap("picker_tags", &m, false);
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
fn review_json_scrolled() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('J')]);
    send(&mut m, (0..5).map(|_| ch('j')));
    snap_at("review_json_scrolled", &m, 80, 24);
}

/// A long string in the JSON body or the dry run's request wraps, its
/// continuation indented, instead of running off the edge: every character
/// can be read at 80×24 and 60×16.
#[test]
fn long_values_in_the_json_and_the_dry_run_wrap() {
    let title = "Head of Product for the Northern and Western Regions, reporting to the \
                 Chief Operating Officer until the spring reorganisation ENDS-HERE";
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = loaded();
        send(&mut m, [Msg::Resize(w, h), key(KeyCode::Enter)]);
        retype(&mut m, title);
        send(&mut m, [key(KeyCode::Enter), ch('w'), ch('J')]);
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(text.contains("ENDS-HERE"), "{text}");
        snap_at("json_long_title", &m, w, h);

        send(&mut m, [ch('J'), key(KeyCode::Esc)]);
        show_dry_run(&mut m);
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(text.contains("ENDS-HERE"), "{text}");
        snap_at("dry_run_long_title", &m, w, h);
        // The end of the wrapped request can be scrolled to.
        send(&mut m, [ch('G')]);
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(text.lines().any(|l| l.starts_with("\"}")), "{text}");
    }
}

/// The header gives way age first, then the name, then the id: the time
/// of the version is never cut part way, beside the IN MEMORY ONLY badge
/// too, at 80×24 and 60×16.
#[test]
fn the_header_never_cuts_the_time() {
    let header = |m: &Model, w, h| {
        let text = draw(m, w, h, &Theme::COLOR).text;
        text.lines().next().unwrap_or_default().to_string()
    };
    let now: jiff::Timestamp = "2025-01-15T15:40:00Z".parse().unwrap();
    let mut m = loaded();
    m.clock = Some(now);
    assert!(header(&m, 80, 24).contains("updated 2025-01-15 12:40 UTC (3 h ago)"));
    let small = header(&m, 60, 16);
    assert!(
        small.contains("2025-01-15 12:40 UTC") && !small.contains("ago"),
        "{small}"
    );
    snap_at("header_age_dropped", &m, 60, 16);
    let mut m = edited();
    m.clock = Some(now);
    m.draft_unwritten = Some("the state folder is read-only".into());
    for (w, h) in [(80, 24), (60, 16)] {
        let line = header(&m, w, h);
        assert!(line.contains("IN MEMORY ONLY"), "{line}");
        assert!(line.contains("2025-01-15 12:40 UTC"), "{line}");
        snap_at("header_in_memory_only", &m, w, h);
    }
}

/// The picker with the first 30 generated contacts loaded of 51.
fn picker_model() -> Model {
    use rolodex_tui::api::wire::{Page, Pagination};
    let mut model = Model::picking(BASE_URL);
    model.help_layout = Some(rolodex_tui::ui::help_layout);
    let data = (1..=30)
        .map(|n| serde_json::from_value(rolodex_tui::demo::generated_contact(n)).unwrap())
        .collect();
    let page = Page {
        pagination: Pagination {
            limit: 30,
            offset: 0,
            total: 51,
        },
        data,
    };
    send(&mut model, [Msg::ContactsLoaded(Ok(page))]);
    model
}

#[test]
fn contact_picker() {
    let mut m = picker_model();
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    snap("picker", &m, true);
    send(&mut m, "ma".chars().map(ch));
    snap_at("picker_filtered", &m, 80, 24);
    send(&mut m, "zzz".chars().map(ch));
    snap_at("picker_no_match", &m, 80, 24);
    // Any case, no accents, words in any order.
    send(&mut m, [key(KeyCode::Esc)]);
    send(&mut m, "ZHANG chloe".chars().map(ch));
    let rolodex_tui::app::Phase::Picking(list) = &m.phase else {
        panic!("the contact list is open");
    };
    let names: Vec<&str> = list.visible().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Chloé Zhang"]);
    snap_at("picker_words_any_order", &m, 80, 24);
}

/// A contact list that could not load says so, why and which key retries,
/// wrapped within the screen: never "this workspace has no contacts".
#[test]
fn contact_list_that_could_not_load() {
    let mut m = Model::picking(BASE_URL);
    send(
        &mut m,
        [Msg::ContactsLoaded(Err(ApiError::Connect {
            detail: "nothing is listening at 127.0.0.1:9 (connection refused); check \
                     ROLODEX_BASE_URL and that the server is running"
                .into(),
        }))],
    );
    for (w, h) in [(80, 24), (60, 16)] {
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(!text.contains("no contacts"), "{text}");
        assert!(text.contains("Could not load the contacts."), "{text}");
        assert!(text.contains("Ctrl-R tries again."), "{text}");
        snap_at("picker_could_not_load", &m, w, h);
    }
}

/// Offers a draft (kept at `saved_at`) that unstars the contact.
fn offer_draft(m: &mut Model, saved_at: &str) {
    let ed = m.editor().unwrap();
    let mut form = ed.form().clone();
    form.starred = false;
    let draft = rolodex_tui::store::Draft {
        contact_id: DEMO_CONTACT_ID.into(),
        base_url: None,
        saved_at: saved_at.into(),
        loaded: ed.contact().clone(),
        form,
    };
    send(m, [Msg::DraftRead(Ok(Some(Box::new(draft))))]);
}

#[test]
fn restore_draft_prompt() {
    let mut m = loaded();
    offer_draft(&mut m, "2026-11-27T18:02:00Z");
    snap("restore_draft", &m, false);
    snap_at("restore_draft", &m, 60, 16);
}

/// Times in the local zone with their age, as TZ=Europe/Berlin gives
/// them: a draft kept at 10:30Z reads 11:30 CET, and the header's
/// 12:40Z reads 13:40 CET with how long ago that was.
#[test]
fn local_times_in_berlin() {
    let mut m = loaded();
    m.zone = jiff::tz::TimeZone::get("Europe/Berlin").expect("the system's tzdb has Berlin");
    m.clock = Some("2025-01-15T15:45:00Z".parse().expect("a timestamp"));
    offer_draft(&mut m, "2025-01-15T10:30:00Z");
    let text = draw(&m, 100, 30, &Theme::COLOR).text;
    assert!(
        text.contains("updated 2025-01-15 13:40 CET (3 h ago)"),
        "{text}"
    );
    assert!(
        text.contains("Restore unsaved changes from 2025-01-15 11:30 CET (5 h ago)?"),
        "{text}"
    );
    snap("local_times_berlin", &m, false);
}

/// A second editor on a contact another running editor holds: the notice,
/// then the editor read-only.
#[test]
fn open_in_another_editor() {
    use rolodex_tui::contact::{Claim, Holder};
    let mut m = loaded();
    let holder = Holder {
        pid: 48213,
        lock: "/home/you/.local/state/rolodex-tui/drafts/contact_67890.lock".into(),
    };
    send(&mut m, [Msg::Claimed(Ok(Claim::Elsewhere(holder)))]);
    snap_at("open_elsewhere", &m, 80, 24);
    snap_at("open_elsewhere", &m, 60, 16);
    send(&mut m, [ch('r'), ch(' ')]);
    snap_at("read_only", &m, 80, 24);
}

#[test]
fn quit_without_a_draft_folder_warns_the_changes_are_lost() {
    let mut m = edited();
    m.keeps_drafts = false;
    send(&mut m, [ch('q')]);
    snap_at("confirm_quit_no_drafts", &m, 80, 24);
}

#[test]
fn dry_run() {
    use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
    let mut m = edited();
    m.dry_run = true;
    let mut effects = update(&mut m, ch('w'));
    effects.extend(update(&mut m, ch('y')));
    let [rolodex_tui::app::Effect::Remote(Remote::Preview { id, body })] = effects.as_slice()
    else {
        panic!("a dry run asks for a preview, got {effects:?}")
    };
    let client = RolodexClient::new(ClientConfig::new(BASE_URL, ApiKey::new("sk-secret"))).unwrap();
    send(&mut m, [Msg::Previewed(client.preview_put(id, body))]);
    snap("dry_run", &m, false);
}

#[test]
fn the_dry_run_confirmation_says_nothing_is_sent() {
    let mut m = edited();
    m.dry_run = true;
    send(&mut m, [ch('w')]);
    snap("review_dry_run", &m, false);
    snap_at("review_dry_run", &m, 60, 16);
    let screen = draw(&m, 80, 24, &Theme::COLOR).text;
    assert!(screen.contains("nothing will be sent"), "{screen}");
    assert!(!screen.contains("Send this change?"), "{screen}");
}

#[test]
fn saving() {
    let mut m = edited();
    send(&mut m, [ch('w'), ch('y'), Msg::Tick]);
    snap("saving_checking", &m, false);
    let contact = fixture().contact.clone();
    send(
        &mut m,
        [Msg::Checked(Ok(contact)), Msg::HistoryKept(Ok(()))],
    );
    let screen = draw(&m, 80, 24, &Theme::COLOR);
    insta::assert_snapshot!("saving_sending_80x24", screen.text.clone());
}

fn sent(mut m: Model) -> Model {
    send(&mut m, [ch('w'), ch('y')]);
    let contact = fixture().contact.clone();
    send(
        &mut m,
        [
            Msg::Checked(Ok(contact)),
            Msg::HistoryKept(Ok(())),
            Msg::Put(Ok(())),
        ],
    );
    m
}

#[test]
fn saved() {
    let mut m = sent(edited());
    let fresh = saved_contact(&m);
    send(&mut m, [Msg::ReadBack(Ok(fresh))]);
    let status = m.status.clone().expect("a status");
    assert_eq!(
        status.kind,
        rolodex_tui::app::StatusKind::Success,
        "{}",
        status.text
    );
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
            Msg::HistoryKept(Ok(())),
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
    // Both changed the title: the rebase asks which one stays.
    send(&mut m, [ch('n'), ch('r')]);
    snap("conflict_both_changed", &m, false);
    send(&mut m, [ch('t')]);
    let ed = m.editor().unwrap();
    assert_eq!(ed.form().title.as_deref(), Some("Head of Product"));
    assert!(matches!(ed.overlay, Some(Overlay::Review { .. })));
}

#[test]
fn help_scrolled_to_the_end() {
    let mut m = loaded();
    send(&mut m, [ch('?'), ch('G')]);
    snap("help_end", &m, false);
    // g goes back to the top; a page is the screen's height less three.
    send(&mut m, [Msg::Resize(80, 24), ch('g')]);
    assert_eq!(m.help_scroll, 0);
    send(&mut m, [key(KeyCode::PageDown)]);
    assert_eq!(m.help_scroll, 21);
    send(&mut m, [key(KeyCode::PageUp)]);
    assert_eq!(m.help_scroll, 0);
    send(&mut m, [ch('q')]);
    assert!(!m.help, "q closes the help");
}

/// Help opened from the contact list starts at the contact list's keys;
/// from the review, at the review's.
#[test]
fn help_opens_at_the_keys_of_its_screen() {
    // The help's lines wrap to the terminal's width: where a group starts
    // depends on it.
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = picker_model();
        send(&mut m, [Msg::Resize(w, h), ch('?')]);
        assert!(m.help);
        snap_at("help_from_contact_list", &m, w, h);
    }
    let mut m = edited();
    send(&mut m, [Msg::Resize(80, 24), ch('w'), ch('?')]);
    snap_at("help_from_review", &m, 80, 24);
}

/// What a key does is wrapped under its column, never cut with …, at
/// 80×24 and 60×16; the scroll counts the wrapped lines, so `G` shows the
/// very end.
#[test]
fn help_rows_wrap_instead_of_being_cut() {
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = loaded();
        send(&mut m, [Msg::Resize(w, h), ch('?')]);
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(!text.contains('…'), "{text}");
        snap_at("help_wrapped", &m, w, h);
        send(&mut m, [ch('G')]);
        let text = draw(&m, w, h, &Theme::COLOR).text;
        assert!(text.contains("Contacts are read"), "the end:\n{text}");
        snap_at("help_wrapped_end", &m, w, h);
    }
}

/// An invalid email row's message, cut by the two-row Emails pane, is
/// whole on the status line while nothing else is said there.
#[test]
fn the_status_line_carries_the_selected_rows_whole_problem() {
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = loaded();
        focus(&mut m, Pane::Emails);
        send(&mut m, [key(KeyCode::Enter)]);
        retype(&mut m, "abc def@example");
        send(&mut m, [key(KeyCode::Enter), key(KeyCode::Esc)]);
        let ed = m.editor().unwrap();
        let problem = ed.form().email_problems()[ed.selected(Pane::Emails)]
            .clone()
            .expect("the row is invalid");
        let text = draw(&m, w, h, &Theme::COLOR).text;
        // The drawn text quotes each line: compare without quotes.
        let unquoted = |t: &str| {
            t.replace('"', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(
            unquoted(&text).contains(&unquoted(&problem)),
            "{problem:?} in\n{text}"
        );
        snap_at("status_selected_row_problem", &m, w, h);
    }
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
fn values_the_client_does_not_understand() {
    let mut contact = fixture().contact.clone();
    if let Some(list) = contact.custom_fields.get_mut() {
        list.push(CustomFieldValue {
            id: "field_legacy_rating".into(),
            name: Maybe::Value("Legacy Rating".into()),
            field_type: Maybe::Value("RATING".into()),
            value: Maybe::Value(serde_json::json!({"stars": 4, "of": 5})),
            extra: Default::default(),
        });
    }
    let mut m = loaded_with(contact, true);
    select_field(&mut m, "Legacy Rating");
    let screen = draw(&m, 100, 30, &Theme::COLOR);
    insta::assert_snapshot!("passed_through_editor_100x30", screen.text);
    focus(&mut m, Pane::Details);
    send(&mut m, [ch('j'), ch(' '), ch('w')]);
    let screen = draw(&m, 100, 30, &Theme::COLOR);
    insta::assert_snapshot!("passed_through_review_100x30", screen.text);
}

#[test]
fn smallest_supported_size() {
    let mut m = edited();
    snap_at("smallest_editor", &m, 60, 16);
    send(&mut m, [ch('w')]);
    snap_at("smallest_review", &m, 60, 16);
    let mut m = loaded();
    select_field(&mut m, "Interests");
    send(&mut m, [key(KeyCode::Enter)]);
    snap_at("smallest_picker", &m, 60, 16);
    let mut m = edited();
    send(&mut m, [ch('q')]);
    snap_at("smallest_confirm_quit", &m, 60, 16);
}

fn snap_at(name: &str, model: &Model, w: u16, h: u16) {
    let screen = draw(model, w, h, &Theme::COLOR);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen.text);
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

/// The characters whose width the terminal and the layout may not agree on,
/// each with the width the other side gives it: the soft hyphen (1 in the C
/// library, tmux and wcwidth), the line and paragraph separators (not
/// printable), the other format characters, a regional indicator without
/// its pair (2 in many terminals), a tag outside an emoji tag sequence.
const DISPUTED: [(char, usize); 14] = [
    ('\u{ad}', 1),
    ('\u{2028}', 0),
    ('\u{2029}', 0),
    ('\u{200b}', 1),
    ('\u{200c}', 1),
    ('\u{200d}', 1),
    ('\u{200e}', 1),
    ('\u{2060}', 1),
    ('\u{2064}', 1),
    ('\u{feff}', 1),
    ('\u{180e}', 1),
    ('\u{600}', 0),
    ('\u{1f1fa}', 2),
    ('\u{e0067}', 1),
];

/// Where a terminal that measures [`DISPUTED`] the other way puts each
/// cell of row `y`: the cells' own widths, except for those characters.
fn terminal_columns(buffer: &ratatui::buffer::Buffer, y: u16) -> Vec<(u16, usize)> {
    use unicode_width::UnicodeWidthStr;
    let mut out = vec![];
    let (mut x, mut column) = (0, 0);
    while x < buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        out.push((x, column));
        let layout = symbol.width().max(1);
        let disputed: usize = symbol
            .chars()
            .filter_map(|c| DISPUTED.iter().find(|(d, _)| *d == c))
            .map(|(_, w)| w)
            .sum();
        let plain: String = symbol
            .chars()
            .filter(|c| !DISPUTED.iter().any(|(d, _)| d == c))
            .collect();
        column += if disputed > 0 || plain.len() < symbol.len() {
            plain.width() + disputed
        } else {
            layout
        };
        x += u16::try_from(layout).unwrap_or(1);
    }
    out
}

/// Every border glyph that a terminal measuring [`DISPUTED`] the other way
/// puts elsewhere than the cells say: `(row, cell column, terminal column)`.
fn moved_edges(buffer: &ratatui::buffer::Buffer) -> Vec<(u16, u16, usize)> {
    let mut out = vec![];
    for y in 0..buffer.area.height {
        for (x, column) in terminal_columns(buffer, y) {
            let border = buffer[(x, y)]
                .symbol()
                .chars()
                .any(|c| matches!(c, '\u{2500}'..='\u{257f}'));
            if border && column != usize::from(x) {
                out.push((y, x, column));
            }
        }
    }
    out
}

/// The contact with `text` as its title, its first email and the value of
/// a text custom field.
fn contact_showing(text: &str) -> rolodex_tui::api::wire::Contact {
    let mut contact = fixture().contact.clone();
    contact.title = Maybe::Value(text.into());
    if let Maybe::Value(emails) = &mut contact.emails {
        emails[0].email_address = format!("{text}@example.com");
    }
    if let Maybe::Value(fields) = &mut contact.custom_fields {
        for f in fields.iter_mut().filter(|f| f.id == "field_zoe_notes") {
            f.value = Maybe::Value(text.into());
        }
    }
    contact
}

/// Each character of disputed width, in a title, an email and a custom
/// field value, moves no pane edge on a terminal that measures it the
/// other way: it is drawn visibly (`<U+00AD>`) or as a space.
#[test]
fn characters_of_disputed_width_never_move_a_pane_edge() {
    for emails in [false, true] {
        for (c, _) in DISPUTED {
            let mut m = loaded_with(contact_showing(&format!("soft{c}hy{c}phen")), true);
            if emails {
                focus(&mut m, Pane::Emails);
            }
            let drawn = draw(&m, 100, 30, &Theme::COLOR);
            let moved = moved_edges(&drawn.buffer);
            assert!(
                moved.is_empty(),
                "U+{:04X} moved pane edges {moved:?}:\n{}",
                c as u32,
                drawn.text
            );
        }
    }
    // A flag and an emoji sequence are drawn as they are, in two cells.
    for kept in [
        "\u{1f1fa}\u{1f1f8}",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    ] {
        let m = loaded_with(contact_showing(&format!("a{kept}b")), true);
        let drawn = draw(&m, 100, 30, &Theme::COLOR);
        assert!(
            drawn
                .buffer
                .content()
                .iter()
                .any(|cell| cell.symbol() == kept),
            "{kept} is drawn as it is:\n{}",
            drawn.text
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

#[test]
fn the_review_shows_the_address_the_client_sends_to_even_for_an_id_that_needs_encoding() {
    use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
    let id = "a/b c?d";
    let mut contact = fixture().contact.clone();
    contact.id = id.to_string();
    let mut model = Model::new(id, BASE_URL);
    update(
        &mut model,
        Msg::Loaded(Ok((contact, fixture().defs.clone()))),
    );
    send(&mut model, [ch('j'), ch(' '), ch('w')]);
    let body = match &model.editor().unwrap().overlay {
        Some(Overlay::Review { body, .. }) => (**body).clone(),
        other => panic!("expected the review, got {other:?}"),
    };
    let client = RolodexClient::new(ClientConfig::new(BASE_URL, ApiKey::new("k"))).expect("client");
    let sent_to = client.preview_put(id, &body).url;
    assert_eq!(
        sent_to,
        "https://rolodex.example.com/user-api/v1/contacts/a%2Fb%20c%3Fd"
    );
    let screen = draw(&model, 100, 40, &Theme::COLOR).text;
    assert!(screen.contains(&format!("PUT {sent_to}")), "{screen}");
}

/// An edit of twenty-odd changes: the sample edit, plus every custom
/// field with a value cleared and every empty text field set.
fn large_edit(w: u16, h: u16) -> Model {
    let mut m = edited();
    m.review_end = Some(rolodex_tui::ui::review_end);
    update(&mut m, Msg::Resize(w, h));
    let names: Vec<String> = m
        .editor()
        .unwrap()
        .form()
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect();
    for name in names.iter().take(24) {
        select_field(&mut m, name);
        send(&mut m, [ch('x')]);
    }
    m
}

#[test]
fn the_review_of_a_large_edit_scrolls_and_y_first_shows_the_end() {
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = large_edit(w, h);
        assert!(m.editor().unwrap().changes().count() >= 12);
        send(&mut m, [ch('w')]);
        snap_at("review_large_top", &m, w, h);
        // y at the top sends nothing: it shows the confirmation from its
        // heading, a page more at each press, and sends once the end was
        // on screen.
        let effects = update(&mut m, ch('y'));
        assert!(effects.is_empty(), "{effects:?}");
        let shown = draw(&m, w, h, &Theme::COLOR).text;
        assert!(shown.contains("Send this change?"), "{shown}");
        while !draw(&m, w, h, &Theme::COLOR)
            .text
            .contains("Not sent, so left as they are")
        {
            assert!(
                update(&mut m, ch('y')).is_empty(),
                "y sends nothing before the end"
            );
        }
        snap_at("review_large_end", &m, w, h);
        let end = draw(&m, w, h, &Theme::COLOR).text;
        assert!(end.contains("Not sent, so left as they are"), "{end}");
        // k scrolls back up, g to the top, G to the end again.
        send(&mut m, [ch('k'), ch('g')]);
        let top = draw(&m, w, h, &Theme::COLOR).text;
        assert!(top.contains("Details"), "{top}");
        send(&mut m, [ch('G')]);
        assert_eq!(draw(&m, w, h, &Theme::COLOR).text, end);
        let effects = update(&mut m, ch('y'));
        assert!(
            matches!(effects.as_slice(), [Effect::Remote(Remote::Check { .. })]),
            "{effects:?}"
        );
    }
}

/// PgDn in the review moves a page (what the screen shows, less a line
/// kept in view), PgUp a page back.
#[test]
fn page_down_in_the_review_moves_a_page() {
    let (w, h) = (60, 16);
    let mut m = large_edit(w, h);
    send(&mut m, [ch('w')]);
    let offset = |m: &Model| match &m.editor().unwrap().overlay {
        Some(Overlay::Review { offset, .. }) => *offset,
        other => panic!("expected the review, got {other:?}"),
    };
    let fit = {
        let ed = m.editor().unwrap();
        let Some(Overlay::Review { body, .. }) = &ed.overlay else {
            unreachable!()
        };
        rolodex_tui::ui::review_end(&m, ed, body)
    };
    assert!(
        fit.end >= fit.page && fit.page != 11,
        "{fit:?}: more than a page to scroll, and a page that is not 10 lines"
    );
    send(&mut m, [key(KeyCode::PageDown)]);
    assert_eq!(offset(&m), fit.page - 1, "{fit:?}");
    send(&mut m, [key(KeyCode::PageUp)]);
    assert_eq!(offset(&m), 0);
}

/// A workspace of 40 tags: the tag picker filters as you type, with its
/// filter line on top.
#[test]
fn long_tag_picker_filtered() {
    use rolodex_tui::app::Choices;
    use rolodex_tui::contact::Linked;
    let mut m = loaded();
    let mut tags: Vec<Linked> = ["VIP", "Partner"]
        .iter()
        .map(|n| Linked {
            id: format!("tag_{}", n.to_lowercase()),
            name: (*n).to_string(),
        })
        .collect();
    tags.extend((1..=38).map(|n| Linked {
        id: format!("tag_r{n}"),
        name: format!("Region {n:02}"),
    }));
    m.links.tags = Choices::Loaded(tags);
    send(&mut m, (0..12).map(|_| ch('j')));
    send(&mut m, [key(KeyCode::Enter)]);
    type_text(&mut m, "1");
    send(&mut m, [key(KeyCode::Down), ch(' ')]);
    snap_at("picker_tags_filtered", &m, 80, 24);
}

/// The layout holds still: at 80×24 ten custom field rows show, and
/// opening a text editor (whose hints are fewer) moves no pane edge.
#[test]
fn ten_field_rows_at_80x24_and_the_layout_holds_while_editing() {
    let edges = |m: &Model| -> Vec<usize> {
        let text = draw(m, 80, 24, &Theme::COLOR).text;
        text.lines()
            .enumerate()
            .filter(|(_, l)| {
                l.contains('┌') || l.contains('┏') || l.contains('└') || l.contains('┗')
            })
            .map(|(i, _)| i)
            .collect()
    };
    let mut m = loaded();
    select_field(&mut m, "Lead Score");
    let text = draw(&m, 80, 24, &Theme::COLOR).text;
    let rows = text
        .lines()
        .skip_while(|l| !l.contains("Custom fields"))
        .skip(1)
        .take_while(|l| !l.contains('└') && !l.contains('┗'))
        .count();
    assert!(rows >= 10, "{rows} field rows:\n{text}");
    let before = edges(&m);
    send(&mut m, [key(KeyCode::Enter)]);
    assert!(m.editor().is_some_and(|e| e.input.is_some()));
    assert_eq!(
        edges(&m),
        before,
        "a pane edge moved when the editor opened"
    );
    type_text(&mut m, "x");
    assert_eq!(edges(&m), before, "a pane edge moved with an inline error");
}

/// The find line at 80×24: what is typed, the match count, its keys.
#[test]
fn find_line() {
    let mut m = loaded();
    focus(&mut m, Pane::Fields);
    send(&mut m, [ch('/')]);
    type_text(&mut m, "owner");
    snap_at("find_line", &m, 80, 24);
}

/// Where the locale is not UTF-8 (or with --ascii), the program's own
/// marks, arrows, boxes and cuts are ASCII; the contact's own text is not
/// touched (東京 stays).
#[test]
fn the_editor_in_ascii() {
    let mut m = edited();
    m.glyphs = &rolodex_tui::glyphs::ASCII;
    select_field(&mut m, "Lead Score");
    send(&mut m, [key(KeyCode::Enter)]);
    retype(&mut m, "not a number");
    send(&mut m, [key(KeyCode::Enter), ch('/')]);
    type_text(&mut m, "sta");
    let data = rolodex_tui::demo::sample_text_beyond_ascii();
    assert!(data.contains(&'東'), "the sample has non-ASCII data");
    for (w, h) in [(80, 24), (100, 30), (60, 16)] {
        let text = draw(&m, w, h, &Theme::COLOR).text;
        let drawn: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
        assert!(
            drawn.iter().all(|c| data.contains(c)),
            "{drawn:?} in\n{text}"
        );
        assert!(text.contains('東'), "data is shown as it is:\n{text}");
        assert!(text.contains("+-") && text.contains("| "), "{text}");
    }
    snap("ascii_editor", &m, false);
    // The review and its confirmation, and help.
    send(&mut m, [key(KeyCode::Esc), key(KeyCode::Enter)]);
    retype(&mut m, "88");
    send(&mut m, [key(KeyCode::Enter), ch('w')]);
    let review = draw(&m, 80, 24, &Theme::COLOR).text;
    assert!(review.contains("-> 88"), "{review}");
    for text in [review, {
        send(&mut m, [key(KeyCode::Esc), ch('?')]);
        draw(&m, 80, 24, &Theme::COLOR).text
    }] {
        let drawn: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
        assert!(
            drawn.iter().all(|c| data.contains(c)),
            "{drawn:?} in\n{text}"
        );
    }
    snap_at("ascii_help", &m, 80, 24);
}

/// The sample contact loaded, with a config file's `[keys]` of one key
/// per action.
fn loaded_with_keys(remap: &[(&str, &str)]) -> Model {
    let remap: Vec<(String, Vec<String>)> = remap
        .iter()
        .map(|(action, key)| (action.to_string(), vec![key.to_string()]))
        .collect();
    let keys = rolodex_tui::app::keys::Keymap::remapped(&remap).expect("a good remap");
    let mut m = loaded();
    m.keys = Box::leak(Box::new(keys));
    m
}

/// A config file's `[keys]` (help on h, review on Ctrl-O): the footer and
/// the help name the keys that work.
#[test]
fn remapped_footer_and_help() {
    let mut m = loaded_with_keys(&[("help", "h"), ("review", "ctrl-o")]);
    let text = draw(&m, 80, 24, &Theme::COLOR).text;
    let footer = text.lines().last().unwrap_or_default();
    assert!(footer.contains("Ctrl-O review & save"), "{footer}");
    assert!(
        footer.trim_matches('"').trim_end().ends_with("h help"),
        "{footer}"
    );
    snap_at("remapped_footer", &m, 80, 24);
    send(&mut m, [ch('h')]);
    assert!(m.help, "h opens the help");
    let help = draw(&m, 80, 24, &Theme::COLOR).text;
    assert!(
        help.contains("Ctrl-O ") && !help.contains("w/Ctrl-S"),
        "{help}"
    );
    snap_at("remapped_help", &m, 80, 24);
    send(&mut m, [ch('h')]);
    assert!(!m.help, "h closes it again");
}

/// Messages that name a key name the user's key for it.
#[test]
fn messages_name_the_remapped_keys() {
    let mut m = loaded_with_keys(&[("undo", "z"), ("quit", "ctrl-q")]);
    focus(&mut m, Pane::Emails);
    let said = |m: &mut Model, key| {
        send(m, [ch(key)]);
        m.status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let deleted = said(&mut m, 'd');
    assert!(deleted.contains("(z undoes)"), "{deleted}");
    let undone = said(&mut m, 'z');
    assert!(
        undone.starts_with("Undid") && undone.contains("(Ctrl-R redoes)"),
        "{undone}"
    );
    // And the screens do: a terminal too small names the quit key.
    let small = draw(&m, 40, 10, &Theme::COLOR).text.replace('"', "");
    let small = small.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(small.contains("(Ctrl-Q quits)"), "{small}");
}

/// After `G`, the first key back up moves the view at once, in the JSON
/// view, the dry run and the help, at 80×24 and 60×16: the offset stops at
/// the last full page instead of running past the end.
#[test]
fn up_after_g_moves_at_once() {
    for (w, h) in [(80, 24), (60, 16)] {
        let mut m = edited();
        m.scroll_lines = Some(rolodex_tui::ui::scrolled_lines);
        m.help_layout = Some(rolodex_tui::ui::help_layout);
        send(&mut m, [Msg::Resize(w, h), ch('w'), ch('J'), ch('G')]);
        let end = draw(&m, w, h, &Theme::COLOR).text;
        send(&mut m, [ch('k')]);
        let up = draw(&m, w, h, &Theme::COLOR).text;
        assert_ne!(end, up, "JSON view at {w}x{h}: k after G did nothing");

        send(&mut m, [ch('J'), key(KeyCode::Esc)]);
        show_dry_run(&mut m);
        send(&mut m, [ch('G')]);
        let end = draw(&m, w, h, &Theme::COLOR).text;
        send(&mut m, [key(KeyCode::Up)]);
        let up = draw(&m, w, h, &Theme::COLOR).text;
        assert_ne!(end, up, "dry run at {w}x{h}: Up after G did nothing");

        send(&mut m, [key(KeyCode::Esc), ch('?'), ch('G')]);
        assert!(m.help);
        let end = draw(&m, w, h, &Theme::COLOR).text;
        send(&mut m, [key(KeyCode::PageUp)]);
        let up = draw(&m, w, h, &Theme::COLOR).text;
        assert_ne!(end, up, "help at {w}x{h}: PgUp after G did nothing");
    }
}

/// With `--dry-run`, `w` then `y`: the request the client would send, shown.
fn show_dry_run(m: &mut Model) {
    use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
    m.dry_run = true;
    let mut effects = update(m, ch('w'));
    effects.extend(update(m, ch('y')));
    let [rolodex_tui::app::Effect::Remote(Remote::Preview { id, body })] = effects.as_slice()
    else {
        panic!("a dry run asks for a preview, got {effects:?}")
    };
    let client = RolodexClient::new(ClientConfig::new(BASE_URL, ApiKey::new("sk-secret"))).unwrap();
    send(m, [Msg::Previewed(client.preview_put(id, body))]);
}
