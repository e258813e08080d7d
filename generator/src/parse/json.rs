//! Bodies: strict JSON first, then a lenient reading (trailing commas, comments, `...`), else raw text.

use crate::diagnostics::{Code, Sink};
use crate::ir::Body;
use serde_json::Value;

/// One repair made to read a text as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Byte offset in the text where the repair was made.
    pub offset: usize,
    /// What was repaired, e.g. "trailing comma".
    pub what: &'static str,
}

/// Reads `text` as JSON, repairing what can be repaired. Strict JSON gives no repairs.
pub fn parse_lenient(text: &str) -> Result<(Value, Vec<Repair>), String> {
    serde_json::from_str(text).map(|value| (value, Vec::new())).map_err(|error| error.to_string())
}

/// Reads a body that starts at byte `offset` of the file. Empty text gives None.
pub fn parse_body(text: &str, offset: usize, sink: &mut Sink) -> Option<Body> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    match parse_lenient(trimmed) {
        Ok((value, repairs)) => {
            for repair in repairs {
                sink.report(Code::BodyJsonRepaired, offset + repair.offset, format!("read leniently: {}", repair.what));
            }
            Some(Body::Json(value))
        }
        Err(_) => Some(Body::Raw(text.to_owned())),
    }
}
