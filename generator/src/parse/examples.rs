//! Example exchanges: request and response blocks, annotated or recognised by content, paired in order.

use super::annotation::Annotation;
use super::http::{looks_like_request, looks_like_response, parse_request, parse_response};
use super::json::parse_body;
use super::markdown::BlockKind;
use super::{code_content_offset, Ctx};
use crate::diagnostics::{Code, Sink};
use crate::ir::{Example, ExampleResponse};

/// What a code block holds, by annotation and by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Response,
}

/// Every example exchange of the page, in order. A response pairs with the nearest request before it.
pub fn parse_examples(ctx: &mut Ctx) -> Vec<Example> {
    let templates: Vec<std::ops::Range<usize>> =
        ctx.sections_with("http-request").map(|section| section.body.clone()).collect();
    let mut examples: Vec<Example> = Vec::new();
    for index in 0..ctx.blocks.len() {
        let BlockKind::Code { text, .. } = &ctx.blocks[index].kind else { continue };
        let annotation = ctx.annotation_for(index).cloned();
        let declared = annotation.as_ref().and_then(declared_role);
        // The "HTTP request" section lists path templates, not examples, unless a block there says otherwise.
        if declared.is_none() && templates.iter().any(|range| range.contains(&index)) {
            continue;
        }
        let by_content = if looks_like_request(text) {
            Some(Role::Request)
        } else if looks_like_response(text) {
            Some(Role::Response)
        } else {
            None
        };
        let text = text.clone();
        let offset = code_content_offset(ctx.source, &ctx.blocks[index]);
        let role = match (declared, by_content) {
            (Some(declared), Some(found)) if declared != found => {
                ctx.report(
                    Code::AnnotationMismatch,
                    ctx.blocks[index].range.start,
                    format!(
                        "annotated as a {} but the block is a {}; read as a {}",
                        word(declared),
                        word(found),
                        word(found)
                    ),
                );
                found
            }
            (_, Some(found)) => found,
            (Some(Role::Request), None) => {
                ctx.report(
                    Code::RequestLineUnreadable,
                    offset,
                    "expected `METHOD url` on the first line of this request",
                );
                continue;
            }
            (Some(Role::Response), None) => Role::Response,
            (None, None) => continue,
        };
        let annotated = declared.is_some();
        let mut sink = Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics);
        match role {
            Role::Request => {
                let Some(mut request) = parse_request(&text, offset, &mut sink) else { continue };
                request.annotated = annotated;
                let name = annotation.and_then(|annotation| annotation.names.into_iter().next());
                examples.push(Example { name, request, response: None });
            }
            Role::Response => {
                let Some(mut response) = read_response(&text, offset, by_content.is_some(), &mut sink) else {
                    continue;
                };
                if let Some(annotation) = &annotation {
                    apply_annotation(&mut response, annotation);
                }
                response.annotated = annotated;
                match examples.last_mut().filter(|example| example.response.is_none()) {
                    Some(example) => {
                        if example.name.is_none() {
                            example.name = annotation.and_then(|annotation| annotation.names.into_iter().next());
                        }
                        example.response = Some(response);
                    }
                    None => sink.report(
                        Code::ResponseWithoutRequest,
                        offset,
                        "this response has no unpaired request before it",
                    ),
                }
            }
        }
    }
    examples
}

/// A response block; one annotated as a response but without a status line is read as a `200` body.
fn read_response(text: &str, offset: usize, has_status_line: bool, sink: &mut Sink) -> Option<ExampleResponse> {
    if has_status_line {
        return parse_response(text, offset, sink);
    }
    sink.report(
        Code::StatusLineUnreadable,
        offset,
        "expected `HTTP/1.1 <status>` on the first line of this response; read as a 200 body",
    );
    Some(ExampleResponse {
        status: 200,
        reason: None,
        headers: Vec::new(),
        body: parse_body(text, offset, sink),
        truncated: false,
        odata_type: None,
        is_collection: false,
        annotated: true,
        line: sink.line_of(offset),
    })
}

fn declared_role(annotation: &Annotation) -> Option<Role> {
    match annotation.block_type.as_deref()?.to_ascii_lowercase().as_str() {
        "request" => Some(Role::Request),
        "response" | "simulatedresponse" => Some(Role::Response),
        _ => None,
    }
}

fn apply_annotation(response: &mut ExampleResponse, annotation: &Annotation) {
    response.truncated = annotation.truncated;
    response.odata_type = annotation.odata_type.clone();
    response.is_collection = annotation.is_collection;
}

fn word(role: Role) -> &'static str {
    match role {
        Role::Request => "request",
        Role::Response => "response",
    }
}
