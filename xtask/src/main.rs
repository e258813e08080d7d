//! Maintainer tasks: `cargo xtask gen [--check]`, `cargo xtask corpus [DIR]`, `cargo xtask corpus-crate [DOCS_DIR]`,
//! `cargo xtask compile-bench [CORPUS_ROOT]`, `cargo xtask hostile` and `cargo xtask regenerate --docs DOCS_CHECKOUT`
//! (see `regenerate.rs`); `cargo xtask --help`.

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

mod compile_bench;
mod corpus;
mod corpus_crate;
mod gen;
mod hostile;
mod regenerate;

use anyhow::{bail, Result};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Maintainer tasks of the graphdoc workspace.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", after_help = "Example: cargo xtask gen --check")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerates `generated/` from `spec/`.
    #[command(after_help = "Example: cargo xtask gen --check")]
    Gen {
        /// Writes nothing; fails when `generated/` is not what `spec/` gives.
        #[arg(long)]
        check: bool,
    },
    /// Parses each docs folder of a corpus and checks the conformance bars; exits 1 when one is missed.
    #[command(after_help = "Example: cargo xtask corpus ../shared/corpus")]
    Corpus {
        /// The corpus (default: ../shared/corpus, skipped when absent; a folder named here must exist).
        dir: Option<PathBuf>,
    },
    /// Generates a crate from a docs folder, builds it and runs its replay tests.
    #[command(after_help = "Example: cargo xtask corpus-crate ../shared/corpus/en-US-2021/api-reference/v1.0")]
    CorpusCrate {
        /// The docs folder (default: the corpus's en-US-2021 v1.0, skipped when absent; a folder named here must
        /// exist).
        docs_dir: Option<PathBuf>,
    },
    /// Measures the cold crate-only check of the generated v1.0 and beta crates against graph-rs-sdk's.
    #[command(after_help = "Example: cargo xtask compile-bench ../shared/corpus")]
    CompileBench {
        /// The corpus (default: ../shared/corpus, skipped when absent; a folder named here must exist).
        corpus_root: Option<PathBuf>,
        /// Alternating rounds of measures (at least 2).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(2..))]
        rounds: u32,
    },
    /// Runs the generator over generated hostile docs trees.
    #[command(after_help = "Example: cargo xtask hostile")]
    Hostile,
    /// Brings `spec/` and `generated/` up to a new checkout of the docs repository, and says what changed.
    #[command(
        long_about = regenerate::LONG_ABOUT,
        after_help = regenerate::EXAMPLE,
        after_long_help = regenerate::LONG_HELP
    )]
    Regenerate(regenerate::Args),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            // Errors name docs files, whose names may carry control characters: those are escaped, but line
            // breaks are kept (an error may quote cargo's output, and file names with them are refused).
            eprintln!("error: {}", generator::diagnostics::escape_unsafe(&format!("{error:#}"), |c| c == '\n'));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let workspace = workspace_root();
    match cli.task {
        Task::Gen { check } => gen::run(&workspace, check),
        Task::Corpus { dir } => {
            let dir = named_folder(dir)?.unwrap_or_else(|| workspace.join("../shared/corpus"));
            corpus::run(&dir)
        }
        Task::CorpusCrate { docs_dir } => {
            let default = workspace.join("../shared/corpus/en-US-2021/api-reference/v1.0");
            corpus_crate::run(&workspace, &named_folder(docs_dir)?.unwrap_or(default))
        }
        Task::CompileBench { corpus_root, rounds } => {
            let corpus = named_folder(corpus_root)?.unwrap_or_else(|| workspace.join("../shared/corpus"));
            compile_bench::run(&workspace, &corpus, rounds)
        }
        Task::Hostile => hostile::run(&workspace),
        Task::Regenerate(args) => regenerate::run(&workspace, args),
    }
}

/// A folder the user named must exist (only the default one is skipped when absent, as on a clone without the
/// corpus).
fn named_folder(folder: Option<PathBuf>) -> Result<Option<PathBuf>> {
    match folder {
        Some(folder) if !folder.is_dir() => {
            bail!("no folder at {}", generator::diagnostics::terminal_safe(&folder.display().to_string()))
        }
        folder => Ok(folder),
    }
}

/// The runtime crate of this workspace, by absolute path: for crates generated outside it (corpus, bench, hostile).
pub fn local_runtime() -> generator::emit::RuntimeDependency {
    generator::emit::RuntimeDependency::Path(workspace_root().join("runtime").to_string_lossy().into_owned())
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
