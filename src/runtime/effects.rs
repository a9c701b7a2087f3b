//! Carrying out [`Effect`]s: the only place the application does I/O.

use std::collections::VecDeque;

use crate::api::RolodexClient;
use crate::app::Journal;
use crate::app::{Effect, Local, Model, Msg, Remote, update};
use crate::contact::DRAFT_VERSION;
use crate::store::{OpenedDraft, Store};
use crate::time::now_timestamp;

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
    /// Texts for the terminal's clipboard, in order.
    pub clipboard: Vec<String>,
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
            Effect::Clipboard(text) => pending.clipboard.push(text),
        }
    }
    pending
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
fn now() -> String {
    now_timestamp()
}

/// Performs a disk effect; returns a message only when there is something
/// to report. Without a state folder, a draft or a history entry is
/// reported as not written: nothing on disk keeps it.
pub fn execute_local(store: Option<&Store>, effect: Local) -> Option<Msg> {
    const NO_FOLDER: &str = "there is no state folder (set XDG_STATE_HOME or HOME)";
    // What failed, in words: the folder, and the system's reason without
    // its number ("/…/drafts: Read-only file system").
    let failed = |what: &str, e: std::io::Error, folder: Option<&std::path::Path>| {
        tracing::warn!(error = %e, "{what}");
        let text = e.to_string();
        let reason = match text.rfind(" (os error ") {
            Some(at) => &text[..at],
            None => &text,
        };
        match folder {
            Some(folder) => format!("{}: {reason}", folder.display()),
            None => reason.to_string(),
        }
    };
    match effect {
        Local::WriteDraftTo { mut draft, folder } => {
            draft.saved_at = now();
            let written = crate::store::write_draft_to(std::path::Path::new(&folder), &draft);
            Some(Msg::DraftWrittenTo(
                written
                    .map(|path| path.display().to_string())
                    .map_err(|e| failed("writing the draft to another folder failed", e, None)),
            ))
        }
        Local::WriteDraft(mut draft) => Some(Msg::DraftWritten(match store {
            None => Err(NO_FOLDER.into()),
            Some(store) => {
                draft.saved_at = now();
                let folder = store.root().join("drafts");
                store
                    .write_draft(&draft)
                    .map(drop)
                    .map_err(|e| failed("writing the draft failed", e, Some(&folder)))
            }
        })),
        Local::WriteHistory(contact) => Some(Msg::HistoryKept(match store {
            None => Err(NO_FOLDER.into()),
            Some(store) => store
                .write_history(&contact, &now())
                .map(drop)
                .map_err(|e| {
                    let folder = store.root().join("history");
                    failed(
                        "keeping the contact in the save history failed",
                        e,
                        Some(&folder),
                    )
                }),
        })),
        Local::Claim { id } => Some(Msg::Claimed(store?.claim_draft(&id).map_err(|e| {
            tracing::warn!(error = %e, "checking the contact's lock failed");
            e.to_string()
        }))),
        Local::Release { id } => {
            // Nothing to tell on screen: a lock left behind is taken over
            // by the next editor once this process has ended.
            if let Err(e) = store?.release_draft(&id) {
                tracing::warn!(error = %e, "removing the contact's lock failed");
            }
            None
        }
        Local::ReadDraft { id } => Some(open_draft(store?, &id)),
        Local::DeleteDraft { id } => {
            let store = store?;
            let e = store.remove_draft(&id).err()?;
            let folder = store.root().join("drafts");
            Some(Msg::DraftNotRemoved(failed(
                "removing the draft failed",
                e,
                Some(&folder),
            )))
        }
    }
}

/// Opens the draft left for a contact; a draft set aside is logged with
/// why, since the status line only says where it went.
fn open_draft(store: &Store, id: &str) -> Msg {
    match store.open_draft(id, &now()) {
        Ok(OpenedDraft::Nothing) => match store.draft_of_unknown_workspace(id) {
            Some(path) => Msg::DraftOfUnknownWorkspace(path),
            None => Msg::DraftRead(Ok(None)),
        },
        Ok(OpenedDraft::Found { draft, version }) => {
            if version < DRAFT_VERSION {
                tracing::info!(version, "a draft of an older format was read and migrated");
            }
            Msg::DraftRead(Ok(Some(draft)))
        }
        Ok(OpenedDraft::SetAside(set_aside)) => {
            tracing::warn!(
                draft = %store.draft_path(id).display(),
                moved_to = %set_aside.to.display(),
                reason = %set_aside.why,
                "a draft this version cannot use was moved aside, unchanged"
            );
            Msg::DraftSetAside(set_aside)
        }
        Err(e) => {
            tracing::warn!(error = %e, "a draft could not be used or moved aside");
            Msg::DraftRead(Err(e.to_string()))
        }
    }
}

/// Gives up the contact's lock if this editor holds it. The run loop does
/// this however it ends (a quit, a signal, the terminal gone), so the
/// lock lasts exactly as long as the editor; after a crash it names a
/// process that no longer runs, and the next editor takes it over.
pub fn release_claim(model: &Model, store: Option<&Store>) {
    if model.journal == Journal::Held {
        execute_local(
            store,
            Local::Release {
                id: model.contact_id.clone(),
            },
        );
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
        Remote::Load { id } => {
            let result = client.load_with(&id, &report).await;
            progress(clock());
            Msg::Loaded(result)
        }
        Remote::LoadUsers => Msg::UsersLoaded(client.workspace_users().await),
        Remote::LoadLinks => {
            let (tags, lists) = tokio::join!(client.tags(), client.contact_lists());
            Msg::LinksLoaded { tags, lists }
        }
        Remote::LoadContacts { offset, limit } => Msg::ContactsLoaded(
            client
                .contacts_page(limit, offset, crate::app::ORDER, crate::app::INCLUDE)
                .await,
        ),
        Remote::Check { id } => {
            let result = client.read_contact(&id, &report).await;
            progress(clock());
            Msg::Checked(result)
        }
        Remote::Put { id, body } => {
            let result = client.put_contact(&id, &body).await;
            progress(clock());
            Msg::Put(result)
        }
        Remote::Preview { id, body } => Msg::Previewed(client.preview_put(&id, &body)),
        Remote::ReadBack { id } => {
            let result = client.read_contact(&id, &report).await;
            progress(clock());
            Msg::ReadBack(result)
        }
    }
}

/// Now, for a request's result ([`Msg::Clock`]).
fn clock() -> Msg {
    Msg::Clock(jiff::Timestamp::now())
}
