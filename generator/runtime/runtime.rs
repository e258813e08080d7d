// The runtime every generated operation shares: sans-IO request building and response parsing, and (behind the
// `client` feature) a blocking HTTP client. Copied verbatim into each generated crate by the generator; edit it in
// generator/runtime/runtime.rs; the emitter appends retry.rs and client.rs here. (No inner attributes: build
// scripts `include!` this file.)

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where requests go: a Graph API version on the public cloud, a national cloud, or any base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrl {
    /// `https://graph.microsoft.com/v1.0`
    V1,
    /// `https://graph.microsoft.com/beta`
    Beta,
    /// US Government L4: `https://graph.microsoft.us/{version}`
    UsGov(&'static str),
    /// China (21Vianet): `https://microsoftgraph.chinacloudapi.cn/{version}`
    China(&'static str),
    /// Any base, without a trailing slash: `http://127.0.0.1:8080/v1.0`
    Custom(String),
}

impl BaseUrl {
    /// The base URL as text, without a trailing slash.
    pub fn as_str(&self) -> String {
        match self {
            BaseUrl::V1 => "https://graph.microsoft.com/v1.0".to_owned(),
            BaseUrl::Beta => "https://graph.microsoft.com/beta".to_owned(),
            BaseUrl::UsGov(version) => format!("https://graph.microsoft.us/{version}"),
            BaseUrl::China(version) => format!("https://microsoftgraph.chinacloudapi.cn/{version}"),
            BaseUrl::Custom(base) => base.trim_end_matches('/').to_owned(),
        }
    }
}

/// The permissions an operation documents, each list least privileged first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub delegated_work: &'static [&'static str],
    pub delegated_personal: &'static [&'static str],
    pub application: &'static [&'static str],
    /// Scopes the docs list without saying for which kind of token.
    pub unspecified: &'static [&'static str],
}

/// Which kind of token a caller holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Permissions {
    /// Whether a token of `kind` with `scopes` holds one of the documented permissions.
    pub fn allows(&self, kind: TokenKind, scopes: &[&str]) -> bool {
        let documented = match kind {
            TokenKind::DelegatedWork => self.delegated_work,
            TokenKind::DelegatedPersonal => self.delegated_personal,
            TokenKind::Application => self.application,
        };
        documented.iter().chain(self.unspecified).any(|needed| scopes.iter().any(|held| held.eq_ignore_ascii_case(needed)))
    }
}

/// A piece of a path template, rendered with the right encoding.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    /// Literal text of the template, sent as is.
    Literal(&'a str),
    /// A path parameter: one segment, percent-encoded; empty, `.` and `..` are refused.
    Segment(&'a str),
    /// An item path (`root:/{item-path}:`): its `/` kept, everything else percent-encoded; empty, `.` and `..`
    /// segments are refused, and so are `:` and `\`, which OneDrive and SharePoint names cannot hold (a server
    /// that decodes them would read the path differently).
    ItemPath(&'a str),
    /// A value inside an OData string literal (`'{id}'`): quotes doubled, then percent-encoded.
    Quoted(&'a str),
}

/// Where a refused argument was going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A path parameter ([`Piece::Segment`]).
    Segment,
    /// An item path ([`Piece::ItemPath`]).
    ItemPath,
    /// A type name given to [`Operation::cast`].
    Cast,
    /// A prefix given to [`Operation::under`].
    Prefix,
}

/// Why an argument was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An empty segment: `/users//messages` is read as another path by many servers.
    Empty,
    /// A `.` or `..` segment (or `%2e`, `%2E%2e`, ...): URL normalisation removes it with its neighbour, and
    /// servers and proxies decode `%2E` first, so encoding the dots would not be safe either.
    Dots,
    /// A character that cannot be sent there.
    Character(char),
    /// A prefix that does not start with `/`.
    Relative,
}

/// An argument refused because it would change which resource a request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub place: Place,
    pub why: Why,
    /// The argument as given.
    pub value: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.why {
            Why::Empty => "an empty segment".to_owned(),
            Why::Dots => "a `.` or `..` segment".to_owned(),
            Why::Character(c) => format!("the character {c:?}"),
            Why::Relative => "no leading `/`".to_owned(),
        };
        write!(f, "the {:?} argument {:?} has {why}, which would change the request's path", self.place, self.value)
    }
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const ITEM_PATH: &percent_encoding::AsciiSet = &SEGMENT.remove(b'/');
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'&').add(b'+').add(b'<').add(b'>').add(b'%');
/// A query name also encodes `=` and `;`, so that no name can add a parameter or a value.
const QUERY_NAME: &percent_encoding::AsciiSet = &QUERY.add(b'=').add(b';');

/// Refuses a segment (already percent-decoded) that would not stay one segment of the path.
fn check_segment(place: Place, segment: &str, value: &str) -> Result<(), Refused> {
    let why = match segment {
        "" => Why::Empty,
        "." | ".." => Why::Dots,
        _ => return Ok(()),
    };
    Err(Refused { place, why, value: value.to_owned() })
}

/// Refuses an item path with empty or dot segments, `:` or `\`; returns it without its leading `/`.
fn check_item_path(value: &str) -> Result<&str, Refused> {
    let relative = value.strip_prefix('/').unwrap_or(value);
    if let Some(c) = relative.chars().find(|c| matches!(c, ':' | '\\')) {
        return Err(Refused { place: Place::ItemPath, why: Why::Character(c), value: value.to_owned() });
    }
    relative.split('/').try_for_each(|segment| check_segment(Place::ItemPath, segment, value))?;
    Ok(relative)
}

/// Refuses a raw prefix (sent as is) that is relative, holds a query, fragment, backslash, space or control
/// character, or has a segment that reads (percent-decoded) as empty, `.` or `..`.
fn check_prefix(prefix: &str) -> Result<&str, Refused> {
    let trimmed = prefix.trim_end_matches('/');
    let refuse = |why| Err(Refused { place: Place::Prefix, why, value: prefix.to_owned() });
    if let Some(c) = trimmed.chars().find(|&c| matches!(c, '?' | '#' | '\\') || c.is_whitespace() || c.is_control()) {
        return refuse(Why::Character(c));
    }
    let Some(relative) = trimmed.strip_prefix('/') else {
        return if trimmed.is_empty() { Ok(trimmed) } else { refuse(Why::Relative) };
    };
    for segment in relative.split('/') {
        check_segment(Place::Prefix, &percent_encoding::percent_decode_str(segment).decode_utf8_lossy(), prefix)?;
    }
    Ok(trimmed)
}

/// Renders a path from its pieces, or says which argument would change its shape.
pub fn render_path(pieces: &[Piece<'_>]) -> Result<String, Refused> {
    let mut path = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => path.push_str(text),
            Piece::Segment(value) => {
                check_segment(Place::Segment, value, value)?;
                path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
            }
            Piece::ItemPath(value) => path.extend(percent_encoding::utf8_percent_encode(check_item_path(value)?, ITEM_PATH)),
            Piece::Quoted(value) => path.extend(percent_encoding::utf8_percent_encode(&value.replace('\'', "''"), SEGMENT)),
        }
    }
    Ok(path)
}

/// The parts of a request an operation builder collects: sans-IO, turned into an `http::Request` at the end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestParts {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// The first argument refused on the way (builders return `Self`); `into_request` returns it.
    pub refused: Option<Refused>,
}

impl RequestParts {
    /// A request for `method` and a rendered `path`.
    pub fn new(method: &'static str, path: String) -> Self {
        RequestParts { method, path, ..RequestParts::default() }
    }

    /// A request for `method` at the path rendered from `pieces`; a refused argument is kept for `into_request`.
    pub fn at(method: &'static str, pieces: &[Piece<'_>]) -> Self {
        match render_path(pieces) {
            Ok(path) => RequestParts::new(method, path),
            Err(refused) => RequestParts { refused: Some(refused), ..RequestParts::new(method, String::new()) },
        }
    }

    /// Keeps the first refusal.
    pub fn refuse(&mut self, refused: Refused) {
        self.refused.get_or_insert(refused);
    }

    /// Sets (replacing) a header. Names and values are checked by `into_request` (no CR or LF gets through).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
    }

    /// Sets (replacing) a query parameter.
    pub fn set_query(&mut self, name: &str, value: impl Into<String>) {
        self.query.retain(|(existing, _)| existing != name);
        self.query.push((name.to_owned(), value.into()));
    }

    /// Sets a JSON body and its content type.
    pub fn set_json<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        self.body = Some(serde_json::to_vec(body).map_err(Error::Serialize)?);
        self.set_header("Content-Type", "application/json");
        Ok(())
    }

    /// The query string, without `?`; OData's `$`, `,`, `(`, `)`, `'` and `=` inside values are kept readable.
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| {
                let name = percent_encoding::utf8_percent_encode(name, QUERY_NAME);
                format!("{name}={}", percent_encoding::utf8_percent_encode(value, QUERY))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The `http::Request` for `base`, or the first refused argument.
    pub fn into_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(refused) = self.refused {
            return Err(Error::Refused(refused));
        }
        let mut uri = format!("{}{}", base.as_str(), self.path);
        if !self.query.is_empty() {
            uri.push('?');
            uri.push_str(&self.query_string());
        }
        let mut builder = http::Request::builder().method(self.method).uri(uri);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body.unwrap_or_default()).map_err(Error::Http)
    }
}

/// An operation: a request builder that knows how to read its own responses.
pub trait Operation: Sized {
    /// The typed response: one variant per documented status.
    type Response;
    /// Statuses the docs say to retry (from the page's error-handling section).
    const RETRY_STATUSES: &'static [u16];
    /// The request parts collected so far.
    fn parts(&mut self) -> &mut RequestParts;
    /// Consumes the builder.
    fn into_parts(self) -> RequestParts;
    /// Reads a response to this operation.
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Response, Error>;

    /// The `http::Request` for `base`.
    fn into_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
        self.into_parts().into_request(base)
    }
    /// `$select`: the properties to return.
    fn select(mut self, properties: &[&str]) -> Self {
        self.parts().set_query("$select", properties.join(","));
        self
    }
    /// `$expand`: the relationships to expand.
    fn expand(mut self, relationships: &[&str]) -> Self {
        self.parts().set_query("$expand", relationships.join(","));
        self
    }
    /// `$filter`: an OData filter expression.
    fn filter(mut self, expression: &str) -> Self {
        self.parts().set_query("$filter", expression);
        self
    }
    /// `$orderby`: sort order, e.g. `displayName desc`.
    fn orderby(mut self, order: &str) -> Self {
        self.parts().set_query("$orderby", order);
        self
    }
    /// `$top`: page size.
    fn top(mut self, count: u32) -> Self {
        self.parts().set_query("$top", count.to_string());
        self
    }
    /// `$skip`: items to skip.
    fn skip(mut self, count: u32) -> Self {
        self.parts().set_query("$skip", count.to_string());
        self
    }
    /// `$count`: include the total count.
    fn count(mut self, include: bool) -> Self {
        self.parts().set_query("$count", include.to_string());
        self
    }
    /// `$search`: a search expression.
    fn search(mut self, expression: &str) -> Self {
        self.parts().set_query("$search", expression);
        self
    }
    /// Any other query parameter, documented or not.
    fn query(mut self, name: &str, value: &str) -> Self {
        self.parts().set_query(name, value);
        self
    }
    /// Puts the path under a prefix the templates leave out (`/me/drive/items/{id}` before `/workbook/...`). The
    /// prefix is sent as is (percent-encode its values); one that is relative, or holds `?`, `#`, `\`, spaces,
    /// or empty or dot segments, is refused by `into_request`.
    fn under(mut self, prefix: &str) -> Self {
        let parts = self.parts();
        match check_prefix(prefix) {
            Ok(prefix) => parts.path.insert_str(0, prefix),
            Err(refused) => parts.refuse(refused),
        }
        self
    }
    /// Narrows a collection to a derived type: appends a cast segment such as `microsoft.graph.group`,
    /// percent-encoded; an empty name, `.` or `..` is refused by `into_request`.
    fn cast(mut self, type_name: &str) -> Self {
        let parts = self.parts();
        match check_segment(Place::Cast, type_name, type_name) {
            Ok(()) => {
                parts.path.push('/');
                parts.path.extend(percent_encoding::utf8_percent_encode(type_name, SEGMENT));
            }
            Err(refused) => parts.refuse(refused),
        }
        self
    }
    /// Asks for the number of items only (`/$count`); the response is that number.
    fn count_only(self) -> Count<Self> {
        let mut parts = self.into_parts();
        parts.path.push_str("/$count");
        Count { parts, operation: std::marker::PhantomData }
    }
    /// A body that is not JSON (a file's bytes, CSV, ...); set its `Content-Type` with `header`.
    fn raw_body(mut self, body: Vec<u8>) -> Self {
        self.parts().body = Some(body);
        self
    }
    /// Any other header, documented or not.
    fn header(mut self, name: &str, value: &str) -> Self {
        self.parts().set_header(name, value);
        self
    }
}

/// `/$count` of an operation's collection: the response is a bare number.
#[derive(Debug)]
pub struct Count<O> {
    parts: RequestParts,
    operation: std::marker::PhantomData<O>,
}

impl<O> Clone for Count<O> {
    fn clone(&self) -> Self {
        Count { parts: self.parts.clone(), operation: std::marker::PhantomData }
    }
}

impl<O: Operation> Operation for Count<O> {
    type Response = u64;
    const RETRY_STATUSES: &'static [u16] = O::RETRY_STATUSES;
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.parts
    }
    fn into_parts(self) -> RequestParts {
        self.parts
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<u64, Error> {
        if response.status().as_u16() != 200 {
            return Err(error_for(response));
        }
        let status = 200;
        let text = String::from_utf8_lossy(response.body()).trim().to_owned();
        text.parse().map_err(|_| Error::Deserialize { status, error: serde::de::Error::custom(format!("`{text}` is not a count")) })
    }
}

/// One page of a collection: its items, and the links to the next page and to the delta state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The items of this page (`value`).
    #[serde(rename = "value")]
    pub items: Vec<T>,
    /// The URL of the next page (`@odata.nextLink`), while there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The URL to ask for later changes (`@odata.deltaLink`), on a delta query's last page.
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    /// The number of items in the whole collection (`@odata.count`), when `$count=true` asked for it.
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// Other members of the page (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { items: Vec::new(), next_link: None, delta_link: None, count: None, additional: Default::default() }
    }
}

/// A body the docs show both as one item and as a page of them (an address that filters beside one that names an
/// item): a page when it has a `value` array, else the item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub enum OneOrPage<T> {
    /// A page of items.
    Page(Page<T>),
    /// One item.
    One(T),
}

impl<T> Default for OneOrPage<T> {
    fn default() -> Self {
        OneOrPage::Page(Page::default())
    }
}

/// A primitive value in OData's wrapper, `{"value": ...}`: what a function returning a string or a number answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Single<T> {
    /// The value (`value`).
    pub value: T,
    /// Other members (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The `@odata.type` of a JSON object without `#` and its namespace (`microsoft.graph.`), in ASCII lower case: how an enum of
/// derived types (`AnyAttachment`) picks its variant. Empty when there is none.
pub fn derived_type(value: &serde_json::Value) -> String {
    let tag = value.get("@odata.type").and_then(serde_json::Value::as_str).unwrap_or_default();
    tag.rsplit('.').next().unwrap_or_default().trim_start_matches('#').to_ascii_lowercase()
}

/// Writes a derived type's value with `@odata.type` set to `tag` unless it has one: the service tells derived
/// types apart by it.
pub fn serialize_derived<T: Serialize, S: serde::Serializer>(value: &T, tag: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(members) = json.as_object_mut() {
        members.entry("@odata.type").or_insert_with(|| tag.into());
    }
    json.serialize(serializer)
}

/// A property of an update (`PATCH`) body: left out, set to `null` (which clears it), or set to a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Field<T> {
    /// Not sent: the property keeps its value.
    #[default]
    Absent,
    /// Sent as `null`: the property is cleared.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the property is left out of the body (serde's `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A present member is a value or `null`; an absent one is `Default` (serde's `default`).
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Field::Null, Field::Value))
    }
}

/// Graph's error object: `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GraphError {
    pub error: GraphErrorBody,
}

/// The inside of Graph's error object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GraphErrorBody {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// What can go wrong building a request or reading a response.
#[derive(Debug)]
pub enum Error {
    /// The service answered with an error status; its headers say more (`Retry-After`, `request-id`). (Boxed: an
    /// `Error` stays small in every `Result`.)
    Status { status: u16, error: Option<GraphError>, headers: Box<http::HeaderMap>, body: Vec<u8> },
    /// A status the docs don't mention for this operation.
    UnexpectedStatus { status: u16, headers: Box<http::HeaderMap>, body: Vec<u8> },
    /// A body that does not read as the documented type.
    Deserialize { status: u16, error: serde_json::Error },
    /// A body that could not be written as JSON.
    Serialize(serde_json::Error),
    /// A request that `http` refused (a header name or value with CR or LF, say).
    Http(http::Error),
    /// An argument that would change which resource the request addresses.
    Refused(Refused),
    /// The transport failed (client feature only).
    Transport(String),
}

impl Error {
    /// The HTTP status of an error response, if the error is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. } | Error::UnexpectedStatus { status, .. } | Error::Deserialize { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response headers of an error response, if the error is one.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        match self {
            Error::Status { headers, .. } | Error::UnexpectedStatus { headers, .. } => Some(headers),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Status { status, error: Some(error), .. } => write!(f, "HTTP {status}: {}: {}", error.error.code, error.error.message),
            Error::Status { status, .. } => write!(f, "HTTP {status}"),
            Error::UnexpectedStatus { status, .. } => write!(f, "HTTP {status}, a status the docs do not mention"),
            Error::Deserialize { status, error } => write!(f, "cannot read the HTTP {status} body: {error}"),
            Error::Serialize(error) => write!(f, "cannot write the request body: {error}"),
            Error::Http(error) => write!(f, "invalid request: {error}"),
            Error::Refused(refused) => refused.fmt(f),
            Error::Transport(error) => write!(f, "transport: {error}"),
        }
    }
}

impl std::error::Error for Error {}

/// Reads a JSON body as `T`; an empty body (or `null`) reads as `T`'s empty value.
pub fn json<T: DeserializeOwned + Default>(status: u16, body: &[u8]) -> Result<T, Error> {
    let text = body.trim_ascii();
    if text.is_empty() || text == b"null" {
        return Ok(T::default());
    }
    serde_json::from_slice(text).map_err(|error| Error::Deserialize { status, error })
}

/// A response header's value as text.
pub fn header(response: &http::Response<Vec<u8>>, name: &str) -> Option<String> {
    response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
}

/// The error for a status no documented variant takes: Graph's error object for 4xx/5xx.
pub fn error_for(response: http::Response<Vec<u8>>) -> Error {
    let status = response.status().as_u16();
    let (head, body) = response.into_parts();
    let headers = Box::new(head.headers);
    if status >= 400 {
        Error::Status { status, error: serde_json::from_slice(&body).ok(), headers, body }
    } else {
        Error::UnexpectedStatus { status, headers, body }
    }
}
