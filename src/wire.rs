//! The Rolodex wire model: what the server sends and what a save sends back.
//!
//! Reading is **lossless**: every field the server sent survives a parse and a
//! re-serialisation, including fields the guide does not document (kept in a
//! flattened `extra` map), the difference between `null` and absent (see
//! [`Maybe`]), and the exact form of every custom field value and of every
//! relationship item the client does not edit. The domain layer
//! (`crate::contact`) interprets these values; this module never guesses.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A field the server may send as a value, as `null`, or not at all.
///
/// All three survive a round trip: an absent field stays absent, a `null`
/// stays `null`. Use it with `#[serde(default, skip_serializing_if =
/// "Maybe::is_absent")]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Maybe<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Maybe<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Maybe::Absent)
    }

    /// The value, if there is one (absent and `null` both read as `None`).
    pub fn get(&self) -> Option<&T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<Option<T>> for Maybe<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Maybe::Value(v),
            None => Maybe::Null,
        }
    }
}

impl<T: Serialize> Serialize for Maybe<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Maybe::Value(v) => v.serialize(serializer),
            // `Absent` is skipped by `skip_serializing_if`; if a caller forgets
            // that attribute, `null` is the least surprising output.
            Maybe::Absent | Maybe::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Maybe<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// Every relationship `include` the contact endpoint knows, in the guide's order.
pub const ALL_INCLUDES: [&str; 7] = [
    "emails",
    "phone_numbers",
    "companies",
    "custom_fields",
    "tags",
    "lists",
    "notes",
];

/// A contact as read from `GET /contacts/:id?include=…`.
///
/// Only the fields the editor reads are typed; every other scalar lives in
/// `extra` exactly as sent. Relationship lists the editor never changes
/// (phones, companies, tags, lists, notes) are kept as raw JSON so they
/// survive untouched whatever their shape; use the accessor functions in
/// this module to read them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub full_name: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub first_name: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub last_name: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub title: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub location: Maybe<String>,
    pub is_starred: bool,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub emails: Maybe<Vec<Email>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub custom_fields: Maybe<Vec<CustomFieldValue>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_numbers: Maybe<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub companies: Maybe<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub lists: Maybe<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub notes: Maybe<Vec<Value>>,
    /// Fields the client does not model (or that the server added later).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contact {
    /// The name to show: `full_name`, else first and last name, else the id.
    pub fn display_name(&self) -> String {
        if let Some(n) = self.full_name.get().filter(|n| !n.trim().is_empty()) {
            return n.clone();
        }
        let parts: Vec<&str> = [self.first_name.get(), self.last_name.get()]
            .into_iter()
            .flatten()
            .map(|s| s.as_str())
            .filter(|s| !s.trim().is_empty())
            .collect();
        if parts.is_empty() {
            self.id.clone()
        } else {
            parts.join(" ")
        }
    }

    /// The relationship lists a save never sends (companies, notes).
    pub fn never_sent(&self) -> [(&'static str, &Maybe<Vec<Value>>); 2] {
        [("companies", &self.companies), ("notes", &self.notes)]
    }
}

/// An email address as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Email {
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    pub email_address: String,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_primary: Maybe<bool>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Email {
    pub fn primary(&self) -> bool {
        self.is_primary.get().copied().unwrap_or(false)
    }
}

/// A custom field value on a contact as read:
/// `{"id": DEFINITION_ID, "name", "field_type", "value"}`.
///
/// `value` is kept exactly as sent: its read form varies by type and is not
/// fully documented, so `crate::contact` interprets it against the definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldValue {
    pub id: String,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub field_type: Maybe<String>,
    /// `Absent` and `Null` both mean "no value"; they are kept apart only
    /// so a re-serialised contact is exactly what was read.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub value: Maybe<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CustomFieldValue {
    /// The value as read; `null` when there is none.
    pub fn raw(&self) -> &Value {
        self.value.get().unwrap_or(&Value::Null)
    }
}

/// The seven documented custom field types. A type the client does not know
/// is kept by name so its values can be passed through unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType {
    SingleLineText,
    Numeric,
    Date,
    Boolean,
    SingleSelect,
    MultiSelect,
    User,
    Other(String),
}

impl FieldType {
    pub const ALL: [FieldType; 7] = [
        FieldType::SingleLineText,
        FieldType::Numeric,
        FieldType::Date,
        FieldType::Boolean,
        FieldType::SingleSelect,
        FieldType::MultiSelect,
        FieldType::User,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            FieldType::SingleLineText => "SINGLE_LINE_TEXT",
            FieldType::Numeric => "NUMERIC",
            FieldType::Date => "DATE",
            FieldType::Boolean => "BOOLEAN",
            FieldType::SingleSelect => "SINGLE_SELECT",
            FieldType::MultiSelect => "MULTI_SELECT",
            FieldType::User => "USER",
            FieldType::Other(s) => s,
        }
    }

    pub fn parse(s: &str) -> FieldType {
        FieldType::ALL
            .iter()
            .find(|t| t.as_str() == s)
            .cloned()
            .unwrap_or_else(|| FieldType::Other(s.to_string()))
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(FieldType::parse(&String::deserialize(deserializer)?))
    }
}

/// One option of a SINGLE_SELECT or MULTI_SELECT definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectOption {
    pub id: String,
    pub value: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A custom field definition from `GET /custom-fields`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldDef {
    pub id: String,
    pub name: String,
    pub field_type: FieldType,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub entity_type: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub multi_select_options: Maybe<Vec<SelectOption>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CustomFieldDef {
    pub fn options(&self) -> &[SelectOption] {
        self.multi_select_options
            .get()
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
}

/// A workspace user from `GET /workspace-users`: a candidate USER value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceUser {
    pub id: String,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub full_name: Maybe<String>,
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `{"pagination": {...}}` on every list response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub limit: u64,
    pub offset: u64,
    pub total: u64,
}

/// A page of a list endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Page<T> {
    pub pagination: Pagination,
    pub data: Vec<T>,
}

/// `{"data": ...}` around a single object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Envelope<T> {
    pub data: T,
}

/// The body of `PUT /contacts/:id`, built by `crate::contact`.
///
/// It carries the complete email list and the complete custom field set,
/// because the server replaces both wholesale — but only a list the server
/// showed us: `None` leaves the key out, so the server keeps that list. The
/// untouched relationship lists are deliberately absent for the same reason.
/// A `title` of `None` (null or absent when loaded, and untouched) is left
/// out too.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PutBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub is_starred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<EmailWrite>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomFieldWrite>>,
    /// Sent only when the phone list was edited, and then complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<PhoneWrite>>,
    /// Tag ids; sent only when the tags were edited, and then complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Contact list ids; sent only when edited, and then complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lists: Option<Vec<String>>,
    /// The other scalars that changed (`null` for one cleared).
    #[serde(flatten)]
    pub scalars: Map<String, Value>,
}

/// A phone number in a PUT body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneWrite {
    pub phone_number: String,
    pub country_code: Value,
    pub is_primary: bool,
}

/// An email in a PUT body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailWrite {
    pub email_address: String,
    pub is_primary: bool,
}

/// A custom field value in write form: `{"id": DEFINITION_ID, "value": V}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldWrite {
    pub id: String,
    pub value: Value,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_absent_and_unknown_fields_round_trip() {
        let raw = json!({
            "id": "c1", "title": null, "is_starred": true,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
            "brand_new_field": {"x": [1, 2]},
            "emails": [{"id": "e1", "email_address": "a@b.co", "is_primary": true, "verified": false}],
            "custom_fields": [
                {"id": "f", "name": "F", "field_type": "SINGLE_SELECT", "value": {"id": "o", "value": "O"}},
                {"id": "g", "name": "G", "field_type": "NUMERIC"},
                {"id": "h", "name": "H", "field_type": "NUMERIC", "value": null}
            ],
            "tags": [{"tag": {"id": "t", "name": "VIP"}}, {"id": "t2", "name": "Flat"}]
        });
        let contact: Contact = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(contact.title, Maybe::Null);
        assert_eq!(contact.location, Maybe::Absent);
        assert_eq!(serde_json::to_value(&contact).unwrap(), raw);
    }

    #[test]
    fn unknown_field_type_is_kept_by_name() {
        let t: FieldType = serde_json::from_value(json!("RATING")).unwrap();
        assert_eq!(t, FieldType::Other("RATING".into()));
        assert_eq!(serde_json::to_value(&t).unwrap(), json!("RATING"));
    }
}
