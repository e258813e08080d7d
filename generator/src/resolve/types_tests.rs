//! Primitive types, inline enums and sub-namespace names, on hand-written resources.

use super::*;
use crate::ir::{PageKind, PropertySource};
use serde_json::json;

fn property(name: &str, type_name: &str, enum_values: &[&str]) -> Property {
    Property {
        name: name.into(),
        type_name: type_name.into(),
        collection: false,
        enum_values: enum_values.iter().map(|value| (*value).into()).collect(),
        description: String::new().into(),
        source: PropertySource::Table,
        json_type: None,
    }
}

fn resource_page(path: &str, name: &str, base: Option<&str>, properties: Vec<Property>) -> Page {
    Page {
        path: path.into(),
        kind: PageKind::Resource,
        resource: Some(Box::new(Resource {
            name: name.into(),
            base_type: base.map(Into::into),
            properties,
            ..Resource::default()
        })),
        ..Page::default()
    }
}

fn field<'m>(models: &'m [Model], model: &str, wire: &str) -> &'m Field {
    let model = models.iter().find(|found| found.wire_name == model).expect("the model");
    model.fields.iter().find(|found| found.wire_name == wire).expect("the field")
}

#[test]
fn edm_names_are_the_runtime_values() {
    let cases = [
        ("Edm.DateTimeOffset", Primitive::DateTime),
        ("DateTimeOffset", Primitive::DateTime),
        ("Date", Primitive::Date),
        ("TimeOfDay", Primitive::TimeOfDay),
        ("Duration", Primitive::Duration),
        ("Guid", Primitive::Guid),
        ("Binary", Primitive::Base64),
        ("Double", Primitive::Double),
        ("Edm.Single", Primitive::Double),
    ];
    for (name, primitive) in cases {
        assert_eq!(rust_type(name, &[]), RustType::Primitive(primitive), "{name}");
    }
    assert_eq!(rust_type("Int64", &[]), RustType::I64);
    assert_eq!(rust_type("String", &[]), RustType::String);
    assert_eq!(rust_type("Collection(Edm.Guid)", &[]), RustType::Vec(Box::new(RustType::Primitive(Primitive::Guid))));
}

#[test]
fn a_primitive_field_accepts_only_values_that_read_as_it() {
    let accepts = |ty: Primitive, value: serde_json::Value| compatible(&value, &RustType::Primitive(ty), &[]);
    assert!(accepts(Primitive::DateTime, json!("2021-01-01T00:00:00Z")));
    assert!(accepts(Primitive::DateTime, json!("2021-01-01T00:00:00.1234567+02:00")));
    assert!(accepts(Primitive::DateTime, json!("2021-01-01T00:00:00")));
    assert!(!accepts(Primitive::DateTime, json!("yesterday")));
    assert!(!accepts(Primitive::DateTime, json!(1609459200)));
    assert!(accepts(Primitive::Date, json!("2021-02-28")));
    assert!(!accepts(Primitive::Date, json!("2021-02-30")));
    assert!(accepts(Primitive::Duration, json!("PT1H")));
    assert!(!accepts(Primitive::Duration, json!("1 hour")));
    assert!(accepts(Primitive::Guid, json!("0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0f")));
    assert!(!accepts(Primitive::Guid, json!("guid")));
    assert!(accepts(Primitive::Base64, json!("aGVsbG8=")));
    assert!(!accepts(Primitive::Base64, json!("not base64!")));
    for value in [json!(1), json!(1.5), json!("NaN"), json!("INF"), json!("-INF")] {
        assert!(accepts(Primitive::Double, value.clone()), "{value}");
    }
    assert!(!accepts(Primitive::Double, json!("many")));
    assert!(!accepts(Primitive::Double, json!(true)));
    // null is None for every field.
    assert!(accepts(Primitive::DateTime, json!(null)));
}

#[test]
fn inline_value_lists_become_one_enum_per_declaring_model() {
    let base = resource_page(
        "resources/thing.md",
        "thing",
        None,
        vec![
            property("kind", "String", &["small", "large", "..."]),
            property("createdDateTime", "DateTimeOffset", &[]),
            property("size", "microsoft.graph.sizeKind", &["tiny", "huge"]),
        ],
    );
    let derived = resource_page("resources/bigthing.md", "bigThing", Some("microsoft.graph.thing"), vec![]);
    let pages = [&base, &derived];
    let mut types = Namespace::new(Case::Camel);
    let mut diagnostics = Vec::new();
    let mut enums = Vec::new();
    let models = models(&pages, &mut enums, &mut types, &mut diagnostics);
    let names: Vec<&str> = enums.iter().map(|found| found.rust_name.as_str()).collect();
    // One enum per declaring model and property, though `bigThing` inherits both properties.
    assert_eq!(names, ["ThingKind", "ThingSize"]);
    assert_eq!(enums[0].wire_name, "thing.kind");
    let members: Vec<(&str, &str)> =
        enums[0].members.iter().map(|(wire, variant)| (wire.as_str(), variant.as_str())).collect();
    assert_eq!(members, [("small", "Small"), ("large", "Large")]);
    for model in ["thing", "bigThing"] {
        assert_eq!(field(&models, model, "kind").ty, RustType::Enum("ThingKind".into()));
        assert_eq!(field(&models, model, "size").ty, RustType::Enum("ThingSize".into()));
        assert_eq!(field(&models, model, "createdDateTime").ty, RustType::Primitive(Primitive::DateTime));
    }
}

#[test]
fn a_documented_enum_wins_over_an_inline_list_and_sub_namespaces_resolve() {
    let thing = resource_page(
        "resources/thing.md",
        "thing",
        None,
        vec![
            property("size", "microsoft.graph.callRecords.sizeKind", &["tiny", "huge"]),
            property("owner", "microsoft.graph.callRecords.person", &[]),
        ],
    );
    let person = resource_page("resources/callrecords-person.md", "person", None, vec![]);
    let sized = Page {
        path: "resources/sizekind.md".into(),
        kind: PageKind::Enum,
        enum_type: Some(Box::new(crate::ir::EnumType {
            name: "sizeKind".into(),
            members: vec![crate::ir::EnumMember { name: "tiny".into(), value: None, description: "".into() }],
            grouped: Vec::new(),
        })),
        ..Page::default()
    };
    let pages = [&thing, &person, &sized];
    let mut types = Namespace::new(Case::Camel);
    let mut diagnostics = Vec::new();
    let mut enums = enums(&pages, &mut types, &mut diagnostics);
    let models = models(&pages, &mut enums, &mut types, &mut diagnostics);
    assert_eq!(field(&models, "thing", "size").ty, RustType::Enum("SizeKind".into()));
    assert_eq!(field(&models, "thing", "owner").ty, RustType::Model("Person".into()));
    assert_eq!(enums.len(), 1, "{enums:?}");
}
