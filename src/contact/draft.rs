//! An unsaved edit as it is journaled: plain data, written to disk by
//! `crate::store` and offered back by the application.

use serde::{Deserialize, Serialize};

use crate::wire::Contact;

use super::form::ContactForm;

/// An unsaved edit: the contact as it was loaded and the form as edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub contact_id: String,
    /// When it was written (UTC, `YYYY-MM-DDTHH:MM:SSZ`), stamped by whoever
    /// writes it; shown in the restore prompt.
    pub saved_at: String,
    pub loaded: Contact,
    pub form: ContactForm,
}
