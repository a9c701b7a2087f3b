//! Building the PUT body from a form.
//!
//! The server replaces `emails` and `custom_fields` wholesale, so the body
//! carries the complete final email list and the complete final custom
//! field set — every value the user did not clear, edited or not, in write
//! form — whenever the server showed us that list. A list it did not return
//! is unknown and is never sent: sending our empty idea of it would delete
//! what the server has. The relationship lists the editor never changes are
//! not sent either, so the server keeps them.

use serde_json::Value;

use crate::wire::{CustomFieldWrite, EmailWrite, FieldType, PutBody};

use super::form::{ContactForm, FieldRow, Problem, normalize_primary};
use super::value::{FieldValue, is_write_form};

/// The body to send for `form`, or the first problem that blocks sending.
/// Nothing invalid is ever put into a body.
pub fn put_body(form: &ContactForm) -> Result<PutBody, Problem> {
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
    })
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
