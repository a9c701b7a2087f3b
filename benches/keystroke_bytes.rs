//! Bytes written to the terminal for one keystroke, through the same
//! `Screen` the runtime draws with, next to what stock ratatui
//! (`Terminal::draw` over `CrosstermBackend`) writes for the same frames.
//!
//! `cargo bench --bench keystroke_bytes` prints a table; with
//! `SHOW_BYTES=1` it also prints each frame's escape sequences.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use rolodex_tui::app::{Model, Msg, update};
use rolodex_tui::screen::Screen;
use rolodex_tui::ui::{Theme, view_with};
use support::{Fixture, key, loaded};

/// One measured keystroke: the keys that lead up to it, and the key.
struct Case {
    name: &'static str,
    setup: fn() -> Vec<Msg>,
    key: fn() -> Msg,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "type a character in a text field (Title)",
            setup: || vec![key(KeyCode::Enter), key(KeyCode::Char('a'))],
            key: || key(KeyCode::Char('b')),
        },
        Case {
            name: "type the first character after Enter",
            setup: || vec![key(KeyCode::Enter)],
            key: || key(KeyCode::Char('b')),
        },
        Case {
            name: "cursor left in a text field",
            setup: || vec![key(KeyCode::Enter), key(KeyCode::Left)],
            key: || key(KeyCode::Left),
        },
        Case {
            name: "the first cursor left after Enter",
            setup: || vec![key(KeyCode::Enter)],
            key: || key(KeyCode::Left),
        },
        Case {
            name: "selection one row down (Custom fields)",
            setup: || vec![key(KeyCode::Tab), key(KeyCode::Tab)],
            key: || key(KeyCode::Char('j')),
        },
        Case {
            name: "selection one row down (Details)",
            setup: || vec![],
            key: || key(KeyCode::Char('j')),
        },
        Case {
            name: "pane switch (Tab)",
            setup: || vec![],
            key: || key(KeyCode::Tab),
        },
        Case {
            name: "open a picker (Deal Stage)",
            setup: || {
                vec![
                    key(KeyCode::Tab),
                    key(KeyCode::Tab),
                    key(KeyCode::Char('j')),
                ]
            },
            key: || key(KeyCode::Enter),
        },
    ]
}

/// The editor after the case's setup keys, each drawn as the runtime would
/// (so the terminal state the measured frame starts from is the real one).
fn prepare(fixture: &Fixture, case: &Case, draw: &mut dyn FnMut(&Model)) -> Model {
    let mut model = loaded(fixture);
    draw(&model);
    for msg in (case.setup)() {
        update(&mut model, msg);
        draw(&model);
    }
    model
}

/// Bytes of the frame after `case.key`, drawn by the runtime's `Screen`.
fn ours(fixture: &Fixture, case: &Case, size: Size) -> (usize, Vec<u8>) {
    let mut screen = Screen::new(Vec::new(), size);
    let view = |m: &Model, f: &mut ratatui::Frame| view_with(m, f, &Theme::COLOR);
    let mut model = prepare(fixture, case, &mut |m| {
        screen.draw(|f| view(m, f)).expect("draw");
    });
    screen.writer_mut().clear();
    update(&mut model, (case.key)());
    let n = screen.draw(|f| view(&model, f)).expect("draw");
    (n, screen.writer().clone())
}

/// The same with stock ratatui: `Terminal::draw` over `CrosstermBackend`.
fn stock(fixture: &Fixture, case: &Case, size: Size) -> usize {
    let area = Rect::new(0, 0, size.width, size.height);
    let written = Shared::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("terminal");
    let view = |m: &Model, f: &mut ratatui::Frame| view_with(m, f, &Theme::COLOR);
    let mut model = prepare(fixture, case, &mut |m| {
        terminal.draw(|f| view(m, f)).expect("draw");
    });
    written.0.borrow_mut().clear();
    update(&mut model, (case.key)());
    terminal.draw(|f| view(&model, f)).expect("draw");
    written.0.borrow().len()
}

/// A writer whose bytes stay readable while a backend owns it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn escaped(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\x1b', "␛")
}

fn main() {
    let show = std::env::var_os("SHOW_BYTES").is_some();
    let small = support::small();
    let sizes = [Size::new(100, 30), Size::new(80, 24), Size::new(200, 60)];
    println!("Bytes written for one keystroke on the sample contact (theme: colour)\n");
    println!(
        "{:<44} {:>8} {:>10} {:>10}",
        "keystroke", "size", "rolodex", "stock"
    );
    for case in cases() {
        for size in sizes {
            let (n, bytes) = ours(&small, &case, size);
            let s = stock(&small, &case, size);
            let label = format!("{}x{}", size.width, size.height);
            println!("{:<44} {label:>8} {n:>10} {s:>10}", case.name);
            if show {
                println!("    {}", escaped(&bytes));
            }
        }
    }
}
