//! Hostile docs trees on disk (issue 10, classes 2 and 5): the walk reads only regular files inside the root,
//! caps their size, refuses file names that could forge lines, and the build script's `cargo:` output stays
//! exactly the lines it means to print. Every tree is made here, in a temporary folder.

#![cfg(unix)]

use generator::diagnostics::{Code, Diagnostic, Severity};
use generator::parse::Docs;
use generator::DocsTree;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Text that must never reach the IR or the output: it lives only in files the walk must not read.
const SECRET: &str = "SECRET-7f3a91-NOT-DOCS";

fn page(title: &str) -> String {
    format!("# {title}\n\nA page about {title}.\n")
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("a test file");
}

/// Loads and parses `root` on another thread, failing (not hanging) after a generous minute.
fn load_with_timeout(root: &Path) -> (DocsTree, String, Vec<Diagnostic>) {
    let root = root.to_owned();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let tree = DocsTree::load(&root).expect("the root is a readable folder");
        let ir = tree.parse();
        let _ = send.send((tree, generator::ir_json(&ir), ir.diagnostics));
    });
    receive.recv_timeout(Duration::from_secs(60)).expect("loading the tree finishes (no FIFO or device hangs it)")
}

fn diagnostic_for<'d>(diagnostics: &'d [Diagnostic], file: &str) -> &'d Diagnostic {
    diagnostics.iter().find(|d| d.file == file).unwrap_or_else(|| panic!("a diagnostic for {file:?}: {diagnostics:#?}"))
}

#[test]
fn only_regular_files_inside_the_root_are_read() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("docs");
    std::fs::create_dir_all(root.join("api")).expect("the docs folder");
    let outside = temp.path().join("outside.md");
    write(&outside, &page(SECRET));
    write(&root.join("api/real.md"), &page("Real"));
    // A link leaving the root, a link to a device, a FIFO, a link inside the root, a directory link loop and a
    // directory link named like a page.
    symlink(&outside, root.join("api/leak.md")).expect("a link");
    symlink("/dev/zero", root.join("zero.md")).expect("a link");
    symlink("../api/real.md", root.join("api/alias.md")).expect("a link");
    symlink("..", root.join("api/loop")).expect("a link");
    symlink(&root, root.join("dir.md")).expect("a link");
    let fifo = std::ffi::CString::new(root.join("pipe.md").as_os_str().as_bytes()).expect("a C path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");

    let (tree, json, diagnostics) = load_with_timeout(&root);

    assert!(!json.contains(SECRET), "text from outside the root reached the IR");
    assert_eq!(tree.paths().collect::<Vec<_>>(), ["api/alias.md", "api/real.md"]);
    assert_eq!(tree.text("api/alias.md"), Some(page("Real").as_str()), "a link inside the root is followed");
    for (file, says) in [
        ("api/leak.md", "outside the docs root"),
        ("zero.md", "outside the docs root"),
        ("pipe.md", "a FIFO"),
        ("dir.md", "a directory"),
    ] {
        let diagnostic = diagnostic_for(&diagnostics, file);
        assert_eq!((diagnostic.code, diagnostic.severity), (Code::FileSkipped, Severity::Warning), "{file}");
        assert_eq!((diagnostic.line, diagnostic.col), (1, 1));
        assert!(diagnostic.message.contains(says), "{file}: {}", diagnostic.message);
    }
    assert_eq!(tree.skipped().len(), 4);
}

#[test]
fn a_page_over_the_cap_is_skipped_unread() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let big = std::fs::File::create(temp.path().join("big.md")).expect("a file");
    // Sparse: no real disk space, yet one byte over the cap.
    big.set_len(generator::tree::MAX_PAGE_BYTES + 1).expect("a size");
    let at_cap = std::fs::File::create(temp.path().join("at-cap.md")).expect("a file");
    at_cap.set_len(generator::tree::MAX_PAGE_BYTES).expect("a size");

    let (tree, _, diagnostics) = load_with_timeout(temp.path());

    let diagnostic = diagnostic_for(&diagnostics, "big.md");
    assert_eq!((diagnostic.code, diagnostic.severity), (Code::FileTooLarge, Severity::Error));
    assert_eq!(tree.paths().collect::<Vec<_>>(), ["at-cap.md"], "a page of exactly the cap is read");
}

/// File names that would add lines where they are printed: a newline followed by a cargo directive, a carriage
/// return, Unicode's line separator, an escape sequence, and bytes that are not UTF-8.
fn hostile_names() -> Vec<(&'static OsStr, &'static str)> {
    vec![
        (OsStr::new("a\ncargo:rustc-env=X=1\n.md"), r"a\u{a}cargo:rustc-env=X=1\u{a}.md"),
        (OsStr::new("b\r.md"), r"b\u{d}.md"),
        (OsStr::new("c\u{2028}cargo:rustc-cfg=evil.md"), r"c\u{2028}cargo:rustc-cfg=evil.md"),
        (OsStr::new("d\u{1b}[2J.md"), r"d\u{1b}[2J.md"),
        (OsStr::from_bytes(b"e\xff.md"), "e\u{fffd}.md"),
    ]
}

#[test]
fn file_names_with_line_breaks_are_refused_with_their_names_escaped() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(temp.path().join("sub\ndir")).expect("a folder");
    write(&temp.path().join("sub\ndir/page.md"), &page(SECRET));
    for (name, _) in hostile_names() {
        write(&temp.path().join(name), &page(SECRET));
    }
    write(&temp.path().join("fine.md"), &page("Fine"));

    let (tree, json, diagnostics) = load_with_timeout(temp.path());

    assert!(!json.contains(SECRET), "a refused file was read");
    assert_eq!(tree.paths().collect::<Vec<_>>(), ["fine.md"]);
    for escaped in hostile_names().into_iter().map(|(_, escaped)| escaped).chain([r"sub\u{a}dir/page.md"]) {
        let diagnostic = diagnostic_for(&diagnostics, escaped);
        assert_eq!((diagnostic.code, diagnostic.severity), (Code::FileNameUnsafe, Severity::Error));
    }
    assert!(diagnostics.iter().all(|d| !d.file.contains(['\n', '\r', '\u{2028}', '\u{1b}'])));
}

#[test]
fn the_build_script_prints_only_its_own_cargo_lines() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let docs = temp.path().join("docs");
    let out = temp.path().join("out");
    std::fs::create_dir_all(&docs).expect("the docs folder");
    std::fs::create_dir_all(&out).expect("the output folder");
    write(&docs.join("fine.md"), &page("Fine"));
    for (name, _) in hostile_names() {
        write(&docs.join(name), &page(SECRET));
    }
    let mut cargo = Vec::new();

    generator::build_script::generate_into(&docs, "my_crate::graph", &out, &mut cargo).expect("generation");

    let printed = String::from_utf8(cargo).expect("UTF-8 output");
    let lines: Vec<&str> = printed.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']).collect();
    assert_eq!(lines.last(), Some(&""), "the output ends with a newline");
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("cargo:rerun-if-changed=") || line.starts_with("cargo:warning="),
            "an unexpected line {line:?} in {printed:?}"
        );
    }
    let reruns = lines.iter().filter(|line| line.starts_with("cargo:rerun-if-changed=")).count();
    assert_eq!(reruns, 2, "the root and the one readable page: {printed}");
    let warnings = lines.iter().filter(|line| line.contains(Code::FileNameUnsafe.as_str())).count();
    assert_eq!(warnings, hostile_names().len(), "each refused file is reported: {printed}");
    for entry in std::fs::read_dir(&out).expect("the output folder") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("generated text");
        assert!(!text.contains(SECRET), "a refused file was read");
    }
}

#[test]
fn a_docs_root_that_would_break_a_cargo_line_is_refused() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let docs = temp.path().join("docs\ncargo:rustc-env=X=1");
    std::fs::create_dir_all(&docs).expect("the docs folder");
    write(&docs.join("fine.md"), &page("Fine"));
    let mut cargo = Vec::new();

    let result = generator::build_script::generate_into(&docs, "my_crate::graph", temp.path(), &mut cargo);

    assert!(matches!(result, Err(generator::build_script::BuildError::UnsafeDocsRoot(_))), "{result:?}");
    assert!(cargo.is_empty(), "nothing printed");
}

#[test]
fn a_cargo_directive_is_one_line_whatever_its_value() {
    let mut cargo = Vec::new();
    generator::build_script::directive(&mut cargo, "warning", "x\ncargo:rustc-env=X=1\r\u{2028}\u{85}y")
        .expect("printing");
    assert_eq!(
        String::from_utf8(cargo).expect("UTF-8"),
        "cargo:warning=x\\u{a}cargo:rustc-env=X=1\\u{d}\\u{2028}\\u{85}y\n"
    );
}

#[test]
fn a_crate_path_that_is_no_rust_path_is_refused() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let docs = temp.path().join("docs");
    std::fs::create_dir_all(&docs).expect("the docs folder");
    write(&docs.join("fine.md"), &page("Fine"));
    let out = temp.path().join("out");
    std::fs::create_dir_all(&out).expect("the output folder");
    for crate_path in ["graph_v1.0", "my_crate::graph; fn evil() {}", "", "a::"] {
        let mut cargo = Vec::new();
        let result = generator::build_script::generate_into(&docs, crate_path, &out, &mut cargo);
        assert!(matches!(result, Err(generator::build_script::BuildError::CratePath(_))), "{crate_path}: {result:?}");
    }
    let mut cargo = Vec::new();
    generator::build_script::generate_into(&docs, "crate::graph", &out, &mut cargo).expect("a Rust path is taken");
}
