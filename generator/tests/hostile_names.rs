//! Hostile names: pages whose file stems, properties, enum members, headers, query and path parameters, areas
//! (`ms.prod`), resource names and version folders are Rust keywords, the generated crate's own items, prelude
//! names, builder methods, cargo's own features, or collide with each other after folding.
//!
//! Each case alone must generate; every emitted `.rs` file must parse with `syn` and the `Cargo.toml` with `toml`,
//! and the renames must be reported. The cases are in the `hostile-docs` crate (`tests/hostile-docs`), which
//! `cargo xtask hostile` also uses to check that the crate they give compiles.

use generator::diagnostics::Severity;
use generator::generate::generate_crate;
use generator::DocsTree;
use hostile_docs::names::hostile_cases;

/// Generates a crate from `pages`, and checks what can be checked without compiling: every `.rs` file parses,
/// the `Cargo.toml` reads as TOML with the crate's own features intact.
fn generate_and_check(pages: Vec<(String, String)>) -> Result<generator::generate::Generation, String> {
    let tree = DocsTree::from_files(pages);
    let generation =
        generate_crate(&tree, "hostile", "test", &Default::default()).map_err(|error| error.to_string())?;
    for (path, text) in &generation.files {
        if path.ends_with(".rs") {
            syn::parse_file(text).map_err(|error| format!("{path} does not parse: {error}"))?;
        }
    }
    let manifest = generation.files.get("Cargo.toml").ok_or("no Cargo.toml")?;
    let manifest: toml::Table = manifest.parse().map_err(|error| format!("Cargo.toml does not parse: {error}"))?;
    let features = manifest.get("features").and_then(toml::Value::as_table).ok_or("no [features]")?;
    let default = features.get("default").map(ToString::to_string);
    if default.as_deref() != Some("[\"blocking\", \"full\"]") {
        return Err(format!("the default features changed: {default:?}"));
    }
    for (name, _) in features {
        let valid = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && name.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !valid {
            return Err(format!("`{name}` is not a cargo feature name"));
        }
    }
    let keys: Vec<&String> = manifest.keys().collect();
    if keys != ["dependencies", "dev-dependencies", "features", "package"] {
        return Err(format!("Cargo.toml has other tables: {keys:?}"));
    }
    Ok(generation)
}

#[test]
fn every_hostile_page_generates_a_crate_that_parses() {
    let mut failures = Vec::new();
    for (case, pages) in hostile_cases() {
        let first = pages[0].0.clone();
        if let Err(error) = generate_and_check(pages) {
            failures.push(format!("{case} ({first}): {error}"));
        }
    }
    assert!(failures.is_empty(), "{} hostile cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_whole_hostile_tree_generates_and_renames_are_reported() {
    let pages: Vec<(String, String)> = hostile_cases().into_iter().flat_map(|(_, pages)| pages).collect();
    let generation = generate_and_check(pages).expect("the hostile tree generates");
    let renames: Vec<&str> = generation
        .diagnostics
        .iter()
        .filter(|diagnostic| matches!(diagnostic.code.as_str(), "GD0980" | "GD0981" | "GD0982"))
        .inspect(|diagnostic| assert_eq!(diagnostic.severity, Severity::Warning))
        .map(|diagnostic| diagnostic.message.as_str())
        .collect();
    // A few of the renames, each naming the original and the new name.
    for expected in [
        "`Self` is reserved in the generated crate; named `Self2`",
        "`Models` is reserved in the generated crate; named `Models2`",
        "area `default` is one of the crate's own features; named `default-area`",
        "area `rustls` is one of the crate's own features; named `rustls-area`",
        "area `graphdoc-runtime` is one of the crate's own features; named `graphdoc-runtime-area`",
        "operation `Ab` folds to the same Rust name as `AB`; named `Ab3`",
        "operation `Response` is reserved in the generated crate; named `Response2`",
        "operation `Literal` is reserved in the generated crate; named `Literal2`",
        "type `option` is reserved in the generated crate; named `Option",
        "type `sameAsModel` folds to the same Rust name as `SameAsModel`; named `SameAsModel2`",
        "header `me` folds to the same Rust name as `me`; named `me_2`",
        "header `clone` is reserved in the generated crate; named `clone_2`",
        "header `body` is reserved in the generated crate; named `body_2`",
        "path parameter `self` is reserved in the generated crate; named `self_2`",
        "property `foo_bar` folds to the same Rust name as `foo_bar`; named `foo_bar_2`",
        "enum member `self` is reserved in the generated crate; named `Self2`",
        "API version `v1.0` folds to the same Rust name as `v1_0`; named `v1_0_2`",
    ] {
        assert!(renames.iter().any(|message| message.contains(expected)), "no `{expected}` in {renames:#?}");
    }
    let version_modules: Vec<&str> = generation.api.versions.iter().map(|version| version.module.as_str()).collect();
    assert_eq!(version_modules.len(), 3, "{version_modules:?}");
}
