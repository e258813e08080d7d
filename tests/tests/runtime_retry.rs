//! Retries: which statuses for which methods, `Retry-After`, backoff, and the bounds on attempts and time. The
//! decision is a pure function, tested without sleeping; loopback servers check that the client follows it.

use generated::runtime::blocking::{Client, Token};
use generated::runtime::retry::{backoff, decide, retry_after, Decision, Outcome, Policy, Stop};
use generated::runtime::{BaseUrl, Error, Operation};
use generated::v1_0::workbook_close_session::WorkbookCloseSession;
use generated::v1_0::workbook_create_session::{Response, WorkbookCreateSession};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `Sun, 06 Nov 1994 08:49:37 GMT` as seconds since the epoch.
const NOV_1994: u64 = 784_111_777;

fn headers(retry_after: Option<&str>) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    if let Some(value) = retry_after {
        headers.insert(http::header::RETRY_AFTER, value.parse().expect("a header value"));
    }
    headers
}

/// The decision for `method` and `status` on the first attempt, with no time spent, a fixed random number and
/// the default policy.
fn first(method: &str, status: u16, retry_after: Option<&str>, documented: &[u16]) -> Decision {
    let headers = headers(retry_after);
    let outcome = Outcome {
        method,
        status,
        headers: &headers,
        attempts: 1,
        elapsed: Duration::ZERO,
        now: UNIX_EPOCH + Duration::from_secs(NOV_1994),
        documented,
    };
    decide(&outcome, &Policy::default(), 0)
}

#[test]
fn retry_after_in_seconds_is_honoured_up_to_the_time_budget() {
    assert_eq!(first("POST", 429, Some("2"), &[]), Decision::Retry(Duration::from_secs(2)));
    assert_eq!(first("POST", 429, Some(" 0 "), &[]), Decision::Retry(Duration::ZERO));
    assert_eq!(first("GET", 503, Some("60"), &[]), Decision::Retry(Duration::from_secs(60)));
    // Beyond the remaining budget: give up at once rather than sleep, however large.
    assert_eq!(first("GET", 503, Some("61"), &[]), Decision::GiveUp(Stop::Budget));
    assert_eq!(first("POST", 429, Some("1000000000"), &[]), Decision::GiveUp(Stop::Budget));
    assert_eq!(first("POST", 429, Some("99999999999999999999999999"), &[]), Decision::GiveUp(Stop::Budget));
}

#[test]
fn retry_after_as_an_http_date_is_read_against_now() {
    let now = UNIX_EPOCH + Duration::from_secs(NOV_1994 - 5);
    for date in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
        assert_eq!(retry_after(&headers(Some(date)), now), Some(Duration::from_secs(5)), "{date}");
    }
    // A date already past asks for no wait.
    let later = UNIX_EPOCH + Duration::from_secs(NOV_1994 + 100);
    assert_eq!(retry_after(&headers(Some("Sun, 06 Nov 1994 08:49:37 GMT")), later), Some(Duration::ZERO));
    // A date far ahead is beyond the budget.
    assert_eq!(first("POST", 429, Some("Fri, 31 Dec 9999 23:59:59 GMT"), &[]), Decision::GiveUp(Stop::Budget));
}

#[test]
fn an_unreadable_retry_after_falls_back_to_the_backoff() {
    for value in ["-1", "soon", "1.5", "+3", ""] {
        assert_eq!(retry_after(&headers(Some(value)), SystemTime::now()), None, "{value:?}");
        // The first backoff with random 0 is half of 200 ms.
        assert_eq!(first("GET", 503, Some(value), &[]), Decision::Retry(Duration::from_millis(100)), "{value:?}");
    }
}

#[test]
fn a_request_that_may_have_been_processed_is_retried_only_where_the_docs_say() {
    // 429 and 503: the service did not process the request, whatever the method.
    for method in ["POST", "PATCH", "GET"] {
        assert!(matches!(first(method, 429, None, &[]), Decision::Retry(_)), "{method}");
        assert!(matches!(first(method, 503, None, &[]), Decision::Retry(_)), "{method}");
    }
    // Another 5xx: idempotent methods, or a method whose page names the status.
    assert_eq!(first("POST", 504, None, &[]), Decision::GiveUp(Stop::NotRetryable));
    assert_eq!(first("PATCH", 500, None, &[429]), Decision::GiveUp(Stop::NotRetryable));
    assert!(matches!(first("POST", 504, None, &[504]), Decision::Retry(_)));
    for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"] {
        assert!(matches!(first(method, 504, None, &[]), Decision::Retry(_)), "{method}");
        assert!(matches!(first(method, 502, None, &[]), Decision::Retry(_)), "{method}");
        assert_eq!(first(method, 501, None, &[]), Decision::GiveUp(Stop::NotRetryable), "{method}");
    }
    for status in [200, 201, 302, 400, 401, 404, 409] {
        assert_eq!(first("GET", status, Some("1"), &[status]), Decision::GiveUp(Stop::NotRetryable), "{status}");
    }
}

#[test]
fn attempts_are_bounded() {
    let headers = headers(Some("0"));
    let outcome = |attempts| Outcome {
        method: "GET",
        status: 503,
        headers: &headers,
        attempts,
        elapsed: Duration::ZERO,
        now: SystemTime::now(),
        documented: &[],
    };
    let policy = Policy::default();
    assert_eq!(decide(&outcome(3), &policy, 0), Decision::Retry(Duration::ZERO));
    assert_eq!(decide(&outcome(4), &policy, 0), Decision::GiveUp(Stop::Attempts));
    assert_eq!(decide(&outcome(u32::MAX), &policy, 0), Decision::GiveUp(Stop::Attempts));
    // No attempts at all still means the first one, and no retry.
    let none = Policy { max_attempts: 0, ..policy };
    assert_eq!(decide(&outcome(1), &none, 0), Decision::GiveUp(Stop::Attempts));
}

#[test]
fn total_time_is_bounded() {
    let headers = headers(None);
    let outcome = |elapsed| Outcome {
        method: "GET",
        status: 503,
        headers: &headers,
        attempts: 1,
        elapsed,
        now: SystemTime::now(),
        documented: &[],
    };
    let policy = Policy::default();
    assert_eq!(decide(&outcome(Duration::from_secs(59)), &policy, 0), Decision::Retry(Duration::from_millis(100)));
    assert_eq!(decide(&outcome(Duration::from_millis(59_950)), &policy, 0), Decision::GiveUp(Stop::Budget));
    assert_eq!(decide(&outcome(Duration::MAX), &policy, 0), Decision::GiveUp(Stop::Budget));
}

#[test]
fn the_backoff_doubles_up_to_its_cap_with_jitter() {
    let policy = Policy::default();
    assert_eq!(backoff(&policy, 1, 0), Duration::from_millis(100));
    assert_eq!(backoff(&policy, 2, 0), Duration::from_millis(200));
    assert_eq!(backoff(&policy, 3, 0), Duration::from_millis(400));
    assert_eq!(
        backoff(&policy, 2, u64::MAX),
        Duration::from_millis(200) + Duration::from_nanos(u64::MAX % 200_000_001)
    );
    for attempts in [1, 5, 10, 31, 32, 33, 64, u32::MAX] {
        for random in [0, 1, 12_345_678_901, u64::MAX] {
            let wait = backoff(&policy, attempts, random);
            assert!(wait <= policy.max_backoff, "{attempts} {random}: {wait:?}");
        }
    }
    assert_eq!(backoff(&policy, 40, 0), policy.max_backoff / 2);
    // Extreme policies neither panic nor overflow.
    let extreme = Policy { backoff: Duration::MAX, max_backoff: Duration::MAX, ..policy };
    assert!(backoff(&extreme, u32::MAX, u64::MAX) >= Duration::MAX / 2);
}

/// A client that retries on a simulated clock ends within its bounds, whatever the server keeps answering.
#[test]
fn a_simulated_client_never_loops_forever() {
    let policy = Policy { max_attempts: u32::MAX, ..Policy::default() };
    for retry_after in [None, Some("0"), Some("1")] {
        let headers = headers(retry_after);
        let (mut elapsed, mut attempts) = (Duration::ZERO, 0u32);
        let stop = loop {
            attempts += 1;
            // 60 s of 10 ms requests is 6000 attempts; far more means the bounds do not hold.
            assert!(attempts < 100_000, "{retry_after:?}: still retrying after {elapsed:?}");
            // Each request takes 10 ms.
            elapsed += Duration::from_millis(10);
            let outcome = Outcome {
                method: "GET",
                status: 503,
                headers: &headers,
                attempts,
                elapsed,
                now: SystemTime::now(),
                documented: &[],
            };
            match decide(&outcome, &policy, u64::from(attempts) * 7_919) {
                Decision::Retry(wait) => elapsed += wait,
                Decision::GiveUp(stop) => break stop,
            }
        };
        assert_eq!(stop, Stop::Budget, "{retry_after:?}");
        assert!(elapsed <= policy.max_total + Duration::from_millis(10), "{retry_after:?}: {elapsed:?}");
    }
}

/// A loopback server answering each request with the next status and `Retry-After`; returns how many it served.
fn serve(answers: &'static [(u16, Option<&'static str>)]) -> (String, std::thread::JoinHandle<usize>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
    let address = server.server_addr().to_ip().expect("an IP address");
    let handle = std::thread::spawn(move || {
        let mut served = 0;
        for (status, retry_after) in answers {
            let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(5)) else { break };
            served += 1;
            let body = if *status == 201 {
                r#"{"id":"s-1","persistChanges":true}"#
            } else {
                r#"{"error":{"code":"gatewayTimeout","message":"try again"}}"#
            };
            let mut response = tiny_http::Response::from_string(body).with_status_code(*status);
            if let Some(value) = retry_after {
                response.add_header(tiny_http::Header::from_bytes("Retry-After", *value).expect("a header"));
            }
            let _ = request.respond(response);
        }
        served
    });
    (format!("http://{address}/v1.0"), handle)
}

fn client(base: String) -> Client {
    let mut client = Client::with_timeout(BaseUrl::Custom(base), Token::new("t"), Duration::from_secs(5));
    client.retry.backoff = Duration::from_millis(1);
    client
}

#[test]
fn documented_retry_statuses_are_retried_with_a_bound() {
    assert_eq!(WorkbookCreateSession::RETRY_STATUSES, &[504]);
    let (base, server) = serve(&[(504, None), (504, None), (201, None)]);
    let response = client(base).send(WorkbookCreateSession::me_by_item_id("x")).expect("the third attempt succeeds");
    assert!(matches!(response, Response::Created(ref info) if info.id.as_deref() == Some("s-1")), "{response:?}");
    assert_eq!(server.join().expect("server"), 3);

    // A fifth attempt would find no server: a transport error, not this status.
    let (base, server) = serve(&[(504, None), (504, None), (504, None), (504, None)]);
    let error = client(base).send(WorkbookCreateSession::me_by_item_id("x")).expect_err("gives up");
    assert!(
        matches!(error, Error::Status { status: 504, error: Some(ref body), .. } if body.error.code == "gatewayTimeout"),
        "{error:?}"
    );
    assert_eq!(server.join().expect("server"), 4, "four attempts at most");
}

#[test]
fn an_undocumented_504_on_a_post_is_not_retried() {
    assert_eq!(WorkbookCloseSession::RETRY_STATUSES, &[] as &[u16]);
    // A retry would find no server: a transport error, not this status.
    let (base, server) = serve(&[(504, None)]);
    let error = client(base).send(WorkbookCloseSession::me_by_item_id("x")).expect_err("no retry");
    assert_eq!(error.status(), Some(504), "{error:?}");
    assert_eq!(server.join().expect("server"), 1);
}

#[test]
fn a_429_with_retry_after_zero_is_retried_at_once() {
    let (base, server) = serve(&[(429, Some("0")), (201, None)]);
    client(base).send(WorkbookCreateSession::me_by_item_id("x")).expect("the retry succeeds");
    assert_eq!(server.join().expect("server"), 2);
}

#[test]
fn a_429_asking_for_a_billion_seconds_returns_the_error_at_once() {
    let (base, server) = serve(&[(429, Some("1000000000"))]);
    // On another thread, so that a client that sleeps fails this test instead of hanging it.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(client(base).send(WorkbookCreateSession::me_by_item_id("x"))));
    // A generous bound: the point is that it does not sleep a billion seconds, nor even one backoff of 5 s.
    let result = receiver.recv_timeout(Duration::from_secs(4)).expect("an answer at once, without sleeping");
    let error = result.expect_err("gives up");
    assert_eq!(error.status(), Some(429), "{error:?}");
    let retry_after = error.headers().and_then(|headers| headers.get("retry-after")).map(|value| value.as_bytes());
    assert_eq!(retry_after, Some(&b"1000000000"[..]));
    assert_eq!(server.join().expect("server"), 1);
}
