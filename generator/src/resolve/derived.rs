//! Derived types: where the docs derive types from a base (`attachment` -> `fileAttachment`, `itemAttachment`;
//! `directoryObject` -> `user`, `group`), a property, body or item of the base type takes any of them, chosen by
//! `@odata.type`, and keeps an undocumented derived type's members in the base's `additional` map.

use super::model::{Model, ResponseBody, RustType, Union, Version};
use super::names::Namespace;
use super::report_rename;
use crate::diagnostics::Diagnostic;
use crate::ir::Page;
use std::collections::BTreeMap;

/// Replaces every use of a base type that has documented derived types (model fields, request bodies, responses)
/// with a union of them, and lists the unions in `version.unions`. Union names (`AnyAttachment`) are given in
/// `types`, the version's `models` namespace.
pub fn apply(version: &mut Version, pages: &[&Page], types: &mut Namespace, diagnostics: &mut Vec<Diagnostic>) {
    let derived = derived_models(version, pages);
    if derived.is_empty() {
        return;
    }
    let mut unions: BTreeMap<String, Union> = BTreeMap::new();
    let mut make = |base: &str| -> Option<RustType> {
        let variants = derived.get(base)?;
        let union = unions.entry(base.to_owned()).or_insert_with(|| {
            let wanted = format!("Any{base}");
            let claimed = types.claim(&wanted);
            if let Some(page) = pages.first() {
                report_rename(diagnostics, &claimed, "derived-type union", &wanted, page, "");
            }
            Union { rust_name: claimed.name, base: base.to_owned(), variants: variants.clone() }
        });
        Some(RustType::Union(Box::new(union.clone())))
    };
    for model in &mut version.models {
        for field in &mut model.fields {
            replace(&mut field.ty, &mut make);
        }
    }
    for operation in &mut version.operations {
        if let Some(body) = &mut operation.body {
            replace(body, &mut make);
        }
        for variant in &mut operation.responses {
            if let ResponseBody::Json(ty) = &mut variant.body {
                replace(ty, &mut make);
            }
        }
    }
    version.unions = unions.into_values().collect();
    version.unions.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
}

/// `Model(base)` to its union, through collections and pages.
fn replace(ty: &mut RustType, make: &mut impl FnMut(&str) -> Option<RustType>) {
    match ty {
        RustType::Model(name) => {
            if let Some(union) = make(name) {
                *ty = union;
            }
        }
        RustType::Vec(inner) | RustType::Page(inner) => replace(inner, make),
        _ => {}
    }
}

/// Per base model (Rust name), its derived models, direct or not: (`#microsoft.graph.x` as the wire writes it,
/// Rust name), sorted. Read from the resource pages' base types; cycles are cut.
fn derived_models(version: &Version, pages: &[&Page]) -> BTreeMap<String, Vec<(String, String)>> {
    let by_wire: BTreeMap<String, &Model> =
        version.models.iter().map(|model| (model.wire_name.to_ascii_lowercase(), model)).collect();
    let mut base_of: BTreeMap<String, String> = BTreeMap::new();
    for page in pages {
        let Some(resource) = page.resource.as_ref() else { continue };
        let Some(base) = resource.base_type.as_deref() else { continue };
        let base = super::model::type_key(base.trim());
        let name = resource.name.as_str().to_ascii_lowercase();
        if !base.is_empty() && base != name && by_wire.contains_key(&base) && by_wire.contains_key(&name) {
            base_of.entry(name).or_insert(base);
        }
    }
    let mut derived: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (name, model) in &by_wire {
        let mut seen = vec![name.clone()];
        let mut current = name.clone();
        while let Some(base) = base_of.get(&current) {
            if seen.contains(base) {
                break;
            }
            seen.push(base.clone());
            let tag = format!("#microsoft.graph.{}", model.wire_name);
            derived.entry(by_wire[base].rust_name.clone()).or_default().push((tag, model.rust_name.clone()));
            current = base.clone();
        }
    }
    for variants in derived.values_mut() {
        variants.sort();
        variants.dedup();
    }
    derived
}
