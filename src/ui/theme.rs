//! Colours and emphasis. Every meaning that colour carries (focus,
//! selection, a changed row, an invalid value, a status kind) is also carried
//! by a glyph, reverse video or bold, so the screen reads the same with
//! `NO_COLOR` set or on a monochrome terminal.

use std::ffi::OsStr;
use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::app::StatusKind;
use crate::app::keys::{Keymap, STANDARD_KEYS};
use crate::glyphs::{Glyphs, UNICODE};

/// The styles the view draws with. `Copy` and tiny: pass it by reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    glyphs: &'static Glyphs,
    /// The key table the hints and the help name keys from.
    keys: &'static Keymap,
}

impl Theme {
    /// Colours on.
    pub const COLOR: Theme = Theme {
        color: true,
        glyphs: &UNICODE,
        keys: &STANDARD_KEYS,
    };
    /// No colours: emphasis by reverse video, bold, underline and glyphs only.
    pub const MONOCHROME: Theme = Theme {
        color: false,
        glyphs: &UNICODE,
        keys: &STANDARD_KEYS,
    };

    /// The theme the environment asks for: [`Theme::MONOCHROME`] when
    /// `NO_COLOR` is set to a non-empty value (<https://no-color.org>). The
    /// variable is read once per process, so redraws cost no syscall.
    pub fn from_env() -> Theme {
        static FROM_ENV: OnceLock<Theme> = OnceLock::new();
        *FROM_ENV.get_or_init(|| Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref()))
    }

    /// The theme for the config file's `theme` setting: `"mono"` (or
    /// `"monochrome"`, `"no-color"`) turns colours off; anything else, or no
    /// setting, leaves it to the environment. `NO_COLOR` always wins.
    pub fn from_setting(setting: Option<&str>) -> Theme {
        match setting.map(str::to_ascii_lowercase).as_deref() {
            Some("mono" | "monochrome" | "no-color") => Theme::MONOCHROME,
            _ => Theme::from_env(),
        }
    }

    /// The theme for a given value of `NO_COLOR` (`None` when unset).
    pub fn for_no_color(value: Option<&OsStr>) -> Theme {
        match value {
            Some(v) if !v.is_empty() => Theme::MONOCHROME,
            _ => Theme::COLOR,
        }
    }

    /// This theme drawing with `glyphs`.
    pub fn with_glyphs(self, glyphs: &'static Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }

    /// This theme naming the keys of `keys` (the user's remapping).
    pub fn with_keys(self, keys: &'static Keymap) -> Theme {
        Theme { keys, ..self }
    }

    /// The key table hints and help are drawn from.
    pub fn keys(&self) -> &'static Keymap {
        self.keys
    }

    /// The symbols this theme draws with.
    pub fn g(&self) -> &'static Glyphs {
        self.glyphs
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Read-only context and secondary text.
    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    /// The border of the focused pane (also drawn thick, see `panes`).
    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::Gray)
    }

    /// The selected row of the focused pane: reverse video in every theme,
    /// on top of the `▶` glyph.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// A row whose value differs from what was loaded (with the `•` marker).
    pub fn changed(self) -> Style {
        if self.color {
            self.fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::ITALIC)
        }
    }

    /// An invalid value and its reason (with the `✗` marker).
    pub fn invalid(self) -> Style {
        if self.color {
            self.fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Added rows in the review (`+`).
    pub fn added(self) -> Style {
        self.fg(Color::Green)
    }

    /// Removed or cleared rows in the review (`-`).
    pub fn removed(self) -> Style {
        self.fg(Color::Red)
    }

    /// The `modified (N)` badge in the header.
    pub fn badge(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A key in a hint line (`Enter`, `q`).
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The cells of an open text editor.
    pub fn input(self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The border of a dialog asking for a decision.
    pub fn dialog_border(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The border of a dialog reporting a failure.
    pub fn error_border(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A status line of the given kind; its glyph comes from [`status_glyph`].
    pub fn status(self, kind: StatusKind) -> Style {
        match kind {
            StatusKind::Info => self.fg(Color::Cyan),
            StatusKind::Success => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            StatusKind::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            StatusKind::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}

/// The glyph that says what kind of status a line is, without colour.
pub fn status_glyph(kind: StatusKind, g: &Glyphs) -> &'static str {
    match kind {
        StatusKind::Info => g.info,
        StatusKind::Success => g.ok,
        StatusKind::Warning => g.warning,
        StatusKind::Error => g.invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_can_turn_colour_off_but_not_on() {
        assert_eq!(Theme::from_setting(Some("mono")), Theme::MONOCHROME);
        assert_eq!(Theme::from_setting(Some("Monochrome")), Theme::MONOCHROME);
        assert_eq!(Theme::from_setting(Some("dark")), Theme::from_env());
        assert_eq!(Theme::from_setting(None), Theme::from_env());
    }

    #[test]
    fn no_color_means_any_non_empty_value() {
        assert_eq!(Theme::for_no_color(None), Theme::COLOR);
        assert_eq!(Theme::for_no_color(Some(OsStr::new(""))), Theme::COLOR);
        assert_eq!(
            Theme::for_no_color(Some(OsStr::new("1"))),
            Theme::MONOCHROME
        );
    }

    #[test]
    fn monochrome_uses_no_colour_at_all() {
        let t = Theme::MONOCHROME;
        for style in [
            t.dim(),
            t.focused_border(),
            t.selected(),
            t.changed(),
            t.invalid(),
            t.badge(),
            t.key(),
            t.input(),
            t.status(StatusKind::Error),
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert_ne!(t.changed(), Style::new());
        assert_ne!(t.invalid(), Style::new());
    }
}
