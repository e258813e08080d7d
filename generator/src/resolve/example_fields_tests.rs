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
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"2\", \"weight\": 2.5, \"tags\": [], \"owner\": null, \"best\": {\"@odata.type\": \"#microsoft.graph.shape\", \"sides\": 4}}]}",
        ),
    );
    DocsTree::from_files(vec![
        ("api-reference/v1.0/resources/widget.md", resource("widget", None, &[("id", "String")])),
        ("api-reference/v1.0/resources/person.md", resource("person", None, &[("name", "String")])),
        ("api-reference/v1.0/resources/shape.md", resource("shape", None, &[("sides", "Int32")])),
        ("api-reference/v1.0/resources/circle.md", resource("circle", Some("shape"), &[("radius", "Int32")])),
        (
            "api-reference/v1.0/resources/gadget.md",
            resource("gadget", None, &[("owner", "[person](person.md)"), ("form", "[shape](shape.md)")]),
        ),
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
    let body = r##"{"id": "1", "weight": 3, "tags": ["a", "b"], "isRound": true, "owner": {"name": "x"},
        "shape": {"sides": 3}, "maker": {"name": "y", "age": 3}, "form": {"sides": 3},
        "best": {"@odata.type": "#microsoft.graph.circle", "radius": 1, "color": "red"}, "id ": 1}"##;
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
    // `form` is a shape (of derived types) where a page lists it: the union of them.
    let union = |ty: Option<(&str, RustType)>| match ty {
        Some((_, RustType::Union(union))) => Some(union.rust_name),
        _ => None,
    };
    assert_eq!(union(typed("form")).as_deref(), Some("AnyShape"));
    // A circle in one example and a shape in the other, by `@odata.type`: their union.
    assert_eq!(union(typed("best")).as_deref(), Some("AnyShape"));
    assert_eq!(typed("maker"), Some(("maker", RustType::Json)), "no property `maker` is listed anywhere");
    assert_eq!(typed("id "), None, "no property name: left in `additional`");
    // The circle's `color` is found in the second round, once `best` reads as a circle.
    let circle = |tree: &DocsTree| {
        let (api, _) = resolve(&tree.parse());
        let circle = api.versions[0].models.iter().find(|model| model.wire_name == "circle").cloned();
        circle.expect("the circle model").fields.iter().map(|field| field.wire_name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(circle(&tree(body)), ["radius", "sides", "color"]);
    // One diagnostic per example and model that shows unlisted properties, naming them with their types.
    let get = "api-reference/v1.0/api/widget-get.md:the example shows";
    let expected = [
        format!("{get} `color` (String), which the page of `circle` does not list; added to the model"),
        format!(
            "{get} `weight` (F64), `tags` (Vec<String>), `isRound` (Bool), `owner` (Person), `shape` (untyped JSON), \
             `maker` (untyped JSON), `form` (AnyShape), `best` (AnyShape), which the page of `widget` does not list; \
             added to the model"
        ),
        "api-reference/v1.0/api/widget-list.md:the example shows `weight` (F64), `tags` (Vec<String>), `owner` \
         (Person), `best` (AnyShape), which the page of `widget` does not list; added to the model"
            .to_owned(),
    ];
    assert_eq!(added, expected);
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
