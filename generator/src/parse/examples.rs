//! Example exchanges: request and response blocks, annotated or recognised by content, paired in order.

use super::annotation::Annotation;
use super::ctx::{code_content_offset, Ctx};
use super::http::{body_position, opening, request_from, response_from, Exchange, Opening};
use super::json::parse_body;
use super::markdown::BlockKind;
use super::text::trim_start;
use crate::diagnostics::{Code, Sink};
use crate::ir::{Example, ExampleResponse};
use compact_str::CompactString;

/// What a code block holds, by annotation and by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Response,
}

/// Every example exchange of the page, in order.
///
/// A response belongs to the nearest readable request before it: the first one found is the example's
/// `response`, later ones (alternatives, errors, later states) go to `more_responses`. An `http-request` section
/// heading starts another operation's part of the page, so a response never reaches back past one. A response in
/// a `response` section with no request before it in its part illustrates the response format (GD0509); any
/// other response without a request is a defect (GD0503). Blocks annotated `"blockType": "ignored"` are read by
/// content like unannotated ones: the docs use that value to keep samples (raw bytes, `$count`, CSV downloads,
/// error responses) out of their own sample validation, not to say that a block is no example.
pub fn parse_examples(ctx: &mut Ctx) -> Vec<Example> {
    // The "HTTP request" sections (heading and body) and the "response" section bodies, in one pass.
    let mut templates: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut response_sections: Vec<std::ops::Range<usize>> = Vec::new();
    for section in &ctx.sections {
        match section.id {
            "http-request" => templates.push((section.heading, section.body.clone())),
            "response" => response_sections.push(section.body.clone()),
            _ => {}
        }
    }
    let mut examples: Vec<Example> = Vec::new();
    // Index in `examples` of the request the next response belongs to; none at the start of an operation's part
    // of the page and after a request block that could not be read (its responses must not join the one before).
    let mut open: Option<usize> = None;
    // Blocks before this one have been looked at for the start of an operation's part. Only code blocks use
    // `open`, so the operation starts since the last code block are only looked for at the next one.
    let mut unchecked = 0;
    for (index, block) in ctx.blocks.iter().enumerate() {
        let BlockKind::Code { text, .. } = &block.kind else { continue };
        if templates.iter().any(|(heading, _)| (unchecked..=index).contains(heading)) {
            open = None;
        }
        unchecked = index + 1;
        // As `ctx.annotation_for`, but borrowing only the annotations: the sink below borrows the diagnostics.
        let annotation = ctx.annotations.iter().find(|annotated| annotated.target == Some(index));
        let annotation = annotation.map(|annotated| Noted::from(&annotated.annotation));
        let declared = annotation.as_ref().and_then(|annotation| annotation.declared);
        // The "HTTP request" section lists path templates, not examples, unless a block there says otherwise.
        if declared.is_none() && templates.iter().any(|(_, body)| body.contains(&index)) {
            continue;
        }
        let opening = opening(text);
        let by_content = opening.as_ref().and_then(Opening::exchange).map(|exchange| match exchange {
            Exchange::Request => Role::Request,
            Exchange::Response => Role::Response,
        });
        let offset = code_content_offset(ctx.source, block);
        // Built from the fields, not by `ctx.sink()`: `text` still borrows the blocks (no copy of it is made).
        let mut sink = Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics);
        let role = match (declared, by_content) {
            (Some(declared), Some(found)) if declared != found => {
                sink.report(
                    Code::AnnotationMismatch,
                    block.range.start,
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
                sink.report(
                    Code::RequestLineUnreadable,
                    offset,
                    "expected `METHOD url` on the first line of this request",
                );
                open = None;
                continue;
            }
            (Some(Role::Response), None) => Role::Response,
            (None, None) => continue,
        };
        let annotated = declared.is_some();
        let in_response_section = response_sections.iter().any(|range| range.contains(&index));
        match role {
            Role::Request => {
                let Some(mut request) = opening.and_then(|opening| request_from(text, &opening, offset, &mut sink))
                else {
                    open = None;
                    continue;
                };
                request.annotated = annotated;
                let name = annotation.and_then(|annotation| annotation.name.map(CompactString::from));
                examples.push(Example { name, request, response: None, more_responses: Vec::new() });
                open = Some(examples.len() - 1);
            }
            Role::Response => {
                let Some(mut response) =
                    read_response(text, offset, opening.filter(|_| by_content.is_some()), &mut sink)
                else {
                    continue;
                };
                if let Some(annotation) = &annotation {
                    apply_annotation(&mut response, annotation);
                }
                response.annotated = annotated;
                match open.and_then(|open| examples.get_mut(open)) {
                    Some(example) if example.response.is_some() => example.more_responses.push(response),
                    Some(example) => {
                        if example.name.is_none() {
                            example.name = annotation.and_then(|annotation| annotation.name.map(CompactString::from));
                        }
                        example.response = Some(response);
                    }
                    None if in_response_section => sink.report(
                        Code::ResponseFormatOnly,
                        offset,
                        "this response in the Response section has no example request before it: \
                         read as the documented response format, not as an example",
                    ),
                    None => sink.report(
                        Code::ResponseWithoutRequest,
                        offset,
                        "this response has no example request before it",
                    ),
                }
            }
        }
    }
    examples
}

/// A response block, whose first line is `status_line` when it starts like one; one annotated as a response but
/// without a status line is read as a `200` body.
fn read_response(text: &str, offset: usize, status_line: Option<Opening>, sink: &mut Sink) -> Option<ExampleResponse> {
    if let Some(opening) = status_line {
        return response_from(text, &opening, offset, sink);
    }
    sink.report(
        Code::StatusLineUnreadable,
        offset,
        "expected `HTTP/1.1 <status>` on the first line of this response; read as a 200 body",
    );
    let body = parse_body(text, offset, sink);
    let body_at = body.as_ref().map(|_| body_position(text, text.len() - trim_start(text).len(), offset, sink));
    Some(ExampleResponse {
        status: 200,
        reason: None,
        headers: Vec::new(),
        body,
        truncated: false,
        odata_type: None,
        is_collection: false,
        annotated: true,
        line: sink.line_of(offset),
        body_at,
    })
}

fn declared_role(annotation: &Annotation) -> Option<Role> {
    let block_type = annotation.block_type.as_deref()?;
    if block_type.eq_ignore_ascii_case("request") {
        Some(Role::Request)
    } else if block_type.eq_ignore_ascii_case("response") || block_type.eq_ignore_ascii_case("simulatedresponse") {
        Some(Role::Response)
    } else {
        None
    }
}

/// What an example block's annotation says about it, borrowed: the name and type are copied only where used.
#[derive(Clone, Copy)]
struct Noted<'a> {
    declared: Option<Role>,
    /// The first name.
    name: Option<&'a String>,
    truncated: bool,
    odata_type: Option<&'a String>,
    is_collection: bool,
}

impl<'a> From<&'a Annotation> for Noted<'a> {
    fn from(annotation: &'a Annotation) -> Self {
        Noted {
            declared: declared_role(annotation),
            name: annotation.names.first(),
            truncated: annotation.truncated,
            odata_type: annotation.odata_type.as_ref(),
            is_collection: annotation.is_collection,
        }
    }
}

fn apply_annotation(response: &mut ExampleResponse, annotation: &Noted) {
    response.truncated = annotation.truncated;
    response.odata_type = annotation.odata_type.map(CompactString::from);
    response.is_collection = annotation.is_collection;
}

fn word(role: Role) -> &'static str {
    match role {
        Role::Request => "request",
        Role::Response => "response",
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::{Code, Diagnostic};
    use crate::ir::{Example, Page};
    use crate::parse::{parse_page, NoDocs};

    const HEAD: &str = "---\ndoc_type: apiPageType\n---\n# Get widget\n\n## HTTP request\n\n\
<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /widgets/{id}\n```\n\n";

    fn parse(body: &str) -> (Page, Vec<Diagnostic>) {
        parse_page("api/widget-get.md", &format!("{HEAD}{body}"), &NoDocs)
    }

    fn examples(page: &Page) -> Vec<&Example> {
        page.operations.iter().flat_map(|operation| &operation.examples).collect()
    }

    fn count(diagnostics: &[Diagnostic], code: Code) -> usize {
        diagnostics.iter().filter(|diagnostic| diagnostic.code == code).count()
    }

    #[test]
    fn later_responses_of_one_request_are_kept_in_order() {
        let (page, diagnostics) = parse(
            "## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n\n\
             ### Response\n\n```http\nHTTP/1.1 202 Accepted\n```\n\nWhen it is done:\n\n\
             ```http\nHTTP/1.1 200 OK\n\n{\"done\": true}\n```\n\nOr it fails:\n\n\
             ```http\nHTTP/1.1 409 Conflict\n```\n",
        );
        let examples = examples(&page);
        assert_eq!(examples.len(), 1);
        assert_eq!(examples[0].response.as_ref().map(|response| response.status), Some(202));
        let more: Vec<u16> = examples[0].more_responses.iter().map(|response| response.status).collect();
        assert_eq!(more, [200, 409]);
        assert_eq!(count(&diagnostics, Code::ResponseWithoutRequest), 0);
        assert_eq!(count(&diagnostics, Code::ResponseFormatOnly), 0);
    }

    #[test]
    fn a_second_request_takes_the_responses_after_it() {
        let (page, _) = parse(
            "## Examples\n\n```http\nGET /widgets/1\n```\n```http\nHTTP/1.1 200 OK\n```\n\
             ```http\nGET /widgets/2\n```\n```http\nHTTP/1.1 404 Not Found\n```\n```http\nHTTP/1.1 410 Gone\n```\n",
        );
        let examples = examples(&page);
        assert_eq!(examples.len(), 2);
        assert!(examples[0].more_responses.is_empty());
        assert_eq!(examples[1].response.as_ref().map(|response| response.status), Some(404));
        assert_eq!(examples[1].more_responses.len(), 1);
    }

    #[test]
    fn ignored_blocks_outside_the_http_request_section_are_examples() {
        let (page, diagnostics) = parse(
            "## Example\n\n<!-- { \"blockType\": \"ignored\", \"name\": \"get_raw\" } -->\n\
             ```http\nGET https://graph.microsoft.com/v1.0/widgets/1/$value\n```\n\n\
             <!-- { \"blockType\": \"ignored\" } -->\n```http\nHTTP/1.1 200 OK\n\n<raw bytes>\n```\n",
        );
        let examples = examples(&page);
        // The ignored template in the HTTP request section stays a template; the ignored example is read.
        assert_eq!(examples.len(), 1);
        assert_eq!(examples[0].name.as_deref(), Some("get_raw"));
        assert_eq!(examples[0].request.path, "/widgets/1/$value");
        assert!(!examples[0].request.annotated);
        assert_eq!(examples[0].response.as_ref().map(|response| response.status), Some(200));
        assert_eq!(count(&diagnostics, Code::ResponseWithoutRequest), 0);
    }

    #[test]
    fn a_response_section_block_without_a_request_is_the_response_format() {
        let (page, diagnostics) = parse(
            "## Response\n\nIf successful, this returns `204 No Content`.\n\n\
             <!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n\n\
             ## Example\n\n```http\nDELETE /widgets/1\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n",
        );
        let examples = examples(&page);
        // Not an example and not a defect: a note with its own code, and the real example pairs as usual.
        assert_eq!(examples.len(), 1);
        assert_eq!(examples[0].request.method, "DELETE");
        assert!(examples[0].response.is_some() && examples[0].more_responses.is_empty());
        assert_eq!(count(&diagnostics, Code::ResponseFormatOnly), 1);
        assert_eq!(count(&diagnostics, Code::ResponseWithoutRequest), 0);
        let note = diagnostics.iter().find(|diagnostic| diagnostic.code == Code::ResponseFormatOnly);
        assert_eq!(note.map(|note| note.line), Some(19));
    }

    #[test]
    fn a_response_without_a_request_elsewhere_is_still_a_defect() {
        let (page, diagnostics) = parse("## Examples\n\n```http\nHTTP/1.1 200 OK\n```\n");
        assert!(examples(&page).is_empty());
        assert_eq!(count(&diagnostics, Code::ResponseWithoutRequest), 1);
        assert_eq!(count(&diagnostics, Code::ResponseFormatOnly), 0);
    }

    #[test]
    fn another_http_request_section_starts_another_operation() {
        // A page documenting two calls: the second call's Response section does not reach back to the first
        // call's example.
        let (page, diagnostics) = parse(
            "## Example\n\n```http\nGET /widgets/1\n```\n```http\nHTTP/1.1 200 OK\n```\n\n\
             ## Get the payload\n\n### HTTP request\n\n```http\nGET /widgets/{id}/payload\n```\n\n\
             ### Response\n\n```http\nHTTP/1.1 200 OK\n```\n",
        );
        let examples = examples(&page);
        assert_eq!(examples.len(), 1);
        assert!(examples[0].more_responses.is_empty());
        assert_eq!(count(&diagnostics, Code::ResponseFormatOnly), 1);
    }

    #[test]
    fn an_unreadable_request_keeps_its_response_from_the_example_before() {
        let (page, diagnostics) = parse(
            "## Examples\n\n```http\nGET /widgets/1\n```\n```http\nHTTP/1.1 200 OK\n```\n\
             <!-- { \"blockType\": \"request\" } -->\n```http\nfetch the widget\n```\n```http\nHTTP/1.1 404 Not Found\n```\n",
        );
        let examples = examples(&page);
        assert_eq!(examples.len(), 1);
        assert!(examples[0].more_responses.is_empty());
        assert_eq!(count(&diagnostics, Code::RequestLineUnreadable), 1);
        assert_eq!(count(&diagnostics, Code::ResponseWithoutRequest), 1);
    }

    #[test]
    fn more_responses_is_absent_from_json_when_empty_and_defaults_when_read() {
        let (page, _) = parse("## Examples\n\n```http\nGET /widgets/1\n```\n```http\nHTTP/1.1 200 OK\n```\n");
        let example = examples(&page)[0].clone();
        let json = serde_json::to_value(&example).unwrap_or_default();
        assert!(json.get("more_responses").is_none());
        let back: Option<Example> = serde_json::from_value(json).ok();
        assert_eq!(back, Some(example));
    }
}
