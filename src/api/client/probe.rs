//! Raw, read-only access for `rolodex-tui doctor`: a GET whose answer is
//! kept whatever its status (a 404 or 405 is a finding there, not a
//! failure), with the HTTP version, the rate-limit headers and the time it
//! took; and a TLS check that finds the protocol version and whether the
//! server's certificate is trusted.
//!
//! The same safety as every other call: the key is sent only to the
//! configured origin, the answer is size-capped while it streams, and
//! server text is cleaned (one line, no key) before it is kept.

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use reqwest::{Method, Response, Version};
use serde_json::Value;

use super::{Inner, RolodexClient, is_loopback};
use crate::api::error::{ApiError, MESSAGE_MAX_CHARS, json_message, one_line};

/// The answer to a [`RolodexClient::probe_get`], whatever its status.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeAnswer {
    pub status: u16,
    /// `HTTP/1.1`, `HTTP/2`, …
    pub http_version: &'static str,
    /// `Retry-After`, `X-RateLimit-*`, `X-Rate-Limit-*` and `RateLimit-*`
    /// headers as `(lower-case name, cleaned value)`, in the order sent.
    pub rate_limit_headers: Vec<(String, String)>,
    /// The body as JSON; `None` when it was empty or not JSON.
    pub body: Option<Value>,
    /// The server's own message in an error body, cleaned.
    pub message: Option<String>,
    /// From sending the request to the last byte of the answer.
    pub ms: u64,
}

impl ProbeAnswer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `Retry-After`, as sent (seconds or an HTTP date).
    pub fn retry_after(&self) -> Option<&str> {
        self.rate_limit_headers
            .iter()
            .find(|(name, _)| name == "retry-after")
            .map(|(_, value)| value.as_str())
    }
}

/// The TLS protocol version a handshake settled on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsVersion {
    Tls13,
    Tls12,
}

/// Why the server's certificate was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProblem {
    /// Issued by an authority this machine does not trust (a company proxy's
    /// own CA, a self-signed certificate).
    NotTrusted,
    Expired,
    NotYetValid,
    /// Issued for another host name.
    WrongHost,
    Revoked,
    /// Refused for another reason.
    Invalid,
}

/// What [`RolodexClient::probe_tls`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum TlsProbe {
    /// An `http://` API: no TLS at all. `loopback` says whether it is this
    /// machine (where that is fine) or another host (the key travels in clear).
    PlainHttp { loopback: bool },
    /// A handshake succeeded, so the certificate is trusted.
    Negotiated { version: TlsVersion, ms: u64 },
    /// The certificate was refused.
    Untrusted {
        problem: CertificateProblem,
        ms: u64,
    },
    /// No handshake succeeded for another reason (no connection, no common
    /// protocol version); `detail` is cleaned.
    Failed { detail: String, ms: u64 },
}

/// Rate-limit headers are kept by these names or name prefixes.
const RATE_LIMIT_NAMES: [&str; 4] = ["retry-after", "x-ratelimit-", "x-rate-limit-", "ratelimit-"];

impl RolodexClient {
    /// `GET base/segments…?query`, with the key, answered with whatever the
    /// server said. Only a request that got no complete answer (or one larger
    /// than the size cap) is an error.
    pub async fn probe_get(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<ProbeAnswer, ApiError> {
        let url = self.url(segments, query);
        let started = Instant::now();
        let response = self
            .http()
            .await?
            .request(Method::GET, url)
            .headers(self.headers(false))
            .send()
            .await
            .map_err(|e| self.probe_transport(&e))?;
        let status = response.status().as_u16();
        let http_version = version_name(response.version());
        let rate_limit_headers = response
            .headers()
            .iter()
            .filter(|(name, _)| {
                let name = name.as_str();
                RATE_LIMIT_NAMES
                    .iter()
                    .any(|n| name == *n || (n.ends_with('-') && name.starts_with(n)))
            })
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes());
                (name.as_str().to_string(), self.clean(&value))
            })
            .collect();
        let bytes = self.probe_read(response).await?;
        let ms = elapsed_ms(started);
        let body = serde_json::from_slice::<Value>(&bytes).ok();
        let message = if (200..300).contains(&status) {
            None
        } else {
            json_message(&bytes)
                .map(|m| self.clean(&m))
                .filter(|m| !m.is_empty())
        };
        Ok(ProbeAnswer {
            status,
            http_version,
            rate_limit_headers,
            body,
            message,
            ms,
        })
    }

    /// For an `https://` API: one GET of the API root (without the key: only
    /// the handshake matters) with TLS 1.3 required, and if that handshake
    /// fails for any reason but the certificate, once more with TLS 1.2 at
    /// most. reqwest does not say which version it negotiated; this does.
    pub async fn probe_tls(&self) -> TlsProbe {
        if self.inner.base.scheme() != "https" {
            return TlsProbe::PlainHttp {
                loopback: is_loopback(&self.inner.base),
            };
        }
        let started = Instant::now();
        let first = self.handshake(TlsVersion::Tls13).await;
        let result = match first {
            Err(Handshake::Other(_)) => match self.handshake(TlsVersion::Tls12).await {
                // Report the TLS 1.3 failure when 1.2 fails the same way.
                Err(Handshake::Other(_)) => first,
                second => second,
            },
            other => other,
        };
        let ms = elapsed_ms(started);
        match result {
            Ok(version) => TlsProbe::Negotiated { version, ms },
            Err(Handshake::Certificate(problem)) => TlsProbe::Untrusted { problem, ms },
            Err(Handshake::Other(detail)) => TlsProbe::Failed { detail, ms },
        }
    }

    /// Server text made safe to show: one line, no escape sequences, no key.
    pub fn scrub(&self, text: &str) -> String {
        self.clean(text)
    }

    async fn handshake(&self, version: TlsVersion) -> Result<TlsVersion, Handshake> {
        let inner = self.inner.clone();
        let built = tokio::task::spawn_blocking(move || tls_client(&inner, version)).await;
        let client = match built {
            Ok(Ok(client)) => client,
            Ok(Err(detail)) => return Err(Handshake::Other(self.clean(&detail))),
            Err(e) => return Err(Handshake::Other(self.clean(&e.to_string()))),
        };
        match client.get(self.inner.base.clone()).send().await {
            Ok(_) => Ok(version),
            Err(e) => match certificate_problem(&e) {
                Some(problem) => Err(Handshake::Certificate(problem)),
                None => Err(Handshake::Other(self.probe_transport(&e).to_string())),
            },
        }
    }

    fn probe_transport(&self, error: &reqwest::Error) -> ApiError {
        if error.is_timeout() {
            return ApiError::Timeout;
        }
        // rustls names the problem as a Rust value (`UnknownIssuer`): say it
        // in words instead.
        if let Some(problem) = certificate_problem(error) {
            let why = match problem {
                CertificateProblem::NotTrusted => "is not trusted by this machine",
                CertificateProblem::Expired => "has expired",
                CertificateProblem::NotYetValid => "is not valid yet",
                CertificateProblem::WrongHost => "is for another host name",
                CertificateProblem::Revoked => "has been revoked",
                CertificateProblem::Invalid => "was refused as invalid",
            };
            return ApiError::Connect {
                detail: format!("{}: the server's certificate {why}", address(error)),
            };
        }
        let detail = self.clean(&causes(error));
        if error.is_connect() {
            ApiError::Connect { detail }
        } else {
            ApiError::ConnectionLost { detail }
        }
    }

    /// Reads the answer, refusing it once it is known to exceed the cap.
    async fn probe_read(&self, mut response: Response) -> Result<Vec<u8>, ApiError> {
        let limit = self.inner.max_body_bytes;
        if response.content_length().unwrap_or(0) > limit as u64 {
            return Err(ApiError::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.probe_transport(&e))?
        {
            if chunk.len() > limit - body.len() {
                return Err(ApiError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

enum Handshake {
    Certificate(CertificateProblem),
    Other(String),
}

/// A client like the API's own, but held to one TLS version.
fn tls_client(inner: &Inner, version: TlsVersion) -> Result<reqwest::Client, String> {
    let builder = reqwest::Client::builder();
    let builder = match version {
        TlsVersion::Tls13 => builder.tls_version_min(reqwest::tls::Version::TLS_1_3),
        TlsVersion::Tls12 => builder.tls_version_max(reqwest::tls::Version::TLS_1_2),
    };
    let builder = if is_loopback(&inner.base) {
        builder.no_proxy()
    } else {
        builder
    };
    builder
        .connect_timeout(inner.connect_timeout)
        .timeout(inner.request_timeout.min(Duration::from_secs(15)))
        // Only the handshake matters: nothing is followed anywhere.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("rolodex-tui/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())
}

/// The certificate problem behind a failed request, if that is what it was:
/// rustls's error, found anywhere in the chain of causes.
fn certificate_problem(error: &(dyn StdError + 'static)) -> Option<CertificateProblem> {
    use rustls::CertificateError as C;
    let mut source = Some(error);
    while let Some(cause) = source {
        if let Some(rustls::Error::InvalidCertificate(e)) = super::failure::rustls_error(cause) {
            return Some(match e {
                C::UnknownIssuer => CertificateProblem::NotTrusted,
                C::Expired | C::ExpiredContext { .. } => CertificateProblem::Expired,
                C::NotValidYet | C::NotValidYetContext { .. } => CertificateProblem::NotYetValid,
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    CertificateProblem::WrongHost
                }
                C::Revoked => CertificateProblem::Revoked,
                _ => CertificateProblem::Invalid,
            });
        }
        source = cause.source();
    }
    None
}

/// `host:port` of the request that failed.
fn address(error: &reqwest::Error) -> String {
    let Some(url) = error.url() else {
        return "the server".to_string();
    };
    let host = url.host_str().unwrap_or("?");
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// The server's address and the innermost causes of a transport error,
/// each once.
fn causes(error: &reqwest::Error) -> String {
    let mut parts: Vec<String> = vec![address(error)];
    let address = parts.len();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    if parts.len() > address + 1 {
        parts.retain(|p| !p.starts_with("client error ("));
    }
    if parts.len() == address {
        parts.push(error.to_string());
    }
    one_line(&parts.join(": "), MESSAGE_MAX_CHARS)
}

fn version_name(version: Version) -> &'static str {
    match version {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_11 => "HTTP/1.1",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP (unknown version)",
    }
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_errors_are_found_inside_the_io_error_that_carries_them() {
        use rustls::CertificateError as C;
        let wrapped = |e: C| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                rustls::Error::InvalidCertificate(e),
            )
        };
        let cases = [
            (C::UnknownIssuer, CertificateProblem::NotTrusted),
            (C::Expired, CertificateProblem::Expired),
            (C::NotValidForName, CertificateProblem::WrongHost),
            (C::BadSignature, CertificateProblem::Invalid),
        ];
        for (error, expected) in cases {
            assert_eq!(certificate_problem(&wrapped(error)), Some(expected));
        }
        let twice = std::io::Error::other(wrapped(C::UnknownIssuer));
        assert_eq!(
            certificate_problem(&twice),
            Some(CertificateProblem::NotTrusted)
        );
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(certificate_problem(&refused), None);
        let version = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::AlertReceived(rustls::AlertDescription::ProtocolVersion),
        );
        assert_eq!(certificate_problem(&version), None);
    }

    #[test]
    fn http_versions_have_their_usual_names() {
        assert_eq!(version_name(Version::HTTP_11), "HTTP/1.1");
        assert_eq!(version_name(Version::HTTP_2), "HTTP/2");
    }

    #[tokio::test]
    async fn a_plain_http_api_has_no_tls_and_says_whether_it_is_this_machine() {
        let local = RolodexClient::new(super::super::ClientConfig::new(
            "http://127.0.0.1:9/user-api/v1",
            super::super::ApiKey::new("k"),
        ));
        let remote = RolodexClient::new(super::super::ClientConfig::new(
            "http://api.example.com/user-api/v1",
            super::super::ApiKey::new("k"),
        ));
        match (local, remote) {
            (Ok(local), Ok(remote)) => {
                assert_eq!(
                    local.probe_tls().await,
                    TlsProbe::PlainHttp { loopback: true }
                );
                assert_eq!(
                    remote.probe_tls().await,
                    TlsProbe::PlainHttp { loopback: false }
                );
            }
            _ => panic!("the clients build"),
        }
    }
}
