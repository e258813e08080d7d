//! Example HTTP blocks: `METHOD url` requests and `HTTP/1.1 status` responses.

use super::json::parse_body;
use crate::diagnostics::Sink;
use crate::ir::{ExampleRequest, ExampleResponse};

/// Whether the first non-empty line of `text` reads as a request line.
pub fn looks_like_request(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("");
    first
        .split_once(char::is_whitespace)
        .is_some_and(|(method, rest)| super::path::METHODS.contains(&method) && !rest.trim().is_empty())
}

/// Whether the first non-empty line of `text` reads as a status line.
pub fn looks_like_response(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("");
    first.to_ascii_uppercase().starts_with("HTTP")
}

/// Parses a request block whose text starts at byte `offset` of the file.
pub fn parse_request(text: &str, offset: usize, sink: &mut Sink) -> Option<ExampleRequest> {
    let (head, body_offset) = split_head(text);
    let mut lines = head.lines().filter(|line| !line.trim().is_empty());
    let first = lines.next()?.trim();
    let (method, url) = first.split_once(char::is_whitespace)?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let url = url.trim().to_owned();
    Some(ExampleRequest {
        method: method.to_owned(),
        api_version: None,
        path: url.clone(),
        query: None,
        url,
        headers,
        body: parse_body(&text[body_offset..], offset + body_offset, sink),
        annotated: false,
        line: sink.line_of(offset),
    })
}

/// Parses a response block whose text starts at byte `offset` of the file.
pub fn parse_response(text: &str, offset: usize, sink: &mut Sink) -> Option<ExampleResponse> {
    let (head, body_offset) = split_head(text);
    let mut lines = head.lines().filter(|line| !line.trim().is_empty());
    let first = lines.next()?.trim();
    let mut words = first.split_whitespace().skip(1);
    let status = words.next()?.parse().ok()?;
    let reason: Vec<&str> = words.collect();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(ExampleResponse {
        status,
        reason: (!reason.is_empty()).then(|| reason.join(" ")),
        headers,
        body: parse_body(&text[body_offset..], offset + body_offset, sink),
        truncated: false,
        odata_type: None,
        is_collection: false,
        annotated: false,
        line: sink.line_of(offset),
    })
}

/// The head (start line and headers) and the offset where the body starts.
fn split_head(text: &str) -> (&str, usize) {
    let start = text.len() - text.trim_start_matches(['\n', '\r', ' ']).len();
    match text[start..].find("\n\n").or_else(|| text[start..].find("\n\r\n")) {
        Some(blank) => (&text[start..start + blank], start + blank + 1),
        None => (&text[start..], text.len()),
    }
}
