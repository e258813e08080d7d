//! Reading one page: front matter, blocks, outline, then what the page documents by kind. [`super::batch`] runs
//! the same stages over many pages.

use super::ctx::{Ctx, Docs};
use super::markdown::{self, Block, BlockKind};
use super::text::starts_with_ignore_ascii_case;
use super::{annotation, api, front_matter, include, resource, scope_case, sections};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Sink};
use crate::ir::{Operation, Page, PageKind};
use compact_str::CompactString;
use std::collections::BTreeMap;

/// Parses the page at `path` (relative to the docs root) whose text is `source`. Its stages are the ones
/// [`batch::parse_batch`] runs over many pages, each over the whole batch before the next.
pub fn parse_page(path: &str, source: &str, docs: &dyn Docs) -> (Page, Vec<Diagnostic>) {
    let read = read_blocks(read_front_matter(path, source));
    let index = LineIndex::new(source);
    let (mut ctx, mut page) = outline_page(read, &index, docs);
    let mut operation = Operation::default();
    if page.kind == PageKind::Api {
        for step in api::OPERATION_STEPS {
            step(&mut ctx, &mut operation);
        }
    }
    read_type(&mut ctx, &mut page);
    let (mut page, mut diagnostics) = finish(ctx, page, operation);
    // Alone, a page is its own tree: its own scopes give the casing.
    scope_case::settle(std::slice::from_mut(&mut page), &mut diagnostics);
    (page, diagnostics)
}

/// A page read as far as its front matter and markdown blocks.
pub(super) struct ReadPage<'a> {
    pub(super) path: &'a str,
    pub(super) source: &'a str,
    pub(super) front_matter: BTreeMap<CompactString, CompactString>,
    /// Where the markdown starts, after the front matter.
    pub(super) body_start: usize,
    pub(super) blocks: Vec<Block<'a>>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// The front matter, before the blocks are read: the page's blocks are empty.
pub(super) fn read_front_matter<'a>(path: &'a str, source: &'a str) -> ReadPage<'a> {
    let index = LineIndex::new(source);
    let mut diagnostics = Vec::new();
    let (front_matter, body_start) = front_matter::split(source, &mut Sink::new(path, &index, &mut diagnostics));
    ReadPage { path, source, front_matter, body_start, blocks: Vec::new(), diagnostics }
}

/// The markdown blocks after the front matter.
pub(super) fn read_blocks(mut read: ReadPage<'_>) -> ReadPage<'_> {
    let body_start = read.body_start;
    read.blocks = markdown::blocks(&read.source[body_start..]);
    for block in &mut read.blocks {
        block.range = block.range.start + body_start..block.range.end + body_start;
    }
    read
}

/// A page's outline: its sections and annotations, title, description and kind. What the page documents is read
/// next, by kind.
pub(super) fn outline_page<'a>(read: ReadPage<'a>, index: &'a LineIndex<'a>, docs: &'a dyn Docs) -> (Ctx<'a>, Page) {
    let ReadPage { path, source, front_matter, body_start, blocks, diagnostics } = read;
    let sections = sections::sections(&blocks);
    let mut ctx = Ctx {
        path,
        source,
        index,
        docs,
        blocks,
        sections,
        annotations: Vec::new(),
        diagnostics,
        includes: include::PageIncludes::default(),
    };
    ctx.annotations = annotation::annotate_blocks(&mut ctx);
    report_unclosed_fences(&mut ctx);

    let mut page = Page { path: path.into(), front_matter, ..Page::default() };
    page.title = title(&ctx);
    page.description = page.front_matter.get("description").cloned().or_else(|| first_paragraph(&ctx));
    page.sections = ctx
        .sections
        .iter()
        .map(|section| crate::ir::SectionRef {
            id: section.id.into(),
            level: section.level,
            line: ctx.line_of(ctx.blocks[section.heading].range.start),
        })
        .collect();
    let (kind, mismatch) = page_kind(&page, &ctx);
    page.kind = kind;
    if let Some(message) = mismatch {
        ctx.report(Code::PageKindMismatch, 0, message);
    }
    // Includes and other fragments have no title of their own; API, resource and enum pages must.
    if page.title.is_none() && page.kind != PageKind::Other {
        ctx.report(Code::MissingTitle, body_start, "expected a `# title` heading");
    }
    (ctx, page)
}

/// The parsed page and its diagnostics once every stage has run: an API page gets the operation its steps read,
/// and the page gives back its vectors' spare capacity.
pub(super) fn finish(mut ctx: Ctx, mut page: Page, operation: Operation) -> (Page, Vec<Diagnostic>) {
    // The blocks and the outline go first: the page's shrunk vectors can then reuse their memory while it is warm.
    let diagnostics = std::mem::take(&mut ctx.diagnostics);
    drop(ctx);
    if page.kind == PageKind::Api {
        page.operations = vec![operation];
    }
    page.shrink_to_fit();
    (page, diagnostics)
}

/// The type a resource or enum page documents.
pub(super) fn read_type(ctx: &mut Ctx, page: &mut Page) {
    match page.kind {
        PageKind::Resource => page.resource = resource::parse_resource(ctx, page.title.as_deref()).map(Box::new),
        PageKind::Enum => page.enum_type = resource::parse_enum(ctx, page.title.as_deref()).map(Box::new),
        PageKind::Api | PageKind::Other => {}
    }
}

fn title(ctx: &Ctx) -> Option<CompactString> {
    ctx.blocks.iter().find_map(|block| match &block.kind {
        BlockKind::Heading { level: 1, text, .. } if !sections::is_tab_marker(text) => Some(text.as_ref().into()),
        _ => None,
    })
}

fn first_paragraph(ctx: &Ctx) -> Option<CompactString> {
    let title = ctx.blocks.iter().position(|block| matches!(&block.kind, BlockKind::Heading { level: 1, .. }))?;
    ctx.blocks[title + 1..].iter().find_map(|block| match &block.kind {
        BlockKind::Text { text, .. } if !text.starts_with("[!INCLUDE") && !text.starts_with("Namespace:") => {
            Some(text.as_ref().into())
        }
        _ => None,
    })
}

/// The kind of a page: what it documents, from `doc_type` when the content agrees, else from its annotations and
/// sections. The second value says how `doc_type` contradicts the content, for a diagnostic.
///
/// Some pages under `resources/` say `apiPageType` though they document a type (a `blockType: resource` JSON
/// representation, property tables, no `METHOD /path` line anywhere), and a few overview pages say `apiPageType`
/// though they have no "HTTP request" section, no examples and no path at all. Taking `doc_type` at its word would
/// make them API pages without an operation; the content is the better witness.
fn page_kind(page: &Page, ctx: &Ctx) -> (PageKind, Option<String>) {
    let doc_type = page.front_matter.get("doc_type").map_or("", CompactString::as_str);
    let doc_type_is = |prefix: &str| starts_with_ignore_ascii_case(doc_type, prefix);
    let has_resource = ctx.annotations.iter().any(|annotated| {
        annotated.annotation.block_type.as_deref().is_some_and(|block_type| block_type.eq_ignore_ascii_case("resource"))
    });
    // A resource page without its annotation still has the sections of one.
    let describes_type =
        has_resource || ctx.section("json-representation").is_some() || ctx.section("properties").is_some();
    if doc_type_is("apipage") {
        // Looking for an operation line reads every line of the page; it decides nothing when the page has the
        // sections of an API page and not those of a type (either way it is an API page).
        let api_sections = ctx.section("http-request").is_some() || ctx.section("examples").is_some();
        if (!describes_type && api_sections) || api::has_operation_line(ctx) {
            return (PageKind::Api, None);
        }
        if describes_type {
            let message = "doc_type says apiPageType, but the page describes a type (a JSON representation or a \
                           properties table) and has no `METHOD /path` line: read as a resource page";
            return (PageKind::Resource, Some(message.to_owned()));
        }
        if !api_sections {
            let message = "doc_type says apiPageType, but the page has no \"HTTP request\" section, no examples and \
                           no `METHOD /path` line: read as an overview page";
            return (PageKind::Other, Some(message.to_owned()));
        }
        return (PageKind::Api, None);
    }
    if doc_type_is("resourcepage") {
        return (PageKind::Resource, None);
    }
    if doc_type_is("enum") {
        return (PageKind::Enum, None);
    }
    if !doc_type.is_empty() {
        return (PageKind::Other, None);
    }
    let kind = if ctx.section("http-request").is_some() && (!has_resource || api::has_operation_line(ctx)) {
        PageKind::Api
    } else if has_resource {
        PageKind::Resource
    } else if page.title.as_deref().is_some_and(|title| title.ends_with("enum type"))
        && ctx.section("members").is_some()
    {
        PageKind::Enum
    } else {
        PageKind::Other
    };
    (kind, None)
}

fn report_unclosed_fences(ctx: &mut Ctx) {
    let unclosed: Vec<usize> = ctx
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Code { closed: false, .. }))
        .map(|block| block.range.start)
        .collect();
    for offset in unclosed {
        ctx.report(Code::UnclosedFence, offset, "this code fence is never closed; it runs to the end of the page");
    }
}

#[cfg(test)]
#[path = "kind_tests.rs"]
mod kind_tests;
