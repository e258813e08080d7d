//! Errors: Graph's error object, the typed `Error`, and reading responses into either.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Refused;

/// Graph's error object: `{"error": {"code": ..., "message": ..., "innerError": {...}}}`.
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
    /// The service's own details: which request failed, and when (`innerError`; boxed: an `Error` stays small).
    #[serde(rename = "innerError", alias = "innererror", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<Box<InnerError>>,
    /// Other members (`details`, `target`, ...).
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Graph's `innerError`: what support asks for when a request failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct InnerError {
    /// A narrower code than the outer one, when the service gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The service's id of the request (`request-id`).
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The id the client sent (`client-request-id`).
    #[serde(rename = "client-request-id", default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// When the request failed, as the service wrote it (`date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Other members.
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// A transport failure (connection, timeout, TLS), with its cause when the HTTP stack gave one.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A failure with its cause.
    pub fn new(message: impl Into<String>, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError { message: message.into(), source: Some(source.into()) }
    }

    /// A failure from any error of an HTTP stack: its text and itself as the cause.
    pub fn from_error<E: std::error::Error + Send + Sync + 'static>(error: E) -> Self {
        TransportError { message: error.to_string(), source: Some(Box::new(error)) }
    }
}

impl From<String> for TransportError {
    fn from(message: String) -> Self {
        TransportError { message, source: None }
    }
}

impl From<&str> for TransportError {
    fn from(message: &str) -> Self {
        message.to_owned().into()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// What can go wrong building a request or reading a response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an error status; its headers say more (`Retry-After`, `request-id`). (Boxed: an
    /// `Error` stays small in every `Result`.)
    #[error("{}", status_text(*status, error.as_deref()))]
    Status { status: u16, error: Option<Box<GraphError>>, headers: Box<http::HeaderMap>, body: Vec<u8> },
    /// A status the docs don't mention for this operation.
    #[error("HTTP {status}, a status the docs do not mention")]
    UnexpectedStatus { status: u16, headers: Box<http::HeaderMap>, body: Vec<u8> },
    /// A body that does not read as the documented type.
    #[error("cannot read the HTTP {status} body: {error}")]
    Deserialize {
        status: u16,
        #[source]
        error: serde_json::Error,
    },
    /// A body that could not be written as JSON.
    #[error("cannot write the request body: {0}")]
    Serialize(#[source] serde_json::Error),
    /// A request that `http` refused (a header name or value with CR or LF, say).
    #[error("invalid request: {0}")]
    Http(#[source] http::Error),
    /// An argument that would change which resource the request addresses.
    #[error("{0}")]
    Refused(Refused),
    /// The transport failed (client feature only).
    #[error("transport: {0}")]
    Transport(#[source] TransportError),
    /// The token endpoint refused to issue a token (OAuth 2.0 error `code` and its description); the secret is
    /// never part of it.
    #[error("token endpoint: HTTP {status}: {code}: {description}")]
    Token { status: u16, code: String, description: String },
    /// A delta round whose last page has neither `@odata.deltaLink` nor `@odata.nextLink`.
    #[error("the delta round ended without an @odata.deltaLink")]
    MissingDeltaLink,
    /// A paged operation answered with another of its documented success responses, not a page.
    #[error("the response is not a page of the collection")]
    NotAPage,
}

fn status_text(status: u16, error: Option<&GraphError>) -> String {
    match error {
        Some(error) => format!("HTTP {status}: {}: {}", error.error.code, error.error.message),
        None => format!("HTTP {status}"),
    }
}

impl Error {
    /// The HTTP status of an error response, if the error is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Deserialize { status, .. }
            | Error::Token { status, .. } => Some(*status),
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

    /// Graph's error object, when the error response had one.
    pub fn graph_error(&self) -> Option<&GraphErrorBody> {
        match self {
            Error::Status { error: Some(error), .. } => Some(&error.error),
            _ => None,
        }
    }

    /// The wait the service asked for (`Retry-After`, seconds or an HTTP date), as of now.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        crate::retry::retry_after(self.headers()?, std::time::SystemTime::now())
    }

    /// The service's id of the failed request: the `request-id` header, else the one in `innerError`.
    pub fn request_id(&self) -> Option<&str> {
        let header = self.headers().and_then(|headers| headers.get("request-id")).and_then(|value| value.to_str().ok());
        header.or_else(|| self.graph_error()?.inner_error.as_ref()?.request_id.as_deref())
    }

    /// The `client-request-id` the service echoed: the header, else the one in `innerError`.
    pub fn client_request_id(&self) -> Option<&str> {
        let header =
            self.headers().and_then(|headers| headers.get("client-request-id")).and_then(|value| value.to_str().ok());
        header.or_else(|| self.graph_error()?.inner_error.as_ref()?.client_request_id.as_deref())
    }
}

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
        Error::Status { status, error: serde_json::from_slice(&body).ok().map(Box::new), headers, body }
    } else {
        Error::UnexpectedStatus { status, headers, body }
    }
}
