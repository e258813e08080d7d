//! Annotations: the JSON in `<!-- { ... } -->` comments, read with a repair ladder, and the block each describes.

use super::ctx::{Annotated, Ctx};
use super::json;
use super::markdown::BlockKind;
use super::sections::is_tab_marker;
use crate::diagnostics::{did_you_mean, Code, Sink};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

mod direct;
#[cfg(test)]
mod limits_tests;

/// A parsed annotation with the keys the parsers use pulled out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    /// `blockType`, as written (borrowed from [`KNOWN_BLOCK_TYPES`] when written as there).
    pub block_type: Option<Cow<'static, str>>,
    /// `name`: one string, or several when the docs give an array.
    pub names: Vec<String>,
    pub truncated: bool,
    /// `@odata.type` (or the old `@type`).
    pub odata_type: Option<String>,
    pub is_collection: bool,
    pub is_empty: bool,
    /// The other keys that are read once the annotation is parsed ([`KEPT_KEYS`]).
    pub fields: Fields,
}

/// The keys besides those [`Annotation`] pulls out that a reader looks at: the page annotation's `type`
/// and a resource's keys. Only these are kept: every annotation is read, and building a map of all its keys
/// (`scopes`, `sampleKeys`, `tocPath`, ...) for nothing to read was most of the cost of reading one.
pub const KEPT_KEYS: &[&str] =
    &["type", "keyProperty", "baseType", "openType", "abstract", "isMediaEntity", "optionalProperties"];

/// The values of an annotation's [`KEPT_KEYS`], as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    /// The value of `key`, when the annotation gives it and it is one of the [`KEPT_KEYS`].
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(kept, _)| *kept == key).map(|(_, value)| value)
    }

    /// Whether the annotation gives `key` (one of the [`KEPT_KEYS`]).
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`; a repeated key keeps its last value, as in a JSON object read into a map.
    fn insert(&mut self, key: &'static str, value: Value) {
        match self.0.iter_mut().find(|(kept, _)| *kept == key) {
            Some((_, kept)) => *kept = value,
            None => self.0.push((key, value)),
        }
    }
}

/// The entry of [`KEPT_KEYS`] that is `key`, if any.
fn kept_key(key: &str) -> Option<&'static str> {
    KEPT_KEYS.iter().copied().find(|kept| *kept == key)
}

/// A `blockType` value, borrowed from [`KNOWN_BLOCK_TYPES`] when it is written as there (nearly always), which
/// saves a copy for each annotation.
fn block_type_value(value: Cow<'_, str>) -> Cow<'static, str> {
    match KNOWN_BLOCK_TYPES.iter().find(|known| **known == value) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(value.into_owned()),
    }
}

/// The keys annotations use, from the docs tooling and a survey of the corpus (each used by several pages).
pub const KNOWN_KEYS: &[&str] = &[
    // Code blocks.
    "blockType",
    "name",
    "truncated",
    "@odata.type",
    "@type",
    "isCollection",
    "isEmpty",
    "expectError",
    "sampleKeys",
    "scopes",
    "tags",
    "target",
    "idempotent",
    "opaqueUrl",
    "isComposable",
    // Resources.
    "optionalProperties",
    "keyProperty",
    "baseType",
    "openType",
    "abstract",
    "isMediaEntity",
    "@odata.annotations",
    "@type.aka",
    "@property.aka",
    // Page annotations.
    "type",
    "description",
    "keywords",
    "section",
    "tocPath",
    "tocBookmarks",
    "tocIndex",
    "suppressions",
    "namespace",
];

/// The `blockType` values the docs tooling knows.
pub const KNOWN_BLOCK_TYPES: &[&str] = &[
    "request",
    "response",
    "resource",
    "ignored",
    "example",
    "samples",
    "permissions",
    "simulatedResponse",
    "testParams",
];

/// Keys whose value is a boolean.
const BOOLEAN_KEYS: &[&str] =
    &["truncated", "isCollection", "isEmpty", "openType", "abstract", "isMediaEntity", "expectError", "idempotent"];

/// Reads the comment text `text` (the inside of `<!-- -->`, starting at byte `offset` of the file).
/// Returns None, quietly, when the comment is not an annotation at all (it does not start with `{`).
///
/// Strict JSON first, then the lenient reader with entities and trailing text allowed; each repair is reported
/// as [`Code::AnnotationRepaired`]. Keys and `blockType` values are then checked against the known ones.
pub fn read_annotation(text: &str, offset: usize, sink: &mut Sink) -> Option<Annotation> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    // Nearly every annotation is strict JSON needing no diagnostic: read straight into an `Annotation`.
    direct::read(text).or_else(|| read_thoroughly(text, offset, sink))
}

/// Reads an annotation as a `serde_json::Value`, strictly else leniently, and checks it, reporting what it finds.
fn read_thoroughly(text: &str, offset: usize, sink: &mut Sink) -> Option<Annotation> {
    let fields = match json::parse_with(text, json::ANNOTATION) {
        Ok((Value::Object(fields), repairs)) => {
            json::report_repairs(&repairs, offset, Code::AnnotationRepaired, sink);
            fields
        }
        Ok(_) => return None,
        Err(error) => {
            let (line, column) = json::line_col(text, error.strict_offset);
            sink.report(
                Code::AnnotationUnreadable,
                offset + error.strict_offset,
                format!(
                    "cannot read this annotation as JSON: {} (line {line} column {column} of the comment); \
                     even leniently: {}",
                    error.strict, error.lenient.message
                ),
            );
            return None;
        }
    };
    check_fields(text, offset, &fields, sink);
    Some(from_fields(fields))
}

/// How many unknown keys of one annotation are reported one by one; one more report counts the others, so that
/// a comment with thousands of made-up keys gives a bounded output.
pub const MAX_UNKNOWN_KEY_REPORTS: usize = 20;

/// Reports unknown keys and blockType values, and values of the wrong JSON type.
fn check_fields(text: &str, offset: usize, fields: &Map<String, Value>, sink: &mut Sink) {
    let keys = KeyOffsets::new(text);
    // One pass over the keys rather than a hashed look-up per key of interest; `blockType` and `name` are
    // checked after the loop so that their reports keep following those about the keys.
    let (mut block_type, mut name) = (None, None);
    let (mut unknown, mut first_unreported) = (0, None);
    for (key, value) in fields {
        match key.as_str() {
            "blockType" => block_type = Some(value),
            "name" => name = Some(value),
            _ => {}
        }
        let at = || offset + keys.get(key);
        if !KNOWN_KEYS.contains(&key.as_str()) {
            unknown += 1;
            if unknown <= MAX_UNKNOWN_KEY_REPORTS {
                let hint =
                    did_you_mean(key, KNOWN_KEYS).map(|known| format!("; did you mean `{known}`?")).unwrap_or_default();
                sink.report(Code::AnnotationUnknownKey, at(), format!("unknown annotation key `{key}`{hint}"));
            } else if first_unreported.is_none() {
                first_unreported = Some(key);
            }
        }
        if BOOLEAN_KEYS.contains(&key.as_str()) && !value.is_boolean() {
            let message = format!("`{key}` should be a boolean, not {}", describe(value));
            sink.report(Code::AnnotationValueType, at(), message);
        }
    }
    if let Some(key) = first_unreported {
        let more = unknown - MAX_UNKNOWN_KEY_REPORTS;
        let message = format!("and {more} more unknown annotation keys from here on, not listed one by one");
        sink.report(Code::AnnotationUnknownKey, offset + keys.get(key), message);
    }
    match block_type {
        None => {}
        Some(Value::String(block_type)) => {
            let known = KNOWN_BLOCK_TYPES.iter().any(|known| known.eq_ignore_ascii_case(block_type));
            if !known {
                let hint = did_you_mean(block_type, KNOWN_BLOCK_TYPES)
                    .map(|known| format!("; did you mean `{known}`?"))
                    .unwrap_or_default();
                sink.report(
                    Code::AnnotationUnknownBlockType,
                    offset + keys.get("blockType"),
                    format!("unknown blockType `{block_type}`{hint}"),
                );
            }
        }
        Some(other) => sink.report(
            Code::AnnotationValueType,
            offset + keys.get("blockType"),
            format!("`blockType` should be a string, not {}", describe(other)),
        ),
    }
    match name {
        None | Some(Value::String(_)) => {}
        Some(Value::Array(names)) if names.iter().all(Value::is_string) => {}
        Some(other) => sink.report(
            Code::AnnotationValueType,
            offset + keys.get("name"),
            format!("`name` should be a string or an array of strings, not {}", describe(other)),
        ),
    }
}

/// Where each key of an annotation is written. Found in one reading of the whole comment, the first time a
/// report needs a place (most annotations need none): searching the comment for each key in turn made a comment
/// with many keys quadratic.
struct KeyOffsets<'t> {
    text: &'t str,
    offsets: OnceCell<HashMap<String, usize>>,
}

impl<'t> KeyOffsets<'t> {
    fn new(text: &'t str) -> Self {
        KeyOffsets { text, offsets: OnceCell::new() }
    }

    /// Where `key` is first written in the comment; the comment's start if it cannot be found.
    fn get(&self, key: &str) -> usize {
        let offsets = self.offsets.get_or_init(|| {
            scanned(self.text.len());
            let mut offsets = HashMap::new();
            // A repeated key keeps its first place, as in the map the annotation was read into.
            for (key, at) in json::top_level_keys(self.text, json::ANNOTATION) {
                offsets.entry(key).or_insert(at);
            }
            offsets
        });
        offsets.get(key).copied().unwrap_or(0)
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes of comments read to find where their keys are written, on this thread: the tests' measure of work.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `bytes` read to find keys, for the tests; nothing outside them.
fn scanned(bytes: usize) {
    #[cfg(test)]
    SCANNED.with(|scanned| scanned.set(scanned.get() + bytes));
    #[cfg(not(test))]
    let _ = bytes;
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {:?}", text.chars().take(40).collect::<String>()),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn from_fields(fields: Map<String, Value>) -> Annotation {
    let string = |value: Value| match value {
        Value::String(value) => Some(value),
        _ => None,
    };
    let flag = |value: &Value| match value {
        Value::Bool(value) => *value,
        Value::String(value) => value.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let mut annotation = Annotation::default();
    let mut at_type = None;
    for (key, value) in fields {
        match key.as_str() {
            "blockType" => annotation.block_type = string(value).map(|value| block_type_value(value.into())),
            "name" => {
                annotation.names = match value {
                    Value::String(name) => vec![name],
                    Value::Array(names) => names.into_iter().filter_map(string).collect(),
                    _ => Vec::new(),
                }
            }
            "truncated" => annotation.truncated = flag(&value),
            "@odata.type" => annotation.odata_type = string(value),
            // The old spelling, used when `@odata.type` gives no string.
            "@type" => at_type = string(value),
            "isCollection" => annotation.is_collection = flag(&value),
            "isEmpty" => annotation.is_empty = flag(&value),
            other => {
                if let Some(kept) = kept_key(other) {
                    annotation.fields.insert(kept, value);
                }
            }
        }
    }
    if annotation.odata_type.is_none() {
        annotation.odata_type = at_type;
    }
    annotation
}

/// Reads every annotation comment of the page and finds the block each describes: the next fence, table
/// or `[!INCLUDE]` line, skipping headings (tab markers, short headings) and up to two lines of prose.
pub fn annotate_blocks(ctx: &mut Ctx) -> Vec<Annotated> {
    // Annotations are large to move: room for every comment up front saves growing the vector several times.
    let comments = ctx.blocks.iter().filter(|block| matches!(block.kind, BlockKind::Comment { .. })).count();
    let mut found = Vec::with_capacity(comments);
    for comment in 0..ctx.blocks.len() {
        let BlockKind::Comment { text } = ctx.blocks[comment].kind else { continue };
        let offset = ctx.blocks[comment].range.start + 4;
        let Some(annotation) = read_annotation(text, offset, &mut Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics))
        else {
            continue;
        };
        let target = target_block(ctx, comment);
        if target.is_none() && !is_page_annotation(&annotation) {
            ctx.report(
                crate::diagnostics::Code::AnnotationWithoutBlock,
                offset,
                "expected a code fence, table or [!INCLUDE] after this annotation",
            );
        }
        found.push(Annotated { comment, target, annotation });
    }
    found
}

fn is_page_annotation(annotation: &Annotation) -> bool {
    annotation.fields.get("type").and_then(Value::as_str) == Some("#page.annotation")
        || matches!(annotation.block_type.as_deref(), Some("ignored") | Some("samples") | Some("example"))
            && annotation.names.is_empty()
}

/// The block an annotation describes: the next fence, table or `[!INCLUDE]` line. Between them may come
/// tab markers (`# [HTTP](#tab/http)`) and short headings, up to two paragraphs of prose, and comments that
/// are not annotations; another annotation or a long heading (a new section) means there is no block.
fn target_block(ctx: &Ctx, comment: usize) -> Option<usize> {
    let (mut prose, mut headings) = (0, 0);
    for (index, block) in ctx.blocks.iter().enumerate().skip(comment + 1) {
        match &block.kind {
            BlockKind::Code { .. } | BlockKind::Table { .. } => return Some(index),
            BlockKind::Text { text, .. } if text.contains("[!INCLUDE") || text.starts_with('|') => return Some(index),
            BlockKind::Heading { text, .. }
                if headings < 2 && (is_tab_marker(text) || text.split_whitespace().count() <= SHORT_HEADING_WORDS) =>
            {
                headings += 1
            }
            BlockKind::Comment { text } if !text.trim_start().starts_with('{') => {}
            BlockKind::Text { .. } if prose < 2 => prose += 1,
            _ => return None,
        }
    }
    None
}

/// Headings up to this many words ("Request", "Example 2: get a user") may sit between an annotation and
/// its block; longer ones start new content.
const SHORT_HEADING_WORDS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, LineIndex};
    use crate::parse::{markdown, NoDocs};

    /// Reads the comment `<!--{text}-->` placed at the start of a page, returning the annotation and diagnostics.
    fn read(text: &str) -> (Option<Annotation>, Vec<Diagnostic>) {
        let page = format!("<!--{text}-->\n");
        let index = LineIndex::new(&page);
        let mut diagnostics = Vec::new();
        let annotation = read_annotation(text, 4, &mut Sink::new("page.md", &index, &mut diagnostics));
        (annotation, diagnostics)
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
        diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
    }

    #[test]
    fn comments_that_are_not_annotations_are_ignored_quietly() {
        for text in [" uuid: 1234 ", " This page is generated. ", "", " [!NOTE] {x} "] {
            let (annotation, diagnostics) = read(text);
            assert_eq!(annotation, None);
            assert!(diagnostics.is_empty(), "{text:?}: {diagnostics:?}");
        }
    }

    #[test]
    fn strict_annotation_is_read_without_diagnostics() {
        let (annotation, diagnostics) = read(
            " { \"blockType\": \"response\", \"name\": [\"a\", \"b\"], \"truncated\": true, \"@type\": \"x.y\" } ",
        );
        let annotation = annotation.expect("an annotation");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(annotation.block_type.as_deref(), Some("response"));
        assert_eq!(annotation.names, ["a", "b"]);
        assert!(annotation.truncated);
        assert_eq!(annotation.odata_type.as_deref(), Some("x.y"));
    }

    #[test]
    fn repairs_are_reported_where_they_were_made() {
        let (annotation, diagnostics) = read(" {\n  \"blockType\": \"response\",\n  isCollection: true,\n}");
        let annotation = annotation.expect("repaired");
        assert!(annotation.is_collection);
        assert_eq!(codes(&diagnostics), [Code::AnnotationRepaired, Code::AnnotationRepaired]);
        // The unquoted key on line 3, column 3; the trailing comma at the end of line 3.
        assert_eq!((diagnostics[0].line, diagnostics[0].col), (3, 3));
        assert!(diagnostics[0].message.contains("unquoted key"), "{}", diagnostics[0].message);
        assert_eq!((diagnostics[1].line, diagnostics[1].col), (3, 21));
    }

    #[test]
    fn entities_trailing_notes_and_missing_commas_are_repaired() {
        let (annotation, diagnostics) =
            read(" { \"blockType\": \"request\", \"name&quot;: &quot;get_me\" } // Note: x ");
        assert_eq!(annotation.expect("repaired").names, ["get_me"]);
        assert!(diagnostics.iter().all(|diagnostic| diagnostic.code == Code::AnnotationRepaired), "{diagnostics:?}");
        // The key after the missing comma is read (and kept: `type` is one of the kept keys).
        let (annotation, _) =
            read("{\n \"section\": \"documentation\",\n \"tocPath\": \"\"\n \"type\": \"#page.annotation\"\n}");
        assert!(is_page_annotation(&annotation.expect("repaired")));
        let (annotation, _) = read("{ 'blockType': 'ignored', \"baseType\": \"two\nlines\" }");
        assert_eq!(annotation.expect("repaired").fields.get("baseType"), Some(&Value::from("two\nlines")));
    }

    #[test]
    fn string_booleans_are_read_and_noted() {
        let (annotation, diagnostics) = read(" { \"blockType\": \"response\", \"truncated\": \"true\" } ");
        assert!(annotation.expect("read").truncated);
        assert_eq!(codes(&diagnostics), [Code::AnnotationValueType]);
        assert_eq!(diagnostics[0].col, 33, "at the key");
    }

    #[test]
    fn unknown_keys_and_block_types_get_suggestions() {
        let (_, diagnostics) = read(" { \"blockType\": \"reponse\", \"trunacted\": true, \"zzzz\": 1 } ");
        assert_eq!(
            codes(&diagnostics),
            [Code::AnnotationUnknownKey, Code::AnnotationUnknownKey, Code::AnnotationUnknownBlockType]
        );
        assert!(diagnostics[0].message.contains("did you mean `truncated`?"), "{}", diagnostics[0].message);
        assert!(!diagnostics[1].message.contains("did you mean"), "{}", diagnostics[1].message);
        assert!(diagnostics[2].message.contains("did you mean `response`?"), "{}", diagnostics[2].message);
        let (_, diagnostics) = read("{\"blockType\": \"Request\"}");
        assert!(diagnostics.is_empty(), "blockType case does not matter: {diagnostics:?}");
    }

    #[test]
    fn unreadable_annotation_is_an_error_with_serde_location() {
        let (annotation, diagnostics) = read(" {\n  \"blockType\": \"request\"\n  \"name\" \"x\"\n}");
        assert_eq!(annotation, None);
        assert_eq!(codes(&diagnostics), [Code::AnnotationUnreadable]);
        assert_eq!(diagnostics[0].line, 3);
        assert!(diagnostics[0].message.contains("line 3"), "{}", diagnostics[0].message);
    }

    /// The (comment, target) block index pairs `annotate_blocks` finds on `page`.
    fn targets(page: &str) -> (Vec<(usize, Option<usize>)>, Vec<Diagnostic>) {
        let index = LineIndex::new(page);
        let blocks = markdown::blocks(page);
        let sections = crate::parse::sections::sections(&blocks);
        let mut ctx = Ctx {
            path: "page.md",
            source: page,
            index: &index,
            docs: &NoDocs,
            blocks,
            sections,
            annotations: Vec::new(),
            diagnostics: Vec::new(),
            includes: Default::default(),
        };
        let found = annotate_blocks(&mut ctx);
        (found.iter().map(|annotated| (annotated.comment, annotated.target)).collect(), ctx.diagnostics)
    }

    #[test]
    fn annotations_find_their_blocks_past_tab_markers_and_short_headings() {
        let page = "<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n\n# [HTTP](#tab/http)\n\n\
                    ```http\nGET /me\n```\n\n<!-- {\"blockType\": \"response\"} -->\n### Response\n\
                    <!-- markdownlint-disable -->\n```http\nHTTP/1.1 200 OK\n```\n";
        let (found, diagnostics) = targets(page);
        // The tab marker is not a block at all; the comment before "### Response" still finds its fence.
        assert_eq!(found, [(0, Some(1)), (2, Some(5))]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn annotation_followed_by_a_new_section_has_no_block() {
        let page = "<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n\n\
                    ## Permissions required to call this API on behalf of a user\n\n```http\nGET /me\n```\n";
        let (found, diagnostics) = targets(page);
        assert_eq!(found, [(0, None)]);
        assert_eq!(codes(&diagnostics), [Code::AnnotationWithoutBlock]);
    }
}
