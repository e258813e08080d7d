//! Example HTTP blocks: `METHOD url` requests and `HTTP/1.1 status` responses.
//!
//! A block is a start line, headers up to the first blank line, then a body. The docs bend this: `Name:value`
//! without a space, headers after the blank line, a body with no blank line before it. Defects are reported and
//! the rest of the block is still read; the body is never lost.

use super::json::parse_body;
use super::path::{split_url, strip_http_version, METHODS};
use super::text::{excerpt, first_word, lines_from, starts_with_ignore_ascii_case, trim, trim_start, Line};
use crate::diagnostics::{Code, Sink};
use crate::ir::{Body, ExampleRequest, ExampleResponse, Position};
use compact_str::CompactString;

/// Whether the first non-empty line of `text` reads as a request line (`GET https://...`, `POST /me/...`).
pub fn looks_like_request(text: &str) -> bool {
    first_line(text).is_some_and(|line| request_line(line.trimmed).is_some())
}

/// Whether the first non-empty line of `text` reads as a status line (`HTTP/1.1 200 OK`, `HTTP 201 Created`).
/// A line that starts like one but has no readable status still counts, so that it is reported.
pub fn looks_like_response(text: &str) -> bool {
    first_line(text).is_some_and(|line| starts_like_status_line(line.trimmed))
}

/// What a block is by its first non-empty line: a request ([`looks_like_request`]), else a response
/// ([`looks_like_response`]), else neither. One look at the first line for both questions.
pub fn request_or_response(text: &str) -> Option<Exchange> {
    opening(text)?.exchange()
}

/// The two kinds of example block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    Request,
    Response,
}

/// The first non-blank line of a block, read once: for what the block is and again for parsing it.
#[derive(Clone, Copy)]
pub struct Opening<'t> {
    /// Its byte offset in the block.
    start: usize,
    /// Its text, trimmed.
    line: &'t str,
    /// The byte offset just past its line break: where the headers start.
    end: usize,
    /// The method and URL, when it is a request line.
    request: Option<(&'static str, &'t str)>,
}

impl Opening<'_> {
    /// A request if the line is a request line, else a response if it starts like a status line.
    pub fn exchange(&self) -> Option<Exchange> {
        if self.request.is_some() {
            Some(Exchange::Request)
        } else if starts_like_status_line(self.line) {
            Some(Exchange::Response)
        } else {
            None
        }
    }
}

/// The first non-blank line of `text`, if any.
pub fn opening(text: &str) -> Option<Opening<'_>> {
    let Line { at, text: whole, trimmed } = first_line(text)?;
    Some(Opening { start: at, line: trimmed, end: at + whole.len(), request: request_line(trimmed) })
}

/// Parses a request block whose text starts at byte `offset` of the file.
pub fn parse_request(text: &str, offset: usize, sink: &mut Sink) -> Option<ExampleRequest> {
    request_from(text, &opening(text)?, offset, sink)
}

/// Parses the request block `text`, at byte `offset` of the file, whose first line is `opening`.
pub fn request_from(text: &str, opening: &Opening, offset: usize, sink: &mut Sink) -> Option<ExampleRequest> {
    let Opening { start, line, end, request } = *opening;
    let Some((method, url)) = request else {
        sink.report(
            Code::RequestLineUnreadable,
            offset + start,
            format!("expected `METHOD url` on the first line of this request, found `{}`", excerpt(line)),
        );
        return None;
    };
    let url = strip_http_version(url).0;
    let mut notes = Vec::new();
    let parts = split_url(url, &mut notes);
    for note in notes {
        sink.report(Code::RequestUrlOddity, offset + start, note);
    }
    let (headers, body, body_at) = head_and_body(text, end, offset, true, sink);
    Some(ExampleRequest {
        method: method.into(),
        api_version: parts.api_version.map(CompactString::from),
        path: parts.path.into(),
        query: parts.query.map(CompactString::from),
        url: url.into(),
        headers,
        body,
        annotated: false,
        line: sink.line_of(offset + start),
        body_at,
    })
}

/// Parses a response block whose text starts at byte `offset` of the file.
pub fn parse_response(text: &str, offset: usize, sink: &mut Sink) -> Option<ExampleResponse> {
    response_from(text, &opening(text)?, offset, sink)
}

/// Parses the response block `text`, at byte `offset` of the file, whose first line is `opening`.
pub fn response_from(text: &str, opening: &Opening, offset: usize, sink: &mut Sink) -> Option<ExampleResponse> {
    let Opening { start, line, end, .. } = *opening;
    let Some((status, reason)) = status_line(line) else {
        sink.report(
            Code::StatusLineUnreadable,
            offset + start,
            format!(
                "expected `HTTP/1.1 <status> <reason>` on the first line of this response, found `{}`",
                excerpt(line)
            ),
        );
        return None;
    };
    let (headers, body, body_at) = head_and_body(text, end, offset, false, sink);
    Some(ExampleResponse {
        status,
        reason,
        headers,
        body,
        truncated: false,
        odata_type: None,
        is_collection: false,
        annotated: false,
        line: sink.line_of(offset + start),
        body_at,
    })
}

/// The first non-blank line. Lines are read with their trimmed text (trimmed once: a line is tested as blank, as a
/// body start and as a header).
fn first_line(text: &str) -> Option<Line<'_>> {
    lines_from(text, 0).find(|line| !line.trimmed.is_empty())
}

/// `METHOD url`: the method in capitals (or all lowercase) and something shaped like a URL or path after it.
fn request_line(line: &str) -> Option<(&'static str, &str)> {
    let (word, url) = line.split_once(char::is_whitespace)?;
    let method = *METHODS.iter().find(|method| method.eq_ignore_ascii_case(word))?;
    // All capitals or all lowercase (the word is all letters, being a method).
    if word != method && word.bytes().any(|byte| byte.is_ascii_uppercase()) {
        return None;
    }
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    // The prefixes hold no whitespace: the URL's first word starts with one exactly when the URL does, so the
    // word is only looked for (the URL scanned) when none matches.
    let starts = |prefix: &str| starts_with_ignore_ascii_case(url, prefix);
    let url_like = url.starts_with('/')
        || starts("https://")
        || starts("http://")
        || starts("graph.microsoft.com/")
        // `GET me/events`, `GET users?$top=2`: a relative path; code (`delete obj.x;`) has other characters.
        || first_word(url).is_some_and(|first| {
            first.chars().all(|c| c.is_alphanumeric() || "/{}$?=&-_.'(),:@%".contains(c))
                && first.starts_with(|c: char| c.is_ascii_alphabetic())
                && (first.contains('/') || (word == method && !first.contains(['(', ')'])))
        });
    url_like.then_some((method, url))
}

fn starts_like_status_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() > 5
        && bytes[..4].eq_ignore_ascii_case(b"HTTP")
        && (bytes[4] == b'/' || bytes[4] == b' ' || bytes[4] == b'\t' || line[4..].starts_with('\u{202f}'))
}

/// `HTTP/1.1 200 OK`, `HTTP/2 200`, `HTTP 201 Created`, `HTTP code: 200 OK`: the status and the reason phrase.
fn status_line(line: &str) -> Option<(u16, Option<CompactString>)> {
    if !starts_like_status_line(line) {
        return None;
    }
    let rest = line[4..].trim_start_matches(|c: char| c == '/' || c == '.' || c.is_ascii_digit());
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("code:").or_else(|| rest.strip_prefix("Code:")).unwrap_or(rest).trim_start();
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let status: u16 = rest[..digits].parse().ok().filter(|status| (100..=599).contains(status) && digits == 3)?;
    let reason = rest[digits..].trim();
    Some((status, (!reason.is_empty()).then(|| reason.into())))
}

/// `Name: value` (also `Name:value`); the name is a token, the value is not `//host` (a URL is not a header).
fn header(line: &str) -> Option<(CompactString, CompactString)> {
    header_parts(line).map(|(name, value)| (name.into(), value.into()))
}

/// The name and value of the header `line`, without copying them: the test of [`header`].
fn header_parts(line: &str) -> Option<(&str, &str)> {
    let line = trim(line);
    let bytes = line.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    // The name runs over token bytes, which hold no `:`, so it ends at the first `:` exactly when the first byte
    // that is no token byte is that `:`.
    let name_end = bytes.iter().position(|&byte| !(byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'))?;
    if bytes[name_end] != b':' {
        return None;
    }
    let value = trim(&line[name_end + 1..]);
    (!value.starts_with("//")).then_some((&line[..name_end], value))
}

/// A line that starts a body: JSON, XML/HTML, a MIME boundary, or a JSON string.
fn starts_body(line: &str) -> bool {
    let line = trim_start(line);
    line.starts_with(['{', '[', '<', '"']) || line.starts_with("--")
}

/// The headers from byte `from` of `text`, the body after them and where it starts in the page (`offset` is the
/// text's file offset). `headers_after_blank`: whether headers may follow the blank line when none came before it.
fn head_and_body(
    text: &str,
    from: usize,
    offset: usize,
    headers_after_blank: bool,
    sink: &mut Sink,
) -> (Vec<(CompactString, CompactString)>, Option<Body>, Option<Position>) {
    // Lines are read lazily: the loop stops where the body starts, and a body can be thousands of lines long.
    let mut lines = lines_from(text, from);
    let mut headers = Vec::new();
    let mut extra_requests = None;
    let mut body_start = text.len();
    while let Some(line) = lines.next() {
        if line.trimmed.is_empty() {
            // A few requests put their headers after the blank line (`GET url`, blank, `Prefer: ...`): take a run
            // of header lines that ends the block or is followed by another blank line. Never in responses, whose
            // bodies can be MIME or vCard text made of `Name:value` lines.
            let mut after = lines.clone().skip_while(|line| line.trimmed.is_empty()).peekable();
            let Some(next) = after.peek().map(|line| line.at) else { break };
            let run = after.take_while(|line| !line.trimmed.is_empty());
            if headers_after_blank
                && headers.is_empty()
                && run.clone().all(|line| header_parts(line.trimmed).is_some() && !starts_body(line.trimmed))
            {
                let mut run_end = text.len();
                for line in run {
                    headers.extend(header(line.trimmed));
                    run_end = line.at + line.text.len();
                }
                lines = lines_from(text, run_end);
                continue;
            }
            body_start = next;
            break;
        }
        if starts_body(line.trimmed) {
            body_start = line.at;
            break;
        }
        match header(line.trimmed) {
            Some(found) => headers.push(found),
            // A block listing several `METHOD url` lines (templates shown as an example): reported once.
            None if request_line(line.trimmed).is_some() => {
                if extra_requests.is_none() {
                    extra_requests = Some(offset + line.at);
                }
            }
            None => sink.report(
                Code::HeaderMalformed,
                offset + line.at + (line.text.len() - trim_start(line.text).len()),
                format!("expected a `Name: value` header, found `{}`", excerpt(line.trimmed)),
            ),
        }
    }
    if let Some(at) = extra_requests {
        sink.report(
            Code::HeaderMalformed,
            at,
            "expected headers, found more `METHOD url` lines; only the first is read",
        );
    }
    let body_text = &text[body_start.min(text.len())..];
    let skipped = body_text.len() - trim_start(body_text).len();
    let body = parse_body(&body_text[skipped..], offset + body_start + skipped, sink);
    let at = body.as_ref().map(|_| body_position(text, body_start + skipped, offset, sink));
    (headers, body, at)
}

/// Where byte `at` of a code block's `text` (whose first line is at byte `offset` of the page) is in the page,
/// for a byte that starts its line's text. The text's lines are the page's, but a block in a list item has the
/// item's indentation taken off: the column is that of the page line's first character that is not blank.
pub fn body_position(text: &str, at: usize, offset: usize, sink: &Sink) -> Position {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line = sink.line_of(offset) + memchr::memchr_iter(b'\n', before).count() as u32;
    let page_line = sink.line_text(line);
    let indent = page_line.chars().take_while(|c| c.is_whitespace()).count();
    Position { line, col: indent as u32 + 1 }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
