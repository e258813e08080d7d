//! URLs split into host, API version, path and query.

use super::scan::find_top;
use crate::parse::text::starts_with_ignore_ascii_case;
use std::borrow::Cow;

/// A URL split into its parts, borrowed from the URL where they appear in it as they are (so that splitting
/// copies nothing a caller does not keep); `path` keeps its leading `/` (added when the URL had none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// The host when the URL is absolute.
    pub host: Option<Cow<'a, str>>,
    /// `v1.0`, `beta`, or an odd version as written (`v1`), for Graph URLs only.
    pub api_version: Option<Cow<'a, str>>,
    pub path: Cow<'a, str>,
    /// The text after the first `?` outside quotes and parentheses, when not empty.
    pub query: Option<&'a str>,
}

impl UrlParts<'_> {
    /// Whether the URL addresses Microsoft Graph (a relative URL is taken to).
    pub fn is_graph(&self) -> bool {
        self.host.as_deref().is_none_or(is_graph_host)
    }
}

/// Splits a URL (absolute, relative, or on another host) into host, API version, path and query.
/// Oddities (a `/v1/` or `V1.0` version, a typo in the host) are pushed to `notes`; another host is not one (upload
/// URLs are normal in examples), nor is a relative path without its leading `/`.
pub fn split_url<'a>(url: &'a str, notes: &mut Vec<String>) -> UrlParts<'a> {
    split_url_with(url, None, notes)
}

/// Like [`split_url`]; `query_in_url` is where the query's `?` is in `url` (trimmed), when the caller has already
/// found it: it is used if the URL has no host to strip (it is then where the `?` of the path is).
pub(super) fn split_url_with<'a>(
    url: &'a str,
    query_in_url: Option<Option<usize>>,
    notes: &mut Vec<String>,
) -> UrlParts<'a> {
    let mut rest = url.trim();
    let mut host: Option<Cow<'a, str>> = None;
    for scheme in ["https://", "http://"] {
        if starts_with_ignore_ascii_case(rest, scheme) {
            let after = &rest[scheme.len()..];
            // Bytes: `/` and `?` are ASCII (a `char` pattern would decode every character of the host).
            let end = after.bytes().position(|byte| matches!(byte, b'/' | b'?')).unwrap_or(after.len());
            host = Some(Cow::Borrowed(&after[..end]));
            rest = &after[end..];
            break;
        }
    }
    if host.is_none() && starts_with_ignore_ascii_case(rest, "graph.microsoft.com/") {
        notes.push("the URL has no `https://`".to_owned());
        host = Some(Cow::Borrowed(&rest[..19]));
        rest = &rest[19..];
    }
    // `https://graph/microsoft.com/beta/...` occurs: a `/` typed for a `.`.
    if host.as_deref().is_some_and(|host| host.eq_ignore_ascii_case("graph"))
        && starts_with_ignore_ascii_case(rest, "/microsoft.com/")
    {
        notes.push("the host `graph/microsoft.com` read as `graph.microsoft.com`".to_owned());
        host = Some(Cow::Borrowed("graph.microsoft.com"));
        rest = &rest["/microsoft.com".len()..];
    }
    let query_at = match query_in_url {
        Some(known) if rest.len() == url.len() => known,
        _ => find_top(rest, b'?'),
    };
    let (path, query) = match query_at {
        Some(index) => (&rest[..index], Some(rest[index + 1..].trim())),
        None => (rest, None),
    };
    let mut path = path.trim_end();
    let mut api_version = None;
    if host.as_deref().is_none_or(is_graph_host) {
        let trimmed = path.trim_start_matches('/');
        let first = &trimmed[..memchr::memchr(b'/', trimmed.as_bytes()).unwrap_or(trimmed.len())];
        if first == "v1.0" || first == "beta" {
            api_version = Some(Cow::Borrowed(first));
        } else if first.eq_ignore_ascii_case("v1.0") || first.eq_ignore_ascii_case("beta") {
            notes.push(format!("the API version `{first}` read as `{}`", first.to_ascii_lowercase()));
            api_version = Some(Cow::Owned(first.to_ascii_lowercase()));
        } else if is_odd_version(first) {
            notes.push(format!("the API version `{first}` is neither `v1.0` nor `beta`"));
            api_version = Some(Cow::Borrowed(first));
        }
        if api_version.is_some() {
            path = &trimmed[first.len()..];
            if host.is_none() {
                notes.push(format!("the relative path starts with the API version `{first}`"));
            }
        }
    }
    let path = if path.starts_with('/') { Cow::Borrowed(path) } else { Cow::Owned(format!("/{path}")) };
    UrlParts { host, api_version, path, query: query.filter(|query| !query.is_empty()) }
}

/// Strips a trailing ` HTTP/1.1` (any version); returns the rest and whether there was one.
pub fn strip_http_version(text: &str) -> (&str, bool) {
    let text = text.trim_end();
    // Read from the end (most lines have no version, and no whitespace to look back for): the version's digits and
    // dots, `HTTP/`, then the whitespace before it.
    let tail = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let Some(before) =
        tail.len().checked_sub(5).filter(|&start| tail.as_bytes()[start..].eq_ignore_ascii_case(b"HTTP/"))
    else {
        return (text, false);
    };
    match tail[..before].chars().next_back() {
        Some(space) if space.is_whitespace() => (text[..before - space.len_utf8()].trim_end(), true),
        _ => (text, false),
    }
}

/// A Graph host, in any letter case.
fn is_graph_host(host: &str) -> bool {
    // Nearly every absolute URL is on the one usual host: no window to slide for it.
    if host.eq_ignore_ascii_case("graph.microsoft.com") {
        return true;
    }
    let needle = b"graph.microsoft";
    host.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
        || host.eq_ignore_ascii_case("microsoftgraph.chinacloudapi.cn")
}

/// `v1`, `V1.0`, `v2.0`: a version segment that is not one of the two real ones.
fn is_odd_version(segment: &str) -> bool {
    segment.strip_prefix(['v', 'V']).is_some_and(|number| {
        !number.is_empty()
            && number.starts_with(|c: char| c.is_ascii_digit())
            && number.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}
