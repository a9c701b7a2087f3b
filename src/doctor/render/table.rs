//! The table for people: aligned columns, details word-wrapped under their
//! own column, then the verdicts and the conclusion.

use unicode_width::UnicodeWidthStr;

use super::verdicts::{conclusion, verdict_why};
use super::{Part, part_name, rows, verdict_word};
use crate::doctor::Report;

/// The table for people, lines at most `width` cells wide where words allow.
pub fn table(report: &Report, width: usize) -> String {
    let rows = rows(report);
    let label_w = rows
        .iter()
        .map(|r| r.label.width())
        .chain(Part::ALL.iter().map(|p| part_name(*p).width()))
        .max()
        .unwrap_or(0)
        .max(5)
        + 2;
    let mut out = String::new();
    out.push_str("rolodex-tui doctor: a read-only check of this workspace (GET requests only)\n\n");

    let status_w = 6;
    let ms_w = 6;
    let detail_at = label_w + status_w + ms_w + 2;
    out.push_str(&line(
        &[("CHECK", label_w), ("RESULT", status_w)],
        &format!("{:>w$}  ", "MS", w = ms_w),
        "DETAIL",
    ));
    for row in &rows {
        let ms = row.ms().map(|m| m.to_string()).unwrap_or_default();
        let mut detail = wrap(&row.detail, width.saturating_sub(detail_at).max(30));
        let first = if detail.is_empty() {
            String::new()
        } else {
            detail.remove(0)
        };
        out.push_str(&line(
            &[(&row.label, label_w), (row.status.mark(), status_w)],
            &format!("{ms:>w$}  ", w = ms_w),
            &first,
        ));
        for more in detail {
            out.push_str(&format!("{}{more}\n", " ".repeat(detail_at)));
        }
    }

    out.push('\n');
    let verdict_w = 11;
    let why_at = label_w + verdict_w;
    out.push_str(&line(
        &[("PART", label_w), ("VERDICT", verdict_w)],
        "",
        "WHY",
    ));
    for v in &report.verdicts {
        let mut why = wrap(
            &verdict_why(report, v),
            width.saturating_sub(why_at).max(30),
        );
        let first = if why.is_empty() {
            String::new()
        } else {
            why.remove(0)
        };
        out.push_str(&line(
            &[(part_name(v.part), label_w), (verdict_word(v), verdict_w)],
            "",
            &first,
        ));
        for more in why {
            out.push_str(&format!("{}{more}\n", " ".repeat(why_at)));
        }
    }
    out.push('\n');
    for l in wrap(&conclusion(report), width.max(30)) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Columns padded to their widths, then `middle`, then the rest; no
/// trailing spaces.
fn line(columns: &[(&str, usize)], middle: &str, rest: &str) -> String {
    let mut s = String::new();
    for (text, w) in columns {
        s.push_str(text);
        s.push_str(&" ".repeat(w.saturating_sub(text.width())));
    }
    s.push_str(middle);
    s.push_str(rest);
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    s.push('\n');
    s
}

/// Word-wraps to at most `max` cells; a longer word gets a line of its own.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.width() + 1 + word.width() > max {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_within_the_width_and_keep_long_words_whole() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh ij", 4), ["abcdefgh", "ij"]);
        assert!(wrap("", 10).is_empty());
    }
}
