//! Parsing a batch of pages stage by stage: each stage runs over every page of the batch before the next starts.
//!
//! Reading one page runs a lot of distinct code once: the front matter; pulldown-cmark and the block builder; the
//! outline (sections, annotations, title, kind); then each step of an operation (paths, permissions, described
//! sections, examples and their JSON), or the resource or enum type. Together that is several times the CPU's
//! instruction cache, so page by page each stage finds its code evicted by the others. Over a batch, a stage's
//! code is fetched once and stays warm for the other pages (simulated with `valgrind --tool=callgrind
//! --cache-sim=yes`: 25.3M instruction-cache misses per parse of en-US-2021 page by page, 3.3M in batches, 0.36M
//! for the bare pulldown-cmark pass). The result is the same as [`parse_page`](super::parse_page) on each page
//! (a test in `tree.rs` checks it).

use super::api::OPERATION_STEPS;
use super::ctx::{Ctx, Docs};
use super::page::{finish, outline_page, read_blocks, read_front_matter, read_type, ReadPage};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::ir::{Operation, Page, PageKind};
use std::panic::{catch_unwind, AssertUnwindSafe, UnwindSafe};

/// A file to parse: its path (relative to the docs root) and its text, or why it could not be read.
pub type Input<'a> = (&'a str, Result<&'a str, &'a str>);

/// A page past its outline, and its operation while an API page's steps run.
struct Parsing<'a> {
    ctx: Ctx<'a>,
    page: Page,
    operation: Operation,
}

/// Parses each file of `batch`, in order. A file that cannot be read, or whose parsing panics, gives an empty page
/// and a diagnostic saying why: a bug in one parser loses neither the page nor the rest of the batch.
pub fn parse_batch(batch: &[Input<'_>], docs: &dyn Docs) -> Vec<(Page, Vec<Diagnostic>)> {
    let read: Vec<Result<ReadPage<'_>, Diagnostic>> = batch
        .iter()
        .map(|&(path, text)| match text {
            Ok(text) => guarded(path, || read_front_matter(path, text)),
            Err(error) => Err(unreadable(path, error)),
        })
        .collect();
    let read: Vec<Result<ReadPage<'_>, Diagnostic>> =
        read.into_iter().map(|read| read.and_then(|read| guarded(read.path, || read_blocks(read)))).collect();
    // The contexts borrow their page's line index: the indexes outlive them.
    let indexes: Vec<LineIndex<'_>> = batch.iter().map(|&(_, text)| LineIndex::new(text.unwrap_or_default())).collect();
    let mut parsing: Vec<Result<Parsing<'_>, Diagnostic>> = read
        .into_iter()
        .zip(&indexes)
        .map(|(read, index)| {
            let read = read?;
            let path = read.path;
            guarded(path, AssertUnwindSafe(|| outline_page(read, index, docs))).map(|(ctx, page)| Parsing {
                ctx,
                page,
                operation: Operation::default(),
            })
        })
        .collect();
    for step in OPERATION_STEPS {
        each(&mut parsing, PageKind::Api, |parsing| step(&mut parsing.ctx, &mut parsing.operation));
    }
    for kind in [PageKind::Resource, PageKind::Enum] {
        each(&mut parsing, kind, |parsing| read_type(&mut parsing.ctx, &mut parsing.page));
    }
    parsing
        .into_iter()
        .zip(batch)
        .map(|(parsing, &(path, _))| match parsing {
            Ok(Parsing { ctx, page, operation }) => finish(ctx, page, operation),
            Err(diagnostic) => (Page { path: path.into(), ..Page::default() }, vec![diagnostic]),
        })
        .collect()
}

/// Runs `step` on each page of `kind` still being parsed; a page whose step panics is dropped with a diagnostic.
fn each(parsing: &mut [Result<Parsing<'_>, Diagnostic>], kind: PageKind, step: impl Fn(&mut Parsing<'_>)) {
    for slot in parsing {
        let Ok(page) = slot else { continue };
        if page.page.kind != kind {
            continue;
        }
        let path = page.ctx.path;
        // Unwind safety: a page whose step panicked is dropped, so whatever state the panic left is never read.
        if let Err(diagnostic) = guarded(path, AssertUnwindSafe(|| step(page))) {
            *slot = Err(diagnostic);
        }
    }
}

/// Runs one stage of parsing the page at `path`; a panic becomes a diagnostic.
fn guarded<T>(path: &str, stage: impl FnOnce() -> T + UnwindSafe) -> Result<T, Diagnostic> {
    catch_unwind(stage).map_err(|panic| {
        let message =
            panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
        internal(path, Code::InternalError, format!("the parser panicked: {}", message.unwrap_or_default()))
    })
}

/// The diagnostic for a file that could not be read (not UTF-8, or an I/O error).
fn unreadable(path: &str, error: &str) -> Diagnostic {
    internal(path, Code::UnreadableFile, error.to_owned())
}

fn internal(path: &str, code: Code, message: String) -> Diagnostic {
    Diagnostic { code, severity: Severity::Error, file: path.to_owned(), line: 1, col: 1, message }
}
