//! HTML and bare URLs of docs text made into what rustdoc reads without a warning.
//!
//! The docs copy HTML into descriptions (`<iframe>`, `<at id="...">`, `<data-id>`) meaning the characters, not
//! markup: rustdoc would render the markup (a tag from untrusted docs in the crate's documentation) or warn about
//! an unclosed tag. So every HTML event becomes text (the writer escapes its `<`), HTML comments are dropped (they
//! were invisible in the docs too), and an HTML block becomes a paragraph of its lines. A bare `http(s)://` URL in
//! text becomes an autolink (`<https://...>`), as rustdoc's `bare_urls` lint asks, without the quotes, bracket
//! or full stop around it.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// `events` with HTML turned into text (comments dropped) and bare URLs outside links and code into autolinks.
/// Adjacent text is joined first, so that a URL split across text events is found whole.
pub(super) fn plain_html_and_links<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // The text run being joined, and whether it may hold autolinks (not inside a link, an image or code).
    let mut run = String::new();
    let mut links = 0usize;
    let mut code = 0usize;
    let mut html_block: Option<String> = None;
    for event in events {
        if let Some(block) = html_block.as_mut() {
            match event {
                Event::Html(text) | Event::Text(text) => block.push_str(&text),
                Event::End(TagEnd::HtmlBlock) => {
                    let block = html_block.take().unwrap_or_default();
                    html_block_as_paragraph(&block, &mut out);
                }
                // An HTML block holds only HTML; anything else is kept as it comes.
                other => out.push(other),
            }
            continue;
        }
        match event {
            Event::Text(text) if code == 0 => run.push_str(&text),
            Event::InlineHtml(html) | Event::Html(html) => {
                if !is_comment(&html) {
                    run.push_str(&html);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut run, links == 0, &mut out);
                html_block = Some(String::new());
            }
            other => {
                flush(&mut run, links == 0, &mut out);
                match &other {
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links += 1,
                    Event::End(TagEnd::Link | TagEnd::Image) => links = links.saturating_sub(1),
                    Event::Start(Tag::CodeBlock(_)) => code += 1,
                    Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                    _ => {}
                }
                out.push(other);
            }
        }
    }
    flush(&mut run, links == 0, &mut out);
    out
}

/// Whether `html` is one whole HTML comment.
fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

/// An HTML block as a paragraph of its lines, each as text (a comment is dropped).
fn html_block_as_paragraph<'a>(block: &str, out: &mut Vec<Event<'a>>) {
    if is_comment(block) {
        return;
    }
    let lines: Vec<&str> = block.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    if lines.is_empty() {
        return;
    }
    out.push(Event::Start(Tag::Paragraph));
    for (index, line) in lines.into_iter().enumerate() {
        if index > 0 {
            out.push(Event::SoftBreak);
        }
        let mut run = line.to_owned();
        flush(&mut run, true, out);
    }
    out.push(Event::End(TagEnd::Paragraph));
}

/// Writes the joined text `run` as events, its bare URLs as autolinks when `autolinks`, and empties it.
fn flush<'a>(run: &mut String, autolinks: bool, out: &mut Vec<Event<'a>>) {
    if run.is_empty() {
        return;
    }
    let text = std::mem::take(run);
    if !autolinks {
        out.push(Event::Text(CowStr::from(text)));
        return;
    }
    let mut last = 0;
    for url in bare_urls(&text) {
        if url.start > last {
            out.push(Event::Text(CowStr::from(text[last..url.start].to_owned())));
        }
        let url_text = CowStr::from(text[url.clone()].to_owned());
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: url_text.clone(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(url_text));
        out.push(Event::End(TagEnd::Link));
        last = url.end;
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_owned())));
    }
}

/// The byte ranges of the bare URLs in `text`: from each `http://` or `https://` (rustdoc's `bare_urls` lint
/// looks for these wherever they are, even right after a letter) to the end of the characters an autolink can hold
/// (no space, control, `<`, `>`, quote or backtick, and no `|`, which would end a table cell), less the punctuation
/// that ends a sentence or closes a bracket opened before the URL. A scheme with nothing after it is no URL.
pub(super) fn bare_urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("http") {
        let start = from + offset;
        let rest = &text[start..];
        let Some(scheme) = ["https://", "http://"].into_iter().find(|scheme| rest.starts_with(scheme)) else {
            from = start + "http".len();
            continue;
        };
        let stop = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '|');
        let url = trim_end(&rest[..rest.find(stop).unwrap_or(rest.len())]);
        if url.len() > scheme.len() {
            found.push(start..start + url.len());
        }
        from = start + url.len().max(scheme.len());
    }
    found
}

/// `url` without the punctuation that follows a URL in prose: `.`, `,`, `;`, `:`, `!`, `?`, and a `)` or `]`
/// that closes nothing opened inside the URL.
fn trim_end(mut url: &str) -> &str {
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let unbalanced = |open: char, close: char| trimmed.matches(close).count() > trimmed.matches(open).count();
        let trimmed = match trimmed.chars().next_back() {
            Some(')') if unbalanced('(', ')') => &trimmed[..trimmed.len() - 1],
            Some(']') if unbalanced('[', ']') => &trimmed[..trimmed.len() - 1],
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}
