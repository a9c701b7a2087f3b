//! The screens before the editor (loading, load failed) and the dialogs
//! drawn over it while saving, after a failure or conflict, and on quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::api::contact_path;
use crate::app::keys::{Action, Context, Keymap};
use crate::app::{Editor, Model, Overlay, SaveStage};
use crate::contact::{Holder, RemoteChanges};
use crate::wire::PutBody;

use super::layout::{Dialog, Para, spinner};
use super::text::sanitize;
use super::theme::Theme;
use super::words::{
    and_list, overwritten_lists, plural, progress_text, remote_change_lines, sent_parts,
};

/// The widest a dialog grows, so lines stay readable on wide terminals.
const DIALOG_WIDTH: u16 = 72;

pub fn loading(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let id = sanitize(&model.contact_id);
    let mut dialog = Dialog::new("rolodex-tui", theme.border(), DIALOG_WIDTH)
        .para(Para::Line(Line::from(vec![
            Span::styled(spinner(model.spinner, theme), theme.key()),
            Span::raw(format!(
                " Loading contact {id} and its custom field definitions{}",
                theme.g().ellipsis
            )),
        ])))
        .para(Para::styled(
            format!("from {}", sanitize(&model.base_url)),
            theme.dim(),
        ));
    if let Some(text) = model.progress.as_ref().and_then(progress_text) {
        dialog = dialog.para(Para::Blank).para(Para::text(text));
    }
    dialog
        .para(Para::Blank)
        .para(Para::Hints(theme.keys().hints(Context::Loading)))
        .draw(frame, area, theme);
}

pub fn load_failed(frame: &mut Frame, area: Rect, model: &Model, message: &str, theme: &Theme) {
    Dialog::new(
        "Could not load the contact",
        theme.error_border(),
        DIALOG_WIDTH,
    )
    .para(Para::styled(
        format!(
            "{} Loading contact {} failed:",
            theme.g().invalid,
            sanitize(&model.contact_id)
        ),
        theme.invalid(),
    ))
    .para(Para::text(message))
    .para(Para::styled(
        format!("from {}", sanitize(&model.base_url)),
        theme.dim(),
    ))
    .para(Para::Blank)
    .para(Para::Hints(theme.keys().hints(Context::LoadFailed)))
    .draw(frame, area, theme);
}

/// The second editor on a contact: it says which process has the contact
/// open, that nothing here will be kept, and offers to look read-only or to
/// quit. Drawn over the loading screen and the editor alike.
pub fn open_elsewhere(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    holder: &Holder,
    theme: &Theme,
) {
    let id = sanitize(&model.contact_id);
    Dialog::new("Open in another editor", theme.error_border(), DIALOG_WIDTH)
        .para(Para::styled(
            format!(
                "{id} is already open in another rolodex-tui (process {}).",
                holder.pid
            ),
            theme.bold(),
        ))
        .para(Para::text(
            "Two editors on one contact would overwrite each other's unsaved changes, \
             so this one keeps and sends nothing. Open it read-only to look, or quit \
             and carry on in the other one.",
        ))
        .para(Para::Blank)
        .para(Para::styled(
            format!(
                "If process {} is not a rolodex-tui, remove {} and open the contact again.",
                holder.pid,
                holder.lock.display()
            ),
            theme.dim(),
        ))
        .para(Para::Blank)
        .para(Para::Hints(theme.keys().hints(Context::OpenElsewhere)))
        .draw(frame, area, theme);
}

/// The quit prompt's keys: discarding the draft where one is on disk, or
/// writing it to another folder where none can be.
pub fn quit_hints(model: &Model, keys: &Keymap) -> Vec<(String, &'static str)> {
    let not_here = match model.draft_not_on_disk() {
        Some(_) => Action::Discard,
        None => Action::DraftElsewhere,
    };
    keys.hints_except(Context::ConfirmQuit, |action| action == not_here)
}

/// The restore prompt's keys: Esc keeps the draft for later and quits,
/// or goes back to the contact list the editor was opened from.
pub fn restore_hints(model: &Model, keys: &Keymap) -> Vec<(String, &'static str)> {
    let mut hints = keys.hints_except(Context::RestoreDraft, |action| action == Action::Back);
    let later = match model.came_from {
        Some(_) => "keep it for later, back to the list",
        None => "keep it for later and quit",
    };
    if let Some(back) = keys
        .bindings(Context::RestoreDraft)
        .find(|b| b.action == Action::Back)
    {
        hints.push((back.label(back.hint_keys), later));
    }
    hints
}

/// Whatever dialog the editor's overlay asks for (the review and the dry
/// run are whole screens, drawn by `review`).
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    match &ed.overlay {
        Some(Overlay::Saving { stage, .. }) => saving(frame, area, model, stage, theme),
        Some(Overlay::SaveFailed { message, .. }) => {
            Dialog::new("Save failed", theme.error_border(), DIALOG_WIDTH)
                .para(Para::styled(
                    format!("{} {message}", theme.g().invalid),
                    theme.invalid(),
                ))
                .para(Para::Blank)
                .para(Para::text(
                    "Your edit is intact: nothing on this screen was lost.",
                ))
                .para(Para::Hints(theme.keys().hints(Context::SaveFailed)))
                .draw(frame, area, theme);
        }
        Some(Overlay::Conflict {
            changes,
            body,
            confirm,
            ..
        }) => conflict(frame, area, changes, body, *confirm, theme),
        Some(Overlay::Clash { clashes, index }) => {
            if let Some(clash) = clashes.get(*index) {
                Dialog::new(
                    format!("Both changed ({} of {})", index + 1, clashes.len()),
                    theme.error_border(),
                    DIALOG_WIDTH,
                )
                .para(Para::styled(
                    format!(
                        "{} was changed on the server and by you, differently.",
                        clash.name
                    ),
                    theme.bold(),
                ))
                .para(Para::text(format!("  yours:   {}", clash.mine)))
                .para(Para::text(format!("  theirs:  {}", clash.theirs)))
                .para(Para::Blank)
                .para(Para::text(
                    "Everything else is merged: your other edits on top of their version.",
                ))
                .para(Para::Hints(theme.keys().hints(Context::Clash)))
                .draw(frame, area, theme);
            }
        }
        Some(Overlay::ConfirmQuit) => {
            let n = ed.changes().count();
            let mut dialog = Dialog::new("Quit?", theme.dialog_border(), 60).para(Para::styled(
                format!(
                    "You have {}. Quit anyway?",
                    plural(n, "unsaved change", "unsaved changes")
                ),
                theme.bold(),
            ));
            let (they, them) = if n == 1 {
                ("It", "it")
            } else {
                ("They", "them")
            };
            dialog = if let Some(why) = model.draft_not_on_disk() {
                let elsewhere = theme
                    .keys()
                    .key_of(Context::ConfirmQuit, Action::DraftElsewhere);
                dialog
                    .para(Para::styled(
                        format!(
                            "{they} cannot be written to a draft ({}): quitting now loses {them}.",
                            sanitize(why)
                        ),
                        theme.invalid(),
                    ))
                    .para(Para::text(format!(
                        "{elsewhere} writes the draft to another folder first, such as {}.",
                        sanitize(&model.temp_dir)
                    )))
            } else {
                dialog.para(Para::text(format!(
                    "{they} stay{} in a draft on disk, offered the next time you open this \
                     contact.",
                    if n == 1 { "s" } else { "" }
                )))
            };
            dialog
                .para(Para::Blank)
                .para(Para::Hints(quit_hints(model, theme.keys())))
                .draw(frame, area, theme);
        }
        Some(Overlay::DraftFolder { folder, error }) => {
            let why = model
                .draft_unwritten
                .as_deref()
                .unwrap_or("no draft folder is available");
            Dialog::new("Write the draft elsewhere", theme.dialog_border(), 64)
                .para(Para::text(format!(
                    "The draft cannot be written where drafts are kept ({}). Write it to \
                     this folder:",
                    sanitize(why)
                )))
                .para(Para::Line(Line::from(vec![
                    Span::styled(format!("{} ", theme.g().selected), theme.key()),
                    Span::raw(sanitize(folder).into_owned()),
                    Span::styled(theme.g().cursor, theme.key()),
                ])))
                .paras(
                    error.as_ref().map(|e| {
                        Para::styled(format!("{} {e}", theme.g().invalid), theme.invalid())
                    }),
                )
                .para(Para::styled(
                    format!(
                        "As rolodex-tui-draft-{}.json, readable by you only; \
                         rolodex-tui --draft FILE opens it again.",
                        sanitize(&model.contact_id)
                    ),
                    theme.dim(),
                ))
                .para(Para::Blank)
                .para(Para::Hints(theme.keys().hints(Context::DraftFolder)))
                .draw(frame, area, theme);
        }
        Some(Overlay::NoHistory { why, .. }) => {
            Dialog::new("Save without history?", theme.error_border(), DIALOG_WIDTH)
                .para(Para::styled(
                    "The version this save replaces cannot be kept in the save history:",
                    theme.bold(),
                ))
                .para(Para::text(sanitize(why).into_owned()))
                .para(Para::styled(
                    "If you save anyway, --revert cannot put it back. Nothing has been sent.",
                    theme.invalid(),
                ))
                .para(Para::Blank)
                .para(Para::Hints(theme.keys().hints(Context::NoHistory)))
                .draw(frame, area, theme);
        }
        Some(Overlay::RestoreDraft(draft)) => {
            Dialog::new("Unsaved changes found", theme.dialog_border(), DIALOG_WIDTH)
                .para(Para::styled(
                    format!(
                        "Restore unsaved changes from {}?",
                        sanitize(&model.local_time(&draft.saved_at))
                    ),
                    theme.bold(),
                ))
                .para(Para::text(
                    "They are applied to the contact as it is on the server now, \
                     and shown as changes you can review, undo or save.",
                ))
                .para(Para::Blank)
                .para(Para::Hints(restore_hints(model, theme.keys())))
                .draw(frame, area, theme);
        }
        _ => {}
    }
}

fn saving(frame: &mut Frame, area: Rect, model: &Model, stage: &SaveStage, theme: &Theme) {
    let e = theme.g().ellipsis;
    let (step, what) = match stage {
        SaveStage::Checking => (
            1,
            format!("Checking the contact has not changed on the server{e}"),
        ),
        SaveStage::KeepingHistory => (
            2,
            format!("Keeping the version this save replaces in the history{e}"),
        ),
        SaveStage::Sending => (
            2,
            format!(
                "Sending PUT {}{e}",
                contact_path(&model.base_url, &model.contact_id)
            ),
        ),
        SaveStage::ReadingBack => (3, format!("Reading the contact back{e}")),
    };
    Dialog::new("Saving", theme.dialog_border(), 64)
        .para(Para::Line(Line::from(vec![
            Span::styled(spinner(model.spinner, theme), theme.key()),
            Span::raw(format!(" {}", sanitize(&what))),
        ])))
        .para(Para::styled(
            format!("step {step} of 3 {} please wait", theme.g().dot),
            theme.dim(),
        ))
        .paras(
            model
                .progress
                .as_ref()
                .and_then(progress_text)
                .map(Para::text),
        )
        .draw(frame, area, theme);
}

fn conflict(
    frame: &mut Frame,
    area: Rect,
    changes: &RemoteChanges,
    body: &PutBody,
    confirm: bool,
    theme: &Theme,
) {
    let mut dialog = Dialog::new("Changed on the server", theme.error_border(), DIALOG_WIDTH)
        .para(Para::styled(
            "The contact changed on the server since you loaded it; nothing was sent.",
            theme.bold(),
        ))
        .para(Para::text("What changed there:"))
        .paras(
            remote_change_lines(changes, theme.g())
                .into_iter()
                .map(|c| Para::text(format!("  {} {c}", theme.g().changed))),
        );
    let replaced = overwritten_lists(changes, body);
    if !replaced.is_empty() {
        dialog = dialog.para(Para::styled(
            format!(
                "Your edit changed the {} too: overwriting replaces their change with your \
                 list, sent whole.",
                and_list(&replaced)
            ),
            theme.invalid(),
        ));
    }
    dialog = dialog.para(Para::Blank);
    dialog = if confirm {
        dialog
            .para(Para::styled(
                format!(
                    "Overwrite the other change? What this save sends ({}) will replace what \
                     is on the server now.",
                    and_list(&sent_parts(body))
                ),
                theme.invalid(),
            ))
            .para(Para::Hints(theme.keys().hints(Context::ConfirmOverwrite)))
    } else {
        dialog.para(Para::Hints(theme.keys().hints(Context::Conflict)))
    };
    dialog.draw(frame, area, theme);
}
