//! Properties the example responses show but the resource pages do not list (a docs defect): each becomes a field
//! of its model, typed by the values the examples give, and is reported, so that a documented response reads into
//! typed fields instead of the catch-all `additional` map.

use super::infer::{merge, type_of};
use super::model::{type_key, Field, Model, ResponseBody, RustType, Version};
use super::names::{snake_case, Case, Namespace};
use super::report;
use super::types::element;
use super::values::{leftovers, visit_unread, Why};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Page};
use serde_json::Value;
use std::collections::BTreeMap;

/// One example's members that its model's page does not list: where, and which.
struct Occurrence {
    file: String,
    line: u32,
    model: String,
    keys: Vec<String>,
}

/// Adds to the version's models the properties their operations' example responses show and their pages do not
/// list, each reported at every example that shows it. `sources` are the operations' pages, in the order of
/// `version.operations`. Runs before the examples are bound, so that their checks and replay tests see the added
/// fields.
pub fn apply(version: &mut Version, sources: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    // The type each (model, property) is given: what its values say, `None` while only `null` or `[]` was seen.
    let mut types: BTreeMap<(String, String), Option<RustType>> = BTreeMap::new();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (operation, page) in version.operations.iter().zip(sources) {
        let Some(documented) = page.operations.first() else { continue };
        for response in documented.examples.iter().filter_map(|example| example.response.as_ref()) {
            let Some(Body::Json(json)) = &response.body else { continue };
            let variant = operation.responses.iter().find(|variant| variant.status == response.status);
            let Some(ResponseBody::Json(ty)) = variant.map(|variant| &variant.body) else { continue };
            let value = json.value();
            // A single entity wrapped in `{"value": {...}}` is replayed unwrapped (GD0723): read it so here too.
            let entity = matches!(ty, RustType::Model(_) | RustType::Union(_));
            let value = match unwrapped(&value).filter(|_| entity).cloned() {
                Some(inner) => inner,
                None => value,
            };
            let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
            visit_unread(&value, ty, &version.models, &mut |unread| {
                let Some(model) = unread.model.filter(|_| unread.why == Why::NoField && is_member_name(unread.key))
                else {
                    return;
                };
                let seen = value_type(unread.value, unread.key, &version.models);
                let entry = types.entry((model.rust_name.clone(), unread.key.to_owned())).or_default();
                *entry = widen(entry.take(), seen);
                let keys = found.entry(model.rust_name.clone()).or_default();
                if !keys.iter().any(|key| key == unread.key) {
                    keys.push(unread.key.to_owned());
                }
            });
            occurrences.extend(found.into_iter().map(|(model, keys)| Occurrence {
                file: page.path.to_string(),
                line: response.line,
                model,
                keys,
            }));
        }
    }
    let types: BTreeMap<(String, String), RustType> =
        types.into_iter().map(|(key, ty)| (key, ty.unwrap_or(RustType::Json))).collect();
    for occurrence in &occurrences {
        let Some(model) = version.models.iter().find(|model| model.rust_name == occurrence.model) else { continue };
        let added: Vec<String> = occurrence
            .keys
            .iter()
            .map(|key| format!("`{key}` ({})", type_text(&types[&(occurrence.model.clone(), key.clone())])))
            .collect();
        let message = format!(
            "the example shows {}, which the page of `{}` does not list; added to the model",
            added.join(", "),
            model.wire_name
        );
        report(diagnostics, Code::ExampleFieldAdded, &occurrence.file, occurrence.line, message);
    }
    for ((model_name, key), ty) in types {
        let Some(model) = version.models.iter_mut().find(|model| model.rust_name == model_name) else { continue };
        let first = occurrences.iter().find(|found| found.model == model_name && found.keys.contains(&key));
        let mut names = Namespace::new(Case::Snake).reserving(&["additional"]);
        for field in &model.fields {
            names.claim(&field.rust_name);
        }
        let description = match first {
            Some(first) => {
                format!("Not listed by the docs' property table; typed from the example in `{}`.", first.file)
            }
            None => "Not listed by the docs' property table; typed from the examples.".to_owned(),
        };
        model.fields.push(Field {
            rust_name: names.claim(&snake_case(&key)).name,
            wire_name: key,
            ty,
            description,
            clearable: false,
            from_examples: true,
        });
    }
}

/// A type as a diagnostic names it: `String`, `Vec<f64>`, the model's name.
fn type_text(ty: &RustType) -> String {
    match ty {
        RustType::Model(name) => name.clone(),
        RustType::Vec(inner) => format!("Vec<{}>", type_text(inner)),
        RustType::Json => "untyped JSON".to_owned(),
        other => format!("{other:?}"),
    }
}

/// The entity inside `{"value": {...}}` (annotations aside), if that is all the body is.
fn unwrapped(body: &Value) -> Option<&Value> {
    let members = body.as_object()?;
    let inner = members.get("value").filter(|value| value.is_object())?;
    members.keys().all(|key| key == "value" || key.starts_with('@')).then_some(inner)
}

/// A JSON member name that can be a property: a letter, then letters, digits and `_` (a docs typo such as
/// `"id "` or a placeholder such as `"{key}"` stays in `additional`).
fn is_member_name(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The type one value of property `key` gives: a primitive, a list of one type, a model, or JSON; `None` for
/// `null` and `[]`, which say nothing. An object is a model when its `@odata.type` names one, or when other models
/// of the version type a property of the same name as a model that reads every member of the object; otherwise
/// JSON.
fn value_type(value: &Value, key: &str, models: &[Model]) -> Option<RustType> {
    match value {
        Value::Null => None,
        Value::Array(items) => {
            let item = items.iter().map(|item| value_type(item, key, models)).fold(None, |merged, ty| match ty {
                Some(ty) => widen(merged, Some(ty)),
                None => merged,
            })?;
            Some(match item {
                RustType::Json | RustType::Vec(_) => RustType::Json,
                item => RustType::Vec(Box::new(item)),
            })
        }
        Value::Object(_) => Some(object_model(value, key, models).map_or(RustType::Json, RustType::Model)),
        value => Some(type_of(value)),
    }
}

/// The model an object of property `key` reads as without leftovers: the one its `@odata.type` names, else the
/// one other models type a property of that name as (`lastModifiedBy` is an `identitySet` wherever it is listed).
fn object_model(value: &Value, key: &str, models: &[Model]) -> Option<String> {
    let reads_whole = |name: &str| leftovers(value, &RustType::Model(name.to_owned()), models).is_empty();
    if let Some(tag) = value.get("@odata.type").and_then(Value::as_str) {
        let tag = type_key(tag);
        let named = models.iter().find(|model| type_key(&model.wire_name) == tag)?;
        return reads_whole(&named.rust_name).then(|| named.rust_name.clone());
    }
    let mut candidates: Vec<&str> = models
        .iter()
        .flat_map(|model| &model.fields)
        .filter(|field| field.wire_name == key)
        .filter_map(|field| match element(&field.ty) {
            RustType::Model(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    match candidates[..] {
        [only] if reads_whole(only) => Some(only.to_owned()),
        _ => None,
    }
}

/// Two observations of one property: what either says when the other says nothing, else the wider type.
fn widen(a: Option<RustType>, b: Option<RustType>) -> Option<RustType> {
    match (a, b) {
        (None, ty) | (ty, None) => ty,
        (Some(RustType::Vec(a)), Some(RustType::Vec(b))) => match merge(*a, *b) {
            RustType::Json => Some(RustType::Json),
            item => Some(RustType::Vec(Box::new(item))),
        },
        (Some(a), Some(b)) => Some(merge(a, b)),
    }
}

#[cfg(test)]
#[path = "example_fields_tests.rs"]
mod tests;
