//! The "HTTP request" section's `METHOD /path?query` lines, parsed into path templates.
//!
//! The grammar is the docs' own (see `docs/doc-format.md`): literal segments, `{id}` and `{a | b}` placeholders,
//! `<x>` placeholders, item paths `root:/{item-path}:`, functions `range(address='{address}')`, keys
//! `items('{id}')`, casts `microsoft.graph.user`, `$ref`-like system segments and a query string. Odd spellings are
//! normalised and each normalisation is returned as a note, so that a caller can report it.

use crate::ir::{PathTemplate, Segment, TemplatePart};
use std::borrow::Cow;

/// Methods an operation line may start with.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Parses one `METHOD /path` line into the method and its template.
pub fn parse_operation_line(line: &str) -> Result<(String, PathTemplate), String> {
    parse_operation_line_noted(line).map(|(method, template, _)| (method, template))
}

/// Like [`parse_operation_line`], also returning what was normalised (lowercase method, `<x>` placeholder, ...).
pub fn parse_operation_line_noted(line: &str) -> Result<(String, PathTemplate, Vec<String>), String> {
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
    let template = template_of_url(line.url, &mut notes);
    Ok((line.method.to_owned(), template, notes))
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
                let found = text.split_whitespace().next().unwrap_or("");
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
    let word_end = text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len());
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
    let absolute = rest.starts_with('/') || starts_with_ignore_case(rest, "http");
    // Prose such as "Get a list of ..." starts with a method word too: a path starts like a path.
    let path_like = rest.starts_with(['/', '{', '~', '<', '$', '_']) || rest.starts_with(|c: char| c.is_alphanumeric());
    if !path_like || rest.contains("**") || (word != *method && !absolute) {
        return Err(LineError::NotAPath);
    }
    let (url, _) = strip_http_version(rest);
    let path_end = find_top(url, b'?').unwrap_or(url.len());
    if !absolute && has_top_whitespace(&url[..path_end]) {
        return Err(LineError::TextPath);
    }
    Ok(CheckedLine { word, method, rest_unspaced, url })
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
    let mut rest = url.trim();
    let mut host: Option<Cow<'a, str>> = None;
    for scheme in ["https://", "http://"] {
        if starts_with_ignore_case(rest, scheme) {
            let after = &rest[scheme.len()..];
            let end = after.find(['/', '?']).unwrap_or(after.len());
            host = Some(Cow::Borrowed(&after[..end]));
            rest = &after[end..];
            break;
        }
    }
    if host.is_none() && starts_with_ignore_case(rest, "graph.microsoft.com/") {
        notes.push("the URL has no `https://`".to_owned());
        host = Some(Cow::Borrowed(&rest[..19]));
        rest = &rest[19..];
    }
    // `https://graph/microsoft.com/beta/...` occurs: a `/` typed for a `.`.
    if host.as_deref().is_some_and(|host| host.eq_ignore_ascii_case("graph"))
        && starts_with_ignore_case(rest, "/microsoft.com/")
    {
        notes.push("the host `graph/microsoft.com` read as `graph.microsoft.com`".to_owned());
        host = Some(Cow::Borrowed("graph.microsoft.com"));
        rest = &rest["/microsoft.com".len()..];
    }
    let (path, query) = match find_top(rest, b'?') {
        Some(index) => (&rest[..index], Some(rest[index + 1..].trim())),
        None => (rest, None),
    };
    let mut path = path.trim_end();
    let mut api_version = None;
    if host.as_deref().is_none_or(is_graph_host) {
        let trimmed = path.trim_start_matches('/');
        let first = trimmed.split('/').next().unwrap_or("");
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
    if let Some(index) = text.rfind(char::is_whitespace) {
        let last = &text[index..].trim_start();
        if starts_with_ignore_case(last, "HTTP/") && last[5..].chars().all(|c| c.is_ascii_digit() || c == '.') {
            return (text[..index].trim_end(), true);
        }
    }
    (text, false)
}

/// A Graph host, in any letter case.
fn is_graph_host(host: &str) -> bool {
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

/// Removes backticks and markdown escapes (`\_`), which are never part of a Graph path.
fn clean<'a>(line: &'a str, notes: &mut Vec<String>) -> Cow<'a, str> {
    let line = line.trim();
    if !line.bytes().any(|byte| byte == b'`' || byte == b'\\') {
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
    template_of_url(strip_http_version(text.trim()).0, notes)
}

/// The template of a URL whose ` HTTP/1.1` suffix, if any, is already stripped.
fn template_of_url(url: &str, notes: &mut Vec<String>) -> PathTemplate {
    let parts = split_url(url, notes);
    if !url.trim_start().starts_with('/') && parts.host.is_none() {
        notes.push("the path does not start with `/`".to_owned());
    }
    if let Some(other) = parts.host.as_deref().filter(|_| !parts.is_graph()) {
        notes.push(format!("the URL is on another host, `{other}`"));
    }
    let segments = segments_of(&parts.path, notes);
    PathTemplate { segments, query: parts.query.map(str::to_owned) }
}

/// The segments of a path without its query. Item paths span several `/`-separated pieces.
fn segments_of(path: &str, notes: &mut Vec<String>) -> Vec<Segment> {
    let path = path.strip_prefix('/').unwrap_or(path);
    if path.is_empty() {
        return Vec::new();
    }
    let pieces = split_top(path, b'/');
    let mut segments = Vec::with_capacity(pieces.len());
    let mut index = 0;
    while index < pieces.len() {
        let piece = pieces[index].trim();
        index += 1;
        if piece.is_empty() {
            notes.push("an empty segment (`//` or a trailing `/`) dropped".to_owned());
            continue;
        }
        match piece.strip_suffix(':') {
            Some(prefix) if !prefix.is_empty() && index < pieces.len() => {
                let close = pieces[index..].iter().position(|piece| piece.trim_end().ends_with(':'));
                let end = match close {
                    Some(offset) => index + offset + 1,
                    None => {
                        notes.push(format!("the item path after `{piece}/` is not closed by `:`"));
                        pieces.len()
                    }
                };
                let inner = pieces[index..end].join("/");
                let inner = inner.trim();
                let inner = if close.is_some() { &inner[..inner.len() - 1] } else { inner };
                index = end;
                segments.push(Segment::ItemPath {
                    prefix: parts_of(prefix.trim(), notes),
                    path: parts_of(inner.trim(), notes),
                });
            }
            _ => segments.push(classify(piece, notes)),
        }
    }
    segments
}

/// One segment (no `/` at the top level).
fn classify(piece: &str, notes: &mut Vec<String>) -> Segment {
    if let Some(name) = piece.strip_prefix('$') {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Segment::System { name: piece.to_owned() };
        }
    }
    if let Some(names) = whole_param(piece, notes) {
        return Segment::Param { names };
    }
    if let Some(segment) = call(piece, notes) {
        return segment;
    }
    // `range(address='<address>'` missing its `)`: the call reads well once closed.
    if piece.contains('(') && !piece.ends_with(')') && piece.matches('(').count() > piece.matches(')').count() {
        let mut closed_notes = Vec::new();
        if let Some(segment) = call(&format!("{piece})"), &mut closed_notes) {
            notes.push(format!("the `)` missing from `{piece}` added"));
            notes.append(&mut closed_notes);
            return segment;
        }
    }
    if let Some(type_name) = cast(piece, notes) {
        return Segment::Cast { type_name };
    }
    if !piece.contains(['{', '}', '<', '>', '(', ')']) && !piece.contains(char::is_whitespace) {
        return Segment::Literal { value: piece.to_owned() };
    }
    notes.push(format!("the segment `{piece}` has no usual form; kept as text"));
    Segment::Mixed { parts: parts_of(piece, notes) }
}

/// `{a | b}`, `<x>`, `(x)` and misspellings of them (`{x`, `{x}}`, `{x} | y`) as a whole segment.
fn whole_param(piece: &str, notes: &mut Vec<String>) -> Option<Vec<String>> {
    if let Some(inner) = piece.strip_prefix('{') {
        let (inner, odd) = match inner.strip_suffix('}') {
            Some(inner) => match inner.strip_suffix('}') {
                Some(inner) => (inner.strip_prefix('{').unwrap_or(inner), true),
                None => (inner.strip_prefix('{').unwrap_or(inner), inner.starts_with('{')),
            },
            // `{x} | y`: the second name written outside the braces.
            None => match inner.split_once('}') {
                Some((first, second)) if second.trim_start().starts_with('|') && !second.contains(['{', '}']) => {
                    notes.push(format!("`{piece}` read as `{{{first} {second}}}`"));
                    return Some(param_names(&format!("{first}{second}"))).filter(|names| !names.is_empty());
                }
                Some(_) => return None,
                None => (inner, true),
            },
        };
        if inner.contains(['{', '}']) {
            return None;
        }
        let names = param_names(inner);
        if names.is_empty() {
            return None;
        }
        if odd {
            notes.push(format!("the braces of `{piece}` are unbalanced"));
        }
        if inner.trim_start().starts_with(':') {
            notes.push(format!("a `:` before the name in `{piece}` dropped"));
        }
        return Some(names);
    }
    for (open, close, what) in [('<', '>', "`<x>`"), ('(', ')', "`(x)`"), ('\'', '\'', "quoted")] {
        let inner = piece.strip_prefix(open).and_then(|rest| rest.strip_suffix(close));
        // `'{id}'`: a quoted placeholder standing alone.
        let inner = match (open, inner) {
            ('\'', Some(quoted)) => quoted.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')),
            (_, inner) => inner,
        };
        if let Some(inner) = inner.filter(|inner| is_placeholder_name(inner)) {
            notes.push(format!("the {what} placeholder `{piece}` read as `{{{}}}`", inner.trim()));
            return Some(param_names(inner));
        }
    }
    None
}

/// The names of a `{a | b}` placeholder: trimmed, inner whitespace collapsed, empty ones dropped.
fn param_names(inner: &str) -> Vec<String> {
    inner.split('|').map(collapse_name).filter(|name| !name.is_empty()).collect()
}

/// One name of a placeholder: trimmed, without a leading `:`, inner whitespace runs made one space.
fn collapse_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.trim().trim_start_matches(':').split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_placeholder_name(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '|'))
}

/// `name(...)`: a function (`delta()`, `range(address='{address}')`) or a key (`items('{id}')`).
fn call(piece: &str, notes: &mut Vec<String>) -> Option<Segment> {
    let open = piece.find('(')?;
    let name = &piece[..open];
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    // The parenthesis opened after the name must close at the very end.
    let inner = piece[open + 1..].strip_suffix(')')?;
    if matching_close(&piece[open..]) != Some(piece.len() - open - 1) {
        return None;
    }
    if inner.trim().is_empty() {
        return Some(Segment::Function { name: name.to_owned(), params: Vec::new() });
    }
    let args = split_scan(inner, b',', true);
    if args.iter().all(|arg| find_scan(arg, b'=', true).is_some()) {
        let mut params = Vec::with_capacity(args.len());
        for arg in args {
            let split = find_scan(arg, b'=', true)?;
            let (param, value) = (arg[..split].trim(), arg[split + 1..].trim());
            if param.is_empty() || !param.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            params.push((param.to_owned(), parts_of(value, notes)));
        }
        return Some(Segment::Function { name: name.to_owned(), params });
    }
    match args.as_slice() {
        [key] if !key.trim().is_empty() => {
            Some(Segment::Key { name: name.to_owned(), key: parts_of(key.trim(), notes) })
        }
        _ => None,
    }
}

/// `microsoft.graph.user` (and `graph.user`, normalised to it).
fn cast(piece: &str, notes: &mut Vec<String>) -> Option<String> {
    let is_name = |text: &str| {
        !text.is_empty()
            && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && !text.ends_with('.')
            && !text.contains("..")
    };
    if starts_with_ignore_case(piece, "microsoft.graph.") && is_name(&piece[16..]) {
        return Some(piece.to_owned());
    }
    if let Some(name) = piece.strip_prefix("graph.").filter(|name| is_name(name)) {
        notes.push(format!("the cast `{piece}` read as `microsoft.graph.{name}`"));
        return Some(format!("microsoft.graph.{name}"));
    }
    None
}

/// Literal text with `{a | b}` and `<x>` placeholders inside (adjacent literal text merged).
fn parts_of(text: &str, notes: &mut Vec<String>) -> Vec<TemplatePart> {
    let mut parts: Vec<TemplatePart> = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(['{', '<']) {
        let close = if rest[start..].starts_with('{') { '}' } else { '>' };
        let placeholder = rest[start + 1..].find(close).map(|end| &rest[start + 1..start + 1 + end]);
        let names = placeholder
            .filter(|inner| !inner.contains(['{', '<']) && (close == '}' || is_placeholder_name(inner)))
            .map(param_names)
            .filter(|names| !names.is_empty());
        literal.push_str(&rest[..start]);
        match (names, placeholder) {
            (Some(names), Some(inner)) => {
                if close == '>' {
                    notes.push(format!("the `<x>` placeholder `<{inner}>` read as `{{{}}}`", inner.trim()));
                }
                if !literal.is_empty() {
                    parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(TemplatePart::Param(names));
                rest = &rest[start + 1 + inner.len() + 1..];
            }
            _ => {
                literal.push_str(&rest[start..start + 1]);
                rest = &rest[start + 1..];
            }
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(TemplatePart::Literal(literal));
    }
    parts
}

/// Scans `text` tracking `(...)`, `{...}` and quotes; calls `at` for each byte at the top level.
/// Quotes count only inside parentheses unless `quotes_everywhere`: an apostrophe in a literal id is not a quote.
/// Returns false when the brackets never balance.
fn scan(text: &str, quotes_everywhere: bool, mut at: impl FnMut(usize, u8) -> bool) -> bool {
    let (mut parens, mut braces, mut quoted) = (0usize, 0usize, false);
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'\'' if quotes_everywhere || parens > 0 => quoted = !quoted,
            _ if quoted => {}
            b'(' => parens += 1,
            b')' => parens = parens.saturating_sub(1),
            b'{' => braces += 1,
            b'}' => braces = braces.saturating_sub(1),
            _ if parens == 0 && braces == 0 && !at(index, byte) => return true,
            _ => {}
        }
    }
    parens == 0 && braces == 0 && !quoted
}

/// The first `sep` at the top level; unbalanced text falls back to the first `sep` anywhere.
fn find_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Option<usize> {
    let mut found = None;
    let balanced = scan(text, quotes_everywhere, |index, byte| {
        if byte == sep {
            found = Some(index);
            false
        } else {
            true
        }
    });
    found.or_else(|| if balanced { None } else { text.bytes().position(|byte| byte == sep) })
}

fn find_top(text: &str, sep: u8) -> Option<usize> {
    find_scan(text, sep, false)
}

/// Splits at each top-level `sep`; unbalanced text is split at every `sep`.
fn split_scan(text: &str, sep: u8, quotes_everywhere: bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let balanced = scan(text, quotes_everywhere, |index, byte| {
        if byte == sep {
            pieces.push(&text[start..index]);
            start = index + 1;
        }
        true
    });
    if !balanced {
        return text.split(sep as char).collect();
    }
    pieces.push(&text[start..]);
    pieces
}

fn split_top(text: &str, sep: u8) -> Vec<&str> {
    split_scan(text, sep, false)
}

/// Whether `text` has whitespace outside brackets and quotes.
fn has_top_whitespace(text: &str) -> bool {
    let mut found = false;
    scan(text, false, |_, byte| {
        found = byte.is_ascii_whitespace();
        !found
    });
    found
}

/// The index of the `)` closing the `(` at the start of `text`.
fn matching_close(text: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0usize, false);
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'\'' => quoted = !quoted,
            _ if quoted => {}
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// At most 60 characters of `text`, for messages.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((index, _)) => format!("{}…", &text[..index]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
