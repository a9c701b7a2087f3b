//! Relationship lists the server did not return: why editing keys refuse
//! there, and how a read path that looked a contact up another way is said.

use super::editor::Editor;
use super::keys::Action;
use super::pane::Pane;
use crate::api::client::LookupReason;
use crate::contact::ContactForm;
use crate::wire::ALL_INCLUDES;

/// Editing keys on a list the server did not return explain why they do
/// nothing: with only part of the list known, a save would replace the
/// rest on the server.
pub(super) fn refused_on_unknown_list(ed: &Editor, pane: Pane, action: Action) -> Option<String> {
    let edits = matches!(
        action,
        Action::Edit
            | Action::AddEmail
            | Action::DeleteEmail
            | Action::MakePrimary
            | Action::Toggle
            | Action::ClearValue
    );
    let (known, what) = match pane {
        Pane::Emails => (ed.form().known.emails, "email list"),
        Pane::Phones => (ed.form().known.phones, "phone numbers"),
        Pane::Fields => (ed.form().known.custom_fields, "custom field values"),
        Pane::Details => match super::pane::detail_at(ed.selected(pane)) {
            None if ed.selected(pane) == super::pane::DETAILS_TAGS => {
                (ed.form().known.tags, "tags")
            }
            None if ed.selected(pane) == super::pane::DETAILS_LISTS => {
                (ed.form().known.lists, "lists")
            }
            _ => return None,
        },
    };
    (edits && !known).then(|| {
        format!(
            "The server did not return the {what}: editing here could replace what it \
             has, so it is not editable and not sent."
        )
    })
}

/// Which lists the loaded contact lacks, in words, if any.
pub(super) fn unknown_lists_note(form: &ContactForm) -> Option<String> {
    let missing: Vec<&str> = [
        (!form.known.emails).then_some("email list"),
        (!form.known.custom_fields).then_some("custom field values"),
        (!form.known.phones).then_some("phone numbers"),
        (!form.known.tags).then_some("tags"),
        (!form.known.lists).then_some("lists"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "No read of this contact returned its {}: not editable and not sent, so a save \
             leaves them as they are on the server",
            missing.join(" or its ")
        )
    })
}

/// Why the single GET was not enough, as the start of a sentence.
pub fn lookup_reason_text(reason: &LookupReason) -> String {
    match reason {
        LookupReason::ListsMissing(lists) if lists.len() == ALL_INCLUDES.len() => {
            "The server's contact read returned none of its lists".to_string()
        }
        LookupReason::ListsMissing(lists) => {
            let names: Vec<String> = lists.iter().map(|l| list_name(l)).collect();
            let said = match names.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => "list".to_string(),
            };
            format!("The server's contact read had no {said}")
        }
        LookupReason::NoSingleGet => {
            "The server has no single-contact read (GET /contacts/:id answered 404 or 405)"
                .to_string()
        }
        LookupReason::SingleGetNotFound => {
            "GET /contacts/:id answered 404 or 405 (no such contact, or no single-contact read \
             on this server)"
                .to_string()
        }
    }
}

/// A relationship list's name in words (`phone_numbers` → "phone number list").
pub fn list_name(include: &str) -> String {
    match include {
        "emails" => "email list".into(),
        "custom_fields" => "custom field list".into(),
        "phone_numbers" => "phone number list".into(),
        other => format!("{} list", other.trim_end_matches('s')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_lists_are_named_in_a_sentence() {
        let two = LookupReason::ListsMissing(vec!["emails", "custom_fields"]);
        assert_eq!(
            lookup_reason_text(&two),
            "The server's contact read had no email list or custom field list"
        );
        let three = LookupReason::ListsMissing(vec!["emails", "phone_numbers", "tags"]);
        assert_eq!(
            lookup_reason_text(&three),
            "The server's contact read had no email list, phone number list or tag list"
        );
        let all = LookupReason::ListsMissing(ALL_INCLUDES.to_vec());
        assert!(lookup_reason_text(&all).contains("none of its lists"));
    }
}
