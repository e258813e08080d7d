//! Byte offset to line and column.

use std::cell::Cell;

/// Offset -> (line, col) lookups in a text, counting line breaks on demand.
///
/// Most pages ask for a handful of lines (their section headings and diagnostics), while indexing every line
/// start up front cost more than all the lookups together. So nothing is computed until asked: a lookup counts
/// the line breaks before its offset, starting from the previous lookup (lookups mostly move forward through a
/// page) unless the start of the text is nearer, and finds its column from the last line break before the offset.
pub struct LineIndex<'t> {
    /// Columns count characters, so lookups need the text.
    text: &'t str,
    /// The byte offset and 0-based line of the last lookup, where the next one may start counting.
    last: Cell<(usize, u32)>,
}

impl<'t> LineIndex<'t> {
    /// Lookups in `text`; nothing is counted until the first one.
    pub fn new(text: &'t str) -> Self {
        LineIndex { text, last: Cell::new((0, 0)) }
    }

    /// 1-based line of byte `offset`; offsets past the end clamp to it.
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let line = match self.last.get() {
            (last, line) if last <= offset => line + count_newlines(&bytes[last..offset]),
            // Diagnostics are not reported in page order: back from the last lookup when that is nearer.
            (last, line) if last - offset < offset => line - count_newlines(&bytes[offset..last]),
            _ => count_newlines(&bytes[..offset]),
        };
        self.last.set((offset, line));
        line + 1
    }

    /// 1-based line and column (in characters) of byte `offset`; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let line = self.line(offset);
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |newline| newline + 1);
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line, col as u32)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let bytes = self.text.as_bytes();
        let breaks = (line as usize).saturating_sub(1);
        // Past the last line, the last line (as a line-start table clamped to its end would answer).
        let start = match breaks {
            0 => 0,
            _ => memchr::memchr_iter(b'\n', bytes).take(breaks).last().map_or(0, |newline| newline + 1),
        };
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(self.text.len(), |newline| start + newline + 1);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// The number of line breaks in `bytes`, as a line number.
///
/// Lookups count a few hundred bytes each, where `memchr`'s count spends more on the bytes before and after its
/// aligned loop (counted one at a time, about 32 per call) than in the loop. Counting each group of bytes into a `u8`
/// compiles to unrolled vector compares and subtractions with no alignment prologue, and about a third fewer
/// instructions over a parse.
fn count_newlines(bytes: &[u8]) -> u32 {
    // 15 × 16 bytes: at most 255 line breaks fit a `u8`. A group of a fixed size unrolls without a length check
    // per vector.
    const GROUP: usize = 240;
    let count_in = |group: &[u8]| u32::from(group.iter().fold(0u8, |count, &byte| count + u8::from(byte == b'\n')));
    let mut groups = bytes.chunks_exact(GROUP);
    let whole: u32 = groups.by_ref().map(|group| count_in(<&[u8; GROUP]>::try_from(group).expect("a group"))).sum();
    whole + count_in(groups.remainder())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let index = LineIndex::new("ab\n创建x\n");
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(3), (2, 1));
        // "创建" is 6 bytes: 'x' is the third character of line 2.
        assert_eq!(index.line_col(9), (2, 3));
        assert_eq!(index.line_text(2), "创建x");
        assert_eq!(index.line_col(999), (3, 1));
    }

    #[test]
    fn lookups_in_any_order_agree_with_counting_from_the_start() {
        let text = "a\n\nbc\r\n创\nlast";
        let index = LineIndex::new(text);
        let expected = |offset: usize| {
            let before = &text.as_bytes()[..offset.min(text.len())];
            let line = before.iter().filter(|&&byte| byte == b'\n').count() as u32 + 1;
            let start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
            let end = (start..=before.len()).rev().find(|&end| text.is_char_boundary(end)).unwrap_or(start);
            (line, text[start..end].chars().count() as u32 + 1)
        };
        let offsets = [5, 0, 13, 8, 9, 10, 2, 99, 1, 4, 11];
        for offset in offsets {
            assert_eq!(index.line_col(offset), expected(offset), "offset {offset}");
            assert_eq!(index.line(offset), expected(offset).0, "offset {offset}");
        }
        assert_eq!(index.line_text(1), "a");
        assert_eq!(index.line_text(2), "");
        assert_eq!(index.line_text(3), "bc");
        assert_eq!(index.line_text(5), "last");
        assert_eq!(index.line_text(0), "a");
        assert_eq!(index.line_text(9), "last", "past the end: the last line");
    }

    #[test]
    fn full_lanes_do_not_overflow() {
        for len in [239, 240, 241, 255, 256, 10_000] {
            assert_eq!(count_newlines(&vec![b'\n'; len]), len as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn newlines_counted_in_lanes_agree_with_memchr(text in proptest::collection::vec(
            proptest::prop_oneof![proptest::strategy::Just(b'\n'), proptest::num::u8::ANY], 0..9000)
        ) {
            proptest::prop_assert_eq!(count_newlines(&text) as usize, memchr::memchr_iter(b'\n', &text).count());
        }

        #[test]
        fn lines_counted_from_any_earlier_lookup_agree(
            text in "[a\n\r创]{0,60}",
            offsets in proptest::collection::vec(0usize..70, 1..12),
        ) {
            let index = LineIndex::new(&text);
            for offset in offsets {
                let before = &text.as_bytes()[..offset.min(text.len())];
                let expected = before.iter().filter(|&&byte| byte == b'\n').count() as u32 + 1;
                proptest::prop_assert_eq!(index.line(offset), expected);
            }
        }
    }
}
