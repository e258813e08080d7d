//! The "HTTP request" section's `METHOD /path?query` lines, parsed into path templates.

use crate::ir::{PathTemplate, Segment};

/// Methods an operation line may start with.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Parses one `METHOD /path` line into the method and its template.
pub fn parse_operation_line(line: &str) -> Result<(String, PathTemplate), String> {
    let line = line.trim();
    let (method, rest) =
        line.split_once(char::is_whitespace).ok_or_else(|| format!("expected `METHOD /path`, found `{line}`"))?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return Err(format!("expected an HTTP method, found `{method}`"));
    }
    Ok((method, parse_template(rest.trim())))
}

/// Parses a path (with an optional `?query`) into a template.
pub fn parse_template(path: &str) -> PathTemplate {
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (path, None),
    };
    let segments = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| Segment::Literal { value: segment.to_owned() })
        .collect();
    PathTemplate { segments, query }
}
