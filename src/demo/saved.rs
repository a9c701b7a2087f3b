//! The demo's contacts kept between runs of `rolodex-tui --demo`, so a save
//! made in one run is there in the next (and `--history`, `--revert` have
//! something to go back from), until `--demo --reset` removes the file.
//!
//! The file holds the contacts as the server stores them, and the two
//! counters a run must go on from: the change clock (every `updated_at`
//! stays later than the saved ones) and the last generated email or phone
//! id (no id is handed out twice). Definitions and users are the seed's.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::definitions::field_defs;
use super::seed::workspace_users;
use super::store::Store;

/// The format of the file; another one is refused with the way out.
const VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct SavedDemo {
    version: u64,
    /// The change clock's last time, in seconds since the epoch.
    clock: i64,
    last_item_id: u64,
    contacts: Vec<Value>,
}

/// The store saved at `path`; `None` when nothing was saved there yet.
pub(crate) fn load(path: &Path) -> io::Result<Option<Store>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(path, &e)),
    };
    let saved: SavedDemo = serde_json::from_slice(&bytes).map_err(|e| unreadable(path, &e))?;
    if saved.version != VERSION {
        let why = format!("it is in format {}, not {VERSION}", saved.version);
        return Err(unreadable(path, &why));
    }
    let store = Store::new(saved.contacts, field_defs(), workspace_users());
    Ok(Some(store.resumed(saved.clock, saved.last_item_id)))
}

/// Writes the store to `path` (atomically, readable by its owner only).
pub(crate) fn save(path: &Path, store: &Store) -> io::Result<()> {
    let (clock, last_item_id) = store.counters();
    let saved = SavedDemo {
        version: VERSION,
        clock,
        last_item_id,
        contacts: store.contacts(),
    };
    let bytes = serde_json::to_vec(&saved).map_err(io::Error::other)?;
    crate::store::write_private(path, &bytes)
}

fn unreadable(path: &Path, why: &dyn std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the demo's saved contacts in {} cannot be read ({why}): \
             rolodex-tui --demo --reset starts again from the sample data",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::seed::seeded_store;

    #[test]
    fn saved_contacts_come_back_with_their_counters() {
        let dir = std::env::temp_dir().join(format!("rolodex-demo-saved-{}", std::process::id()));
        let path = dir.join("contacts.json");
        assert!(load(&path).unwrap().is_none(), "nothing saved yet");
        let mut store = seeded_store();
        let body = serde_json::json!({"title": "Chief Product Officer", "is_starred": false});
        store
            .update_contact(super::super::DEMO_CONTACT_ID, &body)
            .unwrap();
        save(&path, &store).unwrap();

        let back = load(&path).unwrap().expect("saved");
        assert_eq!(back.contacts(), store.contacts());
        assert_eq!(back.counters(), store.counters());

        std::fs::write(&path, b"{\"version\": 1, \"clo").unwrap();
        let err = load(&path).expect_err("a cut file is refused");
        assert!(err.to_string().contains("--demo --reset"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
