//! The addressing of an operation: one constructor per documented path, its parameters and how each piece of
//! the path is rendered.

use super::model::{Constructor, Piece};
use super::names::{snake_case, Case, Namespace, Renamed};
use super::report_rename;
use crate::diagnostics::Diagnostic;
use crate::ir::{HttpPath, Page, Segment, TemplatePart};
use compact_str::CompactString;

/// One constructor per path, named in `methods` (the builder's namespace) before any setter.
/// One constructor per path, named in `methods` (the builder's namespace) before any setter.
pub fn constructors(
    paths: &[&HttpPath],
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Constructor> {
    let mut built: Vec<Constructor> = paths.iter().map(|path| constructor(path, page, diagnostics)).collect();
    // Alternatives with the same parameters are told apart by their first literal segment (`me`, `users`).
    for index in 0..built.len() {
        let duplicate = built.iter().filter(|other| other.name == built[index].name).count() > 1;
        if duplicate {
            let first = paths[index].segments.iter().find_map(|segment| match segment {
                Segment::Literal { value } => Some(snake_case(value)),
                _ => None,
            });
            if let Some(first) = first {
                built[index].name = format!("{first}_{}", built[index].name);
            }
        }
        let claimed = methods.claim(&built[index].name);
        // Numbering alternatives that still share a name is ordinary; only a reserved name is worth a word.
        if claimed.renamed == Some(Renamed::Reserved) {
            report_rename(diagnostics, &claimed, "constructor", &built[index].name, page, "http-request");
        }
        built[index].name = claimed.name;
    }
    built
}

fn constructor(path: &HttpPath, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Constructor {
    let mut params = Params { names: Namespace::new(Case::Snake), given: Vec::new(), page, diagnostics };
    let mut pieces: Vec<Piece> = Vec::new();
    for segment in &path.segments {
        match segment {
            Segment::Literal { value } | Segment::Cast { type_name: value } | Segment::System { name: value } => {
                push_literal(&mut pieces, &format!("/{value}"))
            }
            Segment::Param { names } => {
                push_literal(&mut pieces, "/");
                pieces.push(Piece::Segment(add_param(names, &mut params)));
            }
            Segment::ItemPath { prefix, path } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, prefix, &mut params);
                push_literal(&mut pieces, ":/");
                for part in path {
                    match part {
                        TemplatePart::Literal(text) => push_literal(&mut pieces, text),
                        TemplatePart::Param(names) => pieces.push(Piece::ItemPath(add_param(names, &mut params))),
                    }
                }
                push_literal(&mut pieces, ":");
            }
            Segment::Key { name, key } => {
                push_literal(&mut pieces, &format!("/{name}("));
                push_parts(&mut pieces, key, &mut params);
                push_literal(&mut pieces, ")");
            }
            Segment::Function { name, params: arguments } => {
                push_literal(&mut pieces, &format!("/{name}("));
                for (index, (argument, value)) in arguments.iter().enumerate() {
                    push_literal(&mut pieces, &format!("{}{argument}=", if index > 0 { "," } else { "" }));
                    push_parts(&mut pieces, value, &mut params);
                }
                push_literal(&mut pieces, ")");
            }
            Segment::Mixed { parts } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, parts, &mut params);
            }
        }
    }
    let params = params.given;
    let unraw: Vec<&str> = params.iter().map(|name| name.strip_prefix("r#").unwrap_or(name)).collect();
    let name = if params.is_empty() { "new".to_owned() } else { format!("by_{}", unraw.join("_and_")) };
    Constructor { name, template: path.template.to_string(), params, pieces }
}

/// A constructor's parameters as they are named: each in the constructor's own namespace.
struct Params<'a> {
    names: Namespace,
    given: Vec<String>,
    page: &'a Page,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// Adds a parameter named after the first of its alternative names; returns its index.
fn add_param(names: &[CompactString], params: &mut Params) -> usize {
    let original = names.first().map_or("value", CompactString::as_str);
    let wanted = snake_case(original);
    let claimed = params.names.claim(&wanted);
    // `{id}` twice in one path (`/users/{id}/messages/{id}`) is how the docs write it: the second is `id_2`
    // without a word. Two names that only fold alike, or a reserved one, are worth one.
    let repeated = matches!(&claimed.renamed, Some(Renamed::Collides(earlier)) if *earlier == wanted);
    if !repeated {
        report_rename(params.diagnostics, &claimed, "path parameter", original, params.page, "http-request");
    }
    params.given.push(claimed.name);
    params.given.len() - 1
}

/// Parts inside parentheses: a parameter right after a `'` is an OData string literal (quotes doubled).
fn push_parts(pieces: &mut Vec<Piece>, parts: &[TemplatePart], params: &mut Params) {
    for part in parts {
        match part {
            TemplatePart::Literal(text) => push_literal(pieces, text),
            TemplatePart::Param(names) => {
                let quoted = matches!(pieces.last(), Some(Piece::Literal(text)) if text.ends_with('\''));
                let index = add_param(names, params);
                pieces.push(if quoted { Piece::Quoted(index) } else { Piece::Segment(index) });
            }
        }
    }
}

fn push_literal(pieces: &mut Vec<Piece>, text: &str) {
    match pieces.last_mut() {
        Some(Piece::Literal(previous)) => previous.push_str(text),
        _ => pieces.push(Piece::Literal(text.to_owned())),
    }
}
