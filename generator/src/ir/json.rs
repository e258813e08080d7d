//! JSON bodies kept as checked JSON text, parsed into a `serde_json::Value` only when a consumer asks.
//!
//! A page's example bodies are most of the IR's weight: as `Value` trees they took about a third of the memory of
//! a parsed corpus and a large share of the parse. Most consumers (`graphdoc ir`, statistics, the corpus report)
//! never look inside them, and the ones that do (the resolver) read each a few times at most.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// A JSON value, stored as JSON text that has been checked to read as JSON.
///
/// It serialises as the value itself (not as a string), so the IR's JSON form is the same as if it held a
/// `Value`; equality compares values, not spelling.
#[derive(Clone)]
pub struct Json {
    text: Box<str>,
}

impl Json {
    /// `text` if it is strict JSON: exactly what `serde_json::from_str::<Value>` accepts.
    pub fn parse(text: &str) -> Option<Json> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        Checked::deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        Some(Json { text: text.into() })
    }

    /// The JSON text of `value`.
    pub fn from_value(value: &Value) -> Json {
        Json { text: value.to_string().into() }
    }

    /// The value. The text was checked when it was stored, so this reads it without fail.
    pub fn value(&self) -> Value {
        // Null is unreachable in practice: `parse` accepted exactly what this reads.
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    /// The JSON text, as written in the docs (or compact when it was repaired or built from a value).
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl From<Value> for Json {
    fn from(value: Value) -> Self {
        Json::from_value(&value)
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text || self.value() == other.value()
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Json({})", self.text)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Json::from)
    }
}

/// Reads a value through `deserialize_any` all the way down, keeping nothing: the same checks as building a
/// `Value` (nesting limit, numbers in range, valid strings), without allocating one. (`serde::de::IgnoredAny`
/// takes serde_json's skipping path, which accepts some texts that a `Value` refuses.)
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Checked, A::Error> {
        while items.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Checked, A::Error> {
        while entries.next_key::<Checked>()?.is_some() {
            entries.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_serde_json_accepts_and_nothing_else() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let texts = [
            r#"{"a": [1, 2.5, -3e2, true, null, "x\u00e9\n"], "b": {}}"#.to_owned(),
            "\"just a string\"".to_owned(),
            "42".to_owned(),
            "1e400".to_owned(),
            "{\"a\": 1,}".to_owned(),
            "[1] trailing".to_owned(),
            "\"\\ud800\"".to_owned(),
            "{\"a\" 1}".to_owned(),
            nested(100),
            nested(200),
        ];
        for text in &texts {
            let by_serde = serde_json::from_str::<Value>(text).ok();
            let ours = Json::parse(text).map(|json| json.value());
            assert_eq!(ours, by_serde, "{text}");
        }
    }

    #[test]
    fn serialises_as_the_value_and_compares_by_value() {
        let json = Json::parse("{ \"b\": 1,\n  \"a\": [true] }").expect("valid");
        assert_eq!(serde_json::to_string(&json).unwrap(), r#"{"b":1,"a":[true]}"#);
        assert_eq!(json, Json::from(serde_json::json!({ "b": 1, "a": [true] })));
        assert_ne!(json, Json::from(serde_json::json!({ "a": [true], "b": 2 })));
        let back: Json = serde_json::from_str(r#"{"b":1,"a":[true]}"#).unwrap();
        assert_eq!(back, json);
    }
}
