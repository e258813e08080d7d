//! Fixtures written here: a resource page missing properties its operations' examples show.

use super::super::model::{ResponseBody, RustType};
use super::super::resolve;
use super::super::typed_tests::{api, exchange, resource};
use crate::DocsTree;

fn tree(response_body: &str) -> DocsTree {
    let get = api(
        "Get widget",
        "GET /widgets/{id}",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.",
        &exchange(
            "get_widget",
            "GET https://graph.microsoft.com/v1.0/widgets/1",
            ",\n  \"@odata.type\": \"microsoft.graph.widget\"",
            &format!("HTTP/1.1 200 OK\nContent-type: application/json\n\n{response_body}"),
        ),
    );
    let list = api(
        "List widgets",
        "GET /widgets",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects.",
        &exchange(
            "list_widgets",
            "GET https://graph.microsoft.com/v1.0/widgets",
            ",\n  \"@odata.type\": \"microsoft.graph.widget\",\n  \"isCollection\": true",
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"2\", \"weight\": 2.5, \"tags\": [], \"owner\": null}]}",
        ),
    );
    DocsTree::from_files(vec![
        ("api-reference/v1.0/resources/widget.md", resource("widget", None, &[("id", "String")])),
        ("api-reference/v1.0/resources/person.md", resource("person", None, &[("name", "String")])),
        ("api-reference/v1.0/resources/gadget.md", resource("gadget", None, &[("owner", "[person](person.md)")])),
        ("api-reference/v1.0/api/widget-get.md", get),
        ("api-reference/v1.0/api/widget-list.md", list),
    ])
}

fn widget_fields(tree: &DocsTree) -> (Vec<(String, String, RustType)>, Vec<String>) {
    let (api, diagnostics) = resolve(&tree.parse());
    let version = &api.versions[0];
    let widget = version.models.iter().find(|model| model.wire_name == "widget").expect("the widget model");
    let fields = widget.fields.iter().map(|field| (field.wire_name.clone(), field.rust_name.clone(), field.ty.clone()));
    let added = diagnostics.iter().filter(|d| d.code.as_str() == "GD0726").map(|d| format!("{}:{}", d.file, d.message));
    (fields.collect(), added.collect())
}

#[test]
fn properties_only_the_examples_show_become_typed_fields_and_are_reported() {
    let body = r#"{"id": "1", "weight": 3, "tags": ["a", "b"], "isRound": true, "owner": {"name": "x"},
        "shape": {"sides": 3}, "maker": {"name": "y", "age": 3}, "id ": 1}"#;
    let (fields, added) = widget_fields(&tree(body));
    let typed =
        |wire: &str| fields.iter().find(|(name, _, _)| name == wire).map(|(_, rust, ty)| (rust.as_str(), ty.clone()));
    assert_eq!(typed("id"), Some(("id", RustType::String)), "the documented field stays");
    // An integer in one example and a decimal in another widen to f64.
    assert_eq!(typed("weight"), Some(("weight", RustType::F64)));
    // `[]` in the other example says nothing against `["a", "b"]`.
    assert_eq!(typed("tags"), Some(("tags", RustType::Vec(Box::new(RustType::String)))));
    assert_eq!(typed("isRound"), Some(("is_round", RustType::Bool)));
    // `owner` is a person wherever a page lists it, and the object reads as one.
    assert_eq!(typed("owner"), Some(("owner", RustType::Model("Person".into()))));
    assert_eq!(typed("shape"), Some(("shape", RustType::Json)), "an object no model names is JSON");
    assert_eq!(typed("maker"), Some(("maker", RustType::Json)), "no property `maker` is listed anywhere");
    assert_eq!(typed("id "), None, "no property name: left in `additional`");
    // One diagnostic per example that shows unlisted properties, naming them with their types.
    assert_eq!(added.len(), 2, "{added:#?}");
    assert!(added[0].starts_with("api-reference/v1.0/api/widget-get.md:"), "{added:#?}");
    assert!(added[0].contains("`owner` (Person)") && added[0].contains("`tags` (Vec<String>)"), "{added:#?}");
    assert!(added[1].starts_with("api-reference/v1.0/api/widget-list.md:"), "{added:#?}");
}

#[test]
fn the_added_fields_type_the_replayed_response() {
    let tree = tree(r#"{"id": "1", "weight": 3}"#);
    let (api, _) = resolve(&tree.parse());
    let get = api.versions[0].operations.iter().find(|op| op.type_name == "WidgetGet").expect("get widget");
    assert!(matches!(&get.responses[0].body, ResponseBody::Json(RustType::Model(name)) if name == "Widget"));
    let example = &get.examples[0];
    let response = example.response.as_ref().expect("a documented response");
    assert!(format!("{:?}", response.untyped).contains("[]"), "every member typed: {:?}", response.untyped);
}
