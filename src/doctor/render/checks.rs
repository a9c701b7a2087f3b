//! One row per check, worded: what was found, in plain words.

use super::{Row, Status, TYPE_ROW, and_list, failure_words, plural, plural_u64, skip_words};
use crate::api::client::probe::{CertificateProblem, TlsProbe, TlsVersion};
use crate::api::wire::{ALL_INCLUDES, FieldType};
use crate::doctor::{
    ContactList, Counted, Definitions, KeyCheck, LARGE_PAGE, ListInclude, Outcome, PageCap, Report,
    SingleGet, Step, ValueForm,
};

/// Every check, in the order the table shows them.
pub fn rows(report: &Report) -> Vec<Row> {
    let mut rows = vec![
        Row::new(
            "base_url",
            "base URL",
            Status::Info,
            report.base_url.clone(),
        ),
        tls_row(&report.tls),
        Row::new(
            "http_version",
            "HTTP version",
            Status::Info,
            report.http_version.unwrap_or("unknown (no answer)"),
        ),
        key_row(report),
        contact_list_row(&report.contact_list),
        single_get_row(report),
        list_include_row(&report.list_include),
        definitions_row(&report.definitions),
    ];
    rows.extend(value_form_rows(report));
    rows.push(phone_form_row(report));
    rows.push(counted_row(
        "workspace_users",
        "workspace users",
        &report.users,
        ("user", "users"),
        "USER fields can still be typed as a user id",
    ));
    rows.push(counted_row(
        "tags",
        "tags",
        &report.tags,
        ("tag", "tags"),
        "the contact's tags can be kept or removed but none added",
    ));
    rows.push(counted_row(
        "lists",
        "lists",
        &report.lists,
        ("contact list", "contact lists"),
        "the contact's lists can be kept or removed but none added",
    ));
    rows.push(rate_limit_row(report));
    rows
}

fn tls_row(tls: &TlsProbe) -> Row {
    let (status, detail) = match tls {
        TlsProbe::PlainHttp { loopback: true } => {
            (Status::Ok, "none (plain HTTP on this machine)".to_string())
        }
        TlsProbe::PlainHttp { loopback: false } => (
            Status::Note,
            "none: plain HTTP to another machine, so the key and every contact travel \
             unencrypted (allowed by --allow-insecure-http)"
                .to_string(),
        ),
        TlsProbe::Negotiated {
            version: TlsVersion::Tls13,
            ..
        } => (Status::Ok, "TLS 1.3, certificate trusted".to_string()),
        TlsProbe::Negotiated {
            version: TlsVersion::Tls12,
            ..
        } => (
            Status::Ok,
            "TLS 1.2 (the server refused TLS 1.3), certificate trusted".to_string(),
        ),
        TlsProbe::Untrusted { problem, .. } => (Status::Fail, certificate_words(*problem)),
        TlsProbe::Failed { detail, .. } => (Status::Fail, format!("no TLS connection: {detail}")),
    };
    let mut row = Row::new("tls", "TLS", status, detail);
    if let TlsProbe::Negotiated { ms, .. }
    | TlsProbe::Untrusted { ms, .. }
    | TlsProbe::Failed { ms, .. } = tls
    {
        row.requests_ms = vec![*ms];
    }
    row
}

fn certificate_words(problem: CertificateProblem) -> String {
    const ADD_CA: &str = "add your organisation's CA to the system's certificate store, or point \
                          SSL_CERT_FILE at a PEM file that holds it";
    match problem {
        CertificateProblem::NotTrusted => format!(
            "certificate not trusted: it was issued by an authority this machine does not know \
             (often a company proxy's own); {ADD_CA}"
        ),
        CertificateProblem::Expired => {
            "certificate expired: the server's operator must renew it".to_string()
        }
        CertificateProblem::NotYetValid => {
            "certificate not valid yet: check this machine's clock".to_string()
        }
        CertificateProblem::WrongHost => {
            "certificate is for another host name: check the host in ROLODEX_BASE_URL".to_string()
        }
        CertificateProblem::Revoked => {
            "certificate revoked: the server's operator must replace it".to_string()
        }
        CertificateProblem::Invalid => format!("certificate refused as invalid; {ADD_CA}"),
    }
}

fn key_row(report: &Report) -> Row {
    let (status, detail) = match &report.key {
        KeyCheck::Accepted => (Status::Ok, "accepted".to_string()),
        KeyCheck::Refused { status } => (
            Status::Fail,
            format!(
                "key not accepted (HTTP {status}): check ROLODEX_API_KEY (or --api-key-cmd), \
                 that it belongs to this workspace, and --auth"
            ),
        ),
        KeyCheck::Unknown => (
            Status::Fail,
            "not confirmed: the contact list did not answer (see below)".to_string(),
        ),
    };
    Row::new("api_key", "API key", status, detail)
}

/// The row for a step that did not find anything.
fn unfound<T>(name: &'static str, label: &str, step: &Step<T>) -> Option<Row> {
    let (status, detail) = match &step.outcome {
        Outcome::Found(_) => return None,
        Outcome::Failed(f) => (Status::Fail, failure_words(f)),
        Outcome::NotChecked(s) => (Status::Skipped, skip_words(*s).to_string()),
    };
    Some(Row::new(name, label, status, detail).timed(step))
}

fn contact_list_row(step: &Step<ContactList>) -> Row {
    let (name, label) = ("contacts_list", "contacts list");
    if let Some(row) = unfound(name, label, step) {
        return row;
    }
    let Some(list) = step.found() else {
        return Row::new(name, label, Status::Fail, "");
    };
    let total = match list.total {
        Some(t) => format!("total {t}"),
        None => "no pagination.total".to_string(),
    };
    let cap = match list.cap {
        PageCap::NoneUpTo(n) => format!(
            "no page cap up to {n} ({} in one page)",
            plural(list.returned, "contact", "contacts")
        ),
        PageCap::At(n) => format!("caps pages at {n} (asked for {})", LARGE_PAGE),
        PageCap::RefusedLarge { status, fallback } => format!(
            "refuses limit={} (HTTP {status}); pages of {fallback} work",
            LARGE_PAGE
        ),
    };
    let status = if list.total.is_some() {
        Status::Ok
    } else {
        Status::Note
    };
    Row::new(name, label, status, format!("answers; {total}; {cap}")).timed(step)
}

fn single_get_row(report: &Report) -> Row {
    let (name, label) = ("single_get", "single GET");
    let step = &report.single_get;
    let id = report.contact_id.as_deref().unwrap_or("?");
    let what = format!("GET /contacts/{id}");
    if let Some(mut row) = unfound(name, label, step) {
        if let Outcome::Failed(_) = step.outcome {
            row.detail = format!("{what}: {}", row.detail);
        }
        return row;
    }
    let Some(found) = step.found() else {
        return Row::new(name, label, Status::Fail, "");
    };
    let (status, detail) = match found {
        SingleGet::Answered { returned } => {
            let missing: Vec<&str> = ALL_INCLUDES
                .iter()
                .copied()
                .filter(|l| !returned.contains(l))
                .collect();
            if missing.is_empty() {
                (
                    Status::Ok,
                    format!("{what}: present; returned all seven lists"),
                )
            } else if returned.is_empty() {
                (
                    Status::Note,
                    format!(
                        "{what}: present, but returned none of the seven lists asked for \
                         (scalars only); missing: {}",
                        missing.join(", ")
                    ),
                )
            } else {
                (
                    Status::Note,
                    format!(
                        "{what}: present; returned {}; missing: {}",
                        returned.join(", "),
                        missing.join(", ")
                    ),
                )
            }
        }
        SingleGet::Absent { status, message } => (
            Status::Note,
            format!(
                "{what}: absent (HTTP {status}{}): this server has no single GET",
                message
                    .as_ref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ),
        ),
        SingleGet::NoSuchContact { message } => (
            Status::Fail,
            format!(
                "{what}: no such contact (HTTP 404{}); the contact list does not hold it either",
                message
                    .as_ref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ),
        ),
    };
    Row::new(name, label, status, detail).timed(step)
}

fn list_include_row(step: &Step<ListInclude>) -> Row {
    let (name, label) = ("list_include", "list include");
    if let Some(row) = unfound(name, label, step) {
        return row;
    }
    let Some(include) = step.found() else {
        return Row::new(name, label, Status::Fail, "");
    };
    let returned = include.returned();
    let contacts = plural(include.items, "contact", "contacts");
    let (status, detail) = if include.items == 0 {
        (
            Status::Note,
            "cannot tell: the contact list is empty".to_string(),
        )
    } else if returned.len() == ALL_INCLUDES.len() {
        (
            Status::Ok,
            format!("honoured: all seven lists on each of {contacts}"),
        )
    } else if returned.is_empty() {
        (
            Status::Note,
            format!("not honoured: none of the seven lists came back complete on {contacts}"),
        )
    } else {
        let missing: Vec<&str> = ALL_INCLUDES
            .iter()
            .copied()
            .filter(|l| !returned.contains(l))
            .collect();
        (
            Status::Note,
            format!(
                "partly honoured over {contacts}: {} on every one; {} missing on some or all",
                returned.join(", "),
                missing.join(", ")
            ),
        )
    };
    Row::new(name, label, status, detail).timed(step)
}

fn definitions_row(step: &Step<Definitions>) -> Row {
    let (name, label) = ("definitions", "definitions");
    if let Some(row) = unfound(name, label, step) {
        return row;
    }
    let Some(defs) = step.found() else {
        return Row::new(name, label, Status::Fail, "");
    };
    let mut status = Status::Ok;
    let mut parts = vec![format!(
        "{} in {}",
        defs.count,
        plural(defs.pages, "page", "pages")
    )];
    if defs.entity_type_honoured() {
        parts.push("entity_type honoured".to_string());
    } else {
        status = Status::Note;
        let others: Vec<String> = defs
            .by_entity
            .iter()
            .filter(|(t, _)| t.as_deref() != Some("CONTACT"))
            .map(|(t, n)| match t {
                Some(t) => format!(
                    "{n} {t} {}",
                    if *n == 1 { "definition" } else { "definitions" }
                ),
                None => plural(*n, "definition", "definitions") + " without entity_type",
            })
            .collect();
        parts.push(format!(
            "entity_type NOT honoured: {} came back too, leaving {} contact definitions",
            and_list(&others),
            defs.contact_count()
        ));
    }
    if defs.incomplete {
        status = Status::Note;
        parts.push(format!(
            "stopped before the end (total {})",
            defs.total.map_or("unknown".to_string(), |t| t.to_string())
        ));
    }
    let types: Vec<String> = defs
        .field_types
        .iter()
        .map(|(t, n)| {
            let unknown = if !matches!(FieldType::parse(t), FieldType::Other(_)) {
                ""
            } else {
                " (unknown to this client: values sent back unchanged)"
            };
            format!("{t} {n}{unknown}")
        })
        .collect();
    if types.is_empty() {
        parts.push("no field types".to_string());
    } else {
        parts.push(format!("field types: {}", types.join(", ")));
    }
    Row::new(name, label, status, parts.join("; ")).timed(step)
}

fn form_words(form: ValueForm) -> &'static str {
    match form {
        ValueForm::Number => "number",
        ValueForm::Text => "string",
        ValueForm::DateText => "date string",
        ValueForm::DateTimeText => "datetime string",
        ValueForm::Boolean => "true/false",
        ValueForm::OptionObject => "object {id, value}",
        ValueForm::Object => "other object",
        ValueForm::ArrayOfObjects => "array of objects",
        ValueForm::ArrayOfStrings => "array of strings",
        ValueForm::EmptyArray => "empty array",
        ValueForm::OtherArray => "other array",
        ValueForm::Null => "null",
        ValueForm::NoValueKey => "no value key",
    }
}

/// How phone numbers' country codes are written here (the guide's own
/// examples show both `"US"` and `"+1"`).
fn phone_form_row(report: &Report) -> Row {
    let p = &report.phone_forms;
    if let Outcome::NotChecked(s) = report.list_include.outcome {
        return Row::new("phone_forms", "phone forms", Status::Skipped, skip_words(s));
    }
    if p.numbers == 0 {
        return Row::new(
            "phone_forms",
            "phone forms",
            Status::Info,
            "no contact read returned phone numbers to look at",
        );
    }
    let parts: Vec<String> = [
        (p.region, "as a region code like US"),
        (p.plus_digits, "as +digits like +1"),
        (p.digits, "as digits like 1"),
        (p.none, "absent"),
        (p.other, "in another form"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let summary = format!(
        "{}: country_code {}; {} with its own +code; an untouched number is sent back as read",
        plural(p.numbers, "number", "numbers"),
        parts.join(", "),
        p.international
    );
    let status = if p.other > 0 {
        Status::Note
    } else {
        Status::Info
    };
    Row::new("phone_forms", "phone forms", status, summary)
}

/// A summary row, then one row per field type.
fn value_form_rows(report: &Report) -> Vec<Row> {
    let forms = &report.value_forms;
    if let Outcome::NotChecked(s) = report.list_include.outcome {
        return vec![Row::new(
            "value_forms",
            "value forms",
            Status::Skipped,
            skip_words(s),
        )];
    }
    if forms.contacts == 0 {
        return vec![Row::new(
            "value_forms",
            "value forms",
            Status::Note,
            "no contact read returned custom field values to look at",
        )];
    }
    let odd = forms.not_understood();
    let mut summary = format!(
        "{} over {}",
        plural(forms.values, "value", "values"),
        plural(forms.contacts, "contact", "contacts")
    );
    let status = if odd == 0 {
        summary.push_str(", every one in a form the editor reads");
        Status::Ok
    } else {
        summary.push_str(&format!(
            ", {odd} in a form the editor does not read (shown as is and sent back unchanged)"
        ));
        Status::Note
    };
    let mut rows = vec![Row::new("value_forms", "value forms", status, summary)];
    for t in &forms.by_type {
        let detail: Vec<String> = t
            .forms
            .iter()
            .map(|f| {
                let odd = if f.not_understood > 0 {
                    " (not understood)"
                } else {
                    ""
                };
                format!("{} {}{odd}", form_words(f.form), f.count)
            })
            .collect();
        let odd = t.forms.iter().any(|f| f.not_understood > 0);
        rows.push(Row::new(
            TYPE_ROW,
            &format!("  {}", t.field_type),
            if odd { Status::Note } else { Status::Info },
            detail.join(", "),
        ));
    }
    rows
}

fn counted_row(
    name: &'static str,
    label: &str,
    step: &Step<Counted>,
    (one, many): (&str, &str),
    without: &str,
) -> Row {
    if let Some(mut row) = unfound(name, label, step) {
        // Not needed to edit safely: a note, not a failure.
        if let Outcome::Failed(_) = step.outcome {
            row.status = Status::Note;
            row.detail = format!("does not answer ({}); {without}", row.detail);
        }
        return row;
    }
    let Some(counted) = step.found() else {
        return Row::new(name, label, Status::Fail, "");
    };
    let mut detail = format!("answers: {}", plural_u64(counted.total, one, many));
    let mut status = Status::Ok;
    if counted.off_filter > 0 {
        status = Status::Note;
        detail.push_str(&format!(
            "; type=CONTACT NOT honoured: {} of another type on the first page",
            counted.off_filter
        ));
    }
    Row::new(name, label, status, detail).timed(step)
}

fn rate_limit_row(report: &Report) -> Row {
    let limits = &report.rate_limits;
    let mut parts: Vec<String> = Vec::new();
    for t in &limits.throttled {
        let after = match &t.retry_after {
            Some(r) => format!("Retry-After: {r}"),
            None => "no Retry-After".to_string(),
        };
        let then = match t.waited_s {
            Some(s) => format!("; waited {s} s and asked again"),
            None => String::new(),
        };
        parts.push(format!("{} answered 429 with {after}{then}", t.request));
    }
    let others: Vec<String> = limits
        .headers
        .iter()
        // A 429's Retry-After is told with the 429 itself.
        .filter(|h| h.name != "retry-after" || limits.throttled.is_empty())
        .map(|h| {
            format!(
                "{}: {} (first on {}, in {})",
                header_name(&h.name),
                h.value,
                h.request,
                plural(h.answers, "answer", "answers")
            )
        })
        .collect();
    parts.extend(others);
    let (status, detail) = if parts.is_empty() {
        (
            Status::Info,
            "no rate-limit headers seen (Retry-After, X-RateLimit-*, RateLimit-*)".to_string(),
        )
    } else if limits.throttled.is_empty() {
        (Status::Info, parts.join("; "))
    } else {
        (Status::Note, parts.join("; "))
    };
    Row::new("rate_limits", "rate limits", status, detail)
}

/// `x-ratelimit-remaining` → `X-RateLimit-Remaining`, as people write them.
fn header_name(name: &str) -> String {
    name.split('-')
        .map(|part| match part {
            "ratelimit" => "RateLimit".to_string(),
            _ => {
                let mut c = part.chars();
                match c.next() {
                    Some(first) => first.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_written_as_people_write_them() {
        assert_eq!(
            header_name("x-ratelimit-remaining"),
            "X-RateLimit-Remaining"
        );
        assert_eq!(header_name("retry-after"), "Retry-After");
        assert_eq!(header_name("ratelimit-policy"), "RateLimit-Policy");
    }
}
