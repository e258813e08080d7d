//! The docs lock: a small TOML file beside a generated crate (`generated/docs.lock`) that records where its docs
//! came from (repository, commit, folder) and a SHA-256 of the input pages, so that a regeneration from unchanged
//! docs can tell at once that there is nothing to do.
//!
//! The hash is SHA-256 over the sorted (path, text) pairs of the docs tree as read (each length-prefixed, so
//! that no two trees hash alike by moving bytes between a path and a text); `DefaultHasher` would not do, as it
//! may change between Rust versions. The lock is one of the generated files (it starts with the `@generated`
//! marker): `cargo xtask gen` rewrites its hash from `spec/` and keeps its source; `cargo xtask regenerate`
//! sets the source.

use crate::parse::Docs;
use crate::DocsTree;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The lock's file name inside the generated crate.
pub const LOCK_FILE: &str = "docs.lock";

/// What a generated crate was generated from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocsLock {
    pub source: Source,
    pub pages: Pages,
}

/// Where the docs came from. Empty fields: pages written by hand (this project's `spec/`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The docs repository (`https://github.com/MicrosoftDocs/microsoft-graph-docs-contrib`).
    pub repository: String,
    /// The commit of that repository the pages were copied from.
    pub commit: String,
    /// The folder of that repository that holds the pages (`api-reference`).
    pub folder: String,
}

/// The input pages: how many, and their hash.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pages {
    pub count: usize,
    /// SHA-256 of the sorted, length-prefixed (path, text) pairs, in lowercase hex.
    pub sha256: String,
}

/// Why a lock could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("the docs lock is not valid TOML of the expected shape: {0}")]
    Parse(#[from] toml::de::Error),
}

impl DocsLock {
    /// The lock of `tree` (paths relative to the folder generation reads) from `source`.
    pub fn of(tree: &DocsTree, source: Source) -> Self {
        DocsLock { source, pages: Pages { count: tree.len(), sha256: pages_sha256(tree) } }
    }

    /// Reads a lock written by [`DocsLock::render`].
    pub fn parse(text: &str) -> Result<Self, LockError> {
        Ok(toml::from_str(text)?)
    }

    /// The lock as its file holds it: the `@generated` marker line, then TOML.
    pub fn render(&self) -> String {
        // Plain strings and a number serialise without error.
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# {} from the docs below. `cargo xtask regenerate` sets the source; `cargo xtask gen` the pages' hash.\n\n{body}",
            crate::output::MARKER
        )
    }

    /// Whether `other` describes the same pages (the source may differ: the same pages at another commit).
    pub fn same_pages(&self, other: &DocsLock) -> bool {
        self.pages == other.pages
    }
}

/// The lock file for `tree`, keeping the source of the `existing` lock text (none, or unreadable: empty source).
pub fn lock_file(tree: &DocsTree, existing: Option<&str>) -> String {
    let source = existing.and_then(|text| DocsLock::parse(text).ok()).map(|lock| lock.source).unwrap_or_default();
    DocsLock::of(tree, source).render()
}

/// SHA-256 over the tree's sorted (path, text) pairs; a file that is not UTF-8 counts by its path and a tag.
pub fn pages_sha256(tree: &DocsTree) -> String {
    let mut hasher = Sha256::new();
    for path in tree.paths() {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        match tree.text(path) {
            Some(text) => {
                hasher.update([0]);
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update([1]),
        }
    }
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(pages: &[(&str, &str)]) -> DocsTree {
        DocsTree::from_files(pages.iter().map(|(path, text)| (path.to_string(), text.to_string())))
    }

    #[test]
    fn the_hash_is_stable_and_sees_every_byte_and_boundary() {
        let base = pages_sha256(&tree(&[("a.md", "x"), ("b.md", "y")]));
        // A fixed value: the hash may not change between Rust versions or runs.
        assert_eq!(base, pages_sha256(&tree(&[("b.md", "y"), ("a.md", "x")])));
        assert_eq!(base.len(), 64);
        assert_ne!(base, pages_sha256(&tree(&[("a.md", "x"), ("b.md", "z")])));
        assert_ne!(base, pages_sha256(&tree(&[("a.md", "x"), ("c.md", "y")])));
        // Bytes moved between a path and a text, or between two pages, change the hash.
        assert_ne!(pages_sha256(&tree(&[("a.md", "bc")])), pages_sha256(&tree(&[("a.mdb", "c")])));
        assert_ne!(
            pages_sha256(&tree(&[("a.md", "xy"), ("b.md", "")])),
            pages_sha256(&tree(&[("a.md", "x"), ("b.md", "y")]))
        );
        assert_ne!(pages_sha256(&tree(&[("a", "xb\0y")])), pages_sha256(&tree(&[("a", "x"), ("b", "y")])));
        assert_eq!(pages_sha256(&tree(&[])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn a_lock_round_trips_and_keeps_its_source() {
        let source = Source {
            repository: "https://example.com/docs\" = \"x\n[pages]".into(),
            commit: "0123abc".into(),
            folder: "api-reference".into(),
        };
        let lock = DocsLock::of(&tree(&[("a.md", "x")]), source.clone());
        let text = lock.render();
        assert!(crate::output::starts_with_marker(text.as_bytes()), "{text}");
        assert_eq!(DocsLock::parse(&text).ok(), Some(lock.clone()));
        let refreshed = lock_file(&tree(&[("a.md", "changed")]), Some(&text));
        let refreshed = DocsLock::parse(&refreshed).unwrap_or_default();
        assert_eq!(refreshed.source, source);
        assert!(!refreshed.same_pages(&lock));
        assert!(DocsLock::parse("not = [toml").is_err());
    }
}
