//! The YAML front matter between `---` lines: flat `key: value` pairs are all the docs use.

use super::text::{trim, trim_end, trim_start};
use crate::diagnostics::{Code, Sink};
use compact_str::CompactString;
use std::collections::BTreeMap;

/// The front matter and the byte offset where the page body starts.
pub fn split(source: &str, sink: &mut Sink) -> (BTreeMap<CompactString, CompactString>, usize) {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    if !body.starts_with("---") || !body[3..].starts_with(['\n', '\r']) {
        return (BTreeMap::new(), 0);
    }
    // Each pair goes straight into the map once its continuation lines are read: a key inserted again replaces
    // its value, so a repeated key keeps its last value. With the half dozen keys of a page this measured a little
    // cheaper than a vector of the pairs made a map at the end (`from_iter` sorts the pairs, moving them around).
    let mut fields = BTreeMap::new();
    // The pair read last: continuation lines still add to its value.
    let mut last: Option<(&str, CompactString)> = None;
    // Every page has front matter, so its lines are read as bytes: one `memchr` per line for its end, and a key
    // read from the line's start without a search for `:`, trims or a second look at its bytes.
    let bytes = source.as_bytes();
    let open_end = bom + 3;
    let mut line_start = open_end;
    while line_start < source.len() {
        let newline = memchr::memchr(b'\n', &bytes[line_start..]).map_or(source.len(), |at| line_start + at);
        let line_end = (newline + 1).min(source.len());
        let start = line_start;
        line_start = line_end;
        // The usual line: an ASCII key from the line's start, right before its `:`. Such a line is none of a
        // closing `---`, a comment or a continuation, and its key is trimmed and a key already.
        let key_len = bytes[start..newline].iter().take_while(|&&byte| KEY_BYTES[usize::from(byte)]).count();
        if key_len > 0 && bytes.get(start + key_len) == Some(&b':') {
            let value = unquote(trim(&source[start + key_len + 1..newline]));
            store(&mut fields, last.replace((&source[start..start + key_len], value.into())));
            continue;
        }
        let text = trim_end(&source[start..line_end]);
        if start == open_end && text.is_empty() {
            continue; // the line break after the opening `---`
        }
        let trimmed = trim_start(text);
        if trimmed == "---" {
            store(&mut fields, last);
            return (fields, line_end);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = text.starts_with([' ', '\t']);
        let pair = match memchr::memchr(b':', text.as_bytes()) {
            Some(colon) if !indented => Some((trim(&text[..colon]), &text[colon + 1..])),
            _ => None,
        };
        match pair {
            Some((key, value)) if is_key(key) => store(&mut fields, last.replace((key, unquote(trim(value)).into()))),
            _ => match last.as_mut().map(|(_, value)| value) {
                // A continuation line or a list item: append it to the previous key.
                Some(entry) => {
                    let item = trim(trimmed.trim_start_matches("- "));
                    if !entry.is_empty() {
                        entry.push(if trimmed.starts_with('-') { ',' } else { ' ' });
                    }
                    entry.push_str(unquote(item));
                }
                None => {
                    sink.report(Code::FrontMatterMalformed, start, format!("expected `key: value`, found `{trimmed}`"))
                }
            },
        }
    }
    sink.report(
        Code::FrontMatterMalformed,
        bom,
        "the front matter is never closed with `---`; the page is read without it",
    );
    (BTreeMap::new(), 0)
}

/// Puts a pair into the map once no continuation line can add to its value any more. A key inserted again
/// replaces its value, so a repeated key keeps its last value.
fn store(fields: &mut BTreeMap<CompactString, CompactString>, pair: Option<(&str, CompactString)>) {
    if let Some((key, value)) = pair {
        fields.insert(key.into(), value);
    }
}

/// The ASCII bytes a key is made of, as [`is_key`] reads them: letters, digits and `_-.@`.
static KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'@');
        byte += 1;
    }
    table
};

/// Whether `key` (trimmed) names a field: letters, digits and `_-.@`.
fn is_key(key: &str) -> bool {
    // Keys are ASCII: the characters of other scripts need looking at only when some byte is not a key byte.
    !key.is_empty()
        && (key.as_bytes().iter().all(|&byte| KEY_BYTES[usize::from(byte)])
            || key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@')))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|rest| rest.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

#[cfg(test)]
#[path = "front_matter_tests.rs"]
mod tests;
