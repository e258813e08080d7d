//! Helpers for reading markdown tables by column meaning rather than by translated header text.

use super::markdown::Cell;
use std::borrow::Cow;

/// The index of the first header cell whose lower-cased text contains one of `needles` (which are lower case).
pub fn column(header: &[Cell], needles: &[&str]) -> Option<usize> {
    header.iter().position(|cell| {
        let text = &*cell.text;
        if text.is_ascii() {
            // ASCII text lower-cases byte for byte: compare in place instead of copying every header cell. It
            // cannot hold a needle that is not ASCII (the translations).
            needles.iter().any(|needle| needle.is_ascii() && find_ascii_case_insensitive(text, needle).is_some())
        } else {
            let text = text.to_lowercase();
            needles.iter().any(|needle| find_short(&text, needle).is_some())
        }
    })
}

/// The text of `row[index]`, or "" when the row is short.
pub fn cell_text<'r>(row: &'r [Cell<'_>], index: usize) -> &'r str {
    row.get(index).map_or("", |cell| &*cell.text)
}

/// Whether a row is a separator (`|---|:---|`) that a lenient table reader kept as data.
pub fn is_separator_row(row: &[Cell]) -> bool {
    !row.is_empty()
        && row.iter().all(|cell| !cell.text.is_empty() && cell.text.chars().all(|c| matches!(c, '-' | ':' | ' ')))
}

/// The byte offset of the first `needle` in `haystack`, as `str::find` gives it.
///
/// Table cells and labels are a few dozen bytes, and they are searched for many short needles (translated
/// keywords): there `str::find`'s searcher set-up and per-window `memcmp` cost more than the search itself.
pub fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    // A byte match of a whole UTF-8 needle starts on a character boundary, so this is `str::find`'s answer.
    find_bytes(haystack.as_bytes(), needle.as_bytes())
}

/// The first place where `pattern` occurs in `hay`: the first byte is looked for (by `memchr` in longer texts)
/// and the rest compared only there. No searcher is built, which is what costs most for a short pattern.
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

/// The first ASCII digit in `bytes` at or after `from`.
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

/// Whether `haystack` contains `needle`: [`find_short`] for short texts.
pub fn contains_short(haystack: &str, needle: &str) -> bool {
    find_short(haystack, needle).is_some()
}

/// `text.to_lowercase()`, cheaper for the usual cell texts: when every character is ASCII or one of the CJK,
/// Hangul and full-width punctuation characters (which have no case), only ASCII letters change, and text
/// without upper-case letters is not copied. Other text goes through `str::to_lowercase` (Greek final sigma
/// and the like).
pub fn to_lowercase(text: &str) -> Cow<'_, str> {
    if !text.chars().all(|c| c.is_ascii() || is_caseless(c)) {
        return Cow::Owned(text.to_lowercase());
    }
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// CJK symbols, kana and ideographs, Hangul syllables, full-width punctuation: characters without case.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{FF01}'..='\u{FF20}')
}

/// Keywords with a table of their first bytes, so that a text is scanned once for all of them rather than once
/// per keyword (translated keyword lists run to dozens of entries, and every table cell is checked).
pub struct Keywords {
    words: &'static [&'static str],
    /// For each byte, the words (bit `i` for word `i`) that start with it, ASCII letters in either case: CJK
    /// words share few lead bytes, and only the words a byte can start are compared there.
    starts: [u64; 256],
}

impl Keywords {
    /// The table for `words`: at most 64, none empty.
    pub const fn new(words: &'static [&'static str]) -> Self {
        assert!(words.len() <= 64, "one bit per word");
        let mut starts = [0u64; 256];
        let mut index = 0;
        while index < words.len() {
            let first = words[index].as_bytes()[0];
            starts[first.to_ascii_lowercase() as usize] |= 1 << index;
            starts[first.to_ascii_uppercase() as usize] |= 1 << index;
            index += 1;
        }
        Keywords { words, starts }
    }

    /// The words.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether one of the words occurs in `text`.
    pub fn found_in(&self, text: &str) -> bool {
        // Compared byte by byte: the words are a few bytes, and the first or second byte usually differs (CJK
        // characters share lead bytes), which a `memcmp` call per candidate costs far more than.
        self.found_where(text, |at, word| at.len() >= word.len() && at.iter().zip(word).all(|(a, b)| a == b))
    }

    /// Whether one of the words occurs in `text` with ASCII letters of any case.
    pub fn found_in_any_case(&self, text: &str) -> bool {
        self.found_where(text, |at, word| {
            at.len() >= word.len() && at.iter().zip(word).all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
    }

    fn found_where(&self, text: &str, matches: impl Fn(&[u8], &[u8]) -> bool) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|at| {
            let mut candidates = self.starts[bytes[at] as usize];
            while candidates != 0 {
                let word = self.words[candidates.trailing_zeros() as usize];
                if matches(&bytes[at..], word.as_bytes()) {
                    return true;
                }
                candidates &= candidates - 1;
            }
            false
        })
    }
}

/// The first place where `needle` (lower case) occurs in `haystack` with ASCII letters of any case: what
/// `haystack.to_ascii_lowercase().find(needle)` gives, without the copy.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_casing_agrees_with_str() {
        let caseless = ('\u{3000}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}').chain('\u{FF01}'..='\u{FF20}');
        for c in caseless {
            assert!(is_caseless(c) && c.to_lowercase().eq([c]), "{c}");
        }
        for text in [
            "",
            "abc",
            "Delegated (Work)",
            "委派（工作或学校帐户）",
            "委派 (个人 Microsoft 帐户)",
            "ΟΔΟΣ",
            "Ａ",
            "Déléguée",
        ] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn columns_are_found_as_lower_casing_finds_them() {
        let header: Vec<Cell> = ["Name", "TYPE", "类型", "Описание", "Description", "Тип"]
            .into_iter()
            .map(|text| Cell { text: text.into(), links: Vec::new() })
            .collect();
        let lower_casing = |header: &[Cell], needles: &[&str]| {
            header.iter().position(|cell| {
                let text = cell.text.to_lowercase();
                needles.iter().any(|needle| text.contains(needle))
            })
        };
        for needles in [&["type", "类型", "тип"][..], &["description", "说明", "описание"], &["тип"], &["类型"], &["x"]]
        {
            for start in 0..header.len() {
                let header = &header[start..];
                assert_eq!(column(header, needles), lower_casing(header, needles), "{needles:?} from {start}");
            }
        }
    }

    #[test]
    fn keywords_are_found_like_contains() {
        const WORDS: Keywords = Keywords::new(&["work", "工作", "Sammlung"]);
        for text in ["", "at work", "network", "工作", "工", "sammlung", "SAMMLUNG", "Sammlung", "wor"] {
            let contained = WORDS.words().iter().any(|word| text.contains(word));
            assert_eq!(WORDS.found_in(text), contained, "{text}");
            let lower = text.to_ascii_lowercase();
            let any_case = WORDS.words().iter().any(|word| lower.contains(&word.to_ascii_lowercase()));
            assert_eq!(WORDS.found_in_any_case(text), any_case, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn digits_found_by_blocks_agree_with_position(text in "[a 1创]{0,80}", from in 0usize..90) {
            let bytes = text.as_bytes();
            let expected = bytes.get(from..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)).map(|skip| from + skip);
            proptest::prop_assert_eq!(next_ascii_digit(bytes, from), expected);
        }

        #[test]
        fn any_case_searches_agree_with_lower_casing(text in "[aAbB@`{\\[ ]{0,20}", needle in "[ab@`{\\[]{1,3}") {
            // `@` and `` ` ``, `[` and `{`: pairs that differ in bit 0x20 only, as a letter and its upper case do.
            let expected = text.to_ascii_lowercase().find(&needle);
            proptest::prop_assert_eq!(find_ascii_case_insensitive(&text, &needle), expected);
        }
    }

    /// Whether one of `words` occurs in `text`, exactly or with ASCII letters of any case, as `str` finds it.
    fn contained(words: &[&str], text: &str) -> (bool, bool) {
        let lower = text.to_ascii_lowercase();
        let exact = words.iter().any(|word| text.contains(word));
        (exact, words.iter().any(|word| lower.contains(&word.to_ascii_lowercase())))
    }

    proptest::proptest! {
        #[test]
        fn keywords_are_found_in_any_text_like_contains(text in "(collection|COLLECTION|Coll|ection|集合|集|合|коллекция|колл|colección|Sammlung|raccolta|Lot|LOT|al|L|l|x|ó| ){0,6}") {
            const WORDS: [Keywords; 3] = [
                Keywords::new(&["collection", "集合", "sammlung", "colección", "raccolta"]),
                Keywords::new(&["Lot", "all"]),
                Keywords::new(&["集合", "коллекция"]),
            ];
            for words in &WORDS {
                let (exact, any_case) = contained(words.words(), &text);
                proptest::prop_assert_eq!(words.found_in(&text), exact);
                proptest::prop_assert_eq!(words.found_in_any_case(&text), any_case);
            }
        }
    }

    #[test]
    fn short_searches_agree_with_str_find() {
        let long = "a".repeat(70) + "Delegated (work) 委派（工作或学校帐户）" + &"b".repeat(70);
        let texts = ["", "a", "Delegated (work)", "委派（工作或学校帐户）", "aaab", "ababc", "Типы", "x|y", &long];
        let needles = ["", "a", "ab", "abc", "work", "工作", "帐户）", "(", "аб", "y", "Type", "|"];
        for text in texts {
            for needle in needles {
                assert_eq!(find_short(text, needle), text.find(needle), "{text:?} {needle:?}");
                let lower = needle.to_ascii_lowercase();
                assert_eq!(
                    find_ascii_case_insensitive(text, &lower),
                    text.to_ascii_lowercase().find(&lower),
                    "{text:?} {lower:?}"
                );
            }
        }
    }
}
