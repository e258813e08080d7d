//! The Rust type a docs type name gives (an annotation's `@odata.type`, a body table's type cell, an example's
//! `@odata.type`), or none when the version documents no such type.

use super::model::{RustType, Version};
use super::types::rust_type;

/// The type `name` names: `Collection(x)` and `x collection` are collections, `#microsoft.graph.x` and `x` name a
/// model or enum of `version` (case aside), `Edm.String` and friends are primitives. None when it names nothing
/// the version documents, so that the caller can try its next source.
pub fn named_type(name: &str, version: &Version) -> Option<RustType> {
    let (bare, collection) = strip_collection(name);
    let bare = bare.trim().trim_start_matches('#');
    let bare = bare.strip_prefix("microsoft.graph.").unwrap_or(bare);
    if bare.is_empty() || bare.contains(char::is_whitespace) {
        return None;
    }
    // `Int` and `Integer` are how some body tables write Int32.
    let bare = if bare.eq_ignore_ascii_case("int") || bare.eq_ignore_ascii_case("integer") { "Int32" } else { bare };
    let primitive = rust_type(bare, &[]);
    let found =
        if primitive != RustType::Json || bare.eq_ignore_ascii_case("json") || bare.eq_ignore_ascii_case("Edm.Json") {
            Some(primitive)
        } else {
            let model = version
                .models
                .iter()
                .find(|model| model.wire_name.eq_ignore_ascii_case(bare))
                .map(|model| &model.rust_name);
            let found = model.map(|name| RustType::Model(name.clone()));
            found.or_else(|| {
                let found = version.enums.iter().find(|found| found.wire_name.eq_ignore_ascii_case(bare));
                found.map(|found| RustType::Enum(found.rust_name.clone()))
            })
        }?;
    Some(if collection { RustType::Vec(Box::new(found)) } else { found })
}

/// `Collection(x)` and `x collection` (any letter case) to `(x, true)`; anything else to `(name, false)`.
pub fn strip_collection(name: &str) -> (&str, bool) {
    let name = name.trim();
    if let Some(inner) = name.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
        return (inner, true);
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(" collection") {
        return (&name[..name.len() - " collection".len()], true);
    }
    (name, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::model::{Model, Version};

    fn version() -> Version {
        let model = |wire: &str, rust: &str| Model {
            wire_name: wire.into(),
            rust_name: rust.into(),
            description: String::new(),
            fields: Vec::new(),
            pages: Vec::new(),
            open: false,
            features: Vec::new(),
        };
        Version { models: vec![model("user", "User"), model("driveItem", "DriveItem")], ..Version::default() }
    }

    #[test]
    fn names_in_every_docs_spelling_resolve() {
        let version = version();
        let user = RustType::Model("User".into());
        assert_eq!(named_type("microsoft.graph.user", &version), Some(user.clone()));
        assert_eq!(named_type("#microsoft.graph.User", &version), Some(user.clone()));
        assert_eq!(named_type("Collection(microsoft.graph.driveItem)", &version), {
            Some(RustType::Vec(Box::new(RustType::Model("DriveItem".into()))))
        });
        assert_eq!(named_type("user collection", &version), Some(RustType::Vec(Box::new(user))));
        assert_eq!(named_type("String collection", &version), Some(RustType::Vec(Box::new(RustType::String))));
        assert_eq!(named_type("Boolean", &version), Some(RustType::Bool));
        assert_eq!(named_type("Edm.Json", &version), Some(RustType::Json));
    }

    #[test]
    fn unknown_names_resolve_to_nothing() {
        let version = version();
        assert_eq!(named_type("microsoft.graph.group", &version), None);
        assert_eq!(named_type("", &version), None);
        assert_eq!(named_type("a user object", &version), None);
    }
}
