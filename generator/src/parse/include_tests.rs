//! Includes in hostile trees: fan-out chains stay linear, pages stay within their budget, and normal nested
//! includes read as they always did.

use super::{IncludeCache, MAX_BYTES_PER_PAGE, MAX_FILES_PER_PAGE};
use crate::diagnostics::Code;
use crate::ir::{Ir, Page, Permissions};
use crate::parse::Docs;
use crate::DocsTree;

/// An API page whose permissions section is `permissions`.
fn api_page(permissions: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Permissions\n\n{permissions}\n\n## HTTP request\n\n\
         ```http\nGET /things/{{id}}\n```\n"
    )
}

/// A permissions table granting `scope` to delegated (work or school) callers.
fn table(scope: &str) -> String {
    format!("|Permission type|Permissions|\n|-|-|\n|Delegated (work or school account)|{scope}|\n")
}

fn permissions<'i>(ir: &'i Ir, path: &str) -> &'i Permissions {
    let page: &Page = ir.pages.iter().find(|page| page.path == path).unwrap_or_else(|| panic!("no page {path}"));
    &page.operations.first().unwrap_or_else(|| panic!("{path} has no operation")).permissions
}

fn strings(scopes: &[compact_str::CompactString]) -> Vec<&str> {
    scopes.iter().map(|scope| scope.as_str()).collect()
}

/// The fan-out of issue 10: 18 files of about 200 bytes, each including the next three times (spelt differently
/// each time), read by `pages` API pages. Expanded naively, that is 3^16 (43 million) file readings per page.
fn fan_out_tree(pages: usize) -> DocsTree {
    const FILES: usize = 18;
    let mut files: Vec<(String, String)> = (0..FILES)
        .map(|n| {
            let next = format!("f{:02}-permissions.md", n + 1);
            let spellings = [next.clone(), format!("../inc/{next}"), format!("/inc/{next}")];
            let includes: String =
                spellings.iter().map(|target| format!("[!INCLUDE [permissions]({target})]\n\n")).collect();
            (format!("inc/f{n:02}-permissions.md"), format!("{}\n{includes}", table(&format!("Scope{n:02}.Read"))))
        })
        .collect();
    for page in 0..pages {
        files
            .push((format!("api/thing{page}-get.md"), api_page("[!INCLUDE [permissions](../inc/f00-permissions.md)]")));
    }
    DocsTree::from_files(files)
}

#[test]
fn a_fan_out_chain_reads_each_file_once_per_tree_and_once_per_page() {
    let tree = fan_out_tree(1);
    assert!(tree.text("inc/f05-permissions.md").is_some_and(|text| text.len() < 260), "files of about 200 bytes");
    let cache = IncludeCache::default();
    let ir = tree.parse_with(&cache);
    // Nesting stops at 16 files (f00..f15): each is read once and expanded once.
    assert_eq!(cache.reads(), 16, "file readings");
    assert_eq!(cache.expansions(), 16, "expansions");
    let expected: Vec<String> = (0..16).map(|n| format!("Scope{n:02}.Read")).collect();
    assert_eq!(strings(&permissions(&ir, "api/thing0-get.md").delegated_work), expected);
    // Its three include lines of f16 are each reported, and nothing else is.
    let deep: Vec<(Code, &str, u32)> = ir.diagnostics.iter().map(|d| (d.code, d.file.as_str(), d.line)).collect();
    let f15 = "inc/f15-permissions.md";
    assert_eq!(deep, [(Code::IncludeCycle, f15, 5), (Code::IncludeCycle, f15, 7), (Code::IncludeCycle, f15, 9)]);
    assert!(ir.diagnostics[0].message.contains("nest deeper"), "{}", ir.diagnostics[0].message);
}

#[test]
fn many_pages_sharing_a_fan_out_chain_share_its_readings() {
    let pages = 40;
    let cache = IncludeCache::default();
    let ir = fan_out_tree(pages).parse_with(&cache);
    assert_eq!(cache.reads(), 16, "each file is read once for the whole tree");
    assert_eq!(cache.expansions(), 16 * pages, "each page expands each file once");
    assert_eq!(permissions(&ir, "api/thing39-get.md").delegated_work.len(), 16);
}

#[test]
fn a_page_including_too_many_files_stops_at_its_budget_and_is_still_read() {
    let count = MAX_FILES_PER_PAGE + 10;
    let mut files: Vec<(String, String)> =
        (0..count).map(|n| (format!("inc/p{n:03}-permissions.md"), table(&format!("Scope{n:03}.Read")))).collect();
    let includes: String =
        (0..count).map(|n| format!("[!INCLUDE [permissions](../inc/p{n:03}-permissions.md)]\n\n")).collect();
    files.push(("api/thing-get.md".to_owned(), api_page(&includes)));
    let cache = IncludeCache::default();
    let ir = DocsTree::from_files(files).parse_with(&cache);
    assert_eq!(cache.reads(), MAX_FILES_PER_PAGE);
    let found = permissions(&ir, "api/thing-get.md");
    assert_eq!(found.delegated_work.len(), MAX_FILES_PER_PAGE);
    let over: Vec<_> = ir.diagnostics.iter().filter(|d| d.code == Code::IncludeBudgetExceeded).collect();
    assert_eq!(over.len(), 1, "reported once: {:?}", ir.diagnostics);
    // At the first include past the budget: the page's include lines start on line 8, two lines apart.
    assert_eq!((over[0].file.as_str(), over[0].line), ("api/thing-get.md", 8 + 2 * MAX_FILES_PER_PAGE as u32));
    // The rest of the page is still read.
    let page = ir.pages.iter().find(|page| page.path == "api/thing-get.md").expect("the page");
    assert_eq!(page.operations[0].paths.len(), 1);
}

#[test]
fn a_page_including_too_many_bytes_stops_at_its_budget() {
    let padding = "x".repeat(MAX_BYTES_PER_PAGE / 2 + 1);
    let files = vec![
        ("inc/a-permissions.md".to_owned(), format!("{}\n{padding}\n", table("A.Read"))),
        ("inc/b-permissions.md".to_owned(), format!("{}\n{padding}\n", table("B.Read"))),
        (
            "api/thing-get.md".to_owned(),
            api_page("[!INCLUDE [p](../inc/a-permissions.md)]\n\n[!INCLUDE [p](../inc/b-permissions.md)]"),
        ),
    ];
    let ir = DocsTree::from_files(files).parse();
    assert_eq!(strings(&permissions(&ir, "api/thing-get.md").delegated_work), ["A.Read"]);
    let codes: Vec<Code> = ir.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::IncludeBudgetExceeded], "{:?}", ir.diagnostics);
    assert_eq!(ir.diagnostics[0].line, 10);
}

/// Two levels of includes, one file included twice on a page and by two pages, with defects in both levels:
/// the IR is the one the parser gave before includes were cached and bounded (recorded from it).
#[test]
fn normal_nested_includes_read_as_before() {
    let outer =
        "---\nms.topic: include\n---\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
                 |Delegated (work or school account)|Outer.Read, Outer.ReadWrite|\n|Application|Outer.Read.All|\n\n\
                 [!INCLUDE [permissions-inner](inner-permissions.md)]\n";
    let inner = "|Permission type|Permissions|\n|-|-|\n|Delegated (work or school account)|Inner.Read, TODO|\n\
                 |Delegated (personal Microsoft account)|Inner.Read|\n\n\
                 [!INCLUDE [permissions-missing](missing-permissions.md)]\n";
    let twice = "<!-- { \"blockType\": \"permissions\", \"name\": \"thing_get\" } -->\n\
                 [!INCLUDE [permissions-table](../includes/outer-permissions.md)]\n\n\
                 |Permission type|Permissions|\n|-|-|\n|Application|Page.Read.All|\n\n\
                 [!INCLUDE [permissions-table](../includes/outer-permissions.md)]";
    let tree = DocsTree::from_files([
        ("v1.0/includes/outer-permissions.md", outer.to_owned()),
        ("v1.0/includes/inner-permissions.md", inner.to_owned()),
        ("v1.0/api/thing-get.md", api_page(twice)),
        ("v1.0/api/other-get.md", api_page("[!INCLUDE [permissions-table](../includes/inner-permissions.md)]")),
    ]);
    let ir = tree.parse();
    assert_eq!(ir, tree.parse_single_threaded());
    let thing = permissions(&ir, "v1.0/api/thing-get.md");
    assert_eq!(strings(&thing.delegated_work), ["Outer.Read", "Outer.ReadWrite", "Inner.Read"]);
    assert_eq!(strings(&thing.delegated_personal), ["Inner.Read"]);
    assert_eq!(strings(&thing.application), ["Outer.Read.All", "Page.Read.All"]);
    let other = permissions(&ir, "v1.0/api/other-get.md");
    assert_eq!(strings(&other.delegated_work), ["Inner.Read"]);
    assert_eq!(strings(&other.delegated_personal), ["Inner.Read"]);
    assert!(other.application.is_empty());
    let diagnostics: Vec<String> =
        ir.diagnostics.iter().map(|d| format!("{} {}:{}:{} {}", d.code, d.file, d.line, d.col, d.message)).collect();
    assert_eq!(diagnostics, EXPECTED_DIAGNOSTICS, "{diagnostics:#?}");
    // The whole IR, as the parser before the cache wrote it.
    let before: Ir = serde_json::from_str(include_str!("include_tests_ir.json")).expect("the recorded IR");
    assert_eq!(ir, before);
}

/// The diagnostics of [`normal_nested_includes_read_as_before`], as the parser gave them before.
const EXPECTED_DIAGNOSTICS: &[&str] = &[
    "GD0303 v1.0/includes/inner-permissions.md:3:1 `TODO` is not a permission scope",
    "GD0401 v1.0/includes/inner-permissions.md:6:1 no file `v1.0/includes/missing-permissions.md` (from \
     `missing-permissions.md`)",
];
