//! A blocking client over any [`HttpSend`] stack (ureq by default): a token from a [`TokenProvider`] on each
//! request, retries bounded in attempts and time ([`retry`]), redirects as [`Config::redirects`] says, and
//! paging and delta as iterators.

use crate::config::{Config, HttpSend};
use crate::exchange::{Exchange, Step};
use crate::paging::{DeltaLink, DeltaRound, PagedOperation, Pager};
use crate::{retry, BaseUrl, Error, Operation, Page, TokenProvider};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;

pub use crate::auth::Token;

/// Sends operations and any other request over HTTP, blocking the calling thread.
#[derive(Clone)]
pub struct Client {
    config: Config,
    tokens: Arc<dyn TokenProvider>,
    stack: Arc<dyn HttpSend>,
    /// When to retry and for how long.
    pub retry: retry::Policy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token provider is left out: it holds secrets (and `Token`'s own `Debug` is redacted).
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("tokens", &"<redacted>")
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base` with a bearer token and a 30 s timeout per request.
    pub fn new(base: BaseUrl, token: Token) -> Self {
        Client::from_config(Config::new(base), token)
    }

    /// A client with a given timeout per request.
    pub fn with_timeout(base: BaseUrl, token: Token, timeout: Duration) -> Self {
        let mut config = Config::new(base);
        config.timeout = timeout;
        config.connect_timeout = config.connect_timeout.min(timeout);
        Client::from_config(config, token)
    }

    /// A client over ureq with `config` and a token provider ([`Token`], [`crate::CachedCredentials`], ...).
    pub fn from_config(config: Config, tokens: impl TokenProvider + 'static) -> Self {
        let stack = UreqStack::new(&config);
        Client::with_stack(config, tokens, stack)
    }

    /// A client over another HTTP stack.
    pub fn with_stack(config: Config, tokens: impl TokenProvider + 'static, stack: impl HttpSend + 'static) -> Self {
        Client { retry: config.retry, config, tokens: Arc::new(tokens), stack: Arc::new(stack) }
    }

    /// The settings this client was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `operation` and reads its response, retrying as [`retry::decide`] says: 429 and 503 always,
    /// other 5xx for idempotent methods or where the docs say to, within the policy's attempts and time.
    pub fn send<O: Operation>(&self, operation: O) -> Result<O::Response, Error> {
        let request = operation.into_parts().into_request(&self.config.base)?;
        O::parse_response(self.execute_documented(request, O::RETRY_STATUSES)?)
    }

    /// Sends any request (a next link, a batch, an upload chunk) with this client's token, retries and
    /// redirects, and returns the last response whatever its status.
    pub fn execute(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        self.execute_documented(request, &[])
    }

    /// [`Client::execute`], also retrying the statuses an operation's docs say to retry.
    fn execute_documented(
        &self,
        request: http::Request<Vec<u8>>,
        documented: &[u16],
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let token = self.tokens.token()?;
        let mut exchange = Exchange::new(&self.config, self.retry, request, &token, documented)?;
        loop {
            let response = self.stack.send(exchange.request())?;
            match exchange.on_response(response) {
                Step::Wait(wait) => std::thread::sleep(wait),
                Step::Send => {}
                Step::Done(response) => return Ok(response),
            }
        }
    }

    /// The pages of `operation`'s collection, following `@odata.nextLink` with the first request's headers.
    pub fn pages<O: PagedOperation>(&self, operation: O) -> Pages<'_, O::Item> {
        let pager = Pager::<O::Item>::for_operation(operation, &self.config.base);
        Pages::new(self, pager)
    }

    /// The items of every page of `operation`'s collection.
    pub fn items<O: PagedOperation>(&self, operation: O) -> Items<'_, O::Item> {
        self.pages(operation).items()
    }

    /// Pages from a stored next or delta link.
    pub fn resume<T: DeserializeOwned>(&self, link: &str) -> Pages<'_, T> {
        Pages::new(self, Pager::resume(link))
    }

    /// A whole delta round of `operation`: its items and the delta link to store.
    pub fn delta<O: PagedOperation>(&self, operation: O) -> Result<DeltaRound<O::Item>, Error> {
        self.pages(operation).round()
    }

    /// The next delta round from a stored link.
    pub fn resume_delta<T: DeserializeOwned>(&self, link: &DeltaLink) -> Result<DeltaRound<T>, Error> {
        self.resume(link.url()).round()
    }
}

/// The pages of a collection, as an iterator; an error ends it.
#[derive(Debug)]
pub struct Pages<'c, T> {
    client: &'c Client,
    pager: Option<Pager<T>>,
    error: Option<Error>,
}

impl<'c, T> Pages<'c, T> {
    fn new(client: &'c Client, pager: Result<Pager<T>, Error>) -> Self {
        match pager {
            Ok(pager) => Pages { client, pager: Some(pager), error: None },
            Err(error) => Pages { client, pager: None, error: Some(error) },
        }
    }

    /// Stops after `pages` pages.
    pub fn limit(mut self, pages: usize) -> Self {
        if let Some(pager) = &mut self.pager {
            pager.limit(pages);
        }
        self
    }

    /// The link the last page read ended with (a delta link, or the next link where a limit stopped).
    pub fn link(&self) -> Option<&DeltaLink> {
        self.pager.as_ref()?.link()
    }

    /// The items of every page.
    pub fn items(self) -> Items<'c, T> {
        Items { pages: self, buffered: Vec::new().into_iter() }
    }

    /// Reads every page and returns their items with the link to store.
    pub fn round(mut self) -> Result<DeltaRound<T>, Error> {
        let mut items = Vec::new();
        for page in self.by_ref() {
            items.extend(page?.items);
        }
        let link = self.link().cloned().ok_or(Error::MissingDeltaLink)?;
        Ok(DeltaRound { items, link })
    }
}

impl<T> Iterator for Pages<'_, T> {
    type Item = Result<Page<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.error.take() {
            return Some(Err(error));
        }
        let pager = self.pager.as_mut()?;
        let request = pager.next_request()?;
        let documented = pager.retry_statuses();
        Some(self.client.execute_documented(request, documented).and_then(|response| pager.on_response(response)))
    }
}

/// The items of a collection's pages, as an iterator; an error ends it.
#[derive(Debug)]
pub struct Items<'c, T> {
    pages: Pages<'c, T>,
    buffered: std::vec::IntoIter<T>,
}

impl<T> Items<'_, T> {
    /// The link the last page read ended with.
    pub fn link(&self) -> Option<&DeltaLink> {
        self.pages.link()
    }
}

impl<T> Iterator for Items<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffered.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.buffered = page.items.into_iter(),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

/// The ureq stack: redirects and error statuses are left to the client.
#[derive(Debug, Clone)]
pub struct UreqStack {
    agent: ureq::Agent,
}

impl UreqStack {
    /// An agent with `config`'s timeouts, following no redirect.
    pub fn new(config: &Config) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        UreqStack { agent: agent.into() }
    }
}

impl HttpSend for UreqStack {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        let response = self.agent.run(request).map_err(|error| Error::Transport(error_chain(error)))?;
        let (head, mut body) = response.into_parts();
        let bytes = body.read_to_vec().map_err(|error| Error::Transport(error_chain(error)))?;
        Ok(http::Response::from_parts(head, bytes))
    }
}

fn error_chain(error: ureq::Error) -> crate::TransportError {
    crate::TransportError::from_error(error)
}
