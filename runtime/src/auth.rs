//! Bearer tokens: the providers both clients ask (sync and async), a static token, and the OAuth 2.0
//! client-credentials flow built sans-IO and cached until shortly before it expires.

use crate::config::{AsyncHttpSend, BoxFuture, HttpSend};
use crate::{BaseUrl, Error};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A bearer token that never shows in `Debug` output, has no `Display`, and is never put in an error.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a bearer token.
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into())
    }

    /// The token's text: for an HTTP stack that sets the header itself.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header's value, marked sensitive (stacks that log headers leave it out).
    pub fn header_value(&self) -> Result<http::HeaderValue, Error> {
        let mut value = http::HeaderValue::try_from(format!("Bearer {}", self.0))
            .map_err(|_| Error::Transport("the token is not a valid header value".into()))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Gives the blocking client a token for each request.
pub trait TokenProvider: Send + Sync {
    /// A token valid for a while yet.
    fn token(&self) -> Result<Token, Error>;
}

/// Gives the async client a token for each request.
pub trait AsyncTokenProvider: Send + Sync {
    /// A token valid for a while yet.
    fn token(&self) -> BoxFuture<'_, Result<Token, Error>>;
}

/// A static token is its own provider.
impl TokenProvider for Token {
    fn token(&self) -> Result<Token, Error> {
        Ok(self.clone())
    }
}

impl AsyncTokenProvider for Token {
    fn token(&self) -> BoxFuture<'_, Result<Token, Error>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// A shared provider is a provider (one cache for several clients).
impl<P: TokenProvider + ?Sized> TokenProvider for std::sync::Arc<P> {
    fn token(&self) -> Result<Token, Error> {
        (**self).token()
    }
}

impl<P: AsyncTokenProvider + ?Sized> AsyncTokenProvider for std::sync::Arc<P> {
    fn token(&self) -> BoxFuture<'_, Result<Token, Error>> {
        (**self).token()
    }
}

/// A token and when it expires.
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The bearer token.
    pub token: Token,
    /// When the token endpoint said it expires.
    pub expires_at: SystemTime,
}

/// The OAuth 2.0 client-credentials grant (an app's id and secret for an app-only token), sans-IO: the token
/// request for the cloud's endpoint and the reading of its answer.
#[derive(Clone)]
pub struct ClientCredentials {
    endpoint: String,
    client_id: String,
    secret: Token,
    scope: String,
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("endpoint", &self.endpoint)
            .field("client_id", &self.client_id)
            .field("secret", &self.secret)
            .field("scope", &self.scope)
            .finish()
    }
}

impl ClientCredentials {
    /// The grant for `tenant` in `cloud`'s identity platform, asking for `cloud`'s Graph (`/.default`).
    pub fn new(cloud: &BaseUrl, tenant: &str, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        ClientCredentials {
            endpoint: cloud.token_endpoint(tenant),
            client_id: client_id.into(),
            secret: Token::new(secret),
            scope: cloud.default_scope().to_owned(),
        }
    }

    /// Another token endpoint (a test server, a sovereign authority).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// Another scope than the cloud's Graph `/.default`.
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// The token endpoint this grant asks.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The token request: a form POST of the grant to the endpoint.
    pub fn token_request(&self) -> Result<http::Request<Vec<u8>>, Error> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.secret.secret()),
            ("scope", self.scope.as_str()),
        ];
        let body = form
            .iter()
            .map(|(name, value)| format!("{name}={}", percent_encoding::utf8_percent_encode(value, FORM)))
            .collect::<Vec<_>>()
            .join("&");
        http::Request::post(&self.endpoint)
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body.into_bytes())
            .map_err(Error::Http)
    }

    /// Reads the token endpoint's answer at time `now`: the token and its expiry, or the endpoint's OAuth error.
    pub fn parse_token_response(response: &http::Response<Vec<u8>>, now: SystemTime) -> Result<AccessToken, Error> {
        let status = response.status().as_u16();
        if !response.status().is_success() {
            let error: OAuthError = serde_json::from_slice(response.body()).unwrap_or_default();
            return Err(Error::Token { status, code: error.error, description: error.error_description });
        }
        let body: TokenBody =
            serde_json::from_slice(response.body()).map_err(|error| Error::Deserialize { status, error })?;
        let lifetime = Duration::from_secs(body.expires_in.as_u64());
        Ok(AccessToken { token: Token(body.access_token), expires_at: now + lifetime })
    }
}

/// `application/x-www-form-urlencoded`: everything but unreserved characters is encoded.
const FORM: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[derive(serde::Deserialize)]
struct TokenBody {
    access_token: String,
    expires_in: Seconds,
}

/// `expires_in`: a number, though some endpoints send it as a string.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Seconds {
    Number(u64),
    Text(String),
}

impl Seconds {
    fn as_u64(&self) -> u64 {
        match self {
            Seconds::Number(seconds) => *seconds,
            Seconds::Text(text) => text.trim().parse().unwrap_or(0),
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct OAuthError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

/// A client-credentials grant over an HTTP stack, its token cached until `margin` before it expires (5 min
/// by default). With a blocking stack it is a [`TokenProvider`]; with an async one an [`AsyncTokenProvider`].
/// (Requests that find no fresh token at the same moment may each fetch one; the last fetched is kept.)
pub struct CachedCredentials<S> {
    credentials: ClientCredentials,
    stack: S,
    margin: Duration,
    cached: Mutex<Option<AccessToken>>,
}

impl<S> std::fmt::Debug for CachedCredentials<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedCredentials").field("credentials", &self.credentials).finish_non_exhaustive()
    }
}

impl<S> CachedCredentials<S> {
    /// The grant over `stack`, refreshing 5 minutes before expiry.
    pub fn new(credentials: ClientCredentials, stack: S) -> Self {
        CachedCredentials { credentials, stack, margin: Duration::from_secs(300), cached: Mutex::new(None) }
    }

    /// Refreshes this long before the token expires.
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The cached token, if it is good for longer than the margin.
    fn fresh(&self) -> Option<Token> {
        let cached = self.cached.lock().ok()?;
        let token = cached.as_ref()?;
        let good_until = token.expires_at.checked_sub(self.margin)?;
        (SystemTime::now() < good_until).then(|| token.token.clone())
    }

    fn store(&self, response: &http::Response<Vec<u8>>) -> Result<Token, Error> {
        let token = ClientCredentials::parse_token_response(response, SystemTime::now())?;
        let value = token.token.clone();
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some(token);
        }
        Ok(value)
    }
}

impl<S: HttpSend> TokenProvider for CachedCredentials<S> {
    fn token(&self) -> Result<Token, Error> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let response = self.stack.send(self.credentials.token_request()?)?;
        self.store(&response)
    }
}

impl<S: AsyncHttpSend> AsyncTokenProvider for CachedCredentials<S> {
    fn token(&self) -> BoxFuture<'_, Result<Token, Error>> {
        Box::pin(async move {
            if let Some(token) = self.fresh() {
                return Ok(token);
            }
            let response = self.stack.send(self.credentials.token_request()?).await?;
            self.store(&response)
        })
    }
}
