//! One API page to one operation: names, constructors per addressing alternative, headers, body, responses.

use super::addressing::constructors;
use super::bodies::body_type;
use super::examples::{resolve_example, Untested};
use super::model::{Operation, Version};
use super::names::{snake_case, upper_camel_case, Case, Namespace, RESERVED_METHODS};
use super::responses::responses;
use super::setters::{headers, query_setters};
use super::{report, report_rename};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{HttpPath, Page, Segment};

/// The names already given in a version: operation types, models and replay tests (tests of all versions share
/// one file).
#[derive(Debug)]
pub struct Names {
    /// Operation types; their modules are their snake case, so folded names that differ are distinct modules.
    pub operations: Namespace,
    /// The `models` module's types (enums and models took theirs first).
    pub types: Namespace,
    pub tests: Vec<String>,
    /// Request body types inferred from examples, to add to the version's models.
    pub inferred: Vec<super::model::Model>,
    /// Examples whose method or URL fits no template: (page, line).
    pub untested: Vec<(String, u32)>,
}

/// The operation of an API page, or None (with a note) when the page has no path to call.
pub fn operation(
    page: &Page,
    version: &Version,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Operation> {
    let Some(documented) = page.operations.first().filter(|operation| !operation.paths.is_empty()) else {
        report(
            diagnostics,
            Code::OperationSkipped,
            &page.path,
            1,
            "no `METHOD /path` to generate a builder from".into(),
        );
        return None;
    };
    let method = documented.paths[0].method.to_string();
    let paths: Vec<&HttpPath> = documented.paths.iter().filter(|path| path.method == method).collect();
    let wanted = type_name(page, paths[0]);
    let claimed = names.operations.claim(&wanted);
    report_rename(diagnostics, &claimed, "operation", &wanted, page, "http-request");
    let type_name = claimed.name;
    // Unique and unreserved folded, as its type is; a keyword (`type`) is written raw.
    let module = super::names::identifier(&snake_case(&type_name));
    let mut methods = Namespace::new(Case::Snake).reserving(RESERVED_METHODS);
    let mut operation = Operation {
        module,
        type_name,
        title: page.title.as_deref().unwrap_or_default().to_owned(),
        description: page.description.as_deref().unwrap_or_default().to_owned(),
        method,
        constructors: constructors(&paths, &mut methods, page, diagnostics),
        query_parameters: Vec::new(),
        headers: headers(documented, &mut methods, page, diagnostics),
        body: None,
        body_source: None,
        responses: Vec::new(),
        retry_statuses: documented
            .error_handling
            .iter()
            .flat_map(|handling| &handling.statuses)
            .copied()
            .filter(|&status| status == 429 || status >= 500)
            .collect(),
        permissions: documented.permissions.clone(),
        path_permissions: Vec::new(),
        examples: Vec::new(),
        page: page.path.to_string(),
        feature: feature_of(page, diagnostics),
    };
    operation.path_permissions = super::path_permissions::per_constructor(documented, &operation.constructors);
    operation.query_parameters = query_setters(documented, &mut methods, page, diagnostics);
    if let Some((ty, source, built)) = body_type(page, documented, &operation, version, &mut names.types, diagnostics) {
        (operation.body, operation.body_source) = (Some(ty), Some(source));
        names.inferred.extend(built);
    }
    operation.responses = responses(page, documented, version, diagnostics);
    Some(operation)
}

/// Binds the page's examples to `operation`, once every model of the version (body structs included) is known.
pub fn resolve_examples(
    page: &Page,
    operation: &mut Operation,
    version: &Version,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(documented) = page.operations.first() else { return };
    for example in &documented.examples {
        match resolve_example(page, example, operation, version, &mut names.tests, diagnostics) {
            Ok(resolved) => operation.examples.push(resolved),
            Err(Untested::NoTemplate) => names.untested.push((page.path.to_string(), example.request.line)),
            Err(Untested::OtherHost) => {}
        }
    }
}

/// `WorkbookCreateSession` from the file stem `workbook-createsession` and the path's last segment
/// `createSession`; the file stem alone when they don't line up. Never from the title, which is translated.
fn type_name(page: &Page, path: &HttpPath) -> String {
    let file = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let last = path.segments.iter().rev().find_map(|segment| match segment {
        Segment::Literal { value } => Some(value.as_str()),
        Segment::Function { name, .. } | Segment::Key { name, .. } => Some(name.as_str()),
        _ => None,
    });
    if let Some(last) = last.filter(|last| !last.is_empty() && last.chars().all(|c| c.is_ascii_alphanumeric())) {
        let squashed = stem.to_ascii_lowercase();
        if let Some(prefix) = squashed.strip_suffix(&last.to_ascii_lowercase()) {
            return format!("{}{}", upper_camel_case(prefix), upper_camel_case(last));
        }
    }
    upper_camel_case(stem)
}

/// Features a generated crate has whatever its areas, and the names of its dependencies (which cargo keeps
/// apart from features only in part): an area cannot take them.
const RESERVED_FEATURES: &[&str] =
    &["default", "full", "client", "tls", "http", "percent-encoding", "serde", "serde-json", "ureq", "tiny-http"];

/// The cargo feature of a page: its workload area (`ms.prod`, else `ms.subservice`) in lower case, with every
/// character but ASCII letters and digits written `-` (cargo takes those; TOML and `cfg` need no quoting). An
/// area that loses characters that way, or that is one of the crate's own features, is reported.
fn feature_of(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> String {
    let area = ["ms.prod", "ms.subservice"]
        .iter()
        .find_map(|key| page.front_matter.get(*key).filter(|value| !value.trim().is_empty()));
    let Some(area) = area.map(|area| area.trim()) else { return "other".to_owned() };
    let lower = area.to_ascii_lowercase();
    let name: String = lower.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let name = name.trim_matches('-').to_owned();
    let (feature, why) = if name.is_empty() {
        ("other".to_owned(), "has no ASCII letter or digit")
    } else if RESERVED_FEATURES.contains(&name.as_str()) {
        (format!("{name}-area"), "is one of the crate's own features")
    } else if name != lower.replace(' ', "-") {
        (name, "is no cargo feature name")
    } else {
        return name;
    };
    let message = format!("area `{}` {why}; named `{feature}`", area.escape_debug());
    report(diagnostics, Code::FeatureRenamed, &page.path, 1, message);
    feature
}
