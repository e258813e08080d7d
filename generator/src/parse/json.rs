//! JSON in the docs: strict `serde_json` first, then a lenient reading that repairs what editors commonly get
//! wrong (comments, trailing or missing commas, `...` elisions, unquoted keys, odd whitespace), else raw text.
//! Annotations use the same reader with HTML entities and trailing text allowed too.

mod lenient;

use super::text::{trim_end, trim_start};
use crate::diagnostics::{Code, Sink};
use crate::ir::{Body, Json};
pub use lenient::{top_level_keys, Failure, Leniency};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;

/// One repair made to read a text as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Byte offset in the text where the repair was made.
    pub offset: usize,
    /// What was repaired, e.g. "trailing comma removed".
    pub what: &'static str,
}

/// Why a text could not be read as JSON even leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// serde_json's message for the strict reading, with its line and column in the text.
    pub strict: String,
    /// Byte offset in the text where serde_json stopped.
    pub strict_offset: usize,
    /// Where and why the lenient reading stopped.
    pub lenient: Failure,
}

/// The repairs example bodies may get.
pub const BODY: Leniency = Leniency { entities: false, trailing_text: false };
/// The repairs annotations may get: HTML entities and text after the closing `}` as well.
pub const ANNOTATION: Leniency = Leniency { entities: true, trailing_text: true };

/// Reads `text` as JSON, repairing what can be repaired. Strict JSON gives no repairs.
pub fn parse_lenient(text: &str) -> Result<(Value, Vec<Repair>), String> {
    parse_with(text, BODY).map_err(|error| {
        let (line, column) = line_col(text, error.lenient.offset);
        format!("{} at line {line} column {column}", error.lenient.message)
    })
}

/// Reads `text` as strict JSON, else leniently with the repairs `leniency` allows.
pub fn parse_with(text: &str, leniency: Leniency) -> Result<(Value, Vec<Repair>), Unreadable> {
    let strict = match from_str(text) {
        Ok(value) => return Ok((value, Vec::new())),
        Err(error) => error,
    };
    lenient::read(text, leniency).map_err(|lenient| Unreadable {
        strict: strict.to_string(),
        strict_offset: offset_of(text, strict.line(), strict.column()),
        lenient,
    })
}

/// Reads a body that starts at byte `offset` of the file. Empty text gives None.
///
/// Text that does not start like a JSON object or array (`<bytes>`, CSV, MIME) is kept raw without comment,
/// unless it is strict JSON anyway (a bare `$count` number); one that does but cannot be read is kept raw
/// with a [`Code::BodyNotJson`] note.
pub fn parse_body(text: &str, offset: usize, sink: &mut Sink) -> Option<Body> {
    let start = text.len() - trim_start(text).len();
    let trimmed = trim_end(&text[start..]);
    if trimmed.is_empty() {
        return None;
    }
    if !trimmed.starts_with(['{', '[']) {
        return Some(match Json::parse(trimmed) {
            Some(json) => Body::Json(json),
            None => Body::Raw(text.into()),
        });
    }
    // Most bodies are strict JSON: checked and kept as text, without building a value.
    if let Some(json) = Json::parse(trimmed) {
        return Some(Body::Json(json));
    }
    if is_placeholder(trimmed) {
        return Some(Body::Raw(text.into()));
    }
    // `Json::parse` has just found that it is not strict JSON: straight to the lenient reading.
    match lenient::read(trimmed, BODY) {
        Ok((value, repairs)) => {
            report_repairs(&repairs, offset + start, Code::BodyJsonRepaired, sink);
            Some(Body::Json(Json::from(value)))
        }
        Err(error) => {
            let (line, _) = line_col(trimmed, error.offset);
            sink.report(
                Code::BodyNotJson,
                offset + start + error.offset,
                format!("kept as raw text: not JSON even leniently: {} (line {line} of the body)", error.message),
            );
            Some(Body::Raw(text.into()))
        }
    }
}

/// `[Zip file containing a Teams app package]`, `{Raw bytes of the file}`: prose in brackets standing for a
/// body, not JSON: a word first, and no quote or colon anywhere.
fn is_placeholder(text: &str) -> bool {
    let inner = text.get(1..).unwrap_or("").trim_start();
    inner.starts_with(char::is_alphabetic) && !inner.contains(['"', '\'', ':'])
}

/// Reports `repairs` of a text starting at byte `base` of the file: one diagnostic per kind of repair, at its
/// first place, naming the lines of the others, so a body with fifty trailing commas gives one line of output.
pub fn report_repairs(repairs: &[Repair], base: usize, code: Code, sink: &mut Sink) {
    let mut kinds: Vec<&'static str> = Vec::new();
    for repair in repairs {
        if !kinds.contains(&repair.what) {
            kinds.push(repair.what);
        }
    }
    for what in kinds {
        let mut places = repairs.iter().filter(|repair| repair.what == what).map(|repair| base + repair.offset);
        let Some(first) = places.next() else { continue };
        let mut lines: Vec<u32> = places.map(|offset| sink.line_of(offset)).collect();
        lines.dedup();
        let mut message = format!("read leniently: {what}");
        if !lines.is_empty() {
            let shown: Vec<String> = lines.iter().take(8).map(u32::to_string).collect();
            let more = if lines.len() > 8 { format!(" and {} more", lines.len() - 8) } else { String::new() };
            message.push_str(&format!(" (also on line {}{more})", shown.join(", ")));
        }
        sink.report(code, first, message);
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// The byte offset of serde_json's 1-based `line` and `column` (counted in bytes) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map_or(text.len(), |(newline, _)| newline + 1)
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let mut within = column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(within) {
        within -= 1;
    }
    line_start + within
}

/// Reads strict JSON: the same value, or the same error, as `serde_json::from_str::<Value>`, built with less work.
///
/// serde_json grows each object's map (an `IndexMap`, with `preserve_order`) and each array one entry at a time,
/// rehashing and reallocating as they grow. Here the entries of the objects and arrays being read wait on two
/// stacks shared by the whole reading, and each object or array is built once, at its final size, when it closes.
/// Building a map by `collect` inserts the entries in order, as serde_json does, so a repeated key keeps its first
/// place and its last value, as there.
pub fn from_str(text: &str) -> serde_json::Result<Value> {
    // The stacks are kept from one reading to the next, on each thread: most texts are small (annotations), and
    // allocating stacks for each would cost as much as the maps they save.
    STACKS.with(|stacks| match stacks.try_borrow_mut() {
        Ok(mut stacks) => read_strict(text, &mut stacks),
        Err(_) => read_strict(text, &mut Stacks::default()),
    })
}

thread_local! {
    static STACKS: RefCell<Stacks> = RefCell::new(Stacks::default());
}

fn read_strict(text: &str, stacks: &mut Stacks) -> serde_json::Result<Value> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueSeed(stacks).deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    // A failed reading leaves the entries it had read; a huge text leaves large stacks, not worth keeping.
    stacks.entries.clear();
    stacks.items.clear();
    stacks.entries.shrink_to(Stacks::KEPT);
    stacks.items.shrink_to(Stacks::KEPT);
    value
}

/// The entries of the objects and arrays still open, innermost last.
#[derive(Default)]
struct Stacks {
    entries: Vec<(String, Value)>,
    items: Vec<Value>,
}

impl Stacks {
    /// The capacity kept between readings.
    const KEPT: usize = 1024;
}

/// Reads one value, using (and leaving as it found them) the stacks.
struct ValueSeed<'s>(&'s mut Stacks);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

// The same values as serde_json's own visitor for `Value` (`value/de.rs`), but for how arrays and objects are built.
impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let start = self.0.items.len();
        while let Some(item) = seq.next_element_seed(ValueSeed(self.0))? {
            self.0.items.push(item);
        }
        Ok(Value::Array(self.0.items.drain(start..).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let start = self.0.entries.len();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(ValueSeed(self.0))?;
            self.0.entries.push((key, value));
        }
        Ok(Value::Object(self.0.entries.drain(start..).collect::<Map<String, Value>>()))
    }
}

#[cfg(test)]
mod tests;
