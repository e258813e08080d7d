//! How a replay test builds a documented value as its Rust type: which field each member goes to, what is boxed,
//! what lands in `additional`. Decided here, so that the emitter only prints the plan.

use super::model::{Model, RustType, Version};
use super::types::serde_reads;
use serde::Serialize;
use serde_json::Value;

/// A documented value, as the Rust expression that builds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ValuePlan {
    String(String),
    Bool(bool),
    I32(i32),
    I64(i64),
    F64(f64),
    /// A member of an enum of the version's models: its variant, or `Other` with the text.
    Enum {
        name: String,
        variant: Option<String>,
        text: String,
    },
    Vec(Vec<ValuePlan>),
    /// A struct literal: typed fields, and the members that land in `additional` as JSON text.
    Model {
        name: String,
        fields: Vec<FieldPlan>,
        additional: Vec<(String, String)>,
    },
    /// A value its type reads from JSON text (a runtime value type).
    Read(String),
    /// A variant of a union of derived types (named as its model), holding that model's value.
    Variant {
        union: String,
        variant: String,
        value: Box<ValuePlan>,
    },
    /// Untyped JSON, as text.
    Json(String),
}

/// One typed field of a struct literal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldPlan {
    pub rust_name: String,
    /// The field holds a `Box` (models and unions, which may refer to themselves).
    pub boxed: bool,
    pub value: FieldValue,
}

/// What a field is set to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FieldValue {
    /// `Some(value)`.
    Some(ValuePlan),
    /// `runtime::Field::Value(value)`: an update body's property.
    Set(ValuePlan),
    /// `runtime::Field::Null`: an update body's property sent as `null`.
    Null,
}

/// How an example's request body is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BodyPlan {
    /// Through the builder's typed `body` setter.
    Typed(ValuePlan),
    /// As raw bytes: the body is no value of the documented type, or is not JSON.
    Raw(String),
}

/// The plan for `value` as `ty`. A member that is not a field of its model, or does not fit it, goes to
/// `additional`; a `null` goes there too, except for an update body's property, which sends it.
pub fn plan(value: &Value, ty: &RustType, version: &Version) -> ValuePlan {
    let models = &version.models;
    match (ty, value) {
        (RustType::String, Value::String(text)) => ValuePlan::String(text.clone()),
        (RustType::Bool, Value::Bool(flag)) => ValuePlan::Bool(*flag),
        (RustType::I32, Value::Number(number)) => {
            ValuePlan::I32(number.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or_default())
        }
        (RustType::I64, Value::Number(number)) => ValuePlan::I64(number.as_i64().unwrap_or_default()),
        (RustType::F64, Value::Number(number)) => ValuePlan::F64(number.as_f64().unwrap_or_default()),
        (RustType::Enum(name), Value::String(text)) => {
            let variant = version
                .enums
                .iter()
                .find(|found| &found.rust_name == name)
                .and_then(|found| found.members.iter().find(|(wire, _)| wire == text))
                .map(|(_, variant)| variant.clone());
            ValuePlan::Enum { name: name.clone(), variant, text: text.clone() }
        }
        (RustType::Union(union), Value::Object(_)) => {
            let variant = union.model_for(value).to_owned();
            let value = Box::new(plan(value, &RustType::Model(variant.clone()), version));
            ValuePlan::Variant { union: union.rust_name.clone(), variant, value }
        }
        (RustType::Primitive(_), _) => ValuePlan::Read(value.to_string()),
        (RustType::Vec(inner), Value::Array(items)) => {
            ValuePlan::Vec(items.iter().map(|item| plan(item, inner, version)).collect())
        }
        (RustType::Model(name), Value::Object(members)) => match models.iter().find(|model| &model.rust_name == name) {
            Some(model) => model_plan(model, members, version),
            None => ValuePlan::Json(value.to_string()),
        },
        _ => ValuePlan::Json(value.to_string()),
    }
}

fn model_plan(model: &Model, members: &serde_json::Map<String, Value>, version: &Version) -> ValuePlan {
    let mut fields = Vec::new();
    let mut additional = Vec::new();
    for (key, member) in members {
        let field = model.fields.iter().find(|field| &field.wire_name == key);
        let value = match field {
            Some(field) if field.clearable && member.is_null() => Some(FieldValue::Null),
            Some(field) if !member.is_null() && serde_reads(member, &field.ty, &version.models) => {
                let value = plan(member, &field.ty, version);
                Some(if field.clearable { FieldValue::Set(value) } else { FieldValue::Some(value) })
            }
            _ => None,
        };
        match (field, value) {
            (Some(field), Some(value)) => fields.push(FieldPlan {
                rust_name: field.rust_name.clone(),
                boxed: matches!(field.ty, RustType::Model(_) | RustType::Union(_)),
                value,
            }),
            _ => additional.push((key.clone(), member.to_string())),
        }
    }
    ValuePlan::Model { name: model.rust_name.clone(), fields, additional }
}

/// The members of `value` (OData annotations aside) that serde leaves in a catch-all map when reading it as `ty`,
/// as dotted paths: no field of their model takes them, or their field cannot read them; and properties typed as
/// untyped JSON (the docs name their type nowhere) that hold members.
pub fn leftovers(value: &Value, ty: &RustType, models: &[Model]) -> Vec<String> {
    let mut found = Vec::new();
    visit_unread(value, ty, models, &mut |unread| {
        found.push(match unread.why {
            Why::UntypedJson => format!("{} (untyped JSON)", unread.at.trim_end_matches('.')),
            Why::NoField | Why::Mistyped | Why::NotInPage => format!("{}{}", unread.at, unread.key),
        })
    });
    found
}

/// A member that reading a value as its type leaves untyped.
pub struct Unread<'v> {
    /// The dotted path of the object holding it (`value[].owner.`).
    pub at: &'v str,
    pub key: &'v str,
    /// The model it was read as, when one was.
    pub model: Option<&'v Model>,
    pub value: &'v Value,
    pub why: Why,
}

/// Why a member is left untyped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its model has no field of that name.
    NoField,
    /// Its field's type cannot read it.
    Mistyped,
    /// A page's member other than `value` and annotations.
    NotInPage,
    /// A property typed as untyped JSON that holds members (`key` is empty, `at` names the property).
    UntypedJson,
}

/// Calls `found` for every member of `value` that reading it as `ty` leaves untyped (see [`leftovers`]).
pub fn visit_unread<'v>(value: &'v Value, ty: &RustType, models: &'v [Model], found: &mut dyn FnMut(Unread<'_>)) {
    walk(value, ty, models, "", found)
}

fn walk<'v>(value: &'v Value, ty: &RustType, models: &'v [Model], at: &str, found: &mut dyn FnMut(Unread<'_>)) {
    let annotation = |key: &str| key.starts_with('@') || key.contains('@');
    match (ty, value) {
        (RustType::Union(union), Value::Object(_)) => {
            walk(value, &RustType::Model(union.model_for(value).to_owned()), models, at, found)
        }
        (RustType::Model(name), Value::Object(members)) => {
            let Some(model) = models.iter().find(|model| &model.rust_name == name) else { return };
            for (key, member) in members.iter().filter(|(key, _)| !annotation(key)) {
                let why = match model.fields.iter().find(|field| &field.wire_name == key) {
                    Some(field) if serde_reads(member, &field.ty, models) => {
                        walk(member, &field.ty, models, &format!("{at}{key}."), found);
                        continue;
                    }
                    _ if model.open => continue,
                    Some(_) => Why::Mistyped,
                    None => Why::NoField,
                };
                found(Unread { at, key, model: Some(model), value: member, why });
            }
        }
        (RustType::Vec(inner), Value::Array(items)) => {
            items.iter().for_each(|item| walk(item, inner, models, &format!("{at}[]."), found))
        }
        (RustType::Page(inner), Value::Object(members)) => {
            for (key, member) in members.iter().filter(|(key, _)| !annotation(key)) {
                match member {
                    Value::Array(items) if key == "value" => {
                        items.iter().for_each(|item| walk(item, inner, models, &format!("{at}value[]."), found))
                    }
                    _ => found(Unread { at, key, model: None, value: member, why: Why::NotInPage }),
                }
            }
        }
        (RustType::OneOrPage(inner), Value::Object(members)) => {
            let page = members.get("value").is_some_and(Value::is_array);
            let ty = if page { RustType::Page(inner.clone()) } else { inner.as_ref().clone() };
            walk(value, &ty, models, at, found)
        }
        // A property whose type the docs name nowhere: its members are untyped JSON.
        (RustType::Json, Value::Object(members)) if !members.is_empty() && !at.is_empty() => {
            found(Unread { at, key: "", model: None, value, why: Why::UntypedJson })
        }
        _ => {}
    }
}
