//! Path templates over the real docs corpus (`../shared/corpus`, skipped with a note when it is absent):
//! every `METHOD /path` line of an ```http fence in an `api/` folder must read back to itself from its Display.

use generator::ir::Segment;
use generator::parse::path::{parse_operation_line, parse_template, METHODS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    root.is_dir().then_some(root)
}

/// Every `.md` file under a folder named `api`.
fn api_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            api_pages(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "md")
            && path.parent().and_then(Path::file_name).is_some_and(|name| name == "api")
        {
            out.push(path);
        }
    }
}

/// The lines of ```http fences that start with an HTTP method.
fn http_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut in_http = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(info) = trimmed.strip_prefix("```") {
            in_http = match in_http {
                Some(_) => None,
                None => Some(info.trim().eq_ignore_ascii_case("http")),
            };
            continue;
        }
        let first = trimmed.split_whitespace().next().unwrap_or("");
        if in_http == Some(true) && METHODS.contains(&first.to_ascii_uppercase().as_str()) {
            lines.push(trimmed);
        }
    }
    lines
}

fn kind(segment: &Segment) -> &'static str {
    match segment {
        Segment::Literal { .. } => "literal",
        Segment::Param { .. } => "param",
        Segment::ItemPath { .. } => "item_path",
        Segment::Key { .. } => "key",
        Segment::Function { .. } => "function",
        Segment::Cast { .. } => "cast",
        Segment::System { .. } => "system",
        Segment::Mixed { .. } => "mixed",
    }
}

#[test]
fn every_corpus_template_round_trips() {
    let Some(root) = corpus_root() else {
        eprintln!("note: ../shared/corpus is absent; corpus path test skipped");
        return;
    };
    let mut pages = Vec::new();
    api_pages(&root, &mut pages);
    let (mut lines, mut unreadable) = (0usize, Vec::new());
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut failures, mut mixed) = (Vec::new(), Vec::new());
    for page in &pages {
        let Ok(text) = std::fs::read_to_string(page) else { continue };
        for line in http_lines(&text) {
            lines += 1;
            let template = match parse_operation_line(line) {
                Ok((_, template)) => template,
                Err(message) => {
                    unreadable.push(format!("{}: {message}", page.display()));
                    continue;
                }
            };
            for segment in &template.segments {
                *kinds.entry(kind(segment)).or_default() += 1;
                if let Segment::Mixed { .. } = segment {
                    mixed.push(format!("{segment}  in  {line}"));
                }
            }
            let again = parse_template(&template.with_query());
            if again != template {
                failures.push(format!("{}: `{line}` -> `{}` -> {again:?}", page.display(), template.with_query()));
            }
        }
    }
    eprintln!("{} pages, {lines} lines, {} unreadable; segments: {kinds:?}", pages.len(), unreadable.len());
    for line in unreadable.iter().filter(|line| !line.contains("**")).take(40) {
        eprintln!("  unreadable: {line}");
    }
    for segment in mixed.iter().take(60) {
        eprintln!("  mixed: {segment}");
    }
    assert!(lines > 0, "no `METHOD /path` lines found under {}", root.display());
    assert!(failures.is_empty(), "{} templates do not round-trip:\n{}", failures.len(), failures.join("\n"));
}
