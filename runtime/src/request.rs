//! Requests as parts (sans-IO) and the `Operation` trait every generated builder implements.

use crate::path::{check_prefix, check_segment, render_path, Piece, Place, Refused, QUERY, QUERY_NAME, SEGMENT};
use crate::{error_for, BaseUrl, Error};
use serde::Serialize;

/// The parts of a request an operation builder collects: sans-IO, turned into an `http::Request` at the end.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestParts {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// The first argument refused on the way (builders return `Self`); `into_request` returns it.
    pub refused: Option<Refused>,
}

impl RequestParts {
    /// A request for `method` and a rendered `path`.
    pub fn new(method: &'static str, path: String) -> Self {
        RequestParts { method, path, ..RequestParts::default() }
    }

    /// A request for `method` at the path rendered from `pieces`; a refused argument is kept for `into_request`.
    pub fn at(method: &'static str, pieces: &[Piece<'_>]) -> Self {
        match render_path(pieces) {
            Ok(path) => RequestParts::new(method, path),
            Err(refused) => RequestParts { refused: Some(refused), ..RequestParts::new(method, String::new()) },
        }
    }

    /// Keeps the first refusal.
    pub fn refuse(&mut self, refused: Refused) {
        self.refused.get_or_insert(refused);
    }

    /// Sets (replacing) a header. Names and values are checked by `into_request` (no CR or LF gets through).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
    }

    /// Sets (replacing) a query parameter.
    pub fn set_query(&mut self, name: &str, value: impl Into<String>) {
        self.query.retain(|(existing, _)| existing != name);
        self.query.push((name.to_owned(), value.into()));
    }

    /// Sets a JSON body and its content type.
    pub fn set_json<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        self.body = Some(serde_json::to_vec(body).map_err(Error::Serialize)?);
        self.set_header("Content-Type", "application/json");
        Ok(())
    }

    /// The query string, without `?`; OData's `$`, `,`, `(`, `)`, `'` and `=` inside values are kept readable.
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| {
                let name = percent_encoding::utf8_percent_encode(name, QUERY_NAME);
                format!("{name}={}", percent_encoding::utf8_percent_encode(value, QUERY))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The `http::Request` for `base`, or the first refused argument.
    pub fn into_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(refused) = self.refused {
            return Err(Error::Refused(refused));
        }
        let mut uri = format!("{}{}", base.as_str(), self.path);
        if !self.query.is_empty() {
            uri.push('?');
            uri.push_str(&self.query_string());
        }
        let mut builder = http::Request::builder().method(self.method).uri(uri);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body.unwrap_or_default()).map_err(Error::Http)
    }
}

/// An operation: a request builder that knows how to read its own responses.
pub trait Operation: Sized {
    /// The typed response: one variant per documented status.
    type Response;
    /// Statuses the docs say to retry (from the page's error-handling section).
    const RETRY_STATUSES: &'static [u16];
    /// The request parts collected so far.
    fn parts(&mut self) -> &mut RequestParts;
    /// Consumes the builder.
    fn into_parts(self) -> RequestParts;
    /// Reads a response to this operation.
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Response, Error>;

    /// The `http::Request` for `base`.
    fn into_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
        self.into_parts().into_request(base)
    }
    /// `$select`: the properties to return.
    fn select(mut self, properties: &[&str]) -> Self {
        self.parts().set_query("$select", properties.join(","));
        self
    }
    /// `$expand`: the relationships to expand.
    fn expand(mut self, relationships: &[&str]) -> Self {
        self.parts().set_query("$expand", relationships.join(","));
        self
    }
    /// `$filter`: an OData filter expression.
    fn filter(mut self, expression: &str) -> Self {
        self.parts().set_query("$filter", expression);
        self
    }
    /// `$orderby`: sort order, e.g. `displayName desc`.
    fn orderby(mut self, order: &str) -> Self {
        self.parts().set_query("$orderby", order);
        self
    }
    /// `$top`: page size.
    fn top(mut self, count: u32) -> Self {
        self.parts().set_query("$top", count.to_string());
        self
    }
    /// `$skip`: items to skip.
    fn skip(mut self, count: u32) -> Self {
        self.parts().set_query("$skip", count.to_string());
        self
    }
    /// `$count`: include the total count.
    fn count(mut self, include: bool) -> Self {
        self.parts().set_query("$count", include.to_string());
        self
    }
    /// `$search`: a search expression.
    fn search(mut self, expression: &str) -> Self {
        self.parts().set_query("$search", expression);
        self
    }
    /// Any other query parameter, documented or not.
    fn query(mut self, name: &str, value: &str) -> Self {
        self.parts().set_query(name, value);
        self
    }
    /// Puts the path under a prefix the templates leave out (`/me/drive/items/{id}` before `/workbook/...`). The
    /// prefix is sent as is (percent-encode its values); one that is relative, or holds `?`, `#`, `\`, spaces,
    /// or empty or dot segments, is refused by `into_request`.
    fn under(mut self, prefix: &str) -> Self {
        let parts = self.parts();
        match check_prefix(prefix) {
            Ok(prefix) => parts.path.insert_str(0, prefix),
            Err(refused) => parts.refuse(refused),
        }
        self
    }
    /// Narrows a collection to a derived type: appends a cast segment such as `microsoft.graph.group`,
    /// percent-encoded; an empty name, `.` or `..` is refused by `into_request`.
    fn cast(mut self, type_name: &str) -> Self {
        let parts = self.parts();
        match check_segment(Place::Cast, type_name, type_name) {
            Ok(()) => {
                parts.path.push('/');
                parts.path.extend(percent_encoding::utf8_percent_encode(type_name, SEGMENT));
            }
            Err(refused) => parts.refuse(refused),
        }
        self
    }
    /// Asks for the number of items only (`/$count`); the response is that number.
    fn count_only(self) -> Count<Self> {
        let mut parts = self.into_parts();
        parts.path.push_str("/$count");
        Count { parts, operation: std::marker::PhantomData }
    }
    /// A body that is not JSON (a file's bytes, CSV, ...); set its `Content-Type` with `header`.
    fn raw_body(mut self, body: Vec<u8>) -> Self {
        self.parts().body = Some(body);
        self
    }
    /// Any other header, documented or not.
    fn header(mut self, name: &str, value: &str) -> Self {
        self.parts().set_header(name, value);
        self
    }
}

/// `/$count` of an operation's collection: the response is a bare number.
#[derive(Debug)]
pub struct Count<O> {
    parts: RequestParts,
    operation: std::marker::PhantomData<O>,
}

impl<O> Clone for Count<O> {
    fn clone(&self) -> Self {
        Count { parts: self.parts.clone(), operation: std::marker::PhantomData }
    }
}

impl<O: Operation> Operation for Count<O> {
    type Response = u64;
    const RETRY_STATUSES: &'static [u16] = O::RETRY_STATUSES;
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.parts
    }
    fn into_parts(self) -> RequestParts {
        self.parts
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<u64, Error> {
        if response.status().as_u16() != 200 {
            return Err(error_for(response));
        }
        let status = 200;
        let text = String::from_utf8_lossy(response.body()).trim().to_owned();
        text.parse().map_err(|_| Error::Deserialize {
            status,
            error: serde::de::Error::custom(format!("`{text}` is not a count")),
        })
    }
}
