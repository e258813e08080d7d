//! The README's build.rs recipe is `tests/consumer/` verbatim (which `cargo test --workspace` builds and tests),
//! but for the crate's name, its docs folder and its path to the generator: the README cannot drift from a crate
//! that builds.

use std::path::Path;

/// What the README writes, and what `tests/consumer/` has instead (each occurs exactly once in its file).
const SUBSTITUTIONS: &[(&str, &str)] = &[
    (
        "graphdoc-runtime = { path = \"../graphdoc/runtime\", features = [\"blocking\"] }",
        "graphdoc-runtime = { path = \"../../runtime\", features = [\"blocking\"] }",
    ),
    (
        "graphdoc-runtime = { path = \"../graphdoc/runtime\", features = [\"replay\"] }",
        "graphdoc-runtime = { path = \"../../runtime\", features = [\"replay\"] }",
    ),
    ("generator = { path = \"../graphdoc/generator\" }", "generator = { path = \"../../generator\" }"),
    ("generate(\"docs\", \"my_crate::graph\")", "generate(\"../../spec\", \"graph_consumer::graph\")"),
];

/// The files of the recipe, in the README's order.
const RECIPE: &[&str] = &["Cargo.toml", "build.rs", "src/lib.rs", "tests/replay.rs"];

/// The code blocks marked `<!-- recipe: FILE -->` in `readme`, by file, in order: the fenced block right after
/// the marker line.
fn recipe_blocks(readme: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(file) = line.strip_prefix("<!-- recipe: ").and_then(|rest| rest.strip_suffix(" -->")) else {
            continue;
        };
        let fence = lines.get(index + 1).copied().unwrap_or_default();
        assert!(fence.starts_with("```"), "the recipe marker for {file} is not followed by a code block");
        let body: Vec<&str> = lines[index + 2..].iter().copied().take_while(|line| *line != "```").collect();
        assert!(index + 2 + body.len() < lines.len(), "the code block for {file} is not closed");
        blocks.push((file.to_owned(), body.iter().map(|line| format!("{line}\n")).collect()));
    }
    blocks
}

/// The README's block as it stands in `tests/consumer/`.
fn as_in_consumer(block: &str) -> String {
    let mut text = block.to_owned();
    for (readme, consumer) in SUBSTITUTIONS {
        if text.contains(readme) {
            assert_eq!(text.matches(readme).count(), 1, "{readme} more than once in:\n{block}");
            text = text.replace(readme, consumer);
        }
    }
    text
}

#[test]
fn the_readme_recipe_is_the_consumer_crate() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(workspace.join("README.md")).expect("README.md");
    let blocks = recipe_blocks(&readme);
    let files: Vec<&str> = blocks.iter().map(|(file, _)| file.as_str()).collect();
    assert_eq!(files, RECIPE, "the README's recipe blocks");
    let mut substituted = 0;
    for (file, block) in &blocks {
        let consumer = std::fs::read_to_string(workspace.join("tests/consumer").join(file)).expect("a consumer file");
        let expected = as_in_consumer(block);
        substituted += SUBSTITUTIONS.iter().filter(|(readme, _)| block.contains(readme)).count();
        if file == "Cargo.toml" {
            // The consumer's manifest is its own `[package]` table, then the README's block.
            let package = consumer.strip_suffix(&expected).unwrap_or_else(|| {
                panic!("tests/consumer/Cargo.toml does not end with the README's block:\n{expected}")
            });
            let tables: Vec<&str> = package.lines().filter(|line| line.starts_with('[')).collect();
            assert_eq!(tables, ["[package]"], "before the README's block:\n{package}");
            assert!(package.ends_with("\n\n"), "a blank line between [package] and the README's block");
        } else {
            assert_eq!(consumer, expected, "tests/consumer/{file} differs from the README's block");
        }
    }
    assert_eq!(substituted, SUBSTITUTIONS.len(), "each substitution is made once");
}

#[test]
fn recipe_blocks_are_read_as_marked() {
    let readme = "text\n<!-- recipe: a.rs -->\n```rust\nfn a() {}\n\n```\n```rust\nnot marked\n```\n";
    assert_eq!(recipe_blocks(readme), [("a.rs".to_owned(), "fn a() {}\n\n".to_owned())]);
}
