//! The runtime of the crates graphdoc generates from the Microsoft Graph docs.
//!
//! Every generated operation is a small typed builder over this crate: it collects [`RequestParts`] (sans-IO),
//! turns them into an `http::Request`, and reads an `http::Response` back into its typed response through the
//! [`Operation`] trait. Sending is the job of a client: the blocking one ([`blocking`], feature `blocking`), or any
//! other HTTP stack, since requests and responses are plain `http` types. The async client ([`nonblocking`],
//! feature `async`) is its twin over reqwest and tokio; both share [`Config`], the retry decision ([`retry`]),
//! token providers ([`TokenProvider`], [`AsyncTokenProvider`], [`ClientCredentials`]) and paging ([`Pager`]).
//!
//! A generated crate depends on this crate alone: it re-exports [`serde`], [`serde_json`] and [`http`] so that the
//! generated code names them through it, and a user's crate needs no matching versions of its own.

/// This crate's version: what a generated crate asks for when it is not told where the runtime is.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use http;
pub use serde;
pub use serde_json;

mod auth;
mod config;
mod error;
#[cfg(any(feature = "blocking", feature = "async"))]
mod exchange;
mod paging;
mod path;
mod request;
mod shapes;
mod target;

pub mod batch;
pub mod retry;
pub mod upload;
pub mod values;

#[cfg(feature = "blocking")]
pub mod blocking;

#[cfg(feature = "async")]
pub mod nonblocking;

#[cfg(feature = "azure")]
mod azure;
#[cfg(feature = "azure")]
pub use azure::AzureCredential;

#[cfg(feature = "replay")]
pub mod replay;

pub use auth::{AccessToken, AsyncTokenProvider, CachedCredentials, ClientCredentials, Token, TokenProvider};
pub use config::{new_request_id, AsyncHttpSend, BoxFuture, Config, HttpSend, Redirects, CLIENT_REQUEST_ID};
pub use error::{error_for, header, json, Error, GraphError, GraphErrorBody, InnerError, TransportError};
pub use paging::{parse_page, DeltaLink, DeltaRound, PagedOperation, Pager, ParsePage};
pub use path::{render_path, Piece, Place, Refused, Why};
pub use request::{Count, Operation, RequestParts};
pub use shapes::{derived_type, serialize_derived, Field, OneOrPage, Page, Single};
pub use target::{BaseUrl, Permissions, TokenKind};
