//! The README's async examples, each run against wiremock playing Graph: a workbook session, a batch of three
//! requests, a large upload through an upload session, and app-only tokens from client credentials.

use serde_json::{json, Value};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// The requests the server received, in order.
async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn readme_async_workbook_session() -> Outcome {
    let server = MockServer::start().await;
    let session = "/v1.0/me/drive/root:/Reports/budget.xlsx:/workbook";
    Mock::given(method("POST"))
        .and(path(format!("{session}/createSession")))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "session-7", "persistChanges": true })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{session}/closeSession")))
        .and(header("workbook-session-id", "session-7"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let base = format!("{}/v1.0", server.uri());
    // --- README example starts here: async-session
    use generated::runtime::{nonblocking::Client, BaseUrl, Token};
    use generated::v1_0::models::WorkbookSessionInfo;
    use generated::v1_0::{workbook_close_session as close, workbook_create_session as create};

    let client = Client::new(BaseUrl::Custom(base), Token::new("<access token>"))?;
    let info = WorkbookSessionInfo { persist_changes: Some(true), ..Default::default() };
    let create = create::WorkbookCreateSession::me_by_item_path("Reports/budget.xlsx").body(&info)?;
    let create::Response::Created(session) = client.send(create).await? else {
        panic!("the session is still being created: poll the Location header");
    };
    let session_id = session.id.unwrap_or_default();
    let close = close::WorkbookCloseSession::me_by_item_path("Reports/budget.xlsx").workbook_session_id(&session_id);
    client.send(close).await?;
    // --- README example ends here.
    assert_eq!(session_id, "session-7");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body_json::<Value>()?, json!({ "persistChanges": true }));
    server.verify().await;
    Ok(())
}

/// Answers a `$batch` request: each step with a body that tells its operation's response, in the reverse order
/// (answers are matched by id).
fn batch_answer(request: &Request) -> ResponseTemplate {
    let steps: Value = request.body_json().unwrap_or_default();
    let answers: Vec<Value> = steps["requests"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .rev()
        .map(|step| {
            let (status, body) = match step["url"].as_str().unwrap_or_default() {
                "/users" => (200, json!({ "value": [{ "id": "u1", "displayName": "Ada" }] })),
                url if url.ends_with("/createSession") => (201, json!({ "id": "session-9" })),
                url if url.ends_with("/createUploadSession") => (200, json!({ "uploadUrl": "https://up.example/1" })),
                _ => (404, json!({ "error": { "code": "itemNotFound", "message": "no such step" } })),
            };
            let headers = json!({ "Content-Type": "application/json" });
            json!({ "id": step["id"], "status": status, "headers": headers, "body": body })
        })
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({ "responses": answers }))
}

#[tokio::test]
async fn readme_batch_of_three() -> Outcome {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/v1.0/$batch")).respond_with(batch_answer).expect(1).mount(&server).await;
    let base = format!("{}/v1.0", server.uri());
    use generated::runtime::{nonblocking::Client, BaseUrl, Token};
    use generated::v1_0::models::WorkbookSessionInfo;
    let client = Client::new(BaseUrl::Custom(base), Token::new("<access token>"))?;
    let info = WorkbookSessionInfo { persist_changes: Some(false), ..Default::default() };
    // --- README example starts here: batch
    use generated::runtime::batch::Batch;
    use generated::v1_0::{drive_item_create_upload_session as upload, user_list, workbook_create_session as create};

    let mut batch = Batch::new();
    let users = batch.add(user_list::UserList::new())?;
    let session = batch.add(create::WorkbookCreateSession::me_by_item_id("01ABCDEF").body(&info)?)?;
    let upload = batch.add(upload::DriveItemCreateUploadSession::me_by_item_id("01QRSTUV"))?;
    let answers = batch.send_async(&client, &client.config().base).await?;
    let (users, session, upload) = (answers.get(&users)?, answers.get(&session)?, answers.get(&upload)?);
    // --- README example ends here.
    let user_list::Response::Ok(page) = users else { panic!("the users step: {users:?}") };
    assert_eq!(page.items[0].display_name.as_deref(), Some("Ada"));
    let create::Response::Created(session) = session else { panic!("the session step: {session:?}") };
    assert_eq!(session.id.as_deref(), Some("session-9"));
    let upload::Response::Ok(upload) = upload else { panic!("the upload step: {upload:?}") };
    assert_eq!(upload.upload_url.as_deref(), Some("https://up.example/1"));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1, "three steps in one $batch request");
    let sent: Value = requests[0].body_json()?;
    let urls: Vec<&str> = sent["requests"].as_array().into_iter().flatten().filter_map(|s| s["url"].as_str()).collect();
    assert_eq!(
        urls,
        ["/users", "/me/drive/items/01ABCDEF/workbook/createSession", "/me/drive/items/01QRSTUV/createUploadSession"]
    );
    assert_eq!(sent["requests"][1]["body"], json!({ "persistChanges": false }));
    Ok(())
}

/// Records each chunk PUT to the upload URL and answers like the service: 202 with the next range, then the item.
struct UploadUrl {
    total: u64,
}

impl wiremock::Respond for UploadUrl {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let range = request.headers.get("content-range").and_then(|value| value.to_str().ok()).unwrap_or_default();
        // `bytes {start}-{last}/{total}`
        let last = range.split(['-', '/']).nth(1).and_then(|last| last.parse::<u64>().ok()).unwrap_or_default();
        if last + 1 < self.total {
            ResponseTemplate::new(202).set_body_json(json!({ "nextExpectedRanges": [format!("{}-", last + 1)] }))
        } else {
            ResponseTemplate::new(201)
                .set_body_json(json!({ "id": "01NEWFILE", "name": "survey-2026.zip", "size": self.total }))
        }
    }
}

#[tokio::test]
async fn readme_large_upload() -> Outcome {
    let server = MockServer::start().await;
    let upload_url = format!("{}/upload/session-1", server.uri());
    Mock::given(method("POST"))
        .and(path("/v1.0/me/drive/items/01QRSTUV/createUploadSession"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "uploadUrl": upload_url, "nextExpectedRanges": ["0-"] })),
        )
        .expect(1)
        .mount(&server)
        .await;
    // 7 MiB and a bit: three chunks of the default 3.125 MiB, the last a short one.
    let content: Vec<u8> = (0..7 * 1024 * 1024 + 1000u32).map(|index| (index % 251) as u8).collect();
    let total = content.len() as u64;
    Mock::given(method("PUT")).and(path("/upload/session-1")).respond_with(UploadUrl { total }).mount(&server).await;
    let folder = std::env::temp_dir().join(format!("readme-upload-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let path = folder.join("survey-2026.zip");
    std::fs::write(&path, &content)?;
    let base = format!("{}/v1.0", server.uri());
    use generated::runtime::{nonblocking::Client, BaseUrl, Token};
    let client = Client::new(BaseUrl::Custom(base), Token::new("<access token>"))?;
    // --- README example starts here: upload-session
    use generated::v1_0::{drive_item_create_upload_session as upload, models::DriveItem};

    let request = upload::DriveItemCreateUploadSession::me_by_item_id("01QRSTUV");
    let upload::Response::Ok(created) = client.send(request).await? else { panic!("no upload session") };
    // --- README example ends here.
    // --- README example starts here: upload
    use generated::runtime::upload::{AsyncUploader, UploadSession};

    let session = UploadSession { upload_url: created.upload_url.unwrap_or_default(), ..Default::default() };
    let file = tokio::fs::File::open(&path).await?;
    let uploader = AsyncUploader::new(client.config())?;
    let item: DriveItem = uploader.upload(&session, file, |done, total| println!("{done} of {total} bytes")).await?;
    // --- README example ends here.
    std::fs::remove_dir_all(&folder)?;
    assert_eq!(item.id.as_deref(), Some("01NEWFILE"));
    assert_eq!(item.size, Some(total as i64));
    let requests = received(&server).await;
    let puts: Vec<&Request> = requests.iter().filter(|request| request.method.as_str() == "PUT").collect();
    assert_eq!(puts.len(), 3, "three chunks");
    let arrived: Vec<u8> = puts.iter().flat_map(|put| put.body.iter().copied()).collect();
    assert!(arrived == content, "the bytes that arrived are the file's");
    for put in &puts {
        assert!(!put.headers.contains_key("authorization"), "no token reaches the upload URL");
    }
    assert!(requests[0].headers.contains_key("authorization"), "createUploadSession carries the token");
    server.verify().await;
    Ok(())
}

#[tokio::test]
async fn readme_client_credentials() -> Outcome {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contoso.onmicrosoft.com/oauth2/v2.0/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "access_token": "app-token-1", "expires_in": 3599, "token_type": "Bearer" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(header("authorization", "Bearer app-token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [{ "id": "u1" }] })))
        .expect(2)
        .mount(&server)
        .await;
    let base = format!("{}/v1.0", server.uri());
    let login = server.uri();
    // --- README example starts here: client-credentials
    use generated::runtime::nonblocking::{Client, ReqwestStack};
    use generated::runtime::{BaseUrl, CachedCredentials, ClientCredentials, Config};

    let config = Config::new(BaseUrl::Custom(base));
    let credentials = ClientCredentials::new(&config.base, "contoso.onmicrosoft.com", "<client id>", "<client secret>")
        .with_endpoint(format!("{login}/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    let client = Client::from_config(config.clone(), CachedCredentials::new(credentials, ReqwestStack::new(&config)?))?;
    // --- README example ends here.
    for _ in 0..2 {
        let generated::v1_0::user_list::Response::Ok(page) =
            client.send(generated::v1_0::user_list::UserList::new()).await?
        else {
            panic!("a page of users");
        };
        assert_eq!(page.items.len(), 1);
    }
    server.verify().await;
    Ok(())
}
