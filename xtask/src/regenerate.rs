//! `cargo xtask regenerate --docs <DOCS_CHECKOUT> [--repo URL] [--commit SHA] [--folder DIR] [--changes-out FILE]`:
//! brings `spec/` and `generated/` up to a new checkout of the docs repository, and says what changed.
//!
//! `spec/` is the docs snapshot the lock (`generated/docs.lock`) describes: the checkout's folder (`api-reference`)
//! is copied to `spec/<folder>/`, so that the next run can diff the old snapshot against the new one, and `cargo
//! xtask gen` keeps working from `spec/` alone. Steps: compare the new pages' hash with the lock (equal: nothing
//! to do, status 0); copy the pages into `spec/`; regenerate `generated/` (the lock included, with the new
//! source); run the generated crate's tests; prepend the API changelog (old `spec/` -> new `spec/`) to
//! `generated/CHANGELOG.md`; exit 10, or 11 when a change is breaking.

use crate::gen::expected_files_in;
use anyhow::{bail, Context, Result};
use generator::diagnostics::has_unsafe;
use generator::diff::{diff_trees, escape_markdown, markdown, summary, Changelog};
use generator::lock::{DocsLock, Source, LOCK_FILE};
use generator::output::{write_file, write_files, Mode};
use generator::parse::Docs;
use generator::DocsTree;
use std::path::{Component, Path, PathBuf};

/// Exit status: the docs pages are those the lock describes; nothing was touched.
pub const UNCHANGED: u8 = 0;
/// Exit status: regenerated; no change breaks the generated crate's users.
pub const CHANGED: u8 = 10;
/// Exit status: regenerated, with at least one breaking change (suggested bump: major).
pub const BREAKING: u8 = 11;

/// The command's exit statuses, shown by `cargo xtask regenerate --help`.
macro_rules! exit_statuses {
    () => {
        "Exit status:
   0  nothing changed: the pages hash as the lock says; nothing was touched
  10  changed, no breaking change (suggested bump: minor or patch)
  11  changed, with breaking changes (suggested bump: major)
   1  error (unreadable docs, the generated crate's tests failed)
   2  bad arguments"
    };
}

/// An example of the command, in its help.
macro_rules! example {
    () => {
        "Example: cargo xtask regenerate --docs ../docs --repo https://github.com/org/docs --commit 0a1b2c"
    };
}

/// What the command does, for `--help`.
pub const LONG_ABOUT: &str = "Copies <DOCS_CHECKOUT>/<DIR> (default DIR: api-reference) into spec/<DIR>/, \
regenerates generated/, runs `cargo test -p generated`, prepends the API changelog to generated/CHANGELOG.md (and \
writes that section to FILE, for a pull request body) and updates generated/docs.lock with the source (--repo, \
--commit).";
/// An example, for `-h`.
pub const EXAMPLE: &str = example!();
/// An example and the exit statuses, for `--help`.
pub const LONG_HELP: &str = concat!(example!(), "\n\n", exit_statuses!());

/// The arguments of `cargo xtask regenerate` (its help texts are those of the subcommand: see `main.rs`).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The docs repository's checkout.
    #[arg(long, value_name = "DOCS_CHECKOUT")]
    pub docs: PathBuf,
    /// The docs repository's URL, written into the lock.
    #[arg(long, value_name = "URL", default_value = "")]
    pub repo: String,
    /// The checkout's commit (hexadecimal), written into the lock.
    #[arg(long, value_name = "SHA", default_value = "")]
    pub commit: String,
    /// The folder of the checkout holding the pages.
    #[arg(long, value_name = "DIR", default_value = "api-reference")]
    pub folder: String,
    /// Also writes the changelog's new section to FILE.
    #[arg(long, value_name = "FILE")]
    pub changes_out: Option<PathBuf>,
}

/// The command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub docs: PathBuf,
    pub source: Source,
    pub changes_out: Option<PathBuf>,
}

impl Args {
    /// The options, once the source is checked.
    pub fn options(self) -> Result<Options> {
        let source = Source { repository: self.repo, commit: self.commit, folder: self.folder };
        validate(&source)?;
        Ok(Options { docs: self.docs, source, changes_out: self.changes_out })
    }
}

/// Reads the arguments after `regenerate` (for tests; the command line goes through `main`'s parser).
#[cfg(test)]
pub fn parse_args(args: &[String]) -> Result<Options> {
    use clap::Parser;
    /// `regenerate`'s arguments alone.
    #[derive(clap::Parser)]
    struct Command {
        #[command(flatten)]
        args: Args,
    }
    let command = Command::try_parse_from(std::iter::once("regenerate".to_owned()).chain(args.iter().cloned()))?;
    command.args.options()
}

/// The source goes into the lock, the changelog and a terminal: plain text on one line, a hex commit, and a folder
/// that is a relative path going down only.
fn validate(source: &Source) -> Result<()> {
    if has_unsafe(&source.repository) || source.repository.len() > 400 {
        bail!("--repo must be one line of at most 400 characters");
    }
    if source.commit.len() > 64 || !source.commit.chars().all(|c| c.is_ascii_hexdigit()) {
        bail!("--commit must be a hexadecimal commit id");
    }
    let folder = Path::new(&source.folder);
    let plain = folder.components().all(|component| matches!(component, Component::Normal(_)));
    if source.folder.is_empty() || !plain || has_unsafe(&source.folder) || source.folder.contains('\\') {
        bail!("--folder must be a relative path inside the checkout, without `..`");
    }
    Ok(())
}

/// Where a regeneration reads and writes: the docs snapshot and the generated crate.
#[derive(Debug, Clone)]
pub struct Paths {
    pub spec: PathBuf,
    pub generated: PathBuf,
}

/// What a run did.
#[derive(Debug)]
pub enum Outcome {
    /// The pages are those of the lock: nothing was written.
    Unchanged,
    /// Regenerated; the changelog, and the section prepended to `CHANGELOG.md`.
    Changed { changelog: Changelog, section: String },
}

impl Outcome {
    /// The documented exit status.
    pub fn status(&self) -> u8 {
        match self {
            Outcome::Unchanged => UNCHANGED,
            Outcome::Changed { changelog, .. } if changelog.breaking => BREAKING,
            Outcome::Changed { .. } => CHANGED,
        }
    }
}

/// The command: see the module documentation. `run_tests` runs the regenerated crate's tests.
pub fn regenerate(paths: &Paths, options: &Options, run_tests: &dyn Fn() -> Result<()>) -> Result<Outcome> {
    validate(&options.source)?;
    let folder = options.source.folder.as_str();
    let checkout = options.docs.join(folder);
    let pages = DocsTree::load(&checkout).with_context(|| format!("cannot read the docs at {}", checkout.display()))?;
    let old_tree = DocsTree::load(&paths.spec).with_context(|| format!("cannot read {}", paths.spec.display()))?;
    // spec/ as it will be: what it holds outside the folder, and the new pages (those that are UTF-8 text) inside.
    let prefix = format!("{folder}/");
    let outside = old_tree.paths().filter(|path| !path.starts_with(&prefix));
    let mut files: Vec<(String, String)> =
        outside.filter_map(|path| old_tree.text(path).map(|text| (path.to_owned(), text.to_owned()))).collect();
    let copied: Vec<(String, String)> = pages
        .paths()
        .filter_map(|path| pages.text(path).map(|text| (format!("{prefix}{path}"), text.to_owned())))
        .collect();
    files.extend(copied.iter().cloned());
    let new_lock = DocsLock::of(&DocsTree::from_files(files), options.source.clone());
    let old_lock = std::fs::read_to_string(paths.generated.join(LOCK_FILE)).ok().and_then(|t| DocsLock::parse(&t).ok());
    if old_lock.is_some_and(|old| old.same_pages(&new_lock)) {
        return Ok(Outcome::Unchanged);
    }
    replace_folder(&paths.spec, folder, &copied)?;
    let new_tree = DocsTree::load(&paths.spec).with_context(|| format!("cannot read {}", paths.spec.display()))?;
    let (mut generated, generation) = expected_files_in(&paths.spec, &paths.generated)?;
    generated.insert(LOCK_FILE.to_owned(), new_lock.render());
    write_files(&paths.generated, &paths.spec, &generated, Mode::Write)?;
    say!("{}: {}", paths.generated.display(), generation.summary);
    run_tests().context("the regenerated crate's tests failed")?;
    let changelog = diff_trees(&old_tree, &new_tree);
    let section = section(&options.source, &changelog);
    prepend_changelog(&paths.generated, &section)?;
    if let Some(path) = &options.changes_out {
        let body = pull_request_body(&section);
        std::fs::write(path, body).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Outcome::Changed { changelog, section })
}

/// The most a pull request body may hold: GitHub refuses a body over 65,536 characters.
const PULL_REQUEST_BODY_CHARS: usize = 60_000;

/// The changelog section as a pull request body: whole when it fits, else cut at a line break before
/// [`PULL_REQUEST_BODY_CHARS`] with a pointer to the whole changelog (a docs update of a year is 640 KB).
pub(crate) fn pull_request_body(section: &str) -> String {
    if section.chars().count() <= PULL_REQUEST_BODY_CHARS {
        return section.to_owned();
    }
    let note = "\n\n**Cut to fit a pull request body: the whole changelog is in `generated/CHANGELOG.md`.**\n";
    let budget = PULL_REQUEST_BODY_CHARS - note.chars().count();
    let end = section.char_indices().nth(budget).map_or(section.len(), |(at, _)| at);
    let end = section[..end].rfind('\n').unwrap_or(end);
    format!("{}{note}", &section[..end])
}

/// Replaces `spec/<folder>/` by `pages` (paths already prefixed with the folder). The folder is removed whole
/// first, so that pages deleted upstream go too; a link in its place is refused.
fn replace_folder(spec: &Path, folder: &str, pages: &[(String, String)]) -> Result<()> {
    let target = spec.join(folder);
    match std::fs::symlink_metadata(&target) {
        Ok(metadata) if metadata.file_type().is_symlink() => bail!("{} is a symbolic link", target.display()),
        Ok(_) => std::fs::remove_dir_all(&target).with_context(|| format!("cannot remove {}", target.display()))?,
        Err(_) => {}
    }
    for (path, text) in pages {
        write_file(spec, path, text)?;
    }
    Ok(())
}

/// The section for `CHANGELOG.md` and the pull request: where the docs came from, the counts, the changes.
pub fn section(source: &Source, changelog: &Changelog) -> String {
    let or_unknown = |text: &str| if text.is_empty() { "unknown".to_owned() } else { escape_markdown(text) };
    // The summary is counts and fixed words: no docs text to escape.
    let counts: String = summary(changelog).lines().map(|line| format!("- {line}\n")).collect();
    format!(
        "## Docs at commit {} ({}, folder {})\n\n{counts}\n{}",
        or_unknown(&source.commit),
        or_unknown(&source.repository),
        or_unknown(&source.folder),
        markdown(changelog)
    )
}

/// The first line of `CHANGELOG.md`, kept on top when sections are prepended.
const CHANGELOG_TITLE: &str = "# Changelog of the generated crate";

fn prepend_changelog(generated: &Path, section: &str) -> Result<()> {
    let path = generated.join("CHANGELOG.md");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    };
    let rest = existing.strip_prefix(CHANGELOG_TITLE).unwrap_or(&existing).trim_start_matches('\n');
    let text = format!("{CHANGELOG_TITLE}\n\n{section}\n{rest}");
    Ok(write_file(generated, "CHANGELOG.md", &text)?)
}

/// `cargo test -p generated`, in the workspace.
pub fn cargo_test_generated(workspace: &Path) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["test", "-p", "generated"])
        .current_dir(workspace)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("`cargo test -p generated` failed ({status})");
    }
    Ok(())
}

/// The command line front: parses, runs, prints the summary, returns the exit status.
pub fn run(workspace: &Path, args: Args) -> Result<std::process::ExitCode> {
    let options = args.options()?;
    let paths = Paths { spec: workspace.join("spec"), generated: workspace.join("generated") };
    let outcome = regenerate(&paths, &options, &|| cargo_test_generated(workspace))?;
    match &outcome {
        Outcome::Unchanged => say!("nothing changed: the docs pages are those of generated/{LOCK_FILE}"),
        Outcome::Changed { changelog, section } => {
            // The summary holds counts and fixed words only.
            say!("{}", summary(changelog));
            say!("prepended {} lines to generated/CHANGELOG.md; wrote generated/{LOCK_FILE}", section.lines().count());
        }
    }
    Ok(std::process::ExitCode::from(outcome.status()))
}

#[cfg(test)]
#[path = "regenerate_tests.rs"]
mod tests;
