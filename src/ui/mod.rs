//! The view: draws the model, and nothing else.
//!
//! [`view_with`] is a pure function of the [`Model`]: it never changes it and keeps
//! no state of its own (scroll positions are computed from the selection on
//! every draw), so the same model always draws the same screen and every
//! screen can be snapshot-tested from a model alone. Everything that came from
//! the server passes through [`sanitize`] before it is drawn.

mod dialogs;
mod fields;
mod footer;
mod header;
mod help;
mod layout;
mod panes;
mod picker;
mod review;
pub mod review_text;
mod rows;
mod text;
mod theme;
pub mod words;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::app::keys::{Action, Context};
use crate::app::{Editor, Model, Overlay, Phase};

pub use help::layout as help_layout;
pub use review::last_offset as review_end;
pub use review::scrolled_lines;
pub(crate) use text::is_bidi_control;
pub use text::sanitize;
pub use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// The height of the Details/Emails row when the terminal has room for it:
/// the two editable rows and six rows of read-only context.
const TOP_PANES_HEIGHT: u16 = 10;
/// The custom fields pane's height the layout aims for: ten rows and its
/// border.
const FIELDS_WANTED: u16 = 12;

/// Draws `model` with the theme chosen at start ([`Theme::from_setting`]).
pub fn view_with(model: &Model, frame: &mut Frame, theme: &Theme) {
    let theme = &theme.with_glyphs(model.glyphs).with_keys(model.keys);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, model, theme);
        return;
    }
    match &model.phase {
        Phase::Picking(p) => picker::draw(frame, area, model, p, theme),
        Phase::Loading => dialogs::loading(frame, area, model, theme),
        Phase::LoadFailed { message } => dialogs::load_failed(frame, area, model, message, theme),
        Phase::Ready(ed) => editor(frame, area, model, ed, theme),
    }
    if let Some(holder) = model.journal.asking() {
        dialogs::open_elsewhere(frame, area, model, holder, theme);
    }
    if model.help {
        help::draw(frame, area, model, theme);
    }
}

/// The request for a bigger window, and the quit question when one is
/// open (the only thing keys do on this screen).
fn too_small(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let asking = model
        .editor()
        .filter(|ed| matches!(ed.overlay, Some(Overlay::ConfirmQuit)));
    let text = match asking {
        Some(ed) => {
            let n = ed.changes().count();
            let key = |action| theme.keys().key_of(Context::ConfirmQuit, action);
            let yes = key(Action::Confirm);
            let keep = match model.draft_not_on_disk() {
                None => {
                    let discard = key(Action::Discard);
                    format!(
                        "{yes} quits (the draft stays on disk), {discard} quits and discards \
                         the draft"
                    )
                }
                Some(why) => format!(
                    "{yes} quits and they are lost (the draft cannot be written: {})",
                    text::sanitize(why)
                ),
            };
            format!(
                "Quit? You have {}. {keep}, {} keeps editing.",
                words::plural(n, "unsaved change", "unsaved changes"),
                key(Action::Back)
            )
        }
        None => format!(
            "Terminal too small: need at least {MIN_WIDTH}{x}{MIN_HEIGHT}, have {}{x}{}. \
             Enlarge the window ({} quits).",
            area.width,
            area.height,
            theme.keys().key_of(Context::TooSmall, Action::Quit),
            x = theme.g().times
        ),
    };
    let lines: Vec<_> = text::wrap(&text, usize::from(area.width))
        .into_iter()
        .map(|l| ratatui::text::Line::styled(l, theme.bold()).centered())
        .collect();
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), middle);
}

fn editor(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    match &ed.overlay {
        Some(Overlay::Review { .. }) => return review::draw(frame, area, model, ed, theme),
        Some(Overlay::DryRun { preview, scroll }) => {
            return review::dry_run(frame, area, preview, scroll.offset, theme);
        }
        _ => {}
    }
    let hints = footer::hint_lines(model, ed, area.width, theme);
    let hints_height = u16::try_from(hints.len()).unwrap_or(1);
    let status = footer::status_lines(model, area.width, theme);
    let status_height = u16::try_from(status.len()).unwrap_or(1);
    // The top panes give up a row before the custom fields do: ten field
    // rows (twelve with the border) at 80×24, at least three when small.
    let rest = area.height.saturating_sub(1 + status_height + hints_height);
    let top_height = if rest >= TOP_PANES_HEIGHT + FIELDS_WANTED {
        TOP_PANES_HEIGHT
    } else {
        rest.saturating_sub(FIELDS_WANTED)
            .max(rest.saturating_sub(5).min(7))
    };
    let [header_area, top, fields_area, status_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(top_height),
        Constraint::Min(3),
        Constraint::Length(status_height),
        Constraint::Length(hints_height),
    ])
    .areas(area);
    let [details_area, emails_area] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
    header::draw(frame, header_area, model, ed, theme);
    panes::details(frame, details_area, ed, &model.links, theme);
    let [emails_area, phones_area] =
        Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(emails_area);
    panes::emails(frame, emails_area, ed, theme);
    panes::phones(frame, phones_area, ed, theme);
    fields::draw(frame, fields_area, model, ed, theme);
    let body = Rect {
        height: top.height + fields_area.height,
        ..top
    };
    fields::picker(frame, fields_area, body, ed, theme);
    frame.render_widget(Paragraph::new(status), status_area);
    frame.render_widget(Paragraph::new(hints), hints_area);
    dialogs::draw(frame, area, model, ed, theme);
}
