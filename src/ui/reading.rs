//! How a contact read in flight, and the way this session reads contacts,
//! are said on screen.

use crate::api::client::{ReadEvent, ReadPath};
use crate::app::lookup_reason_text;

/// What a read in progress is doing, as one sentence: "the server's contact
/// read had no email list; looking the contact up in the contact list, page
/// 3 of 31", or a rate-limit countdown.
pub fn progress_text(event: &ReadEvent) -> Option<String> {
    match event {
        ReadEvent::PathChosen(_) => None,
        ReadEvent::LookingUp {
            reason,
            page,
            pages,
        } => Some(format!(
            "{}; looking the contact up in the contact list, page {page} of {pages}",
            lookup_reason_text(reason)
        )),
        ReadEvent::RateLimited {
            seconds_left,
            attempt,
            of,
        } => Some(format!(
            "The server is rate limiting (HTTP 429): trying again in {seconds_left} s \
             (retry {attempt} of {of})"
        )),
    }
}

/// The read path, for the help screen.
pub fn path_text(path: Option<&ReadPath>) -> String {
    match path {
        None => "not chosen yet (chosen by the first read)".into(),
        Some(ReadPath::Single) => {
            "GET /contacts/:id returns every list: the conflict check and the read-back use it too"
                .into()
        }
        Some(ReadPath::ListLookup(reason)) => format!(
            "{}, so contacts are looked up in GET /contacts?include=… (also for the conflict \
             check and the read-back)",
            lookup_reason_text(reason)
        ),
    }
}
