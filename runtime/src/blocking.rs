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
        let mut parts = operation.into_parts();
        parts.set_header("Authorization", format!("Bearer {}", self.token.0));
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let request = parts.clone().into_request(&self.base)?;
            let response = self.agent.run(request).map_err(|error| Error::Transport(error.to_string()))?;
            let (head, mut body) = response.into_parts();
            let bytes = body.read_to_vec().map_err(|error| Error::Transport(error.to_string()))?;
            let response = http::Response::from_parts(head, bytes);
            let outcome = Outcome {
                method: parts.method,
                status: response.status().as_u16(),
                headers: response.headers(),
                attempts,
                elapsed: started.elapsed(),
                now: SystemTime::now(),
                documented: O::RETRY_STATUSES,
            };
            match retry::decide(&outcome, &self.retry, jitter()) {
                Decision::Retry(wait) => std::thread::sleep(wait),
                Decision::GiveUp(_) => return O::parse_response(response),
            }
        }
    }
}

/// A random number for the backoff's jitter, from std's per-process random hash keys.
fn jitter() -> u64 {
    std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), Instant::now())
}
