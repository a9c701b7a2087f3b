//! Injected misbehaviour, so the client's unhappy paths are exercised over
//! real HTTP: slow answers, server errors, connections that die without an
//! answer, bodies that are not what the client expects, rate limiting.
//!
//! Each one-shot fault is armed with a count and consumed by the next
//! matching requests; at most one fault applies to a request, in the order
//! drop, rate limit, raw answer, failed PUT.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// What the server should do instead of answering normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Close the connection without sending a byte.
    Drop,
    /// 429 with `Retry-After` (seconds).
    RateLimit { retry_after_secs: u64 },
    /// Exactly this status, content type and body.
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
    /// 500 with a JSON error; the PUT is not applied.
    FailPut,
}

#[derive(Debug, Default)]
struct Armed {
    latency: Duration,
    /// `(method or any, remaining)`; a request consumes the first rule that
    /// matches it.
    drops: Vec<(Option<String>, usize)>,
    rate_limit: Option<(usize, u64)>,
    raw: Option<(usize, u16, String, String)>,
    failing_puts: usize,
}

/// The faults armed on a running demo server. Shared with its request
/// handlers, so every method takes `&self`.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Mutex<Armed>,
}

impl Faults {
    fn armed(&self) -> MutexGuard<'_, Armed> {
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Delay every answer (and every injected fault) by `d`; zero turns it
    /// off. Stays in force until changed.
    pub fn set_latency(&self, d: Duration) {
        self.armed().latency = d;
    }

    /// Answer the next `n` PUTs with 500 and a JSON error, storing nothing.
    /// Replaces any earlier count.
    pub fn fail_next_puts(&self, n: usize) {
        self.armed().failing_puts = n;
    }

    /// Close the connection of the next `n` requests with that method (any
    /// method when `None`) without sending any response bytes, as a crashed
    /// server or a cut network would. Rules for different methods add up.
    pub fn drop_next(&self, method: Option<&str>, n: usize) {
        let method = method.map(str::to_ascii_uppercase);
        let mut armed = self.armed();
        armed.drops.retain(|(m, _)| *m != method);
        if n > 0 {
            armed.drops.push((method, n));
        }
    }

    /// Answer the next `n` requests with exactly this status, content type and
    /// body, e.g. an HTML error page or a body larger than the client accepts.
    /// Replaces any earlier setting.
    pub fn respond_raw_next(&self, n: usize, status: u16, content_type: &str, body: String) {
        self.armed().raw = (n > 0).then(|| (n, status, content_type.to_string(), body));
    }

    /// Answer the next `n` requests with 429, a `Retry-After` header and a
    /// JSON error. Replaces any earlier setting.
    pub fn rate_limit_next(&self, n: usize, retry_after_secs: u64) {
        self.armed().rate_limit = (n > 0).then_some((n, retry_after_secs));
    }

    /// Disarm everything and remove the latency.
    pub fn reset(&self) {
        *self.armed() = Armed::default();
    }

    pub(crate) fn latency(&self) -> Duration {
        self.armed().latency
    }

    /// The fault this request gets, if any, consuming one count of it.
    pub(crate) fn take(&self, method: &str) -> Option<Fault> {
        let mut armed = self.armed();
        let matching = armed
            .drops
            .iter()
            .position(|(m, _)| m.as_deref().is_none_or(|m| m == method));
        if let Some(i) = matching {
            armed.drops[i].1 -= 1;
            if armed.drops[i].1 == 0 {
                armed.drops.remove(i);
            }
            return Some(Fault::Drop);
        }
        if let Some((n, secs)) = armed.rate_limit.as_mut() {
            let fault = Fault::RateLimit {
                retry_after_secs: *secs,
            };
            *n -= 1;
            if *n == 0 {
                armed.rate_limit = None;
            }
            return Some(fault);
        }
        if let Some((n, status, content_type, body)) = armed.raw.as_mut() {
            let fault = Fault::Raw {
                status: *status,
                content_type: content_type.clone(),
                body: body.clone(),
            };
            *n -= 1;
            if *n == 0 {
                armed.raw = None;
            }
            return Some(fault);
        }
        if method == "PUT" && armed.failing_puts > 0 {
            armed.failing_puts -= 1;
            return Some(Fault::FailPut);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shot_faults_are_consumed_in_order() {
        let faults = Faults::default();
        faults.drop_next(Some("put"), 1);
        faults.fail_next_puts(1);
        assert_eq!(faults.take("GET"), None);
        assert_eq!(faults.take("PUT"), Some(Fault::Drop));
        assert_eq!(faults.take("PUT"), Some(Fault::FailPut));
        assert_eq!(faults.take("PUT"), None);
    }

    #[test]
    fn reset_disarms_everything() {
        let faults = Faults::default();
        faults.rate_limit_next(3, 5);
        faults.drop_next(None, 2);
        faults.set_latency(Duration::from_millis(10));
        faults.reset();
        assert_eq!(faults.take("GET"), None);
        assert_eq!(faults.latency(), Duration::ZERO);
    }
}
