//! Path templates from the "HTTP request" section.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A parsed path template such as `/me/drive/root:/{item-path}:/workbook/createSession`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    pub segments: Vec<Segment>,
    pub query: Option<CompactString>,
}

/// A piece of literal text or a `{param}` placeholder inside a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    Literal(CompactString),
    /// `{name}`; `{a | b}` gives several alternative names.
    Param(Vec<CompactString>),
}

/// One `/`-separated segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    /// `users`, `drive`.
    Literal { value: CompactString },
    /// `{id}`, `{a | b}`, `<x>` (alternative names).
    Param { names: Vec<CompactString> },
    /// `root:/{item-path}:`, `{parent-id}:/{filename}:` — an item addressed by path: `prefix` is what comes before
    /// the first colon, `path` the parts between `:/` and the closing `:` (a `/` inside the path is literal text).
    ItemPath { prefix: Vec<TemplatePart>, path: Vec<TemplatePart> },
    /// `items('{id}')`, `charts(<name>)`: `name(key)` with a single key (`items/{id}` is two segments instead).
    Key { name: CompactString, key: Vec<TemplatePart> },
    /// `range(address='{address}')`, `delta()`: a function with named parameters.
    Function { name: CompactString, params: Vec<(CompactString, Vec<TemplatePart>)> },
    /// `microsoft.graph.user`: a type cast (`graph.user` is normalised to the full name).
    Cast { type_name: CompactString },
    /// `$ref`, `$value`, `$count` (any `$word`).
    System { name: CompactString },
    /// Anything else, kept as text (mixed literal and params, e.g. `photos/{size}`-like oddities).
    Mixed { parts: Vec<TemplatePart> },
}

impl PathTemplate {
    /// The template followed by `?query` when it has one: what `parse_template` reads back to the same value.
    pub fn with_query(&self) -> String {
        match &self.query {
            Some(query) => format!("{self}?{query}"),
            None => self.to_string(),
        }
    }
}

impl fmt::Display for TemplatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplatePart::Literal(text) => f.write_str(text),
            TemplatePart::Param(names) => write_param(f, names),
        }
    }
}

/// `{a | b}`, written piece by piece (templates are written back for every path of the corpus).
fn write_param(f: &mut fmt::Formatter<'_>, names: &[CompactString]) -> fmt::Result {
    f.write_str("{")?;
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            f.write_str(" | ")?;
        }
        f.write_str(name)?;
    }
    f.write_str("}")
}

fn write_parts(f: &mut fmt::Formatter<'_>, parts: &[TemplatePart]) -> fmt::Result {
    parts.iter().try_for_each(|part| write!(f, "{part}"))
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Literal { value } => f.write_str(value),
            Segment::Param { names } => write_param(f, names),
            Segment::ItemPath { prefix, path } => {
                write_parts(f, prefix)?;
                f.write_str(":/")?;
                write_parts(f, path)?;
                f.write_str(":")
            }
            Segment::Key { name, key } => {
                write!(f, "{name}(")?;
                write_parts(f, key)?;
                f.write_str(")")
            }
            Segment::Function { name, params } => {
                write!(f, "{name}(")?;
                for (index, (param, value)) in params.iter().enumerate() {
                    if index > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{param}=")?;
                    write_parts(f, value)?;
                }
                f.write_str(")")
            }
            Segment::Cast { type_name } => f.write_str(type_name),
            Segment::System { name } => f.write_str(name),
            Segment::Mixed { parts } => write_parts(f, parts),
        }
    }
}

impl fmt::Display for PathTemplate {
    /// The template in the docs' own syntax, without the query string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for segment in &self.segments {
            // An item path segment already carries its `:/…:` and the following `/` belongs to the next segment.
            f.write_str("/")?;
            fmt::Display::fmt(segment, f)?;
        }
        Ok(())
    }
}
