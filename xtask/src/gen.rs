//! `cargo xtask gen`: `spec/` -> `generated/` (a crate: builders, models, runtime, replay tests).

use anyhow::{Context, Result};
use generator::emit::Files;
use generator::generate::{generate_crate, XTASK_REGENERATE};
use generator::lock::{lock_file, LOCK_FILE};
use generator::output::{write_files, Mode};
use generator::DocsTree;
use std::path::Path;
use std::process::ExitCode;

/// Every file `cargo xtask gen` writes under `generated/`, from the current `spec/`: the crate, and the docs lock
/// (its hash of `spec/` refreshed, its source kept).
pub fn expected_files(workspace: &Path) -> Result<(Files, generator::generate::Generation)> {
    expected_files_in(&workspace.join("spec"), &workspace.join("generated"))
}

/// [`expected_files`] for a docs folder `spec` and a crate folder `generated` anywhere.
pub fn expected_files_in(spec: &Path, generated: &Path) -> Result<(Files, generator::generate::Generation)> {
    let tree = DocsTree::load(spec).with_context(|| format!("cannot read {}", spec.display()))?;
    let generation = generate_crate(&tree, "generated", XTASK_REGENERATE, &generator::generate::xtask_runtime())?;
    let mut files = generation.files.clone();
    let existing = std::fs::read_to_string(generated.join(LOCK_FILE)).ok();
    files.insert(LOCK_FILE.to_owned(), lock_file(&tree, existing.as_deref()));
    Ok((files, generation))
}

/// Regenerates (or, with `check`, verifies) `generated/`.
pub fn run(workspace: &Path, check: bool) -> Result<ExitCode> {
    let (files, generation) = expected_files(workspace)?;
    let target = workspace.join("generated");
    say!("spec/: {}", generation.summary);
    let errors =
        generation.diagnostics.iter().filter(|d| d.severity == generator::diagnostics::Severity::Error).count();
    for diagnostic in &generation.diagnostics {
        // Display escapes the control characters a page's file name or text may carry.
        say!("  {diagnostic}");
    }
    let mode = if check { Mode::Check } else { Mode::Write };
    let report = write_files(&target, &workspace.join("spec"), &files, mode)?;
    if check {
        if report.is_fresh() {
            say!("generated/ is up to date ({errors} errors in the docs)");
            return Ok(ExitCode::SUCCESS);
        }
        for path in &report.stale {
            eprintln!("stale: generated/{path}");
        }
        for path in &report.extra {
            eprintln!("not generated any more: generated/{path}");
        }
        eprintln!("run `cargo xtask gen`");
        return Ok(ExitCode::from(1));
    }
    for path in &report.stale {
        say!("wrote generated/{path}");
    }
    for path in &report.extra {
        say!("removed generated/{path}");
    }
    if report.is_fresh() {
        say!("generated/ unchanged");
    }
    Ok(ExitCode::SUCCESS)
}
