//! JSON batching against a loopback server (wiremock) playing Graph's `$batch`: steps parsed by their own
//! operations, `dependsOn`, throttled steps sent again, splitting into requests of 20, answers out of order.
#![cfg(feature = "blocking")]

use graphdoc_runtime::batch::{Batch, BatchError, BatchResponses};
use graphdoc_runtime::blocking::{Client, Token};
use graphdoc_runtime::{error_for, json, BaseUrl, Error, Operation, RequestParts};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A user, as the fixtures' operations read it.
#[derive(Debug, Default, Deserialize, PartialEq)]
struct User {
    #[serde(rename = "displayName", default)]
    display_name: String,
}

/// An operation of the shape the generator writes: GET a user, 200 read as `User`, anything else an error.
struct GetUser(RequestParts);

impl GetUser {
    fn new(id: &str) -> Self {
        GetUser(RequestParts::new("GET", format!("/users/{id}")))
    }
}

impl Operation for GetUser {
    type Response = User;
    const RETRY_STATUSES: &'static [u16] = &[];
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.0
    }
    fn into_parts(self) -> RequestParts {
        self.0
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<User, Error> {
        match response.status().as_u16() {
            200 => json(200, response.body()),
            _ => Err(error_for(response)),
        }
    }
}

/// POST a message: 201 read as its id.
struct CreateMessage(RequestParts);

impl CreateMessage {
    fn new(subject: &str) -> Self {
        let mut parts = RequestParts::new("POST", "/me/messages".into());
        parts.set_json(&json!({ "subject": subject })).expect("a JSON body");
        CreateMessage(parts)
    }
}

impl Operation for CreateMessage {
    type Response = Value;
    const RETRY_STATUSES: &'static [u16] = &[];
    fn parts(&mut self) -> &mut RequestParts {
        &mut self.0
    }
    fn into_parts(self) -> RequestParts {
        self.0
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Value, Error> {
        match response.status().as_u16() {
            201 => json(201, response.body()),
            _ => Err(error_for(response)),
        }
    }
}

/// One step's answer as the fixture server writes it.
type Reply = (u16, Value, Value);

/// How the fixture server answers a step, given how many times it has seen its id.
type Answerer = dyn Fn(&Value, usize) -> Reply + Send + Sync;

/// A `$batch` endpoint: answers each step with `answer(step, times this id was seen)`, the answers in reverse order
/// (Graph answers in any order), and keeps every request body it got.
#[derive(Clone)]
struct BatchEndpoint {
    seen: Arc<Mutex<Vec<Value>>>,
    answer: Arc<Answerer>,
}

impl BatchEndpoint {
    fn new(answer: impl Fn(&Value, usize) -> Reply + Send + Sync + 'static) -> Self {
        BatchEndpoint { seen: Arc::default(), answer: Arc::new(answer) }
    }

    fn bodies(&self) -> Vec<Value> {
        self.seen.lock().map(|seen| seen.clone()).unwrap_or_default()
    }
}

impl Respond for BatchEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return ResponseTemplate::new(400);
        };
        let Ok(mut seen) = self.seen.lock() else { return ResponseTemplate::new(500) };
        let mut responses = Vec::new();
        for step in body["requests"].as_array().into_iter().flatten() {
            let id = &step["id"];
            let times = seen
                .iter()
                .flat_map(|old| old["requests"].as_array().into_iter().flatten())
                .filter(|old| &old["id"] == id)
                .count();
            let (status, headers, body) = (self.answer)(step, times + 1);
            responses.push(json!({ "id": id, "status": status, "headers": headers, "body": body }));
        }
        seen.push(body);
        responses.reverse();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

async fn server(endpoint: BatchEndpoint) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .and(header("authorization", "Bearer secret-token"))
        .respond_with(endpoint)
        .mount(&server)
        .await;
    server
}

fn base(server: &MockServer) -> BaseUrl {
    BaseUrl::Custom(format!("{}/v1.0", server.uri()))
}

/// Sends a batch with the blocking client, off the async runtime.
async fn send(batch: Batch, server: &MockServer) -> Result<BatchResponses, BatchError> {
    let base = base(server);
    let client = Client::new(base.clone(), Token::new("secret-token"));
    tokio::task::spawn_blocking(move || batch.send_blocking(&client, &base)).await.expect("the driver ran")
}

fn user(id: &str) -> Value {
    json!({ "displayName": format!("user {id}") })
}

fn ok_json(body: Value) -> Reply {
    (200, json!({ "Content-Type": "application/json" }), body)
}

#[tokio::test(flavor = "multi_thread")]
async fn three_steps_with_a_dependency_and_a_throttled_step() {
    let endpoint = BatchEndpoint::new(|step, times| match (step["id"].as_str(), times) {
        // The first step is throttled once, with a `Retry-After` of one second.
        (Some("first"), 1) => (429, json!({ "Retry-After": "1" }), json!({ "error": { "code": "TooManyRequests" } })),
        (Some("first"), _) => ok_json(user("first")),
        (Some("create"), _) => (201, json!({ "Content-Type": "application/json" }), json!({ "id": "m1" })),
        _ => ok_json(user("after")),
    });
    let server = server(endpoint.clone()).await;
    let mut batch = Batch::new();
    let first = batch.add_as("first", GetUser::new("a")).expect("added");
    let create = batch.add_as("create", CreateMessage::new("hello")).expect("added");
    let after = batch.add_after(GetUser::new("b"), &["create"]).expect("added");
    let started = Instant::now();
    let answers = send(batch, &server).await.expect("sent");

    assert_eq!(answers.get(&first).expect("first answered"), User { display_name: "user first".into() });
    assert_eq!(answers.get(&create).expect("create answered"), json!({ "id": "m1" }));
    assert_eq!(answers.get(&after).expect("after answered"), User { display_name: "user after".into() });
    assert!(started.elapsed() >= Duration::from_millis(900), "the Retry-After of 1 s was honoured");

    let bodies = endpoint.bodies();
    assert_eq!(bodies.len(), 2, "one request, then one for the throttled step");
    let steps = &bodies[0]["requests"];
    assert_eq!(steps[1]["body"], json!({ "subject": "hello" }), "a JSON body travels as JSON");
    assert_eq!(steps[1]["headers"]["Content-Type"], "application/json");
    assert_eq!(steps[2]["url"], "/users/b");
    assert_eq!(steps[2]["dependsOn"], json!(["create"]));
    let again: Vec<&Value> = bodies[1]["requests"].as_array().into_iter().flatten().map(|step| &step["id"]).collect();
    assert_eq!(again, vec!["first"], "only the throttled step goes again");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_step_failed_by_its_throttled_dependency_goes_again_with_it() {
    let endpoint = BatchEndpoint::new(|step, times| match (step["id"].as_str(), times) {
        (Some("1"), 1) => (503, json!({ "Retry-After": "0" }), Value::Null),
        (Some("2"), 1) => (424, json!({}), json!({ "error": { "code": "FailedDependency" } })),
        (Some(id), _) => ok_json(user(id)),
        _ => (400, json!({}), Value::Null),
    });
    let server = server(endpoint.clone()).await;
    let mut batch = Batch::new();
    let one = batch.add(GetUser::new("a")).expect("added");
    let two = batch.add_after(GetUser::new("b"), &[one.id()]).expect("added");
    let answers = send(batch, &server).await.expect("sent");
    assert_eq!(answers.get(&one).expect("answered").display_name, "user 1");
    assert_eq!(answers.get(&two).expect("answered").display_name, "user 2");
    let bodies = endpoint.bodies();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[1]["requests"][1]["dependsOn"], json!(["1"]), "the tie is kept in the second request");
}

#[tokio::test(flavor = "multi_thread")]
async fn forty_five_steps_go_in_three_requests_and_answers_match_by_id() {
    let endpoint = BatchEndpoint::new(|step, _| {
        let id = step["id"].as_str().unwrap_or_default();
        ok_json(user(id))
    });
    let server = server(endpoint.clone()).await;
    let mut batch = Batch::new();
    let keys: Vec<_> = (0..45).map(|n| batch.add(GetUser::new(&n.to_string())).expect("added")).collect();
    let answers = send(batch, &server).await.expect("sent");
    for key in &keys {
        assert_eq!(answers.get(key).expect("answered").display_name, format!("user {}", key.id()));
    }
    let sizes: Vec<usize> =
        endpoint.bodies().iter().map(|body| body["requests"].as_array().map_or(0, Vec::len)).collect();
    assert_eq!(sizes, vec![20, 20, 5]);
    assert_eq!(answers.requests_sent(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_error_step_is_its_own_typed_error() {
    let endpoint = BatchEndpoint::new(|step, _| match step["url"].as_str() {
        Some("/users/gone") => (
            404,
            json!({ "Content-Type": "application/json", "request-id": "r-1" }),
            json!({ "error": { "code": "Request_ResourceNotFound", "message": "no such user" } }),
        ),
        _ => ok_json(user("here")),
    });
    let server = server(endpoint).await;
    let mut batch = Batch::new();
    let here = batch.add(GetUser::new("here")).expect("added");
    let gone = batch.add(GetUser::new("gone")).expect("added");
    let answers = send(batch, &server).await.expect("sent");
    assert_eq!(answers.get(&here).expect("answered").display_name, "user here");
    match answers.get(&gone) {
        Err(Error::Status { status: 404, error: Some(error), headers, .. }) => {
            assert_eq!(error.error.code, "Request_ResourceNotFound");
            assert_eq!(headers.get("request-id").and_then(|value| value.to_str().ok()), Some("r-1"));
        }
        other => panic!("expected the step's 404, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_step_left_out_of_the_answer_is_an_error_naming_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "responses": [
            { "id": "kept", "status": 200, "body": { "displayName": "kept" } }
        ] })))
        .mount(&server)
        .await;
    let mut batch = Batch::new();
    let kept = batch.add_as("kept", GetUser::new("k")).expect("added");
    let lost = batch.add_as("lost", GetUser::new("l")).expect("added");
    let answers = send(batch, &server).await.expect("sent");
    assert_eq!(answers.get(&kept).expect("answered").display_name, "kept");
    let error = answers.get(&lost).expect_err("no answer");
    assert!(error.to_string().contains("`lost`"), "{error}");
}

#[test]
fn unknown_ids_cycles_duplicates_and_oversized_groups_are_refused() {
    let base = BaseUrl::V1;
    let mut batch = Batch::new();
    batch.add_after(GetUser::new("a"), &["nobody"]).expect("ties are checked at start");
    assert!(matches!(batch.start(&base), Err(BatchError::UnknownDependency { on, .. }) if on == "nobody"));

    let mut batch = Batch::new();
    let a = batch.add(GetUser::new("a")).expect("added");
    let b = batch.add_after(GetUser::new("b"), &[a.id()]).expect("added");
    batch.depends_on(a.id(), &[b.id()]).expect("tied");
    assert!(matches!(batch.start(&base), Err(BatchError::Cycle(_))));

    let mut batch = Batch::new();
    batch.add_as("same", GetUser::new("a")).expect("added");
    assert!(matches!(batch.add_as("same", GetUser::new("b")), Err(BatchError::DuplicateId(id)) if id == "same"));

    let mut batch = Batch::new();
    let root = batch.add(GetUser::new("root")).expect("added");
    for n in 0..20 {
        batch.add_after(GetUser::new(&n.to_string()), &[root.id()]).expect("added");
    }
    assert!(matches!(batch.start(&base), Err(BatchError::GroupTooLarge { size: 21, .. })));
}

#[test]
fn a_refused_argument_is_refused_when_added() {
    let mut batch = Batch::new();
    let refused = GetUser::new("a").under("relative/prefix");
    assert!(matches!(batch.add(refused), Err(BatchError::Step { source, .. }) if matches!(*source, Error::Refused(_))));
    assert!(batch.is_empty());
}

/// The async driver: the same batch, its throttled step sent again, each answer parsed by its own operation.
#[cfg(feature = "async")]
#[tokio::test]
async fn the_async_client_sends_a_batch_and_sends_its_throttled_step_again() {
    let endpoint = BatchEndpoint::new(|step, times| match (step["id"].as_str(), times) {
        (Some("first"), 1) => (429, json!({ "Retry-After": "1" }), json!({ "error": { "code": "TooManyRequests" } })),
        (Some("first"), _) => ok_json(user("first")),
        _ => ok_json(user("after")),
    });
    let server = server(endpoint.clone()).await;
    let mut batch = Batch::new();
    let first = batch.add_as("first", GetUser::new("a")).expect("added");
    let after = batch.add_after(GetUser::new("b"), &["first"]).expect("added");
    let base = base(&server);
    let client =
        graphdoc_runtime::nonblocking::Client::new(base.clone(), Token::new("secret-token")).expect("a client");
    let started = Instant::now();
    let answers = batch.send_async(&client, &base).await.expect("sent");
    assert_eq!(answers.get(&first).expect("first answered"), User { display_name: "user first".into() });
    assert_eq!(answers.get(&after).expect("after answered"), User { display_name: "user after".into() });
    assert!(started.elapsed() >= Duration::from_millis(900), "the Retry-After of 1 s was honoured");
    assert_eq!(endpoint.bodies().len(), 2, "one request, then one for the throttled step and its dependant");
}
