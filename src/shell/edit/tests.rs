use super::*;
use crate::contact::{diff, put_body};
use crate::demo::{sample_workspace, tags_and_contact_lists};
use crate::wire::Contact;
use serde_json::json;

fn loaded() -> (Contact, ContactForm, Workspace) {
    let (contact, defs, users) = sample_workspace();
    let form = ContactForm::from_contact(&contact, &defs);
    let (tags, lists) = tags_and_contact_lists();
    let linked = |items: Vec<serde_json::Value>| {
        Ok(items
            .iter()
            .filter_map(|v| Linked::from_read(v, "x"))
            .collect())
    };
    let ws = Workspace {
        users: Some(users),
        tags: Some(linked(tags)),
        lists: Some(linked(lists)),
    };
    (contact, form, ws)
}

fn args(id: &str) -> SetArgs {
    SetArgs {
        contact_id: id.into(),
        ..SetArgs::default()
    }
}

fn field<'a>(form: &'a ContactForm, name: &str) -> &'a FieldRow {
    form.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn a_field_by_name_in_any_case_changes_that_value_and_the_body_keeps_every_other() {
    let (_, loaded, ws) = loaded();
    let mut form = loaded.clone();
    let mut a = args("c");
    a.field = vec!["lead SCORE=88".into()];
    assert_eq!(apply(&mut form, &a, &ws), Applied::default());
    assert_eq!(
        field(&form, "Lead Score").value,
        FieldValue::Text("88".into())
    );
    let body = put_body(&loaded, &form).expect("a body");
    let sent = serde_json::to_value(&body).expect("json");
    let values = sent["custom_fields"]
        .as_array()
        .expect("custom fields sent");
    let with_value = loaded
        .fields
        .iter()
        .filter(|f| f.value != FieldValue::Empty)
        .count();
    assert_eq!(values.len(), with_value, "{sent:#}");
    assert!(
        values.contains(&json!({"id": "field_123", "value": 88})),
        "{sent:#}"
    );
    assert_eq!(
        sent["emails"].as_array().map(Vec::len),
        Some(loaded.emails.len())
    );
    for absent in ["first_name", "location", "phone_numbers", "tags", "lists"] {
        assert!(sent.get(absent).is_none(), "{absent} was sent: {sent:#}");
    }
}

#[test]
fn selects_take_labels_users_take_names_and_booleans_take_words() {
    let (_, loaded, ws) = loaded();
    let mut form = loaded.clone();
    let mut a = args("c");
    a.field = vec![
        "Deal Stage=proposal".into(),
        "Interests=analytics".into(),
        "Newsletter Opt-in=no".into(),
        "Account Owner=bruno@example.com".into(),
    ];
    assert_eq!(apply(&mut form, &a, &ws).problems, Vec::<String>::new());
    assert_eq!(
        field(&form, "Deal Stage").value,
        FieldValue::Choice("opt_stage_proposal".into())
    );
    assert_eq!(
        field(&form, "Interests").value,
        FieldValue::Choices(vec!["opt_int_analytics".into()])
    );
    assert_eq!(
        field(&form, "Newsletter Opt-in").value,
        FieldValue::Bool(false)
    );
    let owner = &field(&form, "Account Owner").value;
    let bruno = ws
        .users
        .as_ref()
        .and_then(|us| {
            us.iter()
                .find(|u| u.email.get().map(String::as_str) == Some("bruno@example.com"))
        })
        .expect("the demo has bruno");
    assert_eq!(owner, &FieldValue::Text(bruno.id.clone()));
}

#[test]
fn every_problem_is_named_field_first_and_nothing_is_kept_that_cannot_be_sent() {
    let (_, loaded, ws) = loaded();
    let mut form = loaded.clone();
    let mut a = args("c");
    a.field = vec![
        "Lead Score=lots".into(),
        "Deal Stage=Maybe".into(),
        "No Such Field=1".into(),
        "missing equals".into(),
    ];
    a.details = vec!["website=ftp://x".into(), "shoe_size=44".into()];
    a.add_email = vec!["not-an-address".into()];
    a.remove_email = vec!["nobody@example.com".into()];
    a.add_tag = vec!["No such tag".into()];
    let problems = apply(&mut form, &a, &ws).problems;
    let starts = [
        "--set shoe_size:",
        "Email: nobody@example.com is not one of",
        "Tag: the workspace has no tag",
        "Lead Score:",
        "Deal Stage: \"Maybe\" is not one of its options: Lead, Qualified",
        "No Such Field: no custom field",
        "--field missing equals: write NAME=VALUE",
        "Website:",
        "Email: \"not-an-address\" is not an email address",
    ];
    for start in starts {
        assert!(
            problems.iter().any(|p| p.starts_with(start)),
            "no problem starting {start:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), starts.len(), "{problems:#?}");
    assert_eq!(
        field(&form, "Lead Score").value,
        field(&loaded, "Lead Score").value
    );
}

#[test]
fn an_ambiguous_field_name_lists_the_ids_and_an_id_picks_one() {
    let (_, mut loaded, ws) = loaded();
    let mut twin = field(&loaded, "Lead Score").clone();
    twin.id = "field_lead_twin".into();
    loaded.fields.push(twin);
    let mut form = loaded.clone();
    let mut a = args("c");
    a.field = vec!["Lead Score=88".into()];
    let problems = apply(&mut form, &a, &ws).problems;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("2 custom fields have this name")
            && problems[0].contains("field_123")
            && problems[0].contains("field_lead_twin"),
        "{problems:#?}"
    );
    a.field = vec!["field_lead_twin=88".into()];
    let mut form = loaded.clone();
    assert!(apply(&mut form, &a, &ws).problems.is_empty());
    assert_eq!(
        form.fields.last().map(|f| &f.value),
        Some(&FieldValue::Text("88".into()))
    );
    assert_eq!(
        field(&form, "Lead Score").value,
        field(&loaded, "Lead Score").value
    );
}

#[test]
fn details_phones_tags_and_lists_change_as_the_editor_changes_them() {
    let (_, loaded, ws) = loaded();
    let mut form = loaded.clone();
    let mut a = args("c");
    a.title = Some("CTO".into());
    a.unstar = true;
    a.details = vec![
        "linkedin=https://www.linkedin.com/in/jsmith/".into(),
        "Last name=Smith-Jones".into(),
        "location=".into(),
        "birthday=1990-03-14".into(),
    ];
    a.add_phone = vec!["+44 20 7946 0958".into()];
    a.primary_phone = Some("+442079460958".into());
    a.remove_phone = vec!["+1 (415) 555-0142".into()];
    a.add_tag = vec!["investor".into()];
    a.remove_tag = vec!["VIP".into()];
    a.remove_list = vec!["Newsletter".into()];
    let applied = apply(&mut form, &a, &ws);
    assert!(applied.problems.is_empty(), "{:#?}", applied.problems);
    assert_eq!(
        applied.notes,
        vec!["LinkedIn: kept \"jsmith\" from the pasted URL".to_string()]
    );
    assert_eq!(form.title.as_deref(), Some("CTO"));
    assert!(!form.starred);
    assert_eq!(
        form.details.get(&Detail::Linkedin).map(String::as_str),
        Some("jsmith")
    );
    assert_eq!(
        form.details.get(&Detail::LastName).map(String::as_str),
        Some("Smith-Jones")
    );
    assert_eq!(form.details.get(&Detail::Location), None);
    assert_eq!(
        form.details.get(&Detail::Birthday).map(String::as_str),
        Some("1990-03-14")
    );
    let phones: Vec<(&str, bool)> = form
        .phones
        .iter()
        .map(|p| (p.number.as_str(), p.primary))
        .collect();
    assert_eq!(
        phones,
        vec![("+1 212 555 0199", false), ("+44 20 7946 0958", true)]
    );
    let tags: Vec<&str> = form.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, vec!["Partner", "Investor"]);
    let lists: Vec<&str> = form.lists.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lists, vec!["Q3 Outreach"]);
    let body = serde_json::to_value(put_body(&loaded, &form).expect("body")).expect("json");
    assert_eq!(body["location"], serde_json::Value::Null, "{body:#}");
    assert_eq!(body["birthday_year"], 1990, "{body:#}");
    assert_eq!(
        body["phone_numbers"].as_array().map(Vec::len),
        Some(2),
        "{body:#}"
    );
    assert_eq!(body["lists"].as_array().map(Vec::len), Some(1), "{body:#}");
}

#[test]
fn a_list_the_server_did_not_return_cannot_be_edited_and_nothing_is_changed() {
    let (mut contact, _, ws) = loaded();
    contact.emails = crate::wire::Maybe::Absent;
    contact.tags = crate::wire::Maybe::Null;
    let (_, defs, _) = sample_workspace();
    let loaded = ContactForm::from_contact(&contact, &defs);
    let mut form = loaded.clone();
    let mut a = args("c");
    a.add_email = vec!["new@example.com".into()];
    a.add_tag = vec!["Investor".into()];
    let problems = apply(&mut form, &a, &ws).problems;
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("Email: the server did not return"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("Tag: the server did not return"),
        "{problems:#?}"
    );
    assert!(diff(&loaded, &form).is_empty());
}

#[test]
fn removing_a_missing_email_or_adding_one_twice_is_refused() {
    let (_, loaded, ws) = loaded();
    let mut form = loaded.clone();
    let mut a = args("c");
    let existing = loaded.emails[0].address.to_uppercase();
    a.add_email = vec![existing.clone()];
    let problems = apply(&mut form, &a, &ws).problems;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains("is listed twice"), "{problems:#?}");
    let mut a = args("c");
    a.primary_email = Some(loaded.emails[1].address.clone());
    let mut form = loaded.clone();
    assert!(apply(&mut form, &a, &ws).problems.is_empty());
    assert!(form.emails[1].primary && !form.emails[0].primary);
}
