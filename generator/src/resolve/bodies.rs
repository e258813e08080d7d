//! An operation's request body type, from what the docs say in order of trust: the page's request-body table,
//! the linked resource type, and only then the examples.

use super::documented::named_type;
use super::model::{BodySource, Field, Model, Operation, RustType, Version};
use super::names::{snake_case, Case, Namespace};
use super::types::model_for_target;
use super::{report, report_rename};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Page, Parameter};

/// The request body's type and, when one is built for it, its struct (`{Operation}Body`): from the body table
/// (a `PATCH` body's properties can be sent as `null`), else the linked resource, else inferred from the examples.
/// None when the docs show no body.
pub fn body_type(
    page: &Page,
    documented: &crate::ir::Operation,
    operation: &Operation,
    version: &Version,
    types: &mut Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(RustType, BodySource, Option<Model>)> {
    let table = documented.request_body.as_ref().map_or(&[][..], |body| &body.parameters[..]);
    if let Some(model) = table_model(page, table, operation, version, types, diagnostics) {
        return Some((RustType::Model(model.rust_name.clone()), BodySource::Table, Some(model)));
    }
    let linked = documented
        .request_body
        .iter()
        .flat_map(|body| &body.types)
        .find_map(|link| model_for_target(&link.target, &version.models));
    if let Some(model) = linked {
        return Some((RustType::Model(model.rust_name.clone()), BodySource::Resource, None));
    }
    let sends_json = documented.examples.iter().any(|example| matches!(example.request.body, Some(Body::Json(_))));
    if !sends_json {
        return None;
    }
    match super::infer::body_model(page, documented, &operation.type_name, types, diagnostics) {
        Some(model) => Some((RustType::Model(model.rust_name.clone()), BodySource::Examples, Some(model))),
        None => Some((RustType::Json, BodySource::Untyped, None)),
    }
}

/// A struct with one field per row of the body table whose name is a JSON member name, typed by its type cell.
/// None when no row is usable.
fn table_model(
    page: &Page,
    table: &[Parameter],
    operation: &Operation,
    version: &Version,
    types: &mut Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Model> {
    let line = super::section_line(page, "request-body");
    let clearable = operation.method == "PATCH";
    let mut field_names = Namespace::new(Case::Snake).reserving(&["additional"]);
    let mut fields: Vec<Field> = Vec::new();
    for row in table {
        let wire = row.name.trim();
        if !is_member_name(wire) {
            if !wire.is_empty() {
                let message =
                    format!("the body table's row `{}` is no JSON member name; left out", wire.escape_debug());
                report(diagnostics, Code::BodyRowUnusable, &page.path, line, message);
            }
            continue;
        }
        if fields.iter().any(|field| field.wire_name == wire) {
            continue;
        }
        let ty = named_type(&row.type_name, version).unwrap_or_else(|| {
            let message = format!(
                "the body table types `{wire}` as `{}`, which names no type this version documents; typed as JSON",
                row.type_name.escape_debug()
            );
            report(diagnostics, Code::BodyRowUntyped, &page.path, line, message);
            RustType::Json
        });
        let claimed = field_names.claim(&snake_case(wire));
        report_rename(diagnostics, &claimed, "request body property", wire, page, "request-body");
        fields.push(Field {
            wire_name: wire.to_owned(),
            rust_name: claimed.name,
            ty,
            description: row.description.to_string(),
            clearable,
            from_examples: false,
        });
    }
    if fields.is_empty() {
        return None;
    }
    let wanted = format!("{}Body", operation.type_name);
    let claimed = types.claim(&wanted);
    report_rename(diagnostics, &claimed, "request body type", &wanted, page, "request-body");
    let description = if clearable {
        "The request body, from the page's request-body table. A property left `Absent` is not sent; `Null` sends \
         `null`, which clears it."
    } else {
        "The request body, from the page's request-body table."
    };
    Some(Model {
        wire_name: format!("{} request body", operation.type_name),
        rust_name: claimed.name,
        description: description.to_owned(),
        fields,
        pages: vec![page.path.to_string()],
        open: false,
        features: Vec::new(),
    })
}

/// A JSON member name as body tables write them: letters, digits and `_ @ . $ -` (not a sentence or a heading).
fn is_member_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().any(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '$' | '-'))
}
