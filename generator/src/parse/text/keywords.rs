//! One scan of a text for many keywords.

/// Keywords with a table of their first bytes, so that a text is scanned once for all of them rather than once
/// per keyword (translated keyword lists run to dozens of entries, and every table cell is checked).
pub struct Keywords {
    words: &'static [&'static str],
    /// For each byte, the words (bit `i` for word `i`) that start with it, ASCII letters in either case: CJK
    /// words share few lead bytes, and only the words a byte can start are compared there.
    starts: [u64; 256],
}

impl Keywords {
    /// The table for `words`: at most 64, none empty (checked when the table is built, at compile time for a
    /// `const` or `static`).
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

    /// Whether one of the words occurs in `text` (any text), as `str::contains` finds it.
    pub fn found_in(&self, text: &str) -> bool {
        // Compared byte by byte: the words are a few bytes, and the first or second byte usually differs (CJK
        // characters share lead bytes), which a `memcmp` call per candidate costs far more than.
        self.found_where(text, |at, word| at.len() >= word.len() && at.iter().zip(word).all(|(a, b)| a == b))
    }

    /// Whether one of the words occurs in `text` (any text) with ASCII letters of any case.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether one of `words` occurs in `text`, exactly or with ASCII letters of any case, as `str` finds it.
    fn contained(words: &[&str], text: &str) -> (bool, bool) {
        let lower = text.to_ascii_lowercase();
        let exact = words.iter().any(|word| text.contains(word));
        (exact, words.iter().any(|word| lower.contains(&word.to_ascii_lowercase())))
    }

    #[test]
    fn keywords_are_found_like_contains() {
        const WORDS: Keywords = Keywords::new(&["work", "工作", "Sammlung", "（"]);
        for text in [
            "", " ", "\u{3000}", "at work", "network", "工作", "工", "sammlung", "SAMMLUNG", "Sammlung", "wor", "（x",
            "(x",
        ] {
            let (exact, any_case) = contained(WORDS.words(), text);
            assert_eq!(WORDS.found_in(text), exact, "{text}");
            assert_eq!(WORDS.found_in_any_case(text), any_case, "{text}");
        }
    }

    #[test]
    fn a_word_cut_at_the_end_of_the_text_is_not_found() {
        const WORDS: Keywords = Keywords::new(&["工作"]);
        // The text ends with the first bytes of `工作` only: no read past the end.
        let text = "x工";
        assert!(!WORDS.found_in(text) && !WORDS.found_in_any_case(text));
        assert!(WORDS.found_in("x工作") && WORDS.found_in_any_case("x工作"));
    }

    proptest::proptest! {
        #[test]
        fn keywords_are_found_in_any_text_like_contains(text in "(collection|COLLECTION|Coll|ection|集合|集|合|коллекция|колл|colección|Sammlung|raccolta|Lot|LOT|al|L|l|x|ó| |　){0,6}") {
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
}
