//! Models from resource pages, and the Rust type of a documented type name.

use super::model::{Field, Model, RustType};
use super::names::{identifier, snake_case, unique, upper_camel_case};
use crate::ir::{Page, Property};

/// The models of one version's resource pages, sorted by Rust name (deterministic whatever the page order).
pub fn models(pages: &[&Page]) -> Vec<Model> {
    let resources: Vec<(&Page, &crate::ir::Resource)> =
        pages.iter().filter_map(|page| page.resource.as_ref().map(|resource| (*page, resource))).collect();
    let mut taken = Vec::new();
    let mut models: Vec<Model> = resources
        .iter()
        .filter(|(_, resource)| !resource.name.is_empty())
        .map(|(page, resource)| Model {
            wire_name: resource.name.clone(),
            rust_name: unique(upper_camel_case(&resource.name), &mut taken),
            description: page.description.clone().unwrap_or_default(),
            fields: Vec::new(),
            page: page.path.clone(),
        })
        .collect();
    let known: Vec<(String, String)> =
        models.iter().map(|model| (model.wire_name.to_ascii_lowercase(), model.rust_name.clone())).collect();
    for model in &mut models {
        let Some((_, resource)) = resources.iter().find(|(page, _)| page.path == model.page) else { continue };
        let mut field_names = vec!["additional".to_owned()];
        model.fields = resource
            .properties
            .iter()
            .map(|property| Field {
                wire_name: property.name.clone(),
                rust_name: identifier(&unique(snake_case(&property.name), &mut field_names)),
                ty: property_type(property, &known),
                description: property.description.clone(),
            })
            .collect();
    }
    models.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    models
}

fn property_type(property: &Property, known: &[(String, String)]) -> RustType {
    let ty = rust_type(&property.type_name, known);
    if property.collection && !matches!(ty, RustType::Vec(_)) {
        RustType::Vec(Box::new(ty))
    } else {
        ty
    }
}

/// The Rust type of a documented type name (`String`, `Int32`, `Collection(x)`, `microsoft.graph.x`).
pub fn rust_type(name: &str, known: &[(String, String)]) -> RustType {
    let name = name.trim();
    if let Some(inner) = name.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
        return RustType::Vec(Box::new(rust_type(inner, known)));
    }
    let bare = name.trim_start_matches("Edm.").trim_start_matches("microsoft.graph.");
    match bare.to_ascii_lowercase().as_str() {
        "string" | "datetimeoffset" | "date" | "timeofday" | "duration" | "guid" | "binary" => RustType::String,
        "boolean" | "bool" => RustType::Bool,
        "int32" | "int16" | "byte" | "sbyte" => RustType::I32,
        "int64" => RustType::I64,
        "double" | "single" | "decimal" => RustType::F64,
        lower => known
            .iter()
            .find(|(wire, _)| *wire == lower)
            .map_or(RustType::Json, |(_, rust)| RustType::Model(rust.clone())),
    }
}

/// The model a link target (a resource page's file stem) names, in `models`.
pub fn model_for_target<'m>(target: &str, models: &'m [Model]) -> Option<&'m Model> {
    models.iter().find(|model| model.page.rsplit('/').next().and_then(|file| file.strip_suffix(".md")) == Some(target))
}

/// Whether `value` deserialises into `Option<ty>` (null is None), looking nested models up in `models`.
pub fn compatible(value: &serde_json::Value, ty: &RustType, models: &[Model]) -> bool {
    value.is_null() || compatible_present(value, ty, models)
}

fn compatible_present(value: &serde_json::Value, ty: &RustType, models: &[Model]) -> bool {
    use serde_json::Value;
    match (ty, value) {
        (RustType::Json, _) => true,
        (RustType::String, Value::String(_)) | (RustType::Bool, Value::Bool(_)) => true,
        (RustType::I32, Value::Number(number)) => number.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (RustType::I64, Value::Number(number)) => number.as_i64().is_some(),
        (RustType::F64, Value::Number(_)) => true,
        (RustType::Vec(inner), Value::Array(items)) => items.iter().all(|item| compatible_present(item, inner, models)),
        (RustType::Model(name), Value::Object(members)) => {
            let Some(model) = models.iter().find(|model| &model.rust_name == name) else { return true };
            members.iter().all(|(key, member)| {
                model
                    .fields
                    .iter()
                    .find(|field| &field.wire_name == key)
                    .is_none_or(|field| compatible(member, &field.ty, models))
            })
        }
        _ => false,
    }
}
