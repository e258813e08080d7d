//! Emission: the resolved [`Api`] to the files of a Rust crate, formatted, deterministic and marked `@generated`.
//!
//! One function per concern: [`models`] writes types, [`operations`] request builders, [`replay`] the tests;
//! the shared logic of every builder lives in the runtime (`generator/runtime/runtime.rs`), copied verbatim.

mod doc;
mod format;
mod models;
mod operations;
mod readme;
mod replay;

pub use format::FormatError;

pub(crate) use doc::doc;

use crate::resolve::{Api, RustType};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The runtime crate every generated crate depends on (`runtime/` in this repository).
pub const RUNTIME_CRATE: &str = "graphdoc-runtime";

/// The inner attribute that keeps `cargo fmt` off the generated tests (a build script's `include!` drops it).
pub const TESTS_RUSTFMT_SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]";

/// How the generated code is used: as its own crate, or `include!`d by a user's build script.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The Rust path of the generated code in the replay tests: a crate name, or `crate::graph`.
    pub crate_path: String,
    /// How to regenerate, for the header of every file.
    pub regenerate: String,
    /// Gate each operation (and the models it needs) behind a cargo feature per workload area: for a crate of
    /// its own. A build script's output is compiled whole (it picks its docs instead).
    pub feature_gates: bool,
    /// The cargo package name of a crate of its own: its `README.md` is written, and is its crate docs too.
    pub package: Option<String>,
}

/// Generated files by relative path (`src/lib.rs`, `src/v1_0.rs`, `src/runtime.rs`, `tests/replay.rs`, and
/// `README.md` for a crate of its own).
pub type Files = BTreeMap<String, String>;

/// Emits the source files of `api`: `src/lib.rs`, `src/runtime.rs`, one `src/<version>.rs` per version,
/// `tests/replay.rs`, and for a crate of its own (`options.package`) `README.md`, also its crate docs. Every file
/// is formatted; none depends on the order pages were parsed in.
pub fn emit(api: &Api, options: &EmitOptions) -> Result<Files, FormatError> {
    let mut files = Files::new();
    let header = format::header(&options.regenerate);
    let modules: Vec<Ident> = api.versions.iter().map(|version| ident(&version.module)).collect();
    let version_docs = api.versions.iter().map(|version| doc(&format!("Microsoft Graph `{}`.", version.name)));
    // `rustfmt::skip`: the files are formatted by prettyplease, and `cargo fmt` must not make them stale.
    let crate_docs = match &options.package {
        Some(package) => {
            files.insert("README.md".into(), readme::readme(package, &options.crate_path, api, &options.regenerate));
            doc::inner_doc(&readme::body(package, &options.crate_path, api, &options.regenerate))
        }
        None => quote!(),
    };
    let lib = quote! {
        #crate_docs
        /// The runtime shared by every operation (the `graphdoc-runtime` crate): request parts, encoding, typed
        /// values, errors, retries and the clients.
        pub use graphdoc_runtime as runtime;
        #(#version_docs #[rustfmt::skip] pub mod #modules;)*
    };
    files.insert("src/lib.rs".into(), format::format_file("src/lib.rs", lib, &options.regenerate)?);
    let krate_text = options.crate_path.as_str();
    let mut tests: Vec<String> = Vec::new();
    // Each operation (and each test) is emitted and formatted on its own, in parallel; pieces join in order, so
    // the output does not depend on the thread count. Tokens stay inside one task (they are not `Send`).
    let gate = options.feature_gates;
    for version in &api.versions {
        let file = format!("src/{}.rs", version.module);
        let mut code = header.clone() + &format::format_items(&file, models::models(version, gate))?;
        let pieces: Vec<String> = version
            .operations
            .par_iter()
            .map(|operation| format::format_items(&file, operations::operation(operation, gate)))
            .collect::<Result<_, _>>()?;
        code.extend(pieces);
        files.insert(file, code);
        tests.extend(replay::tests(version, krate_text, gate)?);
    }
    let tests = format!(
        "{header}{TESTS_RUSTFMT_SKIP}\nuse {}::runtime::replay as support;\n\n{}",
        options.crate_path,
        tests.concat()
    );
    files.insert("tests/replay.rs".into(), tests);
    Ok(files)
}

/// An identifier from a name the resolver made valid (`r#type` stays raw).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[cfg(feature = ...)]` (or `any(...)` of several) for `features` when gating, nothing otherwise.
pub(crate) fn cfg(features: &[&str], gate: bool) -> TokenStream {
    match features {
        _ if !gate => quote!(),
        [feature] => quote!(#[cfg(feature = #feature)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// The Rust type for `ty`, with models under `models`. Primitive values are the runtime's, as
/// `super::super::runtime::values::X`: every caller is a module inside a version's module (as `super::models` is).
pub(crate) fn rust_type(ty: &RustType, models: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F64 => quote!(f64),
        RustType::Json => quote!(super::super::runtime::serde_json::Value),
        RustType::Model(name) | RustType::Enum(name) => {
            let name = ident(name);
            quote!(#models::#name)
        }
        RustType::Union(union) => {
            let name = ident(&union.rust_name);
            quote!(#models::#name)
        }
        RustType::Vec(inner) => {
            let inner = rust_type(inner, models);
            quote!(Vec<#inner>)
        }
        RustType::Page(inner) => {
            let inner = rust_type(inner, models);
            quote!(runtime::Page<#inner>)
        }
        RustType::OneOrPage(inner) => {
            let inner = rust_type(inner, models);
            quote!(runtime::OneOrPage<#inner>)
        }
        RustType::Single(inner) => {
            let inner = rust_type(inner, models);
            quote!(runtime::Single<#inner>)
        }
        RustType::Primitive(primitive) => {
            let name = ident(primitive.rust_name());
            quote!(super::super::runtime::values::#name)
        }
    }
}

/// Where a generated crate finds the runtime crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A folder holding the runtime crate, as written in `Cargo.toml` (relative to the generated crate, or
    /// absolute): inside this repository.
    Path(String),
    /// A version requirement: for users outside this repository.
    Version(String),
}

impl Default for RuntimeDependency {
    /// The runtime version this generator was released with.
    fn default() -> Self {
        RuntimeDependency::Version(graphdoc_runtime::VERSION.to_owned())
    }
}

impl RuntimeDependency {
    /// The dependency's TOML table, with `features` turned on.
    fn toml(&self, features: &[&str]) -> String {
        let source = match self {
            RuntimeDependency::Path(path) => format!("path = {}", toml_string(path)),
            RuntimeDependency::Version(version) => format!("version = {}", toml_string(version)),
        };
        let features = features.iter().map(|feature| toml_string(feature)).collect::<Vec<_>>().join(", ");
        format!("{RUNTIME_CRATE} = {{ {source}, features = [{features}] }}")
    }
}

/// The `Cargo.toml` of a generated crate named `name`, with one feature per workload area and `full` for all.
/// The resolver makes feature names valid; every name is written as a TOML key or string all the same, so that
/// no text can end its line or its string, and `regenerate` stays on its comment line. The crate's one dependency
/// is the runtime; its tests add the runtime's replay support.
pub fn cargo_toml(name: &str, regenerate: &str, features: &[String], runtime: &RuntimeDependency) -> String {
    let areas: String = features.iter().map(|feature| format!("{} = []\n", toml_key(feature))).collect();
    let full = features.iter().map(|feature| toml_string(feature)).collect::<Vec<_>>().join(", ");
    let regenerate = one_line(regenerate);
    let name = toml_string(name);
    let dependency = runtime.toml(&[]);
    let dev_dependency = runtime.toml(&["replay"]);
    format!(
        r#"# @generated by graphdoc. Do not edit: {regenerate}
[package]
name = {name}
version = "0.1.0"
edition = "2021"
publish = false
readme = "README.md"
description = "Typed Microsoft Graph request builders, generated from the Graph docs by graphdoc."

[features]
default = ["blocking", "full"]
# Every workload area; or pick areas with `default-features = false, features = ["blocking", "excel"]`.
full = [{full}]
{areas}
# The runtime's blocking HTTP client (ureq) that sends the builders' requests.
blocking = ["{RUNTIME_CRATE}/blocking"]
# The runtime's async client (reqwest on tokio).
async = ["{RUNTIME_CRATE}/async"]
# Tokens from the `azure_identity` crate's credentials, for the async client.
azure = ["{RUNTIME_CRATE}/azure"]
# TLS for the clients (rustls), to reach the real service.
rustls = ["{RUNTIME_CRATE}/rustls"]

[dependencies]
{dependency}

[dev-dependencies]
{dev_dependency}
"#
    )
}

/// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a TOML key: bare when TOML allows it (as the resolver's feature names are), else quoted.
pub fn toml_key(text: &str) -> String {
    let bare = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        text.to_owned()
    } else {
        toml_string(text)
    }
}

/// `text` on one line: control characters (line breaks among them) written as escapes.
pub(crate) fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_toml_text_cannot_leave_its_string() {
        let features = ["excel".to_owned(), "a\"] = 1\n[x".to_owned(), "b\\\nc = 2".to_owned()];
        let text = cargo_toml(
            "name\"\n[x]",
            "regenerate\n[y]\nz = 1",
            &features,
            &RuntimeDependency::Path("..\"\n[z]".into()),
        );
        let manifest: toml::Table = text.parse().expect("the manifest is TOML");
        let keys: Vec<&String> = manifest.keys().collect();
        assert_eq!(keys, ["dependencies", "dev-dependencies", "features", "package"]);
        let package = manifest["package"].as_table().expect("[package]");
        assert_eq!(package["readme"].as_str(), Some("README.md"));
        assert_eq!(package["name"].as_str(), Some("name\"\n[x]"));
        let features_table = manifest["features"].as_table().expect("[features]");
        for feature in &features {
            assert!(features_table.contains_key(feature.as_str()), "{feature:?} in {features_table:?}");
        }
        let full: Vec<&str> =
            features_table["full"].as_array().expect("full").iter().filter_map(toml::Value::as_str).collect();
        assert_eq!(full, features.iter().map(String::as_str).collect::<Vec<_>>());
        let runtime = manifest["dependencies"]["graphdoc-runtime"].as_table().expect("the runtime dependency");
        assert_eq!(runtime["path"].as_str(), Some("..\"\n[z]"));
        let replay = manifest["dev-dependencies"]["graphdoc-runtime"]["features"].as_array().expect("features");
        assert_eq!(replay, &[toml::Value::from("replay")]);
        // Resolved names stay as bare keys, as in the committed `generated/Cargo.toml`.
        assert!(text.contains("\nexcel = []\n"), "{text}");
    }

    #[test]
    fn the_header_stays_one_comment_line() {
        let header = format::header("gen /tmp/a\nfn injected() {}\r\n");
        assert_eq!(header.lines().filter(|line| !line.is_empty()).count(), 1, "{header}");
        assert!(header.lines().all(|line| line.is_empty() || line.starts_with("//")), "{header}");
    }
}
