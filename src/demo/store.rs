//! The demo server's in-memory state and the queries over it.
//!
//! Contacts are kept as the JSON the API reads back (every relationship list
//! present, custom field values in read form), so what a test inspects through
//! `DemoServer::contact` is byte for byte what a client with every `include`
//! receives.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::clock::ChangeClock;
use super::seed::{COMPANIES, LISTS, TAGS};
use super::write::{WriteContext, apply_update};
use crate::wire::ALL_INCLUDES;

/// A custom field definition. The demo's definitions never change, so they
/// are static data.
#[derive(Debug)]
pub(crate) struct FieldDef {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) field_type: &'static str,
    pub(crate) entity_type: &'static str,
    /// `(option id, label)`; empty for types without options.
    pub(crate) options: &'static [(&'static str, &'static str)],
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
}

impl FieldDef {
    /// The definition as `GET /custom-fields` returns it.
    pub(crate) fn to_json(&self) -> Value {
        let mut v = json!({
            "id": self.id,
            "name": self.name,
            "field_type": self.field_type,
            "entity_type": self.entity_type,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        });
        if matches!(self.field_type, "SINGLE_SELECT" | "MULTI_SELECT") {
            let options: Vec<Value> = self
                .options
                .iter()
                .map(|(id, value)| json!({"id": id, "value": value}))
                .collect();
            v["multi_select_options"] = Value::Array(options);
        }
        v
    }
}

/// The records a save may link a contact to by id, with what the contact then
/// reads back for them.
#[derive(Debug, Default)]
pub(crate) struct Directory {
    /// Company id → name.
    pub(crate) companies: BTreeMap<String, String>,
    /// Id → the inner object of the wrapped read form (`{"id", "name"}`, or
    /// `{"id", "body"}` for notes).
    pub(crate) tags: BTreeMap<String, Value>,
    pub(crate) lists: BTreeMap<String, Value>,
    pub(crate) notes: BTreeMap<String, Value>,
}

impl Directory {
    /// Everything seeded as linkable, plus every note already on a contact.
    fn collect(contacts: &[Value]) -> Directory {
        let named = |items: &[(&str, &str)]| {
            items
                .iter()
                .map(|(id, name)| (id.to_string(), json!({"id": id, "name": name})))
                .collect()
        };
        let mut dir = Directory {
            companies: COMPANIES
                .iter()
                .map(|(id, name)| (id.to_string(), name.to_string()))
                .collect(),
            tags: named(&TAGS),
            lists: named(&LISTS),
            notes: BTreeMap::new(),
        };
        let notes = contacts
            .iter()
            .filter_map(|c| c.get("notes").and_then(Value::as_array))
            .flatten()
            .filter_map(|n| n.get("note"));
        for note in notes {
            if let Some(id) = note.get("id").and_then(Value::as_str) {
                dir.notes.insert(id.to_string(), note.clone());
            }
        }
        dir
    }
}

/// Why a save was refused.
#[derive(Debug)]
pub(crate) enum UpdateError {
    NotFound,
    Invalid(String),
}

/// A sort key for `GET /contacts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContactOrder {
    UpdatedAt,
    CreatedAt,
    LastTeamInteraction,
    FullName,
}

impl ContactOrder {
    pub(crate) fn parse(field: &str) -> Option<ContactOrder> {
        Some(match field {
            "updated_at" => ContactOrder::UpdatedAt,
            "created_at" => ContactOrder::CreatedAt,
            "last_team_interaction" => ContactOrder::LastTeamInteraction,
            "full_name" => ContactOrder::FullName,
            _ => return None,
        })
    }

    fn key(self) -> &'static str {
        match self {
            ContactOrder::UpdatedAt => "updated_at",
            ContactOrder::CreatedAt => "created_at",
            ContactOrder::LastTeamInteraction => "last_team_interaction",
            ContactOrder::FullName => "full_name",
        }
    }
}

#[derive(Debug)]
pub(crate) struct Store {
    contacts: Vec<Map<String, Value>>,
    field_defs: &'static [FieldDef],
    users: Vec<Value>,
    directory: Directory,
    clock: ChangeClock,
    /// The last number used in a generated email or phone id.
    last_item_id: u64,
}

impl Store {
    /// A store over the given records. Contacts that are not JSON objects are
    /// skipped.
    pub(crate) fn new(
        contacts: Vec<Value>,
        field_defs: &'static [FieldDef],
        users: Vec<Value>,
    ) -> Store {
        let directory = Directory::collect(&contacts);
        let contacts = contacts
            .into_iter()
            .filter_map(|c| match c {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect();
        Store {
            contacts,
            field_defs,
            users,
            directory,
            clock: ChangeClock::new(),
            last_item_id: 9_000,
        }
    }

    /// The same store with its clock and its item ids going on from where
    /// a saved run left them (see `super::saved`).
    pub(crate) fn resumed(mut self, clock: i64, last_item_id: u64) -> Store {
        self.clock.resume(clock);
        self.last_item_id = self.last_item_id.max(last_item_id);
        self
    }

    /// Every contact, in stored order, with every relationship list.
    pub(crate) fn contacts(&self) -> Vec<Value> {
        self.contacts.iter().cloned().map(Value::Object).collect()
    }

    /// Stamps changes from now on by a fixed clock instead of the time
    /// now (see `super::clock`).
    pub(crate) fn fix_clock(&mut self) {
        self.clock.fix();
    }

    /// The last time the clock handed out (seconds since the epoch) and the
    /// last generated item id: what a saved run must go on from.
    pub(crate) fn counters(&self) -> (i64, u64) {
        (self.clock.last(), self.last_item_id)
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.contacts
            .iter()
            .position(|c| c.get("id").and_then(Value::as_str) == Some(id))
    }

    /// The stored contact with every relationship list.
    pub(crate) fn contact(&self, id: &str) -> Option<Value> {
        self.position(id)
            .map(|i| Value::Object(self.contacts[i].clone()))
    }

    /// The contact as `GET /contacts/:id?include=…` returns it.
    pub(crate) fn contact_with(&self, id: &str, include: &[&str]) -> Option<Value> {
        self.position(id)
            .map(|i| with_includes(&self.contacts[i], include))
    }

    /// Applies `f` to the stored contact and moves its `updated_at` forward:
    /// a change made by someone else.
    pub(crate) fn modify_contact(&mut self, id: &str, f: impl FnOnce(&mut Value)) -> bool {
        let Some(i) = self.position(id) else {
            return false;
        };
        let mut value = Value::Object(std::mem::take(&mut self.contacts[i]));
        f(&mut value);
        let mut contact = match value {
            Value::Object(o) => o,
            _ => Map::new(),
        };
        contact.insert("updated_at".into(), json!(self.clock.tick()));
        self.contacts[i] = contact;
        true
    }

    /// `PUT /contacts/:id`: the saved contact's scalars, as the guide's
    /// example answer shows them.
    pub(crate) fn update_contact(&mut self, id: &str, body: &Value) -> Result<Value, UpdateError> {
        let i = self.position(id).ok_or(UpdateError::NotFound)?;
        let mut ctx = WriteContext {
            defs: self.field_defs,
            directory: &self.directory,
            next_id: &mut self.last_item_id,
        };
        let mut next =
            apply_update(&self.contacts[i], body, &mut ctx).map_err(UpdateError::Invalid)?;
        next.insert("updated_at".into(), json!(self.clock.tick()));
        self.contacts[i] = next;
        Ok(with_includes(&self.contacts[i], &[]))
    }

    /// One page of contacts in the given order (`null` sorts last either
    /// way), and how many there are in all.
    pub(crate) fn contacts_page(
        &self,
        order: ContactOrder,
        descending: bool,
        page: Paging,
        include: &[&str],
    ) -> (usize, Vec<Value>) {
        let mut sorted: Vec<&Map<String, Value>> = self.contacts.iter().collect();
        let key = order.key();
        sorted.sort_by(|a, b| {
            let (ka, kb) = (
                a.get(key).and_then(Value::as_str),
                b.get(key).and_then(Value::as_str),
            );
            let by_key = match (ka, kb) {
                (Some(x), Some(y)) if descending => y.cmp(x),
                (x, y) => x.is_none().cmp(&y.is_none()).then(x.cmp(&y)),
            };
            by_key.then_with(|| id_of(a).cmp(id_of(b)))
        });
        let total = sorted.len();
        let data = page
            .slice(&sorted)
            .iter()
            .map(|c| with_includes(c, include))
            .collect();
        (total, data)
    }

    /// Definitions matching the filters, in creation order.
    pub(crate) fn field_defs(
        &self,
        field_type: Option<&str>,
        entity_type: Option<&str>,
    ) -> Vec<&FieldDef> {
        self.field_defs
            .iter()
            .filter(|d| field_type.is_none_or(|t| d.field_type == t))
            .filter(|d| entity_type.is_none_or(|t| d.entity_type == t))
            .collect()
    }

    pub(crate) fn field_def(&self, id: &str) -> Option<&FieldDef> {
        self.field_defs.iter().find(|d| d.id == id)
    }

    pub(crate) fn users(&self) -> &[Value] {
        &self.users
    }
}

fn id_of(c: &Map<String, Value>) -> &str {
    c.get("id").and_then(Value::as_str).unwrap_or_default()
}

/// The contact with only the requested relationship lists.
fn with_includes(contact: &Map<String, Value>, include: &[&str]) -> Value {
    let kept = contact
        .iter()
        .filter(|(k, _)| !ALL_INCLUDES.contains(&k.as_str()) || include.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(kept)
}

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

impl Paging {
    pub(crate) fn slice<'a, T>(&self, all: &'a [T]) -> &'a [T] {
        let start = self.offset.min(all.len());
        let end = start.saturating_add(self.limit).min(all.len());
        &all[start..end]
    }
}
