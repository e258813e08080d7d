//! Keeping untrusted text on one line: file names and messages from the docs reach `cargo:` lines, terminals and
//! diagnostics, where a line break would start a line of the attacker's choosing.

use std::borrow::Cow;

/// Whether `c` can break or rewrite a line: a control character (C0, DEL, C1, which includes NEL) or one of
/// Unicode's own line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `text` holds any character [`is_unsafe`] refuses.
pub fn has_unsafe(text: &str) -> bool {
    text.chars().any(is_unsafe)
}

/// `text` with every [`is_unsafe`] character written as a `\u{..}` escape, so that it prints as one line.
/// Text without such characters comes back borrowed, unchanged.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape("a\nb\rc\u{2028}d\u{2029}e\u{85}f\u{1b}[2J\u{b}\u{c}"),
            r"a\u{a}b\u{d}c\u{2028}d\u{2029}e\u{85}f\u{1b}[2J\u{b}\u{c}"
        );
        assert_eq!(escape("api/ünïcode-名前.md"), "api/ünïcode-名前.md");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }
}
