//! `cargo xtask corpus`: the conformance checks of the parser over `../shared/corpus`, with the bars.

use anyhow::{Context, Result};
use generator::ir::{Ir, Page};
use generator::progress::{Bar, Progress};
use generator::stats::Stats;
use generator::DocsTree;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// The corpus folders and whether the permissions bar applies to them (the contrib sample lacks most includes).
const FOLDERS: &[(&str, bool)] =
    &[("en-US-2021", true), ("en-US-2020", true), ("zh-CN-2023", true), ("contrib-2026-sample", false)];

/// Runs every check; exits 1 when a bar is missed.
pub fn run(corpus: &Path) -> Result<ExitCode> {
    if !corpus.is_dir() {
        say!("corpus checks skipped: no corpus at {}", corpus.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut failures = Vec::new();
    let mut parsed = BTreeMap::new();
    for &(folder, permissions_bar) in FOLDERS {
        let root = corpus.join(folder);
        if !root.is_dir() {
            say!("{folder}: absent, skipped");
            continue;
        }
        let progress = Bar::stderr();
        progress.stage("reading the docs", None);
        let tree = DocsTree::load(&root).with_context(|| format!("cannot read {}", root.display()))?;
        let started = std::time::Instant::now();
        let ir = tree.parse_reporting(&progress);
        let elapsed = started.elapsed();
        progress.stage("counting", None);
        let stats = Stats::of_tree(&ir, &tree);
        // Cleared before anything is printed.
        drop(progress);
        say!("== {folder} ({} files, parsed in {:.2} s)", tree.len(), elapsed.as_secs_f64());
        print!("{}", stats.render());
        let mut check = |ok: bool, what: String| {
            say!("  [{}] {what}", if ok { "ok" } else { "FAIL" });
            if !ok {
                failures.push(format!("{folder}: {what}"));
            }
        };
        check(stats.pages == tree.len(), format!("every file is a page: {} of {}", stats.pages, tree.len()));
        check(stats.panics == 0, format!("no parser panics: {}", stats.panics));
        check(
            stats.path_ratio() >= 0.995,
            format!("api pages with a path >= 99.5%: {:.2}%", 100.0 * stats.path_ratio()),
        );
        check(
            stats.api_pages_with_path + stats.api_pages_without_path_explained == stats.api_pages,
            format!(
                "every api page without a path has a diagnostic: {} unexplained",
                stats.api_pages - stats.api_pages_with_path - stats.api_pages_without_path_explained
            ),
        );
        if permissions_bar {
            check(
                stats.permission_ratio() >= 0.99,
                format!("api pages with permissions >= 99%: {:.2}%", 100.0 * stats.permission_ratio()),
            );
        }
        check(stats.invalid_scopes == 0, format!("every scope looks like a scope: {} do not", stats.invalid_scopes));
        let unverified = stats.unverified_scopes.unwrap_or(usize::MAX);
        check(unverified == 0, format!("every scope is verbatim in its page's permission text: {unverified} are not"));
        check(stats.pairing_ratio() >= 0.99, format!("responses paired >= 99%: {:.2}%", 100.0 * stats.pairing_ratio()));
        check(
            stats.strict_json_kept_raw == 0,
            format!("strict JSON bodies read as JSON: {} kept raw", stats.strict_json_kept_raw),
        );
        let single = {
            let progress = Bar::stderr();
            rayon::ThreadPoolBuilder::new().num_threads(1).build()?.install(|| tree.parse_reporting(&progress))
        };
        check(
            generator::ir_json(&single) == generator::ir_json(&ir),
            "same IR bytes on 1 thread and on all cores".into(),
        );
        parsed.insert(folder, ir);
    }
    if let (Some(english), Some(chinese)) = (parsed.get("en-US-2021"), parsed.get("zh-CN-2023")) {
        report_locale_agreement(english, chinese);
    }
    if failures.is_empty() {
        say!("corpus checks: all passed");
        Ok(ExitCode::SUCCESS)
    } else {
        say!("corpus checks: {} failed:\n  {}", failures.len(), failures.join("\n  "));
        Ok(ExitCode::from(1))
    }
}

/// How often the language-independent IR of a page agrees between the English and Chinese trees. The two are
/// different revisions (2021 and 2023), so disagreement is expected where the docs changed: this is a report.
fn report_locale_agreement(english: &Ir, chinese: &Ir) {
    let chinese_pages: BTreeMap<&str, &Page> = chinese.pages.iter().map(|page| (page.path.as_str(), page)).collect();
    let (mut both, mut kinds, mut paths, mut permissions) = (0, 0, 0, 0);
    for page in &english.pages {
        let Some(other) = chinese_pages.get(page.path.as_str()) else { continue };
        both += 1;
        kinds += usize::from(page.kind == other.kind);
        let templates = |page: &Page| -> Vec<(String, String)> {
            page.operations
                .iter()
                .flat_map(|op| &op.paths)
                .map(|path| (path.method.to_string(), path.template.to_string()))
                .collect()
        };
        paths += usize::from(templates(page) == templates(other));
        let scopes = |page: &Page| page.operations.iter().map(|op| op.permissions.clone()).collect::<Vec<_>>();
        permissions += usize::from(scopes(page) == scopes(other));
    }
    let share = |count: usize| 100.0 * count as f64 / both.max(1) as f64;
    say!("== en-US-2021 vs zh-CN-2023: {both} pages in both (different revisions)");
    say!(
        "  same kind {:.1}%, same methods and templates {:.1}%, same permissions {:.1}%",
        share(kinds),
        share(paths),
        share(permissions)
    );
}
