//! The seed page, end to end through the IR: the facts the project was founded on.

use generator::ir::{Body, Ir, Page};
use generator::DocsTree;
use std::path::Path;

fn spec() -> Ir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    DocsTree::load(&root).expect("spec/ is readable").parse()
}

fn seed(ir: &Ir) -> &Page {
    ir.pages
        .iter()
        .find(|page| page.path == "api-reference/beta/api/workbook-createsession.md")
        .expect("the seed page is in spec/")
}

#[test]
fn seed_operation_is_post_create_session() {
    let ir = spec();
    let operation = &seed(&ir).operations[0];
    let paths: Vec<(&str, &str)> =
        operation.paths.iter().map(|path| (path.method.as_str(), path.template.as_str())).collect();
    assert_eq!(paths, [("POST", "/workbook/createSession")]);
}

#[test]
fn seed_permissions_are_delegated_work_files_readwrite_only() {
    let ir = spec();
    let permissions = &seed(&ir).operations[0].permissions;
    assert_eq!(permissions.delegated_work, ["Files.ReadWrite"]);
    assert!(permissions.delegated_personal.is_empty(), "{permissions:?}");
    assert!(permissions.application.is_empty(), "{permissions:?}");
}

#[test]
fn seed_example_is_paired_with_its_created_response() {
    let ir = spec();
    let examples = &seed(&ir).operations[0].examples;
    assert_eq!(examples.len(), 1);
    let example = &examples[0];
    assert_eq!(example.name.as_deref(), Some("create_excel_session"));
    assert_eq!(example.request.method, "POST");
    assert_eq!(example.request.api_version.as_deref(), Some("beta"));
    assert!(example.request.url.starts_with("https://graph.microsoft.com/beta/"), "{}", example.request.url);
    assert_eq!(example.request.body, Some(Body::Json(serde_json::json!({ "persistSession": true }).into())));
    let response = example.response.as_ref().expect("the 201 response is paired");
    assert_eq!((response.status, response.reason.as_deref()), (201, Some("Created")));
    assert!(response.truncated);
    assert_eq!(response.odata_type.as_deref(), Some("microsoft.graph.workbookSessionInfo"));
}

#[test]
fn seed_error_handling_names_504() {
    let ir = spec();
    let error_handling = seed(&ir).operations[0].error_handling.as_ref().expect("an error handling section");
    assert_eq!(error_handling.statuses, [504]);
}

#[test]
fn ir_is_the_same_on_one_thread_and_many() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let tree = DocsTree::load(&root).expect("spec/ is readable");
    assert_eq!(generator::ir_json(&tree.parse()), generator::ir_json(&tree.parse_single_threaded()));
}
