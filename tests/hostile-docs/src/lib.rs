//! Hostile docs pages, one case or more per class of attack the project has seen (issue 10). They are written
//! here, never copied from the real docs, and shared by the generator's tests and `cargo xtask hostile`, which
//! generates a crate from all of them and compiles it.

pub mod names;
pub mod pages;

use std::path::Path;

/// A docs tree as (relative path, text) pairs.
pub type Pages = Vec<(String, String)>;

/// Every hostile page: the attacks of [`pages`] at the root, the name cases of [`names`] under `names/` (their
/// stems would meet the others' otherwise).
pub fn all_pages() -> Pages {
    let mut all = pages::hostile_pages();
    let named = names::hostile_cases().into_iter().flat_map(|(_, pages)| pages);
    all.extend(named.map(|(path, text)| (format!("names/{path}"), text)));
    all
}

/// Writes `pages` under `root`, creating folders.
pub fn write_pages(root: &Path, pages: &Pages) -> std::io::Result<()> {
    for (path, text) in pages {
        write_page(&root.join(path), text)?;
    }
    Ok(())
}

/// Writes one page at `path`, creating its folders.
pub fn write_page(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}
