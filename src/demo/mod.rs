//! An in-process stand-in for the Rolodex user-api v1.
//!
//! It serves `rolodex-tui --demo` and every HTTP test, and its seed data
//! (also public here, no server needed) builds the screenshots. It is an
//! axum application over in-memory sample data, on `127.0.0.1` only, with the
//! documented shapes and the replace-all save semantics. Tests reach behind
//! it to inject latency and failures ([`Faults`]), to change a contact as
//! another user would ([`DemoServer::modify_contact`]) and to see exactly what
//! the client sent ([`DemoServer::requests`]).
//!
//! `rolodex-tui --demo` starts it with [`DemoServer::start_persistent`], so
//! saves outlast the run; every test starts afresh from the seed with
//! [`DemoServer::start`].
//!
//! It runs its own accept loop instead of `axum::serve` because one fault,
//! a connection closed without any answer, needs the connection in hand.

mod behaviour;
mod clock;
mod definitions;
mod faults;
mod field_values;
mod generated;
mod handlers;
mod intercept;
mod saved;
mod seed;
mod store;
mod write;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

pub use behaviour::{Behaviour, Bulk, PutAnswer, SingleGet};
pub use faults::{Faults, RetryAfter};
pub use generated::generated_contact;
pub use seed::sample_contact;

use intercept::ConnectionKill;
use store::{ContactOrder, Paging, Store};

/// The id of the sample contact `--demo` opens (the guide's Jane Smith).
pub const DEMO_CONTACT_ID: &str = "contact_67890";
/// The only API key the demo server accepts.
pub const DEMO_API_KEY: &str = "demo-key";

/// One request as the server received it, for tests to assert on what the
/// client actually sent and when.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    pub method: String,
    /// The full path, `/user-api/v1/...`.
    pub path: String,
    /// The raw query string, still percent-encoded.
    pub query: Option<String>,
    /// The body parsed as JSON; a body that is not JSON is kept as a string;
    /// `None` when there was none.
    pub body: Option<Value>,
    /// Whether it carried the demo key in either documented header.
    pub api_key_ok: bool,
    pub started: Instant,
    /// When the answer was handed over, or the connection dropped.
    pub finished: Instant,
}

/// State shared by the handle and the request handlers.
#[derive(Debug)]
pub(crate) struct Shared {
    api_key: String,
    store: Mutex<Store>,
    faults: Faults,
    behaviour: Mutex<Behaviour>,
    requests: Mutex<Vec<RequestRecord>>,
    /// Where the contacts are saved after each successful PUT, if anywhere.
    saved_to: Option<PathBuf>,
    /// Held while saving, so saves land on disk in the order they happened.
    saving: Mutex<()>,
}

impl Shared {
    /// Saves the contacts, if this server keeps them between runs. A save
    /// that fails is logged: the PUT itself succeeded, in memory.
    pub(crate) fn keep_contacts(&self) {
        let Some(path) = &self.saved_to else {
            return;
        };
        let _order = self.saving.lock().unwrap_or_else(PoisonError::into_inner);
        let result = saved::save(path, &self.store());
        if let Err(e) = result {
            tracing::warn!(error = %e, path = %path.display(), "saving the demo's contacts failed");
        }
    }

    pub(crate) fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Locks are never held across an await, and a panic in one handler must
    /// not take the whole demo down, so poisoning is ignored.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn behaviour(&self) -> Behaviour {
        *self
            .behaviour
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn requests_log(&self) -> MutexGuard<'_, Vec<RequestRecord>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends a record and returns its index.
    fn record(&self, record: RequestRecord) -> usize {
        let mut log = self.requests_log();
        log.push(record);
        log.len() - 1
    }
}

/// A running demo server. Dropping it stops the server and closes every
/// connection it has open.
#[derive(Debug)]
pub struct DemoServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    /// Dropped with the server; its receivers then see the channel close.
    _stop: watch::Sender<()>,
}

impl DemoServer {
    /// Binds `127.0.0.1` on a port the OS chooses and serves the seeded
    /// workspace from a task on the current tokio runtime.
    pub async fn start() -> std::io::Result<DemoServer> {
        Self::start_with_key(DEMO_API_KEY).await
    }

    /// As [`DemoServer::start`], accepting `api_key` instead of the demo's
    /// (a key shaped like a real one, for the tests that it never leaks).
    pub async fn start_with_key(api_key: &str) -> std::io::Result<DemoServer> {
        Self::serve(api_key, seed::seeded_store(), None).await
    }

    /// As [`DemoServer::start`], but the contacts outlast the server: it
    /// starts from the contacts saved at `path` (the seed when nothing is
    /// saved there yet) and saves them there after each successful PUT.
    /// A saved file that cannot be read is an error that names it and the
    /// way out (`rolodex-tui --demo --reset`), never silently replaced.
    pub async fn start_persistent(path: impl Into<PathBuf>) -> std::io::Result<DemoServer> {
        let path = path.into();
        let store = saved::load(&path)?.unwrap_or_else(seed::seeded_store);
        Self::serve(DEMO_API_KEY, store, Some(path)).await
    }

    async fn serve(
        api_key: &str,
        store: Store,
        saved_to: Option<PathBuf>,
    ) -> std::io::Result<DemoServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            api_key: api_key.to_string(),
            store: Mutex::new(store),
            faults: Faults::default(),
            behaviour: Mutex::new(Behaviour::default()),
            requests: Mutex::new(Vec::new()),
            saved_to,
            saving: Mutex::new(()),
        });
        let (stop, stopped) = watch::channel(());
        tokio::spawn(accept_loop(
            listener,
            handlers::router(shared.clone()),
            stopped,
        ));
        Ok(DemoServer {
            addr,
            shared,
            _stop: stop,
        })
    }

    /// The server's routes on its shared state, to serve over another
    /// transport as well (the TLS front of `examples/demo_server.rs`).
    /// Faults that drop a connection do nothing there.
    pub fn app(&self) -> Router {
        handlers::router(self.shared.clone())
    }

    /// The API root including the `/user-api/v1` prefix, as the client's
    /// `--base-url` expects it.
    pub fn base_url(&self) -> String {
        format!("http://{}/user-api/v1", self.addr)
    }

    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// How the server answers where the guide's examples differ from the
    /// client's wishes (see [`Behaviour`]); in force until changed.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self
            .shared
            .behaviour
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = behaviour;
    }

    pub fn behaviour(&self) -> Behaviour {
        self.shared.behaviour()
    }

    /// From now on, changes are stamped by a fixed clock (just after the
    /// newest seeded time, one second more a change) instead of the time
    /// now, for a test that compares times across runs.
    pub fn fix_clock(&self) {
        self.shared.store().fix_clock();
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.requests_log().clone()
    }

    pub fn clear_requests(&self) {
        self.shared.requests_log().clear();
    }

    /// The stored contact with every relationship list: the `data` object a
    /// GET with all seven includes returns.
    pub fn contact(&self, id: &str) -> Option<Value> {
        self.shared.store().contact(id)
    }

    /// Changes a contact behind the client's back, as another user would:
    /// applies `f` to the stored JSON and moves `updated_at` forward.
    /// Returns false if there is no such contact.
    pub fn modify_contact(&self, id: &str, f: impl FnOnce(&mut Value)) -> bool {
        self.shared.store().modify_contact(id, f)
    }
}

/// The contact custom field definitions exactly as `GET /custom-fields?
/// entity_type=CONTACT` serves them, every page in order, without a server.
pub fn contact_field_definitions() -> Vec<Value> {
    definitions::contact_field_defs()
        .map(|d| d.to_json())
        .collect()
}

/// The sample contact, its CONTACT field definitions and the workspace
/// users as the client reads them from the demo server (checked by
/// `tests/screenshots.rs`), without a server: the fixture of the UI
/// snapshots, the screenshots and the benches.
pub fn sample_workspace() -> (
    crate::wire::Contact,
    Vec<crate::wire::CustomFieldDef>,
    Vec<crate::wire::WorkspaceUser>,
) {
    fn parse<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("the demo's seed data fits the wire model")
    }
    (
        parse(sample_contact()),
        contact_field_definitions().into_iter().map(parse).collect(),
        workspace_users().into_iter().map(parse).collect(),
    )
}

/// The workspace's tags and contact lists as `GET /tags` and `GET
/// /lists?type=CONTACT` serve them, every page in order, without a server.
pub fn tags_and_contact_lists() -> (Vec<Value>, Vec<Value>) {
    let lists = seed::lists()
        .into_iter()
        .filter(|l| l["type"] == "CONTACT")
        .collect();
    (seed::tags(), lists)
}

/// The characters outside ASCII in the sample workspace's own text (the
/// contact, its definitions, users, tags and lists), less the symbols the
/// program draws of its own (a `—` in a note): what a screen drawn in
/// ASCII may still show, and all it may show beyond ASCII.
pub fn sample_text_beyond_ascii() -> std::collections::BTreeSet<char> {
    let (contact, defs, users) = sample_workspace();
    let (tags, lists) = tags_and_contact_lists();
    serde_json::json!([contact, defs, users, tags, lists])
        .to_string()
        .chars()
        .filter(|c| !c.is_ascii() && !crate::glyphs::is_unicode_symbol(*c))
        .collect()
}

/// The workspace users exactly as `GET /workspace-users` serves them, every
/// page in order, without a server.
pub fn workspace_users() -> Vec<Value> {
    seed::workspace_users()
}

/// The first `limit` contacts as the contact picker lists them (by name,
/// with their emails), and how many there are: the seed data, without a
/// server.
pub fn listed_contacts(limit: usize) -> (usize, Vec<Value>) {
    let paging = Paging { limit, offset: 0 };
    seed::seeded_store().contacts_page(ContactOrder::FullName, false, paging, &["emails"])
}

async fn accept_loop(listener: TcpListener, app: Router, mut stopped: watch::Receiver<()>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, app.clone(), stopped.clone()));
            }
            // Out of file descriptors and the like: back off briefly rather
            // than spin.
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
}

/// Serves one HTTP/1.1 connection until the client closes it, the server
/// stops, or a fault asks for it to be dropped. Dropping the connection
/// future closes the socket without writing anything further.
async fn serve_connection(stream: TcpStream, app: Router, mut stopped: watch::Receiver<()>) {
    let kill = ConnectionKill::default();
    let handle = kill.clone();
    let service = app.map_request(move |mut req: axum::http::Request<Incoming>| {
        req.extensions_mut().insert(handle.clone());
        req
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::select! {
        _ = connection => {}
        _ = kill.0.notified() => {}
        _ = stopped.changed() => {}
    }
}
