//! Timestamps for the demo server's changes.
//!
//! Like a server of today, it stamps a change with the time now (the seeded
//! data keeps its own, older dates), and never with a time at or before the
//! last one it handed out: two saves in the same second still get different,
//! strictly increasing `updated_at` values. Tests that compare times can fix
//! it instead ([`ChangeClock::fix`]): it then starts just after the newest
//! seeded timestamp and moves one second forward on every change, so they see
//! the same times on every run.

use crate::time::format_timestamp;

/// Seconds since the Unix epoch of 2025-06-30T09:00:00Z, after every seeded
/// timestamp.
const START: i64 = 1_751_274_000;

/// Hands out strictly increasing `updated_at` values.
#[derive(Debug)]
pub(crate) struct ChangeClock {
    last: i64,
    /// Whether it follows the wall clock, or only counts seconds from
    /// [`START`].
    wall: bool,
}

impl ChangeClock {
    /// A clock that tells the time now.
    pub(crate) fn new() -> Self {
        ChangeClock {
            last: START,
            wall: true,
        }
    }

    /// From now on, one second after the last time handed out on every
    /// change, whatever the time is.
    pub(crate) fn fix(&mut self) {
        self.wall = false;
    }

    /// Goes on after `last` (seconds since the epoch, the last time it
    /// handed out), as a demo started from saved contacts needs: its next
    /// change must still be later than every one saved.
    pub(crate) fn resume(&mut self, last: i64) {
        self.last = self.last.max(last);
    }

    /// The last time handed out, in seconds since the epoch.
    pub(crate) fn last(&self) -> i64 {
        self.last
    }

    /// The next timestamp, ISO-8601 UTC with `Z`, later than every one before.
    pub(crate) fn tick(&mut self) -> String {
        let next = self.last + 1;
        self.last = if self.wall {
            next.max(jiff::Timestamp::now().as_second())
        } else {
            next
        };
        format_timestamp(self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_one_second_a_change() {
        let mut clock = ChangeClock::new();
        clock.fix();
        let a = clock.tick();
        let b = clock.tick();
        assert!(b > a, "{b} should sort after {a}");
        assert_eq!(a, "2025-06-30T09:00:01Z");
        let mut resumed = ChangeClock::new();
        resumed.fix();
        resumed.resume(clock.last());
        assert!(resumed.tick() > b, "a resumed clock goes on");
        let mut early = ChangeClock::new();
        early.resume(0);
        assert_eq!(early.last(), START, "never before the seed");
    }

    #[test]
    fn the_clock_tells_the_time_now_and_still_moves_forward() {
        let mut clock = ChangeClock::new();
        let now = jiff::Timestamp::now().as_second();
        let a = clock.tick();
        let b = clock.tick();
        assert!(b > a, "{b} should sort after {a}");
        assert!(clock.last() - now <= 2, "{b} is now");
        let mut ahead = ChangeClock::new();
        ahead.resume(now + 3600);
        assert_eq!(
            ahead.tick(),
            format_timestamp(now + 3601),
            "later than the last one saved"
        );
    }
}
