//! Ways the demo server can answer as the Rolodex guide's own examples do,
//! where they differ from the shapes the client would like to assume: a
//! single GET without the relationship lists it was asked for, or none at
//! all; no relationship lists anywhere; PUT answers without a contact; a
//! definitions filter that is ignored. Each stays in force until changed,
//! so a test (or a person running `cargo run --example demo_server`) can
//! rehearse the client against every one of them over real HTTP.

use std::fmt;

/// How `GET /contacts/:id` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SingleGet {
    /// With every relationship list `include` asked for.
    #[default]
    WithLists,
    /// Scalars only, whatever `include` asked for (as the guide's
    /// `GET /tags/:id?include=…` and `GET /notes/:id?include=…` examples).
    WithoutLists,
    /// The endpoint does not exist: 404 `no such endpoint`.
    Missing,
    /// The endpoint answers 405 `method not allowed`.
    NotAllowed,
}

/// How `PUT /contacts/:id` answers a save it stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PutAnswer {
    /// `{"data": {…scalars…}}`, as the guide's example answer.
    #[default]
    Scalars,
    /// `{"data": {…}}` with every relationship list.
    Full,
    /// 204 No Content, no body.
    NoContent,
    /// `{}`.
    EmptyObject,
    /// `{"data": null}`.
    NullData,
}

/// The server's answering habits. The default is the shape the client
/// would like: every list where it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Behaviour {
    pub single_get: SingleGet,
    /// `include` is ignored everywhere, the contact list too: no contact
    /// read ever carries a relationship list.
    pub no_lists_anywhere: bool,
    pub put_answer: PutAnswer,
    /// `GET /custom-fields?entity_type=CONTACT` also returns COMPANY fields.
    pub ignore_entity_type: bool,
    /// Made-up CONTACT definitions served after the real ones.
    pub bulk_definitions: Option<Bulk>,
    /// Made-up tags served after the real ones.
    pub bulk_tags: Option<Bulk>,
}

/// Made-up items added to the end of a list, as a workspace (or a broken
/// server) far larger than any real one would serve them: many of them,
/// with long names, a few to a page. Made as each page is asked for, never
/// stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bulk {
    /// How many.
    pub count: usize,
    /// Each one's name is padded to at least this many bytes.
    pub name_bytes: usize,
    /// The most items the list serves per page, whatever `limit` asks.
    pub per_page: usize,
}

impl Bulk {
    /// The made-up item number `n`: its id and its padded name.
    pub(crate) fn item(&self, prefix: &str, n: usize) -> (String, String) {
        let name = format!("Bulk {n}");
        let pad = self.name_bytes.saturating_sub(name.len() + 1);
        let name = if pad == 0 {
            name
        } else {
            format!("{name} {}", "x".repeat(pad))
        };
        (format!("{prefix}_bulk_{n}"), name)
    }
}

impl Behaviour {
    /// The relationship lists a single GET returns of those asked for.
    pub(crate) fn single_get_includes<'a>(&self, asked: &'a [&'static str]) -> &'a [&'static str] {
        if self.no_lists_anywhere || self.single_get == SingleGet::WithoutLists {
            &[]
        } else {
            asked
        }
    }

    /// The relationship lists the contact list returns of those asked for.
    pub(crate) fn list_includes<'a>(&self, asked: &'a [&'static str]) -> &'a [&'static str] {
        if self.no_lists_anywhere { &[] } else { asked }
    }
}

impl fmt::Display for SingleGet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SingleGet::WithLists => "with-lists",
            SingleGet::WithoutLists => "without-lists",
            SingleGet::Missing => "missing",
            SingleGet::NotAllowed => "not-allowed",
        })
    }
}

impl std::str::FromStr for SingleGet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "with-lists" => SingleGet::WithLists,
            "without-lists" => SingleGet::WithoutLists,
            "missing" => SingleGet::Missing,
            "not-allowed" => SingleGet::NotAllowed,
            _ => {
                return Err(format!(
                    "{s:?} is not one of with-lists, without-lists, missing, not-allowed"
                ));
            }
        })
    }
}

impl fmt::Display for PutAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PutAnswer::Scalars => "scalars",
            PutAnswer::Full => "full",
            PutAnswer::NoContent => "no-content",
            PutAnswer::EmptyObject => "empty-object",
            PutAnswer::NullData => "null-data",
        })
    }
}

impl std::str::FromStr for PutAnswer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "scalars" => PutAnswer::Scalars,
            "full" => PutAnswer::Full,
            "no-content" => PutAnswer::NoContent,
            "empty-object" => PutAnswer::EmptyObject,
            "null-data" => PutAnswer::NullData,
            _ => {
                return Err(format!(
                    "{s:?} is not one of scalars, full, no-content, empty-object, null-data"
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in [
            SingleGet::WithLists,
            SingleGet::WithoutLists,
            SingleGet::Missing,
            SingleGet::NotAllowed,
        ] {
            assert_eq!(s.to_string().parse::<SingleGet>(), Ok(s));
        }
        for p in [
            PutAnswer::Scalars,
            PutAnswer::Full,
            PutAnswer::NoContent,
            PutAnswer::EmptyObject,
            PutAnswer::NullData,
        ] {
            assert_eq!(p.to_string().parse::<PutAnswer>(), Ok(p));
        }
        assert!("sometimes".parse::<SingleGet>().is_err());
    }

    #[test]
    fn no_lists_anywhere_wins_over_a_full_single_get() {
        let asked = ["emails", "custom_fields"];
        let b = Behaviour {
            no_lists_anywhere: true,
            ..Behaviour::default()
        };
        assert!(b.single_get_includes(&asked).is_empty());
        assert!(b.list_includes(&asked).is_empty());
        assert_eq!(Behaviour::default().single_get_includes(&asked), &asked);
    }
}
