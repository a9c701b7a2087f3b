//! The contact's other writable scalars: names, location, description,
//! website, social slugs and birthday. Each is edited as one line of text,
//! checked by its own rule, and sent only when it changed (`null` when it
//! was cleared).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::Contact;

/// One writable scalar of the Details pane, after Title and Starred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    FirstName,
    LastName,
    Location,
    Description,
    Website,
    Linkedin,
    X,
    Facebook,
    Instagram,
    Birthday,
}

/// The details' values: a detail without a value has no entry.
pub type Details = BTreeMap<Detail, String>;

impl Detail {
    /// In the order the Details pane shows them.
    pub const ALL: [Detail; 10] = [
        Detail::FirstName,
        Detail::LastName,
        Detail::Location,
        Detail::Description,
        Detail::Website,
        Detail::Linkedin,
        Detail::X,
        Detail::Facebook,
        Detail::Instagram,
        Detail::Birthday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Detail::FirstName => "First name",
            Detail::LastName => "Last name",
            Detail::Location => "Location",
            Detail::Description => "Description",
            Detail::Website => "Website",
            Detail::Linkedin => "LinkedIn",
            Detail::X => "X",
            Detail::Facebook => "Facebook",
            Detail::Instagram => "Instagram",
            Detail::Birthday => "Birthday",
        }
    }

    /// The contact fields this detail is stored in.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Detail::FirstName => &["first_name"],
            Detail::LastName => &["last_name"],
            Detail::Location => &["location"],
            Detail::Description => &["description"],
            Detail::Website => &["website_url"],
            Detail::Linkedin => &["linkedin_slug"],
            Detail::X => &["x_slug"],
            Detail::Facebook => &["facebook_slug"],
            Detail::Instagram => &["instagram_slug"],
            Detail::Birthday => &["birthday_year", "birthday_month", "birthday_day"],
        }
    }

    /// The hosts whose profile URLs hold this detail's slug.
    fn hosts(self) -> &'static [&'static str] {
        match self {
            Detail::Linkedin => &["linkedin.com"],
            Detail::X => &["x.com", "twitter.com"],
            Detail::Facebook => &["facebook.com", "fb.com"],
            Detail::Instagram => &["instagram.com"],
            _ => &[],
        }
    }

    fn is_slug(self) -> bool {
        !self.hosts().is_empty()
    }

    /// What to type, for the row's hint.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Detail::Website => Some("https://…"),
            Detail::Birthday => Some("YYYY-MM-DD, or MM-DD without a year"),
            d if d.is_slug() => Some("a profile name, or paste its URL"),
            _ => None,
        }
    }

    /// Why `text` cannot be sent as this detail, if it cannot.
    pub fn check(self, text: &str) -> Result<(), String> {
        match self {
            Detail::Website => check_url(text),
            Detail::Birthday => parse_birthday(text).map(|_| ()),
            d if d.is_slug() => check_slug(d, text),
            _ => Ok(()),
        }
    }

    /// What a typed value is kept as: a pasted profile URL becomes its slug
    /// (the second part says so), a birthday is written with two-digit
    /// month and day; other text is kept as typed, trimmed.
    pub fn normalize(self, typed: &str) -> (String, Option<String>) {
        let t = typed.trim();
        if self.is_slug()
            && let Some(slug) = slug_from_url(self, t)
        {
            let note = format!("{}: kept {slug:?} from the pasted URL", self.label());
            return (slug, Some(note));
        }
        if self == Detail::Birthday
            && let Ok(b) = parse_birthday(t)
        {
            return (b.to_string(), None);
        }
        (t.to_string(), None)
    }

    /// This detail's value on a read contact, as the editor shows it.
    pub fn read(self, contact: &Contact) -> Option<String> {
        let text = |key: &str| -> Option<String> {
            let v = match key {
                "first_name" => contact.first_name.get().cloned(),
                "last_name" => contact.last_name.get().cloned(),
                "location" => contact.location.get().cloned(),
                _ => contact
                    .extra
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_string),
            };
            v.filter(|s| !s.is_empty())
        };
        match self {
            Detail::Birthday => {
                let int = |key: &str| contact.extra.get(key).and_then(Value::as_u64);
                let (month, day) = (int("birthday_month")?, int("birthday_day")?);
                let b = Birthday {
                    year: int("birthday_year").and_then(|y| u16::try_from(y).ok()),
                    month: u8::try_from(month).ok()?,
                    day: u8::try_from(day).ok()?,
                };
                Some(b.to_string())
            }
            d => text(d.keys()[0]),
        }
    }

    /// Writes this detail's value (`None`: cleared, sent as `null`) into a
    /// body's scalars. The value has been checked.
    pub fn write(self, value: Option<&str>, into: &mut Map<String, Value>) {
        match self {
            Detail::Birthday => {
                let b = value.and_then(|v| parse_birthday(v).ok());
                let n = |v: Option<u64>| v.map_or(Value::Null, Value::from);
                into.insert(
                    "birthday_year".into(),
                    n(b.and_then(|b| b.year).map(u64::from)),
                );
                into.insert("birthday_month".into(), n(b.map(|b| u64::from(b.month))));
                into.insert("birthday_day".into(), n(b.map(|b| u64::from(b.day))));
            }
            d => {
                let v = value.map_or(Value::Null, |s| Value::String(s.to_string()));
                into.insert(d.keys()[0].into(), v);
            }
        }
    }
}

/// Every detail the contact has a value for.
pub fn read_details(contact: &Contact) -> Details {
    Detail::ALL
        .iter()
        .filter_map(|&d| d.read(contact).map(|v| (d, v)))
        .collect()
}

/// A birthday: month and day, and the year when it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birthday {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Birthday {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{:02}-{:02}", self.month, self.day),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `YYYY-MM-DD`, or `MM-DD` when the year is unknown; a real date, where 29
/// February without a year is allowed.
pub fn parse_birthday(text: &str) -> Result<Birthday, String> {
    let t = text.trim();
    let bad = || format!("{t:?} is not a birthday: type YYYY-MM-DD, or MM-DD without a year");
    let parts: Vec<&str> = t.split('-').collect();
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u16> {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] => (
            Some(num(y, 4..=4).ok_or_else(bad)?),
            num(m, 1..=2).ok_or_else(bad)?,
            num(d, 1..=2).ok_or_else(bad)?,
        ),
        [m, d] => (
            None,
            num(m, 1..=2).ok_or_else(bad)?,
            num(d, 1..=2).ok_or_else(bad)?,
        ),
        _ => return Err(bad()),
    };
    if let Some(why) = day_problem(year, month, day) {
        return Err(format!("{t:?} is not a birthday: {why}"));
    }
    Ok(Birthday {
        year,
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    })
}

/// Why `day` of `month` (of `year`, when known) is not a day of the
/// calendar, in words ("February has no 30th"); `None` when it is one. A
/// 29 February without a year is a day.
pub fn day_problem(year: Option<u16>, month: u16, day: u16) -> Option<String> {
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day >= 1 && day <= days {
        return None;
    }
    let name = MONTHS[usize::from(month) - 1];
    Some(match year {
        Some(y) if month == 2 && day == 29 => format!("{name} {y} has no 29th"),
        _ if day == 0 => "a day starts at 1".to_string(),
        _ => format!("{name} has no {}", ordinal(day)),
    })
}

fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// An `http://` or `https://` URL with a host and no spaces.
fn check_url(text: &str) -> Result<(), String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| format!("{text:?} is not a web address: it starts with https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if text.chars().any(char::is_whitespace) {
        return Err(format!(
            "{text:?} is not a web address: it contains a space"
        ));
    }
    if host.is_empty() || !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return Err(format!(
            "{text:?} is not a web address: it needs a host, like https://example.com"
        ));
    }
    Ok(())
}

/// A profile name: no spaces and no `/`.
fn check_slug(detail: Detail, text: &str) -> Result<(), String> {
    let label = detail.label();
    if text.chars().any(char::is_whitespace) {
        return Err(format!(
            "{text:?} is not a {label} name: it contains a space"
        ));
    }
    if text.contains('/') {
        return Err(format!(
            "{text:?} is not a {label} name: it contains /; paste the profile URL or type the name alone"
        ));
    }
    Ok(())
}

/// The slug in a pasted profile URL of `detail`'s site, if `text` is one:
/// `https://www.linkedin.com/in/jane-smith/` → `jane-smith`,
/// `x.com/@jane` → `jane`.
fn slug_from_url(detail: Detail, text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    if !detail.hosts().contains(&host) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    let first = parts.next()?;
    // LinkedIn profiles live under /in/ (or /pub/).
    let slug = if detail == Detail::Linkedin && matches!(first, "in" | "pub") {
        parts.next()?
    } else {
        first
    };
    let slug = slug.trim_start_matches('@');
    (!slug.is_empty() && !slug.chars().any(char::is_whitespace)).then(|| slug.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_are_real_dates_and_the_year_may_be_unknown() {
        assert_eq!(
            parse_birthday("1990-5-7").unwrap().to_string(),
            "1990-05-07"
        );
        assert_eq!(parse_birthday("02-29").unwrap().year, None);
        assert!(parse_birthday("2024-02-29").is_ok());
        assert_eq!(
            parse_birthday("2023-02-29").unwrap_err(),
            "\"2023-02-29\" is not a birthday: February 2023 has no 29th"
        );
        assert_eq!(
            parse_birthday("02-30").unwrap_err(),
            "\"02-30\" is not a birthday: February has no 30th"
        );
        assert!(parse_birthday("13-01").unwrap_err().contains("no month 13"));
        for bad in ["", "1990", "90-01-01", "1990/01/01", "01-01-1990", "a-b"] {
            assert!(parse_birthday(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_pasted_profile_url_becomes_its_slug() {
        let n = |d: Detail, t: &str| d.normalize(t);
        assert_eq!(
            n(Detail::Linkedin, "https://www.linkedin.com/in/jane-smith/").0,
            "jane-smith"
        );
        assert!(
            n(Detail::Linkedin, "https://www.linkedin.com/in/jane-smith/")
                .1
                .is_some()
        );
        assert_eq!(n(Detail::X, "https://twitter.com/@jane?s=1").0, "jane");
        assert_eq!(n(Detail::Instagram, "instagram.com/jane.s").0, "jane.s");
        assert_eq!(
            n(Detail::Facebook, "jane.smith"),
            ("jane.smith".into(), None)
        );
        // Another site's URL is not taken apart, and is refused.
        let (kept, note) = n(Detail::X, "https://example.com/jane");
        assert!(note.is_none() && Detail::X.check(&kept).is_err());
        assert!(Detail::X.check("jane smith").unwrap_err().contains("space"));
    }

    #[test]
    fn a_website_is_an_http_url_with_a_host() {
        assert!(check_url("https://janesmith.com/about").is_ok());
        assert!(check_url("http://a.co").is_ok());
        for bad in [
            "janesmith.com",
            "ftp://a.co",
            "https://",
            "https://localhost",
            "https://a .co",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_cleared_birthday_sends_all_three_parts_as_null() {
        let mut body = Map::new();
        Detail::Birthday.write(Some("03-14"), &mut body);
        assert_eq!(
            Value::Object(body.clone()),
            serde_json::json!({"birthday_year": null, "birthday_month": 3, "birthday_day": 14})
        );
        Detail::Birthday.write(None, &mut body);
        assert!(body.values().all(Value::is_null));
    }
}
