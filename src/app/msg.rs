//! Everything that happens, and everything the application asks the
//! runtime to do.

use ratatui::crossterm::event::KeyEvent;

use crate::api::client::ReadEvent;
use crate::api::{ApiError, RequestPreview};
use crate::contact::{Claim, Draft, Linked, SetAside};
use crate::wire::{Contact, CustomFieldDef, Page, PutBody, WorkspaceUser};

/// An event for [`super::update`]: input, a finished request, a tick.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Bracketed paste: text goes into the open text editor, newlines
    /// flattened, and never confirms anything.
    Paste(String),
    Resize(u16, u16),
    /// Animates the spinner while something is in flight.
    Tick,
    /// When a request finished, sent just before its result: ages are told
    /// from it, and a failed save says when it failed.
    Clock(jiff::Timestamp),
    Loaded(Result<(Contact, Vec<CustomFieldDef>), ApiError>),
    UsersLoaded(Result<Vec<WorkspaceUser>, ApiError>),
    /// The workspace's tags and contact lists, for the Tags and Lists
    /// pickers.
    LinksLoaded {
        tags: Result<Vec<Linked>, ApiError>,
        lists: Result<Vec<Linked>, ApiError>,
    },
    /// The fresh read taken just before a PUT, for the conflict check.
    Checked(Result<Contact, ApiError>),
    /// The PUT's answer: any 2xx is `Ok`, whatever its body said (the
    /// read-back learns what the server holds).
    Put(Result<(), ApiError>),
    /// What a read in flight is doing (a lookup page by page, a rate limit
    /// counting down), or the read path this session chose.
    Progress(ReadEvent),
    /// The read-back after a successful PUT.
    ReadBack(Result<Contact, ApiError>),
    /// `--dry-run`: the request a save would have sent.
    Previewed(RequestPreview),
    /// A page of the contact list.
    ContactsLoaded(Result<Page<Contact>, ApiError>),
    /// Whether this editor may journal the contact ([`Local::Claim`]); `Err`
    /// says why the lock could not be checked.
    Claimed(Result<Claim, String>),
    /// The draft left for this contact, if any; `Err` says why it could
    /// neither be used nor moved aside.
    DraftRead(Result<Option<Box<Draft>>, String>),
    /// The draft left for this contact could not be used by this version
    /// and was moved aside, unchanged.
    DraftSetAside(SetAside),
    /// No draft was left for this contact in this workspace, but one from
    /// before drafts were kept per workspace is at this path: pointed at,
    /// never offered, since it may be another workspace's.
    DraftOfUnknownWorkspace(std::path::PathBuf),
    /// The answer to [`Local::WriteDraft`]: `Err` says why the draft could
    /// not be written (the edit is then kept in memory only).
    DraftWritten(Result<(), String>),
    /// A draft could not be removed ([`Local::DeleteDraft`]), and why.
    DraftNotRemoved(String),
    /// The answer to [`Local::WriteHistory`]: `Err` says why the version a
    /// save replaces could not be kept.
    HistoryKept(Result<(), String>),
    /// The answer to [`Local::WriteDraftTo`]: the file written, or why not.
    DraftWrittenTo(Result<String, String>),
}

/// Work for the runtime. `update` never does I/O itself. The type says
/// where the work goes: the local disk (done at once, in order, before the
/// next key is read), or the Rolodex API (done concurrently, its result
/// coming back as a [`Msg`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Local(Local),
    Remote(Remote),
    /// Put this text on the terminal's clipboard (OSC 52, base64-encoded,
    /// so nothing in it reaches the terminal raw).
    Clipboard(String),
    Quit,
}

/// Work on the local disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Local {
    /// Take the contact's lock, so that this editor alone journals it
    /// ([`Msg::Claimed`]).
    Claim {
        id: String,
    },
    /// Give the contact's lock up (leaving its editor).
    Release {
        id: String,
    },
    /// Open the draft left for the contact: one this version cannot use is
    /// moved aside ([`Msg::DraftRead`], [`Msg::DraftSetAside`]).
    ReadDraft {
        id: String,
    },
    /// Journal the edit; the runtime stamps `saved_at`
    /// ([`Msg::DraftWritten`]).
    WriteDraft(Box<Draft>),
    /// Write the draft into `folder`, outside the state folder, for
    /// `--draft FILE` to open ([`Msg::DraftWrittenTo`]).
    WriteDraftTo {
        draft: Box<Draft>,
        folder: String,
    },
    DeleteDraft {
        id: String,
    },
    /// Keep the contact as the server has it, before a save replaces it
    /// ([`Msg::HistoryKept`]).
    WriteHistory(Box<Contact>),
}

/// Work for the Rolodex API client.
#[derive(Debug, Clone, PartialEq)]
pub enum Remote {
    /// Fetch the contact and the contact custom field definitions, concurrently.
    Load {
        id: String,
    },
    LoadUsers,
    /// Fetch the workspace's tags and contact lists, concurrently.
    LoadLinks,
    /// A page of contacts for the contact list.
    LoadContacts {
        offset: u64,
        limit: u32,
    },
    /// Fetch the contact again before sending ([`Msg::Checked`]).
    Check {
        id: String,
    },
    Put {
        id: String,
        body: Box<PutBody>,
    },
    /// `--dry-run`: build the request a save would send, and send nothing.
    Preview {
        id: String,
        body: Box<PutBody>,
    },
    ReadBack {
        id: String,
    },
}

impl From<Local> for Effect {
    fn from(local: Local) -> Self {
        Effect::Local(local)
    }
}

impl From<Remote> for Effect {
    fn from(remote: Remote) -> Self {
        Effect::Remote(remote)
    }
}
