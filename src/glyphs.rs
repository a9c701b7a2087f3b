//! The symbols the program draws itself, in two sets: Unicode, and plain
//! ASCII for terminals whose locale is not UTF-8 (`LANG=C`, common on SSH
//! logins) or when `--ascii` asks for it. Contact data is never changed by
//! this: only the marks, arrows, boxes and cuts around it.

use std::borrow::Cow;
use std::ffi::OsStr;

use ratatui::symbols::border;

/// One set of the program's own symbols. Each is one cell wide unless its
/// name says otherwise (`arrow` is two cells in ASCII, `->`).
#[derive(Debug, PartialEq, Eq)]
pub struct Glyphs {
    /// Whether this is the ASCII set.
    pub ascii: bool,
    /// The selected row, `▶`.
    pub selected: &'static str,
    /// A changed row, `•`; also the bullet of a list.
    pub changed: &'static str,
    /// An invalid value or an error, `✗`.
    pub invalid: &'static str,
    /// The primary address or number, a starred contact, `★`.
    pub star: &'static str,
    /// A note, `ℹ`.
    pub info: &'static str,
    /// Done, `✓`.
    pub ok: &'static str,
    /// A warning, `⚠`.
    pub warning: &'static str,
    /// Where text was cut, `…`.
    pub ellipsis: &'static str,
    /// Between items on one line, `·`.
    pub dot: &'static str,
    /// From one value to the next, `→`.
    pub arrow: &'static str,
    /// More above and below, `↑` `↓`.
    pub up: &'static str,
    pub down: &'static str,
    /// No value, `—`; also a dash in prose.
    pub dash: &'static str,
    /// The end of typed text, `▏`.
    pub cursor: &'static str,
    /// The rule around a dialog's title, `═`.
    pub rule: &'static str,
    /// "by" in a size, `×`.
    pub times: &'static str,
    /// The frames of the busy spinner.
    pub spinner: &'static [&'static str],
    /// The border of a pane, of the focused pane and of a dialog.
    pub border: border::Set<'static>,
    pub focused_border: border::Set<'static>,
    pub dialog_border: border::Set<'static>,
}

pub const UNICODE: Glyphs = Glyphs {
    ascii: false,
    selected: "▶",
    changed: "•",
    invalid: "✗",
    star: "★",
    info: "ℹ",
    ok: "✓",
    warning: "⚠",
    ellipsis: "…",
    dot: "·",
    arrow: "→",
    up: "↑",
    down: "↓",
    dash: "—",
    cursor: "▏",
    rule: "═",
    times: "×",
    spinner: &["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
    border: border::PLAIN,
    focused_border: border::THICK,
    dialog_border: border::DOUBLE,
};

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub const ASCII: Glyphs = Glyphs {
    ascii: true,
    selected: ">",
    changed: "~",
    invalid: "x",
    star: "*",
    info: "i",
    ok: "+",
    warning: "!",
    ellipsis: "...",
    dot: "|",
    arrow: "->",
    up: "^",
    down: "v",
    dash: "-",
    cursor: "_",
    rule: "=",
    times: "x",
    spinner: &["|", "/", "-", "\\"],
    border: ASCII_BORDER,
    focused_border: border::Set {
        horizontal_top: "=",
        horizontal_bottom: "=",
        ..ASCII_BORDER
    },
    dialog_border: border::Set {
        top_left: "#",
        top_right: "#",
        bottom_left: "#",
        bottom_right: "#",
        horizontal_top: "=",
        horizontal_bottom: "=",
        ..ASCII_BORDER
    },
};

impl Glyphs {
    /// The set for a terminal: ASCII when `force` (`--ascii`) or when the
    /// locale the environment names is not UTF-8.
    pub fn for_terminal(force: bool) -> &'static Glyphs {
        let var = |name| std::env::var_os(name);
        if force || !locale_is_utf8(var("LC_ALL"), var("LC_CTYPE"), var("LANG")) {
            &ASCII
        } else {
            &UNICODE
        }
    }

    /// Text the program wrote itself (help, hints, titles, key names) in
    /// this set. Never for text with contact data in it: a `→` or `…` in a
    /// contact's notes is data, and stays.
    pub fn own<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.ascii || text.is_ascii() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '▶' => out.push('>'),
                '•' => out.push('~'),
                '✗' => out.push('x'),
                '★' => out.push('*'),
                'ℹ' => out.push('i'),
                '✓' => out.push('+'),
                '⚠' => out.push('!'),
                '…' => out.push_str("..."),
                '·' => out.push('|'),
                '→' => out.push_str("->"),
                '←' => out.push_str("<-"),
                '↑' => out.push('^'),
                '↓' => out.push('v'),
                '—' | '–' => out.push('-'),
                '▏' => out.push('_'),
                '═' => out.push('='),
                '×' => out.push('x'),
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    }
}

impl Glyphs {
    /// A key's name as the help and footer write it: in ASCII the arrow
    /// keys are spelled out (`Down/Up`), other symbols as [`Glyphs::own`].
    pub fn keys<'a>(&self, label: &'a str) -> Cow<'a, str> {
        if !self.ascii || label.is_ascii() {
            return Cow::Borrowed(label);
        }
        let spelled = label
            .replace("↓↑", "Down/Up")
            .replace('↓', "Down")
            .replace('↑', "Up")
            .replace('←', "Left")
            .replace('→', "Right");
        Cow::Owned(self.own(&spelled).into_owned())
    }
}

/// Whether `c` is one of the Unicode set's symbols (or a box-drawing or
/// spinner character): what an ASCII screen must not draw of its own.
pub fn is_unicode_symbol(c: char) -> bool {
    "▶•✗★ℹ✓⚠…·→←↑↓—–▏═×".contains(c)
        || ('\u{2500}'..='\u{257F}').contains(&c)
        || ('\u{2800}'..='\u{28FF}').contains(&c)
}

/// Whether the locale named by `LC_ALL`, else `LC_CTYPE`, else `LANG` (the
/// first that is set and not empty, as POSIX reads them) has a UTF-8
/// character set. None set is the "C" locale: not UTF-8.
pub fn locale_is_utf8(
    lc_all: Option<impl AsRef<OsStr>>,
    lc_ctype: Option<impl AsRef<OsStr>>,
    lang: Option<impl AsRef<OsStr>>,
) -> bool {
    let chosen = [
        lc_all.map(|v| v.as_ref().to_os_string()),
        lc_ctype.map(|v| v.as_ref().to_os_string()),
        lang.map(|v| v.as_ref().to_os_string()),
    ]
    .into_iter()
    .flatten()
    .find(|v| !v.is_empty());
    let Some(locale) = chosen else {
        return false;
    };
    let locale = locale.to_string_lossy().to_ascii_lowercase();
    // "en_US.UTF-8", "C.utf8", "de_DE.utf-8@euro".
    let charset = locale
        .split_once('.')
        .map(|(_, rest)| rest.split('@').next().unwrap_or(rest));
    matches!(charset, Some("utf-8" | "utf8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(all: Option<&str>, ctype: Option<&str>, lang: Option<&str>) -> bool {
        locale_is_utf8(all, ctype, lang)
    }

    #[test]
    fn the_locale_is_read_as_posix_does() {
        assert!(utf8(None, None, Some("en_US.UTF-8")));
        assert!(utf8(None, None, Some("C.utf8")));
        assert!(utf8(None, None, Some("de_DE.utf-8@euro")));
        assert!(!utf8(None, None, Some("C")));
        assert!(!utf8(None, None, Some("POSIX")));
        assert!(!utf8(None, None, Some("en_US.ISO-8859-1")));
        assert!(!utf8(None, None, None));
        // LC_ALL wins over the others, LC_CTYPE over LANG; empty is unset.
        assert!(!utf8(Some("C"), Some("en_US.UTF-8"), Some("en_US.UTF-8")));
        assert!(utf8(Some(""), Some("en_US.UTF-8"), Some("C")));
        assert!(!utf8(None, Some("C"), Some("en_US.UTF-8")));
    }

    /// Every symbol of a set, the borders' pieces included.
    fn symbols(g: &Glyphs) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = vec![
            g.selected, g.changed, g.invalid, g.star, g.info, g.ok, g.warning, g.ellipsis, g.dot,
            g.arrow, g.up, g.down, g.dash, g.cursor, g.rule, g.times,
        ];
        all.extend(g.spinner);
        for s in [&g.border, &g.focused_border, &g.dialog_border] {
            all.extend([s.top_left, s.top_right, s.bottom_left, s.bottom_right]);
            all.extend([s.vertical_left, s.vertical_right, s.horizontal_top]);
        }
        all
    }

    #[test]
    fn every_unicode_symbol_is_known_as_one() {
        for s in symbols(&UNICODE) {
            assert!(s.chars().all(is_unicode_symbol), "{s}");
        }
        assert!(!is_unicode_symbol('東') && !is_unicode_symbol('é'));
    }

    #[test]
    fn the_ascii_set_is_ascii() {
        let g = &ASCII;
        let all = symbols(g);
        assert!(all.iter().all(|s| s.is_ascii() && !s.is_empty()), "{all:?}");
        assert_eq!(g.own("a → b … c ★ · ↓↑ — ✗"), "a -> b ... c * | v^ - x");
        assert_eq!(UNICODE.own("a → b"), "a → b");
        assert_eq!(g.keys("↓↑"), "Down/Up");
        assert_eq!(g.keys("← → Home End"), "Left Right Home End");
        assert_eq!(UNICODE.keys("↓↑"), "↓↑");
    }
}
