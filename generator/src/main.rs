//! `graphdoc`: the command-line front door to the generator.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use generator::diagnostics::{render, terminal_safe, Severity};
use generator::output;
use generator::parse::Docs;
use generator::stats::Stats;
use generator::DocsTree;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Parsing allocates many small strings; mimalloc is markedly faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "graphdoc", about = "Reads Microsoft Graph API docs into a typed IR")]
struct Cli {
    /// Worker threads (default: all cores). The output does not depend on it.
    #[arg(long, global = true)]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the IR of every `.md` page under DOCS_ROOT as JSON.
    Ir {
        docs_root: PathBuf,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Prints conformance counts.
    Stats {
        docs_root: PathBuf,
        /// Prints the counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Writes a complete crate (builders, models, runtime, replay tests) for DOCS_ROOT into DIR.
    Gen {
        docs_root: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// The crate's name (a cargo package name: ASCII letters, digits, `-` and `_`, starting with a letter).
        #[arg(long, default_value = "graph", value_parser = crate_name)]
        name: String,
    },
    /// Prints the API changelog from OLD_DOCS to NEW_DOCS (markdown, or JSON with --json): operations, addressing,
    /// permissions, types, statuses, headers and query parameters, each breaking or not, and a suggested bump.
    /// Exits 0 (whatever changed) unless a tree cannot be read.
    Diff {
        old_docs: PathBuf,
        new_docs: PathBuf,
        /// Prints the changelog as JSON.
        #[arg(long, conflicts_with = "summary")]
        json: bool,
        /// Prints only the counts.
        #[arg(long)]
        summary: bool,
    },
    /// Prints the diagnostics; exits 1 when any is an error.
    Check {
        docs_root: PathBuf,
        /// Prints only diagnostics of at least this severity (error, warning, note).
        #[arg(long, default_value = "note")]
        min_severity: String,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            // Errors name files of the docs tree, whose names may carry control characters: one escaped line.
            eprintln!("Error: {}", terminal_safe(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().context("cannot set up the thread pool")?;
    }
    match cli.command {
        Command::Ir { docs_root, output } => {
            let ir = load(&docs_root)?.parse();
            let json = generator::ir_json(&ir);
            match output {
                Some(path) => {
                    std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => std::io::stdout().lock().write_all(json.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { docs_root, json } => {
            let tree = load(&docs_root)?;
            let stats = Stats::of_tree(&tree.parse(), &tree);
            let text = if json { serde_json::to_string_pretty(&stats)? + "\n" } else { stats.render() };
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Gen { docs_root, out, name } => {
            // Refused before the work, and again by `write_files`.
            output::refuse_inside_docs_root(&out, &docs_root)?;
            let tree = load(&docs_root)?;
            // The command goes into each file's header comment: one line, whatever the paths hold.
            let command = format!("graphdoc gen {} --out {}", docs_root.display(), out.display());
            let regenerate = generator::diagnostics::terminal_safe(&command);
            let generation = generator::generate::generate_crate(&tree, &name, &regenerate)?;
            output::write_files(&out, &docs_root, &generation.files, output::Mode::Write)?;
            let errors = generation.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            println!("{}: {} ({errors} errors; `graphdoc check` lists them)", out.display(), generation.summary);
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old_docs, new_docs, json, summary } => {
            let changelog = generator::diff::diff_trees(&load(&old_docs)?, &load(&new_docs)?);
            // The changelog's docs text is already terminal-safe (and escaped for markdown).
            let text = if json {
                serde_json::to_string_pretty(&changelog)? + "\n"
            } else if summary {
                generator::diff::summary(&changelog)
            } else {
                generator::diff::markdown(&changelog)
            };
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { docs_root, min_severity } => {
            let threshold = match min_severity.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "note" => Severity::Note,
                other => anyhow::bail!("unknown severity `{other}`: expected error, warning or note"),
            };
            let tree = load(&docs_root)?;
            let mut ir = tree.parse();
            // The examples checked against the types and paths they document (what generation would report).
            let (_, consistency) = generator::resolve::resolve(&ir);
            ir.diagnostics.extend(consistency);
            ir.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let shown: Vec<_> =
                ir.diagnostics.iter().filter(|diagnostic| diagnostic.severity <= threshold).cloned().collect();
            // Sources come from the tree as read, never from disk again: a skipped entry may be a link out of
            // the root, a device or a FIFO.
            let text = render(&shown, |file| tree.text(file).map(str::to_owned));
            std::io::stdout().lock().write_all(text.as_bytes())?;
            let errors = ir.diagnostics.iter().filter(|diagnostic| diagnostic.severity == Severity::Error).count();
            eprintln!("{} diagnostics ({errors} errors) in {} pages", ir.diagnostics.len(), ir.pages.len());
            Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

/// A cargo package name, which also names the crate in the replay tests' code (`-` read as `_`).
fn crate_name(name: &str) -> std::result::Result<String, String> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err("expected ASCII letters, digits, `-` and `_`, starting with a letter".into())
    }
}

fn load(root: &Path) -> Result<DocsTree> {
    Ok(DocsTree::load(root)?)
}
