//! Helpers for reading markdown tables by column meaning rather than by translated header text.

use super::markdown::Cell;

/// The index of the first header cell whose lower-cased text contains one of `needles`.
pub fn column(header: &[Cell], needles: &[&str]) -> Option<usize> {
    header.iter().position(|cell| {
        let text = cell.text.to_lowercase();
        needles.iter().any(|needle| text.contains(needle))
    })
}

/// The text of `row[index]`, or "" when the row is short.
pub fn cell_text<'r>(row: &'r [Cell<'_>], index: usize) -> &'r str {
    row.get(index).map_or("", |cell| &*cell.text)
}

/// Whether a row is a separator (`|---|:---|`) that a lenient table reader kept as data.
pub fn is_separator_row(row: &[Cell]) -> bool {
    !row.is_empty()
        && row.iter().all(|cell| !cell.text.is_empty() && cell.text.chars().all(|c| matches!(c, '-' | ':' | ' ')))
}
