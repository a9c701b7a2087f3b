//! Server text made safe to keep and show: one line, no escape sequences,
//! no API key; and the message found inside an error body.

use serde_json::Value;

/// How much of a server's message or raw body an error keeps.
pub const MESSAGE_MAX_CHARS: usize = 300;

/// Reduces untrusted text to one line of printable characters, at most
/// `max_chars` long (an ellipsis marks a cut).
///
/// Terminal escape sequences (CSI, OSC, DCS and two-byte ESC forms) are
/// removed whole so no fragment of them survives; other control characters,
/// C1 controls and bidirectional overrides are dropped; line breaks and tabs
/// become spaces and runs of whitespace collapse to one.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else if c == '\u{9b}' {
            skip_csi(&mut chars);
        } else if c.is_whitespace() {
            pending_space = !clean.is_empty();
        } else if !(c.is_control() || is_bidi_control(c)) {
            if pending_space {
                clean.push(' ');
                pending_space = false;
            }
            clean.push(c);
        }
    }
    if clean.chars().count() <= max_chars {
        return clean;
    }
    let mut cut: String = clean.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC '\'.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Replaces every occurrence of the key with `***`, so a server that echoes
/// the key back in an error message cannot get it onto the screen.
pub fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret, "***")
    }
}

/// The human message of an error body, in any of the shapes APIs commonly
/// use: `{"error": {"message"}}`, `{"error": "..."}`, `{"message": "..."}`,
/// `{"detail": "..."}` or `{"errors": [...]}` (strings, or objects with a
/// `message` and perhaps a `field`). Falls back to the raw body. The result
/// is raw server text: pass it through [`one_line`] before keeping it.
pub fn server_message(body: &[u8]) -> String {
    json_message(body).unwrap_or_else(|| String::from_utf8_lossy(body).trim().to_string())
}

/// The message of a JSON error body, in the shapes [`server_message`] knows;
/// `None` when the body is not JSON or carries no message.
pub fn json_message(body: &[u8]) -> Option<String> {
    let json: Value = serde_json::from_slice(body).ok()?;
    message_in_json(&json)
}

fn message_in_json(json: &Value) -> Option<String> {
    let obj = json.as_object()?;
    if let Some(error) = obj.get("error") {
        match error {
            Value::String(s) => return Some(s.clone()),
            Value::Object(_) => {
                if let Some(m) = item_message(error) {
                    return Some(m);
                }
            }
            _ => {}
        }
    }
    for key in ["message", "detail"] {
        if let Some(Value::String(s)) = obj.get(key) {
            return Some(s.clone());
        }
    }
    let errors = obj.get("errors")?;
    let parts: Vec<String> = match errors {
        Value::Array(items) => items.iter().filter_map(item_message).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(field, v)| match item_message(v) {
                Some(m) => format!("{field}: {m}"),
                None => format!("{field}: {v}"),
            })
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    };
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn item_message(item: &Value) -> Option<String> {
    match item {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(item_message).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(map) => {
            let message = ["message", "detail", "msg", "title"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))?;
            let field = ["field", "path", "param"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str));
            Some(match field {
                Some(f) if !message.contains(f) => format!("{f}: {message}"),
                _ => message.to_string(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_found_in_every_common_shape() {
        let cases: [(&str, &str); 8] = [
            (
                r#"{"error":{"message":"title is too long"}}"#,
                "title is too long",
            ),
            (
                r#"{"error":"emails[0].email_address is invalid"}"#,
                "emails[0].email_address is invalid",
            ),
            (r#"{"message":"bad value"}"#, "bad value"),
            (r#"{"detail":"nope"}"#, "nope"),
            (
                r#"{"errors":["a is bad","b is bad"]}"#,
                "a is bad; b is bad",
            ),
            (
                r#"{"errors":[{"field":"custom_fields[0].value","message":"must be a number"}]}"#,
                "custom_fields[0].value: must be a number",
            ),
            (r#"{"errors":{"title":["too long"]}}"#, "title: too long"),
            ("  <html>Bad Gateway</html>\n", "<html>Bad Gateway</html>"),
        ];
        for (body, want) in cases {
            assert_eq!(server_message(body.as_bytes()), want, "body {body}");
        }
        assert_eq!(server_message(br#"{"code":7}"#), r#"{"code":7}"#);
    }

    #[test]
    fn one_line_strips_escapes_and_controls() {
        let hostile =
            "bad\u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}\r\nnext\tline\u{0}\u{9b}2Jx\u{202e}y";
        assert_eq!(one_line(hostile, 300), "badred next linexy");
        assert_eq!(one_line("  lead\n\n trail  ", 300), "lead trail");
        assert_eq!(one_line("\u{1b}P1$r\u{1b}\\ok", 300), "ok");
    }

    #[test]
    fn one_line_truncates_with_an_ellipsis() {
        assert_eq!(one_line("abcdef", 4), "abc…");
        assert_eq!(one_line("abcd", 4), "abcd");
        assert_eq!(one_line("ab cdef", 3), "ab…");
        assert_eq!(one_line(&"é".repeat(400), 300).chars().count(), 300);
    }

    #[test]
    fn redact_hides_every_copy_of_the_key() {
        assert_eq!(
            redact("key sk_1 and sk_1 again", "sk_1"),
            "key *** and *** again"
        );
        assert_eq!(redact("nothing", ""), "nothing");
    }
}
