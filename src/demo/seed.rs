//! The demo server's sample data: deterministic, so `--demo`, the tests and
//! the screenshots all see the same workspace on every run.
//!
//! It covers what the editor must cope with: every custom field type, more
//! contact custom field definitions than fit on one page of 25, definitions
//! for companies mixed in between (so filtering matters), unicode labels and
//! values, a value longer than any pane is wide, null scalars, and the guide's
//! own example contact, Jane Smith.

use serde_json::{Value, json};

use super::DEMO_CONTACT_ID;
use super::definitions::{contact_field_defs, field_defs};
use super::field_values::custom_field_read_form;
use super::generated::generated_contact;
use super::store::Store;
use crate::time::{format_timestamp, timestamp_of};

/// The workspace every seeded user belongs to.
const WORKSPACE_ID: &str = "workspace_001";

/// How many generated contacts fill the picker besides Jane Smith.
const GENERATED_CONTACTS: u64 = 50;

/// Workspace users: `(id, first name, last name, email, role)`.
pub(crate) const USERS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "user_alice",
        "Alice",
        "Johnson",
        "alice@example.com",
        "admin",
    ),
    ("user_bruno", "Bruno", "Díaz", "bruno@example.com", "member"),
    ("user_chen", "伟", "陈", "chen.wei@example.com", "member"),
    ("user_dana", "Dana", "O'Neil", "dana@example.com", "member"),
];

/// Companies, tags and lists contacts can be linked to: `(id, name)`.
pub(crate) const COMPANIES: [(&str, &str); 5] = [
    ("company_acme", "Acme Corp"),
    ("company_globex", "Globex"),
    ("company_initech", "Initech"),
    ("company_umbrella", "Umbrella Health"),
    ("company_tokyo", "東京 Robotics K.K."),
];
pub(crate) const TAGS: [(&str, &str); 5] = [
    ("tag_vip", "VIP"),
    ("tag_partner", "Partner"),
    ("tag_beta", "Beta 🚀"),
    ("tag_investor", "Investor"),
    ("tag_press", "Presse / Médias"),
];
pub(crate) const LISTS: [(&str, &str); 3] = [
    ("list_q3", "Q3 Outreach"),
    ("list_newsletter", "Newsletter"),
    ("list_conference", "Conference 2025"),
];
/// Company lists: served by `GET /lists` (so its `type` filter matters) but
/// never linkable to a contact.
pub(crate) const COMPANY_LISTS: [(&str, &str); 1] = [("list_key_accounts", "Key accounts")];

/// The tags as `GET /tags` lists them.
pub(crate) fn tags() -> Vec<Value> {
    TAGS.iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let at = format_timestamp(timestamp_of(2024, 2, 1) + i as i64 * 86_400);
            json!({"id": id, "name": name, "created_at": at, "updated_at": at})
        })
        .collect()
}

/// Every list, contact lists first, as `GET /lists` lists them.
pub(crate) fn lists() -> Vec<Value> {
    let contact = LISTS.iter().map(|l| (l, "CONTACT"));
    let company = COMPANY_LISTS.iter().map(|l| (l, "COMPANY"));
    contact
        .chain(company)
        .enumerate()
        .map(|(i, ((id, name), kind))| {
            let at = format_timestamp(timestamp_of(2024, 3, 1) + i as i64 * 86_400);
            json!({
                "id": id, "name": name, "type": kind, "description": null,
                "created_at": at, "updated_at": at,
            })
        })
        .collect()
}

/// A text value longer than any pane is wide (over 200 characters).
pub(crate) const LONG_TEXT: &str = "Joined from a competitor after a two-year evaluation; \
    owns the roadmap for the analytics suite, reports to the VP of Product, prefers \
    written summaries before calls, and asked us to loop in procurement (Zoë Ångström) \
    before any renewal conversation — never on Fridays.";

/// A contact custom field value in read form, from its write form. `None`
/// when the seed names a definition that does not exist or a value that does
/// not fit it, which the seed tests rule out.
pub(crate) fn contact_custom_field(id: &str, write: &Value) -> Option<Value> {
    let def = contact_field_defs().find(|d| d.id == id)?;
    custom_field_read_form(def, write).ok().flatten()
}

/// The guide's example contact as stored, with every relationship list. Its
/// title and starred flag differ from the guide's example edit, so that edit
/// is a real change.
pub fn sample_contact() -> Value {
    let custom_fields: Vec<Value> = [
        ("field_123", json!(72)),
        ("field_stage", json!("opt_stage_qualified")),
        (
            "field_interests",
            json!(["opt_int_analytics", "opt_int_tokyo"]),
        ),
        ("field_renewal", json!("2025-09-30")),
        ("field_newsletter", json!(true)),
        ("field_owner", json!("user_alice")),
        ("field_background", json!(LONG_TEXT)),
        (
            "field_zoe_notes",
            json!("Prefers email; 東京 trip in March 🚀"),
        ),
    ]
    .into_iter()
    .filter_map(|(id, write)| contact_custom_field(id, &write))
    .collect();
    json!({
        "id": DEMO_CONTACT_ID,
        "full_name": "Jane Smith",
        "first_name": "Jane",
        "last_name": "Smith",
        "title": "Product Manager",
        "description": "Experienced product manager with a focus on SaaS products",
        "location": "New York, NY",
        "image_url": null,
        "linkedin_slug": "janesmith",
        "website_url": "https://janesmith.com",
        "x_slug": null,
        "facebook_slug": null,
        "instagram_slug": null,
        "birthday_day": 14,
        "birthday_month": 3,
        "birthday_year": null,
        "is_starred": true,
        "ignore_merge": false,
        "last_team_interaction": null,
        "created_at": "2025-01-15T10:30:00Z",
        "updated_at": "2025-01-15T12:40:00Z",
        "emails": [
            {"id": "email_1001", "email_address": "jane.smith@oldcompany.com", "is_primary": true},
            {"id": "email_1002", "email_address": "jane@janesmith.com", "is_primary": false}
        ],
        "phone_numbers": [
            {"id": "phone_2001", "phone_number": "+1 212 555 0199", "country_code": "US", "is_primary": true},
            {"id": "phone_2002", "phone_number": "415 555 0142", "country_code": "+1", "is_primary": false}
        ],
        "companies": [
            {"id": "company_acme", "name": "Acme Corp", "title": "Product Manager", "is_active": true, "start_date": "2022-03-01"}
        ],
        "custom_fields": custom_fields,
        "tags": [{"tag": {"id": "tag_vip", "name": "VIP"}}, {"tag": {"id": "tag_partner", "name": "Partner"}}],
        "lists": [{"list": {"id": "list_q3", "name": "Q3 Outreach"}}, {"list": {"id": "list_newsletter", "name": "Newsletter"}}],
        "notes": [{"note": {"id": "note_3001", "body": "Met at SaaStr; wants a demo of the analytics add-on."}}]
    })
}

/// A workspace user as `GET /workspace-users` returns it.
fn workspace_user(
    i: usize,
    &(id, first, last, email, role): &(&str, &str, &str, &str, &str),
) -> Value {
    let full_name = if first.is_ascii() {
        format!("{first} {last}")
    } else {
        format!("{last}{first}")
    };
    json!({
        "id": id,
        "workspace_id": WORKSPACE_ID,
        "full_name": full_name,
        "first_name": first,
        "last_name": last,
        "email": email,
        "avatar_url": if i.is_multiple_of(2) { Value::String(format!("https://avatars.example.com/{id}.png")) } else { Value::Null },
        "role": role,
        "created_at": format_timestamp(timestamp_of(2023, 11, 1) + i as i64 * 86_400),
    })
}

/// Every workspace user, in the order `GET /workspace-users` lists them.
pub(crate) fn workspace_users() -> Vec<Value> {
    USERS
        .iter()
        .enumerate()
        .map(|(i, u)| workspace_user(i, u))
        .collect()
}

/// The whole seeded workspace.
pub(crate) fn seeded_store() -> Store {
    let mut contacts = vec![sample_contact()];
    contacts.extend((1..=GENERATED_CONTACTS).map(generated_contact));
    Store::new(contacts, field_defs(), workspace_users())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_contact_has_a_value_of_every_type() {
        let contact = sample_contact();
        let fields = contact["custom_fields"].as_array().map_or(&[][..], |v| v);
        assert_eq!(fields.len(), 8, "a seeded value was rejected");
        for t in [
            "NUMERIC",
            "SINGLE_SELECT",
            "MULTI_SELECT",
            "DATE",
            "BOOLEAN",
            "USER",
            "SINGLE_LINE_TEXT",
        ] {
            assert!(fields.iter().any(|f| f["field_type"] == t), "no {t} value");
        }
        assert!(
            fields
                .iter()
                .any(|f| f["value"].as_str().is_some_and(|s| s.chars().count() > 200))
        );
    }

    #[test]
    fn definitions_need_more_than_one_page() {
        assert_eq!(contact_field_defs().count(), 32);
        let mut ids: Vec<&str> = field_defs().iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), field_defs().len(), "definition ids are unique");
        let mut selects = field_defs()
            .iter()
            .filter(|d| d.field_type.ends_with("_SELECT"));
        assert!(selects.clone().next().is_some());
        assert!(selects.all(|d| d.options.len() >= 3));
    }
}
