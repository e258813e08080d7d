//! The one pipeline behind every front door: docs tree -> IR -> resolved API -> formatted files.

use crate::diagnostics::Diagnostic;
use crate::emit::{emit, EmitOptions, Files, FormatError, RuntimeDependency};
use crate::progress::{Progress, Quiet};
use crate::resolve::resolve;
use crate::DocsTree;
use serde::Serialize;

/// What a generation run produced.
#[derive(Debug, Clone)]
pub struct Generation {
    pub files: Files,
    /// The parser's and the resolver's diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// The cargo features (workload areas) the operations are compiled under.
    pub features: Vec<String>,
    /// The resolved API the files were written from (replay test names, their pages and lines).
    pub api: crate::resolve::Api,
}

/// Counts for the front doors to print.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    pub pages: usize,
    pub operations: usize,
    pub models: usize,
    pub examples: usize,
    pub diagnostics: usize,
    /// Generated lines of the version files (models and builders), divided by the operations.
    pub lines_per_operation: f64,
}

/// Parses, resolves and emits a whole docs tree.
pub fn generate(tree: &DocsTree, options: &EmitOptions) -> Result<Generation, FormatError> {
    generate_reporting(tree, options, &Quiet)
}

/// [`generate`], reporting its stages to `progress`.
pub fn generate_reporting(
    tree: &DocsTree,
    options: &EmitOptions,
    progress: &dyn Progress,
) -> Result<Generation, FormatError> {
    let ir = tree.parse_reporting(progress);
    progress.stage("resolving names and types", None);
    let (api, resolver_diagnostics) = resolve(&ir);
    progress.stage("writing and formatting Rust", None);
    let files = emit(&api, options)?;
    let features = api.features();
    let mut diagnostics = ir.diagnostics;
    diagnostics.extend(resolver_diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let operations: usize = api.versions.iter().map(|version| version.operations.len()).sum();
    let version_lines: usize = api
        .versions
        .iter()
        .filter_map(|version| files.get(&format!("src/{}.rs", version.module)))
        .map(|text| text.lines().count())
        .sum();
    let summary = Summary {
        pages: ir.pages.len(),
        operations,
        models: api.versions.iter().map(|version| version.models.len()).sum(),
        examples: api
            .versions
            .iter()
            .flat_map(|version| &version.operations)
            .map(|operation| operation.examples.len())
            .sum(),
        diagnostics: diagnostics.len(),
        lines_per_operation: version_lines as f64 / operations.max(1) as f64,
    };
    Ok(Generation { files, diagnostics, summary, features, api })
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pages, {} operations, {} models, {} examples, {} diagnostics, {:.1} generated lines per operation",
            self.pages, self.operations, self.models, self.examples, self.diagnostics, self.lines_per_operation
        )
    }
}

/// Generates a complete crate named `name` (its `Cargo.toml` and `README.md` included) from a docs tree.
/// It depends on the runtime crate as `runtime` says.
pub fn generate_crate(
    tree: &DocsTree,
    name: &str,
    regenerate: &str,
    runtime: &RuntimeDependency,
) -> Result<Generation, FormatError> {
    generate_crate_reporting(tree, name, regenerate, runtime, &Quiet)
}

/// [`generate_crate`], reporting its stages to `progress`.
pub fn generate_crate_reporting(
    tree: &DocsTree,
    name: &str,
    regenerate: &str,
    runtime: &RuntimeDependency,
    progress: &dyn Progress,
) -> Result<Generation, FormatError> {
    let options = EmitOptions {
        crate_path: name.replace('-', "_"),
        regenerate: regenerate.to_owned(),
        feature_gates: true,
        package: Some(name.to_owned()),
    };
    let mut generation = generate_reporting(tree, &options, progress)?;
    generation
        .files
        .insert("Cargo.toml".into(), crate::emit::cargo_toml(name, regenerate, &generation.features, runtime));
    Ok(generation)
}

/// Where `generated/` finds the runtime crate: `runtime/` beside it in this repository.
pub fn xtask_runtime() -> RuntimeDependency {
    RuntimeDependency::Path("../runtime".into())
}

/// How `cargo xtask gen` regenerates `generated/` from `spec/`, written into every generated file.
pub const XTASK_REGENERATE: &str = "run `cargo xtask gen` to regenerate from spec/";
