//! Shared test harness: a demo server on loopback, a real client, and a
//! model driven through `update` by key events.
#![allow(dead_code)]

use ratatui::crossterm::event::KeyCode;
use rolodex_tui::api::wire::PutBody;
use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::{Editor, Effect, Local, Model, Msg, Pane, Remote, update};
use rolodex_tui::demo::{Behaviour, DEMO_CONTACT_ID, DemoServer};
use rolodex_tui::runtime::{Services, execute, settle_local};
use rolodex_tui::store::Store;

#[path = "../../dev/scenes.rs"]
mod scenes;

/// The key helpers of the shared scene scripts (`dev/scenes.rs`).
pub use scenes::{ch, ctrl, key};

pub struct Harness {
    pub server: DemoServer,
    pub client: RolodexClient,
    pub model: Model,
    /// A draft folder of this test's own.
    pub store: Store,
    /// Every `Msg::Progress` the effects reported, as `Debug` text.
    pub progress: Vec<String>,
}

/// A fresh, empty state folder under the system temp dir.
pub fn temp_store(name: &str) -> Store {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "rolodex-test-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    Store::new(dir)
}

impl Harness {
    /// The sample contact loaded, with workspace users.
    pub async fn new() -> Harness {
        Self::open(DEMO_CONTACT_ID, true).await
    }

    pub async fn open(id: &str, with_users: bool) -> Harness {
        let server = DemoServer::start().await.expect("demo server");
        let client = RolodexClient::new(ClientConfig::new(
            server.base_url(),
            ApiKey::new(server.api_key()),
        ))
        .expect("client");
        let mut model = Model::new(id, server.base_url());
        let store = temp_store("harness");
        model.keeps_drafts = true;
        let loaded = client.load(id).await;
        update(&mut model, Msg::Loaded(loaded));
        if with_users {
            update(&mut model, Msg::UsersLoaded(client.workspace_users().await));
            let (tags, lists) = tokio::join!(client.tags(), client.contact_lists());
            update(&mut model, Msg::LinksLoaded { tags, lists });
        }
        Harness {
            server,
            client,
            model,
            store,
            progress: vec![],
        }
    }

    /// The sample contact loaded from a demo server that answers as
    /// `behaviour` says, through the same effects the runtime carries out
    /// (so the read path and the progress reports are the real ones).
    pub async fn with_behaviour(behaviour: Behaviour) -> Harness {
        let server = DemoServer::start().await.expect("demo server");
        server.set_behaviour(behaviour);
        let client = RolodexClient::new(ClientConfig::new(
            server.base_url(),
            ApiKey::new(server.api_key()),
        ))
        .expect("client");
        let mut model = Model::new(DEMO_CONTACT_ID, server.base_url());
        model.keeps_drafts = true;
        let mut h = Harness {
            server,
            client,
            model,
            store: temp_store("behaviour"),
            progress: vec![],
        };
        h.settle(vec![
            Effect::Remote(Remote::Load {
                id: DEMO_CONTACT_ID.to_string(),
            }),
            Effect::Remote(Remote::LoadUsers),
        ])
        .await;
        h
    }

    /// The bodies of every PUT the server received, in order.
    pub fn puts(&self) -> Vec<serde_json::Value> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.method == "PUT")
            .map(|r| r.body.unwrap_or(serde_json::Value::Null))
            .collect()
    }

    pub fn ed(&self) -> &Editor {
        self.model.editor().expect("editor is open")
    }

    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        update(&mut self.model, msg)
    }

    pub fn press(&mut self, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
        msgs.into_iter().flat_map(|m| self.send(m)).collect()
    }

    pub fn type_text(&mut self, text: &str) -> Vec<Effect> {
        self.press(text.chars().map(ch))
    }

    /// Replaces the text of the open text editor.
    pub fn retype(&mut self, text: &str) -> Vec<Effect> {
        let mut effects = self.press([ctrl('a'), ctrl('k')]);
        effects.extend(self.type_text(text));
        effects
    }

    pub fn focus(&mut self, pane: Pane) {
        for _ in 0..Pane::ORDER.len() {
            if self.ed().focus == pane {
                return;
            }
            self.send(key(KeyCode::Tab));
        }
        assert_eq!(self.ed().focus, pane);
    }

    /// Focuses the Custom fields pane and selects the row of a definition.
    pub fn select_field(&mut self, id: &str) -> usize {
        self.focus(Pane::Fields);
        let index = self.field_index(id);
        self.send(ch('g'));
        for _ in 0..index {
            self.send(ch('j'));
        }
        assert_eq!(self.ed().selected(Pane::Fields), index);
        index
    }

    pub fn field_index(&self, id: &str) -> usize {
        self.ed()
            .form()
            .fields
            .iter()
            .position(|f| f.id == id)
            .unwrap_or_else(|| panic!("no field {id}"))
    }

    /// Opens the review and confirms; returns what that asked for.
    pub fn review_and_confirm(&mut self) -> Vec<Effect> {
        let mut effects = self.send(ch('w'));
        effects.extend(self.send(ch('y')));
        effects
    }

    /// Reviews, confirms, answers the conflict check with the contact as
    /// loaded, keeps the history entry, and returns the body of the
    /// resulting PUT (without sending).
    pub fn body_of_save(&mut self) -> PutBody {
        let effects = self.review_and_confirm();
        assert_eq!(
            effects,
            vec![Effect::Remote(Remote::Check {
                id: self.model.contact_id.clone()
            })]
        );
        let loaded = self.ed().contact().clone();
        let keep = self.send(Msg::Checked(Ok(loaded)));
        assert!(
            matches!(keep.as_slice(), [Effect::Local(Local::WriteHistory(_))]),
            "the history is kept before anything is sent: {keep:?}"
        );
        let pending = settle_local(&mut self.model, Some(&self.store), keep);
        match pending.remote.as_slice() {
            [Remote::Put { id, body }] => {
                assert_eq!(id, &self.model.contact_id);
                (**body).clone()
            }
            other => panic!("expected one PUT, got {other:?}"),
        }
    }

    /// Carries out effects over real HTTP, feeding results back, until
    /// nothing is left to do, in the runtime's own order: the disk effects
    /// and what they report through the same `settle_local` the run loop
    /// uses, then the requests first in, first out. What a read reports while
    /// it works (`Msg::Progress`) is fed to the model before its result.
    /// Returns every effect seen; the progress messages are kept in
    /// [`Harness::progress`].
    pub async fn settle(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut seen = vec![];
        let mut queue: std::collections::VecDeque<Remote> = Default::default();
        let mut next = effects;
        loop {
            // Requests are counted as they leave, with those asked for by
            // what the disk effects reported.
            seen.extend(
                next.iter()
                    .filter(|e| !matches!(e, Effect::Remote(_)))
                    .cloned(),
            );
            let pending = settle_local(&mut self.model, Some(&self.store), next);
            seen.extend(pending.remote.iter().cloned().map(Effect::Remote));
            queue.extend(pending.remote);
            let Some(remote) = queue.pop_front() else {
                return seen;
            };
            let services = Services::new(self.client.clone(), Some(self.store.clone()));
            let reported = std::sync::Mutex::new(vec![]);
            let msg = execute(&services, remote, &|m| reported.lock().unwrap().push(m)).await;
            next = vec![];
            for progress in reported.into_inner().unwrap() {
                self.progress.push(format!("{progress:?}"));
                next.extend(self.send(progress));
            }
            next.extend(self.send(msg));
        }
    }

    /// Carries out one request over real HTTP and returns its result
    /// message, without feeding it to the model.
    pub async fn run(&self, remote: Remote) -> Msg {
        let services = Services::new(self.client.clone(), Some(self.store.clone()));
        execute(&services, remote, &|_| {}).await
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.store.root());
    }
}

/// The screen `model` draws at `width`×`height`, as text.
pub fn screen_text(model: &Model, width: u16, height: u16) -> String {
    scenes::draw(model, width, height, &rolodex_tui::ui::Theme::COLOR).text
}

/// The request an effect asks for; panics on any other effect.
pub fn remote(effect: &Effect) -> Remote {
    match effect {
        Effect::Remote(r) => r.clone(),
        other => panic!("expected a request, got {other:?}"),
    }
}
