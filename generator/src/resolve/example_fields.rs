//! Properties the examples (requests and responses) show but the resource pages do not list (a docs defect): each
//! becomes a field of its model, typed by the values the examples give, and is reported, so that a documented body
//! reads into typed fields instead of the catch-all `additional` map.

use super::examples::wrapped_entity;
use super::infer::{merge, type_of};
use super::model::{type_key, Field, Model, Operation, ResponseBody, RustType, Version};
use super::names::{snake_case, Case, Namespace};
use super::report;
use super::types::element;
use super::values::{visit_unread, Why};
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
    // A property typed as a model in one round can hold members that model's page does not list either: they are
    // found in the next round. A few rounds reach every depth the docs' examples have.
    for _ in 0..ROUNDS {
        if !add_round(version, sources, diagnostics) {
            break;
        }
    }
}

/// Rounds of [`apply`]: each walks every example once.
const ROUNDS: usize = 4;

/// One round of [`apply`]; whether it added a field.
fn add_round(version: &mut Version, sources: &[&Page], diagnostics: &mut Vec<Diagnostic>) -> bool {
    // The type each (model, property) is given: what its values say, `None` while only `null` or `[]` was seen.
    let mut types: BTreeMap<(String, String), Option<Observed>> = BTreeMap::new();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (operation, page) in version.operations.iter().zip(sources) {
        let Some(documented) = page.operations.first() else { continue };
        for (value, ty, line) in example_bodies(operation, documented) {
            let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
            visit_unread(&value, ty, &version.models, &mut |unread| {
                let Some(model) = unread.model.filter(|_| unread.why == Why::NoField && is_member_name(unread.key))
                else {
                    return;
                };
                let seen = observe(unread.value, unread.key, &version.models);
                let entry = types.entry((model.rust_name.clone(), unread.key.to_owned())).or_default();
                *entry = combine(entry.take(), seen);
                let keys = found.entry(model.rust_name.clone()).or_default();
                if !keys.iter().any(|key| key == unread.key) {
                    keys.push(unread.key.to_owned());
                }
            });
            occurrences.extend(found.into_iter().map(|(model, keys)| Occurrence {
                file: page.path.to_string(),
                line,
                model,
                keys,
            }));
        }
    }
    let types: BTreeMap<(String, String), RustType> = types
        .into_iter()
        .map(|(key, ty)| {
            let ty = match ty {
                Some(Observed::Models(models)) => union_of(&models, version),
                Some(Observed::Type(ty)) => ty,
                None => RustType::Json,
            };
            (key, ty)
        })
        .collect();
    let added = !types.is_empty();
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
    added
}

/// A type as a diagnostic names it: `String`, `Vec<f64>`, the model's name.
fn type_text(ty: &RustType) -> String {
    match ty {
        RustType::Model(name) => name.clone(),
        RustType::Union(union) => union.rust_name.clone(),
        RustType::Vec(inner) => format!("Vec<{}>", type_text(inner)),
        RustType::Json => "untyped JSON".to_owned(),
        other => format!("{other:?}"),
    }
}

/// The JSON bodies of an operation's examples with the types they are read as, and the lines of their blocks:
/// requests as the operation's body type, responses as their status's type (a single entity wrapped in
/// `{"value": {...}}` unwrapped, as it is replayed: GD0723).
fn example_bodies<'o>(operation: &'o Operation, documented: &crate::ir::Operation) -> Vec<(Value, &'o RustType, u32)> {
    let mut bodies = Vec::new();
    for example in &documented.examples {
        if let (Some(Body::Json(json)), Some(ty)) = (&example.request.body, &operation.body) {
            bodies.push((json.value(), ty, example.request.line));
        }
        let Some(response) = &example.response else { continue };
        let Some(Body::Json(json)) = &response.body else { continue };
        let variant = operation.responses.iter().find(|variant| variant.status == response.status);
        let Some(ResponseBody::Json(ty)) = variant.map(|variant| &variant.body) else { continue };
        let value = json.value();
        let entity = matches!(ty, RustType::Model(_) | RustType::Union(_));
        let value = match wrapped_entity(&value).filter(|_| entity).cloned() {
            Some(inner) => inner,
            None => value,
        };
        bodies.push((value, ty, response.line));
    }
    bodies
}

/// A JSON member name that can be a property: a letter, then letters, digits and `_` (a docs typo such as
/// `"id "` or a placeholder such as `"{key}"` stays in `additional`).
fn is_member_name(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What the values of one property say: models (objects whose `@odata.type` names a model, which may differ between
/// values of a base type), or one type.
enum Observed {
    Models(Vec<String>),
    Type(RustType),
}

/// What one value says (`None`: nothing, as `null` and `[]`).
fn observe(value: &Value, key: &str, models: &[Model]) -> Option<Observed> {
    match value_type(value, key, models)? {
        RustType::Model(name) => Some(Observed::Models(vec![name])),
        ty => Some(Observed::Type(ty)),
    }
}

/// Two observations of one property: models gather; anything else widens as [`widen`] does.
fn combine(a: Option<Observed>, b: Option<Observed>) -> Option<Observed> {
    match (a, b) {
        (None, seen) | (seen, None) => seen,
        (Some(Observed::Models(mut a)), Some(Observed::Models(b))) => {
            a.extend(b);
            a.sort_unstable();
            a.dedup();
            Some(Observed::Models(a))
        }
        (Some(Observed::Models(a)), Some(Observed::Type(b))) | (Some(Observed::Type(b)), Some(Observed::Models(a))) => {
            let a = (a.len() == 1).then(|| RustType::Model(a[0].clone()));
            widen(a, Some(b)).map(Observed::Type)
        }
        (Some(Observed::Type(a)), Some(Observed::Type(b))) => widen(Some(a), Some(b)).map(Observed::Type),
    }
}

/// The type of a property whose values were `models`: the one model, or the union of derived types that holds
/// them all (an `educationResource` seen as a link and as a word resource), else JSON.
fn union_of(models: &[String], version: &Version) -> RustType {
    if let [only] = models {
        return RustType::Model(only.clone());
    }
    let holds = |union: &&super::model::Union, name: &String| {
        union.base == *name || union.variants.iter().any(|(_, variant)| variant == name)
    };
    match version.unions.iter().find(|union| models.iter().all(|name| holds(union, name))) {
        Some(union) => RustType::Union(Box::new(union.clone())),
        None => RustType::Json,
    }
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
        Value::Object(_) => Some(object_model(value, key, models).unwrap_or(RustType::Json)),
        value => Some(type_of(value)),
    }
}

/// The model (or union of derived models) an object of property `key` reads as: the one its `@odata.type` names,
/// else the one other models type a property of that name as (`lastModifiedBy` is an `identitySet` wherever it is
/// listed), the commonest if they differ.
fn object_model(value: &Value, key: &str, models: &[Model]) -> Option<RustType> {
    // Where the example names the type, members no field takes are found in the next round; a member a field
    // cannot read says it is not that model. Where only the property's name suggests a model, each of the object's
    // own members must be a field of it (or `null`), so that no model gets fields from an object that was never
    // one; deeper objects are read as their fields' types say, and may show unlisted members too.
    let reads = |ty: &RustType, named: bool| {
        let mut fits = true;
        visit_unread(value, ty, models, &mut |unread| {
            let unlisted = unread.why == Why::NoField && is_member_name(unread.key);
            fits &= unlisted && (named || unread.value.is_null() || !unread.at.is_empty())
        });
        fits
    };
    if let Some(tag) = value.get("@odata.type").and_then(Value::as_str) {
        let tag = type_key(tag);
        let named = RustType::Model(models.iter().find(|model| type_key(&model.wire_name) == tag)?.rust_name.clone());
        return reads(&named, true).then_some(named);
    }
    let mut candidates: Vec<(&RustType, usize)> = Vec::new();
    let typed_as = models.iter().flat_map(|model| &model.fields).filter(|field| field.wire_name == key);
    for ty in typed_as.map(|field| element(&field.ty)) {
        if !matches!(ty, RustType::Model(_) | RustType::Union(_)) {
            continue;
        }
        match candidates.iter_mut().find(|(seen, _)| *seen == ty) {
            Some((_, count)) => *count += 1,
            None => candidates.push((ty, 1)),
        }
    }
    candidates.retain(|(ty, _)| reads(ty, false));
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| format!("{:?}", a.0).cmp(&format!("{:?}", b.0))));
    match candidates[..] {
        [(only, _)] => Some(only.clone()),
        [(first, most), (_, next), ..] if most > next => Some(first.clone()),
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
