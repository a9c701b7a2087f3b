//! The application state: plain data, no I/O handles.

use ratatui_textarea::TextArea;

use crate::api::RequestPreview;
use crate::api::client::{ReadEvent, ReadPath};
use crate::contact::{ChangeSet, ContactForm, diff};
use crate::store::Draft;
use crate::wire::{Contact, CustomFieldDef, PutBody, WorkspaceUser};

use super::keys::Context;
use super::picker::ContactPicker;

/// The three editor panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Details,
    Emails,
    Fields,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::Details, Pane::Emails, Pane::Fields];

    pub fn index(self) -> usize {
        match self {
            Pane::Details => 0,
            Pane::Emails => 1,
            Pane::Fields => 2,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Details => "Details",
            Pane::Emails => "Emails",
            Pane::Fields => "Custom fields",
        }
    }
}

/// The selectable rows of the Details pane (the rest is read-only context).
pub const DETAILS_TITLE: usize = 0;
pub const DETAILS_STARRED: usize = 1;

/// What a text editor that is open will change when it commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Title,
    /// An existing email row.
    Email(usize),
    /// A new email row, appended on commit (nothing is added on Esc).
    NewEmail,
    /// A custom field row (text, number, date, or user id typed by hand).
    Field(usize),
}

/// An open option picker for a select or user field.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// The custom field row being edited.
    pub field: usize,
    /// `(id, label)` for every option, in the definition's order.
    pub options: Vec<(String, String)>,
    pub cursor: usize,
    /// Multi-select: Space toggles; the set is committed on Enter.
    pub multi: bool,
    /// For multi-select: which options are chosen.
    pub chosen: Vec<bool>,
    /// What the picker chooses from, for its title ("option", "user").
    pub noun: &'static str,
}

impl Picker {
    /// A picker of one option, its cursor on the current choice.
    pub fn single(
        field: usize,
        options: Vec<(String, String)>,
        current: Option<&str>,
        noun: &'static str,
    ) -> Self {
        let cursor = current
            .and_then(|c| options.iter().position(|(id, _)| id == c))
            .unwrap_or(0);
        Picker {
            field,
            chosen: vec![false; options.len()],
            options,
            cursor,
            multi: false,
            noun,
        }
    }

    /// A picker of several options, the current ones chosen.
    pub fn multi(field: usize, options: Vec<(String, String)>, chosen: &[String]) -> Self {
        Picker {
            field,
            chosen: options.iter().map(|(id, _)| chosen.contains(id)).collect(),
            options,
            cursor: 0,
            multi: true,
            noun: "option",
        }
    }
}

/// An open field editor. While one is open, keys go to it first.
#[derive(Debug, Clone)]
pub enum Input {
    Text {
        target: TextTarget,
        area: Box<TextArea<'static>>,
    },
    Picker(Picker),
}

/// Where a save is in its sequence of requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStage {
    /// Reading the contact again to be sure nobody changed it meanwhile.
    Checking,
    /// The PUT is in flight.
    Sending,
    /// Reading the contact back to compare it with what was sent.
    ReadingBack,
}

/// A dialog or screen drawn over the editor. Keys go to it first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The diff and the confirmation dialog; `json` shows the exact body.
    Review {
        json: bool,
    },
    /// `--dry-run`: the exact request that would have been sent, as the
    /// client builds it (the key shown as `***`).
    DryRun(Box<RequestPreview>),
    Saving(SaveStage),
    /// A request of the save failed; the edit is intact. `r` retries.
    SaveFailed {
        message: String,
    },
    /// The contact changed on the server since it was loaded; nothing was sent.
    Conflict {
        remote: Box<Contact>,
        changes: Vec<String>,
        confirm_overwrite: bool,
    },
    /// After a rebase: values both sides changed, differently; `index` is the
    /// one being decided. The user's value stands until `t` takes theirs.
    Clash {
        clashes: Vec<crate::contact::Clash>,
        index: usize,
    },
    ConfirmQuit,
    /// A draft of unsaved changes was found for this contact.
    RestoreDraft(Box<Draft>),
}

/// A one-line message under the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Warning,
    Error,
}

/// The editor state once a contact and its definitions are loaded.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The contact exactly as loaded (every field kept, see `api::wire`).
    pub contact: Contact,
    pub defs: Vec<CustomFieldDef>,
    /// The form as loaded; the diff is always taken against it.
    pub baseline: ContactForm,
    pub form: ContactForm,
    pub undo: Vec<ContactForm>,
    pub redo: Vec<ContactForm>,
    pub focus: Pane,
    /// The selected row of each pane, indexed by [`Pane::index`].
    pub selected: [usize; 3],
    pub input: Option<Input>,
    pub overlay: Option<Overlay>,
    /// The body being reviewed or sent (built once on review, so the dialog,
    /// the JSON view and the request always agree).
    pub pending: Option<PutBody>,
    /// Fields that differed after the last save's read-back.
    pub readback_warnings: Vec<String>,
    /// The contact as the server had it just before the PUT (the fresh read
    /// of the conflict check), kept in the save history once the PUT succeeds.
    pub before_save: Option<Box<Contact>>,
    /// The first line shown of the long texts over the editor (the JSON
    /// body, the dry run); reset whenever one opens.
    pub scroll: usize,
    /// Bumped on every change to `form` (an edit, undo, redo, a rebase, a
    /// restored draft, a reload), so `update` can journal the draft once
    /// per change without comparing forms.
    pub revision: u64,
}

impl Editor {
    pub fn new(contact: Contact, defs: Vec<CustomFieldDef>) -> Self {
        let baseline = ContactForm::from_contact(&contact, &defs);
        Editor {
            form: baseline.clone(),
            baseline,
            contact,
            defs,
            undo: vec![],
            redo: vec![],
            focus: Pane::Details,
            selected: [DETAILS_TITLE, 0, 0],
            input: None,
            overlay: None,
            pending: None,
            readback_warnings: vec![],
            before_save: None,
            scroll: 0,
            revision: 0,
        }
    }

    /// What differs from the loaded contact.
    /// Which part of the key table answers a key now: an open field
    /// editor, else the dialog on top, else the focused pane.
    pub fn key_context(&self) -> Context {
        match (&self.input, &self.overlay) {
            (Some(Input::Text { .. }), _) => Context::Text,
            (Some(Input::Picker(p)), _) => Context::Options { multi: p.multi },
            (None, Some(overlay)) => match overlay {
                Overlay::Review { .. } => Context::Review,
                Overlay::DryRun(_) => Context::DryRun,
                Overlay::Saving(_) => Context::Loading,
                Overlay::SaveFailed { .. } => Context::SaveFailed,
                Overlay::Conflict {
                    confirm_overwrite: true,
                    ..
                } => Context::ConfirmOverwrite,
                Overlay::Conflict { .. } => Context::Conflict,
                Overlay::Clash { .. } => Context::Clash,
                Overlay::ConfirmQuit => Context::ConfirmQuit,
                Overlay::RestoreDraft(_) => Context::RestoreDraft,
            },
            (None, None) => Context::Editor(self.focus),
        }
    }

    pub fn changes(&self) -> ChangeSet {
        diff(&self.baseline, &self.form)
    }

    pub fn is_dirty(&self) -> bool {
        self.form != self.baseline
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.selected[pane.index()]
    }

    /// How many selectable rows a pane has.
    pub fn rows(&self, pane: Pane) -> usize {
        match pane {
            Pane::Details => 2,
            Pane::Emails => self.form.emails.len(),
            Pane::Fields => self.form.fields.len(),
        }
    }
}

/// What the screen as a whole is showing.
#[derive(Debug, Clone)]
pub enum Phase {
    /// No contact id was given: choosing one from the workspace's contacts.
    Picking(ContactPicker),
    /// Fetching the contact and the definitions.
    Loading,
    /// Loading failed; nothing to edit. `r` retries, `q` quits.
    LoadFailed {
        message: String,
    },
    Ready(Box<Editor>),
}

/// All state of the application.
#[derive(Debug, Clone)]
pub struct Model {
    pub contact_id: String,
    /// The API root, shown in the review and the dry run (never the key).
    pub base_url: String,
    pub dry_run: bool,
    pub phase: Phase,
    /// Workspace users for the USER picker; `None` until (unless) they load.
    pub users: Option<Vec<WorkspaceUser>>,
    pub status: Option<Status>,
    /// Advances while something is in flight, to animate the spinner.
    pub spinner: usize,
    pub help: bool,
    /// How far the help screen is scrolled.
    pub help_scroll: u16,
    /// A draft read from disk before the contact finished loading; offered
    /// as soon as the editor opens.
    pub found_draft: Option<Box<Draft>>,
    /// Whether edits are journaled to disk (a state folder exists).
    pub keeps_drafts: bool,
    /// The folder drafts and history are kept in, for the help screen.
    pub state_dir: Option<String>,
    /// The contact list the editor was opened from: quitting the editor
    /// goes back to it, as it was left.
    pub came_from: Option<ContactPicker>,
    /// `--revert`: a version from the save history to fill the editor with
    /// once the contact is loaded (then reviewed and saved like any edit).
    pub revert_to: Option<Box<Revert>>,
    /// How this session reads a contact's lists, once the first read chose
    /// (shown in help).
    pub read_path: Option<ReadPath>,
    /// What the read in flight is doing, for the loading and saving screens;
    /// cleared when its result arrives.
    pub progress: Option<ReadEvent>,
}

/// A version of the contact from the save history to go back to.
#[derive(Debug, Clone, PartialEq)]
pub struct Revert {
    /// When it was kept (just before a save replaced it).
    pub saved_at: String,
    pub contact: Contact,
}

impl Model {
    pub fn new(contact_id: impl Into<String>, base_url: impl Into<String>) -> Self {
        Model {
            contact_id: contact_id.into(),
            base_url: base_url.into(),
            dry_run: false,
            phase: Phase::Loading,
            users: None,
            status: None,
            spinner: 0,
            help: false,
            help_scroll: 0,
            came_from: None,
            revert_to: None,
            found_draft: None,
            keeps_drafts: false,
            state_dir: None,
            read_path: None,
            progress: None,
        }
    }

    /// A model that starts in the contact picker (no contact id given).
    pub fn picking(base_url: impl Into<String>) -> Self {
        let mut model = Model::new("", base_url);
        // `init` asks for the first page.
        model.phase = Phase::Picking(ContactPicker {
            loading: true,
            ..ContactPicker::default()
        });
        model
    }

    pub fn editor(&self) -> Option<&Editor> {
        match &self.phase {
            Phase::Ready(e) => Some(e),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match &mut self.phase {
            Phase::Ready(e) => Some(e),
            _ => None,
        }
    }

    /// True while a request is in flight (the runtime animates the spinner
    /// only then, so an idle editor sends nothing to the terminal).
    pub fn busy(&self) -> bool {
        match &self.phase {
            Phase::Loading => true,
            Phase::Picking(p) => p.loading,
            Phase::Ready(e) => matches!(e.overlay, Some(Overlay::Saving(_))),
            Phase::LoadFailed { .. } => false,
        }
    }
}
