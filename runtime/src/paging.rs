//! Paging and delta, sans-IO: a [`Pager`] holds the next request of a collection (the first, then each
//! `@odata.nextLink` with the first request's headers) and reads each page; the clients drive it as an iterator
//! (blocking) or a stream (async).

use crate::{error_for, Error, Operation, Page};
use serde::de::DeserializeOwned;

/// An operation whose success response is a page of a collection.
pub trait PagedOperation: Operation {
    /// The collection's item.
    type Item: DeserializeOwned;
    /// The page in a success response (an error status is an `Err` already, from `parse_response`).
    fn into_page(response: Self::Response) -> Result<Page<Self::Item>, Error>;
}

/// Where to pick a collection up later: the delta link a round ended with, or a next link a round stopped at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DeltaLink {
    /// `@odata.deltaLink`: the changes since this round.
    Delta(String),
    /// `@odata.nextLink`: the rest of an unfinished round.
    Next(String),
}

impl DeltaLink {
    /// The URL to resume from.
    pub fn url(&self) -> &str {
        match self {
            DeltaLink::Delta(url) | DeltaLink::Next(url) => url,
        }
    }
}

/// A delta round: every item it returned and the link to store for the next round.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRound<T> {
    /// The items of all the round's pages, in order.
    pub items: Vec<T>,
    /// The link to resume from.
    pub link: DeltaLink,
}

/// Reads one page's response.
pub type ParsePage<T> = fn(http::Response<Vec<u8>>) -> Result<Page<T>, Error>;

/// Reads a response to `O` as a page.
pub fn parse_operation_page<O: PagedOperation>(response: http::Response<Vec<u8>>) -> Result<Page<O::Item>, Error> {
    O::into_page(O::parse_response(response)?)
}

/// Reads any collection response as a page of `T`: a success as JSON, anything else as an error.
pub fn parse_page<T: DeserializeOwned>(response: http::Response<Vec<u8>>) -> Result<Page<T>, Error> {
    let status = response.status().as_u16();
    if !response.status().is_success() {
        return Err(error_for(response));
    }
    serde_json::from_slice(response.body()).map_err(|error| Error::Deserialize { status, error })
}

/// Headers a next link does not inherit: the client sets them anew (token, id) or they described the first body.
const NOT_CARRIED: [&str; 5] =
    ["authorization", "content-type", "content-length", "host", crate::config::CLIENT_REQUEST_ID];

/// The state of a walk through a collection's pages.
#[derive(Debug)]
pub struct Pager<T> {
    next: Option<http::Request<Vec<u8>>>,
    headers: http::HeaderMap,
    parse: ParsePage<T>,
    limit: Option<usize>,
    fetched: usize,
    last_link: Option<DeltaLink>,
    documented: &'static [u16],
}

impl<T> Pager<T> {
    /// Pages from `first`, each read by `parse`.
    pub fn new(first: http::Request<Vec<u8>>, parse: ParsePage<T>, documented: &'static [u16]) -> Self {
        let mut headers = first.headers().clone();
        for name in NOT_CARRIED {
            headers.remove(name);
        }
        Pager { next: Some(first), headers, parse, limit: None, fetched: 0, last_link: None, documented }
    }

    /// Pages of `operation` on `base`.
    pub fn for_operation<O: PagedOperation>(operation: O, base: &crate::BaseUrl) -> Result<Pager<O::Item>, Error> {
        Ok(Pager::new(operation.into_request(base)?, parse_operation_page::<O>, O::RETRY_STATUSES))
    }

    /// Pages from a stored next or delta link.
    pub fn resume(link: &str) -> Result<Pager<T>, Error>
    where
        T: DeserializeOwned,
    {
        let request = http::Request::get(link).body(Vec::new()).map_err(Error::Http)?;
        Ok(Pager::new(request, parse_page::<T>, &[]))
    }

    /// Stops after `pages` pages (a next link is then left for [`Pager::link`]).
    pub fn limit(&mut self, pages: usize) {
        self.limit = Some(pages);
    }

    /// The request for the next page, unless the collection or the limit is reached.
    pub fn next_request(&self) -> Option<http::Request<Vec<u8>>> {
        if self.limit.is_some_and(|limit| self.fetched >= limit) {
            return None;
        }
        self.next.clone()
    }

    /// Reads the response to [`Pager::next_request`]; after an error the walk ends.
    pub fn on_response(&mut self, response: http::Response<Vec<u8>>) -> Result<Page<T>, Error> {
        self.fetched += 1;
        let page = match (self.parse)(response) {
            Ok(page) => page,
            Err(error) => {
                self.next = None;
                return Err(error);
            }
        };
        self.next = match &page.next_link {
            Some(link) => Some(self.follow(link)?),
            None => None,
        };
        self.last_link = match (&page.delta_link, &page.next_link) {
            (Some(delta), _) => Some(DeltaLink::Delta(delta.clone())),
            (None, Some(next)) => Some(DeltaLink::Next(next.clone())),
            (None, None) => None,
        };
        Ok(page)
    }

    /// Statuses the first operation's docs say to retry: each page's request retries them too.
    pub fn retry_statuses(&self) -> &'static [u16] {
        self.documented
    }

    /// The link the last page read ended with: its delta link, or the next link where the walk stopped.
    pub fn link(&self) -> Option<&DeltaLink> {
        self.last_link.as_ref()
    }

    /// A GET of `link` with the first request's headers (`ConsistencyLevel`, `Prefer`, ...).
    fn follow(&mut self, link: &str) -> Result<http::Request<Vec<u8>>, Error> {
        let mut request = http::Request::get(link).body(Vec::new()).map_err(|error| {
            self.next = None;
            Error::Http(error)
        })?;
        *request.headers_mut() = self.headers.clone();
        Ok(request)
    }
}
