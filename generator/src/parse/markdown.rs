//! One pulldown-cmark pass over a page, flattened into the blocks the other parsers need.

use super::text::{is_visible_ascii, trim};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// The markdown options every pass uses (the benchmark's baseline uses the same ones).
pub fn options() -> Options {
    Options::ENABLE_TABLES
}

/// A link inside a block: its text and destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub text: Cow<'a, str>,
    pub dest: Cow<'a, str>,
}

/// One cell of a table, with its plain text and links.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell<'a> {
    pub text: Cow<'a, str>,
    pub links: Vec<Link<'a>>,
}

/// What a block is. Text borrows from the page wherever the page holds it in one piece; most of it does, so
/// reading a page copies little.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind<'a> {
    /// A heading; `anchor` from `<a name="...">` inside it.
    Heading { level: u8, text: Cow<'a, str>, anchor: Option<String> },
    /// The inside of an HTML comment `<!-- ... -->`.
    Comment { text: &'a str },
    /// A fenced or indented code block. `closed` is false for a fence that runs to the end of the page.
    Code { info: Cow<'a, str>, text: Cow<'a, str>, closed: bool },
    /// A table: the header row first.
    Table { rows: Vec<Vec<Cell<'a>>> },
    /// A paragraph or tight list item: its plain text and links.
    Text { text: Cow<'a, str>, links: Vec<Link<'a>> },
}

/// A block and the byte range of the page it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    pub kind: BlockKind<'a>,
    pub range: Range<usize>,
}

/// The text of the inline container being read: a slice of the page while the pieces are contiguous in it,
/// copied only when a piece comes from elsewhere (a link's destination or a code span's backticks between
/// pieces, an entity).
#[derive(Default)]
struct TextBuf {
    /// Byte range in the page, while the text is borrowed.
    borrowed: Option<Range<usize>>,
    /// The text once it is not one slice of the page. A scratch buffer reused for every container of the page:
    /// the text taken from it is copied out at its exact (trimmed) length, so the blocks keep no spare capacity
    /// and the pieces are gathered in memory that stays warm.
    owned: String,
    /// The text pushed since `mark`, for a link's text: a slice of the page even when the whole text is not.
    marked: Option<Marked>,
}

/// The text pushed since a mark.
struct Marked {
    /// The length of the buffer at the mark.
    start: usize,
    /// Where the text pushed since lies in the page, while it is one piece of it.
    place: Place,
}

enum Place {
    /// Nothing pushed yet.
    Empty,
    /// These bytes of the page.
    Slice(Range<usize>),
    /// Pieces from several places, or the buffer was emptied since: read the buffer from the mark's start.
    Buffer,
}

impl TextBuf {
    fn len(&self) -> usize {
        self.borrowed.as_ref().map_or(self.owned.len(), Range::len)
    }

    fn clear(&mut self) {
        self.borrowed = None;
        self.owned.clear();
        self.forget_mark_place();
    }

    /// Once the buffer is emptied, the marked text is read as before from the buffer at the mark's start.
    fn forget_mark_place(&mut self) {
        if let Some(marked) = &mut self.marked {
            marked.place = Place::Buffer;
        }
    }

    /// Appends `piece`; `at` is where it lies in `source` when it is a slice of it.
    fn push(&mut self, source: &str, piece: &str, at: Option<usize>) {
        if let Some(marked) = &mut self.marked {
            marked.place = match (&marked.place, at) {
                (Place::Empty, Some(start)) => Place::Slice(start..start + piece.len()),
                (Place::Slice(range), Some(start)) if range.end == start => {
                    Place::Slice(range.start..start + piece.len())
                }
                _ => Place::Buffer,
            };
        }
        match (&mut self.borrowed, at) {
            (Some(range), Some(start)) if range.end == start => range.end += piece.len(),
            (None, Some(start)) if self.owned.is_empty() => self.borrowed = Some(start..start + piece.len()),
            (borrowed, _) => {
                if let Some(range) = borrowed.take() {
                    self.owned.push_str(&source[range]);
                }
                self.owned.push_str(piece);
            }
        }
    }

    /// The text, trimmed, leaving the buffer empty.
    // Inlined, the parts of the `Cow` stay in registers: returned through memory, they are stored in pieces and
    // read back whole, which stalls the pushes of cells and blocks.
    #[inline(always)]
    fn take<'a>(&mut self, source: &'a str) -> Cow<'a, str> {
        self.forget_mark_place();
        match self.borrowed.take() {
            Some(range) => Cow::Borrowed(trim(&source[range])),
            None => {
                let text = Cow::Owned(trim(&self.owned).to_owned());
                self.owned.clear();
                text
            }
        }
    }

    /// The text as it is, leaving the buffer empty.
    fn take_untrimmed<'a>(&mut self, source: &'a str) -> Cow<'a, str> {
        self.forget_mark_place();
        match self.borrowed.take() {
            Some(range) => Cow::Borrowed(&source[range]),
            None => {
                let text = Cow::Owned(self.owned.clone());
                self.owned.clear();
                text
            }
        }
    }

    /// Starts following the text pushed from now on (a link's text), for [`Self::take_marked`].
    fn mark(&mut self) {
        self.marked = Some(Marked { start: self.len(), place: Place::Empty });
    }

    /// The text pushed since the mark, trimmed: borrowed from the page when it lies there in one piece (a link's
    /// text mostly does, even when the container's text is scattered around it).
    fn take_marked<'a>(&mut self, source: &'a str) -> Cow<'a, str> {
        match self.marked.take() {
            Some(Marked { place: Place::Slice(range), .. }) => Cow::Borrowed(trim(&source[range])),
            Some(Marked { start, .. }) => self.tail(source, start),
            None => Cow::Borrowed(""),
        }
    }

    /// The text from byte `start` of the buffer on, trimmed.
    fn tail<'a>(&self, source: &'a str, start: usize) -> Cow<'a, str> {
        match &self.borrowed {
            Some(range) => Cow::Borrowed(trim(source.get(range.start + start..range.end).unwrap_or_default())),
            None => Cow::Owned(trim(self.owned.get(start..).unwrap_or_default()).to_owned()),
        }
    }
}

/// Where `piece` lies in `source`, when it is a slice of it.
fn offset_in(source: &str, piece: &str) -> Option<usize> {
    let start = (piece.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    (start + piece.len() <= source.len()).then_some(start)
}

/// A pulldown-cmark string as a `Cow` borrowing from the page where it can.
fn cow<'a>(text: &CowStr<'a>) -> Cow<'a, str> {
    match text {
        CowStr::Borrowed(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_string()),
    }
}

struct Builder<'a> {
    source: &'a str,
    blocks: Vec<Block<'a>>,
    /// Text and links of the inline container being read (paragraph, heading, cell, item). `links` is reused for
    /// every container: [`Self::take_links`] copies them out at their exact number.
    text: TextBuf,
    links: Vec<Link<'a>>,
    /// The destination of the link being read; its text is marked in `text`.
    open_link: Option<Cow<'a, str>>,
    anchor: Option<String>,
    /// Whether a table is being read, and its rows so far: reused for every table of the page, and copied out
    /// at its exact length at the table's end rather than grown row by row in the block.
    in_table: bool,
    rows: Vec<Vec<Cell<'a>>>,
    /// Columns of the table being read, to size each row once.
    columns: usize,
    code: Option<(Cow<'a, str>, usize)>,
    /// Nesting of containers whose inline text we collect; list items count too.
    in_heading: Option<u8>,
    in_paragraph: bool,
    block_start: usize,
    /// End of the last comment read from the source: the events inside it are pieces of it.
    comment_end: usize,
}

/// Splits `source` into blocks in one pass.
pub fn blocks(source: &str) -> Vec<Block<'_>> {
    blocks_from(source, 0, 0)
}

/// The buffers a builder reuses, kept from one page to the next on each thread (empty between pages), so that
/// a page neither allocates nor grows them again.
#[derive(Default)]
struct Scratch {
    text: String,
    links: Vec<Link<'static>>,
    rows: Vec<Vec<Cell<'static>>>,
    /// The page's blocks, copied out at their exact number: the page keeps no spare capacity, and its blocks are
    /// gathered without growing a vector.
    blocks: Vec<Block<'static>>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::default();
}

/// `buffer` emptied, as a vector of items borrowing for another lifetime, in the same memory: std collects an
/// emptied vector's iterator into a vector of the same layout in place (the closure never runs).
fn relifetime<T, U>(mut buffer: Vec<T>) -> Vec<U> {
    buffer.clear();
    buffer.into_iter().map(|_| unreachable!("the buffer is empty")).collect()
}

/// How many times a fence that swallowed the page may be cut and the rest re-read.
const MAX_RECOVERIES: usize = 8;

/// The blocks of `source[start..]`, with ranges in `source`.
fn blocks_from(source: &str, start: usize, depth: usize) -> Vec<Block<'_>> {
    let text = &source[start..];
    let scratch = SCRATCH.take();
    let mut builder = Builder {
        source: text,
        blocks: relifetime(scratch.blocks),
        text: TextBuf { owned: scratch.text, ..TextBuf::default() },
        links: relifetime(scratch.links),
        open_link: None,
        anchor: None,
        in_table: false,
        rows: relifetime(scratch.rows),
        columns: 0,
        code: None,
        in_heading: None,
        in_paragraph: false,
        block_start: 0,
        comment_end: 0,
    };
    // The events are matched where the parser left them: moving each (a large value) costs as much as matching it.
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    loop {
        let next = events.next();
        let Some((event, range)) = &next else { break };
        builder.event(event, range);
        // End events and borrowed text, over half of all, own nothing: forgetting them spares the drop, which
        // would branch on the event's kind a second time.
        if matches!(event, Event::End(_) | Event::Text(CowStr::Borrowed(_))) {
            std::mem::forget(next);
        }
    }
    builder.flush_text(text.len());
    let Builder { mut blocks, text: TextBuf { owned: mut text, .. }, links, rows, .. } = builder;
    let mut found = exact_copy(&mut blocks);
    text.clear();
    SCRATCH.set(Scratch { text, links: relifetime(links), rows: relifetime(rows), blocks: relifetime(blocks) });
    if start > 0 {
        for block in &mut found {
            block.range = block.range.start + start..block.range.end + start;
        }
    }
    if depth < MAX_RECOVERIES {
        recover_swallowed_markdown(source, &mut found, depth);
    }
    found
}

/// A fence left unclosed swallows the markdown after it (often the next example's heading, annotation and
/// fence, whose closing line then closes the swallowed one). Cut such a block at its first line that can
/// only be markdown, mark it unclosed, and read the rest again as markdown.
fn recover_swallowed_markdown<'a>(source: &'a str, blocks: &mut Vec<Block<'a>>, depth: usize) {
    let Some((index, cut)) = blocks.iter().enumerate().find_map(|(index, block)| match &block.kind {
        BlockKind::Code { .. } => swallowed_markdown_start(source, &block.range).map(|cut| (index, cut)),
        _ => None,
    }) else {
        return;
    };
    let block = &mut blocks[index];
    let content_start =
        source[block.range.clone()].find('\n').map_or(block.range.end, |newline| block.range.start + newline + 1);
    if let BlockKind::Code { text, closed, .. } = &mut block.kind {
        *text = Cow::Borrowed(&source[content_start.min(cut)..cut]);
        *closed = false;
    }
    let end = block.range.end;
    block.range.end = cut;
    // Blocks after the swallowing one were read correctly: keep them, and re-read only the swallowed part.
    let rest: Vec<Block<'a>> = blocks.drain(index + 1..).collect();
    let recovered = blocks_from(&source[..end], cut, depth + 1);
    blocks.extend(recovered);
    blocks.extend(rest);
}

/// The offset of the first line inside a fenced block that can only be markdown: a heading, an HTML comment
/// or an opening fence with an info string (which cannot close a fence).
fn swallowed_markdown_start(source: &str, range: &Range<usize>) -> Option<usize> {
    let text = &source[range.clone()];
    let fence = text.trim_start();
    if !fence.starts_with("```") && !fence.starts_with("~~~") {
        return None;
    }
    let content = range.start + text.find('\n')? + 1;
    let inside = &source[content..range.end];
    // Such a line starts with `#`, `<` or a backtick after its indentation: look only at those bytes (most code
    // has few of them) rather than at every line.
    let mut checked_line = usize::MAX;
    for hit in memchr::memchr3_iter(b'#', b'<', b'`', inside.as_bytes()) {
        // Most hits follow other text on their line (`"@odata.context": "...$metadata#users"`): a visible byte
        // just before one settles that without looking for the line's start.
        if hit > 0 && is_visible_ascii(inside.as_bytes()[hit - 1]) {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &inside.as_bytes()[..hit]).map_or(0, |newline| newline + 1);
        if line_start == checked_line || !inside[line_start..hit].trim_start().is_empty() {
            continue;
        }
        checked_line = line_start;
        let line_end = memchr::memchr(b'\n', &inside.as_bytes()[hit..]).map_or(inside.len(), |newline| hit + newline);
        if can_only_be_markdown(&inside[line_start..line_end]) {
            return Some(content + line_start);
        }
    }
    None
}

/// Whether a line is a heading, an HTML comment or an opening fence with an info string.
fn can_only_be_markdown(line: &str) -> bool {
    let trimmed = line.trim_start();
    let opening_fence = trimmed.starts_with("```")
        && trimmed.trim_start_matches('`').trim().chars().next().is_some_and(char::is_alphabetic);
    let heading =
        trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') && line.len() - trimmed.len() < 4;
    opening_fence || heading || trimmed.starts_with("<!--")
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: &Event<'a>, range: &Range<usize>) {
        if range.start < self.comment_end
            && matches!(event, Event::Html(_) | Event::InlineHtml(_) | Event::Text(_) | Event::SoftBreak)
        {
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush_text(range.start);
                self.in_heading = Some(heading_level(*level));
                self.block_start = range.start;
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = self.text.take(self.source);
                let level = self.in_heading.take().unwrap_or(1);
                let anchor = self.anchor.take();
                // A tab marker (`# [HTTP](#tab/http)`) only switches between code samples: it is neither a title
                // nor a section, and must not end the section it sits in.
                let tab_marker = self.links.iter().any(|link| link.dest.starts_with("#tab/"));
                self.links.clear();
                if !tab_marker {
                    self.push(BlockKind::Heading { level, text, anchor }, self.block_start..range.end);
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                self.flush_text(range.start);
                self.in_paragraph = true;
                self.block_start = range.start;
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => self.flush_text(range.end),
            Event::Start(Tag::List(_)) | Event::Start(Tag::BlockQuote(_)) => self.flush_text(range.start),
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush_text(range.start);
                let info = match kind {
                    CodeBlockKind::Fenced(info) => match cow(info) {
                        Cow::Borrowed(info) => Cow::Borrowed(trim(info)),
                        Cow::Owned(info) => Cow::Owned(trim(&info).to_owned()),
                    },
                    CodeBlockKind::Indented => Cow::Borrowed(""),
                };
                self.code = Some((info, range.start));
                self.text.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, start) = self.code.take().unwrap_or_default();
                // Code keeps its surrounding whitespace: take it untrimmed.
                let text = self.text.take_untrimmed(self.source);
                let closed = fence_is_closed(&self.source[start..range.end]);
                self.push(BlockKind::Code { info, text, closed }, start..range.end);
            }
            Event::Start(Tag::Table(alignments)) => {
                self.columns = alignments.len();
                self.flush_text(range.start);
                self.in_table = true;
                self.rows.clear();
                self.block_start = range.start;
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) if self.in_table => {
                self.rows.push(Vec::with_capacity(self.columns));
            }
            Event::Start(Tag::TableCell) => {
                self.text.clear();
                self.links.clear();
            }
            Event::End(TagEnd::TableCell) => {
                let cell = Cell { text: self.text.take(self.source), links: self.take_links() };
                if let Some(row) = self.rows.last_mut().filter(|_| self.in_table) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                self.in_table = false;
                let rows = exact_copy(&mut self.rows);
                self.push(BlockKind::Table { rows }, self.block_start..range.end);
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_link = Some(cow(dest_url));
                self.text.mark();
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(dest) = self.open_link.take() {
                    let text = self.text.take_marked(self.source);
                    self.links.push(Link { text, dest });
                }
            }
            // A code span's text is a slice of the page too (without its backticks, so it never continues the
            // text before it): a cell holding just a code span borrows it.
            Event::Text(CowStr::Borrowed(text)) | Event::Code(CowStr::Borrowed(text)) => {
                let at = offset_in(self.source, text);
                self.text.push(self.source, text, at);
            }
            // Text the parser had to copy (an entity, a tab, a code span over several lines) is not a slice of
            // the page.
            Event::Text(text) | Event::Code(text) => self.text.push(self.source, text, None),
            Event::SoftBreak | Event::HardBreak => {
                let at = (self.source.as_bytes().get(range.start) == Some(&b'\n')).then_some(range.start);
                self.text.push(self.source, "\n", at);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(html, range),
            _ => {}
        }
    }

    fn html(&mut self, html: &str, range: &Range<usize>) {
        let source = self.source;
        if self.code.is_some() {
            return;
        }
        if self.in_heading.is_some() {
            if let Some(anchor) = anchor_name(html) {
                self.anchor = Some(anchor);
            }
            return;
        }
        // `<br>` inside table cells separates list items (permissions use it); so does the misspelt `</br>`, which
        // would otherwise glue the words on either side (`file.</br>Sites.Read.All`).
        let tag = if html.starts_with('<') { html } else { html.trim_start() };
        // List items and paragraphs inside a cell (`...All</li><li>If ...`) end a line as well.
        let name = tag.strip_prefix("</").or_else(|| tag.strip_prefix('<')).unwrap_or("");
        let name_end = name.bytes().position(|byte| !byte.is_ascii_alphabetic()).unwrap_or(name.len());
        let name = &name[..name_end];
        let breaks_line = name.eq_ignore_ascii_case("br")
            || self.in_table && ["li", "ul", "ol", "p"].iter().any(|known| known.eq_ignore_ascii_case(name));
        if breaks_line {
            self.text.push(source, "\n", None);
            return;
        }
        // pulldown-cmark hands a multi-line comment over line by line: read each whole comment from the
        // source, and skip the events that are pieces of it.
        let mut offset = range.start;
        while let Some(open) = source.get(offset..range.end.max(offset)).and_then(|rest| comment_open(rest.as_bytes()))
        {
            let start = offset + open;
            let body_start = start + 4;
            let (body_end, end) = match comment_close(&source.as_bytes()[body_start..]) {
                Some(close) => (body_start + close, body_start + close + 3),
                None => (source.len(), source.len()),
            };
            if !self.in_table {
                self.flush_text(start);
                self.push(BlockKind::Comment { text: &source[body_start..body_end] }, start..end);
            }
            self.comment_end = end;
            offset = end;
        }
    }

    fn flush_text(&mut self, end: usize) {
        if !self.in_paragraph {
            return;
        }
        self.in_paragraph = false;
        let text = self.text.take(self.source);
        let links = self.take_links();
        if !text.is_empty() || !links.is_empty() {
            self.push(BlockKind::Text { text, links }, self.block_start..end);
        }
    }

    fn push(&mut self, kind: BlockKind<'a>, range: Range<usize>) {
        self.blocks.push(Block { kind, range });
    }

    /// The links of the container just read, leaving the reused buffer empty.
    fn take_links(&mut self) -> Vec<Link<'a>> {
        exact_copy(&mut self.links)
    }
}

/// The items of `buffer` in a vector of their exact length (none allocated when there are none), leaving
/// `buffer` empty with its capacity for the next use.
fn exact_copy<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut copy = Vec::with_capacity(buffer.len());
    copy.append(buffer);
    copy
}

/// Where `<!--` first occurs in `bytes`. HTML is short and has few `<`: checking each is cheaper than setting up
/// a substring search for every piece of HTML.
fn comment_open(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'<', bytes).find(|&at| bytes[at..].starts_with(b"<!--"))
}

/// Where `-->` first occurs in `bytes`, found from its `>`: comments (annotations of JSON) hold few of them.
fn comment_close(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', bytes).find(|&at| at >= 2 && &bytes[at - 2..at] == b"--").map(|at| at - 2)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The `name` (or `id`) of an `<a name="...">` tag.
fn anchor_name(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if !lower.trim_start().starts_with("<a") {
        return None;
    }
    for key in ["name=", "id="] {
        if let Some(position) = lower.find(key) {
            let rest = &html[position + key.len()..];
            let quote = rest.chars().next()?;
            let value = if quote == '"' || quote == '\'' {
                rest[1..].split(quote).next()?
            } else {
                rest.split(|c: char| c.is_whitespace() || c == '>').next()?
            };
            return Some(value.trim().to_owned());
        }
    }
    None
}

/// Whether a fenced code block's source ends with a closing fence: a last line of at least as many fence
/// characters as the opening one and nothing else.
fn fence_is_closed(source: &str) -> bool {
    let trimmed = source.trim_start();
    let fence_char = match trimmed.as_bytes().first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return true, // indented code has no fence
    };
    let opening = trimmed.bytes().take_while(|&c| c == fence_char).count();
    let body = source.trim_end();
    let Some(newline) = body.rfind('\n') else { return false };
    let last_line = body[newline + 1..].trim();
    last_line.len() >= opening && last_line.bytes().all(|c| c == fence_char)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
