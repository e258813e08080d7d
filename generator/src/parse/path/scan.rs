//! Scans for separators at the top level of a path: outside parentheses, braces and quotes.

/// Scans `text` tracking `(...)`, `{...}` and quotes; calls `at` for each byte at the top level.
/// Quotes count only inside parentheses unless `quotes_everywhere`: an apostrophe in a literal id is not a quote.
/// Returns false when the brackets never balance.
fn scan(text: &str, quotes_everywhere: bool, mut at: impl FnMut(usize, u8) -> bool) -> bool {
    let (mut parens, mut braces, mut quoted) = (0usize, 0usize, false);
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'\'' if quotes_everywhere || parens > 0 => quoted = !quoted,
            _ if quoted => {}
            b'(' => parens += 1,
            b')' => parens = parens.saturating_sub(1),
            b'{' => braces += 1,
            b'}' => braces = braces.saturating_sub(1),
            _ if parens == 0 && braces == 0 && !at(index, byte) => return true,
            _ => {}
        }
    }
    parens == 0 && braces == 0 && !quoted
}

/// The first `sep` at the top level; unbalanced text falls back to the first `sep` anywhere.
pub(super) fn find_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Option<usize> {
    let mut found = None;
    let balanced = scan(text, quotes_everywhere, |index, byte| {
        if byte == sep {
            found = Some(index);
            false
        } else {
            true
        }
    });
    found.or_else(|| if balanced { None } else { text.bytes().position(|byte| byte == sep) })
}

pub(super) fn find_top(text: &str, sep: u8) -> Option<usize> {
    find_scan(text, sep, false)
}

/// Splits at each top-level `sep`; unbalanced text is split at every `sep`.
pub(super) fn split_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let balanced = scan(text, quotes_everywhere, |index, byte| {
        if byte == sep {
            pieces.push(&text[start..index]);
            start = index + 1;
        }
        true
    });
    if !balanced {
        return text.split(sep as char).collect();
    }
    pieces.push(&text[start..]);
    pieces
}

pub(super) fn split_top(text: &str, sep: u8) -> Vec<&str> {
    split_scan(text, sep, false)
}

/// Whether `text` has whitespace outside brackets and quotes.
pub(super) fn has_top_whitespace(text: &str) -> bool {
    let mut found = false;
    scan(text, false, |_, byte| {
        found = byte.is_ascii_whitespace();
        !found
    });
    found
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
