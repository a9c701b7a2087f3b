//! One contact, one editor: a second editor on a contact that another
//! running editor holds says so, then looks read-only (journaling nothing)
//! or quits; drafts this version cannot use are said once the editor opens.

mod common;

use std::path::PathBuf;

use common::{Harness, ch, key, screen_text, temp_store};
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::app::{
    Effect, Journal, Local, Model, Msg, Pane, Revert, StatusKind, init, update,
};
use rolodex_tui::contact::{Claim, Holder, SetAside, Unusable};
use rolodex_tui::runtime::settle_local;

const JANE: &str = "contact_67890";
const OTHER_PID: u32 = 4242;

fn holder() -> Holder {
    Holder {
        pid: OTHER_PID,
        lock: PathBuf::from("/state/rolodex-tui/drafts/contact_67890.lock"),
    }
}

/// A second editor on Jane: told the contact is locked by another live
/// process, then loaded, as the runtime delivers them.
async fn second_editor() -> (Harness, Model) {
    let h = Harness::new().await;
    let mut model = Model::new(JANE, h.server.base_url());
    model.keeps_drafts = true;
    assert!(init(&model).contains(&Effect::Local(Local::Claim { id: JANE.into() })));
    let effects = update(&mut model, Msg::Claimed(Ok(Claim::Elsewhere(holder()))));
    assert!(effects.is_empty(), "no draft is read: {effects:?}");
    let loaded = (h.ed().contact().clone(), h.ed().defs().to_vec());
    assert!(update(&mut model, Msg::Loaded(Ok(loaded))).is_empty());
    (h, model)
}

/// Every draft effect among `effects`.
fn journaled(effects: &[Effect]) -> Vec<&Effect> {
    effects
        .iter()
        .filter(|e| {
            matches!(
                e,
                Effect::Local(Local::WriteDraft(_) | Local::DeleteDraft { .. })
            )
        })
        .collect()
}

#[tokio::test]
async fn a_contact_locked_by_another_live_editor_shows_the_notice() {
    let (_h, mut model) = second_editor().await;
    assert_eq!(model.journal.asking(), Some(&holder()));
    let screen = screen_text(&model, 80, 24);
    assert!(screen.contains("Open in another editor"), "{screen}");
    assert!(screen.contains("(process 4242)"), "{screen}");
    assert!(screen.contains("r open read-only"), "{screen}");
    // Keys other than the notice's own do nothing, to the form or the disk.
    for msg in [ch('j'), ch(' '), key(KeyCode::Enter), ch('w'), ch('u')] {
        assert!(update(&mut model, msg).is_empty());
    }
    assert!(model.journal.asking().is_some(), "the notice is still up");
    assert!(!model.editor().unwrap().is_dirty());
}

#[tokio::test]
async fn the_notice_shows_over_the_loading_screen_too() {
    let mut model = Model::new(JANE, "http://127.0.0.1:9/user-api/v1");
    update(&mut model, Msg::Claimed(Ok(Claim::Elsewhere(holder()))));
    let screen = screen_text(&model, 80, 24);
    assert!(
        screen.contains("already open in another rolodex-tui"),
        "{screen}"
    );
    assert_eq!(update(&mut model, ch('q')), vec![Effect::Quit]);
}

#[tokio::test]
async fn read_only_opens_without_journaling_and_explains_editing_keys() {
    let (_h, mut model) = second_editor().await;
    assert!(update(&mut model, ch('r')).is_empty());
    assert_eq!(model.journal.read_only(), Some(&holder()));
    let status = model.status.clone().expect("a status");
    assert!(status.text.starts_with("Read-only"), "{}", status.text);
    let screen = screen_text(&model, 80, 24);
    assert!(screen.contains("READ-ONLY"), "{screen}");
    assert!(!screen.contains("Open in another editor"), "{screen}");
    assert!(
        !screen.contains("review & save"),
        "no editing hints: {screen}"
    );

    // Every way of editing or saving: nothing changes, nothing is journaled,
    // and each key says why.
    let mut effects = vec![];
    let attempts = [
        vec![ch('j'), ch(' ')],
        vec![ch('k'), key(KeyCode::Enter)],
        vec![key(KeyCode::Tab), ch('a')],
        vec![ch('d')],
        vec![ch('p')],
        vec![key(KeyCode::Tab), key(KeyCode::Tab), ch('x')],
        vec![ch('u')],
        vec![ch('w')],
    ];
    for keys in attempts {
        for msg in keys {
            effects.extend(update(&mut model, msg));
        }
        let status = model.status.clone().expect("an explanation");
        assert_eq!(status.kind, StatusKind::Warning);
        assert!(
            status
                .text
                .contains("open in another editor (process 4242)"),
            "{}",
            status.text
        );
    }
    assert!(journaled(&effects).is_empty(), "{effects:?}");
    assert!(
        effects.is_empty(),
        "nothing asked of disk or server: {effects:?}"
    );
    let ed = model.editor().unwrap();
    assert!(!ed.is_dirty());
    assert!(ed.input.is_none() && ed.overlay.is_none());
    assert_eq!(ed.focus, Pane::Fields, "moving still works");
    // Quitting asks nothing: there is nothing to keep.
    assert_eq!(update(&mut model, ch('q')), vec![Effect::Quit]);
}

#[tokio::test]
async fn q_on_the_notice_quits() {
    let (_h, mut model) = second_editor().await;
    assert_eq!(update(&mut model, ch('q')), vec![Effect::Quit]);
}

#[tokio::test]
async fn from_the_contact_list_q_goes_back_and_releases_nothing() {
    let h = Harness::new().await;
    let mut model = Model::picking(h.server.base_url());
    let page = rolodex_tui::api::wire::Page {
        pagination: rolodex_tui::api::wire::Pagination {
            limit: 30,
            offset: 0,
            total: 1,
        },
        data: vec![h.ed().contact().clone()],
    };
    update(&mut model, Msg::ContactsLoaded(Ok(page)));
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(effects.contains(&Effect::Local(Local::Claim { id: JANE.into() })));
    update(&mut model, Msg::Claimed(Ok(Claim::Elsewhere(holder()))));
    // The lock is the other editor's: going back leaves it alone.
    assert!(update(&mut model, ch('q')).is_empty());
    assert!(matches!(model.phase, rolodex_tui::app::Phase::Picking(_)));
    assert_eq!(model.journal, Journal::Unclaimed);
}

#[tokio::test]
async fn a_revert_is_not_applied_read_only() {
    let h = Harness::new().await;
    let mut model = Model::new(JANE, h.server.base_url());
    let mut older = h.ed().contact().clone();
    older.is_starred = false;
    model.revert_to = Some(Box::new(Revert {
        saved_at: "2026-12-01T10:00:00Z".into(),
        contact: older,
    }));
    update(&mut model, Msg::Claimed(Ok(Claim::Elsewhere(holder()))));
    let loaded = (h.ed().contact().clone(), h.ed().defs().to_vec());
    update(&mut model, Msg::Loaded(Ok(loaded)));
    assert!(
        !model.editor().unwrap().is_dirty(),
        "not filled while asking"
    );
    update(&mut model, ch('r'));
    let text = model.status.clone().unwrap().text;
    assert!(text.contains("--revert version was not applied"), "{text}");
    assert!(!model.editor().unwrap().is_dirty());
}

#[tokio::test]
async fn a_draft_moved_aside_is_said_once_the_editor_opens() {
    let h = Harness::new().await;
    for (why, said) in [
        (
            Unusable::Damaged("EOF while parsing an object at line 9".into()),
            "The draft could not be read; it was moved to /s/drafts/contact_67890.unreadable-20261202T171500Z.json",
        ),
        (
            Unusable::Newer { version: 3 },
            "A draft written by a newer rolodex-tui was kept at /s/drafts/contact_67890.unreadable-20261202T171500Z.json",
        ),
    ] {
        let mut model = Model::new(JANE, h.server.base_url());
        let effects = update(&mut model, Msg::Claimed(Ok(Claim::Held)));
        assert_eq!(
            effects,
            vec![Effect::Local(Local::ReadDraft { id: JANE.into() })]
        );
        update(
            &mut model,
            Msg::DraftSetAside(SetAside {
                to: "/s/drafts/contact_67890.unreadable-20261202T171500Z.json".into(),
                why,
            }),
        );
        let loaded = (h.ed().contact().clone(), h.ed().defs().to_vec());
        update(&mut model, Msg::Loaded(Ok(loaded)));
        let status = model.status.clone().expect("the warning survives the load");
        assert_eq!(status.kind, StatusKind::Warning);
        assert!(status.text.starts_with(said), "{}", status.text);
        // This editor journals as usual.
        let effects = update(&mut model, ch('j'));
        assert!(effects.is_empty());
        let effects = update(&mut model, ch(' '));
        assert!(
            matches!(effects.as_slice(), [Effect::Local(Local::WriteDraft(_))]),
            "{effects:?}"
        );
    }
}

/// Through the runtime's own disk effects: a contact whose lock names a
/// process that runs is left alone, draft and lock, by the second editor.
#[tokio::test]
async fn a_second_editor_leaves_the_first_editors_draft_and_lock_alone() {
    let h = Harness::new().await;
    let store = temp_store("second-editor");
    // The first editor: a process that runs, its lock and its draft.
    let mut first = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .expect("sleep");
    let mut draft = h.ed().draft();
    draft.form.starred = false;
    draft.saved_at = "2026-12-02T17:00:00Z".into();
    let draft_path = store.write_draft(&draft).unwrap();
    let lock = store.lock_path(JANE);
    std::fs::write(&lock, format!("{}\n", first.id())).unwrap();
    let before = std::fs::read(&draft_path).unwrap();

    let mut model = Model::new(JANE, h.server.base_url());
    model.keeps_drafts = true;
    let start = init(&model);
    let pending = settle_local(&mut model, Some(&store), start);
    assert_eq!(
        pending.remote.len(),
        3,
        "the load, the users, the tags and lists"
    );
    assert_eq!(
        model.journal.asking().map(|holder| holder.pid),
        Some(first.id())
    );
    assert!(
        model.found_draft.is_none(),
        "the other editor's draft is not read"
    );
    let loaded = (h.ed().contact().clone(), h.ed().defs().to_vec());
    update(&mut model, Msg::Loaded(Ok(loaded)));
    for msg in [ch('r'), ch('j'), ch(' '), ch('q')] {
        let effects = update(&mut model, msg);
        settle_local(&mut model, Some(&store), effects);
    }
    rolodex_tui::runtime::release_claim(&model, Some(&store));
    assert_eq!(
        std::fs::read(&draft_path).unwrap(),
        before,
        "the draft untouched"
    );
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        format!("{}\n", first.id()),
        "the lock is still the first editor's"
    );

    // Once the first editor is gone, its lock is stale: the next editor
    // takes it over and is offered the draft.
    first.kill().unwrap();
    first.wait().unwrap();
    let mut model = Model::new(JANE, h.server.base_url());
    let start = init(&model);
    settle_local(&mut model, Some(&store), start);
    assert_eq!(model.journal, Journal::Held);
    let found = model.found_draft.as_deref().expect("the draft is offered");
    assert_eq!(found.saved_at, draft.saved_at);
    assert!(!found.form.starred, "with its edit");
    rolodex_tui::runtime::release_claim(&model, Some(&store));
    assert!(!lock.exists());
    let _ = std::fs::remove_dir_all(store.root());
}
