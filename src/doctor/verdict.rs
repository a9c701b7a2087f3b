//! Whether each editable part of a contact can be saved without losing data
//! on this server, from what the reads returned.
//!
//! A save replaces a relationship list wholesale, so a list may only be
//! edited when some read returns it completely: the single GET, or the
//! contact list with `include` (where the editor looks the contact up when
//! the single GET lacks its lists). Custom fields also need their
//! definitions, to show each value and to write it in the right form.

use super::{Definitions, KeyCheck, ListInclude, Outcome, SingleGet, Skip};

/// The parts of a contact the editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    TitleAndStarred,
    Emails,
    CustomFields,
    Phones,
    Tags,
    Lists,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::TitleAndStarred,
        Part::Emails,
        Part::CustomFields,
        Part::Phones,
        Part::Tags,
        Part::Lists,
    ];

    /// The relationship list the part is saved as; `None` for the scalars.
    pub fn list(self) -> Option<&'static str> {
        match self {
            Part::TitleAndStarred => None,
            Part::Emails => Some("emails"),
            Part::CustomFields => Some("custom_fields"),
            Part::Phones => Some("phone_numbers"),
            Part::Tags => Some("tags"),
            Part::Lists => Some("lists"),
        }
    }
}

/// Safe or read-only, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub part: Part,
    pub safe: bool,
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The single GET returns it.
    SingleGet,
    /// The single GET does not (see `gap`), but the contact list does.
    ListLookup { gap: SingleGetGap },
    /// No read returns it.
    NoRead { gap: SingleGetGap },
    /// The values can be read but the definitions cannot.
    NoDefinitions,
    /// The key was refused: nothing can be read.
    KeyRefused,
    /// The contact does not exist.
    NoSuchContact,
    /// The server could not be reached.
    Unreachable,
}

/// Why the single GET did not supply a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleGetGap {
    /// It answered without the list.
    LacksThem,
    /// It does not exist (404) or is not allowed (405).
    Absent { status: u16 },
    /// It failed (rate limited, server error, no answer) or was not tried.
    Failed,
}

impl Reason {
    /// The read the editor would take the part from, if any.
    pub fn source(self) -> Option<&'static str> {
        match self {
            Reason::SingleGet => Some("single_get"),
            Reason::ListLookup { .. } => Some("contact_list"),
            _ => None,
        }
    }
}

/// One verdict per part, in [`Part::ALL`] order. `list_answered`: the contact
/// list answered at all (its items carry the scalars).
pub(super) fn verdicts(
    key: &KeyCheck,
    single: &Outcome<SingleGet>,
    include: Option<&ListInclude>,
    list_answered: bool,
    definitions: Option<&Definitions>,
) -> Vec<Verdict> {
    Part::ALL
        .iter()
        .map(|&part| {
            let (safe, reason) = judge(part, key, single, include, list_answered, definitions);
            Verdict { part, safe, reason }
        })
        .collect()
}

fn judge(
    part: Part,
    key: &KeyCheck,
    single: &Outcome<SingleGet>,
    include: Option<&ListInclude>,
    list_answered: bool,
    definitions: Option<&Definitions>,
) -> (bool, Reason) {
    if matches!(key, KeyCheck::Refused { .. }) {
        return (false, Reason::KeyRefused);
    }
    let answered = match single {
        Outcome::Found(found @ SingleGet::Answered { .. }) => Some(found),
        Outcome::Found(SingleGet::NoSuchContact { .. }) => return (false, Reason::NoSuchContact),
        Outcome::NotChecked(Skip::Unreachable) => return (false, Reason::Unreachable),
        _ => None,
    };
    let gap = match single {
        Outcome::Found(SingleGet::Answered { .. }) => SingleGetGap::LacksThem,
        Outcome::Found(SingleGet::Absent { status, .. }) => {
            SingleGetGap::Absent { status: *status }
        }
        _ => SingleGetGap::Failed,
    };
    let (by_single, by_list) = match part.list() {
        None => (answered.is_some(), list_answered),
        Some(list) => (
            answered.is_some_and(|s| s.returns(list)),
            include.is_some_and(|i| i.returns(list)),
        ),
    };
    let readable = if by_single {
        (true, Reason::SingleGet)
    } else if by_list {
        (true, Reason::ListLookup { gap })
    } else {
        (false, Reason::NoRead { gap })
    };
    if part == Part::CustomFields && readable.0 && definitions.is_none() {
        return (false, Reason::NoDefinitions);
    }
    readable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::ALL_INCLUDES;

    fn answered(lists: &[&'static str]) -> Outcome<SingleGet> {
        Outcome::Found(SingleGet::Answered {
            returned: lists.to_vec(),
        })
    }

    fn include(lists: &[&'static str]) -> ListInclude {
        ListInclude {
            items: 2,
            present: ALL_INCLUDES
                .iter()
                .map(|l| (*l, if lists.contains(l) { 2 } else { 1 }))
                .collect(),
        }
    }

    fn defs() -> Definitions {
        Definitions {
            count: 1,
            pages: 1,
            total: Some(1),
            by_entity: vec![(Some("CONTACT".into()), 1)],
            field_types: vec![("NUMERIC".into(), 1)],
            incomplete: false,
        }
    }

    fn of(verdicts: &[Verdict], part: Part) -> (bool, Reason) {
        let v = verdicts.iter().find(|v| v.part == part).copied();
        v.map(|v| (v.safe, v.reason))
            .unwrap_or((false, Reason::KeyRefused))
    }

    #[test]
    fn the_single_get_is_preferred_and_the_list_fills_its_gaps() {
        let got = verdicts(
            &KeyCheck::Accepted,
            &answered(&["emails"]),
            Some(&include(&["custom_fields", "emails"])),
            true,
            Some(&defs()),
        );
        assert_eq!(of(&got, Part::Emails), (true, Reason::SingleGet));
        let via_list = Reason::ListLookup {
            gap: SingleGetGap::LacksThem,
        };
        assert_eq!(of(&got, Part::CustomFields), (true, via_list));
        let none = Reason::NoRead {
            gap: SingleGetGap::LacksThem,
        };
        assert_eq!(of(&got, Part::Phones), (false, none));
        assert_eq!(of(&got, Part::TitleAndStarred), (true, Reason::SingleGet));
    }

    #[test]
    fn custom_fields_need_their_definitions() {
        let got = verdicts(
            &KeyCheck::Accepted,
            &answered(&ALL_INCLUDES),
            None,
            true,
            None,
        );
        assert_eq!(of(&got, Part::CustomFields), (false, Reason::NoDefinitions));
        assert_eq!(of(&got, Part::Emails), (true, Reason::SingleGet));
    }

    #[test]
    fn an_absent_single_get_leaves_the_list_and_a_refused_key_leaves_nothing() {
        let absent = Outcome::Found(SingleGet::Absent {
            status: 405,
            message: None,
        });
        let got = verdicts(&KeyCheck::Accepted, &absent, None, true, Some(&defs()));
        let gap = SingleGetGap::Absent { status: 405 };
        assert_eq!(
            of(&got, Part::TitleAndStarred),
            (true, Reason::ListLookup { gap })
        );
        assert_eq!(of(&got, Part::Emails), (false, Reason::NoRead { gap }));

        let refused = KeyCheck::Refused { status: 401 };
        let got = verdicts(&refused, &answered(&ALL_INCLUDES), None, true, None);
        assert!(
            got.iter()
                .all(|v| !v.safe && v.reason == Reason::KeyRefused)
        );
    }
}
