//! The runtime's `Screen` in front of a terminal emulator (vt100): whatever
//! sequence of frames it paints, the terminal ends up showing exactly the
//! last frame — characters, colours and attributes — and a keystroke in the
//! editor costs few bytes.

mod common;

use common::{Harness, ch, key};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::{Frame, TerminalOptions, Viewport};
use rolodex_tui::app::{Model, Msg};
use rolodex_tui::screen::Screen;
use rolodex_tui::ui::{Theme, view_with};

/// A terminal emulator fed everything a screen writes.
struct Terminal {
    screen: Screen<Vec<u8>>,
    parser: vt100::Parser,
}

impl Terminal {
    fn new(width: u16, height: u16) -> Self {
        Terminal {
            screen: Screen::new(Vec::new(), Size::new(width, height)),
            parser: vt100::Parser::new(nz(height), nz(width), 0),
        }
    }

    /// Draws a frame; returns the bytes it cost.
    fn draw(&mut self, view: impl FnOnce(&mut Frame)) -> usize {
        self.screen.writer_mut().clear();
        let n = self.screen.draw(view).expect("draw");
        self.parser.process(self.screen.writer());
        n
    }

    fn draw_model(&mut self, model: &Model, theme: &Theme) -> usize {
        self.draw(|f| view_with(model, f, theme))
    }

    /// Panics where the emulator's screen differs from the last frame.
    fn assert_shows_frame(&self) {
        assert_shows(self.parser.screen(), self.screen.buffer());
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

fn vt_color(color: Color) -> vt100::Color {
    match color {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// What a person sees of one cell: the character, and the colours and
/// attributes wherever they can show (on a blank, only the background,
/// reverse video and underline do). vt100 keeps one intensity, so bold and
/// dim together (which most terminals show) read as "bold or dim".
#[derive(Debug, PartialEq)]
struct Seen {
    symbol: String,
    bg: vt100::Color,
    inverse: bool,
    underline: bool,
    ink: Option<(vt100::Color, u8, bool)>,
}

fn intensity(bold: bool, dim: bool) -> u8 {
    match (bold, dim) {
        (true, true) => 3,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 0,
    }
}

fn seen_on(screen: &vt100::Screen, x: u16, y: u16) -> Seen {
    let cell = screen.cell(y, x).expect("cell on screen");
    let symbol = match cell.contents() {
        "" => " ".to_string(),
        s => s.to_string(),
    };
    let blank = symbol == " ";
    Seen {
        bg: cell.bgcolor(),
        inverse: cell.inverse(),
        underline: cell.underline(),
        ink: (!blank).then(|| {
            (
                cell.fgcolor(),
                intensity(cell.bold(), cell.dim()),
                cell.italic(),
            )
        }),
        symbol,
    }
}

fn seen_in(frame: &Buffer, x: u16, y: u16) -> Seen {
    let cell = &frame[(x, y)];
    let m = cell.modifier;
    let blank = cell.symbol() == " ";
    let (bold, dim) = (m.contains(Modifier::BOLD), m.contains(Modifier::DIM));
    Seen {
        symbol: cell.symbol().to_string(),
        bg: vt_color(cell.bg),
        inverse: m.contains(Modifier::REVERSED),
        underline: m.contains(Modifier::UNDERLINED),
        ink: (!blank).then(|| {
            (
                vt_color(cell.fg),
                // Both set: the emulator shows whichever came last.
                if bold && dim { 3 } else { intensity(bold, dim) },
                m.contains(Modifier::ITALIC),
            )
        }),
    }
}

fn same(a: &Seen, b: &Seen) -> bool {
    let ink = match (&a.ink, &b.ink) {
        (Some((fa, ia, ta)), Some((fb, ib, tb))) => {
            fa == fb && ta == tb && (ia == ib || *ia == 3 || *ib == 3)
        }
        (x, y) => x == y,
    };
    a.symbol == b.symbol
        && a.bg == b.bg
        && a.inverse == b.inverse
        && a.underline == b.underline
        && ink
}

/// Panics where the emulator's screen differs from `frame`.
fn assert_shows(screen: &vt100::Screen, frame: &Buffer) {
    let area = frame.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let (got, want) = (seen_on(screen, x, y), seen_in(frame, x, y));
            assert!(
                same(&got, &want),
                "at ({x},{y}): shows {got:?}, the frame has {want:?}\n{}",
                screen.contents()
            );
            x += if screen.cell(y, x).is_some_and(|c| c.is_wide()) {
                2
            } else {
                1
            };
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("tokio runtime")
}

/// Keys that walk through the editor: panes, selections, a text editor,
/// a picker, the review and help.
fn tour() -> Vec<Msg> {
    let mut keys = vec![
        key(KeyCode::Enter),
        ch('a'),
        ch('é'),
        ch('東'),
        key(KeyCode::Left),
        key(KeyCode::Left),
        key(KeyCode::Backspace),
        key(KeyCode::Esc),
        ch('j'),
        key(KeyCode::Tab),
        ch('j'),
        key(KeyCode::Tab),
    ];
    keys.extend((0..12).map(|_| ch('j')));
    keys.extend([
        ch('k'),
        ch('g'),
        ch('j'),
        key(KeyCode::Enter),
        ch('j'),
        key(KeyCode::Esc),
        ch('?'),
        ch('?'),
        ch(' '),
        ch('w'),
        key(KeyCode::Esc),
        Msg::Resize(90, 26),
    ]);
    keys
}

/// Every frame of the tour reaches the terminal intact, and the tour costs
/// fewer bytes than stock ratatui writes for the same frames.
#[test]
fn the_terminal_shows_every_frame_of_a_tour_of_the_editor() {
    let rt = runtime();
    for (theme, (width, height)) in [
        (Theme::COLOR, (100, 30)),
        (Theme::COLOR, (80, 24)),
        (Theme::MONOCHROME, (80, 24)),
    ] {
        let mut h = rt.block_on(Harness::new());
        let mut term = Terminal::new(width, height);
        let mut stock = Stock::new(width, height);
        let mut ours = term.draw_model(&h.model, &theme);
        let mut theirs = stock.draw(|f| view_with(&h.model, f, &theme));
        term.assert_shows_frame();
        for msg in tour() {
            if let Msg::Resize(w, h) = msg {
                term.screen.resize(Size::new(w, h));
                term.parser.screen_mut().set_size(nz(h), nz(w));
                stock = Stock::new(w, h);
            }
            h.send(msg);
            ours += term.draw_model(&h.model, &theme);
            theirs += stock.draw(|f| view_with(&h.model, f, &theme));
            term.assert_shows_frame();
        }
        assert!(
            ours < theirs,
            "{width}x{height}: {ours} bytes, stock ratatui {theirs}"
        );
    }
}

/// Bytes of the frame after `key`, once `setup` has been typed and drawn.
fn bytes_for(setup: Vec<Msg>, key: Msg) -> usize {
    let rt = runtime();
    let mut h = rt.block_on(Harness::new());
    let mut term = Terminal::new(100, 30);
    term.draw_model(&h.model, &Theme::COLOR);
    for msg in setup {
        h.send(msg);
        term.draw_model(&h.model, &Theme::COLOR);
    }
    h.send(key);
    let n = term.draw_model(&h.model, &Theme::COLOR);
    term.assert_shows_frame();
    n
}

#[test]
fn typing_a_character_writes_at_most_24_bytes() {
    let first = bytes_for(vec![key(KeyCode::Enter)], ch('x'));
    assert!(first <= 40, "first character: {first} bytes");
    let next = bytes_for(vec![key(KeyCode::Enter), ch('x')], ch('y'));
    assert!(next <= 24, "a character typed after another: {next} bytes");
}

#[test]
fn moving_the_text_cursor_writes_at_most_40_bytes() {
    let first = bytes_for(vec![key(KeyCode::Enter)], key(KeyCode::Left));
    assert!(first <= 40, "first move: {first} bytes");
    let next = bytes_for(
        vec![key(KeyCode::Enter), key(KeyCode::Left)],
        key(KeyCode::Left),
    );
    assert!(next <= 24, "a move after another: {next} bytes");
}

#[test]
fn moving_the_selection_one_row_writes_at_most_150_bytes() {
    // In the Custom fields pane at 100 columns, after one move already.
    let setup = vec![key(KeyCode::Tab), key(KeyCode::Tab), ch('j')];
    let n = bytes_for(setup, ch('j'));
    assert!(n <= 150, "selection move: {n} bytes");
}

#[test]
fn a_key_that_changes_nothing_writes_nothing() {
    assert_eq!(bytes_for(vec![], ch('z')), 0);
}

fn style_strategy() -> impl Strategy<Value = Style> {
    let colors = prop::sample::select(vec![
        Color::Reset,
        Color::Red,
        Color::DarkGray,
        Color::White,
        Color::Indexed(200),
        Color::Rgb(10, 20, 30),
    ]);
    let modifiers = prop::sample::select(vec![
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::DIM,
        Modifier::BOLD | Modifier::DIM,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
        Modifier::ITALIC | Modifier::REVERSED,
    ]);
    (colors.clone(), colors, modifiers)
        .prop_map(|(fg, bg, m)| Style::new().fg(fg).bg(bg).add_modifier(m))
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "Zz", " ", "   ", "東京", "é", "—", "▶", "✅", "x y",
        ]),
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// One frame: styled text placed on a few rows.
type Scene = Vec<(u16, u16, String, Style)>;

fn scene_strategy() -> impl Strategy<Value = Scene> {
    prop::collection::vec(
        (0u16..30, 0u16..6, text_strategy(), style_strategy()),
        0..10,
    )
}

fn paint(frame: &mut Frame, scene: &Scene) {
    let area = frame.area();
    for (x, y, text, style) in scene {
        if *x >= area.width || *y >= area.height {
            continue;
        }
        let rect = Rect::new(*x, *y, area.width - x, 1);
        frame.render_widget(Line::from(Span::styled(text.clone(), *style)), rect);
    }
}

/// Stock ratatui drawing the same frames: `Terminal::draw` over
/// `CrosstermBackend`, into its own emulator, to compare byte counts.
struct Stock {
    terminal: ratatui::Terminal<CrosstermBackend<Shared>>,
    written: Shared,
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

impl Stock {
    fn new(width: u16, height: u16) -> Self {
        let area = Rect::new(0, 0, width, height);
        let written = Shared::default();
        let terminal = ratatui::Terminal::with_options(
            CrosstermBackend::new(written.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        Stock { terminal, written }
    }

    /// Draws a frame; returns the bytes it cost.
    fn draw(&mut self, view: impl FnOnce(&mut Frame)) -> usize {
        self.terminal.draw(view).expect("draw");
        let mut written = self.written.0.borrow_mut();
        let n = written.len();
        written.clear();
        n
    }
}

/// Found by the property below: a wide character drawn over the right half
/// of another, where the terminal had a third one before.
#[test]
fn a_wide_character_drawn_over_another_leaves_no_stale_cell() {
    let plain = Style::new().fg(Color::Reset).bg(Color::Reset);
    let red = Style::new().fg(Color::Reset).bg(Color::Red);
    let scenes: Vec<Scene> = vec![
        vec![(21, 5, " Zz東京".into(), plain)],
        vec![
            (13, 5, "       x y東京".into(), red),
            (26, 5, "東京".into(), plain),
        ],
    ];
    let mut term = Terminal::new(32, 6);
    for scene in &scenes {
        term.draw(|f| paint(f, scene));
        term.assert_shows_frame();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever frames follow each other, the terminal shows the last one:
    /// characters, colours, attributes, also where a wide character was
    /// partly written over.
    #[test]
    fn the_terminal_always_shows_the_last_frame(
        scenes in prop::collection::vec(scene_strategy(), 1..6)
    ) {
        let mut term = Terminal::new(32, 6);
        for scene in &scenes {
            term.draw(|f| paint(f, scene));
            term.assert_shows_frame();
        }
    }
}
