//! `graphdoc diff`: the API changelog between two docs trees, computed from their resolved APIs.
//!
//! Operations are paired by page first (the same page in both trees), then, for the rest, by an endpoint they
//! share (method and path template, compared without case and parameter names): a page renamed or split keeps
//! its operation. What is left is added or removed. Paired operations are compared for addressing
//! alternatives, permissions, statuses, headers, query parameters and body; models and enums are compared by
//! their docs name. Every name and text taken from the docs is made terminal-safe here, so that both the JSON and
//! the markdown carry no control or direction characters.

mod model;
mod render;

pub use model::*;
pub use render::{escape_markdown, markdown, summary};

use crate::diagnostics::terminal_safe;
use crate::ir::Permissions;
use crate::resolve::{resolve, Api, EnumModel, Model, Operation, ResponseBody, RustType, Version};
use crate::DocsTree;
use std::collections::{BTreeMap, BTreeSet};

/// The changelog from `old` to `new`: both trees parsed and resolved as generation does.
pub fn diff_trees(old: &DocsTree, new: &DocsTree) -> Changelog {
    let (old_api, _) = resolve(&old.parse());
    let (new_api, _) = resolve(&new.parse());
    diff(&old_api, &new_api)
}

/// The changelog from the API `old` to the API `new`, sorted, with breaking changes counted.
pub fn diff(old: &Api, new: &Api) -> Changelog {
    let mut log = Changelog::default();
    let names: BTreeSet<&str> = old.versions.iter().chain(&new.versions).map(|version| version.name.as_str()).collect();
    let empty = Version::default();
    for name in names {
        let old_version = old.versions.iter().find(|version| version.name == name).unwrap_or(&empty);
        let new_version = new.versions.iter().find(|version| version.name == name).unwrap_or(&empty);
        let version = safe(name);
        operations(&version, old_version, new_version, &mut log);
        types(&version, old_version, new_version, &mut log);
    }
    log.finish();
    log
}

/// Docs text as it may be stored in the changelog: on one line, no control or direction characters.
fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

fn reference(version: &str, operation: &Operation) -> OperationRef {
    OperationRef {
        version: version.to_owned(),
        template: safe(operation.constructors.first().map(|constructor| constructor.template.as_str()).unwrap_or("")),
        method: safe(&operation.method),
        page: safe(&operation.page),
    }
}

/// What makes two path templates the same endpoint: the method, and the template without case, parameter names
/// or a trailing slash (`/users/{id}` and `/Users/{user-id}/` are one).
fn endpoint(method: &str, template: &str) -> (String, String) {
    let mut key = String::with_capacity(template.len());
    let mut in_parameter = false;
    for c in template.trim_end_matches('/').chars() {
        match c {
            '{' => {
                in_parameter = true;
                key.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if !in_parameter => key.extend(c.to_lowercase()),
            _ => {}
        }
    }
    (method.to_ascii_uppercase(), key)
}

/// Operations of `old` and `new` paired (see the module documentation), and those left over on each side.
type Paired<'a> = (Vec<(&'a Operation, &'a Operation)>, Vec<&'a Operation>, Vec<&'a Operation>);

fn pair<'a>(old: &'a [Operation], new: &'a [Operation]) -> Paired<'a> {
    let mut taken = vec![false; new.len()];
    let mut by_page: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, operation) in new.iter().enumerate() {
        by_page.entry(operation.page.as_str()).or_insert(index);
    }
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for operation in old {
        match by_page.get(operation.page.as_str()) {
            Some(&index) if !taken[index] => {
                taken[index] = true;
                pairs.push((operation, &new[index]));
            }
            _ => unpaired.push(operation),
        }
    }
    let mut by_endpoint: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (index, operation) in new.iter().enumerate().filter(|(index, _)| !taken[*index]) {
        for constructor in &operation.constructors {
            by_endpoint.entry(endpoint(&operation.method, &constructor.template)).or_insert(index);
        }
    }
    let mut removed = Vec::new();
    for operation in unpaired {
        let found = operation
            .constructors
            .iter()
            .filter_map(|constructor| by_endpoint.get(&endpoint(&operation.method, &constructor.template)))
            .copied()
            .find(|&index| !taken[index]);
        match found {
            Some(index) => {
                taken[index] = true;
                pairs.push((operation, &new[index]));
            }
            None => removed.push(operation),
        }
    }
    let added = new.iter().zip(&taken).filter(|(_, taken)| !**taken).map(|(operation, _)| operation).collect();
    (pairs, removed, added)
}

fn operations(version: &str, old: &Version, new: &Version, log: &mut Changelog) {
    let (pairs, removed, added) = pair(&old.operations, &new.operations);
    log.operations_removed.extend(removed.into_iter().map(|operation| reference(version, operation)));
    log.operations_added.extend(added.into_iter().map(|operation| reference(version, operation)));
    for (before, after) in pairs {
        let at = reference(version, after);
        for (kind, scope, change) in permission_changes(&before.permissions, &after.permissions) {
            log.permission_changes.push(PermissionChange {
                version: at.version.clone(),
                template: at.template.clone(),
                method: at.method.clone(),
                page: at.page.clone(),
                kind: kind.to_owned(),
                scope: safe(&scope),
                change,
                breaking: change.breaking(),
            });
        }
        let mut push = |change: OperationChangeKind, name: &str, old: Option<String>, new: Option<String>| {
            log.operation_changes.push(OperationChange {
                version: at.version.clone(),
                template: at.template.clone(),
                method: at.method.clone(),
                page: at.page.clone(),
                change,
                name: safe(name),
                old: old.as_deref().map(safe),
                new: new.as_deref().map(safe),
                breaking: change.breaking(),
            });
        };
        let templates = |operation: &Operation| -> BTreeMap<(String, String), String> {
            let method = &operation.method;
            operation.constructors.iter().map(|c| (endpoint(method, &c.template), c.template.clone())).collect()
        };
        let (old_templates, new_templates) = (templates(before), templates(after));
        for (key, template) in &new_templates {
            if !old_templates.contains_key(key) {
                push(OperationChangeKind::AlternativeAdded, template, None, None);
            }
        }
        for (key, template) in &old_templates {
            if !new_templates.contains_key(key) {
                push(OperationChangeKind::AlternativeRemoved, template, None, None);
            }
        }
        let statuses = |operation: &Operation| -> BTreeMap<u16, String> {
            operation.responses.iter().map(|response| (response.status, body_text(&response.body))).collect()
        };
        let (old_statuses, new_statuses) = (statuses(before), statuses(after));
        for (status, body) in &new_statuses {
            match old_statuses.get(status) {
                None => push(OperationChangeKind::StatusAdded, &status.to_string(), None, Some(body.clone())),
                Some(old) if old != body => {
                    push(OperationChangeKind::StatusRetyped, &status.to_string(), Some(old.clone()), Some(body.clone()))
                }
                Some(_) => {}
            }
        }
        for (status, body) in &old_statuses {
            if !new_statuses.contains_key(status) {
                push(OperationChangeKind::StatusRemoved, &status.to_string(), Some(body.clone()), None);
            }
        }
        let headers = |operation: &Operation| -> BTreeMap<String, (String, bool)> {
            let named = |header: &crate::resolve::HeaderSetter| {
                (header.wire_name.to_ascii_lowercase(), (header.wire_name.clone(), header.required))
            };
            operation.headers.iter().map(named).collect()
        };
        let (old_headers, new_headers) = (headers(before), headers(after));
        for (key, (name, required)) in &new_headers {
            match old_headers.get(key) {
                None => push(OperationChangeKind::HeaderAdded, name, None, None),
                Some((_, was)) if was != required => {
                    let change = if *required {
                        OperationChangeKind::HeaderNowRequired
                    } else {
                        OperationChangeKind::HeaderNowOptional
                    };
                    push(change, name, None, None);
                }
                Some(_) => {}
            }
        }
        for (key, (name, _)) in &old_headers {
            if !new_headers.contains_key(key) {
                push(OperationChangeKind::HeaderRemoved, name, None, None);
            }
        }
        let queries = |operation: &Operation| -> BTreeSet<String> {
            operation.query_parameters.iter().map(|query| query.wire_name.clone()).collect()
        };
        let (old_queries, new_queries) = (queries(before), queries(after));
        for name in new_queries.difference(&old_queries) {
            push(OperationChangeKind::QueryParameterAdded, name, None, None);
        }
        for name in old_queries.difference(&new_queries) {
            push(OperationChangeKind::QueryParameterRemoved, name, None, None);
        }
        let (old_body, new_body) = (before.body.as_ref().map(type_text), after.body.as_ref().map(type_text));
        if old_body != new_body {
            push(OperationChangeKind::BodyRetyped, "request body", old_body, new_body);
        }
    }
}

/// Per permission kind, each scope added or removed, classified. When only one side lists scopes without saying
/// for which kind (old pages' bullet lists), all kinds are compared together as `any`: moving scopes from a list
/// into a table is not a change of what the call needs.
fn permission_changes(old: &Permissions, new: &Permissions) -> Vec<(&'static str, String, PermissionChangeKind)> {
    let strings =
        |scopes: &[compact_str::CompactString]| -> Vec<String> { scopes.iter().map(|s| s.to_string()).collect() };
    let kinds = if old.unspecified.is_empty() == new.unspecified.is_empty() {
        vec![
            ("delegated_work", strings(&old.delegated_work), strings(&new.delegated_work)),
            ("delegated_personal", strings(&old.delegated_personal), strings(&new.delegated_personal)),
            ("application", strings(&old.application), strings(&new.application)),
            ("unspecified", strings(&old.unspecified), strings(&new.unspecified)),
        ]
    } else {
        let all = |permissions: &Permissions| {
            let mut all = strings(&permissions.delegated_work);
            all.extend(strings(&permissions.delegated_personal));
            all.extend(strings(&permissions.application));
            all.extend(strings(&permissions.unspecified));
            all
        };
        vec![("any", all(old), all(new))]
    };
    let mut changes = Vec::new();
    for (kind, old, new) in kinds {
        let old_keys: BTreeSet<String> = old.iter().map(|scope| scope.to_ascii_lowercase()).collect();
        let new_keys: BTreeSet<String> = new.iter().map(|scope| scope.to_ascii_lowercase()).collect();
        // Scopes are listed least privileged first: an option before every kept scope is less privileged.
        let first_kept = new.iter().position(|scope| old_keys.contains(&scope.to_ascii_lowercase()));
        let mut seen = BTreeSet::new();
        for (index, scope) in new.iter().enumerate() {
            let key = scope.to_ascii_lowercase();
            if old_keys.contains(&key) || !seen.insert(key) {
                continue;
            }
            let change = match first_kept {
                _ if old.is_empty() => PermissionChangeKind::NewlySupported,
                None => PermissionChangeKind::Required,
                Some(kept) if index < kept => PermissionChangeKind::LessPrivilegedOption,
                Some(_) => PermissionChangeKind::Option,
            };
            changes.push((kind, scope.clone(), change));
        }
        let mut seen = BTreeSet::new();
        for scope in &old {
            let key = scope.to_ascii_lowercase();
            if !new_keys.contains(&key) && seen.insert(key) {
                changes.push((kind, scope.clone(), PermissionChangeKind::Removed));
            }
        }
    }
    changes
}

fn types(version: &str, old: &Version, new: &Version, log: &mut Changelog) {
    let mut push = |type_name: &str, page: &str, change: TypeChangeKind, property: Option<&str>, old, new| {
        let safe_option = |text: Option<String>| text.as_deref().map(safe);
        log.type_changes.push(TypeChange {
            version: version.to_owned(),
            type_name: safe(type_name),
            change,
            property: property.map(safe),
            old: safe_option(old),
            new: safe_option(new),
            page: safe(page),
            breaking: change.breaking(),
        });
    };
    let (old_models, new_models) = (models(old), models(new));
    for (key, model) in &new_models {
        let name = &model.wire_name;
        let page = model.pages.first().map(String::as_str).unwrap_or("");
        let Some(before) = old_models.get(key) else {
            push(name, page, TypeChangeKind::TypeAdded, None, None, Some(model.rust_name.clone()));
            continue;
        };
        if before.rust_name != model.rust_name {
            let (old_name, new_name) = (Some(before.rust_name.clone()), Some(model.rust_name.clone()));
            push(name, page, TypeChangeKind::TypeRenamed, None, old_name, new_name);
        }
        let fields = |model: &'_ Model| -> BTreeMap<String, String> {
            model
                .fields
                .iter()
                .filter(|field| !field.from_examples)
                .map(|field| (field.wire_name.clone(), type_text(&field.ty)))
                .collect()
        };
        let (old_fields, new_fields) = (fields(before), fields(model));
        for (field, ty) in &new_fields {
            match old_fields.get(field) {
                None => push(name, page, TypeChangeKind::PropertyAdded, Some(field), None, Some(ty.clone())),
                Some(old_ty) if old_ty != ty => {
                    let (old, new) = (Some(old_ty.clone()), Some(ty.clone()));
                    push(name, page, TypeChangeKind::PropertyRetyped, Some(field), old, new);
                }
                Some(_) => {}
            }
        }
        for (field, ty) in &old_fields {
            if !new_fields.contains_key(field) {
                push(name, page, TypeChangeKind::PropertyRemoved, Some(field), Some(ty.clone()), None);
            }
        }
    }
    for (key, model) in &old_models {
        if !new_models.contains_key(key) {
            let name = &model.wire_name;
            let page = model.pages.first().map(String::as_str).unwrap_or("");
            push(name, page, TypeChangeKind::TypeRemoved, None, Some(model.rust_name.clone()), None);
        }
    }
    let (old_enums, new_enums) = (enums(old), enums(new));
    for (key, model) in &new_enums {
        let name = &model.wire_name;
        let Some(before) = old_enums.get(key) else {
            push(name, &model.page, TypeChangeKind::TypeAdded, None, None, Some(model.rust_name.clone()));
            continue;
        };
        let members =
            |model: &EnumModel| -> BTreeSet<String> { model.members.iter().map(|(wire, _)| wire.clone()).collect() };
        let (old_members, new_members) = (members(before), members(model));
        for member in new_members.difference(&old_members) {
            push(name, &model.page, TypeChangeKind::MemberAdded, Some(member), None, None);
        }
        for member in old_members.difference(&new_members) {
            push(name, &model.page, TypeChangeKind::MemberRemoved, Some(member), None, None);
        }
    }
    for (key, model) in &old_enums {
        let name = &model.wire_name;
        if !new_enums.contains_key(key) {
            push(name, &model.page, TypeChangeKind::TypeRemoved, None, Some(model.rust_name.clone()), None);
        }
    }
}

/// A version's models by docs name without case (the first, when two pages name the same one): pages fix the
/// case of a type's name (`IdentityProvider` -> `identityProvider`) without making it another type.
fn models(version: &Version) -> BTreeMap<String, &Model> {
    let mut map = BTreeMap::new();
    for model in &version.models {
        map.entry(model.wire_name.to_lowercase()).or_insert(model);
    }
    map
}

/// A version's enums by docs name without case.
fn enums(version: &Version) -> BTreeMap<String, &EnumModel> {
    let mut map = BTreeMap::new();
    for model in &version.enums {
        map.entry(model.wire_name.to_lowercase()).or_insert(model);
    }
    map
}

/// A Rust type as the generated crate spells it.
fn type_text(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".into(),
        RustType::Bool => "bool".into(),
        RustType::I32 => "i32".into(),
        RustType::I64 => "i64".into(),
        RustType::F64 => "f64".into(),
        RustType::Model(name) | RustType::Enum(name) => name.clone(),
        RustType::Json => "serde_json::Value".into(),
        RustType::Vec(inner) => format!("Vec<{}>", type_text(inner)),
        RustType::Page(inner) => format!("Page<{}>", type_text(inner)),
        RustType::OneOrPage(inner) => format!("OneOrPage<{}>", type_text(inner)),
        RustType::Single(inner) => format!("Single<{}>", type_text(inner)),
        RustType::Union(union) => union.rust_name.clone(),
        RustType::Primitive(primitive) => primitive.rust_name().into(),
    }
}

fn body_text(body: &ResponseBody) -> String {
    match body {
        ResponseBody::None => "no body".into(),
        ResponseBody::Json(ty) => type_text(ty),
        ResponseBody::Location => "Location header".into(),
        ResponseBody::Bytes => "bytes".into(),
    }
}

#[cfg(test)]
mod tests;
