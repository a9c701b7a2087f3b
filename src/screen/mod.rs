//! The screen: draws the view off screen and writes to the terminal only the
//! cells that differ from what the terminal already shows.
//!
//! Stock `Terminal::draw` ends every frame with a colour reset and a cursor
//! hide (about 25 bytes, even for a frame in which nothing changed), starts
//! every frame's styling from scratch, and `Terminal::clear` asks the terminal
//! where its cursor is, a round trip that delays the first frame over SSH.
//! [`Screen`] keeps ratatui's buffers and diff but writes the changed cells
//! itself, through a [`Pen`] that remembers the terminal's cursor position
//! and colours between frames, touches the cursor only when the view moves
//! or shows it, and never asks the terminal anything.
//!
//! The runtime and the keystroke benchmarks both draw through this type, so
//! what the benchmarks count is what a terminal receives.

mod paint;

use std::io::{self, Write};

use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

use paint::Pen;

/// Frames whose escape sequences are longer than this are wrapped in a
/// synchronized update (DEC mode 2026), so a terminal that supports it shows
/// them at once instead of painting a half-drawn screen. Typing, moving the
/// cursor or a selection writes far less and is sent bare: the 16 bytes of
/// the wrapping would double what those frames cost.
pub const SYNC_ABOVE: usize = 512;

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";

/// The OSC 52 request that puts `text` on the clipboard (`c`): the text is
/// base64-encoded, so nothing in it is ever written to the terminal raw.
/// Terminals that allow it (and tmux with `set-clipboard on`) take it over
/// SSH too.
pub fn osc52(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = Vec::with_capacity(encoded.len() + 8);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(encoded.as_bytes());
    out.push(0x07);
    out
}
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Draws frames onto a terminal reached through `out`. The terminal must
/// be in the alternate screen with its cursor hidden when the screen is made
/// (as [`crate::runtime::TerminalGuard::enter`] leaves it).
pub struct Screen<W: Write> {
    out: W,
    /// Makes the `Frame`s the view draws on; never touches a terminal.
    frames: Terminal<Offscreen>,
    /// What the terminal shows, when `known`.
    shown: Buffer,
    known: bool,
    pen: Pen,
    /// The terminal's cursor: `None` while hidden.
    cursor: Option<Position>,
    /// The bytes of one frame, gathered to be written at once.
    bytes: Vec<u8>,
}

impl<W: Write> Screen<W> {
    /// A screen of `size` cells whose contents are not known yet: the first
    /// frame clears it and paints every cell that is not blank.
    pub fn new(out: W, size: Size) -> Self {
        let area = Rect::new(0, 0, size.width, size.height);
        let frames = Terminal::new(Offscreen::new(size)).unwrap_or_else(|e| match e {});
        let mut pen = Pen::default();
        pen.set_width(size.width);
        Screen {
            out,
            frames,
            shown: Buffer::empty(area),
            known: false,
            pen,
            cursor: None,
            bytes: Vec::new(),
        }
    }

    /// Writes bytes that are not a frame (a clipboard request) at once.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.out.flush()
    }

    /// The terminal now has `size` cells: the next frame repaints it all.
    pub fn resize(&mut self, size: Size) {
        if size == self.frames.backend().size {
            return;
        }
        self.frames.backend_mut().size = size;
        self.shown.resize(Rect::new(0, 0, size.width, size.height));
        self.pen.set_width(size.width);
        self.forget();
    }

    /// The terminal's contents and state are unknown (after a suspend, or
    /// after a failed write): the next frame clears it and repaints it all.
    /// The cursor is taken to be hidden, as entering the TUI's modes leaves it.
    pub fn forget(&mut self) {
        self.known = false;
        self.pen.forget();
        self.cursor = None;
    }

    /// Draws the view and writes what changed; returns the bytes written
    /// (0 when the frame equals what the terminal shows).
    pub fn draw(&mut self, view: impl FnOnce(&mut Frame)) -> io::Result<usize> {
        if !self.known {
            self.shown.reset();
        }
        let Screen {
            frames,
            shown,
            pen,
            bytes,
            known,
            ..
        } = self;
        // The view draws into the off-screen terminal's fresh buffer, which
        // is then swapped with `shown`: `shown` holds the new frame and the
        // completed frame the one the terminal shows.
        let completed = frames
            .draw(|frame| {
                view(frame);
                std::mem::swap(frame.buffer_mut(), shown);
            })
            .unwrap_or_else(|e| match e {});
        hide_overlapped(shown);
        bytes.clear();
        bytes.extend_from_slice(BEGIN_SYNC);
        let start = bytes.len();
        if !*known {
            // A clear paints with the current background colour.
            pen.plain(bytes);
            bytes.extend_from_slice(b"\x1b[2J");
        }
        pen.frame(bytes, completed.buffer, shown);
        let wanted = frames.backend().cursor();
        match (wanted, self.cursor) {
            (None, Some(_)) => bytes.extend_from_slice(b"\x1b[?25l"),
            (Some(at), shown) => {
                pen.move_to(bytes, at.x, at.y);
                if shown.is_none() {
                    bytes.extend_from_slice(b"\x1b[?25h");
                }
            }
            (None, None) => {}
        }
        self.cursor = wanted;
        self.known = true;
        let body = bytes.len() - start;
        if body == 0 {
            return Ok(0);
        }
        let frame = if body > SYNC_ABOVE {
            bytes.extend_from_slice(END_SYNC);
            &bytes[..]
        } else {
            &bytes[start..]
        };
        let written = self
            .out
            .write_all(frame)
            .and_then(|()| self.out.flush())
            .map(|()| frame.len());
        if written.is_err() {
            self.forget();
        }
        written
    }

    /// Where the frames are written.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Where the frames are written, e.g. to clear a `Vec<u8>` between
    /// measurements.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The frame the terminal shows.
    pub fn buffer(&self) -> &Buffer {
        &self.shown
    }
}

/// Makes a frame one a terminal can show: where a wide character was drawn
/// over the right half of another (the view drew two things into one cell),
/// the leftmost character wins, as on a terminal, and the cells it covers
/// become blank. Left as it was, ratatui's diff would skip the cell after
/// the hidden character, and the terminal would keep whatever it showed
/// there before.
fn hide_overlapped(frame: &mut Buffer) {
    use unicode_width::UnicodeWidthStr;
    let area = frame.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = u16::try_from(frame[(x, y)].symbol().width())
                .unwrap_or(1)
                .max(1);
            for covered in x + 1..(x + w).min(area.right()) {
                frame[(covered, y)].reset();
            }
            x += w;
        }
    }
}

/// The backend of the off-screen terminal: it has a size and remembers
/// where the view wants the cursor; it writes nothing and asks nothing.
struct Offscreen {
    size: Size,
    visible: bool,
    at: Position,
}

impl Offscreen {
    fn new(size: Size) -> Self {
        Offscreen {
            size,
            visible: false,
            at: Position::ORIGIN,
        }
    }

    fn cursor(&self) -> Option<Position> {
        self.visible.then_some(self.at)
    }
}

impl Backend for Offscreen {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, _content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // The diff is lazy: not walking it costs nothing. The screen makes
        // its own against what the terminal shows.
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.visible = true;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.at)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.at = position.into();
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> Result<(), Self::Error> {
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Style, Stylize};
    use ratatui::text::Line;

    use super::*;

    #[test]
    fn osc52_carries_the_base64_of_exactly_the_value_and_nothing_raw() {
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07".to_vec());
        // Escape sequences in a value reach the terminal only encoded.
        let hostile = "a\x1b]0;pwned\x07b";
        let out = osc52(hostile);
        let body = &out[b"\x1b]52;c;".len()..out.len() - 1];
        assert!(
            body.iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
        );
        use base64::Engine as _;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(decoded, hostile.as_bytes());
        assert_eq!(out.iter().filter(|&&b| b == 0x1b).count(), 1);
    }

    fn screen() -> Screen<Vec<u8>> {
        Screen::new(Vec::new(), Size::new(20, 4))
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    #[test]
    fn the_first_frame_clears_and_paints_what_is_not_blank() {
        let mut s = screen();
        s.draw(|f| f.render_widget(Line::from("hi"), Rect::new(2, 1, 5, 1)))
            .unwrap();
        assert_eq!(text(s.writer()), "\x1b[0m\x1b[2J\x1b[2;3Hhi");
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let mut s = screen();
        let view = |f: &mut Frame| f.render_widget(Line::from("hi".bold()), f.area());
        s.draw(view).unwrap();
        s.writer_mut().clear();
        assert_eq!(s.draw(view).unwrap(), 0);
        assert!(s.writer().is_empty());
    }

    #[test]
    fn a_change_costs_a_move_and_the_cells_without_a_reset() {
        let mut s = screen();
        s.draw(|f| f.render_widget(Line::from("abc"), f.area()))
            .unwrap();
        s.writer_mut().clear();
        s.draw(|f| f.render_widget(Line::from("abd"), f.area()))
            .unwrap();
        assert_eq!(text(s.writer()), "\x1b[Dd");
        s.writer_mut().clear();
        s.draw(|f| f.render_widget(Line::from("abd".reversed()), f.area()))
            .unwrap();
        assert_eq!(text(s.writer()), "\r\x1b[7mabd");
    }

    #[test]
    fn the_cursor_is_shown_moved_and_hidden_only_on_change() {
        let mut s = screen();
        s.draw(|f| f.set_cursor_position((3, 2))).unwrap();
        assert_eq!(text(s.writer()), "\x1b[0m\x1b[2J\x1b[3;4H\x1b[?25h");
        s.writer_mut().clear();
        s.draw(|f| f.set_cursor_position((3, 2))).unwrap();
        assert!(s.writer().is_empty());
        s.draw(|f| f.set_cursor_position((4, 2))).unwrap();
        assert_eq!(text(s.writer()), "\x1b[C");
        s.writer_mut().clear();
        s.draw(|_| {}).unwrap();
        assert_eq!(text(s.writer()), "\x1b[?25l");
    }

    #[test]
    fn large_frames_are_one_synchronized_update() {
        let mut s = Screen::new(Vec::new(), Size::new(80, 24));
        s.draw(|f| {
            let area = f.area();
            f.buffer_mut().set_style(area, Style::new().reversed());
        })
        .unwrap();
        let out = text(s.writer());
        assert!(out.starts_with("\x1b[?2026h") && out.ends_with("\x1b[?2026l"));
    }

    #[test]
    fn a_resize_or_forget_repaints_everything() {
        let mut s = screen();
        let view = |f: &mut Frame| f.render_widget(Line::from("hi"), f.area());
        s.draw(view).unwrap();
        s.forget();
        s.writer_mut().clear();
        s.draw(view).unwrap();
        assert_eq!(text(s.writer()), "\x1b[0m\x1b[2J\x1b[Hhi");
        s.resize(Size::new(30, 5));
        s.writer_mut().clear();
        s.draw(view).unwrap();
        assert_eq!(text(s.writer()), "\x1b[0m\x1b[2J\x1b[Hhi");
    }
}
