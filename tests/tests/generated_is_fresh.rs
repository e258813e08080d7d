//! Fails when `generated/` is stale: what `cargo xtask gen` would write from `spec/` today must be committed.

use std::path::Path;

#[test]
fn generated_ir_matches_spec() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tree = generator::DocsTree::load(&workspace.join("spec")).expect("spec/ is readable");
    let expected = generator::ir_json(&tree.parse());
    let committed = std::fs::read_to_string(workspace.join("generated/spec.ir.json")).unwrap_or_default();
    assert!(committed == expected, "generated/spec.ir.json is stale: run `cargo xtask gen`");
}
