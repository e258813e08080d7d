//! Maintainer tasks: `cargo xtask gen [--check]`, `cargo xtask corpus [DIR]`, `cargo xtask corpus-crate [DOCS_DIR]`,
//! `cargo xtask hostile` and `cargo xtask regenerate --docs DOCS_CHECKOUT` (see `regenerate.rs`).

/// `println!` that keeps working when stdout is a pipe whose reader has gone (`cargo xtask corpus | head`): the
/// lines are dropped, the task still finishes (files written, checks run) and its exit status still tells.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(error) = writeln!(std::io::stdout(), $($arg)*) {
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                panic!("cannot write to stdout: {error}");
            }
        }
    }};
}

mod corpus;
mod corpus_crate;
mod gen;
mod hostile;
mod regenerate;

use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            // Errors name docs files, whose names may carry control characters: those are escaped, but line
            // breaks are kept (an error may quote cargo's output, and file names with them are refused).
            eprintln!("Error: {}", generator::diagnostics::escape_unsafe(&format!("{error:#}"), |c| c == '\n'));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = workspace_root();
    match args.first().map(String::as_str) {
        Some("gen") => gen::run(&workspace, args.iter().any(|arg| arg == "--check")),
        Some("corpus") => {
            let dir = args.get(1).map(PathBuf::from).unwrap_or_else(|| workspace.join("../shared/corpus"));
            corpus::run(&dir)
        }
        Some("corpus-crate") => {
            let default = workspace.join("../shared/corpus/en-US-2021/api-reference/v1.0");
            corpus_crate::run(&workspace, &args.get(1).map(PathBuf::from).unwrap_or(default))
        }
        Some("hostile") => hostile::run(&workspace),
        Some("regenerate") => regenerate::run(&workspace, &args[1..]),
        _ => bail!(
            "usage: cargo xtask gen [--check] | corpus [CORPUS_DIR] | corpus-crate [DOCS_DIR] | hostile | \
             regenerate --docs DOCS_CHECKOUT [--repo URL] [--commit SHA] (`regenerate --help`: exit statuses)"
        ),
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}
