//! The editor's state once a contact is loaded, and the one keeper of its
//! rule: every change to the form is one undo step and moves the revision
//! that journals the draft. The form, the undo and redo stacks and the
//! revision are private; every change goes through [`Editor::edit`],
//! [`Editor::replace`], [`Editor::undo`], [`Editor::redo`],
//! [`Editor::rebase_onto`] or [`Editor::reload`].

use std::collections::VecDeque;

use crate::contact::{ChangeSet, Clash, ContactForm, Draft, Known, clashes, diff, rebase_form};
use crate::wire::{Contact, CustomFieldDef};

use super::cursor;
use super::field_editor::{FieldEditor, TextTarget};
use super::keys::{Action, Context};
use super::overlay::Overlay;
use super::pane::{DETAILS_TITLE, Pane};

/// How many changes undo can take back: older ones are forgotten, so a
/// long session's memory stays bounded (each step is a copy of the form;
/// definitions are shared, not copied).
pub const UNDO_DEPTH: usize = 100;

/// The editor state once a contact and its definitions are loaded.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The contact exactly as loaded (every field kept, see `crate::wire`).
    contact: Contact,
    defs: Vec<CustomFieldDef>,
    /// The form as loaded; the diff is always taken against it.
    baseline: ContactForm,
    form: ContactForm,
    undo: VecDeque<ContactForm>,
    redo: VecDeque<ContactForm>,
    /// Moves on every change to `form`, so the draft is journaled once per
    /// change without comparing forms.
    revision: u64,
    pub focus: Pane,
    /// The selected row of each pane, indexed by [`Pane::index`].
    selected: [usize; 4],
    /// The open field editor, if any: keys go to it first.
    pub input: Option<FieldEditor>,
    /// The dialog or screen drawn over the editor: keys go to it next.
    pub overlay: Option<Overlay>,
    /// How many tries of the save now in hand have failed in a row (a
    /// retry that fails again says so).
    pub failed_tries: u32,
    /// The open find line (`/`), if any: keys go to it first.
    pub find: Option<super::field_editor::Find>,
    /// What the last find kept looked for (`n` / `N` find it again).
    pub last_find: Option<String>,
}

impl Editor {
    pub fn new(contact: Contact, defs: Vec<CustomFieldDef>) -> Self {
        let baseline = ContactForm::from_contact(&contact, &defs);
        Editor {
            form: baseline.clone(),
            baseline,
            contact,
            defs,
            undo: VecDeque::new(),
            redo: VecDeque::new(),
            revision: 0,
            focus: Pane::Details,
            selected: [DETAILS_TITLE, 0, 0, 0],
            input: None,
            overlay: None,
            failed_tries: 0,
            find: None,
            last_find: None,
        }
    }

    /// The contact as loaded.
    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    /// The contact custom field definitions.
    pub fn defs(&self) -> &[CustomFieldDef] {
        &self.defs
    }

    /// The form as edited.
    pub fn form(&self) -> &ContactForm {
        &self.form
    }

    /// The form as loaded.
    pub fn baseline(&self) -> &ContactForm {
        &self.baseline
    }

    /// How many changes undo and redo can take back and put back.
    pub fn history(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Moves whenever the form changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What differs from the loaded contact.
    pub fn changes(&self) -> ChangeSet {
        diff(&self.baseline, &self.form)
    }

    pub fn is_dirty(&self) -> bool {
        self.form != self.baseline
    }

    /// The journal entry for the edit as it stands (`saved_at` is stamped
    /// by whoever writes it).
    pub fn draft(&self) -> Draft {
        Draft {
            contact_id: self.contact.id.clone(),
            // Stamped with the workspace by whoever writes it.
            base_url: None,
            saved_at: String::new(),
            loaded: self.contact.clone(),
            form: self.form.clone(),
        }
    }

    /// Applies a change to the form as one undoable step. A change that
    /// leaves the form as it was records nothing and returns `None`.
    pub fn edit<T>(&mut self, change: impl FnOnce(&mut ContactForm) -> T) -> Option<T> {
        let before = self.form.clone();
        let out = change(&mut self.form);
        let changed = std::mem::replace(&mut self.form, before.clone());
        self.form = within_known(self.baseline.known, changed);
        if self.form == before {
            return None;
        }
        self.record(before);
        Some(out)
    }

    /// Replaces the whole form as one undoable step; false when it was
    /// already that form.
    pub fn replace(&mut self, form: ContactForm) -> bool {
        let form = within_known(self.baseline.known, form);
        if form == self.form {
            return false;
        }
        let before = std::mem::replace(&mut self.form, form);
        self.record(before);
        true
    }

    fn record(&mut self, before: ContactForm) {
        self.undo.push_back(before);
        // Memory stays bounded however long the session: the oldest step
        // goes once there are UNDO_DEPTH.
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.revision += 1;
        self.clamp_selection();
    }

    /// Takes the last change back; false when there is none.
    pub fn undo(&mut self) -> bool {
        self.step_history(true)
    }

    /// Puts the last undone change back; false when there is none.
    pub fn redo(&mut self) -> bool {
        self.step_history(false)
    }

    fn step_history(&mut self, back: bool) -> bool {
        let known = self.baseline.known;
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(form) = from.pop_back() else {
            return false;
        };
        let form = within_known(known, form);
        to.push_back(std::mem::replace(&mut self.form, form));
        self.revision += 1;
        self.clamp_selection();
        true
    }

    /// Carries the edit over onto the server's newer version of the
    /// contact: it becomes the loaded one, and every row the user changed
    /// keeps the user's value on top of it. One undo step takes the merge
    /// back. Returns the values both sides changed, differently (the
    /// user's value is in the form until they pick).
    pub fn rebase_onto(&mut self, remote: Contact) -> Vec<Clash> {
        let old_base = std::mem::replace(
            &mut self.baseline,
            ContactForm::from_contact(&remote, &self.defs),
        );
        self.contact = remote;
        let merged = rebase_form(&old_base, &self.form, &self.baseline);
        let found = clashes(&old_base, &self.form, &self.baseline);
        if !self.replace(merged) {
            // Nothing in the form moved, but what it is compared with did.
            self.revision += 1;
        }
        found
    }

    /// After a save: the contact read back becomes the loaded one and the
    /// form starts again from it, with no undo history (the saved edit is
    /// in the save history instead).
    pub fn reload(&mut self, contact: Contact) {
        self.baseline = ContactForm::from_contact(&contact, &self.defs);
        self.form = self.baseline.clone();
        self.contact = contact;
        self.undo.clear();
        self.redo.clear();
        self.revision += 1;
        self.clamp_selection();
    }

    /// Applies a draft's edit to the contact as loaded now: what the draft
    /// changed against the version it was made on, on top of today's
    /// version, as one undo step. Returns the values both the draft and
    /// the server changed since, differently: the draft's value stands in
    /// each until the user takes the server's, as after a rebase.
    pub fn restore(&mut self, draft: &Draft) -> Vec<Clash> {
        let old_base = ContactForm::from_contact(&draft.loaded, &self.defs);
        let restored = rebase_form(&old_base, &draft.form, &self.baseline);
        let found = clashes(&old_base, &draft.form, &self.baseline);
        self.replace(restored);
        found
    }

    /// Which part of the key table answers a key now: an open field
    /// editor, else the dialog on top, else the focused pane.
    pub fn key_context(&self) -> Context {
        if self.find.is_some() && self.input.is_none() && self.overlay.is_none() {
            return Context::Find;
        }
        match (&self.input, &self.overlay) {
            (
                Some(FieldEditor::Text {
                    target: TextTarget::NewEmail,
                    ..
                }),
                _,
            ) => Context::NewText,
            (Some(FieldEditor::Text { .. }), _) => Context::Text,
            (Some(FieldEditor::Options(p)), _) if p.filters() => {
                Context::FilterOptions { multi: p.multi }
            }
            (Some(FieldEditor::Options(p)), _) => Context::Options { multi: p.multi },
            (None, Some(overlay)) => overlay.key_context(),
            (None, None) => Context::Editor(self.focus),
        }
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.selected[pane.index()]
    }

    /// Selects a row of a pane (kept on an existing row).
    pub fn select(&mut self, pane: Pane, row: usize) {
        self.selected[pane.index()] = row.min(self.rows(pane).saturating_sub(1));
    }

    /// Moves the focused pane's selection for a movement action; false for
    /// an action that does not move.
    pub fn move_selection(&mut self, action: Action) -> bool {
        let pane = self.focus;
        match cursor::moved(self.selected(pane), action, self.rows(pane)) {
            Some(row) => {
                self.selected[pane.index()] = row;
                true
            }
            None => false,
        }
    }

    /// How many selectable rows a pane has.
    pub fn rows(&self, pane: Pane) -> usize {
        match pane {
            Pane::Details => super::pane::DETAILS_ROWS,
            Pane::Emails => self.form.emails.len(),
            Pane::Phones => self.form.phones.len(),
            Pane::Fields => self.form.fields.len(),
        }
    }

    /// Keeps every pane's selection on an existing row (after deletes, undo).
    fn clamp_selection(&mut self) {
        for pane in Pane::ORDER {
            let rows = self.rows(pane);
            let sel = &mut self.selected[pane.index()];
            *sel = (*sel).min(rows.saturating_sub(1));
        }
    }
}

/// `form` holding only the lists the loaded contact's read carried
/// (`known`). Whatever a form brings (an undo step from before a rebase, a
/// reverted version, a draft), a list the server did not show on the last
/// read is unknown: never edited, never sent.
fn within_known(known: Known, mut form: ContactForm) -> ContactForm {
    form.known = known;
    if !known.emails {
        form.emails.clear();
    }
    if !known.custom_fields {
        form.fields.clear();
    }
    if !known.phones {
        form.phones.clear();
    }
    if !known.tags {
        form.tags.clear();
    }
    if !known.lists {
        form.lists.clear();
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn editor() -> Editor {
        let contact: Contact = serde_json::from_value(json!({
            "id": "c1", "title": "T", "is_starred": false,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
            "emails": [{"email_address": "a@b.co", "is_primary": true}],
            "custom_fields": []
        }))
        .unwrap();
        Editor::new(contact, vec![])
    }

    #[test]
    fn every_change_is_one_undo_step_and_moves_the_revision() {
        let mut ed = editor();
        assert_eq!(ed.edit(|f| f.starred = false), None, "no change, no step");
        assert_eq!(ed.revision(), 0);
        ed.edit(|f| f.starred = true);
        ed.edit(|f| f.title = Some("U".into()));
        assert_eq!(ed.revision(), 2);
        assert!(ed.undo());
        assert_eq!(ed.form().title.as_deref(), Some("T"));
        assert!(ed.redo());
        assert_eq!(ed.form().title.as_deref(), Some("U"));
        assert!(ed.undo() && ed.undo());
        assert!(!ed.undo(), "nothing left to undo");
        assert!(!ed.is_dirty());
        assert_eq!(ed.revision(), 6);
    }

    #[test]
    fn a_list_the_last_read_did_not_carry_stays_unknown_whatever_comes_back() {
        let mut ed = editor();
        ed.edit(|f| f.starred = true);
        // The next read has no email list: the rebase keeps it unknown, and
        // undoing back to a form from before it does not bring the old
        // emails back into what a save would send.
        let mut remote = ed.contact().clone();
        remote.emails = crate::wire::Maybe::Absent;
        remote.updated_at = "2025-01-03T00:00:00Z".into();
        ed.rebase_onto(remote);
        assert!(!ed.form().known.emails && ed.form().emails.is_empty());
        assert!(ed.undo());
        assert!(!ed.form().known.emails, "undo cannot make the list known");
        assert!(ed.form().emails.is_empty());
        let body = crate::contact::put_body(ed.baseline(), ed.form()).unwrap();
        assert_eq!(body.emails, None, "never sent");
    }

    #[test]
    fn a_rebase_is_undoable() {
        let mut ed = editor();
        ed.edit(|f| f.starred = true);
        let mut remote = ed.contact().clone();
        remote.title = Some("Theirs".to_string()).into();
        remote.updated_at = "2025-01-03T00:00:00Z".into();
        let found = ed.rebase_onto(remote);
        assert!(found.is_empty());
        assert_eq!(ed.form().title.as_deref(), Some("Theirs"));
        assert!(ed.form().starred, "my edit on top");
        assert_eq!(ed.contact().updated_at, "2025-01-03T00:00:00Z");
        assert!(ed.undo(), "the merge is one undo step");
        assert_eq!(ed.form().title.as_deref(), Some("T"));
        assert!(ed.undo(), "and the edit before it is still there");
        assert!(!ed.form().starred);
    }
}
