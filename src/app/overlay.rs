//! The dialogs and screens drawn over the editor, each carrying the data it
//! needs (an in-flight save's body and stage live in its variant).

use crate::api::RequestPreview;
use crate::contact::{Clash, Draft, RemoteChanges};
use crate::wire::{Contact, PutBody};

use super::cursor;
use super::keys::{Action, Context};

/// How far a long text over the editor (the JSON body, the dry run) is
/// scrolled. Its line count is taken once, when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown.
    pub offset: usize,
    pub lines: usize,
}

impl Scroll {
    pub fn new(lines: usize) -> Self {
        Scroll { offset: 0, lines }
    }

    /// Moves for a movement action; false for any other.
    pub fn apply(&mut self, action: Action) -> bool {
        match cursor::moved(self.offset, action, self.lines) {
            Some(offset) => {
                self.offset = offset;
                true
            }
            None => false,
        }
    }
}

/// Where a save is in its sequence of requests.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStage {
    /// Reading the contact again to be sure nobody changed it meanwhile.
    Checking,
    /// Keeping the contact as the server has it (the conflict check's
    /// read) in the save history: the version this save replaces is on disk
    /// before the PUT is sent, so `--revert` can put it back.
    KeepingHistory,
    /// The PUT is in flight.
    Sending,
    /// Reading the contact back to compare it with what was sent.
    ReadingBack,
}

/// What `r` does on the save-failed screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Check for conflicts and send again. A PUT whose answer was lost may
    /// have been stored: the check then shows it as a change on the server,
    /// and nothing is sent over it.
    Save,
    /// The PUT was stored but the read-back failed: read it back again
    /// (checking for a conflict now would report the save itself).
    ReadBack,
}

/// A dialog or screen drawn over the editor. Keys go to it first. Each
/// variant carries what it needs, so no combination that cannot happen can
/// be represented.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The diff and the confirmation dialog, over the body that `y` sends
    /// (built once when the review opens, so the dialog, the JSON view and
    /// the request always agree). `json` is set while the exact body shows.
    Review {
        body: Box<PutBody>,
        json: Option<Scroll>,
        /// `--dry-run`: `y` shows the request instead of sending it.
        dry_run: bool,
        /// How many lines the review (changes and confirmation) is
        /// scrolled down.
        offset: usize,
    },
    /// `--dry-run`: the exact request that would have been sent, as the
    /// client builds it (the key shown as `***`).
    DryRun {
        preview: Box<RequestPreview>,
        scroll: Scroll,
    },
    /// A save in flight.
    Saving {
        body: Box<PutBody>,
        stage: SaveStage,
    },
    /// A request of the save failed; the edit is intact.
    SaveFailed {
        message: String,
        body: Box<PutBody>,
        retry: Retry,
    },
    /// The contact changed on the server since it was loaded; nothing was
    /// sent. `confirm` is set while "overwrite anyway?" asks once more.
    Conflict {
        remote: Box<Contact>,
        changes: Box<RemoteChanges>,
        body: Box<PutBody>,
        confirm: bool,
    },
    /// After a rebase: values both sides changed, differently; `index` is
    /// the one being decided. The user's value stands until `t` takes theirs.
    Clash {
        clashes: Vec<Clash>,
        index: usize,
    },
    /// The version this save replaces could not be kept in the history
    /// (`why`): sending anyway would make the save impossible to revert,
    /// so it asks first. Nothing has been sent.
    NoHistory {
        body: Box<PutBody>,
        why: String,
    },
    ConfirmQuit,
    /// The quit prompt's other folder for a draft that cannot be written
    /// where drafts are kept: the folder as typed, and why the last try to
    /// write there failed.
    DraftFolder {
        folder: String,
        error: Option<String>,
    },
    /// A draft of unsaved changes was found for this contact.
    RestoreDraft(Box<Draft>),
}

impl Overlay {
    /// The part of the key table that answers while this overlay is up.
    pub fn key_context(&self) -> Context {
        match self {
            Overlay::Review { dry_run, .. } => Context::Review { dry_run: *dry_run },
            Overlay::DryRun { .. } => Context::DryRun,
            Overlay::Saving { .. } => Context::Loading,
            Overlay::SaveFailed { .. } => Context::SaveFailed,
            Overlay::Conflict { confirm: true, .. } => Context::ConfirmOverwrite,
            Overlay::Conflict { .. } => Context::Conflict,
            Overlay::Clash { .. } => Context::Clash,
            Overlay::NoHistory { .. } => Context::NoHistory,
            Overlay::ConfirmQuit => Context::ConfirmQuit,
            Overlay::DraftFolder { .. } => Context::DraftFolder,
            Overlay::RestoreDraft(_) => Context::RestoreDraft,
        }
    }

    /// The long text this overlay scrolls, if it shows one now.
    pub fn scroll_mut(&mut self) -> Option<&mut Scroll> {
        match self {
            Overlay::Review {
                json: Some(scroll), ..
            }
            | Overlay::DryRun { scroll, .. } => Some(scroll),
            _ => None,
        }
    }
}
