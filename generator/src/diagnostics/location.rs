//! Byte offset to line and column.

/// Start offsets of every line of a text, for offset -> (line, col) lookups.
pub struct LineIndex<'t> {
    text_len: usize,
    line_starts: Vec<usize>,
    /// Columns count characters, so lookups need the text.
    text: &'t str,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|newline| newline + 1));
        LineIndex { text_len: text.len(), line_starts, text }
    }

    /// 1-based line and column (in characters) of byte `offset`; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text_len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let index = (line as usize).saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[index];
        let end = self.line_starts.get(index + 1).copied().unwrap_or(self.text_len);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
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
}
