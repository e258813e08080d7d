//! The Azure SDK adapter: a credential's token reaches Graph, and its failure is an error without the secret.
#![cfg(feature = "azure")]

mod common;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use common::{base, Call};
use graphdoc_runtime::nonblocking::Client;
use graphdoc_runtime::{AzureCredential, BaseUrl, Config, Error};
use std::sync::{Arc, Mutex};
use wiremock::matchers::{header, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A credential that records the scopes it was asked for.
#[derive(Debug, Default)]
struct Fake {
    asked: Mutex<Vec<String>>,
    fail: bool,
}

#[async_trait::async_trait]
impl TokenCredential for Fake {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.asked.lock().expect("a lock").extend(scopes.iter().map(|scope| (*scope).to_owned()));
        if self.fail {
            return Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Credential, "no login"));
        }
        let expires = azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1);
        Ok(AccessToken::new("azure-token", expires))
    }
}

#[tokio::test]
async fn an_azure_credentials_token_is_sent_for_the_clouds_scope() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/me"))
        .and(header("Authorization", "Bearer azure-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let fake = Arc::new(Fake::default());
    let tokens = AzureCredential::new(fake.clone(), &BaseUrl::China("v1.0"));
    let client = Client::from_config(Config::new(base(&server)), tokens).expect("a client");
    let (status, _) = client.send(Call::get("/me")).await.expect("authorized");
    assert_eq!(status, 200);
    assert_eq!(*fake.asked.lock().expect("a lock"), ["https://microsoftgraph.chinacloudapi.cn/.default"]);
}

#[tokio::test]
async fn an_azure_credentials_failure_is_a_transport_error_with_its_source() {
    let server = MockServer::start().await;
    let fake = Arc::new(Fake { fail: true, ..Fake::default() });
    let client =
        Client::from_config(Config::new(base(&server)), AzureCredential::new(fake, &BaseUrl::V1)).expect("a client");
    let error = client.send(Call::get("/me")).await.expect_err("no token");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let source = std::error::Error::source(&error).and_then(std::error::Error::source).map(ToString::to_string);
    assert!(source.is_some_and(|text| text.contains("no login")), "{error:?}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}
