//! Drafts and save history on disk, so an edit survives a dropped SSH
//! connection and a wrong save can be reverted.
//!
//! Layout under `$XDG_STATE_HOME/rolodex-tui/` (default `~/.local/state`):
//! one folder per workspace, since two workspaces can hold the same contact
//! id: `workspaces/HOST-HASH/` for a workspace (its host, readable, and a
//! hash of its whole base URL, so two workspaces on one host stay apart),
//! `demo/` for the demo (whose server's port changes every run, so its key
//! is fixed). In a workspace's folder, `drafts/CONTACT_ID.json` holds the
//! loaded contact and the edit, rewritten after every change;
//! `drafts/CONTACT_ID.lock` names the process of the one editor that
//! journals that contact; `history/CONTACT_ID-STAMP.json` keeps a contact
//! as it was before each successful save. Drafts and history from before
//! they were kept per workspace record no workspace, so they are moved to
//! `unknown-workspace/` rather than guessed into one (see
//! [`Store::sort_out_flat_layout`]). Every file is written
//! atomically (a temporary file in the same folder, synced, then renamed
//! over the old one) and readable by its owner only: contact data is
//! personal data. Nothing here ever holds the API key.
//!
//! A draft is never overwritten unread: one that cannot be read, or that a
//! newer version wrote, is moved aside under a name with the time
//! (`CONTACT_ID.unreadable-20261202T171500Z.json`,
//! `CONTACT_ID.newer-20261202T171500Z.json`) before anything is journaled.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::wire::Contact;

mod claims;

pub use crate::contact::{Claim, Draft, Holder, SetAside, Unusable};

/// What [`Store::open_draft`] found where a contact's draft is kept.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenedDraft {
    /// No draft was left.
    Nothing,
    /// A draft to offer back, read from format `version` (an older one is
    /// migrated as it is read).
    Found { draft: Box<Draft>, version: u64 },
    /// A draft that cannot be used was moved aside, unchanged.
    SetAside(SetAside),
}

/// The workspace name the demo's drafts record: its server's address
/// changes every run, its drafts must not.
pub const DEMO_WORKSPACE: &str = "demo";

/// The folder old drafts and history are moved to when their workspace
/// cannot be known (written before drafts were kept per workspace).
pub const UNKNOWN_WORKSPACE: &str = "unknown-workspace";

/// A workspace as drafts record it: its base URL with the scheme and host
/// in lower case, the default port and a trailing `/` left out, so that
/// `https://API.example.com/v1/` and `https://api.example.com/v1` are one
/// workspace. Text that is not a URL is kept as it is.
pub fn workspace_of(base_url: &str) -> String {
    let raw = base_url.trim();
    match reqwest::Url::parse(raw) {
        Ok(url) => url.as_str().trim_end_matches('/').to_string(),
        Err(_) => raw.trim_end_matches('/').to_string(),
    }
}

/// The folder name of a workspace (as [`workspace_of`] gives it): its host
/// and port, readable, then a hash of the whole name, so two workspaces on
/// one host (another path) never share a folder.
fn workspace_folder(workspace: &str) -> String {
    let host = reqwest::Url::parse(workspace)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port() {
                Some(port) => format!("{host}-{port}"),
                None => host,
            })
        })
        .unwrap_or_else(|| "workspace".into());
    let readable: String = host
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' => c.to_ascii_lowercase(),
            _ => '_',
        })
        .take(60)
        .collect();
    format!("{readable}-{:010x}", fnv1a(workspace.as_bytes()) >> 24)
}

/// FNV-1a, 64 bits: a hash that stays the same across versions and
/// platforms (the standard library's may not), for folder names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The folder drafts and history live in: the state folder as a whole
/// ([`Store::from_env`]), or one workspace's place in it
/// ([`Store::for_workspace`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
    /// The state folder a workspace's store is in, for the drafts and
    /// history of no known workspace (`unknown-workspace/`).
    state: Option<PathBuf>,
}

/// What [`Store::sort_out_flat_layout`] moved to `unknown-workspace/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sorted {
    pub drafts: usize,
    pub versions: usize,
    /// Where they are now.
    pub to: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store {
            root: root.into(),
            state: None,
        }
    }

    /// One workspace's place in this state folder: `demo/` for
    /// [`DEMO_WORKSPACE`], else `workspaces/HOST-HASH/` (`workspace` as
    /// [`workspace_of`] gives it).
    pub fn for_workspace(&self, workspace: &str) -> Store {
        let root = if workspace == DEMO_WORKSPACE {
            self.root.join("demo")
        } else {
            self.root
                .join("workspaces")
                .join(workspace_folder(workspace))
        };
        Store {
            root,
            state: Some(self.root.clone()),
        }
    }

    /// Where drafts and history of no known workspace are, when this is a
    /// workspace's store.
    pub fn unknown_workspace(&self) -> Option<Store> {
        self.state
            .as_ref()
            .map(|state| Store::new(state.join(UNKNOWN_WORKSPACE)))
    }

    /// `$XDG_STATE_HOME/rolodex-tui`, else `$HOME/.local/state/rolodex-tui`;
    /// `None` when neither is set (then nothing is kept on disk).
    pub fn from_env(env: &impl Fn(&str) -> Option<String>) -> Option<Store> {
        let state = env("XDG_STATE_HOME")
            .filter(|s| Path::new(s).is_absolute())
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|h| Path::new(&h).join(".local/state")))?;
        Some(Store::new(state.join("rolodex-tui")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn draft_path(&self, contact_id: &str) -> PathBuf {
        self.root
            .join("drafts")
            .join(format!("{}.json", file_stem(contact_id)))
    }

    pub fn write_draft(&self, draft: &Draft) -> io::Result<PathBuf> {
        let path = self.draft_path(&draft.contact_id);
        write_private(&path, &draft.to_json().map_err(io::Error::other)?)?;
        Ok(path)
    }

    /// The draft for a contact, if one was left. A draft that cannot be read
    /// is an error, not `None`: it may hold an edit someone cares about.
    /// Reading changes nothing on disk; the editor uses [`Store::open_draft`].
    pub fn read_draft(&self, contact_id: &str) -> io::Result<Option<Draft>> {
        let path = self.draft_path(contact_id);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Draft::from_json(&bytes)
            .map(|(draft, _)| Some(draft))
            .map_err(|why| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the draft {} cannot be used: {why}", path.display()),
                )
            })
    }

    /// The draft for a contact, as the editor opens it: one this version
    /// can read is returned (migrated from an older format); one it cannot
    /// (cut short, damaged, unreadable, or written by a newer version) is
    /// moved aside unchanged, named with `stamp` (the time, UTC), so the
    /// first edit cannot overwrite it. `Err` only when the move failed.
    pub fn open_draft(&self, contact_id: &str, stamp: &str) -> io::Result<OpenedDraft> {
        let path = self.draft_path(contact_id);
        let why = match fs::read(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OpenedDraft::Nothing),
            Err(e) => Unusable::Damaged(e.to_string()),
            Ok(bytes) => match Draft::from_json(&bytes) {
                Ok((draft, version)) => {
                    return Ok(OpenedDraft::Found {
                        draft: Box::new(draft),
                        version,
                    });
                }
                Err(why) => why,
            },
        };
        let kind = match why {
            Unusable::Damaged(_) => "unreadable",
            Unusable::Newer { .. } => "newer",
        };
        let stem = format!("{}.{kind}-{}", file_stem(contact_id), compact(stamp));
        let to = free_path(&path.with_file_name(stem));
        fs::rename(&path, &to).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "the draft {} cannot be used ({why}) and could not be moved to {}: {e}",
                    path.display(),
                    to.display()
                ),
            )
        })?;
        Ok(OpenedDraft::SetAside(SetAside { to, why }))
    }

    /// A draft of this contact from before drafts were kept per workspace
    /// (moved to `unknown-workspace/`), when this is a workspace's store and
    /// one is there: it is never offered, only pointed at, since it may
    /// belong to another workspace.
    pub fn draft_of_unknown_workspace(&self, contact_id: &str) -> Option<PathBuf> {
        let path = self.unknown_workspace()?.draft_path(contact_id);
        path.is_file().then_some(path)
    }

    /// Drafts, locks and history in the layout from before workspaces were
    /// kept apart (`drafts/` and `history/` right in the state folder)
    /// record no workspace, so they are not guessed into one: they are
    /// moved, names unchanged, to `unknown-workspace/`, from where
    /// `--draft FILE` opens a draft in the workspace it was made in. Locks
    /// of editors that have ended are removed; while an older editor still
    /// runs (a lock names a running process) nothing is moved, since it
    /// still journals there. `None` when nothing was moved.
    pub fn sort_out_flat_layout(&self) -> io::Result<Option<Sorted>> {
        let drafts = self.root.join("drafts");
        let history = self.root.join("history");
        if !drafts.is_dir() && !history.is_dir() {
            return Ok(None);
        }
        let unknown = self.root.join(UNKNOWN_WORKSPACE);
        let mut sorted = Sorted {
            to: unknown.clone(),
            ..Sorted::default()
        };
        if drafts.is_dir() {
            let guard = self.claims_guard()?;
            let names = file_names(&drafts)?;
            let me = std::process::id();
            for name in names.iter().filter(|n| is_lock(n)) {
                if let Some(pid) = claims::read_lock(&drafts.join(name))?
                    && pid != me
                    && claims::running(pid)
                {
                    return Ok(None);
                }
            }
            for name in &names {
                let from = drafts.join(name);
                if is_lock(name) {
                    remove_if_there(&from)?;
                } else if !name.starts_with('.') && from.is_file() {
                    move_into(&from, &unknown.join("drafts"))?;
                    sorted.drafts += 1;
                }
            }
            drop(guard);
            let _ = fs::remove_file(drafts.join(".lock"));
            let _ = fs::remove_dir(&drafts);
        }
        if history.is_dir() {
            for name in file_names(&history)? {
                let from = history.join(&name);
                if !name.starts_with('.') && from.is_file() {
                    move_into(&from, &unknown.join("history"))?;
                    sorted.versions += 1;
                }
            }
            let _ = fs::remove_dir(&history);
        }
        Ok((sorted.drafts + sorted.versions > 0).then_some(sorted))
    }

    /// Keeps a contact as it was before a save. `stamp` (a timestamp) names
    /// the file; a second save within the same second gets `-2`, `-3`…
    pub fn write_history(&self, contact: &Contact, stamp: &str) -> io::Result<PathBuf> {
        let dir = self.root.join("history");
        let base = format!("{}-{}", file_stem(&contact.id), file_stem(stamp));
        let mut path = dir.join(format!("{base}.json"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{base}-{n}.json"));
            n += 1;
        }
        write_private(&path, &to_json(contact)?)?;
        Ok(path)
    }

    /// The versions kept of a contact, newest first. A file that cannot be
    /// read is an error: a version someone may need should not vanish from
    /// the list unnoticed.
    pub fn history(&self, contact_id: &str) -> io::Result<Vec<HistoryEntry>> {
        let dir = self.root.join("history");
        let prefix = format!("{}-", file_stem(contact_id));
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(e),
        };
        let mut out = vec![];
        for entry in entries {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(rest) = name
                .strip_prefix(&prefix)
                .and_then(|r| r.strip_suffix(".json"))
            else {
                continue;
            };
            let contact: Contact = serde_json::from_slice(&fs::read(&path)?).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{} cannot be read: {e}", path.display()),
                )
            })?;
            // Another contact whose id starts the same way.
            if contact.id != contact_id {
                continue;
            }
            out.push(HistoryEntry {
                saved_at: unstem(rest),
                path,
                contact,
            });
        }
        out.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        Ok(out)
    }
}

/// A contact's lock file (not the claims guard `.lock`).
fn is_lock(name: &str) -> bool {
    name.ends_with(".lock") && name != ".lock"
}

/// The names of the entries in a folder.
fn file_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = vec![];
    for entry in fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// Moves a file into `dir` (made private if new) under its own name, or
/// `NAME-2`… when that is taken: nothing is ever moved over another file.
fn move_into(from: &Path, dir: &Path) -> io::Result<()> {
    private_dir(dir)?;
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut to = dir.join(&name);
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_string(), format!(".{ext}")),
        None => (name.clone(), String::new()),
    };
    let mut n = 2;
    while to.exists() {
        to = dir.join(format!("{stem}-{n}{ext}"));
        n += 1;
    }
    fs::rename(from, to)
}

/// One version of a contact in the save history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub path: PathBuf,
    /// When it was kept: the file name's stamp (`2026-11-28T21:40:12Z`,
    /// with `-2`… when several saves fell in one second).
    pub saved_at: String,
    pub contact: Contact,
}

fn to_json(value: &impl Serialize) -> io::Result<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(io::Error::other)
}

/// A contact id as a file name: ids come from the server, so anything but
/// letters, digits, `-` and `_` is written as `%XX`.
fn file_stem(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text a [`file_stem`] was made from.
fn unstem(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = stem
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        // A read-only file system refuses even a file that is not there;
        // nothing is left behind then.
        Err(_)
            if fs::symlink_metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) =>
        {
            Ok(())
        }
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `2026-12-02T17:15:00Z` → `20261202T171500Z`, for a file name.
fn compact(stamp: &str) -> String {
    file_stem(&stamp.replace(['-', ':'], ""))
}

/// `base.json`, or `base-2.json`, `base-3.json`… when that is taken.
fn free_path(base: &Path) -> PathBuf {
    let name = base
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut path = base.with_file_name(format!("{name}.json"));
    let mut n = 2;
    while path.exists() {
        path = base.with_file_name(format!("{name}-{n}.json"));
        n += 1;
    }
    path
}

/// Writes a draft into `folder`, outside the state folder (when that
/// cannot be written), as `rolodex-tui-draft-CONTACT_ID.json` (`-2`, `-3`…
/// when taken), for `--draft FILE` to open. The folder must exist and is
/// left as it is (it may be a shared one such as `/tmp`): the file is
/// created new, never over another file or a link, with mode 0600.
pub fn write_draft_to(folder: &Path, draft: &Draft) -> io::Result<PathBuf> {
    let json = draft.to_json().map_err(io::Error::other)?;
    if !folder.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{} is not a folder", folder.display()),
        ));
    }
    let base = format!("rolodex-tui-draft-{}", file_stem(&draft.contact_id));
    for n in 1..1000 {
        let name = match n {
            1 => format!("{base}.json"),
            n => format!("{base}-{n}.json"),
        };
        let path = folder.join(name);
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file.write_all(&json).and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
    Err(io::Error::other(format!(
        "{} already holds 999 drafts of this contact",
        folder.display()
    )))
}

/// Reads a draft written anywhere (`--draft FILE`), migrating an older
/// format as [`Store::open_draft`] does.
pub fn read_draft_file(path: &Path) -> Result<Draft, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Draft::from_json(&bytes)
        .map(|(draft, _)| draft)
        .map_err(|why| {
            format!(
                "{} is not a draft this version can use: {why}",
                path.display()
            )
        })
}

/// Creates a folder readable by its owner only (mode 0700), if needed.
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// Writes `bytes` to `path` atomically with mode 0600, creating the folder
/// (mode 0700) if needed.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("a file path without a folder"))?;
    private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file: File = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::ContactForm;

    fn contact() -> Contact {
        serde_json::from_value(serde_json::json!({
            "id": "contact/1", "is_starred": false, "title": "CTO",
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
            "emails": [{"email_address": "a@b.co", "is_primary": true}]
        }))
        .unwrap()
    }

    fn temp_store(name: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("rolodex-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        Store::new(dir)
    }

    #[test]
    fn a_draft_round_trips_privately_and_atomically() {
        let store = temp_store("draft");
        let loaded = contact();
        let mut form = ContactForm::from_contact(&loaded, &[]);
        form.title = Some("Chief Technology Officer".into());
        let draft = Draft {
            contact_id: loaded.id.clone(),
            base_url: None,
            saved_at: "2026-11-28T20:00:00Z".into(),
            loaded,
            form,
        };
        let path = store.write_draft(&draft).unwrap();
        assert!(path.ends_with("drafts/contact%2F1.json"), "{path:?}");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
        assert_eq!(store.read_draft("contact/1").unwrap(), Some(draft.clone()));
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        store.remove_draft("contact/1").unwrap();
        assert_eq!(store.read_draft("contact/1").unwrap(), None);
        store.remove_draft("contact/1").unwrap();
        let _ = fs::remove_dir_all(store.root());
    }

    #[test]
    fn an_unreadable_draft_is_an_error_not_silence() {
        let store = temp_store("broken");
        fs::create_dir_all(store.root().join("drafts")).unwrap();
        fs::write(store.draft_path("c1"), b"{not json").unwrap();
        let err = store.read_draft("c1").unwrap_err();
        assert!(err.to_string().contains("cannot be read"));
        let _ = fs::remove_dir_all(store.root());
    }

    /// The files in the drafts folder other than the claims guard.
    fn drafts_folder(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(store.root().join("drafts"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".lock")
            .collect();
        names.sort();
        names
    }

    fn a_draft() -> Draft {
        let loaded = contact();
        let mut form = ContactForm::from_contact(&loaded, &[]);
        form.starred = true;
        Draft {
            contact_id: loaded.id.clone(),
            base_url: None,
            saved_at: "2026-12-02T17:00:00Z".into(),
            loaded,
            form,
        }
    }

    #[test]
    fn a_truncated_draft_is_moved_aside_and_reported_not_overwritten() {
        let store = temp_store("truncated");
        let path = store.write_draft(&a_draft()).unwrap();
        let whole = fs::read(&path).unwrap();
        let cut = &whole[..whole.len() / 2];
        fs::write(&path, cut).unwrap();

        let opened = store
            .open_draft("contact/1", "2026-12-02T17:15:00Z")
            .unwrap();
        let OpenedDraft::SetAside(SetAside { to, why }) = opened else {
            panic!("expected the draft moved aside, got {opened:?}");
        };
        assert!(
            to.ends_with("drafts/contact%2F1.unreadable-20261202T171500Z.json"),
            "{to:?}"
        );
        assert!(matches!(why, Unusable::Damaged(_)), "{why:?}");
        assert_eq!(fs::read(&to).unwrap(), cut, "the very bytes, unchanged");
        assert!(!path.exists(), "the draft's place is free for new edits");
        // The next edit is journaled in its place; the moved file stays.
        store.write_draft(&a_draft()).unwrap();
        assert_eq!(fs::read(&to).unwrap(), cut);
        // Moved aside again in the same second: a name of its own.
        fs::write(&path, b"").unwrap();
        let again = store
            .open_draft("contact/1", "2026-12-02T17:15:00Z")
            .unwrap();
        assert!(
            matches!(&again, OpenedDraft::SetAside(s) if s.to.ends_with("contact%2F1.unreadable-20261202T171500Z-2.json")),
            "{again:?}"
        );
        assert_eq!(
            drafts_folder(&store),
            [
                "contact%2F1.unreadable-20261202T171500Z-2.json",
                "contact%2F1.unreadable-20261202T171500Z.json"
            ]
        );
        let _ = fs::remove_dir_all(store.root());
    }

    #[test]
    fn a_draft_of_a_newer_format_is_moved_aside_and_reported() {
        let store = temp_store("newer");
        let mut newer: serde_json::Value =
            serde_json::from_slice(&a_draft().to_json().unwrap()).unwrap();
        newer["version"] = 5.into();
        newer["form"]["phones"] = serde_json::json!([{"number": "+1 212 555 0199"}]);
        let bytes = serde_json::to_vec_pretty(&newer).unwrap();
        fs::create_dir_all(store.root().join("drafts")).unwrap();
        let path = store.draft_path("contact/1");
        fs::write(&path, &bytes).unwrap();

        let opened = store
            .open_draft("contact/1", "2026-12-02T17:15:00Z")
            .unwrap();
        let OpenedDraft::SetAside(SetAside { to, why }) = opened else {
            panic!("expected the draft moved aside, got {opened:?}");
        };
        assert_eq!(why, Unusable::Newer { version: 5 });
        assert!(
            to.ends_with("drafts/contact%2F1.newer-20261202T171500Z.json"),
            "{to:?}"
        );
        assert_eq!(fs::read(&to).unwrap(), bytes, "kept byte for byte");
        assert!(!path.exists());
        assert!(
            store.read_draft("contact/1").unwrap().is_none(),
            "nothing half read in its place"
        );
        let _ = fs::remove_dir_all(store.root());
    }

    /// A draft as version 1 wrote it, by hand: no `version`, and every field
    /// row with its own copy of the definition.
    const VERSION_1_DRAFT: &str = r#"{
      "contact_id": "c9",
      "saved_at": "2026-11-20T09:00:00Z",
      "loaded": {
        "id": "c9", "is_starred": false, "title": "CTO",
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
        "emails": [{"email_address": "a@b.co", "is_primary": true}],
        "custom_fields": [{"id": "f_stage", "value": "o1"}]
      },
      "form": {
        "title": "CTO",
        "starred": true,
        "emails": [{"address": "a@b.co", "primary": true}],
        "fields": [{
          "id": "f_stage", "name": "Stage", "field_type": "SINGLE_SELECT",
          "def": {"id": "f_stage", "name": "Stage", "field_type": "SINGLE_SELECT",
                  "multi_select_options": [{"id": "o1", "value": "Lead"}, {"id": "o2", "value": "Customer"}]},
          "value": {"kind": "Choice", "value": "o2"},
          "read": "o1"
        }],
        "known": {"emails": true, "custom_fields": true}
      }
    }"#;

    #[test]
    fn a_draft_of_the_previous_format_is_migrated_and_restored() {
        let store = temp_store("version1");
        fs::create_dir_all(store.root().join("drafts")).unwrap();
        fs::write(store.draft_path("c9"), VERSION_1_DRAFT).unwrap();

        let opened = store.open_draft("c9", "2026-12-02T17:15:00Z").unwrap();
        let OpenedDraft::Found { draft, version } = opened else {
            panic!("expected the draft, got {opened:?}");
        };
        assert_eq!(version, 1);
        assert_eq!(drafts_folder(&store), ["c9.json"], "nothing moved");

        // Restored onto the contact as loaded now: the edit comes back on a
        // row that has today's definition.
        let def: crate::wire::CustomFieldDef = serde_json::from_value(serde_json::json!({
            "id": "f_stage", "name": "Stage", "field_type": "SINGLE_SELECT",
            "multi_select_options": [{"id": "o1", "value": "Lead"}, {"id": "o2", "value": "Customer"}]
        }))
        .unwrap();
        let mut ed = crate::app::Editor::new(draft.loaded.clone(), vec![def]);
        assert!(ed.restore(&draft).is_empty(), "nothing changed since");
        assert!(ed.is_dirty());
        let row = &ed.form().fields[0];
        assert_eq!(row.value, crate::contact::FieldValue::Choice("o2".into()));
        assert!(row.editable(), "the row knows its definition");
        assert!(ed.form().starred);

        // Journaled again, it is written in today's format.
        store.write_draft(&draft).unwrap();
        let text = fs::read_to_string(store.draft_path("c9")).unwrap();
        assert!(text.contains("\"version\": 4"), "{text}");
        assert!(!text.contains("multi_select_options"), "{text}");
        let _ = fs::remove_dir_all(store.root());
    }

    #[test]
    fn history_keeps_each_save() {
        let store = temp_store("history");
        let a = store
            .write_history(&contact(), "2026-11-28T20:00:00Z")
            .unwrap();
        let b = store
            .write_history(&contact(), "2026-11-28T20:00:01Z")
            .unwrap();
        let c = store
            .write_history(&contact(), "2026-11-28T20:00:01Z")
            .unwrap();
        assert!(a != b && b != c, "a save in the same second is kept too");
        let back: Contact = serde_json::from_slice(&fs::read(&a).unwrap()).unwrap();
        assert_eq!(back, contact());
        let mut other = contact();
        other.id = "contact/10".into();
        store.write_history(&other, "2026-11-28T21:00:00Z").unwrap();

        let listed = store.history("contact/1").unwrap();
        let stamps: Vec<&str> = listed.iter().map(|e| e.saved_at.as_str()).collect();
        assert_eq!(
            stamps,
            [
                "2026-11-28T20:00:01Z-2",
                "2026-11-28T20:00:01Z",
                "2026-11-28T20:00:00Z"
            ],
            "newest first, and only this contact's"
        );
        assert_eq!(listed[2].path, a);
        assert!(store.history("contact/2").unwrap().is_empty());
        let _ = fs::remove_dir_all(store.root());
    }

    #[test]
    fn each_workspace_has_a_folder_of_its_own_and_the_demo_a_fixed_one() {
        let state = temp_store("workspaces");
        let one = workspace_of("https://API.example.com/user-api/v1/");
        assert_eq!(one, "https://api.example.com/user-api/v1");
        assert_eq!(one, workspace_of("https://api.example.com:443/user-api/v1"));
        let a = state.for_workspace(&one);
        let other_path = state.for_workspace(&workspace_of("https://api.example.com/staging/v1"));
        let other_port = state.for_workspace(&workspace_of("http://127.0.0.1:4001/user-api/v1"));
        let name = |s: &Store| s.root().file_name().unwrap().to_string_lossy().into_owned();
        assert!(name(&a).starts_with("api.example.com-"), "{a:?}");
        assert_ne!(a, other_path, "one host, two workspaces");
        assert!(
            name(&other_port).starts_with("127.0.0.1-4001-"),
            "{other_port:?}"
        );
        assert_eq!(a.root().parent().unwrap(), state.root().join("workspaces"));
        assert_eq!(
            state.for_workspace(DEMO_WORKSPACE).root(),
            state.root().join("demo"),
            "the demo's folder does not follow its server's port"
        );

        // A draft of one is not another's, nor the demo's.
        a.write_draft(&a_draft()).unwrap();
        assert!(a.read_draft("contact/1").unwrap().is_some());
        assert_eq!(other_path.read_draft("contact/1").unwrap(), None);
        assert_eq!(
            state
                .for_workspace(DEMO_WORKSPACE)
                .read_draft("contact/1")
                .unwrap(),
            None
        );
        // So is its history and its lock.
        a.write_history(&contact(), "2026-11-28T20:00:00Z").unwrap();
        assert_eq!(a.history("contact/1").unwrap().len(), 1);
        assert!(other_path.history("contact/1").unwrap().is_empty());
        assert_ne!(a.lock_path("contact/1"), other_path.lock_path("contact/1"));
        let _ = fs::remove_dir_all(state.root());
    }

    #[test]
    fn the_flat_layout_of_older_versions_is_moved_to_unknown_workspace() {
        let state = temp_store("flat");
        let (drafts, history) = (state.root().join("drafts"), state.root().join("history"));
        fs::create_dir_all(&drafts).unwrap();
        fs::create_dir_all(&history).unwrap();
        let old = String::from_utf8(a_draft().to_json().unwrap())
            .unwrap()
            .replace("\"version\": 4", "\"version\": 3");
        fs::write(drafts.join("contact%2F1.json"), &old).unwrap();
        fs::write(drafts.join("c2.unreadable-20261202T171500Z.json"), b"{").unwrap();
        fs::write(drafts.join("contact%2F1.lock"), b"").unwrap();
        fs::write(drafts.join(".lock"), b"").unwrap();
        fs::write(
            history.join("contact%2F1-2026-11-28T20%3A00%3A00Z.json"),
            to_json(&contact()).unwrap(),
        )
        .unwrap();

        // While an older editor runs, it still journals there: nothing moves.
        let mut older = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        fs::write(drafts.join("c3.lock"), format!("{}\n", older.id())).unwrap();
        assert_eq!(state.sort_out_flat_layout().unwrap(), None);
        assert!(drafts.join("contact%2F1.json").exists());
        older.kill().unwrap();
        older.wait().unwrap();

        let sorted = state.sort_out_flat_layout().unwrap().expect("moved");
        let unknown = state.root().join(UNKNOWN_WORKSPACE);
        assert_eq!(
            sorted,
            Sorted {
                drafts: 2,
                versions: 1,
                to: unknown.clone()
            }
        );
        assert!(
            !drafts.exists() && !history.exists(),
            "the old layout is gone"
        );
        assert_eq!(
            fs::read_to_string(unknown.join("drafts/contact%2F1.json")).unwrap(),
            old
        );
        assert!(
            unknown
                .join("drafts/c2.unreadable-20261202T171500Z.json")
                .exists()
        );
        assert!(
            !unknown.join("drafts/contact%2F1.lock").exists(),
            "stale locks go"
        );

        // No workspace is guessed: none offers it, each points at it.
        let workspace = state.for_workspace(&workspace_of("https://api.example.com/v1"));
        assert_eq!(workspace.read_draft("contact/1").unwrap(), None);
        assert_eq!(
            workspace.draft_of_unknown_workspace("contact/1"),
            Some(unknown.join("drafts/contact%2F1.json"))
        );
        assert_eq!(workspace.draft_of_unknown_workspace("c2"), None);
        assert!(workspace.history("contact/1").unwrap().is_empty());
        assert_eq!(
            workspace
                .unknown_workspace()
                .unwrap()
                .history("contact/1")
                .unwrap()
                .len(),
            1
        );
        // Read from there (with --draft), it records no workspace.
        let read = read_draft_file(&unknown.join("drafts/contact%2F1.json")).unwrap();
        assert_eq!(read.base_url, None);

        assert_eq!(state.sort_out_flat_layout().unwrap(), None, "done once");
        let _ = fs::remove_dir_all(state.root());
    }

    #[test]
    fn the_folder_comes_from_xdg_state_home_or_home() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Store::from_env(&env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])),
            Some(Store::new("/s/rolodex-tui"))
        );
        assert_eq!(
            Store::from_env(&env(&[("XDG_STATE_HOME", "relative"), ("HOME", "/h")])),
            Some(Store::new("/h/.local/state/rolodex-tui"))
        );
        assert_eq!(Store::from_env(&env(&[])), None);
    }
}
