//! The seeded custom field definitions: more contact definitions than fit on
//! one page of 25, company definitions mixed in between them (so filtering by
//! `entity_type` matters), every type, several options per select, unicode
//! labels.

use std::sync::OnceLock;

use super::store::FieldDef;
use crate::time::{format_timestamp, timestamp_of};

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
