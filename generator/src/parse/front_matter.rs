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
    // The pairs in the order written, made a map once at the end: a few `BTreeMap` inserts cost more than a
    // sort of a dozen pairs. A repeated key keeps its last value, as inserts would give. Room for the usual
    // dozen up front, rather than growing four times.
    let mut fields: Vec<(CompactString, CompactString)> = Vec::with_capacity(16);
    // Every page has front matter, so its lines are read as bytes: one `memchr` per line for its end, trims that
    // look at ASCII whitespace first, and no search for `:` past it.
    let bytes = source.as_bytes();
    let open_end = bom + 3;
    let mut line_start = open_end;
    while line_start < source.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(source.len(), |at| line_start + at + 1);
        let text = trim_end(&source[line_start..line_end]);
        let start = line_start;
        line_start = line_end;
        if start == open_end && text.is_empty() {
            continue; // the line break after the opening `---`
        }
        let trimmed = trim_start(text);
        if trimmed == "---" {
            return (fields.into_iter().collect(), line_end);
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
            Some((key, value)) if is_key(key) => fields.push((key.into(), unquote(trim(value)).into())),
            // The value continuation lines add to is the last one read: in the map, that key's value is this one.
            _ => match fields.last_mut().map(|(_, value)| value) {
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

/// Whether `key` (trimmed) names a field: letters, digits and `_-.@`.
fn is_key(key: &str) -> bool {
    let ascii_key = |byte: &u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'@');
    // Keys are ASCII: the characters of other scripts need looking at only when some byte is not a key byte.
    !key.is_empty()
        && (key.as_bytes().iter().all(ascii_key)
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
