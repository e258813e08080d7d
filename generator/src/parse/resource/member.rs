//! A member of a resource's JSON representation: what both readers of it give (the strict one,
//! [`super::strict`], and the lenient one with its salvage, [`super::representation`]).

use super::types::Declared;
use std::borrow::Cow;

/// One top-level member of the representation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'t> {
    /// Borrowed from the block's text when it is there unescaped.
    pub name: Cow<'t, str>,
    /// None when the value declares nothing (`null`) or could not be read.
    pub declared: Option<Declared>,
    /// Byte offset of the member's key in the block text when salvaged; None when read as JSON, where it is found
    /// only if a diagnostic needs it (see [`Member::key_offset`]).
    pub offset: Option<usize>,
}

impl Member<'_> {
    /// Byte offset of the member's key in `text`, the block text it was read from: for a member read as JSON,
    /// where `"name"` first occurs (else 0). Only diagnostics need it, and few members have one, so it is searched
    /// for then rather than for every member.
    pub fn key_offset(&self, text: &str) -> usize {
        self.offset.unwrap_or_else(|| text.find(&format!("\"{}\"", self.name)).unwrap_or(0))
    }
}
