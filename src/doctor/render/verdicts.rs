//! Why each part is safe or read-only, and the conclusion.

use super::{and_list, failure_words, part_list_words, part_name, skip_words};
use crate::doctor::{
    Counted, KeyCheck, Outcome, Part, Reason, Report, SingleGetGap, Step, Verdict,
};

fn gap_words(gap: SingleGetGap) -> String {
    match gap {
        SingleGetGap::LacksThem => "the single GET lacks them".to_string(),
        SingleGetGap::Absent { status } => format!("there is no single GET (HTTP {status})"),
        SingleGetGap::Failed => "the single GET failed".to_string(),
    }
}

/// Why the part is safe or read-only, in plain words.
pub fn verdict_why(report: &Report, v: &Verdict) -> String {
    let scalars = v.part == Part::TitleAndStarred;
    let mut why = match v.reason {
        Reason::SingleGet if scalars => "the single GET returns the contact".to_string(),
        Reason::SingleGet => "the single GET returns them".to_string(),
        Reason::ListLookup { gap } if scalars => format!(
            "{}, but the contact list returns the contact (the editor looks it up there)",
            match gap {
                SingleGetGap::Absent { status } =>
                    format!("there is no single GET (HTTP {status})"),
                _ => "the single GET failed".to_string(),
            }
        ),
        Reason::ListLookup { gap } => format!(
            "{} but the contact list returns them (the editor looks the contact up there)",
            gap_words(gap)
        ),
        Reason::NoRead { .. } if scalars => "the contact could not be read".to_string(),
        Reason::NoRead { .. } => format!(
            "no read of the contact returns {}, so a save could not send the complete list",
            part_list_words(v.part)
        ),
        Reason::NoDefinitions => format!(
            "the values can be read but the definitions cannot ({}), so no value can be \
             shown or written in its right form",
            match &report.definitions.outcome {
                Outcome::Failed(f) => format!("GET /custom-fields: {}", failure_words(f)),
                Outcome::NotChecked(s) => skip_words(*s).to_string(),
                Outcome::Found(_) => "GET /custom-fields".to_string(),
            }
        ),
        Reason::KeyRefused => "the key was not accepted, so nothing can be read".to_string(),
        Reason::NoSuchContact => format!(
            "there is no contact {}",
            report.contact_id.as_deref().unwrap_or("?")
        ),
        Reason::Unreachable => "the server could not be reached".to_string(),
    };
    if v.safe {
        match v.part {
            Part::CustomFields => {
                if let Some(defs) = report.definitions.found() {
                    why.push_str(&format!(
                        ", and the {} contact definitions are readable",
                        defs.contact_count()
                    ));
                    if !defs.entity_type_honoured() {
                        why.push_str(&format!(
                            " (the server ignores entity_type: {} other definitions came back \
                             with them)",
                            defs.not_contact()
                        ));
                    }
                }
            }
            Part::Tags => why.push_str(&picker_note(&report.tags, "GET /tags")),
            Part::Lists => why.push_str(&picker_note(&report.lists, "GET /lists")),
            _ => {}
        }
    }
    why
}

fn picker_note(step: &Step<Counted>, endpoint: &str) -> String {
    match &step.outcome {
        Outcome::Found(_) => String::new(),
        _ => format!("; but {endpoint} does not answer, so none can be added"),
    }
}

/// The last line: safe or not, and the exit code.
pub(super) fn conclusion(report: &Report) -> String {
    let code = report.exit_code();
    if report.safe_to_edit() {
        let read_only: Vec<&str> = report
            .verdicts
            .iter()
            .filter(|v| !v.safe)
            .map(|v| part_name(v.part))
            .collect();
        let rest = if read_only.is_empty() {
            String::new()
        } else {
            format!(" ({} stay read-only)", and_list(&read_only))
        };
        return format!(
            "Safe to edit here: the key is accepted, the contact is read with its emails and \
             custom fields, and the definitions are readable{rest}. Exit {code}."
        );
    }
    let first_reason = report.verdicts.first().map(|v| v.reason);
    let why = match (&report.key, first_reason) {
        (KeyCheck::Refused { .. }, _) => "the key was not accepted".to_string(),
        (_, Some(Reason::Unreachable)) => "the server could not be reached".to_string(),
        (_, Some(Reason::NoSuchContact)) => format!(
            "there is no contact {} (give the id of one that exists, or none)",
            report.contact_id.as_deref().unwrap_or("?")
        ),
        _ => {
            let read_only: Vec<&str> = [Part::TitleAndStarred, Part::Emails, Part::CustomFields]
                .iter()
                .filter(|p| report.verdict(**p).is_none_or(|v| !v.safe))
                .map(|p| part_name(*p))
                .collect();
            if read_only.is_empty() {
                "the key could not be confirmed".to_string()
            } else {
                format!("{} would be read-only", and_list(&read_only))
            }
        }
    };
    format!("Not safe to edit here: {why}. Exit {code}.")
}
