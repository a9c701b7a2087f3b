use super::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::CommandFactory;

const URL: &str = "https://api.example.com/user-api/v1";

/// A scratch config directory, removed on drop. Every test points
/// XDG_CONFIG_HOME here so the developer's own config is never read.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "rolodex-cli-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join("rolodex-tui")).unwrap_or_else(|e| panic!("{e}"));
        Scratch(dir)
    }

    fn config_path(&self) -> PathBuf {
        self.0.join("rolodex-tui").join("config.toml")
    }

    fn write_config(&self, text: &str, mode: u32) -> PathBuf {
        let path = self.config_path();
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        path
    }

    fn env(&self, vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("XDG_CONFIG_HOME".into(), self.0.display().to_string());
        move |name| map.get(name).cloned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cli() -> Cli {
    Cli::default()
}

fn client_of(settings: Result<Settings, ConfigError>) -> ClientConfig {
    match settings {
        Ok(Settings {
            client: Some(client),
            ..
        }) => client,
        other => panic!("expected a client config, got {other:?}"),
    }
}

#[test]
fn a_missing_base_url_names_the_variable_and_the_flag() {
    let s = Scratch::new();
    let got = resolve(&cli(), &s.env(&[("ROLODEX_API_KEY", "k")]));
    assert_eq!(got, Err(ConfigError::MissingBaseUrl));
    assert_eq!(
        ConfigError::MissingBaseUrl.to_string(),
        "ROLODEX_BASE_URL is not set: set it (or pass --base-url) to your workspace's API root \
         including /user-api/v1, e.g. https://api.example.com/user-api/v1"
    );
}

#[test]
fn a_missing_key_names_the_variable_and_the_command_option() {
    let s = Scratch::new();
    let got = resolve(&cli(), &s.env(&[("ROLODEX_BASE_URL", URL)]));
    assert_eq!(got, Err(ConfigError::MissingApiKey));
    assert_eq!(
        ConfigError::MissingApiKey.to_string(),
        "ROLODEX_API_KEY is not set: export it, or use --api-key-cmd 'pass show rolodex'"
    );
    let blank = resolve(
        &cli(),
        &s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", "  ")]),
    );
    assert_eq!(blank, Err(ConfigError::MissingApiKey));
}

#[test]
fn environment_alone_gives_a_client_with_the_defaults() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", " sk_1 ")]);
    let mut args = cli();
    args.contact_id = Some("contact_67890".into());
    args.dry_run = true;
    let settings = resolve(&args, &env).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(settings.contact_id.as_deref(), Some("contact_67890"));
    assert!(settings.dry_run && !settings.demo);
    let client = client_of(Ok(settings));
    assert_eq!(client.base_url, URL);
    assert_eq!(client.api_key.expose_secret(), "sk_1");
    assert_eq!(client.auth, AuthScheme::Header);
}

#[test]
fn flag_beats_environment_beats_file() {
    let s = Scratch::new();
    s.write_config(
        "base_url = \"https://file.example.com/user-api/v1\"\nauth = \"bearer\"\n",
        0o644,
    );
    let key = [("ROLODEX_API_KEY", "k")];
    let from_file = client_of(resolve(&cli(), &s.env(&key)));
    assert_eq!(from_file.base_url, "https://file.example.com/user-api/v1");
    assert_eq!(from_file.auth, AuthScheme::Bearer);

    let env = s.env(&[("ROLODEX_API_KEY", "k"), ("ROLODEX_BASE_URL", URL)]);
    assert_eq!(client_of(resolve(&cli(), &env)).base_url, URL);

    let mut args = cli();
    args.base_url = Some("https://flag.example.com/user-api/v1/".into());
    args.auth = Some(AuthArg::Header);
    let from_flag = client_of(resolve(&args, &env));
    assert_eq!(from_flag.base_url, "https://flag.example.com/user-api/v1/");
    assert_eq!(from_flag.auth, AuthScheme::Header);
}

#[test]
fn plain_http_is_only_for_this_machine_unless_allowed() {
    let s = Scratch::new();
    for local in [
        "http://127.0.0.1:8080/user-api/v1",
        "http://localhost/user-api/v1",
        "http://[::1]:9/user-api/v1",
    ] {
        let env = s.env(&[("ROLODEX_API_KEY", "k"), ("ROLODEX_BASE_URL", local)]);
        assert_eq!(client_of(resolve(&cli(), &env)).base_url, local);
    }
    let remote = "http://crm.example.com/user-api/v1";
    let env = s.env(&[("ROLODEX_API_KEY", "k"), ("ROLODEX_BASE_URL", remote)]);
    let got = resolve(&cli(), &env);
    match &got {
        Err(e @ ConfigError::InsecureHttp { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("crm.example.com") && text.contains("--allow-insecure-http"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut args = cli();
    args.allow_insecure_http = true;
    assert_eq!(client_of(resolve(&args, &env)).base_url, remote);
}

#[test]
fn unusable_base_urls_are_refused_with_their_origin() {
    let s = Scratch::new();
    for (url, words) in [
        ("api.example.com/user-api/v1", "not a URL"),
        ("https://api.example.com", "/user-api/v1"),
        (
            "https://me:pw@api.example.com/user-api/v1",
            "user name or password",
        ),
        ("ftp://api.example.com/user-api/v1", "https://"),
    ] {
        let env = s.env(&[("ROLODEX_API_KEY", "k"), ("ROLODEX_BASE_URL", url)]);
        match resolve(&cli(), &env) {
            Err(e @ ConfigError::BadBaseUrl { .. }) => {
                let text = e.to_string();
                assert!(
                    text.contains(words) && text.contains("ROLODEX_BASE_URL"),
                    "{text}"
                );
                assert!(!text.contains(":pw@"));
            }
            other => panic!("{url}: {other:?}"),
        }
    }
}

#[test]
fn the_key_command_supplies_its_first_line() {
    let s = Scratch::new();
    let mut args = cli();
    args.api_key_cmd = Some("printf '  sk_from_cmd \\nsecond line\\n'".into());
    let client = client_of(resolve(&args, &s.env(&[("ROLODEX_BASE_URL", URL)])));
    assert_eq!(client.api_key.expose_secret(), "sk_from_cmd");
}

#[test]
fn a_failing_or_silent_key_command_is_a_clear_error() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL)]);
    let mut args = cli();
    args.api_key_cmd = Some("echo sk_never_shown; exit 3".into());
    match resolve(&args, &env) {
        Err(e @ ConfigError::KeyCommandFailed { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("--api-key-cmd") && text.contains("status 3"),
                "{text}"
            );
            assert!(!text.contains("sk_never_shown"));
        }
        other => panic!("{other:?}"),
    }
    args.api_key_cmd = Some("true".into());
    assert!(matches!(
        resolve(&args, &env),
        Err(ConfigError::KeyCommandFailed { problem, .. }) if problem.contains("no key")
    ));
}

#[test]
fn the_key_command_is_read_as_a_key_not_waited_out() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL)]);
    let mut args = cli();
    args.api_key_cmd = Some("echo sk_at_once; sleep 3".into());
    let started = std::time::Instant::now();
    let client = client_of(resolve(&args, &env));
    assert_eq!(client.api_key.expose_secret(), "sk_at_once");
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_millis(1500), "{took:?}");

    args.api_key_cmd = Some("head -c 300000000 /dev/zero".into());
    let started = std::time::Instant::now();
    match resolve(&args, &env) {
        Err(e @ ConfigError::KeyCommandFailed { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("--api-key-cmd") && text.contains("longer than 4 KiB"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_millis(1500), "{took:?}");
}

#[test]
fn the_environment_key_wins_and_the_command_is_not_run() {
    let s = Scratch::new();
    let mut args = cli();
    args.api_key_cmd = Some("exit 1".into());
    let env = s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", "sk_env")]);
    assert_eq!(
        client_of(resolve(&args, &env)).api_key.expose_secret(),
        "sk_env"
    );
}

#[test]
fn the_config_file_key_command_is_used() {
    let s = Scratch::new();
    let path = s.write_config("api_key_cmd = \"echo sk_file_cmd\"\n", 0o644);
    let env = s.env(&[("ROLODEX_BASE_URL", URL)]);
    assert_eq!(
        client_of(resolve(&cli(), &env)).api_key.expose_secret(),
        "sk_file_cmd"
    );
    s.write_config("api_key_cmd = \"exit 2\"\n", 0o644);
    match resolve(&cli(), &env) {
        Err(e) => assert!(
            e.to_string()
                .contains(&format!("api_key_cmd in {}", path.display())),
            "{e}"
        ),
        Ok(_) => panic!("a failing api_key_cmd was accepted"),
    }
}

#[cfg(unix)]
#[test]
fn a_key_in_a_readable_config_file_is_refused_with_the_fix() {
    let s = Scratch::new();
    let path = s.write_config("api_key = \"sk_in_file\"\n", 0o644);
    let env = s.env(&[("ROLODEX_BASE_URL", URL)]);
    let got = resolve(&cli(), &env);
    let shown = path.display().to_string();
    assert_eq!(
        got,
        Err(ConfigError::KeyFileTooOpen {
            path: shown.clone()
        })
    );
    let text = ConfigError::KeyFileTooOpen {
        path: shown.clone(),
    }
    .to_string();
    assert!(text.contains(&format!("chmod 600 {shown}")), "{text}");

    s.write_config("api_key = \"sk_in_file\"\n", 0o600);
    assert_eq!(
        client_of(resolve(&cli(), &env)).api_key.expose_secret(),
        "sk_in_file"
    );
}

#[test]
fn an_explicit_config_path_must_exist_but_the_default_need_not() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", "k")]);
    assert!(resolve(&cli(), &env).is_ok());
    let mut args = cli();
    args.config = Some(s.0.join("nope.toml"));
    assert!(
        matches!(resolve(&args, &env), Err(ConfigError::ConfigUnreadable { path, .. }) if path.ends_with("nope.toml"))
    );

    let other = s.0.join("other.toml");
    std::fs::write(&other, "theme = \"light\"\n").unwrap_or_else(|e| panic!("{e}"));
    args.config = Some(other);
    assert_eq!(
        resolve(&args, &env).map(|st| st.theme),
        Ok(Some("light".into()))
    );
}

#[test]
fn a_config_typo_is_named_on_one_line_without_the_file_text() {
    let s = Scratch::new();
    s.write_config(
        "base_url = \"https://a.example/user-api/v1\"\napi_kee = \"sk_typo\"\n",
        0o600,
    );
    let got = resolve(&cli(), &s.env(&[("ROLODEX_API_KEY", "k")]));
    match got {
        Err(e @ ConfigError::ConfigInvalid { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("line 2") && text.contains("api_kee"),
                "{text}"
            );
            assert!(!text.contains('\n') && !text.contains("sk_typo"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn demo_mode_needs_neither_url_nor_key() {
    let s = Scratch::new();
    let mut args = cli();
    args.demo = true;
    let settings = resolve(&args, &s.env(&[])).unwrap_or_else(|e| panic!("{e}"));
    assert!(settings.demo && settings.client.is_none() && settings.contact_id.is_none());
}

#[test]
fn an_empty_contact_id_is_refused() {
    let s = Scratch::new();
    let mut args = cli();
    args.contact_id = Some(" ".into());
    args.demo = true;
    assert_eq!(
        resolve(&args, &s.env(&[])),
        Err(ConfigError::EmptyContactId)
    );
}

#[test]
fn the_config_path_follows_xdg_then_home() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        default_config_path(&env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")])),
        Some(PathBuf::from("/x/rolodex-tui/config.toml"))
    );
    assert_eq!(
        default_config_path(&env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")])),
        Some(PathBuf::from("/h/.config/rolodex-tui/config.toml"))
    );
    assert_eq!(default_config_path(&env(&[])), None);
}

#[test]
fn the_command_line_parses_and_has_no_key_flag() {
    Cli::command().debug_assert();
    let parsed = Cli::try_parse_from([
        "rolodex-tui",
        "--auth",
        "bearer",
        "--dry-run",
        "--demo",
        "c1",
    ]);
    let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.auth, Some(AuthArg::Bearer));
    assert!(parsed.dry_run && parsed.demo);
    assert_eq!(parsed.contact_id.as_deref(), Some("c1"));
    assert!(Cli::try_parse_from(["rolodex-tui", "--api-key", "sk"]).is_err());
}

#[test]
fn every_error_is_one_line_and_exits_with_1() {
    let errors = [
        ConfigError::MissingBaseUrl,
        ConfigError::MissingApiKey,
        ConfigError::BadBaseUrl {
            origin: "--base-url".into(),
            problem: "is not a URL".into(),
        },
        ConfigError::InsecureHttp {
            origin: "ROLODEX_BASE_URL".into(),
            host: "h".into(),
        },
        ConfigError::KeyCommandFailed {
            origin: "--api-key-cmd".into(),
            problem: "exited with status 1".into(),
        },
        ConfigError::BadApiKey {
            origin: "ROLODEX_API_KEY".into(),
        },
        ConfigError::KeyFileTooOpen {
            path: "/c.toml".into(),
        },
        ConfigError::ConfigUnreadable {
            path: "/c.toml".into(),
            detail: "denied".into(),
        },
        ConfigError::ConfigInvalid {
            path: "/c.toml".into(),
            detail: "line 1: bad".into(),
        },
        ConfigError::EmptyContactId,
    ];
    for e in errors {
        assert!(!e.to_string().contains('\n'), "{e}");
        assert_eq!(exit_code(&e), 1);
    }
}

#[test]
fn a_key_with_inner_whitespace_is_refused_without_echoing_it() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", "sk_a b")]);
    match resolve(&cli(), &env) {
        Err(e @ ConfigError::BadApiKey { .. }) => assert!(!e.to_string().contains("sk_a")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn doctor_is_a_command_that_shares_the_connection_settings() {
    let parse = |args: &[&str]| {
        Cli::try_parse_from(std::iter::once("rolodex-tui").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    };
    let doctor = |cli: &Cli| match &cli.command {
        Some(Command::Doctor(d)) => d.clone(),
        other => panic!("not the doctor command: {other:?}"),
    };

    let plain = parse(&["doctor"]);
    assert_eq!(doctor(&plain), DoctorArgs::default());
    assert_eq!(plain.contact_id(), None);

    let named = parse(&["doctor", "c1", "--json"]);
    assert_eq!(
        doctor(&named),
        DoctorArgs {
            contact_id: Some("c1".into()),
            json: true
        }
    );
    assert_eq!(named.contact_id(), Some("c1"));
    assert_eq!(named.editor_only_option(), None);

    // Global options go before or after the command's name.
    for args in [
        &["--demo", "--auth", "bearer", "doctor"][..],
        &["doctor", "--demo", "--auth", "bearer"][..],
    ] {
        let cli = parse(args);
        assert!(cli.demo && cli.auth == Some(AuthArg::Bearer), "{args:?}");
        assert!(cli.command.is_some());
    }
    let cli = parse(&["doctor", "--base-url", URL, "--config", "/c.toml"]);
    assert_eq!(cli.base_url.as_deref(), Some(URL));
    assert_eq!(cli.config.as_deref(), Some(Path::new("/c.toml")));

    // The editor still takes its contact id, and its own options are told
    // apart so they are refused beside a command.
    let editor = parse(&["c1"]);
    assert_eq!(
        (editor.command.clone(), editor.contact_id()),
        (None, Some("c1"))
    );
    assert_eq!(
        parse(&["--dry-run", "doctor"]).editor_only_option(),
        Some("--dry-run")
    );
    assert_eq!(
        parse(&["c1", "doctor"]).editor_only_option(),
        Some(CONTACT_ID_FIRST)
    );
    assert!(Cli::try_parse_from(["rolodex-tui", "doctor", "--api-key", "sk"]).is_err());
}

#[test]
fn the_doctor_contact_id_is_resolved_like_the_editors() {
    let s = Scratch::new();
    let env = s.env(&[("ROLODEX_BASE_URL", URL), ("ROLODEX_API_KEY", "sk_1")]);
    let mut args = cli();
    args.command = Some(Command::Doctor(DoctorArgs {
        contact_id: Some("c9".into()),
        json: false,
    }));
    let settings = resolve(&args, &env).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(settings.contact_id.as_deref(), Some("c9"));
    assert_eq!(client_of(Ok(settings)).base_url, URL);
    args.command = Some(Command::Doctor(DoctorArgs {
        contact_id: Some(" ".into()),
        json: true,
    }));
    assert_eq!(resolve(&args, &env), Err(ConfigError::EmptyContactId));
}

#[test]
fn get_and_set_take_their_contact_and_a_contact_named_like_a_command_opens_after_dashes() {
    let parse = |args: &[&str]| {
        Cli::try_parse_from(std::iter::once("rolodex-tui").chain(args.iter().copied()))
    };
    let cli = parse(&["get", "c1", "--json"]).expect("get parses");
    assert_eq!(
        cli.command,
        Some(Command::Get(GetArgs {
            contact_id: "c1".into(),
            json: true
        }))
    );
    assert_eq!(cli.contact_id(), Some("c1"));

    let cli = parse(&[
        "set",
        "c1",
        "--field",
        "Lead Score=88",
        "--field",
        "Stage=Won",
        "--set",
        "first_name=Ada",
        "--add-tag",
        "VIP",
        "--yes",
    ])
    .expect("set parses");
    let Some(Command::Set(set)) = &cli.command else {
        panic!("not set: {cli:?}");
    };
    assert_eq!(set.field, vec!["Lead Score=88", "Stage=Won"]);
    assert_eq!(set.details, vec!["first_name=Ada"]);
    assert_eq!(set.add_tag, vec!["VIP"]);
    assert!(set.yes && !set.dry_run);
    assert_eq!(cli.contact_id(), Some("c1"));

    let e = parse(&["set", "c1", "--star", "--unstar"]).expect_err("both refused");
    assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
    let e = parse(&["set"]).expect_err("set needs a contact");
    assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);

    for name in ["get", "set", "doctor"] {
        let cli = parse(&["--", name]).expect("a contact after --");
        assert_eq!(cli.command, None, "{name}");
        assert_eq!(cli.contact_id(), Some(name));
    }
}

#[test]
fn help_lists_every_exit_code_and_the_command_forms() {
    let help = Cli::command().render_long_help().to_string();
    for code in [
        "0 done",
        "1 an error",
        "2 a usage error",
        "4 invalid input",
        "5 the contact changed",
        "6 the save failed",
    ] {
        assert!(help.contains(code), "{code:?} missing from --help:\n{help}");
    }
    for form in [
        "get CONTACT_ID",
        "set CONTACT_ID",
        "completions SHELL",
        "-- CONTACT_ID",
    ] {
        assert!(help.contains(form), "{form:?} missing from --help:\n{help}");
    }
}

#[test]
fn hints_repeat_the_options_that_say_where_to_go_quoted_and_without_the_key_command() {
    let flags = |args: &[&str]| {
        let mut all = vec!["rolodex-tui"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all)
            .expect("parses")
            .flags_in_force(&|_| None)
    };
    assert_eq!(flags(&["--history", "c1"]), "");
    assert_eq!(flags(&["--demo", "--history", "c1"]), " --demo");
    assert_eq!(
        flags(&[
            "--history",
            "c1",
            "--config",
            "/tmp/my dir/it's.toml",
            "--base-url",
            "https://api.example.com/user-api/v1",
            "--auth",
            "bearer",
            "--api-key-cmd",
            "pass show rolodex",
        ]),
        " --config '/tmp/my dir/it'\\''s.toml' --base-url https://api.example.com/user-api/v1 \
         --auth bearer"
    );
    let typed = Cli::try_parse_from([
        "rolodex-tui",
        "--base-url",
        "https://a/v1",
        "--history",
        "c",
    ])
    .expect("parses");
    let from_env = |name: &str| (name == "ROLODEX_BASE_URL").then(|| "https://a/v1".to_string());
    assert_eq!(
        typed.flags_in_force(&from_env),
        "",
        "the environment's URL is not repeated"
    );
}
