//! An operation's response variants: one per documented success status, each with what it carries.

use super::model::{ResponseBody, ResponseVariant, RustType, Version};
use super::report;
use super::types::model_for_target;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Page};

/// One variant per documented success status (the Response section's and the examples').
pub fn responses(
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
