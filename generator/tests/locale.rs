//! The structural IR of a page does not depend on its language: the same page, written in English and in
//! Chinese (fixtures written for this test), gives the same operations, paths, permissions and examples.

use generator::ir::{Operation, Page};
use generator::DocsTree;

fn parse(name: &str) -> Page {
    let path = format!("{}/tests/fixtures/locale/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let docs = DocsTree::from_files([(format!("api/{name}"), text.clone())]);
    generator::parse::parse_page(&format!("api/{name}"), &text, &docs).0
}

/// The language-independent parts of an operation (descriptions and prose excluded).
fn structure(operation: &Operation) -> serde_json::Value {
    serde_json::json!({
        "paths": operation.paths.iter().map(|path| (&path.method, &path.template, &path.segments, &path.query)).collect::<Vec<_>>(),
        "permissions": operation.permissions,
        "headers": operation.request_headers.iter().map(|header| (&header.name, header.required)).collect::<Vec<_>>(),
        "body_parameters": operation.request_body.as_ref().map(|body| body.parameters.iter().map(|p| (&p.name, &p.type_name)).collect::<Vec<_>>()),
        "response_statuses": operation.response.as_ref().map(|response| &response.statuses),
        "examples": operation.examples.iter().map(|example| serde_json::json!({
            "name": example.name,
            "method": example.request.method,
            "url": example.request.url,
            "headers": example.request.headers,
            "body": example.request.body,
            "status": example.response.as_ref().map(|response| response.status),
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn english_and_chinese_pages_give_the_same_structure() {
    let (english, chinese) = (parse("en.md"), parse("zh.md"));
    assert_eq!(english.kind, chinese.kind);
    assert_eq!(english.operations.len(), 1);
    assert_eq!(chinese.operations.len(), 1);
    let english_structure = structure(&english.operations[0]);
    assert_eq!(english_structure, structure(&chinese.operations[0]));
    // And the structure is the one the fixture documents, not an empty one that trivially agrees.
    let operation = &english.operations[0];
    assert_eq!(operation.paths.len(), 2);
    assert_eq!(operation.paths[1].template, "/users/{id | userPrincipalName}/widgets/{widget-id}/archive");
    assert_eq!(operation.permissions.delegated_work, ["Widgets.ReadWrite", "Widgets.ReadWrite.All"]);
    assert!(operation.permissions.delegated_personal.is_empty());
    assert_eq!(operation.permissions.application, ["Widgets.ReadWrite.All"]);
    assert!(operation.request_headers.iter().all(|header| header.required));
    assert_eq!(operation.examples[0].response.as_ref().map(|response| response.status), Some(202));
}
