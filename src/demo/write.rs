//! `PUT /contacts/:id`: checking a body in write form and applying it with
//! the documented replace-all semantics.
//!
//! Strict on purpose: a field the API does not take, or a value of the wrong
//! form, is refused with a message that names the field, so a client bug shows
//! up in the tests as a 422 instead of as quietly lost data.

use serde_json::{Map, Value, json};

use super::field_values::custom_fields;
use super::store::{Directory, FieldDef};
use crate::wire::ALL_INCLUDES;

/// Scalars a save may set, with what each may hold.
const WRITABLE_SCALARS: [(&str, Kind); 18] = [
    ("full_name", Kind::Text),
    ("first_name", Kind::Text),
    ("last_name", Kind::Text),
    ("title", Kind::Text),
    ("description", Kind::Text),
    ("location", Kind::Text),
    ("image_url", Kind::Text),
    ("linkedin_slug", Kind::Text),
    ("website_url", Kind::Text),
    ("x_slug", Kind::Text),
    ("facebook_slug", Kind::Text),
    ("instagram_slug", Kind::Text),
    ("birthday_day", Kind::Integer),
    ("birthday_month", Kind::Integer),
    ("birthday_year", Kind::Integer),
    ("is_starred", Kind::Flag),
    ("ignore_merge", Kind::Flag),
    ("last_team_interaction", Kind::Text),
];

/// Fields the server owns: accepted in a body (a client may echo them) and
/// ignored.
const READ_ONLY: [&str; 3] = ["id", "created_at", "updated_at"];

#[derive(Clone, Copy)]
enum Kind {
    /// A string or `null`.
    Text,
    /// An integer or `null`.
    Integer,
    /// A boolean; never `null`.
    Flag,
}

/// What a save needs besides the body: the definitions and linkable records
/// to check ids against, and a source of fresh item ids.
pub(crate) struct WriteContext<'a> {
    pub(crate) defs: &'a [FieldDef],
    pub(crate) directory: &'a Directory,
    pub(crate) next_id: &'a mut u64,
}

impl WriteContext<'_> {
    fn fresh_id(&mut self, prefix: &str) -> String {
        *self.next_id += 1;
        format!("{prefix}_{}", self.next_id)
    }
}

/// The contact after applying `body` to `stored`, or the reason it is refused.
/// `stored` is left untouched either way, so a refusal stores nothing.
pub(crate) fn apply_update(
    stored: &Map<String, Value>,
    body: &Value,
    ctx: &mut WriteContext<'_>,
) -> Result<Map<String, Value>, String> {
    let Value::Object(body) = body else {
        return Err("the body must be a JSON object".into());
    };
    let mut next = stored.clone();
    for (key, value) in body {
        let key = key.as_str();
        if READ_ONLY.contains(&key) {
            continue;
        }
        if let Some(&(_, kind)) = WRITABLE_SCALARS.iter().find(|(k, _)| *k == key) {
            check_scalar(key, kind, value)?;
            next.insert(key.to_string(), value.clone());
            continue;
        }
        if !ALL_INCLUDES.contains(&key) {
            return Err(format!("{key}: not a field a contact update takes"));
        }
        let Value::Array(items) = value else {
            return Err(format!("{key}: needs an array, got {}", kind_of(value)));
        };
        let list = match key {
            "emails" => emails(items, ctx)?,
            "phone_numbers" => phone_numbers(items, ctx)?,
            "companies" => companies(items, ctx.directory)?,
            "tags" => linked(key, "tag", items, &ctx.directory.tags)?,
            "lists" => linked(key, "list", items, &ctx.directory.lists)?,
            "notes" => linked(key, "note", items, &ctx.directory.notes)?,
            // The only one left of `ALL_INCLUDES`.
            _ => custom_fields(items, ctx.defs)?,
        };
        next.insert(key.to_string(), Value::Array(list));
    }
    let names_changed = body.contains_key("first_name") || body.contains_key("last_name");
    if names_changed && !body.contains_key("full_name") {
        let full: Vec<&str> = ["first_name", "last_name"]
            .iter()
            .filter_map(|k| next.get(*k).and_then(Value::as_str))
            .filter(|s| !s.is_empty())
            .collect();
        next.insert("full_name".into(), json!(full.join(" ")));
    }
    Ok(next)
}

fn check_scalar(key: &str, kind: Kind, value: &Value) -> Result<(), String> {
    let ok = match kind {
        Kind::Text => value.is_string() || value.is_null(),
        Kind::Integer => value.is_i64() || value.is_u64() || value.is_null(),
        Kind::Flag => value.is_boolean(),
    };
    if ok {
        return Ok(());
    }
    let wanted = match kind {
        Kind::Text => "a string or null",
        Kind::Integer => "an integer or null",
        Kind::Flag => "true or false",
    };
    Err(format!("{key}: needs {wanted}, got {}", kind_of(value)))
}

/// How a value reads in a message: "a string", "null", ...
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The object's keys must all be among `allowed`.
pub(crate) fn only_keys(
    path: &str,
    item: &Map<String, Value>,
    allowed: &[&str],
) -> Result<(), String> {
    match item.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("{path}: unknown field \"{k}\"")),
        None => Ok(()),
    }
}

fn optional_bool(path: &str, item: &Map<String, Value>, key: &str) -> Result<bool, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(format!(
            "{path}.{key}: needs true or false, got {}",
            kind_of(other)
        )),
    }
}

/// Whether `s` reads as an email address: one `@`, something before it, a
/// dotted domain after it, no whitespace.
fn is_email_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

fn emails(items: &[Value], ctx: &mut WriteContext<'_>) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("emails[{i}]");
        let (address, primary) = match item {
            Value::String(s) => (s.clone(), false),
            Value::Object(o) => {
                only_keys(&path, o, &["email_address", "is_primary"])?;
                let address = match o.get("email_address") {
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => {
                        return Err(format!(
                            "{path}.email_address: needs a string, got {}",
                            kind_of(other)
                        ));
                    }
                    None => return Err(format!("{path}.email_address: missing")),
                };
                (address, optional_bool(&path, o, "is_primary")?)
            }
            other => {
                return Err(format!(
                    "{path}: needs an object or a string, got {}",
                    kind_of(other)
                ));
            }
        };
        if !is_email_address(&address) {
            let path = if item.is_string() {
                path
            } else {
                format!("{path}.email_address")
            };
            return Err(format!("{path}: {address:?} is not an email address"));
        }
        out.push(
            json!({"id": ctx.fresh_id("email"), "email_address": address, "is_primary": primary}),
        );
    }
    Ok(out)
}

fn phone_numbers(items: &[Value], ctx: &mut WriteContext<'_>) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("phone_numbers[{i}]");
        let (number, country, primary) = match item {
            Value::String(s) => (s.clone(), Value::Null, false),
            Value::Object(o) => {
                only_keys(&path, o, &["phone_number", "country_code", "is_primary"])?;
                let Some(Value::String(number)) = o.get("phone_number") else {
                    return Err(format!("{path}.phone_number: needs a string"));
                };
                let country = match o.get("country_code") {
                    None => Value::Null,
                    Some(v @ (Value::String(_) | Value::Null)) => v.clone(),
                    Some(other) => {
                        return Err(format!(
                            "{path}.country_code: needs a string, got {}",
                            kind_of(other)
                        ));
                    }
                };
                (
                    number.clone(),
                    country,
                    optional_bool(&path, o, "is_primary")?,
                )
            }
            other => {
                return Err(format!(
                    "{path}: needs an object or a string, got {}",
                    kind_of(other)
                ));
            }
        };
        if number.trim().is_empty() {
            return Err(format!("{path}.phone_number: empty"));
        }
        let digits = number.chars().filter(char::is_ascii_digit).count();
        let body = number.trim().strip_prefix('+').unwrap_or(number.trim());
        if digits < 4
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || " ()-.".contains(c))
        {
            return Err(format!(
                "{path}.phone_number: {number:?} is not a phone number"
            ));
        }
        if let Value::String(code) = &country {
            let c = code.strip_prefix('+').unwrap_or(code);
            let calling = !c.is_empty() && c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit());
            let region = c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
            if !calling && !region {
                return Err(format!(
                    "{path}.country_code: {code:?} is neither a calling code nor a region"
                ));
            }
        }
        out.push(json!({"id": ctx.fresh_id("phone"), "phone_number": number, "country_code": country, "is_primary": primary}));
    }
    Ok(out)
}

fn companies(items: &[Value], directory: &Directory) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("companies[{i}]");
        let (id, o) = match item {
            Value::String(id) => (id.as_str(), Map::new()),
            Value::Object(o) => {
                only_keys(&path, o, &["id", "is_active", "start_date", "title"])?;
                let Some(Value::String(id)) = o.get("id") else {
                    return Err(format!("{path}.id: needs a company id string"));
                };
                (id.as_str(), o.clone())
            }
            other => {
                return Err(format!(
                    "{path}: needs an object or an id, got {}",
                    kind_of(other)
                ));
            }
        };
        let Some(name) = directory.companies.get(id) else {
            return Err(format!("{path}.id: no company \"{id}\""));
        };
        let title = o.get("title").cloned().unwrap_or(Value::Null);
        let start = o.get("start_date").cloned().unwrap_or(Value::Null);
        if !(title.is_string() || title.is_null()) || !(start.is_string() || start.is_null()) {
            return Err(format!("{path}: title and start_date need strings"));
        }
        let active = match o.get("is_active") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(format!(
                    "{path}.is_active: needs true or false, got {}",
                    kind_of(other)
                ));
            }
        };
        out.push(json!({"id": id, "name": name, "title": title, "is_active": active, "start_date": start}));
    }
    Ok(out)
}

/// Tags, lists and notes are written as id strings and read wrapped:
/// `{"tag": {"id", "name"}}`.
fn linked(
    key: &str,
    wrapper: &str,
    items: &[Value],
    known: &std::collections::BTreeMap<String, Value>,
) -> Result<Vec<Value>, String> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let Value::String(id) = item else {
                return Err(format!(
                    "{key}[{i}]: needs an id string, got {}",
                    kind_of(item)
                ));
            };
            match known.get(id) {
                Some(inner) => Ok(json!({wrapper: inner})),
                None => Err(format!("{key}[{i}]: no {wrapper} \"{id}\"")),
            }
        })
        .collect()
}
