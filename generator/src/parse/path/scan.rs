//! Scans for separators at the top level of a path: outside parentheses, braces and quotes.

/// [`CLASS`] bit: the byte opens or closes a level (`'`, `(`, `)`, `{`, `}`).
const NEST: u8 = 1;
/// [`CLASS`] bit: `?`, which starts a query.
pub(super) const QUERY: u8 = 2;
/// [`CLASS`] bit: ASCII whitespace (as `u8::is_ascii_whitespace` sees it).
pub(super) const SPACE: u8 = 4;
/// [`CLASS`] bits of the separators [`find_scan`] and [`split_scan`] are used with.
const SLASH: u8 = 8;
const COMMA: u8 = 16;
const EQUALS: u8 = 32;

/// What each byte is for [`TopLevel`]: looked up once per byte, so that the bytes that neither nest nor are wanted
/// (most of a path is letters) are skipped by one lookup and test each.
const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if matches!(b, b'\'' | b'(' | b')' | b'{' | b'}') {
            table[byte] |= NEST;
        }
        if b.is_ascii_whitespace() {
            table[byte] |= SPACE;
        }
        table[byte] |= match b {
            b'?' => QUERY,
            b'/' => SLASH,
            b',' => COMMA,
            b'=' => EQUALS,
            _ => 0,
        };
        byte += 1;
    }
    table
};

/// The [`CLASS`] bit of a separator byte.
fn separator_bit(sep: u8) -> u8 {
    let bit = CLASS[usize::from(sep)] & !(NEST | SPACE);
    debug_assert!(bit != 0, "`{}` has no class bit", sep as char);
    bit
}

/// Finds the bytes of the `targets` classes ([`QUERY`], [`SPACE`], ...) at the top level of a text: outside
/// `(...)`, `{...}` and quotes. Quotes count only inside parentheses unless `quotes_everywhere`: an apostrophe in a
/// literal id is not a quote.
///
/// An iterator of the indices of those bytes; once it is exhausted, [`TopLevel::balanced`] tells whether the
/// brackets balanced.
pub(super) struct TopLevel<'a> {
    bytes: &'a [u8],
    index: usize,
    quotes_everywhere: bool,
    parens: usize,
    braces: usize,
    quoted: bool,
    targets: u8,
}

impl<'a> TopLevel<'a> {
    pub(super) fn new(text: &'a str, quotes_everywhere: bool, targets: u8) -> Self {
        TopLevel { bytes: text.as_bytes(), index: 0, quotes_everywhere, parens: 0, braces: 0, quoted: false, targets }
    }

    /// Whether the text read so far left no bracket or quote open (the whole text's answer once exhausted).
    pub(super) fn balanced(&self) -> bool {
        self.parens == 0 && self.braces == 0 && !self.quoted
    }
}

impl Iterator for TopLevel<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let stops = NEST | self.targets;
        loop {
            // Only a byte that nests or is a target needs a closer look.
            let skip = self.bytes.get(self.index..)?.iter().position(|&byte| CLASS[usize::from(byte)] & stops != 0);
            let Some(skip) = skip else {
                self.index = self.bytes.len();
                return None;
            };
            let at = self.index + skip;
            self.index = at + 1;
            let byte = self.bytes[at];
            match byte {
                b'\'' if self.quotes_everywhere || self.parens > 0 => self.quoted = !self.quoted,
                _ if self.quoted => {}
                b'(' => self.parens += 1,
                b')' => self.parens = self.parens.saturating_sub(1),
                b'{' => self.braces += 1,
                b'}' => self.braces = self.braces.saturating_sub(1),
                _ if self.parens == 0 && self.braces == 0 && CLASS[usize::from(byte)] & self.targets != 0 => {
                    return Some(at)
                }
                _ => {}
            }
        }
    }
}

/// The first `sep` at the top level; unbalanced text falls back to the first `sep` anywhere.
pub(super) fn find_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Option<usize> {
    let mut top = TopLevel::new(text, quotes_everywhere, separator_bit(sep));
    top.next().or_else(|| if top.balanced() { None } else { text.bytes().position(|byte| byte == sep) })
}

pub(super) fn find_top(text: &str, sep: u8) -> Option<usize> {
    find_scan(text, sep, false)
}

/// Splits at each top-level `sep`; unbalanced text is split at every `sep`.
pub(super) fn split_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Vec<&str> {
    // Sized by every `sep` (a bound on the top-level ones), so that the vector never grows.
    let mut pieces = Vec::with_capacity(memchr::memchr_iter(sep, text.as_bytes()).count() + 1);
    let mut start = 0;
    let mut top = TopLevel::new(text, quotes_everywhere, separator_bit(sep));
    for index in top.by_ref() {
        pieces.push(&text[start..index]);
        start = index + 1;
    }
    if !top.balanced() {
        return text.split(sep as char).collect();
    }
    pieces.push(&text[start..]);
    pieces
}

pub(super) fn split_top(text: &str, sep: u8) -> Vec<&str> {
    split_scan(text, sep, false)
}

/// The index of the `)` closing the `(` at the start of `text`.
pub(super) fn matching_close(text: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0usize, false);
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'\'' => quoted = !quoted,
            _ if quoted => {}
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan as it was written before the class table: every byte compared with the nesting bytes and the
    /// target test.
    fn reference(text: &str, quotes_everywhere: bool, target: impl Fn(u8) -> bool) -> (Vec<usize>, bool) {
        let (mut parens, mut braces, mut quoted, mut found) = (0usize, 0usize, false, Vec::new());
        for (index, byte) in text.bytes().enumerate() {
            match byte {
                b'\'' if quotes_everywhere || parens > 0 => quoted = !quoted,
                _ if quoted => {}
                b'(' => parens += 1,
                b')' => parens = parens.saturating_sub(1),
                b'{' => braces += 1,
                b'}' => braces = braces.saturating_sub(1),
                _ if parens == 0 && braces == 0 && target(byte) => found.push(index),
                _ => {}
            }
        }
        (found, parens == 0 && braces == 0 && !quoted)
    }

    fn scanned(text: &str, quotes_everywhere: bool, targets: u8) -> (Vec<usize>, bool) {
        let mut top = TopLevel::new(text, quotes_everywhere, targets);
        let found = top.by_ref().collect();
        (found, top.balanced())
    }

    #[test]
    fn classes_match_their_bytes() {
        for byte in 0..=255u8 {
            let class = CLASS[usize::from(byte)];
            assert_eq!(class & NEST != 0, matches!(byte, b'\'' | b'(' | b')' | b'{' | b'}'), "{byte}");
            assert_eq!(class & SPACE != 0, byte.is_ascii_whitespace(), "{byte}");
            assert_eq!(class & QUERY != 0, byte == b'?', "{byte}");
        }
        for sep in [b'/', b',', b'=', b'?'] {
            assert_eq!(separator_bit(sep).count_ones(), 1);
        }
    }

    proptest! {
        #[test]
        fn the_class_table_scans_as_the_byte_tests_did(
            text in "[a-z/,=?'(){}  \t\n.é$-]{0,40}",
            quotes_everywhere: bool,
        ) {
            for sep in [b'/', b',', b'=', b'?'] {
                let expected = reference(&text, quotes_everywhere, |byte| byte == sep);
                prop_assert_eq!(scanned(&text, quotes_everywhere, separator_bit(sep)), expected);
            }
            let expected = reference(&text, quotes_everywhere, |byte| byte == b'?' || byte.is_ascii_whitespace());
            prop_assert_eq!(scanned(&text, quotes_everywhere, QUERY | SPACE), expected);
        }
    }
}
