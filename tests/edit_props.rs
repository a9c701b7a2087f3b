//! Properties that protect data: whatever sequence of edits a person makes,
//! every custom field value they did not clear is in the PUT body, nothing
//! invalid is ever in one, and an unedited form has an empty diff.

mod common;

use std::sync::OnceLock;

use common::{ch, ctrl, key};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::wire::{ALL_INCLUDES, Contact, CustomFieldDef, WorkspaceUser};
use rolodex_tui::app::{Effect, Local, Model, Msg, update};
use rolodex_tui::contact::body::{phones_edited, same_ids};
use rolodex_tui::contact::{ContactForm, Detail, FieldValue, diff, put_body};
use rolodex_tui::demo::generated_contact;

type Fixture = (Contact, Vec<CustomFieldDef>, Vec<WorkspaceUser>);

/// The sample contact, the definitions and the users, fetched once over HTTP.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let h = common::Harness::new().await;
            let users = h.model.users.clone().unwrap();
            (h.ed().contact().clone(), h.ed().defs().to_vec(), users)
        })
    })
}

fn loaded_model() -> Model {
    let (contact, defs, users) = fixture().clone();
    let mut model = Model::new(contact.id.clone(), "http://127.0.0.1:9/user-api/v1");
    update(&mut model, Msg::Loaded(Ok((contact, defs))));
    update(&mut model, Msg::UsersLoaded(Ok(users)));
    model
}

#[derive(Debug, Clone)]
enum Op {
    Tab,
    Down(u8),
    Up(u8),
    Space,
    Clear,
    Delete,
    Primary,
    AddEmail(String),
    Type(String),
    PickNext(u8),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Tab),
        3 => (1u8..6).prop_map(Op::Down),
        1 => (1u8..4).prop_map(Op::Up),
        2 => Just(Op::Space),
        2 => Just(Op::Clear),
        1 => Just(Op::Delete),
        1 => Just(Op::Primary),
        1 => "[bcefhilmstvz]{1,6}@[bcefhilmstvz]{1,5}\\.(com|org)".prop_map(Op::AddEmail),
        3 => "[0-9bcefhilmstvz .@-]{0,8}".prop_map(Op::Type),
        2 => (0u8..4).prop_map(Op::PickNext),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

fn keys_for(op: &Op) -> Vec<Msg> {
    match op {
        Op::Tab => vec![key(KeyCode::Tab)],
        Op::Down(n) => (0..*n).map(|_| ch('j')).collect(),
        Op::Up(n) => (0..*n).map(|_| ch('k')).collect(),
        Op::Space => vec![ch(' ')],
        Op::Clear => vec![ch('x')],
        Op::Delete => vec![ch('d')],
        Op::Primary => vec![ch('p')],
        Op::AddEmail(a) => std::iter::once(ch('a'))
            .chain(a.chars().map(ch))
            .chain([key(KeyCode::Enter)])
            .collect(),
        // Enter opens whatever editor fits the row; typed text replaces the
        // value of a text editor; Enter commits (or picks in a picker).
        Op::Type(t) => [key(KeyCode::Enter), ctrl('a'), ctrl('k')]
            .into_iter()
            .chain(t.chars().map(ch))
            .chain([key(KeyCode::Enter)])
            .collect(),
        Op::PickNext(n) => std::iter::once(key(KeyCode::Enter))
            .chain((0..*n).map(|_| ch('j')))
            .chain([key(KeyCode::Enter)])
            .collect(),
        Op::Undo => vec![ch('u')],
        Op::Redo => vec![ctrl('r')],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_value_the_user_did_not_clear_leaves_the_body(ops in prop::collection::vec(op(), 0..40)) {
        let mut model = loaded_model();
        let mut effects = vec![];
        for op in &ops {
            for msg in keys_for(op) {
                effects.extend(update(&mut model, msg));
            }
        }
        // Close whatever is open, then try to save.
        update(&mut model, key(KeyCode::Esc));
        let ed = model.editor().unwrap();
        let form = ed.form().clone();
        let baseline = ed.baseline().clone();
        // Editing asks for nothing but the journal, and the journal always
        // ends on the state the form is in: the draft of a dirty form, or no
        // draft for a form back to what was loaded.
        prop_assert!(
            effects.iter().all(|e| matches!(e, Effect::Local(Local::WriteDraft(_)) | Effect::Local(Local::DeleteDraft { .. }) | Effect::Clipboard(_))),
            "editing alone asks for no request: {effects:?}"
        );
        // A copy (`c` typed outside a field) is not part of the journal.
        effects.retain(|e| !matches!(e, Effect::Clipboard(_)));
        match effects.last() {
            Some(Effect::Local(Local::WriteDraft(d))) => prop_assert_eq!(&d.form, &form),
            Some(_) => prop_assert_eq!(&form, &baseline),
            None => prop_assert_eq!(&form, &baseline),
        }

        match put_body(&baseline, &form) {
            Ok(body) => {
                // Phones, tags and lists: absent unless edited, then complete.
                if phones_edited(&baseline, &form) {
                    let sent = body.phone_numbers.as_ref().expect("edited phones are sent");
                    prop_assert_eq!(sent.len(), form.phones.len());
                    if !sent.is_empty() {
                        prop_assert_eq!(sent.iter().filter(|p| p.is_primary).count(), 1);
                    }
                } else {
                    prop_assert!(body.phone_numbers.is_none(), "unedited phones sent");
                }
                for (sent, now, was) in [(&body.tags, &form.tags, &baseline.tags), (&body.lists, &form.lists, &baseline.lists)] {
                    let ids: Vec<String> = now.iter().map(|l| l.id.clone()).collect();
                    match same_ids(was, now) {
                        true => prop_assert!(sent.is_none()),
                        false => prop_assert_eq!(sent.as_ref(), Some(&ids)),
                    }
                }
                // A scalar is in the body exactly when its detail changed.
                for d in Detail::ALL {
                    let changed = baseline.details.get(&d) != form.details.get(&d);
                    for k in d.keys() {
                        prop_assert_eq!(body.scalars.contains_key(*k), changed, "{}", k);
                    }
                }
                prop_assert_eq!(body.scalars.len(), Detail::ALL.iter().filter(|d| baseline.details.get(d) != form.details.get(d)).map(|d| d.keys().len()).sum::<usize>());
                let sent_fields = body.custom_fields.as_deref().unwrap_or_default();
                let sent_emails = body.emails.as_deref().unwrap_or_default();
                for row in &form.fields {
                    let sent = sent_fields.iter().find(|f| f.id == row.id);
                    let write = row.value.to_write(&row.field_type, row.def.as_deref()).unwrap();
                    // What is sent means what the row holds (an untouched
                    // value may go back in the form it was read in).
                    let meant = |v: &serde_json::Value| FieldValue::from_read(&row.field_type, row.def.as_deref(), v);
                    prop_assert_eq!(sent.map(|f| meant(&f.value)), write.as_ref().map(meant), "{}", row.id);
                    let loaded = baseline.fields.iter().find(|b| b.id == row.id).unwrap();
                    if loaded.value == row.value && !row.value.is_empty() {
                        prop_assert!(sent.is_some(), "untouched {} was dropped", row.id);
                    }
                }
                prop_assert_eq!(sent_fields.len(), form.fields.iter().filter(|r| !matches!(r.value, FieldValue::Empty)).count());
                if !sent_emails.is_empty() {
                    prop_assert_eq!(sent_emails.iter().filter(|e| e.is_primary).count(), 1);
                }
                prop_assert_eq!(sent_emails.len(), form.emails.len());
            }
            Err(problem) => {
                // Invalid input blocks the review: no PUT can come out of it.
                let mut m = model.clone();
                let mut effects = update(&mut m, ch('w'));
                let status = m.status.clone().map(|s| s.text).unwrap_or_default();
                // It names a problem (the first, or the next one after the
                // row already shown) and goes to its row.
                let problems = form.problems();
                prop_assert!(problems.contains(&problem));
                let named = problems.iter().find(|p| status.ends_with(&p.reason));
                prop_assert!(named.is_some(), "{status}");
                let ed = m.editor().unwrap();
                let at = rolodex_tui::app::pane::row_of(named.unwrap().row);
                prop_assert_eq!((ed.focus, ed.selected(ed.focus)), at);
                effects.extend(update(&mut m, ch('y')));
                prop_assert!(effects.is_empty());
                prop_assert!(m.editor().unwrap().overlay.is_none(), "no review over invalid input");
            }
        }
        // Whatever happened, undoing everything returns to what was loaded.
        let mut m = model.clone();
        for _ in 0..(ops.len() * 4 + 4) {
            update(&mut m, ch('u'));
        }
        prop_assert_eq!(m.editor().unwrap().form(), &baseline);
        prop_assert!(diff(&baseline, m.editor().unwrap().form()).is_empty());
    }

    #[test]
    fn an_unedited_form_has_an_empty_diff(n in 1u64..5000) {
        let defs = &fixture().1;
        let contact: Contact = serde_json::from_value(generated_contact(n)).unwrap();
        let form = ContactForm::from_contact(&contact, defs);
        prop_assert!(diff(&form, &form.clone()).is_empty());
        prop_assert_eq!(diff(&form, &form).count(), 0);
        // Every value the contact has is in its unedited body.
        let body = put_body(&form, &form).unwrap();
        let with_values = contact.custom_fields.get().unwrap().iter().filter(|v| !v.raw().is_null()).count();
        prop_assert_eq!(body.custom_fields.map_or(0, |f| f.len()), with_values);
    }

    /// Whatever the server returned of each list — a list, an empty one,
    /// `null`, or nothing — and whatever the user does, a save never carries
    /// a list that was not known, and of a known list never fewer values than
    /// the user left in it.
    #[test]
    fn only_known_lists_are_sent_and_never_short(
        states in prop::collection::vec(0u8..4, 7),
        ops in prop::collection::vec(op(), 0..30),
    ) {
        let (contact, defs, users) = fixture().clone();
        let mut raw = serde_json::to_value(&contact).unwrap();
        for (name, state) in ALL_INCLUDES.iter().zip(&states) {
            match state {
                0 => {}
                1 => raw[*name] = serde_json::json!([]),
                2 => raw[*name] = serde_json::Value::Null,
                _ => {
                    raw.as_object_mut().unwrap().remove(*name);
                }
            }
        }
        let contact: Contact = serde_json::from_value(raw).unwrap();
        let known = |name: &str| matches!(states[ALL_INCLUDES.iter().position(|n| *n == name).unwrap()], 0 | 1);
        let mut model = Model::new(contact.id.clone(), "http://127.0.0.1:9/user-api/v1");
        update(&mut model, Msg::Loaded(Ok((contact, defs))));
        update(&mut model, Msg::UsersLoaded(Ok(users)));
        for op in &ops {
            for msg in keys_for(op) {
                update(&mut model, msg);
            }
        }
        update(&mut model, key(KeyCode::Esc));
        let form = model.editor().unwrap().form().clone();
        let baseline = model.editor().unwrap().baseline().clone();
        if let Ok(body) = put_body(&baseline, &form) {
            let json = serde_json::to_value(&body).unwrap();
            for name in ALL_INCLUDES {
                let sent = json.get(name).is_some();
                match name {
                    "emails" | "custom_fields" => prop_assert_eq!(sent, known(name), "{} sent: {}", name, json),
                    "phone_numbers" | "tags" | "lists" => prop_assert!(!sent || known(name), "{} sent: {}", name, json),
                    _ => prop_assert!(!sent, "{} is never sent: {}", name, json),
                }
            }
            if known("emails") {
                prop_assert_eq!(body.emails.as_ref().map(Vec::len), Some(form.emails.len()));
            } else {
                prop_assert!(form.emails.is_empty(), "an unknown email list cannot be edited");
            }
            if known("custom_fields") {
                let with_values = form.fields.iter().filter(|r| !r.value.is_empty() || matches!(r.value, FieldValue::Choices(_))).count();
                prop_assert_eq!(body.custom_fields.as_ref().map(Vec::len), Some(with_values));
            } else {
                prop_assert!(form.fields.is_empty(), "unknown custom field values cannot be edited");
            }
        }
    }
}
