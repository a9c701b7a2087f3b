//! The domain: the editable form, validation, the diff and the PUT body.
//! Plain functions over plain types; no UI, no I/O.

pub mod body;
pub mod details;
pub mod diff;
pub mod draft;
pub mod form;
pub mod phone;
pub mod sync;
pub mod typed;
pub mod value;

pub use body::put_body;
pub use details::{Detail, Details};
pub use diff::{ChangeSet, FieldChange, FieldChangeKind, diff};
pub use draft::{Claim, DRAFT_VERSION, Draft, Holder, SetAside, Unusable};
pub use form::{
    ContactForm, EmailRow, FieldRow, Known, Linked, PhoneRow, Problem, RowRef, check_email,
};
pub use sync::{
    Clash, ClashTarget, Difference, RemoteChanges, clashes, readback_differences, rebase_form,
    remote_changes, take_theirs,
};
pub use value::FieldValue;
