//! `str::trim` and friends, decoding characters only where ASCII trimming stops at a byte that may begin or end a
//! whitespace character it does not know. The result is the same, as ASCII whitespace is whitespace; most docs
//! text (cells, names, path pieces, front matter values) starts and ends with ASCII, so most calls decode nothing.

/// `text.trim_start()`.
pub fn trim_start(text: &str) -> &str {
    let text = text.trim_ascii_start();
    match text.as_bytes().first() {
        Some(&byte) if may_be_other_space(byte) => text.trim_start(),
        _ => text,
    }
}

/// `text.trim_end()`.
pub fn trim_end(text: &str) -> &str {
    let text = text.trim_ascii_end();
    match text.as_bytes().last() {
        Some(&byte) if may_be_other_space(byte) => text.trim_end(),
        _ => text,
    }
}

/// `text.trim()`. Text that starts and ends with a visible ASCII character (most text) is returned after two
/// byte checks.
pub fn trim(text: &str) -> &str {
    let visible = |byte: Option<&u8>| byte.is_some_and(|&byte| byte > b' ' && byte < 0x80);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        return text;
    }
    trim_end(trim_start(text))
}

/// Whether `byte` may begin or end a whitespace character that ASCII trimming leaves: a vertical tab, or a
/// character of several bytes (such as a no-break space).
fn may_be_other_space(byte: u8) -> bool {
    byte == 0x0B || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ODD: [&str; 15] = [
        "",
        " ",
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
        fn trims_agree_with_str_trims_on_any_text(text in "[ \\t\\n\\x0b\\x0c\\ra-z\\u{a0}\\u{85}\\u{3000}é]{0,8}") {
            prop_assert_eq!(trim(&text), text.trim());
            prop_assert_eq!(trim_start(&text), text.trim_start());
            prop_assert_eq!(trim_end(&text), text.trim_end());
        }
    }
}
