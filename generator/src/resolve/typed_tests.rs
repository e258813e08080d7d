//! Resolve fixtures for the typed API: collection pages, derived types, bodies from the body table, every
//! documented status, and the members the strict replay expects in catch-all maps. The pages are written here.

use super::model::{BodySource, ResponseBody, RustType, Untyped};
use super::resolve;
use crate::DocsTree;

pub(super) fn resource(name: &str, base: Option<&str>, properties: &[(&str, &str)]) -> String {
    let base = base.map(|base| format!(",\n  \"baseType\": \"microsoft.graph.{base}\"")).unwrap_or_default();
    let rows: String = properties.iter().map(|(name, ty)| format!("| {name} | {ty} | The {name}. |\n")).collect();
    let json: Vec<String> = properties.iter().map(|(name, ty)| format!("  \"{name}\": \"{ty}\"")).collect();
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
         Namespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}\n\
         ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\"{base}\n}} -->\n\
         ```json\n{{\n{}\n}}\n```\n",
        json.join(",\n")
    )
}

pub(super) fn api(title: &str, request_line: &str, body_section: &str, response_prose: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\n## Permissions\n\n\
         | Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         | Delegated (work or school account) | Mail.Read |\n| Delegated (personal Microsoft account) | Mail.Read |\n\
         | Application | Mail.Read |\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{request_line}\n```\n\n\
         ## Request body\n\n{body_section}\n\n## Response\n\n{response_prose}\n\n## Example\n\n{example}"
    )
}

pub(super) fn exchange(name: &str, request: &str, annotation: &str, response: &str) -> String {
    format!(
        "### Request\n\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"{name}\"\n}} -->\n```http\n{request}\n```\n\n\
         ### Response\n\n<!-- {{\n  \"blockType\": \"response\"{annotation}\n}} -->\n```http\n{response}\n```\n"
    )
}

fn tree() -> DocsTree {
    let list = api(
        "List attachments",
        "GET /me/messages/{id}/attachments",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and a collection of [attachment](../resources/attachment.md) objects.",
        &exchange(
            "list_attachments",
            "GET https://graph.microsoft.com/v1.0/me/messages/AAA/attachments",
            ",\n  \"@odata.type\": \"microsoft.graph.attachment\",\n  \"isCollection\": true",
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [\n    {\"@odata.type\": \"#microsoft.graph.fileAttachment\", \"id\": \"1\", \"name\": \"a.txt\", \"contentBytes\": \"SGk=\"},\n    {\"id\": \"2\", \"name\": \"b\", \"color\": \"red\"}\n  ]\n}",
        ),
    );
    let update = api(
        "Update message",
        "PATCH /me/messages/{id}",
        "| Property | Type | Description |\n|:---|:---|:---|\n| subject | String | The subject. |\n| flagged | Boolean | Whether it is flagged. |",
        "If successful, this method returns a `204 No Content` response code.",
        &exchange(
            "update_message",
            "PATCH https://graph.microsoft.com/v1.0/me/messages/AAA\nContent-type: application/json\n\n{\n  \"subject\": null,\n  \"flagged\": true\n}",
            "",
            "HTTP/1.1 204 No Content",
        ),
    );
    let put = api(
        "Replace attachment",
        "PUT /me/messages/{id}/attachments/{id}",
        "The attachment.",
        "If successful, this method returns an [attachment](../resources/attachment.md) object.",
        &exchange(
            "replace_attachment",
            "PUT https://graph.microsoft.com/v1.0/me/messages/AAA/attachments/BBB",
            ",\n  \"@odata.type\": \"microsoft.graph.attachment\"",
            "HTTP/1.1 201 Created\nContent-type: application/json\n\n{\n  \"id\": \"1\",\n  \"name\": \"a\"\n}",
        ),
    );
    DocsTree::from_files([
        ("resources/attachment.md".to_owned(), resource("attachment", None, &[("id", "String"), ("name", "String")])),
        (
            "resources/fileattachment.md".to_owned(),
            resource("fileAttachment", Some("attachment"), &[("contentBytes", "String")]),
        ),
        ("api/message-list-attachments.md".to_owned(), list),
        ("api/message-update.md".to_owned(), update),
        ("api/attachment-put.md".to_owned(), put),
    ])
}

#[test]
fn a_documented_collection_is_a_page_of_the_derived_types_union() {
    let (api, _) = resolve(&tree().parse());
    let version = &api.versions[0];
    let list = version.operations.iter().find(|operation| operation.page.ends_with("message-list-attachments.md"));
    let list = list.expect("the list operation");
    let union = match &list.responses[0].body {
        ResponseBody::Json(RustType::Page(item)) => match item.as_ref() {
            RustType::Union(union) => union.clone(),
            other => panic!("items typed {other:?}"),
        },
        other => panic!("the collection is typed {other:?}"),
    };
    assert_eq!(union.rust_name, "AnyAttachment");
    assert_eq!(union.base, "Attachment");
    assert_eq!(union.variants, [("#microsoft.graph.fileAttachment".to_owned(), "FileAttachment".to_owned())]);
    assert_eq!(version.unions, [*union.clone()]);
    // The base item's member that its page does not list becomes a field (GD0726): the strict replay expects only
    // the annotation of the derived item in a catch-all map.
    let attachment = version.models.iter().find(|model| model.rust_name == "Attachment").expect("attachment");
    assert!(attachment.fields.iter().any(|field| field.wire_name == "color" && field.ty == RustType::String));
    let response = list.examples[0].response.as_ref().expect("a response");
    assert_eq!(response.untyped, Untyped::Page(vec![vec!["@odata.type".to_owned()], vec![]]));
}

#[test]
fn a_patch_body_comes_from_the_table_and_can_clear_a_property() {
    let (api, _) = resolve(&tree().parse());
    let version = &api.versions[0];
    let update = version.operations.iter().find(|operation| operation.method == "PATCH").expect("the update");
    assert_eq!(update.body_source, Some(BodySource::Table));
    let Some(RustType::Model(name)) = &update.body else { panic!("body {:?}", update.body) };
    let model = version.models.iter().find(|model| &model.rust_name == name).expect("the body struct");
    let fields: Vec<(&str, &RustType, bool)> =
        model.fields.iter().map(|field| (field.wire_name.as_str(), &field.ty, field.clearable)).collect();
    assert_eq!(fields, [("subject", &RustType::String, true), ("flagged", &RustType::Bool, true)]);
}

#[test]
fn a_put_answers_both_200_and_201_and_reads_the_documented_type() {
    let (api, _) = resolve(&tree().parse());
    let put = api.versions[0].operations.iter().find(|operation| operation.method == "PUT").expect("the put");
    let statuses: Vec<u16> = put.responses.iter().map(|variant| variant.status).collect();
    assert_eq!(statuses, [201, 200]);
    for variant in &put.responses {
        assert!(matches!(&variant.body, ResponseBody::Json(RustType::Union(union)) if union.base == "Attachment"));
    }
}

/// The resolved model of the fixture, reviewed: every decision resolve makes for it (types, names, bodies, plans).
/// `UPDATE_EXPECT=1 cargo test -p generator --lib snapshot` rewrites it for review.
#[test]
fn resolved_model_snapshot() {
    let (api, diagnostics) = resolve(&tree().parse());
    let text = serde_json::to_string_pretty(&api).expect("the model serialises");
    expect_test::expect_file!["snapshots/typed_api.json"].assert_eq(&text);
    let codes: Vec<String> = diagnostics.iter().map(|d| format!("{}:{} {}", d.file, d.line, d.code.as_str())).collect();
    expect_test::expect_file!["snapshots/typed_diagnostics.txt"].assert_eq(&(codes.join("\n") + "\n"));
}

/// What emit prints for that model, reviewed: the version module and the replay tests.
#[test]
fn emitted_code_snapshot() {
    let (api, _) = resolve(&tree().parse());
    let options = crate::emit::EmitOptions {
        crate_path: "fixture".to_owned(),
        regenerate: "the resolve fixtures".to_owned(),
        feature_gates: false,
        package: None,
    };
    let files = crate::emit::emit(&api, &options).expect("the fixture emits");
    expect_test::expect_file!["snapshots/typed_v1_0.rs"].assert_eq(&files["src/v1_0.rs"]);
    expect_test::expect_file!["snapshots/typed_replay.rs"].assert_eq(&files["tests/replay.rs"]);
}

/// A function answering a primitive in OData's `{"value": ...}` wrapper reads as `Single<String>`; a status shown
/// both as one item and as a page reads as either.
#[test]
fn wrapped_primitives_and_mixed_shapes_are_typed() {
    let image = api(
        "Get image",
        "GET /charts/{name}/image",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and a string.",
        &exchange(
            "get_image",
            "GET https://graph.microsoft.com/v1.0/charts/a/image",
            ",\n  \"@odata.type\": \"Edm.String\"",
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": \"aGk=\"\n}",
        ),
    );
    let both = api(
        "Get attachment",
        "GET /attachments/{id}\nGET /attachments",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and an [attachment](../resources/attachment.md).",
        &(exchange(
            "get_one",
            "GET https://graph.microsoft.com/v1.0/attachments/1",
            "",
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}",
        ) + &exchange(
            "get_some",
            "GET https://graph.microsoft.com/v1.0/attachments",
            "",
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [{\"id\": \"1\"}]\n}",
        )),
    );
    let tree = DocsTree::from_files([
        ("resources/attachment.md".to_owned(), resource("attachment", None, &[("id", "String")])),
        ("api/chart-image.md".to_owned(), image),
        ("api/attachment-get.md".to_owned(), both),
    ]);
    let (api, _) = resolve(&tree.parse());
    let body = |page: &str| {
        let operation = api.versions[0].operations.iter().find(|operation| operation.page.ends_with(page));
        operation.expect("the operation").responses[0].body.clone()
    };
    assert_eq!(body("chart-image.md"), ResponseBody::Json(RustType::Single(Box::new(RustType::String))));
    assert_eq!(
        body("attachment-get.md"),
        ResponseBody::Json(RustType::OneOrPage(Box::new(RustType::Model("Attachment".into()))))
    );
}
