//! [`code_content_offset`] against the `str` reading it shortcuts.

use super::code_content_offset;
use crate::parse::markdown::{blocks, Block, BlockKind};
use proptest::prelude::*;

/// The offset as `trim_start` and `find` give it.
fn by_str(source: &str, block: &Block) -> usize {
    let text = &source[block.range.clone()];
    if text.trim_start().starts_with(['`', '~']) {
        block.range.start + text.find('\n').map_or(text.len(), |newline| newline + 1)
    } else {
        block.range.start
    }
}

#[test]
fn fences_of_pages_read_as_before() {
    let page = "# T\n\n```http\nGET /me\n```\n\n  ~~~\nx\n~~~\n\n    indented\n\n> ```\n> q\n> ```\n\ntext\n";
    for block in blocks(page) {
        assert_eq!(code_content_offset(page, &block), by_str(page, &block), "{:?}", block.range);
    }
}

proptest! {
    #[test]
    fn any_range_reads_as_before(text in "[ \t\n\u{0b}\u{0c}\r\u{a0}\u{3000}`~ax]{0,12}") {
        let block = Block { kind: BlockKind::Comment { text: "" }, range: 0..text.len() };
        prop_assert_eq!(code_content_offset(&text, &block), by_str(&text, &block));
    }
}
