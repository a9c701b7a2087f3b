//! Carrying out [`Effect`]s: the only place the application does network I/O.

use crate::api::RolodexClient;
use crate::app::{Effect, Msg};

/// Performs one effect and returns the message that reports its result.
/// `Quit` has no result; the runtime handles it before calling this.
pub async fn execute(client: &RolodexClient, effect: Effect) -> Option<Msg> {
    Some(match effect {
        Effect::Load { id } => Msg::Loaded(client.load(&id).await),
        Effect::LoadUsers => Msg::UsersLoaded(client.workspace_users().await),
        Effect::Check { id } => Msg::Checked(client.contact(&id).await),
        Effect::Put { id, body } => Msg::Put(client.put_contact(&id, &body).await),
        Effect::ReadBack { id } => Msg::ReadBack(client.contact(&id).await),
        Effect::Quit => return None,
    })
}
