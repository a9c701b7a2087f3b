//! Building the PUT body from a form.
//!
//! The server replaces `emails` and `custom_fields` wholesale, so the body
//! always carries the complete final email list and the complete final custom
//! field set — every value the user did not clear, edited or not, in write
//! form. The relationship lists the editor never changes are not sent, so
//! the server keeps them.

use crate::api::wire::{CustomFieldWrite, EmailWrite, PutBody};

use super::form::{ContactForm, Problem, normalize_primary};

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
            .to_write(&row.field_type, row.def.as_ref())
            .map_err(|reason| Problem {
                row: super::form::RowRef::Field(i),
                reason: format!("{}: {reason}", row.name),
            })?;
        if let Some(value) = value {
            custom_fields.push(CustomFieldWrite {
                id: row.id.clone(),
                value,
            });
        }
    }
    Ok(PutBody {
        title: form.title.clone(),
        is_starred: form.starred,
        emails: emails
            .into_iter()
            .map(|e| EmailWrite {
                email_address: e.address,
                is_primary: e.primary,
            })
            .collect(),
        custom_fields,
    })
}

/// The path of the request a save sends, for the dialog and the dry run.
pub fn put_path(contact_id: &str) -> String {
    format!("PUT /user-api/v1/contacts/{contact_id}")
}
