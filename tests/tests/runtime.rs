//! The generated runtime: encoding, permissions, and the client's token, retries and timeouts.

use generated::runtime::client::{Client, Token};
use generated::runtime::{render_path, BaseUrl, Error, Operation, Permissions, Piece, TokenKind};
use generated::v1_0::workbook_create_session::{Response, WorkbookCreateSession};
use std::time::Duration;

#[test]
fn path_parameters_are_encoded_for_their_place() {
    let path = render_path(&[
        Piece::Literal("/drives/"),
        Piece::Segment("a/b c#?"),
        Piece::Literal("/root:/"),
        Piece::ItemPath("/Reports/Q1 日本.xlsx"),
        Piece::Literal(":/items('"),
        Piece::Quoted("O'Brien"),
        Piece::Literal("')"),
    ]);
    assert_eq!(path, "/drives/a%2Fb%20c%23%3F/root:/Reports/Q1%20%E6%97%A5%E6%9C%AC.xlsx:/items('O%27%27Brien')");
}

#[test]
fn permissions_are_checked_by_kind_and_scope() {
    let permissions = WorkbookCreateSession::PERMISSIONS;
    assert!(permissions.allows(TokenKind::DelegatedWork, &["User.Read", "files.readwrite"]));
    assert!(!permissions.allows(TokenKind::Application, &["Files.ReadWrite"]));
    let none = Permissions { delegated_work: &[], delegated_personal: &[], application: &[], unspecified: &[] };
    assert!(!none.allows(TokenKind::DelegatedWork, &["Files.ReadWrite"]));
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let client = Client::new(BaseUrl::V1, Token::new("secret-token-value"));
    let shown = format!("{client:?}");
    assert!(!shown.contains("secret-token-value"), "{shown}");
    assert!(shown.contains("redacted"));
}

/// A loopback server answering each request with the next of `statuses`; returns the requests' session headers.
fn serve(statuses: &'static [u16]) -> (String, std::thread::JoinHandle<usize>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
    let address = server.server_addr().to_ip().expect("an IP address");
    let handle = std::thread::spawn(move || {
        let mut served = 0;
        for status in statuses {
            let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(5)) else { break };
            served += 1;
            let body = if *status == 201 {
                r#"{"id":"s-1","persistChanges":true}"#
            } else {
                r#"{"error":{"code":"gatewayTimeout","message":"try again"}}"#
            };
            let _ = request.respond(tiny_http::Response::from_string(body).with_status_code(*status));
        }
        served
    });
    (format!("http://{address}/v1.0"), handle)
}

fn client(base: String) -> Client {
    let mut client = Client::with_timeout(BaseUrl::Custom(base), Token::new("t"), Duration::from_secs(5));
    client.backoff = Duration::from_millis(1);
    client
}

#[test]
fn documented_retry_statuses_are_retried_with_a_bound() {
    assert_eq!(WorkbookCreateSession::RETRY_STATUSES, &[504]);
    let (base, server) = serve(&[504, 504, 201]);
    let response = client(base).send(WorkbookCreateSession::by_id("x")).expect("the third attempt succeeds");
    assert!(matches!(response, Response::Created(ref info) if info.id.as_deref() == Some("s-1")), "{response:?}");
    assert_eq!(server.join().expect("server"), 3);

    let (base, server) = serve(&[504, 504, 504]);
    let error = client(base).send(WorkbookCreateSession::by_id("x")).expect_err("gives up");
    assert!(
        matches!(error, Error::Status { status: 504, error: Some(ref body), .. } if body.error.code == "gatewayTimeout"),
        "{error:?}"
    );
    assert_eq!(server.join().expect("server"), 3, "three attempts at most");
}

#[test]
fn a_silent_server_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}/v1.0", listener.local_addr().expect("an address"));
    let client = Client::with_timeout(BaseUrl::Custom(base), Token::new("t"), Duration::from_millis(300));
    let error = client.send(WorkbookCreateSession::by_id("x")).expect_err("no answer");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    drop(listener);
}
