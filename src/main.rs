//! `rolodex-tui`: parse the command line, resolve settings, run the TUI.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use rolodex_tui::api::{ApiKey, ClientConfig, RolodexClient};
use rolodex_tui::app::Model;
use rolodex_tui::cli::{self, Cli};
use rolodex_tui::demo::{DEMO_CONTACT_ID, DemoServer};
use rolodex_tui::runtime::{self, Services};
use rolodex_tui::store::Store;
use rolodex_tui::ui::{Theme, view_with};

fn main() -> ExitCode {
    let args = Cli::parse();
    let settings = match cli::resolve(&args, &|name| std::env::var(name).ok()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("rolodex-tui: {e}");
            return ExitCode::from(cli::exit_code(&e) as u8);
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "rolodex-tui: stdin and stdout must be a terminal: this is an interactive editor"
        );
        return ExitCode::from(1);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rolodex-tui: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async_main(settings))
}

async fn async_main(settings: cli::Settings) -> ExitCode {
    // The demo server lives as long as this function: dropping it stops it.
    let (_demo, config, contact_id) = if settings.demo {
        let server = match DemoServer::start().await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("rolodex-tui: cannot start the demo server: {e}");
                return ExitCode::from(1);
            }
        };
        let config = ClientConfig::new(server.base_url(), ApiKey::new(server.api_key()));
        let id = settings
            .contact_id
            .clone()
            .unwrap_or_else(|| DEMO_CONTACT_ID.to_string());
        (Some(server), config, Some(id))
    } else {
        let Some(config) = settings.client.clone() else {
            eprintln!("rolodex-tui: no API settings: set ROLODEX_BASE_URL and ROLODEX_API_KEY");
            return ExitCode::from(1);
        };
        // Without a contact id, the picker opens.
        (None, config, settings.contact_id.clone())
    };
    let client = match RolodexClient::new(config.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rolodex-tui: {e}");
            return ExitCode::from(1);
        }
    };
    // The demo's contacts are made up anew on every run: its drafts are kept
    // apart from those of real workspaces.
    let store = Store::from_env(&|name| std::env::var(name).ok()).map(|s| {
        if settings.demo {
            Store::new(s.root().join("demo"))
        } else {
            s
        }
    });
    let mut model = match contact_id {
        Some(id) => Model::new(id, config.base_url.clone()),
        None => Model::picking(config.base_url.clone()),
    };
    model.keeps_drafts = store.is_some();
    if let Some(store) = &store {
        // Logging is a help, not a requirement: without it the editor works.
        let _ = rolodex_tui::logging::init(&store.root().join("rolodex-tui.log"));
    }
    tracing::info!(demo = settings.demo, dry_run = settings.dry_run, "started");
    model.state_dir = store.as_ref().map(|s| s.root().display().to_string());
    model.dry_run = settings.dry_run;
    let theme = Theme::from_setting(settings.theme.as_deref());
    let view = |model: &Model, frame: &mut ratatui::Frame| view_with(model, frame, &theme);
    let exit = runtime::run(&mut model, Services::new(client, store), &view).await;
    tracing::info!(?exit, "stopped");
    match exit {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rolodex-tui: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}
