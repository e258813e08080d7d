//! The async client against a loopback server playing Graph (wiremock).
#![cfg(feature = "async")]

mod common;

use common::{base, ids, page, Call, ListUsers};
use futures_util::StreamExt;
use graphdoc_runtime::nonblocking::Client;
use graphdoc_runtime::{CachedCredentials, ClientCredentials, Config, DeltaLink, Error, Token};
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    let mut client = Client::new(base(server), Token::new("graph-token")).expect("a client");
    client.retry.backoff = Duration::from_millis(1);
    client
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}

#[tokio::test]
async fn a_429_with_retry_after_seconds_waits_then_succeeds() {
    let server = MockServer::start().await;
    let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "2");
    Mock::given(method("GET")).and(path("/v1.0/me")).respond_with(throttled).up_to_n_times(1).mount(&server).await;
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "me"}));
    Mock::given(method("GET")).and(path("/v1.0/me")).respond_with(ok).mount(&server).await;

    let started = Instant::now();
    let (status, body) = client(&server).send(Call::get("/me")).await.expect("the retry succeeds");
    let waited = started.elapsed();
    assert_eq!((status, body["id"].as_str()), (200, Some("me")));
    eprintln!("Retry-After: 2 waited {waited:?}");
    assert!(waited >= Duration::from_millis(1950) && waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_503_with_an_http_date_retry_after_waits_until_then() {
    let server = MockServer::start().await;
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    let throttled = ResponseTemplate::new(503).insert_header("Retry-After", when.as_str());
    Mock::given(method("POST")).and(path("/v1.0/things")).respond_with(throttled).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).and(path("/v1.0/things")).respond_with(ResponseTemplate::new(201)).mount(&server).await;

    let started = Instant::now();
    let (status, _) = client(&server).send(Call::post("/things")).await.expect("a 503 on a POST is retried");
    assert_eq!(status, 201);
    // The date has whole seconds: the wait is between 1 and 2 s.
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(900) && waited < Duration::from_secs(4), "{waited:?}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retries_are_bounded_in_attempts_and_a_wait_beyond_the_budget_stops_at_once() {
    let server = MockServer::start().await;
    let throttled = ResponseTemplate::new(429).insert_header("Retry-After", "0");
    Mock::given(path("/v1.0/busy")).respond_with(throttled).mount(&server).await;
    let long = ResponseTemplate::new(429)
        .insert_header("Retry-After", "3600")
        .set_body_json(serde_json::json!({"error": {"code": "TooManyRequests", "message": "slow down"}}));
    Mock::given(path("/v1.0/later")).respond_with(long).mount(&server).await;
    let client = client(&server);

    let error = client.send(Call::get("/busy")).await.expect_err("always throttled");
    assert_eq!(error.status(), Some(429), "{error}");
    assert_eq!(requests(&server).await.len(), 4, "the default policy makes 4 attempts");

    let started = Instant::now();
    let error = client.send(Call::get("/later")).await.expect_err("an hour is past the budget");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(requests(&server).await.len(), 5, "one attempt only");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(error.to_string(), "HTTP 429: TooManyRequests: slow down");
}

#[tokio::test]
async fn a_504_on_a_post_is_not_retried_but_on_a_get_it_is() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/gateway")).respond_with(ResponseTemplate::new(504)).mount(&server).await;
    let client = client(&server);
    let error = client.send(Call::post("/gateway")).await.expect_err("504");
    assert_eq!(error.status(), Some(504));
    assert_eq!(requests(&server).await.len(), 1);
    let error = client.send(Call::get("/gateway")).await.expect_err("504");
    assert_eq!(error.status(), Some(504));
    assert_eq!(requests(&server).await.len(), 5, "a GET is retried up to the 4 attempts");
}

/// Three pages of users at `/v1.0/users`, each answered only with `ConsistencyLevel: eventual`.
async fn three_pages(server: &MockServer) {
    let uri = server.uri();
    let pages = [
        ("/v1.0/users", page(&["u1", "u2"], Some(&format!("{uri}/v1.0/users/p2?$skiptoken=a")), None)),
        ("/v1.0/users/p2", page(&["u3", "u4"], Some(&format!("{uri}/v1.0/users/p3?$skiptoken=b")), None)),
        ("/v1.0/users/p3", page(&["u5"], None, None)),
    ];
    for (at, body) in pages {
        Mock::given(method("GET"))
            .and(path(at))
            .and(header("ConsistencyLevel", "eventual"))
            .and(header("Authorization", "Bearer graph-token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
}

fn users_eventual() -> ListUsers {
    graphdoc_runtime::Operation::header(ListUsers::at("/users"), "ConsistencyLevel", "eventual")
}

#[tokio::test]
async fn pages_follow_next_links_with_the_first_requests_headers() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server);

    let users: Vec<_> = client.items(users_eventual()).collect().await;
    let users = users.into_iter().collect::<Result<Vec<_>, Error>>().expect("every page");
    assert_eq!(ids(&users), ["u1", "u2", "u3", "u4", "u5"]);

    let mut pages = client.pages(users_eventual()).limit(2);
    let mut read = 0;
    while let Some(page) = pages.next_page().await {
        page.expect("a page");
        read += 1;
    }
    assert_eq!(read, 2);
    let Some(DeltaLink::Next(link)) = pages.link() else { panic!("a next link to resume from: {:?}", pages.link()) };
    assert!(link.ends_with("/v1.0/users/p3?$skiptoken=b"), "{link}");
    assert_eq!(requests(&server).await.len(), 5);

    let sizes: Vec<usize> =
        client.pages(users_eventual()).stream().map(|page| page.map_or(0, |page| page.items.len())).collect().await;
    assert_eq!(sizes, [2, 2, 1]);
}

#[tokio::test]
async fn a_delta_round_ends_with_its_delta_link_and_resumes_from_it() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let second = page(&["u1"], Some(&format!("{uri}/v1.0/users/delta?$skiptoken=s1")), None);
    Mock::given(path("/v1.0/users/delta"))
        .and(query_param("$skiptoken", "s1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &["u2"],
            None,
            Some(&format!("{uri}/v1.0/users/delta?$deltatoken=d1")),
        )))
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/users/delta"))
        .and(query_param("$deltatoken", "d1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &["u2"],
            None,
            Some(&format!("{uri}/v1.0/users/delta?$deltatoken=d2")),
        )))
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/users/delta"))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&server)
        .await;
    let client = client(&server);

    let round = client.delta(ListUsers::at("/users/delta")).await.expect("a round");
    assert_eq!(ids(&round.items), ["u1", "u2"]);
    assert_eq!(round.link, DeltaLink::Delta(format!("{uri}/v1.0/users/delta?$deltatoken=d1")));

    let stored = serde_json::to_string(&round.link).expect("a link stores");
    let link: DeltaLink = serde_json::from_str(&stored).expect("and reads back");
    let next = client.resume_delta::<common::User>(&link).await.expect("the next round");
    assert_eq!(ids(&next.items), ["u2"]);
    assert_eq!(next.link.url(), format!("{uri}/v1.0/users/delta?$deltatoken=d2"));
}

#[tokio::test]
async fn a_round_without_a_delta_link_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["u1"], None, None)))
        .mount(&server)
        .await;
    let error = client(&server).delta(ListUsers::at("/users")).await.expect_err("no delta link");
    assert!(matches!(error, Error::MissingDeltaLink), "{error:?}");
}

#[tokio::test]
async fn a_get_redirect_to_another_host_is_followed_without_the_token() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    let location = format!("{}/blob/1?sig=x", storage.uri());
    Mock::given(path("/v1.0/content"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", location.as_str()))
        .mount(&graph)
        .await;
    Mock::given(path("/blob/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("\"bytes\""))
        .mount(&storage)
        .await;
    let client = client(&graph);

    let (status, body) = client.send(Call::get("/content")).await.expect("followed");
    assert_eq!((status, body.as_str()), (200, Some("bytes")));
    let to_graph = requests(&graph).await;
    assert_eq!(to_graph[0].headers.get("authorization").map(|v| v.as_bytes()), Some(&b"Bearer graph-token"[..]));
    let to_storage = requests(&storage).await;
    assert_eq!(to_storage.len(), 1);
    assert!(to_storage[0].headers.get("authorization").is_none(), "{:?}", to_storage[0].headers);

    // A POST's redirect comes back as it is.
    let (status, _) = client.send(Call::post("/content")).await.expect("a 302");
    assert_eq!(status, 302);
    assert_eq!(requests(&storage).await.len(), 1);
}

#[tokio::test]
async fn each_request_carries_a_fresh_client_request_id_and_the_user_agent() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/me")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let client = client(&server);
    client.send(Call::get("/me")).await.expect("ok");
    client.send(Call::get("/me")).await.expect("ok");
    let seen = requests(&server).await;
    let id =
        |index: usize| seen[index].headers.get("client-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let first = id(0).expect("an id");
    assert_eq!(first.len(), 36, "{first}");
    assert_ne!(id(0), id(1));
    let agent = seen[0].headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(agent.starts_with("graphdoc-runtime/"), "{agent}");
}

async fn token_endpoint(server: &MockServer, expires_in: u64, calls: u64) {
    let body = serde_json::json!({"token_type": "Bearer", "expires_in": expires_in, "access_token": "app-token"});
    Mock::given(method("POST"))
        .and(path("/tenant-1/oauth2/v2.0/token"))
        .and(wiremock::matchers::body_string_contains("grant_type=client_credentials"))
        .and(wiremock::matchers::body_string_contains("client_secret=s3cret%2Fvalue"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(calls)
        .mount(server)
        .await;
    Mock::given(path("/v1.0/me"))
        .and(header("Authorization", "Bearer app-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(server)
        .await;
}

fn app_client(server: &MockServer) -> Client {
    let config = Config::new(base(server));
    let credentials = ClientCredentials::new(&config.base, "tenant-1", "app-id", "s3cret/value")
        .with_endpoint(format!("{}/tenant-1/oauth2/v2.0/token", server.uri()));
    let stack = graphdoc_runtime::nonblocking::ReqwestStack::new(&config).expect("a stack");
    Client::from_config(config, CachedCredentials::new(credentials, stack)).expect("a client")
}

#[tokio::test]
async fn a_client_credentials_token_is_fetched_once_and_reused() {
    let server = MockServer::start().await;
    token_endpoint(&server, 3600, 1).await;
    let client = app_client(&server);
    client.send(Call::get("/me")).await.expect("with the app token");
    client.send(Call::get("/me")).await.expect("with the same token");
    server.verify().await;
}

#[tokio::test]
async fn a_token_within_the_refresh_margin_is_fetched_again() {
    let server = MockServer::start().await;
    // 300 s is within the 5 min margin: each request needs a new one.
    token_endpoint(&server, 300, 2).await;
    let client = app_client(&server);
    client.send(Call::get("/me")).await.expect("with the app token");
    client.send(Call::get("/me")).await.expect("with a fresh token");
    server.verify().await;
}

#[tokio::test]
async fn a_token_endpoint_error_is_surfaced_without_the_secret() {
    let server = MockServer::start().await;
    let refusal = serde_json::json!({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."});
    Mock::given(path("/tenant-1/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(refusal))
        .mount(&server)
        .await;
    let client = app_client(&server);
    let error = client.send(Call::get("/me")).await.expect_err("no token");
    assert!(matches!(&error, Error::Token { status: 401, code, .. } if code == "invalid_client"), "{error:?}");
    for shown in [error.to_string(), format!("{error:?}"), format!("{client:?}")] {
        assert!(!shown.contains("s3cret"), "{shown}");
    }
    assert_eq!(requests(&server).await.len(), 1, "Graph was not called");
}

#[tokio::test]
async fn a_graph_error_keeps_its_inner_error_and_headers() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"error": {"code": "Request_ResourceNotFound", "message": "gone",
        "innerError": {"request-id": "r-1", "client-request-id": "c-1", "date": "2026-01-02T03:04:05"}}});
    let reply = ResponseTemplate::new(404).set_body_json(body).insert_header("request-id", "r-header");
    Mock::given(path("/v1.0/users/x")).respond_with(reply).mount(&server).await;
    let error = client(&server).send(Call::get("/users/x")).await.expect_err("404");
    let graph = error.graph_error().expect("Graph's error object");
    let inner = graph.inner_error.as_ref().expect("the inner error");
    assert_eq!((inner.request_id.as_deref(), inner.date.as_deref()), (Some("r-1"), Some("2026-01-02T03:04:05")));
    assert_eq!(error.request_id(), Some("r-header"), "the header wins");
    assert_eq!(error.client_request_id(), Some("c-1"), "else the inner error's");
    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn total_retry_time_stays_within_the_budget() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .mount(&server)
        .await;
    let mut client = client(&server);
    client.retry.max_attempts = 10;
    client.retry.max_total = Duration::from_millis(1500);
    let started = Instant::now();
    let error = client.send(Call::get("/busy")).await.expect_err("still busy");
    let spent = started.elapsed();
    eprintln!("budget 1.5 s, spent {spent:?}");
    assert_eq!(error.status(), Some(429));
    assert!(spent < Duration::from_millis(1500), "{spent:?}");
    assert_eq!(requests(&server).await.len(), 2, "a second wait would end past the budget");
}
