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
use crate::contact::{ChangeSet, FieldChangeKind};
use crate::wire::{FieldType, PutBody};

use super::fields::user_name;
use super::layout::{Dialog, Para, hint_lines, lay_out};
use super::text::{sanitize, truncate};
use super::theme::Theme;
use super::words::{email_summary, field_summary, plural};

fn title_bar(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let text = format!(" {}", sanitize(text));
    let line = Line::styled(
        truncate(&text, usize::from(area.width)).into_owned(),
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
            format!("  ↑ {} more {hidden_what} (k scrolls up)", start + 1),
            theme.dim(),
        );
    }
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - (room - 1);
        let how = if scroll.is_some() {
            " (j scrolls down)"
        } else {
            ""
        };
        lines.truncate(room - 1);
        lines.push(Line::styled(
            format!("  … {hidden} more {hidden_what}{how}"),
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
    let mut hints = keys::hints(Context::Scroll);
    hints.truncate(1);
    hints.extend(keys::hints(Context::Review {
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
        format!("══ {} ══", dialog.title),
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
    let (width, height) = model.size;
    if width == 0 || height == 0 {
        return ReviewFit::default();
    }
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

fn heading(text: String, theme: &Theme) -> Para<'static> {
    Para::styled(text, theme.bold())
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The diff, section by section, each change as its own line with a glyph
/// (`-` removed, `+` added, `~` changed) so it reads without colour.
fn diff_paras(
    model: &Model,
    ed: &Editor,
    changes: &ChangeSet,
    theme: &Theme,
) -> Vec<Para<'static>> {
    let mut out = vec![heading("Details".into(), theme)];
    if changes.scalars.is_empty() {
        out.push(Para::styled("  no detail changed", theme.dim()));
    }
    for s in &changes.scalars {
        out.push(Para::styled(
            format!("  ~ {}: {} → {}", s.name, s.old, s.new),
            theme.changed(),
        ));
    }
    for (what, added, removed) in [
        ("tag", &changes.tags_added, &changes.tags_removed),
        ("list", &changes.lists_added, &changes.lists_removed),
    ] {
        for r in removed {
            out.push(Para::styled(
                format!("  - {what} {r}  (removed)"),
                theme.removed(),
            ));
        }
        for a in added {
            out.push(Para::styled(
                format!("  + {what} {a}  (added)"),
                theme.added(),
            ));
        }
    }

    let emails_changed = !changes.emails_removed.is_empty()
        || !changes.emails_added.is_empty()
        || changes.primary.is_some();
    out.push(heading(
        if !ed.form().known.emails {
            "Emails: not sent (the server did not return the list)".into()
        } else if emails_changed {
            format!("Emails: {}", email_summary(changes))
        } else {
            "Emails unchanged".into()
        },
        theme,
    ));
    for a in &changes.emails_removed {
        out.push(Para::styled(format!("  - {a}  (removed)"), theme.removed()));
    }
    for a in &changes.emails_added {
        out.push(Para::styled(format!("  + {a}  (added)"), theme.added()));
    }
    if let Some((old, new)) = &changes.primary {
        let old_removed = old.as_ref().is_some_and(|o| {
            changes
                .emails_removed
                .iter()
                .any(|r| r.eq_ignore_ascii_case(o))
        });
        let line = match (old, new, old_removed) {
            (Some(o), Some(n), true) => {
                format!("  ★ {n} becomes primary (the old primary, {o}, is removed)")
            }
            (_, None, _) => "  ★ no primary address: no address is left".to_string(),
            (Some(o), Some(n), false) => format!("  ★ primary: {o} → {n}"),
            (None, Some(n), _) => format!("  ★ {n} becomes primary"),
        };
        out.push(Para::styled(line, theme.changed()));
    }

    let phones_changed = !changes.phones_removed.is_empty()
        || !changes.phones_added.is_empty()
        || changes.phone_primary.is_some();
    out.push(heading(
        if !ed.form().known.phones {
            "Phones: not sent (the server did not return them)".into()
        } else if phones_changed {
            let mut parts = vec![];
            if !changes.phones_removed.is_empty() {
                parts.push(format!("{} removed", changes.phones_removed.len()));
            }
            if !changes.phones_added.is_empty() {
                parts.push(format!("{} added", changes.phones_added.len()));
            }
            if parts.is_empty() {
                parts.push("a new primary".to_string());
            }
            format!("Phones: {}", parts.join(", "))
        } else {
            "Phones unchanged".into()
        },
        theme,
    ));
    for p in &changes.phones_removed {
        out.push(Para::styled(format!("  - {p}  (removed)"), theme.removed()));
    }
    for p in &changes.phones_added {
        out.push(Para::styled(format!("  + {p}  (added)"), theme.added()));
    }
    if let Some((old, new)) = &changes.phone_primary {
        let old_removed = old
            .as_ref()
            .is_some_and(|o| changes.phones_removed.contains(o));
        let line = match (old, new) {
            (Some(o), Some(n)) if old_removed => {
                format!("  ★ {n} becomes primary (the old primary, {o}, is removed)")
            }
            (Some(o), Some(n)) => format!("  ★ primary: {o} → {n}"),
            (None, Some(n)) => format!("  ★ {n} becomes primary"),
            (_, None) => "  ★ no primary number: no number is left".to_string(),
        };
        out.push(Para::styled(line, theme.changed()));
    }

    out.push(heading(
        if ed.form().known.custom_fields {
            capitalised(&field_summary(changes))
        } else {
            "Custom fields: not sent (the server did not return their values)".into()
        },
        theme,
    ));
    let shown = |id: &str, text: &str| -> String {
        let is_user = ed
            .form()
            .fields
            .iter()
            .any(|f| f.id == id && f.field_type == FieldType::User);
        match is_user.then(|| user_name(model, text)).flatten() {
            Some(name) => name,
            None => text.to_string(),
        }
    };
    for f in &changes.fields {
        let (old, new) = (shown(&f.id, &f.old), shown(&f.id, &f.new));
        let (text, style) = match f.kind {
            FieldChangeKind::Added => (format!("  + {}: {new}  (added)", f.name), theme.added()),
            FieldChangeKind::Changed => (format!("  ~ {}: {old} → {new}", f.name), theme.changed()),
            FieldChangeKind::Cleared => {
                (format!("  - {}: {old}  (cleared)", f.name), theme.removed())
            }
        };
        out.push(Para::styled(text, style));
    }
    if !changes.passed_through.is_empty() {
        out.push(heading(
            "Sent unchanged (not understood by this client)".into(),
            theme,
        ));
        out.push(Para::styled(
            format!("  = {}", changes.passed_through.join(", ")),
            theme.dim(),
        ));
    }
    out
}

/// The confirmation: the request, what it replaces on the server, what is
/// removed, what is left alone, and the keys.
fn confirm_dialog<'a>(
    model: &Model,
    body: &PutBody,
    changes: &ChangeSet,
    theme: &Theme,
) -> Dialog<'a> {
    let title = if model.dry_run {
        "Dry run: nothing will be sent"
    } else {
        "Send this change?"
    };
    let mut d = Dialog::new(title, theme.dialog_border(), 80).para(Para::styled(
        format!(
            "PUT {}",
            contact_address(&model.base_url, &model.contact_id)
        ),
        theme.bold(),
    ));
    if model.dry_run {
        d = d.para(Para::styled(
            "--dry-run: y shows this exact request instead of sending it. It would:",
            theme.bold(),
        ));
    }
    d = match &body.emails {
        None => d.para(Para::styled(
            "The email list is NOT sent: the server did not return it, so it is left as \
             it is on the server.",
            theme.dim(),
        )),
        Some(emails) if emails.is_empty() => d.para(Para::styled(
            "On the server this REPLACES the email list with an empty one: the contact will \
             have no email address.",
            theme.invalid(),
        )),
        Some(emails) => {
            let list: Vec<String> = emails
                .iter()
                .map(|e| {
                    if e.is_primary {
                        format!("{} (primary)", e.email_address)
                    } else {
                        e.email_address.clone()
                    }
                })
                .collect();
            d.para(Para::text(format!(
                "On the server this REPLACES the email list with exactly the {} shown:",
                plural(emails.len(), "email", "emails")
            )))
            .para(Para::text(format!("    {}", list.join(", "))))
        }
    };
    let and = if body.emails.is_some() {
        "It also "
    } else {
        "It "
    };
    d = d.para(match &body.custom_fields {
        None => Para::styled(
            "The custom field list is NOT sent: the server did not return the values, so \
             they are left as they are on the server.",
            theme.dim(),
        ),
        Some(fields) if fields.is_empty() => Para::styled(
            format!(
                "{and}REPLACES the custom field list with an empty one: every custom field \
                 value is removed."
            ),
            theme.invalid(),
        ),
        Some(fields) => Para::text(format!(
            "{and}REPLACES the custom field list with exactly {}: your changes above \
             plus every other field's value as it was loaded.",
            plural(fields.len(), "value", "values")
        )),
    });
    let form = model.editor().map(|e| e.form());
    let names = |l: &[crate::contact::Linked]| -> Vec<String> {
        l.iter().map(|x| sanitize(&x.name).into_owned()).collect()
    };
    let tag_names = form.map(|f| names(&f.tags)).unwrap_or_default();
    let list_names = form.map(|f| names(&f.lists)).unwrap_or_default();
    if let Some(phones) = &body.phone_numbers {
        let list: Vec<String> = form
            .map(|f| {
                f.phones
                    .iter()
                    .map(|p| {
                        let n = sanitize(&p.number).into_owned();
                        if p.primary {
                            format!("{n} (primary)")
                        } else {
                            n
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        d = d
            .para(Para::text(format!(
                "It REPLACES the phone list with exactly {}:",
                plural(phones.len(), "number", "numbers")
            )))
            .para(Para::text(format!("    {}", list.join(", "))));
    }
    for (what, sent, names) in [
        ("tag", &body.tags, &tag_names),
        ("list", &body.lists, &list_names),
    ] {
        if let Some(ids) = sent {
            d = d.para(if ids.is_empty() {
                Para::styled(
                    format!("It REPLACES the {what}s with none: the contact keeps no {what}."),
                    theme.invalid(),
                )
            } else {
                Para::text(format!(
                    "It REPLACES the {what}s with exactly {}: {}.",
                    plural(ids.len(), what, &format!("{what}s")),
                    names.join(", ")
                ))
            });
        }
    }
    let mut removed: Vec<String> = changes
        .emails_removed
        .iter()
        .map(|a| format!("email {a}"))
        .collect();
    removed.extend(changes.phones_removed.iter().map(|p| format!("phone {p}")));
    removed.extend(changes.tags_removed.iter().map(|t| format!("tag {t}")));
    removed.extend(changes.lists_removed.iter().map(|l| format!("list {l}")));
    removed.extend(
        changes
            .fields_of(FieldChangeKind::Cleared)
            .map(|f| format!("{} (cleared)", f.name)),
    );
    d = d.para(if removed.is_empty() {
        Para::text("Nothing is removed.")
    } else {
        Para::styled(format!("Removed: {}.", removed.join(", ")), theme.removed())
    });
    let mut left = vec![];
    if body.emails.is_none() {
        left.push("emails");
    }
    if body.custom_fields.is_none() {
        left.push("custom fields");
    }
    if body.phone_numbers.is_none() {
        left.push("phone numbers");
    }
    left.push("companies");
    if body.tags.is_none() {
        left.push("tags");
    }
    if body.lists.is_none() {
        left.push("lists");
    }
    left.push("notes");
    d.para(Para::text(format!(
        "Not sent, so left as they are: {}.",
        left.join(", ")
    )))
    .para(Para::Hints(keys::hints(Context::Review {
        dry_run: model.dry_run,
    })))
}

/// The body, pretty-printed, one sanitised line per JSON line.
fn json_lines(body: &PutBody, style: Style) -> Vec<Line<'static>> {
    serde_json::to_string_pretty(body)
        .unwrap_or_else(|e| format!("(the body cannot be shown: {e})"))
        .lines()
        .map(|l| Line::styled(sanitize(l).into_owned(), style))
        .collect()
}

fn json_screen(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    body: &PutBody,
    scroll: usize,
    theme: &Theme,
) {
    let mut hints = keys::hints(Context::Review {
        dry_run: model.dry_run,
    });
    hints.extend(keys::hints(Context::Scroll));
    let hints = hint_lines(&hints, usize::from(area.width), theme);
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
        json_lines(body, Style::new()),
        scroll,
        "lines",
        theme,
    );
    frame.render_widget(Paragraph::new(hints), hints_area);
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
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", sanitize(&preview.method)), theme.bold()),
        Span::raw(sanitize(&preview.url).into_owned()),
    ])];
    lines.extend(
        preview
            .headers
            .iter()
            .map(|(name, value)| Line::raw(format!("{}: {}", sanitize(name), sanitize(value)))),
    );
    lines.push(Line::default());
    lines.extend(
        preview
            .body_json
            .lines()
            .map(|l| Line::raw(sanitize(l).into_owned())),
    );
    draw_scrolled(frame, body_area, lines, scroll, "lines", theme);
    frame.render_widget(
        Paragraph::new(hint_lines(
            &[keys::hints(Context::DryRun), keys::hints(Context::Scroll)].concat(),
            usize::from(area.width),
            theme,
        )),
        hints_area,
    );
}
