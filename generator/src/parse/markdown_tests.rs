//! Tests of the markdown pass: the blocks a page splits into, and the helpers that read them.

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
    assert!(matches!(&found[1], BlockKind::Code { info, text, closed: true } if info == "http" && text == "GET /me\n"));
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
    assert!(matches!(&found[3], BlockKind::Code { text, closed: true, .. } if text == "HTTP/1.1 204\n"), "{found:?}");
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

#[test]
fn link_text_is_borrowed_when_the_paragraph_is_copied() {
    let found = kinds("Delete an [accessPackage](x.md) object.\n");
    let BlockKind::Text { text, links } = &found[0] else { panic!("expected text, got {found:?}") };
    assert_eq!(text, "Delete an accessPackage object.");
    assert_eq!(links, &vec![Link { text: "accessPackage".into(), dest: "x.md".into() }]);
    assert!(matches!(links[0].text, Cow::Borrowed(_)));
}

#[test]
fn scattered_link_text_is_read_from_the_copy() {
    let found = kinds("See [the `id` &amp; key](x.md) here; [![logo](l.png) home](h.md).\n");
    let BlockKind::Text { links, .. } = &found[0] else { panic!("expected text, got {found:?}") };
    let texts: Vec<&str> = links.iter().map(|link| link.text.as_ref()).collect();
    assert_eq!(texts, vec!["the id & key", "logo"]);
}

#[test]
fn a_comment_inside_a_link_splits_its_paragraph() {
    // The comment flushes the text read so far; the link's text is then what follows it in the new buffer.
    let found = kinds("[one <!-- note --> two](x.md)\n");
    assert!(matches!(&found[0], BlockKind::Text { text, .. } if text == "one"), "{found:?}");
    assert!(matches!(&found[1], BlockKind::Comment { text } if *text == " note "), "{found:?}");
}

#[test]
fn trimming_keeps_unicode_white_space_rules() {
    assert_eq!(trim("plain"), "plain");
    assert_eq!(trim("\u{3000}wide\u{3000}"), "wide");
    assert_eq!(trim(" x\u{b}"), "x");
    assert_eq!(trim("é"), "é");
    // Copied text (a link splits it) is trimmed by the same rules.
    let copied = |page| match kinds(page).remove(0) {
        BlockKind::Text { text: Cow::Owned(text), .. } => text,
        other => panic!("expected copied text, got {other:?}"),
    };
    assert_eq!(copied("\u{a0}kept [inside](x.md)\u{a0}\n"), "kept inside");
    assert_eq!(copied("as [is](x.md)\n"), "as is");
}

#[test]
fn fences_close_with_as_many_fence_characters() {
    assert!(fence_is_closed("```json\n{}\n```\n"));
    assert!(fence_is_closed("~~~\nx\n~~~~  \n"));
    assert!(!fence_is_closed("````\nx\n```\n"));
    assert!(!fence_is_closed("```\nx\n``` y\n"));
    assert!(!fence_is_closed("```json\n"));
    assert!(fence_is_closed("    indented code\n"));
}

proptest::proptest! {
    #[test]
    fn comment_delimiters_are_found_as_a_substring_search_finds_them(text in "[<!\\->a]{0,40}") {
        let bytes = text.as_bytes();
        proptest::prop_assert_eq!(comment_open(bytes), memchr::memmem::find(bytes, b"<!--"));
        proptest::prop_assert_eq!(comment_close(bytes), memchr::memmem::find(bytes, b"-->"));
    }
}

#[test]
fn a_cell_of_one_code_span_borrows_it() {
    let found = kinds("|a|b|\n|-|-|\n|`id`|`a`, `b`|\n");
    let BlockKind::Table { rows } = &found[0] else { panic!("expected a table, got {found:?}") };
    assert_eq!(rows[1][0].text, "id");
    assert!(matches!(rows[1][0].text, Cow::Borrowed(_)));
    assert_eq!(rows[1][1].text, "a, b");
}
