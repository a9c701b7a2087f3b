//! Building the PUT body from a form.
//!
//! The server replaces `emails` and `custom_fields` wholesale, so the body
//! carries the complete final email list and the complete final custom
//! field set — every value the user did not clear, edited or not, in write
//! form — whenever the server showed us that list. A list it did not return
//! is unknown and is never sent: sending our empty idea of it would delete
//! what the server has. The relationship lists the editor never changes are
//! not sent either, so the server keeps them.

use serde_json::{Map, Value};

use crate::wire::{CustomFieldWrite, EmailWrite, FieldType, PhoneWrite, PutBody};

use super::details::Detail;
use super::form::{ContactForm, FieldRow, Linked, PhoneRow, Problem, normalize_primary};
use super::value::{FieldValue, is_write_form};

/// The body to send for `form`, edited from `loaded`, or the first problem
/// that blocks sending. Nothing invalid is ever put into a body.
///
/// Title, starred, the email list and the custom field set go as before;
/// the other scalars only when they changed; phones, tags and lists only
/// when they were edited, and then complete. A list the server did not show
/// us is never sent.
pub fn put_body(loaded: &ContactForm, form: &ContactForm) -> Result<PutBody, Problem> {
    if let Some(problem) = form.first_problem() {
        return Err(problem);
    }
    let mut emails = form.emails.clone();
    normalize_primary(&mut emails);
    let mut custom_fields = Vec::new();
    for (i, row) in form.fields.iter().enumerate() {
        let value = row
            .value
            .to_write(&row.field_type, row.def.as_deref())
            .map_err(|reason| Problem {
                row: super::form::RowRef::Field(i),
                reason: format!("{}: {reason}", row.name),
            })?;
        if let Some(value) = value {
            custom_fields.push(CustomFieldWrite {
                id: row.id.clone(),
                value: as_read_if_unchanged(row, value),
            });
        }
    }
    Ok(PutBody {
        // A title that was null or absent and is untouched is left out: the
        // guide never shows `null` in a request.
        title: form.title.clone(),
        is_starred: form.starred,
        emails: form.known.emails.then(|| {
            emails
                .into_iter()
                .map(|e| EmailWrite {
                    email_address: e.address,
                    is_primary: e.primary,
                })
                .collect()
        }),
        custom_fields: form.known.custom_fields.then_some(custom_fields),
        phone_numbers: (form.known.phones && phones_edited(loaded, form)).then(|| phones(form)),
        tags: (form.known.tags && !same_ids(&loaded.tags, &form.tags)).then(|| ids(&form.tags)),
        lists: (form.known.lists && !same_ids(&loaded.lists, &form.lists))
            .then(|| ids(&form.lists)),
        scalars: changed_details(loaded, form),
    })
}

/// The details that differ from what was loaded, in body form.
fn changed_details(loaded: &ContactForm, form: &ContactForm) -> Map<String, Value> {
    let mut out = Map::new();
    for d in Detail::ALL {
        let now = form.details.get(&d);
        if loaded.details.get(&d) != now {
            d.write(now.map(String::as_str), &mut out);
        }
    }
    out
}

/// Whether the phone list means something else than what was loaded:
/// another number, another order, another primary.
pub fn phones_edited(loaded: &ContactForm, form: &ContactForm) -> bool {
    let key = |l: &[PhoneRow]| -> Vec<(String, bool)> {
        l.iter().map(|p| (p.key(), p.primary)).collect()
    };
    key(&loaded.phones) != key(&form.phones)
}

/// Whether two tag or list sets hold the same ids, order aside.
pub fn same_ids(a: &[Linked], b: &[Linked]) -> bool {
    let mut a = ids(a);
    let mut b = ids(b);
    a.sort();
    b.sort();
    a == b
}

fn ids(list: &[Linked]) -> Vec<String> {
    list.iter().map(|l| l.id.clone()).collect()
}

/// The complete phone list, exactly one primary; a number still shown as
/// read goes back in its read form.
fn phones(form: &ContactForm) -> Vec<PhoneWrite> {
    let mut rows = form.phones.clone();
    normalize_primary(&mut rows);
    rows.iter()
        .map(
            |row| match (row.read.as_ref().filter(|_| row.untouched()), row.parsed()) {
                (None, Ok(p)) => PhoneWrite {
                    phone_number: p.national,
                    country_code: Value::String(format!("+{}", p.country_code)),
                    is_primary: row.primary,
                },
                // Still as read (or, for a read number the client cannot take
                // apart, untouched): sent back in the form the server gave.
                (read, _) => PhoneWrite {
                    phone_number: read
                        .and_then(|r| r.get("phone_number"))
                        .and_then(Value::as_str)
                        .unwrap_or(&row.number)
                        .to_string(),
                    country_code: read
                        .and_then(|r| r.get("country_code"))
                        .cloned()
                        .unwrap_or(Value::Null),
                    is_primary: row.primary,
                },
            },
        )
        .collect()
}

/// The value as it was read, when it still means what `row.value` means and
/// is itself a valid write form; otherwise `write`. Only numbers and dates
/// have read forms that differ from the client's write form while still
/// being write forms (`88.0`, `2023-01-15T00:00:00Z`); a select read as a
/// label is always sent by option id.
fn as_read_if_unchanged(row: &FieldRow, write: Value) -> Value {
    let keeps_form = matches!(row.field_type, FieldType::Numeric | FieldType::Date);
    match &row.read {
        Some(raw)
            if keeps_form
                && FieldValue::from_read(&row.field_type, row.def.as_deref(), raw) == row.value
                && is_write_form(&row.field_type, raw) =>
        {
            raw.clone()
        }
        _ => write,
    }
}
