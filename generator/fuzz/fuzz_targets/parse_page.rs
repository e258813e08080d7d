//! Any bytes, read as a page (and as the include it names), must parse without panicking.
//! Run: `cd generator && cargo fuzz run parse_page` (cargo-fuzz; `RUSTC_BOOTSTRAP=1` on a stable toolchain).
#![no_main]

use generator::parse::parse_page;
use generator::DocsTree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let docs = DocsTree::from_files([
        ("api-reference/v1.0/api/page.md", text.to_string()),
        ("api-reference/v1.0/includes/permissions/page-permissions.md", text.to_string()),
    ]);
    let (page, _diagnostics) = parse_page("api-reference/v1.0/api/page.md", &text, &docs);
    assert_eq!(page.path, "api-reference/v1.0/api/page.md");
});
