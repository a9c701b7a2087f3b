//! Keys that never act unseen and dialogs that can always be left: the
//! too-small screen does only what it offers, `q` leaves every dialog that
//! can be left, and the restore prompt can be left without deciding.

#[path = "ui_snapshots/support.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::ApiError;
use rolodex_tui::app::{Effect, Local, Model, Msg, Overlay, update};
use rolodex_tui::demo::DEMO_CONTACT_ID;
use rolodex_tui::ui::Theme;
use rolodex_tui::wire::Maybe;

use support::*;

fn keys_of_every_kind() -> Vec<Msg> {
    let mut keys: Vec<Msg> = "abcdefghijklmnoprstuvwxyz0123456789 ?JG/"
        .chars()
        .map(ch)
        .collect();
    keys.extend(
        [
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Esc,
            KeyCode::Down,
            KeyCode::Up,
            KeyCode::PageDown,
            KeyCode::End,
            KeyCode::Backspace,
        ]
        .map(key),
    );
    keys.extend(['s', 'r', 'a', 'e', 'k'].map(ctrl));
    keys
}

#[test]
fn on_the_too_small_screen_only_quitting_works_and_its_question_shows() {
    let mut m = edited();
    let form = m.editor().unwrap().form().clone();
    update(&mut m, Msg::Resize(50, 12));
    assert!(m.too_small());
    for k in keys_of_every_kind() {
        let effects = update(&mut m, k);
        let ed = m.editor().unwrap();
        assert!(effects.is_empty(), "{effects:?}");
        assert_eq!(ed.form(), &form, "no key edits an unseen form");
        assert!(ed.input.is_none() && ed.overlay.is_none() && !m.help);
    }
    // q asks, on the screen itself, because there are unsaved changes.
    assert!(update(&mut m, ch('q')).is_empty());
    assert_eq!(m.editor().unwrap().overlay, Some(Overlay::ConfirmQuit));
    let screen = draw(&m, 50, 12, &Theme::COLOR).text;
    assert!(
        screen.contains("Quit?") && screen.contains("unsaved"),
        "{screen}"
    );
    // n keeps editing; q then q quits.
    update(&mut m, ch('n'));
    assert_eq!(m.editor().unwrap().overlay, None);
    update(&mut m, ch('q'));
    assert_eq!(update(&mut m, ch('q')), vec![Effect::Quit]);
    // Big enough again: keys work as usual.
    let mut m = edited();
    update(&mut m, Msg::Resize(50, 12));
    update(&mut m, Msg::Resize(80, 24));
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, Some(Overlay::ConfirmQuit));
}

#[test]
fn a_clean_editor_on_the_too_small_screen_quits_at_once() {
    let mut m = loaded();
    update(&mut m, Msg::Resize(59, 24));
    assert_eq!(update(&mut m, ctrl('c')), vec![Effect::Quit]);
}

#[test]
fn a_zero_by_zero_window_is_too_small_and_keys_do_not_act_unseen() {
    // A terminal that reports no size at all leaves nothing to show: it is
    // the too-small screen, not a full-size one.
    for size in [(0, 0), (0, 30), (100, 0)] {
        let mut m = edited();
        let form = m.editor().unwrap().form().clone();
        update(&mut m, Msg::Resize(size.0, size.1));
        assert!(m.too_small(), "{size:?}");
        for k in keys_of_every_kind() {
            let effects = update(&mut m, k);
            let ed = m.editor().unwrap();
            assert!(effects.is_empty(), "{size:?}: {effects:?}");
            assert_eq!(ed.form(), &form, "no key edits an unseen form");
            assert!(ed.input.is_none() && ed.overlay.is_none() && !m.help);
        }
        // Ctrl-C asks about the unsaved changes, a second Ctrl-C quits.
        assert!(update(&mut m, ctrl('c')).is_empty());
        assert_eq!(m.editor().unwrap().overlay, Some(Overlay::ConfirmQuit));
        assert_eq!(update(&mut m, ctrl('c')), vec![Effect::Quit], "{size:?}");
    }
    // Nothing to lose: Ctrl-C quits at once, also with the help open
    // before the window went to nothing.
    let mut m = loaded();
    update(&mut m, Msg::Resize(80, 24));
    update(&mut m, ch('?'));
    assert!(m.help);
    update(&mut m, Msg::Resize(0, 0));
    assert_eq!(update(&mut m, ctrl('c')), vec![Effect::Quit]);
    // Before any size is known (no resize yet), keys work as usual.
    let mut m = loaded();
    assert!(!m.too_small());
    update(&mut m, ch('?'));
    assert!(m.help);
}

fn with_draft() -> Model {
    let mut m = loaded();
    let ed = m.editor().unwrap();
    let mut form = ed.form().clone();
    form.starred = false;
    let draft = rolodex_tui::store::Draft {
        contact_id: DEMO_CONTACT_ID.into(),
        base_url: None,
        saved_at: "2026-11-27T18:02:00Z".into(),
        loaded: ed.contact().clone(),
        form,
    };
    send(&mut m, [Msg::DraftRead(Ok(Some(Box::new(draft))))]);
    assert!(matches!(
        m.editor().unwrap().overlay,
        Some(Overlay::RestoreDraft(_))
    ));
    m
}

#[test]
fn the_restore_prompt_can_be_left_keeping_the_draft() {
    for leave in [key(KeyCode::Esc), ch('q'), ctrl('c')] {
        let mut m = with_draft();
        let effects = update(&mut m, leave);
        assert_eq!(effects, vec![Effect::Quit], "leaves");
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Local(Local::DeleteDraft { .. })))
        );
    }
    // `?` shows the help over it, and the prompt is still there after.
    let mut m = with_draft();
    update(&mut m, ch('?'));
    assert!(m.help);
    update(&mut m, key(KeyCode::Esc));
    assert!(matches!(
        m.editor().unwrap().overlay,
        Some(Overlay::RestoreDraft(_))
    ));
    // n still discards.
    let effects = update(&mut m, ch('n'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Local(Local::DeleteDraft { .. })))
    );
}

#[test]
fn q_leaves_every_dialog_that_can_be_left() {
    // The review, and its JSON view.
    let mut m = edited();
    update(&mut m, ch('w'));
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, None, "review");
    update(&mut m, ch('w'));
    update(&mut m, ch('J'));
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, None, "JSON view");
    // Save failed.
    send(&mut m, [ch('w'), ch('y')]);
    send(
        &mut m,
        [
            Msg::Checked(Ok(fixture().contact.clone())),
            Msg::HistoryKept(Ok(())),
            Msg::Put(Err(ApiError::Timeout)),
        ],
    );
    assert!(matches!(
        m.editor().unwrap().overlay,
        Some(Overlay::SaveFailed { .. })
    ));
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, None, "save failed");
    // The conflict, its overwrite question, and a clash after a rebase.
    send(&mut m, [ch('w'), ch('y')]);
    let mut remote = fixture().contact.clone();
    remote.updated_at = "2025-01-15T12:55:00Z".into();
    remote.title = Maybe::Value("Head of Product".into());
    update(&mut m, Msg::Checked(Ok(remote)));
    update(&mut m, ch('o'));
    update(&mut m, ch('q'));
    assert!(
        matches!(
            m.editor().unwrap().overlay,
            Some(Overlay::Conflict { confirm: false, .. })
        ),
        "q steps back from the overwrite question"
    );
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, None, "conflict");
    // The quit prompt: q again quits.
    update(&mut m, ch('q'));
    assert_eq!(m.editor().unwrap().overlay, Some(Overlay::ConfirmQuit));
    assert_eq!(update(&mut m, ch('q')), vec![Effect::Quit]);
}

/// Types `text` into the Lead Score field and commits it.
fn type_lead_score(m: &mut Model, text: &str) {
    select_field(m, "Lead Score");
    send(m, [key(KeyCode::Enter)]);
    retype(m, text);
    send(m, [key(KeyCode::Enter)]);
}

#[test]
fn a_number_that_cannot_be_sent_exactly_is_refused_in_its_row() {
    let mut m = loaded();
    type_lead_score(&mut m, "12345678901234567890.123");
    let effects = update(&mut m, ch('w'));
    assert!(effects.is_empty());
    assert_eq!(m.editor().unwrap().overlay, None, "no review over it");
    let status = m.status.clone().expect("why").text;
    assert!(status.contains("cannot be sent exactly"), "{status}");
    let screen = draw(&m, 100, 30, &Theme::COLOR).text;
    assert!(screen.contains("cannot be sent exactly"), "{screen}");
    // 1e3 says what to write instead.
    type_lead_score(&mut m, "1e3");
    update(&mut m, ch('w'));
    assert!(m.status.clone().unwrap().text.contains("(1000)"));
}

#[test]
fn the_review_shows_a_number_as_the_body_carries_it() {
    let mut m = loaded();
    type_lead_score(&mut m, "88.50");
    update(&mut m, ch('w'));
    let Some(Overlay::Review { body, .. }) = &m.editor().unwrap().overlay else {
        panic!("expected the review");
    };
    let sent = body
        .custom_fields
        .iter()
        .flatten()
        .find(|f| f.id == "field_123")
        .map(|f| f.value.to_string());
    assert_eq!(sent.as_deref(), Some("88.5"));
    let screen = draw(&m, 100, 30, &Theme::COLOR).text;
    assert!(screen.contains("72 → 88.5"), "{screen}");
}

#[test]
fn undo_and_redo_say_what_they_changed_and_show_it() {
    use rolodex_tui::app::Pane;
    let mut m = loaded();
    select_field(&mut m, "Lead Score");
    send(&mut m, [ch('x')]);
    focus(&mut m, Pane::Details);
    send(&mut m, [ch('u')]);
    let ed = m.editor().unwrap();
    assert_eq!(ed.focus, Pane::Fields, "the undone row is shown");
    assert_eq!(
        ed.form().fields[ed.selected(Pane::Fields)].name,
        "Lead Score"
    );
    let said = m.status.clone().unwrap().text;
    assert!(said.contains("Undid the change to Lead Score"), "{said}");
    focus(&mut m, Pane::Details);
    send(&mut m, [ctrl('r')]);
    let said = m.status.clone().unwrap().text;
    assert!(said.contains("Redid the change to Lead Score"), "{said}");
    assert_eq!(m.editor().unwrap().focus, Pane::Fields);
}

#[test]
fn keys_that_do_nothing_here_say_so() {
    use rolodex_tui::app::Pane;
    let mut m = loaded();
    // Space on Title.
    send(&mut m, [ch(' ')]);
    assert!(m.status.clone().unwrap().text.contains("Space toggles"));
    // p on the primary address.
    focus(&mut m, Pane::Emails);
    send(&mut m, [ch('p')]);
    assert!(
        m.status
            .clone()
            .unwrap()
            .text
            .contains("already the primary")
    );
    // x on an empty field.
    select_field(&mut m, "Preferred Name");
    send(&mut m, [ch('x')]);
    assert!(m.status.clone().unwrap().text.contains("no value to clear"));
    assert!(
        !m.editor().unwrap().is_dirty(),
        "none of them changed anything"
    );
}

/// The restore prompt says what Esc does; leaving the program from it says
/// on the way out that the draft is kept and how to come back, and from an
/// editor opened from the contact list Esc goes back to the list instead.
#[test]
fn the_restore_prompt_says_what_esc_does_and_how_to_come_back() {
    let mut m = with_draft();
    let screen = draw(&m, 100, 30, &Theme::COLOR).text;
    assert!(
        screen.contains("Esc keep it for later and quit"),
        "{screen}"
    );
    assert!(!screen.contains("decide later"), "{screen}");
    assert_eq!(update(&mut m, key(KeyCode::Esc)), vec![Effect::Quit]);
    let farewell = m.farewell.clone().expect("a line for stderr");
    assert!(
        farewell.starts_with(&format!(
            "The unsaved changes to {DEMO_CONTACT_ID} from 2026-11-27 18:02"
        )),
        "{farewell}"
    );
    assert!(
        farewell.ends_with(&format!(
            "are kept in a draft: rolodex-tui {DEMO_CONTACT_ID} offers them again"
        )),
        "{farewell}"
    );

    let mut m = with_draft();
    m.came_from = Some(rolodex_tui::app::ContactList::default());
    let screen = draw(&m, 100, 30, &Theme::COLOR).text;
    assert!(
        screen.contains("Esc keep it for later, back to the list"),
        "{screen}"
    );
    assert!(!screen.contains("and quit"), "nor in the footer: {screen}");
    let effects = update(&mut m, key(KeyCode::Esc));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert!(matches!(m.phase, rolodex_tui::app::Phase::Picking(_)));
    assert_eq!(m.farewell, None, "nothing to say: the program goes on");
}

/// Quitting with the edit kept on disk says so on the way out, with the
/// command that brings it back; quitting when it is not on disk does not
/// claim it is kept.
#[test]
fn quitting_with_a_kept_draft_says_how_to_come_back() {
    let mut m = edited();
    m.keeps_drafts = true;
    update(&mut m, ch('q'));
    assert_eq!(update(&mut m, ch('y')), vec![Effect::Quit]);
    assert_eq!(
        m.farewell.as_deref(),
        Some(
            format!(
                "The unsaved changes to {DEMO_CONTACT_ID} are kept in a draft: rolodex-tui \
                 {DEMO_CONTACT_ID} offers them again"
            )
            .as_str()
        )
    );
    // The demo's command names the demo.
    let mut m = edited();
    m.keeps_drafts = true;
    m.workspace = rolodex_tui::store::DEMO_WORKSPACE.into();
    update(&mut m, ch('q'));
    update(&mut m, ch('y'));
    assert!(
        m.farewell
            .as_deref()
            .is_some_and(|f| f.ends_with("rolodex-tui --demo contact_67890 offers them again")),
        "{:?}",
        m.farewell
    );
    // Without a draft folder the edit is lost, and nothing says otherwise.
    let mut m = edited();
    m.keeps_drafts = false;
    update(&mut m, ch('q'));
    update(&mut m, ch('y'));
    assert_eq!(m.farewell, None);
}

/// `x` on a row it cannot clear names that row and what changes it.
#[test]
fn x_on_a_row_it_cannot_clear_says_what_changes_that_row() {
    use rolodex_tui::app::{DETAILS_LISTS, DETAILS_STARRED, DETAILS_TAGS, DETAILS_TITLE, Pane};
    for (row, said) in [
        (
            DETAILS_TITLE,
            "Title is edited with Enter: Ctrl-U there empties it, and Enter keeps that",
        ),
        (
            DETAILS_STARRED,
            "Starred is a toggle, not a value to clear: Space changes it",
        ),
        (
            DETAILS_TAGS,
            "Tags are changed in their picker: Enter opens it, and Space there unticks one",
        ),
        (
            DETAILS_LISTS,
            "Lists are changed in their picker: Enter opens it, and Space there unticks one",
        ),
    ] {
        let mut m = loaded();
        let ed = m.editor_mut().unwrap();
        ed.focus = Pane::Details;
        ed.select(Pane::Details, row);
        update(&mut m, ch('x'));
        let status = m
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert_eq!(status, said);
        assert!(!m.editor().unwrap().is_dirty());
    }
}

/// A draft that records another workspace is never offered, even if one
/// were found where this workspace keeps its drafts; one that records this
/// workspace is.
#[test]
fn a_draft_of_another_workspace_is_not_offered() {
    let draft_made_in = |m: &Model, workspace: &str| {
        let ed = m.editor().unwrap();
        let mut form = ed.form().clone();
        form.starred = false;
        rolodex_tui::store::Draft {
            contact_id: DEMO_CONTACT_ID.into(),
            base_url: Some(workspace.into()),
            saved_at: "2026-11-27T18:02:00Z".into(),
            loaded: ed.contact().clone(),
            form,
        }
    };
    let mut m = loaded();
    let other = draft_made_in(&m, "https://other.example.com/user-api/v1");
    send(&mut m, [Msg::DraftRead(Ok(Some(Box::new(other))))]);
    assert_eq!(m.editor().unwrap().overlay, None);
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("made in another workspace (https://other.example.com/user-api/v1)"),
        "{status}"
    );

    let mut m = loaded();
    let here = draft_made_in(&m, &m.workspace.clone());
    send(&mut m, [Msg::DraftRead(Ok(Some(Box::new(here))))]);
    assert!(matches!(
        m.editor().unwrap().overlay,
        Some(Overlay::RestoreDraft(_))
    ));
}

/// An editor opened from the contact list goes back to it when quit with
/// the draft kept; that draft is said when the program ends, unless it was
/// discarded since.
#[test]
fn drafts_kept_on_the_way_back_to_the_list_are_said_at_exit() {
    let mut m = edited();
    m.keeps_drafts = true;
    m.came_from = Some(rolodex_tui::app::ContactList::default());
    update(&mut m, ch('q'));
    let effects = update(&mut m, ch('y'));
    assert!(!effects.contains(&Effect::Quit), "back to the list");
    assert!(matches!(m.phase, rolodex_tui::app::Phase::Picking(_)));
    assert_eq!(m.farewell, None);
    assert_eq!(
        m.farewell_line().as_deref(),
        Some(
            format!(
                "The unsaved changes to {DEMO_CONTACT_ID} are kept in a draft: rolodex-tui \
                 {DEMO_CONTACT_ID} offers them again"
            )
            .as_str()
        )
    );

    // Reopened and discarded: nothing kept to tell of.
    let mut again = with_draft();
    again.kept_drafts = m.kept_drafts.clone();
    again.came_from = Some(rolodex_tui::app::ContactList::default());
    update(&mut again, ch('n'));
    assert_eq!(again.farewell_line(), None);
}
