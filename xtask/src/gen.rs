//! `cargo xtask gen`: `spec/` -> `generated/`. Today the IR of `spec/`; the emitter adds the Rust crate.

use anyhow::{Context, Result};
use generator::DocsTree;
use std::path::Path;
use std::process::ExitCode;

/// The committed IR of `spec/`, relative to the workspace root.
pub const IR_FILE: &str = "generated/spec.ir.json";

/// Regenerates (or, with `check`, verifies) everything generated from `spec/`.
pub fn run(workspace: &Path, check: bool) -> Result<ExitCode> {
    let tree = DocsTree::load(&workspace.join("spec")).context("cannot read spec/")?;
    let ir = tree.parse();
    let json = generator::ir_json(&ir);
    let target = workspace.join(IR_FILE);
    let current = std::fs::read_to_string(&target).unwrap_or_default();
    let errors = ir.diagnostics.iter().filter(|d| d.severity == generator::diagnostics::Severity::Error).count();
    println!(
        "spec/: {} pages, {} operations, {} examples, {} diagnostics ({errors} errors)",
        ir.pages.len(),
        ir.pages.iter().map(|page| page.operations.len()).sum::<usize>(),
        ir.pages.iter().flat_map(|page| &page.operations).map(|operation| operation.examples.len()).sum::<usize>(),
        ir.diagnostics.len()
    );
    if check {
        if current == json {
            println!("generated/ is up to date");
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("stale: {IR_FILE} (run `cargo xtask gen`)");
        return Ok(ExitCode::from(1));
    }
    if current != json {
        write_atomically(&target, &json)?;
        println!("wrote {IR_FILE}");
    } else {
        println!("{IR_FILE} unchanged");
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to a temporary file beside `target`, then renames it: an interrupted run leaves the old file.
fn write_atomically(target: &Path, text: &str) -> Result<()> {
    let temporary = target.with_extension("tmp");
    std::fs::write(&temporary, text).with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, target).with_context(|| format!("cannot replace {}", target.display()))?;
    Ok(())
}
