//! The permissions of each addressing alternative, for pages that give a table per group of paths
//! ([`crate::ir::Operation::permission_sets`]): a constructor whose path one set names gets that set, under a
//! constant of its own; the others keep the operation's `PERMISSIONS`, the union.

use super::model::Constructor;
use crate::ir::{Operation, Permissions};
use serde::Serialize;

/// The permissions one constructor's path has.
#[derive(Debug, Clone, Serialize)]
pub struct PathPermissions {
    /// The associated constant holding them: the constructor's name in upper case, then `_PERMISSIONS`.
    pub constant: String,
    /// The heading or line the docs put above the table (untrusted text).
    pub label: String,
    pub permissions: Permissions,
}

/// For each constructor (in order), the set its template is listed in, if one is.
pub fn per_constructor(documented: &Operation, constructors: &[Constructor]) -> Vec<Option<PathPermissions>> {
    constructors
        .iter()
        .map(|constructor| {
            let set = documented
                .permission_sets
                .iter()
                .find(|set| set.paths.iter().any(|template| *template == constructor.template))?;
            // Constructor names are snake case identifiers, unique in the builder: so are these, upper-cased.
            let name = constructor.name.strip_prefix("r#").unwrap_or(&constructor.name);
            Some(PathPermissions {
                constant: format!("{}_PERMISSIONS", name.to_ascii_uppercase()),
                label: set.label.to_string(),
                permissions: set.permissions.clone(),
            })
        })
        .collect()
}
