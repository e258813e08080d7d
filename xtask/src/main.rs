//! Maintainer tasks: `cargo xtask gen [--check]` and `cargo xtask corpus [DIR]`.

mod corpus;
mod gen;

use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = workspace_root();
    match args.first().map(String::as_str) {
        Some("gen") => gen::run(&workspace, args.iter().any(|arg| arg == "--check")),
        Some("corpus") => {
            let dir = args.get(1).map(PathBuf::from).unwrap_or_else(|| workspace.join("../shared/corpus"));
            corpus::run(&dir)
        }
        _ => bail!("usage: cargo xtask gen [--check] | cargo xtask corpus [CORPUS_DIR]"),
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}
