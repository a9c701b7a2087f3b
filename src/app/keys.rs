//! The key table: every key the application answers, where it works, and
//! what it does. Key handling asks this table which [`Action`] a key means;
//! the help screen and the footer hints are generated from the same rows,
//! so what is shown cannot drift from what works.
//!
//! Every action is reachable with legacy key encoding (over SSH, in tmux):
//! no row needs Alt, a modified Enter or a function key, and every dialog
//! can be left with a letter as well as with Esc (tmux delays a lone Esc).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::pane::Pane;

/// One key as a person presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character without Ctrl (Shift is part of the character).
    Char(char),
    /// Ctrl and a letter.
    Ctrl(char),
    /// A named key without Ctrl.
    Code(KeyCode),
    /// Keys a widget handles itself (cursor keys in a text field, typing a
    /// filter): shown in the help, never matched here.
    Shown(&'static str),
}

impl Key {
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && ev.code == code,
            Key::Shown(_) => false,
        }
    }

    /// How `[keys]` writes it (what [`parse_key`] reads back).
    pub fn config_name(self) -> String {
        match self {
            Key::Char(' ') => "space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("ctrl-{c}"),
            Key::Shown(s) => s.into(),
            Key::Code(code) => match code {
                KeyCode::BackTab => "shift-tab".into(),
                KeyCode::PageUp => "pgup".into(),
                KeyCode::PageDown => "pgdn".into(),
                KeyCode::Esc => "esc".into(),
                other => format!("{other:?}").to_ascii_lowercase(),
            },
        }
    }

    /// How the key is written in the help, the footer and the README.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Shown(s) => s.into(),
            Key::Code(code) => match code {
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// What a key does. The handler for each [`Context`] gives it meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Help,
    Quit,
    NextPane,
    PrevPane,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Edit,
    Toggle,
    Undo,
    Redo,
    Review,
    AddEmail,
    DeleteEmail,
    MakePrimary,
    ClearValue,
    Dismiss,
    /// Keep what was typed or chosen.
    Commit,
    /// Leave a field editor or a dialog, nothing else lost.
    Back,
    ToggleJson,
    Send,
    Retry,
    Rebase,
    Overwrite,
    Confirm,
    Discard,
    KeepMine,
    TakeTheirs,
    Open,
    ClearFilter,
    /// Look at a contact another editor has open, changing nothing.
    ReadOnly,
    /// Stop the program for the shell (Ctrl-Z); `fg` brings it back.
    Suspend,
    /// Copy the selected row's value to the clipboard (OSC 52).
    Copy,
    /// Open the find line (`/`).
    Find,
    /// The next / previous match of the last find (`n` / `N`).
    FindNext,
    FindPrevious,
    /// The quit prompt, when the draft cannot be written where drafts are
    /// kept: write it to a folder typed in.
    DraftElsewhere,
    /// Keys handled by a widget; never returned by [`action`].
    Widget,
}

impl Action {
    /// Every action's name for `[keys]` in the config file.
    pub const NAMES: &[&str] = &[
        "help",
        "quit",
        "next_pane",
        "previous_pane",
        "down",
        "up",
        "top",
        "bottom",
        "page_down",
        "page_up",
        "edit",
        "toggle",
        "undo",
        "redo",
        "review",
        "add",
        "delete",
        "make_primary",
        "clear",
        "dismiss",
        "keep",
        "back",
        "json",
        "send",
        "retry",
        "rebase",
        "overwrite",
        "confirm",
        "discard",
        "keep_mine",
        "take_theirs",
        "open",
        "clear_filter",
        "read_only",
        "suspend",
        "copy",
        "find",
        "find_next",
        "find_previous",
        "draft_elsewhere",
    ];

    /// The name `[keys]` calls it by; `None` for keys a widget handles.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            A::Help => "help",
            A::Quit => "quit",
            A::NextPane => "next_pane",
            A::PrevPane => "previous_pane",
            A::Down => "down",
            A::Up => "up",
            A::Top => "top",
            A::Bottom => "bottom",
            A::PageDown => "page_down",
            A::PageUp => "page_up",
            A::Edit => "edit",
            A::Toggle => "toggle",
            A::Undo => "undo",
            A::Redo => "redo",
            A::Review => "review",
            A::AddEmail => "add",
            A::DeleteEmail => "delete",
            A::MakePrimary => "make_primary",
            A::ClearValue => "clear",
            A::Dismiss => "dismiss",
            A::Commit => "keep",
            A::Back => "back",
            A::ToggleJson => "json",
            A::Send => "send",
            A::Retry => "retry",
            A::Rebase => "rebase",
            A::Overwrite => "overwrite",
            A::Confirm => "confirm",
            A::Discard => "discard",
            A::KeepMine => "keep_mine",
            A::TakeTheirs => "take_theirs",
            A::Open => "open",
            A::ClearFilter => "clear_filter",
            A::ReadOnly => "read_only",
            A::Suspend => "suspend",
            A::Copy => "copy",
            A::Find => "find",
            A::FindNext => "find_next",
            A::FindPrevious => "find_previous",
            A::DraftElsewhere => "draft_elsewhere",
            A::Widget => return None,
        })
    }

    /// The action `[keys]` names `name`.
    pub fn named(name: &str) -> Option<Action> {
        TABLE
            .iter()
            .map(|b| b.action)
            .find(|a| a.name() == Some(name))
    }
}

/// Where a key is pressed: what has the keys right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Editor(Pane),
    Text,
    /// The text editor of a new email row (Enter adds it).
    NewText,
    /// The find line (`/`): typing finds a row.
    Find,
    Options {
        multi: bool,
    },
    /// A picker of many options, which filters as you type (letters go to
    /// the filter, so only the arrows move).
    FilterOptions {
        multi: bool,
    },
    /// The review; `dry_run` when `y` shows the request instead of sending.
    Review {
        dry_run: bool,
    },
    /// Scrolling the JSON body or the dry run.
    Scroll,
    DryRun,
    SaveFailed,
    Conflict,
    ConfirmOverwrite,
    /// Both sides changed the same value: pick one.
    Clash,
    /// The version a save replaces could not be kept: send anyway?
    NoHistory,
    ConfirmQuit,
    /// Typing the folder to write the draft to.
    DraftFolder,
    RestoreDraft,
    /// The contact is open in another editor: look read-only, or quit.
    OpenElsewhere,
    Contacts,
    Loading,
    LoadFailed,
    Help,
    /// The terminal is smaller than the editor needs.
    TooSmall,
}

impl Context {
    /// Every context there is.
    pub const ALL: [Context; 29] = [
        Context::Editor(Pane::Details),
        Context::Editor(Pane::Emails),
        Context::Editor(Pane::Phones),
        Context::Editor(Pane::Fields),
        Context::Text,
        Context::NewText,
        Context::Find,
        Context::Options { multi: true },
        Context::Options { multi: false },
        Context::FilterOptions { multi: true },
        Context::FilterOptions { multi: false },
        Context::Review { dry_run: false },
        Context::Review { dry_run: true },
        Context::Scroll,
        Context::DryRun,
        Context::SaveFailed,
        Context::Conflict,
        Context::ConfirmOverwrite,
        Context::Clash,
        Context::NoHistory,
        Context::ConfirmQuit,
        Context::DraftFolder,
        Context::RestoreDraft,
        Context::OpenElsewhere,
        Context::Contacts,
        Context::Loading,
        Context::LoadFailed,
        Context::Help,
        Context::TooSmall,
    ];

    /// Where letters are text: typed into a field, the find line or a
    /// filter, so no plain letter can be a key there.
    pub fn types_letters(self) -> bool {
        matches!(
            self,
            Context::Text
                | Context::NewText
                | Context::Find
                | Context::FilterOptions { .. }
                | Context::Contacts
                | Context::DraftFolder
        )
    }

    /// The context in words, for a message about its keys.
    pub fn described(self) -> String {
        match self {
            Context::Editor(pane) => format!("the editor's {} pane", pane.title()),
            Context::Text | Context::NewText => "a text field".into(),
            Context::Find => "the find line".into(),
            Context::Options { .. } => "a short option picker".into(),
            Context::FilterOptions { .. } => "a long option picker".into(),
            Context::Review { .. } => "the review".into(),
            Context::Scroll => "the review's scrolling".into(),
            Context::DryRun => "the dry run".into(),
            Context::SaveFailed => "the save-failed dialog".into(),
            Context::Conflict => "the conflict dialog".into(),
            Context::ConfirmOverwrite => "the overwrite question".into(),
            Context::Clash => "the both-changed dialog".into(),
            Context::NoHistory => "the no-history question".into(),
            Context::ConfirmQuit => "the quit prompt".into(),
            Context::DraftFolder => "the draft folder prompt".into(),
            Context::RestoreDraft => "the restore prompt".into(),
            Context::OpenElsewhere => "the open-elsewhere notice".into(),
            Context::Contacts => "the contact list".into(),
            Context::Loading => "the loading screen".into(),
            Context::LoadFailed => "the load-failed screen".into(),
            Context::Help => "the help".into(),
            Context::TooSmall => "the too-small screen".into(),
        }
    }
}

/// Where a row of the table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The editor, whichever pane is focused.
    AnyPane,
    /// The editor, only in these panes.
    Panes(&'static [Pane]),
    /// Exactly this context.
    In(Context),
    /// Every option picker, short or long, single or multi.
    AnyOptions,
    /// A short picker (letters are keys).
    ShortOptions,
    /// A long picker (letters filter it).
    LongOptions,
    /// A multi-option picker, short or long.
    MultiOptions,
    /// A single-option picker, short or long.
    SingleOptions,
    /// Loading and a failed load.
    Start,
    /// Both text editors (an existing row's and a new email's).
    AnyText,
    /// Every dialog drawn over the editor.
    AnyDialog,
    /// The review, sending or dry run.
    AnyReview,
    /// Every context: keys the whole program answers the same way.
    Anywhere,
}

impl Scope {
    pub fn covers(self, ctx: Context) -> bool {
        match (self, ctx) {
            (Scope::AnyPane, Context::Editor(_)) => true,
            (Scope::Panes(panes), Context::Editor(p)) => panes.contains(&p),
            (Scope::In(c), ctx) => c == ctx,
            (Scope::AnyOptions, Context::Options { .. } | Context::FilterOptions { .. }) => true,
            (Scope::ShortOptions, Context::Options { .. }) => true,
            (Scope::LongOptions, Context::FilterOptions { .. }) => true,
            (
                Scope::MultiOptions,
                Context::Options { multi: true } | Context::FilterOptions { multi: true },
            ) => true,
            (
                Scope::SingleOptions,
                Context::Options { multi: false } | Context::FilterOptions { multi: false },
            ) => true,
            (Scope::Start, Context::Loading | Context::LoadFailed) => true,
            (Scope::AnyText, Context::Text | Context::NewText) => true,
            (Scope::AnyReview, Context::Review { .. }) => true,
            (
                Scope::AnyDialog,
                Context::Review { .. }
                | Context::DryRun
                | Context::SaveFailed
                | Context::Conflict
                | Context::ConfirmOverwrite
                | Context::Clash
                | Context::NoHistory
                | Context::ConfirmQuit
                | Context::RestoreDraft,
            ) => true,
            (Scope::Anywhere, _) => true,
            _ => false,
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// The footer's word for it; empty keeps it out of the footer.
    pub hint: &'static str,
    /// How many of `keys` the footer shows.
    pub hint_keys: usize,
    /// The help screen's line.
    pub help: &'static str,
}

const fn row(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    hint_keys: usize,
    help: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        hint,
        hint_keys,
        help,
    }
}

use Action as A;
use Key::{Char as C, Code, Ctrl, Shown};
use Scope::*;

const TOGGLE_PANES: &[Pane] = &[Pane::Details, Pane::Fields];
const EMAILS: &[Pane] = &[Pane::Emails, Pane::Phones];

/// Every key, in the order the help lists them within a group.
#[rustfmt::skip]
pub const TABLE: &[Binding] = &[
    // The editor.
    row(AnyPane, &[Code(KeyCode::Down), C('j')], A::Down, "move", 1, "move down"),
    row(AnyPane, &[Code(KeyCode::Up), C('k')], A::Up, "", 0, "move up"),
    row(AnyPane, &[Code(KeyCode::Home), C('g')], A::Top, "", 0, "first row"),
    row(AnyPane, &[Code(KeyCode::End), C('G')], A::Bottom, "", 0, "last row"),
    row(AnyPane, &[Code(KeyCode::PageDown)], A::PageDown, "", 0, "ten rows down"),
    row(AnyPane, &[Code(KeyCode::PageUp)], A::PageUp, "", 0, "ten rows up"),
    row(AnyPane, &[Code(KeyCode::Enter)], A::Edit, "edit", 1, "edit the selected row (a text editor, or a picker)"),
    row(AnyPane, &[Code(KeyCode::Tab)], A::NextPane, "next pane", 1, "next pane: Details → Emails → Phones → Custom fields"),
    row(AnyPane, &[Code(KeyCode::BackTab)], A::PrevPane, "", 0, "previous pane"),
    row(AnyPane, &[C('w'), Ctrl('s')], A::Review, "review & save", 1, "review & save (invalid values are pointed out first)"),
    row(Panes(TOGGLE_PANES), &[C(' ')], A::Toggle, "toggle", 1, "toggle Starred or a yes-no field"),
    row(Panes(EMAILS), &[C('a')], A::AddEmail, "add", 1, "add an email or a phone number (opens the editor on a new row)"),
    row(Panes(EMAILS), &[C('d')], A::DeleteEmail, "delete", 1, "delete the email or number now (u brings it back)"),
    row(Panes(EMAILS), &[C('p')], A::MakePrimary, "make primary", 1, "make the email or number the primary one"),
    row(Panes(TOGGLE_PANES), &[C('x')], A::ClearValue, "clear", 1, "clear the value (a custom field is left out of the save; a detail is sent as null)"),
    row(AnyPane, &[C('u')], A::Undo, "undo", 1, "undo (the whole form, any pane; the last 100 changes)"),
    row(AnyPane, &[Ctrl('r')], A::Redo, "redo", 1, "redo"),
    row(AnyPane, &[C('/')], A::Find, "", 0, "find a row by its name in any pane, the focused one first (case and accents ignored)"),
    row(AnyPane, &[C('n')], A::FindNext, "", 0, "the next match of the last find, on through the panes"),
    row(AnyPane, &[C('N')], A::FindPrevious, "", 0, "the previous match of the last find, back through the panes"),
    row(AnyPane, &[C('c')], A::Copy, "", 0, "copy the row's value to the clipboard (OSC 52: works over SSH, and in tmux with set-clipboard on)"),
    row(AnyPane, &[Code(KeyCode::Esc)], A::Dismiss, "", 0, "clear the message on the status line"),
    row(AnyPane, &[C('?')], A::Help, "help", 1, "this help"),
    row(AnyPane, &[C('q'), Ctrl('c')], A::Quit, "quit", 1, "quit; asks first when there are unsaved changes"),
    // The find line.
    row(In(Context::Find), &[Shown("type")], A::Widget, "find", 1, "type a name: the first row that has it is selected, in this pane or the next (Backspace deletes)"),
    row(In(Context::Find), &[Code(KeyCode::Down), Ctrl('n')], A::Down, "next/previous match", 1, "the next match"),
    row(In(Context::Find), &[Code(KeyCode::Up), Ctrl('p')], A::Up, "", 0, "the previous match"),
    row(In(Context::Find), &[Code(KeyCode::Enter)], A::Commit, "keep", 1, "keep the selection (n and N find again)"),
    row(In(Context::Find), &[Code(KeyCode::Esc)], A::Back, "back", 1, "back to the row the find started on"),
    row(In(Context::Find), &[Ctrl('c')], A::Quit, "", 0, "quit (asks first when there are unsaved changes)"),
    // A text field.
    row(In(Context::Text), &[Code(KeyCode::Enter)], A::Commit, "keep", 1, "keep the text (a pasted newline never does)"),
    row(In(Context::NewText), &[Code(KeyCode::Enter)], A::Commit, "add", 1, "add the new address"),
    row(AnyText, &[Code(KeyCode::Tab), Code(KeyCode::BackTab)], A::Commit, "", 0, "Tab keeps the text too, as Enter does"),
    row(AnyText, &[Code(KeyCode::Esc)], A::Back, "cancel", 1, "cancel this edit, nothing else lost"),
    row(AnyText, &[Shown("← → Home End")], A::Widget, "move in the text", 1, "move in the text; Backspace and Delete delete; paste works"),
    row(AnyText, &[Ctrl('u')], A::Widget, "", 0, "delete back to the start of the text, as in a shell"),
    row(AnyText, &[Ctrl('a'), Ctrl('e')], A::Widget, "", 0, "to the start, to the end of the text, as in a shell"),
    row(AnyText, &[Ctrl('w'), Ctrl('k')], A::Widget, "", 0, "delete the word before the cursor; delete to the end"),
    row(AnyText, &[Ctrl('c')], A::Quit, "", 0, "cancel the edit and quit (asks first when there are unsaved changes)"),
    // The option pickers.
    row(AnyOptions, &[Code(KeyCode::Down), Ctrl('n')], A::Down, "move", 1, "next option"),
    row(AnyOptions, &[Code(KeyCode::Up), Ctrl('p')], A::Up, "", 0, "previous option"),
    row(AnyOptions, &[Code(KeyCode::Home)], A::Top, "", 0, "first option"),
    row(AnyOptions, &[Code(KeyCode::End)], A::Bottom, "", 0, "last option"),
    row(ShortOptions, &[C('j')], A::Down, "", 0, "next option (a short picker; in a long one letters filter)"),
    row(ShortOptions, &[C('k')], A::Up, "", 0, "previous option (a short picker)"),
    row(ShortOptions, &[C('g')], A::Top, "", 0, "first option (a short picker)"),
    row(ShortOptions, &[C('G')], A::Bottom, "", 0, "last option (a short picker)"),
    row(LongOptions, &[Shown("type")], A::Widget, "filter", 1, "a picker of 10 options or more: typing filters it by name (Backspace deletes)"),
    row(MultiOptions, &[C(' ')], A::Toggle, "toggle", 1, "toggle the option (multi-option picker)"),
    row(MultiOptions, &[Code(KeyCode::Enter)], A::Commit, "done", 1, "done: keep the options ticked"),
    row(SingleOptions, &[Code(KeyCode::Enter), C(' ')], A::Commit, "choose", 1, "choose the option"),
    row(ShortOptions, &[Code(KeyCode::Esc), C('q')], A::Back, "cancel", 1, "cancel, the value stays as it was"),
    row(LongOptions, &[Code(KeyCode::Esc)], A::ClearFilter, "clear filter / cancel", 1, "clear the filter; with none, cancel"),
    row(AnyOptions, &[Ctrl('c')], A::Quit, "", 0, "cancel and quit (asks first when there are unsaved changes)"),
    // The review and the confirmation dialog.
    row(In(Context::Review { dry_run: false }), &[C('y')], A::Send, "send", 1, "send the save (after a fresh conflict check)"),
    row(In(Context::Review { dry_run: true }), &[C('y')], A::Send, "show the request", 1, "--dry-run: show the exact request; nothing is sent"),
    row(AnyReview, &[C('J')], A::ToggleJson, "JSON", 1, "show or hide the exact JSON body"),
    row(AnyReview, &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "back to editing", 2, "back to editing, nothing lost"),
    row(In(Context::Scroll), &[Code(KeyCode::Down), C('j')], A::Down, "scroll", 1, "scroll down (the review, its JSON, the dry run)"),
    row(In(Context::Scroll), &[Code(KeyCode::Up), C('k')], A::Up, "", 0, "scroll up"),
    row(In(Context::Scroll), &[Code(KeyCode::PageDown), C(' ')], A::PageDown, "", 0, "a page down"),
    row(In(Context::Scroll), &[Code(KeyCode::PageUp)], A::PageUp, "", 0, "a page up"),
    row(In(Context::Scroll), &[Code(KeyCode::Home), C('g')], A::Top, "", 0, "the top"),
    row(In(Context::Scroll), &[Code(KeyCode::End), C('G')], A::Bottom, "", 0, "the end"),
    row(In(Context::DryRun), &[C('n'), C('q'), Code(KeyCode::Esc), Ctrl('c')], A::Back, "back to editing", 1, "back to editing (nothing was sent)"),
    row(In(Context::SaveFailed), &[C('r')], A::Retry, "retry", 1, "retry the save (never done automatically)"),
    row(In(Context::SaveFailed), &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "back to editing", 2, "back to editing, the edit kept"),
    row(In(Context::Conflict), &[C('r')], A::Rebase, "rebase my edits", 1, "rebase: my edits on top of the server's version"),
    row(In(Context::Conflict), &[C('o')], A::Overwrite, "overwrite anyway", 1, "overwrite the server's version (asks once more)"),
    row(In(Context::Conflict), &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "cancel", 2, "cancel, the edit kept, nothing sent"),
    row(In(Context::ConfirmOverwrite), &[C('y')], A::Confirm, "overwrite", 1, "yes, overwrite the server's changes"),
    row(In(Context::ConfirmOverwrite), &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "back", 1, "no, back to the conflict"),
    row(In(Context::Clash), &[C('m')], A::KeepMine, "keep mine", 1, "keep my value for this field"),
    row(In(Context::Clash), &[C('t')], A::TakeTheirs, "take theirs", 1, "take the server's value for this field"),
    row(In(Context::Clash), &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "later", 1, "decide later: keep mine for the rest, review before saving"),
    row(In(Context::NoHistory), &[C('y')], A::Confirm, "save anyway", 1, "save although the version it replaces cannot be kept (--revert cannot undo it)"),
    row(In(Context::NoHistory), &[C('n'), Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "back to editing", 2, "back to editing, nothing sent"),
    row(In(Context::ConfirmQuit), &[C('y'), C('q'), Ctrl('c')], A::Confirm, "quit", 1, "quit (q or Ctrl-C again too); the draft stays on disk"),
    row(In(Context::ConfirmQuit), &[C('d')], A::Discard, "quit, discard draft", 1, "quit and discard the draft"),
    row(In(Context::ConfirmQuit), &[C('s')], A::DraftElsewhere, "write draft elsewhere", 1, "write the draft to another folder (when the draft folder cannot be written), then quit"),
    row(In(Context::ConfirmQuit), &[C('n'), Code(KeyCode::Esc)], A::Back, "keep editing", 2, "keep editing"),
    row(In(Context::DraftFolder), &[Shown("type")], A::Widget, "folder", 1, "type the folder to write the draft to (Backspace deletes, Ctrl-U clears)"),
    row(In(Context::DraftFolder), &[Code(KeyCode::Enter)], A::Commit, "write and quit", 1, "write the draft there and quit"),
    row(In(Context::DraftFolder), &[Code(KeyCode::Esc), Ctrl('c')], A::Back, "back", 1, "back to the quit prompt, nothing written"),
    row(In(Context::RestoreDraft), &[C('y')], A::Confirm, "restore", 1, "restore the unsaved changes"),
    row(In(Context::RestoreDraft), &[C('n')], A::Discard, "discard", 1, "discard them (the draft file is removed)"),
    row(In(Context::RestoreDraft), &[Code(KeyCode::Esc), C('q'), Ctrl('c')], A::Back, "keep it for later and quit", 1, "keep the draft for later and quit (back to the contact list when the editor was opened from it); it is offered again next time"),
    // Help from any dialog.
    row(AnyDialog, &[C('?')], A::Help, "", 0, "this help"),
    // The contact is open in another editor.
    row(In(Context::OpenElsewhere), &[C('r')], A::ReadOnly, "open read-only", 1, "open it read-only: look, but nothing is edited, kept or sent"),
    row(In(Context::OpenElsewhere), &[C('q'), Code(KeyCode::Esc), Ctrl('c')], A::Quit, "quit", 1, "quit (or back to the contact list); the other editor's draft is kept"),
    // The contact picker.
    row(In(Context::Contacts), &[Shown("type")], A::Widget, "filter", 1, "filter the loaded contacts (Backspace deletes)"),
    row(In(Context::Contacts), &[Code(KeyCode::Down), Code(KeyCode::Tab), Ctrl('n')], A::Down, "move", 1, "next contact"),
    row(In(Context::Contacts), &[Code(KeyCode::Up), Code(KeyCode::BackTab), Ctrl('p')], A::Up, "", 0, "previous contact"),
    row(In(Context::Contacts), &[Code(KeyCode::PageDown)], A::PageDown, "", 0, "ten down"),
    row(In(Context::Contacts), &[Code(KeyCode::PageUp)], A::PageUp, "", 0, "ten up"),
    row(In(Context::Contacts), &[Code(KeyCode::Home)], A::Top, "", 0, "the first"),
    row(In(Context::Contacts), &[Code(KeyCode::End)], A::Bottom, "", 0, "the last loaded"),
    row(In(Context::Contacts), &[Code(KeyCode::Enter)], A::Open, "open", 1, "open the contact in the editor"),
    row(In(Context::Contacts), &[Ctrl('r')], A::Retry, "", 0, "retry loading after an error"),
    row(In(Context::Contacts), &[Code(KeyCode::Esc)], A::ClearFilter, "clear filter / quit", 1, "clear the filter; with none, quit"),
    row(In(Context::Contacts), &[Ctrl('c')], A::Quit, "", 0, "quit"),
    row(In(Context::Contacts), &[Shown("?")], A::Widget, "help", 1, "this help (while the filter is empty)"),
    // Loading.
    row(In(Context::LoadFailed), &[C('r')], A::Retry, "retry", 1, "retry loading"),
    row(Start, &[C('q'), Code(KeyCode::Esc), Ctrl('c')], A::Quit, "quit", 1, "quit (or back to the contact list)"),
    row(Start, &[C('?')], A::Help, "help", 1, "this help"),
    // The help screen.
    row(In(Context::Help), &[Code(KeyCode::Down), C('j')], A::Down, "scroll", 1, "scroll down"),
    row(In(Context::Help), &[Code(KeyCode::Up), C('k')], A::Up, "", 0, "scroll up"),
    row(In(Context::Help), &[Code(KeyCode::PageDown), C(' ')], A::PageDown, "", 0, "a page down"),
    row(In(Context::Help), &[Code(KeyCode::PageUp)], A::PageUp, "", 0, "a page up"),
    row(In(Context::Help), &[Code(KeyCode::Home), C('g')], A::Top, "", 0, "to the top"),
    row(In(Context::Help), &[Code(KeyCode::End), C('G')], A::Bottom, "", 0, "to the end: where drafts, history and the log are kept"),
    row(In(Context::Help), &[Code(KeyCode::Esc), C('?'), C('q')], A::Back, "close", 2, "close the help"),
    // A terminal too small for the editor.
    row(In(Context::TooSmall), &[C('q'), Ctrl('c')], A::Quit, "quit", 1, "quit (asks first when there are unsaved changes); other keys wait for a bigger window"),
    // Everywhere.
    row(Anywhere, &[Ctrl('z')], A::Suspend, "", 0, "suspend to the shell; fg comes back with a full repaint"),
];

/// Whether an action on the panes changes the form or saves it: what a
/// read-only editor refuses (and leaves out of its hints).
pub fn writes(action: Action) -> bool {
    matches!(
        action,
        A::Edit
            | A::Toggle
            | A::AddEmail
            | A::DeleteEmail
            | A::MakePrimary
            | A::ClearValue
            | A::Undo
            | A::Redo
            | A::Review
    )
}

impl Binding {
    /// The first `n` keys, joined: `w/Ctrl-S`. All of them when `n` is 0.
    pub fn label(&self, n: usize) -> String {
        let n = if n == 0 { self.keys.len() } else { n };
        self.keys
            .iter()
            .take(n)
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The help screen's groups: a title and the scopes it lists.
pub const HELP_GROUPS: &[(&str, &[Scope])] = &[
    ("Editor (any pane)", &[AnyPane]),
    ("Details and Custom fields panes", &[Panes(TOGGLE_PANES)]),
    ("Emails and Phones panes", &[Panes(EMAILS)]),
    ("Find a row", &[In(Context::Find)]),
    (
        "Editing text",
        &[In(Context::Text), In(Context::NewText), AnyText],
    ),
    (
        "Option picker",
        &[
            AnyOptions,
            ShortOptions,
            LongOptions,
            MultiOptions,
            SingleOptions,
        ],
    ),
    (
        "Review and confirmation",
        &[
            In(Context::Review { dry_run: false }),
            In(Context::Review { dry_run: true }),
            AnyReview,
            In(Context::Scroll),
        ],
    ),
    ("Dry run", &[In(Context::DryRun)]),
    ("Save failed", &[In(Context::SaveFailed)]),
    ("Conflict", &[In(Context::Conflict)]),
    ("Overwrite their change?", &[In(Context::ConfirmOverwrite)]),
    ("Both changed one value", &[In(Context::Clash)]),
    ("Save without history?", &[In(Context::NoHistory)]),
    ("Quit prompt", &[In(Context::ConfirmQuit)]),
    ("Draft folder", &[In(Context::DraftFolder)]),
    ("Restore prompt", &[In(Context::RestoreDraft)]),
    ("Any dialog", &[AnyDialog]),
    ("Open in another editor", &[In(Context::OpenElsewhere)]),
    ("Contact list", &[In(Context::Contacts)]),
    ("Loading", &[In(Context::LoadFailed), Start]),
    ("This help", &[In(Context::Help)]),
    ("Terminal too small", &[In(Context::TooSmall)]),
    ("Anywhere", &[Anywhere]),
];

/// The key table in use: [`TABLE`], with the keys of the actions the
/// config file's `[keys]` remaps. Built once at start ([`Keymap::remapped`]);
/// handlers ask it what a key means, and the footer, the help and the README
/// are drawn from it, so what they show is what works.
#[derive(Debug, PartialEq, Eq)]
pub struct Keymap {
    rows: std::borrow::Cow<'static, [Binding]>,
}

/// The default key table as a [`Keymap`].
pub static STANDARD_KEYS: Keymap = Keymap {
    rows: std::borrow::Cow::Borrowed(TABLE),
};

/// The default key table.
pub fn standard() -> &'static Keymap {
    &STANDARD_KEYS
}

impl Keymap {
    /// Whether a key stops the program for the shell, wherever it is
    /// pressed (the runtime, not `update`, carries that out).
    pub fn suspends(&self, ev: &KeyEvent) -> bool {
        self.action(Context::Help, ev) == Some(A::Suspend)
    }

    /// The action a key means in a context, if any.
    pub fn action(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        self.rows
            .iter()
            .filter(|b| b.scope.covers(ctx))
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    }

    /// The rows that apply in a context, in table order.
    pub fn bindings(&self, ctx: Context) -> impl Iterator<Item = &Binding> {
        self.rows.iter().filter(move |b| b.scope.covers(ctx))
    }

    /// The footer's `(keys, word)` pairs for a context. Moving down and up
    /// share one hint, `↓↑ move`, named after the first key of each row.
    pub fn hints(&self, ctx: Context) -> Vec<(String, &'static str)> {
        self.hints_except(ctx, |_| false)
    }

    /// As [`Keymap::hints`], leaving out the actions `left_out` names (a
    /// read-only editor shows no editing keys).
    pub fn hints_except(
        &self,
        ctx: Context,
        left_out: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let up = self.bindings(ctx).find(|b| b.action == A::Up);
        self.bindings(ctx)
            .filter(|b| !b.hint.is_empty() && !left_out(b.action))
            .map(|b| match (b.action, up) {
                (A::Down, Some(up)) if b.hint_keys > 0 => {
                    (format!("{}{}", b.label(1), up.label(1)), b.hint)
                }
                _ => (b.label(b.hint_keys), b.hint),
            })
            .collect()
    }

    /// The keys of the first row for `action` in `ctx`, joined with `/`
    /// (`Esc/?/q`), for text that names them.
    pub fn label_of(&self, ctx: Context, action: Action) -> String {
        self.bindings(ctx)
            .find(|b| b.action == action)
            .map(|b| b.label(0))
            .unwrap_or_default()
    }

    /// The key a message names for `action` in `ctx`: the first letter of
    /// its first row (`w`, `k`), else its first key (`Ctrl-R`).
    pub fn key_of(&self, ctx: Context, action: Action) -> String {
        let Some(b) = self.bindings(ctx).find(|b| b.action == action) else {
            return String::new();
        };
        b.keys
            .iter()
            .find(|k| matches!(k, Key::Char(_)))
            .or(b.keys.first())
            .map(|k| k.label())
            .unwrap_or_default()
    }

    /// Which of [`HELP_GROUPS`] holds the keys of `ctx`.
    pub fn help_group_of(&self, ctx: Context) -> Option<usize> {
        HELP_GROUPS
            .iter()
            .position(|(_, scopes)| scopes.iter().any(|s| s.covers(ctx)))
    }

    /// The help's line where the keys of `ctx` start (its group's title),
    /// so help opens at the keys of the screen it was asked for on.
    pub fn help_line_of(&self, ctx: Context) -> usize {
        let mut line = 0;
        for (_, scopes) in HELP_GROUPS {
            if scopes.iter().any(|s| s.covers(ctx)) {
                return line;
            }
            line += 1 + self.help_rows(scopes).len();
        }
        0
    }

    /// How many lines the help has at most: a title per group and a line
    /// per row, then where things are kept (a title, three labels with
    /// paths of up to three lines each, and the read path's three).
    pub fn help_lines(&self) -> usize {
        2 + 3 * 3
            + 3
            + HELP_GROUPS
                .iter()
                .map(|(_, scopes)| 1 + self.help_rows(scopes).len())
                .sum::<usize>()
    }

    /// The help's rows of one group: `(keys, what they do)`.
    pub fn help_rows(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        self.rows
            .iter()
            .filter(|b| scopes.contains(&b.scope))
            .map(|b| (b.label(0), b.help))
            .collect()
    }

    /// The key table as Markdown, for the README (a test keeps the
    /// README's copy equal to this): where, the keys, the action's name
    /// for `[keys]` in the config file, and what it does.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| where | keys | action | what they do |\n|---|---|---|---|\n");
        for (group, scopes) in HELP_GROUPS {
            for b in self.rows.iter().filter(|b| scopes.contains(&b.scope)) {
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", k.label()))
                    .collect::<Vec<_>>()
                    .join(" ");
                let name = b
                    .action
                    .name()
                    .map(|n| format!("`{n}`"))
                    .unwrap_or_default();
                out.push_str(&format!("| {group} | {keys} | {name} | {} |\n", b.help));
            }
        }
        out
    }

    /// The table with the keys of each action in `remap` (action name →
    /// keys as written in the config file) replacing its default keys, in
    /// every row of that action. Refused, with one line saying what to fix:
    /// an unknown action, a key no terminal sends as itself, a key bound
    /// twice in one context, or a letter where letters are typed.
    pub fn remapped(remap: &[(String, Vec<String>)]) -> Result<Keymap, String> {
        let mut rows = TABLE.to_vec();
        for (name, keys) in remap {
            let action = Action::named(name).ok_or_else(|| {
                format!(
                    "[keys] has no action {name:?}: the actions are {}",
                    Action::NAMES.join(", ")
                )
            })?;
            if keys.is_empty() {
                return Err(format!("[keys] {name} = []: give it at least one key"));
            }
            let mut parsed: Vec<Key> = vec![];
            for written in keys {
                let key = parse_key(written).map_err(|why| format!("[keys] {name}: {why}"))?;
                if !parsed.contains(&key) {
                    parsed.push(key);
                }
            }
            let parsed: &'static [Key] = parsed.leak();
            for row in rows.iter_mut().filter(|r| r.action == action) {
                row.keys = parsed;
                row.hint_keys = row.hint_keys.min(parsed.len());
            }
        }
        let map = Keymap { rows: rows.into() };
        map.check()?;
        Ok(map)
    }

    /// Every context answers each key one way, and where letters are text
    /// (a text field, the find line, a filter) no plain letter is a key.
    fn check(&self) -> Result<(), String> {
        for ctx in Context::ALL {
            let mut seen: Vec<(Key, Action)> = vec![];
            for (b, default) in self
                .rows
                .iter()
                .zip(TABLE)
                .filter(|(b, _)| b.scope.covers(ctx))
            {
                for &k in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == k) {
                        return Err(format!(
                            "[keys] {} is bound to both {} and {} in {}: give one of them \
                             another key",
                            k.config_name(),
                            other.name().unwrap_or("a built-in key"),
                            b.action.name().unwrap_or("a built-in key"),
                            ctx.described()
                        ));
                    }
                    // The defaults' own Space (tick an option) stays.
                    if let Key::Char(c) = k
                        && ctx.types_letters()
                        && b.keys != default.keys
                    {
                        return Err(format!(
                            "[keys] {} for {}: in {} typing {c} types it; use a Ctrl- or \
                             named key there",
                            k.config_name(),
                            b.action.name().unwrap_or("a built-in key"),
                            ctx.described()
                        ));
                    }
                    seen.push((k, b.action));
                }
            }
        }
        Ok(())
    }
}

/// A key as `[keys]` writes it: a character (`h`, `?`, `G`), `ctrl-` and a
/// letter, or a named key (`enter`, `esc`, `tab`, `shift-tab`, `space`,
/// `up`, `down`, `left`, `right`, `home`, `end`, `pgup`, `pgdn`,
/// `backspace`, `delete`).
pub fn parse_key(written: &str) -> Result<Key, String> {
    let lower = written.to_ascii_lowercase();
    let legacy = "a terminal with legacy key encoding (over SSH, in tmux) cannot send it";
    let named = match lower.as_str() {
        "enter" | "return" => Some(KeyCode::Enter),
        "esc" | "escape" => Some(KeyCode::Esc),
        "tab" => Some(KeyCode::Tab),
        "shift-tab" | "backtab" => Some(KeyCode::BackTab),
        "up" => Some(KeyCode::Up),
        "down" => Some(KeyCode::Down),
        "left" => Some(KeyCode::Left),
        "right" => Some(KeyCode::Right),
        "home" => Some(KeyCode::Home),
        "end" => Some(KeyCode::End),
        "pgup" | "pageup" => Some(KeyCode::PageUp),
        "pgdn" | "pagedown" => Some(KeyCode::PageDown),
        "backspace" => Some(KeyCode::Backspace),
        "delete" | "del" => Some(KeyCode::Delete),
        _ => None,
    };
    if let Some(code) = named {
        return Ok(Key::Code(code));
    }
    if lower == "space" {
        return Ok(Key::Char(' '));
    }
    let mut chars = written.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err(format!(
                "{written:?} is a control character: write ctrl-x or a key name"
            ))
        } else {
            Ok(Key::Char(c))
        };
    }
    if let Some(rest) = lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("c-"))
    {
        let mut rest_chars = rest.chars();
        return match (rest_chars.next(), rest_chars.next()) {
            // These arrive as Tab, Enter and Backspace.
            (Some(c @ ('i' | 'm' | 'j' | 'h')), None) => Err(format!(
                "{written:?}: terminals send ctrl-{c} as {}; bind that key instead",
                match c {
                    'i' => "Tab",
                    'h' => "Backspace",
                    _ => "Enter",
                }
            )),
            (Some(c), None) if c.is_ascii_lowercase() => Ok(Key::Ctrl(c)),
            _ => Err(format!(
                "{written:?}: ctrl- goes with a letter a-z; {legacy}"
            )),
        };
    }
    if ["alt-", "meta-", "super-", "cmd-", "shift-", "m-"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.starts_with('f') && lower[1..].parse::<u8>().is_ok()
    {
        return Err(format!(
            "{written:?}: {legacy}; use a letter, ctrl-letter or a named key"
        ));
    }
    Err(format!(
        "{written:?} is not a key: write a character (h, ?), ctrl-letter (ctrl-o), or one of \
         enter, esc, tab, shift-tab, space, up, down, left, right, home, end, pgup, pgdn, \
         backspace, delete"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Context; 29] = Context::ALL;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_key_means_one_thing_per_context() {
        let contexts = ALL;
        for ctx in contexts {
            let mut seen: Vec<Key> = vec![];
            for b in standard().bindings(ctx) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_row_is_in_a_help_group() {
        for b in TABLE {
            assert!(
                HELP_GROUPS.iter().any(|(_, s)| s.contains(&b.scope)),
                "{:?} is in no help group",
                b.keys
            );
        }
    }

    #[test]
    fn every_dialog_can_be_left_without_esc() {
        let dialogs = ALL.into_iter().filter(|c| {
            !matches!(
                c,
                Context::Editor(_)
                    | Context::Text
                    | Context::NewText
                    | Context::Options { multi: false }
                    | Context::FilterOptions { .. }
                    | Context::Find
                    | Context::DraftFolder
                    | Context::Scroll
                    | Context::Contacts
                    | Context::Loading
                    | Context::LoadFailed
                    | Context::TooSmall
            )
        });
        for ctx in dialogs {
            let letter = standard().bindings(ctx).any(|b| {
                // Quitting leaves a dialog too (the notice that the contact
                // is open in another editor).
                matches!(b.action, A::Back | A::Discard | A::Quit)
                    && b.keys.iter().any(|k| matches!(k, C(_)))
            });
            assert!(letter, "{ctx:?} can only be left with Esc");
        }
    }

    #[test]
    fn ctrl_and_plain_letters_differ() {
        let ctx = Context::Editor(Pane::Details);
        assert_eq!(standard().action(ctx, &key(KeyCode::Char('r'))), None);
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(standard().action(ctx, &ctrl_r), Some(A::Redo));
        assert_eq!(
            standard().action(Context::Editor(Pane::Emails), &key(KeyCode::Char('d'))),
            Some(A::DeleteEmail)
        );
        assert_eq!(standard().action(ctx, &key(KeyCode::Char('d'))), None);
    }

    fn remap(pairs: &[(&str, &[&str])]) -> Result<Keymap, String> {
        let owned: Vec<(String, Vec<String>)> = pairs
            .iter()
            .map(|(n, ks)| (n.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect();
        Keymap::remapped(&owned)
    }

    fn ch(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    #[test]
    fn remapped_keys_replace_the_defaults_everywhere_the_action_is() {
        let map = remap(&[("help", &["h", "?"]), ("review", &["ctrl-o"])]).unwrap();
        let ed = Context::Editor(Pane::Details);
        let ctrl_o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.action(ed, &ch('h')), Some(A::Help));
        assert_eq!(map.action(ed, &ch('?')), Some(A::Help));
        assert_eq!(map.action(ed, &ctrl_o), Some(A::Review));
        assert_eq!(map.action(ed, &ch('w')), None, "w no longer reviews");
        assert_eq!(map.action(ed, &ctrl_s), None);
        // In dialogs too, and the hints and the help say so.
        assert_eq!(map.action(Context::ConfirmQuit, &ch('h')), Some(A::Help));
        let hints = map.hints(ed);
        assert!(
            hints.contains(&("Ctrl-O".into(), "review & save")),
            "{hints:?}"
        );
        assert!(hints.contains(&("h".into(), "help")), "{hints:?}");
        let help = map.help_rows(&[AnyPane]);
        assert!(help.contains(&("h/?".into(), "this help")), "{help:?}");
        // The rest is the default table.
        assert_eq!(map.action(ed, &ch('u')), Some(A::Undo));
        assert_eq!(standard().action(ed, &ch('w')), Some(A::Review));
        assert_eq!(remap(&[]).unwrap(), *standard());
    }

    #[test]
    fn a_key_bound_twice_in_one_context_is_refused_by_name() {
        let e = remap(&[("review", &["u"])]).unwrap_err();
        assert!(
            e.contains("u is bound to both") && e.contains("undo") && e.contains("review"),
            "{e}"
        );
        assert!(e.contains("the editor's Details pane"), "{e}");
        // Two actions given one key.
        let e = remap(&[("copy", &["ctrl-o"]), ("review", &["ctrl-o"])]).unwrap_err();
        assert!(e.contains("ctrl-o is bound to both"), "{e}");
        // A letter where letters are typed.
        let e = remap(&[("back", &["x"])]).unwrap_err();
        assert!(e.contains("typing x types it"), "{e}");
    }

    #[test]
    fn an_unknown_action_or_a_key_no_terminal_sends_is_refused() {
        let e = remap(&[("halp", &["h"])]).unwrap_err();
        assert!(
            e.contains("no action \"halp\"") && e.contains("help, quit"),
            "{e}"
        );
        for (written, says) in [
            ("alt-h", "legacy key encoding"),
            ("f1", "legacy key encoding"),
            ("ctrl-enter", "ctrl- goes with a letter"),
            ("ctrl-m", "as Enter"),
            ("ctrl-i", "as Tab"),
            ("hyper", "is not a key"),
        ] {
            let e = remap(&[("help", &[written])]).unwrap_err();
            assert!(e.contains(says) && e.contains(written), "{written}: {e}");
        }
        assert!(
            remap(&[("help", &[])])
                .unwrap_err()
                .contains("at least one key")
        );
        // Every name the table has is accepted, and names round-trip.
        for name in Action::NAMES {
            assert_eq!(Action::named(name).and_then(Action::name), Some(*name));
        }
        for k in [
            "h",
            "?",
            "G",
            "space",
            "ctrl-o",
            "enter",
            "esc",
            "shift-tab",
            "pgdn",
            "up",
        ] {
            assert_eq!(parse_key(k).unwrap().config_name(), k);
        }
    }
}
