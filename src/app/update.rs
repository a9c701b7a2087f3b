//! `update`: the only place state changes. Pure: no I/O, no clock. This file
//! only dispatches: each message and each key goes to the flow it belongs
//! to (`editing`, `fields`, `save`, `drafts`, `contacts`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::client::{ReadEvent, ReadPath};

use super::drafts::{apply_revert, journal, offer_draft, on_restore_key, on_set_aside};
use super::editing::{on_confirm_quit_key, on_editor_key, quit_or_ask};
use super::editor::Editor;
use super::fields::{on_field_key, on_paste};
use super::keys::{Action, Context};
use super::lists::{lookup_reason_text, unknown_lists_note};
use super::model::{Choices, Journal, Links, Model, Phase, StatusKind};
use super::msg::{Effect, Local, Msg, Remote};
use super::overlay::Overlay;
use super::{claim, contacts, cursor, drafts, save};
use crate::api::ApiError;
use crate::contact::Linked;

/// Applies one message to the model and returns the work it asks for.
///
/// Every change to the form is journaled: a dirty form is written as a
/// draft, a form back to what was loaded removes it (unless another editor
/// has the contact open: then nothing is).
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let effects = journaled(model, msg);
    // A draft discarded or saved is no longer one to mention at exit.
    for effect in &effects {
        if let Effect::Local(Local::DeleteDraft { id }) = effect {
            model.kept_drafts.retain(|kept| kept != id);
        }
    }
    effects
}

/// [`update`] but for the drafts kept: the message's effects, with the
/// journal entry for the change it made.
fn journaled(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let before = model.editor().map(Editor::revision);
    let mut effects = dispatch(model, msg);
    // Leaving an editor opened from the contact list goes back to the list,
    // and gives up its claim on the contact.
    if effects.contains(&Effect::Quit)
        && !matches!(model.phase, Phase::Picking(_))
        && let Some(list) = model.came_from.take()
    {
        effects.retain(|e| e != &Effect::Quit);
        if std::mem::take(&mut model.journal) == Journal::Held {
            effects.push(
                Local::Release {
                    id: model.contact_id.clone(),
                }
                .into(),
            );
        }
        model.phase = Phase::Picking(list);
        model.status = None;
        model.found_draft = None;
        model.draft_warning = None;
        model.draft_unwritten = None;
        return effects;
    }
    effects.extend(journal(model, before));
    effects
}

fn dispatch(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => vec![],
        Msg::Key(key) => on_key(model, key),
        Msg::Paste(text) => {
            match &mut model.phase {
                Phase::Ready(ed) => on_paste(ed, &text),
                Phase::Picking(_) => contacts::on_paste(model, &text),
                _ => {}
            }
            vec![]
        }
        Msg::Resize(width, height) => {
            model.size = Some((width, height));
            vec![]
        }
        Msg::Tick => {
            model.spinner = model.spinner.wrapping_add(1);
            vec![]
        }
        Msg::Clock(time) => {
            model.clock = Some(time);
            vec![]
        }
        // A load that finishes after the user went back to the contact list,
        // or for another contact than the one now wanted, is not shown.
        Msg::Loaded(Ok((contact, _))) if contact.id != model.contact_id => vec![],
        Msg::Loaded(_) if !matches!(model.phase, Phase::Loading) => vec![],
        Msg::Loaded(Ok((contact, defs))) => {
            model.progress = None;
            model.phase = Phase::Ready(Box::new(Editor::new(contact, defs)));
            model.status = None;
            if let Some(text) = model.editor().and_then(|ed| unknown_lists_note(ed.form())) {
                model.say(StatusKind::Warning, text);
            } else if let Some(ReadPath::ListLookup(reason)) = &model.read_path {
                let text = format!(
                    "{}, so it was looked up in the contact list (? shows how this server is read)",
                    lookup_reason_text(reason)
                );
                model.say(StatusKind::Info, text);
            }
            offer_draft(model);
            if model.journal.journals() && model.editor().is_some_and(|ed| ed.overlay.is_none()) {
                apply_revert(model);
            }
            if let Some(text) = model.draft_warning.take() {
                model.say(StatusKind::Warning, text);
            }
            claim::say_read_only(model);
            vec![]
        }
        Msg::Loaded(Err(e)) => {
            model.progress = None;
            model.phase = Phase::LoadFailed {
                message: e.to_string(),
            };
            vec![]
        }
        Msg::UsersLoaded(Ok(users)) => {
            model.users = Some(users);
            vec![]
        }
        // Without users the USER field falls back to free text; not an error
        // worth interrupting anyone for.
        Msg::UsersLoaded(Err(_)) => vec![],
        Msg::LinksLoaded { tags, lists } => {
            let choices = |r: Result<Vec<Linked>, ApiError>| match r {
                Ok(list) => Choices::Loaded(list),
                Err(e) => Choices::Failed(e.to_string()),
            };
            model.links = Links {
                tags: choices(tags),
                lists: choices(lists),
            };
            vec![]
        }
        Msg::Progress(ReadEvent::PathChosen(path)) => {
            model.read_path = Some(path);
            vec![]
        }
        Msg::Progress(event) => {
            model.progress = Some(event);
            vec![]
        }
        Msg::Checked(result) => {
            model.progress = None;
            save::on_checked(model, result)
        }
        Msg::Put(result) => save::on_put(model, result),
        Msg::ReadBack(result) => {
            model.progress = None;
            save::on_read_back(model, result)
        }
        Msg::ContactsLoaded(result) => contacts::on_page(model, result),
        Msg::Previewed(preview) => save::on_previewed(model, preview),
        Msg::DraftRead(Ok(draft)) => {
            drafts::on_draft_read(model, draft);
            vec![]
        }
        Msg::DraftOfUnknownWorkspace(path) => {
            drafts::on_draft_of_unknown_workspace(model, &path);
            vec![]
        }
        Msg::DraftRead(Err(why)) => {
            model.warn_about_draft(format!("A draft was left but {why}"));
            vec![]
        }
        Msg::DraftSetAside(set_aside) => {
            on_set_aside(model, set_aside);
            vec![]
        }
        Msg::Claimed(result) => claim::on_claimed(model, result),
        Msg::DraftWritten(result) => {
            drafts::on_draft_written(model, result);
            vec![]
        }
        Msg::DraftNotRemoved(why) => {
            drafts::on_draft_not_removed(model, &why);
            vec![]
        }
        Msg::DraftWrittenTo(result) => drafts::on_draft_written_to(model, result),
        Msg::HistoryKept(result) => save::on_history_kept(model, result),
    }
}

/// The effects that start the application for `model.contact_id`.
pub fn init(model: &Model) -> Vec<Effect> {
    if let Phase::Picking(p) = &model.phase {
        return vec![
            Remote::LoadContacts {
                offset: 0,
                limit: p.page_size,
            }
            .into(),
            Remote::LoadUsers.into(),
        ];
    }
    vec![
        Remote::Load {
            id: model.contact_id.clone(),
        }
        .into(),
        Remote::LoadUsers.into(),
        Remote::LoadLinks.into(),
        Local::Claim {
            id: model.contact_id.clone(),
        }
        .into(),
    ]
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let keys = model.keys;
    // With legacy key encoding, Esc followed quickly by a key (a fast typist,
    // a paste of keystrokes, SSH coalescing) arrives as Alt+key. No action
    // uses Alt, so read it as the two keys it almost certainly was.
    if key.modifiers.contains(KeyModifiers::ALT) {
        let mut effects = on_key(model, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
        effects.extend(on_key(model, plain));
        return effects;
    }
    if model.too_small() {
        return on_too_small_key(model, &key);
    }
    if model.help {
        on_help_key(model, &key);
        return vec![];
    }
    // The notice that another editor has the contact open comes first,
    // over the loading screen and the editor alike.
    if model.journal.asking().is_some() {
        return claim::on_notice_key(model, keys.action(Context::OpenElsewhere, &key));
    }
    let id = model.contact_id.clone();
    match &mut model.phase {
        Phase::Picking(_) => contacts::on_key(model, key),
        Phase::Loading | Phase::LoadFailed { .. } => {
            let ctx = if matches!(model.phase, Phase::LoadFailed { .. }) {
                Context::LoadFailed
            } else {
                Context::Loading
            };
            match keys.action(ctx, &key) {
                Some(Action::Quit) => vec![Effect::Quit],
                Some(Action::Retry) => {
                    model.phase = Phase::Loading;
                    vec![Remote::Load { id }.into()]
                }
                Some(Action::Help) => {
                    model.open_help(ctx);
                    vec![]
                }
                _ => vec![],
            }
        }
        Phase::Ready(ed) => {
            // A message answers the key that caused it; the next key clears it.
            model.status = None;
            let action = keys.action(ed.key_context(), &key);
            if ed.find.is_some() && ed.input.is_none() && ed.overlay.is_none() {
                if action == Some(Action::Quit) {
                    ed.find = None;
                    return quit_or_ask(model);
                }
                super::find::on_key(ed, keys, &key);
                return vec![];
            }
            if ed.input.is_some() {
                if action == Some(Action::Quit) {
                    ed.input = None;
                    return quit_or_ask(model);
                }
                if let Some(note) = on_field_key(ed, keys, key) {
                    model.say(StatusKind::Info, note);
                }
                return vec![];
            }
            if ed.overlay.is_some() {
                return on_overlay_key(model, &key);
            }
            on_editor_key(model, key)
        }
    }
}

/// While the terminal is too small, only what that screen offers works:
/// quitting, with the usual question when there are unsaved changes (the
/// screen shows it). Every other key is ignored until the window grows.
fn on_too_small_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let keys = model.keys;
    let asking = model
        .editor()
        .is_some_and(|ed| matches!(ed.overlay, Some(Overlay::ConfirmQuit)));
    let ctx = if asking {
        Context::ConfirmQuit
    } else {
        Context::TooSmall
    };
    match keys.action(ctx, key) {
        Some(Action::Quit) if !asking => {
            if let Some(ed) = model.editor_mut() {
                ed.input = None;
            }
            quit_or_ask(model)
        }
        Some(action) if asking => on_confirm_quit_key(model, action),
        _ => vec![],
    }
}

fn on_help_key(model: &mut Model, key: &KeyEvent) {
    let keys = model.keys;
    match keys.action(Context::Help, key) {
        Some(Action::Back) => {
            model.help = false;
            model.help_scroll = 0;
        }
        Some(action) => {
            let lines = model.help_lines();
            let at = usize::from(model.help_scroll);
            // A page is what the help box shows: the screen less its border
            // and a line kept in view.
            let page = usize::from(model.size.map_or(0, |(_, h)| h))
                .saturating_sub(3)
                .max(1);
            // The furthest it scrolls: the last page full (the box shows
            // the screen less its border), so the first key back up moves.
            let last = match model.size {
                Some((_, h)) if h > 0 => lines.saturating_sub(usize::from(h).saturating_sub(2)),
                _ => lines,
            };
            let to = match action {
                Action::PageDown => Some((at + page).min(last)),
                Action::PageUp => Some(at.saturating_sub(page)),
                _ => cursor::moved(at, action, last + 1),
            };
            if let Some(to) = to {
                model.help_scroll = u16::try_from(to).unwrap_or(u16::MAX);
            }
        }
        // The key that opened the help closes it too, whatever `[keys]`
        // made it.
        None if keys.action(Context::Editor(super::pane::Pane::Details), key)
            == Some(Action::Help) =>
        {
            model.help = false;
            model.help_scroll = 0;
        }
        None => {}
    }
}

/// Keys for the dialog on top: its scroll keys first where it shows a long
/// text, then its own handler. A save in flight takes no key at all.
fn on_overlay_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let keys = model.keys;
    let wrapped_lines = model.scroll_lines.and_then(|measure| measure(model));
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(overlay) = ed.overlay.as_mut() else {
        return vec![];
    };
    if let Some(scroll) = overlay.scroll_mut()
        && let Some(action) = keys.action(Context::Scroll, key)
    {
        if let Some(lines) = wrapped_lines {
            scroll.lines = lines;
        }
        scroll.apply(action);
        return vec![];
    }
    // The review itself scrolls with the same keys; its handler knows how far.
    if let Overlay::Review { json: None, .. } = overlay
        && let Some(action) = keys.action(Context::Scroll, key)
    {
        return save::on_review_key(model, action);
    }
    if let Overlay::DraftFolder { .. } = overlay {
        return drafts::on_draft_folder_key(model, key);
    }
    let ctx = overlay.key_context();
    let Some(action) = keys.action(ctx, key) else {
        return vec![];
    };
    if action == Action::Help {
        model.open_help(ctx);
        return vec![];
    }
    match overlay {
        Overlay::Saving { .. } => vec![],
        Overlay::Review { .. } => save::on_review_key(model, action),
        Overlay::DryRun { .. } => save::on_dry_run_key(model, action),
        Overlay::SaveFailed { .. } => save::on_save_failed_key(model, action),
        Overlay::Conflict { .. } => save::on_conflict_key(model, action),
        Overlay::Clash { .. } => save::on_clash_key(model, action),
        Overlay::NoHistory { .. } => save::on_no_history_key(model, action),
        Overlay::ConfirmQuit => on_confirm_quit_key(model, action),
        // Typed into before any action is looked up (above).
        Overlay::DraftFolder { .. } => vec![],
        Overlay::RestoreDraft(_) => on_restore_key(model, action),
    }
}
