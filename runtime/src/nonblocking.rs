//! An async client over any [`AsyncHttpSend`] stack (reqwest on tokio by default), the blocking client's twin:
//! the same [`Config`], the same retry and redirect decisions ([`crate::retry`]), waits with `tokio::time::sleep`,
//! and paging and delta as streams.

use crate::config::{AsyncHttpSend, BoxFuture, Config};
use crate::exchange::{Exchange, Step};
use crate::paging::{DeltaLink, DeltaRound, PagedOperation, Pager};
use crate::{retry, AsyncTokenProvider, BaseUrl, Error, Operation, Page, Token, TransportError};
use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::pin::Pin;
use std::sync::Arc;

/// Sends operations and any other request over HTTP, asynchronously.
#[derive(Clone)]
pub struct Client {
    config: Config,
    tokens: Arc<dyn AsyncTokenProvider>,
    stack: Arc<dyn AsyncHttpSend>,
    /// When to retry and for how long.
    pub retry: retry::Policy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("tokens", &"<redacted>")
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A stream of pages or items that borrows its client.
pub type PageStream<'c, T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'c>>;

impl Client {
    /// A client for `base` with a bearer token and the default [`Config`].
    pub fn new(base: BaseUrl, token: Token) -> Result<Self, Error> {
        Client::from_config(Config::new(base), token)
    }

    /// A client over reqwest with `config` and a token provider.
    pub fn from_config(config: Config, tokens: impl AsyncTokenProvider + 'static) -> Result<Self, Error> {
        let stack = ReqwestStack::new(&config)?;
        Ok(Client::with_stack(config, tokens, stack))
    }

    /// A client over another HTTP stack.
    pub fn with_stack(
        config: Config,
        tokens: impl AsyncTokenProvider + 'static,
        stack: impl AsyncHttpSend + 'static,
    ) -> Self {
        Client { retry: config.retry, config, tokens: Arc::new(tokens), stack: Arc::new(stack) }
    }

    /// The settings this client was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `operation` and reads its response, retrying as the blocking client does.
    pub async fn send<O: Operation>(&self, operation: O) -> Result<O::Response, Error> {
        let request = operation.into_parts().into_request(&self.config.base)?;
        O::parse_response(self.execute_documented(request, O::RETRY_STATUSES).await?)
    }

    /// Sends any request with this client's token, retries and redirects; returns the last response.
    pub async fn execute(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        self.execute_documented(request, &[]).await
    }

    async fn execute_documented(
        &self,
        request: http::Request<Vec<u8>>,
        documented: &[u16],
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let token = self.tokens.token().await?;
        let mut exchange = Exchange::new(&self.config, self.retry, request, &token, documented)?;
        loop {
            let response = self.stack.send(exchange.request()).await?;
            match exchange.on_response(response) {
                Step::Wait(wait) => tokio::time::sleep(wait).await,
                Step::Send => {}
                Step::Done(response) => return Ok(response),
            }
        }
    }

    /// The pages of `operation`'s collection, following `@odata.nextLink` with the first request's headers.
    pub fn pages<O: PagedOperation>(&self, operation: O) -> Pages<'_, O::Item> {
        Pages::new(self, Pager::<O::Item>::for_operation(operation, &self.config.base))
    }

    /// The items of every page of `operation`'s collection, as a stream.
    pub fn items<O>(&self, operation: O) -> PageStream<'_, O::Item>
    where
        O: PagedOperation,
        O::Item: Send + 'static,
    {
        self.pages(operation).items()
    }

    /// Pages from a stored next or delta link.
    pub fn resume<T: DeserializeOwned>(&self, link: &str) -> Pages<'_, T> {
        Pages::new(self, Pager::resume(link))
    }

    /// A whole delta round of `operation`: its items and the delta link to store.
    pub async fn delta<O>(&self, operation: O) -> Result<DeltaRound<O::Item>, Error>
    where
        O: PagedOperation,
        O::Item: Send + 'static,
    {
        self.pages(operation).round().await
    }

    /// The next delta round from a stored link.
    pub async fn resume_delta<T>(&self, link: &DeltaLink) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.resume(link.url()).round().await
    }
}

/// The pages of a collection, before they are streamed.
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
}

impl<'c, T: Send + 'static> Pages<'c, T> {
    /// Stops after `pages` pages.
    pub fn limit(mut self, pages: usize) -> Self {
        if let Some(pager) = &mut self.pager {
            pager.limit(pages);
        }
        self
    }

    /// The next page, or `None` at the end (of the collection, of the limit, or after an error).
    pub async fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        if let Some(error) = self.error.take() {
            return Some(Err(error));
        }
        let pager = self.pager.as_mut()?;
        let request = pager.next_request()?;
        let documented = pager.retry_statuses();
        let response = self.client.execute_documented(request, documented).await;
        Some(response.and_then(|response| pager.on_response(response)))
    }

    /// The link the last page read ended with (a delta link, or the next link where a limit stopped).
    pub fn link(&self) -> Option<&DeltaLink> {
        self.pager.as_ref()?.link()
    }

    /// The pages as a stream.
    pub fn stream(self) -> PageStream<'c, Page<T>> {
        Box::pin(futures_util::stream::unfold(self, |mut pages| async move {
            let page = pages.next_page().await?;
            Some((page, pages))
        }))
    }

    /// The items of every page, as a stream; an error ends it.
    pub fn items(self) -> PageStream<'c, T> {
        Box::pin(self.stream().flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(page) => page.items.into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            futures_util::stream::iter(items)
        }))
    }

    /// Reads every page and returns their items with the link to store.
    pub async fn round(mut self) -> Result<DeltaRound<T>, Error> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?.items);
        }
        let link = self.link().cloned().ok_or(Error::MissingDeltaLink)?;
        Ok(DeltaRound { items, link })
    }
}

/// The reqwest stack: redirects and error statuses are left to the client.
#[derive(Debug, Clone)]
pub struct ReqwestStack {
    client: reqwest::Client,
}

impl ReqwestStack {
    /// A reqwest client with `config`'s timeouts, following no redirect.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| Error::Transport(TransportError::from_error(error)))?;
        Ok(ReqwestStack { client })
    }

    /// Over a reqwest client of your own (turn its redirects off: the client follows them itself).
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestStack { client }
    }
}

impl AsyncHttpSend for ReqwestStack {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, Error>> {
        Box::pin(async move {
            let transport = |error: reqwest::Error| Error::Transport(TransportError::from_error(error));
            let request = reqwest::Request::try_from(request).map_err(transport)?;
            let response = self.client.execute(request).await.map_err(transport)?;
            let mut builder = http::Response::builder().status(response.status()).version(response.version());
            if let Some(headers) = builder.headers_mut() {
                *headers = response.headers().clone();
            }
            let body = response.bytes().await.map_err(transport)?;
            builder.body(body.to_vec()).map_err(Error::Http)
        })
    }
}
