//! The application state: plain data, no I/O handles.

use crate::api::client::{ReadEvent, ReadPath};
use crate::contact::{Difference, Draft, Holder, Linked};
use crate::wire::{Contact, PutBody, WorkspaceUser};

use super::contact_list::ContactList;
use super::editor::Editor;
use super::overlay::Overlay;

/// A one-line message under the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// After a save whose read-back found the server holding something
    /// else: what, as data (the view words it after `text`).
    pub differences: Vec<Difference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Warning,
    Error,
}

/// Whether this editor journals its contact's draft. One editor per
/// contact does: two would overwrite each other's journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Journal {
    /// Edits are journaled, and no lock is held: no contact claimed yet,
    /// no draft folder, or the lock could not be checked (said on screen).
    #[default]
    Unclaimed,
    /// This editor holds the contact's lock and journals its draft; the
    /// runtime gives the lock up when the editor is left.
    Held,
    /// Another running editor holds the contact: nothing is journaled here.
    /// Until `read_only`, the notice asks whether to look read-only or quit.
    OpenElsewhere { holder: Holder, read_only: bool },
}

impl Journal {
    /// Whether edits are written to the draft file.
    pub fn journals(&self) -> bool {
        !matches!(self, Journal::OpenElsewhere { .. })
    }

    /// The other editor, while the notice still asks what to do.
    pub fn asking(&self) -> Option<&Holder> {
        match self {
            Journal::OpenElsewhere {
                holder,
                read_only: false,
            } => Some(holder),
            _ => None,
        }
    }

    /// The other editor, once this one looks read-only.
    pub fn read_only(&self) -> Option<&Holder> {
        match self {
            Journal::OpenElsewhere {
                holder,
                read_only: true,
            } => Some(holder),
            _ => None,
        }
    }
}

/// The choices of one picker of linked records (tags, contact lists).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Choices {
    #[default]
    Loading,
    Loaded(Vec<Linked>),
    /// The endpoint did not answer: the row says so and stays read-only.
    Failed(String),
}

/// What the Tags and Lists pickers offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub tags: Choices,
    pub lists: Choices,
}

/// What the screen as a whole is showing.
#[derive(Debug, Clone)]
pub enum Phase {
    /// No contact id was given: choosing one from the workspace's contacts.
    Picking(ContactList),
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
    /// The workspace's tags and contact lists, for their pickers.
    pub links: Links,
    pub status: Option<Status>,
    /// Advances while something is in flight, to animate the spinner.
    pub spinner: usize,
    /// When the last request to finish finished, as the runtime reported
    /// it ([`crate::app::Msg::Clock`]): the "now" that ages are told from.
    pub clock: Option<jiff::Timestamp>,
    /// The time zone times are shown in (UTC until the caller sets the
    /// system's, so tests see the same screens everywhere).
    pub zone: jiff::tz::TimeZone,
    /// The program's own symbols: Unicode, or ASCII where the terminal's
    /// locale is not UTF-8 (Unicode until the caller says otherwise).
    pub glyphs: &'static crate::glyphs::Glyphs,
    /// The key table in use: the defaults with the config's `[keys]`.
    pub keys: &'static crate::app::keys::Keymap,
    pub help: bool,
    /// How far the help screen is scrolled.
    pub help_scroll: u16,
    /// A draft read from disk before the contact finished loading; offered
    /// as soon as the editor opens.
    pub found_draft: Option<Box<Draft>>,
    /// Whether edits are journaled to disk (a state folder exists).
    pub keeps_drafts: bool,
    /// Whether this editor journals the contact, or another editor does.
    pub journal: Journal,
    /// Why the last draft could not be written (a read-only or full state
    /// folder, or none). While set, the edit is in memory only: the header
    /// says so, and the quit prompt says quitting loses it and offers
    /// another folder. The next draft written clears it.
    pub draft_unwritten: Option<String>,
    /// The folder the quit prompt proposes for a draft that cannot be
    /// written where drafts are kept (`$TMPDIR`, else `/tmp`).
    pub temp_dir: String,
    /// A line for standard error once the terminal is restored: where the
    /// unsaved changes were written, and how to open them again.
    pub farewell: Option<String>,
    /// The contacts whose drafts were kept when their editor went back to
    /// the contact list: said at exit ([`Model::farewell_line`]) unless
    /// discarded or saved since.
    pub kept_drafts: Vec<String>,
    /// A warning about the draft found before the editor opened (it was
    /// moved aside, or could not be read), said once it does: opening the
    /// editor clears the status line.
    pub draft_warning: Option<String>,
    /// The folder drafts and history are kept in, for the help screen.
    pub state_dir: Option<String>,
    /// The workspace drafts are made in and recorded with: the base URL as
    /// [`crate::store::workspace_of`] gives it, or
    /// [`crate::store::DEMO_WORKSPACE`]. A draft of another one is never
    /// offered.
    pub workspace: String,
    /// The contact list the editor was opened from: quitting the editor
    /// goes back to it, as it was left.
    pub came_from: Option<ContactList>,
    /// `--revert`: a version from the save history to fill the editor with
    /// once the contact is loaded (then reviewed and saved like any edit).
    pub revert_to: Option<Box<Revert>>,
    /// How this session reads a contact's lists, once the first read chose
    /// (shown in help).
    pub read_path: Option<ReadPath>,
    /// What the read in flight is doing, for the loading and saving screens;
    /// cleared when its result arrives.
    pub progress: Option<ReadEvent>,
    /// The terminal's size, from the last resize (`None` until one is
    /// known).
    pub size: Option<(u16, u16)>,
    /// How far the review of a body can scroll at `size`, measured by the
    /// view's own layout (the view hands it in: the core never imports the
    /// view). `None`: everything is taken to fit.
    pub review_end: Option<ReviewEnd>,
    /// How the help's wrapped lines lie at `size`, measured by the view's
    /// own layout (handed in as `review_end` is), so help opens at a group
    /// and scrolls to its very end. `None`: one line per key.
    pub help_layout: Option<HelpLayout>,
    /// How many lines the open JSON body or dry run has at `size`, where
    /// its long lines wrap, measured by the view (as `help_layout` is), so
    /// scrolling reaches the end. `None`, or `None` from it: the count taken
    /// when it opened.
    pub scroll_lines: Option<fn(&Model) -> Option<usize>>,
}

/// See [`Model::review_end`].
pub type ReviewEnd = fn(&Model, &Editor, &PutBody) -> ReviewFit;

/// See [`Model::help_layout`].
pub type HelpLayout = fn(&Model) -> HelpFit;

/// How the help lies at the terminal's width, its rows wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpFit {
    /// The line each group of [`crate::app::keys::HELP_GROUPS`] starts on.
    pub group_starts: Vec<usize>,
    /// How many lines it has in all.
    pub lines: usize,
}

/// How the review lies on the terminal, in lines scrolled from its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewFit {
    /// The offset that puts the confirmation's heading at the top.
    pub confirmation: usize,
    /// The offset that shows the end (0 when everything fits).
    pub end: usize,
    /// How many lines one screen shows.
    pub page: usize,
}

/// The smallest terminal the editor lays out in. Below it a message asks
/// for a bigger window instead of drawing panes too small to read, and
/// keys do only what that message offers: at 60×16 the three panes, the
/// header and the key hints still fit with a few rows of each list visible.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// A version of the contact from the save history to go back to.
#[derive(Debug, Clone, PartialEq)]
pub struct Revert {
    /// When it was kept (just before a save replaced it).
    pub saved_at: String,
    pub contact: Contact,
}

/// How the application starts, beside the contact and the API root.
#[derive(Clone, Default)]
pub struct Options {
    pub dry_run: bool,
    /// Edits are journaled to disk (a state folder exists).
    pub keeps_drafts: bool,
    /// Where drafts, history and the log are kept, for the help screen.
    pub state_dir: Option<String>,
    /// `--revert`: the version to fill the editor with.
    pub revert_to: Option<Revert>,
    /// See [`Model::review_end`].
    pub review_end: Option<ReviewEnd>,
    /// See [`Model::temp_dir`]; `/tmp` when `None`.
    pub temp_dir: Option<String>,
    /// `--draft FILE`: a draft written elsewhere, offered with the restore
    /// prompt once its contact is loaded (before the one kept for it, if
    /// any, which then stays on disk).
    pub draft: Option<Draft>,
    /// See [`Model::workspace`]; from the base URL when `None`.
    pub workspace: Option<String>,
}

impl Model {
    /// A stamp as a person reads it: local time, zone, and its age when
    /// the clock is known ([`crate::time::local`]).
    pub fn local_time(&self, stamp: &str) -> String {
        crate::time::local(stamp, &self.zone, self.clock)
    }

    /// Opens the help at the keys of the screen it was asked for on.
    pub fn open_help(&mut self, from: crate::app::keys::Context) {
        self.help = true;
        let line = match self.help_layout {
            Some(layout) => self
                .keys
                .help_group_of(from)
                .and_then(|i| layout(self).group_starts.get(i).copied())
                .unwrap_or(0),
            None => self.keys.help_line_of(from),
        };
        self.help_scroll = u16::try_from(line).unwrap_or(0);
    }

    pub fn new(contact_id: impl Into<String>, base_url: impl Into<String>) -> Self {
        let base_url = base_url.into();
        Model {
            contact_id: contact_id.into(),
            workspace: crate::store::workspace_of(&base_url),
            base_url,
            dry_run: false,
            phase: Phase::Loading,
            users: None,
            links: Links::default(),
            status: None,
            spinner: 0,
            help: false,
            help_scroll: 0,
            clock: None,
            zone: jiff::tz::TimeZone::UTC,
            glyphs: &crate::glyphs::UNICODE,
            keys: crate::app::keys::standard(),
            came_from: None,
            revert_to: None,
            found_draft: None,
            keeps_drafts: false,
            journal: Journal::Unclaimed,
            draft_unwritten: None,
            temp_dir: "/tmp".into(),
            farewell: None,
            kept_drafts: vec![],
            draft_warning: None,
            state_dir: None,
            read_path: None,
            progress: None,
            size: None,
            review_end: None,
            help_layout: None,
            scroll_lines: None,
        }
    }

    /// Whether the terminal is known to be smaller than the editor needs
    /// (a 0×0 window included): the screen then shows only a request for a
    /// bigger window, and keys do only what it offers.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// A model that starts in the contact list (no contact id given).
    pub fn picking(base_url: impl Into<String>) -> Self {
        let mut model = Model::new("", base_url);
        // `init` asks for the first page.
        model.phase = Phase::Picking(ContactList {
            loading: true,
            ..ContactList::default()
        });
        model
    }

    /// `contact_id` (or the contact list, when `None`) with these options.
    pub fn with_options(
        contact_id: Option<String>,
        base_url: impl Into<String>,
        options: Options,
    ) -> Self {
        let mut model = match contact_id {
            Some(id) => Model::new(id, base_url),
            None => Model::picking(base_url),
        };
        model.dry_run = options.dry_run;
        model.keeps_drafts = options.keeps_drafts;
        model.state_dir = options.state_dir;
        model.revert_to = options.revert_to.map(Box::new);
        model.review_end = options.review_end;
        if let Some(dir) = options.temp_dir {
            model.temp_dir = dir;
        }
        model.found_draft = options.draft.map(Box::new);
        if let Some(workspace) = options.workspace {
            model.workspace = workspace;
        }
        model
    }

    /// The editor's draft, recorded with the workspace it is made in.
    pub fn draft(&self) -> Option<Draft> {
        let mut draft = self.editor()?.draft();
        draft.base_url = Some(self.workspace.clone());
        Some(draft)
    }

    /// The line for standard error at exit: [`Model::farewell`], else the
    /// drafts kept when editors went back to the contact list.
    pub fn farewell_line(&self) -> Option<String> {
        if let Some(line) = &self.farewell {
            return Some(line.clone());
        }
        match self.kept_drafts.as_slice() {
            [] => None,
            [id] => Some(format!(
                "The unsaved changes to {id} are kept in a draft: {} offers them again",
                self.reopen_command_for(id)
            )),
            ids => Some(format!(
                "The unsaved changes to {} are kept in drafts: {} offers each again",
                ids.join(", "),
                self.reopen_command_for("CONTACT_ID")
            )),
        }
    }

    /// How to come back to this contact's kept draft: the command that
    /// opens it in this workspace.
    pub fn reopen_command(&self) -> String {
        self.reopen_command_for(&self.contact_id)
    }

    fn reopen_command_for(&self, id: &str) -> String {
        if self.workspace == crate::store::DEMO_WORKSPACE {
            format!("rolodex-tui --demo {id}")
        } else {
            format!("rolodex-tui {id}")
        }
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

    /// Warns about the draft now if the editor is open, else as soon as it
    /// opens.
    pub fn warn_about_draft(&mut self, text: String) {
        if self.editor().is_some() {
            self.say(StatusKind::Warning, text);
        } else {
            self.draft_warning = Some(text);
        }
    }

    /// Why the edit's draft is not on disk, if it is not: the last write
    /// failed, or there is no draft folder at all.
    pub fn draft_not_on_disk(&self) -> Option<&str> {
        match (&self.draft_unwritten, self.keeps_drafts) {
            (Some(why), _) => Some(why),
            (None, false) => Some("no draft folder is available"),
            (None, true) => None,
        }
    }

    /// Whether the edit in hand is kept in memory only: it has changes and
    /// its draft could not be written.
    pub fn edit_in_memory_only(&self) -> bool {
        self.draft_unwritten.is_some() && self.editor().is_some_and(Editor::is_dirty)
    }

    /// Shows a one-line message under the panes.
    pub fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
            differences: vec![],
        });
    }

    /// True while a request is in flight (the runtime animates the spinner
    /// only then, so an idle editor sends nothing to the terminal).
    pub fn busy(&self) -> bool {
        match &self.phase {
            Phase::Loading => true,
            Phase::Picking(p) => p.loading,
            Phase::Ready(e) => matches!(e.overlay, Some(Overlay::Saving { .. })),
            Phase::LoadFailed { .. } => false,
        }
    }

    /// Whether the program is left with what it was asked to show not
    /// loaded: the contact list's last page, or the contact, failed. Quitting
    /// then exits 1, so the shell that started it sees the failure.
    /// How many lines the help has at the terminal's size.
    pub fn help_lines(&self) -> usize {
        match self.help_layout {
            Some(layout) => layout(self).lines,
            None => self.keys.help_lines(),
        }
    }

    pub fn load_failed(&self) -> bool {
        match &self.phase {
            Phase::Picking(list) => list.error.is_some(),
            Phase::LoadFailed { .. } => true,
            Phase::Loading | Phase::Ready(_) => false,
        }
    }
}
