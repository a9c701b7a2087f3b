//! Custom field values: checked in the write form a save sends, stored in
//! the read form a GET returns (selects as `{"id", "value"}` objects, named by
//! their definition).

use serde_json::{Value, json};

use super::store::FieldDef;
use super::write::{kind_of, only_keys};
use crate::time::is_calendar_date;

pub(crate) fn custom_fields(items: &[Value], defs: &[FieldDef]) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(items.len());
    let mut seen: Vec<&str> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("custom_fields[{i}]");
        let Value::Object(o) = item else {
            return Err(format!(
                "{path}: needs an object {{\"id\", \"value\"}}, got {}",
                kind_of(item)
            ));
        };
        only_keys(&path, o, &["id", "value"])?;
        let Some(Value::String(id)) = o.get("id") else {
            return Err(format!("{path}.id: needs a custom field id string"));
        };
        let Some(def) = defs
            .iter()
            .find(|d| d.id == id && d.entity_type == "CONTACT")
        else {
            return Err(format!("{path}.id: no CONTACT custom field \"{id}\""));
        };
        if seen.contains(&def.id) {
            return Err(format!("{path}.id: \"{id}\" appears more than once"));
        }
        seen.push(def.id);
        let Some(value) = o.get("value") else {
            return Err(format!("{path}.value: missing (send null for no value)"));
        };
        match custom_field_read_form(def, value) {
            Ok(Some(read)) => out.push(read),
            Ok(None) => {}
            Err(why) => {
                return Err(format!("{path}.value: {} ({}) {why}", def.name, def.id));
            }
        }
    }
    Ok(out)
}

/// A custom field value in write form turned into the stored read form
/// `{"id", "name", "field_type", "value"}`; `Ok(None)` for `null` (no value).
/// The error completes "Lead Score (field_123) ...".
pub(crate) fn custom_field_read_form(
    def: &FieldDef,
    value: &Value,
) -> Result<Option<Value>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let got = kind_of(value);
    let read = match (def.field_type, value) {
        ("NUMERIC", Value::Number(_)) | ("BOOLEAN", Value::Bool(_)) => value.clone(),
        ("SINGLE_LINE_TEXT" | "USER", Value::String(_)) => value.clone(),
        ("DATE", Value::String(s)) if is_calendar_date(s) => value.clone(),
        // A full ISO datetime on a calendar day, as some servers read DATE
        // values back, is kept as given.
        ("DATE", Value::String(s))
            if s.get(..10).is_some_and(is_calendar_date) && s[10..].starts_with('T') =>
        {
            value.clone()
        }
        ("DATE", Value::String(s)) => {
            return Err(format!("is DATE and needs YYYY-MM-DD, got {s:?}"));
        }
        ("SINGLE_SELECT", Value::String(id)) => option(def, id)?,
        ("MULTI_SELECT", Value::Array(ids)) => {
            let mut picked: Vec<Value> = Vec::with_capacity(ids.len());
            for id in ids {
                let Value::String(id) = id else {
                    return Err(format!(
                        "is MULTI_SELECT and needs option id strings, got {}",
                        kind_of(id)
                    ));
                };
                let opt = option(def, id)?;
                if picked.contains(&opt) {
                    return Err(format!("has option \"{id}\" more than once"));
                }
                picked.push(opt);
            }
            Value::Array(picked)
        }
        ("NUMERIC", _) => return Err(format!("is NUMERIC and needs a number, got {got}")),
        ("BOOLEAN", _) => return Err(format!("is BOOLEAN and needs true or false, got {got}")),
        ("SINGLE_SELECT", _) => {
            return Err(format!(
                "is SINGLE_SELECT and needs an option id string, got {got}"
            ));
        }
        ("MULTI_SELECT", _) => {
            return Err(format!(
                "is MULTI_SELECT and needs an array of option id strings, got {got}"
            ));
        }
        (t, _) => return Err(format!("is {t} and needs a string, got {got}")),
    };
    Ok(Some(
        json!({"id": def.id, "name": def.name, "field_type": def.field_type, "value": read}),
    ))
}

fn option(def: &FieldDef, id: &str) -> Result<Value, String> {
    def.options
        .iter()
        .find(|(oid, _)| *oid == id)
        .map(|(oid, label)| json!({"id": oid, "value": label}))
        .ok_or_else(|| format!("has no option \"{id}\""))
}
