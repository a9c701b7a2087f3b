//! Reading what the server sent: list pages, which relationship lists came
//! back, the definitions' types, and the forms custom field values take.

use serde_json::Value;

use super::{Definitions, ListInclude};
use crate::api::wire::{ALL_INCLUDES, CustomFieldDef, FieldType};
use crate::contact::FieldValue;
use crate::time::is_calendar_date;

/// `data` of a list page, when it is a list.
pub(super) fn page_items(body: &Value) -> Option<&Vec<Value>> {
    body.get("data").and_then(Value::as_array)
}

/// A number in `pagination`.
pub(super) fn pagination_u64(body: &Value, key: &str) -> Option<u64> {
    body.get("pagination")
        .and_then(|p| p.get(key))
        .and_then(Value::as_u64)
}

/// On how many contacts each relationship list came back as an array.
pub(super) fn list_include(items: &[Value]) -> ListInclude {
    let present = ALL_INCLUDES
        .iter()
        .map(|list| {
            let n = items
                .iter()
                .filter(|c| c.get(*list).is_some_and(Value::is_array))
                .count();
            (*list, n)
        })
        .collect();
    ListInclude {
        items: items.len(),
        present,
    }
}

/// The definitions as read, counted by entity and field type. Server text
/// (the type names) goes through `scrub`.
pub(super) fn definitions(
    items: &[Value],
    pages: usize,
    total: Option<u64>,
    incomplete: bool,
    scrub: &dyn Fn(&str) -> String,
) -> Definitions {
    let mut by_entity: Vec<(Option<String>, usize)> = Vec::new();
    let mut field_types: Vec<(String, usize)> = Vec::new();
    for item in items {
        let entity = item.get("entity_type").and_then(Value::as_str).map(scrub);
        bump(&mut by_entity, entity);
        let field_type = item
            .get("field_type")
            .and_then(Value::as_str)
            .map_or_else(|| "(none)".to_string(), scrub);
        bump(&mut field_types, field_type);
    }
    Definitions {
        count: items.len(),
        pages,
        total,
        by_entity,
        field_types,
        incomplete,
    }
}

fn bump<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

/// The shape of one custom field value as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ValueForm {
    Number,
    /// A string that is not a date (DATE values are told apart below).
    Text,
    /// `YYYY-MM-DD`.
    DateText,
    /// A date with a time after it.
    DateTimeText,
    Boolean,
    /// `{"id", "value"}`: an option as the guide shows SINGLE_SELECT.
    OptionObject,
    /// Any other object.
    Object,
    ArrayOfObjects,
    ArrayOfStrings,
    EmptyArray,
    /// An array of anything else, or of mixed items.
    OtherArray,
    Null,
    /// The item has no `value` key.
    NoValueKey,
}

/// How often a form was seen for one type, and how many of those values the
/// editor does not understand (it sends those back exactly as read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCount {
    pub form: ValueForm,
    pub count: usize,
    pub not_understood: usize,
}

/// The forms seen for one `field_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeForms {
    /// As the value item (or its definition) names it; `(none)` when neither does.
    pub field_type: String,
    pub forms: Vec<FormCount>,
}

/// The forms phone numbers came in over every contact examined: how the
/// `country_code` is written, and whether `phone_number` carries its own
/// `+code`. The guide's examples show both `"US"` and `"+1"`; the editor
/// reads either and sends an untouched number back as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PhoneForms {
    /// Numbers seen.
    pub numbers: usize,
    /// `country_code` as a region code (`US`), as `+digits` (`+1`), as
    /// digits (`1`), absent or empty, or anything else.
    pub region: usize,
    pub plus_digits: usize,
    pub digits: usize,
    pub none: usize,
    pub other: usize,
    /// `phone_number` starting with `+`.
    pub international: usize,
}

/// Counts the phone forms of `contacts` (those that carry phone numbers).
pub(super) fn phone_forms(contacts: &[&Value]) -> PhoneForms {
    let mut out = PhoneForms::default();
    for item in contacts
        .iter()
        .filter_map(|c| c.get("phone_numbers")?.as_array())
        .flatten()
    {
        out.numbers += 1;
        let number = item
            .get("phone_number")
            .and_then(Value::as_str)
            .unwrap_or("");
        if number.trim_start().starts_with('+') {
            out.international += 1;
        }
        match item
            .get("country_code")
            .and_then(Value::as_str)
            .map(str::trim)
        {
            None | Some("") => out.none += 1,
            Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => out.region += 1,
            Some(c)
                if c.strip_prefix('+')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) =>
            {
                out.plus_digits += 1
            }
            Some(c) if c.bytes().all(|b| b.is_ascii_digit()) => out.digits += 1,
            Some(_) => out.other += 1,
        }
    }
    out
}

/// The forms custom field values took over every contact examined.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValueForms {
    /// Contacts whose `custom_fields` came back as a list.
    pub contacts: usize,
    pub values: usize,
    /// In the order the types were first seen.
    pub by_type: Vec<TypeForms>,
}

impl ValueForms {
    pub fn not_understood(&self) -> usize {
        self.by_type
            .iter()
            .flat_map(|t| &t.forms)
            .map(|f| f.not_understood)
            .sum()
    }
}

/// Classifies every custom field value of these contacts. A value's type is
/// its item's `field_type`, else its definition's.
pub(super) fn value_forms(
    contacts: &[&Value],
    defs: &[CustomFieldDef],
    scrub: &dyn Fn(&str) -> String,
) -> ValueForms {
    let mut forms = ValueForms::default();
    for contact in contacts {
        let Some(fields) = contact.get("custom_fields").and_then(Value::as_array) else {
            continue;
        };
        forms.contacts += 1;
        for item in fields {
            let def = item
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| defs.iter().find(|d| d.id == id));
            let type_name = item
                .get("field_type")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| def.map(|d| d.field_type.as_str().to_string()));
            let field_type = FieldType::parse(type_name.as_deref().unwrap_or_default());
            let raw = item.get("value");
            let form = form_of(raw, &field_type);
            let understood = !matches!(
                FieldValue::from_read(&field_type, def, raw.unwrap_or(&Value::Null)),
                FieldValue::Opaque(_)
            );
            let shown = type_name.map_or_else(|| "(none)".to_string(), |t| scrub(&t));
            let entry = match forms.by_type.iter_mut().position(|t| t.field_type == shown) {
                Some(i) => &mut forms.by_type[i],
                None => {
                    forms.by_type.push(TypeForms {
                        field_type: shown,
                        forms: Vec::new(),
                    });
                    let last = forms.by_type.len() - 1;
                    &mut forms.by_type[last]
                }
            };
            match entry.forms.iter_mut().find(|f| f.form == form) {
                Some(f) => {
                    f.count += 1;
                    f.not_understood += usize::from(!understood);
                }
                None => entry.forms.push(FormCount {
                    form,
                    count: 1,
                    not_understood: usize::from(!understood),
                }),
            }
            forms.values += 1;
        }
    }
    for t in &mut forms.by_type {
        t.forms.sort_by_key(|f| f.form);
    }
    forms
}

fn form_of(raw: Option<&Value>, field_type: &FieldType) -> ValueForm {
    let Some(raw) = raw else {
        return ValueForm::NoValueKey;
    };
    match raw {
        Value::Null => ValueForm::Null,
        Value::Bool(_) => ValueForm::Boolean,
        Value::Number(_) => ValueForm::Number,
        Value::String(s) if *field_type == FieldType::Date => {
            let date = s.get(..10).is_some_and(is_calendar_date);
            match s.len() {
                10 if date => ValueForm::DateText,
                _ if date => ValueForm::DateTimeText,
                _ => ValueForm::Text,
            }
        }
        Value::String(_) => ValueForm::Text,
        Value::Object(o) if o.contains_key("id") && o.contains_key("value") => {
            ValueForm::OptionObject
        }
        Value::Object(_) => ValueForm::Object,
        Value::Array(items) if items.is_empty() => ValueForm::EmptyArray,
        Value::Array(items) if items.iter().all(Value::is_object) => ValueForm::ArrayOfObjects,
        Value::Array(items) if items.iter().all(Value::is_string) => ValueForm::ArrayOfStrings,
        Value::Array(_) => ValueForm::OtherArray,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plain(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn every_documented_form_is_told_apart_and_odd_ones_are_flagged() {
        let contact = json!({"id": "c", "custom_fields": [
            {"id": "n", "field_type": "NUMERIC", "value": 88},
            {"id": "n2", "field_type": "NUMERIC", "value": {"amount": 88}},
            {"id": "s", "field_type": "SINGLE_SELECT", "value": {"id": "o", "value": "O"}},
            {"id": "d", "field_type": "DATE", "value": "2025-09-30"},
            {"id": "d2", "field_type": "DATE", "value": "2025-09-30T00:00:00Z"},
            {"id": "m", "field_type": "MULTI_SELECT", "value": ["o1", "o2"]},
            {"id": "m2", "field_type": "MULTI_SELECT", "value": [{"id": "o1", "value": "A"}]},
            {"id": "r", "field_type": "RATING", "value": 4},
            {"id": "b", "field_type": "BOOLEAN", "value": null},
            {"id": "b2", "field_type": "BOOLEAN"}
        ]});
        let forms = value_forms(&[&contact], &[], &plain);
        assert_eq!((forms.contacts, forms.values), (1, 10));
        let of = |t: &str| {
            forms
                .by_type
                .iter()
                .find(|f| f.field_type == t)
                .map(|f| {
                    f.forms
                        .iter()
                        .map(|c| (c.form, c.not_understood))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            of("NUMERIC"),
            [(ValueForm::Number, 0), (ValueForm::Object, 1)]
        );
        assert_eq!(of("SINGLE_SELECT"), [(ValueForm::OptionObject, 0)]);
        assert_eq!(
            of("DATE"),
            [(ValueForm::DateText, 0), (ValueForm::DateTimeText, 0)]
        );
        assert_eq!(
            of("MULTI_SELECT"),
            [
                (ValueForm::ArrayOfObjects, 0),
                (ValueForm::ArrayOfStrings, 0)
            ]
        );
        assert_eq!(of("RATING"), [(ValueForm::Number, 1)]);
        assert_eq!(
            of("BOOLEAN"),
            [(ValueForm::Null, 0), (ValueForm::NoValueKey, 0)]
        );
        assert_eq!(forms.not_understood(), 2);
    }

    #[test]
    fn a_list_counts_as_returned_only_on_every_item() {
        let items = [
            json!({"id": "a", "emails": [], "tags": null}),
            json!({"id": "b", "emails": [{"email_address": "x@y.co"}]}),
        ];
        let include = list_include(&items);
        assert!(include.returns("emails"));
        assert!(!include.returns("tags"));
        assert_eq!(include.returned(), ["emails"]);
        assert!(!list_include(&[]).returns("emails"));
    }

    #[test]
    fn definitions_count_entities_and_types() {
        let items = [
            json!({"id": "a", "field_type": "NUMERIC", "entity_type": "CONTACT"}),
            json!({"id": "b", "field_type": "RATING", "entity_type": "COMPANY"}),
            json!({"id": "c", "field_type": "NUMERIC", "entity_type": "CONTACT"}),
        ];
        let defs = definitions(&items, 1, Some(3), false, &plain);
        assert!(!defs.entity_type_honoured());
        assert_eq!((defs.not_contact(), defs.contact_count()), (1, 2));
        assert_eq!(
            defs.field_types,
            [("NUMERIC".to_string(), 2), ("RATING".to_string(), 1)]
        );
    }
}
