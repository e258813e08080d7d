//! One request's attempts, sans-IO: both clients send what [`Exchange`] holds, hand it each response, and sleep,
//! send again or return as it says, so that they retry and redirect alike.

use crate::config::{Config, Redirects};
use crate::retry::{self, Decision, Outcome};
use crate::{Error, Token};
use std::time::{Duration, Instant, SystemTime};

/// What a client does after a response.
#[derive(Debug)]
pub(crate) enum Step {
    /// Waits, then sends [`Exchange::request`] again.
    Wait(Duration),
    /// Sends [`Exchange::request`] (a redirect's target) now.
    Send,
    /// Returns this response.
    Done(http::Response<Vec<u8>>),
}

/// The state of one request across retries and redirects.
#[derive(Debug)]
pub(crate) struct Exchange<'a> {
    request: http::Request<Vec<u8>>,
    documented: &'a [u16],
    policy: retry::Policy,
    redirects: Redirects,
    attempts: u32,
    hops: u32,
    started: Instant,
}

impl<'a> Exchange<'a> {
    /// Tags `request` ([`Config::prepare`]) and adds the bearer `token`.
    pub(crate) fn new(
        config: &Config,
        policy: retry::Policy,
        mut request: http::Request<Vec<u8>>,
        token: &Token,
        documented: &'a [u16],
    ) -> Result<Self, Error> {
        config.prepare(&mut request)?;
        request.headers_mut().insert(http::header::AUTHORIZATION, token.header_value()?);
        Ok(Exchange {
            request,
            documented,
            policy,
            redirects: config.redirects,
            attempts: 0,
            hops: 0,
            started: Instant::now(),
        })
    }

    /// The request to send next.
    pub(crate) fn request(&self) -> http::Request<Vec<u8>> {
        self.request.clone()
    }

    /// Reads the response to the last request sent.
    pub(crate) fn on_response(&mut self, response: http::Response<Vec<u8>>) -> Step {
        self.attempts += 1;
        if let Some(next) = self.redirects.follow(&self.request, &response, self.hops) {
            // A hop is not an attempt: the service answered; the budget in time still holds over the whole.
            self.hops += 1;
            self.attempts -= 1;
            self.request = next;
            return Step::Send;
        }
        let outcome = Outcome {
            method: self.request.method().as_str(),
            status: response.status().as_u16(),
            headers: response.headers(),
            attempts: self.attempts,
            elapsed: self.started.elapsed(),
            now: SystemTime::now(),
            documented: self.documented,
        };
        match retry::decide(&outcome, &self.policy, crate::config::random_u64()) {
            Decision::Retry(wait) => Step::Wait(wait),
            Decision::GiveUp(_) => Step::Done(response),
        }
    }
}
