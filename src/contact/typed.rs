//! Values as a person types them, turned into what the form holds: the one
//! place the editor's text fields and `rolodex-tui set` read a typed
//! custom field value, phone number or name of a tag, so the two never
//! disagree on what `88`, `yes` or `Enterprise` means.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::wire::{CustomFieldDef, FieldType, SelectOption, WorkspaceUser};

use super::form::{ContactForm, FieldRow, Linked};
use super::phone;
use super::value::{FieldValue, canonical_number};

/// What text typed into a text-edited field holds: empty text clears it;
/// a number is kept as the body will carry it (`2.50` → `2.5`), so the
/// review shows exactly what is sent; a number that cannot be sent stays
/// as typed, and its row says why. Free text is kept as typed, other
/// values trimmed.
pub fn text_value(field_type: &FieldType, text: &str) -> FieldValue {
    let t = text.trim();
    if t.is_empty() {
        FieldValue::Empty
    } else if *field_type == FieldType::SingleLineText {
        FieldValue::Text(text.to_string())
    } else if *field_type == FieldType::Numeric {
        FieldValue::Text(canonical_number(t).unwrap_or_else(|| t.to_string()))
    } else {
        FieldValue::Text(t.to_string())
    }
}

/// A whole value for `row` from one line of text, as `set --field` takes
/// it: a boolean as yes/no/true/false, a select by option label or id
/// (case-insensitive), a multi-select as a comma list of those, a user by
/// name, email or id, anything else as the editor's text fields read it.
/// Empty text clears. An answer that cannot be sent is an error that says
/// why, never a value kept for later.
pub fn parse_value(
    row: &FieldRow,
    text: &str,
    users: Option<&[WorkspaceUser]>,
) -> Result<FieldValue, String> {
    let t = text.trim();
    if !row.editable() {
        return Err("this field is read-only here (its type or definition is not known)".into());
    }
    if t.is_empty() {
        return Ok(FieldValue::Empty);
    }
    let def = row.def.as_deref();
    let value = match &row.field_type {
        FieldType::Boolean => match t.to_lowercase().as_str() {
            "yes" | "true" | "y" => FieldValue::Bool(true),
            "no" | "false" | "n" => FieldValue::Bool(false),
            _ => return Err(format!("\"{t}\" is not yes, no, true or false")),
        },
        FieldType::SingleSelect => FieldValue::Choice(option_id(def, t)?),
        FieldType::MultiSelect => {
            let mut ids: Vec<String> = vec![];
            for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let id = option_id(def, part)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                FieldValue::Empty
            } else {
                FieldValue::Choices(ids)
            }
        }
        FieldType::User => FieldValue::Text(user_id(users, t)?),
        other => text_value(other, text),
    };
    value.validate(&row.field_type, def)?;
    Ok(value)
}

/// The option of a select named by its id or its label as written (any
/// case); else, as people type them, by its label with case, accents,
/// emoji and punctuation ignored (`won` is "Won ✅") when only one option
/// reads so. Several that read so are an error naming them.
fn option_id(def: Option<&CustomFieldDef>, typed: &str) -> Result<String, String> {
    let options = def.map(|d| d.options()).unwrap_or_default();
    let label_is = |o: &SelectOption, lower: &str| o.value.to_lowercase() == lower;
    let lower = typed.to_lowercase();
    if options.iter().any(|o| o.id == typed || label_is(o, &lower)) {
        return one_named(options, typed, |o| &o.id, label_is, "options", String::new)
            .map(|o| o.id.clone());
    }
    let key = label_key(typed);
    let loose: Vec<&SelectOption> = options
        .iter()
        .filter(|o| !key.is_empty() && label_key(&o.value) == key)
        .collect();
    match loose.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => {
            let labels: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
            Err(format!(
                "\"{typed}\" is not one of its options: {}",
                labels.join(", ")
            ))
        }
        many => {
            let named: Vec<String> = many
                .iter()
                .map(|o| format!("{} ({})", o.value, o.id))
                .collect();
            Err(format!(
                "\"{typed}\" could be {} options: {}; give the label as written, or the id",
                many.len(),
                named.join(", ")
            ))
        }
    }
}

/// A label as people type it: lowercased, accents off, only its letters
/// and digits kept (emoji, punctuation, symbols and spaces dropped):
/// "Won ✅" → "won", "Café-Bar!" → "cafebar".
fn label_key(label: &str) -> String {
    label
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The workspace user named by id, email or full name (case-insensitive).
/// Without the user list, only an id can be taken, as typed.
fn user_id(users: Option<&[WorkspaceUser]>, typed: &str) -> Result<String, String> {
    let Some(users) = users else {
        return Ok(typed.to_string());
    };
    one_named(
        users,
        typed,
        |u| &u.id,
        |u, lower| {
            u.email.get().is_some_and(|e| e.to_lowercase() == lower)
                || u.full_name.get().is_some_and(|n| n.to_lowercase() == lower)
        },
        "users",
        || format!("no workspace user is called or has the email \"{typed}\""),
    )
    .map(|u| u.id.clone())
}

/// A typed phone number as the form keeps it: shown in international form
/// (`+44 20 7946 0958`) when it parses; a number without `+` takes the
/// primary phone's calling code, and the second part says so. One that
/// does not parse is kept as typed, for its row to say why.
pub fn phone_number(form: &ContactForm, typed: &str) -> (String, Option<String>) {
    let typed = typed.trim();
    let code = form.primary_calling_code();
    match phone::parse(typed, code.as_deref()) {
        Ok(p) => {
            let shown = phone::display(&p.country_code, &p.national);
            let note = p.code_assumed.then(|| {
                format!(
                    "No + typed: {shown} takes +{} from the primary phone",
                    p.country_code
                )
            });
            (shown, note)
        }
        Err(_) => (typed.to_string(), None),
    }
}

/// The workspace tag or list named by `typed`: its id, or its name
/// (case-insensitive). An unknown or ambiguous name is an error naming
/// the candidates.
pub fn linked_named<'a>(
    choices: &'a [Linked],
    typed: &str,
    what: &str,
) -> Result<&'a Linked, String> {
    let t = typed.trim();
    one_named(
        choices,
        t,
        |l| &l.id,
        |l, lower| l.name.to_lowercase() == lower,
        &format!("{what}s"),
        || format!("the workspace has no {what} \"{t}\""),
    )
}

/// The one item `typed` names: the item whose id it is, else the only one
/// `names` says it names (given `typed` lowercased). None is `missing()`;
/// several are an error that lists their ids, so the person can give one.
pub fn one_named<'a, T>(
    items: &'a [T],
    typed: &str,
    id: impl Fn(&T) -> &str,
    names: impl Fn(&T, &str) -> bool,
    plural: &str,
    missing: impl FnOnce() -> String,
) -> Result<&'a T, String> {
    if let Some(item) = items.iter().find(|i| id(i) == typed) {
        return Ok(item);
    }
    let lower = typed.to_lowercase();
    let found: Vec<&T> = items.iter().filter(|i| names(i, &lower)).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(missing()),
        many => {
            let ids: Vec<&str> = many.iter().map(|i| id(i)).collect();
            Err(format!(
                "\"{typed}\" names {} {plural}; give the id: {}",
                many.len(),
                ids.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(options: &[(&str, &str)]) -> CustomFieldDef {
        let options: Vec<serde_json::Value> = options
            .iter()
            .map(|(id, value)| serde_json::json!({"id": id, "value": value}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "field_stage", "name": "Deal Stage", "field_type": "SINGLE_SELECT",
            "entity_type": "CONTACT", "multi_select_options": options
        }))
        .expect("a definition")
    }

    #[test]
    fn labels_match_as_typed_without_case_accents_emoji_or_punctuation() {
        let def = select(&[
            ("opt_won", "Won ✅"),
            ("opt_lost", "Lost"),
            ("opt_cafe", "Café-Bar!"),
            ("opt_launch", "🚀 Launch"),
            ("opt_tokyo", "東京 office"),
        ]);
        let found = |typed: &str| option_id(Some(&def), typed).ok();
        for (typed, id) in [
            ("won", "opt_won"),
            ("WON", "opt_won"),
            ("Won ✅", "opt_won"),
            ("cafe bar", "opt_cafe"),
            ("CAFEBAR", "opt_cafe"),
            ("café-bar", "opt_cafe"),
            ("launch", "opt_launch"),
            ("東京 Office", "opt_tokyo"),
            ("opt_lost", "opt_lost"),
        ] {
            assert_eq!(found(typed).as_deref(), Some(id), "{typed:?}");
        }
        for typed in ["✅", "wo", "!!", "lost it"] {
            let err = option_id(Some(&def), typed).unwrap_err();
            assert_eq!(
                err,
                format!(
                    "\"{typed}\" is not one of its options: Won ✅, Lost, Café-Bar!, 🚀 Launch, \
                     東京 office"
                )
            );
        }
    }

    #[test]
    fn an_exact_label_or_id_wins_and_several_loose_matches_are_listed() {
        let def = select(&[
            ("opt_won", "Won"),
            ("opt_won_party", "Won 🎉"),
            ("opt_won_check", "Won ✅"),
            ("Won!", "Other"),
        ]);
        let found = |typed: &str| option_id(Some(&def), typed).ok();
        assert_eq!(
            found("won").as_deref(),
            Some("opt_won"),
            "the label as written"
        );
        assert_eq!(found("Won!").as_deref(), Some("Won!"), "an id");
        assert_eq!(found("Won ✅").as_deref(), Some("opt_won_check"));
        let def = select(&[("opt_a", "Won 🎉"), ("opt_b", "Won ✅"), ("opt_c", "Lost")]);
        assert_eq!(
            option_id(Some(&def), "won"),
            Err(
                "\"won\" could be 2 options: Won 🎉 (opt_a), Won ✅ (opt_b); give the label as \
                 written, or the id"
                    .to_string()
            )
        );
    }
}
