//! `set`'s flags applied to the editor's own form: every change goes
//! through the same form methods and typed-value parsing the editor's
//! panes use, so the shell and the screen cannot disagree on what an edit
//! means or sends.

use crate::cli::SetArgs;
use crate::contact::typed::{linked_named, parse_value, phone_number};
use crate::contact::{ContactForm, Detail, FieldRow, FieldValue, Linked, PhoneRow};
use crate::wire::WorkspaceUser;

/// What the workspace offers for names in `set`'s values: users for USER
/// fields, tags and lists for `--add-tag` / `--add-list`. `None` where it
/// was not asked for; an error where it was asked and did not answer.
#[derive(Debug, Default)]
pub struct Workspace {
    pub users: Option<Vec<WorkspaceUser>>,
    pub tags: Option<Result<Vec<Linked>, String>>,
    pub lists: Option<Result<Vec<Linked>, String>>,
}

/// What applying the flags said: notes (a URL kept as its slug, a country
/// code taken from the primary phone) and problems, each `Field: reason`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

/// Whether the flags need the workspace's users, tags or lists.
pub fn needs(args: &SetArgs) -> (bool, bool, bool) {
    (
        !args.field.is_empty(),
        !args.add_tag.is_empty(),
        !args.add_list.is_empty(),
    )
}

/// Applies every flag to `form` (the contact as loaded), in the order
/// `set --help` gives. Every problem is collected, so one run names them
/// all; the form's own checks (an address twice, a bad number) are added
/// at the end, as the editor would refuse to save them.
pub fn apply(form: &mut ContactForm, args: &SetArgs, ws: &Workspace) -> Applied {
    let mut out = Applied::default();
    let loaded_no_title = form.title.is_none();
    if let Some(title) = &args.title {
        form.set_title(title.clone(), loaded_no_title);
    }
    if args.star {
        form.starred = true;
    }
    if args.unstar {
        form.starred = false;
    }
    for given in &args.details {
        match given.split_once('=') {
            None => out.problems.push(format!(
                "--set {given}: write KEY=VALUE, with KEY one of {}",
                detail_keys()
            )),
            Some((key, value)) => match detail_named(key) {
                Some(d) => out.notes.extend(form.set_detail(d, value)),
                None => out.problems.push(format!(
                    "--set {key}: no such detail; KEY is one of {}",
                    detail_keys()
                )),
            },
        }
    }
    emails(form, args, &mut out);
    phones(form, args, &mut out);
    linked(form, args, ws, &mut out);
    fields(form, args, ws, &mut out);
    out.problems
        .extend(form.problems().into_iter().map(|p| p.reason));
    out
}

/// The key `--set` takes for a detail: its first stored field without the
/// `_url` / `_slug` ending (`website`, `linkedin`, `first_name`).
pub fn detail_key(d: Detail) -> &'static str {
    let key = d.keys()[0];
    match d {
        Detail::Birthday => "birthday",
        _ => key
            .strip_suffix("_url")
            .or_else(|| key.strip_suffix("_slug"))
            .unwrap_or(key),
    }
}

fn detail_keys() -> String {
    Detail::ALL
        .iter()
        .map(|&d| detail_key(d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A detail by its `--set` key, its stored field or its label (any case,
/// spaces as `_`).
fn detail_named(key: &str) -> Option<Detail> {
    let key = key.trim().to_lowercase().replace([' ', '-'], "_");
    Detail::ALL.into_iter().find(|&d| {
        detail_key(d) == key
            || d.keys()[0] == key
            || d.label().to_lowercase().replace(' ', "_") == key
    })
}

const UNKNOWN_LIST: &str = "the server did not return this contact's";

fn unknown(what: &str) -> String {
    format!(
        "{}: {UNKNOWN_LIST} {} list, so it cannot be changed here (sending one would replace \
         what the server holds)",
        capitalised(what),
        what
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `Email: a@b is not one of the contact's addresses (x@y, z@w)`.
fn not_one_of<'a>(
    label: &str,
    typed: &str,
    why: &str,
    all: impl Iterator<Item = &'a str>,
) -> String {
    let all: Vec<&str> = all.collect();
    let listed = if all.is_empty() {
        "it has none".to_string()
    } else {
        all.join(", ")
    };
    format!("{label}: {} {why} ({listed})", typed.trim())
}

fn emails(form: &mut ContactForm, args: &SetArgs, out: &mut Applied) {
    let edits =
        !args.add_email.is_empty() || !args.remove_email.is_empty() || args.primary_email.is_some();
    if !edits {
        return;
    }
    if !form.known.emails {
        out.problems.push(unknown("email"));
        return;
    }
    for address in &args.add_email {
        form.add_email(address.trim().to_string());
    }
    let find = |form: &ContactForm, address: &str| {
        let lower = address.trim().to_lowercase();
        form.emails
            .iter()
            .position(|e| e.address.to_lowercase() == lower)
    };
    let not_there = |form: &ContactForm, address: &str| {
        let all = form.emails.iter().map(|e| e.address.as_str());
        not_one_of(
            "Email",
            address,
            "is not one of the contact's addresses",
            all,
        )
    };
    for address in &args.remove_email {
        match find(form, address) {
            Some(i) => {
                form.delete_email(i);
            }
            None => out.problems.push(not_there(form, address)),
        }
    }
    if let Some(address) = &args.primary_email {
        match find(form, address) {
            Some(i) => form.make_primary(i),
            None => out.problems.push(not_there(form, address)),
        }
    }
}

fn phones(form: &mut ContactForm, args: &SetArgs, out: &mut Applied) {
    let edits =
        !args.add_phone.is_empty() || !args.remove_phone.is_empty() || args.primary_phone.is_some();
    if !edits {
        return;
    }
    if !form.known.phones {
        out.problems.push(unknown("phone"));
        return;
    }
    for typed in &args.add_phone {
        if typed.trim().is_empty() {
            out.problems
                .push("Phone: --add-phone needs a number, e.g. '+44 20 7946 0958'".into());
            continue;
        }
        let (number, note) = phone_number(form, typed);
        out.notes.extend(note);
        form.add_phone(number);
    }
    // A number is found by its digits, however it is spaced.
    let find = |form: &ContactForm, typed: &str| {
        let key = PhoneRow {
            number: phone_number(form, typed).0,
            primary: false,
            read: None,
        }
        .key();
        form.phones.iter().position(|p| p.key() == key)
    };
    let not_there = |form: &ContactForm, typed: &str| {
        let all = form.phones.iter().map(|p| p.number.as_str());
        not_one_of("Phone", typed, "is not one of the contact's numbers", all)
    };
    for typed in &args.remove_phone {
        match find(form, typed) {
            Some(i) => {
                form.delete_phone(i);
            }
            None => out.problems.push(not_there(form, typed)),
        }
    }
    if let Some(typed) = &args.primary_phone {
        match find(form, typed) {
            Some(i) => form.make_phone_primary(i),
            None => out.problems.push(not_there(form, typed)),
        }
    }
}

fn linked(form: &mut ContactForm, args: &SetArgs, ws: &Workspace, out: &mut Applied) {
    let tags_known = form.known.tags;
    let lists_known = form.known.lists;
    for (what, known, adds, removes, choices, rows) in [
        (
            "tag",
            tags_known,
            &args.add_tag,
            &args.remove_tag,
            &ws.tags,
            &mut form.tags,
        ),
        (
            "list",
            lists_known,
            &args.add_list,
            &args.remove_list,
            &ws.lists,
            &mut form.lists,
        ),
    ] {
        if adds.is_empty() && removes.is_empty() {
            continue;
        }
        if !known {
            out.problems.push(unknown(what));
            continue;
        }
        let label = capitalised(what);
        for name in adds {
            match choices {
                Some(Ok(all)) => match linked_named(all, name, what) {
                    Ok(found) => {
                        if !rows.iter().any(|r| r.id == found.id) {
                            rows.push(found.clone());
                        }
                    }
                    Err(why) => out.problems.push(format!("{label}: {why}")),
                },
                Some(Err(why)) => out.problems.push(format!(
                    "{label}: the workspace's {what}s could not be read ({why}), so none can \
                     be added"
                )),
                None => out
                    .problems
                    .push(format!("{label}: the workspace's {what}s were not read")),
            }
        }
        for name in removes {
            match linked_named(rows, name, what) {
                Ok(found) => {
                    let id = found.id.clone();
                    rows.retain(|r| r.id != id);
                }
                Err(_) => {
                    let all = rows.iter().map(|r| r.name.as_str());
                    let why = format!("is not one of the contact's {what}s");
                    out.problems.push(not_one_of(&label, name, &why, all));
                }
            }
        }
    }
}

/// The custom field a name or id points to: an exact id, else the one
/// definition with that name (any case). An ambiguous name lists the ids.
fn field_named(rows: &[FieldRow], given: &str) -> Result<usize, String> {
    let given = given.trim();
    if let Some(i) = rows.iter().position(|r| r.id == given) {
        return Ok(i);
    }
    let lower = given.to_lowercase();
    let found: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].name.to_lowercase() == lower)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "{given}: no custom field has this name or id (rolodex-tui get CONTACT_ID lists \
             them)"
        )),
        many => Err(format!(
            "{given}: {} custom fields have this name; give the id: {}",
            many.len(),
            many.iter()
                .map(|&i| format!("{} ({})", rows[i].id, rows[i].field_type.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn fields(form: &mut ContactForm, args: &SetArgs, ws: &Workspace, out: &mut Applied) {
    if args.field.is_empty() && args.clear_field.is_empty() {
        return;
    }
    if !form.known.custom_fields {
        out.problems.push(unknown("custom field"));
        return;
    }
    for given in &args.field {
        let Some((name, text)) = given.split_once('=') else {
            out.problems.push(format!(
                "--field {given}: write NAME=VALUE, e.g. --field 'Lead Score=88'"
            ));
            continue;
        };
        match field_named(&form.fields, name) {
            Ok(i) => {
                let row = &form.fields[i];
                match parse_value(row, text, ws.users.as_deref()) {
                    Ok(value) => form.fields[i].value = value,
                    Err(why) => out.problems.push(format!("{}: {why}", row.name)),
                }
            }
            Err(why) => out.problems.push(why),
        }
    }
    for name in &args.clear_field {
        match field_named(&form.fields, name) {
            Ok(i) if !form.fields[i].editable() => out.problems.push(format!(
                "{}: this field is read-only here (its type or definition is not known)",
                form.fields[i].name
            )),
            Ok(i) => form.fields[i].value = FieldValue::Empty,
            Err(why) => out.problems.push(why),
        }
    }
}

#[cfg(test)]
mod tests;
