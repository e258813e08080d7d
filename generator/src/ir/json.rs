//! JSON bodies kept as checked JSON text, parsed into a `serde_json::Value` only when a consumer asks.
//!
//! A page's example bodies are most of the IR's weight: as `Value` trees they took about a third of the memory of
//! a parsed corpus and a large share of the parse. Most consumers (`graphdoc ir`, statistics, the corpus report)
//! never look inside them, and the ones that do (the resolver) read each a few times at most.

use crate::json_visit::Skip;
use serde::de::Deserializer;
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
    /// Whether `text` is the body as the page writes it (not repaired, nor rebuilt from a value): then places in
    /// it are places in the page. Not part of the value, nor of the IR's JSON form.
    verbatim: bool,
}

/// One step of a path into a JSON value: a member, by key, or an array item, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl Json {
    /// `text` if it is strict JSON: exactly what `serde_json::from_str::<Value>` accepts.
    pub fn parse(text: &str) -> Option<Json> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        Skip::deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        Some(Json { text: text.into(), verbatim: true })
    }

    /// The JSON text of `value`.
    pub fn from_value(value: &Value) -> Json {
        // The same text as `value.to_string()`, written straight into a buffer rather than through a formatter.
        // Writing a `Value` cannot fail: its keys are strings.
        let text = serde_json::to_string(value).unwrap_or_else(|_| value.to_string());
        Json { text: text.into(), verbatim: false }
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

    /// The byte offset in [`Json::text`] of what `path` leads to, so that a diagnostic can point at it: the key
    /// of its last member (where serde_json's spelling of the key is found before the value, else the value), or
    /// its last item; the whole value for an empty path. None when the path leads nowhere, or when the text is not
    /// the one the page writes (a repaired body): places in it would be no place in the page.
    pub fn offset_of(&self, path: &[Step]) -> Option<usize> {
        use serde_json::value::RawValue;
        use std::collections::HashMap;
        if !self.verbatim {
            return None;
        }
        let text: &str = &self.text;
        // Raw values borrow from `text`: where one starts is where its slice starts.
        let offset = |raw: &RawValue| (raw.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize);
        let mut current: &RawValue = serde_json::from_str(text).ok()?;
        let mut found = offset(current)?;
        for step in path {
            let start = offset(current)?;
            match *step {
                Step::Key(key) => {
                    let members: HashMap<String, &RawValue> = serde_json::from_str(current.get()).ok()?;
                    let value = *members.get(key)?;
                    let value_at = offset(value)?;
                    let spelled = serde_json::to_string(key).ok()?;
                    found = text.get(start..value_at)?.rfind(&spelled).map_or(value_at, |at| start + at);
                    current = value;
                }
                Step::Index(index) => {
                    let items: Vec<&RawValue> = serde_json::from_str(current.get()).ok()?;
                    current = items.get(index)?;
                    found = offset(current)?;
                }
            }
        }
        Some(found)
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
    fn text_of_a_value_is_its_display() {
        let values = [
            serde_json::json!({ "b": 1, "a": [true, null, -2.5e-7, 1e300, 18446744073709551615u64], "c": {} }),
            serde_json::json!("tab\t quote\" é \u{1} \u{2028}"),
            serde_json::json!([[], {}, [{ "x": "y" }]]),
        ];
        for value in &values {
            assert_eq!(Json::from_value(value).text(), value.to_string());
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
