//! Hostile annotations: many unknown keys are located in one reading of the comment and reported a bounded
//! number of times.

use super::{read_annotation, MAX_UNKNOWN_KEY_REPORTS, SCANNED};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Sink};

/// A one-line annotation with `keys` unknown keys after its `blockType` and a list of as many `tags`: a search
/// for each key from the comment's start would read the tags again for each.
fn with_unknown_keys(keys: usize) -> String {
    let mut text = String::from(" { \"blockType\": \"request\", \"tags\": [");
    let tags: Vec<String> = (0..keys).map(|n| format!("\"t{n}\"")).collect();
    text.push_str(&tags.join(", "));
    text.push(']');
    for n in 0..keys {
        text.push_str(&format!(", \"k{n}\": {n}"));
    }
    text.push_str(" } ");
    text
}

/// Reads `<!--{text}-->` at the start of a page: the annotation's block type, the diagnostics, and the bytes
/// read to find where keys are written.
fn read(text: &str) -> (Option<String>, Vec<Diagnostic>, usize) {
    let page = format!("<!--{text}-->\n");
    let index = LineIndex::new(&page);
    let mut diagnostics = Vec::new();
    let before = SCANNED.with(|scanned| scanned.get());
    let annotation = read_annotation(text, 4, &mut Sink::new("page.md", &index, &mut diagnostics));
    let work = SCANNED.with(|scanned| scanned.get()) - before;
    (annotation.and_then(|annotation| annotation.block_type.map(String::from)), diagnostics, work)
}

#[test]
fn fifty_thousand_unknown_keys_give_a_bounded_report() {
    let text = with_unknown_keys(50_000);
    let (block_type, diagnostics, work) = read(&text);
    assert_eq!(block_type.as_deref(), Some("request"), "the annotation is still read");
    assert_eq!(diagnostics.len(), MAX_UNKNOWN_KEY_REPORTS + 1);
    assert!(diagnostics.iter().all(|diagnostic| diagnostic.code == Code::AnnotationUnknownKey));
    assert!(diagnostics[0].message.contains("`k0`"), "{}", diagnostics[0].message);
    let summary = &diagnostics[MAX_UNKNOWN_KEY_REPORTS];
    assert!(summary.message.contains("and 49980 more"), "{}", summary.message);
    // Each at its key: `"k0"` is the second key of the comment, the summary at the first key not listed.
    let column = |key: &str| 5 + text.find(&format!("\"{key}\"")).expect("the key") as u32;
    assert_eq!(diagnostics[0].col, column("k0"));
    assert_eq!(summary.col, column(&format!("k{MAX_UNKNOWN_KEY_REPORTS}")));
    assert!(work <= 2 * text.len(), "one reading of the comment finds every key: {work} bytes for {}", text.len());
}

#[test]
fn finding_keys_takes_work_linear_in_their_number() {
    let n = 10_000;
    let (small, large) = (with_unknown_keys(n), with_unknown_keys(4 * n));
    let (_, _, work_small) = read(&small);
    let (_, _, work_large) = read(&large);
    assert!(work_small > 0, "the keys were located");
    assert!(work_small <= 2 * small.len(), "{work_small} bytes read for a comment of {}", small.len());
    assert!(work_large <= 5 * work_small, "work({}) = {work_large}, work({n}) = {work_small}", 4 * n);
}

#[test]
fn keys_are_located_however_they_are_written() {
    // Single-quoted, unquoted and repeated keys (a repeat keeps its first place), after a value that spells a key.
    let text = " { \"blockType\": \"zzz\", 'zzz': 1, yyy: 2, \"zzz\": 3 } ";
    let (_, diagnostics, _) = read(text);
    let found: Vec<(Code, u32)> = diagnostics.iter().map(|diagnostic| (diagnostic.code, diagnostic.col)).collect();
    let column = |needle: &str| 5 + text.find(needle).expect("the key") as u32;
    let repairs = diagnostics.iter().filter(|diagnostic| diagnostic.code == Code::AnnotationRepaired).count();
    assert_eq!(
        found[repairs..],
        [
            (Code::AnnotationUnknownKey, column("'zzz'")),
            (Code::AnnotationUnknownKey, column("yyy")),
            (Code::AnnotationUnknownBlockType, column("\"blockType\"")),
        ],
        "{diagnostics:?}"
    );
}
