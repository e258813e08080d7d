//! An operation's response variants: one per documented success status, each with what it carries.

use super::documented::{named_type, strip_collection};
use super::model::{ResponseBody, ResponseVariant, RustType, Version};
use super::report;
use super::types::model_for_target;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, ExampleResponse, Page};

/// One variant per documented success status: the Response section's prose, every example's responses and the
/// error-handling section's 2xx. A `PUT` documented with one of 200 and 201 gets the other too (it creates or
/// replaces). Each variant's body type is decided by [`body`].
pub fn responses(
    page: &Page,
    documented: &crate::ir::Operation,
    version: &Version,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ResponseVariant> {
    let section: Vec<u16> = documented.response.iter().flat_map(|response| &response.statuses).copied().collect();
    let mut statuses: Vec<u16> = section.iter().copied().filter(|status| is_success(*status)).collect();
    let examples: Vec<&ExampleResponse> =
        documented.examples.iter().flat_map(|example| example.response.iter().chain(&example.more_responses)).collect();
    for response in documented.examples.iter().filter_map(|example| example.response.as_ref()) {
        if !section.is_empty() && !section.contains(&response.status) {
            let message =
                format!("the example answers {} but the Response section names only {section:?}", response.status);
            report(diagnostics, Code::ExampleStatusUndocumented, &page.path, response.line, message);
        }
    }
    let handled = documented.error_handling.iter().flat_map(|handling| &handling.statuses).copied();
    for status in examples.iter().map(|response| response.status).chain(handled) {
        if is_success(status) && !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    if documented.paths.first().is_some_and(|path| path.method == "PUT") {
        for (one, other) in [(200, 201), (201, 200)] {
            if statuses.contains(&one) && !statuses.contains(&other) {
                statuses.push(other);
            }
        }
    }
    if statuses.is_empty() {
        statuses.push(200);
    }
    statuses
        .into_iter()
        .map(|status| {
            let answers: Vec<&ExampleResponse> =
                examples.iter().copied().filter(|response| response.status == status).collect();
            // A status added without an example of its own (a PUT's 200 beside its 201) reads as the others do.
            let answers = if answers.is_empty() { examples.clone() } else { answers };
            let body = body(status, &answers, documented, version, page, diagnostics);
            ResponseVariant { status, name: variant_name(status), body }
        })
        .collect()
}

/// A 2xx or 3xx: a documented answer that is not an error.
fn is_success(status: u16) -> bool {
    (200..400).contains(&status)
}

/// What a status carries. JSON bodies are typed from, in order of trust: the example annotation's type, the
/// example body's `@odata.type`, the linked resource; a collection (the annotation says so, the example body is a
/// `value` array, or the prose says "collection") is a page of that type. JSON with no type is reported.
fn body(
    status: u16,
    answers: &[&ExampleResponse],
    documented: &crate::ir::Operation,
    version: &Version,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResponseBody {
    let prose = documented.response.as_ref();
    match status {
        204 | 304 => return ResponseBody::None,
        202 | 300..=399 => return ResponseBody::Location,
        _ => {}
    }
    if answers.iter().any(|response| matches!(response.body, Some(Body::Raw(_)))) {
        return ResponseBody::Bytes;
    }
    let annotated = answers.iter().filter_map(|response| response.odata_type.as_deref()).find_map(|name| {
        let (bare, collection) = strip_collection(name);
        named_type(bare, version).map(|ty| (ty, collection))
    });
    let shown = answers.iter().find_map(|response| match &response.body {
        Some(Body::Json(json)) => Some(json.value()),
        _ => None,
    });
    let page_shape = shown.as_ref().is_some_and(is_page_shape);
    let example_type =
        shown.as_ref().and_then(|value| odata_type_of(value, page_shape)).and_then(|name| named_type(&name, version));
    let linked = prose
        .iter()
        .flat_map(|response| &response.types)
        .find_map(|link| model_for_target(&link.target, &version.models))
        .map(|model| RustType::Model(model.rust_name.clone()));
    let collection = match &annotated {
        Some((_, collection)) if *collection || answers.iter().any(|response| response.is_collection) => true,
        _ if answers.iter().any(|response| response.is_collection) => true,
        _ if shown.is_some() => page_shape,
        _ => prose.is_some_and(|response| says_collection(&response.text)),
    };
    // The same status shown as a page by one example and as one item by another (a filtering address beside one
    // that names an item).
    let shapes: Vec<bool> = answers
        .iter()
        .filter_map(|response| match &response.body {
            Some(Body::Json(json)) => Some(response.is_collection || is_page_shape(&json.value())),
            _ => None,
        })
        .collect();
    let mixed = shapes.contains(&true) && shapes.contains(&false);
    let item = annotated.map(|(ty, _)| ty).or(example_type).or(linked);
    let item = match item {
        Some(RustType::Vec(inner)) if collection => Some(*inner),
        other => other,
    };
    // The primitives the wrapper takes: those with an empty value, which an empty body reads as.
    let primitive =
        |ty: &RustType| matches!(ty, RustType::String | RustType::Bool | RustType::I32 | RustType::I64 | RustType::F64);
    let wrapped =
        shown.as_ref().is_some_and(|value| value.as_object().is_some_and(|members| members.contains_key("value")));
    match item {
        Some(item) if mixed => ResponseBody::Json(RustType::OneOrPage(Box::new(item))),
        Some(item) if !collection && wrapped && primitive(&item) => {
            ResponseBody::Json(RustType::Single(Box::new(item)))
        }
        Some(item) if collection => ResponseBody::Json(RustType::Page(Box::new(item))),
        Some(item) => ResponseBody::Json(item),
        None if shown.is_none() && !collection && prose.is_none_or(|response| response.types.is_empty()) => {
            // The docs show no body and name no type: whatever comes is kept as bytes.
            ResponseBody::Bytes
        }
        None => {
            let line = answers.first().map_or(1, |response| response.line);
            let what = if collection { "its items' type" } else { "its type" };
            let message = format!(
                "the HTTP {status} body is JSON but the docs name {what} nowhere (no annotation type, no `@odata.type`, \
                 no linked resource the version documents); it is read as untyped JSON"
            );
            report(diagnostics, Code::ResponseUntyped, &page.path, line, message);
            let json = RustType::Json;
            ResponseBody::Json(if collection { RustType::Page(Box::new(json)) } else { json })
        }
    }
}

/// A collection page: an object with a `value` array and nothing else but OData annotations.
pub(crate) fn is_page_shape(value: &serde_json::Value) -> bool {
    let Some(members) = value.as_object() else { return false };
    members.get("value").is_some_and(serde_json::Value::is_array)
        && members.keys().all(|key| key == "value" || key.starts_with('@'))
}

/// The `@odata.type` an example body gives: its own, or (for a page) the one all its items share.
fn odata_type_of(value: &serde_json::Value, page: bool) -> Option<String> {
    let of =
        |value: &serde_json::Value| value.get("@odata.type").and_then(serde_json::Value::as_str).map(str::to_owned);
    if !page {
        return of(value);
    }
    let items = value.get("value")?.as_array()?;
    let first = of(items.first()?)?;
    items.iter().all(|item| of(item).as_deref() == Some(first.as_str())).then_some(first)
}

/// Whether the Response section's prose calls the body a collection, in the languages the docs are written in.
fn says_collection(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["collection", "коллекци", "coleção", "colección", "コレクション", "集合", "sammlung", "raccolta", "컬렉션"]
        .iter()
        .any(|word| lower.contains(word))
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
