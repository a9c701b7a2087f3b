//! The log file: one line per request (method, path, outcome, time) and per
//! notable event, in the state folder, readable by its owner only. It never
//! holds the API key, request headers or contact bodies.

use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// A log larger than this is moved aside (`.old`) at start, so it never grows
/// without bound.
const ROTATE_AT: u64 = 1024 * 1024;

/// The log file in use, once [`init`] succeeded.
static PATH: OnceLock<PathBuf> = OnceLock::new();

/// Where the log is written, if logging started.
pub fn path() -> Option<&'static Path> {
    PATH.get().map(PathBuf::as_path)
}

/// Starts logging to `path`. Call once, before the TUI starts.
pub fn init(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    if fs::metadata(path).is_ok_and(|m| m.len() > ROTATE_AT) {
        fs::rename(path, path.with_extension("log.old"))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .try_init()
        .map_err(io::Error::other)?;
    let _ = PATH.set(path.to_path_buf());
    Ok(())
}
