//! `cargo xtask compile-bench [CORPUS_ROOT]`: the compile cost a user of the generated crate pays (issue 16).
//!
//! Generates the en-US-2021 v1.0 and beta crates, writes one probe crate per subject (a crate that only depends on
//! it), and measures, in alternating rounds, the cold crate-only check of each subject: `cargo clean -p SUBJECT`
//! then a non-incremental `cargo check` of its probe, its wall time and peak memory. The subjects: the whole v1.0
//! crate, the v1.0 crate with one area, the whole beta crate, and graph-rs-sdk 3.x from crates.io as the baseline
//! every ratio is taken to, measured in the same run. Prints the table with the goals beside the figures;
//! missing a goal is no failure, an error is.

mod probe;
mod report;

use crate::corpus_crate::{pick_feature, write_standalone};
use anyhow::{Context, Result};
use generator::generate::generate_crate_reporting;
use generator::progress::Bar;
use generator::DocsTree;
use probe::Probe;
use report::{Goal, Row};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The baseline: the untyped Rust SDK, rustls instead of the default native-tls so that no OpenSSL is needed.
const BASELINE: &str = "graph-rs-sdk";
const BASELINE_VERSION: &str = "3";
const BASELINE_FEATURES: &[&str] = &["rustls-tls"];

/// Issue 16's goals, in MB of 1024 KiB.
const WHOLE_V1: Goal = Goal { ratio: Some(2.5), peak_mb: Some(1.5 * 1024.0), lines_per_operation: Some(40.0) };
const WHOLE_BETA: Goal = Goal { ratio: Some(6.0), peak_mb: Some(3.0 * 1024.0), lines_per_operation: Some(40.0) };
const ONE_AREA: Goal = Goal { ratio: Some(0.5), peak_mb: None, lines_per_operation: None };

/// One subject: its probe and what the table says of it.
struct Subject {
    label: String,
    probe: Probe,
    lines_per_operation: Option<f64>,
    goal: Goal,
    /// Whether its probe is checked in the warm-up (see there).
    warm_up: bool,
}

/// A generated crate written for the bench.
struct Generated {
    package: String,
    lines_per_operation: f64,
    /// The feature with the median operation count.
    area: String,
    /// Whether the crate has the `client` feature (an area alone is measured with it, as a user builds it).
    has_client: bool,
}

/// Runs the bench over `corpus` with `rounds` alternating rounds.
pub fn run(workspace: &Path, corpus: &Path, rounds: u32) -> Result<ExitCode> {
    let docs = corpus.join("en-US-2021/api-reference");
    let (v1, beta) = (docs.join("v1.0"), docs.join("beta"));
    if !v1.is_dir() || !beta.is_dir() {
        say!("compile bench skipped: no en-US-2021 v1.0 and beta docs under {}", corpus.display());
        return Ok(ExitCode::SUCCESS);
    }
    let started = Instant::now();
    let root = workspace.join("target/compile-bench");
    let target = root.join("target");
    std::fs::create_dir_all(&target).with_context(|| format!("cannot create {}", target.display()))?;

    let v1 = generate(&v1, "graph-v1-0", &root, workspace)?;
    let beta = generate(&beta, "graph-beta", &root, workspace)?;
    let area_features: Vec<&str> =
        if v1.has_client { vec!["blocking", v1.area.as_str()] } else { vec![v1.area.as_str()] };
    let mut subjects = [
        Subject {
            label: format!("{BASELINE} {BASELINE_VERSION}.x (baseline)"),
            probe: Probe::of_registry("probe-graph-rs-sdk", BASELINE, BASELINE_VERSION, BASELINE_FEATURES),
            lines_per_operation: None,
            goal: Goal::default(),
            warm_up: true,
        },
        Subject {
            label: "v1.0, all areas".into(),
            probe: Probe::of_path("probe-v1-0-all", &v1.package, None),
            lines_per_operation: Some(v1.lines_per_operation),
            goal: WHOLE_V1,
            warm_up: false,
        },
        Subject {
            label: format!("v1.0, area `{}` alone", v1.area),
            probe: Probe::of_path("probe-v1-0-area", &v1.package, Some(&area_features)),
            lines_per_operation: None,
            goal: ONE_AREA,
            warm_up: true,
        },
        Subject {
            label: "beta, all areas".into(),
            probe: Probe::of_path("probe-beta-all", &beta.package, None),
            lines_per_operation: Some(beta.lines_per_operation),
            goal: WHOLE_BETA,
            warm_up: false,
        },
    ];
    let dirs: Vec<PathBuf> =
        subjects.iter().map(|subject| subject.probe.write(&root, workspace)).collect::<Result<_>>()?;

    // Every dependency is built once here, untimed, into the one target folder the probes share. The whole
    // crates have the dependencies of the one area (the same crate's `client` feature): checking their probes
    // here would only check the subjects themselves, many minutes for nothing. Should their dependencies ever
    // differ, the timed check builds more than the subject and the bench fails, saying so.
    for (subject, dir) in subjects.iter().zip(&dirs).filter(|(subject, _)| subject.warm_up) {
        let warm = Instant::now();
        say!("warm-up: `cargo check` of {} ({})", subject.probe.name, subject.label);
        probe::warm_up(dir, &target)?;
        say!("  {:.1} s", warm.elapsed().as_secs_f64());
    }
    if let Some(version) =
        std::fs::read_to_string(dirs[0].join("Cargo.lock")).ok().and_then(|lock| probe::locked_version(&lock, BASELINE))
    {
        subjects[0].label = format!("{BASELINE} {version} (baseline)");
    }
    if !probe::can_measure_memory() {
        say!("no GNU time at /usr/bin/time (Debian package `time`): peak memory not measured");
    }

    let mut rows: Vec<Row> = subjects
        .iter()
        .map(|subject| Row {
            label: subject.label.clone(),
            seconds: Vec::new(),
            peak_kib: Vec::new(),
            lines_per_operation: subject.lines_per_operation,
            goal: subject.goal,
        })
        .collect();
    for round in 1..=rounds {
        for ((subject, dir), row) in subjects.iter().zip(&dirs).zip(&mut rows) {
            let sample = probe::measure(&subject.probe, dir, &target)?;
            say!(
                "round {round}/{rounds}: {}: {:.1} s, peak {}",
                subject.label,
                sample.seconds,
                sample.peak_kib.map_or("-".to_owned(), |kib| format!("{:.0} MB", kib as f64 / 1024.0))
            );
            row.seconds.push(sample.seconds);
            row.peak_kib.extend(sample.peak_kib);
        }
    }

    say!("== cold crate-only `cargo check` (CARGO_INCREMENTAL=0, after `cargo clean -p`), {rounds} alternating rounds");
    say!("   ratio: median over graph-rs-sdk's median in this run; peak: largest resident memory of cargo and rustc");
    print!("{}", report::render(&rows, 0));
    // The checked metadata of the subjects is only of use to the next run; the disk is not.
    std::fs::remove_dir_all(&target).with_context(|| format!("cannot remove {}", target.display()))?;
    say!("compile bench: {:.0} s in all", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// Generates the crate of `docs` as package `package` into `root/package`.
fn generate(docs: &Path, package: &str, root: &Path, workspace: &Path) -> Result<Generated> {
    let tree = DocsTree::load(docs).with_context(|| format!("cannot read {}", docs.display()))?;
    let started = Instant::now();
    let regenerate = format!("cargo xtask compile-bench (from {})", docs.display());
    let generation = generate_crate_reporting(&tree, package, &regenerate, &crate::local_runtime(), &Bar::stderr())?;
    let out = root.join(package);
    write_standalone(&out, docs, &generation, workspace)?;
    say!("== {} -> {} ({:.1} s)", docs.display(), out.display(), started.elapsed().as_secs_f64());
    say!("{}", generation.summary);
    let has_client = generation
        .files
        .get("Cargo.toml")
        .is_some_and(|manifest| manifest.lines().any(|line| line.trim_start().starts_with("client =")));
    Ok(Generated {
        package: package.to_owned(),
        lines_per_operation: generation.summary.lines_per_operation,
        area: pick_feature(&generation),
        has_client,
    })
}
