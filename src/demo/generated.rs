//! Deterministically generated contacts: the picker's population, and an
//! endless supply of realistic contacts for property tests.
//!
//! Everything is derived from one number through a fixed hash, so the same
//! `n` always gives the same contact and neighbouring numbers give unrelated
//! ones.

use serde_json::{Map, Value, json};

use super::definitions::contact_field_defs;
use super::seed::{COMPANIES, LISTS, LONG_TEXT, TAGS, USERS, contact_custom_field};
use crate::time::{format_timestamp, timestamp_of};

const FIRST_NAMES: [&str; 16] = [
    "Aarav",
    "Beatriz",
    "Chloé",
    "Dmitri",
    "Emeka",
    "Fatima",
    "Gustav",
    "Hana",
    "Ignacio",
    "Léa",
    "Mateo",
    "Oluwaseun",
    "Priya",
    "Søren",
    "Ximena",
    "Zoë",
];
const LAST_NAMES: [&str; 16] = [
    "Ångström",
    "Baptiste",
    "Castillo",
    "Dubois",
    "Eriksen",
    "García",
    "Haddad",
    "Ivanova",
    "Kowalski",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Papadopoulos",
    "Silva",
    "Wójcik",
    "Zhang",
];
const TITLES: [&str; 8] = [
    "CTO",
    "Head of Sales",
    "Product Designer",
    "Engineering Manager",
    "Founder & CEO",
    "Customer Success Lead",
    "Data Scientist",
    "VP Marketing",
];
const LOCATIONS: [&str; 7] = [
    "New York, NY",
    "東京, Japan",
    "Zürich, Switzerland",
    "São Paulo, Brazil",
    "Berlin, Germany",
    "Lagos, Nigeria",
    "Toronto, Canada",
];
const TEXTS: [&str; 6] = [
    "Call after 3pm",
    "Zoë Ångström",
    "東京 → Zürich",
    "🎉🚀✨",
    "",
    LONG_TEXT,
];
const NOTES: [&str; 4] = [
    "Intro call went well; follow up next quarter.",
    "Asked about SSO and audit logs.",
    "Met at the 東京 meetup 🍣",
    "Needs a quote in EUR (€).",
];

/// A 64-bit mix of `n` and a salt (SplitMix64's finaliser): cheap, stable
/// across platforms, and good enough to vary every field independently.
fn mix(n: u64, salt: u64) -> u64 {
    let mut z = n
        .wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<T: Copy>(items: &[T], h: u64) -> T {
    items[(h % items.len() as u64) as usize]
}

/// `Some(value)` about four times in five, `null` otherwise.
fn mostly(h: u64, value: Value) -> Value {
    if h.is_multiple_of(5) {
        Value::Null
    } else {
        value
    }
}

/// The contact numbered `n`, as the server stores it (every relationship
/// list present, custom field values in read form). Its id is
/// `contact_g{n}`, which never collides with the sample contact.
pub fn generated_contact(n: u64) -> Value {
    let h = |salt: u64| mix(n, salt);
    let first = pick(&FIRST_NAMES, h(1));
    let last = pick(&LAST_NAMES, h(2));
    let (first, last, full) = if h(3) % 17 == 0 {
        ("太郎", "山田", "山田 太郎".to_string())
    } else {
        (first, last, format!("{first} {last}"))
    };
    let slug = format!("{}{}", first.to_lowercase(), n);
    let created = timestamp_of(2024, 1, 1) + (h(4) % (300 * 86_400)) as i64;
    let updated = created + (h(5) % (150 * 86_400)) as i64;
    let id = format!("contact_g{n}");

    let mut c = Map::new();
    c.insert("id".into(), json!(id));
    c.insert("full_name".into(), json!(full));
    c.insert("first_name".into(), json!(first));
    c.insert("last_name".into(), json!(last));
    c.insert("title".into(), mostly(h(6), json!(pick(&TITLES, h(7)))));
    c.insert(
        "description".into(),
        if h(8) % 3 == 0 {
            json!(pick(&TEXTS, h(9)))
        } else {
            Value::Null
        },
    );
    c.insert(
        "location".into(),
        mostly(h(10), json!(pick(&LOCATIONS, h(11)))),
    );
    c.insert(
        "image_url".into(),
        mostly(h(12), json!(format!("https://img.example.com/{id}.png"))),
    );
    for (i, key) in ["linkedin_slug", "x_slug", "facebook_slug", "instagram_slug"]
        .into_iter()
        .enumerate()
    {
        let v = if h(13 + i as u64) % 2 == 0 {
            json!(slug)
        } else {
            Value::Null
        };
        c.insert(key.into(), v);
    }
    c.insert(
        "website_url".into(),
        mostly(h(17), json!(format!("https://{slug}.example.org"))),
    );
    let birthday = h(18) % 3 != 0;
    let birth = |v: u64| if birthday { json!(v) } else { Value::Null };
    c.insert("birthday_day".into(), birth(1 + h(19) % 28));
    c.insert("birthday_month".into(), birth(1 + h(20) % 12));
    c.insert("birthday_year".into(), birth(1950 + h(21) % 55));
    c.insert("is_starred".into(), json!(h(22) % 4 == 0));
    c.insert("ignore_merge".into(), json!(h(23) % 9 == 0));
    c.insert(
        "last_team_interaction".into(),
        mostly(
            h(24),
            json!(format_timestamp(updated - (h(25) % 86_400) as i64)),
        ),
    );
    c.insert("created_at".into(), json!(format_timestamp(created)));
    c.insert("updated_at".into(), json!(format_timestamp(updated)));

    let emails: Vec<Value> = (0..h(26) % 4)
        .map(|i| {
            let domain = ["example.com", "mail.example.net", "例え.jp"][i as usize % 3];
            json!({"id": format!("email_g{n}_{i}"), "email_address": format!("{slug}.{i}@{domain}"), "is_primary": i == 0})
        })
        .collect();
    c.insert("emails".into(), Value::Array(emails));
    let phones: Vec<Value> = (0..h(27) % 3)
        .map(|i| {
            json!({"id": format!("phone_g{n}_{i}"), "phone_number": format!("+44 20 7946 {:04}", h(28 + i) % 10_000), "country_code": "GB", "is_primary": i == 0})
        })
        .collect();
    c.insert("phone_numbers".into(), Value::Array(phones));
    let companies: Vec<Value> = (0..h(31) % 2)
        .map(|_| {
            let (cid, name) = pick(&COMPANIES, h(32));
            json!({"id": cid, "name": name, "title": mostly(h(33), json!(pick(&TITLES, h(7)))), "is_active": h(34) % 3 != 0, "start_date": mostly(h(35), json!(format_timestamp(created)[..10]))})
        })
        .collect();
    c.insert("companies".into(), Value::Array(companies));
    c.insert("custom_fields".into(), Value::Array(custom_fields(n)));
    let wrapped = |key: &str, items: &[(&str, &str)], count: u64, salt: u64| -> Value {
        let start = h(salt) as usize;
        (0..count as usize)
            .map(|i| {
                let (id, name) = items[(start + i) % items.len()];
                json!({key: {"id": id, "name": name}})
            })
            .collect()
    };
    c.insert("tags".into(), wrapped("tag", &TAGS, h(36) % 4, 37));
    c.insert("lists".into(), wrapped("list", &LISTS, h(38) % 3, 39));
    let notes: Vec<Value> = (0..h(40) % 3)
        .map(|i| json!({"note": {"id": format!("note_g{n}_{i}"), "body": pick(&NOTES, h(41 + i))}}))
        .collect();
    c.insert("notes".into(), Value::Array(notes));
    Value::Object(c)
}

/// About a third of the contact custom fields, each with a value of its type,
/// converted to read form the same way a save converts it.
fn custom_fields(n: u64) -> Vec<Value> {
    contact_field_defs()
        .enumerate()
        .filter(|&(i, _)| mix(n, 100 + i as u64).is_multiple_of(3))
        .filter_map(|(i, def)| {
            let h = mix(n, 200 + i as u64);
            let write = match def.field_type {
                "NUMERIC" if h.is_multiple_of(2) => json!(h % 10_000),
                "NUMERIC" => json!((h % 1_000_000) as f64 / 100.0),
                "DATE" => json!(
                    format_timestamp(timestamp_of(2023, 1, 1) + (h % 900) as i64 * 86_400)[..10]
                ),
                "BOOLEAN" => json!(h.is_multiple_of(2)),
                "USER" => json!(pick(&USERS, h).0),
                "SINGLE_SELECT" => json!(pick(def.options, h).0),
                "MULTI_SELECT" => {
                    let ids: Vec<&str> = def
                        .options
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| (h >> j) & 1 == 1)
                        .map(|(_, o)| o.0)
                        .collect();
                    json!(ids)
                }
                _ => json!(pick(&TEXTS, h)),
            };
            contact_custom_field(def.id, &write)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_number_same_contact() {
        assert_eq!(generated_contact(7), generated_contact(7));
        assert_ne!(generated_contact(7), generated_contact(8));
    }

    #[test]
    fn every_generated_custom_field_value_is_valid() {
        let defs = contact_field_defs().count();
        let produced: usize = (0..200).map(|n| custom_fields(n).len()).sum();
        let attempted: usize = (0..200)
            .map(|n| {
                (0..defs)
                    .filter(|&i| mix(n, 100 + i as u64).is_multiple_of(3))
                    .count()
            })
            .sum();
        assert_eq!(produced, attempted, "a generated value was rejected");
    }
}
