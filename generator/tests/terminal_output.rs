//! `graphdoc check` prints no control character a page's file name carries (ESC sequences, CR, bidi overrides).

use std::process::Command;

#[test]
fn check_prints_hostile_file_names_escaped() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path();
    std::fs::create_dir_all(root.join("api")).expect("temporary folder");
    // Not UTF-8, so the page gets a diagnostic that names its file.
    std::fs::write(root.join("api/clear\u{1b}[2J\r\u{202e}\u{9b}page.md"), b"\xff\xfe not text").expect("page written");
    let output = Command::new(env!("CARGO_BIN_EXE_graphdoc")).arg("check").arg(root).output().expect("graphdoc runs");
    let printed = [output.stdout, output.stderr].concat();
    let text = String::from_utf8_lossy(&printed);
    assert!(text.contains("clear\\u{1b}[2J\\u{d}\\u{202e}\\u{9b}page.md"), "{text}");
    for raw in ["\u{1b}", "\r", "\u{202e}", "\u{9b}"] {
        assert!(!text.contains(raw), "raw {raw:?} printed:\n{text}");
    }
    assert!(!printed.contains(&0x1b) && !printed.contains(&b'\r'), "raw control bytes printed:\n{text}");
}
