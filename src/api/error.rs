//! What can go wrong talking to Rolodex, in the classes the UI must tell apart.
//!
//! Every variant renders as one line a person can act on. Text that came from
//! the server (messages, raw bodies) is untrusted: it is reduced to one line of
//! printable characters with [`one_line`] and scrubbed of the API key before it
//! is stored, so neither `Display` nor `Debug` can put an escape sequence on
//! the terminal or echo the key.

use std::time::Duration;

mod text;

pub use text::{MESSAGE_MAX_CHARS, json_message, one_line, redact, server_message};

/// A failed call to the Rolodex API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 401 or 403: the server refused the key.
    #[error(
        "the Rolodex server refused the API key (HTTP {status}): check ROLODEX_API_KEY \
         (or --api-key-cmd) and that the key belongs to this workspace"
    )]
    Unauthorized { status: u16 },

    /// 404 (no such contact or endpoint) or 405 (endpoint not available).
    /// `what` names the thing that was asked for.
    #[error("not found: {what}{}", unless_restated(what, message.as_deref()))]
    NotFound {
        what: String,
        message: Option<String>,
    },

    /// 422 and every other 4xx: the server understood and said no.
    #[error(
        "the server rejected the request (HTTP {status}){}",
        suffix(Some(message))
    )]
    Rejected { status: u16, message: String },

    /// 429: too many requests; `retry_after` from the `Retry-After` header.
    #[error("the server is rate limiting requests (HTTP 429): {}", wait_hint(*retry_after))]
    RateLimited { retry_after: Option<Duration> },

    /// 5xx: the server failed.
    #[error(
        "the Rolodex server failed (HTTP {status}){}; try again later",
        suffix(Some(message))
    )]
    Server { status: u16, message: String },

    /// No complete answer within the request timeout (or no connection within
    /// the connect timeout).
    #[error("the Rolodex server did not answer in time; check the network and try again")]
    Timeout,

    /// The connection could not be made (DNS, refused).
    #[error("could not connect to the Rolodex server: {detail}")]
    Connect { detail: String },

    /// The server's TLS certificate was refused: what is wrong, and what
    /// fixes it, in plain words.
    #[error("could not connect securely to {host}: {problem}")]
    Tls { host: String, problem: TlsProblem },

    /// The connection broke before a complete answer arrived. For a write,
    /// the server may or may not have applied it: read the contact again.
    #[error("the connection to the Rolodex server was lost before a complete answer: {detail}")]
    ConnectionLost { detail: String },

    /// The answer was not JSON, or not the shape the client needs. `path` is
    /// the JSON path of the offending value (empty when the body is not JSON).
    #[error("the server's answer could not be read{}: {detail}", at_path(path))]
    InvalidResponse { path: String, detail: String },

    /// The answer was larger than `max_body_bytes`.
    #[error("the server's answer is larger than the {limit}-byte limit and was refused")]
    TooLarge { limit: usize },

    /// One list, all its pages together, holds more items or bytes than the
    /// client reads (the caps of [`crate::api::client::ListCaps`]). Reading
    /// stopped there.
    #[error("{}", list_too_large(*list, *max_items, *max_bytes, found))]
    ListTooLarge {
        list: PagedList,
        max_items: u64,
        max_bytes: u64,
        found: ListExcess,
    },

    /// The client could not be set up (bad base URL, unusable key, TLS setup).
    #[error("cannot set up the Rolodex client: {detail}")]
    Config { detail: String },
}

/// The lists the client reads page by page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagedList {
    CustomFieldDefinitions,
    Tags,
    ContactLists,
    WorkspaceUsers,
    /// The contact list, looked through for one contact.
    Contacts,
}

impl PagedList {
    /// The list in plain words, as the rest of a sentence follows it.
    pub fn words(self) -> &'static str {
        match self {
            PagedList::CustomFieldDefinitions => "custom field definitions",
            PagedList::Tags => "tags",
            PagedList::ContactLists => "contact lists",
            PagedList::WorkspaceUsers => "users",
            PagedList::Contacts => "contacts",
        }
    }
}

/// How a list was found to be over its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListExcess {
    /// Its `pagination.total` says it holds this many.
    Listed(u64),
    /// This many items had arrived, in this many pages.
    Items { items: u64, pages: u64 },
    /// More bytes than the cap had arrived, in this many pages.
    Bytes { pages: u64 },
}

impl ApiError {
    /// The HTTP status the server answered with, when there was an answer.
    /// Both "not found" answers (404 and 405) report 404.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { status }
            | ApiError::Rejected { status, .. }
            | ApiError::Server { status, .. } => Some(*status),
            ApiError::NotFound { .. } => Some(404),
            ApiError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// Whether trying the same request again later may succeed. The caller
    /// still decides: a PUT is never retried without the user asking.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Timeout
                | ApiError::Connect { .. }
                | ApiError::ConnectionLost { .. }
        )
    }
}

/// Why a server's certificate was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsProblem {
    /// Self-signed, or signed by an authority this machine does not trust.
    NotTrusted,
    Expired,
    NotYetValid,
    /// Issued for another host name than the one in the base URL.
    WrongHost,
    Revoked,
    /// The server presents an authority's own certificate as its certificate.
    AuthorityAsServer,
    /// Anything else the handshake refused, as one cleaned line.
    Other(String),
}

const ADD_YOUR_CA: &str = "if your organisation uses its own certificate authority, add it to \
    the system's store (update-ca-certificates) or point SSL_CERT_FILE at a file that \
    includes it";

impl std::fmt::Display for TlsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TlsProblem::NotTrusted => write!(
                f,
                "its certificate is not trusted by this machine (self-signed, or signed by an \
                 unknown authority); {ADD_YOUR_CA}"
            ),
            TlsProblem::Expired => f.write_str(
                "its certificate has expired; the server's administrator must renew it (check \
                 this machine's clock too)",
            ),
            TlsProblem::NotYetValid => f.write_str(
                "its certificate is not valid yet; check this machine's clock and time zone",
            ),
            TlsProblem::WrongHost => f.write_str(
                "its certificate is for another host name; check the host in ROLODEX_BASE_URL",
            ),
            TlsProblem::Revoked => f.write_str(
                "its certificate has been revoked; the server's administrator must replace it",
            ),
            TlsProblem::AuthorityAsServer => write!(
                f,
                "it presents a certificate authority's certificate as its own, which TLS does \
                 not accept; the server needs a certificate issued by that authority ({ADD_YOUR_CA})"
            ),
            TlsProblem::Other(detail) => write!(f, "the TLS handshake failed: {detail}"),
        }
    }
}

/// The server's message after `what`, unless it only says `what` again
/// (`not found: contact "c1": no contact "c1"`).
fn unless_restated(what: &str, message: Option<&str>) -> String {
    let named = what.split('"').nth(1).filter(|n| !n.is_empty());
    match (message, named) {
        (Some(m), Some(n)) if m.contains(n) && m.len() <= what.len() + 16 => String::new(),
        _ => suffix(message),
    }
}

fn suffix(message: Option<&str>) -> String {
    match message {
        Some(m) if !m.is_empty() => format!(": {m}"),
        _ => String::new(),
    }
}

fn at_path(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" at {path}")
    }
}

fn list_too_large(list: PagedList, max_items: u64, max_bytes: u64, found: &ListExcess) -> String {
    let pages = |n: u64| {
        if n == 1 {
            "page".to_string()
        } else {
            format!("{} pages", grouped(n))
        }
    };
    let how_large = match *found {
        ListExcess::Listed(total) => format!("the server lists {}", grouped(total)),
        ListExcess::Items { items, pages: n } => {
            format!("{} arrived in the first {}", grouped(items), pages(n))
        }
        ListExcess::Bytes { pages: n } => {
            format!("over {} arrived in the first {}", size(max_bytes), pages(n))
        }
    };
    let after = match list {
        PagedList::Contacts => "rolodex-tui stopped looking through them for the contact",
        _ => {
            "rolodex-tui stopped reading rather than fill memory; no real workspace comes near, \
             so check that the base URL is your workspace's API"
        }
    };
    format!(
        "the workspace's {} are larger than rolodex-tui reads (more than {} items / {}): {how_large}; {after}",
        list.words(),
        grouped(max_items),
        size(max_bytes),
    )
}

/// `12345` as `12,345`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count in the largest binary unit that holds it whole.
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", grouped(bytes / MIB))
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", grouped(bytes / KIB))
    } else {
        format!("{} bytes", grouped(bytes))
    }
}

fn wait_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!("wait {} s and try again", d.as_secs().max(1)),
        None => "wait a moment and try again".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_not_found_message_that_only_restates_the_id_is_not_repeated() {
        let restated = ApiError::NotFound {
            what: "contact \"c1\"".into(),
            message: Some("no contact \"c1\"".into()),
        };
        assert_eq!(restated.to_string(), "not found: contact \"c1\"");
        let more = ApiError::NotFound {
            what: "contact \"c1\"".into(),
            message: Some("the workspace was archived".into()),
        };
        assert_eq!(
            more.to_string(),
            "not found: contact \"c1\": the workspace was archived"
        );
    }

    #[test]
    fn a_list_too_large_names_the_list_its_size_and_the_caps() {
        let listed = ApiError::ListTooLarge {
            list: PagedList::CustomFieldDefinitions,
            max_items: 10_000,
            max_bytes: 64 * 1024 * 1024,
            found: ListExcess::Listed(1_234_567),
        };
        assert_eq!(
            listed.to_string(),
            "the workspace's custom field definitions are larger than rolodex-tui reads \
             (more than 10,000 items / 64 MiB): the server lists 1,234,567; rolodex-tui stopped \
             reading rather than fill memory; no real workspace comes near, so check that the \
             base URL is your workspace's API"
        );
        let bytes = ApiError::ListTooLarge {
            list: PagedList::Contacts,
            max_items: 20_000,
            max_bytes: 100 * 1024,
            found: ListExcess::Bytes { pages: 9 },
        };
        assert_eq!(
            bytes.to_string(),
            "the workspace's contacts are larger than rolodex-tui reads (more than 20,000 items \
             / 100 KiB): over 100 KiB arrived in the first 9 pages; rolodex-tui stopped looking \
             through them for the contact"
        );
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(size(1000), "1,000 bytes");
    }

    #[test]
    fn status_and_retryable_follow_the_class() {
        assert_eq!(ApiError::Unauthorized { status: 403 }.status(), Some(403));
        assert_eq!(
            ApiError::RateLimited { retry_after: None }.status(),
            Some(429)
        );
        assert_eq!(ApiError::Timeout.status(), None);
        assert!(ApiError::Timeout.is_retryable());
        assert!(
            ApiError::Server {
                status: 503,
                message: String::new()
            }
            .is_retryable()
        );
        assert!(
            !ApiError::Rejected {
                status: 422,
                message: "x".into()
            }
            .is_retryable()
        );
        assert!(!ApiError::Unauthorized { status: 401 }.is_retryable());
    }

    #[test]
    fn every_variant_displays_as_one_line() {
        let errors = [
            ApiError::Unauthorized { status: 401 },
            ApiError::NotFound {
                what: "contact \"c1\"".into(),
                message: Some("gone".into()),
            },
            ApiError::Rejected {
                status: 422,
                message: "title: too long".into(),
            },
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(7)),
            },
            ApiError::Server {
                status: 500,
                message: String::new(),
            },
            ApiError::Timeout,
            ApiError::Connect {
                detail: "connection refused".into(),
            },
            ApiError::ConnectionLost {
                detail: "reset".into(),
            },
            ApiError::InvalidResponse {
                path: "data.id".into(),
                detail: "expected a string".into(),
            },
            ApiError::TooLarge { limit: 10 },
            ApiError::ListTooLarge {
                list: PagedList::Tags,
                max_items: 10,
                max_bytes: 2048,
                found: ListExcess::Bytes { pages: 3 },
            },
            ApiError::Config {
                detail: "bad URL".into(),
            },
        ];
        for e in errors {
            let text = e.to_string();
            assert!(!text.contains('\n') && !text.ends_with(": "), "{text}");
        }
        assert!(
            ApiError::Unauthorized { status: 401 }
                .to_string()
                .contains("ROLODEX_API_KEY")
        );
        assert!(
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            }
            .to_string()
            .contains("7 s")
        );
        assert_eq!(
            ApiError::InvalidResponse {
                path: "data.custom_fields[3].id".into(),
                detail: "invalid type: null, expected a string".into()
            }
            .to_string(),
            "the server's answer could not be read at data.custom_fields[3].id: invalid type: null, expected a string"
        );
    }
}
