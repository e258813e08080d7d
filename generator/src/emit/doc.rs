//! Doc comments from docs text: markdown in which every code block is a `text` block, so rustdoc compiles none.
//!
//! The docs are untrusted, and rustdoc compiles and runs every Rust code block of a doc comment under
//! `cargo test --doc`: an indented line in a blockquote, a list item or a footnote is a code block as much as a
//! fence is. So the text is read with pulldown-cmark (the parser rustdoc uses), every code block becomes a fenced
//! `text` block (its fence longer than any run in its content), and pulldown-cmark-to-cmark writes the markdown
//! back (HTML as text and bare URLs as autolinks, see [`inline`], so that rustdoc has nothing to warn about). The
//! result is then read again as rustdoc will read the doc comment; should any code block still not be a
//! `text` block (a construct the writer does not round-trip), the text falls back to plain lines that cannot start
//! a block at all. Every emitter writes docs text through [`doc`], the one path from the docs to a doc comment.

use crate::diagnostics::escape_unsafe;
use proc_macro2::TokenStream;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag};
use quote::quote;

/// `#[doc]` attributes, one per line, whose text rustdoc reads as markdown without any code block it would
/// compile. The attributes are string literals (so no text ends the attribute or adds one), each one line (so
/// prettyplease writes `///` comments, never a `/** */` that `*/` could close), with control and bidi
/// characters written as escapes (rustc refuses bare CRs and bidi controls in comments).
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc]` attributes (the docs of the enclosing item: a crate's `//!`), as [`doc`] writes `#[doc]` ones.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#![doc = #lines])*)
}

/// The strings of the `#[doc]` attributes for `text`, one per line, as [`doc`] writes them.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let text = clean(text);
    match rewritten(&text).map(|markdown| attribute_lines(&markdown)) {
        Some(lines) if compiles_nothing(&lines) => lines,
        _ => attribute_lines(&plain(&text)),
    }
}

/// The options rustdoc reads doc comments with (`main_body_opts` in rustdoc).
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// rustdoc's options and every other block-level extension pulldown-cmark has, in case a later rustdoc turns one
/// on (a definition's body, for one, can hold a code block).
fn wider_options() -> Options {
    rustdoc_options()
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
}

/// How the docs text is read: as rustdoc would, but with quotes left as typed (smart punctuation changes no block).
fn reading_options() -> Options {
    rustdoc_options() - Options::ENABLE_SMART_PUNCTUATION
}

/// The text trimmed, with CR and CRLF line breaks made LF (markdown breaks lines at each; a bare CR is an error
/// in a doc comment) and every other control or bidi character but the tab written as an escape.
fn clean(text: &str) -> String {
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    escape_unsafe(&text, |c| matches!(c, '\n' | '\t')).into_owned()
}

/// The markdown of `text` written back with every code block a fenced `text` block, HTML as text and bare URLs as
/// autolinks ([`inline`]); None when the writer fails.
fn rewritten(text: &str) -> Option<String> {
    let events = Parser::new_ext(text, reading_options()).map(|event| match event {
        Event::Start(Tag::CodeBlock(_)) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::Borrowed("text"))))
        }
        other => other,
    });
    let events = inline::plain_html_and_links(events);
    let mut markdown = String::with_capacity(text.len() + 16);
    // `-` bullets, as the docs write them; fences of three (the writer lengthens a fence its content needs longer).
    let options = pulldown_cmark_to_cmark::Options { list_token: '-', code_block_token_count: 3, ..Default::default() };
    pulldown_cmark_to_cmark::cmark_with_options(events, &mut markdown, reading_options(), options).ok()?;
    Some(markdown)
}

/// Plain lines that cannot start a block: each line unindented, and a leading punctuation character (a quote, a
/// list bullet, a fence, a heading, HTML, a table row) or a list number's `.` or `)` escaped with a backslash.
/// Prose, links and inline code read as before.
fn plain(text: &str) -> String {
    let lines = text.lines().map(|line| {
        let line = line.trim();
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && line[digits..].starts_with(['.', ')']) {
            format!("{}\\{}", &line[..digits], &line[digits..])
        } else if line.starts_with(|c: char| c.is_ascii_punctuation()) {
            format!("\\{line}")
        } else {
            line.to_owned()
        }
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// The attribute strings of `markdown`: a space before each line (as `/// ` writes), trailing spaces dropped (as
/// prettyplease drops them), blank lines empty, no blank lines around.
fn attribute_lines(markdown: &str) -> Vec<String> {
    let lines: Vec<String> =
        markdown
            .lines()
            .map(|line| {
                if line.trim().is_empty() {
                    String::new()
                } else {
                    format!(" {line}").trim_end_matches(' ').to_owned()
                }
            })
            .collect();
    let first = lines.iter().position(|line| !line.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|line| !line.is_empty()).map_or(first, |last| last + 1);
    lines[first..last].to_vec()
}

/// The markdown rustdoc reads from these attribute strings: it removes the indentation every non-blank line has
/// (spaces and tabs, counted as one character each) and joins the lines (`unindent_doc_fragments` and
/// `add_doc_fragment` in rustdoc).
pub(crate) fn as_rustdoc_reads(lines: &[String]) -> String {
    let is_blank = |line: &str| line.chars().all(char::is_whitespace);
    let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let common = lines.iter().filter(|line| !is_blank(line)).map(|line| indent(line)).min().unwrap_or(0);
    let mut markdown = String::new();
    for line in lines {
        markdown.push_str(if is_blank(line) { line } else { &line[common..] });
        markdown.push('\n');
    }
    markdown
}

/// Whether rustdoc, with its options or wider ones, finds no code block in these attribute strings but fenced
/// `text` blocks.
fn compiles_nothing(lines: &[String]) -> bool {
    let markdown = as_rustdoc_reads(lines);
    [rustdoc_options(), wider_options()].into_iter().all(|options| {
        Parser::new_ext(&markdown, options).all(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => &*info == "text",
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => false,
            _ => true,
        })
    })
}

mod inline;
#[cfg(test)]
mod tests;
