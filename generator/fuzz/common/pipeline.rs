//! The whole-pipeline fuzz input: bytes -> a small docs tree (an API page, a resource page, an include), and the
//! check that every file generated from it is valid: Rust files parse with `syn`, `Cargo.toml` parses as TOML, and
//! the diagnostics render as the command line prints them.
//!
//! Shared (by `#[path]`) between the `pipeline` fuzz target and `generator/tests/fuzz_regressions.rs`, so that a
//! reproducer saved by the fuzzer replays exactly the same way in an ordinary test.
//!
//! Input layout: up to six parts separated by [`SEPARATOR`]:
//! `api page | resource page | include | api stem | resource stem | include name`.
//! Missing parts are empty texts or default names; input without a separator is the API page alone.

use generator::parse::Docs;
use generator::DocsTree;

/// Splits the input into its parts. A line of its own, unlikely in a page, and in the dictionary.
pub const SEPARATOR: &[u8] = b"\n%%%%\n";

/// A file name stem: the longest a file system allows (255 bytes) less the `.md` extension.
const MAX_STEM: usize = 252;

/// The paths and texts of the tree built from the fuzz input.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub api_path: String,
    pub resource_path: String,
    pub include_path: String,
    pub files: Vec<(String, String)>,
}

/// Builds the three files from the input bytes (lossily decoded: a non-UTF-8 file is a different, tested path).
pub fn from_bytes(data: &[u8]) -> Pipeline {
    let parts = split(data);
    let text = |index: usize| parts.get(index).map(|part| String::from_utf8_lossy(part).into_owned());
    let api_stem = stem(text(3).as_deref(), "page");
    let resource_stem = stem(text(4).as_deref(), "resource");
    let include_name = include_name(text(5).as_deref());
    let api_path = format!("api-reference/v1.0/api/{api_stem}.md");
    let resource_path = format!("api-reference/v1.0/resources/{resource_stem}.md");
    let include_path = format!("api-reference/v1.0/includes/{include_name}.md");
    let mut api = text(0).unwrap_or_default();
    // The include is only exercised when the page names it: name it when the input does not.
    let target = format!("includes/{include_name}.md");
    if !api.contains(&target) {
        api.push_str(&format!("\n\n[!INCLUDE [fuzz](../{target})]\n"));
    }
    let files = vec![
        (api_path.clone(), api),
        (resource_path.clone(), text(1).unwrap_or_default()),
        (include_path.clone(), text(2).unwrap_or_default()),
    ];
    Pipeline { api_path, resource_path, include_path, files }
}

impl Pipeline {
    /// The docs tree of the three files (a later file with the same path replaces an earlier one).
    pub fn tree(&self) -> DocsTree {
        DocsTree::from_files(self.files.iter().cloned())
    }
}

/// Runs the whole pipeline on `data` and panics, naming the file, when an emitted file is not valid.
pub fn check(data: &[u8]) {
    let pipeline = from_bytes(data);
    let tree = pipeline.tree();
    let generation = match generator::generate::generate_crate(&tree, "fuzzed", "fuzz", &Default::default()) {
        Ok(generation) => generation,
        Err(error) => panic!(
            "generation failed for {} + {} + {}: {error}",
            pipeline.api_path, pipeline.resource_path, pipeline.include_path
        ),
    };
    assert!(generation.files.contains_key("Cargo.toml"), "no Cargo.toml emitted");
    // The command line prints the diagnostics with their source lines: that must not panic either.
    generator::diagnostics::render(&generation.diagnostics, |file| tree.text(file).map(str::to_owned));
    for (name, text) in &generation.files {
        if name.ends_with(".rs") {
            if !parsed_before(text) {
                if let Err(error) = syn::parse_file(text) {
                    panic!("emitted {name} does not parse: {error}\n{text}");
                }
                remember_parsed(text);
            }
        } else if name.ends_with(".toml") {
            if let Err(error) = text.parse::<toml::Table>() {
                panic!("emitted {name} is not TOML: {error}\n{text}");
            }
        }
    }
}

/// Texts that parsed before: the runtime (copied verbatim) and often `lib.rs` come out the same on every run,
/// and parsing them again would take most of the fuzzer's time. Compared whole, so nothing goes unchecked.
static PARSED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// How many texts [`PARSED`] keeps; it starts over when full.
const PARSED_CAPACITY: usize = 16;

fn parsed_before(text: &str) -> bool {
    PARSED.lock().map(|parsed| parsed.iter().any(|known| known == text)).unwrap_or(false)
}

fn remember_parsed(text: &str) {
    if let Ok(mut parsed) = PARSED.lock() {
        if parsed.len() >= PARSED_CAPACITY {
            parsed.clear();
        }
        parsed.push(text.to_owned());
    }
}

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() < 5 {
        let Some(at) = rest.windows(SEPARATOR.len()).position(|window| window == SEPARATOR) else { break };
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// A file stem as a file system allows it: no `/`, no NUL, at most [`MAX_STEM`] bytes; hostile names stay.
fn stem(text: Option<&str>, default: &str) -> String {
    let cleaned: String = text.unwrap_or_default().chars().filter(|&c| c != '/' && c != '\0').collect();
    let cleaned = truncate(cleaned.trim_end_matches(['\n', '\r']), MAX_STEM);
    if cleaned.is_empty() {
        default.to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The include's path under `includes/`: `/`-separated segments, each a [`stem`]; `.`, `..` and empty segments
/// are not file names and are dropped.
fn include_name(text: Option<&str>) -> String {
    let segments: Vec<String> = text
        .unwrap_or_default()
        .trim_end_matches(['\n', '\r'])
        .split('/')
        .filter(|segment| !matches!(*segment, "" | "." | ".."))
        .map(|segment| stem(Some(segment), "x"))
        .collect();
    if segments.is_empty() {
        "permissions/fuzz-permissions".to_owned()
    } else {
        segments.join("/")
    }
}

fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
