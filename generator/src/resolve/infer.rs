//! Request body types inferred from the documented examples, for operations no resource page types.

use super::model::{Field, Model, RustType};
use super::names::{snake_case, Case, Namespace};
use super::report_rename;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Page};
use serde_json::Value;

/// A struct for an operation's request body from the union of its examples' JSON objects: one field per property,
/// typed by the values the examples give (`String`, `bool`, `i64`, `f64`; JSON for objects, arrays and mixed).
/// None when no example sends an object. Its name is given in `types`, the version's `models` namespace.
pub fn body_model(
    page: &Page,
    documented: &crate::ir::Operation,
    type_name: &str,
    types: &mut Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Model> {
    let objects: Vec<serde_json::Map<String, Value>> = documented
        .examples
        .iter()
        .filter_map(|example| match &example.request.body {
            Some(Body::Json(json)) => match json.value() {
                Value::Object(members) => Some(members),
                _ => None,
            },
            _ => None,
        })
        .collect();
    if objects.is_empty() {
        return None;
    }
    let mut properties: Vec<(&String, RustType)> = Vec::new();
    for (key, value) in objects.iter().flat_map(|members| members.iter()) {
        let found = type_of(value);
        match properties.iter_mut().find(|(name, _)| *name == key) {
            Some((_, existing)) => *existing = merge(existing.clone(), found),
            None => properties.push((key, found)),
        }
    }
    let mut field_names = Namespace::new(Case::Snake).reserving(&["additional"]);
    let untyped: Vec<&str> = properties
        .iter()
        .filter(|(name, ty)| *ty == RustType::Json && !name.contains('@'))
        .map(|(name, _)| name.as_str())
        .collect();
    if !untyped.is_empty() {
        let message = format!(
            "the request body is known only from the examples (no body table, no linked resource); `{}` stay untyped JSON",
            untyped.join("`, `").escape_debug()
        );
        let line = super::section_line(page, "request-body");
        super::report(diagnostics, Code::BodyInferredUntyped, &page.path, line, message);
    }
    let fields = properties
        .into_iter()
        .filter(|(name, _)| !name.starts_with('@') && !name.contains('@'))
        .map(|(name, ty)| {
            let claimed = field_names.claim(&snake_case(name));
            report_rename(diagnostics, &claimed, "example body property", name, page, "examples");
            Field {
                wire_name: name.clone(),
                rust_name: claimed.name,
                ty,
                description: "Inferred from the documented examples.".to_owned(),
                clearable: false,
                from_examples: false,
            }
        })
        .collect();
    let wanted = format!("{type_name}Body");
    let claimed = types.claim(&wanted);
    report_rename(diagnostics, &claimed, "request body type", &wanted, page, "request-body");
    Some(Model {
        wire_name: format!("{type_name} request body"),
        rust_name: claimed.name,
        description: "The request body, inferred from the documented examples: no resource page types it.".to_owned(),
        fields,
        pages: vec![page.path.to_string()],
        open: false,
        features: Vec::new(),
    })
}

/// The type a JSON value suggests; null (and anything else) says nothing precise.
pub(super) fn type_of(value: &Value) -> RustType {
    match value {
        Value::String(_) => RustType::String,
        Value::Bool(_) => RustType::Bool,
        Value::Number(number) if number.is_i64() => RustType::I64,
        Value::Number(_) => RustType::F64,
        _ => RustType::Json,
    }
}

/// Two examples' types for one property: the same type stays, integers and decimals are `f64`, else JSON.
pub(super) fn merge(a: RustType, b: RustType) -> RustType {
    match (a, b) {
        (a, b) if a == b => a,
        (RustType::I64, RustType::F64) | (RustType::F64, RustType::I64) => RustType::F64,
        _ => RustType::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_types_widen_and_annotations_are_left_out() {
        assert_eq!(merge(RustType::I64, RustType::F64), RustType::F64);
        assert_eq!(merge(RustType::String, RustType::Bool), RustType::Json);
        assert_eq!(type_of(&serde_json::json!(2)), RustType::I64);
        assert_eq!(type_of(&serde_json::json!(null)), RustType::Json);
    }
}
