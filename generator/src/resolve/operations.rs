//! One API page to one operation: names, constructors per addressing alternative, headers, body, responses.

use super::examples::{resolve_example, Untested};
use super::model::{
    Constructor, HeaderSetter, Operation, Piece, QuerySetter, ResponseBody, ResponseVariant, RustType, Version,
};
use super::names::{identifier, snake_case, unique, upper_camel_case};
use super::report;
use super::types::model_for_target;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, HttpPath, Page, Segment, TemplatePart};
use compact_str::CompactString;

/// The names already given in a version: operation types and replay tests (tests of all versions share one file).
#[derive(Debug, Default)]
pub struct Names {
    pub operations: Vec<String>,
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
    let type_name = unique(type_name(page, paths[0]), &mut names.operations);
    let mut operation = Operation {
        module: snake_case(&type_name),
        type_name,
        title: page.title.as_deref().unwrap_or_default().to_owned(),
        description: page.description.as_deref().unwrap_or_default().to_owned(),
        method,
        constructors: constructors(&paths),
        query_parameters: Vec::new(),
        headers: headers(documented),
        body: body_type(documented, version),
        responses: Vec::new(),
        retry_statuses: documented
            .error_handling
            .iter()
            .flat_map(|handling| &handling.statuses)
            .copied()
            .filter(|&status| status == 429 || status >= 500)
            .collect(),
        permissions: documented.permissions.clone(),
        examples: Vec::new(),
        page: page.path.to_string(),
        feature: feature_of(page),
    };
    operation.query_parameters = query_setters(documented, &operation);
    if operation.body == Some(RustType::Json) {
        let taken: Vec<String> =
            version.models.iter().chain(&names.inferred).map(|model| model.rust_name.clone()).collect();
        if let Some(model) = super::infer::body_model(page, documented, &operation.type_name, &taken) {
            operation.body = Some(RustType::Model(model.rust_name.clone()));
            names.inferred.push(model);
        }
    }
    operation.responses = responses(page, documented, version, diagnostics);
    for example in &documented.examples {
        match resolve_example(page, example, &operation, version, &mut names.tests, diagnostics) {
            Ok(resolved) => operation.examples.push(resolved),
            Err(Untested::NoTemplate) => names.untested.push((page.path.to_string(), example.request.line)),
            Err(Untested::OtherHost) => {}
        }
    }
    Some(operation)
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

fn constructors(paths: &[&HttpPath]) -> Vec<Constructor> {
    let mut built: Vec<Constructor> = paths.iter().map(|path| constructor(path)).collect();
    // Alternatives with the same parameters are told apart by their first literal segment (`me`, `users`).
    let mut taken = Vec::new();
    for index in 0..built.len() {
        let duplicate = built.iter().filter(|other| other.name == built[index].name).count() > 1;
        if duplicate {
            let first = paths[index].segments.iter().find_map(|segment| match segment {
                Segment::Literal { value } => Some(snake_case(value)),
                _ => None,
            });
            if let Some(first) = first {
                built[index].name = format!("{first}_{}", built[index].name);
            }
        }
        built[index].name = identifier(&unique(built[index].name.clone(), &mut taken));
    }
    built
}

fn constructor(path: &HttpPath) -> Constructor {
    let mut params: Vec<String> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for segment in &path.segments {
        match segment {
            Segment::Literal { value } | Segment::Cast { type_name: value } | Segment::System { name: value } => {
                push_literal(&mut pieces, &format!("/{value}"))
            }
            Segment::Param { names } => {
                push_literal(&mut pieces, "/");
                pieces.push(Piece::Segment(add_param(names, &mut params)));
            }
            Segment::ItemPath { prefix, path } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, prefix, &mut params);
                push_literal(&mut pieces, ":/");
                for part in path {
                    match part {
                        TemplatePart::Literal(text) => push_literal(&mut pieces, text),
                        TemplatePart::Param(names) => pieces.push(Piece::ItemPath(add_param(names, &mut params))),
                    }
                }
                push_literal(&mut pieces, ":");
            }
            Segment::Key { name, key } => {
                push_literal(&mut pieces, &format!("/{name}("));
                push_parts(&mut pieces, key, &mut params);
                push_literal(&mut pieces, ")");
            }
            Segment::Function { name, params: arguments } => {
                push_literal(&mut pieces, &format!("/{name}("));
                for (index, (argument, value)) in arguments.iter().enumerate() {
                    push_literal(&mut pieces, &format!("{}{argument}=", if index > 0 { "," } else { "" }));
                    push_parts(&mut pieces, value, &mut params);
                }
                push_literal(&mut pieces, ")");
            }
            Segment::Mixed { parts } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, parts, &mut params);
            }
        }
    }
    let name = if params.is_empty() { "new".to_owned() } else { format!("by_{}", params.join("_and_")) };
    Constructor {
        name,
        template: path.template.to_string(),
        params: params.iter().map(|name| identifier(name)).collect(),
        pieces,
    }
}

/// Adds a parameter named after the first of its alternative names; returns its index.
fn add_param(names: &[CompactString], params: &mut Vec<String>) -> usize {
    unique(snake_case(names.first().map_or("value", CompactString::as_str)), params);
    params.len() - 1
}

/// Parts inside parentheses: a parameter right after a `'` is an OData string literal (quotes doubled).
fn push_parts(pieces: &mut Vec<Piece>, parts: &[TemplatePart], params: &mut Vec<String>) {
    for part in parts {
        match part {
            TemplatePart::Literal(text) => push_literal(pieces, text),
            TemplatePart::Param(names) => {
                let quoted = matches!(pieces.last(), Some(Piece::Literal(text)) if text.ends_with('\''));
                let index = add_param(names, params);
                pieces.push(if quoted { Piece::Quoted(index) } else { Piece::Segment(index) });
            }
        }
    }
}

fn push_literal(pieces: &mut Vec<Piece>, text: &str) {
    match pieces.last_mut() {
        Some(Piece::Literal(previous)) => previous.push_str(text),
        _ => pieces.push(Piece::Literal(text.to_owned())),
    }
}

/// Setters for the documented headers; `Authorization` (the client's) and `Content-Length` (derived) excluded.
fn headers(documented: &crate::ir::Operation) -> Vec<HeaderSetter> {
    let mut taken = Vec::new();
    let mut setters = Vec::new();
    for header in &documented.request_headers {
        let wire = header.name.trim();
        let lower = wire.to_ascii_lowercase();
        let valid = !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid || lower == "authorization" || lower == "content-length" || taken.contains(&snake_case(wire)) {
            continue;
        }
        setters.push(HeaderSetter {
            wire_name: wire.to_owned(),
            rust_name: identifier(&unique(snake_case(wire), &mut taken)),
            required: header.required,
            description: header.description.to_string(),
        });
    }
    setters
}

/// Setters for the documented query parameters that are not OData system options (the runtime has those), named
/// so as not to clash with the constructors and header setters.
fn query_setters(documented: &crate::ir::Operation, operation: &Operation) -> Vec<QuerySetter> {
    let mut taken: Vec<String> = operation.headers.iter().map(|header| header.rust_name.clone()).collect();
    taken.extend(
        ["body", "select", "expand", "filter", "orderby", "top", "skip", "count", "search", "query", "header"]
            .map(String::from),
    );
    let mut setters = Vec::new();
    for parameter in &documented.optional_query_parameters.parameters {
        let wire = parameter.name.trim();
        let valid =
            !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !valid || setters.iter().any(|setter: &QuerySetter| setter.wire_name == wire) {
            continue;
        }
        setters.push(QuerySetter {
            wire_name: wire.to_owned(),
            rust_name: identifier(&unique(format!("query_{}", snake_case(wire)), &mut taken)),
            description: parameter.description.to_string(),
        });
    }
    setters
}

/// The request body: the linked model, else JSON when the examples send JSON.
fn body_type(documented: &crate::ir::Operation, version: &Version) -> Option<RustType> {
    let linked = documented
        .request_body
        .iter()
        .flat_map(|body| &body.types)
        .find_map(|link| model_for_target(&link.target, &version.models));
    if let Some(model) = linked {
        return Some(RustType::Model(model.rust_name.clone()));
    }
    documented
        .examples
        .iter()
        .any(|example| matches!(example.request.body, Some(Body::Json(_))))
        .then_some(RustType::Json)
}

/// One variant per documented success status (the Response section's and the examples').
fn responses(
    page: &Page,
    documented: &crate::ir::Operation,
    version: &Version,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ResponseVariant> {
    let section: Vec<u16> = documented.response.iter().flat_map(|response| &response.statuses).copied().collect();
    let mut statuses: Vec<u16> = section.iter().copied().filter(|status| (200..400).contains(status)).collect();
    for example in &documented.examples {
        let Some(response) = &example.response else { continue };
        if !section.is_empty() && !section.contains(&response.status) {
            let message =
                format!("the example answers {} but the Response section names only {section:?}", response.status);
            report(diagnostics, Code::ExampleStatusUndocumented, &page.path, response.line, message);
        }
        if (200..400).contains(&response.status) && !statuses.contains(&response.status) {
            statuses.push(response.status);
        }
    }
    if statuses.is_empty() {
        statuses.push(200);
    }
    let linked = documented
        .response
        .iter()
        .flat_map(|response| &response.types)
        .find_map(|link| model_for_target(&link.target, &version.models));
    statuses
        .into_iter()
        .map(|status| {
            let examples: Vec<&crate::ir::ExampleResponse> = documented
                .examples
                .iter()
                .filter_map(|example| example.response.as_ref())
                .filter(|response| response.status == status)
                .collect();
            let raw = examples.iter().any(|response| matches!(response.body, Some(Body::Raw(_))));
            let collection = examples.iter().any(|response| response.is_collection);
            let body = match status {
                204 | 304 => ResponseBody::None,
                202 | 300..=399 => ResponseBody::Location,
                _ if raw => ResponseBody::Bytes,
                _ => match linked {
                    Some(model) if !collection => ResponseBody::Json(RustType::Model(model.rust_name.clone())),
                    _ => ResponseBody::Json(RustType::Json),
                },
            };
            ResponseVariant { status, name: variant_name(status), body }
        })
        .collect()
}

/// The cargo feature of a page: its workload area (`ms.prod`, else `ms.subservice`), as a feature name.
fn feature_of(page: &Page) -> String {
    let area = ["ms.prod", "ms.subservice"]
        .iter()
        .find_map(|key| page.front_matter.get(*key).filter(|value| !value.trim().is_empty()));
    let name: String = area
        .map(|area| {
            area.trim().to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
        })
        .unwrap_or_default();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name == "full" || name == "client" || name == "tls" {
        "other".to_owned()
    } else {
        name
    }
}

/// `Ok`, `Created`, ... for the common statuses, `Status299` otherwise.
pub fn variant_name(status: u16) -> String {
    match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        _ => return format!("Status{status}"),
    }
    .to_owned()
}
