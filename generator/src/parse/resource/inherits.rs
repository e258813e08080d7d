//! The base type a resource page states in prose: "Inherits from [entity](entity.md)." Many pages say it only
//! there, with no `baseType` in the annotation, and derived types (`Any<Base>` unions) need it.

use super::super::markdown::BlockKind;
use super::super::Ctx;

/// How the docs open that sentence, by language (compared in lower case, at the start of a paragraph).
const PHRASES: &[&str] = &[
    "inherits from",
    "derived from",
    "derives from",
    "继承自",
    "繼承自",
    "наследуется от",
    "herda de",
    "hereda de",
    "hérite de",
    "erbt von",
    "eredita da",
    "継承元",
    "상속 대상",
];

/// The type named by the first link of the first paragraph, before the page's first table, that opens with one
/// of [`PHRASES`]; the link's text is the type's name.
pub fn stated_base_type(ctx: &Ctx) -> Option<String> {
    for block in &ctx.blocks {
        match &block.kind {
            BlockKind::Table { .. } => return None,
            BlockKind::Text { text, links } => {
                let lower = text.trim_start().to_lowercase();
                if !PHRASES.iter().any(|phrase| lower.starts_with(phrase)) {
                    continue;
                }
                let link = links.first()?;
                let name = link.text.trim().trim_matches('*').trim_matches('`').trim();
                let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
                return valid.then(|| name.to_owned());
            }
            _ => {}
        }
    }
    None
}
