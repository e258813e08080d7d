//! The segments of a path: literals, placeholders, item paths, functions, keys, casts and system segments.

use super::scan::{find_scan, matching_close, split_scan, split_top};
use crate::ir::{Segment, TemplatePart};
use crate::parse::text::{starts_with_ignore_ascii_case, trim};
use compact_str::{format_compact, CompactString};

/// The segments of a path without its query. Item paths span several `/`-separated pieces.
pub(super) fn segments_of(path: &str, notes: &mut Vec<String>) -> Vec<Segment> {
    let path = path.strip_prefix('/').unwrap_or(path);
    if path.is_empty() {
        return Vec::new();
    }
    let pieces = split_top(path, b'/');
    let mut segments = Vec::with_capacity(pieces.len());
    let mut index = 0;
    while index < pieces.len() {
        let piece = trim(pieces[index]);
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

/// The bytes of a word segment (ASCII letters and digits, `_`, `-`, `.`): one lookup per byte of every segment
/// rather than several comparisons.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
        byte += 1;
    }
    table
};

/// One segment (no `/` at the top level).
fn classify(piece: &str, notes: &mut Vec<String>) -> Segment {
    // Most segments are words (`users`, `microsoft.graph.user`): without `$`, brackets, quotes or spaces, none of
    // the forms before the cast can match, and one that is not a cast is a literal.
    let word = !piece.is_empty() && piece.bytes().all(|byte| WORD_BYTE[usize::from(byte)]);
    if word {
        return match cast(piece, notes) {
            Some(type_name) => Segment::Cast { type_name },
            None => Segment::Literal { value: piece.into() },
        };
    }
    if let Some(name) = piece.strip_prefix('$') {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Segment::System { name: piece.into() };
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
        return Segment::Literal { value: piece.into() };
    }
    notes.push(format!("the segment `{piece}` has no usual form; kept as text"));
    Segment::Mixed { parts: parts_of(piece, notes) }
}

/// `{a | b}`, `<x>`, `(x)` and misspellings of them (`{x`, `{x}}`, `{x} | y`) as a whole segment.
fn whole_param(piece: &str, notes: &mut Vec<String>) -> Option<Vec<CompactString>> {
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
fn param_names(inner: &str) -> Vec<CompactString> {
    // Most placeholders hold one name: no split, and a vector of its exact size.
    if !inner.as_bytes().contains(&b'|') {
        let name = collapse_name(inner);
        return if name.is_empty() { Vec::new() } else { vec![name] };
    }
    inner.split('|').map(collapse_name).filter(|name| !name.is_empty()).collect()
}

/// One name of a placeholder: trimmed, without a leading `:`, inner whitespace runs made one space.
fn collapse_name(name: &str) -> CompactString {
    let name = trim(name);
    // Most names are one ASCII word: kept as they are. (ASCII whitespace as `char::is_whitespace` sees it.)
    let plain = |byte: &u8| byte.is_ascii() && !byte.is_ascii_whitespace() && *byte != b'\x0b';
    if !name.starts_with(':') && name.as_bytes().iter().all(plain) {
        return name.into();
    }
    let mut out = CompactString::with_capacity(name.len());
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
        return Some(Segment::Function { name: name.into(), params: Vec::new() });
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
            params.push((param.into(), parts_of(value, notes)));
        }
        return Some(Segment::Function { name: name.into(), params });
    }
    match args.as_slice() {
        [key] if !key.trim().is_empty() => Some(Segment::Key { name: name.into(), key: parts_of(key.trim(), notes) }),
        _ => None,
    }
}

/// `microsoft.graph.user` (and `graph.user`, normalised to it).
fn cast(piece: &str, notes: &mut Vec<String>) -> Option<CompactString> {
    let is_name = |text: &str| {
        !text.is_empty()
            && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && !text.ends_with('.')
            && !text.contains("..")
    };
    if starts_with_ignore_ascii_case(piece, "microsoft.graph.") && is_name(&piece[16..]) {
        return Some(piece.into());
    }
    if let Some(name) = piece.strip_prefix("graph.").filter(|name| is_name(name)) {
        notes.push(format!("the cast `{piece}` read as `microsoft.graph.{name}`"));
        return Some(format_compact!("microsoft.graph.{name}"));
    }
    None
}

/// Literal text with `{a | b}` and `<x>` placeholders inside (adjacent literal text merged).
fn parts_of(text: &str, notes: &mut Vec<String>) -> Vec<TemplatePart> {
    let mut parts: Vec<TemplatePart> = Vec::new();
    let mut literal = CompactString::default();
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

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    #[test]
    fn word_bytes_match_their_predicate() {
        for byte in 0..=255u8 {
            let word = byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.');
            assert_eq!(WORD_BYTE[usize::from(byte)], word, "{byte}");
        }
    }

    #[test]
    fn one_name_reads_as_the_split_reads_it() {
        for inner in ["id", " id ", "", " ", ":id", "  a  b ", "user-id", "\u{a0}é\u{a0}", "a|b", " a | | b "] {
            let split: Vec<CompactString> =
                inner.split('|').map(collapse_name).filter(|name| !name.is_empty()).collect();
            assert_eq!(param_names(inner), split, "{inner:?}");
        }
    }
}
