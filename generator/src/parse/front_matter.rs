//! The YAML front matter between `---` lines: flat `key: value` pairs are all the docs use.

use crate::diagnostics::{Code, Sink};
use std::collections::BTreeMap;

/// The front matter and the byte offset where the page body starts.
pub fn split(source: &str, sink: &mut Sink) -> (BTreeMap<String, String>, usize) {
    let mut fields = BTreeMap::new();
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    let Some(after_open) = body.strip_prefix("---").filter(|rest| rest.starts_with(['\n', '\r'])) else {
        return (fields, 0);
    };
    let mut offset = bom + 3;
    // The key that continuation lines add to; it is always in `fields`.
    let mut last_key: Option<&str> = None;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let text = line.trim_end();
        if offset == bom + 3 + line.len() && text.is_empty() {
            continue; // the line break after the opening `---`
        }
        let trimmed = text.trim_start();
        if trimmed == "---" {
            return (fields, offset);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = text.starts_with([' ', '\t']);
        match text.split_once(':') {
            Some((key, value)) if !indented && is_key(key) => {
                let key = key.trim();
                fields.insert(key.to_owned(), unquote(value.trim()).to_owned());
                last_key = Some(key);
            }
            _ => match last_key.and_then(|key| fields.get_mut(key)) {
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
    fn unclosed_front_matter_is_reported_and_ignored() {
        let (fields, body, errors) = parse("---\ntitle: x\n# Heading\n");
        assert!(fields.is_empty());
        assert_eq!(body, 0);
        assert_eq!(errors, 1);
    }
}
