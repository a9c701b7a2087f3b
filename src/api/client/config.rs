//! What the client is configured with, and the checks made on it before any
//! request: the key is kept out of every printout, the base URL must be able
//! to carry the API paths, and redirects may not leave the configured origin.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::{Url, redirect};

use super::caps::{DEFAULT_LIST_CAPS, DEFAULT_LOOKUP_CAPS, ListCaps};
use crate::api::error::ApiError;

/// The page size used to read whole lists (definitions, users).
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// The API key. Kept out of every `Debug` and `Display` so it cannot reach a
/// log, the screen or an error message by accident; read it only through
/// [`ApiKey::expose_secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself, for the one place that must send it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// How the key is sent. The guide shows both forms; the header is on every
/// reference page, so it is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthScheme {
    /// `x-rolodex-api-key: KEY`
    #[default]
    Header,
    /// `Authorization: Bearer KEY`
    Bearer,
}

/// Everything the client needs; build it with [`ClientConfig::new`] and adjust.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    /// The API root including `/user-api/v1`; a trailing slash is fine.
    pub base_url: String,
    pub api_key: ApiKey,
    pub auth: AuthScheme,
    pub connect_timeout: Duration,
    /// The whole exchange, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// Answers larger than this are refused.
    pub max_body_bytes: usize,
    /// Items per request when a whole list is read.
    pub page_size: u32,
    /// How many times a GET answered 429 is tried again by itself, after
    /// waiting out `Retry-After` (a PUT never is).
    pub rate_limit_retries: u32,
    /// The longest wait for one of those retries, whatever `Retry-After` says.
    pub max_rate_limit_wait: Duration,
    /// The most one list kept whole (definitions, tags, contact lists,
    /// users) may hold, all its pages together.
    pub list_caps: ListCaps,
    /// The most of the contact list read while looking one contact up in it.
    pub lookup_caps: ListCaps,
}

impl ClientConfig {
    /// Defaults: header auth, 10 s to connect, 30 s per request, 8 MiB answers,
    /// pages of 100, a rate-limited GET tried again up to 3 times after at
    /// most 30 s each, lists of at most 10,000 items and 64 MiB, and at most
    /// 20,000 contacts and 256 MiB looked through for one contact.
    pub fn new(base_url: impl Into<String>, api_key: ApiKey) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            api_key,
            auth: AuthScheme::Header,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
            page_size: DEFAULT_PAGE_SIZE,
            rate_limit_retries: 3,
            max_rate_limit_wait: Duration::from_secs(30),
            list_caps: DEFAULT_LIST_CAPS,
            lookup_caps: DEFAULT_LOOKUP_CAPS,
        }
    }
}

/// The request a save would send, for `--dry-run`. The key is shown as `***`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPreview {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The body, pretty-printed.
    pub body_json: String,
}

impl fmt::Display for RequestPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        write!(f, "\n{}", self.body_json)
    }
}

/// The base URL plus percent-encoded path segments and query pairs (`,`
/// and `:` left as the guide writes them, see [`QUERY_VALUE`]): the one
/// builder of every address the client sends to, and of the address the
/// review and the dry run show.
pub(super) fn join(base: &Url, segments: &[&str], query: &[(&str, &str)]) -> Url {
    let mut url = base.clone();
    // Cannot fail: `parse_base_url` refused bases that cannot take a path.
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    if !query.is_empty() {
        let encode = |s: &str| percent_encoding::utf8_percent_encode(s, QUERY_VALUE).to_string();
        let pairs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        url.set_query(Some(&pairs.join("&")));
    }
    url
}

/// The query bytes sent as they are: letters, digits, `-._~`, and `,` and
/// `:`, which the guide writes raw (`include=emails,tags`,
/// `order_by=full_name:asc`) and which are legal in a query.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b',')
    .remove(b':');

/// The full address a save of contact `id` is sent to, exactly as the
/// client builds it (the id percent-encoded as one path segment), for the
/// confirmation dialog. A base URL the client would refuse is shown as given.
pub fn contact_address(base_url: &str, id: &str) -> String {
    match parse_base_url(base_url) {
        Ok(base) => join(&base, &["contacts", id], &[]).to_string(),
        Err(_) => format!("{}/contacts/{id}", base_url.trim_end_matches('/')),
    }
}

/// The path of that address (`/user-api/v1/contacts/…`), for short mentions.
pub fn contact_path(base_url: &str, id: &str) -> String {
    match parse_base_url(base_url) {
        Ok(base) => join(&base, &["contacts", id], &[]).path().to_string(),
        Err(_) => format!("/contacts/{id}"),
    }
}

/// Parses and checks the API root. Credentials in it are refused without
/// being echoed.
pub(super) fn parse_base_url(raw: &str) -> Result<Url, ApiError> {
    let bad = |why: &str| ApiError::Config {
        detail: format!("the base URL {why}"),
    };
    // The text is not echoed: a mistyped value may be a pasted secret.
    let url = Url::parse(raw.trim()).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not contain a user name or password"));
    }
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(bad(
            "must start with https:// (or http:// for a local server)",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query (?…) or fragment (#…)"));
    }
    Ok(url)
}

/// Whether the URL points at this machine (`localhost`, `*.localhost`,
/// `127.0.0.0/8`, `::1`): the one place plain http cannot be overheard, and
/// where a proxy from the environment must not be used.
pub fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    bare == "localhost"
        || bare.ends_with(".localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// How many redirects in a row are followed (all on the same origin); a
/// further one is taken as a redirect loop.
pub(super) const MAX_REDIRECTS: usize = 4;

/// Follows a redirect only within the same origin: the key header is sent on
/// every request, and reqwest strips only the standard credential headers
/// when a redirect leaves the host.
pub(super) fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}
