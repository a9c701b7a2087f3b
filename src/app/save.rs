//! The save: review → conflict check → PUT → read-back, and the keys of
//! the dialogs along the way (the review, the dry run, a failed save, a
//! conflict, a clash after a rebase). Each dialog has its own handler; the
//! data of a save in flight lives in its [`Overlay`] variant.

use crate::api::{ApiError, RequestPreview};
use crate::contact::{put_body, readback_differences, remote_changes, take_theirs};
use crate::wire::{Contact, PutBody};

use super::editor::Editor;
use super::keys::Action;
use super::model::{Model, ReviewFit, Status, StatusKind};
use super::msg::{Effect, Local, Remote};
use super::overlay::{Overlay, Retry, SaveStage, Scroll};

/// Ctrl-S / `w`: opens the review, or moves to the first invalid row and
/// says why. Nothing invalid reaches a body.
pub(super) fn review(model: &mut Model) -> Vec<Effect> {
    let dry_run = model.dry_run;
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    match put_body(ed.baseline(), ed.form()) {
        Err(_) => {
            // Each `w` goes to the next problem after the row shown, so a
            // person walks through them all.
            let problems = ed.form().problems();
            let here = (ed.focus, ed.selected(ed.focus));
            let at = problems
                .iter()
                .position(|p| super::pane::row_of(p.row) == here)
                .map_or(0, |i| (i + 1) % problems.len().max(1));
            let Some(problem) = problems.get(at) else {
                return vec![];
            };
            let (pane, row) = super::pane::row_of(problem.row);
            ed.focus = pane;
            ed.select(pane, row);
            let text = match problems.len() {
                1 => format!("Cannot save yet: {}", problem.reason),
                n => format!(
                    "Cannot save yet, {n} problems ({} of {n}, {} shows the next): {}",
                    at + 1,
                    model.keys.key_of(
                        super::keys::Context::Editor(super::pane::Pane::Details),
                        Action::Review
                    ),
                    problem.reason
                ),
            };
            model.say(StatusKind::Error, text);
        }
        Ok(_) if !ed.is_dirty() => {
            model.say(
                StatusKind::Info,
                "Nothing changed: there is nothing to save",
            );
        }
        Ok(body) => {
            ed.failed_tries = 0;
            ed.overlay = Some(Overlay::Review {
                body: Box::new(body),
                json: None,
                dry_run,
                offset: 0,
            });
            model.status = None;
        }
    }
    vec![]
}

/// Counts a failed try of the save in hand, and says when it failed
/// (" at 15:07:12 UTC") and, from the second try on, that it failed again
/// (" again at 15:07:12 UTC (try 2)").
fn failed_again(ed: &mut Editor, clock: Option<&str>) -> String {
    ed.failed_tries += 1;
    let at = clock.map(|t| format!(" at {t}")).unwrap_or_default();
    match ed.failed_tries {
        1 => at,
        n => format!(" again{at} (try {n})"),
    }
}

/// The number of lines the JSON view of `body` has.
fn json_lines(body: &PutBody) -> usize {
    serde_json::to_string_pretty(body).map_or(0, |t| t.lines().count())
}

/// The review and its JSON view: `y` checks and sends (or, with
/// `--dry-run`, shows the request), `J` toggles the exact body, `n` goes
/// back with nothing lost.
pub(super) fn on_review_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let fit = match (model.review_end, model.editor()) {
        (Some(measure), Some(ed)) => match &ed.overlay {
            Some(Overlay::Review { body, .. }) => measure(model, ed, body),
            _ => ReviewFit::default(),
        },
        _ => ReviewFit::default(),
    };
    let end = fit.end;
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::Review {
        body,
        json,
        dry_run,
        mut offset,
    }) = ed.overlay.take()
    else {
        return vec![];
    };
    // Scrolling the review (not its JSON view, which scrolls by itself).
    // A page is what the screen shows, less a line kept in view.
    let page = fit.page.saturating_sub(1).max(1);
    let to = match action {
        Action::PageDown => Some((offset + page).min(end)),
        Action::PageUp => Some(offset.saturating_sub(page)),
        _ => super::cursor::moved(offset, action, end + 1),
    };
    if json.is_none()
        && let Some(to) = to
    {
        offset = to;
        ed.overlay = Some(Overlay::Review {
            body,
            json,
            dry_run,
            offset,
        });
        return vec![];
    }
    // `y` acts only once everything it does has been on screen: pressed
    // above the confirmation it shows the confirmation's start, then a page
    // more each time, and sends once the end is shown.
    if action == Action::Send && json.is_none() && offset < end {
        let start = fit.confirmation.min(end);
        let next = if offset < start {
            start
        } else {
            (offset + fit.page.saturating_sub(1).max(1)).min(end)
        };
        ed.overlay = Some(Overlay::Review {
            body,
            json,
            dry_run,
            offset: next,
        });
        return vec![];
    }
    match action {
        Action::Send if dry_run => {
            let effect = Remote::Preview {
                id,
                body: body.clone(),
            };
            ed.overlay = Some(Overlay::Review {
                body,
                json,
                dry_run,
                offset,
            });
            vec![effect.into()]
        }
        Action::Send => {
            ed.overlay = Some(Overlay::Saving {
                body,
                stage: SaveStage::Checking,
            });
            vec![Remote::Check { id }.into()]
        }
        Action::ToggleJson => {
            let json = match json {
                Some(_) => None,
                None => Some(Scroll::new(json_lines(&body))),
            };
            ed.overlay = Some(Overlay::Review {
                body,
                json,
                dry_run,
                offset,
            });
            vec![]
        }
        Action::Back => vec![],
        _ => {
            ed.overlay = Some(Overlay::Review {
                body,
                json,
                dry_run,
                offset,
            });
            vec![]
        }
    }
}

/// `--dry-run`: the request a save would have sent, shown instead.
pub(super) fn on_previewed(model: &mut Model, preview: RequestPreview) -> Vec<Effect> {
    if let Some(ed) = model.editor_mut()
        && matches!(ed.overlay, Some(Overlay::Review { .. }))
    {
        // The lines of the preview as shown: the request line, the
        // headers, a blank line, the body.
        let lines = 2 + preview.headers.len() + preview.body_json.lines().count();
        ed.overlay = Some(Overlay::DryRun {
            preview: Box::new(preview),
            scroll: Scroll::new(lines),
        });
    }
    vec![]
}

/// The dry run's screen: back to editing, nothing sent.
pub(super) fn on_dry_run_key(model: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Back
        && let Some(ed) = model.editor_mut()
    {
        ed.overlay = None;
    }
    vec![]
}

/// A failed save: `r` tries again from where it failed, `n` goes back.
pub(super) fn on_save_failed_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::SaveFailed {
        message,
        body,
        retry,
    }) = ed.overlay.take()
    else {
        return vec![];
    };
    match (action, retry) {
        (Action::Retry, Retry::Save) => {
            ed.overlay = Some(Overlay::Saving {
                body,
                stage: SaveStage::Checking,
            });
            vec![Remote::Check { id }.into()]
        }
        (Action::Retry, Retry::ReadBack) => {
            ed.overlay = Some(Overlay::Saving {
                body,
                stage: SaveStage::ReadingBack,
            });
            vec![Remote::ReadBack { id }.into()]
        }
        (Action::Back, Retry::Save) => vec![],
        (Action::Back, Retry::ReadBack) => {
            model.say(
                StatusKind::Warning,
                "The save went through, but this editor still shows the contact as it was \
                 before it: open the contact again to see the server's version",
            );
            vec![]
        }
        _ => {
            ed.overlay = Some(Overlay::SaveFailed {
                message,
                body,
                retry,
            });
            vec![]
        }
    }
}

/// The contact changed on the server: rebase, overwrite (after a second
/// yes) or cancel.
pub(super) fn on_conflict_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::Conflict {
        remote,
        changes,
        body,
        confirm,
    }) = ed.overlay.take()
    else {
        return vec![];
    };
    match (action, confirm) {
        (Action::Rebase, false) => {
            let found = ed.rebase_onto(*remote);
            if found.is_empty() {
                return after_rebase(model);
            }
            ed.overlay = Some(Overlay::Clash {
                clashes: found,
                index: 0,
            });
            vec![]
        }
        (Action::Overwrite, false) | (Action::Back, true) => {
            ed.overlay = Some(Overlay::Conflict {
                remote,
                changes,
                body,
                confirm: !confirm,
            });
            vec![]
        }
        (Action::Confirm, true) => keep_then_send(ed, body, remote),
        (Action::Back, false) => {
            model.say(
                StatusKind::Warning,
                "Not saved: the contact changed on the server. Your edit is kept; w reviews \
                 it again, with a fresh conflict check",
            );
            vec![]
        }
        _ => {
            ed.overlay = Some(Overlay::Conflict {
                remote,
                changes,
                body,
                confirm,
            });
            vec![]
        }
    }
}

/// A value both sides changed: keep mine, take theirs, or decide later.
pub(super) fn on_clash_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::Clash { clashes, index }) = ed.overlay.take() else {
        return vec![];
    };
    match action {
        Action::KeepMine | Action::TakeTheirs => {
            if action == Action::TakeTheirs
                && let Some(clash) = clashes.get(index)
            {
                let base = ed.baseline().clone();
                ed.edit(|f| take_theirs(f, &base, &clash.target));
            }
            if index + 1 < clashes.len() {
                ed.overlay = Some(Overlay::Clash {
                    clashes,
                    index: index + 1,
                });
                vec![]
            } else {
                after_rebase(model)
            }
        }
        Action::Back => {
            model.say(
                StatusKind::Info,
                "Your edits now apply to the server's latest version, your values kept \
                 where both changed: review with w before saving",
            );
            vec![]
        }
        _ => {
            ed.overlay = Some(Overlay::Clash { clashes, index });
            vec![]
        }
    }
}

/// After a rebase (and any clash decided): straight back into the review,
/// so the merged result is seen and confirmed before anything is sent.
fn after_rebase(model: &mut Model) -> Vec<Effect> {
    let effects = review(model);
    let text = match model.editor() {
        Some(ed) if ed.overlay.is_some() => {
            "Your edits now apply to the server's latest version: check the review"
        }
        Some(ed) if !ed.is_dirty() => {
            "The editor now shows the server's latest version; none of your edit differs \
             from it, so there is nothing to save"
        }
        _ => return effects,
    };
    model.say(StatusKind::Info, text);
    effects
}

/// The body of the save in flight at `stage`, taken out of the overlay;
/// `None` (the overlay left as it was) when no save is at that stage.
fn in_flight(overlay: &mut Option<Overlay>, stage: &SaveStage) -> Option<Box<PutBody>> {
    match overlay {
        Some(Overlay::Saving { stage: s, .. }) if s == stage => match overlay.take() {
            Some(Overlay::Saving { body, .. }) => Some(body),
            _ => None,
        },
        _ => None,
    }
}

/// The fresh read before sending: anything that differs from what was
/// loaded means someone else changed the contact; nothing is sent then.
pub(super) fn on_checked(model: &mut Model, result: Result<Contact, ApiError>) -> Vec<Effect> {
    let clock = model
        .clock
        .map(|t| crate::time::local_time_of_day(t, &model.zone));
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(body) = in_flight(&mut ed.overlay, &SaveStage::Checking) else {
        return vec![];
    };
    match result {
        Err(e) => {
            let again = failed_again(ed, clock.as_deref());
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!("Could not check the contact before saving{again}: {e}"),
                body,
                retry: Retry::Save,
            });
            vec![]
        }
        Ok(remote) => {
            let changes = remote_changes(ed.contact(), &remote, ed.defs());
            if !changes.is_empty() {
                ed.overlay = Some(Overlay::Conflict {
                    remote: Box::new(remote),
                    changes: Box::new(changes),
                    body,
                    confirm: false,
                });
                return vec![];
            }
            keep_then_send(ed, body, Box::new(remote))
        }
    }
}

/// The save's next step once nothing stands in its way: the version it
/// replaces goes into the history first ([`on_history_kept`] then sends).
fn keep_then_send(ed: &mut Editor, body: Box<PutBody>, before: Box<Contact>) -> Vec<Effect> {
    ed.overlay = Some(Overlay::Saving {
        body,
        stage: SaveStage::KeepingHistory,
    });
    vec![Local::WriteHistory(before).into()]
}

/// The version this save replaces is in the history (then the PUT goes),
/// or could not be kept (then nothing is sent before the user says so).
pub(super) fn on_history_kept(model: &mut Model, result: Result<(), String>) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(body) = in_flight(&mut ed.overlay, &SaveStage::KeepingHistory) else {
        return vec![];
    };
    match result {
        Ok(()) => send(ed, id, body),
        Err(why) => {
            ed.overlay = Some(Overlay::NoHistory { body, why });
            vec![]
        }
    }
}

/// The PUT, with the overlay that shows it in flight.
fn send(ed: &mut Editor, id: String, body: Box<PutBody>) -> Vec<Effect> {
    let put = Remote::Put {
        id,
        body: body.clone(),
    };
    ed.overlay = Some(Overlay::Saving {
        body,
        stage: SaveStage::Sending,
    });
    vec![put.into()]
}

/// The history could not be kept: `y` sends anyway, `n` goes back with
/// nothing sent and the edit intact.
pub(super) fn on_no_history_key(model: &mut Model, action: Action) -> Vec<Effect> {
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(Overlay::NoHistory { body, why }) = ed.overlay.take() else {
        return vec![];
    };
    match action {
        Action::Confirm => send(ed, id, body),
        Action::Back => {
            model.say(
                StatusKind::Warning,
                "Not saved: the version it would replace could not be kept. Your edit is kept",
            );
            vec![]
        }
        _ => {
            ed.overlay = Some(Overlay::NoHistory { body, why });
            vec![]
        }
    }
}

/// The PUT's answer. Any 2xx is a save (the version it replaced is
/// already in the history): read the contact back.
pub(super) fn on_put(model: &mut Model, result: Result<(), ApiError>) -> Vec<Effect> {
    let clock = model
        .clock
        .map(|t| crate::time::local_time_of_day(t, &model.zone));
    let id = model.contact_id.clone();
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(body) = in_flight(&mut ed.overlay, &SaveStage::Sending) else {
        return vec![];
    };
    match result {
        Ok(()) => {
            ed.overlay = Some(Overlay::Saving {
                body,
                stage: SaveStage::ReadingBack,
            });
            vec![Remote::ReadBack { id }.into()]
        }
        Err(e) => {
            let again = failed_again(ed, clock.as_deref());
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!("The save failed{again}: {e}"),
                body,
                retry: Retry::Save,
            });
            vec![]
        }
    }
}

/// After a 2xx: the fresh contact becomes the loaded one, and anything that
/// differs from what was sent is listed as a warning.
pub(super) fn on_read_back(model: &mut Model, result: Result<Contact, ApiError>) -> Vec<Effect> {
    let clock = model
        .clock
        .map(|t| crate::time::local_time_of_day(t, &model.zone));
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    let Some(body) = in_flight(&mut ed.overlay, &SaveStage::ReadingBack) else {
        return vec![];
    };
    let fresh = match result {
        Err(e) => {
            let again = failed_again(ed, clock.as_deref());
            ed.overlay = Some(Overlay::SaveFailed {
                message: format!(
                    "Saved, but reading the contact back failed{again}: {e} (r reads it again)"
                ),
                body,
                retry: Retry::ReadBack,
            });
            return vec![];
        }
        Ok(fresh) => fresh,
    };
    let intended = ed.form().clone();
    if let Some(list) = model.came_from.as_mut() {
        list.refresh(&fresh);
    }
    let Some(ed) = model.editor_mut() else {
        return vec![];
    };
    ed.reload(fresh);
    let differences = readback_differences(&intended, ed.form());
    let stamp = ed.contact().updated_at.clone();
    let when = model.local_time(&stamp);
    model.status = Some(if differences.is_empty() {
        Status {
            kind: StatusKind::Success,
            text: format!("Saved {} updated_at {when}", model.glyphs.dash),
            differences,
        }
    } else {
        Status {
            kind: StatusKind::Warning,
            text: format!(
                "Saved {} updated_at {when}, but the server holds something else",
                model.glyphs.dash
            ),
            differences,
        }
    });
    vec![]
}
