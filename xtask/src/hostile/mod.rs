//! `cargo xtask hostile`: the hostile-docs suite of issue 10, end to end. It writes a docs tree of attacks
//! (the `hostile-docs` crate's pages, plus the file-system cases here), generates from it through every front door, and checks what a
//! user's machine would meet: generation ends (no panic, no hang) with diagnostics; nothing outside the docs root
//! is read; the crate checks under every feature; `cargo test --doc` runs no doctest from docs text; a build
//! script prints no `cargo:` directive it did not mean to; the terminal gets no control characters; the CLI
//! refuses to write into the docs root. The per-class unit tests live beside the code they test.

use anyhow::{bail, ensure, Context, Result};
use generator::generate::{generate_crate, Generation};
use generator::DocsTree;
use std::path::Path;
use std::process::{Command, ExitCode, Output};
use std::time::{Duration, Instant};

/// Text of a file outside the docs root, reached by a symlink: it must never reach generated code.
const OUTSIDE_MARKER: &str = "HOSTILE_OUTSIDE_MARKER";
/// A file name that would add directives to a build script's output if printed as it is.
const INJECTING_NAME: &str = "evil\ncargo:rustc-env=HOSTILE_ENV=1\ncargo:rustc-cfg=hostile_cfg\n.md";
/// What `graphdoc check` may print for the whole hostile tree (a few hundred diagnostics).
const CHECK_OUTPUT_LIMIT: usize = 1 << 20;
/// How long generation from the hostile tree may take before it counts as a hang.
const GENERATION_LIMIT: Duration = Duration::from_secs(60);

/// Runs the suite; any failed check is an error.
pub fn run(workspace: &Path) -> Result<ExitCode> {
    let root = workspace.join("target/hostile");
    if root.exists() {
        std::fs::remove_dir_all(&root).with_context(|| format!("cannot clear {}", root.display()))?;
    }
    let docs = root.join("docs");
    write_tree(&docs, &root)?;
    let generation = generate_with_limit(&docs)?;
    say!("hostile docs: {}", generation.summary);

    let leaked = generation.files.iter().filter(|(_, text)| text.contains(OUTSIDE_MARKER)).count();
    ensure!(leaked == 0, "{leaked} generated files hold text from outside the docs root");
    say!("ok: nothing outside the docs root was read");

    let krate = root.join("crate");
    crate::corpus_crate::write_standalone(&krate, &docs, &generation, workspace)?;
    let target = root.join("target");
    check_features(&krate, &target, &generation)?;
    check_doctests(&krate, &target)?;
    check_build_script(&root, &docs, &target, workspace)?;
    check_terminal(&docs, workspace)?;
    check_output_inside_docs(&docs, workspace)?;
    say!("hostile docs: every check passed");
    Ok(ExitCode::SUCCESS)
}

/// Writes the hostile pages, then the cases that need the file system: a symlink out of the root, a symlink to a
/// device, a FIFO, a page over the size cap, and file names with control characters.
fn write_tree(docs: &Path, root: &Path) -> Result<()> {
    hostile_docs::write_pages(docs, &hostile_docs::all_pages())?;
    let api = docs.join("api-reference/v1.0/api");
    let outside = root.join("outside/secret.md");
    write(&outside, &format!("---\ndoc_type: apiPageType\n---\n# {OUTSIDE_MARKER}\n\n{OUTSIDE_MARKER}\n"))?;
    std::os::unix::fs::symlink(&outside, api.join("leak.md"))?;
    std::os::unix::fs::symlink("/dev/zero", api.join("zero.md"))?;
    let fifo = api.join("fifo.md");
    let made = Command::new("mkfifo").arg(&fifo).status().context("cannot run mkfifo")?;
    ensure!(made.success(), "mkfifo {} failed", fifo.display());
    write(&api.join("huge.md"), &"A line of a page far larger than any real page.\n".repeat(200_000))?;
    for name in [INJECTING_NAME, "escape\u{1b}[2J\r.md", "bidi\u{202e}dm.txt.md"] {
        write(&api.join(name), "---\ndoc_type: apiPageType\n---\n# A page with a hostile file name\n")?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    hostile_docs::write_page(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Loads and generates on another thread, so that a hang is reported instead of waited for.
fn generate_with_limit(docs: &Path) -> Result<Generation> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let docs = docs.to_owned();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = DocsTree::load(&docs)
            .map_err(anyhow::Error::from)
            .and_then(|tree| Ok(generate_crate(&tree, "hostile", "cargo xtask hostile", &crate::local_runtime())?));
        let _ignored_when_timed_out = sender.send(result);
    });
    let generation = match receiver.recv_timeout(GENERATION_LIMIT) {
        Ok(result) => result?,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => bail!("generation hangs: over {GENERATION_LIMIT:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => bail!("generation panicked"),
    };
    say!(
        "ok: generation ended in {:.2} s with {} diagnostics",
        started.elapsed().as_secs_f64(),
        generation.diagnostics.len()
    );
    Ok(generation)
}

/// `cargo check` of the crate with all its targets, with every area but no HTTP stack (sans-IO only), with the
/// async client alone, with no area, and with each area alone.
fn check_features(krate: &Path, target: &Path, generation: &Generation) -> Result<()> {
    cargo_ok(krate, target, &["check", "--all-targets", "--all-features"])?;
    cargo_ok(krate, target, &["check", "--lib", "--no-default-features", "--features", "full"])?;
    cargo_ok(krate, target, &["check", "--lib", "--no-default-features", "--features", "async,full"])?;
    cargo_ok(krate, target, &["check", "--lib", "--no-default-features", "--features", "blocking"])?;
    for feature in &generation.features {
        cargo_ok(
            krate,
            target,
            &["check", "--lib", "--no-default-features", "--features", &format!("blocking,{feature}")],
        )?;
    }
    say!(
        "ok: the crate checks with all features, without an HTTP stack, with the async client alone, with no area \
         and with each of its {} areas alone",
        generation.features.len()
    );
    Ok(())
}

/// `cargo test --doc`: the doctests it lists must all come from the runtime (none from docs text), and none of
/// the docs' payloads may have run.
fn check_doctests(krate: &Path, target: &Path) -> Result<()> {
    let doctests = crate::corpus_crate::list_doctests(krate, target)?;
    ensure!(doctests.from_docs.is_empty(), "doctests from docs text:\n{}", doctests.from_docs.join("\n"));
    let ran = cargo_ok(krate, target, &["test", "--doc"])?;
    ensure!(!ran.contains("HOSTILE_DOCTEST"), "a doctest payload ran:\n{ran}");
    say!("ok: `cargo test --doc` lists {} doctests, none from docs text", doctests.total);
    Ok(())
}

/// A user's crate generating from the hostile tree in its build script: every line the script printed is a
/// directive it meant to print, and no injected environment variable or cfg reached the crate.
fn check_build_script(root: &Path, docs: &Path, target: &Path, workspace: &Path) -> Result<()> {
    let consumer = root.join("consumer");
    let generator = workspace.join("generator");
    let runtime = workspace.join("runtime");
    write(
        &consumer.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"hostile-consumer\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ngraphdoc-runtime = {{ path = {runtime:?} }}\n\n[build-dependencies]\ngenerator = {{ path = {generator:?} }}\n\n[workspace]\n"
        ),
    )?;
    write(
        &consumer.join("build.rs"),
        &format!(
            "fn main() {{\n    if let Err(error) = generator::build_script::generate({docs:?}, \"crate::graph\") {{\n        \
             panic!(\"{{error}}\");\n    }}\n}}\n"
        ),
    )?;
    write(
        &consumer.join("src/lib.rs"),
        "#![allow(dead_code)]\n#[cfg(hostile_cfg)]\ncompile_error!(\"a cfg came from a docs file name\");\n\
         const _: () = assert!(option_env!(\"HOSTILE_ENV\").is_none(), \"an environment variable came from a docs file name\");\n\
         mod graph {\n    include!(concat!(env!(\"OUT_DIR\"), \"/graph.rs\"));\n}\n",
    )?;
    std::fs::copy(workspace.join("Cargo.lock"), consumer.join("Cargo.lock"))?;
    cargo_ok(&consumer, target, &["build", "--lib"])?;
    let build = target.join("debug/build");
    let mut outputs = 0;
    for entry in std::fs::read_dir(&build)? {
        let folder = entry?.path();
        let is_consumer =
            folder.file_name().is_some_and(|name| name.to_string_lossy().starts_with("hostile-consumer-"));
        let output = folder.join("output");
        if !is_consumer || !output.is_file() {
            continue;
        }
        outputs += 1;
        let text = std::fs::read_to_string(&output)?;
        let unexpected: Vec<&str> = text
            .lines()
            .filter(|line| !line.starts_with("cargo:rerun-if-changed=") && !line.starts_with("cargo:warning="))
            .collect();
        ensure!(unexpected.is_empty(), "the build script printed directives it did not mean to: {unexpected:?}");
    }
    ensure!(outputs > 0, "no build-script output of hostile-consumer under {}", build.display());
    say!("ok: the build script printed only rerun-if-changed and one-line warnings; no cfg or env was injected");
    Ok(())
}

/// `graphdoc check` on the hostile tree: no control character or direction override reaches the terminal.
fn check_terminal(docs: &Path, workspace: &Path) -> Result<()> {
    let output = graphdoc(workspace, &["check".as_ref(), docs.as_os_str()])?;
    let printed = [output.stdout, output.stderr].concat();
    let text = String::from_utf8_lossy(&printed);
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    ensure!(raw.is_empty(), "`graphdoc check` printed raw control characters: {raw:?}");
    // A source line of megabytes (the annotation with 50,000 keys) is printed cut, once per diagnostic.
    ensure!(printed.len() < CHECK_OUTPUT_LIMIT, "`graphdoc check` printed {} bytes", printed.len());
    say!("ok: `graphdoc check` printed {} bytes with no raw control character", printed.len());
    Ok(())
}

/// `graphdoc gen` refuses an output folder inside the docs root, and writes nothing there.
fn check_output_inside_docs(docs: &Path, workspace: &Path) -> Result<()> {
    let inside = docs.join("generated-here");
    let output = graphdoc(workspace, &["gen".as_ref(), docs.as_os_str(), "--out".as_ref(), inside.as_os_str()])?;
    ensure!(!output.status.success(), "`graphdoc gen --out` inside the docs root succeeded");
    ensure!(!inside.exists(), "`graphdoc gen` wrote into the docs root");
    say!("ok: `graphdoc gen` refuses an output folder inside the docs root");
    Ok(())
}

fn graphdoc(workspace: &Path, args: &[&std::ffi::OsStr]) -> Result<Output> {
    Command::new(env!("CARGO"))
        .args(["run", "-q", "--locked", "-p", "generator", "--bin", "graphdoc", "--"])
        .args(args)
        .current_dir(workspace)
        .output()
        .context("cannot run graphdoc")
}

/// Runs cargo in `dir`; its combined output, or an error with the output when cargo failed.
fn cargo_ok(dir: &Path, target: &Path, args: &[&str]) -> Result<String> {
    let output = crate::corpus_crate::cargo_command(dir, target, args)
        .env_remove("RUSTFLAGS")
        .output()
        .context("cannot run cargo")?;
    let text = crate::corpus_crate::combined_output(&output);
    if !output.status.success() {
        bail!("`cargo {}` failed in {}:\n{}", args.join(" "), dir.display(), tail(&text, 60));
    }
    Ok(text)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
