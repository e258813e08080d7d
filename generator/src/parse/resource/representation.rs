//! The JSON representation of a resource: its members in order, each with the type its value declares.
//!
//! The block is read with the shared lenient JSON reader. When even that fails, the top-level members are split
//! out one by one and each value is read on its own, so one broken line loses one property, not all of them.

use super::member::Member;
use super::strict;
use super::types::{from_json, from_json_string, Declared};
use crate::parse::json::parse_lenient;
use serde_json::Value;
use std::borrow::Cow;

/// What was read from a representation block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Representation<'t> {
    pub members: Vec<Member<'t>>,
    /// Why the block is not JSON even leniently, when it is not (the members were then salvaged one by one).
    pub error: Option<String>,
    /// How many repairs the lenient reader made.
    pub repairs: usize,
}

/// Reads the text of a representation block. Keys starting with `@` (the `@odata.type` marker, instance
/// annotations like `@microsoft.graph.downloadUrl`) are not properties and are skipped.
pub fn read(text: &str) -> Representation<'_> {
    let trimmed = text.trim();
    // Most representations are strict JSON: their members are read without building a `Value` of the block.
    if let Some(members) = strict::members(trimmed) {
        return Representation { members, error: None, repairs: 0 };
    }
    match parse_lenient(trimmed) {
        Ok((value, repairs)) => {
            let object = match value {
                Value::Object(map) => map,
                // A few pages show the resource inside an array.
                Value::Array(items) => match items.into_iter().next() {
                    Some(Value::Object(map)) => map,
                    _ => serde_json::Map::new(),
                },
                _ => serde_json::Map::new(),
            };
            let members = object
                .into_iter()
                .filter(|(name, _)| !name.starts_with('@'))
                .map(|(name, value)| Member { declared: from_json(&value), name: Cow::Owned(name), offset: None })
                .collect();
            Representation { members, error: None, repairs: repairs.len() }
        }
        Err(error) => Representation { members: salvage(text), error: Some(error), repairs: 0 },
    }
}

/// Splits the top-level object into `key: value` members, skipping comments, and reads each value alone.
fn salvage(text: &str) -> Vec<Member<'static>> {
    let mut members = Vec::new();
    let Some(open) = text.find('{') else { return members };
    let mut scanner = Scanner { text, position: open + 1 };
    loop {
        scanner.skip_blank(",");
        let Some(next) = scanner.peek() else { break };
        if next == '}' {
            break;
        }
        let offset = scanner.position;
        let key = scanner.key();
        let value = scanner.value();
        if let Some(name) = key.filter(|name| !name.is_empty() && !name.starts_with('@')) {
            members.push(Member { name: Cow::Owned(name), declared: read_value(&value), offset: Some(offset) });
        }
        if scanner.position == offset {
            // No progress: skip a character rather than loop forever on text we cannot read.
            scanner.bump();
        }
    }
    members
}

/// Reads one value's text: as JSON when it is, else by its shape.
fn read_value(text: &str) -> Option<Declared> {
    let trimmed = text.trim().trim_end_matches(',').trim();
    if let Ok((value, _)) = parse_lenient(trimmed) {
        return from_json(&value);
    }
    if let Some(inner) = trimmed.strip_prefix('[') {
        let inner = inner.trim_end().trim_end_matches(']');
        let mut declared = read_value(inner.split(',').next().unwrap_or(""))?;
        declared.collection = true;
        return Some(declared);
    }
    if trimmed.starts_with('{') {
        let at = trimmed.find("@odata.type").or_else(|| trimmed.find("@type"))?;
        let rest = trimmed.get(at..)?.split_once(':')?.1.trim_start().strip_prefix('"')?;
        return Some(from_json_string(rest.split('"').next().unwrap_or("")));
    }
    if let Some(rest) = trimmed.strip_prefix('"') {
        return Some(from_json_string(rest.split('"').next().unwrap_or("")));
    }
    None
}

struct Scanner<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.position..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) {
        self.position += self.peek().map_or(0, char::len_utf8);
    }

    /// Skips whitespace, comments and the characters in `also`.
    fn skip_blank(&mut self, also: &str) {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                self.position += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                self.position += rest.find("*/").map_or(rest.len(), |end| end + 2);
            } else if self.peek().is_some_and(|c| c.is_whitespace() || also.contains(c)) {
                self.bump();
            } else {
                return;
            }
        }
    }

    /// A quoted or bare key and the `:` after it; None when there is no `:` before the member ends.
    fn key(&mut self) -> Option<String> {
        let key = if self.peek() == Some('"') {
            self.bump();
            let rest = self.rest();
            let end = rest.find('"').unwrap_or(rest.len());
            let key = rest[..end].to_owned();
            self.position += (end + 1).min(rest.len());
            key
        } else {
            let rest = self.rest();
            let end = rest.find(|c: char| !(c.is_alphanumeric() || "_@.".contains(c))).unwrap_or(rest.len());
            self.position += end;
            rest[..end].to_owned()
        };
        self.skip_blank("");
        if self.peek() == Some(':') {
            self.bump();
            Some(key)
        } else {
            None
        }
    }

    /// The value's text, comments removed, up to the `,` or `}` that ends it at depth zero.
    fn value(&mut self) -> String {
        let mut value = String::new();
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            let rest = self.rest();
            if rest.starts_with("//") || rest.starts_with("/*") {
                self.skip_blank("");
                continue;
            }
            match c {
                '"' => {
                    // Copy the whole string, escapes included, so its commas and braces do not count.
                    let body = &rest[1..];
                    let mut end = body.len();
                    let mut escaped = false;
                    for (index, c) in body.char_indices() {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' || c == '\n' {
                            end = index + c.len_utf8();
                            break;
                        }
                    }
                    value.push_str(&rest[..1 + end]);
                    self.position += 1 + end;
                    continue;
                }
                '{' | '[' => depth += 1,
                '}' | ']' if depth == 0 => break,
                '}' | ']' => depth -= 1,
                ',' if depth == 0 => break,
                _ => {}
            }
            value.push(c);
            self.bump();
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(representation: &Representation) -> Vec<(String, String, bool)> {
        representation
            .members
            .iter()
            .map(|member| {
                let declared = member.declared.clone().expect("declared");
                (member.name.to_string(), declared.type_name.into_owned(), declared.collection)
            })
            .collect()
    }

    #[test]
    fn strict_json_keeps_order_and_skips_annotations() {
        let read = read("{\"b\": \"String (timestamp)\", \"@odata.type\": \"#x\", \"a\": [\"String\"]}");
        assert_eq!(read.error, None);
        assert_eq!(summary(&read), [("b".into(), "DateTimeOffset".into(), false), ("a".into(), "String".into(), true)]);
    }

    #[test]
    fn broken_json_is_salvaged_member_by_member() {
        let text = "{\n  \"x\": {\"@odata.type\": \"microsoft.graph.x\"},\n  /* relationships */\n  \"y\": [ {\"@odata.type\": \"microsoft.graph.y\"} ], // trailing note\n  \"z\": true,\n  \"bad\": [}],\n  \"w\": \"Int64\",\n}";
        let read = read(text);
        assert!(read.error.is_some());
        let names: Vec<_> = read.members.iter().map(|member| member.name.as_ref()).collect();
        assert_eq!(names, ["x", "y", "z", "bad", "w"]);
        assert_eq!(
            read.members[1].declared.as_ref().map(|d| (d.type_name.as_ref(), d.collection)),
            Some(("microsoft.graph.y", true))
        );
        assert_eq!(read.members[3].declared, None);
        assert_eq!(read.members[4].declared.as_ref().map(|d| d.type_name.as_ref()), Some("Int64"));
        let z = read.members[2].key_offset(text);
        assert_eq!(&text[z..z + 3], "\"z\"");
    }

    #[test]
    fn offsets_agree_with_find() {
        // Strict, lenient (a trailing comma) and salvaged (a broken value) readings: keys found where they are,
        // escaped ones where `find` finds their unescaped names (else at 0), as before.
        for text in [
            "{\"a\": {\"b\": 1}, \"b\": \"ab\", \"\\u00e9\": \"\", \"\": 2, \"c\": \"a\", \"x\\\"y\": 1}",
            "{\"a\": {\"b\": 1}, \"b\": \"ab\", \"c\": 2,}",
            "{\"a\": {\"b\": 1}, \"b\": [}], \"c\": 2}",
        ] {
            let read = read(text);
            assert!(read.members.len() >= 3, "{text}");
            for member in &read.members {
                let expected = match member.offset {
                    Some(offset) => offset,
                    None => text.find(&format!("\"{}\"", member.name)).unwrap_or(0),
                };
                assert_eq!(member.key_offset(text), expected, "{:?} in {text}", member.name);
                // A salvaged key's offset is its own place, not the first `"b"` (in the nested object).
                let key = format!("\"{}\"", member.name);
                assert!(member.offset.is_none_or(|offset| text[offset..].starts_with(&key)), "{key} in {text}");
            }
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["", "{", "{\"a\"", "{\"a\": \"unterminated", "{ : , }", "{\"é\": [\"ü\",", "}}}{{{"] {
            let _ = read(text);
        }
    }
}
