//! The demo server's sample data: deterministic, so `--demo`, the tests and
//! the screenshots all see the same workspace on every run.
//!
//! It covers what the editor must cope with: every custom field type, more
//! contact custom field definitions than fit on one page of 25, definitions
//! for companies mixed in between (so filtering matters), unicode labels and
//! values, a value longer than any pane is wide, null scalars, and the guide's
//! own example contact, Jane Smith.

use std::sync::OnceLock;

use serde_json::{Value, json};

use super::DEMO_CONTACT_ID;
use super::clock::{format_timestamp, timestamp_of};
use super::generated::generated_contact;
use super::store::{FieldDef, Store};
use super::write::custom_field_read_form;

/// The workspace every seeded user belongs to.
const WORKSPACE_ID: &str = "workspace_001";

/// How many generated contacts fill the picker besides Jane Smith.
const GENERATED_CONTACTS: u64 = 50;

type Options = &'static [(&'static str, &'static str)];

/// Contact custom field definitions, in creation order: 32 of them, so a
/// client that reads only the first page of 25 misses some.
const CONTACT_FIELDS: [(&str, &str, &str, Options); 32] = [
    ("field_123", "Lead Score", "NUMERIC", &[]),
    (
        "field_stage",
        "Deal Stage",
        "SINGLE_SELECT",
        &[
            ("opt_stage_lead", "Lead"),
            ("opt_stage_qualified", "Qualified"),
            ("opt_stage_proposal", "Proposal"),
            ("opt_stage_won", "Won ✅"),
            ("opt_stage_lost", "Lost"),
        ],
    ),
    (
        "field_interests",
        "Interests",
        "MULTI_SELECT",
        &[
            ("opt_int_analytics", "Analytics"),
            ("opt_int_integrations", "Integrations"),
            ("opt_int_mobile", "Mobile"),
            ("opt_int_security", "Security"),
            ("opt_int_tokyo", "東京 office"),
            ("opt_int_launch", "🚀 Launch"),
        ],
    ),
    ("field_renewal", "Renewal Date", "DATE", &[]),
    ("field_newsletter", "Newsletter Opt-in", "BOOLEAN", &[]),
    ("field_owner", "Account Owner", "USER", &[]),
    ("field_background", "Background", "SINGLE_LINE_TEXT", &[]),
    ("field_preferred", "Preferred Name", "SINGLE_LINE_TEXT", &[]),
    (
        "field_referral",
        "Referral Source",
        "SINGLE_SELECT",
        &[
            ("opt_ref_web", "Website"),
            ("opt_ref_event", "Event"),
            ("opt_ref_partner", "Partner"),
            ("opt_ref_friend", "Word of mouth"),
        ],
    ),
    ("field_budget", "Budget (USD)", "NUMERIC", &[]),
    ("field_contract_start", "Contract Start", "DATE", &[]),
    ("field_vip", "VIP", "BOOLEAN", &[]),
    (
        "field_tier",
        "Support Tier",
        "SINGLE_SELECT",
        &[
            ("opt_tier_bronze", "Bronze"),
            ("opt_tier_silver", "Silver"),
            ("opt_tier_gold", "Gold ★"),
        ],
    ),
    (
        "field_languages",
        "Languages",
        "MULTI_SELECT",
        &[
            ("opt_lang_en", "English"),
            ("opt_lang_de", "Deutsch"),
            ("opt_lang_ja", "日本語"),
            ("opt_lang_es", "Español"),
            ("opt_lang_el", "Ελληνικά"),
        ],
    ),
    ("field_timezone", "Time Zone", "SINGLE_LINE_TEXT", &[]),
    ("field_company_size", "Company Size", "NUMERIC", &[]),
    ("field_last_demo", "Last Demo", "DATE", &[]),
    ("field_champion", "Champion", "USER", &[]),
    ("field_nps", "NPS", "NUMERIC", &[]),
    ("field_customer_since", "Customer Since", "DATE", &[]),
    (
        "field_churn",
        "Churn Risk",
        "SINGLE_SELECT",
        &[
            ("opt_churn_low", "Low"),
            ("opt_churn_medium", "Medium"),
            ("opt_churn_high", "High"),
        ],
    ),
    (
        "field_stack",
        "Tech Stack",
        "MULTI_SELECT",
        &[
            ("opt_stack_rust", "Rust"),
            ("opt_stack_go", "Go"),
            ("opt_stack_ts", "TypeScript"),
            ("opt_stack_py", "Python"),
            ("opt_stack_kt", "Kotlin"),
        ],
    ),
    ("field_beta", "Beta Tester", "BOOLEAN", &[]),
    (
        "field_region",
        "Région / 地域",
        "SINGLE_SELECT",
        &[
            ("opt_region_tokyo", "東京"),
            ("opt_region_zurich", "Zürich"),
            ("opt_region_sao_paulo", "São Paulo"),
            ("opt_region_nyc", "New York"),
        ],
    ),
    (
        "field_zoe_notes",
        "Notes for Zoë Ångström 📝",
        "SINGLE_LINE_TEXT",
        &[],
    ),
    ("field_x_handle", "X Handle", "SINGLE_LINE_TEXT", &[]),
    ("field_emoji", "Favourite Emoji", "SINGLE_LINE_TEXT", &[]),
    ("field_onboarded", "Onboarding Done", "BOOLEAN", &[]),
    ("field_seats", "Seats", "NUMERIC", &[]),
    ("field_trial_ends", "Trial Ends", "DATE", &[]),
    ("field_secondary_owner", "Secondary Owner", "USER", &[]),
    (
        "field_priority",
        "Priority",
        "SINGLE_SELECT",
        &[
            ("opt_prio_p0", "P0 — drop everything"),
            ("opt_prio_p1", "P1"),
            ("opt_prio_p2", "P2"),
            ("opt_prio_p3", "P3"),
        ],
    ),
];

/// Company custom field definitions; the contact editor must never show them.
const COMPANY_FIELDS: [(&str, &str, &str, Options); 5] = [
    (
        "field_co_industry",
        "Industry",
        "SINGLE_SELECT",
        &[
            ("opt_ind_saas", "SaaS"),
            ("opt_ind_manufacturing", "Manufacturing"),
            ("opt_ind_retail", "Retail"),
        ],
    ),
    ("field_co_revenue", "Annual Revenue", "NUMERIC", &[]),
    ("field_co_founded", "Founded", "DATE", &[]),
    ("field_co_public", "Public Company", "BOOLEAN", &[]),
    ("field_co_hq", "HQ City", "SINGLE_LINE_TEXT", &[]),
];

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

/// A text value longer than any pane is wide (over 200 characters).
pub(crate) const LONG_TEXT: &str = "Joined from a competitor after a two-year evaluation; \
    owns the roadmap for the analytics suite, reports to the VP of Product, prefers \
    written summaries before calls, and asked us to loop in procurement (Zoë Ångström) \
    before any renewal conversation — never on Fridays.";

/// Every custom field definition, contact and company interleaved, each with
/// its own creation time.
pub(crate) fn field_defs() -> &'static [FieldDef] {
    static DEFS: OnceLock<Vec<FieldDef>> = OnceLock::new();
    DEFS.get_or_init(|| {
        let contact = CONTACT_FIELDS.iter().map(|f| (f, "CONTACT"));
        let company = COMPANY_FIELDS.iter().map(|f| (f, "COMPANY"));
        let mut ordered: Vec<_> = contact.collect();
        for (i, def) in company.enumerate() {
            ordered.insert(3 + i * 7, def);
        }
        let base = timestamp_of(2024, 3, 1);
        ordered
            .into_iter()
            .enumerate()
            .map(|(i, (&(id, name, field_type, options), entity_type))| {
                let created = base + i as i64 * 86_400 + 9 * 3600;
                FieldDef {
                    id,
                    name,
                    field_type,
                    entity_type,
                    options,
                    created_at: format_timestamp(created),
                    updated_at: format_timestamp(created + 3 * 86_400),
                }
            })
            .collect()
    })
}

/// The contact custom field definitions only, in creation order.
pub(crate) fn contact_field_defs() -> impl Iterator<Item = &'static FieldDef> {
    field_defs().iter().filter(|d| d.entity_type == "CONTACT")
}

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
        "birthday_day": null,
        "birthday_month": null,
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
            {"id": "phone_2001", "phone_number": "+1 212 555 0199", "country_code": "US", "is_primary": true}
        ],
        "companies": [
            {"id": "company_acme", "name": "Acme Corp", "title": "Product Manager", "is_active": true, "start_date": "2022-03-01"}
        ],
        "custom_fields": custom_fields,
        "tags": [{"tag": {"id": "tag_vip", "name": "VIP"}}],
        "lists": [{"list": {"id": "list_q3", "name": "Q3 Outreach"}}],
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

/// The whole seeded workspace.
pub(crate) fn seeded_store() -> Store {
    let mut contacts = vec![sample_contact()];
    contacts.extend((1..=GENERATED_CONTACTS).map(generated_contact));
    let users = USERS
        .iter()
        .enumerate()
        .map(|(i, u)| workspace_user(i, u))
        .collect();
    Store::new(contacts, field_defs(), users)
}
