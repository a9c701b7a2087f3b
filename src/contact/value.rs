//! Custom field values: reading every documented (and tolerated) read form
//! into a typed value, validating it, and producing the write form a PUT
//! must carry.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use crate::time::is_calendar_date;
use crate::wire::{CustomFieldDef, FieldType};

/// A custom field value as the editor holds it.
///
/// Selects hold option **ids** (labels are looked up in the definition for
/// display). Text-like types hold the text as typed, so an invalid number or
/// date can be shown in place with its reason instead of being lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value")]
pub enum FieldValue {
    /// No value: left out of the PUT's custom field set.
    Empty,
    /// SINGLE_LINE_TEXT, NUMERIC, DATE and USER, as text.
    Text(String),
    Bool(bool),
    /// SINGLE_SELECT: one option id.
    Choice(String),
    /// MULTI_SELECT: option ids, in the definition's option order.
    Choices(Vec<String>),
    /// A value whose form the client does not understand (or a field without
    /// a known definition): sent back exactly as loaded.
    Opaque(Value),
}

impl FieldValue {
    /// No value, or a multi-select with no option chosen.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Empty => true,
            FieldValue::Choices(ids) => ids.is_empty(),
            _ => false,
        }
    }

    /// Interprets a value as read from the server, given its definition.
    /// Anything that does not match a known read form becomes [`FieldValue::Opaque`].
    pub fn from_read(field_type: &FieldType, def: Option<&CustomFieldDef>, raw: &Value) -> Self {
        if raw.is_null() {
            return FieldValue::Empty;
        }
        let opaque = || FieldValue::Opaque(raw.clone());
        match field_type {
            FieldType::SingleLineText => match raw {
                Value::String(s) => FieldValue::Text(s.clone()),
                _ => opaque(),
            },
            FieldType::Numeric => match raw {
                // A float as a plain decimal (never `1e19`), so it can be
                // edited and sent back as the same value.
                Value::Number(n) if n.is_f64() => match n.as_f64() {
                    Some(f) => FieldValue::Text(f.to_string()),
                    None => opaque(),
                },
                Value::Number(n) => FieldValue::Text(n.to_string()),
                Value::String(s) if parse_number(s).is_some() => FieldValue::Text(s.trim().into()),
                _ => opaque(),
            },
            FieldType::Date => match raw.as_str().and_then(date_part) {
                Some(d) => FieldValue::Text(d.to_string()),
                None => opaque(),
            },
            FieldType::Boolean => match raw {
                Value::Bool(b) => FieldValue::Bool(*b),
                _ => opaque(),
            },
            FieldType::User => match raw {
                Value::String(s) => FieldValue::Text(s.clone()),
                Value::Object(o) => match o.get("id").and_then(Value::as_str) {
                    Some(id) => FieldValue::Text(id.to_string()),
                    None => opaque(),
                },
                _ => opaque(),
            },
            FieldType::SingleSelect => match option_ref(def, raw) {
                Some(id) => FieldValue::Choice(id),
                None => opaque(),
            },
            FieldType::MultiSelect => match raw {
                Value::Array(items) => {
                    let ids: Option<Vec<String>> =
                        items.iter().map(|i| option_ref(def, i)).collect();
                    // An empty list stays an empty list (not "no value"), so
                    // an untouched field goes back exactly as it came.
                    match ids {
                        Some(ids) => FieldValue::Choices(ids),
                        None => opaque(),
                    }
                }
                _ => match option_ref(def, raw) {
                    Some(id) => FieldValue::Choices(vec![id]),
                    None => opaque(),
                },
            },
            FieldType::Other(_) => opaque(),
        }
    }

    /// The write form for a PUT, or why the value cannot be sent.
    /// `Ok(None)` means "no value": the field is left out of the set.
    pub fn to_write(
        &self,
        field_type: &FieldType,
        def: Option<&CustomFieldDef>,
    ) -> Result<Option<Value>, String> {
        self.validate(field_type, def)?;
        Ok(match self {
            FieldValue::Empty => None,
            FieldValue::Opaque(v) => Some(v.clone()),
            FieldValue::Bool(b) => Some(Value::Bool(*b)),
            FieldValue::Choice(id) => Some(Value::String(id.clone())),
            FieldValue::Choices(ids) => Some(Value::Array(
                ids.iter().cloned().map(Value::String).collect(),
            )),
            FieldValue::Text(t) => match field_type {
                FieldType::Numeric => parse_number(t).map(Value::Number),
                _ => Some(Value::String(t.clone())),
            },
        })
    }

    /// Why this value cannot be sent for a field of this type, if it cannot.
    pub fn validate(
        &self,
        field_type: &FieldType,
        def: Option<&CustomFieldDef>,
    ) -> Result<(), String> {
        match (self, field_type) {
            (FieldValue::Empty | FieldValue::Opaque(_), _) => Ok(()),
            (FieldValue::Text(t), FieldType::Numeric) => number(t).map(drop),
            (FieldValue::Text(t), FieldType::Date) => {
                if is_calendar_date(t) {
                    return Ok(());
                }
                // Written as a date, but not a day of the calendar: say why.
                let part = |r: std::ops::Range<usize>| {
                    t.get(r)
                        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
                        .and_then(|p| p.parse::<u16>().ok())
                };
                let shaped = t.len() == 10 && t.get(4..5) == Some("-") && t.get(7..8) == Some("-");
                let why = match (shaped, part(0..4), part(5..7), part(8..10)) {
                    (true, Some(y), Some(m), Some(d)) => super::details::day_problem(Some(y), m, d),
                    _ => None,
                };
                Err(match why {
                    Some(why) => format!("\"{t}\" is not a date: {why}"),
                    None => format!("\"{t}\" is not a date: type YYYY-MM-DD"),
                })
            }
            (FieldValue::Choice(id), FieldType::SingleSelect) => known_option(def, id),
            (FieldValue::Choices(ids), FieldType::MultiSelect) => {
                ids.iter().try_for_each(|id| known_option(def, id))
            }
            (FieldValue::Text(_), FieldType::SingleLineText | FieldType::User) => Ok(()),
            (FieldValue::Bool(_), FieldType::Boolean) => Ok(()),
            (v, t) => Err(format!("a {} field cannot hold {v:?}", t.as_str())),
        }
    }

    /// A one-line rendering for the form and the review, with select ids
    /// shown by their labels.
    pub fn display(&self, def: Option<&CustomFieldDef>) -> String {
        match self {
            FieldValue::Empty => String::new(),
            FieldValue::Text(t) => t.clone(),
            FieldValue::Bool(true) => "yes".into(),
            FieldValue::Bool(false) => "no".into(),
            FieldValue::Choice(id) => option_label(def, id),
            FieldValue::Choices(ids) => ids
                .iter()
                .map(|id| option_label(def, id))
                .collect::<Vec<_>>()
                .join(", "),
            FieldValue::Opaque(v) => v.to_string(),
        }
    }
}

/// Whether a value as read is also a form a PUT may carry for this type:
/// a string for text, USER and select ids; a number for NUMERIC; a boolean;
/// a date or full ISO datetime string for DATE; an array of strings for
/// MULTI_SELECT. Object forms (`{"id", "value"}`) are read forms only.
pub fn is_write_form(field_type: &FieldType, raw: &Value) -> bool {
    match field_type {
        FieldType::SingleLineText | FieldType::User | FieldType::SingleSelect => raw.is_string(),
        FieldType::Numeric => raw.is_number(),
        FieldType::Boolean => raw.is_boolean(),
        FieldType::Date => raw.as_str().and_then(date_part).is_some(),
        FieldType::MultiSelect => raw
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        FieldType::Other(_) => false,
    }
}

/// The label of an option id, or the id itself (marked) if the definition
/// does not know it.
pub fn option_label(def: Option<&CustomFieldDef>, id: &str) -> String {
    def.and_then(|d| d.options().iter().find(|o| o.id == id))
        .map(|o| o.value.clone())
        .unwrap_or_else(|| format!("?{id}"))
}

fn known_option(def: Option<&CustomFieldDef>, id: &str) -> Result<(), String> {
    match def {
        Some(d) if d.options().iter().any(|o| o.id == id) => Ok(()),
        Some(d) => Err(format!("option {id} no longer exists on {}", d.name)),
        None => Err(format!("option {id} cannot be checked")),
    }
}

/// Reads a select reference: `{"id", "value"}` or an id string. A string that
/// is not an option id but is exactly one option's label is taken as that
/// option (some servers echo labels); anything else is kept as given so
/// validation can say the option no longer exists.
fn option_ref(def: Option<&CustomFieldDef>, raw: &Value) -> Option<String> {
    match raw {
        Value::Object(o) => o.get("id").and_then(Value::as_str).map(str::to_string),
        Value::String(s) => {
            let options = def.map(|d| d.options()).unwrap_or(&[]);
            if options.iter().any(|o| &o.id == s) {
                return Some(s.clone());
            }
            let by_label: Vec<_> = options.iter().filter(|o| &o.value == s).collect();
            match by_label.as_slice() {
                [one] => Some(one.id.clone()),
                _ => Some(s.clone()),
            }
        }
        _ => None,
    }
}

/// Parses a number as the user typed it into a JSON number: integers stay
/// integers (so 88 is sent as `88`, not `88.0`). `None` when the text is
/// not a plain decimal number or cannot be sent exactly (see [`number`]).
pub fn parse_number(text: &str) -> Option<Number> {
    number(text).ok()
}

/// The JSON number for `text`, or why there is none. Only plain decimals
/// are taken (`-12`, `3.25`): `1e3` is refused with the number to write
/// instead, so what the review shows is what the body carries. A decimal
/// that a JSON number (a 64-bit float) cannot hold exactly, such as
/// `12345678901234567890.123`, is refused rather than sent rounded.
pub fn number(text: &str) -> Result<Number, String> {
    let t = text.trim();
    let not = || Err(format!("\"{t}\" is not a number"));
    if t.is_empty() {
        return not();
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Number::from(i));
    }
    if let Ok(u) = t.parse::<u64>() {
        return Ok(Number::from(u));
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.contains(['e', 'E']) {
        return match t.parse::<f64>() {
            Ok(f) if f.is_finite() => Err(format!(
                "\"{t}\": write the number out ({}), not in exponent form",
                f
            )),
            _ => not(),
        };
    }
    let mut parts = digits.split('.');
    let (whole, fraction) = (parts.next().unwrap_or(""), parts.next());
    let plain = parts.next().is_none()
        && !(whole.is_empty() && fraction.is_none_or(str::is_empty))
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    if !plain {
        return not();
    }
    let Some((f, n)) = t
        .parse::<f64>()
        .ok()
        .and_then(|f| Number::from_f64(f).map(|n| (f, n)))
    else {
        return not();
    };
    // Rust writes a float as the shortest plain decimal that reads back as
    // the same float: when that is not the typed value, it would be rounded.
    if decimal(&f.to_string()) != decimal(t) {
        return Err(format!(
            "\"{t}\" cannot be sent exactly: a number here holds about 15 significant digits \
             (it would be stored as {f})"
        ));
    }
    Ok(n)
}

/// `text` as the number the body will carry, written the same way the
/// review shows it (`2.50` → `2.5`, `+7` → `7`), when it can be sent.
pub fn canonical_number(text: &str) -> Option<String> {
    let n = number(text).ok()?;
    Some(match n.as_f64() {
        Some(f) if n.is_f64() => f.to_string(),
        _ => n.to_string(),
    })
}

/// A decimal written canonically, to compare two spellings of one value:
/// no sign for zero, no leading zeros, no trailing fraction zeros.
fn decimal(text: &str) -> String {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let body = match (whole.is_empty(), fraction.is_empty()) {
        (true, true) => return "0".into(),
        (true, false) => format!("0.{fraction}"),
        (false, true) => whole.to_string(),
        (false, false) => format!("{whole}.{fraction}"),
    };
    if negative { format!("-{body}") } else { body }
}

/// `YYYY-MM-DD` from a date or a full ISO-8601 datetime, if it is a real date.
fn date_part(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let rest = &s[10..];
    (is_calendar_date(d) && (rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')))
        .then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_date_written_right_but_not_in_the_calendar_says_why() {
        let why = |t: &str| {
            FieldValue::Text(t.into())
                .validate(&FieldType::Date, None)
                .expect_err("refused")
        };
        assert_eq!(
            why("2025-02-30"),
            "\"2025-02-30\" is not a date: February has no 30th"
        );
        assert_eq!(
            why("2025-02-29"),
            "\"2025-02-29\" is not a date: February 2025 has no 29th"
        );
        assert_eq!(
            why("2025-13-01"),
            "\"2025-13-01\" is not a date: there is no month 13"
        );
        assert_eq!(
            why("15/01/2025"),
            "\"15/01/2025\" is not a date: type YYYY-MM-DD"
        );
        assert_eq!(
            why("2025-é1-01"),
            "\"2025-é1-01\" is not a date: type YYYY-MM-DD"
        );
        assert!(
            FieldValue::Text("2024-02-29".into())
                .validate(&FieldType::Date, None)
                .is_ok()
        );
    }

    fn select_def(kind: FieldType) -> CustomFieldDef {
        serde_json::from_value(json!({
            "id": "f", "name": "Stage", "field_type": kind.as_str(),
            "multi_select_options": [{"id": "o1", "value": "Lead"}, {"id": "o2", "value": "Customer"}]
        }))
        .unwrap()
    }

    #[test]
    fn every_read_form_is_understood() {
        let single = select_def(FieldType::SingleSelect);
        let multi = select_def(FieldType::MultiSelect);
        let cases = [
            (
                FieldType::Numeric,
                None,
                json!(88),
                FieldValue::Text("88".into()),
            ),
            (
                FieldType::Numeric,
                None,
                json!(2.5),
                FieldValue::Text("2.5".into()),
            ),
            (
                FieldType::SingleLineText,
                None,
                json!("hi"),
                FieldValue::Text("hi".into()),
            ),
            (
                FieldType::Date,
                None,
                json!("2025-02-28"),
                FieldValue::Text("2025-02-28".into()),
            ),
            (
                FieldType::Date,
                None,
                json!("2025-02-28T10:00:00Z"),
                FieldValue::Text("2025-02-28".into()),
            ),
            (
                FieldType::Boolean,
                None,
                json!(false),
                FieldValue::Bool(false),
            ),
            (
                FieldType::User,
                None,
                json!("user_1"),
                FieldValue::Text("user_1".into()),
            ),
            (
                FieldType::SingleSelect,
                Some(&single),
                json!({"id": "o2", "value": "Customer"}),
                FieldValue::Choice("o2".into()),
            ),
            (
                FieldType::SingleSelect,
                Some(&single),
                json!("o1"),
                FieldValue::Choice("o1".into()),
            ),
            (
                FieldType::MultiSelect,
                Some(&multi),
                json!([{"id": "o1", "value": "Lead"}, "o2"]),
                FieldValue::Choices(vec!["o1".into(), "o2".into()]),
            ),
            (
                FieldType::MultiSelect,
                Some(&multi),
                json!([]),
                FieldValue::Choices(vec![]),
            ),
            (FieldType::Numeric, None, json!(null), FieldValue::Empty),
        ];
        for (t, def, raw, want) in cases {
            assert_eq!(FieldValue::from_read(&t, def, &raw), want, "{t:?} {raw}");
        }
    }

    #[test]
    fn unknown_forms_pass_through_unchanged() {
        let raw = json!({"rating": 4, "of": 5});
        let v = FieldValue::from_read(&FieldType::Other("RATING".into()), None, &raw);
        assert_eq!(
            v.to_write(&FieldType::Other("RATING".into()), None),
            Ok(Some(raw.clone()))
        );
        let v = FieldValue::from_read(&FieldType::Numeric, None, &json!("lots"));
        assert_eq!(v, FieldValue::Opaque(json!("lots")));
    }

    #[test]
    fn write_forms_are_the_documented_ones() {
        let single = select_def(FieldType::SingleSelect);
        let read = json!({"id": "o2", "value": "Customer"});
        let v = FieldValue::from_read(&FieldType::SingleSelect, Some(&single), &read);
        assert_eq!(
            v.to_write(&FieldType::SingleSelect, Some(&single)),
            Ok(Some(json!("o2")))
        );
        let n = FieldValue::Text("88".into());
        assert_eq!(n.to_write(&FieldType::Numeric, None), Ok(Some(json!(88))));
        assert_eq!(
            FieldValue::Empty.to_write(&FieldType::Numeric, None),
            Ok(None)
        );
    }

    #[test]
    fn invalid_values_say_why() {
        let single = select_def(FieldType::SingleSelect);
        assert!(
            FieldValue::Text("12a".into())
                .validate(&FieldType::Numeric, None)
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            FieldValue::Text("inf".into())
                .validate(&FieldType::Numeric, None)
                .is_err()
        );
        let exactly = |t: &str| number(t).map(|n| n.to_string());
        assert_eq!(exactly("88"), Ok("88".into()));
        assert_eq!(exactly("2.50"), Ok("2.5".into()));
        assert_eq!(exactly("-0.125"), Ok("-0.125".into()));
        assert_eq!(exactly(".5"), Ok("0.5".into()));
        assert!(
            exactly("12345678901234567890.123")
                .unwrap_err()
                .contains("cannot be sent exactly")
        );
        assert!(
            exactly("123456789012345678901").is_err(),
            "past u64, and rounded"
        );
        assert!(exactly("1e3").unwrap_err().contains("(1000)"));
        // A large or tiny float read from the server edits as a plain
        // decimal and goes back as the same value.
        for raw in [json!(1.2345678901234567e19), json!(1e-7), json!(2.5)] {
            let v = FieldValue::from_read(&FieldType::Numeric, None, &raw);
            let FieldValue::Text(t) = &v else {
                panic!("{v:?}")
            };
            assert!(!t.contains('e'), "{t}");
            let sent = v.to_write(&FieldType::Numeric, None).unwrap().unwrap();
            assert_eq!(sent.as_f64(), raw.as_f64(), "{t}");
        }
        for bad in ["", ".", "1.2.3", "12a", "--1", "0x10", "1,5"] {
            assert!(exactly(bad).is_err(), "{bad:?}");
        }
        assert!(
            FieldValue::Text("2025-02-30".into())
                .validate(&FieldType::Date, None)
                .is_err()
        );
        assert!(
            FieldValue::Text("2024-02-29".into())
                .validate(&FieldType::Date, None)
                .is_ok()
        );
        assert!(
            FieldValue::Choice("gone".into())
                .validate(&FieldType::SingleSelect, Some(&single))
                .unwrap_err()
                .contains("no longer exists")
        );
    }
}
