//! A strict JSON representation read straight into its members and their declared types, without building a
//! `serde_json::Value` of the whole block: only the first telling item of an array and the `@odata.type` of an
//! object are looked at ([`super::types::from_json`]'s rules), the rest is checked and skipped.
//!
//! The reading follows the value the strict reader would build: it gives up where that one fails (the lenient
//! reader then takes over), a repeated key keeps its first place and its last value, and values are read with the
//! same calls to serde_json (`deserialize_any` everywhere), so the same texts are accepted.

use super::member::Member;
use super::types::{from_json_string, Declared, Strength};
use crate::json_visit::{Skip, Str};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The top-level members of `text` (its `@` keys left out) with the types their values declare, as
/// [`super::types::from_json`] would give them for the strictly read value; None when `text` is not strict JSON.
pub(super) fn members(text: &str) -> Option<Vec<Member<'_>>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // A pretty-printed representation has a member a line, give or take nested values: sized for that, the
    // members are not copied as the vector grows.
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let members = deserializer.deserialize_any(Top { capacity: lines + 1 }).ok()?;
    deserializer.end().ok()?;
    Some(members)
}

/// The members of an object (a few pages show the resource inside an array: its first item, if an object).
struct Top {
    /// How many members to make room for.
    capacity: usize,
}

impl<'de> Visitor<'de> for Top {
    type Value = Vec<Member<'de>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members: Vec<Member<'de>> = Vec::with_capacity(self.capacity);
        while let Some(Str(name)) = map.next_key()? {
            if name.starts_with('@') {
                map.next_value_seed(Skip)?;
                continue;
            }
            let declared = map.next_value_seed(DeclaredSeed)?;
            match members.iter_mut().find(|member| member.name == name) {
                Some(member) => member.declared = declared,
                // Borrowed from the text unless escaped: most names are copied into the IR once, later.
                None => members.push(Member { name, declared, offset: None }),
            }
        }
        Ok(members)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let members = seq.next_element_seed(FirstItem { capacity: self.capacity })?.flatten().unwrap_or_default();
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(members)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// The first item of a top-level array: its members when it is an object, else None.
struct FirstItem {
    /// How many members to make room for.
    capacity: usize,
}

impl<'de> DeserializeSeed<'de> for FirstItem {
    type Value = Option<Vec<Member<'de>>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FirstItem {
    type Value = Option<Vec<Member<'de>>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Top { capacity: self.capacity }.visit_map(map).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip.visit_seq(seq).map(|()| None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// What a value declares, as [`super::types::from_json`] says.
struct DeclaredSeed;

impl<'de> DeserializeSeed<'de> for DeclaredSeed {
    type Value = Option<Declared>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DeclaredSeed {
    type Value = Option<Declared>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Some(Declared::new("Boolean", Strength::Strong)))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Some(Declared::new("Int32", Strength::Loose)))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Some(Declared::new("Int32", Strength::Loose)))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Some(Declared::new("Double", Strength::Loose)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(from_json_string(value)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    /// The first item declaring something, as a collection.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while found.is_none() {
            match seq.next_element_seed(DeclaredSeed)? {
                Some(declared) => found = declared,
                None => break,
            }
        }
        while seq.next_element_seed(Skip)?.is_some() {}
        let mut declared = found.unwrap_or_else(|| Declared::new("", Strength::Loose));
        declared.collection = true;
        Ok(Some(declared))
    }

    /// The object's `@odata.type` (else `@type`), when a string; the last one when a key is repeated.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // For each key, None when absent, Some(None) when its value is not a string.
        let (mut odata_type, mut at_type) = (None, None);
        while let Some(Str(key)) = map.next_key()? {
            match &*key {
                "@odata.type" => odata_type = Some(map.next_value_seed(OptionalStr)?),
                "@type" => at_type = Some(map.next_value_seed(OptionalStr)?),
                _ => map.next_value_seed(Skip)?,
            }
        }
        Ok(Some(match odata_type.or(at_type).flatten() {
            Some(name) => from_json_string(&name),
            None => Declared::new("", Strength::Loose),
        }))
    }
}

/// Any value: the string when it is one, else None (the value checked and skipped).
struct OptionalStr;

impl<'de> DeserializeSeed<'de> for OptionalStr {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OptionalStr {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(value.to_owned())))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip.visit_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Skip.visit_map(map).map(|()| None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::json;
    use crate::parse::resource::types::from_json;
    use serde_json::Value;

    /// The members as read from the strictly built value.
    fn from_value(text: &str) -> Vec<(Cow<'static, str>, Option<Declared>)> {
        let object = match json::from_str(text).expect("strict JSON") {
            Value::Object(map) => map,
            Value::Array(items) => match items.into_iter().next() {
                Some(Value::Object(map)) => map,
                _ => serde_json::Map::new(),
            },
            _ => serde_json::Map::new(),
        };
        object
            .iter()
            .filter(|(name, _)| !name.starts_with('@'))
            .map(|(k, v)| (k.clone().into(), from_json(v)))
            .collect()
    }

    #[test]
    fn members_are_those_of_the_strict_value() {
        for text in [
            r##"{"a": "String", "b": true, "c": 1, "d": -2, "e": 1.5, "f": null, "g": "x | y", "@odata.type": "#m.x"}"##,
            r#"{"a": [], "b": [null, "Int64"], "c": [[1]], "d": [{"@odata.type": "microsoft.graph.y"}, 7]}"#,
            r#"{"a": {}, "b": {"@type": "microsoft.graph.t"}, "c": {"@odata.type": 1, "@type": "microsoft.graph.t"}}"#,
            r#"{"a": {"@type": "microsoft.graph.t", "@odata.type": "microsoft.graph.u", "x": [1, {"y": null}]}}"#,
            r#"{"a": {"@odata.type": "microsoft.graph.u", "@odata.type": "microsoft.graph.v"}}"#,
            r#"{"a": "String", "b": "Int32", "a": true, "c\u0041": "String (timestamp)"}"#,
            r#"[{"a": "String"}, 1, [2]]"#,
            r#"[1, {"a": "String"}]"#,
            "[]",
            "\"x\"",
            "12",
            "{}",
        ] {
            let read = members(text).map(|members| {
                members.into_iter().map(|member| (member.name.into_owned().into(), member.declared)).collect()
            });
            assert_eq!(read, Some(from_value(text)), "{text}");
        }
    }

    #[test]
    fn fails_where_the_strict_reading_fails() {
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(200), "]".repeat(200));
        for text in [
            r#"{"a": "String",}"#,
            r#"{"a": 1e400}"#,
            r#"{"a": {"b": 1e400}}"#,
            r#"{"a": "String"} x"#,
            r#"{"a": "String" // note
            }"#,
            r#"{"a": "\q"}"#,
            deep.as_str(),
        ] {
            assert!(json::from_str(text).is_err(), "{text}");
            assert_eq!(members(text), None, "{text}");
        }
    }
}
