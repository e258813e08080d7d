//! Fails when `generated/` is stale: what `cargo xtask gen` would write from `spec/` today must be committed.

use generator::generate::{generate_crate, XTASK_REGENERATE};
use std::path::Path;

#[test]
fn generated_crate_matches_spec() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tree = generator::DocsTree::load(&workspace.join("spec")).expect("spec/ is readable");
    let generation = generate_crate(&tree, "generated", XTASK_REGENERATE).expect("spec/ generates");
    let stale: Vec<&String> = generation
        .files
        .iter()
        .filter(|(path, text)| {
            std::fs::read_to_string(workspace.join("generated").join(path)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(path, _)| path)
        .collect();
    assert!(stale.is_empty(), "stale generated files {stale:?}: run `cargo xtask gen`");
}

#[test]
fn generation_is_deterministic_across_thread_counts() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tree = generator::DocsTree::load(&workspace.join("spec")).expect("spec/ is readable");
    let many = generate_crate(&tree, "generated", XTASK_REGENERATE).expect("spec/ generates").files;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let one = pool.install(|| generate_crate(&tree, "generated", XTASK_REGENERATE)).expect("spec/ generates").files;
    assert_eq!(many, one);
}
