//! The README's listing of every user, run with the blocking client against wiremock playing three pages of users
//! tied by `@odata.nextLink`s.

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A page of users named `names`, ending with `next` (a next link) when given.
fn page(names: &[&str], next: Option<String>) -> Value {
    let value: Vec<Value> =
        names.iter().map(|name| json!({ "id": format!("id-{name}"), "displayName": name })).collect();
    match next {
        Some(next) => json!({ "@odata.nextLink": next, "value": value }),
        None => json!({ "value": value }),
    }
}

/// Serves `/v1.0/users` as three pages: 2, 2 and 1 users.
async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let users = format!("{}/v1.0/users", server.uri());
    let pages = [
        (None, page(&["Ada", "Bram"], Some(format!("{users}?$skiptoken=2")))),
        (Some("2"), page(&["Chen", "Dita"], Some(format!("{users}?$skiptoken=3")))),
        (Some("3"), page(&["Emre"], None)),
    ];
    for (token, body) in pages {
        let mock = Mock::given(method("GET")).and(path("/v1.0/users"));
        let mock = match token {
            Some(token) => mock.and(query_param("$skiptoken", token)),
            None => mock.and(query_param_is_missing("$skiptoken")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(&server).await;
    }
    server
}

#[test]
fn readme_lists_every_user_across_pages() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Runtime::new()?;
    // wiremock serves from its own thread: the blocking client is used outside the runtime.
    let server = runtime.block_on(three_pages());
    let base = format!("{}/v1.0", server.uri());
    // --- README example starts here: list-users
    use generated::runtime::{blocking::Client, BaseUrl, Token};
    use generated::v1_0::{models::User, user_list::UserList};

    let client = Client::new(BaseUrl::Custom(base), Token::new("<access token>"));
    let users: Vec<User> = client.items(UserList::new().consistency_level("eventual")).collect::<Result<_, _>>()?;
    // --- README example ends here.
    let names: Vec<&str> = users.iter().filter_map(|user| user.display_name.as_deref()).collect();
    assert_eq!(names, ["Ada", "Bram", "Chen", "Dita", "Emre"]);
    assert_eq!(users[4].id.as_deref(), Some("id-Emre"));
    let requests = runtime.block_on(server.received_requests()).unwrap_or_default();
    assert_eq!(requests.len(), 3, "one request per page");
    for request in &requests {
        let consistency = request.headers.get("consistencylevel").and_then(|value| value.to_str().ok());
        assert_eq!(consistency, Some("eventual"), "ConsistencyLevel on {}", request.url);
        assert!(request.headers.contains_key("authorization"), "the token on {}", request.url);
    }
    runtime.block_on(server.verify());
    Ok(())
}
