//! The application core in the Elm shape: [`Model`] (all state, plain
//! data), [`Msg`] (everything that happens), [`update`] (the only place
//! state changes; pure, returns [`Effect`]s for the runtime to carry out).

mod input;
pub mod keys;
mod lists;
pub mod model;
pub mod msg;
pub mod picker;
mod save;
pub mod update;

pub use input::user_label;
pub use lists::{list_name, lookup_reason_text};
pub use model::{
    Editor, Input, Model, Overlay, Pane, Phase, Picker, Revert, SaveStage, Status, StatusKind,
    TextTarget,
};
pub use msg::{Effect, Msg};
pub use update::{init, update};
