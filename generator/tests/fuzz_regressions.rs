//! Inputs the fuzz targets (`generator/fuzz`) found, replayed as ordinary tests with the pipeline target's own
//! check: the input becomes a small docs tree, the whole pipeline runs, and every emitted file must be valid
//! (Rust files parse with `syn`, `Cargo.toml` as TOML). A fixture is a fuzz input as the target reads it (the
//! layout is in `fuzz/common/pipeline.rs`); a new crash goes in as a fixture and a test here.

#[path = "../fuzz/common/pipeline.rs"]
mod pipeline;

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/pipeline")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures().join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn join(parts: &[&str]) -> Vec<u8> {
    parts.join(std::str::from_utf8(pipeline::SEPARATOR).unwrap()).into_bytes()
}

#[test]
fn input_parts_become_three_files_with_hostile_names_kept() {
    let built = pipeline::from_bytes(&join(&["api", "resource", "include", "type", "a/b\0c", "../x/./self"]));
    assert_eq!(built.api_path, "api-reference/v1.0/api/type.md");
    assert_eq!(built.resource_path, "api-reference/v1.0/resources/abc.md");
    assert_eq!(built.include_path, "api-reference/v1.0/includes/x/self.md");
    // The page names the include, so that it is read.
    assert!(built.files[0].1.ends_with("[!INCLUDE [fuzz](../includes/x/self.md)]\n"), "{:?}", built.files[0]);
    assert_eq!((built.files[1].1.as_str(), built.files[2].1.as_str()), ("resource", "include"));
}

#[test]
fn input_without_separator_is_an_api_page_with_default_names() {
    let built = pipeline::from_bytes(b"# page\n[!INCLUDE [p](../includes/permissions/fuzz-permissions.md)]\n");
    assert_eq!(built.api_path, "api-reference/v1.0/api/page.md");
    assert_eq!(built.resource_path, "api-reference/v1.0/resources/resource.md");
    // Named already: not named twice.
    assert_eq!(built.files[0].1.matches("[!INCLUDE").count(), 1);
}

/// The committed seeds (the project's spec pages and hand-written hostile pages) all go through.
#[test]
fn every_pipeline_seed_generates_valid_files() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/pipeline");
    let mut count = 0;
    let mut failed = Vec::new();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| pipeline::check(&data)).is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
        count += 1;
    }
    assert!(count >= 6, "only {count} seeds in {}", seeds.display());
    assert!(failed.is_empty(), "seeds failing the pipeline check (panics above): {failed:?}");
}

/// `ms.prod: "default"` became a feature named `default`, a second `default` key in `[features]`.
#[test]
fn area_named_default_keeps_cargo_toml_valid() {
    pipeline::check(&fixture("area-default"));
}

/// A resource `microsoft.graph.self` became a model named `Self`, which is a keyword.
#[test]
fn resource_named_self_is_a_valid_identifier() {
    pipeline::check(&fixture("resource-self"));
}
