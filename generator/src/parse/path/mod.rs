//! The "HTTP request" section's `METHOD /path?query` lines, parsed into path templates.
//!
//! The grammar is the docs' own (see `docs/doc-format.md`): literal segments, `{id}` and `{a | b}` placeholders,
//! `<x>` placeholders, item paths `root:/{item-path}:`, functions `range(address='{address}')`, keys
//! `items('{id}')`, casts `microsoft.graph.user`, `$ref`-like system segments and a query string. Odd spellings are
//! normalised and each normalisation is returned as a note, so that a caller can report it.
//!
//! [`url`] splits a URL into host, version, path and query; [`segments`] reads the path's segments; [`scan`] finds
//! separators outside brackets and quotes for both.

mod scan;
mod segments;
mod url;

use super::text::{contains_short, excerpt, first_word, starts_with_ignore_ascii_case};
use crate::ir::PathTemplate;
use compact_str::CompactString;
use scan::TopLevel;
use segments::segments_of;
use std::borrow::Cow;
use url::split_url_with;
pub use url::{split_url, strip_http_version, UrlParts};

/// The note for a path written from the service root, `~/x`.
pub const SERVICE_ROOT_NOTE: &str = "the path starts at the service root `~/`; the template starts at the next segment";

/// Methods an operation line may start with.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Parses one `METHOD /path` line into the method and its template.
pub fn parse_operation_line(line: &str) -> Result<(&'static str, PathTemplate), String> {
    parse_operation_line_noted(line).map(|(method, template, _)| (method, template))
}

/// Like [`parse_operation_line`], also returning what was normalised (lowercase method, `<x>` placeholder, ...).
pub fn parse_operation_line_noted(line: &str) -> Result<(&'static str, PathTemplate, Vec<String>), String> {
    let mut notes = Vec::new();
    let cleaned = clean(line, &mut notes);
    let text = cleaned.trim();
    let line = check_line(text).map_err(|error| error.message(text))?;
    if line.rest_unspaced {
        notes.push(format!("no space between `{}` and the path", line.word));
    }
    if line.word != line.method {
        notes.push(format!("the method `{}` is not in capitals", line.word));
    }
    let template = template_of_url(line.url, Some(line.query), &mut notes);
    Ok((line.method, template, notes))
}

/// Whether `line` reads as a `METHOD /path` line: [`parse_operation_line`] would succeed. Cheaper, as it does not
/// build the template (nor an error message).
pub fn is_operation_line(line: &str) -> bool {
    let cleaned = clean(line, &mut Vec::new());
    check_line(cleaned.trim()).is_ok()
}

/// A `METHOD /path` line that passed [`check_line`].
struct CheckedLine<'a> {
    /// The method as written.
    word: &'a str,
    /// The method in capitals.
    method: &'static str,
    /// Whether the path follows the method without a space.
    rest_unspaced: bool,
    /// The trimmed text after the method, without a trailing ` HTTP/1.1`.
    url: &'a str,
    /// Where the query's `?` is in `url`, if anywhere.
    query: Option<usize>,
}

/// Why a line is not a `METHOD /path` line; the message is only built when wanted.
enum LineError {
    NoMethod,
    NoSpace,
    NoPath,
    NotAPath,
    TextPath,
}

impl LineError {
    /// The message for the (cleaned, trimmed) line `text`.
    fn message(&self, text: &str) -> String {
        let word_end = text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len());
        let (word, rest) = (&text[..word_end], text[word_end..].trim());
        match self {
            LineError::NoMethod => {
                let found = first_word(text).unwrap_or("");
                format!("expected `METHOD /path` starting with an HTTP method, found `{}`", excerpt(found))
            }
            LineError::NoSpace => format!("expected `METHOD /path`, found `{}`", excerpt(text)),
            LineError::NoPath => format!("expected a path after `{word}`, found nothing"),
            LineError::NotAPath => format!("expected a path after `{word}`, found `{}`", excerpt(rest)),
            LineError::TextPath => format!("expected a path after `{word}`, found text `{}`", excerpt(rest)),
        }
    }
}

/// Checks the shape of a cleaned, trimmed `METHOD /path` line without building its template.
fn check_line(text: &str) -> Result<CheckedLine<'_>, LineError> {
    // Bytes: a character that is not an ASCII letter starts with a byte that is not one.
    let word_end = text.bytes().position(|byte| !byte.is_ascii_alphabetic()).unwrap_or(text.len());
    let word = &text[..word_end];
    let method = METHODS.iter().find(|method| method.eq_ignore_ascii_case(word)).ok_or(LineError::NoMethod)?;
    let rest = &text[word_end..];
    let rest_unspaced = rest.starts_with('/');
    if !rest_unspaced && !rest.starts_with(char::is_whitespace) {
        return Err(LineError::NoSpace);
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Err(LineError::NoPath);
    }
    let absolute = rest.starts_with('/') || starts_with_ignore_ascii_case(rest, "http");
    // Prose such as "Get a list of ..." starts with a method word too: a path starts like a path.
    let path_like = rest.starts_with(['/', '{', '~', '<', '$', '_']) || rest.starts_with(|c: char| c.is_alphanumeric());
    // `contains_short`: a `str` search would first build a searcher, costlier than this short line's scan.
    if !path_like || contains_short(rest, "**") || (word != *method && !absolute) {
        return Err(LineError::NotAPath);
    }
    let (url, _) = strip_http_version(rest);
    // One scan finds the query's `?` (as `find_top` would) and the first whitespace before it, all at the top level.
    let mut top = TopLevel::new(url, false, scan::QUERY | scan::SPACE);
    let (mut query, mut space) = (None, None);
    for index in top.by_ref() {
        if url.as_bytes()[index] == b'?' {
            query = Some(index);
            break;
        }
        space = space.or(Some(index));
    }
    if query.is_none() && !top.balanced() {
        query = url.bytes().position(|byte| byte == b'?');
    }
    let path_end = query.unwrap_or(url.len());
    if !absolute && space.is_some_and(|space| space < path_end) {
        return Err(LineError::TextPath);
    }
    Ok(CheckedLine { word, method, rest_unspaced, url, query })
}

/// Parses a path (with an optional `?query`, host and API version) into a template.
pub fn parse_template(path: &str) -> PathTemplate {
    parse_template_noted(path).0
}

/// Like [`parse_template`], also returning what was normalised.
pub fn parse_template_noted(path: &str) -> (PathTemplate, Vec<String>) {
    let mut notes = Vec::new();
    let cleaned = clean(path, &mut notes);
    let template = template_of(&cleaned, &mut notes);
    (template, notes)
}

/// Removes backticks and markdown escapes (`\_`), which are never part of a Graph path.
fn clean<'a>(line: &'a str, notes: &mut Vec<String>) -> Cow<'a, str> {
    let line = line.trim();
    if memchr::memchr2(b'`', b'\\', line.as_bytes()).is_none() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let (mut ticks, mut escapes) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '`' => ticks = true,
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => escapes = true,
            _ => out.push(c),
        }
    }
    if ticks {
        notes.push("backticks removed".to_owned());
    }
    if escapes {
        notes.push("markdown escapes (`\\_`) removed".to_owned());
    }
    Cow::Owned(out)
}

fn template_of(text: &str, notes: &mut Vec<String>) -> PathTemplate {
    template_of_url(strip_http_version(text.trim()).0, None, notes)
}

/// The template of a URL whose ` HTTP/1.1` suffix, if any, is already stripped; `query`: where its query's `?` is,
/// when already found (see [`split_url_with`]).
fn template_of_url(url: &str, query: Option<Option<usize>>, notes: &mut Vec<String>) -> PathTemplate {
    // `~/x` (the service root, as some pages write it): the template starts at `x`. `query` counts bytes of `url`.
    let (url, query) = match url.trim_start().strip_prefix('~').filter(|rest| rest.starts_with('/')) {
        Some(rest) => {
            notes.push(SERVICE_ROOT_NOTE.to_owned());
            let cut = url.len() - rest.len();
            (rest, query.map(|query| query.map(|at| at.saturating_sub(cut))))
        }
        None => (url, query),
    };
    let parts = split_url_with(url, query, notes);
    if !url.trim_start().starts_with('/') && parts.host.is_none() {
        notes.push("the path does not start with `/`".to_owned());
    }
    if let Some(other) = parts.host.as_deref().filter(|_| !parts.is_graph()) {
        notes.push(format!("the URL is on another host, `{other}`"));
    }
    let segments = segments_of(&parts.path, notes);
    PathTemplate { segments, query: parts.query.map(CompactString::from) }
}

#[cfg(test)]
mod tests;
