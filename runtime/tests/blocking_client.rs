//! The blocking client against a loopback server playing Graph (wiremock on the test's tokio runtime; the client
//! runs on a blocking thread).
#![cfg(feature = "blocking")]

mod common;

use common::{base, ids, page, Call, ListUsers, User};
use graphdoc_runtime::blocking::{Client, Token, UreqStack};
use graphdoc_runtime::{CachedCredentials, ClientCredentials, Config, DeltaLink, Error, Operation, Redirects};
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    let mut client = Client::new(base(server), Token::new("graph-token"));
    client.retry.backoff = Duration::from_millis(1);
    client
}

/// Runs the blocking client off the runtime's threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.expect("the blocking work ends")
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_with_retry_after_seconds_waits_then_succeeds() {
    let server = MockServer::start().await;
    let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "1");
    Mock::given(path("/v1.0/me")).respond_with(throttled).up_to_n_times(1).mount(&server).await;
    Mock::given(path("/v1.0/me")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let client = client(&server);
    let started = Instant::now();
    let (status, _) = blocking(move || client.send(Call::get("/me"))).await.expect("the retry succeeds");
    let waited = started.elapsed();
    assert_eq!(status, 200);
    assert!(waited >= Duration::from_millis(950) && waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_are_bounded_and_a_503_on_a_post_is_retried_but_a_504_is_not() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/busy")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    Mock::given(path("/v1.0/gateway")).respond_with(ResponseTemplate::new(504)).mount(&server).await;
    let later = ResponseTemplate::new(429).insert_header("Retry-After", "3600");
    Mock::given(path("/v1.0/later")).respond_with(later).mount(&server).await;
    let client = client(&server);

    let busy = client.clone();
    let error = blocking(move || busy.send(Call::post("/busy"))).await.expect_err("always busy");
    assert_eq!(error.status(), Some(503));
    assert_eq!(requests(&server).await.len(), 4, "a POST's 503 is retried, 4 attempts in all");

    let gateway = client.clone();
    let error = blocking(move || gateway.send(Call::post("/gateway"))).await.expect_err("504");
    assert_eq!(error.status(), Some(504));
    assert_eq!(requests(&server).await.len(), 5, "a POST's undocumented 504 is not retried");

    let started = Instant::now();
    let error = blocking(move || client.send(Call::get("/later"))).await.expect_err("past the budget");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(requests(&server).await.len(), 6);
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_follow_next_links_with_the_same_headers_up_to_a_limit() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let pages = [
        ("/v1.0/users", page(&["u1", "u2"], Some(&format!("{uri}/v1.0/users/p2")), None)),
        ("/v1.0/users/p2", page(&["u3"], Some(&format!("{uri}/v1.0/users/p3")), None)),
        ("/v1.0/users/p3", page(&["u4"], None, None)),
    ];
    for (at, body) in pages {
        Mock::given(method("GET"))
            .and(path(at))
            .and(header("ConsistencyLevel", "eventual"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let all = client.clone();
    let users = blocking(move || {
        all.items(ListUsers::at("/users").header("ConsistencyLevel", "eventual")).collect::<Result<Vec<User>, Error>>()
    })
    .await
    .expect("every page");
    assert_eq!(ids(&users), ["u1", "u2", "u3", "u4"]);

    let (read, link) = blocking(move || {
        let mut pages = client.pages(ListUsers::at("/users").header("ConsistencyLevel", "eventual")).limit(2);
        let read = pages.by_ref().map(|page| page.map(|page| page.items.len())).collect::<Result<Vec<_>, Error>>();
        (read, pages.link().cloned())
    })
    .await;
    assert_eq!(read.expect("two pages"), [2, 1]);
    assert_eq!(link, Some(DeltaLink::Next(format!("{uri}/v1.0/users/p3"))));
    assert_eq!(requests(&server).await.len(), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delta_round_ends_with_its_delta_link_and_resumes_from_it() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let resumed = page(&["u9"], None, Some(&format!("{uri}/v1.0/users/delta?$deltatoken=d2")));
    Mock::given(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "d1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(resumed))
        .mount(&server)
        .await;
    let first = page(&["u1"], None, Some(&format!("{uri}/v1.0/users/delta?$deltatoken=d1")));
    Mock::given(path("/v1.0/users/delta"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&server)
        .await;
    let client = client(&server);
    let (round, next) = blocking(move || {
        let round = client.delta(ListUsers::at("/users/delta"))?;
        let next = client.resume_delta::<User>(&round.link)?;
        Ok::<_, Error>((round, next))
    })
    .await
    .expect("two rounds");
    assert_eq!(ids(&round.items), ["u1"]);
    assert_eq!(round.link, DeltaLink::Delta(format!("{uri}/v1.0/users/delta?$deltatoken=d1")));
    assert_eq!(ids(&next.items), ["u9"]);
    assert_eq!(next.link, DeltaLink::Delta(format!("{uri}/v1.0/users/delta?$deltatoken=d2")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_get_redirect_to_another_host_is_followed_without_the_token_unless_turned_off() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    let location = format!("{}/blob/1", storage.uri());
    Mock::given(path("/v1.0/content"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", location.as_str()))
        .mount(&graph)
        .await;
    Mock::given(path("/blob/1")).respond_with(ResponseTemplate::new(200).set_body_string("[1]")).mount(&storage).await;
    let client = client(&graph);
    let (status, body) = blocking(move || client.send(Call::get("/content"))).await.expect("followed");
    assert_eq!((status, body), (200, serde_json::json!([1])));
    let to_storage = requests(&storage).await;
    assert_eq!(to_storage.len(), 1);
    assert!(to_storage[0].headers.get("authorization").is_none(), "{:?}", to_storage[0].headers);
    assert!(requests(&graph).await[0].headers.get("authorization").is_some());

    let mut config = Config::new(base(&graph));
    config.redirects = Redirects::none();
    let client = Client::from_config(config, Token::new("t"));
    let (status, _) = blocking(move || client.send(Call::get("/content"))).await.expect("a 302");
    assert_eq!(status, 302);
    assert_eq!(requests(&storage).await.len(), 1);
}

fn app_client(server: &MockServer) -> Client {
    let config = Config::new(base(server));
    let credentials = ClientCredentials::new(&config.base, "tenant-1", "app-id", "s3cret")
        .with_endpoint(format!("{}/tenant-1/oauth2/v2.0/token", server.uri()));
    let tokens = CachedCredentials::new(credentials, UreqStack::new(&config));
    Client::from_config(config, tokens)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_credentials_token_is_reused_then_refreshed_after_expiry() {
    let server = MockServer::start().await;
    // 301 s: good for 1 s beyond the 5 min margin.
    let body = serde_json::json!({"token_type": "Bearer", "expires_in": 301, "access_token": "app-token"});
    Mock::given(method("POST"))
        .and(path("/tenant-1/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/me"))
        .and(header("Authorization", "Bearer app-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = app_client(&server);
    blocking(move || {
        client.send(Call::get("/me"))?;
        client.send(Call::get("/me"))?;
        std::thread::sleep(Duration::from_millis(1100));
        client.send(Call::get("/me"))
    })
    .await
    .expect("three calls");
    server.verify().await;
    assert_eq!(requests(&server).await.len(), 5, "2 tokens, 3 calls");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_endpoint_error_is_surfaced_and_no_secret_shows() {
    let server = MockServer::start().await;
    let refusal = serde_json::json!({"error": "unauthorized_client", "error_description": "not allowed"});
    Mock::given(path("/tenant-1/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(refusal))
        .mount(&server)
        .await;
    let client = app_client(&server);
    let shown_client = format!("{client:?}");
    let error = blocking(move || client.send(Call::get("/me"))).await.expect_err("no token");
    assert_eq!(error.to_string(), "token endpoint: HTTP 400: unauthorized_client: not allowed");
    let credentials = ClientCredentials::new(&base(&server), "t", "app", "s3cret");
    let token = Token::new("graph-token-secret");
    for shown in [format!("{error:?}"), shown_client, format!("{credentials:?}"), format!("{token:?}")] {
        assert!(!shown.contains("s3cret") && !shown.contains("graph-token-secret"), "{shown}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_graph_error_keeps_its_inner_error_and_headers() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"error": {"code": "itemNotFound", "message": "no such item",
        "innerError": {"request-id": "r-2", "date": "2026-05-06T07:08:09"}}});
    let reply = ResponseTemplate::new(404).set_body_json(body).insert_header("Retry-After", "7");
    Mock::given(path("/v1.0/items/x")).respond_with(reply).mount(&server).await;
    let client = client(&server);
    let error = blocking(move || client.send(Call::get("/items/x"))).await.expect_err("404");
    assert_eq!(error.request_id(), Some("r-2"));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(error.graph_error().map(|body| body.code.as_str()), Some("itemNotFound"));
    let date = error.graph_error().and_then(|body| body.inner_error.as_ref()?.date.clone());
    assert_eq!(date.as_deref(), Some("2026-05-06T07:08:09"));
}

/// A stack of one's own: answers from a list and records what it was sent.
#[derive(Default)]
struct Canned {
    answers: std::sync::Mutex<Vec<u16>>,
    sent: std::sync::Mutex<Vec<http::Request<Vec<u8>>>>,
}

impl graphdoc_runtime::HttpSend for Canned {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        self.sent.lock().expect("a lock").push(request);
        let status = self.answers.lock().expect("a lock").pop().unwrap_or(500);
        http::Response::builder().status(status).header("Retry-After", "0").body(Vec::new()).map_err(Error::Http)
    }
}

#[test]
fn another_http_stack_carries_the_same_retries_and_token() {
    let stack = std::sync::Arc::new(Canned { answers: std::sync::Mutex::new(vec![200, 429]), ..Canned::default() });
    let client = Client::with_stack(Config::new(graphdoc_runtime::BaseUrl::V1), Token::new("own"), stack.clone());
    let (status, _) = client.send(Call::get("/me")).expect("the retry succeeds");
    assert_eq!(status, 200);
    let sent = stack.sent.lock().expect("a lock");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].uri(), "https://graph.microsoft.com/v1.0/me");
    assert_eq!(sent[1].headers().get("authorization").map(|v| v.as_bytes()), Some(&b"Bearer own"[..]));
    assert_eq!(
        sent[0].headers().get("client-request-id"),
        sent[1].headers().get("client-request-id"),
        "a retry is the same request"
    );
}
