//! rolodex-tui: a terminal editor for one Rolodex CRM contact at a time.
//!
//! The crate is split the way data flows through it: [`api`] talks HTTP,
//! [`wire`] is the lossless wire model, [`contact`] is the domain (the editable form,
//! validation, the diff and the PUT body), [`app`] is the pure
//! Model/Msg/update core, [`ui`] draws it, and [`runtime`] owns the terminal
//! and executes effects. [`demo`] is an in-process stand-in for the Rolodex
//! API used by `--demo` and by the tests; its sample data also draws the
//! README screenshots, through tooling kept outside the library (`dev/`).
//! [`screen`] is the renderer the runtime draws with: it writes only the
//! cells that changed. [`doctor`] probes a workspace, read-only, for whether
//! it is safe to edit there. [`shell`] is `get` and `set`: the editor's read
//! and save from a shell. [`json`] writes the JSON they print, escaping
//! every character a terminal would act on.

pub mod api;
pub mod app;
pub mod cli;
pub mod contact;
pub mod demo;
pub mod doctor;
pub mod glyphs;
pub mod history;
pub mod json;
pub mod logging;
pub mod runtime;
pub mod screen;
pub mod shell;
pub mod store;
pub mod time;
pub mod ui;
pub mod wire;
