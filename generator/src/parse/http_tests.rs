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
    assert_eq!(request.headers[0], ("Authorization".into(), "Bearer x".into()));
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
    assert_eq!(request.headers, vec![("Content-type".into(), "application/json".into())]);
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
    assert_eq!(request.headers, vec![("Prefer".into(), "x".into())]);
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

/// The reading by `split_inclusive` and `str::trim` that [`head_and_body`] and [`opening`] replaced: they must
/// agree with it on every block.
mod by_characters {
    use super::super::{excerpt, parse_body, request_line, Body, Code, Sink};

    pub fn first_line(text: &str) -> Option<(usize, &str)> {
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            if !line.trim().is_empty() {
                return Some((start, line.trim()));
            }
            start += line.len();
        }
        None
    }

    pub fn line_length(text: &str) -> usize {
        text.find('\n').map_or(text.len(), |newline| newline + 1)
    }

    fn header(line: &str) -> Option<(String, String)> {
        let (name, value) = line.trim().split_once(':')?;
        let value = value.trim();
        let token = name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
        (token && !value.starts_with("//")).then(|| (name.to_owned(), value.to_owned()))
    }

    fn starts_body(line: &str) -> bool {
        line.trim_start().starts_with(['{', '[', '<', '"']) || line.trim_start().starts_with("--")
    }

    fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> + Clone {
        text[from..].split_inclusive('\n').scan(from, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line))
        })
    }

    pub fn head_and_body(
        text: &str,
        from: usize,
        offset: usize,
        headers_after_blank: bool,
        sink: &mut Sink,
    ) -> (Vec<(String, String)>, Option<Body>) {
        let mut lines = lines_from(text, from);
        let mut headers = Vec::new();
        let mut extra_requests = None;
        let mut body_start = text.len();
        while let Some((at, line)) = lines.next() {
            if line.trim().is_empty() {
                let mut after = lines.clone().skip_while(|(_, line)| line.trim().is_empty()).peekable();
                let Some(&(next, _)) = after.peek() else { break };
                let run = after.take_while(|(_, line)| !line.trim().is_empty());
                if headers_after_blank
                    && headers.is_empty()
                    && run.clone().all(|(_, line)| header(line).is_some() && !starts_body(line))
                {
                    let mut run_end = text.len();
                    for (at, line) in run {
                        headers.extend(header(line));
                        run_end = at + line.len();
                    }
                    lines = lines_from(text, run_end);
                    continue;
                }
                body_start = next;
                break;
            }
            if starts_body(line) {
                body_start = at;
                break;
            }
            match header(line) {
                Some(found) => headers.push(found),
                None if request_line(line.trim()).is_some() => {
                    if extra_requests.is_none() {
                        extra_requests = Some(offset + at);
                    }
                }
                None => sink.report(
                    Code::HeaderMalformed,
                    offset + at + (line.len() - line.trim_start().len()),
                    format!("expected a `Name: value` header, found `{}`", excerpt(line.trim())),
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
        let skipped = body_text.len() - body_text.trim_start().len();
        let body = parse_body(&body_text[skipped..], offset + body_start + skipped, sink);
        (headers, body)
    }
}

/// Both readings of `block`, from each line start, with and without headers after the blank line.
fn agrees_with_the_reading_by_characters(block: &str) {
    let expected = by_characters::first_line(block);
    let found = opening(block);
    assert_eq!(found.map(|opening| (opening.start, opening.line)), expected, "{block:?}");
    if let (Some(found), Some((start, _))) = (found, expected) {
        assert_eq!(found.end, start + by_characters::line_length(&block[start..]), "{block:?}");
    }
    let starts = std::iter::once(0).chain(block.match_indices('\n').map(|(at, _)| at + 1));
    for from in starts {
        for headers_after_blank in [false, true] {
            let ours = with_sink(block, |text, offset, sink| {
                let (headers, body, _) = head_and_body(text, from, offset, headers_after_blank, sink);
                (headers, body)
            });
            let theirs = with_sink(block, |text, offset, sink| {
                by_characters::head_and_body(text, from, offset, headers_after_blank, sink)
            });
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{block:?} from {from}");
        }
    }
}

#[test]
fn lines_are_read_as_by_characters() {
    for block in [
        "",
        "\n",
        "GET /x\n\n",
        "GET /x\nA: b\n\n{\"a\": 1}\n",
        "POST /x\n\nPrefer: a\nB:c\n\n{}\n",
        "POST /x\n\nPrefer: a\n{}\n",
        "HTTP/1.1 200 OK\n\nBEGIN:VCARD\nVERSION:3.0\n",
        " \u{a0}\n\u{3000}GET /x\r\n\u{b}A : b\n\u{a0}C:\u{a0}d\u{a0}\n  --boundary\n",
        "GET /x\nGET /y\nbad header\nhost://x\nH: //x\n",
        "GET /x\né: ü\n  \n  [1, 2]\n  \n",
    ] {
        agrees_with_the_reading_by_characters(block);
    }
}

proptest::proptest! {
    #[test]
    fn lines_are_read_as_by_characters_on_any_block(
        lines in proptest::collection::vec(
            "[ \t\u{b}\u{a0}\u{3000}]{0,2}(GET /x|HTTP/1.1 200|[-_a-zA-Zé:/{\\[<\" \u{a0}\r]{0,8})[ \t\u{a0}\r]{0,2}",
            0..8,
        ),
        end_with_newline: bool,
    ) {
        let mut block = lines.join("\n");
        if end_with_newline {
            block.push('\n');
        }
        agrees_with_the_reading_by_characters(&block);
    }
}
