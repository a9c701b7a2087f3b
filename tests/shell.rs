//! `rolodex-tui get` and `set` from a shell: the real binary, without a
//! terminal (stdin is not a TTY), over real loopback HTTP against the demo
//! server. Every run is checked for the key in what it printed.

#[path = "support/binary.rs"]
mod binary;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use rolodex_tui::demo::{Behaviour, Bulk, DEMO_CONTACT_ID, DemoServer, SingleGet};
use serde_json::{Value, json};

/// Shaped like a real key, so a leak would be unmistakable.
const KEY: &str = "rk_live_5Hs9shellTestKey2Qp";
const ID: &str = DEMO_CONTACT_ID;

async fn server() -> DemoServer {
    DemoServer::start_with_key(KEY)
        .await
        .expect("demo server starts")
}

/// A state folder of this test's own, removed on drop.
struct State(PathBuf);

impl State {
    fn new(name: &str) -> State {
        let dir = std::env::temp_dir().join(format!("rolodex-shell-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        State(dir)
    }
}

impl Drop for State {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    out: String,
    err: String,
    code: i32,
}

/// Runs the real binary against `server`, stdin not a terminal and no
/// config file of the developer's, in a UTF-8 locale.
async fn run(server: &DemoServer, state: &Path, args: &[&str]) -> Run {
    run_in(server, state, args, "C.UTF-8").await
}

/// As [`run`], with `LANG` set to `lang`.
async fn run_in(server: &DemoServer, state: &Path, args: &[&str], lang: &str) -> Run {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"));
    command
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", lang)
        .env("ROLODEX_BASE_URL", server.base_url())
        .env("ROLODEX_API_KEY", KEY)
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("XDG_STATE_HOME", state)
        .stdin(Stdio::null());
    let (out, err, code) = binary::finish(command).await;
    let run = Run { out, err, code };
    for text in [&run.out, &run.err] {
        assert!(!text.contains(KEY), "the key was printed:\n{text}");
    }
    run
}

fn puts(server: &DemoServer) -> Vec<Value> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.body.unwrap_or(Value::Null))
        .collect()
}

fn custom_value(contact: &Value, id: &str) -> Value {
    contact["custom_fields"]
        .as_array()
        .and_then(|l| l.iter().find(|f| f["id"] == id))
        .map(|f| f["value"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_json_is_the_contact_exactly_as_the_server_holds_it_unknown_fields_included() {
    let server = server().await;
    let state = State::new("get-json");
    server.modify_contact(ID, |c| {
        c["favourite_colour"] = json!("teal");
        c["loyalty"] = json!({"tier": "gold", "since": 2019});
    });
    let run = run(&server, &state.0, &["get", ID, "--json"]).await;
    assert_eq!(run.code, 0, "{}", run.err);
    let printed: Value = serde_json::from_str(&run.out).expect("get --json prints JSON");
    let held = server.contact(ID).expect("the contact");
    assert_eq!(printed, held);
    assert_eq!(printed["favourite_colour"], "teal");
    assert_eq!(printed["loyalty"]["since"], 2019);
    for list in [
        "emails",
        "custom_fields",
        "phone_numbers",
        "tags",
        "lists",
        "companies",
        "notes",
    ] {
        assert!(printed[list].is_array(), "{list} missing: {printed:#}");
    }
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

/// A title built to act on a terminal: an OSC that sets the window title in
/// C1 form (`U+009D … U+009C`) and in ESC form, DEL, NEL, bidirectional
/// overrides and isolates, and the line and paragraph separators.
const HOSTILE: &str = "Jane \u{9d}0;pwned\u{9c} \u{1b}]0;x\u{7} \u{7f}\u{85} \u{202e}evil\u{202c} \
                       \u{2066}iso\u{2069} line\u{2028}para\u{2029}end 東京";

/// No character a terminal acts on, in the bytes as written: C0 but the
/// line ends, DEL, C1 (`C2 80`..`C2 9F`), the bidirectional controls
/// (`E2 80 AA`..`AE`, `E2 81 A6`..`A9`), the separators (`E2 80 A8`/`A9`).
fn assert_no_raw_controls(out: &str) {
    let bytes = out.as_bytes();
    assert!(
        !bytes.iter().any(|&b| (b < 0x20 && b != b'\n') || b == 0x7f),
        "a C0 control or DEL was written raw:\n{out:?}"
    );
    assert!(
        !bytes
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])),
        "a C1 control was written raw:\n{out:?}"
    );
    assert!(
        !bytes
            .windows(3)
            .any(|w| matches!(w, [0xe2, 0x80, 0xa8..=0xae] | [0xe2, 0x81, 0xa6..=0xa9])),
        "a bidirectional control or separator was written raw:\n{out:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_json_escapes_every_terminal_control_and_reads_back_the_same() {
    let server = server().await;
    let state = State::new("get-json-hostile");
    server.modify_contact(ID, |c| c["title"] = json!(HOSTILE));
    let run = run(&server, &state.0, &["get", ID, "--json"]).await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert_no_raw_controls(&run.out);
    assert!(run.out.contains(r"\u009d0;pwned\u009c"), "{}", run.out);
    let printed: Value = serde_json::from_str(&run.out).expect("get --json prints JSON");
    assert_eq!(printed["title"], HOSTILE, "jq reads back the same string");
    assert_eq!(printed, server.contact(ID).expect("the contact"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_shows_a_hostile_value_escaped_in_a_body_that_reads_back_the_same() {
    let server = server().await;
    let state = State::new("set-dry-hostile");
    server.modify_contact(ID, |c| {
        for field in c["custom_fields"].as_array_mut().into_iter().flatten() {
            if field["id"] == "field_background" {
                field["value"] = json!(HOSTILE);
            }
        }
    });
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=88", "--dry-run"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(puts(&server).is_empty(), "a dry run sends nothing");
    assert_no_raw_controls(&run.out);
    let body = &run.out[run.out.find("\n{").expect("a JSON body")..];
    let body: Value = serde_json::from_str(body.trim()).expect("the body is JSON");
    assert_eq!(
        custom_value(&body, "field_background"),
        json!(HOSTILE),
        "the body shown is the body that would be sent: {body:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_summarises_with_labels_and_user_names_and_says_when_a_list_is_unknown() {
    let server = server().await;
    let state = State::new("get-summary");
    let run = run(&server, &state.0, &["get", ID]).await;
    assert_eq!(run.code, 0, "{}", run.err);
    for expected in [
        "Jane Smith (contact_67890)",
        "  Lead Score: 72",
        "  Deal Stage: Qualified",
        "  Account Owner: Alice Johnson <alice@example.com>",
        "  Tags: VIP, Partner",
        "  jane.smith@oldcompany.com (primary)",
        "  +1 212 555 0199 (primary)",
        "  Birthday: 03-14",
    ] {
        assert!(
            run.out.lines().any(|l| l == expected),
            "no line {expected:?} in:\n{}",
            run.out
        );
    }

    // A server whose reads carry no lists at all: nothing is shown as empty.
    server.set_behaviour(Behaviour {
        single_get: SingleGet::WithoutLists,
        no_lists_anywhere: true,
        ..Behaviour::default()
    });
    let run = self::run(&server, &state.0, &["get", ID]).await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        run.out
            .contains("Emails: not returned by the server (unknown, not empty)"),
        "{}",
        run.out
    );
    assert!(!run.out.contains("Emails (0)"), "{}", run.out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_of_a_missing_contact_is_one_line_and_exit_1() {
    let server = server().await;
    let state = State::new("get-missing");
    // With a single-contact read and without one (404, 405): the answer is
    // the same, that there is no such contact.
    for single_get in [
        SingleGet::WithLists,
        SingleGet::Missing,
        SingleGet::NotAllowed,
    ] {
        server.set_behaviour(Behaviour {
            single_get,
            ..Behaviour::default()
        });
        let run = run(&server, &state.0, &["get", "contact_nobody"]).await;
        assert_eq!(run.code, 1, "{}", run.err);
        // A 404 may also mean "no single GET here", so the contact list is
        // searched first (said as progress, without deciding which it is);
        // the error is one line, the last.
        let last = run.err.trim().lines().last().unwrap_or_default();
        assert!(
            last.starts_with(
                "rolodex-tui: not found: contact \"contact_nobody\": there is no contact with \
                 this id"
            ),
            "{single_get}: {}",
            run.err
        );
        assert!(
            !run.err.contains("has no single-contact read"),
            "{single_get}: {}",
            run.err
        );
        assert!(run.out.is_empty());
    }
}

/// A select's option is taken as people type it: "won" is "Won ✅".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_takes_a_select_option_typed_without_its_emoji_or_case() {
    let server = server().await;
    let state = State::new("set-option-loosely");
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "deal stage=won", "--yes"],
    )
    .await;
    assert_eq!(run.code, 0, "{}\n{}", run.out, run.err);
    assert!(
        run.out.contains("Deal Stage:") && run.out.contains("Won ✅"),
        "{}",
        run.out
    );
    let after = server.contact(ID).expect("the contact");
    assert_eq!(
        custom_value(&after, "field_stage"),
        json!({"id": "opt_stage_won", "value": "Won ✅"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_of_a_workspace_with_too_many_definitions_is_one_line_naming_the_list_and_exit_1() {
    let server = server().await;
    server.set_behaviour(Behaviour {
        bulk_definitions: Some(Bulk {
            count: 20_000,
            name_bytes: 0,
            per_page: 100,
        }),
        ..Behaviour::default()
    });
    let state = State::new("get-too-many-defs");
    let run = run(&server, &state.0, &["get", ID]).await;
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(run.out.is_empty(), "{}", run.out);
    assert_eq!(run.err.trim().lines().count(), 1, "{}", run.err);
    assert!(
        run.err.starts_with(
            "rolodex-tui: the workspace's custom field definitions are larger than rolodex-tui \
             reads (more than 10,000 items / 64 MiB): the server lists 20,032;"
        ),
        "{}",
        run.err
    );
    let pages = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/custom-fields"))
        .count();
    assert_eq!(pages, 1, "read past the cap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_key_command_is_named_on_stderr_while_it_is_waited_for() {
    let server = server().await;
    let state = State::new("slow-key-cmd");
    let cmd = format!("sleep 1.5; echo {KEY}");
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"));
    command
        .args(["get", ID, "--api-key-cmd", &cmd])
        .env_remove("ROLODEX_API_KEY")
        .env("LANG", "C.UTF-8")
        .env("ROLODEX_BASE_URL", server.base_url())
        .env("XDG_CONFIG_HOME", state.0.join("config"))
        .env("XDG_STATE_HOME", &state.0)
        .stdin(Stdio::null());
    let (out, err, code) = binary::finish(command).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Jane"), "{out}");
    assert_eq!(
        err.trim(),
        "rolodex-tui: waiting for --api-key-cmd (sleep) to print the API key; Ctrl-C cancels"
    );
    assert!(!out.contains(KEY) && !err.contains(KEY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_a_field_by_name_sends_every_value_and_every_email_and_changes_only_that_one() {
    let server = server().await;
    let state = State::new("set-field");
    let before = server.contact(ID).expect("the contact");
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=88", "--yes"],
    )
    .await;
    assert_eq!(run.code, 0, "{}\n{}", run.out, run.err);
    assert!(run.out.contains("~ Lead Score: 72 → 88"), "{}", run.out);
    assert!(
        run.out
            .contains("REPLACES the email list with exactly the 2 emails shown"),
        "{}",
        run.out
    );
    assert!(
        run.out
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Saved contact_67890 — updated_at ")),
        "{}",
        run.out
    );

    let puts = puts(&server);
    assert_eq!(puts.len(), 1, "one PUT");
    let body = &puts[0];
    let sent = body["custom_fields"]
        .as_array()
        .expect("custom fields sent");
    let held = before["custom_fields"].as_array().expect("held");
    assert_eq!(sent.len(), held.len(), "{body:#}");
    for field in held {
        let id = field["id"].as_str().unwrap_or_default();
        assert!(
            sent.iter().any(|s| s["id"] == id),
            "{id} is missing from the PUT: {body:#}"
        );
    }
    let addresses = |list: &Value| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["email_address"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(addresses(&body["emails"]), addresses(&before["emails"]));
    for absent in ["phone_numbers", "tags", "lists", "companies", "notes"] {
        assert!(body.get(absent).is_none(), "{absent} sent: {body:#}");
    }

    let after = server.contact(ID).expect("the contact");
    assert_eq!(custom_value(&after, "field_123"), json!(88));
    for field in held.iter().filter(|f| f["id"] != "field_123") {
        let id = field["id"].as_str().unwrap_or_default();
        assert_eq!(custom_value(&after, id), field["value"], "{id} changed");
    }
    assert_eq!(addresses(&after["emails"]), addresses(&before["emails"]));
    assert_eq!(after["phone_numbers"], before["phone_numbers"]);
    assert_eq!(after["tags"], before["tags"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_without_a_terminal_and_without_yes_sends_nothing_and_names_yes() {
    let server = server().await;
    let state = State::new("set-no-yes");
    let run = run(&server, &state.0, &["set", ID, "--field", "Lead Score=88"]).await;
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("--yes"), "{}", run.err);
    assert!(
        run.out.contains("~ Lead Score: 72 → 88"),
        "the review: {}",
        run.out
    );
    assert!(puts(&server).is_empty(), "nothing sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_values_exit_4_with_every_problem_field_first_and_send_nothing() {
    let server = server().await;
    let state = State::new("set-invalid");
    let run = run(
        &server,
        &state.0,
        &[
            "set",
            ID,
            "--field",
            "Lead Score=eighty",
            "--field",
            "Deal Stage=Someday",
            "--set",
            "website=ftp://example.com",
            "--yes",
        ],
    )
    .await;
    assert_eq!(run.code, 4, "{}", run.err);
    let lines: Vec<&str> = run.err.lines().collect();
    for start in [
        "Lead Score: ",
        "Deal Stage: \"Someday\" is not one of its options",
        "Website: ",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(start)),
            "no line starting {start:?}:\n{}",
            run.err
        );
    }
    assert!(puts(&server).is_empty(), "nothing sent");
    assert!(
        run.out.is_empty(),
        "no review of an edit that cannot be sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_the_server_did_not_return_is_refused_not_replaced() {
    let server = server().await;
    let state = State::new("set-unknown");
    server.set_behaviour(Behaviour {
        single_get: SingleGet::WithoutLists,
        no_lists_anywhere: true,
        ..Behaviour::default()
    });
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--add-email", "new@example.com", "--yes"],
    )
    .await;
    assert_eq!(run.code, 4, "{}", run.err);
    assert!(
        run.err
            .lines()
            .any(|l| l.starts_with("Email: the server did not return this contact's email list")),
        "{}",
        run.err
    );
    assert!(puts(&server).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_the_exact_request_with_the_key_hidden_and_sends_nothing() {
    let server = server().await;
    let state = State::new("set-dry");
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=88", "--dry-run"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(puts(&server).is_empty(), "a dry run sends nothing");
    assert!(run.out.contains("Dry run: nothing was sent"), "{}", run.out);
    assert!(
        run.out
            .contains(&format!("PUT {}/contacts/{ID}", server.base_url())),
        "{}",
        run.out
    );
    assert!(run.out.contains("x-rolodex-api-key: ***"), "{}", run.out);
    let body = &run.out[run.out.find("\n{").expect("a JSON body")..];
    let body: Value = serde_json::from_str(body.trim()).expect("the body is JSON");
    assert!(
        body["custom_fields"]
            .as_array()
            .is_some_and(|l| l.contains(&json!({"id": "field_123", "value": 88}))),
        "{body:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_the_server_since_the_read_exits_5_and_sends_nothing() {
    let server = server().await;
    let state = State::new("set-conflict");
    // A teammate saves right after set has read the contact.
    server.faults().edit_after_reads(1, "Chief Product Officer");
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=88", "--yes"],
    )
    .await;
    assert_eq!(run.code, 5, "{}\n{}", run.out, run.err);
    assert!(puts(&server).is_empty(), "nothing sent");
    assert!(run.err.contains("changed on the server"), "{}", run.err);
    assert!(
        run.err.contains("Chief Product Officer"),
        "what changed: {}",
        run.err
    );
    assert!(
        run.err.contains(&format!("rolodex-tui {ID}")),
        "points to the editor: {}",
        run.err
    );
    let held = server.contact(ID).expect("the contact");
    assert_eq!(custom_value(&held, "field_123"), json!(72));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_put_exits_6_with_the_status_in_words() {
    let server = server().await;
    let state = State::new("set-500");
    server.faults().fail_next_puts(1);
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=88", "--yes"],
    )
    .await;
    assert_eq!(run.code, 6, "{}\n{}", run.out, run.err);
    assert!(run.err.contains("the save failed"), "{}", run.err);
    assert!(run.err.contains("500"), "{}", run.err);
    assert!(!run.err.contains("Api"), "no Debug dump: {}", run.err);
    assert_eq!(puts(&server).len(), 1);
    let held = server.contact(ID).expect("the contact");
    assert_eq!(custom_value(&held, "field_123"), json!(72));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_to_change_sends_nothing_and_exits_0() {
    let server = server().await;
    let state = State::new("set-same");
    let run = run(
        &server,
        &state.0,
        &["set", ID, "--field", "Lead Score=72", "--star", "--yes"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.starts_with("Nothing to change"), "{}", run.out);
    assert!(puts(&server).is_empty());
}

/// The folder the server's workspace keeps its drafts and history in.
fn workspace_of(server: &DemoServer, state: &State) -> std::path::PathBuf {
    use rolodex_tui::store::{Store, workspace_of};
    Store::new(state.0.join("rolodex-tui"))
        .for_workspace(&workspace_of(&server.base_url()))
        .root()
        .to_path_buf()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_save_is_kept_in_the_history_before_it_was_made() {
    let server = server().await;
    let state = State::new("set-history");
    let run1 = run(&server, &state.0, &["set", ID, "--title", "CTO", "--yes"]).await;
    assert_eq!(run1.code, 0, "{}", run1.err);
    let listing = run(&server, &state.0, &["--history", ID]).await;
    assert_eq!(listing.code, 0, "{}", listing.err);
    assert!(listing.out.contains("@1"), "{}", listing.out);
    assert!(
        listing.out.contains("Product Manager"),
        "the version before: {}",
        listing.out
    );
    let history = std::fs::read_dir(workspace_of(&server, &state).join("history"))
        .expect("a history folder")
        .count();
    assert_eq!(history, 1);
}

/// With `--yes`, a history that cannot be kept is said on stderr and the
/// save goes on; the message says what failed, not that unsaved changes
/// are lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_yes_without_a_history_says_so_and_saves() {
    let server = server().await;
    let state = State::new("set-no-history");
    // Where the history folder would be, a file: nothing can be kept there.
    let workspace = workspace_of(&server, &state);
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(workspace.join("history"), b"in the way").unwrap();
    let run = run(&server, &state.0, &["set", ID, "--title", "CTO", "--yes"]).await;
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        run.err.contains("cannot be kept in the save history"),
        "{}",
        run.err
    );
    assert!(run.err.contains("--revert cannot undo it"), "{}", run.err);
    assert!(!run.err.contains("not being kept on disk"), "{}", run.err);
    assert_eq!(puts(&server).len(), 1);
    assert_eq!(server.contact(ID).unwrap()["title"], "CTO");
}

#[test]
fn completions_name_every_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
            .args(["completions", shell])
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for command in ["doctor", "get", "set", "completions", "man"] {
            assert!(script.contains(command), "{shell}: {command} missing");
        }
        assert!(script.contains("add-tag"), "{shell}: set's flags missing");
    }
}

/// The bash script completes in a real bash, driven as bash drives it on
/// Tab (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT, then the function
/// `complete -p` names): a command's flags, the commands' names, the
/// top-level flags and a command after the global flags.
#[test]
fn bash_completes_commands_their_flags_and_the_top_level_flags() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .args(["completions", "bash"])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let dir = State::new("completions");
    std::fs::create_dir_all(&dir.0).unwrap();
    let script = dir.0.join("rolodex-tui.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let driver = r#"
source "$1" || exit 3
fn=$(complete -p rolodex-tui | sed -E 's/.*-F ([^ ]+).*/\1/')
tab() {
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$fn" rolodex-tui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "$* => ${COMPREPLY[*]}"
}
tab rolodex-tui set c1 --ti
tab rolodex-tui do
tab rolodex-tui --de
tab rolodex-tui --demo get c1 --js
tab rolodex-tui help se
"#;
    let run = std::process::Command::new("bash")
        .arg("-c")
        .arg(driver)
        .arg("bash")
        .arg(&script)
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    let said = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}{err}");
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines,
        [
            "rolodex-tui set c1 --ti => --title",
            "rolodex-tui do => doctor",
            "rolodex-tui --de => --demo",
            "rolodex-tui --demo get c1 --js => --json",
            "rolodex-tui help se => set",
        ],
        "{err}"
    );
}

/// A command's usage line, in its help and after a usage error, shows the
/// connection options as optional even when ROLODEX_BASE_URL sets one.
#[test]
fn usage_lines_do_not_show_the_base_url_as_required() {
    let usage_of = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
            .args(args)
            .env("ROLODEX_BASE_URL", "http://127.0.0.1:9/user-api/v1")
            .env("ROLODEX_API_KEY", KEY)
            .env("XDG_CONFIG_HOME", "/nonexistent-rolodex-tui-test")
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let line = text
            .lines()
            .find(|l| l.starts_with("Usage:"))
            .unwrap_or_default()
            .to_string();
        (out.status.code(), line, text)
    };
    let set = "Usage: rolodex-tui [OPTIONS] set CONTACT_ID [EDITS] [--dry-run] [--yes]";
    for (args, code, want) in [
        (&["set", "--help"][..], 0, set),
        (&["set"][..], 2, set),
        (&["set", "c1", "--star", "--unstar"][..], 2, set),
        (
            &["get"][..],
            2,
            "Usage: rolodex-tui [OPTIONS] get CONTACT_ID [--json]",
        ),
        (
            &["doctor", "--bogus"][..],
            2,
            "Usage: rolodex-tui [OPTIONS] doctor [CONTACT_ID] [--json]",
        ),
    ] {
        let (got_code, line, text) = usage_of(args);
        assert_eq!(got_code, Some(code), "{args:?}: {text}");
        assert_eq!(line, want, "{args:?}: {text}");
        assert!(!text.contains("--base-url <URL> <"), "{args:?}: {text}");
    }
}

#[test]
fn the_man_pages_build_and_document_set_and_the_exit_codes() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .arg("man")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH rolodex-tui 1"),
        "{page}"
    );
    assert!(page.contains("invalid input"), "the exit codes: {page}");

    let dir = std::env::temp_dir().join(format!("rolodex-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolodex-tui"))
        .args(["man", "--out-dir"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set = std::fs::read_to_string(dir.join("rolodex-tui-set.1")).expect("a page for set");
    assert!(set.contains("add\\-tag"), "{set}");
    assert!(dir.join("rolodex-tui-get.1").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Under `LANG=C` what `get` and `set` print of their own is ASCII: the
/// empty values, the company's separator, the review's arrows and the
/// saved line. The contact's own text is printed as it is.
#[tokio::test]
async fn under_lang_c_get_and_set_print_their_own_symbols_in_ascii() {
    let server = DemoServer::start_with_key(KEY).await.expect("demo server");
    let state = State::new("lang-c");
    let got = run_in(&server, &state.0, &["get", DEMO_CONTACT_ID], "C").await;
    assert_eq!(got.code, 0, "{}", got.err);
    assert!(
        got.out.contains("Facebook: -") && got.out.contains("Acme Corp - Product"),
        "{}",
        got.out
    );
    assert!(got.out.contains("東京"), "data as it is: {}", got.out);
    let args = [
        "set",
        DEMO_CONTACT_ID,
        "--title",
        "Head of Product",
        "--yes",
    ];
    let set = run_in(&server, &state.0, &args, "C").await;
    assert_eq!(set.code, 0, "{}", set.err);
    let printed = format!("{}{}", set.out, set.err);
    assert!(
        printed.contains("Product Manager -> Head of Product"),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("Saved {DEMO_CONTACT_ID} - updated_at")),
        "{printed}"
    );
    for text in [&got.out, &printed] {
        let own: Vec<char> = text
            .chars()
            .filter(|c| rolodex_tui::glyphs::is_unicode_symbol(*c))
            .collect();
        // The sample's notes have one — of their own; set prints none.
        assert!(own.iter().all(|c| *c == '—'), "{own:?} in\n{text}");
    }
    assert!(
        !printed.contains('—') && !printed.contains('→'),
        "{printed}"
    );
}
