//! What the UI snapshots add to the shared scene scripts (`dev/scenes.rs`,
//! models built through the real `update` path from the demo's sample data
//! and drawn into a test terminal): a summary of the styles drawn, and the
//! contact as the server holds it after a save.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use rolodex_tui::api::wire::{Contact, CustomFieldValue, Email, Maybe};
use rolodex_tui::app::Model;

#[path = "../../dev/scenes.rs"]
mod scenes;

pub use scenes::{
    BASE_URL, ch, ctrl, draw, edited, fixture, focus, key, loaded, loaded_with, retype,
    select_field, send, type_text,
};

/// Every run of cells drawn in a non-default style, one per line:
/// `row cols style "text"`. Catches what colour and emphasis mean.
pub fn styles_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if style == (Color::Reset, Color::Reset, Modifier::empty()) {
                x += 1;
                continue;
            }
            let start = x;
            let mut text = String::new();
            while x < area.width {
                let c = &buffer[(x, y)];
                if (c.fg, c.bg, c.modifier) != style {
                    break;
                }
                text.push_str(c.symbol());
                x += 1;
            }
            let mut desc = vec![];
            if style.0 != Color::Reset {
                desc.push(format!("fg={:?}", style.0));
            }
            if style.1 != Color::Reset {
                desc.push(format!("bg={:?}", style.1));
            }
            if !style.2.is_empty() {
                desc.push(format!("{:?}", style.2));
            }
            let _ = writeln!(
                out,
                "{y:>2} {start:>3}-{:<3} {} {:?}",
                x - 1,
                desc.join(" "),
                text.trim_end()
            );
        }
    }
    out
}

/// The sample contact as the server holds it after `edited()` is saved.
pub fn saved_contact(m: &Model) -> Contact {
    let ed = m.editor().expect("editor");
    let body = match &ed.overlay {
        Some(rolodex_tui::app::Overlay::Saving { body, .. }) => body.clone(),
        other => panic!("a body was sent, but the overlay is {other:?}"),
    };
    let mut c = ed.contact().clone();
    c.title = body.title.clone().into();
    c.is_starred = body.is_starred;
    c.updated_at = "2025-01-15T13:05:00Z".into();
    c.emails = Maybe::Value(
        body.emails
            .iter()
            .flatten()
            .map(|e| Email {
                id: Maybe::Absent,
                email_address: e.email_address.clone(),
                is_primary: Maybe::Value(e.is_primary),
                extra: Default::default(),
            })
            .collect(),
    );
    c.custom_fields = Maybe::Value(
        body.custom_fields
            .iter()
            .flatten()
            .map(|f| CustomFieldValue {
                id: f.id.clone(),
                name: Maybe::Absent,
                field_type: Maybe::Absent,
                value: Maybe::Value(f.value.clone()),
                extra: Default::default(),
            })
            .collect(),
    );
    c
}
