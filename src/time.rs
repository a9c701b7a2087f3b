//! Times, on `jiff`: UTC stamps (`YYYY-MM-DDTHH:MM:SSZ`) for files, logs
//! and the JSON, calendar checks for `YYYY-MM-DD`, and the local time with
//! its age for people (`2025-01-15 11:30 CET (3 h ago)`), in the time zone
//! the system gives (`TZ`, `/etc/localtime`).

use jiff::tz::TimeZone;
use jiff::{Timestamp, civil::Date};

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
pub fn format_timestamp(secs: i64) -> String {
    let at = Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH);
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_timestamp() -> String {
    Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Seconds since the Unix epoch of midnight UTC on the given date (the
/// epoch itself for a date that does not exist).
pub fn timestamp_of(year: i64, month: u32, day: u32) -> i64 {
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        return 0;
    };
    Date::new(y, m, d)
        .and_then(|date| date.to_zoned(TimeZone::UTC))
        .map_or(0, |z| z.timestamp().as_second())
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn is_calendar_date(s: &str) -> bool {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped && Date::strptime("%Y-%m-%d", s).is_ok()
}

/// The zone times are shown in and the "now" their ages are told from.
pub struct Clock {
    pub zone: jiff::tz::TimeZone,
    pub now: Option<jiff::Timestamp>,
}

impl Clock {
    /// The system's zone and the time now.
    pub fn system() -> Clock {
        Clock {
            zone: system_zone(),
            now: Some(jiff::Timestamp::now()),
        }
    }

    pub fn local(&self, stamp: &str) -> String {
        local(stamp, &self.zone, self.now)
    }
}

/// The system's time zone, UTC when it cannot be read: `TZ` (a zone name
/// such as `Europe/Berlin`, read from `$TZDIR` or /usr/share/zoneinfo, or a
/// POSIX rule such as `CET-1CEST,M3.5.0,M10.5.0/3`), else /etc/localtime.
/// The file is read directly: `TimeZone::try_system` walks the whole zone
/// database to learn the zone's name (1.7 ms at start-up; this takes
/// 0.05 ms), and only the rules are needed to show a time.
pub fn system_zone() -> TimeZone {
    let tz = std::env::var("TZ").ok();
    let dir = std::env::var_os("TZDIR").unwrap_or_else(|| "/usr/share/zoneinfo".into());
    zone_from(tz.as_deref(), std::path::Path::new(&dir))
}

/// [`system_zone`] for a given `TZ` and zone folder.
fn zone_from(tz: Option<&str>, dir: &std::path::Path) -> TimeZone {
    let file = |path: &std::path::Path, name: &str| {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| TimeZone::tzif(name, &bytes).ok())
    };
    if let Some(tz) = tz.filter(|t| !t.trim().is_empty()) {
        let name = tz.trim().trim_start_matches(':');
        let named = !name.contains("..") && !name.starts_with('/');
        if named && let Some(zone) = file(&dir.join(name), name) {
            return zone;
        }
        if name.starts_with('/')
            && let Some(zone) = file(std::path::Path::new(name), name)
        {
            return zone;
        }
        return TimeZone::posix(name).unwrap_or(TimeZone::UTC);
    }
    file(std::path::Path::new("/etc/localtime"), "localtime").unwrap_or(TimeZone::UTC)
}

/// A stamp from the server or a file (RFC 3339) as a person reads it: the
/// local date and time with the zone's abbreviation, and how long ago it
/// was when `now` is known: `2025-01-15 11:30 CET (3 h ago)`. Text that is
/// not a timestamp is returned as it is.
pub fn local(stamp: &str, zone: &TimeZone, now: Option<Timestamp>) -> String {
    let Ok(at) = stamp.trim().parse::<Timestamp>() else {
        return stamp.to_string();
    };
    let shown = at
        .to_zoned(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string();
    match now {
        Some(now) => format!("{shown} ({})", age(at, now)),
        None => shown,
    }
}

/// The local time of day of `at`: `15:07:12 CET`.
pub fn local_time_of_day(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%H:%M:%S %Z")
        .to_string()
}

/// How long before `now` the instant `at` was, in the largest unit that
/// says it: `just now`, `5 min ago`, `3 h ago`, `2 days ago`, `4 months
/// ago`, `2 years ago`; `in 3 h` for an instant still to come.
pub fn age(at: Timestamp, now: Timestamp) -> String {
    let secs = now.as_second() - at.as_second();
    let (ahead, secs) = (secs < 0, secs.unsigned_abs());
    let (n, unit) = match secs {
        0..60 => return "just now".to_string(),
        60..3_600 => (secs / 60, "min"),
        3_600..86_400 => (secs / 3_600, "h"),
        86_400..2_592_000 => (secs / 86_400, if secs < 172_800 { "day" } else { "days" }),
        2_592_000..31_536_000 => {
            let m = secs / 2_592_000;
            (m, if m == 1 { "month" } else { "months" })
        }
        _ => {
            let y = secs / 31_536_000;
            (y, if y == 1 { "year" } else { "years" })
        }
    };
    if ahead {
        format!("in {n} {unit}")
    } else {
        format!("{n} {unit} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_timestamp(1_751_274_000), "2025-06-30T09:00:00Z");
        assert_eq!(
            format_timestamp(timestamp_of(2024, 2, 29) + 3661),
            "2024-02-29T01:01:01Z"
        );
        assert_eq!(timestamp_of(2023, 2, 29), 0, "no such day");
    }

    #[test]
    fn calendar_dates_are_checked() {
        assert!(is_calendar_date("2024-02-29"));
        assert!(!is_calendar_date("2023-02-29"));
        assert!(!is_calendar_date("2025-13-01"));
        assert!(!is_calendar_date("2025-1-01"));
        assert!(!is_calendar_date("2025-01-01T00:00:00Z"));
        assert!(!is_calendar_date("２０２５-01-01"));
        assert!(!is_calendar_date("+025-01-01"));
    }

    #[test]
    fn local_times_carry_the_zone_and_the_age() {
        let berlin = TimeZone::get("Europe/Berlin").expect("the system's tzdb has Berlin");
        let now: Timestamp = "2025-01-15T13:45:00Z".parse().unwrap();
        assert_eq!(
            local("2025-01-15T10:30:00Z", &berlin, Some(now)),
            "2025-01-15 11:30 CET (3 h ago)"
        );
        assert_eq!(
            local("2025-07-01T10:30:00Z", &berlin, None),
            "2025-07-01 12:30 CEST"
        );
        assert_eq!(local("not a time", &berlin, Some(now)), "not a time");
        assert_eq!(
            local("2025-01-15T10:30:00Z", &TimeZone::UTC, None),
            "2025-01-15 10:30 UTC"
        );
    }

    #[test]
    fn the_system_zone_comes_from_tz_or_localtime() {
        let at: Timestamp = "2025-01-15T10:30:00Z".parse().unwrap();
        let dir = std::path::Path::new("/usr/share/zoneinfo");
        let shown = |tz: &str| local_time_of_day(at, &zone_from(Some(tz), dir));
        assert_eq!(shown("Europe/Berlin"), "11:30:00 CET");
        assert_eq!(shown(":Europe/Berlin"), "11:30:00 CET");
        assert_eq!(shown("/usr/share/zoneinfo/Europe/Berlin"), "11:30:00 CET");
        assert_eq!(shown("CET-1CEST,M3.5.0,M10.5.0/3"), "11:30:00 CET");
        assert_eq!(shown("../../etc/passwd"), "10:30:00 UTC");
        assert_eq!(shown("Nowhere/Atlantis"), "10:30:00 UTC");
    }

    #[test]
    fn ages_use_the_largest_unit() {
        let now: Timestamp = "2025-01-15T12:00:00Z".parse().unwrap();
        let at = |s: &str| age(s.parse().unwrap(), now);
        assert_eq!(at("2025-01-15T11:59:30Z"), "just now");
        assert_eq!(at("2025-01-15T11:55:00Z"), "5 min ago");
        assert_eq!(at("2025-01-14T11:00:00Z"), "1 day ago");
        assert_eq!(at("2025-01-10T12:00:00Z"), "5 days ago");
        assert_eq!(at("2024-11-01T12:00:00Z"), "2 months ago");
        assert_eq!(at("2022-12-01T12:00:00Z"), "2 years ago");
        assert_eq!(at("2025-01-15T15:00:00Z"), "in 3 h");
    }
}
