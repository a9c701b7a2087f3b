//! Carrying out [`Effect`]s: the only place the application does I/O.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::api::RolodexClient;
use crate::app::{Effect, Msg};
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

/// True for effects that touch only the local disk: the runtime runs them at
/// once, in order, so a draft is on disk before the next key is read and
/// before the program quits.
pub fn is_local(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::ReadDraft { .. }
            | Effect::WriteDraft(_)
            | Effect::DeleteDraft { .. }
            | Effect::WriteHistory(_)
    )
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Performs a local (disk) effect; returns a message only when there is
/// something to report.
pub fn execute_local(store: Option<&Store>, effect: Effect) -> Option<Msg> {
    let store = store?;
    let failed = |what: &str, e: std::io::Error| {
        tracing::warn!(error = %e, "{what}");
        Some(Msg::StoreFailed(format!("{what}: {e}")))
    };
    match effect {
        Effect::ReadDraft { id } => Some(Msg::DraftRead(
            store.read_draft(&id).map_err(|e| e.to_string()),
        )),
        Effect::WriteDraft(mut draft) => {
            draft.saved_at = now();
            store
                .write_draft(&draft)
                .err()
                .and_then(|e| failed("writing the draft failed", e))
        }
        Effect::DeleteDraft { id } => store
            .remove_draft(&id)
            .err()
            .and_then(|e| failed("removing the draft failed", e)),
        Effect::WriteHistory(contact) => store
            .write_history(&contact, &now())
            .err()
            .and_then(|e| failed("keeping the contact in the save history failed", e)),
        _ => None,
    }
}

/// Performs one effect and returns the message that reports its result.
/// `Quit` has no result; the runtime handles it before calling this.
pub async fn execute(services: &Services, effect: Effect) -> Option<Msg> {
    execute_with(services, effect, &|_| {}).await
}

/// As [`execute`], handing `progress` a [`Msg::Progress`] for whatever a
/// slow read reports while it works (a lookup page by page, a rate-limit
/// countdown, the read path chosen).
pub async fn execute_with(
    services: &Services,
    effect: Effect,
    progress: &(dyn Fn(Msg) + Send + Sync),
) -> Option<Msg> {
    let client = &services.client;
    let report = |event| progress(Msg::Progress(event));
    Some(match effect {
        Effect::Load { id } => Msg::Loaded(client.load_with(&id, &report).await),
        Effect::LoadUsers => Msg::UsersLoaded(client.workspace_users().await),
        Effect::LoadContacts { offset, limit } => Msg::ContactsLoaded(
            client
                .contacts_page(
                    limit,
                    offset,
                    crate::app::picker::ORDER,
                    crate::app::picker::INCLUDE,
                )
                .await,
        ),
        Effect::Check { id } => Msg::Checked(client.read_contact(&id, &report).await),
        Effect::Put { id, body } => Msg::Put(client.put_contact(&id, &body).await),
        Effect::Preview { id, body } => Msg::Previewed(client.preview_put(&id, &body)),
        Effect::ReadBack { id } => Msg::ReadBack(client.read_contact(&id, &report).await),
        Effect::Quit => return None,
        local => return execute_local(services.store.as_ref(), local),
    })
}
