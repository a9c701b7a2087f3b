//! The command line and the settings it resolves to.
//!
//! Precedence, highest first: command-line flag, environment variable, config
//! file (`$XDG_CONFIG_HOME/rolodex-tui/config.toml`). The API key is never a
//! plain command-line value, because arguments are visible to every user in
//! `ps`: it comes from `ROLODEX_API_KEY`, from a command that prints it
//! (`--api-key-cmd` / `api_key_cmd`), or from the config file when only its
//! owner can read it. Every failure is one line that names what to set.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use reqwest::Url;
use serde::Deserialize;

use crate::api::client::is_loopback;
use crate::api::error::one_line;
use crate::api::{ApiKey, AuthScheme, ClientConfig};

/// `rolodex-tui [OPTIONS] [CONTACT_ID]`, or `rolodex-tui COMMAND …`.
///
/// The settings that say how to reach the workspace (base URL, key, auth,
/// demo, config file) are global: they apply to the editor and to every
/// command, before or after the command's name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Parser)]
#[command(
    name = "rolodex-tui",
    version,
    about = "Edit a Rolodex CRM contact in the terminal without losing data",
    long_about = None,
    override_usage = "rolodex-tui [OPTIONS] [CONTACT_ID]\n       \
                      rolodex-tui [OPTIONS] doctor [CONTACT_ID] [--json]\n       \
                      rolodex-tui [OPTIONS] get CONTACT_ID [--json]\n       \
                      rolodex-tui [OPTIONS] set CONTACT_ID [EDITS] [--dry-run] [--yes]\n       \
                      rolodex-tui completions SHELL | rolodex-tui man\n       \
                      rolodex-tui [OPTIONS] -- CONTACT_ID   (a contact whose id is a command's name)",
    after_help = MAIN_AFTER_HELP
)]
pub struct Cli {
    /// A command to run instead of the editor.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The contact to open; without it a contact picker opens.
    pub contact_id: Option<String>,

    /// API root including /user-api/v1, e.g. https://api.example.com/user-api/v1
    #[arg(long, env = "ROLODEX_BASE_URL", value_name = "URL", global = true)]
    pub base_url: Option<String>,

    /// How to send the key: `x-rolodex-api-key: KEY` (header, the default) or
    /// `Authorization: Bearer KEY` (bearer).
    #[arg(long, value_enum, value_name = "SCHEME", global = true)]
    pub auth: Option<AuthArg>,

    /// A shell command that prints the API key on its first line, e.g. 'pass show rolodex'.
    #[arg(long, value_name = "CMD", global = true)]
    pub api_key_cmd: Option<String>,

    /// Start the built-in demo server with sample data (no key needed).
    #[arg(long, global = true)]
    pub demo: bool,

    /// Show the exact request a save would send instead of sending it.
    #[arg(long)]
    pub dry_run: bool,

    /// Allow a plain http:// base URL for a host other than this machine.
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// Read settings from this file instead of $XDG_CONFIG_HOME/rolodex-tui/config.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// List the versions of a contact kept before each save (newest first) and exit.
    #[arg(long, value_name = "CONTACT_ID", conflicts_with_all = ["contact_id", "revert"])]
    pub history: Option<String>,

    /// Open a contact filled with a version from its save history (@1 is the
    /// newest, the default), to review and save like any edit.
    #[arg(long, value_name = "CONTACT_ID[@N]", conflicts_with = "contact_id")]
    pub revert: Option<String>,

    /// Open the unsaved changes of a draft written elsewhere (when the state
    /// folder could not be written), with the same restore prompt.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["history", "revert"])]
    pub draft: Option<PathBuf>,

    /// With --demo: forget the demo's saved contacts (kept between runs in its
    /// state folder) and exit, so the next --demo starts from the sample data.
    /// Its drafts and save history are kept.
    #[arg(long, requires = "demo", conflicts_with_all = ["contact_id", "history", "revert", "dry_run", "draft"])]
    pub reset: bool,

    /// Capture the mouse (off by default, so the terminal's own selection and
    /// copy work).
    #[arg(long)]
    pub mouse: bool,

    /// No colours: selection and changes shown by reverse video and glyphs
    /// (as with NO_COLOR set).
    #[arg(long)]
    pub no_color: bool,

    /// Draw the program's own marks, arrows and boxes in ASCII (as when the
    /// locale is not UTF-8, e.g. LANG=C). Contact data is shown as it is.
    #[arg(long)]
    pub ascii: bool,
}

const MAIN_AFTER_HELP: &str = "The API key is read from ROLODEX_API_KEY, from --api-key-cmd, or \
from the config file; never from a command-line value.\n\n\
Exit status, for every command: 0 done (or nothing to change); 1 an error (settings, network, \
server, a declined confirmation); 2 a usage error (including set without a terminal and \
without --yes); 4 invalid input, nothing sent; 5 the contact changed on the server since it \
was read, nothing sent; 6 the save failed or what the server holds afterwards differs from \
what was sent. doctor: 1 also when it is not safe to edit. After a signal: 128 + its number.";

/// The commands beside the editor. Each has its own arguments; the
/// connection settings come from [`Cli`]'s global options.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Check, read-only, whether it is safe to edit in this workspace and how
    /// its server behaves.
    #[command(long_about = DOCTOR_ABOUT, after_help = DOCTOR_EXIT, override_usage = DOCTOR_USAGE)]
    Doctor(DoctorArgs),

    /// Print one contact: a readable summary, or exactly as loaded with --json.
    #[command(long_about = GET_ABOUT, after_help = GET_EXIT, override_usage = GET_USAGE)]
    Get(GetArgs),

    /// Make one edit to a contact, reviewed like a save in the editor.
    #[command(long_about = SET_ABOUT, after_help = SET_EXIT, override_usage = SET_USAGE)]
    Set(Box<SetArgs>),

    /// Print a completion script for a shell to stdout.
    #[command(after_help = "Install, e.g.:\n  rolodex-tui completions bash > \
                      ~/.local/share/bash-completion/completions/rolodex-tui\n  \
                      rolodex-tui completions zsh > ~/.zfunc/_rolodex-tui\n  \
                      rolodex-tui completions fish > ~/.config/fish/completions/rolodex-tui.fish")]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff) to stdout.
    #[command(
        after_help = "Install, e.g.:\n  mkdir -p ~/.local/share/man/man1 && rolodex-tui man \
                      --out-dir ~/.local/share/man/man1"
    )]
    Man {
        /// Write rolodex-tui.1 and a page per command (rolodex-tui-set.1, …)
        /// into this folder instead of printing the main page.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

// The commands' usage lines, written out as the main usage writes them: the
// one clap derives would list an option set through its environment variable
// (ROLODEX_BASE_URL) as if the command required it.
const DOCTOR_USAGE: &str = "rolodex-tui [OPTIONS] doctor [CONTACT_ID] [--json]";
const GET_USAGE: &str = "rolodex-tui [OPTIONS] get CONTACT_ID [--json]";
const SET_USAGE: &str = "rolodex-tui [OPTIONS] set CONTACT_ID [EDITS] [--dry-run] [--yes]";

const GET_ABOUT: &str = "Print one contact, read the same way the editor reads it (the single \
GET with its relationship lists, or the contact list's include where the single GET does not \
carry them).\n\n\
Without --json: a summary of its details, emails, phones, tags, lists and custom fields, named \
by their definitions, with option labels and user names. A list the server did not return is \
said to be unknown, not shown as empty.\n\n\
With --json: the contact exactly as loaded, every field the server sent (unknown ones \
included), pretty-printed.";

const GET_EXIT: &str = "Exit status: 0 printed; 1 an error (said on stderr in one line); \
2 a usage error.";

const SET_ABOUT: &str = "Make one edit to a contact, with the editor's own parsing, \
validation and save: the PUT carries every email and every custom field value (a list the \
server did not return is never sent), and phones, tags and lists only when edited, then \
complete.\n\n\
Before sending, the review is printed: what changes, which lists are replaced by what, and \
what is left alone. On a terminal it asks Send? [y/N]; without one it needs --yes. Then the \
same conflict check as the editor (a change on the server since the read sends nothing: \
open the contact in the editor to merge), the same history entry (so --revert undoes it) and \
the same read-back.\n\n\
Edits are applied in this order: --title, --star/--unstar, --set, emails (add, remove, \
primary), phones (add, remove, primary), tags, lists, --field, --clear-field.\n\n\
Values: a custom field is named by its definition's name (any case) or id. A select takes \
an option's label (case, accents, emoji and punctuation aside: won for Won ✅) or id, a \
multi-select a comma list of them, a user field a name, email or \
id, a date YYYY-MM-DD, a boolean yes/no/true/false. An empty value clears, as does \
--clear-field.\n\n\
--set takes first_name, last_name, location, description, website, linkedin, x, facebook, \
instagram or birthday (YYYY-MM-DD, or MM-DD without a year); `--set location=` clears.";

const SET_EXIT: &str = "Exit status: 0 saved, or nothing to change; 1 an error, or the \
confirmation declined; 2 a usage error, or no terminal to confirm on and no --yes; 4 invalid \
input, every problem on stderr as `Field: reason`, nothing sent; 5 the contact changed on \
the server since it was read, nothing sent; 6 the save failed, or the server holds something \
other than what was sent.\n\n\
Examples:\n  rolodex-tui set contact_67890 --field 'Lead Score=88' --yes\n  \
rolodex-tui set contact_67890 --title CTO --add-tag VIP --primary-email ada@example.com\n  \
rolodex-tui set contact_67890 --set birthday=12-10 --dry-run";

/// `rolodex-tui get CONTACT_ID [--json]`
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct GetArgs {
    /// The contact to print.
    pub contact_id: String,

    /// Print the contact exactly as loaded, as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rolodex-tui set CONTACT_ID …`: one edit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct SetArgs {
    /// The contact to change.
    pub contact_id: String,

    /// Set the title (an empty value clears it).
    #[arg(long, value_name = "TITLE", help_heading = "Details")]
    pub title: Option<String>,

    /// Star the contact.
    #[arg(long, conflicts_with = "unstar", help_heading = "Details")]
    pub star: bool,

    /// Unstar the contact.
    #[arg(long, help_heading = "Details")]
    pub unstar: bool,

    /// Set a detail, e.g. first_name=Ada, website=https://…, birthday=12-10
    /// (`KEY=` clears it). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE", help_heading = "Details")]
    pub details: Vec<String>,

    /// Add an email address. Repeatable.
    #[arg(long, value_name = "EMAIL", help_heading = "Emails")]
    pub add_email: Vec<String>,

    /// Remove an email address. Repeatable.
    #[arg(long, value_name = "EMAIL", help_heading = "Emails")]
    pub remove_email: Vec<String>,

    /// Make this address (already there, or added) the primary one.
    #[arg(long, value_name = "EMAIL", help_heading = "Emails")]
    pub primary_email: Option<String>,

    /// Add a phone number, e.g. '+44 20 7946 0958' (without + it takes the
    /// primary phone's country code). Repeatable.
    #[arg(long, value_name = "NUMBER", help_heading = "Phones")]
    pub add_phone: Vec<String>,

    /// Remove a phone number (as shown by get, any spacing). Repeatable.
    #[arg(long, value_name = "NUMBER", help_heading = "Phones")]
    pub remove_phone: Vec<String>,

    /// Make this number (already there, or added) the primary one.
    #[arg(long, value_name = "NUMBER", help_heading = "Phones")]
    pub primary_phone: Option<String>,

    /// Add a tag, by name or id. Repeatable.
    #[arg(long, value_name = "TAG", help_heading = "Tags and lists")]
    pub add_tag: Vec<String>,

    /// Remove a tag, by name or id. Repeatable.
    #[arg(long, value_name = "TAG", help_heading = "Tags and lists")]
    pub remove_tag: Vec<String>,

    /// Add the contact to a list, by name or id. Repeatable.
    #[arg(long, value_name = "LIST", help_heading = "Tags and lists")]
    pub add_list: Vec<String>,

    /// Remove the contact from a list, by name or id. Repeatable.
    #[arg(long, value_name = "LIST", help_heading = "Tags and lists")]
    pub remove_list: Vec<String>,

    /// Set a custom field, by its name or id: 'Lead Score=88'. Repeatable.
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Custom fields")]
    pub field: Vec<String>,

    /// Clear a custom field, by its name or id. Repeatable.
    #[arg(long, value_name = "NAME", help_heading = "Custom fields")]
    pub clear_field: Vec<String>,

    /// Print the review and the exact request (key as ***); send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Send without asking (needed when stdin is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

const DOCTOR_ABOUT: &str = "Check, read-only, whether it is safe to edit in this workspace and \
how its server behaves: TLS and HTTP version, whether the key is accepted, the contact list's \
page cap and total, whether a contact read returns its relationship lists (the single GET and \
the list's include), the custom field definitions and the forms their values take, the users, \
tags and lists endpoints, rate-limit headers and round-trip times; then, for each part the \
editor changes, whether it is safe to edit or read-only, and why.\n\n\
It sends GET requests only and never prints the key. It uses the same settings as the editor \
(ROLODEX_BASE_URL, ROLODEX_API_KEY or --api-key-cmd, --auth, the config file, --demo).\n\n\
--json prints one object: {\"base_url\", \"contact_id\", \"checks\": [{\"name\", \"label\", \
\"status\" (ok|note|fail|info), \"ok\", \"detail\", \"ms\", \"requests_ms\"}], \"verdicts\": \
{PART: {\"safe\", \"verdict\", \"source\", \"why\"}}, \"findings\": {…}, \"safe_to_edit\", \
\"exit\"}, with PART one of title_and_starred, emails, custom_fields, phones, tags, lists.";

const DOCTOR_EXIT: &str = "Exit status: 0 when everything editing needs works (the key is \
accepted, the contact is read with its emails and custom fields from some read, and the \
definitions are readable); 1 when it is not safe to edit here, or the settings are unusable; \
2 for a usage error.";

/// `rolodex-tui doctor [CONTACT_ID] [--json]`
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct DoctorArgs {
    /// The contact to read; without it, the first of the contact list.
    pub contact_id: Option<String>,

    /// Print one JSON object for scripts instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// What [`Cli::editor_only_option`] calls a contact id given before a command.
const CONTACT_ID_FIRST: &str = "CONTACT_ID";

impl Cli {
    /// Parses the process's arguments as [`Parser::parse`] does (exit 2 on a
    /// usage error), also refusing the editor's own options beside a
    /// command, where they would be silently ignored.
    pub fn parse_args() -> Cli {
        let cli = Cli::parse();
        if let (Some(command), Some(flag)) = (&cli.command, cli.editor_only_option()) {
            use clap::CommandFactory;
            let name = command.name();
            let message = match flag {
                CONTACT_ID_FIRST => {
                    format!("the CONTACT_ID goes after the command: rolodex-tui {name} CONTACT_ID")
                }
                _ => format!("{flag} is for the editor and cannot be used with '{name}'"),
            };
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, message)
                .exit();
        }
        cli
    }

    /// The first option given that only the editor uses.
    pub fn editor_only_option(&self) -> Option<&'static str> {
        [
            (self.contact_id.is_some(), CONTACT_ID_FIRST),
            (self.dry_run, "--dry-run"),
            (self.history.is_some(), "--history"),
            (self.revert.is_some(), "--revert"),
            (self.reset, "--reset"),
            (self.mouse, "--mouse"),
            (self.no_color, "--no-color"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }

    /// The options in force that say which workspace this is and how to
    /// reach it, as typed after `rolodex-tui` (each with a space before it),
    /// for a hint that names another command to run: `rolodex-tui --demo
    /// --revert …` must go to the same place. `--api-key-cmd` is left out,
    /// as its text is never echoed (people put secrets in it), and so is a
    /// base URL that came from `ROLODEX_BASE_URL` (read through `env`).
    pub fn flags_in_force(&self, env: &impl Fn(&str) -> Option<String>) -> String {
        let mut out = String::new();
        if self.demo {
            out.push_str(" --demo");
        }
        let valued = [
            (
                "--config",
                self.config.as_ref().map(|p| p.display().to_string()),
            ),
            (
                "--base-url",
                self.base_url
                    .clone()
                    .filter(|url| env("ROLODEX_BASE_URL").as_ref() != Some(url)),
            ),
            (
                "--auth",
                self.auth.map(|a| match a {
                    AuthArg::Header => "header".to_string(),
                    AuthArg::Bearer => "bearer".to_string(),
                }),
            ),
        ];
        for (flag, value) in valued {
            if let Some(value) = value {
                out.push_str(&format!(" {flag} {}", shell_word(&value)));
            }
        }
        if self.allow_insecure_http {
            out.push_str(" --allow-insecure-http");
        }
        out
    }

    /// The contact the command line names: the command's own, else the
    /// editor's.
    pub fn contact_id(&self) -> Option<&str> {
        match &self.command {
            Some(Command::Doctor(doctor)) => doctor.contact_id.as_deref(),
            Some(Command::Get(get)) => Some(&get.contact_id),
            Some(Command::Set(set)) => Some(&set.contact_id),
            Some(Command::Completions { .. } | Command::Man { .. }) => None,
            None => self.contact_id.as_deref(),
        }
    }
}

impl Command {
    /// The command's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Doctor(_) => "doctor",
            Command::Get(_) => "get",
            Command::Set(_) => "set",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
        }
    }
}

/// `value` as one word of a shell command: as it is when it holds only
/// characters no shell reads specially, else in single quotes.
fn shell_word(value: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// The exit codes every command shares (see `--help`).
pub mod exit {
    pub const OK: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INVALID: u8 = 4;
    pub const CONFLICT: u8 = 5;
    pub const SAVE_FAILED: u8 = 6;
}

/// A completion script for `shell`, generated from the command line's own
/// definition.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
    match shell {
        clap_complete::Shell::Bash => bash_case_labels(&out),
        _ => out,
    }
}

/// The program's name as typed, and as completions and manual pages name it.
const BIN: &str = "rolodex-tui";

/// clap_complete 4.6.12's bash script spells a subcommand's state two ways
/// when the program's name has a `-`: the loop over the words sets
/// `rolodex__tui__subcmd__set`, but the `case` that completes it is labelled
/// `rolodex__subcmd__tui__subcmd__set`, so no subcommand's flags ever
/// complete (clap-rs/clap#6421). The labels are written the way the loop
/// spells them; a script generated correctly is left as it is.
fn bash_case_labels(script: &[u8]) -> Vec<u8> {
    const SEP: &str = "__subcmd__";
    let wrong = format!("{}{SEP}", BIN.replace('-', SEP));
    let right = format!("{}{SEP}", BIN.replace('-', "__"));
    let text = String::from_utf8_lossy(script);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let label = line.trim_start();
        match label.strip_prefix(&wrong) {
            Some(rest) if rest.trim_end().ends_with(')') => {
                out.push_str(&line[..line.len() - label.len()]);
                out.push_str(&right);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// The main manual page, in roff, generated from the command line's own
/// definition.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

/// Writes the manual pages into `dir`: `rolodex-tui.1` and one per command
/// (`rolodex-tui-set.1`, …).
pub fn write_man_pages(dir: &Path) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::generate_to(Cli::command(), dir)
}

/// `--auth` and the config file's `auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthArg {
    Header,
    Bearer,
}

impl From<AuthArg> for AuthScheme {
    fn from(value: AuthArg) -> Self {
        match value {
            AuthArg::Header => AuthScheme::Header,
            AuthArg::Bearer => AuthScheme::Bearer,
        }
    }
}

/// What the program runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// How to reach Rolodex; `None` in demo mode, where the caller starts the
    /// demo server and builds the client for it.
    pub client: Option<ClientConfig>,
    /// The contact to open. `None` opens the picker (in demo mode the caller
    /// opens the sample contact).
    pub contact_id: Option<String>,
    pub demo: bool,
    pub dry_run: bool,
    /// The config file's `theme`, passed through uninterpreted.
    pub theme: Option<String>,
    /// `--revert`: the contact and which saved version (1 = newest).
    pub revert: Option<(String, usize)>,
    pub mouse: bool,
    pub no_color: bool,
    /// `--ascii`: ASCII glyphs whatever the locale says.
    pub ascii: bool,
    /// The key table: the defaults with the config file's `[keys]`.
    pub keys: &'static crate::app::keys::Keymap,
}

/// Why the settings could not be resolved. Each renders as one line that
/// says what to set or run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "ROLODEX_BASE_URL is not set: set it (or pass --base-url) to your workspace's API root \
         including /user-api/v1, e.g. https://api.example.com/user-api/v1"
    )]
    MissingBaseUrl,

    #[error("ROLODEX_API_KEY is not set: export it, or use --api-key-cmd 'pass show rolodex'")]
    MissingApiKey,

    #[error(
        "the base URL from {origin} {problem}: set it to your workspace's API root, \
         e.g. https://api.example.com/user-api/v1"
    )]
    BadBaseUrl { origin: String, problem: String },

    #[error(
        "the base URL from {origin} uses plain http:// for {host}, which would send the API key \
         unencrypted: use https://, or pass --allow-insecure-http"
    )]
    InsecureHttp { origin: String, host: String },

    #[error("{origin} {problem}: fix the command, or export ROLODEX_API_KEY instead")]
    KeyCommandFailed { origin: String, problem: String },

    #[error(
        "the API key from {origin} is empty or contains spaces or control characters: \
         check it for a stray newline, space or quote"
    )]
    BadApiKey { origin: String },

    #[error(
        "{path} holds an api_key but is readable by group or others: run chmod 600 {path} \
         (or replace api_key with api_key_cmd)"
    )]
    KeyFileTooOpen { path: String },

    #[error("cannot read the config file {path}: {detail}")]
    ConfigUnreadable { path: String, detail: String },

    #[error("the config file {path} is not valid: {detail}")]
    ConfigInvalid { path: String, detail: String },

    #[error("{path}: {detail}")]
    BadKeys { path: String, detail: String },

    #[error(
        "the contact id is empty: pass an id such as contact_67890, or none to pick from a list"
    )]
    EmptyContactId,

    #[error(
        "--revert {given}: write CONTACT_ID or CONTACT_ID@N with N a number from \
         `rolodex-tui --history CONTACT_ID` (1 is the newest)"
    )]
    BadRevert { given: String },
}

/// The config file's `[keys]` applied to the default key table. Built once
/// per run, so the table lives as long as the program.
fn keymap(
    file: &ConfigFile,
    path: Option<&Path>,
) -> Result<&'static crate::app::keys::Keymap, ConfigError> {
    use crate::app::keys::{Keymap, standard};
    let Some(table) = file.keys.as_ref().filter(|t| !t.is_empty()) else {
        return Ok(standard());
    };
    let remap: Vec<(String, Vec<String>)> = table
        .iter()
        .map(|(name, keys)| {
            let keys = match keys {
                KeysValue::One(k) => vec![k.clone()],
                KeysValue::Many(ks) => ks.clone(),
            };
            (name.clone(), keys)
        })
        .collect();
    let map = Keymap::remapped(&remap).map_err(|detail| ConfigError::BadKeys {
        path: path.map_or_else(|| "the config file".into(), |p| p.display().to_string()),
        detail,
    })?;
    Ok(Box::leak(Box::new(map)))
}

/// `CONTACT_ID[@N]` → the id and N (1 when not given).
pub fn parse_revert(given: &str) -> Result<(String, usize), ConfigError> {
    let bad = || ConfigError::BadRevert {
        given: given.to_string(),
    };
    let (id, n) = match given.rsplit_once('@') {
        Some((id, n)) => (id, n.parse::<usize>().map_err(|_| bad())?),
        None => (given, 1),
    };
    if id.trim().is_empty() || n == 0 {
        return Err(bad());
    }
    Ok((id.to_string(), n))
}

/// Every settings error happens before the TUI starts: exit code 1.
pub fn exit_code(_error: &ConfigError) -> i32 {
    1
}

/// The config file as written by the user. No `Debug`: it may hold the key.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    base_url: Option<String>,
    auth: Option<AuthArg>,
    api_key_cmd: Option<String>,
    api_key: Option<String>,
    theme: Option<String>,
    /// Action name → the keys for it (`help = ["h", "?"]`).
    keys: Option<std::collections::BTreeMap<String, KeysValue>>,
}

/// One key or several, as `[keys]` writes them.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "[keys] wants a key such as \"h\" or \"ctrl-o\", or a list of keys such as [\"h\", \"?\"]"
)]
enum KeysValue {
    One(String),
    Many(Vec<String>),
}

/// The config file `--config` names (which must exist), else the default
/// one if there is one, with its path.
fn config_file(
    cli: &Cli,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<(ConfigFile, Option<PathBuf>), ConfigError> {
    Ok(match &cli.config {
        Some(path) => (load_config(path, true)?, Some(path.clone())),
        None => match default_config_path(var) {
            Some(path) => (load_config(&path, false)?, Some(path)),
            None => (ConfigFile::default(), None),
        },
    })
}

/// Resolves the command line, the environment (read through `env`, so tests
/// can supply their own) and the config file into [`Settings`]. May run the
/// key command, which can prompt on the terminal.
pub fn resolve(cli: &Cli, env: &impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if cli.contact_id().is_some_and(|id| id.trim().is_empty()) {
        return Err(ConfigError::EmptyContactId);
    }
    let (file, path) = config_file(cli, &var)?;
    let file_origin = |key: &str| match &path {
        Some(p) => format!("{key} in {}", p.display()),
        None => key.to_string(),
    };
    let revert = cli.revert.as_deref().map(parse_revert).transpose()?;
    let mut settings = Settings {
        client: None,
        contact_id: match &revert {
            Some((id, _)) => Some(id.clone()),
            None => cli.contact_id().map(str::to_string),
        },
        demo: cli.demo,
        dry_run: cli.dry_run,
        theme: if cli.no_color {
            Some("monochrome".into())
        } else {
            file.theme.clone()
        },
        revert,
        mouse: cli.mouse,
        no_color: cli.no_color,
        ascii: cli.ascii,
        keys: keymap(&file, path.as_deref())?,
    };
    if cli.demo {
        return Ok(settings);
    }

    let base_url = base_url_of(cli, &file, &file_origin, &var)?;

    let (key, origin) = if let Some(key) = var("ROLODEX_API_KEY") {
        (key, "ROLODEX_API_KEY".to_string())
    } else if let Some(cmd) = &cli.api_key_cmd {
        (
            run_key_command(cmd, "--api-key-cmd")?,
            "--api-key-cmd".to_string(),
        )
    } else if let Some(cmd) = &file.api_key_cmd {
        let origin = file_origin("api_key_cmd");
        (run_key_command(cmd, &origin)?, origin)
    } else if let Some(key) = file.api_key.clone() {
        (key, file_origin("api_key"))
    } else {
        return Err(ConfigError::MissingApiKey);
    };
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ConfigError::BadApiKey { origin });
    }

    let mut client = ClientConfig::new(base_url, ApiKey::new(key));
    client.auth = cli
        .auth
        .or(file.auth)
        .map(AuthScheme::from)
        .unwrap_or_default();
    settings.client = Some(client);
    Ok(settings)
}

/// The workspace's base URL, from `--base-url`, `ROLODEX_BASE_URL` or the
/// config file, checked.
fn base_url_of(
    cli: &Cli,
    file: &ConfigFile,
    file_origin: &impl Fn(&str) -> String,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<String, ConfigError> {
    let (base_url, origin) =
        if let Some(url) = cli.base_url.clone().filter(|u| !u.trim().is_empty()) {
            (url, "--base-url".to_string())
        } else if let Some(url) = var("ROLODEX_BASE_URL") {
            (url, "ROLODEX_BASE_URL".to_string())
        } else if let Some(url) = file.base_url.clone() {
            (url, file_origin("base_url"))
        } else {
            return Err(ConfigError::MissingBaseUrl);
        };
    check_base_url(base_url.trim(), &origin, cli.allow_insecure_http)
}

/// The workspace's base URL alone, as [`resolve`] finds it, for what
/// needs to know the workspace but not to reach it (`--history`): no key
/// is looked for, so no key command is run.
pub fn resolve_base_url(
    cli: &Cli,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<String, ConfigError> {
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let (file, path) = config_file(cli, &var)?;
    let file_origin = |key: &str| match &path {
        Some(p) => format!("{key} in {}", p.display()),
        None => key.to_string(),
    };
    base_url_of(cli, &file, &file_origin, &var)
}

/// `$XDG_CONFIG_HOME/rolodex-tui/config.toml`, falling back to
/// `$HOME/.config` as the XDG spec says (a relative XDG path is ignored).
pub fn default_config_path(env: &impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("rolodex-tui").join("config.toml"))
}

/// Reads the config file. A missing file is fine unless it was named
/// explicitly. A key in a file others can read is refused, checked on the
/// opened file so the check and the read see the same file.
fn load_config(path: &Path, explicit: bool) -> Result<ConfigFile, ConfigError> {
    let shown = path.display().to_string();
    let unreadable = |detail: String| ConfigError::ConfigUnreadable {
        path: shown.clone(),
        detail,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound && !explicit => return Ok(ConfigFile::default()),
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| unreadable(e.to_string()))?;
    let config: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError::ConfigInvalid {
        path: shown.clone(),
        detail: toml_problem(&e, &text),
    })?;
    if config.api_key.is_some() && readable_by_others(&file) {
        return Err(ConfigError::KeyFileTooOpen { path: shown });
    }
    Ok(config)
}

#[cfg(unix)]
fn readable_by_others(file: &File) -> bool {
    use std::os::unix::fs::PermissionsExt;
    // Unknown permissions count as open: refusing is the safe mistake.
    file.metadata()
        .map(|m| m.permissions().mode() & 0o077 != 0)
        .unwrap_or(true)
}

#[cfg(not(unix))]
fn readable_by_others(_file: &File) -> bool {
    false
}

/// toml's own message spans several lines with a source excerpt; keep the
/// message and the line number. The excerpt is left out as it may show the key.
fn toml_problem(error: &toml::de::Error, text: &str) -> String {
    let message = one_line(error.message(), 200);
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Checks the API root: a real http(s) URL with a path, no credentials, and
/// plain http only to this machine unless explicitly allowed.
fn check_base_url(raw: &str, origin: &str, allow_insecure: bool) -> Result<String, ConfigError> {
    let bad = |problem: &str| ConfigError::BadBaseUrl {
        origin: origin.to_string(),
        problem: problem.to_string(),
    };
    let url = Url::parse(raw).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "contains a user name or password (the key belongs in ROLODEX_API_KEY)",
        ));
    }
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(bad("does not start with https://"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("has a query (?…) or fragment (#…)"));
    }
    if url.path().trim_matches('/').is_empty() {
        return Err(bad(
            "has no path (it must include the API prefix /user-api/v1)",
        ));
    }
    let loopback = is_loopback(&url);
    if url.scheme() == "http" && !loopback && !allow_insecure {
        return Err(ConfigError::InsecureHttp {
            origin: origin.to_string(),
            host: url.host_str().unwrap_or_default().to_string(),
        });
    }
    Ok(raw.to_string())
}

/// Runs the key command and takes the first line it prints (see
/// [`key_command`]), saying on stderr what is waited for when it is slow.
fn run_key_command(cmd: &str, origin: &str) -> Result<String, ConfigError> {
    let mut notice = |text: &str| eprintln!("rolodex-tui: {}", one_line(text, 300));
    key_command::first_line(cmd, origin, &key_command::KEY_WAIT, &mut notice).map_err(|problem| {
        ConfigError::KeyCommandFailed {
            origin: origin.to_string(),
            problem,
        }
    })
}

mod key_command;

#[cfg(test)]
mod tests;
