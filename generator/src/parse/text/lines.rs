//! The lines of a text with their offsets, line ends found by `memchr`.

use super::trim::trim;

/// A line of a text: where it starts, its text with its line break, and that text trimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'t> {
    /// The byte offset of the line in the text.
    pub at: usize,
    /// The line with its `\n` (none on the last line when the text does not end with one).
    pub text: &'t str,
    /// [`Line::text`] without leading and trailing whitespace.
    pub trimmed: &'t str,
}

/// The lines of `text` from byte `from` (a character boundary; past the end gives none), as
/// `text[from..].split_inclusive('\n')` gives them, with their offsets in `text`.
pub fn lines_from(text: &str, from: usize) -> Lines<'_> {
    Lines { text, at: from }
}

/// See [`lines_from`]. Line ends are found by `memchr`: most lines are headers and body lines, short and many.
#[derive(Clone)]
pub struct Lines<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Lines<'t> {
    type Item = Line<'t>;

    fn next(&mut self) -> Option<Line<'t>> {
        let at = self.at;
        let rest = self.text.as_bytes().get(at..).filter(|rest| !rest.is_empty())?;
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |newline| at + newline + 1);
        self.at = end;
        let text = &self.text[at..end];
        Some(Line { at, text, trimmed: trim(text) })
    }
}

/// The lines of `text` (any text; each with its line break, as `split_inclusive('\n')` gives them), each with its
/// offset (`text` starts at `start`) and how many times the byte `counted` (not `\n`) occurs in it. One search for both
/// bytes over the whole text: a search per line for its end and another for the byte cost more in set-up than in
/// searching.
pub fn lines_counting(text: &str, start: usize, counted: u8) -> impl Iterator<Item = (usize, &str, usize)> {
    let bytes = text.as_bytes();
    let mut hits = memchr::memchr2_iter(counted, b'\n', bytes);
    let mut line_start = 0;
    std::iter::from_fn(move || {
        if line_start >= bytes.len() {
            return None;
        }
        let mut count = 0;
        let end = loop {
            match hits.next() {
                Some(at) if bytes[at] == counted => count += 1,
                Some(at) => break at + 1,
                None => break bytes.len(),
            }
        };
        let line = (start + line_start, &text[line_start..end], count);
        line_start = end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lines of `text[from..]` with their offsets in `text`, by `split_inclusive`.
    fn by_split(text: &str, from: usize) -> Vec<(usize, &str)> {
        let mut at = from;
        text[from..]
            .split_inclusive('\n')
            .map(|line| {
                let found = (at, line);
                at += line.len();
                found
            })
            .collect()
    }

    #[test]
    fn lines_of_odd_texts() {
        for text in ["", "\n", "\n\n", " ", "a", "a\n", "a\nb", "\u{3000}委\n（x）\r\n", "\u{85}\n"] {
            let found: Vec<_> = lines_from(text, 0).collect();
            let expected = by_split(text, 0);
            assert_eq!(found.iter().map(|line| (line.at, line.text)).collect::<Vec<_>>(), expected, "{text:?}");
            assert!(found.iter().all(|line| line.trimmed == line.text.trim()), "{text:?}");
        }
        assert_eq!(lines_from("a\n", 2).count(), 0);
        assert_eq!(lines_from("a\n", 7).count(), 0, "past the end");
    }

    proptest! {
        #[test]
        fn lines_split_like_split_inclusive(text in "[a \n\r委\u{3000}]{0,16}", from in 0usize..20) {
            // From character boundaries only, as the callers give.
            let from = (0..=from.min(text.len())).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0);
            let found: Vec<_> = lines_from(&text, from).map(|line| (line.at, line.text)).collect();
            prop_assert_eq!(found, by_split(&text, from));
            prop_assert!(lines_from(&text, from).all(|line| line.trimmed == line.text.trim()));
        }

        #[test]
        fn lines_counting_split_and_count_like_str(text in "(\\||\n|a|\u{a0}| |\\\\|委)*", start in 0usize..100) {
            let expected: Vec<_> = by_split(&text, 0)
                .into_iter()
                .map(|(at, line)| (start + at, line, line.bytes().filter(|&byte| byte == b'|').count()))
                .collect();
            prop_assert_eq!(lines_counting(&text, start, b'|').collect::<Vec<_>>(), expected);
        }
    }
}
