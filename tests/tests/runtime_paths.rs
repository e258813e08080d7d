//! No argument changes which resource a request addresses: every path piece, cast, prefix, query name and header
//! either stays inside its place or is refused with a typed error.

use generated::runtime::blocking::{Client, Token};
use generated::runtime::{BaseUrl, Error, Operation, Place, Refused, RequestParts, Why};
use generated::v1_0::workbook_close_session::WorkbookCloseSession;
use generated::v1_0::workbook_create_session::WorkbookCreateSession;

/// Values that try to leave their place.
const HOSTILE: &[&str] = &[
    ".", "..", "../x", "a/../b", "%2e%2e", "%2E", ".%2e", "x?y#z", "", "/", "//", "a//b", "a/", "./a", "a/.", "a\\b",
    "..\\x", ":/x", "a:b", "?", "#", "%", "%2F", "a b", "\u{0}", "\r\n", "日本", "'", "''..''",
];

fn base() -> BaseUrl {
    BaseUrl::Custom("http://h/v1.0".into())
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// The request's path, split on `/` and each segment percent-decoded; the URI has no query or fragment.
fn decoded_segments(request: &http::Request<Vec<u8>>) -> Vec<String> {
    assert_eq!(request.uri().query(), None, "{}", request.uri());
    assert_eq!(request.uri().host(), Some("h"), "{}", request.uri());
    request.uri().path().split('/').map(decode).collect()
}

fn segments(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| (*text).to_owned()).collect()
}

/// Asserts that `result` is exactly the `expected` segments, or, when `expected` is `None`, a refusal at `place`.
fn assert_shape(
    value: &str,
    result: Result<http::Request<Vec<u8>>, Error>,
    expected: Option<Vec<String>>,
    place: Place,
) {
    match (result, expected) {
        (Ok(request), Some(expected)) => assert_eq!(decoded_segments(&request), expected, "value {value:?}"),
        (Err(Error::Refused(refused)), None) => {
            assert_eq!(refused.place, place, "value {value:?}");
            assert_eq!(refused.value, value);
        }
        (result, expected) => panic!("value {value:?}: expected {expected:?}, got {result:?}"),
    }
}

fn is_dot_or_empty(segment: &str) -> bool {
    matches!(segment, "" | "." | "..")
}

#[test]
fn a_path_parameter_is_one_segment_or_refused() {
    for &value in HOSTILE {
        let request = RequestParts::at(
            "GET",
            &[generated::runtime::Piece::Literal("/drives/"), generated::runtime::Piece::Segment(value)],
        )
        .into_request(&base());
        let expected = (!is_dot_or_empty(value)).then(|| segments(&["", "v1.0", "drives", value]));
        assert_shape(value, request, expected, Place::Segment);
        // The same through a generated constructor, with a literal after the parameter.
        let expected = (!is_dot_or_empty(value))
            .then(|| segments(&["", "v1.0", "me", "drive", "items", value, "workbook", "createSession"]));
        assert_shape(
            value,
            WorkbookCreateSession::me_by_item_id(value).into_request(&base()),
            expected,
            Place::Segment,
        );
    }
}

#[test]
fn an_item_path_keeps_its_own_segments_or_is_refused() {
    for &value in HOSTILE {
        let own: Vec<&str> = value.strip_prefix('/').unwrap_or(value).split('/').collect();
        let refused = own.iter().any(|segment| is_dot_or_empty(segment)) || value.contains([':', '\\']);
        let expected = (!refused).then(|| {
            let mut expected = segments(&["", "v1.0", "me", "drive", "root:"]);
            expected.extend(own.iter().map(|segment| (*segment).to_owned()));
            expected.last_mut().expect("one segment at least").push(':');
            expected.extend(segments(&["workbook", "closeSession"]));
            expected
        });
        assert_shape(
            value,
            WorkbookCloseSession::me_by_item_path(value).into_request(&base()),
            expected,
            Place::ItemPath,
        );
    }
}

#[test]
fn a_quoted_value_stays_inside_its_literal() {
    for &value in HOSTILE {
        let request = RequestParts::at(
            "GET",
            &[
                generated::runtime::Piece::Literal("/workbook/worksheets('"),
                generated::runtime::Piece::Quoted(value),
                generated::runtime::Piece::Literal("')/range"),
            ],
        )
        .into_request(&base());
        let inside = format!("worksheets('{}')", value.replace('\'', "''"));
        let expected = Some(segments(&["", "v1.0", "workbook", &inside, "range"]));
        assert_shape(value, request, expected, Place::Segment);
    }
}

#[test]
fn a_cast_is_one_segment_or_refused() {
    for &value in HOSTILE.iter().chain(&["microsoft.graph.group"]) {
        let request = WorkbookCloseSession::me_by_item_id("s").cast(value).into_request(&base());
        let expected = (!is_dot_or_empty(value))
            .then(|| segments(&["", "v1.0", "me", "drive", "items", "s", "workbook", "closeSession", value]));
        assert_shape(value, request, expected, Place::Cast);
    }
}

#[test]
fn a_prefix_adds_only_its_own_segments_or_is_refused() {
    let template = ["me", "drive", "items", "s", "workbook", "closeSession"];
    let fine = ["", "/", "/me/drive/items/01AB", "/sites/contoso.sharepoint.com:/sites/x:", "/users/a%2Fb/"];
    let absolute: Vec<String> = HOSTILE.iter().map(|value| format!("/{value}")).collect();
    for value in HOSTILE.iter().copied().chain(fine).chain(absolute.iter().map(String::as_str)) {
        let request = WorkbookCloseSession::me_by_item_id("s").under(value).into_request(&base());
        let trimmed = value.trim_end_matches('/');
        let own: Vec<String> = trimmed.split('/').skip(1).map(decode).collect();
        let refused = (!trimmed.is_empty() && !trimmed.starts_with('/'))
            || own.iter().any(|segment| is_dot_or_empty(segment))
            || trimmed.contains(['?', '#', '\\', ' ', '\u{0}', '\r', '\n']);
        let expected = (!refused).then(|| {
            let mut expected = segments(&["", "v1.0"]);
            expected.extend(own);
            expected.extend(template.iter().map(|segment| (*segment).to_owned()));
            expected
        });
        assert_shape(value, request, expected, Place::Prefix);
    }
    for value in fine {
        assert!(WorkbookCloseSession::me_by_item_id("s").under(value).into_request(&base()).is_ok(), "{value:?}");
    }
}

#[test]
fn the_first_refusal_is_kept_and_explained() {
    let error =
        WorkbookCloseSession::me_by_item_id("..").cast(".").under("x").into_request(&base()).expect_err("refused");
    let Error::Refused(refused) = &error else { panic!("{error:?}") };
    assert_eq!(refused, &Refused { place: Place::Segment, why: Why::Dots, value: "..".into() });
    assert!(error.to_string().contains("would change the request's path"), "{error}");
    let Err(Error::Refused(refused)) = WorkbookCloseSession::me_by_item_path("a:b").into_request(&base()) else {
        panic!("a colon in an item path is refused")
    };
    assert_eq!(refused.why, Why::Character(':'));
}

#[test]
fn the_client_sends_nothing_for_a_refused_argument() {
    // Port 9 (discard) on loopback: a request that went out would fail as a transport error instead.
    let client = Client::new(BaseUrl::Custom("http://127.0.0.1:9/v1.0".into()), Token::new("t"));
    let error = client.send(WorkbookCloseSession::me_by_item_id("..")).expect_err("refused");
    assert!(matches!(error, Error::Refused(Refused { why: Why::Dots, .. })), "{error:?}");
}

#[test]
fn a_query_name_or_value_adds_no_parameter() {
    let pairs: &[(&str, &str)] =
        &[("a&b=c#d;e", "1&x=2#f"), ("=", "="), ("%26", "%3D"), ("+", "+ +"), ("$filter", "name eq 'a&b'")];
    let mut operation = WorkbookCloseSession::me_by_item_id("s").select(&["id&$top=1", "name#x"]);
    for (name, value) in pairs {
        operation = operation.query(name, value);
    }
    let request = operation.into_request(&base()).expect("builds");
    let query = request.uri().query().expect("a query");
    let sent: Vec<(String, String)> = query
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .map(|(name, value)| (decode(name), decode(value)))
        .collect();
    let mut expected = vec![("$select".to_owned(), "id&$top=1,name#x".to_owned())];
    expected.extend(pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    assert_eq!(sent, expected, "{query}");
}

#[test]
fn a_header_with_a_line_break_is_a_typed_error() {
    for (name, value) in
        [("X-A", "v\r\nInjected: 1"), ("X-A\r\nInjected", "1"), ("X-A", "v\nx"), ("", "v"), ("X A", "v")]
    {
        let result = WorkbookCloseSession::me_by_item_id("s").header(name, value).into_request(&base());
        assert!(matches!(result, Err(Error::Http(_))), "{name:?}: {value:?}: {result:?}");
    }
}
