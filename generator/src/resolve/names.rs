//! Rust identifiers from docs names: valid, stable, and the same whatever the page's language.

/// Words the docs run together that read better split (`createsession` -> `create_session`) are not guessed:
/// names come from the docs' own camelCase (`createSession`) or file stems (`workbook-createsession`).
/// `snake_case` of a docs name: `persistChanges` -> `persist_changes`, `item-path` -> `item_path`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower_or_digit = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower_or_digit {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower_or_digit = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower_or_digit = false;
        }
    }
    let out = out.trim_matches('_').to_owned();
    let out = if out.is_empty() { "value".to_owned() } else { out };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

/// `UpperCamelCase` of a docs name: `workbookSessionInfo` -> `WorkbookSessionInfo`, `item-path` -> `ItemPath`.
pub fn upper_camel_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// Rust's keywords, which need `r#` (or, for the few that cannot be raw, a trailing `_`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// An identifier as text: keywords become raw identifiers (`r#type`), or get a `_` where raw is not allowed.
pub fn identifier(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => format!("{name}_"),
        _ if KEYWORDS.contains(&name) => format!("r#{name}"),
        _ => name.to_owned(),
    }
}

/// Makes `name` unique among `taken` by appending `_2`, `_3`, ... (deterministic: first come keeps the name).
pub fn unique(name: String, taken: &mut Vec<String>) -> String {
    numbered(name, "_", taken)
}

/// [`unique`] for type and variant names: `Name2`, `Name3`, ... (a `_` would not be UpperCamelCase).
pub fn unique_type(name: String, taken: &mut Vec<String>) -> String {
    numbered(name, "", taken)
}

fn numbered(name: String, separator: &str, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{separator}{counter}");
        counter += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_identifiers() {
        assert_eq!(snake_case("persistChanges"), "persist_changes");
        assert_eq!(snake_case("item-path"), "item_path");
        assert_eq!(snake_case("@odata.type"), "odata_type");
        assert_eq!(snake_case("2fa"), "_2fa");
        assert_eq!(snake_case("创建"), "value");
        assert_eq!(upper_camel_case("workbookSessionInfo"), "WorkbookSessionInfo");
        assert_eq!(upper_camel_case("workbook-createsession"), "WorkbookCreatesession");
        assert_eq!(identifier("type"), "r#type");
        assert_eq!(identifier("self"), "self_");
        let mut taken = vec!["id".to_owned()];
        assert_eq!(unique("id".to_owned(), &mut taken), "id_2");
    }
}
