//! Property, relationship and enum member tables, read by column position and content first and by header words
//! (in several languages) only as hints, so localized pages read like English ones.

use super::primitive::is_bare;
use super::types::{from_table_cell, is_identifier_bytes, Declared, Strength};
use crate::parse::markdown::Cell;
use crate::parse::tables::{cell_text, column, is_separator_row};

/// Header words naming a type column.
const TYPE_HEADERS: &[&str] = &["type", "类型", "類型", "型", "typ", "tipo", "тип", "형식", "유형"];
/// Header words naming a value column of an enum table.
const VALUE_HEADERS: &[&str] = &["value", "值", "値", "wert", "valeur", "valor", "значение", "값"];

/// One row of a property or relationship table, borrowing its texts from the table: most names and descriptions
/// are copied into the IR once, from here or from the JSON representation, and the others not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'t> {
    /// None when the name cell holds no identifier (machine translation translates some names: `说明` for
    /// `description`); such rows are matched to the JSON representation by position.
    pub name: Option<&'t str>,
    /// None when the type cell is empty.
    pub declared: Option<Declared>,
    pub description: &'t str,
}

/// One member row of an enum table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub name: String,
    pub value: Option<String>,
    pub description: String,
}

/// The property name a name cell holds: the cell when it is an identifier, else the first identifier in it
/// (`恶意软件 (malware)` gives `malware`, `**id**` gives `id`). None for rows that name no property.
pub fn property_name(text: &str) -> Option<&str> {
    let cleaned = if is_bare(text) { text } else { text.trim().trim_matches(['`', '*', '_', ' ']) };
    if is_name(cleaned) {
        return Some(cleaned);
    }
    cleaned.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.'))).find(|token| is_name(token))
}

fn is_name(text: &str) -> bool {
    // The `@`s skipped as bytes: a `char` pattern decodes the text to find where they end.
    let unprefixed = &text.as_bytes()[text.bytes().take_while(|&byte| byte == b'@').count()..];
    is_identifier_bytes(unprefixed) && !text.ends_with('.')
}

/// Whether a cell's text is an enum value (an integer, possibly hexadecimal or negative).
fn is_value(text: &str) -> bool {
    let text = text.trim().trim_matches('`');
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        }
    }
}

/// The rows of a property or relationship table, or None when the table is not one (an enum value table, a
/// one-column list). Columns: the first holds the name, the last the description, and the type column is the one
/// whose header says so, else the second.
pub fn property_rows<'t>(rows: &'t [Vec<Cell>], namespace: &str) -> Option<Vec<Row<'t>>> {
    let (header, body) = rows.split_first()?;
    if header.len() < 2 {
        return None;
    }
    // A two-column table is `Name | Type` only when its header says so; otherwise it is `Name | Description`.
    let hinted = column(header.get(1..).unwrap_or_default(), TYPE_HEADERS).map(|index| index + 1);
    // A table without a type column lists values (`Value | Description`), not properties.
    let type_column = hinted.or((header.len() >= 3).then_some(1))?;
    let description_column = header.len() - 1;
    let data: Vec<&Vec<Cell>> = body.iter().filter(|row| !is_separator_row(row)).collect();
    // Enum member tables (`Member | Value | Description`) sometimes sit inside a properties section.
    let values = |index: usize| data.iter().all(|row| is_value(cell_text(row, index)));
    if !data.is_empty() && values(type_column) {
        return None;
    }
    // Sized for every row: most rows are properties, and a growing vector copies its rows each time.
    let mut found = Vec::with_capacity(data.len());
    found.extend(data.iter().filter_map(|row| {
        let name = property_name(cell_text(row, 0));
        let declared = row.get(type_column).and_then(|cell| from_table_cell(cell, namespace));
        // A row without a name is kept only when it declares a type (group rows like `**Attachments**` don't).
        if name.is_none() && (cell_text(row, 0).is_empty() || declared.is_none()) {
            return None;
        }
        let description = if description_column != type_column { cell_text(row, description_column) } else { "" };
        Some(Row { name, declared, description })
    }));
    // Tables of values (most "types" empty or sentences) are not property tables.
    let prose = found.iter().filter(|row| row.declared.as_ref().is_none_or(is_prose)).count();
    if prose * 2 > found.len() {
        return None;
    }
    Some(found)
}

/// Whether a declared type is really a sentence.
fn is_prose(declared: &Declared) -> bool {
    declared.strength == Strength::Hint && (declared.type_name.contains(' ') || declared.type_name.chars().count() > 12)
}

/// The rows of an enum members table: the first column is the member, a column of integers (or one whose header
/// says "value") its value, the last column its description.
pub fn member_rows(rows: &[Vec<Cell>]) -> Option<Vec<MemberRow>> {
    let (header, body) = rows.split_first()?;
    let data: Vec<&Vec<Cell>> = body.iter().filter(|row| !is_separator_row(row)).collect();
    let by_content = (1..header.len()).find(|&index| {
        let cells: Vec<&str> = data.iter().map(|row| cell_text(row, index)).filter(|text| !text.is_empty()).collect();
        !cells.is_empty() && cells.iter().all(|text| is_value(text))
    });
    let value_column = by_content.or_else(|| column(header, VALUE_HEADERS).filter(|&index| index > 0));
    let last = header.len().saturating_sub(1);
    let description_column = (last > 0 && Some(last) != value_column).then_some(last);
    let found = data
        .iter()
        .filter_map(|row| {
            let name = property_name(cell_text(row, 0))?.to_owned();
            let value = value_column.map(|index| cell_text(row, index).trim_matches('`').to_owned());
            let description = description_column.map_or_else(String::new, |index| cell_text(row, index).to_owned());
            Some(MemberRow { name, value: value.filter(|value| !value.is_empty()), description })
        })
        .collect::<Vec<_>>();
    (!found.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'a>(lines: &[&[&'a str]]) -> Vec<Vec<Cell<'a>>> {
        lines
            .iter()
            .map(|row| row.iter().map(|text| Cell { text: (*text).into(), links: Vec::new() }).collect())
            .collect()
    }

    #[test]
    fn names_come_from_the_identifier_in_the_cell() {
        assert_eq!(property_name("恶意软件 (malware)"), Some("malware"));
        assert_eq!(property_name("**id**"), Some("id"));
        assert_eq!(property_name("@microsoft.graph.downloadUrl"), Some("@microsoft.graph.downloadUrl"));
        assert_eq!(property_name("附件"), None);
    }

    #[test]
    fn value_lists_are_not_property_tables() {
        let rows = table(&[&["Value", "Description"], &["none", "Nothing."], &["all", "Everything."]]);
        assert_eq!(property_rows(&rows, "microsoft.graph"), None);
    }

    #[test]
    fn prose_tables_are_not_property_tables() {
        let rows = table(&[
            &["Value", "Kind of range", "Description"],
            &["noEnd", "Range without an end", "Repeats forever."],
            &["numbered", "Range with a count", "Repeats n times."],
        ]);
        assert_eq!(property_rows(&rows, "microsoft.graph"), None);
    }

    #[test]
    fn translated_headers_still_read() {
        let table = table(&[&["属性", "类型", "说明"], &["id", "String", "标识符。"]]);
        let rows = property_rows(&table, "microsoft.graph").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].declared.as_ref().unwrap().type_name, "String");
        assert_eq!(rows[0].description, "标识符。");
    }

    #[test]
    fn enum_tables_are_not_property_tables() {
        let rows = table(&[&["Member", "Value", "Description"], &["low", "0", "Low."], &["high", "1", "High."]]);
        assert_eq!(property_rows(&rows, "microsoft.graph"), None);
        let members = member_rows(&rows).unwrap();
        assert_eq!(members[1], MemberRow { name: "high".into(), value: Some("1".into()), description: "High.".into() });
        let only_names = member_rows(&table(&[&["Member"], &["a"], &["b"]])).unwrap();
        assert_eq!((only_names[1].name.as_str(), only_names[1].value.as_deref()), ("b", None));
    }
}
