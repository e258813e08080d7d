//! Resolution: from the IR of a docs tree to the [`Api`] the emitter writes, with every Rust name, type and
//! example binding decided, and the docs' inconsistencies reported as diagnostics.

mod examples;
pub mod model;
pub mod names;
mod operations;
pub mod types;

pub use model::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Ir, Page, PageKind};
use std::collections::BTreeMap;

/// Resolves every API and resource page of `ir`, grouped by API version.
pub fn resolve(ir: &Ir) -> (Api, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut by_version: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in &ir.pages {
        if matches!(page.kind, PageKind::Api | PageKind::Resource) {
            by_version.entry(version_of(page)).or_default().push(page);
        }
    }
    let mut api = Api::default();
    for (name, pages) in by_version {
        let models = types::models(&pages);
        let mut version = Version { module: names::snake_case(&name), name, models, operations: Vec::new() };
        let mut taken = Vec::new();
        for page in pages.iter().filter(|page| page.kind == PageKind::Api) {
            if let Some(operation) = operations::operation(page, &version, &mut taken, &mut diagnostics) {
                version.operations.push(operation);
            }
        }
        api.versions.push(version);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (api, diagnostics)
}

/// The API version of a page: the `v1.0`/`beta` folder it is in, else the version its examples call, else `v1.0`.
pub fn version_of(page: &Page) -> String {
    if let Some(folder) = page.path.split('/').find(|part| *part == "beta" || part.starts_with("v1")) {
        return folder.to_owned();
    }
    page.operations
        .iter()
        .flat_map(|operation| &operation.examples)
        .find_map(|example| example.request.api_version.clone())
        .unwrap_or_else(|| "v1.0".to_owned())
}

/// A diagnostic of the generation stage, located at a line of a page.
pub(crate) fn report(diagnostics: &mut Vec<Diagnostic>, code: Code, file: &str, line: u32, message: String) {
    diagnostics.push(Diagnostic {
        code,
        severity: code.severity(),
        file: file.to_owned(),
        line: line.max(1),
        col: 1,
        message,
    });
}
