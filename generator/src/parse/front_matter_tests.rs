use super::*;
use crate::diagnostics::{Diagnostic, LineIndex};
use proptest::prelude::*;

fn parse(source: &str) -> (BTreeMap<CompactString, CompactString>, usize, usize) {
    let (fields, body, diagnostics) = with_diagnostics(source, split);
    (fields, body, diagnostics.len())
}

type Split = fn(&str, &mut Sink) -> (BTreeMap<CompactString, CompactString>, usize);

fn with_diagnostics(source: &str, split: Split) -> (BTreeMap<CompactString, CompactString>, usize, Vec<Diagnostic>) {
    let index = LineIndex::new(source);
    let mut diagnostics = Vec::new();
    let (fields, body) = split(source, &mut Sink::new("page.md", &index, &mut diagnostics));
    (fields, body, diagnostics)
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

/// The reading by characters that [`split`] replaced: `split` must agree with it on every text.
fn by_characters(source: &str, sink: &mut Sink) -> (BTreeMap<CompactString, CompactString>, usize) {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    let Some(after_open) = body.strip_prefix("---").filter(|rest| rest.starts_with(['\n', '\r'])) else {
        return (BTreeMap::new(), 0);
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = bom + 3;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let text = line.trim_end();
        if offset == bom + 3 + line.len() && text.is_empty() {
            continue;
        }
        let trimmed = text.trim_start();
        if trimmed == "---" {
            return (fields.into_iter().map(|(key, value)| (key.into(), value.into())).collect(), offset);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = text.starts_with([' ', '\t']);
        let is_key = |key: &str| {
            let key = key.trim();
            !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'))
        };
        match text.split_once(':') {
            Some((key, value)) if !indented && is_key(key) => {
                fields.push((key.trim().to_owned(), unquote(value.trim()).to_owned()));
            }
            _ => match fields.last_mut().map(|(_, value)| value) {
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

fn agrees_with_the_reading_by_characters(source: &str) {
    assert_eq!(with_diagnostics(source, split), with_diagnostics(source, by_characters), "{source:?}");
}

#[test]
fn agrees_with_the_reading_by_characters_on_odd_whitespace_and_keys() {
    for source in [
        "---\ntitle: \"Create\"\r\ndescription: 'x: y'  \r\n---\r\nbody",
        "\u{feff}---\r\nkey:\u{a0}value\u{a0}\n\u{a0}---\n",
        "---\n\u{b}key\u{b}: v\u{b}\n---\n",
        "---\nclé: valeur\n名前: 値\nkéy : v\n---\n",
        "---\nms.prod:x\nA_@0:\n---: y\n:z\nkey:\n---\n",
        "---\n\u{3000}indented: x\n\tkey: y\n - - item\n---",
        "---\rtitle: x\n---\n",
        "---\n: no key\nkey value\n# comment\n\n---\n",
        "--- \ntitle: x\n---\n",
        "---\ntitle: x",
        "---\n",
        "",
    ] {
        agrees_with_the_reading_by_characters(source);
    }
}

proptest! {
    #[test]
    fn agrees_with_the_reading_by_characters_on_any_lines(
        lines in prop::collection::vec("[ \t\u{b}\u{a0}\u{3000}]{0,2}[-#a-zA_.@0é:'\" \u{a0}\r]{0,8}", 0..8),
        closed: bool,
    ) {
        let mut source = String::from("---\n");
        for line in &lines {
            source.push_str(line);
            source.push('\n');
        }
        if closed {
            source.push_str("---\nbody");
        }
        agrees_with_the_reading_by_characters(&source);
    }
}
