//! The doctor's requests: GET only, each timed, rate-limit headers noted,
//! and a 429 waited out once when its `Retry-After` is short.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Failure, Outcome, RateLimits, SeenHeader, SingleGet, Step, Throttled};
use crate::api::client::probe::ProbeAnswer;
use crate::api::wire::ALL_INCLUDES;
use crate::api::{ApiError, RolodexClient};

/// A 429 is retried once when its `Retry-After` asks for at most this long.
const MAX_WAIT_S: u64 = 10;

/// Sends the doctor's GETs and keeps what all answers had in common.
pub(super) struct Prober<'a> {
    client: &'a RolodexClient,
    http_version: Option<&'static str>,
    limits: RateLimits,
}

/// One request's final answer (after a retry, if any) and the time of every
/// attempt.
pub(super) struct Asked {
    pub(super) answer: Result<ProbeAnswer, ApiError>,
    pub(super) times_ms: Vec<u64>,
}

impl<'a> Prober<'a> {
    pub(super) fn new(client: &'a RolodexClient) -> Self {
        Prober {
            client,
            http_version: None,
            limits: RateLimits::default(),
        }
    }

    pub(super) fn scrub(&self, text: &str) -> String {
        self.client.scrub(text)
    }

    pub(super) fn http_version(&self) -> Option<&'static str> {
        self.http_version
    }

    pub(super) fn into_rate_limits(self) -> RateLimits {
        self.limits
    }

    /// `label` names the request in the report (`GET /contacts/:id`).
    pub(super) async fn get(
        &mut self,
        label: &'static str,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Asked {
        let mut times_ms = Vec::new();
        let mut answer = self.once(label, segments, query, &mut times_ms).await;
        if let Ok(a) = &answer
            && a.status == 429
        {
            let retry_after = a.retry_after().map(str::to_string);
            let wait = retry_after
                .as_deref()
                .and_then(seconds_to_wait)
                .filter(|s| *s <= MAX_WAIT_S);
            self.limits.throttled.push(Throttled {
                request: label,
                retry_after,
                waited_s: wait,
            });
            if let Some(s) = wait {
                tokio::time::sleep(Duration::from_secs(s)).await;
                answer = self.once(label, segments, query, &mut times_ms).await;
                if let Ok(again) = &answer
                    && again.status == 429
                {
                    self.limits.throttled.push(Throttled {
                        request: label,
                        retry_after: again.retry_after().map(str::to_string),
                        waited_s: None,
                    });
                }
            }
        }
        Asked { answer, times_ms }
    }

    async fn once(
        &mut self,
        label: &'static str,
        segments: &[&str],
        query: &[(&str, &str)],
        times_ms: &mut Vec<u64>,
    ) -> Result<ProbeAnswer, ApiError> {
        let started = Instant::now();
        let answer = self.client.probe_get(segments, query).await;
        match &answer {
            Ok(a) => {
                times_ms.push(a.ms);
                self.http_version.get_or_insert(a.http_version);
                for (name, value) in &a.rate_limit_headers {
                    match self.limits.headers.iter_mut().find(|h| &h.name == name) {
                        Some(seen) => seen.answers += 1,
                        None => self.limits.headers.push(SeenHeader {
                            name: name.clone(),
                            value: value.clone(),
                            request: label,
                            answers: 1,
                        }),
                    }
                }
            }
            Err(_) => times_ms.push(u64::try_from(started.elapsed().as_millis()).unwrap_or(0)),
        }
        answer
    }
}

/// `Retry-After` in whole seconds from now: a number, or an HTTP date.
fn seconds_to_wait(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Ok(s) = text.parse::<u64>() {
        return Some(s);
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .ok()?;
    let secs = (at - jiff::Timestamp::now()).get_seconds();
    Some(u64::try_from(secs.max(0)).unwrap_or(0) + 1)
}

impl Asked {
    pub(super) fn succeeded(&self) -> bool {
        self.answer.as_ref().is_ok_and(ProbeAnswer::is_success)
    }

    pub(super) fn body(&self) -> Option<&Value> {
        self.answer.as_ref().ok().and_then(|a| a.body.as_ref())
    }

    fn failure(&self) -> Failure {
        match &self.answer {
            Ok(a) if a.is_success() => Failure::Unreadable,
            Ok(a) => Failure::Status {
                status: a.status,
                message: a.message.clone(),
                retry_after: a.retry_after().map(str::to_string),
            },
            Err(e) => Failure::Transport(e.to_string()),
        }
    }

    /// A 2xx whose body `read` understands is found; anything else failed.
    pub(super) fn into_step<T>(self, read: impl FnOnce(&Value) -> Option<T>) -> Step<T> {
        let found = match (self.succeeded(), self.body()) {
            (true, Some(body)) => read(body),
            _ => None,
        };
        let outcome = match found {
            Some(t) => Outcome::Found(t),
            None => Outcome::Failed(self.failure()),
        };
        Step {
            outcome,
            times_ms: self.times_ms,
        }
    }

    /// The single GET: which lists came back, or whether it exists at all.
    /// `known_missing`: the complete contact list does not hold the contact,
    /// so a 404 is about the contact, not the endpoint.
    pub(super) fn into_single_get(self, known_missing: bool) -> Step<SingleGet> {
        let absent = match &self.answer {
            Ok(a) if a.status == 404 && known_missing => Some(SingleGet::NoSuchContact {
                message: a.message.clone(),
            }),
            Ok(a) if matches!(a.status, 404 | 405) => Some(SingleGet::Absent {
                status: a.status,
                message: a.message.clone(),
            }),
            _ => None,
        };
        if let Some(found) = absent {
            return Step {
                outcome: Outcome::Found(found),
                times_ms: self.times_ms,
            };
        }
        self.into_step(|body| {
            let data = body.get("data").filter(|d| d.is_object())?;
            let returned = ALL_INCLUDES
                .iter()
                .copied()
                .filter(|l| data.get(*l).is_some_and(Value::is_array))
                .collect();
            Some(SingleGet::Answered { returned })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_as_a_date() {
        assert_eq!(seconds_to_wait(" 3 "), Some(3));
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(5);
        let date = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&soon)
            .unwrap_or_default();
        let wait = seconds_to_wait(&date);
        assert!(
            wait.is_some_and(|s| (4..=6).contains(&s)),
            "{date}: {wait:?}"
        );
        assert_eq!(seconds_to_wait("soon"), None);
        assert_eq!(
            seconds_to_wait("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(1),
            "a date in the past means now"
        );
    }
}
