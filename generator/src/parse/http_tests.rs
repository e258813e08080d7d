//! Unit tests of example HTTP blocks, with hand-written fixtures.

use super::*;
use crate::diagnostics::{Diagnostic, LineIndex};

/// Parses `block` placed after a few lines of page text, so that offsets and lines are checked for real.
fn with_sink<T>(block: &str, parse: impl FnOnce(&str, usize, &mut Sink) -> T) -> (T, Vec<Diagnostic>) {
    let page = format!("# Title\n\n```http\n{block}```\n");
    let offset = page.find("```http\n").unwrap() + "```http\n".len();
    let index = LineIndex::new(&page);
    let mut diagnostics = Vec::new();
    let mut sink = Sink::new("page.md", &index, &mut diagnostics);
    let found = parse(&page[offset..offset + block.len()], offset, &mut sink);
    (found, diagnostics)
}

#[test]
fn recognises_requests_and_responses_by_their_first_line_only() {
    for request in ["GET https://graph.microsoft.com/v1.0/me", "\n  POST /me/sendMail\n", "get /me", "GET me/events"] {
        assert!(looks_like_request(request), "{request:?}");
    }
    for code in [
        "var user = await graphClient.Me.Request().GetAsync();",
        "const options = {\n  authProvider,\n};",
        "{\n  \"GET\": \"/me\"\n}",
        "delete obj.x;",
        "Get-MgUser -UserId $userId",
        "Get a list of users",
        "GET",
        "// GET /me\nGET /me",
        "HTTP/1.1 200 OK",
    ] {
        assert!(!looks_like_request(code), "{code:?}");
    }
    for response in ["HTTP/1.1 200 OK", "HTTP 201 Created", "\nHTTP/2 204", "HTTP/1.1\u{202f}202\u{202f}Accepted"] {
        assert!(looks_like_response(response), "{response:?}");
    }
    for other in ["https://graph.microsoft.com/v1.0/me", "HttpClient client = new();", "{ \"HTTP\": 1 }", "HTTP"] {
        assert!(!looks_like_response(other), "{other:?}");
    }
}

#[test]
fn request_line_url_is_split() {
    let block = "get https://graph.microsoft.com/beta/users?$filter=startswith(displayName,'a b') HTTP/1.1\n\
                 Authorization:Bearer x\nContent-Type: application/json\n\n{\"a\": 1}\n";
    let (request, diagnostics) = with_sink(block, parse_request);
    let request = request.unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(request.method, "GET");
    assert_eq!(request.url, "https://graph.microsoft.com/beta/users?$filter=startswith(displayName,'a b')");
    assert_eq!(request.api_version.as_deref(), Some("beta"));
    assert_eq!(request.path, "/users");
    assert_eq!(request.query.as_deref(), Some("$filter=startswith(displayName,'a b')"));
    assert_eq!(request.headers[0], ("Authorization".to_owned(), "Bearer x".to_owned()));
    assert_eq!(request.headers.len(), 2);
    assert_eq!(request.body, Some(Body::Json(serde_json::json!({"a": 1}).into())));
    assert_eq!(request.line, 4);
}

#[test]
fn relative_upload_and_odd_urls() {
    let (request, diagnostics) = with_sink("PUT https://sn3302.up.1drv.com/up/fe69?x=1\n\n<bytes>\n", parse_request);
    let request = request.unwrap();
    assert_eq!((request.api_version, request.path.as_str()), (None, "/up/fe69"));
    assert!(matches!(&request.body, Some(Body::Raw(raw)) if raw.trim() == "<bytes>"), "{:?}", request.body);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (request, _) = with_sink("POST me/events\n", parse_request);
    assert_eq!(request.unwrap().path, "/me/events");
    let (request, diagnostics) = with_sink("GET https://graph.microsoft.com/v1/users\n", parse_request);
    assert_eq!(request.unwrap().api_version.as_deref(), Some("v1"));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!((diagnostics[0].code, diagnostics[0].line), (Code::RequestUrlOddity, 4));
}

#[test]
fn headers_after_the_blank_line_and_bodies_without_one() {
    let (request, diagnostics) =
        with_sink("POST /x/wipe\n\nContent-type: application/json\n\n{\"a\": true}\n", parse_request);
    let request = request.unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(request.headers, vec![("Content-type".to_owned(), "application/json".to_owned())]);
    assert_eq!(request.body, Some(Body::Json(serde_json::json!({"a": true}).into())));
    let (request, _) = with_sink("GET /me/events/delta\n\nPrefer: odata.maxpagesize=2\n", parse_request);
    let request = request.unwrap();
    assert_eq!(request.headers.len(), 1);
    assert_eq!(request.body, None);
    let (request, _) = with_sink("PATCH /me\nContent-Type: application/json\n{\"city\": \"x\"}\n", parse_request);
    assert_eq!(request.unwrap().body, Some(Body::Json(serde_json::json!({"city": "x"}).into())));
}

#[test]
fn response_bodies_made_of_name_value_lines_stay_bodies() {
    let (response, diagnostics) = with_sink("HTTP/1.1 200 OK\n\nBEGIN:VCARD\nVERSION:3.0\n", parse_response);
    let response = response.unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(response.headers.is_empty());
    assert!(matches!(&response.body, Some(Body::Raw(raw)) if raw.starts_with("BEGIN:VCARD")), "{:?}", response.body);
    let (request, _) = with_sink("POST /x\nA: b\n\nFrom: me\nTo: you\n", parse_request);
    let request = request.unwrap();
    assert_eq!(request.headers.len(), 1);
    assert!(request.body.is_some());
}

#[test]
fn malformed_headers_are_reported_and_reading_goes_on() {
    let block = "POST /me/events\nContent-Type application/json\nPrefer: x\n\n{\"a\": 1}\n";
    let (request, diagnostics) = with_sink(block, parse_request);
    let request = request.unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!((diagnostics[0].code, diagnostics[0].line, diagnostics[0].col), (Code::HeaderMalformed, 5, 1));
    assert_eq!(request.headers, vec![("Prefer".to_owned(), "x".to_owned())]);
    assert!(request.body.is_some());
}

#[test]
fn several_request_lines_are_reported_once() {
    let (request, diagnostics) =
        with_sink("PUT /me/drive/items/{id}/content\nPUT /drives/{id}/content\nPUT /x\n", parse_request);
    assert_eq!(request.unwrap().path, "/me/drive/items/{id}/content");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!((diagnostics[0].code, diagnostics[0].line), (Code::HeaderMalformed, 5));
}

#[test]
fn status_lines() {
    let cases = [
        ("HTTP/1.1 200 OK", 200, Some("OK")),
        ("HTTP/1.1 204", 204, None),
        ("HTTP 201 Created", 201, Some("Created")),
        ("HTTP/2 200", 200, None),
        ("HTTP code: 200 OK", 200, Some("OK")),
        ("HTTP/1.1 202 Accpted", 202, Some("Accpted")),
        ("HTTP/1.1\u{202f}202\u{202f}Accepted", 202, Some("Accepted")),
    ];
    for (line, status, reason) in cases {
        let (found, diagnostics) =
            with_sink(&format!("{line}\nContent-Type: application/json\n\n{{}}\n"), parse_response);
        let found = found.unwrap_or_else(|| panic!("{line}: {diagnostics:?}"));
        assert_eq!((found.status, found.reason.as_deref()), (status, reason), "{line}");
        assert_eq!(found.headers.len(), 1);
        assert_eq!(found.line, 4);
    }
    for line in ["HTTP/1.1 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000", "HTTP/1.1 999 Nope"] {
        let (found, diagnostics) = with_sink(&format!("{line}\n"), parse_response);
        assert!(found.is_none(), "{line}");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].code, diagnostics[0].line), (Code::StatusLineUnreadable, 4));
    }
}

#[test]
fn unreadable_request_line_is_reported_at_its_line() {
    let (found, diagnostics) = with_sink("\n\nhttps://graph.microsoft.com/v1.0/me\n", parse_request);
    assert!(found.is_none());
    assert_eq!((diagnostics[0].code, diagnostics[0].line), (Code::RequestLineUnreadable, 6));
}

#[test]
fn no_input_panics() {
    let samples = ["", "\n", "GET", "GET é", "HTTP/", "HTTP/1.1 2é", "é: ü", "\n\n\n", "{", "a:\n\nb: c\n\n", "\r\n"];
    for first in samples {
        for second in samples {
            let block = format!("{first}\n{second}\n{first}");
            let _ = with_sink(&format!("GET /x\n{block}"), parse_request);
            let _ = with_sink(&format!("HTTP/1.1 200 OK\n{block}"), parse_response);
            let _ = with_sink(&block, parse_request);
            let _ = with_sink(&block, parse_response);
            let _ = (looks_like_request(&block), looks_like_response(&block));
        }
    }
}

#[test]
fn request_or_response_agrees_with_the_two_questions() {
    for text in
        ["GET /me", "\n get /me\n", "HTTP/1.1 200 OK", "HTTP", "{ \"a\": 1 }", "Get a list", "", "GET me/x\nHTTP/1.1"]
    {
        let expected = if looks_like_request(text) {
            Some(Exchange::Request)
        } else if looks_like_response(text) {
            Some(Exchange::Response)
        } else {
            None
        };
        assert_eq!(request_or_response(text), expected, "{text:?}");
    }
}

#[test]
fn the_first_word_is_found_as_split_whitespace_finds_it() {
    for text in ["", " ", "GET", "/me HTTP/1.1", "/me\tx", "/me\u{b}x", "/me\u{3000}x", " a b", "é/x y", "/x\u{a0}y"] {
        assert_eq!(super::first_word(text), text.split_whitespace().next(), "{text:?}");
    }
}
