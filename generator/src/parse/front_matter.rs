//! The YAML front matter between `---` lines: flat `key: value` pairs are all the docs use.

use crate::diagnostics::{Code, Sink};
use std::collections::BTreeMap;

/// The front matter and the byte offset where the page body starts.
pub fn split(source: &str, sink: &mut Sink) -> (BTreeMap<String, String>, usize) {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    let Some(after_open) = body.strip_prefix("---").filter(|rest| rest.starts_with(['\n', '\r'])) else {
        return (BTreeMap::new(), 0);
    };
    // The pairs in the order written, made a map once at the end: a few `BTreeMap` inserts cost more than a
    // sort of a dozen pairs. A repeated key keeps its last value, as inserts would give. Room for the usual
    // dozen up front, rather than growing four times.
    let mut fields: Vec<(String, String)> = Vec::with_capacity(16);
    let mut offset = bom + 3;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let text = line.trim_end();
        if offset == bom + 3 + line.len() && text.is_empty() {
            continue; // the line break after the opening `---`
        }
        let trimmed = text.trim_start();
        if trimmed == "---" {
            return (fields.into_iter().collect(), offset);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = text.starts_with([' ', '\t']);
        match text.split_once(':') {
            Some((key, value)) if !indented && is_key(key) => {
                fields.push((key.trim().to_owned(), unquote(value.trim()).to_owned()));
            }
            // The value continuation lines add to is the last one read: in the map, that key's value is this one.
            _ => match fields.last_mut().map(|(_, value)| value) {
                // A continuation line or a list item: append it to the previous key.
                Some(entry) => {
                    let item = trimmed.trim_start_matches("- ").trim();
                    if !entry.is_empty() {
                        entry.push(if trimmed.starts_with('-') { ',' } else { ' ' });
                    }
                    entry.push_str(unquote(item));
                }
                None => sink.report(
                    Code::FrontMatterMalformed,
                    offset - line.len(),
                    format!("expected `key: value`, found `{trimmed}`"),
                ),
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

fn is_key(key: &str) -> bool {
    let key = key.trim();
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'))
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
mod tests {
    use super::*;
    use crate::diagnostics::LineIndex;

    fn parse(source: &str) -> (BTreeMap<String, String>, usize, usize) {
        let index = LineIndex::new(source);
        let mut diagnostics = Vec::new();
        let (fields, body) = split(source, &mut Sink::new("page.md", &index, &mut diagnostics));
        (fields, body, diagnostics.len())
    }

    #[test]
    fn reads_quoted_and_plain_values() {
        let (fields, body, errors) = parse("---\ntitle: \"Create session\"\nms.prod: excel\n---\n# Create\n");
        assert_eq!(fields["title"], "Create session");
        assert_eq!(fields["ms.prod"], "excel");
        assert_eq!(&"---\ntitle: \"Create session\"\nms.prod: excel\n---\n# Create\n"[body..], "# Create\n");
        assert_eq!(errors, 0);
    }

    #[test]
    fn repeated_keys_keep_their_last_value_and_its_continuations() {
        let source = "---\nb: 1\na: first\nkeywords:\n  - x\n  - y\na: second\n  more\nb: 2\n---\nbody\n";
        let (fields, _, errors) = parse(source);
        assert_eq!(errors, 0);
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(key, value)| (key.as_str(), value.as_str())).collect();
        assert_eq!(pairs, [("a", "second more"), ("b", "2"), ("keywords", "x,y")]);
    }

    #[test]
    fn unclosed_front_matter_is_reported_and_ignored() {
        let (fields, body, errors) = parse("---\ntitle: x\n# Heading\n");
        assert!(fields.is_empty());
        assert_eq!(body, 0);
        assert_eq!(errors, 1);
    }
}
