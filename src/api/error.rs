//! What can go wrong talking to Rolodex, in the classes the UI must tell apart.
//!
//! Every variant renders as one line a person can act on. Text that came from
//! the server (messages, raw bodies) is untrusted: it is reduced to one line of
//! printable characters with [`one_line`] and scrubbed of the API key before it
//! is stored, so neither `Display` nor `Debug` can put an escape sequence on
//! the terminal or echo the key.

use std::time::Duration;

use serde_json::Value;

/// How much of a server's message or raw body an error keeps.
pub const MESSAGE_MAX_CHARS: usize = 300;

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
    #[error("not found: {what}{}", suffix(message.as_deref()))]
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

    /// The connection could not be made (DNS, refused, TLS).
    #[error("could not connect to the Rolodex server: {detail}")]
    Connect { detail: String },

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

    /// The client could not be set up (bad base URL, unusable key, TLS setup).
    #[error("cannot set up the Rolodex client: {detail}")]
    Config { detail: String },
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

fn wait_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!("wait {} s and try again", d.as_secs().max(1)),
        None => "wait a moment and try again".to_string(),
    }
}

/// Reduces untrusted text to one line of printable characters, at most
/// `max_chars` long (an ellipsis marks a cut).
///
/// Terminal escape sequences (CSI, OSC, DCS and two-byte ESC forms) are
/// removed whole so no fragment of them survives; other control characters,
/// C1 controls and bidirectional overrides are dropped; line breaks and tabs
/// become spaces and runs of whitespace collapse to one.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else if c == '\u{9b}' {
            skip_csi(&mut chars);
        } else if c.is_whitespace() {
            pending_space = !clean.is_empty();
        } else if !(c.is_control() || is_bidi_control(c)) {
            if pending_space {
                clean.push(' ');
                pending_space = false;
            }
            clean.push(c);
        }
    }
    if clean.chars().count() <= max_chars {
        return clean;
    }
    let mut cut: String = clean.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC '\'.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Replaces every occurrence of the key with `***`, so a server that echoes
/// the key back in an error message cannot get it onto the screen.
pub fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret, "***")
    }
}

/// The human message of an error body, in any of the shapes APIs commonly
/// use: `{"error": {"message"}}`, `{"error": "..."}`, `{"message": "..."}`,
/// `{"detail": "..."}` or `{"errors": [...]}` (strings, or objects with a
/// `message` and perhaps a `field`). Falls back to the raw body. The result
/// is raw server text: pass it through [`one_line`] before keeping it.
pub fn server_message(body: &[u8]) -> String {
    json_message(body).unwrap_or_else(|| String::from_utf8_lossy(body).trim().to_string())
}

/// The message of a JSON error body, in the shapes [`server_message`] knows;
/// `None` when the body is not JSON or carries no message.
pub fn json_message(body: &[u8]) -> Option<String> {
    let json: Value = serde_json::from_slice(body).ok()?;
    message_in_json(&json)
}

fn message_in_json(json: &Value) -> Option<String> {
    let obj = json.as_object()?;
    if let Some(error) = obj.get("error") {
        match error {
            Value::String(s) => return Some(s.clone()),
            Value::Object(_) => {
                if let Some(m) = item_message(error) {
                    return Some(m);
                }
            }
            _ => {}
        }
    }
    for key in ["message", "detail"] {
        if let Some(Value::String(s)) = obj.get(key) {
            return Some(s.clone());
        }
    }
    let errors = obj.get("errors")?;
    let parts: Vec<String> = match errors {
        Value::Array(items) => items.iter().filter_map(item_message).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(field, v)| match item_message(v) {
                Some(m) => format!("{field}: {m}"),
                None => format!("{field}: {v}"),
            })
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    };
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn item_message(item: &Value) -> Option<String> {
    match item {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(item_message).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(map) => {
            let message = ["message", "detail", "msg", "title"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))?;
            let field = ["field", "path", "param"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str));
            Some(match field {
                Some(f) if !message.contains(f) => format!("{f}: {message}"),
                _ => message.to_string(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_found_in_every_common_shape() {
        let cases: [(&str, &str); 8] = [
            (
                r#"{"error":{"message":"title is too long"}}"#,
                "title is too long",
            ),
            (
                r#"{"error":"emails[0].email_address is invalid"}"#,
                "emails[0].email_address is invalid",
            ),
            (r#"{"message":"bad value"}"#, "bad value"),
            (r#"{"detail":"nope"}"#, "nope"),
            (
                r#"{"errors":["a is bad","b is bad"]}"#,
                "a is bad; b is bad",
            ),
            (
                r#"{"errors":[{"field":"custom_fields[0].value","message":"must be a number"}]}"#,
                "custom_fields[0].value: must be a number",
            ),
            (r#"{"errors":{"title":["too long"]}}"#, "title: too long"),
            ("  <html>Bad Gateway</html>\n", "<html>Bad Gateway</html>"),
        ];
        for (body, want) in cases {
            assert_eq!(server_message(body.as_bytes()), want, "body {body}");
        }
        assert_eq!(server_message(br#"{"code":7}"#), r#"{"code":7}"#);
    }

    #[test]
    fn one_line_strips_escapes_and_controls() {
        let hostile =
            "bad\u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}\r\nnext\tline\u{0}\u{9b}2Jx\u{202e}y";
        assert_eq!(one_line(hostile, 300), "badred next linexy");
        assert_eq!(one_line("  lead\n\n trail  ", 300), "lead trail");
        assert_eq!(one_line("\u{1b}P1$r\u{1b}\\ok", 300), "ok");
    }

    #[test]
    fn one_line_truncates_with_an_ellipsis() {
        assert_eq!(one_line("abcdef", 4), "abc…");
        assert_eq!(one_line("abcd", 4), "abcd");
        assert_eq!(one_line("ab cdef", 3), "ab…");
        assert_eq!(one_line(&"é".repeat(400), 300).chars().count(), 300);
    }

    #[test]
    fn redact_hides_every_copy_of_the_key() {
        assert_eq!(
            redact("key sk_1 and sk_1 again", "sk_1"),
            "key *** and *** again"
        );
        assert_eq!(redact("nothing", ""), "nothing");
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
