//! A docs tree held in memory, and parsing all of it (in parallel, with deterministic output).

use crate::diagnostics::Diagnostic;
use crate::ir::{Ir, Page, IR_VERSION};
use crate::parse::batch::{parse_batch, Input};
use crate::parse::include::IncludeCache;
use crate::parse::Docs;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod read;

pub use read::MAX_PAGE_BYTES;

/// Errors reading a docs tree from disk.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("cannot read docs root {path}: {source}")]
    Root { path: PathBuf, source: std::io::Error },
    #[error("cannot walk {path}: {source}")]
    Walk { path: PathBuf, source: std::io::Error },
}

/// Every `.md` file of a docs tree, by path relative to the root (`/` separators), and the entries that were
/// not read (see [`DocsTree::load`]).
#[derive(Debug, Default, Clone)]
pub struct DocsTree {
    files: BTreeMap<String, Result<String, String>>,
    /// Why each entry that was not read was skipped; reported with the parser's diagnostics.
    skipped: Vec<Diagnostic>,
}

impl Docs for DocsTree {
    fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|file| file.as_deref().ok())
    }
}

impl DocsTree {
    /// Reads every `.md` file under `root`. Files that are not UTF-8 are kept, to be reported. Only regular files
    /// whose real path is inside the root are read, up to [`MAX_PAGE_BYTES`]; other entries (links leaving the root,
    /// FIFOs, devices, oversized pages, names with control characters) are skipped with a diagnostic.
    ///
    /// `root` may also be a single `.md` page: the tree then holds that page alone, under its file name (its
    /// includes, which name files relative to its folder's place in a docs checkout, are not read).
    pub fn load(root: &Path) -> Result<Self, TreeError> {
        let root_error = |source| TreeError::Root { path: root.to_owned(), source };
        let metadata = std::fs::metadata(root).map_err(root_error)?;
        let page = metadata.is_file() && root.extension().is_some_and(|extension| extension == "md");
        if !metadata.is_dir() && !page {
            let message = "neither a directory nor a `.md` page";
            return Err(root_error(std::io::Error::new(std::io::ErrorKind::NotADirectory, message)));
        }
        let (root, paths) = if page {
            // The page's folder is the root, so that the page is read by the same checks as in a walk.
            let folder = root.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
            (folder, vec![root.to_owned()])
        } else {
            let mut paths = Vec::new();
            read::walk(root, &mut paths)?;
            (root, paths)
        };
        let canonical_root = std::fs::canonicalize(root).map_err(root_error)?;
        let entries: Vec<read::Entry> =
            paths.par_iter().map(|path| read::read_entry(root, &canonical_root, path)).collect();
        let mut tree = DocsTree::default();
        for entry in entries {
            match entry {
                read::Entry::Page(relative, text) => {
                    tree.files.insert(relative, text);
                }
                read::Entry::Skipped(diagnostic) => tree.skipped.push(diagnostic),
            }
        }
        tree.skipped.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(tree)
    }

    /// Why each `.md` entry that was not read was skipped (also among the diagnostics of [`DocsTree::parse`]).
    pub fn skipped(&self) -> &[Diagnostic] {
        &self.skipped
    }

    /// A tree from (relative path, text) pairs, for tests and benchmarks.
    pub fn from_files<I, P, T>(files: I) -> Self
    where
        I: IntoIterator<Item = (P, T)>,
        P: Into<String>,
        T: Into<String>,
    {
        let files = files.into_iter().map(|(path, text)| (path.into(), Ok(text.into()))).collect();
        DocsTree { files, skipped: Vec::new() }
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
        self.parse_with(&IncludeCache::default())
    }

    /// Parses every page on the calling thread only.
    pub fn parse_single_threaded(&self) -> Ir {
        let files: Vec<File<'_>> = self.files.iter().collect();
        let docs = Cached { tree: self, includes: &IncludeCache::default() };
        assemble(files.chunks(BATCH).map(|batch| docs.parse_batch(batch)).collect(), &self.skipped)
    }

    /// Parses every page, on the current rayon pool, reading each include file once into `includes`, which
    /// then counts the work done (for tests of hostile trees). The result is that of [`Self::parse`].
    pub fn parse_with(&self, includes: &IncludeCache) -> Ir {
        self.parse_in_pool(includes, &crate::progress::Quiet)
    }

    /// [`Self::parse`], reporting a stage whose steps are pages.
    pub fn parse_reporting(&self, progress: &dyn crate::progress::Progress) -> Ir {
        self.parse_in_pool(&IncludeCache::default(), progress)
    }

    fn parse_in_pool(&self, includes: &IncludeCache, progress: &dyn crate::progress::Progress) -> Ir {
        let files: Vec<File<'_>> = self.files.iter().collect();
        let docs = Cached { tree: self, includes };
        progress.stage("parsing pages", Some(files.len() as u64));
        let batches = files.par_chunks(BATCH).map(|batch| {
            let parsed = docs.parse_batch(batch);
            progress.advance(batch.len() as u64);
            parsed
        });
        assemble(batches.collect(), &self.skipped)
    }
}

/// A tree during one parse: its files, and the readings of its include files shared by its pages.
struct Cached<'t> {
    tree: &'t DocsTree,
    includes: &'t IncludeCache,
}

impl Docs for Cached<'_> {
    fn text(&self, path: &str) -> Option<&str> {
        self.tree.text(path)
    }

    fn include_cache(&self) -> Option<&IncludeCache> {
        Some(self.includes)
    }
}

impl Cached<'_> {
    /// Parses a batch of files (see [`crate::parse::batch`]).
    fn parse_batch(&self, batch: &[File<'_>]) -> Vec<(Page, Vec<Diagnostic>)> {
        let inputs: Vec<Input<'_>> =
            batch.iter().map(|(path, file)| (path.as_str(), file.as_deref().map_err(String::as_str))).collect();
        parse_batch(&inputs, self)
    }
}

/// A file of the tree: its path and its text, or why it could not be read.
type File<'t> = (&'t String, &'t Result<String, String>);

/// Pages per batch: enough to amortise warming each stage's code, few enough that a batch's blocks stay in cache
/// (8 to 64 measure within noise of each other; 16 was a little ahead).
const BATCH: usize = 16;

/// The IR of the parsed batches, in order, with the diagnostics of the entries that were not read. Each page is
/// moved once, into its place: joining the batches first would move them all twice more, on one thread, while
/// the other threads are idle.
fn assemble(batches: Vec<Vec<(Page, Vec<Diagnostic>)>>, skipped: &[Diagnostic]) -> Ir {
    let mut pages = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    let mut diagnostics = skipped.to_vec();
    for (page, found) in batches.into_iter().flatten() {
        pages.push(page);
        diagnostics.extend(found);
    }
    crate::parse::scope_case::settle(&mut pages, &mut diagnostics);
    // Pages come sorted from the BTreeMap; diagnostics about included files are sorted in with the rest.
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    Ir { ir_version: IR_VERSION, pages, diagnostics }
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
        for skipped in &self.skipped {
            (&skipped.file, &skipped.message).hash(&mut hasher);
        }
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;

    /// More pages than two batches, of every kind, so that batches end mid-tree and the last one is short.
    fn tree() -> DocsTree {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let seed = DocsTree::load(&spec).expect("the spec folder");
        let mut files: Vec<(String, String)> =
            seed.paths().map(|path| (path.to_owned(), seed.text(path).unwrap_or_default().to_owned())).collect();
        for n in 0..BATCH * 2 + 5 {
            files.push((format!("extra/page-{n:03}.md"), format!("# Page {n}\n\nText {n}.\n\n## Properties\n")));
        }
        DocsTree::from_files(files)
    }

    #[test]
    fn batches_parse_each_page_as_it_parses_alone() {
        let tree = tree();
        let ir = tree.parse_single_threaded();
        assert_eq!(ir.pages.len(), tree.len());
        let mut diagnostics = Vec::new();
        for (page, path) in ir.pages.iter().zip(tree.paths()) {
            let (alone, found) = parse_page(path, tree.text(path).unwrap_or_default(), &tree);
            assert_eq!(page, &alone, "{path}");
            diagnostics.extend(found);
        }
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        diagnostics.dedup();
        assert_eq!(ir.diagnostics, diagnostics);
    }

    #[test]
    fn parallel_batches_give_the_single_threaded_result() {
        let tree = tree();
        assert_eq!(tree.parse(), tree.parse_single_threaded());
    }
}
