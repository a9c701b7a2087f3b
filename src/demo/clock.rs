//! Timestamps for the demo server without a date-time dependency.
//!
//! The server's clock is logical, not the wall clock: it starts just after the
//! newest seeded timestamp and moves one second forward on every change, so
//! two saves in the same real second still get different, strictly increasing
//! `updated_at` values, and screenshots and tests see the same times on every
//! run.

/// Seconds since the Unix epoch of 2025-06-30T09:00:00Z, after every seeded
/// timestamp.
const START: i64 = 1_751_274_000;

/// Hands out strictly increasing `updated_at` values.
#[derive(Debug)]
pub(crate) struct LogicalClock {
    last: i64,
}

impl LogicalClock {
    pub(crate) fn new() -> Self {
        LogicalClock { last: START }
    }

    /// A clock that goes on after `last` (seconds since the epoch, the last
    /// time it handed out), as a demo started from saved contacts needs:
    /// its next change must still be later than every one saved.
    pub(crate) fn resume(last: i64) -> Self {
        LogicalClock {
            last: last.max(START),
        }
    }

    /// The last time handed out, in seconds since the epoch.
    pub(crate) fn last(&self) -> i64 {
        self.last
    }

    /// The next timestamp, ISO-8601 UTC with `Z`, later than every one before.
    pub(crate) fn tick(&mut self) -> String {
        self.last += 1;
        format_timestamp(self.last)
    }
}

use crate::time::format_timestamp;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_moves_strictly_forward() {
        let mut clock = LogicalClock::new();
        let a = clock.tick();
        let b = clock.tick();
        assert!(b > a, "{b} should sort after {a}");
        assert_eq!(LogicalClock::new().tick(), "2025-06-30T09:00:01Z");
        let mut resumed = LogicalClock::resume(clock.last());
        assert!(resumed.tick() > b, "a resumed clock goes on");
        assert_eq!(
            LogicalClock::resume(0).last(),
            START,
            "never before the seed"
        );
    }
}
