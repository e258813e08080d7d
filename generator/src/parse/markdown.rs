//! One pulldown-cmark pass over a page, flattened into the blocks the other parsers need.

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
/// copied only when a piece comes from elsewhere (an entity, a code span, a line break after indentation).
#[derive(Default)]
struct TextBuf {
    /// Byte range in the page, while the text is borrowed.
    borrowed: Option<Range<usize>>,
    owned: String,
}

impl TextBuf {
    fn len(&self) -> usize {
        self.borrowed.as_ref().map_or(self.owned.len(), Range::len)
    }

    fn clear(&mut self) {
        self.borrowed = None;
        self.owned.clear();
    }

    /// Appends `piece`; `at` is where it lies in `source` when it is a slice of it.
    fn push(&mut self, source: &str, piece: &str, at: Option<usize>) {
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
    fn take<'a>(&mut self, source: &'a str) -> Cow<'a, str> {
        match self.borrowed.take() {
            Some(range) => Cow::Borrowed(source[range].trim()),
            None => Cow::Owned(trimmed(std::mem::take(&mut self.owned))),
        }
    }

    /// The text from byte `start` of the buffer on, trimmed.
    fn tail<'a>(&self, source: &'a str, start: usize) -> Cow<'a, str> {
        match &self.borrowed {
            Some(range) => Cow::Borrowed(source.get(range.start + start..range.end).unwrap_or_default().trim()),
            None => Cow::Owned(self.owned.get(start..).unwrap_or_default().trim().to_owned()),
        }
    }
}

/// Where `piece` lies in `source`, when it is a slice of it.
fn offset_in(source: &str, piece: &str) -> Option<usize> {
    let start = (piece.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    (start + piece.len() <= source.len()).then_some(start)
}

/// A pulldown-cmark string as a `Cow` borrowing from the page where it can.
fn cow<'a>(text: CowStr<'a>) -> Cow<'a, str> {
    match text {
        CowStr::Borrowed(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_string()),
    }
}

struct Builder<'a> {
    source: &'a str,
    blocks: Vec<Block<'a>>,
    /// Text and links of the inline container being read (paragraph, heading, cell, item).
    text: TextBuf,
    links: Vec<Link<'a>>,
    open_link: Option<(usize, Cow<'a, str>)>,
    anchor: Option<String>,
    table: Option<Vec<Vec<Cell<'a>>>>,
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

/// How many times a fence that swallowed the page may be cut and the rest re-read.
const MAX_RECOVERIES: usize = 8;

/// The blocks of `source[start..]`, with ranges in `source`.
fn blocks_from(source: &str, start: usize, depth: usize) -> Vec<Block<'_>> {
    let text = &source[start..];
    let mut builder = Builder {
        source: text,
        blocks: Vec::new(),
        text: TextBuf::default(),
        links: Vec::new(),
        open_link: None,
        anchor: None,
        table: None,
        columns: 0,
        code: None,
        in_heading: None,
        in_paragraph: false,
        block_start: 0,
        comment_end: 0,
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        builder.event(event, range);
    }
    builder.flush_text(text.len());
    let mut found = builder.blocks;
    for block in &mut found {
        block.range = block.range.start + start..block.range.end + start;
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
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if range.start < self.comment_end
            && matches!(event, Event::Html(_) | Event::InlineHtml(_) | Event::Text(_) | Event::SoftBreak)
        {
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush_text(range.start);
                self.in_heading = Some(heading_level(level));
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
                        Cow::Borrowed(info) => Cow::Borrowed(info.trim()),
                        Cow::Owned(info) => Cow::Owned(info.trim().to_owned()),
                    },
                    CodeBlockKind::Indented => Cow::Borrowed(""),
                };
                self.code = Some((info, range.start));
                self.text.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, start) = self.code.take().unwrap_or_default();
                // Code keeps its surrounding whitespace: take it untrimmed.
                let text = match self.text.borrowed.take() {
                    Some(text) => Cow::Borrowed(&self.source[text]),
                    None => Cow::Owned(std::mem::take(&mut self.text.owned)),
                };
                let closed = fence_is_closed(&self.source[start..range.end]);
                self.push(BlockKind::Code { info, text, closed }, start..range.end);
            }
            Event::Start(Tag::Table(alignments)) => {
                self.columns = alignments.len();
                self.flush_text(range.start);
                self.table = Some(Vec::new());
                self.block_start = range.start;
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::with_capacity(self.columns));
                }
            }
            Event::Start(Tag::TableCell) => {
                self.text.clear();
                self.links.clear();
            }
            Event::End(TagEnd::TableCell) => {
                let cell = Cell { text: self.text.take(self.source), links: std::mem::take(&mut self.links) };
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                let rows = self.table.take().unwrap_or_default();
                self.push(BlockKind::Table { rows }, self.block_start..range.end);
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_link = Some((self.text.len(), cow(dest_url)));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((start, dest)) = self.open_link.take() {
                    let text = self.text.tail(self.source, start);
                    self.links.push(Link { text, dest });
                }
            }
            Event::Text(text) => {
                let at = offset_in(self.source, &text);
                self.text.push(self.source, &text, at);
            }
            // A code span's text is not where it lies in the page (the backticks are cut off).
            Event::Code(text) => self.text.push(self.source, &text, None),
            Event::SoftBreak | Event::HardBreak => {
                let at = (self.source.as_bytes().get(range.start) == Some(&b'\n')).then_some(range.start);
                self.text.push(self.source, "\n", at);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, range),
            _ => {}
        }
    }

    fn html(&mut self, html: &str, range: Range<usize>) {
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
        // `<br>` inside table cells separates list items (permissions use it).
        if html.trim_start().get(..3).is_some_and(|start| start.eq_ignore_ascii_case("<br")) {
            self.text.push(source, "\n", None);
            return;
        }
        // pulldown-cmark hands a multi-line comment over line by line: read each whole comment from the
        // source, and skip the events that are pieces of it.
        let mut offset = range.start;
        while let Some(open) = source.get(offset..range.end.max(offset)).and_then(|rest| rest.find("<!--")) {
            let start = offset + open;
            let body_start = start + 4;
            let (body_end, end) = match source[body_start..].find("-->") {
                Some(close) => (body_start + close, body_start + close + 3),
                None => (source.len(), source.len()),
            };
            if self.table.is_none() {
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
        let links = std::mem::take(&mut self.links);
        if !text.is_empty() || !links.is_empty() {
            self.push(BlockKind::Text { text, links }, self.block_start..end);
        }
    }

    fn push(&mut self, kind: BlockKind<'a>, range: Range<usize>) {
        self.blocks.push(Block { kind, range });
    }
}

/// `text` without surrounding whitespace, reusing its allocation.
fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
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

/// Whether a fenced code block's source ends with a closing fence.
fn fence_is_closed(source: &str) -> bool {
    let trimmed = source.trim_start();
    let fence_char = match trimmed.chars().next() {
        Some(c @ ('`' | '~')) => c,
        _ => return true, // indented code has no fence
    };
    let opening = trimmed.chars().take_while(|&c| c == fence_char).count();
    let last_line = source.trim_end().rsplit('\n').next().unwrap_or("").trim();
    source.trim_end().contains('\n')
        && last_line.chars().take_while(|&c| c == fence_char).count() >= opening
        && last_line.chars().all(|c| c == fence_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<BlockKind<'_>> {
        blocks(source).into_iter().map(|block| block.kind).collect()
    }

    #[test]
    fn headings_carry_their_anchor() {
        let found = kinds("## <a name=\"http-request\"></a>HTTP 请求\n");
        assert_eq!(
            found,
            vec![BlockKind::Heading { level: 2, text: "HTTP 请求".into(), anchor: Some("http-request".into()) }]
        );
    }

    #[test]
    fn comment_before_fence_is_its_own_block() {
        let found = kinds("<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n");
        assert_eq!(found.len(), 2);
        assert!(matches!(&found[0], BlockKind::Comment { text } if text.contains("blockType")));
        assert!(
            matches!(&found[1], BlockKind::Code { info, text, closed: true } if info == "http" && text == "GET /me\n")
        );
    }

    #[test]
    fn multi_line_comment_inside_a_paragraph_is_read_whole() {
        let found = kinds("Here is a request.\n<!-- {\n  \"blockType\": \"request\"\n}-->\n```http\nGET /me\n```\n");
        assert!(matches!(&found[0], BlockKind::Text { text, .. } if text == "Here is a request."), "{found:?}");
        assert!(
            matches!(&found[1], BlockKind::Comment { text } if *text == " {\n  \"blockType\": \"request\"\n}"),
            "{found:?}"
        );
        assert!(matches!(&found[2], BlockKind::Code { .. }), "{found:?}");
    }

    #[test]
    fn unclosed_fence_is_marked() {
        let found = kinds("```http\nGET /me\n");
        assert!(matches!(&found[0], BlockKind::Code { closed: false, .. }));
    }

    #[test]
    fn fence_swallowing_the_next_example_is_cut_and_the_rest_reread() {
        let page = "```http\nPOST /me\n\n{}\n\n### Response\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204\n```\n## After\n";
        let found = kinds(page);
        assert!(
            matches!(&found[0], BlockKind::Code { text, closed: false, .. } if text == "POST /me\n\n{}\n\n"),
            "{found:?}"
        );
        assert!(matches!(&found[1], BlockKind::Heading { text, .. } if text == "Response"), "{found:?}");
        assert!(matches!(&found[2], BlockKind::Comment { .. }), "{found:?}");
        assert!(
            matches!(&found[3], BlockKind::Code { text, closed: true, .. } if text == "HTTP/1.1 204\n"),
            "{found:?}"
        );
        assert!(matches!(&found[4], BlockKind::Heading { text, .. } if text == "After"), "{found:?}");
    }

    #[test]
    fn tab_markers_are_not_headings() {
        let found = kinds("## Example\n# [HTTP](#tab/http)\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(matches!(&found[0], BlockKind::Heading { level: 2, .. }));
        assert!(matches!(&found[1], BlockKind::Code { .. }));
    }

    #[test]
    fn table_cells_keep_links_and_breaks() {
        let found = kinds("|a|b|\n|-|-|\n|[x](x.md) collection|one<br>two|\n");
        let BlockKind::Table { rows } = &found[0] else { panic!("expected a table, got {found:?}") };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0].links, vec![Link { text: "x".into(), dest: "x.md".into() }]);
        assert_eq!(rows[1][1].text, "one\ntwo");
    }
}
