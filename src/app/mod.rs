//! The application core in the Elm shape: [`Model`] (all state, plain
//! data), [`Msg`] (everything that happens), [`update`] (the only place
//! state changes; pure, returns [`Effect`]s for the runtime to carry out).
//!
//! The rooms, each importing only those above it in this list:
//! `pane`, `cursor` and `keys` (the key table); `field_editor` (an open
//! field editor's state) and `contact_list` (the contact list's state);
//! `overlay` (the dialogs over the editor, with their data);
//! `editor` (the editor's state and the one keeper of its undo and journal
//! rule); `model` and `msg`; then one file per flow — `fields` (field
//! editors), `save` (review, conflict check, PUT, read-back and their
//! dialogs), `drafts` (journal, restore, revert, a draft moved aside),
//! `claim` (one editor per contact, the read-only editor), `editing` (keys
//! on the panes, quitting), `contacts` (the contact list) — and `update`,
//! which only dispatches.

mod claim;
mod contact_list;
mod contacts;
pub mod cursor;
mod drafts;
mod editing;
pub mod editor;
pub mod field_editor;
mod fields;
pub mod find;
pub mod keys;
mod lists;
pub mod matching;
pub mod model;
pub mod msg;
pub mod overlay;
pub mod pane;
mod save;
pub mod update;

pub use contact_list::{ContactList, INCLUDE, ListRow, ORDER, PAGE_SIZE};
pub use editor::Editor;
pub use field_editor::{FieldEditor, OptionPicker, PickerKind, TextTarget};
pub use fields::user_label;
pub use lists::{list_name, lookup_reason_text};
pub use model::{
    Choices, HelpFit, HelpLayout, Journal, Links, MIN_HEIGHT, MIN_WIDTH, Model, Options, Phase,
    Revert, ReviewEnd, ReviewFit, Status, StatusKind,
};
pub use msg::{Effect, Local, Msg, Remote};
pub use overlay::{Overlay, Retry, SaveStage, Scroll};
pub use pane::{
    DETAILS_FIRST, DETAILS_LISTS, DETAILS_ROWS, DETAILS_STARRED, DETAILS_TAGS, DETAILS_TITLE, Pane,
    detail_at,
};
pub use update::{init, update};
