//! A folder made read-only for the length of a test, as a person's full or
//! read-only state folder would be. As root, permission bits stop nothing,
//! so the folder is bind-mounted read-only over itself instead; where
//! neither works the test is skipped, saying so.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct ReadOnly {
    dir: PathBuf,
    mounted: bool,
}

impl ReadOnly {
    /// Makes `dir` (which must exist) read-only; `None` (said on stderr)
    /// where this machine cannot.
    pub fn make(dir: &Path) -> Option<ReadOnly> {
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let guard = if root {
            let path = dir.to_str()?;
            let ok = |args: &[&str]| {
                Command::new("mount")
                    .args(args)
                    .status()
                    .is_ok_and(|s| s.success())
            };
            if !ok(&["--bind", path, path]) {
                eprintln!("skipped: cannot bind-mount {path} (needs mount as root)");
                return None;
            }
            let guard = ReadOnly {
                dir: dir.to_path_buf(),
                mounted: true,
            };
            if !ok(&["-o", "remount,bind,ro", path]) {
                eprintln!("skipped: cannot remount {path} read-only");
                return None;
            }
            guard
        } else {
            for entry in walk(dir) {
                let _ = std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o555));
            }
            ReadOnly {
                dir: dir.to_path_buf(),
                mounted: false,
            }
        };
        // Whatever was done, it must hold: a write must fail.
        let probe = dir.join(".probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(&probe);
            eprintln!("skipped: {} stays writable", dir.display());
            return None;
        }
        Some(guard)
    }
}

/// `dir` and every folder under it.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(walk(&e.path()));
            }
        }
    }
    out
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        } else {
            for entry in walk(&self.dir) {
                let _ = std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o700));
            }
        }
    }
}
