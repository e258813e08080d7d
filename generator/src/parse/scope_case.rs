//! Scopes written in another casing (`Directory.accessasuser.all`): settled once every page is read, against the
//! casing most pages of the tree use for the same scope. A page cannot tell on its own (`Foo.bar.baz` could be a
//! scope or a name), so the parser keeps such names aside ([`crate::ir::Permissions::case_mangled`]) with a
//! [`Code::ScopeCaseUnknown`] diagnostic; here each is either given the documented casing (the diagnostic becomes
//! [`Code::ScopeCaseRepaired`]) or stays refused.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Page, Permissions};
use crate::parse::permissions::looks_like_scope;
use compact_str::CompactString;
use std::collections::HashMap;

/// The message of the diagnostic for `scope` before the tree settles it.
pub fn unknown(scope: &str) -> String {
    format!("`{scope}` is a scope in no casing the docs use; it is not kept")
}

/// The scope a message of [`unknown`] names.
fn named_in(message: &str) -> Option<&str> {
    message.strip_prefix('`')?.split_once('`').map(|(scope, _)| scope)
}

/// Gives every case-mangled scope of `pages` the casing most pages use, rewriting its diagnostic; the others stay
/// refused. Nothing to do (and no map built) when no page has one, as in most trees.
pub fn settle(pages: &mut [Page], diagnostics: &mut [Diagnostic]) {
    let any = pages.iter().flat_map(|page| &page.operations).any(|op| {
        !op.permissions.case_mangled.is_empty()
            || op.permission_sets.iter().any(|set| !set.permissions.case_mangled.is_empty())
    });
    if !any {
        return;
    }
    let casing = documented_casing(pages);
    for operation in pages.iter_mut().flat_map(|page| &mut page.operations) {
        settle_one(&mut operation.permissions, &casing);
        for set in &mut operation.permission_sets {
            settle_one(&mut set.permissions, &casing);
        }
    }
    for diagnostic in diagnostics.iter_mut().filter(|diagnostic| diagnostic.code == Code::ScopeCaseUnknown) {
        let Some(scope) = named_in(&diagnostic.message) else { continue };
        if let Some(fixed) = casing.get(scope.to_ascii_lowercase().as_str()) {
            diagnostic.message =
                format!("`{scope}` is written in another casing; read as `{fixed}`, as most pages write it");
            diagnostic.code = Code::ScopeCaseRepaired;
            diagnostic.severity = Code::ScopeCaseRepaired.severity();
        }
    }
}

/// Gives the case-mangled scopes of one set of permissions the documented casing, or drops them.
fn settle_one(permissions: &mut Permissions, casing: &HashMap<String, CompactString>) {
    for (kind, scope) in std::mem::take(&mut permissions.case_mangled) {
        let Some(fixed) = casing.get(scope.to_ascii_lowercase().as_str()) else { continue };
        let list = match kind {
            0 => &mut permissions.delegated_work,
            1 => &mut permissions.delegated_personal,
            _ => &mut permissions.application,
        };
        if !list.contains(fixed) {
            list.push(fixed.clone());
        }
    }
}

/// For each scope (lower-cased), the casing most pages write it in; ties go to the first in byte order, so that
/// the result does not depend on the pages' order.
fn documented_casing(pages: &[Page]) -> HashMap<String, CompactString> {
    let mut counts: HashMap<String, HashMap<&CompactString, usize>> = HashMap::new();
    for page in pages {
        let mut seen: Vec<&CompactString> = Vec::new();
        for permissions in page.operations.iter().map(|operation| &operation.permissions) {
            let lists = [&permissions.delegated_work, &permissions.delegated_personal, &permissions.application];
            for scope in lists.into_iter().flatten().chain(&permissions.unspecified) {
                if looks_like_scope(scope) && !seen.contains(&scope) {
                    seen.push(scope);
                }
            }
        }
        for scope in seen {
            *counts.entry(scope.to_ascii_lowercase().to_string()).or_default().entry(scope).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(lower, casings)| {
            let best = casings.into_iter().max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))?;
            Some((lower, best.0.clone()))
        })
        .collect()
}
