//! The resolved API: what the emitter turns into Rust, with every name and type decided.

use serde::Serialize;

/// The whole API of a docs tree, by version.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Api {
    pub versions: Vec<Version>,
}

impl Api {
    /// Every feature an operation is compiled under, sorted.
    pub fn features(&self) -> Vec<String> {
        let mut features: Vec<String> = self
            .versions
            .iter()
            .flat_map(|version| &version.operations)
            .map(|operation| operation.feature.clone())
            .collect();
        features.sort();
        features.dedup();
        features
    }
}

/// One API version (`v1.0`, `beta`): its models and operations.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Version {
    /// As in URLs: `v1.0`.
    pub name: String,
    /// The Rust module: `v1_0`.
    pub module: String,
    pub models: Vec<Model>,
    pub enums: Vec<EnumModel>,
    /// Base types with derived types, used where the base is: one enum each.
    pub unions: Vec<Union>,
    /// Examples that got no replay test because their method or URL fits no template (page, line; GD0703).
    pub untested: Vec<(String, u32)>,
    pub operations: Vec<Operation>,
}

/// A Rust type for a property or a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RustType {
    String,
    Bool,
    I32,
    I64,
    F64,
    /// A model of the same version, by Rust name.
    Model(String),
    /// Anything the docs don't type precisely enough.
    Json,
    /// An enum of the same version, by Rust name.
    Enum(String),
    Vec(Box<RustType>),
    /// A page of a collection (`value`, `@odata.nextLink`, ...) of this item type: `runtime::Page<T>`.
    Page(Box<RustType>),
    /// A base type with documented derived types: an enum of them, chosen by `@odata.type`.
    Union(Box<Union>),
    /// One item or a page of them, as the docs show the same status both ways: `runtime::OneOrPage<T>`.
    OneOrPage(Box<RustType>),
    /// A primitive value in OData's `{"value": ...}` wrapper (a function that returns a string): `runtime::Single<T>`.
    Single(Box<RustType>),
    /// A typed value of the runtime's `values` module.
    Primitive(Primitive),
}

/// A base type and the types the docs derive from it: any of them where the base is expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Union {
    /// The enum's Rust name: `AnyAttachment`.
    pub rust_name: String,
    /// The base model's Rust name, the variant for the base itself and for derived types the docs do not list.
    pub base: String,
    /// Per derived type: its `@odata.type` as the wire writes it (`#microsoft.graph.fileAttachment`) and its
    /// model's Rust name.
    pub variants: Vec<(String, String)>,
}

/// How an `@odata.type` is compared, here and in the runtime's `derived_type`: without `#` and its namespace
/// (`microsoft.graph.`, `microsoft.graph.callRecords.`), in ASCII lower case.
pub fn type_key(tag: &str) -> String {
    tag.rsplit('.').next().unwrap_or_default().trim_start_matches('#').to_ascii_lowercase()
}

impl Union {
    /// The model a JSON object reads as: the variant its `@odata.type` names (case aside), else the base.
    pub fn model_for(&self, value: &serde_json::Value) -> &str {
        let tag = value.get("@odata.type").and_then(serde_json::Value::as_str).unwrap_or_default();
        let wanted = type_key(tag);
        self.variants
            .iter()
            .find(|(wire, _)| type_key(wire) == wanted)
            .map_or(self.base.as_str(), |(_, model)| model.as_str())
    }
}

/// Graph's primitive types that the runtime's `values` module types (`generator/runtime/values.rs`): each
/// keeps the text it read and writes it back unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Primitive {
    /// `Edm.DateTimeOffset`.
    DateTime,
    /// `Edm.Date`.
    Date,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration` (ISO 8601).
    Duration,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Binary` (base64 text).
    Base64,
    /// `Edm.Double`, `Single` and `Decimal`: a number, or `"NaN"`, `"INF"`, `"-INF"`.
    Double,
}

impl Primitive {
    /// The type's name in the runtime's `values` module.
    pub fn rust_name(self) -> &'static str {
        match self {
            Primitive::DateTime => "DateTime",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Base64 => "Base64",
            Primitive::Double => "Double",
        }
    }

    /// Whether a present JSON value reads as this type (its parts, not only its JSON kind).
    pub fn reads(self, value: &serde_json::Value) -> bool {
        use crate::runtime_values::values;
        use serde_json::Value;
        match (self, value) {
            (Primitive::Double, Value::Number(_)) => true,
            (Primitive::Double, Value::String(text)) => values::Double::from_text(text.as_str()).value().is_ok(),
            (Primitive::DateTime, Value::String(text)) => text.parse::<values::DateTime>().is_ok(),
            (Primitive::Date, Value::String(text)) => text.parse::<values::Date>().is_ok(),
            (Primitive::TimeOfDay, Value::String(text)) => text.parse::<values::TimeOfDay>().is_ok(),
            (Primitive::Duration, Value::String(text)) => text.parse::<values::Duration>().is_ok(),
            (Primitive::Guid, Value::String(text)) => text.parse::<values::Guid>().is_ok(),
            (Primitive::Base64, Value::String(text)) => text.parse::<values::Base64>().is_ok(),
            _ => false,
        }
    }
}

/// A struct from a resource page.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub wire_name: String,
    pub rust_name: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// The pages that document it (several for a type split over pages).
    pub pages: Vec<String>,
    /// An open type: any other property is allowed (kept in `additional` like undocumented ones).
    pub open: bool,
    /// The features whose operations use this model, directly or through other models (empty: none does).
    pub features: Vec<String>,
}

/// A Rust enum from an enum page: one variant per member, and `Other` for any value the docs don't list.
#[derive(Debug, Clone, Serialize)]
pub struct EnumModel {
    pub wire_name: String,
    pub rust_name: String,
    /// (wire value, Rust variant) per member.
    pub members: Vec<(String, String)>,
    pub page: String,
    /// The features whose models use it (empty: none does).
    pub features: Vec<String>,
}

/// A field of a model.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: RustType,
    pub description: String,
    /// An update body's property, which can be sent as `null` to clear it: `runtime::Field<T>`, not `Option<T>`.
    pub clearable: bool,
    /// A property no page lists, typed from the example responses (GD0726): the changelog of the docs leaves
    /// it out.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_examples: bool,
}

/// One operation's request builder.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// The Rust module and type: `workbook_create_session`, `WorkbookCreateSession`.
    pub module: String,
    pub type_name: String,
    pub title: String,
    pub description: String,
    pub method: String,
    pub constructors: Vec<Constructor>,
    pub headers: Vec<HeaderSetter>,
    /// Setters for the page's documented query parameters (the OData ones are the runtime's).
    pub query_parameters: Vec<QuerySetter>,
    pub body: Option<RustType>,
    /// Where the request body's type comes from (None: no body).
    pub body_source: Option<BodySource>,
    pub responses: Vec<ResponseVariant>,
    pub retry_statuses: Vec<u16>,
    pub permissions: crate::ir::Permissions,
    /// For each constructor, its path's own permissions when the page gives a table per group of paths.
    pub path_permissions: Vec<Option<super::PathPermissions>>,
    pub examples: Vec<Example>,
    pub page: String,
    /// The cargo feature (workload area, from the page's `ms.prod`) that compiles this operation.
    pub feature: String,
}

impl Operation {
    /// The response variant that is a page of a collection, and the collection's item type, when exactly one
    /// variant is: the operation then implements the runtime's `PagedOperation`, which the clients' paging and
    /// delta rounds follow.
    pub fn paged(&self) -> Option<(&ResponseVariant, &RustType)> {
        let mut pages = self.responses.iter().filter_map(|variant| match &variant.body {
            ResponseBody::Json(RustType::Page(item)) => Some((variant, item.as_ref())),
            _ => None,
        });
        let page = pages.next()?;
        pages.next().is_none().then_some(page)
    }
}

/// What the docs gave a request body's type, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BodySource {
    /// The page's request-body table.
    Table,
    /// The resource type the Request body section links.
    Resource,
    /// Only the examples.
    Examples,
    /// Nothing: the examples send JSON no struct could be built from.
    Untyped,
}

/// A constructor for one addressing alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Constructor {
    pub name: String,
    /// The template as the docs write it.
    pub template: String,
    /// Parameter Rust names, in order.
    pub params: Vec<String>,
    pub pieces: Vec<Piece>,
}

/// How one piece of a path is rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Piece {
    Literal(String),
    /// Index into the constructor's params.
    Segment(usize),
    ItemPath(usize),
    Quoted(usize),
}

/// A setter for a documented request header.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderSetter {
    pub wire_name: String,
    pub rust_name: String,
    pub required: bool,
    pub description: String,
}

/// A setter for a documented query parameter.
#[derive(Debug, Clone, Serialize)]
pub struct QuerySetter {
    pub wire_name: String,
    pub rust_name: String,
    pub description: String,
}

/// What a documented status carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ResponseBody {
    None,
    Json(RustType),
    /// The `Location` header (202 Accepted, 3xx).
    Location,
    Bytes,
}

/// One variant of an operation's response enum.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseVariant {
    pub status: u16,
    pub name: String,
    pub body: ResponseBody,
}

/// A documented example, resolved against the operation: how the replay test builds and checks it.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub test_name: String,
    pub source_line: u32,
    /// Index into the operation's constructors, with the argument values taken from the example URL.
    pub constructor: usize,
    pub args: Vec<String>,
    /// A path prefix the templates don't document (`/me/drive/items/{id}` before `/workbook/...`), if any.
    pub prefix: Option<String>,
    /// OData segments after the template: a type cast (`microsoft.graph.group`) and/or `$count`.
    pub suffix: Vec<String>,
    pub api_version: String,
    /// The documented path, query pairs, headers (name, value) and body.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// How the test sets each query pair: through a documented setter or `query`, with the decoded value.
    pub query_calls: Vec<QueryCall>,
    /// How the test sends the request body, if there is one.
    pub body_plan: Option<super::values::BodyPlan>,
    /// Headers set through a documented setter (setter name, value) and the others (name, value).
    pub setter_headers: Vec<(String, String)>,
    pub other_headers: Vec<(String, String)>,
    /// All documented request headers, to compare against (Content-Length excluded).
    pub expected_headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    /// A body that is not JSON, sent as bytes.
    pub raw_body: Option<String>,
    pub response: Option<ExampleResponse>,
}

/// A query pair of an example, as the replay test sets it.
#[derive(Debug, Clone, Serialize)]
pub struct QueryCall {
    /// The documented setter (Rust name), or None for the builder's generic `query`.
    pub setter: Option<String>,
    pub name: String,
    /// The value as the builder takes it: decoded (the builder encodes it again).
    pub value: String,
}

/// A documented response, for the replay test.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleResponse {
    pub status: u16,
    /// The line of the response block.
    pub line: u32,
    pub variant: String,
    pub headers: Vec<(String, String)>,
    /// The body as documented (raw text), and as JSON when it is JSON.
    pub body_text: String,
    pub body_json: Option<serde_json::Value>,
    pub truncated: bool,
    /// Model fields (Rust names) the documented body sets, to check they were read into typed fields.
    pub typed_fields: Vec<String>,
    /// The members of the documented body that land in a catch-all `additional` map, which the replay test
    /// asserts exactly: OData annotations, and properties the type does not document (each a diagnostic).
    pub untyped: Untyped,
}

/// The catch-all members a documented response body is expected to leave, by the shape of its type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub enum Untyped {
    /// Not checked: the body is not a model or a page of models.
    #[default]
    Unchecked,
    /// A model: the member names its `additional` map holds, sorted.
    Model(Vec<String>),
    /// A page of models: per item, the member names its `additional` map holds, sorted.
    Page(Vec<Vec<String>>),
}
