//! Translated type words of localized property tables (`字符串`, `Booleano`, `Cadeia de caracteres`, `Строка`):
//! only hints, since the JSON representation and the links, which are never translated, say the type.

use crate::parse::text::{to_lowercase, Keywords};

/// Whole cells (lower case) that name a primitive type in a translation.
const WORDS: &[(&str, &str)] = &[
    ("字符串", "String"),
    ("布尔值", "Boolean"),
    ("布尔", "Boolean"),
    ("双精度", "Double"),
    ("期限", "Duration"),
    ("持续时间", "Duration"),
    ("日期时间", "DateTimeOffset"),
    ("日期", "Date"),
    ("二进制", "Binary"),
    ("流", "Stream"),
    ("单一", "Single"),
    ("整数", "Int32"),
    ("文字列", "String"),
    ("ブール値", "Boolean"),
    ("ブール", "Boolean"),
    ("zeichenfolge", "String"),
    ("cadena", "String"),
    ("chaîne", "String"),
    ("строка", "String"),
    ("문자열", "String"),
    ("부울", "Boolean"),
    ("정수", "Int32"),
    ("booleano", "Boolean"),
    ("booleana", "Boolean"),
    ("booléen", "Boolean"),
    ("boolesch", "Boolean"),
    ("duplo", "Double"),
    ("doble", "Double"),
    ("inteiro", "Int32"),
    ("entero", "Int32"),
    ("entier", "Int32"),
    ("intero", "Int32"),
    ("ganzzahl", "Int32"),
    ("logico", "Boolean"),
    ("stringa", "String"),
    ("логический", "Boolean"),
    ("логическое", "Boolean"),
    ("двойной", "Double"),
    ("двойное", "Double"),
    ("целое число", "Int32"),
    ("число", "Int32"),
];

/// Stems (lower case) that name a primitive type anywhere in a cell of several words (`Cadeia de caracteres`,
/// `Coleção de cadeias de caracteres`, `строки`), looked for when no whole cell matched. Longer, more specific
/// stems first: the first found decides.
const STEMS: &[(&str, &str)] = &[
    ("cadeia de caracteres", "String"),
    ("cadeias de caracteres", "String"),
    ("cadena de caracteres", "String"),
    ("cadenas de caracteres", "String"),
    ("chaîne de caractères", "String"),
    ("chaînes de caractères", "String"),
    ("zeichenfolge", "String"),
    ("строк", "String"),
    ("文字列", "String"),
    ("字符串", "String"),
    ("booleano", "Boolean"),
    ("booléen", "Boolean"),
    ("логическ", "Boolean"),
    ("ブール", "Boolean"),
    ("布尔", "Boolean"),
];

/// [`STEMS`]' first bytes, so that a cell is scanned once for all of them.
static STEM_KEYWORDS: Keywords = Keywords::new(&[
    "cadeia",
    "cadena",
    "chaîne",
    "zeichenfolge",
    "строк",
    "文字列",
    "字符串",
    "booleano",
    "booléen",
    "логическ",
    "ブール",
    "布尔",
]);

/// The primitive type a translated word names when it is the whole cell (or the cell's first word). The only
/// test for identifiers (`Booleano`): a stem could be the start of a type's name (`booleanOperator`).
pub fn translated_word(first: &str, word: &str) -> Option<&'static str> {
    let (first_lower, word_lower) = (to_lowercase(first), to_lowercase(word));
    WORDS.iter().find(|(translated, _)| first_lower == *translated || word_lower == *translated).map(|(_, name)| *name)
}

/// The primitive type a translated type phrase names: the whole cell (or its first word), else a stem in it.
pub fn translated_primitive(first: &str, word: &str) -> Option<&'static str> {
    if let Some(name) = translated_word(first, word) {
        return Some(name);
    }
    let word_lower = to_lowercase(word);
    if !STEM_KEYWORDS.found_in_any_case(&word_lower) {
        return None;
    }
    STEMS.iter().find(|(stem, _)| word_lower.contains(stem)).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stem_has_its_first_word_in_the_scan() {
        for (stem, _) in STEMS {
            assert!(STEM_KEYWORDS.found_in_any_case(stem), "{stem}");
        }
    }

    #[test]
    fn words_and_stems_in_several_languages() {
        for (cell, name) in [
            ("Booleano", "Boolean"),
            ("Duplo", "Double"),
            ("Cadeia de caracteres", "String"),
            ("de cadeias de caracteres", "String"),
            ("Строка", "String"),
            ("строк", "String"),
            ("ブール値", "Boolean"),
            ("文字列", "String"),
            ("Целое число", "Int32"),
        ] {
            let first = cell.split(' ').next().unwrap_or("");
            assert_eq!(translated_primitive(first, cell), Some(name), "{cell}");
        }
        assert_eq!(translated_primitive("itemReference", "itemReference"), None);
        assert_eq!(translated_primitive("Contoso", "Contoso"), None);
    }
}
