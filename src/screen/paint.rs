//! The escape sequences that put changed cells on the terminal, as few bytes
//! as the terminal's known state allows.
//!
//! [`Pen`] remembers where the terminal's cursor is and which colours and
//! attributes are in force after the last frame, so the next frame moves
//! and restyles only as far as it must: typing one character costs a short
//! relative move, the character and the cursor cell, instead of an absolute
//! move, full colour sequences and a colour reset at the end of every frame.
//! Colours are encoded as crossterm encodes them (`38;5;N` for the sixteen
//! named colours), so a screen looks exactly as ratatui's own backend draws it.

use std::io::Write;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The colours and attributes the terminal paints new text with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Brush {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Brush {
    /// The state after `ESC[0m`.
    const PLAIN: Brush = Brush {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Brush {
        Brush {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// What the program knows of the terminal's cursor and graphic state.
/// Anything that writes to the terminal behind the pen's back (leaving and
/// entering the alternate screen, a clear) must call [`Pen::forget`].
#[derive(Debug, Default)]
pub(super) struct Pen {
    at: Option<(u16, u16)>,
    brush: Option<Brush>,
    width: u16,
}

impl Pen {
    /// Forgets the cursor position and the graphic state: the next cell is
    /// placed with an absolute move and styled from scratch.
    pub(super) fn forget(&mut self) {
        self.at = None;
        self.brush = None;
    }

    /// The terminal is `width` columns wide (a cell printed in the last
    /// column leaves the cursor in a state that differs between terminals).
    pub(super) fn set_width(&mut self, width: u16) {
        self.width = width;
        self.at = None;
    }

    /// Resets colours and attributes (before a clear, which paints with the
    /// current background on most terminals).
    pub(super) fn plain(&mut self, out: &mut Vec<u8>) {
        if self.brush != Some(Brush::PLAIN) {
            out.extend_from_slice(b"\x1b[0m");
            self.brush = Some(Brush::PLAIN);
        }
    }

    /// Paints what differs between `old` (what the terminal shows) and
    /// `new`, as ratatui's diff finds it. A long run of blank cells on one
    /// row is erased (ECH) instead of printed: a few bytes instead of one per
    /// cell, which is what a row losing its content mostly consists of.
    ///
    /// Writing over one half of a wide character makes the terminal blank
    /// its other half, a cell the diff does not know has changed: such cells
    /// are painted again at the end.
    pub(super) fn frame(&mut self, out: &mut Vec<u8>, old: &Buffer, new: &Buffer) {
        let mut torn = Vec::new();
        let mut cells = old.diff_iter(new).peekable();
        while let Some((x, y, cell)) = cells.next() {
            self.cell(out, x, y, cell);
            tears(old, x, y, width(cell), &mut torn);
            if !erasable(cell) {
                continue;
            }
            let mut run = 0u16;
            let mut last = x;
            while let Some(&(nx, ny, next)) = cells.peek() {
                if ny != y || nx != last + 1 || !erasable(next) {
                    break;
                }
                cells.next();
                run += 1;
                last = nx;
            }
            if run == 0 {
                continue;
            }
            tears(old, x + 1, y, run, &mut torn);
            // The run's first cell is printed, so its brush is in force:
            // default background, nothing that shows on a blank. Erasing
            // leaves the cursor where it is.
            let erase = 3 + digits(run);
            if usize::from(run) > 2 * erase {
                out.extend_from_slice(b"\x1b[");
                let _ = write!(out, "{run}");
                out.push(b'X');
            } else {
                for _ in 0..run {
                    out.push(b' ');
                }
                self.at = self.at.map(|(ax, ay)| (ax + run, ay));
            }
            if last.saturating_add(1) >= self.width {
                self.at = None;
            }
        }
        torn.sort_unstable_by_key(|&(x, y)| (y, x));
        torn.dedup();
        for (x, y) in torn {
            if let Some(cell) = starts_at(new, x, y) {
                self.cell(out, x, y, cell);
            }
        }
    }

    /// Paints one cell at (x, y).
    fn cell(&mut self, out: &mut Vec<u8>, x: u16, y: u16, cell: &Cell) {
        self.move_to(out, x, y);
        let brush = Brush::of(cell);
        if self.brush != Some(brush) {
            restyle(out, self.brush, brush);
            self.brush = Some(brush);
        }
        let symbol = cell.symbol();
        out.extend_from_slice(symbol.as_bytes());
        let advance = match symbol.as_bytes() {
            [b] if b.is_ascii_graphic() || *b == b' ' => 1,
            _ if matches!(cell.diff_option, CellDiffOption::None) => symbol.width(),
            _ => 0,
        };
        let next = x.saturating_add(1);
        // After a wide character, or one in the last column, where the
        // cursor ends up depends on the terminal: place the next cell anew.
        self.at = (advance == 1 && next < self.width).then_some((next, y));
    }

    /// Moves the cursor to (x, y) by the shortest sequence that gets there.
    pub(super) fn move_to(&mut self, out: &mut Vec<u8>, x: u16, y: u16) {
        if self.at == Some((x, y)) {
            return;
        }
        let mut best = Moves::new();
        absolute(&mut best, x, y);
        if let Some((px, py)) = self.at {
            let mut relative = Moves::new();
            vertical(&mut relative, py, y);
            horizontal(&mut relative, px, x);
            if relative.len < best.len {
                best = relative;
            }
        }
        out.extend_from_slice(best.as_bytes());
        self.at = Some((x, y));
    }
}

/// How many columns a cell's symbol takes (at least one).
fn width(cell: &Cell) -> u16 {
    u16::try_from(cell.symbol().width()).unwrap_or(1).max(1)
}

/// Widest character a cell may hold, in columns.
const WIDEST: u16 = 4;

/// Cells `x..x + w` of row `y` were written over: collects the cells
/// outside that span which held part of a wide character of `old` that was
/// partly written over (the terminal blanks the rest of it).
fn tears(old: &Buffer, x: u16, y: u16, w: u16, torn: &mut Vec<(u16, u16)>) {
    let area = old.area;
    let end = x + w; // first column after the span
    // A wide character starting left of the span and reaching into it.
    for p in x.saturating_sub(WIDEST - 1)..x {
        let pw = width(&old[(p, y)]);
        if p + pw > x {
            torn.extend((p..x).map(|c| (c, y)));
        }
    }
    // One starting inside the span and reaching past it.
    for p in end.saturating_sub(WIDEST - 1).max(x)..end {
        let pw = width(&old[(p, y)]);
        if p + pw > end {
            let stop = (p + pw).min(area.right());
            torn.extend((end..stop).map(|c| (c, y)));
        }
    }
}

/// The cell of `new` to paint at (x, y), unless (x, y) is covered by a
/// wide character that starts further left.
fn starts_at(new: &Buffer, x: u16, y: u16) -> Option<&Cell> {
    for p in x.saturating_sub(WIDEST - 1)..x {
        if p + width(&new[(p, y)]) > x {
            return None;
        }
    }
    let cell = &new[(x, y)];
    matches!(cell.diff_option, CellDiffOption::None).then_some(cell)
}

/// A cell that erasing paints exactly: a space on the default background
/// with no attribute that shows on a blank (reverse, underline, strike).
fn erasable(cell: &Cell) -> bool {
    let shows = Modifier::REVERSED
        | Modifier::UNDERLINED
        | Modifier::CROSSED_OUT
        | Modifier::SLOW_BLINK
        | Modifier::RAPID_BLINK;
    cell.symbol() == " "
        && cell.bg == Color::Reset
        && !cell.modifier.intersects(shows)
        && matches!(cell.diff_option, CellDiffOption::None)
}

fn digits(n: u16) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

/// A short escape sequence built on the stack.
struct Moves {
    bytes: [u8; 32],
    len: usize,
}

impl Moves {
    fn new() -> Self {
        Moves {
            bytes: [0; 32],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// `ESC[` N (omitted when 1, the default) and the final byte.
    fn csi(&mut self, n: u16, last: u8) {
        self.push(b"\x1b[");
        if n != 1 {
            self.number(n);
        }
        self.push(&[last]);
    }

    fn number(&mut self, n: u16) {
        let mut digits = [0u8; 5];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[i..]);
    }
}

/// CUP, with the parameters a terminal takes by default left out where
/// that is unambiguous (`ESC[H`, `ESC[5H`).
fn absolute(m: &mut Moves, x: u16, y: u16) {
    m.push(b"\x1b[");
    if y != 0 || x != 0 {
        m.number(y + 1);
    }
    if x != 0 {
        m.push(b";");
        m.number(x + 1);
    }
    m.push(b"H");
}

/// The shorter of a relative move (CUU/CUD) and an absolute row (VPA).
fn vertical(m: &mut Moves, from: u16, to: u16) {
    let mut relative = Moves::new();
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => return,
        std::cmp::Ordering::Greater => relative.csi(to - from, b'B'),
        std::cmp::Ordering::Less => relative.csi(from - to, b'A'),
    }
    let mut row = Moves::new();
    row.csi(to + 1, b'd');
    let best = if row.len < relative.len {
        row
    } else {
        relative
    };
    m.push(best.as_bytes());
}

/// The shortest of a relative move (CUF/CUB), a carriage return (to the
/// first column) and an absolute column (CHA).
fn horizontal(m: &mut Moves, from: u16, to: u16) {
    if to == from {
        return;
    }
    if to == 0 {
        m.push(b"\r");
        return;
    }
    let mut relative = Moves::new();
    if to > from {
        relative.csi(to - from, b'C');
    } else {
        relative.csi(from - to, b'D');
    }
    let mut column = Moves::new();
    column.csi(to + 1, b'G');
    let best = if column.len < relative.len {
        column
    } else {
        relative
    };
    m.push(best.as_bytes());
}

/// One SGR sequence from `from` (unknown: `None`) to `to`: the changed
/// parameters only, or a reset and the new ones when that is shorter.
fn restyle(out: &mut Vec<u8>, from: Option<Brush>, to: Brush) {
    let mut reset = Vec::with_capacity(24);
    reset.extend_from_slice(b"0");
    full(&mut reset, to);
    let Some(from) = from else {
        return sgr(out, &reset);
    };
    let mut change = Vec::with_capacity(24);
    modifiers(&mut change, from.modifier, to.modifier);
    if from.fg != to.fg {
        color(&mut change, to.fg, Layer::Fore);
    }
    if from.bg != to.bg {
        color(&mut change, to.bg, Layer::Back);
    }
    if from.underline != to.underline {
        color(&mut change, to.underline, Layer::Underline);
    }
    sgr(
        out,
        if change.len() < reset.len() {
            &change
        } else {
            &reset
        },
    );
}

fn sgr(out: &mut Vec<u8>, params: &[u8]) {
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params);
    out.push(b'm');
}

fn param(out: &mut Vec<u8>, p: &[u8]) {
    if !out.is_empty() {
        out.push(b';');
    }
    out.extend_from_slice(p);
}

/// The parameters after a reset: every attribute and non-default colour.
fn full(out: &mut Vec<u8>, to: Brush) {
    modifiers(out, Modifier::empty(), to.modifier);
    if to.fg != Color::Reset {
        color(out, to.fg, Layer::Fore);
    }
    if to.bg != Color::Reset {
        color(out, to.bg, Layer::Back);
    }
    if to.underline != Color::Reset {
        color(out, to.underline, Layer::Underline);
    }
}

const ATTRIBUTES: [(Modifier, &[u8]); 9] = [
    (Modifier::BOLD, b"1"),
    (Modifier::DIM, b"2"),
    (Modifier::ITALIC, b"3"),
    (Modifier::UNDERLINED, b"4"),
    (Modifier::SLOW_BLINK, b"5"),
    (Modifier::RAPID_BLINK, b"6"),
    (Modifier::REVERSED, b"7"),
    (Modifier::HIDDEN, b"8"),
    (Modifier::CROSSED_OUT, b"9"),
];

/// Turns off what `to` lacks and on what it adds. Bold and dim share one
/// "off" (22), and so do the two blinks (25): what stays is set again.
fn modifiers(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let removed = from - to;
    let mut add = to - from;
    let intensity = Modifier::BOLD | Modifier::DIM;
    if removed.intersects(intensity) {
        param(out, b"22");
        add |= to & intensity;
    }
    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    if removed.intersects(blink) {
        param(out, b"25");
        add |= to & blink;
    }
    for (modifier, off) in [
        (Modifier::ITALIC, &b"23"[..]),
        (Modifier::UNDERLINED, b"24"),
        (Modifier::REVERSED, b"27"),
        (Modifier::HIDDEN, b"28"),
        (Modifier::CROSSED_OUT, b"29"),
    ] {
        if removed.contains(modifier) {
            param(out, off);
        }
    }
    for (modifier, on) in ATTRIBUTES {
        if add.contains(modifier) {
            param(out, on);
        }
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Fore,
    Back,
    Underline,
}

fn color(out: &mut Vec<u8>, color: Color, layer: Layer) {
    let (base, reset): (&[u8], &[u8]) = match layer {
        Layer::Fore => (b"38", b"39"),
        Layer::Back => (b"48", b"49"),
        Layer::Underline => (b"58", b"59"),
    };
    let index = match color {
        Color::Reset => return param(out, reset),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Rgb(r, g, b) => {
            param(out, base);
            let _ = write!(out, ";2;{r};{g};{b}");
            return;
        }
    };
    param(out, base);
    let _ = write!(out, ";5;{index}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
        let mut pen = Pen {
            at: from,
            brush: None,
            width: 100,
        };
        let mut out = vec![];
        pen.move_to(&mut out, to.0, to.1);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn moves_take_the_shortest_sequence() {
        assert_eq!(moved(None, (0, 0)), "\x1b[H");
        assert_eq!(moved(None, (4, 2)), "\x1b[3;5H");
        assert_eq!(moved(None, (0, 2)), "\x1b[3H");
        assert_eq!(moved(Some((4, 2)), (4, 2)), "");
        assert_eq!(moved(Some((5, 2)), (4, 2)), "\x1b[D");
        assert_eq!(moved(Some((4, 2)), (7, 2)), "\x1b[3C");
        assert_eq!(moved(Some((40, 2)), (0, 2)), "\r");
        assert_eq!(moved(Some((4, 2)), (4, 3)), "\x1b[B");
        assert_eq!(moved(Some((60, 112)), (2, 113)), "\x1b[B\x1b[3G");
        assert_eq!(moved(Some((60, 2)), (2, 25)), "\x1b[26;3H");
    }

    fn styled(from: Option<Brush>, to: Brush) -> String {
        let mut out = vec![];
        restyle(&mut out, from, to);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn styles_change_only_what_differs() {
        let plain = Brush::PLAIN;
        let reversed = Brush {
            modifier: Modifier::REVERSED,
            ..plain
        };
        assert_eq!(styled(None, plain), "\x1b[0m");
        assert_eq!(styled(Some(plain), reversed), "\x1b[7m");
        assert_eq!(styled(Some(reversed), plain), "\x1b[0m");
        let bold_dim = Brush {
            modifier: Modifier::BOLD | Modifier::DIM,
            fg: Color::Yellow,
            ..plain
        };
        let dim = Brush {
            modifier: Modifier::DIM,
            fg: Color::Yellow,
            ..plain
        };
        assert_eq!(styled(Some(bold_dim), dim), "\x1b[22;2m");
        let input = Brush {
            fg: Color::White,
            bg: Color::DarkGray,
            ..plain
        };
        assert_eq!(styled(Some(plain), input), "\x1b[38;5;15;48;5;8m");
        assert_eq!(
            styled(
                Some(input),
                Brush {
                    modifier: Modifier::REVERSED,
                    ..input
                }
            ),
            "\x1b[7m"
        );
        let rgb = Brush {
            fg: Color::Rgb(1, 2, 3),
            ..plain
        };
        assert_eq!(styled(Some(plain), rgb), "\x1b[38;2;1;2;3m");
    }
}
