//! Probe crates (a crate that depends on one subject, as a user's crate would) and the timed, cold, crate-only
//! `cargo check` of one subject through its probe.

use crate::corpus_crate::{cargo_command, combined_output};
use anyhow::{bail, Context, Result};
use generator::emit::{toml_key, toml_string};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// GNU time: it reports the largest resident set of the command and the descendants it waited for (rustc).
const GNU_TIME: &str = "/usr/bin/time";

/// A crate that depends on one subject and does nothing else.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The probe's own package name (and folder name under the bench folder).
    pub name: String,
    /// The subject's package, the one `cargo clean -p` removes before each timed check.
    pub subject: String,
    /// How the probe names the subject: a TOML inline table (`{ path = "..", features = [..] }`).
    pub dependency: String,
}

impl Probe {
    /// A probe of a generated crate in the sibling folder `subject` (which is also its package name), with its
    /// default features or, given `features`, with those alone.
    pub fn of_path(name: &str, subject: &str, features: Option<&[&str]>) -> Probe {
        let path = toml_string(&format!("../{subject}"));
        let dependency = match features {
            None => format!("{{ path = {path} }}"),
            Some(features) => format!(
                "{{ path = {path}, default-features = false, features = [{}] }}",
                features.iter().map(|feature| toml_string(feature)).collect::<Vec<_>>().join(", ")
            ),
        };
        Probe { name: name.to_owned(), subject: subject.to_owned(), dependency }
    }

    /// A probe of a crate from the registry.
    pub fn of_registry(name: &str, subject: &str, version: &str, features: &[&str]) -> Probe {
        let features = features.iter().map(|feature| toml_string(feature)).collect::<Vec<_>>().join(", ");
        let dependency =
            format!("{{ version = {}, default-features = false, features = [{features}] }}", toml_string(version));
        Probe { name: name.to_owned(), subject: subject.to_owned(), dependency }
    }

    /// The probe's `Cargo.toml`: a crate of its own (an empty `[workspace]`, so that cargo does not take it for a
    /// member of the workspace whose `target/` it sits in).
    pub fn manifest(&self) -> String {
        format!(
            "# Written by `cargo xtask compile-bench`: a crate that only depends on the crate under measure.\n\
             [package]\nname = {}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{} = {}\n\n[workspace]\n",
            toml_string(&self.name),
            toml_key(&self.subject),
            self.dependency
        )
    }

    /// Writes the probe into `root/<name>`, starting from the workspace's lock file so that the dependencies it
    /// shares with the workspace resolve to the versions pinned there. Returns its folder.
    pub fn write(&self, root: &Path, workspace: &Path) -> Result<PathBuf> {
        let dir = root.join(&self.name);
        std::fs::create_dir_all(dir.join("src")).with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(dir.join("Cargo.toml"), self.manifest())?;
        std::fs::write(dir.join("src/lib.rs"), "//! A probe: checking it checks its one dependency.\n")?;
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).context("cannot copy Cargo.lock")?;
        Ok(dir)
    }
}

/// One timed check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub seconds: f64,
    /// The peak resident memory of cargo and the compilers it ran, in KiB (None without GNU time).
    pub peak_kib: Option<u64>,
}

/// Whether peak memory can be measured here.
pub fn can_measure_memory() -> bool {
    Path::new(GNU_TIME).is_file()
}

/// `cargo check` of a probe with the bench's settings: non-incremental, as a user's first build of a dependency.
pub fn check_command(dir: &Path, target: &Path) -> Command {
    let mut command = cargo_command(dir, target, &["check"]);
    command.env("CARGO_INCREMENTAL", "0");
    command
}

/// The untimed check that builds every dependency the probe's timed checks then find ready.
pub fn warm_up(dir: &Path, target: &Path) -> Result<()> {
    let output = check_command(dir, target).output().context("cannot run cargo")?;
    if !output.status.success() {
        bail!("`cargo check` failed in {}:\n{}", dir.display(), tail(&combined_output(&output)));
    }
    Ok(())
}

/// `cargo clean -p SUBJECT`, then the timed `cargo check` of the probe (under GNU time when there is one).
/// An error when cargo fails, or when the check built anything but the subject and the probe: then it was not
/// the crate-only figure.
pub fn measure(probe: &Probe, dir: &Path, target: &Path) -> Result<Sample> {
    let clean = cargo_command(dir, target, &["clean", "-p", &probe.subject]).output().context("cannot run cargo")?;
    if !clean.status.success() {
        bail!("`cargo clean -p {}` failed:\n{}", probe.subject, tail(&combined_output(&clean)));
    }
    let check = check_command(dir, target);
    let peak_file = target.join(format!("peak-memory-{}.txt", probe.name));
    let mut command = if can_measure_memory() { under_gnu_time(&check, &peak_file) } else { check };
    let started = Instant::now();
    let output = command.output().context("cannot run cargo")?;
    let seconds = started.elapsed().as_secs_f64();
    let text = combined_output(&output);
    if !output.status.success() {
        bail!("`cargo check` failed in {}:\n{}", dir.display(), tail(&text));
    }
    let built = built_units(&text);
    let expected: BTreeSet<String> = [probe.subject.clone(), probe.name.clone()].into();
    if !built.contains(&probe.subject) || !built.is_subset(&expected) {
        bail!(
            "the timed check of {} was not crate-only (a dependency not built by the warm-up?): cargo built \
             {built:?}, expected {expected:?}:\n{}",
            probe.subject,
            tail(&text)
        );
    }
    let peak_kib = if can_measure_memory() {
        let report = std::fs::read_to_string(&peak_file).context("GNU time wrote no report")?;
        Some(parse_peak_kib(&report).with_context(|| format!("no peak memory in GNU time's report {report:?}"))?)
    } else {
        None
    };
    Ok(Sample { seconds, peak_kib })
}

/// `command` run by GNU time, which writes the peak resident memory (KiB) into `report`.
fn under_gnu_time(command: &Command, report: &Path) -> Command {
    let mut timed = Command::new(GNU_TIME);
    timed.arg("-f").arg("%M").arg("-o").arg(report).arg(command.get_program()).args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        timed.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    timed
}

/// The peak memory in GNU time's `-f %M` report: its last line (a line about the exit status may come first).
pub fn parse_peak_kib(report: &str) -> Option<u64> {
    report.lines().rev().map(str::trim).find(|line| !line.is_empty())?.parse().ok()
}

/// The packages cargo says it compiled or checked (`   Checking NAME vX (..)`).
pub fn built_units(output: &str) -> BTreeSet<String> {
    output
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            match words.next() {
                Some("Checking" | "Compiling") => words.next().map(str::to_owned),
                _ => None,
            }
        })
        .collect()
}

/// The version of `package` in a `Cargo.lock`'s text (the first entry of that name).
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = {}", toml_string(package));
    let mut lines = lock.lines().skip_while(|line| line.trim() != wanted);
    lines.next()?;
    let version = lines.next()?.trim().strip_prefix("version = ")?;
    Some(version.trim_matches('"').to_owned())
}

/// The last lines of cargo's output, for an error.
fn tail(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_of_one_area_turns_the_defaults_off_and_names_its_features() {
        let probe = Probe::of_path("probe-one", "graph-v1-0", Some(&["blocking", "teams"]));
        let manifest = probe.manifest();
        assert!(manifest.contains("name = \"probe-one\"\n"), "{manifest}");
        assert!(
            manifest.contains(
                "graph-v1-0 = { path = \"../graph-v1-0\", default-features = false, features = [\"blocking\", \"teams\"] }"
            ),
            "{manifest}"
        );
        assert!(manifest.ends_with("\n[workspace]\n"), "a crate of its own: {manifest}");
    }

    #[test]
    fn a_probe_of_a_whole_crate_keeps_its_defaults() {
        let manifest = Probe::of_path("probe-all", "graph-beta", None).manifest();
        assert!(manifest.contains("graph-beta = { path = \"../graph-beta\" }\n"), "{manifest}");
    }

    #[test]
    fn a_registry_probe_names_its_version_and_features() {
        let manifest = Probe::of_registry("probe-sdk", "graph-rs-sdk", "3", &["rustls-tls"]).manifest();
        assert!(
            manifest.contains(
                "graph-rs-sdk = { version = \"3\", default-features = false, features = [\"rustls-tls\"] }\n"
            ),
            "{manifest}"
        );
    }

    #[test]
    fn hostile_names_stay_inside_their_toml_strings() {
        let manifest = Probe::of_path("probe\"\n[x]", "sub ject", Some(&["a\"b"])).manifest();
        assert!(manifest.contains("name = \"probe\\\"\\u000A[x]\"\n"), "{manifest}");
        assert!(manifest.contains("\"sub ject\" = { path = \"../sub ject\""), "{manifest}");
        assert!(manifest.contains("features = [\"a\\\"b\"]"), "{manifest}");
    }

    #[test]
    fn gnu_time_reports_are_read_from_their_last_line() {
        assert_eq!(parse_peak_kib("123456\n"), Some(123456));
        assert_eq!(parse_peak_kib("Command exited with non-zero status 101\n98765\n\n"), Some(98765));
        assert_eq!(parse_peak_kib(""), None);
        assert_eq!(parse_peak_kib("not a number\n"), None);
    }

    #[test]
    fn the_built_units_are_those_cargo_checked_or_compiled() {
        let output = "    Checking graph-v1-0 v0.1.0 (/x/graph-v1-0)\n   Compiling serde v1.0.0\n\
                      warning: Checking nothing\n    Finished `dev` profile\n    Checking probe-all v0.0.0 (/x)\n";
        let built: Vec<String> = built_units(output).into_iter().collect();
        assert_eq!(built, ["graph-v1-0", "probe-all", "serde"]);
    }

    #[test]
    fn the_locked_version_is_the_one_after_the_name() {
        let lock = "[[package]]\nname = \"graph-core\"\nversion = \"3.0.0\"\n\n[[package]]\nname = \"graph-rs-sdk\"\n\
                    version = \"3.0.1\"\nsource = \"registry\"\n";
        assert_eq!(locked_version(lock, "graph-rs-sdk").as_deref(), Some("3.0.1"));
        assert_eq!(locked_version(lock, "graph-rs"), None);
    }

    #[test]
    fn gnu_time_runs_the_same_command_in_the_same_place() {
        let mut check = Command::new("cargo");
        check.args(["check", "--lib"]).current_dir("/some/probe").env("CARGO_INCREMENTAL", "0");
        let timed = under_gnu_time(&check, Path::new("/tmp/peak.txt"));
        assert_eq!(timed.get_program(), GNU_TIME);
        let args: Vec<_> = timed.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["-f", "%M", "-o", "/tmp/peak.txt", "cargo", "check", "--lib"]);
        assert_eq!(timed.get_current_dir(), Some(Path::new("/some/probe")));
        let envs: Vec<_> = timed.get_envs().collect();
        assert_eq!(envs, [(std::ffi::OsStr::new("CARGO_INCREMENTAL"), Some(std::ffi::OsStr::new("0")))]);
    }
}
