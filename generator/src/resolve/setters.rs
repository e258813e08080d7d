//! Setters for an operation's documented request headers and query parameters.

use super::model::{HeaderSetter, QuerySetter};
use super::names::{snake_case, Namespace};
use super::report_rename;
use crate::diagnostics::Diagnostic;
use crate::ir::Page;

/// Setters for the documented headers, named in `methods` after the constructors; `Authorization` (the
/// client's) and `Content-Length` (derived) excluded, and a header named twice (in any letter case) set once.
pub fn headers(
    documented: &crate::ir::Operation,
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<HeaderSetter> {
    let mut setters: Vec<HeaderSetter> = Vec::new();
    for header in &documented.request_headers {
        let wire = header.name.trim();
        let lower = wire.to_ascii_lowercase();
        let valid = !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let repeated = setters.iter().any(|setter| setter.wire_name.eq_ignore_ascii_case(wire));
        if !valid || lower == "authorization" || lower == "content-length" || repeated {
            continue;
        }
        let claimed = methods.claim(&snake_case(wire));
        report_rename(diagnostics, &claimed, "header", wire, page, "request-headers");
        setters.push(HeaderSetter {
            wire_name: wire.to_owned(),
            rust_name: claimed.name,
            required: header.required,
            description: header.description.to_string(),
        });
    }
    setters
}

/// Setters for the documented query parameters that are not OData system options (the runtime has those), named
/// `query_*` in `methods` after the constructors and header setters.
pub fn query_setters(
    documented: &crate::ir::Operation,
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<QuerySetter> {
    let mut setters = Vec::new();
    for parameter in &documented.optional_query_parameters.parameters {
        let wire = parameter.name.trim();
        let valid =
            !wire.is_empty() && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !valid || setters.iter().any(|setter: &QuerySetter| setter.wire_name == wire) {
            continue;
        }
        let claimed = methods.claim(&format!("query_{}", snake_case(wire)));
        report_rename(diagnostics, &claimed, "query parameter", wire, page, "optional-query-parameters");
        setters.push(QuerySetter {
            wire_name: wire.to_owned(),
            rust_name: claimed.name,
            description: parameter.description.to_string(),
        });
    }
    setters
}
