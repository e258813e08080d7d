//! Pages that say no permission is needed to call the API (`None.` in a permission type's row, "Additional
//! permissions are not required"): their empty permission set is what the docs mean, not a gap in them.

use crate::parse::ctx::Ctx;
use crate::parse::markdown::BlockKind;
use crate::parse::sections::Section;
use crate::parse::text::{to_lowercase, Keywords};

/// Whole cells that mean "no permission is needed for this kind": "none", not "not supported" (which says the
/// kind cannot call the API at all) nor `n/a` or a dash (which say either).
const NONE_NEEDED_WORDS: &[&str] =
    &["none", "无", "無", "なし", "keine", "aucun", "aucune", "aucune.", "ninguno", "nenhum", "nenhuma", "нет", "없음"];

/// Phrases of the section's prose saying that no permission is needed, in the languages the docs come in.
static NONE_NEEDED_PHRASES: Keywords = Keywords::new(&[
    "permissions are not required",
    "permission is not required",
    "no permissions are required",
    "no permission is required",
    "does not need any specific permission",
    "does not require any permission",
    "不需要任何权限",
    "不需要其他权限",
    "无需任何权限",
    "无需其他权限",
    "不需要權限",
    "アクセス許可は必要ありません",
    "keine berechtigungen erforderlich",
    "keine zusätzlichen berechtigungen erforderlich",
    "aucune autorisation n’est requise",
    "aucune autorisation n'est requise",
    "no se requieren permisos",
    "não são necessárias permissões",
    "разрешения не требуются",
    "권한이 필요하지 않습니다",
]);

/// Whether the permission `sections` say that the API needs no permission: a cell of a permission type's row
/// says "none", or the prose says so.
pub fn says_none_needed(ctx: &Ctx, sections: &[Section]) -> bool {
    sections.iter().flat_map(|section| section.body.clone()).any(|index| match ctx.blocks.get(index).map(|b| &b.kind) {
        // Past the header row, the cells after the label column.
        Some(BlockKind::Table { rows }) => {
            rows.iter().skip(1).flat_map(|row| row.iter().skip(1)).any(|cell| is_none_needed(&cell.text))
        }
        Some(BlockKind::Text { text, .. }) => NONE_NEEDED_PHRASES.found_in_any_case(&to_lowercase(text)),
        _ => false,
    })
}

/// Whether a cell's whole text (case, spaces and a final full stop aside) is one of [`NONE_NEEDED_WORDS`].
fn is_none_needed(cell: &str) -> bool {
    let lower = to_lowercase(cell);
    let bare = lower.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '。' | '*' | '_'));
    NONE_NEEDED_WORDS.contains(&bare)
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::{Code, Diagnostic};
    use crate::parse::{parse_page, NoDocs};

    fn codes(permissions: &str) -> Vec<Code> {
        let page = format!(
            "---\ndoc_type: apiPageType\n---\n# Roll a key\n\n## Permissions\n\n{permissions}\n\n\
             ## HTTP request\n\n```http\nPOST /widgets/{{id}}/roll\n```\n"
        );
        let (_, diagnostics) = parse_page("api/widget-roll.md", &page, &NoDocs);
        diagnostics.iter().map(|diagnostic: &Diagnostic| diagnostic.code).collect()
    }

    const HEAD: &str = "| Permission type | Permissions |\n|:--|:--|\n";

    #[test]
    fn none_in_a_row_or_prose_is_no_defect() {
        let tables = [
            format!("{HEAD}| Delegated (work or school account) | None. |\n| Application | None |"),
            format!("{HEAD}| Delegated (work or school account) | Not supported. |\n| Application | None. |"),
            format!("{HEAD}| 委派（工作或学校帐户） | 无 |\n| 应用程序 | 不支持 |"),
            "Additional permissions are not required to call this API.".to_owned(),
        ];
        for table in tables {
            let codes = codes(&table);
            assert!(!codes.contains(&Code::NoPermissions), "{table}: {codes:?}");
            assert!(codes.contains(&Code::PermissionsNotNeeded), "{table}: {codes:?}");
        }
    }

    #[test]
    fn unsupported_everywhere_or_placeholders_are_still_missing_permissions() {
        let tables = [
            format!("{HEAD}| Delegated (work or school account) | Not supported. |\n| Application | N/A |"),
            format!("{HEAD}| Delegated (work or school account) | **TODO: Determine scopes** |"),
            "One of the delegated permissions is required to call this API.".to_owned(),
        ];
        for table in tables {
            let codes = codes(&table);
            assert!(codes.contains(&Code::NoPermissions), "{table}: {codes:?}");
            assert!(!codes.contains(&Code::PermissionsNotNeeded), "{table}: {codes:?}");
        }
    }
}
