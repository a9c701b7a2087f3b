//! What the client is configured with, and the checks made on it before any
//! request: the key is kept out of every printout, the base URL must be able
//! to carry the API paths, and redirects may not leave the configured origin.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::{Url, redirect};

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
}

impl ClientConfig {
    /// Defaults: header auth, 10 s to connect, 30 s per request, 8 MiB answers,
    /// pages of 100, a rate-limited GET tried again up to 3 times after at
    /// most 30 s each.
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

/// Follows a redirect only within the same origin: the key header is sent on
/// every request, and reqwest strips only the standard credential headers
/// when a redirect leaves the host.
pub(super) fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() < 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}
