//! Each README code block marked `<!-- example: NAME -->` is the code a test runs between
//! `// --- README example starts here: NAME` and `// --- README example ends here.` (in `tests/tests/`), verbatim
//! but for where it sends its requests: the README cannot drift from code that runs.

use std::collections::BTreeMap;
use std::path::Path;

/// What the README writes, and what the test has instead, by example (each occurs exactly once in its block).
const SUBSTITUTIONS: &[(&str, &str, &str)] = &[
    ("session", "BaseUrl::V1", "BaseUrl::Custom(base)"),
    ("async-session", "BaseUrl::V1", "BaseUrl::Custom(base)"),
    ("list-users", "BaseUrl::V1", "BaseUrl::Custom(base)"),
    ("client-credentials", "BaseUrl::V1", "BaseUrl::Custom(base)"),
    (
        "client-credentials",
        "\"<client secret>\");",
        "\"<client secret>\")\n    .with_endpoint(format!(\"{login}/contoso.onmicrosoft.com/oauth2/v2.0/token\"));",
    ),
];

/// The examples the README shows, in its order.
const EXAMPLES: &[&str] =
    &["session", "async-session", "list-users", "batch", "upload-session", "upload", "client-credentials"];

/// The fenced block right after each `<!-- example: NAME -->` line, by name, in order.
fn readme_blocks(readme: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(name) = line.strip_prefix("<!-- example: ").and_then(|rest| rest.strip_suffix(" -->")) else {
            continue;
        };
        let fence = lines.get(index + 1).copied().unwrap_or_default();
        assert_eq!(fence, "```rust", "the example marker {name} is not followed by a Rust code block");
        let body: Vec<&str> = lines[index + 2..].iter().copied().take_while(|line| *line != "```").collect();
        assert!(index + 2 + body.len() < lines.len(), "the code block of {name} is not closed");
        blocks.push((name.to_owned(), body.iter().map(|line| format!("{line}\n")).collect()));
    }
    blocks
}

/// The marked regions of a test file, by name, without the indentation of their start marker.
fn test_blocks(source: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(name) = trimmed.strip_prefix("// --- README example starts here: ") {
            assert!(open.is_none(), "README example {name} starts inside another");
            open = Some((name.to_owned(), indent, String::new()));
        } else if trimmed == "// --- README example ends here." {
            let (name, _, body) = open.take().expect("an end marker after a start marker");
            blocks.push((name, body));
        } else if let Some((name, indent, body)) = &mut open {
            let dedented = line.get(*indent..).unwrap_or_default();
            assert!(line.trim().is_empty() || line[..*indent].trim().is_empty(), "{name}: `{line}` is outdented");
            body.push_str(dedented.trim_end());
            body.push('\n');
        }
    }
    assert!(open.is_none(), "a README example is not closed");
    blocks
}

/// The README's block as the test has it.
fn as_in_test(name: &str, block: &str) -> String {
    let mut text = block.to_owned();
    for (_, readme, test) in SUBSTITUTIONS.iter().filter(|(example, _, _)| *example == name) {
        assert_eq!(text.matches(readme).count(), 1, "{name}: `{readme}` is not in its block exactly once:\n{block}");
        text = text.replace(readme, test);
    }
    text
}

#[test]
fn the_readme_examples_are_the_tests_code() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(workspace.join("README.md")).expect("README.md");
    let blocks = readme_blocks(&readme);
    let names: Vec<&str> = blocks.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, EXAMPLES, "the README's example blocks");
    let mut in_tests = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(workspace.join("tests/tests")).expect("tests/tests").flatten().collect();
    files.sort_by_key(|entry| entry.path());
    for entry in files {
        let source = std::fs::read_to_string(entry.path()).expect("a test file");
        for (name, body) in test_blocks(&source) {
            let file = entry.file_name().to_string_lossy().into_owned();
            assert!(in_tests.insert(name.clone(), (file, body)).is_none(), "README example {name} is run twice");
        }
    }
    let run: Vec<&str> = in_tests.keys().map(String::as_str).collect();
    let mut shown = EXAMPLES.to_vec();
    shown.sort_unstable();
    assert_eq!(run, shown, "each README example is run by one test");
    for (name, block) in &blocks {
        let (file, body) = &in_tests[name];
        assert_eq!(*body, as_in_test(name, block), "README example {name} differs from tests/tests/{file}");
    }
}

#[test]
fn blocks_are_read_as_marked() {
    let readme = "text\n<!-- example: a -->\n```rust\nlet a = 1;\n\nlet b = 2;\n```\n```rust\nnot marked\n```\n";
    assert_eq!(readme_blocks(readme), [("a".to_owned(), "let a = 1;\n\nlet b = 2;\n".to_owned())]);
    let test = "fn t() {\n    // --- README example starts here: a\n    let a = 1;\n\n        a;\n    \
                // --- README example ends here.\n    after();\n}\n";
    assert_eq!(test_blocks(test), [("a".to_owned(), "let a = 1;\n\n    a;\n".to_owned())]);
    assert_eq!(
        as_in_test("client-credentials", "Config::new(BaseUrl::V1); x(\"<client secret>\");\n"),
        "Config::new(BaseUrl::Custom(base)); x(\"<client secret>\")\n    .with_endpoint(format!(\"{login}/contoso.onmicrosoft.com/oauth2/v2.0/token\"));\n"
    );
}
