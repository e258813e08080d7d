//! Fails when `generated/` is stale: what `cargo xtask gen` would write from `spec/` today must be committed.

use generator::generate::{generate_crate, xtask_runtime, XTASK_REGENERATE};
use generator::lock::{lock_file, LOCK_FILE};
use generator::output::{starts_with_marker, write_files, Mode};
use std::path::Path;

#[test]
fn generated_crate_matches_spec() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tree = generator::DocsTree::load(&workspace.join("spec")).expect("spec/ is readable");
    let generation = generate_crate(&tree, "generated", XTASK_REGENERATE, &xtask_runtime()).expect("spec/ generates");
    // The docs lock is generated too: its hash must be that of spec/ today (its source is kept as committed).
    let mut files = generation.files.clone();
    let lock = std::fs::read_to_string(workspace.join("generated").join(LOCK_FILE)).ok();
    files.insert(LOCK_FILE.to_owned(), lock_file(&tree, lock.as_deref()));
    // The same check as `cargo xtask gen --check`: one function writes and checks every front door's output.
    let report = write_files(&workspace.join("generated"), &workspace.join("spec"), &files, Mode::Check)
        .expect("generated/ is readable");
    assert!(
        report.is_fresh(),
        "stale {:?}, not generated any more {:?}: run `cargo xtask gen`",
        report.stale,
        report.extra
    );
    // What lets a later run remove a file it no longer generates.
    for (path, text) in &files {
        assert!(starts_with_marker(text.as_bytes()), "{path} does not start with the @generated marker");
    }
}

#[test]
fn generation_is_deterministic_across_thread_counts() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tree = generator::DocsTree::load(&workspace.join("spec")).expect("spec/ is readable");
    let many = generate_crate(&tree, "generated", XTASK_REGENERATE, &xtask_runtime()).expect("spec/ generates").files;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let one = pool
        .install(|| generate_crate(&tree, "generated", XTASK_REGENERATE, &xtask_runtime()))
        .expect("spec/ generates")
        .files;
    assert_eq!(many, one);
}
