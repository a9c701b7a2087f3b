//! An SVG of a ratatui buffer, for the README screenshots and for reviewing
//! UI changes: every cell on a fixed character grid, box-drawing and block
//! characters drawn as rectangles, so lines join whatever font the viewer
//! has.
//!
//! The SVG is deterministic, byte for byte, so the committed files under
//! `screenshots/` are checked by a test (`tests/screenshots.rs`) and a UI
//! change shows up as a diff. `cargo run --example screenshots` rewrites
//! them and rasterises each to PNG. Dev tooling, not part of the library:
//! included by path where it is needed.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier};

/// The font size of the SVG, in px.
pub const FONT_SIZE: f64 = 14.0;
/// One cell's width: DejaVu Sans Mono's advance, 1233/2048 em.
pub const CELL_WIDTH: f64 = FONT_SIZE * 1233.0 / 2048.0;
/// One cell's height: the font's ascent plus descent (2384/2048 em, 16.3px),
/// rounded up so rows start on whole pixels.
pub const CELL_HEIGHT: f64 = 17.0;
/// The margin around the grid.
pub const PADDING: f64 = 12.0;
/// The baseline's distance from the top of its cell: the 16.3px tall glyph
/// box centred in the cell, then its ascent (1901/2048 em).
const BASELINE: f64 = 13.35;

const FONT_FAMILY: &str =
    "'DejaVu Sans Mono', 'WenQuanYi Micro Hei Mono', Menlo, Consolas, monospace";

/// A colour as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Rgb {
    /// `self` moved `amount` (0..=1) of the way towards `other`.
    fn towards(self, other: Rgb, amount: f64) -> Rgb {
        let mix =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
        Rgb(
            mix(self.0, other.0),
            mix(self.1, other.1),
            mix(self.2, other.2),
        )
    }
}

/// The terminal's default colours and its 16 named colours: the dark
/// terminal palette of Visual Studio Code, black to bright white.
const DEFAULT_FG: Rgb = Rgb(0xcc, 0xcc, 0xcc);
const DEFAULT_BG: Rgb = Rgb(0x1e, 0x1e, 0x1e);
const PALETTE: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0xbc, 0x79),
    Rgb(0xe5, 0xe5, 0x10),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0xa8, 0xcd),
    Rgb(0xe5, 0xe5, 0xe5),
    Rgb(0x66, 0x66, 0x66),
    Rgb(0xf1, 0x4c, 0x4c),
    Rgb(0x23, 0xd1, 0x8b),
    Rgb(0xf5, 0xf5, 0x43),
    Rgb(0x3b, 0x8e, 0xea),
    Rgb(0xd6, 0x70, 0xd6),
    Rgb(0x29, 0xb8, 0xdb),
    Rgb(0xe5, 0xe5, 0xe5),
];

/// How far DIM text moves towards its background.
const DIM: f64 = 0.25;

fn rgb(color: Color, default: Rgb) -> Rgb {
    let named = |i: usize| PALETTE[i];
    match color {
        Color::Reset => default,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(i) => indexed(i),
    }
}

/// The xterm 256-colour palette above the named 16.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => PALETTE[usize::from(i)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let v = i - 16;
            Rgb(level(v / 36), level(v / 6 % 6), level(v % 6))
        }
        _ => {
            let g = 8 + (i - 232) * 10;
            Rgb(g, g, g)
        }
    }
}

/// A cell's style as a terminal draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    bg: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
}

impl Look {
    fn of(cell: &Cell) -> Look {
        let m = cell.modifier;
        let mut fg = rgb(cell.fg, DEFAULT_FG);
        let mut bg = rgb(cell.bg, DEFAULT_BG);
        if m.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        if m.contains(Modifier::DIM) {
            fg = fg.towards(bg, DIM);
        }
        if m.contains(Modifier::HIDDEN) {
            fg = bg;
        }
        Look {
            fg,
            bg,
            bold: m.contains(Modifier::BOLD),
            italic: m.contains(Modifier::ITALIC),
            underline: m.contains(Modifier::UNDERLINED),
            strike: m.contains(Modifier::CROSSED_OUT),
        }
    }
}

/// One column of a row: its look and, in the first column a symbol covers,
/// the symbol and how many columns it covers.
struct Slot<'a> {
    look: Look,
    glyph: Option<(&'a str, u16)>,
}

/// The columns of row `y`. A wide symbol's second column (which ratatui
/// leaves blank) takes the symbol's look, as a terminal draws it.
fn slots(buffer: &Buffer, y: u16) -> Vec<Slot<'_>> {
    let area = buffer.area;
    let mut row = Vec::with_capacity(usize::from(area.width));
    let mut x = 0;
    while x < area.width {
        let cell = &buffer[(area.x + x, area.y + y)];
        let look = Look::of(cell);
        if cell.diff_option == CellDiffOption::Skip {
            row.push(Slot { look, glyph: None });
            x += 1;
            continue;
        }
        let width = cell.cell_width().clamp(1, area.width - x);
        row.push(Slot {
            look,
            glyph: Some((cell.symbol(), width)),
        });
        for _ in 1..width {
            row.push(Slot { look, glyph: None });
        }
        x += width;
    }
    row
}

/// A coordinate with at most two decimals, trailing zeros dropped.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn col_x(col: usize) -> f64 {
    PADDING + col as f64 * CELL_WIDTH
}

fn row_y(row: u16) -> f64 {
    PADDING + f64::from(row) * CELL_HEIGHT
}

/// `text` with XML's special characters escaped and characters XML cannot
/// hold replaced.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// Appends the rectangle from `(x0, y0)` to `(x1, y1)` to a path: absolute
/// edges, so a rectangle ending at a cell's edge meets the next cell's
/// exactly, and always clockwise, so overlapping ones merge under the
/// non-zero fill rule.
fn rect(d: &mut String, x0: f64, y0: f64, x1: f64, y1: f64) {
    let _ = write!(
        d,
        "M{} {}H{}V{}H{}z",
        num(x0),
        num(y0),
        num(x1),
        num(y1),
        num(x0)
    );
}

/// Line weights of the box-drawing arms, in px.
const LIGHT: f64 = 1.2;
const HEAVY: f64 = 2.6;
/// Half the distance between the two strokes of a double line.
const DOUBLE_GAP: f64 = 1.6;

/// The arms of a light or heavy box-drawing character, `[up, right, down,
/// left]`, 0 none, 1 light, 2 heavy; `None` for anything else.
fn arms(c: char) -> Option<[u8; 4]> {
    Some(match c {
        '─' => [0, 1, 0, 1],
        '━' => [0, 2, 0, 2],
        '│' => [1, 0, 1, 0],
        '┃' => [2, 0, 2, 0],
        '┌' => [0, 1, 1, 0],
        '┏' => [0, 2, 2, 0],
        '┐' => [0, 0, 1, 1],
        '┓' => [0, 0, 2, 2],
        '└' => [1, 1, 0, 0],
        '┗' => [2, 2, 0, 0],
        '┘' => [1, 0, 0, 1],
        '┛' => [2, 0, 0, 2],
        '├' => [1, 1, 1, 0],
        '┣' => [2, 2, 2, 0],
        '┤' => [1, 0, 1, 1],
        '┫' => [2, 0, 2, 2],
        '┬' => [0, 1, 1, 1],
        '┳' => [0, 2, 2, 2],
        '┴' => [1, 1, 0, 1],
        '┻' => [2, 2, 0, 2],
        '┼' => [1, 1, 1, 1],
        '╋' => [2, 2, 2, 2],
        '╴' => [0, 0, 0, 1],
        '╵' => [1, 0, 0, 0],
        '╶' => [0, 1, 0, 0],
        '╷' => [0, 0, 1, 0],
        '╸' => [0, 0, 0, 2],
        '╹' => [2, 0, 0, 0],
        '╺' => [0, 2, 0, 0],
        '╻' => [0, 0, 2, 0],
        _ => return None,
    })
}

/// The arms of a double-line box-drawing character, `[up, right, down,
/// left]`.
fn double_arms(c: char) -> Option<[bool; 4]> {
    Some(match c {
        '═' => [false, true, false, true],
        '║' => [true, false, true, false],
        '╔' => [false, true, true, false],
        '╗' => [false, false, true, true],
        '╚' => [true, true, false, false],
        '╝' => [true, false, false, true],
        '╠' => [true, true, true, false],
        '╣' => [true, false, true, true],
        '╦' => [false, true, true, true],
        '╩' => [true, true, false, true],
        '╬' => [true, true, true, true],
        _ => return None,
    })
}

/// Draws box-drawing and block characters as rectangles filling the cell
/// exactly, so lines join across cells whatever font the viewer has.
/// Returns false for any other symbol.
fn shape(symbol: &str, col: usize, row: u16, d: &mut String) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let (x0, y0, x1, y1) = (col_x(col), row_y(row), col_x(col + 1), row_y(row + 1));
    let (w, h) = (x1 - x0, y1 - y0);
    let (cx, cy) = (x0 + w / 2.0, y0 + h / 2.0);
    if let Some([up, right, down, left]) = arms(c) {
        let t = |weight: u8| match weight {
            0 => 0.0,
            1 => LIGHT,
            _ => HEAVY,
        };
        // Each arm reaches past the centre by half the crossing arms' width,
        // so corners are square.
        let vertical = t(up).max(t(down)) / 2.0;
        let horizontal = t(left).max(t(right)) / 2.0;
        if up > 0 {
            rect(d, cx - t(up) / 2.0, y0, cx + t(up) / 2.0, cy + horizontal);
        }
        if down > 0 {
            rect(
                d,
                cx - t(down) / 2.0,
                cy - horizontal,
                cx + t(down) / 2.0,
                y1,
            );
        }
        if left > 0 {
            rect(d, x0, cy - t(left) / 2.0, cx + vertical, cy + t(left) / 2.0);
        }
        if right > 0 {
            rect(
                d,
                cx - vertical,
                cy - t(right) / 2.0,
                x1,
                cy + t(right) / 2.0,
            );
        }
        return true;
    }
    if let Some([up, right, down, left]) = double_arms(c) {
        let (g, half) = (DOUBLE_GAP, LIGHT / 2.0);
        // How far a stroke reaches past the centre: to the inner corner when
        // an arm crosses on the stroke's side, to the outer corner when one
        // crosses only on the other side, just through the centre otherwise.
        let reach = |this_side: bool, other_side: bool| {
            if this_side {
                -g + half
            } else if other_side {
                g + half
            } else {
                half
            }
        };
        for s in [-1.0, 1.0] {
            let (near, far) = if s < 0.0 { (up, down) } else { (down, up) };
            let y = cy + s * g;
            if left {
                rect(d, x0, y - half, cx + reach(near, far), y + half);
            }
            if right {
                rect(d, cx - reach(near, far), y - half, x1, y + half);
            }
            let (near, far) = if s < 0.0 {
                (left, right)
            } else {
                (right, left)
            };
            let x = cx + s * g;
            if up {
                rect(d, x - half, y0, x + half, cy + reach(near, far));
            }
            if down {
                rect(d, x - half, cy - reach(near, far), x + half, y1);
            }
        }
        return true;
    }
    let eighths = |n: u32| f64::from(n) / 8.0;
    match c {
        '▀' => rect(d, x0, y0, x1, cy),
        '▁'..='▇' => rect(d, x0, y1 - h * eighths(c as u32 - 0x2580), x1, y1),
        '█' => rect(d, x0, y0, x1, y1),
        '▉'..='▏' => rect(d, x0, y0, x0 + w * eighths(0x2590 - c as u32), y1),
        '▐' => rect(d, cx, y0, x1, y1),
        '▔' => rect(d, x0, y0, x1, y0 + h * eighths(1)),
        '▕' => rect(d, x1 - w * eighths(1), y0, x1, y1),
        _ => return false,
    }
    true
}

/// A run of same-looking text on one row.
struct Run {
    fg: Rgb,
    bold: bool,
    italic: bool,
    xs: Vec<f64>,
    text: String,
}

fn text_attrs(out: &mut String, fg: Rgb, bold: bool, italic: bool) {
    let _ = write!(out, " fill=\"{fg}\"");
    if bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if italic {
        out.push_str(" font-style=\"italic\"");
    }
}

fn flush(run: &mut Option<Run>, y: f64, out: &mut String) {
    let Some(run) = run.take() else { return };
    let xs: Vec<String> = run.xs.iter().map(|&x| num(x)).collect();
    let _ = write!(out, "<text x=\"{}\" y=\"{}\"", xs.join(" "), num(y));
    text_attrs(out, run.fg, run.bold, run.italic);
    out.push('>');
    escape(&run.text, out);
    out.push_str("</text>\n");
}

/// Underlines (or strike-throughs) as 1px lines at `y`, merged across cells
/// of one colour.
fn decorations(row: &[Slot<'_>], wanted: fn(&Look) -> bool, y: f64, out: &mut String) {
    let mut col = 0;
    while col < row.len() {
        let look = row[col].look;
        if !wanted(&look) {
            col += 1;
            continue;
        }
        let start = col;
        while col < row.len() && wanted(&row[col].look) && row[col].look.fg == look.fg {
            col += 1;
        }
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"1\" fill=\"{}\"/>",
            num(col_x(start)),
            num(y),
            num((col - start) as f64 * CELL_WIDTH),
            look.fg
        );
    }
}

/// Draws the buffer as an SVG: the default background, then per row the
/// cell backgrounds, box-drawing lines, text and underlines. Every symbol is
/// centred on its cells (a wide one on both of its cells), so the grid holds
/// whichever font the viewer falls back to.
pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let width = 2.0 * PADDING + f64::from(area.width) * CELL_WIDTH;
    let height = 2.0 * PADDING + f64::from(area.height) * CELL_HEIGHT;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
        w = num(width),
        h = num(height)
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" rx=\"8\" fill=\"{DEFAULT_BG}\"/>"
    );
    let _ = writeln!(
        out,
        "<g font-family=\"{FONT_FAMILY}\" font-size=\"{}\" text-anchor=\"middle\" xml:space=\"preserve\">",
        num(FONT_SIZE)
    );
    for y in 0..area.height {
        let row = slots(buffer, y);
        let (top, baseline) = (row_y(y), row_y(y) + BASELINE);
        // Backgrounds, merged across cells of the same colour.
        let mut col = 0;
        while col < row.len() {
            let bg = row[col].look.bg;
            let start = col;
            while col < row.len() && row[col].look.bg == bg {
                col += 1;
            }
            if bg != DEFAULT_BG {
                let (x, w) = (col_x(start), (col - start) as f64 * CELL_WIDTH);
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{bg}\"/>",
                    num(x),
                    num(top),
                    num(w),
                    num(CELL_HEIGHT)
                );
            }
        }
        // Shapes, one path per colour in order of first appearance; text
        // in runs of one look; wide and combined symbols on their own.
        let mut shapes: Vec<(Rgb, String)> = vec![];
        let mut run: Option<Run> = None;
        // Blank cells since the run's last symbol: kept, at their own x, when
        // the run goes on, so the SVG's text reads (and searches) as the
        // screen does.
        let mut blanks: Vec<f64> = vec![];
        for (col, slot) in row.iter().enumerate() {
            let Some((symbol, width)) = slot.glyph else {
                continue;
            };
            if symbol.trim().is_empty() {
                blanks.push(col_x(col) + CELL_WIDTH / 2.0);
                continue;
            }
            let look = slot.look;
            let mut d = String::new();
            if shape(symbol, col, y, &mut d) {
                match shapes.iter_mut().find(|(fg, _)| *fg == look.fg) {
                    Some((_, path)) => path.push_str(&d),
                    None => shapes.push((look.fg, d)),
                }
                continue;
            }
            let centre = col_x(col) + f64::from(width) * CELL_WIDTH / 2.0;
            if width > 1 || symbol.chars().count() > 1 {
                let _ = write!(out, "<text x=\"{}\" y=\"{}\"", num(centre), num(baseline));
                text_attrs(&mut out, look.fg, look.bold, look.italic);
                out.push('>');
                escape(symbol, &mut out);
                out.push_str("</text>\n");
                continue;
            }
            let same = |r: &Run| (r.fg, r.bold, r.italic) == (look.fg, look.bold, look.italic);
            let blanks = std::mem::take(&mut blanks);
            if !run.as_ref().is_some_and(same) {
                flush(&mut run, baseline, &mut out);
                run = Some(Run {
                    fg: look.fg,
                    bold: look.bold,
                    italic: look.italic,
                    xs: vec![],
                    text: String::new(),
                });
            }
            if let Some(r) = run.as_mut() {
                if !r.xs.is_empty() {
                    r.xs.extend(&blanks);
                    r.text.extend(blanks.iter().map(|_| ' '));
                }
                r.xs.push(centre);
                r.text.push_str(symbol);
            }
        }
        flush(&mut run, baseline, &mut out);
        for (fg, d) in shapes {
            let _ = writeln!(out, "<path fill=\"{fg}\" d=\"{d}\"/>");
        }
        decorations(&row, |l| l.underline, baseline + 2.0, &mut out);
        decorations(&row, |l| l.strike, baseline - 4.0, &mut out);
    }
    out.push_str("</g>\n</svg>\n");
    out
}
