//! The review before a save: the diff against what was loaded, the
//! confirmation dialog that says in plain words what the PUT replaces, the
//! exact JSON body, and the `--dry-run` preview.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::api::RequestPreview;
use crate::api::{contact_address, contact_path};
use crate::app::keys::{self, Context};
use crate::app::{Editor, Model, Overlay, ReviewFit};
use crate::contact::ChangeSet;
use crate::wire::PutBody;

use super::fields::user_name;
use super::layout::{Dialog, Para, hint_lines, lay_out};
use super::review_text::{self, ReviewLine, Tone};
use super::text::{sanitize, truncate};
use super::theme::Theme;

fn title_bar(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let text = format!(" {}", sanitize(text));
    let line = Line::styled(
        truncate(&text, usize::from(area.width), theme.g()).into_owned(),
        theme.badge(),
    );
    frame.render_widget(line, area);
}

/// Lines of a text the user scrolls that fit in `area`: it starts `scroll`
/// lines down (kept so the last page stays full), marks what is above, and
/// says which keys move.
fn draw_scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    scroll: usize,
    hidden_what: &str,
    theme: &Theme,
) {
    draw_window(frame, area, lines, Some(scroll), hidden_what, theme);
}

fn draw_window(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    scroll: Option<usize>,
    hidden_what: &str,
    theme: &Theme,
) {
    let room = usize::from(area.height);
    let start = scroll.map_or(0, |s| s.min(lines.len().saturating_sub(room)));
    let mut lines: Vec<Line<'_>> = lines.into_iter().skip(start).collect();
    if start > 0 && room > 1 {
        lines[0] = Line::styled(
            format!(
                "  {} {} more {hidden_what} ({} scrolls up)",
                theme.g().up,
                start + 1,
                theme.keys().key_of(Context::Scroll, keys::Action::Up)
            ),
            theme.dim(),
        );
    }
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - (room - 1);
        let how = match scroll {
            Some(_) => format!(
                " ({} scrolls down)",
                theme.keys().key_of(Context::Scroll, keys::Action::Down)
            ),
            None => String::new(),
        };
        lines.truncate(room - 1);
        lines.push(Line::styled(
            format!("  {} {hidden} more {hidden_what}{how}", theme.g().ellipsis),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The review of `body`, the one built when the review opened (so the
/// screen, the JSON and the request agree): one document, the changes then
/// the confirmation (what the PUT replaces, removes and leaves alone),
/// scrolled `offset` lines down, with the keys pinned under it. Nothing of
/// it is ever cut: what does not fit scrolls, and `y` first shows the end.
/// With `json`, the exact body instead.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, ed: &Editor, theme: &Theme) {
    let Some(Overlay::Review {
        body, json, offset, ..
    }) = &ed.overlay
    else {
        return;
    };
    let (body, offset) = (&**body, *offset);
    if let Some(scroll) = json {
        return json_screen(frame, area, model, body, scroll.offset, theme);
    }
    let hints = review_hints(model, usize::from(area.width), theme);
    let hints_h = u16::try_from(hints.len()).unwrap_or(1);
    let [title_area, rest, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(hints_h),
    ])
    .areas(area);
    title_bar(
        frame,
        title_area,
        &format!(
            "Review: changes to {} ({})",
            ed.contact().display_name(),
            ed.contact().id
        ),
        theme,
    );
    let doc_area = Rect {
        x: rest.x + 1,
        width: rest.width.saturating_sub(2),
        ..rest
    };
    let (lines, _) = document(model, ed, body, usize::from(doc_area.width), theme);
    draw_scrolled(frame, doc_area, lines, offset, "lines", theme);
    frame.render_widget(Paragraph::new(hints), hints_area);
}

/// The review's keys: scrolling, then the confirmation's.
fn review_hints<'a>(model: &Model, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut hints = theme.keys().hints(Context::Scroll);
    hints.truncate(1);
    hints.extend(theme.keys().hints(Context::Review {
        dry_run: model.dry_run,
    }));
    hint_lines(&hints, width, theme)
}

/// The review as lines at `width`: the changes, a blank line, the
/// confirmation's heading and what it says. Also returns the heading's line.
fn document<'a>(
    model: &Model,
    ed: &Editor,
    body: &PutBody,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, usize) {
    let changes = ed.changes();
    let mut paras = diff_paras(model, ed, &changes, theme);
    paras.push(Para::Blank);
    let mut lines = lay_out(paras, width, theme);
    let heading = lines.len();
    let dialog = confirm_dialog(model, body, &changes, theme);
    let mut confirm = vec![Para::styled(
        format!(
            "{rule}{rule} {} {rule}{rule}",
            theme.g().own(&dialog.title),
            rule = theme.g().rule
        ),
        theme.dialog_border(),
    )];
    confirm.extend(
        dialog
            .paras
            .into_iter()
            .filter(|p| !matches!(p, Para::Hints(_))),
    );
    lines.extend(lay_out(confirm, width, theme));
    (lines, heading)
}

/// How the review lies at the terminal's size (nothing to scroll when the
/// size is not known): the same layout the screen draws, so `y` knows
/// whether everything it does has been shown.
pub fn last_offset(model: &Model, ed: &Editor, body: &PutBody) -> ReviewFit {
    let Some((width, height)) = model.size.filter(|&(w, h)| w > 0 && h > 0) else {
        return ReviewFit::default();
    };
    let theme = Theme::MONOCHROME;
    let hints = review_hints(model, usize::from(width), &theme).len();
    let room = usize::from(height).saturating_sub(1 + hints);
    let (lines, heading) = document(
        model,
        ed,
        body,
        usize::from(width.saturating_sub(2)),
        &theme,
    );
    ReviewFit {
        // The line above the heading is where "↑ more" is drawn.
        confirmation: heading.saturating_sub(1),
        end: lines.len().saturating_sub(room),
        page: room,
    }
}

/// A review line in the theme's style for its tone.
fn para(line: ReviewLine, theme: &Theme) -> Para<'static> {
    let style = match line.tone {
        Tone::Strong => theme.bold(),
        Tone::Plain => Style::new(),
        Tone::Dim => theme.dim(),
        Tone::Added => theme.added(),
        Tone::Removed => theme.removed(),
        Tone::Changed => theme.changed(),
        Tone::Warning => theme.invalid(),
    };
    Para::styled(line.text, style)
}

/// The diff, section by section ([`review_text::change_lines`]).
fn diff_paras(
    model: &Model,
    ed: &Editor,
    changes: &ChangeSet,
    theme: &Theme,
) -> Vec<Para<'static>> {
    review_text::change_lines(ed.form(), changes, &|id| user_name(model, id), theme.g())
        .into_iter()
        .map(|l| para(l, theme))
        .collect()
}

/// The confirmation ([`review_text::confirmation`]) as a dialog, with the
/// keys.
fn confirm_dialog<'a>(
    model: &Model,
    body: &PutBody,
    changes: &ChangeSet,
    theme: &Theme,
) -> Dialog<'a> {
    let confirmation = review_text::confirmation(
        &contact_address(&model.base_url, &model.contact_id),
        model.dry_run,
        body,
        model.editor().map(|e| e.form()),
        changes,
    );
    Dialog::new(confirmation.title, theme.dialog_border(), 80)
        .paras(confirmation.lines.into_iter().map(|l| para(l, theme)))
        .para(Para::Hints(theme.keys().hints(Context::Review {
            dry_run: model.dry_run,
        })))
}

/// The body, pretty-printed and sanitised, wrapped to `width`.
fn json_lines(body: &PutBody, width: usize, style: Style) -> Vec<Line<'static>> {
    let json = crate::json::to_string_pretty(body)
        .unwrap_or_else(|e| format!("(the body cannot be shown: {e})"));
    json.lines()
        .flat_map(|l| wrapped(&sanitize(l), width, style))
        .collect()
}

/// One line of a text shown whole (the JSON body, the dry run's request),
/// wrapped to `width` instead of cut at the edge: each continuation is
/// indented two cells past the line's own indentation, so it reads as the
/// same line going on and every character can be read.
fn wrapped(line: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let content = line.trim_start_matches(' ');
    let indent = line.len() - content.len();
    // A line indented past half the width keeps half of it for the text.
    let indent = indent.min(width / 2);
    let room = width.saturating_sub(indent + 2).max(8);
    if super::text::width(line) <= width {
        return vec![Line::styled(line.to_string(), style)];
    }
    let first_room = width.saturating_sub(indent).max(8);
    let mut out = vec![];
    let mut rest = content.to_string();
    let mut first = true;
    while !rest.is_empty() {
        let (pad, room) = if first {
            (indent, first_room)
        } else {
            (indent + 2, room)
        };
        let (head, tail) = split_at_width(&rest, room);
        out.push(Line::styled(format!("{}{head}", " ".repeat(pad)), style));
        rest = tail;
        first = false;
    }
    out
}

/// `s` split after at most `max` cells (at least one character).
fn split_at_width(s: &str, max: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = super::text::width(c.encode_utf8(&mut [0u8; 4]));
        if used + w > max && i > 0 {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += w;
    }
    (s.to_string(), String::new())
}

/// How many lines the open JSON body or dry run has at the model's
/// terminal width, where they wrap (see [`crate::app::Model::scroll_lines`]).
pub fn scrolled_lines(model: &Model) -> Option<usize> {
    let ed = model.editor()?;
    // Before the size is known, the narrowest: the most lines.
    let (width, height) = match model.size {
        Some((w, h)) if w > 0 && h > 0 => (w, Some(h)),
        _ => (crate::app::MIN_WIDTH, None),
    };
    let (total, room) = match &ed.overlay {
        Some(Overlay::Review {
            body,
            json: Some(_),
            ..
        }) => {
            let theme = Theme::COLOR.with_glyphs(model.glyphs).with_keys(model.keys);
            let hints = json_hints(model, usize::from(width), &theme).len();
            let total = json_lines(body, usize::from(width), Style::new()).len();
            (
                total,
                height.map(|h| usize::from(h).saturating_sub(1 + hints)),
            )
        }
        Some(Overlay::DryRun { preview, .. }) => (
            dry_run_lines(preview, usize::from(width)).len(),
            height.map(|h| usize::from(h).saturating_sub(2)),
        ),
        _ => return None,
    };
    // Scrolled as far as the last full page, and no further: the first
    // key back up moves the view at once.
    Some(match room {
        Some(room) => total.saturating_sub(room) + 1,
        None => total,
    })
}

/// The JSON view's key hints, as wide as the screen.
fn json_hints<'a>(model: &Model, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let mut hints = theme.keys().hints(Context::Review {
        dry_run: model.dry_run,
    });
    hints.extend(theme.keys().hints(Context::Scroll));
    hint_lines(&hints, width, theme)
}

fn json_screen(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    body: &PutBody,
    scroll: usize,
    theme: &Theme,
) {
    let hints = json_hints(model, usize::from(area.width), theme);
    let hints_h = u16::try_from(hints.len()).unwrap_or(1);
    let [title_area, body_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(hints_h),
    ])
    .areas(area);
    title_bar(
        frame,
        title_area,
        &format!(
            "Exact JSON body of PUT {} (not sent yet)",
            contact_path(&model.base_url, &model.contact_id)
        ),
        theme,
    );
    draw_scrolled(
        frame,
        body_area,
        json_lines(body, usize::from(body_area.width), Style::new()),
        scroll,
        "lines",
        theme,
    );
    frame.render_widget(Paragraph::new(hints), hints_area);
}

/// The dry run's request line, headers and body, wrapped to `width`.
fn dry_run_lines(preview: &RequestPreview, width: usize) -> Vec<Line<'static>> {
    let mut text = vec![format!(
        "{} {}",
        sanitize(&preview.method),
        sanitize(&preview.url)
    )];
    text.extend(
        preview
            .headers
            .iter()
            .map(|(name, value)| format!("{}: {}", sanitize(name), sanitize(value))),
    );
    text.push(String::new());
    text.extend(preview.body_json.lines().map(|l| sanitize(l).into_owned()));
    text.iter()
        .flat_map(|l| wrapped(l, width, Style::new()))
        .collect()
}

/// `--dry-run`: the exact request that would have been sent, as the client
/// builds it. The key is never on screen: the client shows it as `***`.
pub fn dry_run(
    frame: &mut Frame,
    area: Rect,
    preview: &RequestPreview,
    scroll: usize,
    theme: &Theme,
) {
    let [title_area, body_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(frame, title_area, "Dry run: nothing was sent", theme);
    let mut lines = dry_run_lines(preview, usize::from(body_area.width));
    if let Some(first) = lines.first_mut() {
        // The method in bold, as a request line reads.
        let method = format!("{} ", sanitize(&preview.method));
        if let Some(rest) = first
            .spans
            .first()
            .and_then(|s| s.content.strip_prefix(&method))
        {
            *first = Line::from(vec![
                Span::styled(method.clone(), theme.bold()),
                Span::raw(rest.to_string()),
            ]);
        }
    }
    draw_scrolled(frame, body_area, lines, scroll, "lines", theme);
    frame.render_widget(
        Paragraph::new(hint_lines(
            &[
                theme.keys().hints(Context::DryRun),
                theme.keys().hints(Context::Scroll),
            ]
            .concat(),
            usize::from(area.width),
            theme,
        )),
        hints_area,
    );
}
