//! The generated runtime: encoding, permissions, and the client's token and timeouts (retries: runtime_retry.rs,
//! paths: runtime_paths.rs).

use generated::runtime::blocking::{Client, Token};
use generated::runtime::{render_path, BaseUrl, Error, Permissions, Piece, TokenKind};
use generated::v1_0::workbook_create_session::WorkbookCreateSession;
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
    ])
    .expect("no argument is refused");
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

#[test]
fn a_silent_server_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}/v1.0", listener.local_addr().expect("an address"));
    let client = Client::with_timeout(BaseUrl::Custom(base), Token::new("t"), Duration::from_millis(300));
    let error = client.send(WorkbookCreateSession::me_by_item_id("x")).expect_err("no answer");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    drop(listener);
}
