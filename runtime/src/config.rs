//! What both clients share: where requests go, how long they may take, how they are tagged, retried and
//! redirected, and the small trait an HTTP stack implements to carry them.

use crate::{retry, BaseUrl, Error};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed future that can move between threads: what the async traits return (object safe, no extra crate).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Settings both clients read.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where requests go (its national cloud also picks the token endpoint).
    pub base: BaseUrl,
    /// The longest wait to connect.
    pub connect_timeout: Duration,
    /// The longest one attempt may take, body included.
    pub timeout: Duration,
    /// The `User-Agent` header, unless a request sets its own.
    pub user_agent: String,
    /// A fixed `client-request-id` for every request; `None` gives each request a fresh one.
    pub client_request_id: Option<String>,
    /// The retry bounds a new client starts with (the client's `retry` field then rules).
    pub retry: retry::Policy,
    /// Which redirects the client follows itself.
    pub redirects: Redirects,
}

impl Config {
    /// The defaults for `base`: 10 s to connect, 30 s per attempt, the default retry policy, GET redirects
    /// followed up to 5 hops.
    pub fn new(base: BaseUrl) -> Self {
        Config {
            base,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: format!("graphdoc-runtime/{}", crate::VERSION),
            client_request_id: None,
            retry: retry::Policy::default(),
            redirects: Redirects::default(),
        }
    }

    /// Tags a request before its first attempt: `User-Agent` and `client-request-id` unless it has them.
    pub fn prepare(&self, request: &mut http::Request<Vec<u8>>) -> Result<(), Error> {
        let headers = request.headers_mut();
        if !headers.contains_key(http::header::USER_AGENT) {
            let value =
                http::HeaderValue::try_from(self.user_agent.as_str()).map_err(|error| Error::Http(error.into()))?;
            headers.insert(http::header::USER_AGENT, value);
        }
        if !headers.contains_key(CLIENT_REQUEST_ID) {
            let id = self.client_request_id.clone().unwrap_or_else(new_request_id);
            let value = http::HeaderValue::try_from(id).map_err(|error| Error::Http(error.into()))?;
            headers.insert(CLIENT_REQUEST_ID, value);
        }
        Ok(())
    }
}

/// The header a client tags each request with, so that the service's logs can find it.
pub const CLIENT_REQUEST_ID: &str = "client-request-id";

/// Which redirects a client follows: only a `GET`'s (a content download's `302` to a storage host), and never
/// with the `Authorization` header to another host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redirects {
    /// Hops followed at most; 0 returns every redirect as it came (a documented `302` with its `Location`).
    pub max_hops: u32,
}

impl Default for Redirects {
    /// 5 hops.
    fn default() -> Self {
        Redirects { max_hops: 5 }
    }
}

impl Redirects {
    /// No redirect followed.
    pub fn none() -> Self {
        Redirects { max_hops: 0 }
    }

    /// The request to send after `response` to `request`, when it is a redirect this policy follows after `hops`
    /// hops: the same headers at the `Location` (resolved against the request's URI), less `Authorization` when
    /// the scheme, host or port changes. `None` otherwise.
    pub fn follow(
        &self,
        request: &http::Request<Vec<u8>>,
        response: &http::Response<Vec<u8>>,
        hops: u32,
    ) -> Option<http::Request<Vec<u8>>> {
        let redirect = matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308);
        if !redirect || request.method() != http::Method::GET || hops >= self.max_hops {
            return None;
        }
        let location = response.headers().get(http::header::LOCATION)?.to_str().ok()?;
        let target = resolve(request.uri(), location)?;
        let same_origin = target.scheme() == request.uri().scheme() && target.authority() == request.uri().authority();
        let mut next = http::Request::builder().method(http::Method::GET).uri(target).body(Vec::new()).ok()?;
        *next.headers_mut() = request.headers().clone();
        if !same_origin {
            next.headers_mut().remove(http::header::AUTHORIZATION);
        }
        Some(next)
    }
}

/// A `Location` as an absolute URI: absolute as given, or a path on the request's origin.
fn resolve(base: &http::Uri, location: &str) -> Option<http::Uri> {
    let uri: http::Uri = location.parse().ok()?;
    if uri.scheme().is_some() && uri.authority().is_some() {
        return Some(uri);
    }
    if !location.starts_with('/') || location.starts_with("//") {
        return None;
    }
    let mut parts = http::uri::Parts::default();
    parts.scheme = base.scheme().cloned();
    parts.authority = base.authority().cloned();
    parts.path_and_query = uri.path_and_query().cloned();
    http::Uri::from_parts(parts).ok()
}

/// A fresh id in the UUID v4 text form, from std's per-process random hash keys (random enough to tell requests
/// apart; not a secret).
pub fn new_request_id() -> String {
    let high = random_u64();
    let low = random_u64();
    let bytes = [high.to_be_bytes(), low.to_be_bytes()].concat();
    let mut bytes: [u8; 16] = bytes.try_into().unwrap_or([0; 16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A random number: each `RandomState` is seeded anew, and hashing the time mixes in more.
pub(crate) fn random_u64() -> u64 {
    std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), std::time::Instant::now())
}

/// A blocking HTTP stack: sends one request and reads the whole response, whatever its status, without following
/// redirects (the client does that). Implement it to carry the blocking client over another stack.
pub trait HttpSend: Send + Sync {
    /// Sends `request` once.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error>;
}

/// An async HTTP stack: [`HttpSend`]'s twin for the async client.
pub trait AsyncHttpSend: Send + Sync {
    /// Sends `request` once.
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>>;
}

/// A shared stack is a stack (keep a handle to a stack the client uses).
impl<S: HttpSend + ?Sized> HttpSend for std::sync::Arc<S> {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        (**self).send(request)
    }
}

impl<S: AsyncHttpSend + ?Sized> AsyncHttpSend for std::sync::Arc<S> {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>> {
        (**self).send(request)
    }
}
