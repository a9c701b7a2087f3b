//! The Rolodex HTTP client: one reused connection pool, typed calls, and every
//! failure mapped to an [`ApiError`] the UI can explain.
//!
//! Defensive by default because the API guide documents neither errors nor
//! limits: answers are size-capped while they stream, parsed with the JSON path
//! of any bad value, redirects to another origin are not followed (the key
//! header would go with them), and the key never appears in any error, `Debug`
//! output or `--dry-run` preview.

mod caps;
mod config;
mod failure;
pub mod probe;
mod read;

use std::fmt;
use std::sync::Arc;

use futures::{StreamExt, stream};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Response, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use caps::{DEFAULT_LIST_CAPS, DEFAULT_LOOKUP_CAPS, ListCaps};
pub use config::{
    ApiKey, AuthScheme, ClientConfig, DEFAULT_PAGE_SIZE, RequestPreview, contact_address,
    contact_path, is_loopback,
};

use super::error::{ApiError, MESSAGE_MAX_CHARS, PagedList, one_line, redact};
use crate::contact::Linked;
use crate::wire::{Contact, CustomFieldDef, Page, PutBody, WorkspaceUser};
use caps::Tally;
use config::{parse_base_url, same_origin_redirects};
use failure::{Endpoint, failure_from_response, transport_error};
pub use read::{LookupReason, ReadEvent, ReadPath, missing_lists};

/// Where a call reports what it is doing while it waits (a lookup page by
/// page, a rate limit counting down), for the screen to show.
pub type Progress<'a> = &'a (dyn Fn(ReadEvent) + Send + Sync);

/// A [`Progress`] that shows nothing.
pub fn no_progress(_: ReadEvent) {}

/// Lists longer than this many pages are refused rather than fetched: a
/// `total` that large is far more likely a broken server than a real workspace.
const MAX_PAGES: u64 = 200;
/// How many list pages are in flight at once.
const CONCURRENT_PAGES: usize = 8;
const KEY_HEADER: &str = "x-rolodex-api-key";

/// The Rolodex API client. Cheap to clone: clones share one connection pool.
///
/// The connection pool is built on the first request, off the thread that
/// draws: for an `https://` API, building it loads and parses the system's
/// certificate roots (tens of milliseconds), which then overlaps the first
/// frame instead of delaying it. A plain `http://` API (allowed for loopback
/// hosts) gets no roots at all: it never makes a TLS connection.
#[derive(Clone)]
pub struct RolodexClient {
    http: Arc<tokio::sync::OnceCell<reqwest::Client>>,
    inner: Arc<Inner>,
}

struct Inner {
    base: Url,
    key: ApiKey,
    auth_name: HeaderName,
    auth_value: HeaderValue,
    max_body_bytes: usize,
    page_size: u32,
    connect_timeout: std::time::Duration,
    request_timeout: std::time::Duration,
    rate_limit_retries: u32,
    max_rate_limit_wait: std::time::Duration,
    list_caps: ListCaps,
    lookup_caps: ListCaps,
    /// How contacts are read in this session, once the first read chose.
    read_path: std::sync::Mutex<Option<ReadPath>>,
}

impl fmt::Debug for RolodexClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RolodexClient")
            .field("base_url", &self.inner.base.as_str())
            .finish_non_exhaustive()
    }
}

impl RolodexClient {
    /// Checks the configuration; the connection pool is built by the first
    /// request (see [`RolodexClient`]).
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let base = parse_base_url(&config.base_url)?;
        let (auth_name, raw_value) = match config.auth {
            AuthScheme::Header => (
                HeaderName::from_static(KEY_HEADER),
                config.api_key.expose_secret().to_string(),
            ),
            AuthScheme::Bearer => (
                AUTHORIZATION,
                format!("Bearer {}", config.api_key.expose_secret()),
            ),
        };
        let mut auth_value = HeaderValue::from_str(&raw_value).map_err(|_| ApiError::Config {
            detail: "the API key contains characters that cannot be sent in an HTTP header \
                     (check ROLODEX_API_KEY for a stray newline or quote)"
                .to_string(),
        })?;
        auth_value.set_sensitive(true);
        if config.max_body_bytes == 0 || config.page_size == 0 {
            return Err(ApiError::Config {
                detail: "max_body_bytes and page_size must be above zero".to_string(),
            });
        }
        if base.scheme() == "https" {
            warm_tls_random();
        }
        Ok(RolodexClient {
            http: Arc::new(tokio::sync::OnceCell::new()),
            inner: Arc::new(Inner {
                base,
                key: config.api_key,
                auth_name,
                auth_value,
                max_body_bytes: config.max_body_bytes,
                page_size: config.page_size,
                connect_timeout: config.connect_timeout,
                request_timeout: config.request_timeout,
                rate_limit_retries: config.rate_limit_retries,
                max_rate_limit_wait: config.max_rate_limit_wait,
                list_caps: config.list_caps,
                lookup_caps: config.lookup_caps,
                read_path: std::sync::Mutex::new(None),
            }),
        })
    }

    /// The connection pool, built by the first request that needs it.
    async fn http(&self) -> Result<&reqwest::Client, ApiError> {
        self.http
            .get_or_try_init(|| async {
                if self.inner.base.scheme() == "http" {
                    // No roots to load: quick enough to build right here.
                    return build_http(&self.inner);
                }
                let inner = self.inner.clone();
                // Loading certificate roots reads and parses files: keep it
                // off the async workers.
                tokio::task::spawn_blocking(move || build_http(&inner))
                    .await
                    .map_err(|e| ApiError::Config {
                        detail: format!("the HTTP client could not be built: {e}"),
                    })?
            })
            .await
    }

    /// The API root requests are made against.
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// One contact with every relationship list the server gives, by this
    /// session's read path (see [`RolodexClient::read_contact`]).
    pub async fn contact(&self, id: &str) -> Result<Contact, ApiError> {
        self.read_contact(id, &no_progress).await
    }

    /// Every CONTACT custom field definition, all pages, in the server's
    /// order. A server that ignores the `entity_type` filter has its other
    /// definitions dropped here: they are not fields of a contact.
    pub async fn contact_custom_fields(&self) -> Result<Vec<CustomFieldDef>, ApiError> {
        self.contact_custom_fields_with(&no_progress).await
    }

    async fn contact_custom_fields_with(
        &self,
        progress: Progress<'_>,
    ) -> Result<Vec<CustomFieldDef>, ApiError> {
        let mut defs: Vec<CustomFieldDef> = self
            .all_pages(
                PagedList::CustomFieldDefinitions,
                "custom-fields",
                &[("entity_type", "CONTACT")],
                progress,
            )
            .await?;
        let before = defs.len();
        defs.retain(|d| d.entity_type.get().is_none_or(|t| t == "CONTACT"));
        if defs.len() < before {
            tracing::warn!(
                dropped = before - defs.len(),
                "the entity_type filter was ignored; non-CONTACT definitions dropped"
            );
        }
        Ok(defs)
    }

    /// The contact and the definitions, requested at the same time.
    pub async fn load(&self, id: &str) -> Result<(Contact, Vec<CustomFieldDef>), ApiError> {
        self.load_with(id, &no_progress).await
    }

    /// As [`RolodexClient::load`], reporting what a slow read is doing.
    pub async fn load_with(
        &self,
        id: &str,
        progress: Progress<'_>,
    ) -> Result<(Contact, Vec<CustomFieldDef>), ApiError> {
        tokio::try_join!(
            self.read_contact(id, progress),
            self.contact_custom_fields_with(progress)
        )
    }

    /// One page of the contact list, with the relationship lists named in
    /// `include` (comma-separated; empty for none).
    pub async fn contacts_page(
        &self,
        limit: u32,
        offset: u64,
        order_by: &str,
        include: &str,
    ) -> Result<Page<Contact>, ApiError> {
        let (page, _size) = self
            .contacts_page_with(limit, offset, order_by, include, &no_progress)
            .await?;
        Ok(page)
    }

    /// One page of the contact list, and the size of the answer it came in.
    async fn contacts_page_with(
        &self,
        limit: u32,
        offset: u64,
        order_by: &str,
        include: &str,
        progress: Progress<'_>,
    ) -> Result<(Page<Contact>, usize), ApiError> {
        let (limit, offset) = (limit.to_string(), offset.to_string());
        let mut query = vec![
            ("limit", limit.as_str()),
            ("offset", offset.as_str()),
            ("order_by", order_by),
        ];
        if !include.is_empty() {
            query.push(("include", include));
        }
        let url = self.url(&["contacts"], &query);
        self.send_sized(
            Method::GET,
            url,
            None,
            Endpoint::list("GET /contacts"),
            progress,
        )
        .await
    }

    /// Every workspace user (the candidates for USER values), all pages.
    pub async fn workspace_users(&self) -> Result<Vec<WorkspaceUser>, ApiError> {
        self.all_pages(
            PagedList::WorkspaceUsers,
            "workspace-users",
            &[],
            &no_progress,
        )
        .await
    }

    /// Every tag of the workspace, all pages, as `(id, name)`.
    pub async fn tags(&self) -> Result<Vec<Linked>, ApiError> {
        self.all_pages(PagedList::Tags, "tags", &[], &no_progress)
            .await
    }

    /// Every contact list of the workspace (`type=CONTACT`), all pages.
    pub async fn contact_lists(&self) -> Result<Vec<Linked>, ApiError> {
        self.all_pages(
            PagedList::ContactLists,
            "lists",
            &[("type", "CONTACT")],
            &no_progress,
        )
        .await
    }

    /// Sends the save. Any 2xx means it was stored, whatever the answer
    /// carries (nothing, `{}`, `{"data": null}`, scalars or a whole
    /// contact): the guide's own PUT examples never return what they asked
    /// for, so what the server holds is learnt from a read afterwards. Never
    /// retried here: a lost answer may hide an applied write.
    pub async fn put_contact(&self, id: &str, body: &PutBody) -> Result<(), ApiError> {
        let url = self.contact_url(id, &[])?;
        let body = serde_json::to_value(body).map_err(|e| ApiError::Config {
            detail: format!("the save could not be encoded as JSON: {e}"),
        })?;
        let endpoint = Endpoint::contact("PUT", id);
        self.send_raw(Method::PUT, url, Some(&body), endpoint, &no_progress)
            .await
            .map(drop)
    }

    /// What [`RolodexClient::put_contact`] would send: method, URL, the headers
    /// it sets (key shown as `***`) and the body, pretty-printed.
    pub fn preview_put(&self, id: &str, body: &PutBody) -> RequestPreview {
        let url = self.url(&["contacts", id], &[]);
        debug_assert_eq!(url.as_str(), contact_address(self.inner.base.as_str(), id));
        let headers = self
            .headers(true)
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() {
                    "***".to_string()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_string(), shown)
            })
            .collect();
        let body_json = crate::json::to_string_pretty(body)
            .unwrap_or_else(|e| format!("(the body could not be encoded: {e})"));
        RequestPreview {
            method: "PUT".to_string(),
            url: url.to_string(),
            headers,
            body_json,
        }
    }

    /// Reads every page of a list: the first to learn `total`, then the rest
    /// a few at a time, concatenated in offset order. The whole list is
    /// capped ([`ListCaps`]): a `total` above the item cap is refused after
    /// the first page, and reading stops at the page that takes the items or
    /// bytes received over a cap (the pages in flight are dropped).
    async fn all_pages<T>(
        &self,
        list: PagedList,
        resource: &str,
        filter: &[(&str, &str)],
        progress: Progress<'_>,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Send,
    {
        let label = format!("GET /{resource}");
        let mut tally = Tally::new(list, self.inner.list_caps);
        let (first, size): (Page<T>, usize) = self
            .list_page(resource, filter, self.inner.page_size, 0, &label, progress)
            .await?;
        tally.page(first.data.len(), size)?;
        let total = first.pagination.total;
        // A server that caps the page size below what was asked still pages
        // correctly: step by what it actually returned.
        let step = (first.data.len() as u64).min(u64::from(self.inner.page_size));
        let mut items = first.data;
        if step == 0 || total <= step {
            return Ok(items);
        }
        tally.total(total)?;
        let remaining_pages = (total - step).div_ceil(step);
        if remaining_pages >= MAX_PAGES {
            return Err(ApiError::InvalidResponse {
                path: "pagination.total".to_string(),
                detail: format!("{total} items is more than this client will page through"),
            });
        }
        let limit = u32::try_from(step).unwrap_or(self.inner.page_size);
        let mut pages = stream::iter(1..=remaining_pages)
            .map(|i| self.list_page::<T>(resource, filter, limit, i * step, &label, progress))
            .buffered(CONCURRENT_PAGES);
        while let Some(page) = pages.next().await {
            let (page, size) = page?;
            tally.page(page.data.len(), size)?;
            items.extend(page.data);
        }
        Ok(items)
    }

    /// One page of a list, and the size of the answer it came in.
    async fn list_page<T: DeserializeOwned>(
        &self,
        resource: &str,
        filter: &[(&str, &str)],
        limit: u32,
        offset: u64,
        label: &str,
        progress: Progress<'_>,
    ) -> Result<(Page<T>, usize), ApiError> {
        let (limit, offset) = (limit.to_string(), offset.to_string());
        let mut query = filter.to_vec();
        query.extend([("limit", limit.as_str()), ("offset", offset.as_str())]);
        let url = self.url(&[resource], &query);
        self.send_sized(Method::GET, url, None, Endpoint::list(label), progress)
            .await
    }

    /// `contacts/ID`, refusing ids that cannot name one contact in a path
    /// (`""`, `.` and `..` would address another resource).
    fn contact_url(&self, id: &str, query: &[(&str, &str)]) -> Result<Url, ApiError> {
        if matches!(id, "" | "." | "..") {
            return Err(ApiError::NotFound {
                what: format!("contact \"{}\"", one_line(id, 80)),
                message: Some("that is not a valid contact id".to_string()),
            });
        }
        Ok(self.url(&["contacts", id], query))
    }

    /// An address under the API root (see [`config::join`]).
    fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        config::join(&self.inner.base, segments, query)
    }

    fn headers(&self, json_body: bool) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if json_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        headers.insert(self.inner.auth_name.clone(), self.inner.auth_value.clone());
        headers
    }

    /// One exchange whose answer is parsed as `T`.
    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        endpoint: Endpoint,
        progress: Progress<'_>,
    ) -> Result<T, ApiError> {
        let bytes = self.send_raw(method, url, body, endpoint, progress).await?;
        self.parse(&bytes)
    }

    /// As [`RolodexClient::send`], with the size of the answer, for the
    /// reads that count what a whole list takes.
    async fn send_sized<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        endpoint: Endpoint,
        progress: Progress<'_>,
    ) -> Result<(T, usize), ApiError> {
        let bytes = self.send_raw(method, url, body, endpoint, progress).await?;
        Ok((self.parse(&bytes)?, bytes.len()))
    }

    /// One exchange, logged: method, path, outcome and time — never headers
    /// (the key) and never bodies (personal data). A GET answered 429 is
    /// tried again after waiting out `Retry-After` (capped), counting down
    /// through `progress`, a few times; then the 429 is the answer. Nothing
    /// else is retried.
    async fn send_raw(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        endpoint: Endpoint,
        progress: Progress<'_>,
    ) -> Result<Vec<u8>, ApiError> {
        let retries = if method == Method::GET {
            self.inner.rate_limit_retries
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            let started = std::time::Instant::now();
            let (verb, path) = (method.to_string(), url.path().to_string());
            let result = self
                .exchange(method.clone(), url.clone(), body, &endpoint)
                .await;
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            match &result {
                Ok(_) => tracing::info!(%verb, %path, ms, "ok"),
                Err(e) => tracing::warn!(%verb, %path, ms, error = %e, "failed"),
            }
            match result {
                Err(ApiError::RateLimited { retry_after }) if attempt < retries => {
                    attempt += 1;
                    let wait = retry_after
                        .unwrap_or(std::time::Duration::from_secs(2u64.saturating_pow(attempt)))
                        .min(self.inner.max_rate_limit_wait);
                    self.count_down(wait, attempt, retries, progress).await;
                }
                other => return other,
            }
        }
    }

    /// Waits `wait`, telling `progress` every second how much is left.
    async fn count_down(
        &self,
        wait: std::time::Duration,
        attempt: u32,
        of: u32,
        progress: Progress<'_>,
    ) {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return;
            }
            progress(ReadEvent::RateLimited {
                seconds_left: left.as_secs_f64().ceil() as u64,
                attempt,
                of,
            });
            let step = left.min(std::time::Duration::from_secs(1));
            tokio::time::sleep(step).await;
        }
    }

    async fn exchange(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        endpoint: &Endpoint,
    ) -> Result<Vec<u8>, ApiError> {
        let mut request = self
            .http()
            .await?
            .request(method, url)
            .headers(self.headers(body.is_some()));
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        let response = request.send().await.map_err(|e| self.transport(&e))?;
        let status = response.status();
        if !status.is_success() {
            let answered = response.url().clone();
            let headers = response.headers().clone();
            // The message is a courtesy: a body that cannot be read still
            // leaves the status to report.
            let body = self.read_capped(response).await.unwrap_or_default();
            return Err(failure_from_response(
                status.as_u16(),
                &answered,
                &headers,
                &body,
                endpoint,
                &|text| self.clean(text),
            ));
        }
        self.read_capped(response).await
    }

    /// Reads the answer, refusing it as soon as it is known to exceed the cap:
    /// up front from `Content-Length`, else while the chunks arrive.
    async fn read_capped(&self, mut response: Response) -> Result<Vec<u8>, ApiError> {
        let limit = self.inner.max_body_bytes;
        let announced = response.content_length().unwrap_or(0);
        if announced > limit as u64 {
            return Err(ApiError::TooLarge { limit });
        }
        let mut body = Vec::with_capacity(announced as usize);
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(&e))? {
            if chunk.len() > limit - body.len() {
                return Err(ApiError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn parse<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, ApiError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            let start = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
            ApiError::InvalidResponse {
                path: String::new(),
                detail: format!(
                    "the body is not JSON ({e}); it begins: {}",
                    self.clean(&start)
                ),
            }
        })?;
        serde_path_to_error::deserialize(value).map_err(|e| ApiError::InvalidResponse {
            path: e.path().to_string(),
            detail: self.clean(&e.inner().to_string()),
        })
    }

    fn transport(&self, error: &reqwest::Error) -> ApiError {
        transport_error(error, &|text| self.clean(text))
    }

    /// Untrusted text made safe to keep in an error: no key, one short line.
    /// The key is removed before and after flattening, so control characters
    /// inserted inside it cannot smuggle it through.
    fn clean(&self, text: &str) -> String {
        let key = self.inner.key.expose_secret();
        redact(&one_line(&redact(text, key), MESSAGE_MAX_CHARS), key)
    }
}

/// Seeds the TLS library's random number generator now, on a thread of its
/// own. aws-lc seeds it once per process from CPU jitter, some 50 ms of
/// work; left to the first handshake it falls between the TCP connect and
/// the ClientHello, on the way to the contact. Started here, it runs while
/// the TCP handshakes are under way.
fn warm_tls_random() {
    let _ = std::thread::Builder::new()
        .name("tls-seed".into())
        .spawn(|| {
            let mut seed = [0u8; 32];
            let _ = rustls::crypto::aws_lc_rs::default_provider()
                .secure_random
                .fill(&mut seed);
        });
}

/// The reqwest client for `inner`'s API root.
fn build_http(inner: &Inner) -> Result<reqwest::Client, ApiError> {
    let mut builder = reqwest::Client::builder();
    if is_loopback(&inner.base) {
        // A proxy from the environment cannot reach this machine's ports.
        builder = builder.no_proxy();
    }
    if inner.base.scheme() == "http" {
        // Redirects stay on this origin, so no request can need TLS: skip
        // loading the system's certificate roots.
        builder = builder.tls_certs_only(Vec::<reqwest::Certificate>::new());
    }
    builder
        .connect_timeout(inner.connect_timeout)
        .timeout(inner.request_timeout)
        .redirect(same_origin_redirects())
        .user_agent(concat!("rolodex-tui/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ApiError::Config {
            detail: one_line(&e.to_string(), MESSAGE_MAX_CHARS),
        })
}

#[cfg(test)]
mod tests;
