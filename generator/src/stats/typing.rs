//! How typed the generated API is (issue "Typed as the docs say"): what `graphdoc typing` prints.
//!
//! Every measure is counted on the resolved API against what the IR shows, never against the generated text.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Ir};
use crate::resolve::{Api, BodySource, Model, ResponseBody, RustType, Version};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The typing measures of one docs tree, all versions together.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Typing {
    pub operations: usize,
    /// Operations whose examples show a collection (annotation, `Collection(...)` type, or a `value` array).
    pub documented_collections: usize,
    /// Of those, operations with no success variant typed as a page: must be 0.
    pub collections_typed_single: usize,
    pub collections_typed_single_examples: Vec<String>,
    /// Of the documented collections, operations whose success body is kept as bytes (no JSON variant): reports
    /// that answer CSV or JSON by `$format`.
    pub collections_kept_as_bytes: usize,
    /// Operations with a success variant read as untyped JSON (`serde_json::Value`, or a page of it).
    pub responses_untyped: usize,
    /// Of those, operations with a GD0720 saying why.
    pub responses_untyped_explained: usize,
    /// POST, PATCH and PUT operations whose page has a request-body table.
    pub bodies_with_table: usize,
    /// Of those, the operations whose body is built from the table.
    pub bodies_from_table: usize,
    /// Members of documented response bodies (OData annotations aside), recursively.
    pub response_properties: usize,
    /// Of those, the members read into a typed field.
    pub response_properties_typed: usize,
    /// The commonest untyped response members, as `Type.member (why)`, with how often each is met.
    pub response_untyped_commonest: Vec<(String, usize)>,
    /// Examples with a JSON request or response body.
    pub json_examples: usize,
    /// Of those, the examples whose every JSON member is typed: the strict replay passes with nothing untyped.
    pub strict_examples: usize,
    /// Examples with an untyped member that no diagnostic at their lines explains: must be 0.
    pub strict_failures_unexplained: usize,
    pub strict_failures_unexplained_examples: Vec<String>,
    pub constructors: usize,
    /// Constructors whose name ends in `_<digits>`.
    pub constructors_numbered: usize,
}

/// The codes that explain a member left untyped.
const EXPLAINING: [Code; 7] = [
    Code::ExampleFieldAdded,
    Code::ExampleTypeUnread,
    Code::ExampleUnknownProperty,
    Code::ExampleValueType,
    Code::ResponseUntyped,
    Code::BodyRowUntyped,
    Code::BodyInferredUntyped,
];

impl Typing {
    /// Measures `api`, resolved from `ir`, with the resolver's and parser's `diagnostics`.
    pub fn of(ir: &Ir, api: &Api, diagnostics: &[Diagnostic]) -> Typing {
        // An example's own defects are reported at its lines; an untyped body row or response type at its section,
        // for every example of the page (line 0 here).
        let explained: BTreeSet<(&str, u32)> = diagnostics
            .iter()
            .filter(|diagnostic| EXPLAINING.contains(&diagnostic.code))
            .map(|diagnostic| {
                let page_wide =
                    matches!(diagnostic.code, Code::ResponseUntyped | Code::BodyRowUntyped | Code::BodyInferredUntyped);
                (diagnostic.file.as_str(), if page_wide { 0 } else { diagnostic.line })
            })
            .collect();
        let pages: BTreeMap<&str, &crate::ir::Page> = ir.pages.iter().map(|page| (page.path.as_str(), page)).collect();
        let mut typing = Typing::default();
        let mut untyped_by_member: BTreeMap<String, usize> = BTreeMap::new();
        for version in &api.versions {
            for operation in &version.operations {
                typing.operations += 1;
                let documented = pages.get(operation.page.as_str()).and_then(|page| page.operations.first());
                let json_variants: Vec<&RustType> = operation
                    .responses
                    .iter()
                    .filter_map(|variant| match &variant.body {
                        ResponseBody::Json(ty) => Some(ty),
                        _ => None,
                    })
                    .collect();
                if documented.is_some_and(shows_collection) {
                    typing.documented_collections += 1;
                    // Typed as one entity: some JSON variant, none a page (bytes, for a report that answers CSV or
                    // JSON by `$format`, is no entity).
                    let single = !json_variants.is_empty()
                        && !json_variants.iter().any(|ty| matches!(ty, RustType::Page(_) | RustType::OneOrPage(_)));
                    typing.collections_kept_as_bytes += usize::from(json_variants.is_empty());
                    if single {
                        typing.collections_typed_single += 1;
                        push_example(&mut typing.collections_typed_single_examples, &operation.page);
                    }
                }
                let untyped = json_variants.iter().any(|ty| match ty {
                    RustType::Json => true,
                    RustType::Page(inner) => **inner == RustType::Json,
                    _ => false,
                });
                if untyped {
                    typing.responses_untyped += 1;
                    let why = diagnostics.iter().any(|diagnostic| {
                        diagnostic.code == Code::ResponseUntyped && diagnostic.file == operation.page
                    });
                    typing.responses_untyped_explained += usize::from(why);
                }
                let has_table = documented
                    .and_then(|documented| documented.request_body.as_ref())
                    .is_some_and(|body| !body.parameters.is_empty());
                if has_table && matches!(operation.method.as_str(), "POST" | "PATCH" | "PUT") {
                    typing.bodies_with_table += 1;
                    typing.bodies_from_table += usize::from(operation.body_source == Some(BodySource::Table));
                }
                for constructor in &operation.constructors {
                    typing.constructors += 1;
                    let digits = constructor.name.rsplit('_').next().is_some_and(|tail| {
                        !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) && constructor.name.contains('_')
                    });
                    typing.constructors_numbered += usize::from(digits);
                }
                for example in &operation.examples {
                    typing.measure_example(version, operation, example, &explained, &mut untyped_by_member);
                }
            }
        }
        let mut commonest: Vec<(String, usize)> = untyped_by_member.into_iter().collect();
        commonest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        commonest.truncate(25);
        typing.response_untyped_commonest = commonest;
        typing
    }

    fn measure_example(
        &mut self,
        version: &Version,
        operation: &crate::resolve::Operation,
        example: &crate::resolve::Example,
        explained: &BTreeSet<(&str, u32)>,
        untyped_by_member: &mut BTreeMap<String, usize>,
    ) {
        let mut untyped_members = 0;
        let mut lines = vec![example.source_line];
        let mut json = false;
        if let (Some(body), Some(ty)) = (&example.body, &operation.body) {
            json = true;
            let mut count = Count::default();
            count.walk(body, ty, &version.models);
            untyped_members += count.untyped;
        }
        if let Some(response) = &example.response {
            lines.push(response.line);
            let ty = operation.responses.iter().find(|variant| variant.status == response.status).and_then(|variant| {
                match &variant.body {
                    ResponseBody::Json(ty) => Some(ty),
                    _ => None,
                }
            });
            if let (Some(body), Some(ty)) = (&response.body_json, ty) {
                json = true;
                let mut count = Count { by_member: Some(untyped_by_member), ..Count::default() };
                count.walk(body, ty, &version.models);
                self.response_properties += count.typed + count.untyped;
                self.response_properties_typed += count.typed;
                untyped_members += count.untyped;
            }
        }
        if !json {
            return;
        }
        self.json_examples += 1;
        if untyped_members == 0 {
            self.strict_examples += 1;
        } else if !self.is_explained(operation, example, explained) {
            self.strict_failures_unexplained += 1;
            push_example(&mut self.strict_failures_unexplained_examples, &format!("{}:{}", operation.page, lines[0]));
        }
    }

    /// Whether a diagnostic explains an example's untyped members: one of the page (line 0 in `explained`), or one
    /// between the example's request line and the next example's.
    fn is_explained(
        &self,
        operation: &crate::resolve::Operation,
        example: &crate::resolve::Example,
        explained: &BTreeSet<(&str, u32)>,
    ) -> bool {
        let page = operation.page.as_str();
        let next = operation
            .examples
            .iter()
            .map(|other| other.source_line)
            .filter(|&line| line > example.source_line)
            .min()
            .unwrap_or(u32::MAX);
        explained.contains(&(page, 0)) || explained.range((page, example.source_line)..(page, next)).next().is_some()
    }

    /// The measures as text, one per line, with the goals.
    pub fn render(&self) -> String {
        let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
        format!(
            "operations: {}\n\
             documented collections typed as a single entity: {} of {} (goal 0); {} kept as bytes (CSV or JSON)\n\
             responses read as untyped JSON: {} ({:.2}% of operations; goal at most 2%), {} with a GD0720 saying why\n\
             bodies built from the request-body table: {} of {} ({:.1}%; goal at least 90%)\n\
             response properties in typed fields: {} of {} ({:.2}%; goal at least 98%)\n\
             strict replay: {} of {} examples with JSON bodies have every member typed ({:.1}%; goal at least 95%), \
             {} others unexplained by a diagnostic (goal 0)\n\
             constructors with a numeric suffix: {} of {} ({:.2}%; goal at most 1%)\n\
             commonest untyped response members: {}\n",
            self.operations,
            self.collections_typed_single,
            self.documented_collections,
            self.collections_kept_as_bytes,
            self.responses_untyped,
            percent(self.responses_untyped, self.operations),
            self.responses_untyped_explained,
            self.bodies_from_table,
            self.bodies_with_table,
            percent(self.bodies_from_table, self.bodies_with_table),
            self.response_properties_typed,
            self.response_properties,
            percent(self.response_properties_typed, self.response_properties),
            self.strict_examples,
            self.json_examples,
            percent(self.strict_examples, self.json_examples),
            self.strict_failures_unexplained,
            self.constructors_numbered,
            self.constructors,
            percent(self.constructors_numbered, self.constructors),
            self.response_untyped_commonest
                .iter()
                .map(|(what, count)| format!("{what} x{count}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

fn push_example(examples: &mut Vec<String>, text: &str) {
    if examples.len() < 20 {
        examples.push(text.to_owned());
    }
}

/// Whether an operation's examples show a collection: the annotation says so, or a success body is a `value`
/// array with nothing else but annotations.
fn shows_collection(documented: &crate::ir::Operation) -> bool {
    documented.examples.iter().flat_map(|example| example.response.iter().chain(&example.more_responses)).any(
        |response| {
            let success = (200..300).contains(&response.status);
            let annotated = response.is_collection
                || response.odata_type.as_deref().is_some_and(|name| name.trim().starts_with("Collection("));
            let shaped = match &response.body {
                Some(Body::Json(json)) => crate::resolve::is_page_shape(&json.value()),
                _ => false,
            };
            success && (annotated || shaped)
        },
    )
}

/// Members of a JSON value counted against a type: typed when a field (or a page's `value`) reads them.
#[derive(Default)]
struct Count<'m> {
    typed: usize,
    untyped: usize,
    /// Where to tally untyped members by `Type.member (why)`, if anywhere.
    by_member: Option<&'m mut BTreeMap<String, usize>>,
}

impl Count<'_> {
    fn untyped(&mut self, count: usize, what: impl FnOnce() -> String) {
        self.untyped += count;
        if let Some(by_member) = self.by_member.as_deref_mut() {
            *by_member.entry(what()).or_default() += count;
        }
    }

    fn walk(&mut self, value: &Value, ty: &RustType, models: &[Model]) {
        match (ty, value) {
            (RustType::Model(name), Value::Object(members)) => {
                let model = models.iter().find(|model| &model.rust_name == name);
                for (key, member) in members.iter().filter(|(key, _)| !key.contains('@')) {
                    let field = model.and_then(|model| model.fields.iter().find(|field| &field.wire_name == key));
                    match field {
                        Some(field) if crate::resolve::types::serde_reads(member, &field.ty, models) => {
                            self.typed += 1;
                            match (&field.ty, member) {
                                (RustType::Json, Value::Object(_) | Value::Array(_)) => {
                                    self.untyped(nested_members(member), || format!("{name}.{key} (untyped type)"))
                                }
                                _ => self.walk(member, &field.ty, models),
                            }
                        }
                        Some(_) => self.untyped(1 + nested_members(member), || format!("{name}.{key} (mistyped)")),
                        // An open type takes any member: by design, not a property the docs type.
                        None if model.is_some_and(|model| model.open) => {}
                        None => self.untyped(1 + nested_members(member), || format!("{name}.{key} (no field)")),
                    }
                }
            }
            (RustType::Union(union), Value::Object(_)) => {
                self.walk(value, &RustType::Model(union.model_for(value).to_owned()), models)
            }
            (RustType::OneOrPage(inner), Value::Object(members)) => {
                let page = members.get("value").is_some_and(Value::is_array);
                self.walk(value, &if page { RustType::Page(inner.clone()) } else { inner.as_ref().clone() }, models)
            }
            (RustType::Single(inner), Value::Object(members)) => {
                for (key, member) in members.iter().filter(|(key, _)| !key.contains('@')) {
                    match key.as_str() {
                        "value" if crate::resolve::types::serde_reads(member, inner, models) => self.typed += 1,
                        _ => self.untyped(1 + nested_members(member), || format!("single.{key} (no field)")),
                    }
                }
            }
            (RustType::Vec(inner), Value::Array(items)) => items.iter().for_each(|item| self.walk(item, inner, models)),
            (RustType::Page(inner), Value::Object(members)) => {
                for (key, member) in members.iter().filter(|(key, _)| !key.contains('@')) {
                    match member {
                        Value::Array(items) if key == "value" => {
                            items.iter().for_each(|item| self.walk(item, inner, models))
                        }
                        _ => self.untyped(1 + nested_members(member), || format!("page.{key} (no field)")),
                    }
                }
            }
            (RustType::Json, Value::Object(_) | Value::Array(_)) => {
                self.untyped(nested_members(value), || "JSON (untyped type)".to_owned())
            }
            _ => {}
        }
    }
}

/// The members inside a value (annotations aside), recursively: all untyped when the value is.
fn nested_members(value: &Value) -> usize {
    match value {
        Value::Object(members) => {
            members.iter().filter(|(key, _)| !key.contains('@')).map(|(_, member)| 1 + nested_members(member)).sum()
        }
        Value::Array(items) => items.iter().map(nested_members).sum(),
        _ => 0,
    }
}
