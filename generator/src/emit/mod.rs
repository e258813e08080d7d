//! Emission: the resolved [`Api`] to the files of a Rust crate, formatted, deterministic and marked `@generated`.
//!
//! One function per concern: [`models`] writes types, [`operations`] request builders, [`replay`] the tests;
//! the shared logic of every builder lives in the runtime (`generator/runtime/runtime.rs`), copied verbatim.

mod format;
mod models;
mod operations;
mod replay;

pub use format::FormatError;

use crate::resolve::{Api, RustType};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The runtime every generated crate carries, as one file: the core, then its `retry` and `client` modules.
pub const RUNTIME: &str = concat!(
    include_str!("../../runtime/runtime.rs"),
    "\n",
    include_str!("../../runtime/retry.rs"),
    "\n",
    include_str!("../../runtime/client.rs"),
);
/// The support code of the replay tests.
pub const REPLAY_SUPPORT: &str = include_str!("../../runtime/replay_support.rs");

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
}

/// Generated files by relative path (`src/lib.rs`, `src/v1_0.rs`, `src/runtime.rs`, `tests/replay.rs`).
pub type Files = BTreeMap<String, String>;

/// Emits the source files of `api`: `src/lib.rs`, `src/runtime.rs`, one `src/<version>.rs` per version, and
/// `tests/replay.rs`. Every file is formatted; none depends on the order pages were parsed in.
pub fn emit(api: &Api, options: &EmitOptions) -> Result<Files, FormatError> {
    let mut files = Files::new();
    let header = format::header(&options.regenerate);
    let modules: Vec<Ident> = api.versions.iter().map(|version| ident(&version.module)).collect();
    let version_docs = api.versions.iter().map(|version| doc(&format!("Microsoft Graph `{}`.", version.name)));
    // `rustfmt::skip`: the files are formatted by prettyplease, and `cargo fmt` must not make them stale.
    let lib = quote! {
        /// The runtime shared by every operation: request parts, encoding, errors and the client.
        #[rustfmt::skip]
        pub mod runtime;
        #(#version_docs #[rustfmt::skip] pub mod #modules;)*
    };
    files.insert("src/lib.rs".into(), format::format_file("src/lib.rs", lib, &options.regenerate)?);
    files.insert("src/runtime.rs".into(), header.clone() + RUNTIME);
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
    let support = REPLAY_SUPPORT.replace("crate::runtime", &format!("{}::runtime", options.crate_path));
    let tests = format!("{header}{TESTS_RUSTFMT_SKIP}\nmod support {{\n{support}}}\n\n{}", tests.concat());
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

/// `#[doc]` attributes, one per line, whose text cannot become code: fences are escaped (rustdoc would run them as
/// doctests) and lines are unindented (an indented line would be a code block too).
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|line| {
        let line = format!(" {}", line.trim().replace("```", "\\`\\`\\`").replace("~~~", "\\~\\~\\~"));
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#[cfg(feature = ...)]` (or `any(...)` of several) for `features` when gating, nothing otherwise.
pub(crate) fn cfg(features: &[&str], gate: bool) -> TokenStream {
    match features {
        _ if !gate => quote!(),
        [feature] => quote!(#[cfg(feature = #feature)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// The Rust type for `ty`, with models under `models`.
pub(crate) fn rust_type(ty: &RustType, models: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F64 => quote!(f64),
        RustType::Json => quote!(serde_json::Value),
        RustType::Model(name) | RustType::Enum(name) => {
            let name = ident(name);
            quote!(#models::#name)
        }
        RustType::Vec(inner) => {
            let inner = rust_type(inner, models);
            quote!(Vec<#inner>)
        }
    }
}

/// The `Cargo.toml` of a generated crate named `name`, with one feature per workload area and `full` for all.
pub fn cargo_toml(name: &str, regenerate: &str, features: &[String]) -> String {
    let areas: String = features.iter().map(|feature| format!("{feature} = []\n")).collect();
    let full = features.iter().map(|feature| format!("\"{feature}\"")).collect::<Vec<_>>().join(", ");
    format!(
        r#"# @generated by graphdoc. Do not edit: {regenerate}
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false
description = "Typed Microsoft Graph request builders, generated from the Graph docs by graphdoc."

[features]
default = ["client", "full"]
# Every workload area; or pick areas with `default-features = false, features = ["client", "excel"]`.
full = [{full}]
{areas}
# A blocking HTTP client (ureq) that sends the builders' requests.
client = ["dep:ureq"]
# TLS for the client, to reach the real service.
tls = ["client", "ureq/rustls"]

[dependencies]
http = "1"
httpdate = "1"
percent-encoding = "2"
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
ureq = {{ version = "3", default-features = false, optional = true }}

[dev-dependencies]
tiny_http = "0.12"
"#
    )
}
