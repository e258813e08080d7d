//! Replay support for the generated tests: checks a request against the documented one, and serves the documented
//! response over real HTTP on loopback (through the blocking client). Behind the `replay` feature: a generated crate's
//! tests turn it on as a dev-dependency.

use std::time::Duration;

/// A documented exchange.
#[derive(Debug, Clone, Copy)]
pub struct Exchange<'a> {
    pub method: &'a str,
    pub api_version: &'a str,
    /// The documented path, relative to the version (`/me/drive/items/{id}/workbook/createSession`).
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub headers: &'a [(&'a str, &'a str)],
    /// A JSON body (compared as JSON), or a raw one (compared as bytes).
    pub body: Option<&'a str>,
    pub raw_body: Option<&'a str>,
    pub status: u16,
    pub response_headers: &'a [(&'a str, &'a str)],
    pub response_body: &'a str,
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn sorted_pairs<'p>(pairs: impl Iterator<Item = (&'p str, &'p str)>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> =
        pairs.map(|(name, value)| (decode(name), decode(&value.replace('+', " ")))).collect();
    pairs.sort();
    pairs
}

/// JSON as the typed round trip writes it: nulls removed (a documented `"x": null` reads as `None`, which is
/// not written back) and numbers compared by value (`99` read as an `f64` is written `99.0`).
pub fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(members) => serde_json::Value::Object(
            members
                .into_iter()
                .filter(|(_, member)| !member.is_null())
                .map(|(key, member)| (key, without_nulls(member)))
                .collect(),
        ),
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(without_nulls).collect()),
        other => numbers_by_value(other),
    }
}

/// JSON with its numbers compared by value (`1` sent from an `f64` field is written `1.0`); nulls are kept, as
/// a `null` in a request body means something (clear the property).
pub fn numbers_by_value(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(members) => serde_json::Value::Object(
            members.into_iter().map(|(key, member)| (key, numbers_by_value(member))).collect(),
        ),
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(numbers_by_value).collect()),
        serde_json::Value::Number(number) => number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(serde_json::Value::Number(number), serde_json::Value::Number),
        other => other,
    }
}

/// Parses JSON text that the generator wrote (so it is valid).
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the generator writes valid JSON")
}

/// Reads JSON text that the generator wrote as a typed value (a union of derived types, chosen by `@odata.type`).
#[allow(dead_code)] // Only crates whose examples send a union-typed value call it.
pub fn typed<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("the documented value reads as its type")
}

/// Asserts that `value` writes back exactly the documented JSON body (nulls aside).
pub fn assert_round_trip<T: serde::Serialize>(value: &T, documented: &str) {
    let written = serde_json::to_value(value).expect("typed values serialise");
    assert_eq!(
        without_nulls(written),
        without_nulls(json(documented)),
        "the typed body does not write back the documented body"
    );
}

/// Asserts that a catch-all map holds exactly the members `expected` names (sorted): the documented members that
/// the type does not type. Any other member there is a documented property the typed fields missed.
pub fn assert_untyped(additional: &std::collections::BTreeMap<String, serde_json::Value>, expected: &[&str]) {
    let found: Vec<&str> = additional.keys().map(String::as_str).collect();
    assert_eq!(found, expected, "members read into `additional` instead of typed fields");
}

impl Exchange<'_> {
    /// Panics, saying what differs, unless the request is the documented one.
    pub fn assert_request(&self, method: &str, path_and_query: &str, headers: &[(String, String)], body: &[u8]) {
        assert_eq!(method, self.method, "method");
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        // A trailing `/` in a documented URL (a few examples have one) names the same resource.
        assert_eq!(
            decode(path).trim_end_matches('/'),
            decode(&format!("/{}{}", self.api_version, self.path)).trim_end_matches('/'),
            "path"
        );
        let sent = sorted_pairs(
            query.split('&').filter(|pair| !pair.is_empty()).map(|pair| pair.split_once('=').unwrap_or((pair, ""))),
        );
        assert_eq!(sent, sorted_pairs(self.query.iter().copied()), "query");
        for (name, value) in self.headers {
            let found = headers.iter().find(|(sent, _)| sent.eq_ignore_ascii_case(name)).map(|(_, value)| value.trim());
            assert_eq!(found, Some(value.trim()), "header {name}");
        }
        match (self.body, self.raw_body) {
            (Some(expected), _) => {
                let sent: serde_json::Value = serde_json::from_slice(body).expect("the request body is JSON");
                assert_eq!(numbers_by_value(sent), numbers_by_value(json(expected)), "body");
            }
            (None, Some(expected)) => assert_eq!(String::from_utf8_lossy(body), expected, "raw body"),
            (None, None) => {
                assert!(body.is_empty(), "the documented request has no body, the built one has {} bytes", body.len())
            }
        }
    }

    /// Checks a sans-IO request.
    pub fn assert_http_request(&self, request: &http::Request<Vec<u8>>) {
        let path_and_query = request.uri().path_and_query().map_or("/", |value| value.as_str());
        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        self.assert_request(request.method().as_str(), path_and_query, &headers, request.body());
    }

    /// The documented response.
    pub fn response(&self) -> http::Response<Vec<u8>> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in
            self.response_headers.iter().filter(|(name, _)| !name.eq_ignore_ascii_case("content-length"))
        {
            builder = builder.header(*name, *value);
        }
        builder.body(self.response_body.as_bytes().to_vec()).expect("documented headers are valid")
    }

    /// Serves the documented response once on 127.0.0.1, checking the request it receives, and sends `operation`
    /// there through the real client.
    pub fn replay<O: crate::Operation>(&self, operation: O) -> Result<O::Response, crate::Error> {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
        let address = server.server_addr().to_ip().expect("an IP address");
        std::thread::scope(|scope| {
            let served = scope.spawn(|| {
                let mut request =
                    server.recv_timeout(Duration::from_secs(10)).expect("receive").expect("a request within 10 s");
                let mut body = Vec::new();
                std::io::Read::read_to_end(request.as_reader(), &mut body).expect("read the request body");
                let headers: Vec<(String, String)> = request
                    .headers()
                    .iter()
                    .map(|header| (header.field.as_str().to_string(), header.value.as_str().to_owned()))
                    .collect();
                let authorization = headers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
                    .map(|(_, value)| value.as_str());
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    assert_eq!(authorization, Some("Bearer replay-token"), "the client sends its bearer token");
                    self.assert_request(request.method().as_str(), request.url(), &headers, &body);
                }));
                let mut response = tiny_http::Response::from_data(self.response_body.as_bytes().to_vec())
                    .with_status_code(self.status);
                // The documented Content-Length describes the documented text, not the body sent here.
                for (name, value) in
                    self.response_headers.iter().filter(|(name, _)| !name.eq_ignore_ascii_case("content-length"))
                {
                    if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                        response.add_header(header);
                    }
                }
                let _ = request.respond(response);
                if let Err(panic) = checked {
                    std::panic::resume_unwind(panic);
                }
            });
            let base = crate::BaseUrl::Custom(format!("http://{address}/{}", self.api_version));
            let mut config = crate::Config::new(base);
            config.timeout = Duration::from_secs(10);
            // One exchange is served: a documented 302 is the answer to check, not one to follow (its `Location`
            // is the docs' example host), and a documented 429 or 5xx is not one to retry.
            config.redirects = crate::Redirects::none();
            config.retry.max_attempts = 1;
            let client = crate::blocking::Client::from_config(config, crate::blocking::Token::new("replay-token"));
            let result = client.send(operation);
            if let Err(panic) = served.join() {
                std::panic::resume_unwind(panic);
            }
            result
        })
    }
}
