//! `graphdoc`: the command-line front door to the generator.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use generator::diagnostics::{render, terminal_safe, Severity};
use generator::emit::RuntimeDependency;
use generator::output;
use generator::parse::Docs;
use generator::progress::{Bar, Progress, Quiet};
use generator::stats::Stats;
use generator::DocsTree;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Parsing allocates many small strings; mimalloc is markedly faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How every command exits, after each command's example in `--help` (the README says the same).
macro_rules! exit_codes {
    () => {
        "Exit codes:
  0  success (also when standard output is closed early, as by `| head`)
  1  `check` found errors in the docs
  2  usage error (an unknown command, flag or value)
  3  I/O error: DOCS_ROOT missing, unreadable or holding no `.md` page, or an output that cannot be written"
    };
}

/// The help's closing text: an example for `-h`, the example and the exit codes for `--help`.
macro_rules! example {
    ($example:literal) => {
        concat!("Example: ", $example)
    };
    ($example:literal, long) => {
        concat!("Example: ", $example, "\n\n", exit_codes!())
    };
}

/// Exit code of an I/O error (see `exit_codes!`).
const EXIT_IO: u8 = 3;

/// What every generated file's header says to regenerate it: no path, so that the same docs give the same bytes
/// wherever they and the output are.
const REGENERATE: &str = "regenerate with `graphdoc gen <DOCS_ROOT> --out <DIR>`";

#[derive(Parser)]
#[command(
    name = "graphdoc",
    version,
    about = "Reads Microsoft Graph API docs into a typed IR, and generates a Rust crate from them",
    after_help = example!("graphdoc gen api-reference/v1.0 --out graph-v1"),
    after_long_help = example!("graphdoc gen api-reference/v1.0 --out graph-v1", long)
)]
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
    #[command(
        after_help = example!("graphdoc ir api-reference/v1.0 -o ir.json"),
        after_long_help = example!("graphdoc ir api-reference/v1.0 -o ir.json", long)
    )]
    Ir {
        /// The docs folder (every `.md` page under it is read), or a single `.md` page (read alone).
        docs_root: PathBuf,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Prints conformance counts. Diagnostics are counted as `check` prints them: the parser's and the resolver's
    /// (examples checked against types and paths), one set.
    #[command(
        after_help = example!("graphdoc stats api-reference/v1.0 --json"),
        after_long_help = example!("graphdoc stats api-reference/v1.0 --json", long)
    )]
    Stats {
        /// The docs folder (every `.md` page under it is read), or a single `.md` page (read alone).
        docs_root: PathBuf,
        /// Prints the counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Prints how typed the generated API is: collections, untyped responses, bodies from tables, typed response
    /// properties, strict replay, numbered constructors, each with its goal.
    #[command(
        after_help = example!("graphdoc typing api-reference/v1.0"),
        after_long_help = example!("graphdoc typing api-reference/v1.0 --json", long)
    )]
    Typing {
        /// The docs folder (every `.md` page under it is read), or a single `.md` page (read alone).
        docs_root: PathBuf,
        /// Prints the measures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Writes a complete crate (builders, models, runtime, replay tests) for DOCS_ROOT into DIR.
    #[command(
        after_help = example!("graphdoc gen api-reference/v1.0 --out graph-v1 --name graph-v1"),
        after_long_help = example!("graphdoc gen api-reference/v1.0 --out graph-v1 --name graph-v1", long)
    )]
    Gen {
        /// The docs folder (every `.md` page under it is read), or a single `.md` page (read alone).
        docs_root: PathBuf,
        /// The folder the crate is written into (created if missing; not inside DOCS_ROOT).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The crate's name (a cargo package name: ASCII letters, digits, `-` and `_`, starting with a letter).
        #[arg(long, default_value = "graph", value_parser = crate_name)]
        name: String,
        /// The folder of the `graphdoc-runtime` crate, as the generated `Cargo.toml` should name it (relative to
        /// OUT, or absolute). Without it the crate asks for the runtime by version.
        #[arg(long, value_name = "DIR")]
        runtime_path: Option<String>,
    },
    /// Prints the API changelog from OLD_DOCS to NEW_DOCS (markdown, or JSON with --json): operations, addressing,
    /// permissions, types, statuses, headers and query parameters, each breaking or not, and a suggested bump.
    /// Exits 0 (whatever changed) unless a tree cannot be read.
    #[command(
        after_help = example!("graphdoc diff old/api-reference/v1.0 new/api-reference/v1.0 --summary"),
        after_long_help = example!("graphdoc diff old/api-reference/v1.0 new/api-reference/v1.0 --summary", long)
    )]
    Diff {
        /// The older docs folder (or `.md` page).
        old_docs: PathBuf,
        /// The newer docs folder (or `.md` page).
        new_docs: PathBuf,
        /// Prints the changelog as JSON.
        #[arg(long, conflicts_with = "summary")]
        json: bool,
        /// Prints only the counts.
        #[arg(long)]
        summary: bool,
    },
    /// Prints the diagnostics, the parser's and the resolver's (the set `stats` counts and `gen` reports); exits 1
    /// when any is an error. Severities: error, the generated code is wrong or missing something; warning, a docs
    /// defect the generator worked around; note, for information.
    #[command(
        after_help = example!("graphdoc check api-reference/v1.0 --min-severity warning"),
        after_long_help = example!("graphdoc check api-reference/v1.0 --min-severity warning", long)
    )]
    Check {
        /// The docs folder (every `.md` page under it is read), or a single `.md` page (read alone).
        docs_root: PathBuf,
        /// Prints only diagnostics of at least this severity.
        #[arg(long, value_enum, default_value_t = MinSeverity::Note)]
        min_severity: MinSeverity,
    },
}

/// The least severity `check` prints.
#[derive(Clone, Copy, clap::ValueEnum)]
enum MinSeverity {
    Error,
    Warning,
    Note,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        // The reader of standard output has gone (`graphdoc ir docs | head`): what it wanted, it has.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", error_text(&error));
            ExitCode::from(EXIT_IO)
        }
    }
}

/// `error: <message>`, then each cause on a line of its own, skipping a cause the line before already ends with
/// (an error that prints its source). Errors name files of the docs tree, whose names may carry control
/// characters: each line is escaped, so that it stays one line.
fn error_text(error: &anyhow::Error) -> String {
    let mut lines: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if lines.last().is_some_and(|line| line.ends_with(&text)) {
            continue;
        }
        lines.push(text);
    }
    let mut text = String::new();
    for (index, line) in lines.iter().enumerate() {
        let label = if index == 0 { "error" } else { "  caused by" };
        text += &format!("{label}: {}\n", terminal_safe(line));
    }
    text
}

/// Whether `error` comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `text` to standard output (an error, as a broken pipe, ends the command).
fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().context("cannot set up the thread pool")?;
    }
    match cli.command {
        Command::Ir { docs_root, output } => {
            let progress = Bar::stderr();
            let ir = load(&docs_root, &progress)?.parse_reporting(&progress);
            progress.stage("writing JSON", None);
            let json = generator::ir_json(&ir);
            drop(progress);
            match output {
                Some(path) => {
                    std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => print(&json)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { docs_root, json } => {
            let progress = Bar::stderr();
            let tree = load(&docs_root, &progress)?;
            let ir = tree.parse_reporting(&progress);
            progress.stage("counting", None);
            let stats = Stats::of_tree(&ir, &tree);
            drop(progress);
            print(&if json { serde_json::to_string_pretty(&stats)? + "\n" } else { stats.render() })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Typing { docs_root, json } => {
            let progress = Bar::stderr();
            let ir = load(&docs_root, &progress)?.parse_reporting(&progress);
            progress.stage("resolving", None);
            let (api, mut diagnostics) = generator::resolve::resolve(&ir);
            diagnostics.extend(ir.diagnostics.iter().cloned());
            let typing = generator::stats::typing::Typing::of(&ir, &api, &diagnostics);
            drop(progress);
            print(&if json { serde_json::to_string_pretty(&typing)? + "\n" } else { typing.render() })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Gen { docs_root, out, name, runtime_path } => {
            // Refused before the work, and again by `write_files`.
            output::refuse_inside_docs_root(&out, &docs_root)?;
            let progress = Bar::stderr();
            let tree = load(&docs_root, &progress)?;
            let runtime = runtime_path.map_or_else(RuntimeDependency::default, RuntimeDependency::Path);
            let generation =
                generator::generate::generate_crate_reporting(&tree, &name, REGENERATE, &runtime, &progress)?;
            progress.stage("writing files", None);
            output::write_files(&out, &docs_root, &generation.files, output::Mode::Write)?;
            drop(progress);
            let errors = generation.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            let out = terminal_safe(&out.display().to_string()).into_owned();
            print(&format!("{out}: {} ({errors} errors; `graphdoc check` lists them)\n", generation.summary))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old_docs, new_docs, json, summary } => {
            let changelog = generator::diff::diff_trees(&load(&old_docs, &Quiet)?, &load(&new_docs, &Quiet)?);
            // The changelog's docs text is already terminal-safe (and escaped for markdown).
            let text = if json {
                serde_json::to_string_pretty(&changelog)? + "\n"
            } else if summary {
                generator::diff::summary(&changelog)
            } else {
                generator::diff::markdown(&changelog)
            };
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { docs_root, min_severity } => {
            let threshold = match min_severity {
                MinSeverity::Error => Severity::Error,
                MinSeverity::Warning => Severity::Warning,
                MinSeverity::Note => Severity::Note,
            };
            let progress = Bar::stderr();
            let tree = load(&docs_root, &progress)?;
            let ir = tree.parse_reporting(&progress);
            // The examples checked against the types and paths they document (what generation would report).
            progress.stage("checking examples against types and paths", None);
            let diagnostics = generator::all_diagnostics(&ir);
            drop(progress);
            let shown: Vec<_> =
                diagnostics.iter().filter(|diagnostic| diagnostic.severity <= threshold).cloned().collect();
            // Sources come from the tree as read, never from disk again: a skipped entry may be a link out of
            // the root, a device or a FIFO.
            print(&render(&shown, |file| tree.text(file).map(str::to_owned)))?;
            let errors = diagnostics.iter().filter(|diagnostic| diagnostic.severity == Severity::Error).count();
            eprintln!("{} diagnostics ({errors} errors) in {} pages", diagnostics.len(), ir.pages.len());
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

/// Reads the docs at `root`, refusing a tree without any `.md` entry (a mistyped folder would otherwise give an
/// empty crate). Entries that were found but skipped are reported as diagnostics instead.
fn load(root: &Path, progress: &dyn Progress) -> Result<DocsTree> {
    progress.stage("reading the docs", None);
    let tree = DocsTree::load(root)?;
    if tree.is_empty() && tree.skipped().is_empty() {
        anyhow::bail!("no .md pages under {}", root.display());
    }
    Ok(tree)
}
