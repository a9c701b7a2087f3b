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
    /// 429 with a `Retry-After` header.
    RateLimit { retry_after: RetryAfter },
    /// Exactly this status, content type and body.
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
    /// 500 with a JSON error; the PUT is not applied.
    FailPut,
}

/// The `Retry-After` header of an injected 429.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: N` (seconds).
    Seconds(u64),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`: this many seconds from
    /// the moment the answer is made, written as an HTTP date.
    Date(u64),
}

/// Which requests a rate limit applies to, and how often.
#[derive(Debug, Clone)]
struct RateRule {
    /// Only this method, or any.
    method: Option<String>,
    /// Only paths containing this, or any.
    path: Option<String>,
    remaining: usize,
    retry_after: RetryAfter,
}

#[derive(Debug, Default)]
struct Armed {
    latency: Duration,
    /// `(method or any, remaining)`; a request consumes the first rule that
    /// matches it.
    drops: Vec<(Option<String>, usize)>,
    rate_limit: Option<RateRule>,
    raw: Option<(usize, u16, String, String)>,
    failing_puts: usize,
    /// `(reads left, title)`: after that many more single GETs of a
    /// contact, a teammate retitles it.
    teammate: Option<(usize, String)>,
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
        self.rate_limit_matching(None, None, n, RetryAfter::Seconds(retry_after_secs));
    }

    /// Answer the next `n` requests with that method (any when `None`)
    /// whose path contains `path` (any when `None`) with 429 and this
    /// `Retry-After`. Replaces any earlier rate limit.
    pub fn rate_limit_matching(
        &self,
        method: Option<&str>,
        path: Option<&str>,
        n: usize,
        retry_after: RetryAfter,
    ) {
        self.armed().rate_limit = (n > 0).then(|| RateRule {
            method: method.map(str::to_ascii_uppercase),
            path: path.map(str::to_string),
            remaining: n,
            retry_after,
        });
    }

    /// After the next `n` single GETs of a contact have been answered, a
    /// teammate saves it with this title (moving `updated_at`), as if
    /// someone else had saved between a read and a write. Replaces any
    /// earlier setting.
    pub fn edit_after_reads(&self, n: usize, title: &str) {
        self.armed().teammate = (n > 0).then(|| (n, title.to_string()));
    }

    /// Counts one answered single GET; the title a teammate now saves, when
    /// this was the last read before it.
    pub(crate) fn teammate_edit(&self) -> Option<String> {
        let mut armed = self.armed();
        let (left, _) = armed.teammate.as_mut()?;
        *left -= 1;
        if *left > 0 {
            return None;
        }
        armed.teammate.take().map(|(_, title)| title)
    }

    /// Disarm everything and remove the latency.
    pub fn reset(&self) {
        *self.armed() = Armed::default();
    }

    pub(crate) fn latency(&self) -> Duration {
        self.armed().latency
    }

    /// The fault this request gets, if any, consuming one count of it.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<Fault> {
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
        if let Some(rule) = armed.rate_limit.as_mut()
            && rule.method.as_deref().is_none_or(|m| m == method)
            && rule.path.as_deref().is_none_or(|p| path.contains(p))
        {
            let fault = Fault::RateLimit {
                retry_after: rule.retry_after.clone(),
            };
            rule.remaining -= 1;
            if rule.remaining == 0 {
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
        assert_eq!(faults.take("GET", "/x"), None);
        assert_eq!(faults.take("PUT", "/x"), Some(Fault::Drop));
        assert_eq!(faults.take("PUT", "/x"), Some(Fault::FailPut));
        assert_eq!(faults.take("PUT", "/x"), None);
    }

    #[test]
    fn a_rate_limit_can_be_aimed_at_some_gets() {
        let faults = Faults::default();
        faults.rate_limit_matching(Some("get"), Some("/contacts/"), 2, RetryAfter::Seconds(3));
        assert_eq!(faults.take("GET", "/user-api/v1/custom-fields"), None);
        assert_eq!(faults.take("PUT", "/user-api/v1/contacts/c1"), None);
        let limited = Some(Fault::RateLimit {
            retry_after: RetryAfter::Seconds(3),
        });
        assert_eq!(faults.take("GET", "/user-api/v1/contacts/c1"), limited);
        assert_eq!(faults.take("GET", "/user-api/v1/contacts/c1"), limited);
        assert_eq!(faults.take("GET", "/user-api/v1/contacts/c1"), None);
    }

    #[test]
    fn reset_disarms_everything() {
        let faults = Faults::default();
        faults.rate_limit_next(3, 5);
        faults.drop_next(None, 2);
        faults.set_latency(Duration::from_millis(10));
        faults.reset();
        assert_eq!(faults.take("GET", "/x"), None);
        assert_eq!(faults.latency(), Duration::ZERO);
    }
}
