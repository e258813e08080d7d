//! Docs text never yields a code block rustdoc would compile: checked on the doc strings rustc reads from the
//! formatted file, unindented and parsed as rustdoc does.

use super::*;
use proptest::prelude::*;

/// Indented code in every container, fences of every kind, HTML, tabs, CRLF and text aimed at the attribute.
const HOSTILE: &[&str] = &[
    "    fn main() {}",
    "text\n\n    fn main() {}",
    "> \n>     code",
    ">     code",
    "> > nested\n>\n>     code",
    "1. item\n\n        code",
    "1) item\n\n       code",
    "- item\n\n      code",
    "* item\n\n      code",
    "+ item\n\n      code",
    "- a\n  - b\n\n        code",
    "> - a\n>   1. b\n>\n>          code",
    "- > quoted in a list\n  >\n  >     code",
    "```rust\nfn main() {}\n```",
    "```\nfn main() {}\n```",
    "~~~\nfn main() {}\n~~~",
    "~~~rust,should_panic\npanic!()\n~~~",
    "````\n```\nnested fence\n```\n````",
    "`````text\n````\n`````",
    "   ```rust\n   fn main() {}\n   ```",
    "- item\n\n  ```rust\n  fn main() {}\n  ```",
    "1. item\n   ```\n   code\n   ```",
    "> ```\n> code\n> ```",
    "```\nunclosed fence swallowing the rest",
    "``` rust\ncode with ``` inside ```` and ~~~~~ runs\n```",
    "\tcode after a tab",
    "-\tlist\n\n\t\tcode",
    ">\tcode after a tab in a quote",
    "1.\titem\n\n\t\tcode",
    "<pre>\n\n    code in pre\n</pre>",
    "<div>\n\n    code after html\n\n</div>",
    "| a | b |\n|---|---|\n| `x` | y |\n\n    code",
    "[^1]: note\n\n        code\n\ntext[^1]",
    "term\n: definition\n\n        code",
    "line\r\n\r\n    code\r\n",
    "line\r\r    code\r",
    "*/\n#[doc = \"x\"]\n\"]\n#[test] fn injected() {}",
    "\"] pub fn injected() {} #[doc = \"",
    "/// nested doc\n//! inner doc\n/* block */",
    "text \u{202e}reversed\u{2066} and \u{1b}[2J and \0 nul",
    "Setext\n===\n\n    code",
    "* * *\n\n    code after a rule",
    "\\\n    code after a backslash",
    "<!-- comment\n\n    code -->",
    "a\n    lazy continuation is text",
    "> a\n    lazy continuation in a quote",
];

/// The doc strings rustc reads for `text`: `doc(text)` on an item, formatted as every emitted file is, read back.
fn compiled_docs(text: &str) -> Vec<String> {
    let docs = doc(text);
    let file = crate::emit::format::format_items("t.rs", quote!(#docs pub struct Documented;)).expect("formats");
    assert!(!file.contains(['\r', '\u{202e}', '\u{2066}', '\u{1b}', '\0']), "raw control character in {file}");
    let parsed = syn::parse_file(&file).expect("the formatted file parses");
    let [syn::Item::Struct(item)] = parsed.items.as_slice() else { panic!("one struct expected in {file}") };
    item.attrs
        .iter()
        .map(|attr| match &attr.meta {
            syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) => text.value(),
                _ => panic!("a doc attribute that is not a string in {file}"),
            },
            _ => panic!("an attribute that is not a doc string in {file}"),
        })
        .collect()
}

/// rustdoc's reading of doc strings: the indentation common to non-blank lines removed, lines joined.
fn rustdoc_markdown(docs: &[String]) -> String {
    let non_blank = |line: &&String| line.chars().any(|c| !c.is_whitespace());
    let common =
        docs.iter().filter(non_blank).map(|line| line.chars().take_while(|c| matches!(c, ' ' | '\t')).count()).min();
    let common = common.unwrap_or(0);
    docs.iter()
        .map(|line| if non_blank(&line) { &line[common..] } else { line.as_str() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code blocks of `markdown` that are not fenced `text` blocks, under rustdoc's options and wider ones.
fn compiled_blocks(markdown: &str) -> Vec<String> {
    let rustdoc = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let wider = rustdoc | Options::ENABLE_DEFINITION_LIST | Options::ENABLE_GFM;
    [rustdoc, wider]
        .into_iter()
        .flat_map(|options| Parser::new_ext(markdown, options).collect::<Vec<_>>())
        .filter_map(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "text" => None,
            Event::Start(Tag::CodeBlock(kind)) => Some(format!("{kind:?}")),
            _ => None,
        })
        .collect()
}

fn assert_no_doctest(text: &str) {
    let docs = compiled_docs(text);
    let markdown = rustdoc_markdown(&docs);
    let blocks = compiled_blocks(&markdown);
    assert!(blocks.is_empty(), "{text:?} gives code blocks {blocks:?} in:\n{markdown}");
}

#[test]
fn hostile_texts_yield_no_code_block_but_text_blocks() {
    for text in HOSTILE {
        assert_no_doctest(text);
    }
}

/// The rewrite alone (without the plain fallback) already turns every code block of these texts into a `text`
/// block: the fallback is a safety net, not what keeps ordinary docs readable.
#[test]
fn the_rewrite_itself_makes_every_code_block_a_text_block() {
    for text in HOSTILE {
        let markdown = rewritten(&clean(text)).expect("the writer handles it");
        let blocks = compiled_blocks(&rustdoc_markdown(&attribute_lines(&markdown)));
        assert!(blocks.is_empty(), "{text:?} rewrites to code blocks {blocks:?}:\n{markdown}");
    }
}

#[test]
fn code_stays_readable_in_text_blocks() {
    let docs = compiled_docs("Example:\n\n```rust\nlet x = 1;\n```\n\n> quote\n>\n>     quoted code");
    assert_eq!(
        docs,
        [
            " Example:",
            "",
            " ```text",
            " let x = 1;",
            " ```",
            "",
            "  >",
            "  > quote",
            "  >",
            "  > ```text",
            "  > quoted code"
        ]
    );
}

#[test]
fn prose_links_and_inline_code_read_as_written() {
    let text = "The `Prefer` header: see [the docs](https://example.com/a_b). Required.\n\nFrom `api/user-get.md`.";
    assert_eq!(
        compiled_docs(text),
        [" The `Prefer` header: see [the docs](https://example.com/a_b). Required.", "", " From `api/user-get.md`."]
    );
    assert!(compiled_docs("").is_empty());
}

#[test]
fn control_and_bidi_characters_become_escapes() {
    let docs = compiled_docs("a\u{1b}[2J b\u{202e}c\rd");
    assert_eq!(docs, [" a\\u{1b}\\[2J b\\u{202e}c", " d"]);
}

#[test]
fn the_plain_fallback_has_no_code_block_for_any_hostile_text() {
    for text in HOSTILE {
        let markdown = rustdoc_markdown(&attribute_lines(&plain(&clean(text))));
        let blocks = compiled_blocks(&markdown);
        assert!(blocks.is_empty(), "{text:?} falls back to code blocks {blocks:?}:\n{markdown}");
    }
}

/// Markdown-ish text from the characters that open containers, code and fences.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(">"),
        Just(" "),
        Just("    "),
        Just("\t"),
        Just("-"),
        Just("* "),
        Just("1."),
        Just("2)"),
        Just("`"),
        Just("```"),
        Just("~"),
        Just("~~~"),
        Just("\n"),
        Just("\r\n"),
        Just("\n\n"),
        Just("a"),
        Just("word"),
        Just("rust"),
        Just("<pre>"),
        Just("[^1]:"),
        Just("|"),
        Just(":"),
        Just("#"),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn no_markdownish_text_yields_a_compiled_code_block(text in markdownish()) {
        let docs = compiled_docs(&text);
        let markdown = rustdoc_markdown(&docs);
        let blocks = compiled_blocks(&markdown);
        prop_assert!(blocks.is_empty(), "{:?} gives code blocks {:?} in:\n{}", text, blocks, markdown);
    }

    #[test]
    fn the_plain_fallback_never_yields_a_code_block(text in markdownish()) {
        let markdown = rustdoc_markdown(&attribute_lines(&plain(&clean(&text))));
        let blocks = compiled_blocks(&markdown);
        prop_assert!(blocks.is_empty(), "{:?} falls back to code blocks {:?} in:\n{}", text, blocks, markdown);
    }
}

proptest! {
    #[test]
    fn any_text_yields_a_file_that_parses(text in any::<String>()) {
        compiled_docs(&text);
    }
}

/// What rustdoc would warn about in `markdown` (read with its options): HTML of any kind (`invalid_html_tags`, and
/// markup from the docs in the crate's documentation), an `http(s)://` URL in text outside a link or code
/// (`bare_urls`), and a link without a definition (`broken_intra_doc_links` tries to resolve each).
fn rustdoc_complaints(markdown: &str) -> Vec<String> {
    let broken = std::cell::RefCell::new(Vec::new());
    let mut callback = |link: pulldown_cmark::BrokenLink<'_>| {
        broken.borrow_mut().push(format!("broken link {:?}", link.reference));
        None
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut complaints = Vec::new();
    let (mut links, mut code) = (0, 0);
    for event in Parser::new_with_broken_link_callback(markdown, options, Some(&mut callback)) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => complaints.push(format!("HTML {html:?}")),
            Event::Text(text) if links == 0 && code == 0 && (text.contains("http://") || text.contains("https://")) => {
                complaints.push(format!("bare URL in {text:?}"))
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links += 1,
            Event::End(pulldown_cmark::TagEnd::Link | pulldown_cmark::TagEnd::Image) => links -= 1,
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => code -= 1,
            _ => {}
        }
    }
    complaints.extend(broken.into_inner());
    complaints
}

/// Texts of the kinds that made `cargo doc` warn on the v1.0 crate (written for this test).
const WARNED: &[&str] = &[
    "A link to the owner. For example, https://graph.example/v1.0/users/42. Read-only.",
    "The endpoint, for example \"https://graph.example/v1.0/things/7\". Supports $select.",
    "Relative to https://graph.example. Required.",
    "Values: http://www.example.org/2001/sig#rsa-sha256, http://www.example.org/2000/sig#rsa-sha1.",
    "For example: https://a.example or https://b.a.example but NOT https://b.a.example/path. Then text.",
    "The task's printer, for example https://graph.example/v1.0/printers/{printerId}/jobs/{jobId}. Read-only.",
    "(see https://graph.example/docs)",
    "Matches the {index} value in the corresponding <at id=\"{index}\">name</at> tag.",
    "Must be the #<data-id> or the generated <id> of the element.",
    "The HTML code for an <iframe> element that embeds the item.",
    "Look for a src attribute, such as <IMG src=\"cid:image1.jpg@01D2\">.",
    "<script>alert(1)</script> and <a href=\"https://evil.example/x\">a link</a>",
    "<div>\nblock <b>HTML</b> https://graph.example/in-html\n</div>\n\nAfter.",
    "Before <!-- an inline comment --> after.",
    "<!-- a block comment\nover lines -->\n\nText.",
    "[Deprecated] has no effect. Set [\"User\"] or PCR[0]. [!INCLUDE some-include]",
    "| a | b |\n|---|---|\n| https://graph.example/x\\|y | <br> |",
    "- https://graph.example/in-a-list\n- > https://graph.example/in-a-quote",
];

#[test]
fn texts_rustdoc_warned_about_read_without_a_warning() {
    for text in WARNED.iter().chain(HOSTILE) {
        let markdown = rustdoc_markdown(&compiled_docs(text));
        let complaints = rustdoc_complaints(&markdown);
        assert!(complaints.is_empty(), "{text:?} reads as {markdown:?}, with {complaints:?}");
        assert!(compiled_blocks(&markdown).is_empty(), "{text:?} gives a code block in {markdown:?}");
    }
}

#[test]
fn bare_urls_become_autolinks_without_their_punctuation() {
    assert_eq!(
        compiled_docs(
            "For example, https://graph.example/v1.0/users/42. Or \"http://a.example/b\", (https://c.example)."
        ),
        [" For example, <https://graph.example/v1.0/users/42>. Or \"<http://a.example/b>\", (<https://c.example>)."]
    );
    // Link text, link targets, inline code and code blocks keep their URLs as written.
    let kept = "[https://a.example](https://b.example) `https://c.example`\n\n```\nhttps://d.example\n```";
    assert_eq!(
        compiled_docs(kept),
        [" [https://a.example](https://b.example) `https://c.example`", "", " ```text", " https://d.example", " ```"]
    );
    // Not a URL rustdoc warns about: left as text.
    assert_eq!(
        compiled_docs("http[s]://example.com and ftp://example.com"),
        [" http\\[s\\]://example.com and ftp://example.com"]
    );
}

#[test]
fn html_reads_as_the_characters_the_docs_wrote() {
    assert_eq!(compiled_docs("an <iframe> element"), [" an \\<iframe> element"]);
    assert_eq!(compiled_docs("a <b>bold</b> claim"), [" a \\<b>bold\\</b> claim"]);
    assert_eq!(compiled_docs("before <!-- hidden --> after"), [" before  after"]);
    assert_eq!(compiled_docs("<!-- hidden\nblock -->\n\nshown"), [" shown"]);
    assert_eq!(compiled_docs("<div>\n  <p>kept</p>\n</div>"), [" \\<div>", " \\<p>kept\\</p>", " \\</div>"]);
}

/// Markdown-ish text with HTML, URLs and brackets among the pieces.
fn warnable() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        markdownish(),
        Just("<b>".to_owned()),
        Just("</b>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<div>\n".to_owned()),
        Just("https://a.example/".to_owned()),
        Just("http://b.example".to_owned()),
        Just("{id}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just(".".to_owned()),
        Just("\"".to_owned()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// On the rewrite's path: the plain fallback (for a construct the writer does not round-trip) keeps HTML and
    /// URLs as the docs wrote them.
    #[test]
    fn no_text_makes_rustdoc_warn(text in warnable()) {
        let rewrite = rewritten(&clean(&text)).map(|markdown| attribute_lines(&markdown));
        prop_assume!(rewrite.is_some_and(|lines| compiles_nothing(&lines)));
        let markdown = rustdoc_markdown(&compiled_docs(&text));
        let complaints = rustdoc_complaints(&markdown);
        prop_assert!(complaints.is_empty(), "{:?} reads as {:?}, with {:?}", text, markdown, complaints);
    }
}
