//! `[!INCLUDE [label](path)]` lines: finding them, resolving their paths and loading the included file.
//!
//! An included file may include others: [`load_nested`] carries the chain of files being included, so that a
//! cycle is reported instead of followed, and so that a defect is reported in the file that has it.
//!
//! Docs are untrusted, and a few small files that each include the next several times would expand
//! exponentially. So a page expands each file at most once ([`PageIncludes`]: a file already expanded adds
//! nothing new), within a budget of files and bytes, and a parse of a whole tree reads each include file once
//! ([`IncludeCache`]).

use super::ctx::Ctx;
use super::permissions::IncludedTables;
use crate::diagnostics::{Code, LineIndex, Sink};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// How deep includes may nest; real docs nest at most twice. A guard against pathological trees.
const MAX_DEPTH: usize = 16;

/// How many distinct files one page may include, directly or not (real pages include one or two).
pub const MAX_FILES_PER_PAGE: usize = 64;

/// How many bytes of included text one page may expand (real permission includes are about 1 KB).
pub const MAX_BYTES_PER_PAGE: usize = 4 << 20;

/// An include line found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub label: String,
    /// The path as written.
    pub target: String,
    /// Byte offset of the `[!INCLUDE` in the file.
    pub offset: usize,
}

/// A loaded include: its path relative to the docs root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included<'a> {
    pub path: String,
    pub text: &'a str,
}

impl Included<'_> {
    /// A line index of the included text, for diagnostics that point into the included file.
    pub fn line_index(&self) -> LineIndex<'_> {
        LineIndex::new(self.text)
    }
}

/// What one page has expanded so far: which files, and how much of its budget that spent.
#[derive(Debug, Default)]
pub struct PageIncludes {
    /// The files expanded, by path relative to the docs root. Few (the budget caps them): a list is enough.
    expanded: Vec<String>,
    bytes: usize,
    /// Set once the budget is spent and reported: later includes are skipped without another report.
    exhausted: bool,
}

/// Each include file's reading, shared by the pages of one parse of a tree, so that a file included by many
/// pages (or many times) is read once. What is kept depends only on the file's path and text, so the parse's
/// output does not depend on which page, or which thread, read the file first.
#[derive(Debug, Default)]
pub struct IncludeCache {
    entries: Mutex<HashMap<String, Arc<OnceLock<Arc<IncludedTables>>>>>,
    reads: AtomicUsize,
    expansions: AtomicUsize,
}

impl IncludeCache {
    /// The reading of the file at `path`, made by `read` the first time it is asked for.
    pub fn get_or_read(&self, path: &str, read: impl FnOnce() -> IncludedTables) -> Arc<IncludedTables> {
        self.expansions.fetch_add(1, Ordering::Relaxed);
        let slot = {
            // A poisoned lock only means another page's parse panicked (and was reported); the map is intact.
            let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            Arc::clone(entries.entry(path.to_owned()).or_default())
        };
        // Read outside the map's lock: other files are read meanwhile; a second asker of this file waits.
        Arc::clone(slot.get_or_init(|| {
            self.reads.fetch_add(1, Ordering::Relaxed);
            Arc::new(read())
        }))
    }

    /// How many include files have been read (each at most once).
    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// How many times pages have expanded an include file (each page at most once per file).
    pub fn expansions(&self) -> usize {
        self.expansions.load(Ordering::Relaxed)
    }
}

/// Every include in `text`, which starts at byte `offset` of the file.
///
/// The form is `[!INCLUDE [label](path)]` (any case of `include`); the label may hold spaces and the path may be
/// wrapped in `<...>`. Anything that does not have this shape on one line is not an include.
pub fn find_includes(text: &str, offset: usize) -> Vec<Include> {
    let mut found = Vec::new();
    let mut search_from = 0;
    // memchr for `[` then a look at the next byte: most texts hold no `[!` at all, and a substring searcher
    // costs more to set up than this costs to run.
    let bytes = text.as_bytes();
    while let Some(start) = memchr::memchr(b'[', &bytes[search_from..]).map(|at| at + search_from) {
        search_from = start + 1;
        if bytes.get(start + 1) != Some(&b'!') {
            continue;
        }
        search_from = start + 2;
        let Some(include) = parse_include(&text[start..]) else { continue };
        search_from = start + include.2;
        found.push(Include { label: include.0, target: include.1, offset: offset + start });
    }
    found
}

/// Reads `[!INCLUDE [label](path)]` at the start of `text`: label, path and the length read.
fn parse_include(text: &str) -> Option<(String, String, usize)> {
    let keyword = text.get(2..9)?;
    if !keyword.eq_ignore_ascii_case("include") {
        return None;
    }
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    let after_keyword = &line[9..];
    let label_start = 9 + after_keyword.len() - after_keyword.trim_start().len();
    let rest = line.get(label_start..)?.strip_prefix('[')?;
    let label_end = rest.find("](")?;
    let label = rest[..label_end].trim();
    let after_label = &rest[label_end + 2..];
    let path_end = after_label.find(')')?;
    let target = after_label[..path_end].trim().trim_start_matches('<').trim_end_matches('>').trim();
    // A title after the path (`(path "title")`) is not part of the path.
    let target = target.split_once(char::is_whitespace).map_or(target, |(path, _)| path);
    if target.is_empty() {
        return None;
    }
    let consumed = label_start + 1 + label_end + 2 + path_end + 1;
    let closing = line[consumed..].trim_start().starts_with(']');
    closing.then(|| (label.to_owned(), target.to_owned(), consumed))
}

/// Resolves `target` against the page at `from` (or the docs root for `/...`); None when it leaves the root.
pub fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    let target = target.replace('\\', "/");
    let absolute = target.starts_with('/');
    let mut parts: Vec<&str> = if absolute { Vec::new() } else { from.split('/').collect() };
    if !absolute {
        parts.pop(); // the including file's own name
    }
    parts.retain(|part| !part.is_empty() && *part != ".");
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Loads an include of the page in `ctx`, reporting a missing file or a path outside the docs root.
pub fn load<'d>(ctx: &mut Ctx<'d>, include: &Include) -> Option<Included<'d>> {
    load_nested(ctx, include, &[])
}

/// Loads `include`, written in the last file of `chain` (the files being included, outermost first), or in
/// the page itself when `chain` is empty. A file already in the chain (or the page) is a cycle: it is reported
/// and not loaded. A file the page has already expanded is not loaded again, quietly: it adds nothing new. Past
/// the page's budget nothing more is loaded. Diagnostics point into the file that holds the include line.
pub fn load_nested<'d>(ctx: &mut Ctx<'d>, include: &Include, chain: &[Included<'d>]) -> Option<Included<'d>> {
    if ctx.includes.exhausted {
        return None;
    }
    let from = chain.last().map_or(ctx.path, |included| included.path.as_str());
    let problem = match resolve(from, &include.target) {
        None => Err((Code::IncludeOutsideRoot, format!("`{}` leaves the docs root", include.target))),
        Some(path) if path == ctx.path || chain.iter().any(|included| included.path == path) => {
            let mut names: Vec<&str> = std::iter::once(ctx.path).chain(chain.iter().map(|i| i.path.as_str())).collect();
            names.push(&path);
            Err((Code::IncludeCycle, format!("including `{path}` again makes a cycle: {}", names.join(" -> "))))
        }
        Some(path) if ctx.includes.expanded.contains(&path) => return None,
        Some(_) if chain.len() >= MAX_DEPTH => {
            Err((Code::IncludeCycle, format!("includes nest deeper than {MAX_DEPTH} files at `{}`", include.target)))
        }
        Some(path) => match ctx.docs.text(&path) {
            None => Err((Code::IncludeNotFound, format!("no file `{path}` (from `{}`)", include.target))),
            Some(text)
                if ctx.includes.expanded.len() >= MAX_FILES_PER_PAGE
                    || ctx.includes.bytes.saturating_add(text.len()) > MAX_BYTES_PER_PAGE =>
            {
                ctx.includes.exhausted = true;
                Err((
                    Code::IncludeBudgetExceeded,
                    format!(
                        "`{path}` is not read, nor any later include of the page: its includes exceed \
                         {MAX_FILES_PER_PAGE} files or {} MiB",
                        MAX_BYTES_PER_PAGE >> 20
                    ),
                ))
            }
            Some(text) => {
                ctx.includes.bytes += text.len();
                ctx.includes.expanded.push(path.clone());
                Ok(Included { path, text })
            }
        },
    };
    match problem {
        Ok(included) => Some(included),
        Err((code, message)) => {
            match chain.last() {
                None => ctx.report(code, include.offset, message),
                Some(including) => {
                    let index = including.line_index();
                    Sink::new(&including.path, &index, &mut ctx.diagnostics).report(code, include.offset, message);
                }
            }
            None
        }
    }
}

#[cfg(test)]
#[path = "include_tests.rs"]
mod fan_out_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_includes_with_spaces_and_any_case() {
        let text = "intro\n[!INCLUDE [beta disclaimer](../../includes/beta-disclaimer.md)]\n\
                    [!include[perms]( <../includes/x-permissions.md> )]\n";
        let found = find_includes(text, 10);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].label, "beta disclaimer");
        assert_eq!(found[0].target, "../../includes/beta-disclaimer.md");
        assert_eq!(found[0].offset, 16);
        assert_eq!(found[1].label, "perms");
        assert_eq!(found[1].target, "../includes/x-permissions.md");
    }

    #[test]
    fn other_brackets_do_not_hide_includes() {
        let text = "see [link](x) and [![img](a.png)](b) then [[!INCLUDE [a](b.md)]";
        let found = find_includes(text, 0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].target.as_str(), found[0].offset), ("b.md", 43));
    }

    #[test]
    fn malformed_include_lines_are_not_includes() {
        assert!(find_includes("[!NOTE]\n> text [a](b.md)]", 0).is_empty());
        assert!(find_includes("[!INCLUDE [label]\n(path.md)]", 0).is_empty());
        assert!(find_includes("[!INCLUDE [label]()]", 0).is_empty());
        assert!(find_includes("[!INC", 0).is_empty());
        assert!(find_includes("[!INCLUDE [创建 x](a.md)", 0).is_empty());
    }

    #[test]
    fn resolves_relative_and_root_paths() {
        assert_eq!(resolve("api/v1.0/api/page.md", "../includes/p.md").as_deref(), Some("api/v1.0/includes/p.md"));
        assert_eq!(resolve("api/v1.0/api/page.md", "./x/./y.md").as_deref(), Some("api/v1.0/api/x/y.md"));
        assert_eq!(resolve("api/v1.0/api/page.md", "/includes/p.md").as_deref(), Some("includes/p.md"));
        assert_eq!(resolve("a/page.md", "../p.md").as_deref(), Some("p.md"));
        assert_eq!(resolve("a/page.md", "..\\b\\p.md").as_deref(), Some("b/p.md"));
        assert_eq!(resolve("a/page.md", "p.md#section").as_deref(), Some("a/p.md"));
    }

    #[test]
    fn paths_leaving_the_root_are_refused() {
        assert_eq!(resolve("a/page.md", "../../p.md"), None);
        assert_eq!(resolve("page.md", "../p.md"), None);
        assert_eq!(resolve("a/page.md", "/../p.md"), None);
        assert_eq!(resolve("a/page.md", "/"), None);
        // Going up and back down inside the root is fine.
        assert_eq!(resolve("a/b/page.md", "../../a/p.md").as_deref(), Some("a/p.md"));
    }
}
