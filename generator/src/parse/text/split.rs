//! The first word of a text and the items of a list, found in the bytes.

/// The text up to its first whitespace, as `text.split_whitespace().next()` gives it (any text; None when it is
/// empty or blank). Found in the bytes when they are ASCII: a URL can be long.
pub fn first_word(text: &str) -> Option<&str> {
    // `char::is_whitespace` also takes the vertical tab, which `u8::is_ascii_whitespace` does not.
    let stop = |byte: &u8| byte.is_ascii_whitespace() || *byte == b'\x0b' || !byte.is_ascii();
    match text.as_bytes().iter().position(stop) {
        None if !text.is_empty() => Some(text),
        Some(end) if end > 0 && text.as_bytes()[end].is_ascii() => Some(&text[..end]),
        _ => text.split_whitespace().next(),
    }
}

/// Whether a list separator can start with the byte: `,` `;` a line break, or the first byte of `、` `，` `；`.
/// Looked up once per byte of every cell instead of comparing it five times.
static LIST_SEPARATOR_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8, b',' | b';' | b'\n' | 0xE3 | 0xEF);
        byte += 1;
    }
    table
};

/// The parts of `text` (any text) between list separators (`,` `、` `，` `;` `；` and line breaks), as `str::split`
/// with those characters gives them: one empty part for empty text, empty parts between adjacent separators.
/// Found in the bytes, as every permission cell goes through here.
pub fn list_parts(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let separator_at = |at: usize| match &bytes[at..] {
        [b',' | b';' | b'\n', ..] => 1,
        [0xE3, 0x80, 0x81, ..] | [0xEF, 0xBC, 0x8C | 0x9B, ..] => 3, // 、 ，；
        _ => 0,
    };
    let (mut start, mut position, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        // Only the bytes a separator starts with are looked at closely: the rest are skipped by a table lookup.
        while let Some(skip) = bytes[position..].iter().position(|&byte| LIST_SEPARATOR_START[usize::from(byte)]) {
            position += skip;
            let length = separator_at(position);
            if length > 0 {
                let part = &text[start..position];
                position += length;
                start = position;
                return Some(part);
            }
            position += 1;
        }
        position = bytes.len();
        if done {
            return None;
        }
        done = true;
        Some(&text[start..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEPARATORS: [char; 6] = [',', '、', '，', ';', '；', '\n'];

    #[test]
    fn the_first_word_is_found_as_split_whitespace_finds_it() {
        for text in [
            "",
            " ",
            "\u{3000}",
            "GET",
            "/me HTTP/1.1",
            "/me\tx",
            "/me\u{b}x",
            "/me\u{3000}x",
            " a b",
            "é/x y",
            "/x\u{a0}y",
            "委派（工作）\u{3000}x",
        ] {
            assert_eq!(first_word(text), text.split_whitespace().next(), "{text:?}");
        }
    }

    #[test]
    fn list_parts_split_like_str_split() {
        for text in
            ["", " ", "a", "a,b", ",", "A、B，C;D；E\nF", "a,,b;", "、", "全部，", "x；y、", "　、　", "\u{3001}"]
        {
            let expected: Vec<_> = text.split(SEPARATORS).collect();
            assert_eq!(list_parts(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn lead_bytes_of_other_characters_do_not_split() {
        // `〜` (E3 80 9C) and `＝` (EF BC 9D) share the lead bytes of `、` and `；`.
        assert_eq!(list_parts("a〜b＝c").collect::<Vec<_>>(), ["a〜b＝c"]);
    }

    #[test]
    fn separator_starts_are_the_first_bytes_of_the_separators() {
        for byte in 0..=u8::MAX {
            let expected = SEPARATORS.iter().any(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0] == byte);
            assert_eq!(LIST_SEPARATOR_START[usize::from(byte)], expected, "{byte}");
        }
    }

    proptest! {
        #[test]
        fn list_parts_split_like_str_split_on_any_text(text in "[a ,;\n、，；〜＝委\u{3000}]{0,12}") {
            let expected: Vec<_> = text.split(SEPARATORS).collect();
            prop_assert_eq!(list_parts(&text).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn the_first_word_is_found_as_split_whitespace_finds_it_in_any_text(text in "[a/ \t\u{b}\u{a0}\u{3000}é委]{0,8}") {
            prop_assert_eq!(first_word(&text), text.split_whitespace().next());
        }
    }
}
