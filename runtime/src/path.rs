//! Path templates rendered with the right encoding, refusing values that would change the path's shape.

use std::fmt;

/// A piece of a path template, rendered with the right encoding.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    /// Literal text of the template, sent as is.
    Literal(&'a str),
    /// A path parameter: one segment, percent-encoded; empty, `.` and `..` are refused.
    Segment(&'a str),
    /// An item path (`root:/{item-path}:`): its `/` kept, everything else percent-encoded; empty, `.` and `..`
    /// segments are refused, and so are `:` and `\`, which OneDrive and SharePoint names cannot hold (a server
    /// that decodes them would read the path differently).
    ItemPath(&'a str),
    /// A value inside an OData string literal (`'{id}'`): quotes doubled, then percent-encoded.
    Quoted(&'a str),
}

/// Where a refused argument was going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A path parameter ([`Piece::Segment`]).
    Segment,
    /// An item path ([`Piece::ItemPath`]).
    ItemPath,
    /// A type name given to [`Operation::cast`](crate::Operation::cast).
    Cast,
    /// A prefix given to [`Operation::under`](crate::Operation::under).
    Prefix,
}

/// Why an argument was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// An empty segment: `/users//messages` is read as another path by many servers.
    Empty,
    /// A `.` or `..` segment (or `%2e`, `%2E%2e`, ...): URL normalisation removes it with its neighbour, and
    /// servers and proxies decode `%2E` first, so encoding the dots would not be safe either.
    Dots,
    /// A character that cannot be sent there.
    Character(char),
    /// A prefix that does not start with `/`.
    Relative,
}

/// An argument refused because it would change which resource a request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub place: Place,
    pub why: Why,
    /// The argument as given.
    pub value: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.why {
            Why::Empty => "an empty segment".to_owned(),
            Why::Dots => "a `.` or `..` segment".to_owned(),
            Why::Character(c) => format!("the character {c:?}"),
            Why::Relative => "no leading `/`".to_owned(),
        };
        write!(f, "the {:?} argument {:?} has {why}, which would change the request's path", self.place, self.value)
    }
}

pub(crate) const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
pub(crate) const ITEM_PATH: &percent_encoding::AsciiSet = &SEGMENT.remove(b'/');
pub(crate) const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'&').add(b'+').add(b'<').add(b'>').add(b'%');
/// A query name also encodes `=` and `;`, so that no name can add a parameter or a value.
pub(crate) const QUERY_NAME: &percent_encoding::AsciiSet = &QUERY.add(b'=').add(b';');

/// Refuses a segment (already percent-decoded) that would not stay one segment of the path.
pub(crate) fn check_segment(place: Place, segment: &str, value: &str) -> Result<(), Refused> {
    let why = match segment {
        "" => Why::Empty,
        "." | ".." => Why::Dots,
        _ => return Ok(()),
    };
    Err(Refused { place, why, value: value.to_owned() })
}

/// Refuses an item path with empty or dot segments, `:` or `\`; returns it without its leading `/`.
fn check_item_path(value: &str) -> Result<&str, Refused> {
    let relative = value.strip_prefix('/').unwrap_or(value);
    if let Some(c) = relative.chars().find(|c| matches!(c, ':' | '\\')) {
        return Err(Refused { place: Place::ItemPath, why: Why::Character(c), value: value.to_owned() });
    }
    relative.split('/').try_for_each(|segment| check_segment(Place::ItemPath, segment, value))?;
    Ok(relative)
}

/// Refuses a raw prefix (sent as is) that is relative, holds a query, fragment, backslash, space or control
/// character, or has a segment that reads (percent-decoded) as empty, `.` or `..`.
pub(crate) fn check_prefix(prefix: &str) -> Result<&str, Refused> {
    let trimmed = prefix.trim_end_matches('/');
    let refuse = |why| Err(Refused { place: Place::Prefix, why, value: prefix.to_owned() });
    if let Some(c) = trimmed.chars().find(|&c| matches!(c, '?' | '#' | '\\') || c.is_whitespace() || c.is_control()) {
        return refuse(Why::Character(c));
    }
    let Some(relative) = trimmed.strip_prefix('/') else {
        return if trimmed.is_empty() { Ok(trimmed) } else { refuse(Why::Relative) };
    };
    for segment in relative.split('/') {
        check_segment(Place::Prefix, &percent_encoding::percent_decode_str(segment).decode_utf8_lossy(), prefix)?;
    }
    Ok(trimmed)
}

/// Renders a path from its pieces, or says which argument would change its shape.
pub fn render_path(pieces: &[Piece<'_>]) -> Result<String, Refused> {
    let mut path = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => path.push_str(text),
            Piece::Segment(value) => {
                check_segment(Place::Segment, value, value)?;
                path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
            }
            Piece::ItemPath(value) => {
                path.extend(percent_encoding::utf8_percent_encode(check_item_path(value)?, ITEM_PATH))
            }
            Piece::Quoted(value) => {
                path.extend(percent_encoding::utf8_percent_encode(&value.replace('\'', "''"), SEGMENT))
            }
        }
    }
    Ok(path)
}
