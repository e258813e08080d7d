//! `cargo xtask gen`: `spec/` -> `generated/` (a crate: builders, models, runtime, replay tests).

use anyhow::{Context, Result};
use generator::emit::Files;
use generator::generate::{generate_crate, XTASK_REGENERATE};
use generator::DocsTree;
use std::path::Path;
use std::process::ExitCode;

/// Every file `cargo xtask gen` writes under `generated/`, from the current `spec/`.
pub fn expected_files(workspace: &Path) -> Result<(Files, generator::generate::Generation)> {
    let tree = DocsTree::load(&workspace.join("spec")).context("cannot read spec/")?;
    let generation = generate_crate(&tree, "generated", XTASK_REGENERATE)?;
    Ok((generation.files.clone(), generation))
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
    let stale: Vec<&String> = files
        .iter()
        .filter(|(path, text)| std::fs::read_to_string(target.join(path)).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| path)
        .collect();
    let extra =
        generated_files_on_disk(&target)?.into_iter().filter(|path| !files.contains_key(path)).collect::<Vec<_>>();
    if check {
        if stale.is_empty() && extra.is_empty() {
            say!("generated/ is up to date ({errors} errors in the docs)");
            return Ok(ExitCode::SUCCESS);
        }
        for path in &stale {
            eprintln!("stale: generated/{path}");
        }
        for path in &extra {
            eprintln!("not generated any more: generated/{path}");
        }
        eprintln!("run `cargo xtask gen`");
        return Ok(ExitCode::from(1));
    }
    for path in &stale {
        write_atomically(&target.join(path), &files[*path])?;
        say!("wrote generated/{path}");
    }
    for path in &extra {
        std::fs::remove_file(target.join(path)).with_context(|| format!("cannot remove generated/{path}"))?;
        say!("removed generated/{path}");
    }
    if stale.is_empty() && extra.is_empty() {
        say!("generated/ unchanged");
    }
    Ok(ExitCode::SUCCESS)
}

/// The `@generated` files now under `generated/` (relative paths), to remove those no longer produced.
fn generated_files_on_disk(target: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for folder in ["", "src", "tests"] {
        let Ok(entries) = std::fs::read_dir(target.join(folder)) else { continue };
        for entry in entries {
            let path = entry?.path();
            let is_generated = std::fs::read_to_string(&path).is_ok_and(|text| text.contains("@generated"));
            if path.is_file() && is_generated {
                let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
                found.push(if folder.is_empty() { name } else { format!("{folder}/{name}") });
            }
        }
    }
    Ok(found)
}

/// Writes to a temporary file beside `target`, then renames it: an interrupted run leaves the old file whole.
fn write_atomically(target: &Path, text: &str) -> Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let temporary = target.with_extension("tmp");
    std::fs::write(&temporary, text).with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, target).with_context(|| format!("cannot replace {}", target.display()))?;
    Ok(())
}
