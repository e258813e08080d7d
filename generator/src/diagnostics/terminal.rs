//! Text from the docs made safe to print: control and direction characters become visible escapes.
//!
//! A page can carry ESC sequences (clear the screen, move the cursor, recolour), carriage returns and line breaks
//! (forge a diagnostic line) or bidi controls (show text in another order than it is). Every front door prints
//! file names, messages and source lines through [`terminal_safe`].

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal (or a doc comment) as it is: C0 and C1 controls and DEL (`char::is_control`),
/// the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the invisible direction marks
/// (U+200E, U+200F, U+061C) and the Unicode line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `text` holds any character [`is_unsafe`] refuses (a file name that cannot be printed on one line, in
/// a `cargo:` directive or a terminal, is refused rather than escaped).
pub fn has_unsafe(text: &str) -> bool {
    text.contains(is_unsafe)
}

/// `text` on one line, with every unsafe character written as a Rust escape (`\u{1b}`).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, |_| false)
}

/// `text` with every unsafe character that `keep` does not accept written as a Rust escape (`\u{1b}`): for
/// multi-line text (`keep` accepts `\n`) such as a page's source lines or a doc comment.
pub fn escape_unsafe(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let escaped = |c: char| is_unsafe(c) && !keep(c);
    if !text.contains(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_direction_characters() {
        let hostile = "a\u{1b}[2Jb\rc\nd\u{202e}e\u{9b}f\u{7f}g\u{2066}h\u{2028}i\tj";
        let safe = terminal_safe(hostile);
        assert_eq!(safe, "a\\u{1b}[2Jb\\u{d}c\\u{a}d\\u{202e}e\\u{9b}f\\u{7f}g\\u{2066}h\\u{2028}i\\u{9}j");
        assert!(!safe.chars().any(is_unsafe));
    }

    #[test]
    fn leaves_ordinary_text_borrowed() {
        assert!(matches!(terminal_safe("plain `text`, é, 日本"), Cow::Borrowed(_)));
        assert_eq!(escape_unsafe("a\nb\u{1b}", |c| c == '\n'), "a\nb\\u{1b}");
    }
}
