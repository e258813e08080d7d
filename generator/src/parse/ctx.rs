//! The shared context of a page being parsed: what every section parser reads and reports into, and the docs
//! tree it reads includes from. It depends on the leaf modules only; the orchestration is in `page`.

use super::annotation::Annotation;
use super::include;
use super::markdown::Block;
use super::sections::Section;
use super::text;
use crate::diagnostics::{Code, Diagnostic, LineIndex, Sink};

/// Read access to the other files of the docs tree, for includes. Paths are relative to the docs root.
pub trait Docs: Sync {
    /// The text of the file at `path`, if there is one.
    fn text(&self, path: &str) -> Option<&str>;

    /// The readings of include files shared by the pages of one parse, if this tree keeps them.
    fn include_cache(&self) -> Option<&include::IncludeCache> {
        None
    }
}

/// A docs tree with no other file, for parsing one page alone (its includes are then reported missing).
pub struct NoDocs;

impl Docs for NoDocs {
    fn text(&self, _path: &str) -> Option<&str> {
        None
    }
}

/// An annotation comment and the block it describes.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// Index of the comment block.
    pub comment: usize,
    /// Index of the described block, when one follows.
    pub target: Option<usize>,
    pub annotation: Annotation,
}

/// Everything a section parser needs to know about the page being parsed.
pub struct Ctx<'a> {
    /// Relative to the docs root.
    pub path: &'a str,
    pub source: &'a str,
    pub index: &'a LineIndex<'a>,
    pub docs: &'a dyn Docs,
    pub blocks: Vec<Block<'a>>,
    pub sections: Vec<Section>,
    pub annotations: Vec<Annotated>,
    pub diagnostics: Vec<Diagnostic>,
    /// The files this page has included so far, and the budget left.
    pub includes: include::PageIncludes,
}

impl<'a> Ctx<'a> {
    /// A sink reporting into this page's diagnostics.
    pub fn sink(&mut self) -> Sink<'_> {
        Sink::new(self.path, self.index, &mut self.diagnostics)
    }

    /// Reports `code` at byte `offset` of the page.
    pub fn report(&mut self, code: Code, offset: usize, message: impl Into<String>) {
        self.sink().report(code, offset, message);
    }

    /// The first section with `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.id == id)
    }

    /// All sections with `id` (some pages repeat a section).
    pub fn sections_with<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Section> + 's {
        self.sections.iter().filter(move |section| section.id == id)
    }

    /// The annotation describing block `index`, if any.
    pub fn annotation_for(&self, index: usize) -> Option<&Annotation> {
        self.annotations.iter().find(|annotated| annotated.target == Some(index)).map(|annotated| &annotated.annotation)
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line(offset)
    }
}

/// The byte offset of a code block's first content line.
pub fn code_content_offset(source: &str, block: &Block) -> usize {
    let text = &source[block.range.clone()];
    if text::trim_start(text).starts_with(['`', '~']) {
        block.range.start + memchr::memchr(b'\n', text.as_bytes()).map_or(text.len(), |newline| newline + 1)
    } else {
        block.range.start
    }
}

#[cfg(test)]
#[path = "content_offset_tests.rs"]
mod content_offset_tests;
