//! `rolodex-tui`: parse the command line, resolve settings, run the TUI.

use std::io::{ErrorKind, IsTerminal};
use std::process::ExitCode;

use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::{Model, Options, Revert};
use rolodex_tui::cli::{self, Cli, Command};
use rolodex_tui::demo::{DEMO_CONTACT_ID, DemoServer};
use rolodex_tui::doctor;
use rolodex_tui::runtime::{self, Exit, Services};
use rolodex_tui::shell::Shell;
use rolodex_tui::store::{DEMO_WORKSPACE, Store, UNKNOWN_WORKSPACE, workspace_of};
use rolodex_tui::ui::{Theme, sanitize, view_with};

/// Prints one line to stderr. After the terminal went away (SIGHUP) stderr
/// may be gone too; that is no reason to fail, so errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let args = Cli::parse_args();
    match &args.command {
        Some(Command::Doctor(doctor)) => return run_doctor(&args, doctor.json),
        Some(Command::Get(_) | Command::Set(_)) => return run_shell(&args),
        Some(Command::Completions { shell }) => {
            return write_out(&cli::completions(*shell));
        }
        Some(Command::Man { out_dir }) => return write_man(out_dir.as_deref()),
        None => {}
    }
    if args.reset {
        return reset_demo();
    }
    if let Some(id) = &args.history {
        return print_history(&args, id);
    }
    let mut settings = match cli::resolve(&args, &|name| std::env::var(name).ok()) {
        Ok(s) => s,
        Err(e) => {
            say!("rolodex-tui: {e}");
            return ExitCode::from(cli::exit_code(&e) as u8);
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        say!("rolodex-tui: stdin and stdout must be a terminal: this is an interactive editor");
        return ExitCode::from(1);
    }
    let draft = match &args.draft {
        Some(path) => match given_draft(path, &mut settings) {
            Ok(draft) => Some(draft),
            Err(e) => {
                say!("rolodex-tui: {e}");
                return ExitCode::from(1);
            }
        },
        None => None,
    };
    let revert = match &settings.revert {
        Some((id, n)) => match saved_version(
            id,
            *n,
            &settings,
            &args.flags_in_force(&|name| std::env::var(name).ok()),
        ) {
            Ok(r) => Some(r),
            Err(e) => {
                say!("rolodex-tui: {e}");
                return ExitCode::from(1);
            }
        },
        None => None,
    };
    let Some(runtime) = tokio_runtime() else {
        return ExitCode::from(1);
    };
    runtime.block_on(async_main(settings, revert, draft))
}

/// `--draft FILE`: the draft, whose contact is the one opened. One kept in
/// the state folder for the same contact is left for its own restore
/// prompt first: offering both would make one of them overwrite the other.
fn given_draft(
    path: &std::path::Path,
    settings: &mut cli::Settings,
) -> Result<rolodex_tui::contact::Draft, String> {
    let draft = rolodex_tui::store::read_draft_file(path)?;
    let id = draft.contact_id.clone();
    if let Some(given) = settings.contact_id.as_deref().filter(|given| *given != id) {
        return Err(format!(
            "{} holds changes to {}, not to {}",
            path.display(),
            sanitize(&id),
            sanitize(given)
        ));
    }
    let here = workspace(settings);
    if let Some(made_in) = draft.base_url.as_deref().filter(|made_in| *made_in != here) {
        return Err(format!(
            "{} holds changes made in {}, not in {}: it opens only there",
            path.display(),
            workspace_name(made_in),
            workspace_name(&here)
        ));
    }
    if let Some(store) = store(&here)
        && store.draft_path(&id).exists()
    {
        return Err(format!(
            "{} already has unsaved changes kept in {}: open it without --draft first, to \
             restore or discard them",
            sanitize(&id),
            store.draft_path(&id).display()
        ));
    }
    settings.contact_id = Some(id);
    Ok(draft)
}

/// The async runtime every command runs on; `None` (said on stderr) when
/// it cannot be started.
fn tokio_runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => Some(rt),
        Err(e) => {
            say!("rolodex-tui: cannot start: {e}");
            None
        }
    }
}

/// The settings and a runtime for a command that needs no terminal; the
/// exit code (said on stderr) when either cannot be had.
fn settings_and_runtime(args: &Cli) -> Result<(cli::Settings, tokio::runtime::Runtime), ExitCode> {
    let settings = cli::resolve(args, &|name| std::env::var(name).ok()).map_err(|e| {
        say!("rolodex-tui: {e}");
        ExitCode::from(cli::exit_code(&e) as u8)
    })?;
    let runtime = tokio_runtime().ok_or(ExitCode::from(1))?;
    Ok((settings, runtime))
}

/// `rolodex-tui doctor`: the same settings as the editor, no terminal
/// needed (stdout may be a pipe). Exit 0 when safe to edit, 1 otherwise.
fn run_doctor(args: &Cli, json: bool) -> ExitCode {
    let (settings, runtime) = match settings_and_runtime(args) {
        Ok(both) => both,
        Err(code) => return code,
    };
    runtime.block_on(async {
        // The demo server lives as long as this block: dropping it stops it.
        let (_demo, client) = match connect(&settings, None).await {
            Ok(connected) => connected,
            Err(code) => return code,
        };
        let report = doctor::run(&client, settings.contact_id.as_deref()).await;
        let text = if json {
            let mut text = doctor::render::json(&report).to_string();
            text.push('\n');
            text
        } else {
            let width = match std::io::stdout().is_terminal() {
                true => ratatui::crossterm::terminal::size().map_or(100, |(w, _)| usize::from(w)),
                false => 100,
            };
            doctor::render::table(&report, width)
        };
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        // A closed pipe (`doctor | head`) is not an error worth a message.
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        ExitCode::from(report.exit_code())
    })
}

/// The client the settings name: the workspace's, or one for a demo server
/// started here (with its contacts kept at `demo_saved` when given). The
/// server lives as long as the returned handle. A failure is said on
/// stderr and becomes exit status 1.
async fn connect(
    settings: &cli::Settings,
    demo_saved: Option<std::path::PathBuf>,
) -> Result<(Option<DemoServer>, RolodexClient), ExitCode> {
    connect_to(settings, demo_saved).await.map_err(|e| {
        say!("rolodex-tui: {e}");
        ExitCode::from(1)
    })
}

async fn connect_to(
    settings: &cli::Settings,
    demo_saved: Option<std::path::PathBuf>,
) -> Result<(Option<DemoServer>, RolodexClient), String> {
    let (demo, config) = if settings.demo {
        let started = match demo_saved {
            Some(path) => DemoServer::start_persistent(path).await,
            None => DemoServer::start().await,
        };
        let server = started.map_err(|e| format!("cannot start the demo server: {e}"))?;
        let config = ClientConfig::new(server.base_url(), ApiKey::new(server.api_key()));
        (Some(server), config)
    } else {
        let config = settings
            .client
            .clone()
            .ok_or("no API settings: set ROLODEX_BASE_URL and ROLODEX_API_KEY")?;
        (None, config)
    };
    let client = RolodexClient::new(config).map_err(|e| e.to_string())?;
    Ok((demo, client))
}

/// `get` and `set`: the editor's read and save from a shell. No terminal
/// is needed; `set` asks on one when there is one.
fn run_shell(args: &Cli) -> ExitCode {
    let (settings, runtime) = match settings_and_runtime(args) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let store = store(&workspace(&settings));
    if let Some(store) = &store {
        // Logging is a help, not a requirement.
        let _ = rolodex_tui::logging::init(&store.root().join("rolodex-tui.log"));
    }
    runtime.block_on(async {
        // The demo's contacts are the ones `--demo` edits, kept between runs.
        let saved = store.as_ref().filter(|_| settings.demo).map(demo_contacts);
        let (_demo, client) = match connect(&settings, saved).await {
            Ok(connected) => connected,
            Err(code) => return code,
        };
        let shell = Shell {
            client,
            store,
            terminal: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            glyphs: rolodex_tui::glyphs::Glyphs::for_terminal(false),
        };
        let code = match &args.command {
            Some(Command::Get(get)) => shell.get(get).await,
            Some(Command::Set(set)) => shell.set(set).await,
            _ => 2,
        };
        ExitCode::from(code)
    })
}

/// Writes generated text (a completion script, a man page) to stdout.
fn write_out(bytes: &[u8]) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("rolodex-tui: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}

/// `man`: the main page to stdout, or every page into a folder.
fn write_man(out_dir: Option<&std::path::Path>) -> ExitCode {
    match out_dir {
        None => match cli::man_page() {
            Ok(page) => write_out(&page),
            Err(e) => {
                say!("rolodex-tui: cannot make the manual page: {e}");
                ExitCode::from(1)
            }
        },
        Some(dir) => match std::fs::create_dir_all(dir).and_then(|()| cli::write_man_pages(dir)) {
            Ok(()) => {
                println!("Wrote the manual pages to {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                say!(
                    "rolodex-tui: cannot write the manual pages to {}: {e}",
                    dir.display()
                );
                ExitCode::from(1)
            }
        },
    }
}

/// The state folder as a whole, `$XDG_STATE_HOME/rolodex-tui`; `None`
/// (nothing kept on disk) when neither it nor `HOME` is set.
fn state() -> Option<Store> {
    Store::from_env(&|name| std::env::var(name).ok())
}

/// The workspace the settings name, as drafts record it: the demo's fixed
/// name (its server's port changes every run, its drafts must not), else
/// the base URL.
fn workspace(settings: &cli::Settings) -> String {
    match (&settings.client, settings.demo) {
        (_, true) => DEMO_WORKSPACE.to_string(),
        (Some(client), false) => workspace_of(&client.base_url),
        // Not reached: settings resolve with a client or for the demo.
        // Never the demo's drafts, though.
        (None, false) => workspace_of(""),
    }
}

/// Drafts, history and the log of one workspace, in a folder of its own
/// under `$XDG_STATE_HOME/rolodex-tui` (`demo/` for the demo, with the
/// demo server's saved contacts): the same contact id in two workspaces
/// is two contacts, so neither are their drafts and versions. Drafts and
/// history left in the layout of older versions, which record no
/// workspace, are first moved to `unknown-workspace/` (said on stderr).
fn store(workspace: &str) -> Option<Store> {
    let state = state()?;
    match state.sort_out_flat_layout() {
        Ok(None) => {}
        Ok(Some(sorted)) => say!(
            "rolodex-tui: {} draft(s) and {} saved version(s) from before drafts were kept per \
             workspace were moved to {}: which workspace they belong to is not recorded, so \
             none is offered; rolodex-tui --draft FILE opens a draft in its workspace",
            sorted.drafts,
            sorted.versions,
            sorted.to.display()
        ),
        Err(e) => say!(
            "rolodex-tui: the drafts and history of an older version could not be moved to {}: \
             {e}",
            state.root().join(UNKNOWN_WORKSPACE).display()
        ),
    }
    Some(state.for_workspace(workspace))
}

/// Where the demo server keeps its contacts between runs, in the demo's
/// own state folder.
fn demo_contacts(demo_store: &Store) -> std::path::PathBuf {
    demo_store.root().join("contacts.json")
}

/// `--demo --reset`: the next `--demo` starts from the sample data again.
fn reset_demo() -> ExitCode {
    let Some(store) = store(DEMO_WORKSPACE) else {
        say!("rolodex-tui: no state folder: set XDG_STATE_HOME or HOME");
        return ExitCode::from(1);
    };
    let path = demo_contacts(&store);
    match std::fs::remove_file(&path) {
        Ok(()) => println!(
            "The demo's saved contacts ({}) were removed: the next rolodex-tui --demo starts \
             from the sample data. Its drafts and save history are kept.",
            path.display()
        ),
        Err(e) if e.kind() == ErrorKind::NotFound => println!(
            "The demo has no saved contacts ({} does not exist): it already starts from the \
             sample data.",
            path.display()
        ),
        Err(e) => {
            say!("rolodex-tui: cannot remove {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// `--history CONTACT_ID`: the versions kept before each save in this
/// workspace (the demo's with `--demo`), newest first. Only the base URL is
/// needed: the list is read from disk.
fn print_history(args: &Cli, id: &str) -> ExitCode {
    let base_url = cli::resolve_base_url(args, &|name| std::env::var(name).ok());
    let here = match (&base_url, args.demo) {
        (_, true) => DEMO_WORKSPACE.to_string(),
        (Ok(url), false) => workspace_of(url),
        (Err(e), false) => {
            // History is kept per workspace: without one there is none to
            // list, but the demo's may be the one meant.
            say!("rolodex-tui: {e}");
            let demo = state().map(|s| s.for_workspace(DEMO_WORKSPACE));
            if let Some(demo) = demo
                && demo.history(id).is_ok_and(|found| !found.is_empty())
            {
                say!(
                    "The demo keeps its own history: rolodex-tui --demo --history {}",
                    sanitize(id)
                );
            }
            return ExitCode::from(cli::exit_code(e) as u8);
        }
    };
    let Some(store) = store(&here) else {
        say!("rolodex-tui: no state folder: set XDG_STATE_HOME or HOME");
        return ExitCode::from(1);
    };
    // The other history pointed at: the demo's from a workspace, the
    // workspace's (when one is set up) from the demo.
    let other = match args.demo {
        true => base_url.ok().map(|url| workspace_of(&url)),
        false => Some(DEMO_WORKSPACE.to_string()),
    };
    let other = other.and_then(|w| state().map(|s| s.for_workspace(&w)));
    let clock = rolodex_tui::time::Clock::system();
    let flags = args.flags_in_force(&|name| std::env::var(name).ok());
    match rolodex_tui::history::listing(&store, other.as_ref(), id, args.demo, &flags, &clock) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("rolodex-tui: {e}");
            ExitCode::from(1)
        }
    }
}

/// A workspace as a message names it.
fn workspace_name(workspace: &str) -> String {
    match workspace {
        DEMO_WORKSPACE => "the demo".to_string(),
        url => format!("the workspace {}", sanitize(url)),
    }
}

/// The version `--revert ID@N` names, from this workspace's history.
/// `flags`: the options in force, repeated in the hint so that it goes to
/// the same workspace.
fn saved_version(
    id: &str,
    n: usize,
    settings: &cli::Settings,
    flags: &str,
) -> Result<Revert, String> {
    let store = store(&workspace(settings)).ok_or("no state folder: set XDG_STATE_HOME or HOME")?;
    let entries = store
        .history(id)
        .map_err(|e| format!("cannot read the save history: {e}"))?;
    let count = entries.len();
    let flag = sanitize(flags);
    entries
        .into_iter()
        .nth(n - 1)
        .map(|e| Revert {
            saved_at: e.saved_at,
            contact: e.contact,
        })
        .ok_or_else(|| {
            format!(
                "{} has {count} saved version(s) in {}, so there is no @{n}: \
                 rolodex-tui{flag} --history {} lists them",
                sanitize(id),
                store.root().join("history").display(),
                sanitize(id)
            )
        })
}

async fn async_main(
    settings: cli::Settings,
    revert: Option<Revert>,
    draft: Option<rolodex_tui::contact::Draft>,
) -> ExitCode {
    let workspace = workspace(&settings);
    let store = store(&workspace);
    // The demo server lives as long as this function: dropping it stops it.
    // With a state folder its contacts outlast the run (until --reset).
    let saved = store.as_ref().filter(|_| settings.demo).map(demo_contacts);
    let (_demo, client) = match connect(&settings, saved).await {
        Ok(connected) => connected,
        Err(code) => return code,
    };
    // Without a contact id the picker opens; the demo opens its sample.
    let contact_id = match settings.demo {
        true => Some(
            settings
                .contact_id
                .clone()
                .unwrap_or_else(|| DEMO_CONTACT_ID.to_string()),
        ),
        false => settings.contact_id.clone(),
    };
    let mut model = Model::with_options(
        contact_id,
        client.base_url().to_string(),
        Options {
            dry_run: settings.dry_run,
            keeps_drafts: store.is_some(),
            state_dir: store.as_ref().map(|s| s.root().display().to_string()),
            revert_to: revert,
            review_end: Some(rolodex_tui::ui::review_end),
            temp_dir: std::env::var("TMPDIR")
                .ok()
                .filter(|d| !d.trim().is_empty()),
            draft,
            workspace: Some(workspace),
        },
    );
    // Times are shown in the system's zone (TZ, /etc/localtime), with
    // their age from the time now.
    model.zone = rolodex_tui::time::system_zone();
    model.clock = Some(jiff::Timestamp::now());
    model.glyphs = rolodex_tui::glyphs::Glyphs::for_terminal(settings.ascii);
    model.keys = settings.keys;
    model.help_layout = Some(rolodex_tui::ui::help_layout);
    model.scroll_lines = Some(rolodex_tui::ui::scrolled_lines);
    if let Some(store) = &store {
        // Logging is a help, not a requirement: without it the editor works.
        let _ = rolodex_tui::logging::init(&store.root().join("rolodex-tui.log"));
    }
    tracing::info!(demo = settings.demo, dry_run = settings.dry_run, "started");
    let theme = Theme::from_setting(settings.theme.as_deref());
    // Colours are the theme's business (it honours NO_COLOR); crossterm's own
    // NO_COLOR handling would also drop the reverse video and bold the
    // monochrome theme relies on.
    ratatui::crossterm::style::force_color_output(true);
    let view = |model: &Model, frame: &mut ratatui::Frame| view_with(model, frame, &theme);
    let exit = runtime::run(
        &mut model,
        Services::new(client, store),
        &view,
        settings.mouse,
    )
    .await;
    tracing::info!(?exit, "stopped");
    if let Some(line) = &model.farewell_line() {
        // It may name a contact id the server gave.
        say!("{}", sanitize(line));
    }
    match exit {
        Ok(Exit::Signal(n)) => ExitCode::from(u8::try_from(128 + n).unwrap_or(255)),
        // Quitting a contact list or a contact that could not be loaded is
        // not a success: nothing that was asked for was shown.
        Ok(_) if model.load_failed() => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        // Writing to a terminal that has gone (the SSH connection dropped
        // before the hang-up signal arrived) is a hang-up too.
        Err(e) if e.raw_os_error() == Some(libc::EIO) || e.kind() == ErrorKind::BrokenPipe => {
            ExitCode::from(128 + u8::try_from(libc::SIGHUP).unwrap_or(1))
        }
        Err(e) => {
            say!("rolodex-tui: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}
