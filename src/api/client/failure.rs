//! Turning a failed exchange into an [`ApiError`]: the status classes, the
//! server's own message, `Retry-After`, and transport failures told apart
//! (no connection, connection lost, timeout).

use std::error::Error as _;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};

use super::config::MAX_REDIRECTS;

use crate::api::error::{ApiError, TlsProblem, json_message, one_line, server_message};

/// What a request asked for, so "not found" can say what was missing.
pub(super) struct Endpoint {
    /// e.g. `GET /contacts/:id`
    label: String,
    /// e.g. `contact "c1"`, when the request named one thing.
    subject: Option<String>,
}

impl Endpoint {
    pub(super) fn contact(method: &str, id: &str) -> Self {
        Endpoint {
            label: format!("{method} /contacts/:id"),
            subject: Some(format!("contact \"{}\"", one_line(id, 80))),
        }
    }

    pub(super) fn list(label: &str) -> Self {
        Endpoint {
            label: label.to_string(),
            subject: None,
        }
    }

    fn not_found(&self, server_said_why: bool) -> String {
        match &self.subject {
            Some(subject) if server_said_why => subject.clone(),
            // A 404 without a JSON message is as likely a wrong base URL as a
            // missing record.
            Some(subject) => format!(
                "{subject} (or the endpoint {}: check ROLODEX_BASE_URL)",
                self.label
            ),
            None => format!(
                "the endpoint {} (check that ROLODEX_BASE_URL ends in /user-api/v1)",
                self.label
            ),
        }
    }

    fn not_available(&self) -> String {
        format!(
            "the endpoint {} is not available on this server (HTTP 405)",
            self.label
        )
    }
}

/// The error for a non-2xx answer from `answered` (the address that gave
/// it, after any redirects followed). `clean` makes server text safe to
/// keep.
pub(super) fn failure_from_response(
    status: u16,
    answered: &Url,
    headers: &HeaderMap,
    body: &[u8],
    endpoint: &Endpoint,
    clean: &dyn Fn(&str) -> String,
) -> ApiError {
    let json_says = json_message(body)
        .map(|m| clean(&m))
        .filter(|m| !m.is_empty());
    match status {
        401 | 403 => ApiError::Unauthorized { status },
        404 => ApiError::NotFound {
            what: endpoint.not_found(json_says.is_some()),
            message: json_says,
        },
        405 => ApiError::NotFound {
            what: endpoint.not_available(),
            message: json_says,
        },
        429 => ApiError::RateLimited {
            retry_after: retry_after(headers),
        },
        300..=399 => ApiError::Rejected {
            status,
            message: redirect_message(status, answered, headers, clean),
        },
        400..=499 => ApiError::Rejected {
            status,
            message: clean(&server_message(body)),
        },
        500..=599 => ApiError::Server {
            status,
            message: clean(&server_message(body)),
        },
        _ => ApiError::InvalidResponse {
            path: String::new(),
            detail: format!("unexpected HTTP status {status}"),
        },
    }
}

/// `Retry-After`, in seconds or as an HTTP date (RFC 9110), as the wait
/// from now. A date in the past means no wait; a value that is neither is
/// treated as absent rather than guessed at.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    retry_after_at(headers, jiff::Timestamp::now())
}

fn retry_after_at(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .ok()?;
    let secs = at.as_second().saturating_sub(now.as_second());
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// Why a redirect was not followed. A redirect is followed only on the same
/// origin, so one still standing is either to another server (refused, so
/// the key is never sent there) or one more on the same server after
/// [`MAX_REDIRECTS`] in a row: a loop, which no key protection explains.
fn redirect_message(
    status: u16,
    answered: &Url,
    headers: &HeaderMap,
    clean: &dyn Fn(&str) -> String,
) -> String {
    let location = headers
        .get(LOCATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    // The statuses reqwest follows; another 3xx was never a redirect taken.
    let followed = matches!(status, 301 | 302 | 303 | 307 | 308);
    let resolved = location
        .as_deref()
        .and_then(|l| answered.join(l).ok())
        .filter(|_| followed);
    if let Some(next) = resolved.filter(|next| next.origin() == answered.origin()) {
        return format!(
            "redirected {} times in a row on the same server (a redirect loop on {origin}, \
             the last to {next}): check ROLODEX_BASE_URL and the server's configuration",
            MAX_REDIRECTS + 1,
            origin = clean(&answered.origin().ascii_serialization()),
            next = clean(next.as_str()),
        );
    }
    let target = location
        .map(|l| clean(&l))
        .unwrap_or_else(|| "another address".to_string());
    format!(
        "redirected to {target}, which was not followed so the API key stays with \
         the configured server: check ROLODEX_BASE_URL"
    )
}

/// The error for a request that got no complete answer.
pub(super) fn transport_error(error: &reqwest::Error, clean: &dyn Fn(&str) -> String) -> ApiError {
    if error.is_timeout() {
        return ApiError::Timeout;
    }
    if let Some(problem) = tls_problem(error) {
        let host = error
            .url()
            .and_then(|u| u.host_str())
            .unwrap_or("the server")
            .to_string();
        return ApiError::Tls {
            host: clean(&host),
            problem: match problem {
                TlsProblem::Other(detail) => TlsProblem::Other(clean(&detail)),
                known => known,
            },
        };
    }
    let detail = clean(&describe(error));
    if error.is_connect() {
        ApiError::Connect { detail }
    } else if error.is_builder() {
        ApiError::Config { detail }
    } else {
        ApiError::ConnectionLost { detail }
    }
}

/// The certificate problem behind a failed request, if that is what it was.
fn tls_problem(error: &reqwest::Error) -> Option<TlsProblem> {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(tls) = rustls_error(cause) {
            return Some(classify_tls(tls));
        }
        source = cause.source();
    }
    None
}

/// rustls's error in one link of a chain of causes. It sits inside
/// `io::Error`s in reqwest's chain (two deep, as hyper-util wraps them),
/// where `source()` does not reach it, so each `io::Error` is opened by
/// hand. The client's errors and doctor's TLS check both find it here.
pub(super) fn rustls_error<'a>(
    cause: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rustls::Error> {
    let mut candidate = Some(cause);
    while let Some(e) = candidate {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        candidate = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn std::error::Error + 'static));
    }
    None
}

/// A rustls error in the terms a person can act on.
pub(super) fn classify_tls(error: &rustls::Error) -> TlsProblem {
    use rustls::CertificateError as C;
    let rustls::Error::InvalidCertificate(cert) = error else {
        return TlsProblem::Other(error.to_string());
    };
    match cert {
        C::UnknownIssuer | C::BadSignature => TlsProblem::NotTrusted,
        C::Expired | C::ExpiredContext { .. } => TlsProblem::Expired,
        C::NotValidYet | C::NotValidYetContext { .. } => TlsProblem::NotYetValid,
        C::NotValidForName | C::NotValidForNameContext { .. } => TlsProblem::WrongHost,
        C::Revoked => TlsProblem::Revoked,
        C::Other(other) if format!("{other:?}").contains("CaUsedAsEndEntity") => {
            TlsProblem::AuthorityAsServer
        }
        other => TlsProblem::Other(format!("the server's certificate was refused ({other})")),
    }
}

/// The server's address and the innermost causes: reqwest's own top line
/// ("error sending request for url …") says nothing a person can act on.
fn describe(error: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(url) = error.url() {
        let host = url.host_str().unwrap_or("?");
        match url.port_or_known_default() {
            Some(port) => parts.push(format!("{host}:{port}")),
            None => parts.push(host.to_string()),
        }
    }
    // The most common first failure (a wrong port, a server not started)
    // is said in words a person acts on, not as the socket's error chain.
    if refused(error) {
        let at = parts.pop().unwrap_or_else(|| "that address".into());
        return format!(
            "nothing is listening at {at} (connection refused); check ROLODEX_BASE_URL and \
             that the server is running"
        );
    }
    let mut causes: Vec<String> = Vec::new();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !causes.iter().any(|c| c.contains(&text)) {
            causes.push(text);
        }
        source = cause.source();
    }
    // Generic wrappers ("client error (Connect)") add nothing once a more
    // specific cause follows them.
    if causes.len() > 1 {
        causes.retain(|c| !c.starts_with("client error ("));
    }
    if causes.is_empty() {
        causes.push(error.to_string());
    }
    parts.extend(causes);
    parts.join(": ")
}

/// Whether the connection was refused: no program listens on that port.
fn refused(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused)
        {
            return true;
        }
        source = cause.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn plain(text: &str) -> String {
        one_line(text, 300)
    }

    fn at() -> Url {
        Url::parse("https://api.example/user-api/v1/contacts").unwrap()
    }

    fn with(name: reqwest::header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn statuses_map_to_their_class() {
        let e = Endpoint::contact("GET", "c1");
        let none = HeaderMap::new();
        let classify = |status, body: &str| {
            failure_from_response(status, &at(), &none, body.as_bytes(), &e, &plain)
        };
        assert_eq!(classify(401, ""), ApiError::Unauthorized { status: 401 });
        assert_eq!(classify(403, ""), ApiError::Unauthorized { status: 403 });
        assert_eq!(
            classify(404, r#"{"error":{"message":"Contact not found"}}"#),
            ApiError::NotFound {
                what: "contact \"c1\"".into(),
                message: Some("Contact not found".into())
            }
        );
        assert!(
            matches!(classify(404, "<html>"), ApiError::NotFound { what, message: None } if what.contains("ROLODEX_BASE_URL"))
        );
        assert!(
            matches!(classify(405, ""), ApiError::NotFound { what, .. } if what.contains("not available"))
        );
        assert_eq!(
            classify(422, r#"{"error":"title: too long"}"#),
            ApiError::Rejected {
                status: 422,
                message: "title: too long".into()
            }
        );
        assert_eq!(
            classify(502, "<h1>Bad\ngateway</h1>"),
            ApiError::Server {
                status: 502,
                message: "<h1>Bad gateway</h1>".into()
            }
        );
        assert!(matches!(
            classify(302, ""),
            ApiError::Rejected { status: 302, .. }
        ));
    }

    #[test]
    fn retry_after_seconds_are_honoured() {
        let e = Endpoint::list("GET /contacts");
        let got = failure_from_response(429, &at(), &with(RETRY_AFTER, " 12 "), b"", &e, &plain);
        assert_eq!(
            got,
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(12))
            }
        );
        let garbage = with(RETRY_AFTER, "soon");
        let got = failure_from_response(429, &at(), &garbage, b"", &e, &plain);
        assert_eq!(got, ApiError::RateLimited { retry_after: None });
    }

    #[test]
    fn retry_after_http_dates_count_from_now() {
        let date = with(RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT");
        let now: jiff::Timestamp = "2015-10-21T07:27:48Z".parse().unwrap();
        assert_eq!(retry_after_at(&date, now), Some(Duration::from_secs(12)));
        let later: jiff::Timestamp = "2015-10-21T08:00:00Z".parse().unwrap();
        assert_eq!(retry_after_at(&date, later), Some(Duration::ZERO));
    }

    #[test]
    fn certificate_problems_are_told_apart() {
        use rustls::CertificateError as C;
        let cases = [
            (C::UnknownIssuer, TlsProblem::NotTrusted),
            (C::Expired, TlsProblem::Expired),
            (C::NotValidYet, TlsProblem::NotYetValid),
            (C::NotValidForName, TlsProblem::WrongHost),
            (C::Revoked, TlsProblem::Revoked),
        ];
        for (cert, want) in cases {
            assert_eq!(classify_tls(&rustls::Error::InvalidCertificate(cert)), want);
        }
        let text = ApiError::Tls {
            host: "api.example.com".into(),
            problem: TlsProblem::NotTrusted,
        }
        .to_string();
        assert!(
            text.contains("not trusted") && text.contains("SSL_CERT_FILE"),
            "{text}"
        );
        for problem in [
            TlsProblem::Expired,
            TlsProblem::WrongHost,
            TlsProblem::AuthorityAsServer,
        ] {
            let text = problem.to_string();
            assert!(
                !text.contains("Error(") && !text.contains("Other("),
                "{text}"
            );
        }
    }

    #[test]
    fn redirects_name_the_target_and_the_fix() {
        let e = Endpoint::list("GET /contacts");
        let got = failure_from_response(
            301,
            &at(),
            &with(LOCATION, "https://elsewhere.example/x"),
            b"",
            &e,
            &plain,
        );
        let text = got.to_string();
        assert!(
            text.contains("https://elsewhere.example/x") && text.contains("ROLODEX_BASE_URL"),
            "{text}"
        );
    }

    #[test]
    fn server_text_goes_through_the_cleaner() {
        let e = Endpoint::list("GET /contacts");
        let redact = |t: &str| crate::api::error::redact(&plain(t), "sk_live_1");
        let got = failure_from_response(
            400,
            &at(),
            &HeaderMap::new(),
            br#"{"message":"bad key sk_live_1\u001b[2J"}"#,
            &e,
            &redact,
        );
        assert_eq!(
            got,
            ApiError::Rejected {
                status: 400,
                message: "bad key ***".into()
            }
        );
    }
}
