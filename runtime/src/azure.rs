//! Tokens from the Azure SDK (feature `azure`): any `azure_core` [`TokenCredential`] (the `azure_identity`
//! crate's `ClientSecretCredential`, `ManagedIdentityCredential`, `DeveloperToolsCredential`, ...) as the
//! async client's [`AsyncTokenProvider`]. The credential caches and refreshes its own tokens.

use crate::config::BoxFuture;
use crate::{AsyncTokenProvider, BaseUrl, Error, Token, TransportError};
use azure_core::credentials::TokenCredential;
use std::sync::Arc;

/// An Azure SDK credential asked for the scopes of a cloud's Graph.
#[derive(Debug, Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
}

impl AzureCredential {
    /// `credential` asked for `cloud`'s Graph `/.default` scope.
    pub fn new(credential: Arc<dyn TokenCredential>, cloud: &BaseUrl) -> Self {
        AzureCredential { credential, scopes: vec![cloud.default_scope().to_owned()] }
    }

    /// Asks for other scopes (delegated ones, say).
    pub fn with_scopes(mut self, scopes: &[&str]) -> Self {
        self.scopes = scopes.iter().map(|scope| (*scope).to_owned()).collect();
        self
    }
}

impl AsyncTokenProvider for AzureCredential {
    fn token(&self) -> BoxFuture<'_, Result<Token, Error>> {
        Box::pin(async move {
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let token =
                self.credential.get_token(&scopes, None).await.map_err(|error| {
                    Error::Transport(TransportError::new("the Azure credential gave no token", error))
                })?;
            Ok(Token::new(token.token.secret()))
        })
    }
}
