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

    /// The Microsoft identity platform host that issues tokens for this cloud; a custom base gets the public
    /// cloud's (set another on the token provider).
    pub fn login_authority(&self) -> &'static str {
        match self {
            BaseUrl::V1 | BaseUrl::Beta | BaseUrl::Custom(_) => "https://login.microsoftonline.com",
            BaseUrl::UsGov(_) => "https://login.microsoftonline.us",
            BaseUrl::China(_) => "https://login.chinacloudapi.cn",
        }
    }

    /// The scope an app-only token for this cloud's Graph asks for (`{graph}/.default`).
    pub fn default_scope(&self) -> &'static str {
        match self {
            BaseUrl::V1 | BaseUrl::Beta | BaseUrl::Custom(_) => "https://graph.microsoft.com/.default",
            BaseUrl::UsGov(_) => "https://graph.microsoft.us/.default",
            BaseUrl::China(_) => "https://microsoftgraph.chinacloudapi.cn/.default",
        }
    }

    /// The OAuth 2.0 token endpoint of `tenant` in this cloud.
    pub fn token_endpoint(&self, tenant: &str) -> String {
        // A tenant is a GUID or a domain; anything that would leave its path segment is encoded.
        const SEGMENT: &percent_encoding::AsciiSet =
            &percent_encoding::CONTROLS.add(b' ').add(b'/').add(b'?').add(b'#').add(b'%').add(b'\\');
        let tenant = percent_encoding::utf8_percent_encode(tenant, SEGMENT);
        format!("{}/{tenant}/oauth2/v2.0/token", self.login_authority())
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
