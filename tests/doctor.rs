//! `rolodex-tui doctor` over real loopback HTTP against the demo server, in
//! each of the ways the server can answer: the library entry point for the
//! findings, and the real binary for its output and exit code. In every
//! test the server received GET requests only and the key appears nowhere
//! in what was printed.

#[path = "support/binary.rs"]
mod binary;

use std::process::Stdio;
use std::time::Duration;

use rolodex_tui::api::wire::ALL_INCLUDES;
use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::demo::{Behaviour, DEMO_CONTACT_ID, DemoServer, RetryAfter, SingleGet};
use rolodex_tui::doctor::{
    self, Outcome, Part, Reason, Report, SingleGet as SingleGetFinding, SingleGetGap, render,
};
use serde_json::Value;

#[path = "doctor/tls.rs"]
mod tls;

/// Shaped like a real key, so a leak would be unmistakable.
const KEY: &str = "rk_live_7Qm2doctorTestKey9Zx";
const WIDTH: usize = 100;

async fn server() -> DemoServer {
    DemoServer::start_with_key(KEY)
        .await
        .expect("demo server starts")
}

fn client(server: &DemoServer) -> RolodexClient {
    RolodexClient::new(ClientConfig::new(
        server.base_url(),
        ApiKey::new(server.api_key()),
    ))
    .expect("client builds")
}

/// The report for `server` as it now behaves, its table and its JSON text.
struct Probed {
    report: Report,
    table: String,
    json: String,
}

async fn probe(server: &DemoServer, contact_id: Option<&str>) -> Probed {
    let report = doctor::run(&client(server), contact_id).await;
    let table = render::table(&report, WIDTH);
    let json = render::json(&report).to_string();
    assert_plain(&table);
    for text in [&table, &json] {
        assert!(!text.contains(KEY), "the key was printed:\n{text}");
    }
    assert_only_gets(server);
    Probed {
        report,
        table,
        json,
    }
}

/// Every request the server received was a GET, and there was at least one.
fn assert_only_gets(server: &DemoServer) {
    let requests = server.requests();
    assert!(!requests.is_empty(), "doctor sent nothing");
    for r in &requests {
        assert_eq!(r.method, "GET", "{} {} was sent", r.method, r.path);
    }
}

/// No Rust `Debug` text: no variant names, no `Some(…)`, no `::` paths.
fn assert_plain(text: &str) {
    for needle in [
        "Some(",
        "None",
        "Ok(",
        "Err(",
        "::",
        "Answered",
        "NotChecked",
        "ListLookup",
        "Tls13",
        "{ ",
        "\\\"",
    ] {
        assert!(!text.contains(needle), "{needle:?} in:\n{text}");
    }
    // A Rust name such as `UnknownIssuer`: lower case then upper case within
    // a word (header names like `X-RateLimit-Limit` have hyphens).
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')) {
        let camel = word
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        assert!(
            !camel || word.contains('-'),
            "{word:?} looks like Rust in:\n{text}"
        );
    }
}

/// The checks part of the table (before the verdicts).
fn checks(table: &str) -> &str {
    table.split("\nPART ").next().unwrap_or(table)
}

/// The verdicts part of the table.
fn parts(table: &str) -> &str {
    table.split_once("\nPART ").map_or("", |(_, rest)| rest)
}

/// The line that starts with `label` followed by the column gap.
fn line<'a>(table: &'a str, label: &str) -> &'a str {
    table
        .lines()
        .find(|l| {
            l.strip_prefix(label)
                .is_some_and(|rest| rest.starts_with("  "))
        })
        .unwrap_or_else(|| panic!("no line for {label:?} in:\n{table}"))
}

/// A line and the wrapped lines under it, joined with single spaces.
fn entry(table: &str, label: &str) -> String {
    let first = line(table, label);
    let mut text = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut after = table.lines().skip_while(|l| *l != first).skip(1);
    for more in after.by_ref() {
        if !more.starts_with("          ") || more.trim().is_empty() {
            break;
        }
        text.push(' ');
        text.push_str(more.trim());
    }
    text
}

fn verdict(report: &Report, part: Part) -> (bool, Reason) {
    let v = report
        .verdict(part)
        .unwrap_or_else(|| panic!("no verdict for a part"));
    (v.safe, v.reason)
}

/// Runs the real binary with these arguments and environment, no terminal,
/// and no config file of the developer's. Returns stdout, stderr, exit code.
async fn run_binary(args: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let config_home = std::env::temp_dir().join(format!("rolodex-doctor-{}", std::process::id()));
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"));
    command
        .args(args)
        .env_remove("ROLODEX_BASE_URL")
        .env_remove("ROLODEX_API_KEY")
        .env("XDG_CONFIG_HOME", &config_home)
        .env("XDG_STATE_HOME", &config_home)
        .stdin(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    binary::finish(command).await
}

/// How phone country codes are written is reported: the demo, like the
/// guide's examples, has both a region code ("US") and "+1".
#[tokio::test]
async fn the_forms_of_phone_country_codes_are_reported() {
    let server = server().await;
    let p = probe(&server, None).await;
    let row = entry(checks(&p.table), "phone forms");
    assert!(row.contains("as a region code like US"), "{row}");
    assert!(row.contains("as +digits like +1"), "{row}");
    let json: Value = serde_json::from_str(&p.json).expect("json");
    let forms = &json["findings"]["phone_forms"];
    let n = |k: &str| forms["country_code"][k].as_u64().unwrap_or(0);
    assert!(n("region") >= 1 && n("plus_digits") >= 1, "{forms}");
    assert_eq!(
        forms["numbers"].as_u64(),
        Some(n("region") + n("plus_digits") + n("digits") + n("absent") + n("other")),
        "{forms}"
    );
    assert!(forms["international_number"].as_u64() >= Some(1), "{forms}");
}

#[tokio::test]
async fn the_plain_demo_is_safe_everywhere_and_its_single_get_returns_all_seven_lists() {
    let server = server().await;
    let p = probe(&server, None).await;
    for part in Part::ALL {
        assert_eq!(verdict(&p.report, part), (true, Reason::SingleGet));
    }
    assert_eq!(p.report.exit_code(), 0);
    let single = entry(checks(&p.table), "single GET");
    assert!(single.contains("returned all seven lists"), "{single}");
    assert!(
        line(checks(&p.table), "API key").contains("accepted"),
        "{}",
        p.table
    );
    assert!(
        line(checks(&p.table), "TLS").contains("none (plain HTTP on this machine)"),
        "{}",
        p.table
    );
    assert!(
        line(checks(&p.table), "HTTP version").contains("HTTP/1.1"),
        "{}",
        p.table
    );
    for part in ["emails", "custom fields", "phones", "tags", "lists"] {
        assert!(line(parts(&p.table), part).contains("safe"), "{}", p.table);
    }
    assert!(p.table.contains("Exit 0."), "{}", p.table);

    // The numbers are the server's: 51 seeded contacts, 32 CONTACT fields.
    let list = entry(checks(&p.table), "contacts list");
    assert!(list.contains("total 51"), "{list}");
    assert!(list.contains("no page cap up to 1000"), "{list}");
    let defs = entry(checks(&p.table), "definitions");
    assert!(
        defs.contains("32 in 1 page; entity_type honoured"),
        "{defs}"
    );
    assert!(line(checks(&p.table), "tags").contains("answers: 5 tags"));
    assert!(line(checks(&p.table), "lists").contains("answers: 3 contact lists"));
    assert!(line(checks(&p.table), "workspace users").contains("answers: 4 users"));
    assert!(line(checks(&p.table), "  SINGLE_SELECT").contains("object {id, value}"));
    assert!(line(checks(&p.table), "  NUMERIC").contains("number"));
    assert!(p.json.contains("\"exit\":0"));
}

/// `doctor --json` writes no character a terminal acts on, not even from
/// its own command line: the contact id below holds an OSC that would set
/// the window title, bidirectional controls and separators. The doctor
/// cleans what it reports and the JSON escapes whatever is left, so the
/// output is JSON with none of them raw.
#[tokio::test]
async fn doctor_json_writes_no_terminal_control() {
    let server = server().await;
    let id = "c\u{9d}0;pwned\u{9c}\u{7f}\u{85}\u{202e}x\u{2066}y\u{2069}\u{2028}z\u{2029}";
    let (out, err, code) = run_binary(
        &["doctor", id, "--json"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", KEY),
        ],
    )
    .await;
    assert_eq!(code, 1, "no such contact: {err}");
    let raw = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    };
    assert!(
        !out.chars().any(raw),
        "a terminal control was written raw:\n{out:?}"
    );
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert!(
        report["contact_id"]
            .as_str()
            .is_some_and(|id| id.contains("pwned")),
        "{out}"
    );
    assert!(!out.contains(KEY) && !err.contains(KEY));
    assert_only_gets(&server);
}

#[tokio::test]
async fn a_single_get_without_lists_sends_the_editor_to_the_contact_list() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        single_get: SingleGet::WithoutLists,
        ..Behaviour::default()
    });
    let p = probe(&server, None).await;
    let via_list = Reason::ListLookup {
        gap: SingleGetGap::LacksThem,
    };
    for part in [Part::Emails, Part::CustomFields, Part::Phones] {
        assert_eq!(verdict(&p.report, part), (true, via_list));
    }
    assert_eq!(
        verdict(&p.report, Part::TitleAndStarred),
        (true, Reason::SingleGet)
    );
    assert_eq!(p.report.exit_code(), 0);
    let single = entry(checks(&p.table), "single GET");
    assert!(
        single.contains(&format!("missing: {}", ALL_INCLUDES.join(", "))),
        "{single}"
    );
    for part in ["emails", "custom fields"] {
        let why = entry(parts(&p.table), part);
        assert!(
            why.contains("safe the single GET lacks them but the contact list returns them"),
            "{why}"
        );
    }
    assert!(entry(checks(&p.table), "list include").contains("honoured: all seven lists"));
}

#[tokio::test]
async fn a_missing_or_refused_single_get_is_absent_and_the_list_still_serves() {
    for (behaviour, status) in [(SingleGet::Missing, 404), (SingleGet::NotAllowed, 405)] {
        let server = server().await;
        server.set_behaviour(Behaviour {
            single_get: behaviour,
            ..Behaviour::default()
        });
        let p = probe(&server, None).await;
        assert!(
            matches!(
                p.report.single_get.found(),
                Some(SingleGetFinding::Absent { status: s, .. }) if *s == status
            ),
            "{}",
            p.table
        );
        let single = entry(checks(&p.table), "single GET");
        assert!(
            single.contains(&format!("absent (HTTP {status}")),
            "{single}"
        );
        let gap = SingleGetGap::Absent { status };
        for part in [Part::Emails, Part::CustomFields, Part::Tags] {
            assert_eq!(verdict(&p.report, part), (true, Reason::ListLookup { gap }));
        }
        assert_eq!(
            verdict(&p.report, Part::TitleAndStarred),
            (true, Reason::ListLookup { gap })
        );
        assert!(
            entry(parts(&p.table), "emails").contains(&format!(
                "there is no single GET (HTTP {status}) but the contact list returns them"
            )),
            "{}",
            p.table
        );
        assert_eq!(p.report.exit_code(), 0);
    }
}

#[tokio::test]
async fn no_lists_anywhere_leaves_emails_and_custom_fields_read_only_and_exits_1() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        no_lists_anywhere: true,
        ..Behaviour::default()
    });
    let p = probe(&server, None).await;
    for part in [
        Part::Emails,
        Part::CustomFields,
        Part::Phones,
        Part::Tags,
        Part::Lists,
    ] {
        let (safe, reason) = verdict(&p.report, part);
        assert!(!safe && matches!(reason, Reason::NoRead { .. }));
    }
    assert_eq!(
        verdict(&p.report, Part::TitleAndStarred),
        (true, Reason::SingleGet)
    );
    assert!(!p.report.safe_to_edit());
    assert_eq!(p.report.exit_code(), 1);
    let emails = entry(parts(&p.table), "emails");
    assert!(
        emails.contains("read-only no read of the contact returns its email list"),
        "{emails}"
    );
    assert!(entry(checks(&p.table), "list include").contains("not honoured"));

    // The binary says the same and exits 1.
    server.clear_requests();
    let (out, err, code) = run_binary(
        &["doctor"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", KEY),
        ],
    )
    .await;
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("Not safe to edit here: emails and custom fields would be read-only"),
        "{out}"
    );
    assert!(!out.contains(KEY) && !err.contains(KEY));
    assert_plain(&out);
    assert_only_gets(&server);
}

#[tokio::test]
async fn an_ignored_entity_type_is_reported_with_the_count_of_other_definitions() {
    let server = server().await;
    // The COMPANY definitions, counted apart from the doctor.
    let all = client(&server)
        .probe_get(&["custom-fields"], &[("limit", "1000")])
        .await
        .expect("all definitions");
    let company = all
        .body
        .as_ref()
        .and_then(|b| b["data"].as_array())
        .map_or(0, |d| {
            d.iter().filter(|f| f["entity_type"] == "COMPANY").count()
        });
    assert!(company > 0, "the seed mixes COMPANY definitions in");

    server.set_behaviour(Behaviour {
        ignore_entity_type: true,
        ..Behaviour::default()
    });
    let p = probe(&server, None).await;
    let defs = p.report.definitions.found().expect("definitions read");
    assert!(!defs.entity_type_honoured());
    assert_eq!(defs.not_contact(), company);
    assert_eq!(defs.contact_count(), 32);
    let row = entry(checks(&p.table), "definitions");
    assert!(
        row.contains(&format!(
            "entity_type NOT honoured: {company} COMPANY definitions came back too, leaving \
             32 contact definitions"
        )),
        "{row}"
    );
    assert!(entry(parts(&p.table), "custom fields").contains("the server ignores entity_type"));
    assert_eq!(p.report.exit_code(), 0);

    // Honoured, the same line says so.
    server.set_behaviour(Behaviour::default());
    let p = probe(&server, None).await;
    assert!(entry(checks(&p.table), "definitions").contains("entity_type honoured"));
}

#[tokio::test]
async fn a_429_is_reported_with_its_retry_after_and_waited_out_when_short() {
    let server = server().await;
    server
        .faults()
        .rate_limit_matching(Some("GET"), Some("/contacts/"), 1, RetryAfter::Seconds(1));
    let p = probe(&server, Some(DEMO_CONTACT_ID)).await;
    let throttled = &p.report.rate_limits.throttled;
    assert_eq!(throttled.len(), 1, "{}", p.table);
    assert_eq!(throttled[0].retry_after.as_deref(), Some("1"));
    assert_eq!(throttled[0].waited_s, Some(1));
    assert!(matches!(
        p.report.single_get.found(),
        Some(SingleGetFinding::Answered { .. })
    ));
    let single_path = format!("/user-api/v1/contacts/{DEMO_CONTACT_ID}");
    let asked = server
        .requests()
        .iter()
        .filter(|r| r.path == single_path)
        .count();
    assert_eq!(asked, 2, "asked once, then again after the wait");
    let limits = entry(checks(&p.table), "rate limits");
    assert!(
        limits.contains("GET /contacts/:id answered 429 with Retry-After: 1"),
        "{limits}"
    );
    assert_eq!(p.report.exit_code(), 0);
}

#[tokio::test]
async fn a_long_retry_after_is_reported_not_waited_and_the_list_still_serves() {
    let server = server().await;
    server.faults().rate_limit_matching(
        Some("GET"),
        Some("/contacts/"),
        5,
        RetryAfter::Seconds(120),
    );
    let started = std::time::Instant::now();
    let p = probe(&server, None).await;
    assert!(started.elapsed() < Duration::from_secs(30), "it waited");
    assert!(
        matches!(
            &p.report.single_get.outcome,
            Outcome::Failed(doctor::Failure::Status { status: 429, retry_after: Some(r), .. })
                if r == "120"
        ),
        "{}",
        p.table
    );
    assert_eq!(p.report.rate_limits.throttled[0].waited_s, None);
    let single = entry(checks(&p.table), "single GET");
    assert!(single.contains("HTTP 429"), "{single}");
    assert!(single.contains("(Retry-After: 120)"), "{single}");
    assert!(entry(checks(&p.table), "rate limits").contains("Retry-After: 120"));
    let gap = SingleGetGap::Failed;
    assert_eq!(
        verdict(&p.report, Part::Emails),
        (true, Reason::ListLookup { gap })
    );
    assert!(
        entry(parts(&p.table), "emails")
            .contains("the single GET failed but the contact list returns them")
    );
}

#[tokio::test]
async fn a_wrong_key_is_not_accepted_and_exits_1() {
    let server = server().await;
    let wrong = "rk_live_WRONGwrongWRONG42";
    let (out, err, code) = run_binary(
        &["doctor"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", wrong),
        ],
    )
    .await;
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        line(checks(&out), "API key").contains("key not accepted (HTTP 401)"),
        "{out}"
    );
    assert!(
        out.contains("Not safe to edit here: the key was not accepted. Exit 1."),
        "{out}"
    );
    for text in [&out, &err] {
        assert!(!text.contains(wrong) && !text.contains(KEY), "{text}");
    }
    assert_plain(&out);
    assert_only_gets(&server);
    assert!(server.requests().iter().all(|r| !r.api_key_ok));
}

#[tokio::test]
async fn json_parses_and_carries_the_same_verdicts_as_the_report() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        single_get: SingleGet::WithoutLists,
        ..Behaviour::default()
    });
    let report = doctor::run(&client(&server), None).await;
    server.clear_requests();
    let (out, err, code) = run_binary(
        &["doctor", "--json"],
        &[
            ("ROLODEX_BASE_URL", &server.base_url()),
            ("ROLODEX_API_KEY", KEY),
        ],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains(KEY) && !err.contains(KEY));
    assert_only_gets(&server);
    let json: Value = serde_json::from_str(&out).expect("stdout is one JSON object");
    assert_eq!(json["exit"], 0);
    assert_eq!(json["safe_to_edit"], true);
    assert_eq!(json["base_url"], report.base_url.as_str());
    let keys = [
        (Part::TitleAndStarred, "title_and_starred"),
        (Part::Emails, "emails"),
        (Part::CustomFields, "custom_fields"),
        (Part::Phones, "phones"),
        (Part::Tags, "tags"),
        (Part::Lists, "lists"),
    ];
    for (part, key) in keys {
        let v = &json["verdicts"][key];
        let expected = report.verdict(part).expect("a verdict");
        assert_eq!(v["safe"], expected.safe, "{key}");
        assert_eq!(v["verdict"], "safe", "{key}");
        assert_eq!(
            v["why"],
            render::verdict_why(&report, expected).as_str(),
            "{key}"
        );
    }
    assert_eq!(json["verdicts"]["emails"]["source"], "contact_list");
    assert_eq!(
        json["verdicts"]["title_and_starred"]["source"],
        "single_get"
    );
    let checks = json["checks"].as_array().expect("checks");
    let names: Vec<&str> = checks.iter().filter_map(|c| c["name"].as_str()).collect();
    for name in [
        "base_url",
        "tls",
        "http_version",
        "api_key",
        "contacts_list",
        "single_get",
        "list_include",
        "definitions",
        "value_forms",
        "workspace_users",
        "tags",
        "lists",
        "rate_limits",
    ] {
        assert!(names.contains(&name), "no check {name} in {names:?}");
    }
    for c in checks {
        assert!(c["ok"].is_boolean() && c["detail"].is_string(), "{c}");
        assert!(c["ms"].is_null() || c["ms"].is_u64(), "{c}");
        assert_plain(c["detail"].as_str().unwrap_or_default());
    }
    let single = &json["findings"]["single_get"];
    assert_eq!(single["state"], "present");
    assert_eq!(single["lists"], serde_json::json!([]));
    assert_eq!(
        json["findings"]["list_include"].as_array().map(Vec::len),
        Some(7)
    );
}

#[tokio::test]
async fn the_binary_runs_doctor_on_the_demo_without_a_terminal() {
    let (out, err, code) = run_binary(&["--demo", "doctor"], &[]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        line(checks(&out), "single GET").contains("returned all seven lists"),
        "{out}"
    );
    assert!(out.contains("Safe to edit here"), "{out}");
    assert!(!out.contains("demo-key"), "{out}");
    assert_plain(&out);
    // An editor option beside the command is a usage error, not ignored.
    let (_, err, code) = run_binary(&["--demo", "--dry-run", "doctor"], &[]).await;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--dry-run is for the editor"), "{err}");
}

#[tokio::test]
async fn a_named_contact_is_the_one_read_and_an_unknown_one_is_not_safe() {
    let server = server().await;
    let p = probe(&server, Some(DEMO_CONTACT_ID)).await;
    assert_eq!(p.report.contact_id.as_deref(), Some(DEMO_CONTACT_ID));
    let single_path = format!("/user-api/v1/contacts/{DEMO_CONTACT_ID}");
    assert!(server.requests().iter().any(|r| r.path == single_path));
    assert!(line(checks(&p.table), "single GET").contains(DEMO_CONTACT_ID));

    let p = probe(&server, Some("contact_nobody")).await;
    assert!(matches!(
        p.report.single_get.found(),
        Some(SingleGetFinding::NoSuchContact { .. })
    ));
    assert_eq!(
        verdict(&p.report, Part::Emails),
        (false, Reason::NoSuchContact)
    );
    assert_eq!(p.report.exit_code(), 1);
    assert!(p.table.contains("there is no contact contact_nobody"));
}

#[tokio::test]
async fn the_demo_serves_tags_and_lists_paged_and_filtered_by_type() {
    let server = server().await;
    let client = client(&server);
    let total = |a: &rolodex_tui::api::client::probe::ProbeAnswer| {
        a.body
            .as_ref()
            .and_then(|b| b["pagination"]["total"].as_u64())
    };
    let items = |a: &rolodex_tui::api::client::probe::ProbeAnswer| {
        a.body
            .as_ref()
            .and_then(|b| b["data"].as_array().cloned())
            .unwrap_or_default()
    };
    let tags = client
        .probe_get(&["tags"], &[("limit", "2"), ("offset", "2")])
        .await
        .expect("tags");
    assert_eq!((tags.status, total(&tags)), (200, Some(5)));
    let page = items(&tags);
    assert_eq!(page.len(), 2);
    assert!(
        page.iter()
            .all(|t| t["id"].is_string() && t["name"].is_string())
    );

    for (kind, expected) in [(Some("CONTACT"), 3), (Some("COMPANY"), 1), (None, 4)] {
        let query: Vec<(&str, &str)> = kind.map(|k| ("type", k)).into_iter().collect();
        let lists = client.probe_get(&["lists"], &query).await.expect("lists");
        assert_eq!(total(&lists), Some(expected), "{kind:?}");
        if let Some(k) = kind {
            assert!(items(&lists).iter().all(|l| l["type"] == k));
        }
    }
    let bad = client
        .probe_get(&["lists"], &[("type", "TASK")])
        .await
        .expect("an answer");
    assert_eq!(bad.status, 422);
    assert!(bad.message.is_some_and(|m| m.contains("type")));
    assert_only_gets(&server);
}
