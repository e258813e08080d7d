//! Where requests go and what they need: base URLs per cloud and documented permissions.

/// Where requests go: a Graph API version on the public cloud, a national cloud, or any base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrl {
    /// `https://graph.microsoft.com/v1.0`
    V1,
    /// `https://graph.microsoft.com/beta`
    Beta,
    /// US Government L4: `https://graph.microsoft.us/{version}`
    UsGov(&'static str),
    /// China (21Vianet): `https://microsoftgraph.chinacloudapi.cn/{version}`
    China(&'static str),
    /// Any base, without a trailing slash: `http://127.0.0.1:8080/v1.0`
    Custom(String),
}

impl BaseUrl {
    /// The base URL as text, without a trailing slash.
    pub fn as_str(&self) -> String {
        match self {
            BaseUrl::V1 => "https://graph.microsoft.com/v1.0".to_owned(),
            BaseUrl::Beta => "https://graph.microsoft.com/beta".to_owned(),
            BaseUrl::UsGov(version) => format!("https://graph.microsoft.us/{version}"),
            BaseUrl::China(version) => format!("https://microsoftgraph.chinacloudapi.cn/{version}"),
            BaseUrl::Custom(base) => base.trim_end_matches('/').to_owned(),
        }
    }
}

/// The permissions an operation documents, each list least privileged first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub delegated_work: &'static [&'static str],
    pub delegated_personal: &'static [&'static str],
    pub application: &'static [&'static str],
    /// Scopes the docs list without saying for which kind of token.
    pub unspecified: &'static [&'static str],
}

/// Which kind of token a caller holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Permissions {
    /// Whether a token of `kind` with `scopes` holds one of the documented permissions.
    pub fn allows(&self, kind: TokenKind, scopes: &[&str]) -> bool {
        let documented = match kind {
            TokenKind::DelegatedWork => self.delegated_work,
            TokenKind::DelegatedPersonal => self.delegated_personal,
            TokenKind::Application => self.application,
        };
        documented
            .iter()
            .chain(self.unspecified)
            .any(|needed| scopes.iter().any(|held| held.eq_ignore_ascii_case(needed)))
    }
}
