//! The runtime: owns the terminal and the tokio tasks, turns terminal events
//! and finished effects into [`Msg`]s, calls [`update`], carries out the
//! effects, and redraws only after something happened (an idle editor
//! writes nothing to the terminal, which matters over SSH).

mod effects;
mod terminal;

use std::io::{self, Write};
use std::time::Duration;

use futures::{Stream, StreamExt};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};
use ratatui::layout::Size;
use tokio::sync::mpsc;

use crate::app::keys::Keymap;
use crate::app::{Effect, Model, Msg, init, update};

pub use crate::screen::{SYNC_ABOVE, Screen};
pub use effects::{Pending, Services, execute, execute_local, release_claim, settle_local};
pub use terminal::{TerminalGuard, restore, suspend};

/// Draws the model: `crate::ui::view_with` and the chosen theme in the
/// application.
pub type View<'a> = &'a dyn Fn(&Model, &mut ratatui::Frame);

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// SIGHUP, SIGTERM or SIGQUIT: the signal's number (the process exits
    /// with 128 + it, as a shell expects).
    Signal(i32),
    /// The input stream ended (the terminal went away).
    InputClosed,
}

/// Something from outside the application: an input event, or a request
/// for the runtime itself (suspend), or a signal.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "moved once per event; boxing buys nothing"
)]
pub enum Input {
    Msg(Msg),
    Suspend,
    /// A signal that ends the program, by number.
    Signal(i32),
}

/// Maps a crossterm event to an input; events the app does not use are `None`.
pub fn from_terminal(event: Event, keys: &Keymap) -> Option<Input> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) if keys.suspends(&key) => Some(Input::Suspend),
        Event::Key(key) => Some(Input::Msg(Msg::Key(key))),
        Event::Paste(text) => Some(Input::Msg(Msg::Paste(text))),
        Event::Resize(w, h) => Some(Input::Msg(Msg::Resize(w, h))),
        // Only with --mouse: the wheel moves like the arrow keys.
        Event::Mouse(m) => {
            let code = match m.kind {
                MouseEventKind::ScrollDown => KeyCode::Down,
                MouseEventKind::ScrollUp => KeyCode::Up,
                _ => return None,
            };
            Some(Input::Msg(Msg::Key(KeyEvent::new(
                code,
                KeyModifiers::NONE,
            ))))
        }
        _ => None,
    }
}

/// Runs the application until it quits. Generic over the terminal's writer
/// and the input stream, so tests can drive it with a `Vec<u8>` and a channel.
///
/// It draws after every burst of messages, and the [`Screen`] writes only
/// what changed: a message that changes nothing on screen (an unbound key, a
/// result the view does not show) sends nothing to the terminal. The spinner
/// timer runs only while a request is in flight, so an idle editor neither
/// wakes nor writes. `on_suspend` stops the process (Ctrl-Z) and returns the
/// terminal's size when it is back. However it ends, the contact's lock is
/// given up ([`release_claim`]).
pub async fn run_loop<W: Write>(
    screen: &mut Screen<W>,
    model: &mut Model,
    services: Services,
    inputs: impl Stream<Item = Input> + Unpin,
    view: View<'_>,
    on_suspend: impl FnMut() -> io::Result<Size>,
) -> io::Result<Exit> {
    let store = services.store.clone();
    let exit = drive(screen, model, services, inputs, view, on_suspend).await;
    release_claim(model, store.as_ref());
    exit
}

async fn drive<W: Write>(
    screen: &mut Screen<W>,
    model: &mut Model,
    services: Services,
    mut inputs: impl Stream<Item = Input> + Unpin,
    view: View<'_>,
    mut on_suspend: impl FnMut() -> io::Result<Size>,
) -> io::Result<Exit> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut tick = tokio::time::interval(Duration::from_millis(120));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut effects = init(model);
    let area = screen.buffer().area;
    effects.extend(update(model, Msg::Resize(area.width, area.height)));
    // The first frame (what is being loaded) goes out before any disk work:
    // a person sees the program answer at once.
    screen.draw(|frame| view(model, frame))?;
    loop {
        // Requests start before the disk work of the same batch, so the
        // network wait overlaps it (the order among requests, and among disk
        // effects, is kept; they do not depend on each other).
        let (first, rest): (Vec<Effect>, Vec<Effect>) = std::mem::take(&mut effects)
            .into_iter()
            .partition(|e| matches!(e, Effect::Remote(_)));
        let pending = settle_local(model, services.store.as_ref(), rest);
        if pending.quit {
            return Ok(Exit::Quit);
        }
        for text in &pending.clipboard {
            screen.write_raw(&crate::screen::osc52(text))?;
        }
        let remote = first.into_iter().filter_map(|e| match e {
            Effect::Remote(r) => Some(r),
            _ => None,
        });
        for effect in remote.chain(pending.remote) {
            let services = services.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                let progress = |msg| {
                    let _ = tx.send(msg);
                };
                let msg = execute(&services, effect, &progress).await;
                let _ = tx.send(msg);
            });
        }
        screen.draw(|frame| view(model, frame))?;
        let msg = tokio::select! {
            input = inputs.next() => match input {
                None => return Ok(Exit::InputClosed),
                Some(Input::Signal(n)) => return Ok(Exit::Signal(n)),
                Some(Input::Suspend) => {
                    let size = on_suspend()?;
                    screen.resize(size);
                    screen.forget();
                    continue;
                }
                Some(Input::Msg(msg)) => msg,
            },
            Some(msg) = rx.recv() => msg,
            _ = tick.tick(), if model.busy() => Msg::Tick,
        };
        if let Msg::Resize(width, height) = msg {
            screen.resize(Size::new(width, height));
        }
        effects = update(model, msg);
        // Take everything already queued before drawing again, so a burst of
        // results or a paste costs one redraw.
        while let Ok(msg) = rx.try_recv() {
            effects.extend(update(model, msg));
        }
    }
}

/// Runs the TUI on the real terminal: alternate screen, raw mode, bracketed
/// paste; restores the terminal however the loop ends. Nothing is asked of
/// the terminal (no cursor position query) before the first frame. `mouse`
/// switches mouse capture on (`--mouse`).
pub async fn run(
    model: &mut Model,
    services: Services,
    view: View<'_>,
    mouse: bool,
) -> io::Result<Exit> {
    use ratatui::crossterm::event::EventStream;
    use tokio::signal::unix::{SignalKind, signal};

    let guard = TerminalGuard::enter(mouse)?;
    let mut screen = Screen::new(io::stdout(), terminal_size()?);

    let keymap = model.keys;
    let keys = EventStream::new().filter_map(move |event| async move {
        match event {
            Ok(event) => from_terminal(event, keymap),
            // The terminal is gone (e.g. the SSH connection dropped): as SIGHUP.
            Err(_) => Some(Input::Signal(libc::SIGHUP)),
        }
    });
    let mut hup = signal(SignalKind::hangup())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut quit = signal(SignalKind::quit())?;
    let signals = futures::stream::poll_fn(move |cx| {
        for (s, n) in [
            (&mut hup, libc::SIGHUP),
            (&mut term, libc::SIGTERM),
            (&mut quit, libc::SIGQUIT),
        ] {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(Some(Input::Signal(n)));
            }
        }
        std::task::Poll::Pending
    });
    let inputs = futures::stream::select(Box::pin(keys), Box::pin(signals));

    let exit = run_loop(&mut screen, model, services, inputs, view, || {
        suspend()?;
        terminal_size()
    })
    .await;
    drop(guard);
    exit
}

/// The terminal's size from the kernel (an ioctl, not a query).
fn terminal_size() -> io::Result<Size> {
    let (width, height) = ratatui::crossterm::terminal::size()?;
    Ok(Size::new(width, height))
}
