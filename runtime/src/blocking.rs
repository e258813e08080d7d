//! A blocking client: bearer token, retries bounded in attempts and time ([`retry`]), timeouts.

use crate::retry::{self, Decision, Outcome};
use crate::{BaseUrl, Error, Operation};
use std::time::{Duration, Instant, SystemTime};

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
    /// When to retry and for how long.
    pub retry: retry::Policy,
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
        Client { base, token, agent: config.into(), retry: retry::Policy::default() }
    }

    /// Sends `operation` and reads its response, retrying as [`retry::decide`] says: 429 and 503 always,
    /// other 5xx for idempotent methods or where the docs say to, within the policy's attempts and time.
    pub fn send<O: Operation>(&self, operation: O) -> Result<O::Response, Error> {
        let request = operation.into_parts().into_request(&self.base)?;
        O::parse_response(self.execute_documented(request, O::RETRY_STATUSES)?)
    }

    /// Sends any request (a next link, a batch, an upload chunk) with this client's token and retries, and
    /// returns the last response whatever its status.
    pub fn execute(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        self.execute_documented(request, &[])
    }

    /// [`Client::execute`], also retrying the statuses an operation's docs say to retry.
    fn execute_documented(
        &self,
        mut request: http::Request<Vec<u8>>,
        documented: &[u16],
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let authorization = http::HeaderValue::try_from(format!("Bearer {}", self.token.0))
            .map_err(|_| Error::Transport("the token is not a valid header value".into()))?;
        request.headers_mut().insert(http::header::AUTHORIZATION, authorization);
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let response = self.agent.run(request.clone()).map_err(|error| Error::Transport(error.to_string()))?;
            let (head, mut body) = response.into_parts();
            let bytes = body.read_to_vec().map_err(|error| Error::Transport(error.to_string()))?;
            let response = http::Response::from_parts(head, bytes);
            let outcome = Outcome {
                method: request.method().as_str(),
                status: response.status().as_u16(),
                headers: response.headers(),
                attempts,
                elapsed: started.elapsed(),
                now: SystemTime::now(),
                documented,
            };
            match retry::decide(&outcome, &self.retry, jitter()) {
                Decision::Retry(wait) => std::thread::sleep(wait),
                Decision::GiveUp(_) => return Ok(response),
            }
        }
    }
}

/// A random number for the backoff's jitter, from std's per-process random hash keys.
fn jitter() -> u64 {
    std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), Instant::now())
}
