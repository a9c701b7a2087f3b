//! The doctor's words: a table for people and one JSON object for scripts,
//! both made from the same rows so they cannot disagree.
//!
//! The JSON object (stable; new keys may be added, none renamed):
//!
//! ```text
//! {
//!   "base_url": "https://…/user-api/v1",
//!   "contact_id": "contact_67890" | null,     the contact examined
//!   "checks": [ {"name", "label", "status": "ok"|"note"|"fail"|"info"|"skipped",
//!                "ok": bool (status is ok, note or info), "detail", "ms": N|null,
//!                "requests_ms": [N, …]} … ],
//!   "verdicts": { "title_and_starred"|"emails"|"custom_fields"|"phones"|"tags"|"lists":
//!                 {"safe": bool, "verdict": "safe"|"read-only",
//!                  "source": "single_get"|"contact_list"|null, "why"} },
//!   "findings": { typed facts: tls, http_version, key, page_cap, contacts_total,
//!                 single_get, list_include, definitions, value_forms, counts,
//!                 rate_limit_headers, throttled },
//!   "safe_to_edit": bool,
//!   "exit": 0 | 1
//! }
//! ```

use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use super::{
    ContactList, Counted, Definitions, Failure, KeyCheck, ListInclude, Outcome, PageCap, Part,
    Reason, Report, SingleGet, SingleGetGap, Skip, Step, ValueForm, Verdict,
};
use crate::api::client::probe::{CertificateProblem, TlsProbe, TlsVersion};
use crate::api::wire::{ALL_INCLUDES, FieldType};

/// The name of the table's rows under "value forms", one per field type.
const TYPE_ROW: &str = "value_forms_type";

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Works as the editor needs.
    Ok,
    /// Works, with something worth knowing.
    Note,
    /// Does not work.
    Fail,
    /// A fact, not a judgement.
    Info,
    /// Not tried: an earlier check already failed.
    Skipped,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Note => "note",
            Status::Fail => "fail",
            Status::Info => "info",
            Status::Skipped => "skipped",
        }
    }

    /// As shown in the table: a failure stands out.
    fn mark(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Note => "note",
            Status::Fail => "FAIL",
            Status::Info => "",
            Status::Skipped => "-",
        }
    }
}

/// One line of the table and one item of the JSON `checks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The JSON name.
    pub name: &'static str,
    /// The table's first column.
    pub label: String,
    pub status: Status,
    pub detail: String,
    pub requests_ms: Vec<u64>,
}

impl Row {
    fn new(name: &'static str, label: &str, status: Status, detail: impl Into<String>) -> Row {
        Row {
            name,
            label: label.to_string(),
            status,
            detail: detail.into(),
            requests_ms: Vec::new(),
        }
    }

    fn timed<T>(mut self, step: &Step<T>) -> Row {
        self.requests_ms = step.times_ms.clone();
        self
    }

    fn ms(&self) -> Option<u64> {
        (!self.requests_ms.is_empty()).then(|| self.requests_ms.iter().sum())
    }
}

/// The table for people, lines at most `width` cells wide where words allow.
pub fn table(report: &Report, width: usize) -> String {
    let rows = rows(report);
    let label_w = rows
        .iter()
        .map(|r| r.label.width())
        .chain(Part::ALL.iter().map(|p| part_name(*p).width()))
        .max()
        .unwrap_or(0)
        .max(5)
        + 2;
    let mut out = String::new();
    out.push_str("rolodex-tui doctor: a read-only check of this workspace (GET requests only)\n\n");

    let status_w = 6;
    let ms_w = 6;
    let detail_at = label_w + status_w + ms_w + 2;
    out.push_str(&line(
        &[("CHECK", label_w), ("RESULT", status_w)],
        &format!("{:>w$}  ", "MS", w = ms_w),
        "DETAIL",
    ));
    for row in &rows {
        let ms = row.ms().map(|m| m.to_string()).unwrap_or_default();
        let mut detail = wrap(&row.detail, width.saturating_sub(detail_at).max(30));
        let first = if detail.is_empty() {
            String::new()
        } else {
            detail.remove(0)
        };
        out.push_str(&line(
            &[(&row.label, label_w), (row.status.mark(), status_w)],
            &format!("{ms:>w$}  ", w = ms_w),
            &first,
        ));
        for more in detail {
            out.push_str(&format!("{}{more}\n", " ".repeat(detail_at)));
        }
    }

    out.push('\n');
    let verdict_w = 11;
    let why_at = label_w + verdict_w;
    out.push_str(&line(
        &[("PART", label_w), ("VERDICT", verdict_w)],
        "",
        "WHY",
    ));
    for v in &report.verdicts {
        let mut why = wrap(
            &verdict_why(report, v),
            width.saturating_sub(why_at).max(30),
        );
        let first = if why.is_empty() {
            String::new()
        } else {
            why.remove(0)
        };
        out.push_str(&line(
            &[(part_name(v.part), label_w), (verdict_word(v), verdict_w)],
            "",
            &first,
        ));
        for more in why {
            out.push_str(&format!("{}{more}\n", " ".repeat(why_at)));
        }
    }
    out.push('\n');
    for l in wrap(&conclusion(report), width.max(30)) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Columns padded to their widths, then `middle`, then the rest; no
/// trailing spaces.
fn line(columns: &[(&str, usize)], middle: &str, rest: &str) -> String {
    let mut s = String::new();
    for (text, w) in columns {
        s.push_str(text);
        s.push_str(&" ".repeat(w.saturating_sub(text.width())));
    }
    s.push_str(middle);
    s.push_str(rest);
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    s.push('\n');
    s
}

/// Word-wraps to at most `max` cells; a longer word gets a line of its own.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.width() + 1 + word.width() > max {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The one JSON object for scripts (see the module docs).
pub fn json(report: &Report) -> Value {
    // The forms per type are in `findings.value_forms`.
    let checks: Vec<Value> = rows(report)
        .into_iter()
        .filter(|r| r.name != TYPE_ROW)
        .map(|r| {
            json!({
                "name": r.name,
                "label": r.label.trim(),
                "status": r.status.word(),
                "ok": !matches!(r.status, Status::Fail | Status::Skipped),
                "detail": r.detail,
                "ms": r.ms(),
                "requests_ms": r.requests_ms,
            })
        })
        .collect();
    let mut verdicts = Map::new();
    for v in &report.verdicts {
        verdicts.insert(
            part_key(v.part).to_string(),
            json!({
                "safe": v.safe,
                "verdict": verdict_word(v),
                "source": v.reason.source(),
                "why": verdict_why(report, v),
            }),
        );
    }
    json!({
        "base_url": report.base_url,
        "contact_id": report.contact_id,
        "checks": checks,
        "verdicts": verdicts,
        "findings": findings(report),
        "safe_to_edit": report.safe_to_edit(),
        "exit": report.exit_code(),
    })
}

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

fn failure_words(failure: &Failure) -> String {
    match failure {
        Failure::Status {
            status,
            message,
            retry_after,
        } => {
            let mut s = format!("HTTP {status}");
            if let Some(m) = message {
                s.push_str(&format!(": {m}"));
            }
            if let Some(r) = retry_after {
                s.push_str(&format!(" (Retry-After: {r})"));
            }
            s
        }
        Failure::Transport(text) => text.clone(),
        Failure::Unreadable => {
            "it answered, but not in the documented shape (no data list or object)".to_string()
        }
    }
}

fn skip_words(skip: Skip) -> &'static str {
    match skip {
        Skip::KeyRefused => "not checked: the key was not accepted",
        Skip::Unreachable => "not checked: the server could not be reached",
        Skip::NoContact => "not checked: no contact to read (give a CONTACT_ID)",
    }
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
        PageCap::At(n) => format!("caps pages at {n} (asked for {})", super::LARGE_PAGE),
        PageCap::RefusedLarge { status, fallback } => format!(
            "refuses limit={} (HTTP {status}); pages of {fallback} work",
            super::LARGE_PAGE
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
                Some(t) => format!("{n} {t}"),
                None => format!("{n} without entity_type"),
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

fn form_key(form: ValueForm) -> &'static str {
    match form {
        ValueForm::Number => "number",
        ValueForm::Text => "string",
        ValueForm::DateText => "date_string",
        ValueForm::DateTimeText => "datetime_string",
        ValueForm::Boolean => "boolean",
        ValueForm::OptionObject => "option_object",
        ValueForm::Object => "object",
        ValueForm::ArrayOfObjects => "array_of_objects",
        ValueForm::ArrayOfStrings => "array_of_strings",
        ValueForm::EmptyArray => "empty_array",
        ValueForm::OtherArray => "other_array",
        ValueForm::Null => "null",
        ValueForm::NoValueKey => "no_value_key",
    }
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
        .filter(|h| !(h.name == "retry-after" && !limits.throttled.is_empty()))
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

fn part_name(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "title & starred",
        Part::Emails => "emails",
        Part::CustomFields => "custom fields",
        Part::Phones => "phones",
        Part::Tags => "tags",
        Part::Lists => "lists",
    }
}

fn part_key(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "title_and_starred",
        Part::Emails => "emails",
        Part::CustomFields => "custom_fields",
        Part::Phones => "phones",
        Part::Tags => "tags",
        Part::Lists => "lists",
    }
}

/// What a save sends for the part, for "its … list".
fn part_list_words(part: Part) -> &'static str {
    match part {
        Part::TitleAndStarred => "its title and starred flag",
        Part::Emails => "its email list",
        Part::CustomFields => "its custom field values",
        Part::Phones => "its phone numbers",
        Part::Tags => "its tags",
        Part::Lists => "its lists",
    }
}

fn verdict_word(v: &Verdict) -> &'static str {
    if v.safe { "safe" } else { "read-only" }
}

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
fn conclusion(report: &Report) -> String {
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

/// `a`, `a and b`, `a, b and c`.
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    plural_u64(n as u64, one, many)
}

fn plural_u64(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Typed facts for scripts, beside the worded checks.
fn findings(report: &Report) -> Value {
    let tls = match &report.tls {
        TlsProbe::PlainHttp { loopback } => {
            json!({"version": null, "certificate": null, "plain_http": true, "loopback": loopback})
        }
        TlsProbe::Negotiated { version, .. } => json!({
            "version": match version { TlsVersion::Tls13 => "1.3", TlsVersion::Tls12 => "1.2" },
            "certificate": "trusted",
            "plain_http": false,
        }),
        TlsProbe::Untrusted { problem, .. } => json!({
            "version": null,
            "certificate": match problem {
                CertificateProblem::NotTrusted => "not_trusted",
                CertificateProblem::Expired => "expired",
                CertificateProblem::NotYetValid => "not_yet_valid",
                CertificateProblem::WrongHost => "wrong_host",
                CertificateProblem::Revoked => "revoked",
                CertificateProblem::Invalid => "invalid",
            },
            "plain_http": false,
        }),
        TlsProbe::Failed { .. } => {
            json!({"version": null, "certificate": null, "plain_http": false})
        }
    };
    let key = match report.key {
        KeyCheck::Accepted => "accepted",
        KeyCheck::Refused { .. } => "refused",
        KeyCheck::Unknown => "unknown",
    };
    let list = report.contact_list.found();
    let page_cap = list.and_then(|l| match l.cap {
        PageCap::At(n) => Some(n),
        _ => None,
    });
    let single_get = match &report.single_get.outcome {
        Outcome::Found(SingleGet::Answered { returned }) => {
            json!({"state": "present", "http_status": 200, "lists": returned})
        }
        Outcome::Found(SingleGet::Absent { status, .. }) => {
            json!({"state": "absent", "http_status": status, "lists": []})
        }
        Outcome::Found(SingleGet::NoSuchContact { .. }) => {
            json!({"state": "no_such_contact", "http_status": 404, "lists": []})
        }
        Outcome::Failed(f) => json!({"state": "failed", "http_status": status_of(f), "lists": []}),
        Outcome::NotChecked(_) => json!({"state": "not_checked", "http_status": null, "lists": []}),
    };
    let definitions = report.definitions.found().map(|d| {
        let types: Map<String, Value> = d
            .field_types
            .iter()
            .map(|(t, n)| (t.clone(), json!(n)))
            .collect();
        json!({
            "count": d.count,
            "contact_count": d.contact_count(),
            "pages": d.pages,
            "entity_type_honoured": d.entity_type_honoured(),
            "not_contact": d.not_contact(),
            "field_types": types,
            "complete": !d.incomplete,
        })
    });
    let value_forms: Map<String, Value> = report
        .value_forms
        .by_type
        .iter()
        .map(|t| {
            let forms: Map<String, Value> = t
                .forms
                .iter()
                .map(|f| {
                    (
                        form_key(f.form).to_string(),
                        json!({"count": f.count, "not_understood": f.not_understood}),
                    )
                })
                .collect();
            (t.field_type.clone(), Value::Object(forms))
        })
        .collect();
    let total = |step: &Step<Counted>| step.found().map(|c| c.total);
    let headers: Map<String, Value> = report
        .rate_limits
        .headers
        .iter()
        .map(|h| (h.name.clone(), json!(h.value)))
        .collect();
    let throttled: Vec<Value> = report
        .rate_limits
        .throttled
        .iter()
        .map(
            |t| json!({"request": t.request, "retry_after": t.retry_after, "waited_s": t.waited_s}),
        )
        .collect();
    json!({
        "tls": tls,
        "http_version": report.http_version,
        "key": key,
        "page_cap": page_cap,
        "contacts_total": list.and_then(|l| l.total),
        "single_get": single_get,
        "list_include": report.list_include.found().map(ListInclude::returned),
        "definitions": definitions,
        "value_forms": value_forms,
        "workspace_users_total": total(&report.users),
        "tags_total": total(&report.tags),
        "lists_total": total(&report.lists),
        "rate_limit_headers": headers,
        "throttled": throttled,
    })
}

fn status_of(f: &Failure) -> Option<u16> {
    match f {
        Failure::Status { status, .. } => Some(*status),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_within_the_width_and_keep_long_words_whole() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh ij", 4), ["abcdefgh", "ij"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn lists_are_joined_as_in_a_sentence() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list::<&str>(&[]), "");
    }

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
