//! Scans for separators at the top level of a path: outside parentheses, braces and quotes.

/// The bytes that open or close a level for [`TopLevel`], looked up rather than compared one by one.
const NESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\'' as usize] = true;
    table[b'(' as usize] = true;
    table[b')' as usize] = true;
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table
};

/// Finds the bytes a `target` test picks at the top level of a text: outside `(...)`, `{...}` and quotes. Quotes
/// count only inside parentheses unless `quotes_everywhere`: an apostrophe in a literal id is not a quote.
///
/// An iterator of the indices of those bytes; once it is exhausted, [`TopLevel::balanced`] tells whether the
/// brackets balanced. Bytes that neither nest nor are targets are skipped in a tight loop: most of a path is letters.
pub(super) struct TopLevel<'a, T> {
    bytes: &'a [u8],
    index: usize,
    quotes_everywhere: bool,
    parens: usize,
    braces: usize,
    quoted: bool,
    target: T,
}

impl<'a, T: Fn(u8) -> bool> TopLevel<'a, T> {
    pub(super) fn new(text: &'a str, quotes_everywhere: bool, target: T) -> Self {
        TopLevel { bytes: text.as_bytes(), index: 0, quotes_everywhere, parens: 0, braces: 0, quoted: false, target }
    }

    /// Whether the text read so far left no bracket or quote open (the whole text's answer once exhausted).
    pub(super) fn balanced(&self) -> bool {
        self.parens == 0 && self.braces == 0 && !self.quoted
    }
}

impl<T: Fn(u8) -> bool> Iterator for TopLevel<'_, T> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while let Some(&byte) = self.bytes.get(self.index) {
            self.index += 1;
            if !NESTING[usize::from(byte)] && !(self.target)(byte) {
                continue;
            }
            match byte {
                b'\'' if self.quotes_everywhere || self.parens > 0 => self.quoted = !self.quoted,
                _ if self.quoted => {}
                b'(' => self.parens += 1,
                b')' => self.parens = self.parens.saturating_sub(1),
                b'{' => self.braces += 1,
                b'}' => self.braces = self.braces.saturating_sub(1),
                _ if self.parens == 0 && self.braces == 0 && (self.target)(byte) => return Some(self.index - 1),
                _ => {}
            }
        }
        None
    }
}

/// The first `sep` at the top level; unbalanced text falls back to the first `sep` anywhere.
pub(super) fn find_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Option<usize> {
    let mut top = TopLevel::new(text, quotes_everywhere, |byte| byte == sep);
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
    let mut top = TopLevel::new(text, quotes_everywhere, |byte| byte == sep);
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
