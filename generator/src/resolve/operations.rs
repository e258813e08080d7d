//! One API page to one operation: names, constructors per addressing alternative, headers, body, responses.

use super::examples::{resolve_example, Untested};
use super::model::{
    Constructor, HeaderSetter, Operation, Piece, QuerySetter, ResponseBody, ResponseVariant, RustType, Version,
};
use super::names::{snake_case, upper_camel_case, Case, Namespace, Renamed, RESERVED_METHODS};
use super::types::model_for_target;
use super::{report, report_rename};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, HttpPath, Page, Segment, TemplatePart};
use compact_str::CompactString;

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
        feature: feature_of(page, diagnostics),
    };
    operation.query_parameters = query_setters(documented, &mut methods, page, diagnostics);
    if operation.body == Some(RustType::Json) {
        let inferred = super::infer::body_model(page, documented, &operation.type_name, &mut names.types, diagnostics);
        if let Some(model) = inferred {
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

/// One constructor per path, named in `methods` (the builder's namespace) before any setter.
fn constructors(
    paths: &[&HttpPath],
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Constructor> {
    let mut built: Vec<Constructor> = paths.iter().map(|path| constructor(path, page, diagnostics)).collect();
    // Alternatives with the same parameters are told apart by their first literal segment (`me`, `users`).
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
        let claimed = methods.claim(&built[index].name);
        // Numbering alternatives that still share a name is ordinary; only a reserved name is worth a word.
        if claimed.renamed == Some(Renamed::Reserved) {
            report_rename(diagnostics, &claimed, "constructor", &built[index].name, page, "http-request");
        }
        built[index].name = claimed.name;
    }
    built
}

fn constructor(path: &HttpPath, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Constructor {
    let mut params = Params { names: Namespace::new(Case::Snake), given: Vec::new(), page, diagnostics };
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
    let params = params.given;
    let unraw: Vec<&str> = params.iter().map(|name| name.strip_prefix("r#").unwrap_or(name)).collect();
    let name = if params.is_empty() { "new".to_owned() } else { format!("by_{}", unraw.join("_and_")) };
    Constructor { name, template: path.template.to_string(), params, pieces }
}

/// A constructor's parameters as they are named: each in the constructor's own namespace.
struct Params<'a> {
    names: Namespace,
    given: Vec<String>,
    page: &'a Page,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// Adds a parameter named after the first of its alternative names; returns its index.
fn add_param(names: &[CompactString], params: &mut Params) -> usize {
    let original = names.first().map_or("value", CompactString::as_str);
    let wanted = snake_case(original);
    let claimed = params.names.claim(&wanted);
    // `{id}` twice in one path (`/users/{id}/messages/{id}`) is how the docs write it: the second is `id_2`
    // without a word. Two names that only fold alike, or a reserved one, are worth one.
    let repeated = matches!(&claimed.renamed, Some(Renamed::Collides(earlier)) if *earlier == wanted);
    if !repeated {
        report_rename(params.diagnostics, &claimed, "path parameter", original, params.page, "http-request");
    }
    params.given.push(claimed.name);
    params.given.len() - 1
}

/// Parts inside parentheses: a parameter right after a `'` is an OData string literal (quotes doubled).
fn push_parts(pieces: &mut Vec<Piece>, parts: &[TemplatePart], params: &mut Params) {
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

/// Setters for the documented headers, named in `methods` after the constructors; `Authorization` (the
/// client's) and `Content-Length` (derived) excluded, and a header named twice (in any letter case) set once.
fn headers(
    documented: &crate::ir::Operation,
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<HeaderSetter> {
    let mut setters: Vec<HeaderSetter> = Vec::new();
    for header in &documented.request_headers {
        let wire = header.name.trim();
        let lower = wire.to_ascii_lowercase();
        let valid = !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let repeated = setters.iter().any(|setter| setter.wire_name.eq_ignore_ascii_case(wire));
        if !valid || lower == "authorization" || lower == "content-length" || repeated {
            continue;
        }
        let claimed = methods.claim(&snake_case(wire));
        report_rename(diagnostics, &claimed, "header", wire, page, "request-headers");
        setters.push(HeaderSetter {
            wire_name: wire.to_owned(),
            rust_name: claimed.name,
            required: header.required,
            description: header.description.to_string(),
        });
    }
    setters
}

/// Setters for the documented query parameters that are not OData system options (the runtime has those), named
/// `query_*` in `methods` after the constructors and header setters.
fn query_setters(
    documented: &crate::ir::Operation,
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<QuerySetter> {
    let mut setters = Vec::new();
    for parameter in &documented.optional_query_parameters.parameters {
        let wire = parameter.name.trim();
        let valid =
            !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !valid || setters.iter().any(|setter: &QuerySetter| setter.wire_name == wire) {
            continue;
        }
        let claimed = methods.claim(&format!("query_{}", snake_case(wire)));
        report_rename(diagnostics, &claimed, "query parameter", wire, page, "optional-query-parameters");
        setters.push(QuerySetter {
            wire_name: wire.to_owned(),
            rust_name: claimed.name,
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
