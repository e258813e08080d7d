//! `cargo xtask corpus-crate [DOCS_DIR]`: generates a crate from a whole docs folder (default: the corpus's
//! en-US-2021 v1.0), builds it, runs its replay tests, and prints the figures: what was generated and skipped,
//! the replay pass rate with every failure matched to a doc-defect diagnostic, and generation time
//! (the compile cost is `cargo xtask compile-bench`'s).

use anyhow::{bail, Context, Result};
use generator::diagnostics::{Code, Diagnostic};
use generator::generate::{generate_crate_reporting, Generation};
use generator::progress::Bar;
use generator::resolve::Example;
use generator::DocsTree;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// The replay bar: at least this share of the examples with JSON bodies pass.
const PASS_BAR: f64 = 0.95;

/// Runs the whole check; exits 1 when the bar is missed or a failure has no doc-defect diagnostic.
pub fn run(workspace: &Path, docs: &Path) -> Result<ExitCode> {
    if !docs.is_dir() {
        say!("corpus crate skipped: no docs folder at {}", docs.display());
        return Ok(ExitCode::SUCCESS);
    }
    let tree = DocsTree::load(docs).with_context(|| format!("cannot read {}", docs.display()))?;
    let name =
        format!("graph-{}", docs.file_name().map_or("docs".into(), |name| name.to_string_lossy().replace('.', "-")));
    let regenerate = format!("cargo xtask corpus-crate {}", docs.display());
    let (generation, single, parallel) = timed_generation(&tree, &name, &regenerate)?;
    let out = workspace.join("target/corpus-crates").join(&name);
    write_standalone(&out, docs, &generation, workspace)?;
    let summary = &generation.summary;
    say!("== {} -> {}", docs.display(), out.display());
    say!("{summary}");
    say!("features (workload areas): {}", generation.features.len());
    say!(
        "generation, parse to formatted files: {:.2} s on 1 thread, {:.2} s on all cores",
        single.as_secs_f64(),
        parallel.as_secs_f64()
    );
    report_skips(&generation);

    let target = workspace.join("target/corpus-crates/target");
    // The long step (minutes): cargo's own progress is shown, not swallowed.
    say!("building the crate and its replay tests (cargo's output follows)");
    cargo_shown(&out, &target, &["test", "--test", "replay", "--no-run"])?;
    say!("running the replay tests");
    let outcome = cargo(&out, &target, &["test", "--test", "replay", "--", "--test-threads", "2"])?;
    let results = test_results(&outcome);
    if results.is_empty() {
        bail!("the replay tests did not run:\n{}", outcome.lines().rev().take(40).collect::<Vec<_>>().join("\n"));
    }
    let failed = report_replay(&generation, &results);
    say!("listing the doctests (`cargo test --doc -- --list`)");
    let doctests_from_docs = report_doctests(&out, &target)?;
    // The compile cost a user pays (cold, non-incremental, against graph-rs-sdk) is `cargo xtask compile-bench`'s
    // figure: an incremental re-check here would hide it.
    say!("compile cost: see `cargo xtask compile-bench` (cold crate-only checks against graph-rs-sdk)");
    say!("generated lines per operation: {:.1}", summary.lines_per_operation);
    Ok(if failed || doctests_from_docs > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The doctests `cargo test --doc` finds in the crate, and how many of them are outside the runtime: those came
/// from docs text, which must never become code (issue 10). Returns that count.
fn report_doctests(dir: &Path, target: &Path) -> Result<usize> {
    let doctests = list_doctests(dir, target)?;
    say!("doctests: `cargo test --doc` finds {}, {} of them from docs text", doctests.total, doctests.from_docs.len());
    for line in doctests.from_docs.iter().take(20) {
        say!("  doctest from docs text: {line}");
    }
    Ok(doctests.from_docs.len())
}

/// What `cargo test --doc -- --list` finds in a generated crate.
pub struct Doctests {
    pub total: usize,
    /// The doctests outside `src/runtime.rs`, which can only have come from docs text.
    pub from_docs: Vec<String>,
}

/// Lists the doctests of the crate in `dir` (building its library first, as `cargo test --doc` does).
pub fn list_doctests(dir: &Path, target: &Path) -> Result<Doctests> {
    let listed = cargo(dir, target, &["test", "--doc", "--", "--list"])?;
    if !listed.contains("Doc-tests") {
        bail!("`cargo test --doc` did not run:\n{}", listed.lines().rev().take(40).collect::<Vec<_>>().join("\n"));
    }
    let doctests: Vec<&str> = listed.lines().filter(|line| line.ends_with(": test")).collect();
    let from_docs = doctests.iter().filter(|line| !line.starts_with("src/runtime.rs")).map(|line| line.to_string());
    Ok(Doctests { total: doctests.len(), from_docs: from_docs.collect() })
}

fn timed_generation(tree: &DocsTree, name: &str, regenerate: &str) -> Result<(Generation, Duration, Duration)> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    // Each generation is timed with its progress drawn (when standard error is a terminal), at a cost of
    // one counter per batch of pages.
    let started = Instant::now();
    let single =
        pool.install(|| generate_crate_reporting(tree, name, regenerate, &crate::local_runtime(), &Bar::stderr()))?;
    let single_time = started.elapsed();
    let started = Instant::now();
    let generation = generate_crate_reporting(tree, name, regenerate, &crate::local_runtime(), &Bar::stderr())?;
    let parallel_time = started.elapsed();
    if single.files != generation.files {
        bail!("generation differs between 1 thread and all cores");
    }
    Ok((generation, single_time, parallel_time))
}

/// Writes the generated crate into `out` as a crate of its own, outside this workspace, through the generator's
/// one writer. Its dependencies are those of `generated/`: it starts from the workspace's lock file so that they
/// resolve to the versions pinned there, not to whatever crates.io has today (cargo drops the entries the crate
/// doesn't use).
pub fn write_standalone(out: &Path, docs: &Path, generation: &Generation, workspace: &Path) -> Result<()> {
    let mut files = generation.files.clone();
    if let Some(manifest) = files.get_mut("Cargo.toml") {
        manifest.push_str("\n[workspace]\n");
    }
    generator::output::write_files(out, docs, &files, generator::output::Mode::Write)?;
    std::fs::copy(workspace.join("Cargo.lock"), out.join("Cargo.lock")).context("cannot copy Cargo.lock")?;
    Ok(())
}

/// Pages that gave no operation and examples that gave no test, with the diagnostic that says why.
fn report_skips(generation: &Generation) {
    let skipped_pages = generation.diagnostics.iter().filter(|d| d.code == Code::OperationSkipped).count();
    let untested: usize = generation.api.versions.iter().map(|version| version.untested.len()).sum();
    say!(
        "skipped: {skipped_pages} API pages without an operation (GD0705), {untested} examples whose method or URL \
         fits no template (GD0703)"
    );
}

/// Runs cargo in a generated crate with its output shown as it comes (its progress, on a long build); an error
/// when it fails.
fn cargo_shown(dir: &Path, target: &Path, args: &[&str]) -> Result<()> {
    let status = cargo_command(dir, target, args).status().context("cannot run cargo")?;
    if !status.success() {
        bail!("`cargo {}` failed in {} (its output is above)", args.join(" "), dir.display());
    }
    Ok(())
}

/// Runs cargo in a generated crate; its combined output.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String> {
    let output = cargo_command(dir, target, args).output().context("cannot run cargo")?;
    Ok(combined_output(&output))
}

/// `cargo ARGS` in a generated crate at `dir`, building into `target`.
pub fn cargo_command(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", target);
    command
}

/// What a command printed, standard output then standard error.
pub fn combined_output(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// `test NAME ... ok|FAILED` lines of libtest's output.
fn test_results(output: &str) -> BTreeMap<String, bool> {
    output
        .lines()
        .filter_map(|line| line.strip_prefix("test "))
        .filter_map(|rest| rest.split_once(" ... "))
        .map(|(name, outcome)| (name.trim().to_owned(), outcome.trim() == "ok"))
        .collect()
}

/// Prints the replay figures; true when the bar is missed or a failure is unexplained.
fn report_replay(generation: &Generation, results: &BTreeMap<String, bool>) -> bool {
    let examples: Vec<(&str, &Example)> = generation
        .api
        .versions
        .iter()
        .flat_map(|version| &version.operations)
        .flat_map(|operation| operation.examples.iter().map(move |example| (operation.page.as_str(), example)))
        .collect();
    let json_only = |example: &Example| {
        example.raw_body.is_none()
            && example
                .response
                .as_ref()
                .is_none_or(|response| response.body_text.is_empty() || response.body_json.is_some())
    };
    let considered: Vec<&(&str, &Example)> = examples.iter().filter(|(_, example)| json_only(example)).collect();
    let passed = considered.iter().filter(|(_, example)| results.get(&example.test_name) == Some(&true)).count();
    let all_passed = results.values().filter(|ok| **ok).count();
    // Examples that got no test count as failures, each explained by its GD0703; calls to other hosts are no
    // Graph calls and are left out (GD0706).
    let unreplayable: usize = generation.api.versions.iter().map(|version| version.untested.len()).sum();
    let foreign = generation.diagnostics.iter().filter(|d| d.code == Code::ExampleNotGraphCall).count();
    let share = passed as f64 / considered.len().max(1) as f64;
    let with_untested = passed as f64 / (considered.len() + unreplayable).max(1) as f64;
    say!(
        "replay: {all_passed} of {} generated tests pass; {foreign} example requests call other hosts (GD0706, no test)",
        results.len()
    );
    say!(
        "replay: of the {} examples with a test and JSON (or no) bodies, {passed} pass ({:.1}%, bar {:.0}%)",
        considered.len(),
        100.0 * share,
        100.0 * PASS_BAR
    );
    say!(
        "replay: {unreplayable} more examples got no test, their URL or method fitting no template of their page \
         (each a GD0703 doc defect); counted as failures, {:.1}% pass",
        100.0 * with_untested
    );
    let mut explained: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (page, example) in &examples {
        if results.get(&example.test_name) != Some(&false) {
            continue;
        }
        let next_line = examples
            .iter()
            .filter(|(other, next)| other == page && next.source_line > example.source_line)
            .map(|(_, next)| next.source_line)
            .min()
            .unwrap_or(u32::MAX);
        let defects: Vec<&Diagnostic> = generation
            .diagnostics
            .iter()
            .filter(|diagnostic| {
                diagnostic.file == *page
                    && (example.source_line..next_line).contains(&diagnostic.line)
                    && is_doc_defect(diagnostic.code)
            })
            .collect();
        match defects.first() {
            Some(defect) => *explained.entry(defect.code.as_str()).or_default() += 1,
            None => unexplained.push(format!("{} ({page}:{})", example.test_name, example.source_line)),
        }
    }
    say!("failing tests explained by a doc-defect diagnostic, by code: {explained:?}");
    if !unexplained.is_empty() {
        say!("failing tests without a doc-defect diagnostic ({}):\n  {}", unexplained.len(), unexplained.join("\n  "));
    }
    share < PASS_BAR || !unexplained.is_empty()
}

/// Codes that report a defect of the docs themselves (as opposed to notes about what the parser did).
fn is_doc_defect(code: Code) -> bool {
    matches!(code.as_str().get(..4), Some("GD05" | "GD06" | "GD07"))
}

/// The feature with the median number of operations: a typical workload area.
pub fn pick_feature(generation: &Generation) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for operation in generation.api.versions.iter().flat_map(|version| &version.operations) {
        *counts.entry(operation.feature.as_str()).or_default() += 1;
    }
    let mut sorted: Vec<(&str, usize)> = counts.into_iter().collect();
    sorted.sort_by_key(|&(name, count)| (count, name));
    sorted.get(sorted.len() / 2).map_or_else(|| "full".to_owned(), |(name, _)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_shown_cargo_is_an_error() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let error = cargo_shown(dir.path(), &dir.path().join("target"), &["metadata", "--format-version", "1"])
            .expect_err("no Cargo.toml: cargo fails");
        assert!(error.to_string().contains("`cargo metadata --format-version 1` failed"), "{error}");
    }
}
