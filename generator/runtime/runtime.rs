// The runtime every generated operation shares: sans-IO request building and response parsing, and (behind the
// `client` feature) a blocking HTTP client. Copied verbatim into each generated crate by the generator; edit it in
// generator/runtime/runtime.rs. (No inner attributes: build scripts `include!` this file.)

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
    /// A path parameter: one segment, percent-encoded.
    Segment(&'a str),
    /// An item path (`root:/{item-path}:`): its `/` kept, everything else percent-encoded.
    ItemPath(&'a str),
    /// A value inside an OData string literal (`'{id}'`): quotes doubled, then percent-encoded.
    Quoted(&'a str),
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const ITEM_PATH: &percent_encoding::AsciiSet = &SEGMENT.remove(b'/');
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'&').add(b'+').add(b'<').add(b'>').add(b'%');

/// Renders a path from its pieces.
pub fn render_path(pieces: &[Piece<'_>]) -> String {
    let mut path = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => path.push_str(text),
            Piece::Segment(value) => path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT)),
            Piece::ItemPath(value) => path.extend(percent_encoding::utf8_percent_encode(value.trim_start_matches('/'), ITEM_PATH)),
            Piece::Quoted(value) => path.extend(percent_encoding::utf8_percent_encode(&value.replace('\'', "''"), SEGMENT)),
        }
    }
    path
}

/// The parts of a request an operation builder collects: sans-IO, turned into an `http::Request` at the end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestParts {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

impl RequestParts {
    /// A request for `method` and a rendered `path`.
    pub fn new(method: &'static str, path: String) -> Self {
        RequestParts { method, path, ..RequestParts::default() }
    }

    /// A request for `method` at the path rendered from `pieces`.
    pub fn at(method: &'static str, pieces: &[Piece<'_>]) -> Self {
        RequestParts::new(method, render_path(pieces))
    }

    /// Sets (replacing) a header.
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
                let name = percent_encoding::utf8_percent_encode(name, QUERY);
                format!("{name}={}", percent_encoding::utf8_percent_encode(value, QUERY))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The `http::Request` for `base`.
    pub fn into_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
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
    /// Puts the path under a prefix the templates leave out (`/me/drive/items/{id}` before `/workbook/...`).
    fn under(mut self, prefix: &str) -> Self {
        let parts = self.parts();
        parts.path = format!("{}{}", prefix.trim_end_matches('/'), parts.path);
        self
    }
    /// Narrows a collection to a derived type: appends a cast segment such as `microsoft.graph.group`.
    fn cast(mut self, type_name: &str) -> Self {
        self.parts().path.push('/');
        self.parts().path.push_str(type_name);
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
    /// The service answered with an error status.
    Status { status: u16, error: Option<GraphError>, body: Vec<u8> },
    /// A status the docs don't mention for this operation.
    UnexpectedStatus { status: u16, body: Vec<u8> },
    /// A body that does not read as the documented type.
    Deserialize { status: u16, error: serde_json::Error },
    /// A body that could not be written as JSON.
    Serialize(serde_json::Error),
    /// A request that `http` refused (a bad header value, say).
    Http(http::Error),
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
    let body = response.into_body();
    if status >= 400 {
        Error::Status { status, error: serde_json::from_slice(&body).ok(), body }
    } else {
        Error::UnexpectedStatus { status, body }
    }
}

/// A blocking client: bearer token, bounded retries with backoff for the documented statuses, timeouts.
#[cfg(feature = "client")]
pub mod client {
    use super::{BaseUrl, Error, Operation};
    use std::time::Duration;

    /// A bearer token that never shows in `Debug` output.
    #[derive(Clone)]
    pub struct Token(String);

    impl Token {
        /// Wraps a bearer token.
        pub fn new(token: impl Into<String>) -> Self {
            Token(token.into())
        }
    }

    impl std::fmt::Debug for Token {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Token(<redacted>)")
        }
    }

    /// Sends operations over HTTP.
    #[derive(Debug, Clone)]
    pub struct Client {
        base: BaseUrl,
        token: Token,
        agent: ureq::Agent,
        /// At most this many attempts for a retryable status.
        pub max_attempts: u32,
        /// The first backoff; it doubles on each retry.
        pub backoff: Duration,
    }

    impl Client {
        /// A client for `base` with a bearer token and a 30 s timeout per request.
        pub fn new(base: BaseUrl, token: Token) -> Self {
            Client::with_timeout(base, token, Duration::from_secs(30))
        }

        /// A client with a given timeout per request.
        pub fn with_timeout(base: BaseUrl, token: Token, timeout: Duration) -> Self {
            // Redirects are not followed: a documented `302 Found` is a typed response with its `Location`.
            let config = ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .http_status_as_error(false)
                .max_redirects(0)
                .build();
            Client { base, token, agent: config.into(), max_attempts: 3, backoff: Duration::from_millis(200) }
        }

        /// Sends `operation` and reads its response, retrying the statuses its docs name.
        pub fn send<O: Operation>(&self, operation: O) -> Result<O::Response, Error> {
            let mut parts = operation.into_parts();
            parts.set_header("Authorization", format!("Bearer {}", self.token.0));
            let mut backoff = self.backoff;
            let mut attempt = 1;
            loop {
                let request = parts.clone().into_request(&self.base)?;
                let response = self.agent.run(request).map_err(|error| Error::Transport(error.to_string()))?;
                let (head, mut body) = response.into_parts();
                let bytes = body.read_to_vec().map_err(|error| Error::Transport(error.to_string()))?;
                let response = http::Response::from_parts(head, bytes);
                let status = response.status().as_u16();
                if O::RETRY_STATUSES.contains(&status) && attempt < self.max_attempts {
                    std::thread::sleep(backoff);
                    backoff = backoff.saturating_mul(2);
                    attempt += 1;
                    continue;
                }
                return O::parse_response(response);
            }
        }
    }
}
