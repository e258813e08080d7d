//! The `graphdoc` command line's manners: `--version`, described arguments, documented exit codes (0 ok, 1 docs
//! errors, 2 usage, 3 I/O), one line per error cause, a quiet broken pipe, a single page as input, no silent
//! empty crate, and output bytes that do not depend on the folders named.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A small API page with one operation (written here, not copied from the docs).
const PAGE: &str = "---\ntitle: \"Get widget\"\n---\n\n# Get widget\n\nGets a widget.\n\n## HTTP request\n\n\
<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /widgets/{id}\n```\n\n## Response\n\n\
<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n";

fn graphdoc(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphdoc")).args(args).output().expect("graphdoc runs")
}

fn first_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().next().unwrap_or_default().to_owned()
}

/// A docs folder holding `api/widget-get.md`.
fn docs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("api")).expect("folder");
    std::fs::write(dir.path().join("api/widget-get.md"), PAGE).expect("page written");
    dir
}

fn os(text: &str) -> &std::ffi::OsStr {
    text.as_ref()
}

#[test]
fn version_and_help_describe_every_argument_with_an_example_and_the_exit_codes() {
    let output = graphdoc(&[os("--version")]);
    assert_eq!(output.status.code(), Some(0));
    assert!(first_line(&output.stdout).starts_with("graphdoc "), "{}", first_line(&output.stdout));
    let output = graphdoc(&[os("gen"), os("--help")]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Example: graphdoc gen "), "{help}");
    assert!(help.contains("3  I/O error"), "{help}");
    // clap prints an argument's description on the line after it in the long help: none is left bare.
    let lines: Vec<&str> = help.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('<') || trimmed.starts_with("--") || trimmed.starts_with("-h") {
            let next = lines.get(index + 1).map(|next| next.trim()).unwrap_or_default();
            assert!(!next.is_empty(), "`{trimmed}` has no description:\n{help}");
        }
    }
}

#[test]
fn a_single_page_is_accepted_as_docs_root() {
    let docs = docs();
    let out = tempfile::tempdir().expect("a temporary folder");
    let page = docs.path().join("api/widget-get.md");
    let output = graphdoc(&[os("gen"), page.as_os_str(), os("--out"), out.path().as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(first_line(&output.stdout).contains("1 pages, 1 operations"), "{}", first_line(&output.stdout));
}

#[test]
fn empty_and_page_less_folders_are_io_errors_not_empty_crates() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    let no_pages = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(no_pages.path().join("notes.txt"), "not a page").expect("file written");
    let out = tempfile::tempdir().expect("a temporary folder");
    for root in [empty.path(), no_pages.path()] {
        for command in ["check", "stats", "ir"] {
            let output = graphdoc(&[os(command), root.as_os_str()]);
            assert_eq!(output.status.code(), Some(3), "{command}");
            assert_eq!(first_line(&output.stderr), format!("error: no .md pages under {}", root.display()));
        }
        let output = graphdoc(&[os("gen"), root.as_os_str(), os("--out"), out.path().join("crate").as_os_str()]);
        assert_eq!(output.status.code(), Some(3));
        assert!(!out.path().join("crate").exists(), "an empty crate was written");
    }
}

#[test]
fn a_missing_root_is_one_error_line_without_a_repeated_cause_or_backtrace() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("missing");
    let output = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .arg("check")
        .arg(&missing)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("graphdoc runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: cannot read docs root {}: ", missing.display())), "{stderr}");
    let cause = std::io::Error::from(std::io::ErrorKind::NotFound).to_string();
    assert!(stderr.matches("os error 2").count() == 1, "cause repeated ({cause}): {stderr}");
}

#[test]
fn usage_errors_exit_2_and_docs_errors_exit_1() {
    let docs = docs();
    let output = graphdoc(&[os("check"), docs.path().as_os_str(), os("--min-severity"), os("bogus")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(first_line(&output.stderr).starts_with("error: invalid value 'bogus'"), "{}", first_line(&output.stderr));
    // A page that is not UTF-8 is an error of the docs.
    std::fs::write(docs.path().join("api/broken.md"), b"\xff\xfe not text").expect("page written");
    let output = graphdoc(&[os("check"), docs.path().as_os_str()]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    let docs = docs();
    let mut child = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .arg("ir")
        .arg(docs.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("graphdoc runs");
    // The reader goes before graphdoc writes (as `| head` would once it has its line).
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("graphdoc ends");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Every file under `root`, by relative path, with its bytes.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder read") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("under root").display().to_string();
                found.push((relative, std::fs::read(&path).expect("file read")));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_same_docs_give_the_same_bytes_in_other_folders() {
    let (first_docs, second_docs) = (docs(), docs());
    let (first_out, second_out) = (tempfile::tempdir().expect("folder"), tempfile::tempdir().expect("folder"));
    for (docs, out) in [(&first_docs, &first_out), (&second_docs, &second_out)] {
        let output = graphdoc(&[os("gen"), docs.path().as_os_str(), os("--out"), out.path().join("x").as_os_str()]);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let (first, second) = (files(&first_out.path().join("x")), files(&second_out.path().join("x")));
    assert!(!first.is_empty());
    for ((first_name, first_bytes), (second_name, second_bytes)) in first.iter().zip(&second) {
        assert_eq!(first_name, second_name);
        assert!(first_bytes == second_bytes, "{first_name} differs between the two folders");
    }
    assert_eq!(first.len(), second.len());
}

/// Progress is drawn only on a terminal: with standard error a pipe (a log, CI), the long commands print no bar,
/// spinner or escape sequence there.
#[test]
fn no_progress_is_drawn_when_standard_error_is_not_a_terminal() {
    let docs = docs();
    let out = tempfile::tempdir().expect("a temporary folder");
    for args in [
        vec![os("stats"), docs.path().as_os_str()],
        vec![os("gen"), docs.path().as_os_str(), os("--out"), out.path().as_os_str()],
        vec![os("ir"), docs.path().as_os_str()],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
            .args(&args)
            .stderr(Stdio::piped())
            .output()
            .expect("graphdoc runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(output.stderr.is_empty(), "{args:?} printed on stderr: {:?}", String::from_utf8_lossy(&output.stderr));
    }
    let output = graphdoc(&[os("check"), docs.path().as_os_str()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "only the summary line: {stderr:?}");
    assert!(!stderr.contains(['\r', '\u{1b}']), "{stderr:?}");
}
