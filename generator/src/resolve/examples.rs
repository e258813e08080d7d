//! Binding a documented example to its operation: which constructor and arguments, which headers go through
//! setters, and what the docs contradict (properties a type lacks, values of another type, unmatched paths).

use super::located::{Path, Place};
use super::model::{
    Example, ExampleResponse, Field, Model, Operation, Piece, QueryCall, ResponseBody, RustType, Untyped, Version,
};
use super::names::{snake_case, unique};
use super::report;
use super::responses::variant_name;
use super::types::{body_fits, compatible};
use super::values::{plan, BodyPlan};
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::ir::{Body, Page, Step};
use compact_str::CompactString;
use serde_json::Value;

/// Why an example gets no replay test (a diagnostic says so too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untested {
    /// It calls another host than Graph (GD0706): not an operation of the page.
    OtherHost,
    /// Its method or URL fits no template of its page (GD0703): a doc defect.
    NoTemplate,
}

/// The replayable form of `example`, or why there is none (with a diagnostic).
pub fn resolve_example(
    page: &Page,
    example: &crate::ir::Example,
    operation: &Operation,
    version: &Version,
    test_names: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Example, Untested> {
    let request = &example.request;
    let line = request.line;
    if let Some(host) = foreign_host(&request.url) {
        let message =
            format!("the example calls `{host}`, not Graph: it is documented, not replayed through a builder");
        report(diagnostics, Code::ExampleNotGraphCall, &page.path, line, message);
        return Err(Untested::OtherHost);
    }
    if !request.method.eq_ignore_ascii_case(&operation.method) {
        let message = format!("the example sends {} but the page documents {}", request.method, operation.method);
        report(diagnostics, Code::ExamplePathUnmatched, &page.path, line, message);
        return Err(Untested::NoTemplate);
    }
    let Some(Binding { constructor, args, prefix, suffix }) = bind_path_with_suffix(operation, &request.path) else {
        let templates: Vec<&str> = operation.constructors.iter().map(|c| c.template.as_str()).collect();
        let message = format!("`{}` matches none of the documented templates {templates:?}", request.path);
        report(diagnostics, Code::ExamplePathUnmatched, &page.path, line, message);
        return Err(Untested::NoTemplate);
    };
    let template = &operation.constructors[constructor];
    if let Some(literal) = case_mismatch(&template.pieces, &request.path) {
        let message = format!(
            "`{}` writes `{literal}` in another letter case than the template `{}`; the builder sends the template's",
            request.path, template.template
        );
        report(diagnostics, Code::ExamplePathUnmatched, &page.path, line, message);
    }
    if let Some(prefix) = &prefix {
        let message = format!(
            "`{}` matches `{}` only under the undocumented prefix `{prefix}`",
            request.path, operation.constructors[constructor].template
        );
        report(diagnostics, Code::ExamplePathUnmatched, &page.path, line, message);
    }
    let mut setter_headers = Vec::new();
    let mut other_headers = Vec::new();
    let mut expected_headers = Vec::new();
    for (name, value) in &request.headers {
        let lower = name.to_ascii_lowercase();
        if lower == "content-length" || lower == "authorization" {
            continue;
        }
        expected_headers.push((name.to_string(), value.to_string()));
        match operation.headers.iter().find(|setter| setter.wire_name.eq_ignore_ascii_case(name)) {
            Some(setter) => setter_headers.push((setter.rust_name.clone(), value.to_string())),
            None => other_headers.push((name.to_string(), value.to_string())),
        }
    }
    let (body, raw_body) = match &request.body {
        Some(Body::Json(json)) => (Some(json.value()), None),
        Some(Body::Raw(text)) => (None, Some(text.to_string())),
        None => (None, None),
    };
    if let (Some(value), Some(ty)) = (&body, &operation.body) {
        if body_fits(value, ty, &version.models) {
            let place = Place::new(&page.path, line, request.body.as_ref(), request.body_at);
            let reported = diagnostics.len();
            check_value(value, ty, &version.models, "", &place, &Path::ROOT, diagnostics);
            report_unread(
                diagnostics,
                reported,
                super::values::leftovers(value, ty, &version.models),
                &page.path,
                line,
            );
        } else {
            let message =
                format!("the example body is {}, but the page documents {ty:?}; sent as raw JSON", kind(value));
            report(diagnostics, Code::ExampleValueType, &page.path, line, message);
        }
    }
    let response = example.response.as_ref().map(|response| {
        let variant = operation.responses.iter().find(|variant| variant.status == response.status);
        let typed = match variant.map(|variant| &variant.body) {
            Some(ResponseBody::Json(ty)) => Some(ty),
            _ => None,
        };
        let model = match typed {
            Some(RustType::Model(name)) => version.models.iter().find(|model| &model.rust_name == name),
            _ => None,
        };
        let mut body_json = match &response.body {
            Some(Body::Json(json)) => Some(json.value()),
            _ => None,
        };
        let mut path = Path::ROOT;
        let entity = match typed {
            Some(RustType::Model(name)) => Some(name.as_str()),
            Some(RustType::Union(union)) => Some(union.rust_name.as_str()),
            _ => None,
        };
        if let (Some(inner), Some(name)) = (body_json.as_ref().and_then(wrapped_entity).cloned(), entity) {
            let message = format!(
                "the example wraps one {name} in `{{\"value\": {{...}}}}`, which the service does not; replayed unwrapped"
            );
            report(diagnostics, Code::ExampleWrappedEntity, &page.path, response.line, message);
            body_json = Some(inner);
            path = Path::ROOT.then(Step::Key("value"));
        }
        let reported = diagnostics.len();
        if let (Some(value), Some(ty)) = (&body_json, typed) {
            let ty = &cast_to(ty, &suffix, &version.models);
            let place = Place::new(&page.path, response.line, response.body.as_ref(), response.body_at);
            check_value(value, ty, &version.models, "", &place, &path, diagnostics);
        }
        let untyped = match (&body_json, typed) {
            (Some(value), Some(ty)) => untyped(value, ty, &version.models),
            _ => Untyped::Unchecked,
        };
        // The checks above read a member as the type its `@odata.type` or the URL's cast names; the response type
        // reads it as the documented type (or the union's variant), so those members still land in `additional`.
        let leftover = match (&body_json, typed) {
            (Some(value), Some(ty)) => super::values::leftovers(value, ty, &version.models),
            _ => Vec::new(),
        };
        report_unread(diagnostics, reported, leftover, &page.path, response.line);
        ExampleResponse {
            status: response.status,
            line: response.line,
            variant: variant.map_or_else(|| variant_name(response.status), |variant| variant.name.clone()),
            headers: response.headers.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect(),
            body_text: match &response.body {
                Some(Body::Json(_)) => body_json.as_ref().map(Value::to_string).unwrap_or_default(),
                Some(Body::Raw(text)) => text.to_string(),
                None => String::new(),
            },
            typed_fields: typed_fields(body_json.as_ref(), model, &version.models),
            untyped,
            body_json,
            truncated: response.truncated,
        }
    });
    let counts = suffix.iter().any(|segment| segment == "$count");
    if let Some(response) =
        example.response.as_ref().filter(|response| counts && response.status == 200 && response.body.is_none())
    {
        let message =
            "the response to this `/$count` request documents no number (it may be in the text after the block)";
        report(diagnostics, Code::ExampleCountMissing, &page.path, response.line, message.to_owned());
    }
    let base = example.name.as_ref().map_or_else(|| format!("{}_example", operation.module), CompactString::to_string);
    let query = query_pairs(request.query.as_deref().unwrap_or(""));
    let query_calls = query
        .iter()
        .map(|(name, value)| QueryCall {
            setter: operation
                .query_parameters
                .iter()
                .find(|setter| &setter.wire_name == name)
                .map(|setter| setter.rust_name.clone()),
            name: name.clone(),
            // Documented queries write spaces as `+` or `%20`; the builder takes the plain value and encodes it.
            value: percent_encoding::percent_decode_str(&value.replace('+', " ")).decode_utf8_lossy().into_owned(),
        })
        .collect();
    let body_plan = match (&body, &operation.body) {
        (Some(value), Some(ty)) if body_fits(value, ty, &version.models) => {
            Some(BodyPlan::Typed(plan(value, ty, version)))
        }
        (Some(value), _) => Some(BodyPlan::Raw(value.to_string())),
        _ => raw_body.clone().map(BodyPlan::Raw),
    };
    Ok(Example {
        test_name: unique(format!("{}_{}", version.module, snake_case(&base)), test_names),
        source_line: line,
        constructor,
        args,
        prefix,
        suffix,
        api_version: request.api_version.as_ref().map_or_else(|| version.name.clone(), CompactString::to_string),
        path: request.path.to_string(),
        query,
        query_calls,
        body_plan,
        setter_headers,
        other_headers,
        expected_headers,
        body,
        raw_body,
        response,
    })
}

/// The host of an absolute URL that is not one of Graph's (public and national clouds), if any.
fn foreign_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let graph = [
        "graph.microsoft.com",
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "microsoftgraph.chinacloudapi.cn",
        "graph.microsoft.de",
        "canary.graph.microsoft.com",
    ];
    (!graph.iter().any(|known| host.eq_ignore_ascii_case(known))).then_some(host)
}

/// The constructor whose template matches `path` (its index and the argument values), preferring a full match;
/// else the one matching the longest suffix, with the prefix it leaves.
/// How an example's URL is built: a constructor (index) with its arguments, an undocumented prefix, and OData
/// segments after the template.
struct Binding {
    constructor: usize,
    args: Vec<String>,
    prefix: Option<String>,
    suffix: Vec<String>,
}

/// [`bind_path`], else the same after taking off trailing OData segments any collection takes: a type cast
/// (`/microsoft.graph.group`) and `/$count`, which the builder appends with `.cast(..)` and `.count_only()`.
fn bind_path_with_suffix(operation: &Operation, path: &str) -> Option<Binding> {
    if let Some((constructor, args, prefix)) = bind_path(operation, path) {
        return Some(Binding { constructor, args, prefix, suffix: Vec::new() });
    }
    let mut rest = path.trim_end_matches('/');
    let mut suffix = Vec::new();
    while let Some((head, last)) = rest.rsplit_once('/') {
        let is_cast = last.starts_with("microsoft.graph.") && last.len() > "microsoft.graph.".len();
        if last != "$count" && !is_cast || suffix.len() == 2 {
            break;
        }
        suffix.insert(0, last.to_owned());
        rest = head;
        if let Some((constructor, args, prefix)) = bind_path(operation, rest) {
            return Some(Binding { constructor, args, prefix, suffix });
        }
    }
    None
}

fn bind_path(operation: &Operation, path: &str) -> Option<(usize, Vec<String>, Option<String>)> {
    let path = path.trim_end_matches('/');
    for (index, constructor) in operation.constructors.iter().enumerate() {
        if let Some(args) = match_pieces(&constructor.pieces, path, constructor.params.len()) {
            return Some((index, decoded(args), None));
        }
    }
    let starts = path.match_indices('/').map(|(start, _)| start).filter(|&start| start > 0);
    for start in starts {
        for (index, constructor) in operation.constructors.iter().enumerate() {
            if let Some(args) = match_pieces(&constructor.pieces, &path[start..], constructor.params.len()) {
                return Some((index, decoded(args), Some(path[..start].to_owned())));
            }
        }
    }
    None
}

/// A literal of the template that the example path writes in another letter case, if any.
fn case_mismatch<'p>(pieces: &'p [Piece], path: &str) -> Option<&'p str> {
    let lower = path.to_ascii_lowercase();
    pieces.iter().find_map(|piece| match piece {
        Piece::Literal(literal)
            if lower.contains(&literal.to_ascii_lowercase()) && !path.contains(literal.as_str()) =>
        {
            Some(literal.as_str())
        }
        _ => None,
    })
}

/// Argument values as a caller passes them: the builder encodes them, so a documented `19%3A...` is `19:...`.
fn decoded(args: Vec<String>) -> Vec<String> {
    args.into_iter().map(|arg| percent_encoding::percent_decode_str(&arg).decode_utf8_lossy().into_owned()).collect()
}

/// Matches `text` against template pieces; literals compare ignoring ASCII case.
fn match_pieces(pieces: &[Piece], text: &str, params: usize) -> Option<Vec<String>> {
    let mut args = vec![String::new(); params];
    matches(pieces, text, &mut args).then_some(args)
}

fn matches(pieces: &[Piece], text: &str, args: &mut Vec<String>) -> bool {
    let Some((first, rest)) = pieces.split_first() else { return text.is_empty() };
    match first {
        Piece::Literal(literal) => {
            text.len() >= literal.len()
                && text.is_char_boundary(literal.len())
                && text[..literal.len()].eq_ignore_ascii_case(literal)
                && matches(rest, &text[literal.len()..], args)
        }
        Piece::Segment(index) | Piece::Quoted(index) | Piece::ItemPath(index) => {
            let may_span_slashes = matches!(first, Piece::ItemPath(_));
            let ends = text.char_indices().map(|(end, _)| end).skip(1).chain(std::iter::once(text.len()));
            for end in ends {
                let value = &text[..end];
                if !may_span_slashes && value.contains('/') {
                    break;
                }
                if matches(rest, &text[end..], args) {
                    args[*index] = value.to_owned();
                    return true;
                }
            }
            false
        }
    }
}

/// `a=b&c=d` as pairs (values as written).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

/// Reports properties of `value` (at `path` in the body `place` locates) that `ty` does not have, and values of
/// another JSON type, recursively.
fn check_value(
    value: &Value,
    ty: &RustType,
    models: &[Model],
    at: &str,
    place: &Place,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match (ty, value) {
        (RustType::Union(union), Value::Object(_)) => {
            let model = RustType::Model(union.model_for(value).to_owned());
            check_value(value, &model, models, at, place, path, diagnostics);
        }
        (RustType::Model(name), Value::Object(members)) => {
            let Some(declared) = models.iter().find(|model| &model.rust_name == name) else { return };
            let (model, fields) = fields_of(declared, members, models);
            let known: Vec<&str> = fields.iter().map(|field| field.wire_name.as_str()).collect();
            for (key, member) in members {
                if key.starts_with('@') {
                    continue; // OData annotations such as @odata.type belong to every type
                }
                let path = path.then(Step::Key(key));
                // `name@odata.context`, `name@odata.bind`: an annotation of the property `name`, known or not.
                let property = key.split_once('@').map_or(key.as_str(), |(name, _)| name);
                match fields.iter().find(|field| field.wire_name == property) {
                    Some(_) if property != key => {}
                    // An open type (an open extension) takes any property.
                    None if model.open || declared.open => {}
                    Some(field) => {
                        if !compatible(member, &field.ty, models) {
                            let message = format!(
                                "`{at}{key}` is {} here, but {} documents it as {:?}",
                                kind(member),
                                model.wire_name,
                                field.ty
                            );
                            place.report(diagnostics, Code::ExampleValueType, &path, message);
                        } else {
                            check_value(member, &field.ty, models, &format!("{at}{key}."), place, &path, diagnostics);
                        }
                    }
                    None => {
                        let hint = did_you_mean(key, &known)
                            .map(|name| format!(": did you mean `{name}`?"))
                            .unwrap_or_default();
                        let message = format!("`{at}{key}` is not a property of {}{hint}", model.wire_name);
                        place.report(diagnostics, Code::ExampleUnknownProperty, &path, message);
                    }
                }
            }
        }
        (RustType::Vec(inner), Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                check_value(item, inner, models, at, place, &path.then(Step::Index(index)), diagnostics);
            }
        }
        (RustType::OneOrPage(inner), Value::Object(members)) => {
            let page = members.get("value").is_some_and(Value::is_array);
            let ty = if page { RustType::Page(inner.clone()) } else { inner.as_ref().clone() };
            check_value(value, &ty, models, at, place, path, diagnostics);
        }
        (RustType::Page(inner), Value::Object(members)) => {
            for (key, member) in members {
                let path = path.then(Step::Key(key));
                match member {
                    Value::Array(items) if key == "value" => {
                        for (index, item) in items.iter().enumerate() {
                            let (at, path) = (format!("{at}value[]."), path.then(Step::Index(index)));
                            check_value(item, inner, models, &at, place, &path, diagnostics);
                        }
                    }
                    _ if key.starts_with('@') => {}
                    _ => {
                        let message =
                            format!("`{at}{key}` is not a member of a collection page (`value` and annotations)");
                        place.report(diagnostics, Code::ExampleUnknownProperty, &path, message);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The model an object of the `declared` model is, and the fields it may have: when its `@odata.type` names
/// another documented model (a derived type, as the docs say it is), that model with its own fields and the
/// declared one's (a derived model lists only its own unless the resolver made a union of them); else the declared.
fn fields_of<'m>(
    declared: &'m Model,
    members: &serde_json::Map<String, Value>,
    models: &'m [Model],
) -> (&'m Model, Vec<&'m Field>) {
    match members.get("@odata.type").and_then(Value::as_str).and_then(|tag| model_named(tag, models)) {
        Some(tagged) if tagged.rust_name != declared.rust_name => {
            (tagged, tagged.fields.iter().chain(&declared.fields).collect())
        }
        _ => (declared, declared.fields.iter().collect()),
    }
}

/// The model an OData type name names (`#microsoft.graph.user`, `microsoft.graph.user`, `user`; case aside).
fn model_named<'m>(odata_type: &str, models: &'m [Model]) -> Option<&'m Model> {
    let tag = odata_type.trim_start_matches('#');
    let bare = tag.strip_prefix("microsoft.graph.").unwrap_or(tag);
    models.iter().find(|model| model.wire_name.eq_ignore_ascii_case(bare))
}

/// The type a response body is checked against: a page of the type the URL casts to (`/microsoft.graph.group`
/// after the template) when it is documented, else the operation's.
fn cast_to(ty: &RustType, suffix: &[String], models: &[Model]) -> RustType {
    let cast = suffix.iter().find_map(|segment| segment.strip_prefix("microsoft.graph."));
    match (ty, cast.and_then(|cast| model_named(cast, models))) {
        (RustType::Page(_), Some(model)) => RustType::Page(Box::new(RustType::Model(model.rust_name.clone()))),
        _ => ty.clone(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Rust names of the model fields a documented body sets with a value of the right type.
fn typed_fields(body: Option<&Value>, model: Option<&Model>, models: &[Model]) -> Vec<String> {
    let (Some(Value::Object(members)), Some(model)) = (body, model) else { return Vec::new() };
    model
        .fields
        .iter()
        .filter(|field| {
            members.get(&field.wire_name).is_some_and(|value| !value.is_null() && compatible(value, &field.ty, models))
        })
        .map(|field| field.rust_name.clone())
        .collect()
}

/// The members of a documented body that land in catch-all maps, for the shapes the replay test checks: a model
/// (its members that are no field), a page of models (the same per item).
fn untyped(body: &Value, ty: &RustType, models: &[Model]) -> Untyped {
    let leftover = |value: &Value, name: &str| -> Option<Vec<String>> {
        let model = models.iter().find(|model| model.rust_name == name)?;
        let members = value.as_object()?;
        let mut keys: Vec<String> =
            members.keys().filter(|key| !model.fields.iter().any(|field| &field.wire_name == *key)).cloned().collect();
        keys.sort();
        Some(keys)
    };
    let model_of = |ty: &RustType, value: &Value| match ty {
        RustType::Model(name) => Some(name.clone()),
        RustType::Union(union) => Some(union.model_for(value).to_owned()),
        _ => None,
    };
    match ty {
        RustType::Model(_) | RustType::Union(_) => {
            model_of(ty, body).and_then(|name| leftover(body, &name)).map_or(Untyped::Unchecked, Untyped::Model)
        }
        RustType::Page(inner) => match body.get("value").and_then(Value::as_array) {
            Some(items) => items
                .iter()
                .map(|item| model_of(inner, item).and_then(|name| leftover(item, &name)))
                .collect::<Option<Vec<_>>>()
                .map_or(Untyped::Unchecked, Untyped::Page),
            None => Untyped::Unchecked,
        },
        _ => Untyped::Unchecked,
    }
}

/// The object inside `{"value": {...}}` (OData annotations aside): how some pages show a single entity.
pub(super) fn wrapped_entity(body: &Value) -> Option<&Value> {
    let members = body.as_object()?;
    let inner = members.get("value").filter(|value| value.is_object())?;
    members.keys().all(|key| key == "value" || key.starts_with('@')).then_some(inner)
}

/// Reports the members of an example body that stay untyped when the checks since `reported` found no defect to
/// explain them: the checks read an object as the type its `@odata.type` or the URL's cast names, the generated
/// type reads it as the documented one (or the union's variant).
fn report_unread(diagnostics: &mut Vec<Diagnostic>, reported: usize, leftover: Vec<String>, file: &str, line: u32) {
    let defects = diagnostics[reported..].iter().any(|diagnostic| diagnostic.code.as_str().starts_with("GD07"));
    if defects || leftover.is_empty() {
        return;
    }
    let message = format!(
        "`{}` stay untyped: the example's objects are of types (by `@odata.type` or the URL's cast) that the \
         generated type does not read them as, or of types the docs name nowhere",
        leftover.join("`, `").escape_debug()
    );
    report(diagnostics, Code::ExampleTypeUnread, file, line, message);
}
