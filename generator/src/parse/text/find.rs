//! Searches for short needles in short texts (cells, labels, lines, link targets): exactly, or with ASCII letters
//! of any case, and for the next digit of prose.
//!
//! Table cells and labels are a few dozen bytes, and they are searched for many short needles (translated
//! keywords): there `str::find`'s searcher set-up and per-window `memcmp` cost more than the search itself.

/// The byte offset of the first `needle` in `haystack` (any texts), as `str::find` gives it.
pub fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    // A byte match of a whole UTF-8 needle starts on a character boundary, so this is `str::find`'s answer.
    find_bytes(haystack.as_bytes(), needle.as_bytes())
}

/// Whether `haystack` contains `needle` (any texts), as `str::contains` says: [`find_short`].
pub fn contains_short(haystack: &str, needle: &str) -> bool {
    find_short(haystack, needle).is_some()
}

/// The first place where `pattern` occurs in `hay` (any bytes; an empty pattern is at 0): the first byte is looked
/// for (by `memchr` in longer texts) and the rest compared only there. No searcher is built, which is what costs
/// most for a short pattern.
pub fn find_bytes(hay: &[u8], pattern: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = pattern.split_first() else { return Some(0) };
    let last_start = hay.len().checked_sub(pattern.len())?;
    let rest_matches = |start: usize| hay[start + 1..start + pattern.len()] == *rest;
    if hay.len() < 64 {
        // Too short for `memchr`'s set-up to pay.
        return (0..=last_start).find(|&start| hay[start] == first && rest_matches(start));
    }
    let mut from = 0;
    while from <= last_start {
        let start = from + memchr::memchr(first, &hay[from..=last_start])?;
        if rest_matches(start) {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// The first place where `needle` occurs in `haystack` with ASCII letters of any case: what
/// `haystack.to_ascii_lowercase().find(needle)` gives, without the copy. Any `haystack`; `needle` is any text
/// without upper-case ASCII letters.
pub fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    debug_assert!(!needle.bytes().any(|byte| byte.is_ascii_uppercase()), "needles are lower case: {needle}");
    let (hay, pattern) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = pattern.first() else { return Some(0) };
    let last_start = hay.len().checked_sub(pattern.len())?;
    // A lower-case letter matches itself or its upper case, which differs only in bit 0x20; any other byte only
    // itself. One `or` and compare per byte instead of lower-casing each.
    let case_bit = if first.is_ascii_lowercase() { 0x20 } else { 0 };
    (0..=last_start).find(|&start| {
        (hay[start] | case_bit) == first && hay[start..start + pattern.len()].eq_ignore_ascii_case(pattern)
    })
}

/// Whether `text` contains `needle` (without upper-case ASCII letters) with ASCII letters of any case, without a
/// lower-case copy of `text`: [`find_ascii_case_insensitive`]. (The same answer as `to_lowercase` then `contains`
/// for needles without `k` or `å`: only the Kelvin and Ångström signs lower-case to ASCII letters.)
pub fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    find_ascii_case_insensitive(text, needle).is_some()
}

/// Whether `text` starts with `prefix` with ASCII letters of any case (any texts; a prefix that would end inside
/// a character of `text` does not match, as its bytes differ).
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Where `word` (without upper-case ASCII letters) occurs in `text` with ASCII letters of any case, as a word of
/// its own: an ASCII word must not touch ASCII letters or digits (`...ResourceCollection` holds no word
/// `collection`); a word with other characters (CJK) needs no spaces. Searched in place: this runs for many
/// words on many cells.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) =
        text.get(from..).and_then(|rest| find_ascii_case_insensitive(rest, word)).map(|found| found + from)
    {
        let end = found + word.len();
        let touches = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !word.is_ascii() || (!touches(text[..found].chars().next_back()) && !touches(text[end..].chars().next())) {
            return Some(found);
        }
        from = end;
    }
    None
}

/// The first ASCII digit in `bytes` (any bytes) at or after `from` (any offset; past the end finds none).
///
/// Prose runs to hundreds of bytes with few digits: 16 bytes are checked at once (a check of a fixed-size block
/// compiles to a few vector instructions), and only a block with a digit is searched byte by byte.
pub fn next_ascii_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(block) = bytes.get(at..at + 16) {
        let block: &[u8; 16] = block.try_into().expect("16 bytes");
        if block.iter().fold(false, |any, byte| any | byte.is_ascii_digit()) {
            break;
        }
        at += 16;
    }
    bytes.get(at..)?.iter().position(u8::is_ascii_digit).map(|skip| at + skip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_searches_agree_with_str_find() {
        let long = "a".repeat(70) + "Delegated (work) 委派（工作或学校帐户）" + &"b".repeat(70);
        let texts = [
            "",
            " ",
            "\u{3000}",
            "a",
            "Delegated (work)",
            "委派（工作或学校帐户）",
            "aaab",
            "ababc",
            "Типы",
            "x|y",
            &long,
        ];
        let needles =
            ["", " ", "a", "ab", "abc", "work", "工作", "帐户）", "（", "(", "аб", "y", "Type", "|", "\u{3000}"];
        for text in texts {
            for needle in needles {
                assert_eq!(find_short(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains_short(text, needle), text.contains(needle), "{text:?} {needle:?}");
                let lower = needle.to_ascii_lowercase();
                let expected = text.to_ascii_lowercase().find(&lower);
                assert_eq!(find_ascii_case_insensitive(text, &lower), expected, "{text:?} {lower:?}");
                assert_eq!(contains_ignore_ascii_case(text, &lower), expected.is_some(), "{text:?} {lower:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn byte_searches_agree_with_windows(hay in proptest::collection::vec(0u8..4, 0..80), pattern in proptest::collection::vec(0u8..4, 0..4)) {
            let expected = if pattern.is_empty() { Some(0) } else { hay.windows(pattern.len()).position(|window| window == pattern) };
            prop_assert_eq!(find_bytes(&hay, &pattern), expected);
        }

        #[test]
        fn short_searches_agree_with_str_find_on_any_text(text in "[ab委工作（ ]{0,80}", needle in "[ab委作（]{0,3}") {
            prop_assert_eq!(find_short(&text, &needle), text.find(&needle));
        }

        #[test]
        fn digits_found_by_blocks_agree_with_position(text in "[a 1创]{0,80}", from in 0usize..90) {
            let bytes = text.as_bytes();
            let expected = bytes.get(from..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)).map(|skip| from + skip);
            prop_assert_eq!(next_ascii_digit(bytes, from), expected);
        }

        #[test]
        fn any_case_searches_agree_with_lower_casing(text in "[aAbB@`{\\[ 委]{0,20}", needle in "[ab@`{\\[委]{1,3}") {
            // `@` and `` ` ``, `[` and `{`: pairs that differ in bit 0x20 only, as a letter and its upper case do.
            let expected = text.to_ascii_lowercase().find(&needle);
            prop_assert_eq!(find_ascii_case_insensitive(&text, &needle), expected);
            prop_assert_eq!(contains_ignore_ascii_case(&text, &needle), expected.is_some());
        }

        #[test]
        fn case_blind_search_agrees_with_windows(text in "[a-zA-Z é委]{0,12}(Optional|REQUIRED)?[a-zA-Z é]{0,12}") {
            for needle in ["optional", "required", "collection"] {
                let windows =
                    text.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle.as_bytes()));
                prop_assert_eq!(contains_ignore_ascii_case(&text, needle), windows);
            }
        }

        #[test]
        fn any_case_prefixes_agree_with_lower_casing(text in "[aAbB@` é委]{0,6}", prefix in "[abAB@`é委]{0,3}") {
            let expected = text.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase());
            prop_assert_eq!(starts_with_ignore_ascii_case(&text, &prefix), expected);
        }

        #[test]
        fn words_are_found_where_no_letter_or_digit_touches_them(text in "(collection|COLLECTION|Collections|x|1| |集合|（|é)*") {
            for word in ["collection", "集合"] {
                // Every place the word occurs in any case, kept when it is CJK or nothing ASCII-alphanumeric is beside it.
                let lower = text.to_ascii_lowercase();
                let expected = lower.match_indices(word).map(|(at, _)| at).find(|&at| {
                    let touches = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    !word.is_ascii() || !(touches(lower[..at].chars().next_back()) || touches(lower[at + word.len()..].chars().next()))
                });
                prop_assert_eq!(find_word(&text, word), expected, "{}", word);
            }
        }
    }

    #[test]
    fn words_stand_alone() {
        assert_eq!(find_word("", "collection"), None);
        assert_eq!(find_word("   ", "collection"), None);
        assert_eq!(find_word("A Collection of x", "collection"), Some(2));
        assert_eq!(find_word("fooCollection, collection", "collection"), Some(15));
        assert_eq!(find_word("collection1", "collection"), None);
        assert_eq!(find_word("（collection）", "collection"), Some(3));
        assert_eq!(find_word("用户集合", "集合"), Some(6));
    }

    #[test]
    fn prefixes_fold_ascii_letters_only() {
        assert!(starts_with_ignore_ascii_case("HTTPS://x", "https://"));
        assert!(starts_with_ignore_ascii_case("", ""));
        assert!(!starts_with_ignore_ascii_case("", "a"));
        assert!(!starts_with_ignore_ascii_case("ht", "http"));
        assert!(starts_with_ignore_ascii_case("委派（工作）", "委派"));
        assert!(!starts_with_ignore_ascii_case("É", "é"));
        assert!(!starts_with_ignore_ascii_case("Ａ", "ａ"));
    }
}
