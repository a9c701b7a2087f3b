//! Terminal hygiene: every mode switched on is switched off again, on quit,
//! on error, on panic, on signals and around Ctrl-Z.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::{
    cursor, event, execute, style,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

/// Ends DEC mode 2026 (synchronized update); terminals without it ignore it.
const END_SYNC_UPDATE: &[u8] = b"\x1b[?2026l";

/// Puts the terminal into the TUI's modes; dropping it restores them.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// `mouse` captures the mouse too (`--mouse`); off, the terminal's own
    /// selection and copy keep working.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        MOUSE.store(mouse, Ordering::Relaxed);
        enter_modes()?;
        Ok(TerminalGuard { _private: () })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

pub(super) fn enter_modes() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        event::EnableBracketedPaste,
        cursor::Hide
    )?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(out, event::EnableMouseCapture)?;
    }
    out.flush()
}

/// Undoes every mode the TUI may have switched on. Safe to call twice and
/// from a panic hook; errors are ignored because there is nothing better to do.
/// Frames leave their last colours in force (the next frame starts from
/// them), so those are reset too, and a synchronized update is ended in case
/// a frame was cut short.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(END_SYNC_UPDATE);
    let _ = execute!(
        out,
        style::SetAttribute(style::Attribute::Reset),
        event::DisableBracketedPaste,
        event::DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal, then prints one line that says where the log is
/// (the details, with a backtrace, go to the log, not over the shell).
fn install_panic_hook() {
    std::panic::set_hook(Box::new(move |info| {
        restore();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(
            "panic{place}: {what}\n{}",
            std::backtrace::Backtrace::force_capture()
        );
        let log = crate::logging::path()
            .map(|p| format!("; details are in {}", p.display()))
            .unwrap_or_default();
        // stderr may be gone with the terminal; a failed write must not
        // panic inside the panic hook.
        let _ = writeln!(
            io::stderr(),
            "rolodex-tui: internal error{place}; the terminal was restored and any draft kept{log}"
        );
    }));
}

/// Whether mouse capture is on, for re-entering after Ctrl-Z.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Ctrl-Z: leave the TUI's modes, stop the process as the shell expects, and
/// come back into them when continued. The caller repaints everything.
pub fn suspend() -> io::Result<()> {
    restore();
    // SAFETY: raising a signal on our own process; SIGTSTP's default action
    // stops it until SIGCONT, and then `raise` returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter_modes()
}
