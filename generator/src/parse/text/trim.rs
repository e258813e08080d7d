//! `str::trim` and friends, decoding characters only where ASCII trimming stops at a byte that may begin or end a
//! whitespace character it does not know. The result is the same, as ASCII whitespace is whitespace; most docs
//! text (cells, names, path pieces, front matter values) starts and ends with ASCII, so most calls decode nothing.

/// `text.trim_start()`: any text.
pub fn trim_start(text: &str) -> &str {
    let text = text.trim_ascii_start();
    match text.as_bytes().first() {
        Some(&byte) if may_be_other_space(byte) => text.trim_start(),
        _ => text,
    }
}

/// `text.trim_end()`: any text.
pub fn trim_end(text: &str) -> &str {
    let text = text.trim_ascii_end();
    match text.as_bytes().last() {
        Some(&byte) if may_be_other_space(byte) => text.trim_end(),
        _ => text,
    }
}

/// `text.trim()`: any text. Text that starts and ends with a visible ASCII character (most text) is returned
/// after two byte checks.
pub fn trim(text: &str) -> &str {
    let visible = |byte: Option<&u8>| byte.is_some_and(|&byte| is_visible_ascii(byte));
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        return text;
    }
    trim_end(trim_start(text))
}

/// Whether `byte` (any byte of UTF-8 text) is an ASCII character above the space (`!` to DEL): it is not white
/// space itself, nor part of a multi-byte character that could be.
pub fn is_visible_ascii(byte: u8) -> bool {
    byte > b' ' && byte < 0x80
}

/// Whether `byte` may begin or end a whitespace character that ASCII trimming leaves: a vertical tab, or a
/// character of several bytes (such as a no-break space).
fn may_be_other_space(byte: u8) -> bool {
    byte == 0x0B || byte >= 0x80
}

/// At most the first 60 characters of `text` (any text), with `…` when some were cut: a quote for messages.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((index, _)) => format!("{}…", &text[..index]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ODD: [&str; 18] = [
        "",
        " ",
        "\u{3000}\u{3000}",
        "a",
        " a",
        "a ",
        "{id}",
        "\u{a0}x",
        "x\u{3000}",
        "é",
        " é ",
        "\t{a | b}\n",
        "\u{b}x",
        "x\u{b}",
        "\u{85}",
        "\u{1}x\u{7f}",
        "　委派（工作）　",
        "ＡＢ\u{2003}",
    ];

    #[test]
    fn trims_agree_with_str_trims() {
        for text in ODD {
            assert_eq!(trim(text), text.trim(), "{text:?}");
            assert_eq!(trim_start(text), text.trim_start(), "{text:?}");
            assert_eq!(trim_end(text), text.trim_end(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn trims_agree_with_str_trims_on_any_text(text in "[ \\t\\n\\x0b\\x0c\\ra-z\\u{a0}\\u{85}\\u{3000}é委（]{0,8}") {
            prop_assert_eq!(trim(&text), text.trim());
            prop_assert_eq!(trim_start(&text), text.trim_start());
            prop_assert_eq!(trim_end(&text), text.trim_end());
        }

        #[test]
        fn excerpts_are_the_first_sixty_characters(text in "[a 委（é\\u{3000}]{0,70}") {
            let kept: String = text.chars().take(60).collect();
            let expected = if text.chars().count() > 60 { format!("{kept}…") } else { kept };
            prop_assert_eq!(excerpt(&text), expected);
        }
    }

    #[test]
    fn visible_ascii_is_ascii_above_the_space_and_never_white_space() {
        for byte in 0..=u8::MAX {
            assert_eq!(is_visible_ascii(byte), byte.is_ascii() && byte > b' ', "{byte}");
            assert!(!is_visible_ascii(byte) || !char::from(byte).is_whitespace(), "{byte}");
        }
    }

    #[test]
    fn excerpts_cut_between_characters() {
        assert_eq!(excerpt(""), "");
        assert_eq!(excerpt(&"委".repeat(60)), "委".repeat(60));
        assert_eq!(excerpt(&"委".repeat(61)), "委".repeat(60) + "…");
        assert_eq!(excerpt(&("a".repeat(59) + "（工作）")), "a".repeat(59) + "（…");
    }
}
