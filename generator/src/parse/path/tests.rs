//! Unit tests of the path template parser, with hand-written fixtures.

use super::*;
use crate::ir::{Segment, TemplatePart};

fn lit(text: &str) -> TemplatePart {
    TemplatePart::Literal(text.into())
}

fn param(names: &[&str]) -> TemplatePart {
    TemplatePart::Param(names.iter().map(|name| (*name).into()).collect())
}

fn literal(value: &str) -> Segment {
    Segment::Literal { value: value.into() }
}

fn param_segment(names: &[&str]) -> Segment {
    Segment::Param { names: names.iter().map(|name| (*name).into()).collect() }
}

fn round_trips(template: &PathTemplate) {
    let again = parse_template(&template.with_query());
    assert_eq!(&again, template, "`{}` does not read back to itself", template.with_query());
}

#[test]
fn literals_params_and_alternatives() {
    let (method, template) = parse_operation_line("GET /users/{ id | userPrincipalName }/events/{id}").unwrap();
    assert_eq!(method, "GET");
    assert_eq!(
        template.segments,
        vec![literal("users"), param_segment(&["id", "userPrincipalName"]), literal("events"), param_segment(&["id"])]
    );
    assert_eq!(template.to_string(), "/users/{id | userPrincipalName}/events/{id}");
    assert_eq!(parse_template("/worksheets/{id|name}").segments[1], param_segment(&["id", "name"]));
    round_trips(&template);
}

#[test]
fn odd_placeholders_are_normalised_with_notes() {
    let (_, template, notes) = parse_operation_line_noted("get /teams/(team-id)/x/<resourceId>/{group-id").unwrap();
    assert_eq!(
        template.segments,
        vec![
            literal("teams"),
            param_segment(&["team-id"]),
            literal("x"),
            param_segment(&["resourceId"]),
            param_segment(&["group-id"])
        ]
    );
    assert_eq!(notes.len(), 4, "{notes:?}");
    assert!(notes[0].contains("capitals"), "{notes:?}");
    let users = parse_template("/users/{user-id} | user-principal-name/chats");
    assert_eq!(users.segments[1], param_segment(&["user-id", "user-principal-name"]));
    assert_eq!(parse_template("/x/{eDiscoveryCaseId}}").segments[1], param_segment(&["eDiscoveryCaseId"]));
    assert_eq!(parse_template("/x/{tenant   id}").segments[1], param_segment(&["tenant id"]));
}

#[test]
fn item_paths_span_slashes() {
    let template = parse_template("/me/drive/root:/{item-path}:/workbook/createSession");
    assert_eq!(
        template.segments,
        vec![
            literal("me"),
            literal("drive"),
            Segment::ItemPath { prefix: vec![lit("root")], path: vec![param(&["item-path"])] },
            literal("workbook"),
            literal("createSession"),
        ]
    );
    assert_eq!(template.to_string(), "/me/drive/root:/{item-path}:/workbook/createSession");
    let nested = parse_template("/drive/items/{parent-id}:/folder/{filename}:/content");
    assert_eq!(
        nested.segments[2],
        Segment::ItemPath { prefix: vec![param(&["parent-id"])], path: vec![lit("folder/"), param(&["filename"])] }
    );
    let (open, notes) = parse_template_noted("/sites/{hostname}:/{server-relative-path}");
    assert!(matches!(&open.segments[1], Segment::ItemPath { .. }), "{open:?}");
    assert!(notes.iter().any(|note| note.contains("not closed")), "{notes:?}");
    // A colon inside an id is not an item path.
    assert_eq!(parse_template("/chats/19:abc@thread.v2/messages").segments[1], literal("19:abc@thread.v2"));
    for template in [template, nested, open] {
        round_trips(&template);
    }
}

#[test]
fn functions_keys_casts_and_system_segments() {
    let template = parse_template(
        "/workbook/worksheets('{id}')/range(address = '{address}')/image(width={w}, height={h})/delta()/charts(<name>)",
    );
    assert_eq!(
        template.segments[1],
        Segment::Key { name: "worksheets".into(), key: vec![lit("'"), param(&["id"]), lit("'")] }
    );
    assert_eq!(
        template.segments[2],
        Segment::Function {
            name: "range".into(),
            params: vec![("address".into(), vec![lit("'"), param(&["address"]), lit("'")])]
        }
    );
    assert_eq!(
        template.segments[3],
        Segment::Function {
            name: "image".into(),
            params: vec![("width".into(), vec![param(&["w"])]), ("height".into(), vec![param(&["h"])])]
        }
    );
    assert_eq!(template.segments[4], Segment::Function { name: "delta".into(), params: vec![] });
    assert_eq!(template.segments[5], Segment::Key { name: "charts".into(), key: vec![param(&["name"])] });
    round_trips(&template);
    let cast = parse_template("/users/{id}/memberOf/microsoft.graph.group/$count");
    assert_eq!(cast.segments[3], Segment::Cast { type_name: "microsoft.graph.group".into() });
    assert_eq!(cast.segments[4], Segment::System { name: "$count".into() });
    let (short, notes) = parse_template_noted("/directory/graph.samlFederation/$ref");
    assert_eq!(short.segments[1], Segment::Cast { type_name: "microsoft.graph.samlFederation".into() });
    assert_eq!(notes.len(), 1);
    assert_eq!(parse_template("/contoso.sharepoint.com,a,b").segments[0], literal("contoso.sharepoint.com,a,b"));
}

#[test]
fn queries_split_outside_quotes_and_parentheses() {
    let template = parse_template("/me/search(q='what?')?$expand=children($filter=name eq 'a?b')&$top=2 HTTP/1.1");
    assert_eq!(
        template.segments[1],
        Segment::Function { name: "search".into(), params: vec![("q".into(), vec![lit("'what?'")])] }
    );
    assert_eq!(template.query.as_deref(), Some("$expand=children($filter=name eq 'a?b')&$top=2"));
    round_trips(&template);
    let plain = parse_template("/users?$filter=startswith(displayName,'a')");
    assert_eq!(plain.segments, vec![literal("users")]);
    assert_eq!(plain.query.as_deref(), Some("$filter=startswith(displayName,'a')"));
}

#[test]
fn urls_lose_host_and_version_and_oddities_are_noted() {
    let (_, template, notes) =
        parse_operation_line_noted("POST https://graph.microsoft.com/v1.0/me/sendMail HTTP/1.1").unwrap();
    assert_eq!(template.to_string(), "/me/sendMail");
    assert!(notes.is_empty(), "{notes:?}");
    let (_, template, notes) = parse_operation_line_noted("GET https://graph.microsoft.com/v1/users/{id}").unwrap();
    assert_eq!(template.to_string(), "/users/{id}");
    assert!(notes[0].contains("`v1`"), "{notes:?}");
    let (_, template, notes) = parse_operation_line_noted("DELETE/identity/{id}/$ref").unwrap();
    assert_eq!(template.to_string(), "/identity/{id}/$ref");
    assert_eq!(notes.len(), 1);
    let (_, template, _) = parse_operation_line_noted("`GET /me/drive/items/{item\\_id}`").unwrap();
    assert_eq!(template.to_string(), "/me/drive/items/{item_id}");
    let mut notes = Vec::new();
    let parts = split_url("https://graph/microsoft.com/beta/groups?$top=1", &mut notes);
    assert_eq!(parts.api_version.as_deref(), Some("beta"));
    assert_eq!((&*parts.path, parts.query), ("/groups", Some("$top=1")));
    let upload = split_url("https://sn3302.up.1drv.com/up/fe6987", &mut notes);
    assert_eq!((upload.api_version.as_deref(), &*upload.path, upload.is_graph()), (None, "/up/fe6987", false));
    let mut notes = Vec::new();
    let upper = split_url("https://graph.microsoft.com/V1.0/chats", &mut notes);
    assert_eq!((upper.api_version.as_deref(), notes.len()), (Some("v1.0"), 1));
    let relative = split_url("me/events", &mut notes);
    assert_eq!(relative.path, "/me/events");
}

#[test]
fn prose_and_junk_are_errors() {
    for line in [
        "Get a list of documents that the signed-in user has modified:",
        "Get a [governanceRoleAssignment](../resources/x.md) on a resource",
        "Delete the specified permissions of a group calendar:",
        "GET ** Entity URI for microsoft.management.x not found",
        "GET https://graph.microsoft.com/beta** Entity URI for x not found",
        "workbook-session-id: {session-id}",
        "or",
        "/me/drive/items/{id}",
        "GET",
        "",
    ] {
        let error = parse_operation_line(line).expect_err(line);
        assert!(error.starts_with("expected"), "{error}");
    }
    assert!(parse_operation_line("workbook-session-id: {session-id}").unwrap_err().contains("workbook-session-id:"));
}

#[test]
fn odd_segments_are_kept_as_mixed_text_that_round_trips() {
    for path in [
        "/servicePrincipals/{id}/tokenLifetimePolicies/{id}$ref",
        "/x/subjectRightsRequests{subjectRightsRequestId}",
        "/directoryRoles/roleTemplateId={roleTemplateId}",
        "/x/getRoleScopeTagsByIds(ids=[",
        "/x/itemAt(index={index})range",
        "/healthOverviews/Microsoft 365 suite?$expand=issues",
        "/x/range(address='<address>'",
        "/x/(",
        "/x/{}",
        "/x/<>/$/~/...",
        "/a:/b/c",
        "/root:",
        "/é(ü='{ö}')/ü:/{x}:",
    ] {
        let template = parse_template(path);
        round_trips(&template);
    }
    let repaired = parse_template("/x/range(address='<address>'/entireRow");
    assert!(matches!(&repaired.segments[1], Segment::Function { name, .. } if name == "range"), "{repaired:?}");
    assert_eq!(repaired.segments[2], literal("entireRow"));
    assert_eq!(parse_template("/keys/'{keyId}'").segments[1], param_segment(&["keyId"]));
    let mixed = parse_template("/x/{id}$ref");
    assert_eq!(mixed.segments[1], Segment::Mixed { parts: vec![param(&["id"]), lit("$ref")] });
}

#[test]
fn no_input_panics() {
    let samples =
        ["", "/", "?", "{", "}", "(", ")", "'", ":", "/:/", "{(}", "('", "a(b='", "é/ü:", "GET é", "GET /\u{202f}"];
    for sample in samples {
        let _ = parse_operation_line(sample);
        let _ = parse_template(sample);
        for other in samples {
            let joined = format!("GET /{sample}{other}/{sample}");
            let _ = parse_operation_line(&joined);
            round_trips(&parse_template(&format!("{sample}/{other}")));
        }
    }
}

#[test]
fn is_operation_line_agrees_with_parsing() {
    for line in [
        "GET /me",
        "get /me",
        "get https://graph.microsoft.com/v1.0/me",
        "GET/me/events",
        "`GET /users/{id}`",
        "POST /me/sendMail HTTP/1.1",
        "GET me/events",
        "Get a list of users",
        "GET",
        "GET ",
        "Delete **this** /x",
        "PATCH /users/{id} and more text",
        "GET /users?$filter=startswith(displayName,'a b')",
        "GETTER /x",
        "GET: /x",
        "HEAD {id}",
        "options ~/x",
        "fetch the widget",
        "",
    ] {
        assert_eq!(is_operation_line(line), parse_operation_line(line).is_ok(), "{line:?}");
    }
}

#[test]
fn http_versions_are_stripped_only_after_whitespace() {
    assert_eq!(strip_http_version("/me HTTP/1.1 "), ("/me", true));
    assert_eq!(strip_http_version("/me  http/2"), ("/me", true));
    assert_eq!(strip_http_version("/me\u{3000}HTTP/"), ("/me", true));
    assert_eq!(strip_http_version("/meHTTP/1.1"), ("/meHTTP/1.1", false));
    assert_eq!(strip_http_version("HTTP/1.1"), ("HTTP/1.1", false));
    assert_eq!(strip_http_version("/me HTTP/1.1x"), ("/me HTTP/1.1x", false));
    assert_eq!(strip_http_version("/v1.0"), ("/v1.0", false));
}

#[test]
fn words_with_spaces_in_names_and_brackets_keep_their_reading() {
    // Plain words take a shortcut: casts, literals and names with odd whitespace still read as before.
    let template = parse_template("/users/{ id\u{a0}x }/graph.user/microsoft.graph.group/a-b_c.d/$count");
    assert_eq!(template.segments[1], param_segment(&["id x"]));
    assert_eq!(template.segments[2], Segment::Cast { type_name: "microsoft.graph.user".into() });
    assert_eq!(template.segments[3], Segment::Cast { type_name: "microsoft.graph.group".into() });
    assert_eq!(template.segments[4], literal("a-b_c.d"));
    assert_eq!(template.segments[5], Segment::System { name: "$count".into() });
}
