//! Hand-written operations for the client tests: what generated code implements, kept small.
#![allow(dead_code)]

use graphdoc_runtime::{error_for, BaseUrl, Error, Operation, Page, PagedOperation, RequestParts};
use serde::Deserialize;
use wiremock::MockServer;

/// A user, as the pages carry them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    pub id: String,
}

/// Any request whose success body is JSON; `RETRY_STATUSES` documents none.
#[derive(Debug, Clone)]
pub struct Call(pub RequestParts);

impl Call {
    pub fn get(path: &str) -> Self {
        Call(RequestParts::new("GET", path.to_owned()))
    }
    pub fn post(path: &str) -> Self {
        let mut parts = RequestParts::new("POST", path.to_owned());
        parts.body = Some(b"{}".to_vec());
        parts.set_header("Content-Type", "application/json");
        Call(parts)
    }
}

impl Operation for Call {
    type Response = (u16, serde_json::Value);
    const RETRY_STATUSES: &'static [u16] = &[];
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.0
    }
    fn into_parts(self) -> RequestParts {
        self.0
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Response, Error> {
        let status = response.status().as_u16();
        if !(200..400).contains(&status) {
            return Err(error_for(response));
        }
        let value = graphdoc_runtime::json(status, response.body())?;
        Ok((status, value))
    }
}

/// `GET {path}`: a page of users.
#[derive(Debug, Clone)]
pub struct ListUsers(pub RequestParts);

impl ListUsers {
    pub fn at(path: &str) -> Self {
        ListUsers(RequestParts::new("GET", path.to_owned()))
    }
}

impl Operation for ListUsers {
    type Response = Page<User>;
    const RETRY_STATUSES: &'static [u16] = &[];
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.0
    }
    fn into_parts(self) -> RequestParts {
        self.0
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Page<User>, Error> {
        if response.status().as_u16() != 200 {
            return Err(error_for(response));
        }
        graphdoc_runtime::json(200, response.body())
    }
}

impl PagedOperation for ListUsers {
    type Item = User;
    fn into_page(response: Page<User>) -> Result<Page<User>, Error> {
        Ok(response)
    }
}

/// The base URL of a mock server's `/v1.0`.
pub fn base(server: &MockServer) -> BaseUrl {
    BaseUrl::Custom(format!("{}/v1.0", server.uri()))
}

/// A page body of users `ids` with optional links.
pub fn page(ids: &[&str], next: Option<&str>, delta: Option<&str>) -> serde_json::Value {
    let mut body =
        serde_json::json!({ "value": ids.iter().map(|id| serde_json::json!({ "id": id })).collect::<Vec<_>>() });
    if let Some(next) = next {
        body["@odata.nextLink"] = next.into();
    }
    if let Some(delta) = delta {
        body["@odata.deltaLink"] = delta.into();
    }
    body
}

/// The ids of users.
pub fn ids(users: &[User]) -> Vec<&str> {
    users.iter().map(|user| user.id.as_str()).collect()
}
