//! Matching what a person types against names: case and accents ignored
//! (`chloe` finds "Chloé", `ZOE` finds "Zoë"), and each typed word found on
//! its own, in any order (`smith jane` finds "Jane Smith"). The contact
//! list and the long pickers filter with it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` lowercased with its accents taken off: decomposed (NFKD), combining
/// marks dropped. Letters without a decomposition (`ø`, `ł`, `ß`) stay.
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A typed filter, folded once and split into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    words: Vec<String>,
}

impl Matcher {
    pub fn new(typed: &str) -> Matcher {
        Matcher {
            words: fold(typed).split_whitespace().map(str::to_string).collect(),
        }
    }

    /// Whether nothing was typed (everything matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every typed word is in one of `fields` (already folded with
    /// [`fold`]), each word wherever it is.
    pub fn matches_folded<S: AsRef<str>>(&self, fields: &[S]) -> bool {
        self.words
            .iter()
            .all(|w| fields.iter().any(|f| f.as_ref().contains(w.as_str())))
    }

    /// As [`Matcher::matches_folded`], folding `fields` first.
    pub fn matches(&self, fields: &[&str]) -> bool {
        if self.is_empty() {
            return true;
        }
        let folded: Vec<String> = fields.iter().map(|f| fold(f)).collect();
        self.matches_folded(&folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_word_order_do_not_matter() {
        let m = |typed: &str, fields: &[&str]| Matcher::new(typed).matches(fields);
        assert!(m("chloe", &["Chloé Zhang"]));
        assert!(m("CHLOÉ", &["chloe zhang"]));
        assert!(m("smith jane", &["Jane Smith"]));
        assert!(m("jane acme", &["Jane Smith", "Acme Corp"]));
        assert!(m("zoe angstrom", &["Zoë Ångström"]));
        assert!(m("  ", &["anything"]));
        assert!(!m("smith john", &["Jane Smith"]));
        assert!(!m("chloex", &["Chloé"]));
        // Letters that are not a letter plus an accent stay themselves.
        assert!(m("łódź", &["Łódź"]));
        assert!(m("lodz", &["Lódz"]));
        assert!(m("東京", &["東京 office"]));
    }
}
