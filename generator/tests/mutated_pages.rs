//! Property test: real pages, mutated at random, never make the parser panic, and the page is always returned.
//!
//! The pages are the seed page in `spec/` and, when `../shared/corpus` is there, a few of the pages that
//! `doc-format.md` names as tricky.

use generator::parse::parse_page;
use generator::DocsTree;
use proptest::prelude::*;
use std::path::Path;

/// Snippets that stress the parser's edges when spliced into a page.
const SNIPPETS: &[&str] = &[
    "```",
    "```http\n",
    "~~~",
    "<!--",
    "-->",
    "<!-- { \"blockType\": \"request\", -->",
    "|",
    "|---|---|\n",
    "{",
    "}",
    "[!INCLUDE [x y](../../../../../outside.md)]",
    "[!INCLUDE [self](page.md)]",
    "\u{feff}",
    "创建",
    "\r\n",
    "\n\n",
    "## <a name=\"http-request\"></a>",
    "HTTP/1.1 ",
    "GET ",
    "{id}",
    "root:/",
    "('",
    "---\n",
    "&quot;",
    "\t",
    "#",
];

const CORPUS_PAGES: &[&str] = &[
    "en-US-2021/api-reference/beta/api/accesspackage-post-incompatiblegroup.md",
    "en-US-2021/api-reference/v1.0/api/channel-post-messagereply.md",
    "en-US-2021/api-reference/v1.0/api/user-getmailtips.md",
    "en-US-2021/api-reference/v1.0/resources/driveitem.md",
    "zh-CN-2023/api-reference/v1.0/api/chart-image.md",
    "contrib-2026-sample/api-reference/v1.0/api/workbook-createsession.md",
];

fn pages() -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages =
        vec![std::fs::read_to_string(manifest.join("../spec/api-reference/beta/api/workbook-createsession.md"))
            .expect("seed page")];
    let corpus = manifest.join("../../shared/corpus");
    pages.extend(CORPUS_PAGES.iter().filter_map(|page| std::fs::read_to_string(corpus.join(page)).ok()));
    pages
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Duplicate { at: f64, len: usize },
    Insert { at: f64, snippet: usize },
    Truncate { at: f64 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0, 1usize..200).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0.0..1.0, 1usize..400).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        (0.0..1.0, 0..SNIPPETS.len()).prop_map(|(at, snippet)| Edit::Insert { at, snippet }),
        (0.0..1.0).prop_map(|at| Edit::Truncate { at }),
    ]
}

/// The char boundary nearest below `fraction` of the text.
fn boundary(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction) as usize;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match *edit {
        Edit::Delete { at, len } => {
            let start = boundary(text, at);
            let end = boundary(text, ((start + len) as f64 / text.len().max(1) as f64).min(1.0));
            text.replace_range(start..end.max(start), "");
        }
        Edit::Duplicate { at, len } => {
            let start = boundary(text, at);
            let end = boundary(text, ((start + len) as f64 / text.len().max(1) as f64).min(1.0));
            let copy = text[start..end.max(start)].to_owned();
            text.insert_str(start, &copy);
        }
        Edit::Insert { at, snippet } => {
            let at = boundary(text, at);
            text.insert_str(at, SNIPPETS[snippet]);
        }
        Edit::Truncate { at } => {
            let at = boundary(text, at);
            text.truncate(at);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_pages_parse_without_panicking(page in 0usize..16, edits in prop::collection::vec(edit(), 1..8)) {
        let pages = pages();
        let mut text = pages[page % pages.len()].clone();
        for edit in &edits {
            apply(&mut text, edit);
        }
        let docs = DocsTree::from_files([("api/page.md", text.clone()), ("includes/permissions/x-permissions.md", text.clone())]);
        let (parsed, diagnostics) = parse_page("api/page.md", &text, &docs);
        prop_assert_eq!(parsed.path, "api/page.md");
        for diagnostic in diagnostics {
            prop_assert!(diagnostic.line >= 1 && diagnostic.col >= 1, "{:?}", diagnostic);
        }
    }
}
