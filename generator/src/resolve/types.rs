//! Models from resource pages, and the Rust type of a documented type name.

use super::model::{EnumModel, Field, Model, Primitive, RustType};
use super::names::{snake_case, upper_camel_case, Case, Namespace};
use super::report_rename;
use crate::diagnostics::Diagnostic;
use crate::ir::{Page, Property, Resource};
use std::collections::BTreeMap;

/// The models of one version's resource pages, sorted by Rust name (deterministic whatever the page order).
/// A type documented on several pages (Intune splits some) is one model with the union of their properties;
/// a derived type carries its base types' properties too (Rust has no inheritance), and so do navigation
/// properties, which `$expand` fills.
/// Model names are given in `types`, the namespace of the version's `models` module (enums took theirs first).
///
/// A property with an inline value list (`"a | b"`) that names no documented type is an enum of its own, named
/// after the model that declares it and the property (`DriveDriveType`), appended to `enums`.
pub fn models(
    pages: &[&Page],
    enums: &mut Vec<EnumModel>,
    types: &mut Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Model> {
    let mut by_name: BTreeMap<String, Vec<(&Page, &Resource)>> = BTreeMap::new();
    for page in pages {
        if let Some(resource) = page.resource.as_ref().filter(|resource| !resource.name.is_empty()) {
            by_name.entry(resource.name.as_str().to_ascii_lowercase()).or_default().push((page, resource));
        }
    }
    let mut models: Vec<Model> = by_name
        .values()
        .map(|documented| {
            let (first_page, first) = documented[0];
            let claimed = types.claim(&upper_camel_case(&first.name));
            report_rename(diagnostics, &claimed, "type", &first.name, first_page, "json-representation");
            Model {
                wire_name: first.name.to_string(),
                rust_name: claimed.name,
                description: first_page.description.as_deref().unwrap_or_default().to_owned(),
                fields: Vec::new(),
                pages: documented.iter().map(|(page, _)| page.path.to_string()).collect(),
                open: documented.iter().any(|(_, resource)| resource.open_type),
                features: Vec::new(),
            }
        })
        .collect();
    let mut known: Vec<(String, RustType)> = models
        .iter()
        .map(|model| (model.wire_name.to_ascii_lowercase(), RustType::Model(model.rust_name.clone())))
        .collect();
    known.extend(
        enums.iter().map(|found| (found.wire_name.to_ascii_lowercase(), RustType::Enum(found.rust_name.clone()))),
    );
    let rust_names: BTreeMap<String, String> =
        models.iter().map(|model| (model.wire_name.to_ascii_lowercase(), model.rust_name.clone())).collect();
    // Inline enums by (declaring type, property), each made once however many types inherit the property.
    let mut inline: BTreeMap<(String, String), String> = BTreeMap::new();
    for model in &mut models {
        let page = by_name.get(&model.wire_name.to_ascii_lowercase()).map(|documented| documented[0].0);
        let mut field_names = Namespace::new(Case::Snake).reserving(&["additional"]);
        let mut wire_names: Vec<String> = Vec::new();
        let mut fields = Vec::new();
        for (owner_page, owner, property) in inherited_properties(&model.wire_name, &by_name) {
            if wire_names.iter().any(|name| *name == property.name) {
                continue;
            }
            wire_names.push(property.name.to_string());
            let claimed = field_names.claim(&snake_case(&property.name));
            if let Some(page) = page {
                report_rename(diagnostics, &claimed, "property", &property.name, page, "properties");
            }
            let mut ty = property_type(property, &known);
            if matches!(element(&ty), RustType::String | RustType::Json) && !property.enum_values.is_empty() {
                let key = (owner.name.as_str().to_ascii_lowercase(), property.name.to_string());
                let name = match inline.get(&key) {
                    Some(name) => Some(name.clone()),
                    None => {
                        let owner_rust = rust_names.get(&key.0).map_or(owner.name.as_str(), String::as_str);
                        let values: Vec<&str> = property.enum_values.iter().map(|value| value.as_str()).collect();
                        let found = inline_enum(
                            owner_rust,
                            &owner.name,
                            &property.name,
                            &values,
                            owner_page,
                            types,
                            diagnostics,
                        );
                        found.map(|found| {
                            inline.insert(key, found.rust_name.clone());
                            let name = found.rust_name.clone();
                            enums.push(found);
                            name
                        })
                    }
                };
                if let Some(name) = name {
                    ty = if property.collection {
                        RustType::Vec(Box::new(RustType::Enum(name)))
                    } else {
                        RustType::Enum(name)
                    };
                }
            }
            fields.push(Field {
                wire_name: property.name.to_string(),
                rust_name: claimed.name,
                ty,
                description: property.description.to_string(),
                clearable: false,
                from_examples: false,
            });
        }
        model.fields = fields;
    }
    models.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    enums.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    models
}

/// The type of a collection's items, or `ty`.
pub(super) fn element(ty: &RustType) -> &RustType {
    match ty {
        RustType::Vec(inner) => element(inner),
        other => other,
    }
}

/// The enum of a property's inline value list, named `{model}{Property}` in `types`; none when no value can be
/// a variant.
fn inline_enum(
    model: &str,
    owner: &str,
    property: &str,
    values: &[&str],
    page: &Page,
    types: &mut Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EnumModel> {
    let members = enum_members(values, page, diagnostics);
    if members.is_empty() {
        return None;
    }
    let claimed = types.claim(&format!("{model}{}", upper_camel_case(property)));
    let wire_name = format!("{owner}.{property}");
    report_rename(diagnostics, &claimed, "type", &wire_name, page, "properties");
    Some(EnumModel { wire_name, rust_name: claimed.name, members, page: page.path.to_string(), features: Vec::new() })
}

/// An enum's (wire value, Rust variant) pairs: the same value once, and no value without a letter or digit
/// (`...`), which reads as `Other`.
fn enum_members(values: &[&str], page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut variants = Namespace::new(Case::Camel).reserving(&["Other"]);
    let mut members: Vec<(String, String)> = Vec::new();
    for value in values {
        let wire = value.trim();
        // The same value twice is one variant (serde could not tell two apart).
        if !wire.chars().any(char::is_alphanumeric) || members.iter().any(|(other, _)| other == wire) {
            continue;
        }
        let camel = upper_camel_case(wire);
        let variant = if camel.chars().all(|c| c.is_ascii_alphanumeric()) { camel } else { "Value".to_owned() };
        let claimed = variants.claim(&variant);
        report_rename(diagnostics, &claimed, "enum member", wire, page, "members");
        members.push((wire.to_owned(), claimed.name));
    }
    members
}

/// The properties and navigation properties of a type, then of its base types (cycles cut), each with the page
/// and resource that declare it.
fn inherited_properties<'r>(
    name: &str,
    by_name: &BTreeMap<String, Vec<(&'r Page, &'r Resource)>>,
) -> Vec<(&'r Page, &'r Resource, &'r Property)> {
    let mut found = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut next = Some(name.to_ascii_lowercase());
    while let Some(current) = next.take() {
        if seen.contains(&current) {
            break;
        }
        seen.push(current.clone());
        let Some(documented) = by_name.get(&current) else { break };
        for &(page, resource) in documented {
            found.extend(
                resource.properties.iter().chain(&resource.relationships).map(|property| (page, resource, property)),
            );
        }
        next = documented
            .iter()
            .find_map(|(_, resource)| resource.base_type.as_deref())
            .map(|base| base.trim_start_matches('#').trim_start_matches("microsoft.graph.").to_ascii_lowercase());
    }
    found
}

fn property_type(property: &Property, known: &[(String, RustType)]) -> RustType {
    let ty = rust_type(&property.type_name, known);
    if property.collection && !matches!(ty, RustType::Vec(_)) {
        RustType::Vec(Box::new(ty))
    } else {
        ty
    }
}

/// The Rust type of a documented type name (`String`, `Int32`, `Collection(x)`, `microsoft.graph.x`).
pub fn rust_type(name: &str, known: &[(String, RustType)]) -> RustType {
    let name = name.trim();
    if let Some(inner) = name.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
        return RustType::Vec(Box::new(rust_type(inner, known)));
    }
    let bare = name.trim_start_matches("Edm.").trim_start_matches("microsoft.graph.");
    match bare.to_ascii_lowercase().as_str() {
        "string" => RustType::String,
        "datetimeoffset" => RustType::Primitive(Primitive::DateTime),
        "date" => RustType::Primitive(Primitive::Date),
        "timeofday" => RustType::Primitive(Primitive::TimeOfDay),
        "duration" => RustType::Primitive(Primitive::Duration),
        "guid" => RustType::Primitive(Primitive::Guid),
        "binary" => RustType::Primitive(Primitive::Base64),
        "boolean" | "bool" => RustType::Bool,
        "int32" | "int16" | "byte" | "sbyte" => RustType::I32,
        "int64" => RustType::I64,
        "double" | "single" | "decimal" => RustType::Primitive(Primitive::Double),
        // `Json` is Graph's "any JSON value" (the workbook APIs), not the resource page that documents it.
        "json" => RustType::Json,
        lower => {
            // A type of a sub-namespace (`microsoft.graph.callRecords.callType`) is documented under its last name.
            let last = lower.rsplit('.').next().unwrap_or(lower);
            let found =
                known.iter().find(|(wire, _)| *wire == lower).or_else(|| known.iter().find(|(wire, _)| *wire == last));
            found.map_or(RustType::Json, |(_, ty)| ty.clone())
        }
    }
}

/// The enums of one version's enum pages (a page of several enums gives each), sorted by Rust name. Their names
/// are the first given in `types`, the namespace of the version's `models` module (models come after).
pub fn enums(pages: &[&Page], types: &mut Namespace, diagnostics: &mut Vec<Diagnostic>) -> Vec<EnumModel> {
    let mut found: Vec<EnumModel> = Vec::new();
    for page in pages {
        let Some(documented) = page.enum_type.as_deref() else { continue };
        for enum_type in std::iter::once(documented).chain(&documented.grouped) {
            let name = enum_type.name.trim();
            let duplicate = found.iter().any(|other| other.wire_name.eq_ignore_ascii_case(name));
            if enum_type.members.is_empty() || name.is_empty() || duplicate {
                continue;
            }
            let values: Vec<&str> = enum_type.members.iter().map(|member| member.name.as_str()).collect();
            let members = enum_members(&values, page, diagnostics);
            let claimed = types.claim(&upper_camel_case(name));
            report_rename(diagnostics, &claimed, "type", name, page, "members");
            found.push(EnumModel {
                wire_name: name.to_owned(),
                rust_name: claimed.name,
                members,
                page: page.path.to_string(),
                features: Vec::new(),
            });
        }
    }
    found.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    found
}

/// The model a link target (a resource page's file stem) names, in `models`.
pub fn model_for_target<'m>(target: &str, models: &'m [Model]) -> Option<&'m Model> {
    models.iter().find(|model| {
        model.pages.iter().any(|page| page.rsplit('/').next().and_then(|file| file.strip_suffix(".md")) == Some(target))
    })
}

/// Whether `value` deserialises into `Option<ty>` (null is None), looking nested models up in `models`.
pub fn compatible(value: &serde_json::Value, ty: &RustType, models: &[Model]) -> bool {
    value.is_null() || compatible_present(value, ty, models, Reading::AsDocumented)
}

/// Whether serde reads `value` into `Option<ty>` in the generated crate: as [`compatible`], except that the
/// runtime's value types (date-times, GUIDs, ...) keep any string, even one that does not read as its type.
pub fn serde_reads(value: &serde_json::Value, ty: &RustType, models: &[Model]) -> bool {
    value.is_null() || compatible_present(value, ty, models, Reading::AsSerde)
}

/// How strictly a value is matched against its type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// As the docs declare it: a date-time field takes only a string that reads as a date-time.
    AsDocumented,
    /// As the generated crate's serde reads it.
    AsSerde,
}

fn compatible_present(value: &serde_json::Value, ty: &RustType, models: &[Model], reading: Reading) -> bool {
    use serde_json::Value;
    match (ty, value) {
        (RustType::Json, _) => true,
        (RustType::String, Value::String(_)) | (RustType::Bool, Value::Bool(_)) => true,
        (RustType::I32, Value::Number(number)) => number.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (RustType::I64, Value::Number(number)) => number.as_i64().is_some(),
        (RustType::F64, Value::Number(_)) => true,
        (RustType::Primitive(_), Value::String(_)) if reading == Reading::AsSerde => true,
        (RustType::Primitive(primitive), value) => primitive.reads(value),
        // Any string: values the docs don't list read as the enum's `Other`.
        (RustType::Enum(_), Value::String(_)) => true,
        (RustType::Vec(inner), Value::Array(items)) => {
            items.iter().all(|item| compatible_present(item, inner, models, reading))
        }
        (RustType::OneOrPage(inner), Value::Object(_)) => {
            let page = RustType::Page(inner.clone());
            compatible_present(value, &page, models, reading) || compatible_present(value, inner, models, reading)
        }
        (RustType::Single(inner), Value::Object(members)) => members
            .get("value")
            .is_some_and(|member| member.is_null() || compatible_present(member, inner, models, reading)),
        // A page: its items are what must fit (its annotations are the page's own).
        (RustType::Page(inner), Value::Object(members)) => members.get("value").is_none_or(|items| {
            items
                .as_array()
                .is_some_and(|items| items.iter().all(|item| compatible_present(item, inner, models, reading)))
        }),
        (RustType::Union(union), Value::Object(_)) => {
            compatible_present(value, &RustType::Model(union.model_for(value).to_owned()), models, reading)
        }
        (RustType::Model(name), Value::Object(members)) => {
            let Some(model) = models.iter().find(|model| &model.rust_name == name) else { return true };
            members.iter().all(|(key, member)| {
                model
                    .fields
                    .iter()
                    .find(|field| &field.wire_name == key)
                    .is_none_or(|field| member.is_null() || compatible_present(member, &field.ty, models, reading))
            })
        }
        _ => false,
    }
}

/// Whether an example body can be built as `ty`: an object always can be for a model (mistyped or unknown
/// properties go to its `additional` map); anything else must be compatible.
pub fn body_fits(value: &serde_json::Value, ty: &RustType, models: &[Model]) -> bool {
    matches!((value, ty), (serde_json::Value::Object(_), RustType::Model(_))) || compatible(value, ty, models)
}

/// Gives each model the features of the operations that use it, directly or through other models' fields, so
/// that one feature compiles only the models it needs.
pub fn assign_features(version: &mut super::model::Version) {
    use super::model::ResponseBody;
    let index: BTreeMap<String, usize> =
        version.models.iter().enumerate().map(|(position, model)| (model.rust_name.clone(), position)).collect();
    let mut features: Vec<Vec<String>> = vec![Vec::new(); version.models.len()];
    for operation in &version.operations {
        let mut roots: Vec<&RustType> = operation.body.iter().collect();
        roots.extend(operation.responses.iter().filter_map(|variant| match &variant.body {
            ResponseBody::Json(ty) => Some(ty),
            _ => None,
        }));
        let mut pending: Vec<usize> =
            roots.into_iter().flat_map(models_of).filter_map(|name| index.get(name).copied()).collect();
        while let Some(position) = pending.pop() {
            if features[position].contains(&operation.feature) {
                continue;
            }
            features[position].push(operation.feature.clone());
            for field in &version.models[position].fields {
                pending.extend(models_of(&field.ty).into_iter().filter_map(|name| index.get(name).copied()));
            }
        }
    }
    for (model, mut found) in version.models.iter_mut().zip(features) {
        found.sort();
        model.features = found;
    }
    // An enum goes with the models whose fields use it.
    for position in 0..version.enums.len() {
        let name = version.enums[position].rust_name.clone();
        let mut found: Vec<String> = version
            .models
            .iter()
            .filter(|model| model.fields.iter().any(|field| enum_of(&field.ty) == Some(name.as_str())))
            .flat_map(|model| model.features.iter().cloned())
            .collect();
        found.sort();
        found.dedup();
        version.enums[position].features = found;
    }
}

/// The enum a type names, through collections.
fn enum_of(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Enum(name) => Some(name),
        RustType::Vec(inner) | RustType::Page(inner) | RustType::OneOrPage(inner) | RustType::Single(inner) => {
            enum_of(inner)
        }
        _ => None,
    }
}

/// The models a type names, through collections; a union names its base and every derived model.
fn models_of(ty: &RustType) -> Vec<&str> {
    match ty {
        RustType::Model(name) => vec![name],
        RustType::Vec(inner) | RustType::Page(inner) | RustType::OneOrPage(inner) | RustType::Single(inner) => {
            models_of(inner)
        }
        RustType::Union(union) => {
            std::iter::once(union.base.as_str()).chain(union.variants.iter().map(|(_, model)| model.as_str())).collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[path = "types_tests.rs"]
mod tests;
