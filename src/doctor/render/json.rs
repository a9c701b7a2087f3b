//! The JSON object for scripts (its shape is in the module docs above).

use serde_json::{Map, Value, json};

use super::verdicts::verdict_why;
use super::{Status, TYPE_ROW, part_key, rows, verdict_word};
use crate::api::client::probe::{CertificateProblem, TlsProbe, TlsVersion};
use crate::doctor::{
    Counted, Failure, KeyCheck, ListInclude, Outcome, PageCap, Report, SingleGet, Step, ValueForm,
};

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
        "phone_forms": {
            "numbers": report.phone_forms.numbers,
            "country_code": {
                "region": report.phone_forms.region,
                "plus_digits": report.phone_forms.plus_digits,
                "digits": report.phone_forms.digits,
                "absent": report.phone_forms.none,
                "other": report.phone_forms.other,
            },
            "international_number": report.phone_forms.international,
        },
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
