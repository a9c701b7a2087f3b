//! Carrying out [`Effect`]s: the only place the application does I/O.

use std::collections::VecDeque;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::api::RolodexClient;
use crate::app::{Effect, Local, Model, Msg, Remote, update};
use crate::store::Store;
use crate::time::format_timestamp;

/// What effects need: the API client, and the draft folder when there is one.
#[derive(Clone)]
pub struct Services {
    pub client: RolodexClient,
    pub store: Option<Store>,
}

impl Services {
    pub fn new(client: RolodexClient, store: Option<Store>) -> Self {
        Services { client, store }
    }
}

/// What is left to do after [`settle_local`]: the requests to start, in
/// the order `update` asked for them, and whether to quit.
#[derive(Debug, Default)]
pub struct Pending {
    pub remote: Vec<Remote>,
    pub quit: bool,
}

/// Carries out `effects` in the runtime's order: disk effects at once and
/// in order (so a draft is on disk before the next key is read and before
/// the program quits), feeding what they report back through `update`,
/// whose new effects join the queue; requests are collected for the caller
/// to start. Stops at `Quit`. The run loop and the tests share this, so
/// they see the same order.
pub fn settle_local(model: &mut Model, store: Option<&Store>, effects: Vec<Effect>) -> Pending {
    let mut queue: VecDeque<Effect> = effects.into();
    let mut pending = Pending::default();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Quit => {
                pending.quit = true;
                break;
            }
            Effect::Local(local) => {
                if let Some(msg) = execute_local(store, local) {
                    queue.extend(update(model, msg));
                }
            }
            Effect::Remote(remote) => pending.remote.push(remote),
        }
    }
    pending
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Performs a disk effect; returns a message only when there is something
/// to report.
pub fn execute_local(store: Option<&Store>, effect: Local) -> Option<Msg> {
    let store = store?;
    let failed = |what: &str, e: std::io::Error| {
        tracing::warn!(error = %e, "{what}");
        Some(Msg::StoreFailed(format!("{what}: {e}")))
    };
    match effect {
        Local::ReadDraft { id } => Some(Msg::DraftRead(
            store.read_draft(&id).map_err(|e| e.to_string()),
        )),
        Local::WriteDraft(mut draft) => {
            draft.saved_at = now();
            store
                .write_draft(&draft)
                .err()
                .and_then(|e| failed("writing the draft failed", e))
        }
        Local::DeleteDraft { id } => store
            .remove_draft(&id)
            .err()
            .and_then(|e| failed("removing the draft failed", e)),
        Local::WriteHistory(contact) => store
            .write_history(&contact, &now())
            .err()
            .and_then(|e| failed("keeping the contact in the save history failed", e)),
    }
}

/// Performs one request and returns the message that reports its result,
/// handing `progress` a [`Msg::Progress`] for whatever a slow read reports
/// while it works (a lookup page by page, a rate-limit countdown, the read
/// path chosen).
pub async fn execute(
    services: &Services,
    effect: Remote,
    progress: &(dyn Fn(Msg) + Send + Sync),
) -> Msg {
    let client = &services.client;
    let report = |event| progress(Msg::Progress(event));
    match effect {
        Remote::Load { id } => Msg::Loaded(client.load_with(&id, &report).await),
        Remote::LoadUsers => Msg::UsersLoaded(client.workspace_users().await),
        Remote::LoadContacts { offset, limit } => Msg::ContactsLoaded(
            client
                .contacts_page(limit, offset, crate::app::ORDER, crate::app::INCLUDE)
                .await,
        ),
        Remote::Check { id } => Msg::Checked(client.read_contact(&id, &report).await),
        Remote::Put { id, body } => Msg::Put(client.put_contact(&id, &body).await),
        Remote::Preview { id, body } => Msg::Previewed(client.preview_put(&id, &body)),
        Remote::ReadBack { id } => Msg::ReadBack(client.read_contact(&id, &report).await),
    }
}
