//! Type names: what the JSON representation and the property tables write, normalised into one vocabulary.
//!
//! The normalisation (part of the IR contract for `Property.type`):
//! - Primitive types take their Edm name without the `Edm.` prefix, in Edm case: `string`, `Edm.String` → `String`,
//!   `bool` → `Boolean`, `int`/`integer` → `Int32`, `long` → `Int64`, `float` → `Double`, `DateTime` → `DateTimeOffset`.
//! - JSON representation strings are a type with an optional qualifier: `String (timestamp)`, `timestamp` →
//!   `DateTimeOffset`; `String (duration)`, `String (ISO 8601 duration)` → `Duration`; `String (binary)` → `Binary`;
//!   `String (date)` → `Date`; `String (time of day)` → `TimeOfDay`; `String (guid)` → `Guid`;
//!   `String (identifier)`, `String (etag)`, `String (url)`, `url` and any other qualifier → `String`.
//! - JSON literals: `true`/`false` → `Boolean`; integers → `Int32` and other numbers → `Double` (both loose: the
//!   representation writes `1024` for an `Int64` too); `"a | b"` → `String` with enum values `a`, `b`.
//! - Named types: `microsoft.graph.x` is kept as written (a leading `#` dropped); a name from a table (`[x](x.md)`, or
//!   a bare `x`) is qualified with the page's namespace (`microsoft.graph.x`).
//! - The empty string means the docs do not say (`[]`, `null`, an object without `@odata.type`).

pub use super::primitive::primitive;
use super::primitive::{is_bare, is_primitive};
use super::translated::{translated_primitive, translated_word};
use crate::parse::markdown::Cell;
use crate::parse::text::{find_short, find_word, starts_with_ignore_ascii_case, trim, Keywords};
use compact_str::CompactString;
use serde_json::Value;
use std::borrow::Cow;

/// How far a declared type can be trusted when the table and the JSON representation are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A guess from a translated type word (`字符串`): used when nothing better exists, never compared.
    Hint,
    /// The JSON representation's plain `"String"` or a number: it writes these for enums, GUIDs and Int64 too.
    Loose,
    /// A type name, a link, an `@odata.type`, a literal `true`, a qualified string.
    Strong,
}

/// A type as one source declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// Normalised (see the module docs); empty when unknown. Most are primitive names, borrowed rather than
    /// allocated: a property's two declarations are compared and one is dropped, and only the chosen one is copied
    /// into the IR.
    pub type_name: Cow<'static, str>,
    pub collection: bool,
    pub enum_values: Vec<CompactString>,
    pub strength: Strength,
    /// A table's bare capitalised word that is no primitive and no link (`Booleano`, `Logisch`): most likely a
    /// translated primitive, so the JSON representation's primitive type wins over it ([`judge`]).
    pub bare_word: bool,
}

impl Declared {
    /// A declared `type_name`, not a collection, without enum values.
    pub(super) fn new(type_name: impl Into<Cow<'static, str>>, strength: Strength) -> Self {
        Declared { type_name: type_name.into(), collection: false, enum_values: Vec::new(), strength, bare_word: false }
    }

    /// Whether the type is unknown.
    pub fn is_unknown(&self) -> bool {
        self.type_name.is_empty()
    }
}

/// Words that mark a collection in a table's type cell, in the languages of the docs.
/// Cyrillic letters are listed in both cases, as the scan ignores the case of ASCII letters only.
const COLLECTION_WORDS: &[&str] = &[
    "collection",
    "集合",
    "コレクション",
    "sammlung",
    "colección",
    "coleção",
    "colecção",
    "коллекция",
    "Коллекция",
    "коллекции",
    "Коллекции",
    "컬렉션",
    "raccolta",
];
/// [`COLLECTION_WORDS`] for one quick scan: most type cells hold none of them, and then no word is searched.
static COLLECTION: Keywords = Keywords::new(COLLECTION_WORDS);

/// Whether a normalised type is numeric (JSON numbers agree with any of them).
fn is_numeric(name: &str) -> bool {
    matches!(name, "Int32" | "Int64" | "Int16" | "Byte" | "SByte" | "Double" | "Single" | "Decimal")
}

/// Whether the JSON representation's plain `"String"` is an acceptable stand-in for this table type.
fn string_stands_for(name: &str) -> bool {
    !is_primitive(name)
        || matches!(name, "String" | "Guid" | "Binary" | "Date" | "TimeOfDay" | "Duration" | "DateTimeOffset" | "Json")
}

/// The last dotted segment, which two spellings of the same type share (`microsoft.graph.x`, `x`).
fn last_segment(name: &str) -> &str {
    name.bytes().rposition(|byte| byte == b'.').map_or(name, |dot| &name[dot + 1..])
}

/// Whether `text` is a plain ASCII identifier, possibly dotted (`itemReference`, `microsoft.graph.x`).
pub fn is_identifier(text: &str) -> bool {
    is_identifier_bytes(text.as_bytes())
}

/// [`is_identifier`] on the bytes of a text: an identifier is ASCII, and any byte of another character fails the
/// test as the character would.
pub fn is_identifier_bytes(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|&first| first.is_ascii_alphabetic() || first == b'_')
        && bytes.iter().all(|&byte| IDENTIFIER_BYTES[usize::from(byte)])
}

/// The bytes of an identifier: ASCII letters, digits, `_` and `.`. Looked up rather than compared with five
/// ranges: every name and type cell is tested.
static IDENTIFIER_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
        byte += 1;
    }
    table
};

fn qualify(name: &str, namespace: &str) -> String {
    if name.contains('.') {
        name.trim_start_matches('#').to_owned()
    } else {
        // Pushed rather than `format!`ed: this runs for every named type in a table.
        let mut qualified = String::with_capacity(namespace.len() + 1 + name.len());
        qualified.push_str(namespace);
        qualified.push('.');
        qualified.push_str(name);
        qualified
    }
}

/// The type a JSON representation value declares, or None for `null`.
pub fn from_json(value: &Value) -> Option<Declared> {
    match value {
        Value::Null => None,
        Value::Bool(_) => Some(Declared::new("Boolean", Strength::Strong)),
        Value::Number(number) if number.is_f64() => Some(Declared::new("Double", Strength::Loose)),
        Value::Number(_) => Some(Declared::new("Int32", Strength::Loose)),
        Value::String(text) => Some(from_json_string(text)),
        Value::Array(items) => {
            let mut declared = items.iter().find_map(from_json).unwrap_or_else(|| Declared::new("", Strength::Loose));
            declared.collection = true;
            Some(declared)
        }
        Value::Object(map) => {
            let odata_type = map.get("@odata.type").or_else(|| map.get("@type")).and_then(Value::as_str);
            Some(match odata_type {
                Some(name) => from_json_string(name),
                None => Declared::new("", Strength::Loose),
            })
        }
    }
}

/// The type a JSON representation string declares: a type phrase, an inline enum, or an example value.
pub fn from_json_string(text: &str) -> Declared {
    let trimmed = trim(text);
    // Most values are a few bytes, shorter than a `memchr` call costs.
    if trimmed.as_bytes().contains(&b'|') {
        let mut declared = Declared::new("String", Strength::Loose);
        declared.enum_values =
            trimmed.split('|').map(str::trim).filter(|value| !value.is_empty()).map(CompactString::from).collect();
        return declared;
    }
    if let Some(name) = primitive(trimmed) {
        // `String` and `String (timestamp)` are loose: the representation writes them for enums and dates alike.
        let loose = name == "String" || starts_with_ignore_ascii_case(trimmed, "string");
        return Declared::new(name, if loose { Strength::Loose } else { Strength::Strong });
    }
    let unhashed = trimmed.trim_start_matches('#');
    // Only `microsoft.*` names are types; other dotted strings are example values (`contoso.sharepoint.com`).
    if starts_with_ignore_ascii_case(unhashed, "microsoft.") && is_identifier(unhashed) {
        return Declared::new(unhashed.to_owned(), Strength::Strong);
    }
    // An example value rather than a type ("4.2", "Contoso"): a loose guess from its shape.
    let name = if trimmed.parse::<f64>().is_ok() { "Double" } else { "String" };
    Declared::new(name, Strength::Loose)
}

/// The type a table's type cell declares. Links decide (their text, else the linked page's name); then English type
/// words; translated words only give a hint. Types named without a namespace are qualified with `namespace`.
pub fn from_table_cell(cell: &Cell, namespace: &str) -> Option<Declared> {
    // A collection word has no space, so one found outside the link texts is in the cell's text: most cells have
    // none, and the link texts are then not cut out.
    let has_collection_word = COLLECTION.found_in_any_case(&cell.text);
    // A collection word inside a link's text (`[recipient collection](recipient.md)`) counts too, as a word
    // of its own: a type's name may end with one (`...ResourceCollection`).
    let collection = has_collection_word
        && (collection_outside_links(cell)
            || cell.links.iter().any(|link| COLLECTION_WORDS.iter().any(|word| find_word(&link.text, word).is_some())));
    let with_collection = |mut declared: Declared| {
        declared.collection = collection;
        Some(declared)
    };
    if let Some(name) = cell.links.iter().find_map(link_type_name) {
        return with_collection(match primitive(name) {
            Some(primitive) => Declared::new(primitive, Strength::Strong),
            None => Declared::new(qualify(name, namespace), Strength::Strong),
        });
    }
    let text = &*cell.text;
    let trimmed = if is_bare(text) { text } else { text.trim().trim_matches(['`', '*']).trim() };
    let unwrapped = trimmed.strip_prefix("Collection(").or_else(|| trimmed.strip_prefix("collection("));
    let mut word = Cow::Borrowed(unwrapped.map_or(trimmed, |inner| inner.trim_end_matches(')')));
    // The word is part of the cell's text: without a collection word there, it has none.
    if has_collection_word && COLLECTION.found_in_any_case(&word) {
        for collection_word in COLLECTION_WORDS {
            if let Some(found) = find_word(&word, collection_word) {
                word.to_mut().replace_range(found..found + collection_word.len(), " ");
            }
        }
    }
    let word = if is_bare(&word) {
        &word
    } else {
        word.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）' | '`' | '*' | ':' | '：'))
    };
    if word.is_empty() {
        return None;
    }
    if let Some(primitive) = primitive(word) {
        return with_collection(Declared::new(primitive, Strength::Strong));
    }
    let first =
        word.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '(' | '（' | '、')).next().unwrap_or("");
    if is_identifier(word) {
        // A translated primitive (`Booleano`, `Duplo`) is an identifier too: known words are hints, and other
        // capitalised words without a dot yield to the JSON representation's primitive type.
        if let Some(name) = translated_word(word, word) {
            return with_collection(Declared::new(name, Strength::Hint));
        }
        let mut declared = Declared::new(qualify(word, namespace), Strength::Strong);
        declared.bare_word = word.starts_with(|c: char| c.is_ascii_uppercase()) && !word.contains('.');
        return with_collection(declared);
    }
    if let Some(primitive) = primitive(first) {
        return with_collection(Declared::new(primitive, Strength::Strong));
    }
    let hint = translated_primitive(first, word);
    let name = hint.map_or_else(|| Cow::Owned(word.to_owned()), Cow::Borrowed);
    with_collection(Declared::new(name, Strength::Hint))
}

/// Whether a collection word occurs in the cell outside its link texts: a link text can contain one
/// (`windowsInformationProtectionResourceCollection`).
fn collection_outside_links(cell: &Cell) -> bool {
    let mut outside = Cow::Borrowed(&*cell.text);
    for link in &cell.links {
        if let Some(found) = find_short(&outside, &link.text).filter(|_| !link.text.is_empty()) {
            outside.to_mut().replace_range(found..found + link.text.len(), " ");
        }
    }
    COLLECTION.found_in_any_case(&outside) && COLLECTION_WORDS.iter().any(|word| find_word(&outside, word).is_some())
}

/// The type a link in a type cell names: its text when that is an identifier, else the linked page's file stem.
fn link_type_name<'l>(link: &'l crate::parse::markdown::Link) -> Option<&'l str> {
    let dest = &link.dest[..memchr::memchr2(b'#', b'?', link.dest.as_bytes()).unwrap_or(link.dest.len())];
    let is_type_page = dest.ends_with(".md") || find_short(dest, "/resources/").is_some();
    if !is_type_page {
        return None;
    }
    let text = if is_bare(&link.text) { &link.text } else { link.text.trim().trim_matches(['`', '*']).trim() };
    if is_identifier(text) {
        return Some(text);
    }
    let stem = &dest[memchr::memrchr(b'/', dest.as_bytes()).map_or(0, |slash| slash + 1)..];
    let stem = stem.trim_end_matches(".md");
    is_identifier(stem).then_some(stem)
}

/// How the table's and the JSON representation's declarations of one property compare, and what to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the JSON representation's declaration is recorded rather than the table's. The table's is, when it
    /// can be trusted: it is the declaration, while the JSON representation is an example (Intune pages show an
    /// instance of a derived type there).
    pub take_json: bool,
    /// The JSON representation's type when it names a different type than the one chosen.
    pub json_type: Option<String>,
    /// Whether the two contradict each other (a diagnostic is due).
    pub conflict: bool,
}

impl Verdict {
    /// The declaration to record, made of the two compared (taken by value, so that neither is copied): the chosen
    /// one, with the JSON representation's enum values when it has none.
    pub fn chosen(&self, json: Declared, mut table: Declared) -> Declared {
        if self.take_json {
            return json;
        }
        if table.enum_values.is_empty() {
            table.enum_values = json.enum_values;
        }
        table
    }
}

/// Compares the table's and the JSON representation's declarations of one property. Unknown types and translated
/// hints agree with anything; a loose `"String"`, `"String (timestamp)"` or number agrees with any type it commonly
/// stands for; a table's plain `String` agrees with an enum or type the JSON names; two different named types do not
/// contradict (the JSON may show a derived type) but the JSON's is kept in `json_type`.
pub fn judge(json: &Declared, table: &Declared) -> Verdict {
    let agreed = |take_json: bool| Verdict { take_json, json_type: None, conflict: false };
    if table.is_unknown() || table.strength == Strength::Hint {
        // A translated word (`双精度`) still refines a loose JSON value (`0`) it is compatible with.
        let refines = json.strength == Strength::Loose
            && is_primitive(&table.type_name)
            && json.collection == table.collection
            && loose_stands_for(json, &table.type_name);
        return agreed(!(json.is_unknown() || refines));
    }
    if json.is_unknown() {
        return agreed(false);
    }
    if yields_to_json(json, table) {
        return agreed(true);
    }
    let differs = |conflict: bool| Verdict { take_json: false, json_type: Some(describe(json)), conflict };
    if json.collection != table.collection {
        return differs(true);
    }
    if last_segment(&json.type_name).eq_ignore_ascii_case(last_segment(&table.type_name)) {
        // Same type: the JSON's spelling is the qualified, correctly cased one.
        return agreed(true);
    }
    let json_named = !is_primitive(&json.type_name);
    let table_named = !is_primitive(&table.type_name);
    if json.strength == Strength::Loose && loose_stands_for(json, &table.type_name) {
        return agreed(false);
    }
    if table.type_name == "String" && json_named {
        // Tables often say `String` for an enum the JSON representation names.
        return agreed(true);
    }
    differs(!(json_named && table_named))
}

/// Whether the table's type is a bare capitalised word that is no primitive (`Booleano`) where the JSON has a
/// primitive type (`true`): the word is a translation, and the page's own JSON says the type. Not against a loose
/// `"String"`, which the JSON writes for enums too (`OnlineMeetingProviderType`).
pub fn yields_to_json(json: &Declared, table: &Declared) -> bool {
    table.bare_word && json.strength == Strength::Strong && is_primitive(&json.type_name)
}

/// Whether a loose JSON type (`"String"`, `"String (timestamp)"`, a number) may stand for the type `name`.
fn loose_stands_for(json: &Declared, name: &str) -> bool {
    if is_numeric(&json.type_name) {
        is_numeric(name)
    } else {
        string_stands_for(name)
    }
}

/// A declaration as a diagnostic or `json_type` shows it: `Collection(x)` for collections.
pub fn describe(declared: &Declared) -> String {
    if declared.collection {
        format!("Collection({})", declared.type_name)
    } else {
        declared.type_name.clone().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::Link;
    use serde_json::json;

    fn cell(text: &str, links: &[(&str, &str)]) -> Cell<'static> {
        Cell {
            text: text.to_owned().into(),
            links: links
                .iter()
                .map(|(text, dest)| Link { text: text.to_string().into(), dest: dest.to_string().into() })
                .collect(),
        }
    }

    #[test]
    fn json_phrases_normalise() {
        assert_eq!(from_json(&json!("String (timestamp)")).unwrap().type_name, "DateTimeOffset");
        assert_eq!(from_json(&json!("string (identifier)")).unwrap().type_name, "String");
        assert_eq!(from_json(&json!("Edm.Int64")).unwrap().type_name, "Int64");
        assert_eq!(from_json(&json!({"@odata.type": "Edm.Stream"})).unwrap().type_name, "Stream");
        assert_eq!(from_json(&json!("String (ISO 8601 duration)")).unwrap().type_name, "Duration");
        let enumerated = from_json(&json!("low | normal | high")).unwrap();
        assert_eq!(enumerated.enum_values, ["low", "normal", "high"]);
        let collection = from_json(&json!([{"@odata.type": "microsoft.graph.recipient"}])).unwrap();
        assert_eq!((collection.type_name.as_ref(), collection.collection), ("microsoft.graph.recipient", true));
        assert_eq!(from_json(&json!(true)).unwrap().type_name, "Boolean");
        assert!(from_json(&json!(null)).is_none());
    }

    #[test]
    fn table_cells_read_links_and_words_in_any_language() {
        let ns = "microsoft.graph";
        let linked = from_table_cell(&cell("recipient collection", &[("recipient", "recipient.md")]), ns).unwrap();
        assert_eq!((linked.type_name.as_ref(), linked.collection), ("microsoft.graph.recipient", true));
        // A translated link text falls back to the linked page's name.
        let translated = from_table_cell(&cell("捆绑 集合", &[("捆绑", "bundle.md")]), ns).unwrap();
        assert_eq!((translated.type_name.as_ref(), translated.collection), ("microsoft.graph.bundle", true));
        let words = from_table_cell(&cell("String collection", &[]), ns).unwrap();
        assert_eq!((words.type_name.as_ref(), words.collection), ("String", true));
        let wrapped = from_table_cell(&cell("Collection(microsoft.graph.x)", &[]), ns).unwrap();
        assert_eq!((wrapped.type_name.as_ref(), wrapped.collection), ("microsoft.graph.x", true));
        let hint = from_table_cell(&cell("字符串集合", &[]), ns).unwrap();
        assert_eq!((hint.type_name.as_ref(), hint.collection, hint.strength), ("String", true, Strength::Hint));
        assert_eq!(from_table_cell(&cell("Edm.Binary", &[]), ns).unwrap().type_name, "Binary");
    }

    #[test]
    fn collections_outside_links_need_a_collection_word_in_the_cell() {
        for (text, links) in [
            ("recipient collection", &[("recipient", "recipient.md")][..]),
            (
                "[windowsInformationProtectionResourceCollection]",
                &[("windowsInformationProtectionResourceCollection", "x.md")],
            ),
            ("捆绑 集合", &[("捆绑", "bundle.md")]),
            ("Collection of [x](x.md)", &[("x", "x.md")]),
            ("colle ction", &[("colle", "a.md"), ("ction", "b.md")]),
            ("String", &[]),
            ("", &[]),
        ] {
            let cell = cell(text, links);
            let shortcut = COLLECTION.found_in_any_case(&cell.text) && collection_outside_links(&cell);
            assert_eq!(shortcut, collection_outside_links(&cell), "{text}");
        }
    }

    /// What [`judge`] decides, with the declaration chosen.
    struct Comparison {
        chosen: Declared,
        json_type: Option<String>,
        conflict: bool,
    }

    fn compare(json: &Declared, table: &Declared) -> Comparison {
        let verdict = judge(json, table);
        let chosen = verdict.chosen(json.clone(), table.clone());
        Comparison { chosen, json_type: verdict.json_type, conflict: verdict.conflict }
    }

    #[test]
    fn agreement_tolerates_loose_json_but_not_contradictions() {
        let ns = "microsoft.graph";
        let table = |text: &str| from_table_cell(&cell(text, &[]), ns).unwrap();
        let compared = |json: Value, text: &str| compare(&from_json(&json).unwrap(), &table(text));
        let persist = compared(json!(true), "String");
        assert!(persist.conflict);
        assert_eq!((persist.chosen.type_name.as_ref(), persist.json_type.as_deref()), ("String", Some("Boolean")));
        let enumerated = compared(json!("String"), "importance");
        assert!(!enumerated.conflict);
        assert_eq!((enumerated.chosen.type_name.as_ref(), enumerated.json_type), ("microsoft.graph.importance", None));
        assert!(!compared(json!(1024), "Int64").conflict);
        assert!(!compared(json!("String (timestamp)"), "Date").conflict);
        assert!(compared(json!(["String"]), "String").conflict);
        assert_eq!(compared(json!("String"), "字符串").chosen.type_name, "String");
        assert_eq!(compared(json!(0), "双精度").chosen.type_name, "Double");
        assert_eq!(compared(json!(true), "字符串").chosen.type_name, "Boolean");
        // A derived type in the JSON is no contradiction, but it is kept.
        let derived = compared(json!({"@odata.type": "microsoft.graph.derived"}), "base");
        assert!(!derived.conflict);
        assert_eq!(derived.json_type.as_deref(), Some("microsoft.graph.derived"));
        let named = compared(json!({"@odata.type": "microsoft.graph.riskLevel"}), "String");
        assert_eq!((named.chosen.type_name.as_ref(), named.conflict), ("microsoft.graph.riskLevel", false));
        assert_eq!(from_json_string("contoso.sharepoint.com").type_name, "String");
    }
}
