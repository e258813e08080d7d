use super::*;
use crate::diagnostics::{Diagnostic, LineIndex};
use proptest::prelude::*;
use serde_json::json;

fn lenient(text: &str) -> (Value, Vec<&'static str>) {
    let (value, repairs) = parse_lenient(text).unwrap_or_else(|error| panic!("{text:?} unreadable: {error}"));
    (value, repairs.iter().map(|repair| repair.what).collect())
}

/// Parses `body` placed at `offset` of a page made of `page`, returning the body and the diagnostics.
fn body_in(page: &str, offset: usize) -> (Option<Body>, Vec<Diagnostic>) {
    let index = LineIndex::new(page);
    let mut diagnostics = Vec::new();
    let body = parse_body(&page[offset..], offset, &mut Sink::new("page.md", &index, &mut diagnostics));
    (body, diagnostics)
}

#[test]
fn strict_json_has_no_repairs() {
    assert_eq!(lenient("{\"a\": [1, 2.5, \"x\"]}"), (json!({"a": [1, 2.5, "x"]}), vec![]));
    assert_eq!(lenient("42"), (json!(42), vec![]));
}

#[test]
fn comments_and_trailing_commas() {
    let (value, repairs) = lenient("{\n  // the id\n  \"id\": \"1\", /* inline */\n  \"list\": [1, 2,],\n}");
    assert_eq!(value, json!({"id": "1", "list": [1, 2]}));
    assert_eq!(
        repairs,
        ["`//` comment removed", "`/* */` comment removed", "trailing comma removed", "trailing comma removed"]
    );
}

#[test]
fn slashes_inside_strings_are_not_comments() {
    let (value, repairs) = lenient("{\"url\": \"https://graph.microsoft.com/v1.0/me\", \"a\": 1,}");
    assert_eq!(value, json!({"url": "https://graph.microsoft.com/v1.0/me", "a": 1}));
    assert_eq!(repairs, ["trailing comma removed"]);
}

#[test]
fn elisions_in_objects_arrays_and_values() {
    let (value, repairs) = lenient("{\"a\": 1, ...}");
    assert_eq!((value, repairs), (json!({"a": 1}), vec!["`...` elision skipped"]));
    let (value, _) = lenient("{\"value\": [ {\"id\": 1}, {...}, … ]}");
    assert_eq!(value, json!({"value": [{"id": 1}, {}]}));
    let (value, repairs) = lenient("{\"value\": ..., \"b\": 2}");
    assert_eq!(value, json!({"value": null, "b": 2}));
    assert_eq!(repairs, ["`...` elided value read as null"]);
}

#[test]
fn unquoted_keys_single_quotes_and_missing_commas() {
    let (value, repairs) = lenient("{isCollection: true, 'name': 'its'}");
    assert!(repairs.contains(&"unquoted key quoted"), "{repairs:?}");
    assert!(value.get("isCollection") == Some(&json!(true)), "{value}");
    let (value, repairs) = lenient("{\"a\": \"x\"\n \"b\": [1 2]}");
    assert_eq!(value, json!({"a": "x", "b": [1, 2]}));
    assert_eq!(repairs, ["missing comma inserted", "missing comma inserted"]);
    let (value, _) = lenient("{'say': 'a \"b\" \\'c\\''}");
    assert_eq!(value, json!({"say": "a \"b\" 'c'"}));
}

#[test]
fn odd_whitespace_and_raw_line_breaks() {
    let (value, repairs) = lenient("{\u{a0}\"a\":\u{200b} \"line one\nline two\"}");
    assert_eq!(value, json!({"a": "line one\nline two"}));
    assert_eq!(repairs[..2], ["unusual whitespace (no-break or zero-width space)"; 2]);
    assert_eq!(repairs[2], "raw line break or tab in a string escaped");
}

#[test]
fn unclosed_string_before_the_next_member_is_closed() {
    let (value, repairs) = lenient("{\n  \"description\": \"User delete apps,\n  \"keywords\": \"\"\n}");
    assert_eq!(value, json!({"description": "User delete apps", "keywords": ""}));
    assert_eq!(repairs, ["unclosed string closed at the end of its line", "missing comma inserted"]);
}

#[test]
fn missing_opening_quote_and_unquoted_words() {
    let (value, _) = lenient("{\n  \"description\": fooBar resource\",\n  \"k\": \"\"\n}");
    assert_eq!(value, json!({"description": "fooBar resource", "k": ""}));
    let (value, repairs) = lenient("{\"type\": String, \"n\": null}");
    assert_eq!(value, json!({"type": "String", "n": null}));
    assert_eq!(repairs, ["unquoted value read as a string"]);
    let (value, _) = lenient("{\"at\": 2018-04-01T12:39:16Z, \"d\": 00:00:00 // comment\n, \"n\": -1.5e3}");
    assert_eq!(value, json!({"at": "2018-04-01T12:39:16Z", "d": "00:00:00", "n": -1.5e3}));
    let (value, _) = lenient("{“url”: “/me?a=b”,}");
    assert_eq!(value, json!({"url": "/me?a=b"}));
    let (value, _) = lenient("{\"method\": \"GET”,\n \"say\": \"a ”quote” b\"}");
    assert_eq!(value, json!({"method": "GET", "say": "a ”quote” b"}));
}

#[test]
fn entities_and_trailing_text_only_where_allowed() {
    let text = "{ \"tocPath&quot;: &quot;Bundles/List\" } // Note: old\n```";
    assert!(parse_lenient(text).is_err());
    let (value, repairs) = parse_with(text, ANNOTATION).expect("annotation leniency reads it");
    assert_eq!(value, json!({"tocPath": "Bundles/List"}));
    let whats: Vec<_> = repairs.iter().map(|repair| repair.what).collect();
    assert_eq!(
        whats,
        ["HTML entity decoded", "HTML entity decoded", "`//` comment removed", "text after the JSON value ignored"]
    );
    assert_eq!(repairs[0].offset, text.find('&').unwrap_or(usize::MAX));
}

#[test]
fn unreadable_texts_say_where() {
    let error = parse_lenient("{\"a\": 1,\n \"b\": <bytes>}").expect_err("not JSON");
    assert!(error.contains("line 2"), "{error}");
    assert!(parse_lenient("[[[[").is_err());
    assert!(parse_lenient(&"[".repeat(10_000)).is_err(), "deep nesting must fail, not overflow");
    assert!(parse_lenient("{\"a\": \"never closed}").is_err());
    assert!(parse_lenient("{\"a\": 1 /* open").is_err());
}

#[test]
fn body_repairs_point_into_the_file() {
    // The body starts after a blank line and leading spaces; the trailing comma is on line 4.
    let page = "POST /me\n\n   {\n  \"a\": 1,\n}\n";
    let (body, diagnostics) = body_in(page, 9);
    assert_eq!(body, Some(Body::Json(json!({"a": 1}).into())));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!((diagnostics[0].code, diagnostics[0].line, diagnostics[0].col), (Code::BodyJsonRepaired, 4, 9));
}

#[test]
fn repeated_repairs_give_one_diagnostic_naming_the_lines() {
    let page = "{\n\"a\": [1,],\n\"b\": [2,],\n\"c\": [3,],\n}";
    let (_, diagnostics) = body_in(page, 0);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(diagnostics[0].message.contains("also on line 3, 4)"), "{}", diagnostics[0].message);
}

#[test]
fn non_json_bodies_stay_raw_quietly() {
    for text in [
        "<bytes of the file>",
        "a,b,c\n1,2,3",
        "--boundary\nContent-Type: text/plain",
        "[Zip file containing a package]",
        "{Raw bytes of the file}",
    ] {
        let (body, diagnostics) = body_in(text, 0);
        assert_eq!(body, Some(Body::Raw(text.into())));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
    assert_eq!(body_in("  17\n", 0).0, Some(Body::Json(json!(17).into())));
    assert_eq!(body_in(" \n ", 0).0, None);
}

#[test]
fn broken_json_bodies_stay_raw_with_a_note() {
    let page = "{\n  \"content\": <binary>\n}";
    let (body, diagnostics) = body_in(page, 0);
    assert_eq!(body, Some(Body::Raw(page.into())));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!((diagnostics[0].code, diagnostics[0].line, diagnostics[0].col), (Code::BodyNotJson, 2, 14));
}

#[test]
fn strict_error_offsets_follow_serde_json() {
    // serde_json counts columns in bytes; the offset must land on the `<`, after a two-character CJK key.
    let text = "{\n  \"创建\": <x>\n}";
    let error = parse_with(text, ANNOTATION).expect_err("unreadable");
    assert_eq!(line_col(text, error.strict_offset), (2, 9));
    assert_eq!(error.lenient.offset, text.find('<').unwrap_or(usize::MAX));
}

fn arbitrary_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[ -~]{0,8}|\\PC{0,4}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// `from_str` gives what serde_json gives: the value with its key order (compared as text, since maps compare
/// without order), or the same error.
fn same_as_serde(text: &str) -> Result<(), String> {
    let ours = from_str(text).map(|value| value.to_string()).map_err(|error| error.to_string());
    let theirs = serde_json::from_str::<Value>(text).map(|value| value.to_string()).map_err(|error| error.to_string());
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("{text:?}: ours {ours:?}, serde_json {theirs:?}"))
    }
}

#[test]
fn strict_reading_matches_serde_json() {
    for text in [
        "{\"b\": 1, \"a\": [true, null, -0.0, 1e400, 18446744073709551616, -9223372036854775808], \"c\": {}}",
        // A repeated key keeps its first place and takes its last value.
        "{\"x\": 1, \"y\": 2, \"x\": {\"z\": [3]}}",
        "[[], [[1, 2], {\"k\": \"v\\u00e9\\n\"}], \"s\"]",
        "  \"text\"  ",
        "{\"a\": 1,}",
        "{\"a\": [1, 2}",
        "[1] x",
        "{a: 1}",
        "",
    ] {
        same_as_serde(text).unwrap_or_else(|message| panic!("{message}"));
    }
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    same_as_serde(&deep).unwrap_or_else(|message| panic!("{message}"));
    // A failed reading leaves nothing behind for the next one (the stacks are kept between readings).
    assert!(from_str("{\"a\": [1, {\"b\": 2, \"c\": [3").is_err());
    assert_eq!(from_str("{\"d\": [4]}").map(|value| value.to_string()).ok().as_deref(), Some("{\"d\":[4]}"));
}

proptest! {
    /// The strict reader agrees with serde_json on any text, JSON or not.
    #[test]
    fn strict_reading_matches_serde_json_anywhere(
        value in arbitrary_value(),
        text in "[\\[\\]{}:,\"a-c0-9e.+ -]{0,40}",
    ) {
        let json = serde_json::to_string(&value).map_err(|error| TestCaseError::fail(error.to_string()))?;
        for text in [json.as_str(), text.as_str()] {
            prop_assert!(same_as_serde(text).is_ok(), "{}", same_as_serde(text).unwrap_err());
        }
    }


    /// serde_json-valid text reads as exactly serde_json's value, with no repairs: through `parse_lenient`
    /// and through the lenient reader alone, so the reader itself is checked too.
    #[test]
    fn strict_json_reads_identically(value in arbitrary_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
        let text = text.map_err(|error| TestCaseError::fail(error.to_string()))?;
        let strict: Value = serde_json::from_str(&text).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(parse_lenient(&text), Ok((strict.clone(), Vec::new())));
        // Not with entities: a strict string may hold `&amp;`, which an annotation reading would decode.
        for leniency in [BODY, Leniency { entities: false, trailing_text: true }] {
            let alone = lenient::read(&text, leniency);
            prop_assert_eq!(alone, Ok((strict.clone(), Vec::new())), "{}", text);
        }
    }

    /// No input makes the readers panic.
    #[test]
    fn never_panics(text in "[\\[\\]{}:,\"'./*a-z0-9 \\n\\\\&;#…\u{a0}-]{0,40}") {
        let _ = parse_lenient(&text);
        let _ = parse_with(&text, ANNOTATION);
    }
}
