//! Resolution: from the IR of a docs tree to the [`Api`] the emitter writes, with every Rust name, type and
//! example binding decided, and the docs' inconsistencies reported as diagnostics.

mod addressing;
mod bodies;
mod derived;
mod documented;
mod example_fields;
mod examples;
mod infer;
mod located;
pub mod model;
pub mod names;
mod operations;
mod path_permissions;
mod responses;
mod setters;
pub mod types;
pub mod values;

pub use model::*;
pub use path_permissions::PathPermissions;
pub(crate) use responses::is_page_shape;

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Ir, Page, PageKind};
use std::collections::BTreeMap;

/// Resolves every API and resource page of `ir`, grouped by API version.
pub fn resolve(ir: &Ir) -> (Api, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut by_version: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    let default = default_version(ir);
    for page in &ir.pages {
        if matches!(page.kind, PageKind::Api | PageKind::Resource | PageKind::Enum) {
            by_version.entry(folder_version(page).unwrap_or_else(|| default.clone())).or_default().push(page);
        }
    }
    let mut api = Api::default();
    let mut test_names = Vec::new();
    // Version modules sit next to `runtime` in the crate root; folders such as `v1.0` and `v1_0` fold together.
    let mut modules = names::Namespace::new(names::Case::Snake).reserving_folded(names::RESERVED_MODULES);
    for (name, pages) in by_version {
        let mut types = names::Namespace::new(names::Case::Camel)
            .reserving(names::RESERVED_TYPES)
            .reserving_folded(names::RESERVED_MODULES);
        let mut enums = types::enums(&pages, &mut types, &mut diagnostics);
        let models = types::models(&pages, &mut enums, &mut types, &mut diagnostics);
        let claimed = modules.claim(&names::snake_case(&name));
        report_rename(&mut diagnostics, &claimed, "API version", &name, pages[0], "");
        let mut version = Version {
            module: claimed.name,
            name,
            models,
            enums,
            unions: Vec::new(),
            operations: Vec::new(),
            untested: Vec::new(),
        };
        let mut names = operations::Names {
            // Operation modules sit next to `models` in the version's module.
            operations: names::Namespace::new(names::Case::Camel)
                .reserving(names::RESERVED_TYPES)
                .reserving_folded(names::RESERVED_MODULES),
            types,
            tests: std::mem::take(&mut test_names),
            inferred: Vec::new(),
            untested: Vec::new(),
        };
        let mut sources = Vec::new();
        for page in pages.iter().filter(|page| page.kind == PageKind::Api) {
            if let Some(operation) = operations::operation(page, &version, &mut names, &mut diagnostics) {
                version.operations.push(operation);
                sources.push(*page);
            }
        }
        version.models.append(&mut names.inferred);
        version.models.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        derived::apply(&mut version, &pages, &mut names.types, &mut diagnostics);
        example_fields::apply(&mut version, &sources, &mut diagnostics);
        // Examples are bound once every body struct is a model of the version, so that they are checked against it.
        let mut operations = std::mem::take(&mut version.operations);
        for (operation, page) in operations.iter_mut().zip(sources) {
            operations::resolve_examples(page, operation, &version, &mut names, &mut diagnostics);
        }
        version.operations = operations;
        test_names = names.tests;
        version.untested = names.untested;
        types::assign_features(&mut version);
        api.versions.push(version);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (api, diagnostics)
}

/// The API version a page's folder names (`api-reference/v1.0/api/x.md`), if any.
pub fn folder_version(page: &Page) -> Option<String> {
    page.path.split('/').find(|part| *part == "beta" || part.starts_with("v1")).map(str::to_owned)
}

/// The version of pages outside a version folder (a docs root that is itself `v1.0/`): the one most of the
/// tree's example requests call, else `v1.0`. One page's odd example URL must not put it in another version.
fn default_version(ir: &Ir) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for example in ir.pages.iter().flat_map(|page| &page.operations).flat_map(|operation| &operation.examples) {
        if let Some(version) = example.request.api_version.as_deref() {
            *counts.entry(version).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(version, count)| (count, std::cmp::Reverse(version)))
        .map_or_else(|| "v1.0".to_owned(), |(version, _)| version.to_owned())
}

/// Reports a rename of the docs name `original` (a `what`, e.g. "property") if `claimed` is one, at the line of
/// `page`'s section `section` (its first line when it has none).
pub(crate) fn report_rename(
    diagnostics: &mut Vec<Diagnostic>,
    claimed: &names::Claimed,
    what: &str,
    original: &str,
    page: &Page,
    section: &str,
) {
    let Some(message) = claimed.message(what, original) else { return };
    let code = match claimed.renamed {
        Some(names::Renamed::Reserved) => Code::NameReserved,
        _ => Code::NameCollision,
    };
    report(diagnostics, code, &page.path, section_line(page, section), message);
}

/// The line of `page`'s first section `id`, else 1.
pub(crate) fn section_line(page: &Page, id: &str) -> u32 {
    page.sections.iter().find(|section| section.id == id).map_or(1, |section| section.line)
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

#[cfg(test)]
mod typed_tests;
