//! The intermediate representation: what a docs page says, typed and serialisable.
//!
//! The JSON form of these types is a public contract (see `docs/ir.md`): keys are only ever added.

mod compact;
mod json;
mod path;

pub use json::{Json, Step};
pub use path::{PathTemplate, Segment, TemplatePart};

use crate::diagnostics::Diagnostic;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever a key is renamed or removed (never for additions).
pub const IR_VERSION: u32 = 1;

/// The IR of a whole docs tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    pub ir_version: u32,
    /// Every `.md` page under the docs root, sorted by path.
    pub pages: Vec<Page>,
    /// Every diagnostic, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
}

/// What kind of page this is, from `doc_type` or, failing that, from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(Default)]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    #[default]
    Other,
}

/// One parsed page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Page {
    /// Relative to the docs root, `/` separators.
    pub path: CompactString,
    pub kind: PageKind,
    /// Front matter keys and their (unquoted) values, as written.
    pub front_matter: BTreeMap<CompactString, CompactString>,
    /// The `# ` heading, without its anchor.
    pub title: Option<CompactString>,
    /// The front matter's `description`, else the first paragraph after the title.
    pub description: Option<CompactString>,
    /// The sections recognised on the page, in order.
    pub sections: Vec<SectionRef>,
    /// API pages: the operation(s) the page documents.
    pub operations: Vec<Operation>,
    /// Resource pages: the type the page documents. Boxed, as only a third of pages have one: a page without
    /// keeps 8 bytes for it rather than the type's size (the IR holds thousands of pages).
    pub resource: Option<Box<Resource>>,
    /// Enum pages: the enum the page documents (boxed, as `resource` is).
    #[serde(rename = "enum")]
    pub enum_type: Option<Box<EnumType>>,
}

/// A recognised section: its canonical id (the English anchor) and where it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionRef {
    /// One of a fixed set of ids, so borrowed when parsed (read back from JSON, it is owned).
    pub id: std::borrow::Cow<'static, str>,
    pub level: u8,
    pub line: u32,
}

/// One documented operation with all its addressing alternatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Operation {
    pub paths: Vec<HttpPath>,
    /// Every scope the page gives, whatever the path (the union of `permission_sets` when there are some).
    pub permissions: Permissions,
    /// Pages that give different permissions for different addressing alternatives (a table per path group,
    /// under a heading or a line naming them): each table's scopes, kept apart. Absent when the page gives one set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_sets: Vec<PermissionSet>,
    pub request_headers: Vec<RequestHeader>,
    pub path_parameters: Vec<Parameter>,
    pub function_parameters: Vec<Parameter>,
    pub optional_query_parameters: QueryParameters,
    pub request_body: Option<BodyDoc>,
    pub response: Option<ResponseDoc>,
    pub error_handling: Option<ErrorHandling>,
    pub examples: Vec<Example>,
}

/// One line of the "HTTP request" section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpPath {
    pub method: CompactString,
    /// The path written back in the docs' own `{param}` syntax (query excluded).
    pub template: CompactString,
    pub segments: Vec<Segment>,
    /// The query string after `?`, if the line had one.
    pub query: Option<CompactString>,
    pub line: u32,
}

/// The permissions a page gives for some of its paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PermissionSet {
    /// The heading or line above the table, as written (untrusted text, in the page's language).
    pub label: CompactString,
    /// The templates (as in [`HttpPath::template`]) of the paths the label or their own lead-in line names; empty
    /// when it names none of them (then the set holds for every path, as `permissions` does).
    pub paths: Vec<CompactString>,
    pub permissions: Permissions,
}

/// Permissions of the three kinds, each least privileged first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Permissions {
    pub delegated_work: Vec<CompactString>,
    pub delegated_personal: Vec<CompactString>,
    pub application: Vec<CompactString>,
    /// Scopes the page lists without a table that says which kind they are for (old pages' bullet lists).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unspecified: Vec<CompactString>,
    /// Scope-like names in another casing (`Directory.accessasuser.all`), with the index of their kind (0 work,
    /// 1 personal, 2 application): given the casing most pages use, or refused, once the whole tree is read
    /// (`parse::scope_case`). Not part of the IR's text; empty after a parse.
    #[serde(skip)]
    pub case_mangled: Vec<(u8, CompactString)>,
}

impl Permissions {
    /// True when no kind lists any scope.
    pub fn is_empty(&self) -> bool {
        self.delegated_work.is_empty()
            && self.delegated_personal.is_empty()
            && self.application.is_empty()
            && self.unspecified.is_empty()
            && self.case_mangled.is_empty()
    }
}

/// A row of the request headers table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestHeader {
    pub name: CompactString,
    pub required: bool,
    pub description: CompactString,
}

/// A row of a parameters table (path, function or query parameters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: CompactString,
    /// The type as written (links resolved to the linked type's name).
    #[serde(rename = "type")]
    pub type_name: CompactString,
    pub description: CompactString,
}

/// The "Optional query parameters" section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct QueryParameters {
    /// OData system query options the text names (`$select`, `$filter`, ...), deduplicated, in order.
    pub odata: Vec<CompactString>,
    /// Rows of a parameters table, where the section has one.
    pub parameters: Vec<Parameter>,
}

/// A type named by a link in the request body or response section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeLink {
    /// The link text.
    pub text: CompactString,
    /// The linked page's file stem (`workbooksessioninfo`).
    pub target: CompactString,
}

/// The request body section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BodyDoc {
    pub text: CompactString,
    pub types: Vec<TypeLink>,
    /// Rows of the body parameters table, if any.
    pub parameters: Vec<Parameter>,
}

/// The response section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ResponseDoc {
    pub text: CompactString,
    pub types: Vec<TypeLink>,
    /// HTTP status codes the text names (`201 Created` gives 201).
    pub statuses: Vec<u16>,
}

/// The error handling section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ErrorHandling {
    pub text: CompactString,
    pub statuses: Vec<u16>,
}

/// A body: JSON when it can be read as JSON (leniently, with diagnostics), raw text otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Body {
    Json(Json),
    Raw(CompactString),
}

/// A documented request/response exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The annotation's name (first one if it gave several), or null.
    pub name: Option<CompactString>,
    pub request: ExampleRequest,
    /// The first response documented after the request.
    pub response: Option<ExampleResponse>,
    /// Further responses documented for the same request, in page order: alternatives (an error, a partial
    /// success), later states of a long-running operation, or the download a `302` leads to. Absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_responses: Vec<ExampleResponse>,
}

/// The request of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: CompactString,
    /// The URL as written.
    pub url: CompactString,
    /// `v1.0`, `beta`, ... when the URL names one.
    pub api_version: Option<CompactString>,
    /// The path without host, version and query.
    pub path: CompactString,
    pub query: Option<CompactString>,
    pub headers: Vec<(CompactString, CompactString)>,
    pub body: Option<Body>,
    /// Whether an annotation marked this block (else it was recognised by content).
    pub annotated: bool,
    pub line: u32,
    /// Where the body's first character is in the page, when there is a body: diagnostics about a member of the
    /// body point into it from there. Absent when there is no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_at: Option<Position>,
}

/// The response of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    pub reason: Option<CompactString>,
    pub headers: Vec<(CompactString, CompactString)>,
    pub body: Option<Body>,
    pub truncated: bool,
    pub odata_type: Option<CompactString>,
    pub is_collection: bool,
    pub annotated: bool,
    pub line: u32,
    /// Where the body's first character is in the page (as [`ExampleRequest::body_at`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_at: Option<Position>,
}

/// A place in a page: 1-based line, and 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub col: u32,
}

/// A resource (entity or complex type) page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Resource {
    /// The type name (`workbookSessionInfo`), from the annotation's `@odata.type`, else the title.
    pub name: CompactString,
    pub odata_type: Option<CompactString>,
    pub base_type: Option<CompactString>,
    pub key_property: Option<CompactString>,
    pub open_type: bool,
    pub is_abstract: bool,
    pub is_media_entity: bool,
    pub optional_properties: Vec<CompactString>,
    /// Properties: from the JSON representation, merged with the properties table.
    pub properties: Vec<Property>,
    /// Navigation properties from the relationships table.
    pub relationships: Vec<Property>,
}

/// Where a property was documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertySource {
    Json,
    Table,
    Both,
}

/// One property of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: CompactString,
    /// Declared type: `String`, `Int32`, `DateTimeOffset`, `microsoft.graph.itemReference`, ...
    #[serde(rename = "type")]
    pub type_name: CompactString,
    pub collection: bool,
    /// Values of an inline `"a | b"` enum.
    pub enum_values: Vec<CompactString>,
    pub description: CompactString,
    pub source: PropertySource,
    /// The JSON representation's type, `Collection(x)` for collections, when it names another type than `type`
    /// (the table's declaration wins; Intune pages show a derived type in the JSON). Null otherwise.
    #[serde(default)]
    pub json_type: Option<CompactString>,
}

/// An enum page's members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EnumType {
    pub name: CompactString,
    pub members: Vec<EnumMember>,
    /// Pages that document several enums (`enums-windowsupdates.md`: one `### name values` table each) list them
    /// here, and leave `members` empty. Empty otherwise.
    #[serde(default)]
    pub grouped: Vec<EnumType>,
}

/// One member of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: CompactString,
    pub value: Option<CompactString>,
    pub description: CompactString,
}
