//! Primitive type names: the phrases tables and JSON representations write (`String (timestamp)`, `Edm.Int64`,
//! `bool`) and the Edm names they normalise to (see [`super::types`]).
//!
//! This runs for every type cell, link and representation value, several times: the phrase is compared in place,
//! ASCII letters in any case, rather than lower-cased into a copy and looked up in a list. Only ASCII letters can
//! match the (ASCII) words, and no other character lower-cases to one that ends or continues a match of them (the
//! Kelvin sign gives `k`, which no word holds; `İ` gives `i` and a combining dot, and no word ends in `i`), so this
//! is what comparing the `to_lowercase()`d phrase gives.

use crate::parse::text::trim;

/// The longest word [`base_name`] knows (`datetimeoffset`).
const LONGEST_WORD: usize = 14;

/// The primitive type a phrase names (`String (timestamp)`, `Edm.Int64`, `bool`), or None.
pub fn primitive(phrase: &str) -> Option<&'static str> {
    // Most phrases are one word (`String`, `Int64`): no trim, prefix, stream or qualifier to look for, each of
    // which costs a scan or a `memchr` call.
    if phrase.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
        return base_name(phrase);
    }
    let trimmed = if is_bare(phrase) { phrase } else { phrase.trim().trim_matches(['`', '*', '"']).trim() };
    if has_edm_stream(trimmed) {
        return Some("Stream");
    }
    let unprefixed = match trimmed.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("edm.") => &trimmed[4..],
        _ => trimmed,
    };
    let (base, qualifier) = match memchr::memchr(b'(', unprefixed.as_bytes()) {
        Some(open) => (trim(&unprefixed[..open]), Some(unprefixed[open + 1..].trim_end_matches(')').trim())),
        None => (trim(unprefixed), None),
    };
    let base = base_name(base)?;
    if base != "String" {
        return Some(base);
    }
    let Some(qualifier) = qualifier else { return Some("String") };
    Some(qualified(qualifier))
}

/// Whether trimming leaves `text` as it is because it starts and ends with an ASCII letter or digit, which none of
/// the trims of type phrases removes. Most cells and values do, and the trims, which decode characters from both
/// ends, are then skipped.
pub(super) fn is_bare(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphanumeric) && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether `text` contains `edm.stream`, ASCII letters in any case. The `.` is looked for, rarer
/// than any letter.
fn has_edm_stream(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most phrases are shorter than `edm.stream`: no `memchr` call for them.
    bytes.len() >= 10
        && memchr::memchr_iter(b'.', bytes).any(|dot| {
            dot >= 3
                && bytes[dot - 3..dot].eq_ignore_ascii_case(b"edm")
                && bytes.get(dot + 1..dot + 7).is_some_and(|stream| stream.eq_ignore_ascii_case(b"stream"))
        })
}

/// The words that make a qualified `String` another primitive (`String (timestamp)`), the first found deciding.
const QUALIFIERS: [(&[u8], &str); 10] = [
    (b"duration", "Duration"),
    (b"timestamp", "DateTimeOffset"),
    (b"datetime", "DateTimeOffset"),
    (b"date-time", "DateTimeOffset"),
    (b"binary", "Binary"),
    (b"base64", "Binary"),
    (b"time", "TimeOfDay"),
    (b"date", "Date"),
    (b"guid", "Guid"),
    (b"uuid", "Guid"),
];

/// The primitive a `String`'s qualifier makes it: the first of [`QUALIFIERS`] the qualifier contains, ASCII letters
/// in any case. The qualifier is scanned once, comparing words only where one of their first letters is.
fn qualified(qualifier: &str) -> &'static str {
    let bytes = qualifier.as_bytes();
    let mut best = QUALIFIERS.len();
    for start in 0..bytes.len() {
        let first = bytes[start].to_ascii_lowercase();
        if !matches!(first, b'd' | b't' | b'b' | b'g' | b'u') {
            continue;
        }
        let rest = &bytes[start..];
        let found = QUALIFIERS[..best].iter().position(|(word, _)| {
            word[0] == first && rest.get(..word.len()).is_some_and(|at| at.eq_ignore_ascii_case(word))
        });
        if let Some(rank) = found {
            best = rank;
        }
    }
    match QUALIFIERS.get(best) {
        Some((_, name)) => name,
        None if qualifier.eq_ignore_ascii_case("iso 8601") => "DateTimeOffset",
        None => "String",
    }
}

/// The primitive a whole word names, ASCII letters in any case (`int` gives `Int32`).
fn base_name(word: &str) -> Option<&'static str> {
    let mut buffer = [0u8; LONGEST_WORD];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"string" | b"str" | b"url" | b"uri" => "String",
        b"boolean" | b"bool" => "Boolean",
        b"int32" | b"int" | b"integer" | b"number" => "Int32",
        b"int64" | b"long" => "Int64",
        b"int16" => "Int16",
        b"byte" => "Byte",
        b"sbyte" => "SByte",
        b"double" | b"float" => "Double",
        b"single" => "Single",
        b"decimal" | b"numeric" => "Decimal",
        b"guid" | b"uuid" => "Guid",
        b"datetimeoffset" | b"datetime" | b"timestamp" => "DateTimeOffset",
        b"date" => "Date",
        b"timeofday" | b"time of day" | b"time" => "TimeOfDay",
        b"duration" | b"timespan" => "Duration",
        b"binary" => "Binary",
        b"stream" => "Stream",
        b"json" => "Json",
        _ => return None,
    })
}

/// Whether a normalised type name is a primitive one (`String`, `Int64`; not `microsoft.graph.x`).
pub fn is_primitive(name: &str) -> bool {
    // A `match` compares the length first; most names are told apart by it.
    matches!(
        name,
        "String"
            | "Boolean"
            | "Int32"
            | "Int64"
            | "Int16"
            | "Byte"
            | "SByte"
            | "Double"
            | "Single"
            | "Decimal"
            | "Guid"
            | "DateTimeOffset"
            | "Date"
            | "TimeOfDay"
            | "Duration"
            | "Binary"
            | "Stream"
            | "Json"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::to_lowercase;
    use proptest::prelude::*;

    const PRIMITIVES: &[(&str, &str)] = &[
        ("string", "String"),
        ("str", "String"),
        ("boolean", "Boolean"),
        ("bool", "Boolean"),
        ("int32", "Int32"),
        ("int", "Int32"),
        ("integer", "Int32"),
        ("number", "Int32"),
        ("int64", "Int64"),
        ("long", "Int64"),
        ("int16", "Int16"),
        ("byte", "Byte"),
        ("sbyte", "SByte"),
        ("double", "Double"),
        ("float", "Double"),
        ("single", "Single"),
        ("decimal", "Decimal"),
        ("guid", "Guid"),
        ("uuid", "Guid"),
        ("datetimeoffset", "DateTimeOffset"),
        ("datetime", "DateTimeOffset"),
        ("timestamp", "DateTimeOffset"),
        ("date", "Date"),
        ("timeofday", "TimeOfDay"),
        ("time of day", "TimeOfDay"),
        ("time", "TimeOfDay"),
        ("duration", "Duration"),
        ("timespan", "Duration"),
        ("binary", "Binary"),
        ("stream", "Stream"),
        ("json", "Json"),
        ("numeric", "Decimal"),
        ("url", "String"),
        ("uri", "String"),
    ];

    /// The reading [`primitive`] shortcuts: the phrase lower-cased into a copy, the base looked up in a list.
    fn by_lowercasing(phrase: &str) -> Option<&'static str> {
        let trimmed = phrase.trim().trim_matches(['`', '*', '"']).trim();
        let lower = to_lowercase(trimmed);
        if lower.contains("edm.stream") {
            return Some("Stream");
        }
        let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
        let (base, qualifier) = match lower.split_once('(') {
            Some((base, rest)) => (base.trim(), Some(rest.trim_end_matches(')').trim())),
            None => (lower.trim(), None),
        };
        let base = PRIMITIVES.iter().find(|(word, _)| *word == base).map(|(_, name)| *name)?;
        if base != "String" {
            return Some(base);
        }
        let Some(qualifier) = qualifier else { return Some("String") };
        let named = if qualifier.contains("duration") {
            "Duration"
        } else if qualifier.contains("timestamp") || qualifier.contains("datetime") || qualifier.contains("date-time") {
            "DateTimeOffset"
        } else if qualifier.contains("binary") || qualifier.contains("base64") {
            "Binary"
        } else if qualifier.contains("time") {
            "TimeOfDay"
        } else if qualifier.contains("date") {
            "Date"
        } else if qualifier.contains("guid") || qualifier.contains("uuid") {
            "Guid"
        } else if qualifier == "iso 8601" {
            "DateTimeOffset"
        } else {
            "String"
        };
        Some(named)
    }

    #[test]
    fn bare_text_is_left_by_the_trims() {
        for text in ["", "a", "a b", " a", "a ", "`a`", "*a", "a)", "(a", "é", "aé", "éa", "a\u{a0}", "1 (x) 2", "a\n"]
        {
            if is_bare(text) {
                assert_eq!(text.trim().trim_matches(['`', '*', '"', '_', ' ']).trim(), text, "{text:?}");
                let marks = |c: char| c.is_whitespace() || "()（）`*:：".contains(c);
                assert_eq!(text.trim_matches(marks), text, "{text:?}");
            }
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
        assert!(is_bare("a") && is_bare("String (x) 2") && !is_bare("a ") && !is_bare("é"));
    }

    #[test]
    fn agrees_with_lowercasing() {
        let mut phrases: Vec<String> = PRIMITIVES.iter().map(|(word, _)| word.to_string()).collect();
        phrases.extend(PRIMITIVES.iter().map(|(word, _)| word.to_uppercase()));
        phrases.extend(PRIMITIVES.iter().map(|(word, _)| format!("Edm.{word}")));
        phrases.extend(PRIMITIVES.iter().map(|(word, _)| format!(" `{word}` ")));
        for qualifier in [
            "timestamp",
            "Timestamp",
            "ISO 8601 duration",
            "date-time",
            "DateTime",
            "binary",
            "Base64",
            "time of day",
            "date",
            "GUID",
            "uuid",
            "iso 8601",
            "ISO 8601",
            "identifier",
            "url",
            "",
            "İso 8601",
            "durat\u{130}on",
            "\u{212A}ind",
            "date and time",
            "uuid or guid",
            "Base64-encoded binary",
            "time duration",
            "dates",
            "d",
            "GUI",
        ] {
            for base in ["String", "string", "STRING", "Edm.String", "Int32", "str"] {
                phrases.push(format!("{base} ({qualifier})"));
                phrases.push(format!("{base}({qualifier}"));
            }
        }
        phrases.extend(
            [
                "",
                "Edm.Stream",
                "collection(Edm.Stream)",
                "microsoft.graph.x",
                "datetimeoffsets",
                "x".repeat(70).as_str(),
                "STRİNG",
                "strİng",
                "\u{212A}",
                "字符串",
                "Stringy",
                "edm.",
                "Edm.",
                "(",
                "time  of day",
                "Time Of Day",
                "**Boolean**",
                "\"Int64\"",
                "eDm.InT64",
                "EDM.STREAM",
                "Collection(Edm.Stream)",
                "xedm.streamy",
                "Edm.Strea",
                "dm.stream",
                ".stream",
                "edm.",
            ]
            .map(str::to_owned),
        );
        for phrase in &phrases {
            assert_eq!(primitive(phrase), by_lowercasing(phrase), "{phrase:?}");
        }
        for (_, name) in PRIMITIVES {
            assert!(is_primitive(name), "{name}");
        }
        // The names `is_primitive` lists are those `primitive` gives, no more.
        let names: std::collections::BTreeSet<_> = PRIMITIVES.iter().map(|(_, name)| name).collect();
        assert_eq!(names.len(), 18);
        assert!(!is_primitive("string") && !is_primitive("microsoft.graph.x"));
        assert_eq!(PRIMITIVES.iter().map(|(word, _)| word.len()).max(), Some(LONGEST_WORD));
    }

    proptest! {
        #[test]
        fn agrees_with_lowercasing_on_any_phrase(phrase in "[a-zA-Z0-9 ().`*\"İ]{0,16}|(Edm\\.)?(String|int|Int64|DateTime|time of day|stream)( ?\\([a-zA-Z0-9 -]{0,12}\\)?)?") {
            prop_assert_eq!(primitive(&phrase), by_lowercasing(&phrase), "{:?}", phrase);
        }
    }
}
