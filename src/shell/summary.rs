//! `get`'s readable summary: what the editor's panes show, as plain lines.
//! Every text from the server goes through [`sanitize`], so a value cannot
//! move the cursor or change the terminal it is printed on.

use crate::app::user_label;
use crate::contact::{ContactForm, Detail, FieldValue};
use crate::ui::sanitize;
use crate::ui::words::{companies_text, list_words, not_returned, notes_text};
use crate::wire::{Contact, CustomFieldDef, FieldType, WorkspaceUser};

/// The summary of `contact`, one item per line, ending in a newline.
pub fn summary(
    contact: &Contact,
    defs: &[CustomFieldDef],
    users: Option<&[WorkspaceUser]>,
    clock: &crate::time::Clock,
    g: &crate::glyphs::Glyphs,
) -> String {
    let form = ContactForm::from_contact(contact, defs);
    let mut out: Vec<String> = vec![];
    out.push(format!(
        "{} ({})",
        sanitize(&contact.display_name()),
        sanitize(&contact.id)
    ));
    let updated = clock.local(&contact.updated_at);
    out.push(format!("  updated {}", sanitize(&updated)));
    out.push("Details".into());
    let mut row = |name: &str, value: Option<String>| {
        let value = value.unwrap_or_else(|| g.dash.into());
        out.push(format!("  {name}: {}", sanitize(&value)));
    };
    row("Title", form.title.clone().filter(|t| !t.is_empty()));
    row(
        "Starred",
        Some(if form.starred { "yes" } else { "no" }.into()),
    );
    for d in Detail::ALL {
        row(d.label(), form.details.get(&d).cloned());
    }
    row("Full name (read-only)", contact.full_name.get().cloned());
    row("Companies (read-only)", Some(companies_text(contact, g)));
    row("Notes (read-only)", Some(notes_text(contact)));
    row(
        "Tags",
        known_names(form.known.tags, form.tags.iter().map(|t| t.name.as_str())),
    );
    row(
        "Lists",
        known_names(form.known.lists, form.lists.iter().map(|l| l.name.as_str())),
    );

    section(
        &mut out,
        "Emails",
        form.known.emails,
        form.emails
            .iter()
            .map(|e| primary(&e.address, e.primary))
            .collect(),
    );
    section(
        &mut out,
        "Phones",
        form.known.phones,
        form.phones
            .iter()
            .map(|p| primary(&p.number, p.primary))
            .collect(),
    );
    let fields = form
        .fields
        .iter()
        .map(|f| {
            let value = match (&f.field_type, &f.value) {
                (_, FieldValue::Empty) => g.dash.to_string(),
                (FieldType::User, FieldValue::Text(id)) => users
                    .and_then(|us| us.iter().find(|u| &u.id == id))
                    .map_or_else(|| id.clone(), user_label),
                _ => f.display(),
            };
            let read_only = if f.editable() { "" } else { " (read-only)" };
            format!("{}{read_only}: {value}", f.name)
        })
        .collect();
    section(&mut out, "Custom fields", form.known.custom_fields, fields);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn primary(text: &str, primary: bool) -> String {
    if primary {
        format!("{text} (primary)")
    } else {
        text.to_string()
    }
}

fn known_names<'a>(known: bool, names: impl Iterator<Item = &'a str>) -> Option<String> {
    let names = known.then(|| names.map(str::to_string).collect());
    Some(list_words(names, ", "))
}

fn section(out: &mut Vec<String>, title: &str, known: bool, items: Vec<String>) {
    if !known {
        out.push(not_returned(title));
        return;
    }
    out.push(format!("{title} ({})", items.len()));
    if items.is_empty() {
        out.push("  none".into());
    }
    out.extend(items.iter().map(|i| format!("  {}", sanitize(i))));
}
