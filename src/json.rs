//! JSON written where a terminal may read it (`get --json`, `doctor
//! --json`, the request a dry run shows): valid JSON that reads back as the
//! same strings, in which no character a terminal would act on appears raw.
//!
//! serde_json escapes the C0 controls itself but writes DEL, the C1
//! controls (`U+009D` starts an OSC that can retitle the window), the
//! bidirectional controls and the line and paragraph separators as they
//! are. Here they become `\uXXXX` escapes, which `jq` and every JSON
//! reader turn back into the same characters.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::ui::is_bidi_control;

/// `value` as compact JSON, with every terminal control escaped.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, CompactFormatter)
}

/// `value` as indented JSON (as `serde_json::to_string_pretty`), with every
/// terminal control escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, PrettyFormatter::new())
}

fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, inner: F) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Escaping(inner));
    value.serialize(&mut serializer)?;
    // Only whole UTF-8 strings and ASCII are ever written.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// Whether `c` is written as `\uXXXX` although JSON allows it raw: what a
/// terminal would act on or that changes how the text around it reads.
fn must_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A formatter that writes strings with [`must_escape`] characters escaped
/// and leaves the layout to `F`.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if must_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout: what `PrettyFormatter` does differently from the defaults.
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn terminal_controls_are_escaped_and_read_back_the_same() {
        let hostile = "a\u{1b}]0;x\u{7}b\u{7f}c\u{9d}0;pwned\u{9c}d\u{85}\u{202e}e\u{2066}f\u{2069}\
                       \u{2028}g\u{2029}h\u{200f}東京 ✓ \u{1f1fa}\u{1f1f8}";
        let value = json!({"title": hostile, hostile: [hostile, 1, null]});
        for text in [
            to_string(&value).unwrap(),
            to_string_pretty(&value).unwrap(),
        ] {
            assert!(
                !text.chars().any(|c| c != '\n' && must_escape(c)),
                "{text:?}"
            );
            assert!(text.contains("\\u009d0;pwned\\u009c"), "{text}");
            assert!(text.contains("\\u202ee") && text.contains("\\u2028g"));
            assert!(text.contains("東京 ✓"), "the rest stays as it is");
            let back: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value);
        }
        // The layout is serde_json's own.
        let plain = json!({"a": [1, "x"], "b": {"c": true}});
        assert_eq!(
            to_string_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
        assert_eq!(to_string(&plain).unwrap(), plain.to_string());
    }
}
