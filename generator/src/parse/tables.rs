//! Helpers for reading markdown tables by column meaning rather than by translated header text.

use super::markdown::Cell;
use super::text::{find_ascii_case_insensitive, find_short};

/// The index of the first header cell whose lower-cased text contains one of `needles` (which are lower case).
pub fn column(header: &[Cell], needles: &[&str]) -> Option<usize> {
    header.iter().position(|cell| {
        let text = &*cell.text;
        if text.is_ascii() {
            // ASCII text lower-cases byte for byte: compare in place instead of copying every header cell. It
            // cannot hold a needle that is not ASCII (the translations).
            needles.iter().any(|needle| needle.is_ascii() && find_ascii_case_insensitive(text, needle).is_some())
        } else {
            let text = text.to_lowercase();
            needles.iter().any(|needle| find_short(&text, needle).is_some())
        }
    })
}

/// The text of `row[index]`, or "" when the row is short.
pub fn cell_text<'r>(row: &'r [Cell<'_>], index: usize) -> &'r str {
    row.get(index).map_or("", |cell| &*cell.text)
}

/// Whether a row is a separator (`|---|:---|`) that a lenient table reader kept as data.
pub fn is_separator_row(row: &[Cell]) -> bool {
    !row.is_empty() && row.iter().all(|cell| is_separator_cell(&cell.text))
}

/// Whether the text of a cell (any text) is one of a separator row: `-`, `:` and spaces, not empty.
pub fn is_separator_cell(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&'static str]) -> Vec<Cell<'static>> {
        texts.iter().map(|&text| Cell { text: text.into(), links: Vec::new() }).collect()
    }

    #[test]
    fn columns_are_found_as_lower_casing_finds_them() {
        let header = cells(&["Name", "TYPE", "类型", "Описание", "Description", "Тип"]);
        let lower_casing = |header: &[Cell], needles: &[&str]| {
            header.iter().position(|cell| {
                let text = cell.text.to_lowercase();
                needles.iter().any(|needle| text.contains(needle))
            })
        };
        for needles in [&["type", "类型", "тип"][..], &["description", "说明", "описание"], &["тип"], &["类型"], &["x"]]
        {
            for start in 0..header.len() {
                let header = &header[start..];
                assert_eq!(column(header, needles), lower_casing(header, needles), "{needles:?} from {start}");
            }
        }
    }

    #[test]
    fn separator_rows_hold_only_dashes_colons_and_spaces() {
        assert!(is_separator_row(&cells(&["---", ":--", " :-: "])));
        for row in [&[][..], &[""], &["---", ""], &["---", "a"], &["－－－"], &["---", "—"]] {
            assert!(!is_separator_row(&cells(row)), "{row:?}");
        }
        assert!(!is_separator_cell("") && !is_separator_cell("\u{3000}") && is_separator_cell(" "));
    }
}
