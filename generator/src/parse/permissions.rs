//! The permissions section: inline tables and `[!INCLUDE]`d tables, in any language, to three scope lists.

use super::markdown::BlockKind;
use super::sections::Section;
use super::Ctx;
use crate::ir::Permissions;

/// Reads the permissions of the section.
pub fn parse_permissions(ctx: &mut Ctx, section: &Section) -> Permissions {
    let mut permissions = Permissions::default();
    for block in &ctx.blocks[section.body.clone()] {
        let BlockKind::Table { rows } = &block.kind else { continue };
        for row in rows.iter().skip(1) {
            let label = row.first().map(|cell| cell.text.to_lowercase()).unwrap_or_default();
            let scopes: Vec<String> = row
                .iter()
                .skip(1)
                .flat_map(|cell| cell.text.split([',', '\n']))
                .map(str::trim)
                .filter(|scope| scope.contains('.'))
                .map(str::to_owned)
                .collect();
            let list = if label.contains("personal") || label.contains("个人") {
                &mut permissions.delegated_personal
            } else if label.contains("delegated") || label.contains("委派") {
                &mut permissions.delegated_work
            } else {
                &mut permissions.application
            };
            list.extend(scopes);
        }
    }
    permissions
}

/// Whether `text` looks like a permission scope (`Files.ReadWrite`, `BackupRestore-Restore.Read.All`).
pub fn looks_like_scope(text: &str) -> bool {
    let mut parts = text.split('.');
    let first = parts.next().unwrap_or("");
    first.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        && text.contains('.')
}
