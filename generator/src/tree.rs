//! A docs tree held in memory, and parsing all of it (in parallel, with deterministic output).

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::ir::{Ir, Page, IR_VERSION};
use crate::parse::{parse_page, Docs};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Errors reading a docs tree from disk.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("cannot read docs root {path}: {source}")]
    Root { path: PathBuf, source: std::io::Error },
    #[error("cannot walk {path}: {source}")]
    Walk { path: PathBuf, source: std::io::Error },
}

/// Every `.md` file of a docs tree, by path relative to the root (`/` separators).
#[derive(Debug, Default, Clone)]
pub struct DocsTree {
    files: BTreeMap<String, Result<String, String>>,
}

impl Docs for DocsTree {
    fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|file| file.as_deref().ok())
    }
}

impl DocsTree {
    /// Reads every `.md` file under `root`. Files that are not UTF-8 are kept, to be reported.
    pub fn load(root: &Path) -> Result<Self, TreeError> {
        let metadata = std::fs::metadata(root).map_err(|source| TreeError::Root { path: root.to_owned(), source })?;
        if !metadata.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory");
            return Err(TreeError::Root { path: root.to_owned(), source });
        }
        let mut paths = Vec::new();
        walk(root, &mut paths)?;
        let files = paths
            .par_iter()
            .map(|path| {
                let relative = relative_path(root, path);
                let text = match std::fs::read(path) {
                    Ok(bytes) => String::from_utf8(bytes).map_err(|error| format!("not UTF-8: {error}")),
                    Err(error) => Err(error.to_string()),
                };
                (relative, text)
            })
            .collect();
        Ok(DocsTree { files })
    }

    /// A tree from (relative path, text) pairs, for tests and benchmarks.
    pub fn from_files<I, P, T>(files: I) -> Self
    where
        I: IntoIterator<Item = (P, T)>,
        P: Into<String>,
        T: Into<String>,
    {
        DocsTree { files: files.into_iter().map(|(path, text)| (path.into(), Ok(text.into()))).collect() }
    }

    /// The relative paths of the `.md` files, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the tree has no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The texts of all readable files, for benchmarks comparing against a bare markdown pass.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.files.values().filter_map(|file| file.as_deref().ok())
    }

    /// Parses every page, on the current rayon pool. The result does not depend on the thread count.
    pub fn parse(&self) -> Ir {
        let results: Vec<(Page, Vec<Diagnostic>)> =
            self.files.par_iter().map(|(path, file)| self.parse_one(path, file)).collect();
        assemble(results)
    }

    /// Parses every page on the calling thread only.
    pub fn parse_single_threaded(&self) -> Ir {
        assemble(self.files.iter().map(|(path, file)| self.parse_one(path, file)).collect())
    }

    fn parse_one(&self, path: &str, file: &Result<String, String>) -> (Page, Vec<Diagnostic>) {
        match file {
            // A bug in one parser must not lose the page or the run: report it and keep the page.
            Ok(text) => std::panic::catch_unwind(|| parse_page(path, text, self)).unwrap_or_else(|panic| {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned());
                let diagnostic = Diagnostic {
                    code: Code::InternalError,
                    severity: Severity::Error,
                    file: path.to_owned(),
                    line: 1,
                    col: 1,
                    message: format!("the parser panicked: {}", message.unwrap_or_default()),
                };
                (Page { path: path.to_owned(), ..Page::default() }, vec![diagnostic])
            }),
            Err(error) => {
                let diagnostic = Diagnostic {
                    code: Code::UnreadableFile,
                    severity: Severity::Error,
                    file: path.to_owned(),
                    line: 1,
                    col: 1,
                    message: error.clone(),
                };
                (Page { path: path.to_owned(), ..Page::default() }, vec![diagnostic])
            }
        }
    }
}

fn assemble(results: Vec<(Page, Vec<Diagnostic>)>) -> Ir {
    let mut diagnostics = Vec::new();
    // Collected in place: the pages take over the results' memory instead of a second array of pages.
    let pages: Vec<Page> = results
        .into_iter()
        .map(|(page, found)| {
            diagnostics.extend(found);
            page
        })
        .collect();
    // Pages come sorted from the BTreeMap; diagnostics about included files are sorted in with the rest.
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    Ir { ir_version: IR_VERSION, pages, diagnostics }
}

fn walk(dir: &Path, paths: &mut Vec<PathBuf>) -> Result<(), TreeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TreeError::Walk { path: dir.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| TreeError::Walk { path: dir.to_owned(), source })?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|source| TreeError::Walk { path: path.clone(), source })?;
        if file_type.is_dir() {
            walk(&path, paths)?;
        } else if path.extension().is_some_and(|extension| extension == "md") {
            paths.push(path);
        }
    }
    Ok(())
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

impl DocsTree {
    /// A hash of every path and text, to tell whether anything changed since the last run.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (path, text) in &self.files {
            path.hash(&mut hasher);
            text.hash(&mut hasher);
        }
        hasher.finish()
    }
}
