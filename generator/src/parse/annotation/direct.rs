//! The quick reading of an annotation: strict JSON straight into an [`Annotation`], without building a
//! `serde_json::Value` for the whole comment, for the annotations that need no diagnostic (nearly all of them).
//!
//! Anything else makes it give up: text that is not strict JSON, a repeated key, an unknown key or `blockType`, a
//! value of an unexpected type. The comment is then read the thorough way ([`super::read_annotation`]: a `Value`,
//! repaired if need be, then checked), so what is reported never depends on this reading. When it does not give
//! up, it gives the annotation the thorough way would give.

use super::{block_type_value, kept_key, Annotation, KNOWN_BLOCK_TYPES};
use crate::json_visit::{Skip, Str};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The annotation `text` gives, or None when it needs the thorough reading.
pub(super) fn read(text: &str) -> Option<Annotation> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let annotation = deserializer.deserialize_map(AnnotationVisitor).ok()?;
    deserializer.end().ok()?;
    Some(annotation)
}

/// What a key of an annotation is: one pulled out into a field of [`Annotation`], or one kept in its map.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    BlockType,
    Name,
    Truncated,
    ODataType,
    AtType,
    IsCollection,
    IsEmpty,
    /// One of the other [`super::BOOLEAN_KEYS`].
    Boolean,
    /// One of the other [`super::KNOWN_KEYS`].
    Other,
}

/// The kind of a known key; None for an unknown one. One `match` rather than a search of the key lists (the
/// tests check that it agrees with them).
fn classify(key: &str) -> Option<Key> {
    Some(match key {
        "blockType" => Key::BlockType,
        "name" => Key::Name,
        "truncated" => Key::Truncated,
        "@odata.type" => Key::ODataType,
        "@type" => Key::AtType,
        "isCollection" => Key::IsCollection,
        "isEmpty" => Key::IsEmpty,
        "openType" | "abstract" | "isMediaEntity" | "expectError" | "idempotent" => Key::Boolean,
        "sampleKeys" | "scopes" | "tags" | "target" | "opaqueUrl" | "isComposable" | "optionalProperties"
        | "keyProperty" | "baseType" | "@odata.annotations" | "@type.aka" | "@property.aka" | "type"
        | "description" | "keywords" | "section" | "tocPath" | "tocBookmarks" | "tocIndex" | "suppressions"
        | "namespace" => Key::Other,
        _ => return None,
    })
}

/// Why the quick reading gave up; never shown (the thorough reading says what is wrong, if anything).
fn give_up<E: Error>() -> E {
    E::custom("needs the thorough reading")
}

struct AnnotationVisitor;

impl<'de> Visitor<'de> for AnnotationVisitor {
    type Value = Annotation;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an annotation object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Annotation, A::Error> {
        let mut annotation = Annotation::default();
        let mut at_type = None;
        // The pulled-out keys seen so far, one bit per `Key`, and the other keys, to notice a repeated one.
        let mut seen = 0u16;
        let mut others = Others::default();
        while let Some(Str(key)) = map.next_key()? {
            let kind = classify(&key).ok_or_else(give_up)?;
            if kind != Key::Boolean && kind != Key::Other {
                let bit = 1 << kind as u16;
                if seen & bit != 0 {
                    return Err(give_up());
                }
                seen |= bit;
            } else if !others.first_time(match key {
                Cow::Borrowed(key) => Some(key),
                Cow::Owned(_) => None,
            }) {
                return Err(give_up());
            }
            match kind {
                Key::BlockType => {
                    let Str(block_type) = map.next_value()?;
                    if !KNOWN_BLOCK_TYPES.iter().any(|known| known.eq_ignore_ascii_case(&block_type)) {
                        return Err(give_up());
                    }
                    annotation.block_type = Some(block_type_value(block_type));
                }
                Key::Name => annotation.names = map.next_value_seed(Names)?,
                Key::Truncated => annotation.truncated = map.next_value()?,
                Key::ODataType => annotation.odata_type = Some(map.next_value::<Str>()?.0.into_owned()),
                Key::AtType => at_type = Some(map.next_value::<Str>()?.0.into_owned()),
                Key::IsCollection => annotation.is_collection = map.next_value()?,
                Key::IsEmpty => annotation.is_empty = map.next_value()?,
                Key::Boolean => {
                    let value: bool = map.next_value()?;
                    if let Some(kept) = kept_key(&key) {
                        annotation.fields.insert(kept, Value::Bool(value));
                    }
                }
                // The value is read (and checked) whether or not it is kept.
                Key::Other => match kept_key(&key) {
                    Some(kept) => annotation.fields.insert(kept, map.next_value()?),
                    None => map.next_value_seed(Skip)?,
                },
            }
        }
        if annotation.odata_type.is_none() {
            annotation.odata_type = at_type;
        }
        Ok(annotation)
    }
}

/// The keys other than the pulled-out ones seen so far, to notice a repeated one without copying any.
#[derive(Default)]
struct Others<'de> {
    keys: [&'de str; Others::CAPACITY],
    len: usize,
}

impl<'de> Others<'de> {
    /// More than any annotation has (a resource's has about eight); more makes the quick reading give up.
    const CAPACITY: usize = 16;

    /// Notes `key`, given as borrowed from the text; false when it was seen before. A key with escapes (None: it
    /// has been copied) is too rare to be worth telling apart from the others: false too.
    fn first_time(&mut self, key: Option<&'de str>) -> bool {
        let Some(key) = key else { return false };
        if self.len == Self::CAPACITY || self.keys[..self.len].contains(&key) {
            return false;
        }
        self.keys[self.len] = key;
        self.len += 1;
        true
    }
}

/// The value of `name`: a string, or an array of strings. Anything else gives an error.
struct Names;

impl<'de> DeserializeSeed<'de> for Names {
    type Value = Vec<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Names {
    type Value = Vec<String>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string or an array of strings")
    }

    fn visit_str<E>(self, value: &str) -> Result<Vec<String>, E> {
        Ok(vec![value.to_owned()])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut names = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(name) = seq.next_element()? {
            names.push(name);
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{LineIndex, Sink};
    use crate::parse::annotation::{read_thoroughly, BOOLEAN_KEYS, KNOWN_KEYS};

    #[test]
    fn classify_agrees_with_the_key_lists() {
        for key in KNOWN_KEYS {
            let kind = classify(key).unwrap_or_else(|| panic!("{key} is known"));
            if BOOLEAN_KEYS.contains(key) {
                assert!(kind != Key::Other && kind != Key::ODataType, "{key} is a boolean");
            } else {
                assert!(kind != Key::Boolean, "{key} is not a boolean");
            }
        }
        for key in ["blocktype", "Name", "zzzz", "", "@odata", "type "] {
            assert!(classify(key).is_none(), "{key} is unknown");
        }
    }

    /// The annotation and the diagnostics the thorough reading gives.
    fn thoroughly(text: &str) -> (Option<Annotation>, usize) {
        let page = format!("<!--{text}-->\n");
        let index = LineIndex::new(&page);
        let mut diagnostics = Vec::new();
        let annotation = read_thoroughly(text, 4, &mut Sink::new("page.md", &index, &mut diagnostics));
        (annotation, diagnostics.len())
    }

    #[test]
    fn reads_as_the_thorough_reading_does() {
        for text in [
            r#" { "blockType": "request", "name": "get_user" } "#,
            r#"{"blockType": "Response", "truncated": true, "@odata.type": "microsoft.graph.user", "isCollection": false}"#,
            r#"{"blockType": "response", "@type": "x.y", "isEmpty": true, "name": ["a", "b\u0041"]}"#,
            r#"{"blockType": "response", "@type": "x.y", "@odata.type": "z"}"#,
            r#"{"blockType": "resource", "optionalProperties": ["a"], "keyProperty": "id", "baseType": null,
                "openType": true, "@odata.annotations": [{"property": "x", "capabilities": {"a": 1.5}}]}"#,
            r##"{ "type": "#page.annotation", "description": "d \"q\"", "keywords": "", "section": "documentation",
                 "tocPath": "", "suppressions": ["Error: x"] }"##,
            r#"{"blockType": "request", "name": []}"#,
            r#"{"block\u0054ype": "request", "tocPath": "x", "keywords": ""}"#,
            r#"{"blockType": "resource", "keyProperty": "id", "openType": false, "idempotent": true, "tags": [1, {}]}"#,
            "{}",
        ] {
            let (expected, diagnostics) = thoroughly(text);
            assert_eq!(diagnostics, 0, "{text}");
            assert_eq!(read(text), expected, "{text}");
            assert!(expected.is_some(), "{text}");
        }
    }

    #[test]
    fn keeps_only_the_keys_read_later() {
        let text = r#"{"blockType": "resource", "keyProperty": "id", "@odata.annotations": [], "openType": false,
                       "idempotent": true, "tags": "x"}"#;
        let annotation = read(text).expect("read");
        assert_eq!(annotation.fields.get("keyProperty"), Some(&Value::from("id")));
        assert_eq!(annotation.fields.get("openType"), Some(&Value::Bool(false)));
        for key in ["@odata.annotations", "idempotent", "tags", "blockType"] {
            assert!(!annotation.fields.contains_key(key), "{key}");
        }
        assert!(matches!(annotation.block_type, Some(Cow::Borrowed("resource"))), "not copied");
    }

    #[test]
    fn gives_up_where_the_thorough_reading_has_something_to_say() {
        for text in [
            r#"{"blockType": "reponse"}"#,
            r#"{"blockType": 1}"#,
            r#"{"blockType": "request", "zzzz": 1}"#,
            r#"{"blockType": "request", "truncated": "true"}"#,
            r#"{"blockType": "request", "openType": "true"}"#,
            r#"{"blockType": "request", "name": ["a", 1]}"#,
            r#"{"blockType": "request", "name": {}}"#,
            r#"{"blockType": "request", "blockType": "response"}"#,
            r#"{"tocPath": "a", "tocPath": "b"}"#,
            r#"{"openType": true, "openType": false}"#,
            r#"{"to\u0063Path": "a"}"#,
            r#"{"blockType": "request", "@odata.type": null}"#,
            r#"{"blockType": "request",}"#,
            r#"{"blockType": "request"} // note"#,
            r#"{"blockType": &quot;request&quot;}"#,
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
