//! Reads Microsoft Graph API documentation pages into a typed IR.
//!
//! - [`parse`]: one page to its [`ir::Page`], never failing, reporting [`diagnostics`].
//! - [`tree`]: a whole docs folder, parsed in parallel with deterministic output.
//! - [`stats`]: conformance counts over a parsed tree.
//! - [`diff`]: the API changelog between two docs trees.

pub mod build_script;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod generate;
pub mod ir;
// Below both the IR (which checks JSON bodies with it) and the parser: neither imports the other for it.
mod json_visit;
pub mod lock;
pub mod output;
pub mod parse;
pub mod progress;
pub mod resolve;
/// The generated crate's typed values (the runtime crate's, as `runtime_values::values`): resolve checks documented
/// examples with the same reader.
pub mod runtime_values {
    pub use graphdoc_runtime::values;
}
pub mod stats;
pub mod tree;

pub use tree::DocsTree;

/// Every diagnostic about a parsed tree, sorted: the parser's and the resolver's (examples checked against the
/// types and paths they document). The one set `check` prints, `stats` and `typing` count and `gen` reports.
pub fn all_diagnostics(ir: &ir::Ir) -> Vec<diagnostics::Diagnostic> {
    let (_, mut diagnostics) = resolve::resolve(ir);
    diagnostics.extend(ir.diagnostics.iter().cloned());
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

/// The IR as the pretty JSON every front door writes (same bytes for the same input, a final newline).
pub fn ir_json(ir: &ir::Ir) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(ir).unwrap_or_default() + "\n"
}
