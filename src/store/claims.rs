//! One editor per contact: `drafts/CONTACT_ID.lock` names the process of
//! the editor that journals the contact, so a second editor can tell, and
//! a lock whose process has ended (a crash, a kill) is known to be stale.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::{Claim, Holder, Store, file_stem, private_dir, remove_if_there};

impl Store {
    /// The lock file that names the editor journaling a contact.
    pub fn lock_path(&self, contact_id: &str) -> PathBuf {
        self.root
            .join("drafts")
            .join(format!("{}.lock", file_stem(contact_id)))
    }

    /// Claims a contact for this process: its lock file then names this
    /// process, and this editor alone journals the contact's draft. When
    /// another process that still runs holds it, that one is named instead
    /// and nothing changes. A lock whose process no longer runs (left by a
    /// crash or a kill) is stale and taken over; so is one that cannot be
    /// read. Claims by several editors at once are serialised by an
    /// advisory lock on `drafts/.lock`, so a stale lock is taken over by one
    /// of them only.
    pub fn claim_draft(&self, contact_id: &str) -> io::Result<Claim> {
        let path = self.lock_path(contact_id);
        let _guard = self.claims_guard()?;
        let me = std::process::id();
        match read_lock(&path)? {
            Some(pid) if pid != me && running(pid) => {
                return Ok(Claim::Elsewhere(Holder { pid, lock: path }));
            }
            Some(pid) if pid != me => {
                tracing::info!(
                    lock = %path.display(),
                    pid,
                    "taking over a lock left by a process that no longer runs"
                );
            }
            _ => {}
        }
        // Not synced: a lock only matters while its process runs, and one
        // lost in a crash is simply not there (a sync here would delay the
        // editor's first frame by the disk's flush time).
        write_lock(&path, me)?;
        Ok(Claim::Held)
    }

    /// Gives up this process's claim on a contact: removes its lock file if
    /// it names this process (another's is left alone).
    pub fn release_draft(&self, contact_id: &str) -> io::Result<()> {
        let path = self.lock_path(contact_id);
        if !path.exists() {
            return Ok(());
        }
        let _guard = self.claims_guard()?;
        if read_lock(&path)? == Some(std::process::id()) {
            remove_if_there(&path)?;
        }
        Ok(())
    }

    /// An exclusive advisory lock on `drafts/.lock`, held until the file
    /// is dropped (closed), while a claim is looked at and changed.
    pub(super) fn claims_guard(&self) -> io::Result<File> {
        let dir = self.root.join("drafts");
        private_dir(&dir)?;
        let guard = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(dir.join(".lock"))?;
        // SAFETY: flock on a descriptor this function owns; the kernel
        // releases it when the file is closed, also if the process dies.
        if unsafe { libc::flock(guard.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(guard)
    }

    pub fn remove_draft(&self, contact_id: &str) -> io::Result<()> {
        remove_if_there(&self.draft_path(contact_id))
    }
}

/// Writes this process's id into a lock file readable by its owner only,
/// replacing it atomically (a reader sees the old id or the new one).
fn write_lock(path: &Path, pid: u32) -> io::Result<()> {
    let Some(dir) = path.parent() else {
        return Err(io::Error::other("a lock path without a folder"));
    };
    let temp = dir.join(format!(".lock.{pid}.tmp"));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(format!("{pid}\n").as_bytes())?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The process id a lock file names: `None` when there is no lock file,
/// `Some(0)` for one that cannot be read (a crash between creating and
/// writing it), which is stale like a process that no longer runs.
pub(super) fn read_lock(path: &Path) -> io::Result<Option<u32>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.trim().parse().unwrap_or(0))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(Some(0)),
        Err(e) => Err(e),
    }
}

/// Whether a process with this id runs: `kill(pid, 0)` sends nothing and
/// fails with `ESRCH` only when there is no such process (`EPERM` means it
/// runs as someone else).
pub(super) fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 is never delivered; kill only checks the process.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn temp_store(name: &str) -> Store {
        let dir =
            std::env::temp_dir().join(format!("rolodex-claims-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        Store::new(dir)
    }

    #[test]
    fn one_editor_claims_a_contact_and_a_stale_lock_is_taken_over() {
        let store = temp_store("claims");
        let me = std::process::id();
        assert_eq!(store.claim_draft("c1").unwrap(), Claim::Held);
        let lock = store.lock_path("c1");
        assert_eq!(fs::read_to_string(&lock).unwrap(), format!("{me}\n"));
        let mode = fs::metadata(&lock).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            store.claim_draft("c1").unwrap(),
            Claim::Held,
            "claiming again is fine"
        );

        // A process that runs holds it.
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        fs::write(&lock, format!("{}\n", other.id())).unwrap();
        assert_eq!(
            store.claim_draft("c1").unwrap(),
            Claim::Elsewhere(Holder {
                pid: other.id(),
                lock: lock.clone()
            })
        );
        store.release_draft("c1").unwrap();
        assert!(lock.exists(), "another's lock is not released");

        // Once it is gone, its lock is stale.
        other.kill().unwrap();
        other.wait().unwrap();
        assert_eq!(store.claim_draft("c1").unwrap(), Claim::Held);
        assert_eq!(fs::read_to_string(&lock).unwrap(), format!("{me}\n"));
        // So is a lock that names nobody.
        fs::write(&lock, b"").unwrap();
        assert_eq!(store.claim_draft("c1").unwrap(), Claim::Held);

        store.release_draft("c1").unwrap();
        assert!(!lock.exists());
        store.release_draft("c1").unwrap();
        let _ = fs::remove_dir_all(store.root());
    }
}
