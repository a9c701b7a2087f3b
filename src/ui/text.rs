//! Text helpers for drawing untrusted, variable-width text into fixed cells:
//! neutralising control characters, measuring, cutting and wrapping.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use ratatui::text::{Line, Span};

use crate::glyphs::Glyphs;

/// Makes text from the server (or anywhere untrusted) safe and visible on a
/// terminal, and as wide there as it is measured here.
///
/// Control characters would otherwise be swallowed silently by the renderer
/// or, worse, reach the terminal and be interpreted: they become visible
/// caret notation instead (`ESC` → `^[`, `DEL` → `^?`, C1 controls in
/// `cat -v` style, `U+009B` → `M-^[`), so a hostile value is seen for what it
/// is. Tabs and line breaks, the line and paragraph separators (`U+2028`,
/// `U+2029`) among them, become a space, because every value is drawn on
/// one line. Bidirectional overrides and isolates, which can make text read
/// differently from what it is, are shown as `<U+202E>`; so are the other
/// invisible format characters (the soft hyphen, zero-width spaces, the
/// byte order mark, …) and a regional indicator without its pair, whose
/// widths terminals do not agree on, so a pane edge after them would move.
/// A flag (a pair of regional indicators) stays, and so do a joiner between
/// two letters of a script or two emoji, and the tags of an emoji tag
/// sequence.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_a_look) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    // Regional indicators pair up from the start of each run of them.
    let mut indicators = 0;
    // Whether the tags so far follow a black flag: an emoji tag sequence.
    let mut tagging = false;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        indicators = if is_regional_indicator(c) {
            indicators + 1
        } else {
            0
        };
        tagging = c == '\u{1f3f4}' || (tagging && is_tag(c));
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str("M-^");
                out.push(char::from(b'@' + (c as u32 - 0x80) as u8));
            }
            '\u{200c}' | '\u{200d}' if joins(before, after) => out.push(c),
            c if tagging && is_tag(c) => out.push(c),
            c if is_bidi_control(c) || is_format(c) => shown(&mut out, c),
            // The first of a run, the third, …: a flag only with the next.
            c if is_regional_indicator(c)
                && indicators % 2 == 1
                && !after.is_some_and(is_regional_indicator) =>
            {
                shown(&mut out, c)
            }
            c => out.push(c),
        }
    }
    if out == s {
        return Cow::Borrowed(s);
    }
    Cow::Owned(out)
}

/// A character as `<U+00AD>`.
fn shown(out: &mut String, c: char) {
    out.push_str(&format!("<U+{:04X}>", c as u32));
}

/// Whether `c` may need replacing, depending on what is around it.
fn needs_a_look(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || is_format(c)
        || is_regional_indicator(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Invisible format characters (Unicode category Cf) other than the
/// bidirectional controls: the soft hyphen, zero-width spaces and joiners,
/// the word joiner and invisible operators, the byte order mark, the
/// interlinear annotation marks, Arabic number signs, tags, … Terminals
/// give them 0 cells or 1, or draw something.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// Whether a zero-width joiner or non-joiner between `before` and `after`
/// does its job: between two emoji (`👨‍👩‍👧`) or two characters of a
/// script that joins (Persian, Sinhala, …), never next to ASCII, a space or
/// another format character, where it would only be hidden.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    let part = |c: Option<char>| {
        c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !is_format(c))
    };
    part(before) && part(after)
}

/// The tag characters, which after 🏴 spell a subdivision flag (England's
/// is 🏴 and `gbeng` in tags, then the cancel tag).
fn is_tag(c: char) -> bool {
    matches!(c, '\u{e0020}'..='\u{e007f}')
}

/// Bidirectional overrides, embeddings, isolates and marks: characters that
/// make text read differently from what it is.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The width of `s` in terminal cells (control characters count as none:
/// the renderer drops them).
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if c.is_control() {
        return 0;
    }
    let mut buf = [0u8; 4];
    usize::from(c.encode_utf8(&mut buf).cell_width())
}

/// `s` cut to at most `max` cells; a cut is marked with `g`'s ellipsis
/// (`…`, or `...` in ASCII) when there is room for it.
pub fn truncate<'a>(s: &'a str, max: usize, g: &Glyphs) -> Cow<'a, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let ellipsis = Some(g.ellipsis).filter(|e| width(e) <= max).unwrap_or("");
    let room = max - width(ellipsis);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// `s` cut or padded with spaces to exactly `cells` wide, for columns.
pub fn fit(s: &str, cells: usize, g: &Glyphs) -> String {
    let cut = truncate(s, cells, g);
    let pad = cells.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// Word-wraps plain text to lines at most `max` cells wide; a word longer
/// than a line is cut into pieces.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = vec![];
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let w = width(&word);
            let gap = usize::from(used > 0);
            if used + gap + w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                used += gap + w;
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            let (head, tail) = split_at_width(&word, max);
            lines.push(head);
            word = tail;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn split_at_width(s: &str, max: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > max && i > 0 {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += w;
    }
    (s.to_string(), String::new())
}

/// Lays out spans left to right, starting a new line whenever the next span
/// would not fit. Spans are never split (they are key hints and labels), so
/// a span wider than `max` is cut instead.
pub fn flow<'a>(items: Vec<Vec<Span<'a>>>, separator: Span<'a>, max: usize) -> Vec<Line<'a>> {
    let sep_w = separator.width();
    let mut lines: Vec<Line<'a>> = vec![];
    let mut line: Vec<Span<'a>> = vec![];
    let mut used = 0;
    for item in items {
        let w: usize = item.iter().map(Span::width).sum();
        if used > 0 && used + sep_w + w > max {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(separator.clone());
            used += sep_w;
        }
        line.extend(item);
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(sanitize("plain ✓ 東京"), "plain ✓ 東京");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("\u{1b}[31mred"), "^[[31mred");
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{7f}"), "a^@b^Gc^?");
        assert_eq!(sanitize("line\r\nnext\tcol"), "line  next col");
        assert_eq!(sanitize("csi\u{9b}2J"), "csiM-^[2J");
        assert_eq!(sanitize("\u{85}"), "M-^E");
        assert_eq!(sanitize("abc\u{202e}fed"), "abc<U+202E>fed");
        for c in (0u32..0xa0).filter_map(char::from_u32) {
            let shown = sanitize(&c.to_string()).into_owned();
            assert!(
                !shown.chars().any(char::is_control),
                "{c:?} left a control character"
            );
        }
    }

    #[test]
    fn characters_terminals_measure_differently_are_shown_or_spaced() {
        assert_eq!(sanitize("soft\u{ad}hy"), "soft<U+00AD>hy");
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(
            sanitize("x\u{200b}y\u{2060}z\u{feff}w\u{2064}"),
            "x<U+200B>y<U+2060>z<U+FEFF>w<U+2064>"
        );
        assert_eq!(sanitize("zwj\u{200d}alone"), "zwj<U+200D>alone");
        // Regional indicators: a pair is a flag, a lone one is shown.
        assert_eq!(sanitize("\u{1f1fa}\u{1f1f8}"), "\u{1f1fa}\u{1f1f8}");
        assert!(matches!(sanitize("\u{1f1fa}\u{1f1f8}"), Cow::Borrowed(_)));
        assert_eq!(sanitize("lone \u{1f1fa} ri"), "lone <U+1F1FA> ri");
        assert_eq!(
            sanitize("\u{1f1fa}\u{1f1f8}\u{1f1ec}"),
            "\u{1f1fa}\u{1f1f8}<U+1F1EC>"
        );
        // Joiners where they join, and an emoji tag sequence, stay.
        for kept in [
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "\u{2764}\u{fe0f}\u{200d}\u{1f525}",
            "\u{dc1}\u{dca}\u{200d}\u{dbb}\u{dd3}",
            "\u{645}\u{6cc}\u{200c}\u{62e}",
            "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}",
        ] {
            assert_eq!(sanitize(kept), kept);
        }
        // Tags without the flag are shown, every one of them.
        assert_eq!(sanitize("a\u{e0067}\u{e0062}"), "a<U+E0067><U+E0062>");
    }

    #[test]
    fn truncation_respects_wide_characters() {
        let u = &crate::glyphs::UNICODE;
        assert_eq!(truncate("hello", 5, u), "hello");
        assert_eq!(truncate("hello world", 6, u), "hello…");
        assert_eq!(truncate("東京東京", 5, u), "東京…");
        assert_eq!(width(&truncate("東京東京", 4, u)), 3);
        assert_eq!(fit("ab", 4, u), "ab  ");
        assert_eq!(fit("abcdef", 4, u), "abc…");
        let a = &crate::glyphs::ASCII;
        assert_eq!(truncate("hello world", 6, a), "hel...");
        assert_eq!(truncate("東京東京", 5, a), "東...");
        assert_eq!(truncate("hello", 2, a), "he");
        assert_eq!(fit("abcdef", 5, a), "ab...");
    }

    #[test]
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        for line in wrap("Product Manager at 東京 Robotics K.K.", 6) {
            assert!(width(&line) <= 6, "{line:?}");
        }
    }
}
