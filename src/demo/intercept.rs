//! The layer in front of every endpoint: it records each request for the
//! tests, adds the configured latency, and carries out injected faults.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::sync::Notify;

use super::faults::{Fault, RetryAfter};
use super::handlers::{ErrorReply, api_key_ok};
use super::{RequestRecord, Shared};

/// Request bodies larger than this are refused; the client never sends more
/// than a few kilobytes.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Put into every request's extensions by the connection that read it:
/// notifying it makes that connection close at once, with no response.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionKill(pub(crate) Arc<Notify>);

/// Sets the record's `finished` time however the request ends: answered,
/// dropped, or abandoned by the client.
struct FinishOnDrop<'a> {
    shared: &'a Shared,
    index: usize,
}

impl Drop for FinishOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(record) = self.shared.requests_log().get_mut(self.index) {
            record.finished = Instant::now();
        }
    }
}

pub(crate) async fn intercept(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await;
    let recorded_body = match &bytes {
        Ok(b) if b.is_empty() => None,
        Ok(b) => Some(
            serde_json::from_slice(b)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(b).into_owned())),
        ),
        Err(_) => None,
    };
    let method = parts.method.as_str().to_string();
    let index = shared.record(RequestRecord {
        method: method.clone(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        body: recorded_body,
        api_key_ok: api_key_ok(&parts.headers, shared.api_key()),
        started,
        finished: started,
    });
    let _finish = FinishOnDrop {
        shared: &shared,
        index,
    };
    let Ok(bytes) = bytes else {
        return ErrorReply::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
            .into_response();
    };

    let latency = shared.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match shared.faults.take(&method, parts.uri.path()) {
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Some(Fault::Drop) => match parts.extensions.get::<ConnectionKill>() {
            Some(kill) => {
                kill.0.notify_one();
                // The connection drops this future together with itself.
                std::future::pending().await
            }
            None => ErrorReply::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "connection could not be dropped",
            )
            .into_response(),
        },
        Some(Fault::RateLimit { retry_after }) => {
            let mut resp = ErrorReply::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate limit exceeded; retry later",
            )
            .into_response();
            let value = match retry_after {
                RetryAfter::Seconds(secs) => HeaderValue::from(secs),
                RetryAfter::Date(secs) => {
                    let at = jiff::Timestamp::now()
                        + jiff::SignedDuration::from_secs(i64::try_from(secs).unwrap_or(0));
                    let date = jiff::fmt::rfc2822::DateTimePrinter::new()
                        .timestamp_to_rfc9110_string(&at)
                        .unwrap_or_default();
                    HeaderValue::from_str(&date).unwrap_or(HeaderValue::from(secs))
                }
            };
            resp.headers_mut().insert(header::RETRY_AFTER, value);
            resp
        }
        Some(Fault::Raw {
            status,
            content_type,
            body,
        }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = (status, body).into_response();
            match HeaderValue::from_str(&content_type) {
                Ok(ct) => {
                    resp.headers_mut().insert(header::CONTENT_TYPE, ct);
                }
                Err(_) => {
                    resp.headers_mut().remove(header::CONTENT_TYPE);
                }
            }
            resp
        }
        Some(Fault::FailPut) => ErrorReply::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal server error; nothing was saved",
        )
        .into_response(),
    }
}
