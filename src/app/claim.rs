//! One contact, one editor: the claim on a contact's draft, the notice that
//! another editor has it open, and the read-only editor that notice offers.
//!
//! Two editors journaling one contact would overwrite each other's draft,
//! so the second never shares silently: it says so, and then either looks
//! without journaling anything or quits.

use super::keys::{self, Action};
use super::model::{Journal, Model, StatusKind};
use super::msg::{Effect, Local};
use crate::contact::{Claim, Holder};

/// The answer to [`Local::Claim`]: this editor journals the contact (and
/// then reads the draft left for it), or another one does and the notice
/// asks what to do.
pub(super) fn on_claimed(model: &mut Model, result: Result<Claim, String>) -> Vec<Effect> {
    let read = Local::ReadDraft {
        id: model.contact_id.clone(),
    };
    match result {
        Ok(Claim::Held) => {
            model.journal = Journal::Held;
            vec![read.into()]
        }
        Ok(Claim::Elsewhere(holder)) => {
            model.journal = Journal::OpenElsewhere {
                holder,
                read_only: false,
            };
            vec![]
        }
        // Without a lock the draft folder is most likely unwritable too;
        // the edit is journaled if it can be, as before locks.
        Err(why) => {
            model.warn_about_draft(format!(
                "Could not check whether another editor has this contact open: {why}"
            ));
            vec![read.into()]
        }
    }
}

/// Keys while the notice asks: `r` looks read-only, `q` quits (or goes
/// back to the contact list).
pub(super) fn on_notice_key(model: &mut Model, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::ReadOnly) => {
            if let Journal::OpenElsewhere { read_only, .. } = &mut model.journal {
                *read_only = true;
            }
            say_read_only(model);
            vec![]
        }
        Some(Action::Quit) => vec![Effect::Quit],
        _ => vec![],
    }
}

/// Says on the status line that this editor only looks (once the editor
/// is open; until then, when it opens). A `--revert` version is not
/// applied: that would be an edit.
pub(super) fn say_read_only(model: &mut Model) {
    let Some(holder) = model.journal.read_only() else {
        return;
    };
    if model.editor().is_none() {
        return;
    }
    let not_reverted = if model.revert_to.take().is_some() {
        " (the --revert version was not applied)"
    } else {
        ""
    };
    let text = format!(
        "Read-only: {} is open in another editor (process {}); nothing here is edited, \
         kept or sent{not_reverted}",
        model.contact_id, holder.pid
    );
    model.say(StatusKind::Info, text);
}

/// Why a key that edits or saves does nothing in a read-only editor.
pub(super) fn refused_read_only(journal: &Journal, action: Action) -> Option<String> {
    let holder: &Holder = journal.read_only()?;
    keys::writes(action).then(|| {
        format!(
            "Read-only: this contact is open in another editor (process {}), so it cannot be \
             edited or saved here; quit that one to edit it here",
            holder.pid
        )
    })
}
