//! Finding sections by their English anchor or, failing that, by English heading text.

use super::markdown::{Block, BlockKind};

/// The canonical section ids this crate understands.
const ALIASES: &[(&str, &str)] = &[
    ("http request", "http-request"),
    ("http requests", "http-request"),
    ("permissions", "permissions"),
    ("permission", "permissions"),
    ("prerequisites", "permissions"),
    ("request headers", "request-headers"),
    ("request header", "request-headers"),
    ("optional request headers", "request-headers"),
    ("optional request header", "request-headers"),
    ("headers", "request-headers"),
    ("request body", "request-body"),
    ("response", "response"),
    ("responses", "response"),
    ("response body", "response"),
    ("example", "examples"),
    ("examples", "examples"),
    ("optional query parameters", "optional-query-parameters"),
    ("query parameters", "optional-query-parameters"),
    ("optional query parameter", "optional-query-parameters"),
    ("path parameters", "path-parameters"),
    ("function parameters", "function-parameters"),
    ("parameters", "function-parameters"),
    ("method parameters", "function-parameters"),
    ("error handling", "error-handling"),
    ("errors", "error-handling"),
    ("properties", "properties"),
    ("relationships", "relationships"),
    ("json representation", "json-representation"),
    ("methods", "methods"),
    ("members", "members"),
];

/// A section: its id, heading level and the blocks after its heading, up to the next section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: &'static str,
    pub level: u8,
    /// Index of the heading block.
    pub heading: usize,
    /// Indexes of the section's blocks (heading excluded).
    pub body: std::ops::Range<usize>,
}

/// The canonical id of a heading, from its anchor when it has one, else from its English text.
pub fn section_id(text: &str, anchor: Option<&str>) -> Option<&'static str> {
    let text = match anchor {
        Some(anchor) if !anchor.is_empty() => anchor,
        _ => text,
    };
    // Most headings are an alias as written, but for case ("HTTP request"): those need no normalised key. An
    // alias is its own key (lower-case words, one space apart), so the answer is the same.
    as_written(text).or_else(|| by_key(text))
}

/// The id of the alias `text` is, ignoring ASCII case.
fn as_written(text: &str) -> Option<&'static str> {
    let candidates = ALIASES_BY_LENGTH.get(text.len())?;
    candidates
        .iter()
        .take_while(|&&index| index != NO_ALIAS)
        .map(|&index| ALIASES[usize::from(index)])
        .find(|(alias, _)| alias.eq_ignore_ascii_case(text))
        .map(|(_, id)| id)
}

/// The id of a heading (or anchor) from its normalised key.
fn by_key(text: &str) -> Option<&'static str> {
    let key = Key::of(text);
    if let Some(key) = key.whole() {
        if let Some(&(_, id)) = ALIASES.iter().find(|(alias, _)| alias.as_bytes() == key) {
            return Some(id);
        }
    }
    // "Example 1: Create a session", "example-2-get-..." and similar numbered examples.
    match key.first_word() {
        Some(b"example" | b"examples") => Some("examples"),
        _ => None,
    }
}

/// The most aliases of one length (four have 7 bytes, four 13).
const SAME_LENGTH: usize = 4;
/// No alias, in [`ALIASES_BY_LENGTH`].
const NO_ALIAS: u8 = u8::MAX;

/// For each length, the indexes in [`ALIASES`] of the aliases that long, then [`NO_ALIAS`]: a heading is compared
/// with these few only. (Building it fails to compile should an alias be too long, or too many share a length.)
const ALIASES_BY_LENGTH: [[u8; SAME_LENGTH]; KEY_CAPACITY] = {
    let mut table = [[NO_ALIAS; SAME_LENGTH]; KEY_CAPACITY];
    let mut index = 0;
    while index < ALIASES.len() {
        let slots = &mut table[ALIASES[index].0.len()];
        let mut slot = 0;
        while slots[slot] != NO_ALIAS {
            slot += 1;
        }
        slots[slot] = index as u8;
        index += 1;
    }
    table
};

/// The longest normalised key kept: longer than every alias ("optional query parameters" has 25 bytes).
const KEY_CAPACITY: usize = 26;

/// A heading or anchor normalised for matching: lower case, `-`/`_` as spaces, characters other than letters,
/// digits, spaces and `:` dropped, runs of spaces as one, no space at either end.
///
/// Every heading of every page is matched, so the key is kept on the stack and only as far as matching needs:
/// its ASCII beginning, up to [`KEY_CAPACITY`] bytes. Aliases are ASCII and short, so a key that does not fit
/// matches none of them, and its first word can still be told apart from "example(s)".
struct Key {
    bytes: [u8; KEY_CAPACITY],
    len: usize,
    /// Whether the key goes on past `bytes[..len]` (it is longer, or has a non-ASCII character there).
    cut: bool,
}

impl Key {
    fn of(text: &str) -> Key {
        let mut key = Key { bytes: [0; KEY_CAPACITY], len: 0, cut: false };
        let mut space = false;
        // Byte by byte: headings are mostly ASCII, and a character of several bytes only matters when it is
        // a letter or digit, which ends the kept key.
        for (at, &byte) in text.as_bytes().iter().enumerate() {
            let kept = match byte {
                b' ' | b'-' | b'_' => {
                    space = key.len > 0;
                    continue;
                }
                b'a'..=b'z' | b'0'..=b'9' | b':' => Some(byte),
                b'A'..=b'Z' => Some(byte.to_ascii_lowercase()),
                // The first byte of a character of several bytes.
                0xC0.. if text[at..].chars().next().is_some_and(char::is_alphanumeric) => None,
                _ => continue,
            };
            if space {
                key.push(b' ');
                space = false;
            }
            match kept {
                Some(byte) => key.push(byte),
                None => key.cut = true,
            }
            if key.cut {
                break;
            }
        }
        key
    }

    fn push(&mut self, byte: u8) {
        if self.len < KEY_CAPACITY {
            self.bytes[self.len] = byte;
            self.len += 1;
        } else {
            self.cut = true;
        }
    }

    /// The whole key (ASCII), when it fits.
    fn whole(&self) -> Option<&[u8]> {
        (!self.cut).then_some(&self.bytes[..self.len])
    }

    /// The key up to its first space or `:`, when that is known.
    fn first_word(&self) -> Option<&[u8]> {
        let kept = &self.bytes[..self.len];
        match kept.iter().position(|&byte| byte == b' ' || byte == b':') {
            Some(end) => Some(&kept[..end]),
            None => self.whole(),
        }
    }
}

/// Whether a heading is a tab marker (`# [HTTP](#tab/http)`) rather than a section.
pub fn is_tab_marker(text: &str) -> bool {
    // Headings seldom hold a `#`: looking for one first is cheaper than a substring search of every heading.
    text.starts_with('[') || memchr::memchr_iter(b'#', text.as_bytes()).any(|at| text[at..].starts_with("#tab/"))
}

/// The page's sections in order. A recognised heading opens a section that lasts until the next heading
/// at the same or a higher level, or the next recognised heading; inside the examples section, recognised
/// headings (the `request`/`response` anchors of every example) stay inside it.
pub fn sections(blocks: &[Block]) -> Vec<Section> {
    // Every section starts at a heading: room for them all up front instead of growing the vector as it fills.
    let headings = blocks.iter().filter(|block| matches!(block.kind, BlockKind::Heading { .. })).count();
    let mut found: Vec<Section> = Vec::with_capacity(headings);
    for (index, block) in blocks.iter().enumerate() {
        let BlockKind::Heading { level, text, anchor } = &block.kind else { continue };
        if is_tab_marker(text) {
            continue;
        }
        let level = *level;
        if let Some(open) = found.last_mut() {
            if open.body.end == usize::MAX && level <= open.level {
                open.body.end = index;
            }
        }
        let inside_examples = found.last().is_some_and(|open| open.body.end == usize::MAX && open.id == "examples");
        if inside_examples || level == 1 {
            continue;
        }
        if let Some(id) = section_id(text, anchor.as_deref()) {
            // A recognised heading nested under another section (`### Request headers` under `## HTTP request`)
            // ends that section: only the examples section has recognised sub-headings of its own.
            if let Some(open) = found.last_mut().filter(|open| open.body.end == usize::MAX) {
                open.body.end = index;
            }
            found.push(Section { id, level, heading: index, body: index + 1..usize::MAX });
        }
    }
    if let Some(open) = found.last_mut() {
        if open.body.end == usize::MAX {
            open.body.end = blocks.len();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::blocks;

    #[test]
    fn anchors_win_over_translated_text() {
        assert_eq!(section_id("HTTP 请求", Some("http-request")), Some("http-request"));
        assert_eq!(section_id("Request headers", None), Some("request-headers"));
        assert_eq!(section_id("Example 2: list items", None), Some("examples"));
        assert_eq!(section_id("权限", None), None);
    }

    #[test]
    fn keys_are_normalised_like_words() {
        assert_eq!(section_id("  HTTP   request ", None), Some("http-request"));
        assert_eq!(section_id("Request-body", None), Some("request-body"));
        assert_eq!(section_id("Optional_query_parameters", None), Some("optional-query-parameters"));
        assert_eq!(section_id("JSON representation.", None), Some("json-representation"));
        assert_eq!(section_id("(Properties)", None), Some("properties"));
        assert_eq!(section_id("Response\tbody", None), None, "a tab is dropped, not a space");
        assert_eq!(section_id("Example 3: 创建一个非常长的标题，远远超过了保留的字节数", None), Some("examples"));
        assert_eq!(section_id("Examples创建", None), None);
        assert_eq!(section_id("example-12-get-the-members-of-a-group-with-a-very-long-name", None), Some("examples"));
        assert_eq!(section_id("Optional query parameters and more words than any alias", None), None);
        assert_eq!(section_id("Examples", Some("")), Some("examples"));
        assert_eq!(section_id("Permissions 权限", None), None);
        assert_eq!(section_id("Examples — 示例", None), Some("examples"));
        assert!(ALIASES.iter().all(|(alias, _)| alias.len() < KEY_CAPACITY), "a key that fits can match any alias");
    }

    #[test]
    fn aliases_are_their_own_keys() {
        for (alias, id) in ALIASES {
            let key = Key::of(alias);
            assert_eq!(key.whole(), Some(alias.as_bytes()), "{alias}");
            assert_eq!(ALIASES.iter().filter(|(other, _)| other == alias).count(), 1, "{alias} is listed once");
            assert_eq!(as_written(&alias.to_uppercase()), Some(*id));
            assert_eq!(by_key(&alias.to_uppercase()), Some(*id));
        }
    }

    proptest::proptest! {
        #[test]
        fn ids_as_written_agree_with_ids_by_key(
            words in proptest::collection::vec("(?i)http|requests?|response|body|headers?|examples?|optional|query|\
                                                 parameters|json|representation|methods|members|errors|[ a:é-]", 1..5),
            separator in "[ _-]{1,2}",
        ) {
            let text = words.join(&separator);
            if let Some(id) = as_written(&text) {
                proptest::prop_assert_eq!(Some(id), by_key(&text), "{}", text);
            }
        }
    }

    #[test]
    fn tab_markers() {
        assert!(is_tab_marker("[HTTP](#tab/http)"));
        assert!(is_tab_marker("C# #tab/csharp"));
        assert!(!is_tab_marker("Example 2: C# #tabs"));
        assert!(!is_tab_marker("Request"));
    }

    #[test]
    fn example_subsections_stay_inside_examples() {
        let page =
            "# T\n## Permissions\ntext\n## Examples\n### Request\n```\nGET /me\n```\n### Response\nx\n## See also\n";
        let found = sections(&blocks(page));
        let ids: Vec<_> = found.iter().map(|section| section.id).collect();
        assert_eq!(ids, ["permissions", "examples"]);
        // The examples section ends at "See also", and holds both sub-headings.
        let examples = &found[1];
        assert_eq!(examples.body.end - examples.body.start, 4);
    }
}
