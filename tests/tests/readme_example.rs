//! The README's example, run against a loopback stand-in for Graph: create a session, send a request inside it
//! with the session header, close it.

use std::time::Duration;

/// The URL and `workbook-session-id` header of each request the stand-in received.
type Seen = Vec<(String, Option<String>)>;

/// Answers createSession with a session id, and records what later calls carry.
fn stand_in() -> (String, std::thread::JoinHandle<Seen>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}/v1.0", server.server_addr().to_ip().expect("an IP address"));
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        while let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(5)) {
            let session =
                request.headers().iter().find(|h| h.field.equiv("workbook-session-id")).map(|h| h.value.to_string());
            seen.push((request.url().to_owned(), session));
            let response = if request.url().ends_with("/createSession") {
                tiny_http::Response::from_string(r#"{"id":"session-7","persistChanges":true}"#).with_status_code(201)
            } else {
                tiny_http::Response::from_string("").with_status_code(204)
            };
            let _ = request.respond(response);
            if seen.len() == 3 {
                break;
            }
        }
        seen
    });
    (base, handle)
}

#[test]
fn readme_session_lifecycle() -> Result<(), generated::runtime::Error> {
    let (base, server) = stand_in();
    // --- README example starts here: session
    use generated::runtime::{blocking::Client, BaseUrl, Token};
    use generated::v1_0::models::WorkbookSessionInfo;
    use generated::v1_0::workbook_refresh_session as refresh;
    use generated::v1_0::{workbook_close_session as close, workbook_create_session as create};

    let client = Client::new(BaseUrl::Custom(base), Token::new("<access token>"));
    let info = WorkbookSessionInfo { persist_changes: Some(true), ..Default::default() };
    let create = create::WorkbookCreateSession::me_by_item_path("Reports/budget.xlsx").body(&info)?;
    let create::Response::Created(session) = client.send(create)? else {
        panic!("the session is still being created: poll the Location header");
    };
    let session_id = session.id.unwrap_or_default();
    let refresh =
        refresh::WorkbookRefreshSession::me_by_item_path("Reports/budget.xlsx").workbook_session_id(&session_id);
    client.send(refresh)?;
    let close = close::WorkbookCloseSession::me_by_item_path("Reports/budget.xlsx").workbook_session_id(&session_id);
    client.send(close)?;
    // --- README example ends here.
    let seen = server.join().expect("the stand-in ran");
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0], ("/v1.0/me/drive/root:/Reports/budget.xlsx:/workbook/createSession".to_owned(), None));
    assert_eq!(seen[1].1.as_deref(), Some("session-7"));
    assert_eq!(
        seen[2],
        ("/v1.0/me/drive/root:/Reports/budget.xlsx:/workbook/closeSession".to_owned(), Some("session-7".to_owned()))
    );
    Ok(())
}
