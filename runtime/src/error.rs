//! Errors: Graph's error object, the typed `Error`, and reading responses into either.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Refused;

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
            Error::Status { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Deserialize { status, .. } => Some(*status),
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
            Error::Status { status, error: Some(error), .. } => {
                write!(f, "HTTP {status}: {}: {}", error.error.code, error.error.message)
            }
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
