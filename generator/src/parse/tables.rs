//! Helpers for reading markdown tables by column meaning rather than by translated header text.

use super::markdown::Cell;

/// The index of the first header cell whose lower-cased text contains one of `needles` (which are lower case).
pub fn column(header: &[Cell], needles: &[&str]) -> Option<usize> {
    header.iter().position(|cell| {
        let text = &*cell.text;
        if text.is_ascii() {
            // ASCII text lower-cases byte for byte: compare in place instead of copying every header cell.
            needles.iter().any(|needle| find_ascii_case_insensitive(text, needle).is_some())
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
/// This compares the first byte and the rest only where it matches.
pub fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, pattern) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = pattern.split_first() else { return Some(0) };
    let last_start = hay.len().checked_sub(pattern.len())?;
    // A byte match of a whole UTF-8 needle starts on a character boundary, so this is `str::find`'s answer.
    (0..=last_start).find(|&start| hay[start] == first && hay[start + 1..start + pattern.len()] == *rest)
}

/// Whether `haystack` contains `needle`: [`find_short`] for short texts.
pub fn contains_short(haystack: &str, needle: &str) -> bool {
    find_short(haystack, needle).is_some()
}

/// The first place where `needle` (lower case) occurs in `haystack` with ASCII letters of any case: what
/// `haystack.to_ascii_lowercase().find(needle)` gives, without the copy.
pub fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    debug_assert!(!needle.bytes().any(|byte| byte.is_ascii_uppercase()), "needles are lower case: {needle}");
    let (hay, pattern) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = pattern.first() else { return Some(0) };
    let last_start = hay.len().checked_sub(pattern.len())?;
    (0..=last_start).find(|&start| {
        hay[start].to_ascii_lowercase() == first && hay[start..start + pattern.len()].eq_ignore_ascii_case(pattern)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_searches_agree_with_str_find() {
        let texts = ["", "a", "Delegated (work)", "委派（工作或学校帐户）", "aaab", "ababc", "Типы", "x|y"];
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
