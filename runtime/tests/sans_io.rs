//! The clients' sans-IO parts: token requests per cloud, token responses, redirects, ids, error sources.

use graphdoc_runtime::{BaseUrl, ClientCredentials, Error, Redirects};
use std::error::Error as _;
use std::time::{Duration, SystemTime};

#[test]
fn the_token_request_goes_to_the_clouds_endpoint_as_a_form() {
    let request = ClientCredentials::new(&BaseUrl::UsGov("v1.0"), "contoso.onmicrosoft.us", "app id", "a&b=c")
        .token_request()
        .expect("a request");
    assert_eq!(request.uri(), "https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token");
    assert_eq!(request.method(), "POST");
    let body = String::from_utf8(request.body().clone()).expect("text");
    assert_eq!(
        body,
        "grant_type=client_credentials&client_id=app%20id&client_secret=a%26b%3Dc&scope=https%3A%2F%2Fgraph.microsoft.us%2F.default"
    );
    assert_eq!(BaseUrl::China("v1.0").token_endpoint("t"), "https://login.chinacloudapi.cn/t/oauth2/v2.0/token");
    assert_eq!(BaseUrl::V1.token_endpoint("a/b"), "https://login.microsoftonline.com/a%2Fb/oauth2/v2.0/token");
}

#[test]
fn a_token_response_gives_its_expiry_and_an_error_response_its_code() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
    let ok = http::Response::new(br#"{"token_type":"Bearer","expires_in":"3599","access_token":"xyz"}"#.to_vec());
    let token = ClientCredentials::parse_token_response(&ok, now).expect("a token");
    assert_eq!(token.token.secret(), "xyz");
    assert_eq!(token.expires_at, now + Duration::from_secs(3599));

    let refused = http::Response::builder()
        .status(400)
        .body(br#"{"error":"invalid_scope","error_description":"bad scope"}"#.to_vec())
        .expect("a response");
    let error = ClientCredentials::parse_token_response(&refused, now).expect_err("refused");
    assert_eq!(error.to_string(), "token endpoint: HTTP 400: invalid_scope: bad scope");
}

fn get(uri: &str) -> http::Request<Vec<u8>> {
    http::Request::get(uri)
        .header("Authorization", "Bearer t")
        .header("Prefer", "x")
        .body(Vec::new())
        .expect("a request")
}

fn redirect(location: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(302).header("Location", location).body(Vec::new()).expect("a response")
}

#[test]
fn redirects_keep_the_token_on_the_same_origin_only_and_stop_after_the_hops() {
    let policy = Redirects { max_hops: 2 };
    let same = policy.follow(&get("https://graph.example/v1.0/a"), &redirect("/v1.0/b?c=d"), 0).expect("followed");
    assert_eq!(same.uri(), "https://graph.example/v1.0/b?c=d");
    assert!(same.headers().contains_key("authorization"));
    let other =
        policy.follow(&get("https://graph.example/a"), &redirect("https://blob.example/x"), 1).expect("followed");
    assert!(!other.headers().contains_key("authorization"));
    assert_eq!(other.headers().get("prefer").map(|v| v.as_bytes()), Some(&b"x"[..]));
    // Another port is another origin.
    let port = policy.follow(&get("http://127.0.0.1:80/a"), &redirect("http://127.0.0.1:81/a"), 0).expect("followed");
    assert!(!port.headers().contains_key("authorization"));
    assert!(policy.follow(&get("https://graph.example/a"), &redirect("/b"), 2).is_none(), "hops used up");
    let post = http::Request::post("https://graph.example/a").body(Vec::new()).expect("a request");
    assert!(policy.follow(&post, &redirect("/b"), 0).is_none(), "only a GET is followed");
    assert!(Redirects::none().follow(&get("https://graph.example/a"), &redirect("/b"), 0).is_none());
}

#[test]
fn request_ids_are_uuid_shaped_and_differ() {
    let first = graphdoc_runtime::new_request_id();
    let second = graphdoc_runtime::new_request_id();
    assert_ne!(first, second);
    let groups: Vec<usize> = first.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{first}");
    assert_eq!(first.as_bytes()[14], b'4', "version 4: {first}");
}

#[test]
fn errors_name_their_source() {
    let bad = graphdoc_runtime::json::<serde_json::Value>(200, b"{").expect_err("not JSON");
    assert!(bad.source().is_some_and(|source| source.is::<serde_json::Error>()), "{bad:?}");
    let transport =
        Error::Transport(graphdoc_runtime::TransportError::new("connect", std::io::Error::other("refused")));
    assert_eq!(
        transport.source().and_then(|source| source.source()).map(ToString::to_string).as_deref(),
        Some("refused")
    );
    let http_error = http::Request::get("x").header("a\nb", "c").body(()).expect_err("a bad name");
    assert!(Error::Http(http_error).source().is_some());
}
