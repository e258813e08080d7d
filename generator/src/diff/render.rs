//! The changelog for people: markdown for a pull request body or `CHANGELOG.md`, and summary counts.
//!
//! Docs text is hostile: every name from the docs goes through [`escape_markdown`], so that it cannot open a code
//! span, a table cell, a link, an HTML tag, a heading or a mention in the rendered pull request.

use super::model::*;
use crate::diagnostics::terminal_safe;
use std::fmt::Write as _;

/// `text` as markdown that renders as exactly that text: on one line (controls escaped as `\u{..}`), with every
/// ASCII punctuation character that markdown, HTML or GitHub gives a meaning (`<`, `>`, `&`, `|`, backticks, `*`,
/// `_`, `[`, `#`, `@`, `\`, `:` ...) written as a numeric character reference.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in terminal_safe(text).chars() {
        // Kept as they are: they mean nothing inside a line of a list item.
        let plain =
            c.is_alphanumeric() || matches!(c, ' ' | '/' | '.' | '-' | ',' | '=' | '$' | '{' | '}' | '?' | '\'');
        if plain || !c.is_ascii() {
            out.push(c);
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "&#{};", c as u32);
        }
    }
    out
}

/// The counts `.ci/run` and the regenerate command print, one per line.
pub fn summary(log: &Changelog) -> String {
    let breaking = |count: usize| if count > 0 { format!(" ({count} breaking)") } else { String::new() };
    let count = |changes: &[bool]| changes.iter().filter(|breaking| **breaking).count();
    let permissions: Vec<bool> = log.permission_changes.iter().map(|change| change.breaking).collect();
    let types: Vec<bool> = log.type_changes.iter().map(|change| change.breaking).collect();
    let others: Vec<bool> = log.operation_changes.iter().map(|change| change.breaking).collect();
    format!(
        "operations added: {}\noperations removed: {}{}\npermission changes: {}{}\ntype changes: {}{}\n\
         other operation changes: {}{}\nbreaking: {} ({} breaking of {} changes)\nsuggested bump: {}\n",
        log.operations_added.len(),
        log.operations_removed.len(),
        breaking(log.operations_removed.len()),
        log.permission_changes.len(),
        breaking(count(&permissions)),
        log.type_changes.len(),
        breaking(count(&types)),
        log.operation_changes.len(),
        breaking(count(&others)),
        log.breaking,
        log.breaking_count,
        log.change_count(),
        log.suggested_bump.as_str(),
    )
}

/// The changelog as markdown, headings at level `###` (a caller puts it under its own `##` heading).
pub fn markdown(log: &Changelog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### API changes: suggested bump **{}**\n", log.suggested_bump.as_str());
    if log.is_empty() {
        out.push_str("No change to the API.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} changes, {} breaking: {} operations added, {} removed, {} permission changes, {} type changes, \
         {} other operation changes.",
        log.change_count(),
        log.breaking_count,
        log.operations_added.len(),
        log.operations_removed.len(),
        log.permission_changes.len(),
        log.type_changes.len(),
        log.operation_changes.len(),
    );
    let operation = |op: &OperationRef| {
        format!(
            "{} {} ({}, {})",
            escape_markdown(&op.method),
            escape_markdown(&op.template),
            escape_markdown(&op.version),
            escape_markdown(&op.page)
        )
    };
    let tag = |breaking: bool| if breaking { "**breaking** " } else { "" };
    section(&mut out, "Operations added", log.operations_added.iter().map(|op| format!("- {}", operation(op))));
    section(
        &mut out,
        "Operations removed",
        log.operations_removed.iter().map(|op| format!("- {}{}", tag(true), operation(op))),
    );
    section(
        &mut out,
        "Permissions",
        log.permission_changes.iter().map(|change| {
            let what = match change.change {
                PermissionChangeKind::Required => "now required (no scope listed before is any more)",
                PermissionChangeKind::LessPrivilegedOption => "added as a less privileged option",
                PermissionChangeKind::Option => "added as another option",
                PermissionChangeKind::NewlySupported => "added: the kind was not supported before",
                PermissionChangeKind::Removed => "removed: it no longer grants the call",
            };
            format!(
                "- {}{} {} ({}, {}): {} scope {} {what}",
                tag(change.breaking),
                escape_markdown(&change.method),
                escape_markdown(&change.template),
                escape_markdown(&change.version),
                escape_markdown(&change.page),
                change.kind,
                escape_markdown(&change.scope),
            )
        }),
    );
    section(
        &mut out,
        "Types",
        log.type_changes.iter().map(|change| {
            let property = change.property.as_deref().map(escape_markdown).unwrap_or_default();
            let old = change.old.as_deref().map(escape_markdown).unwrap_or_default();
            let new = change.new.as_deref().map(escape_markdown).unwrap_or_default();
            let what = match change.change {
                TypeChangeKind::TypeAdded => format!("added ({new})"),
                TypeChangeKind::TypeRemoved => format!("removed (was {old})"),
                TypeChangeKind::TypeRenamed => format!("renamed in Rust from {old} to {new}"),
                TypeChangeKind::PropertyAdded => format!("property {property} added ({new})"),
                TypeChangeKind::PropertyRemoved => format!("property {property} removed (was {old})"),
                TypeChangeKind::PropertyRetyped => format!("property {property} retyped from {old} to {new}"),
                TypeChangeKind::MemberAdded => format!("member {property} added"),
                TypeChangeKind::MemberRemoved => format!("member {property} removed"),
            };
            format!(
                "- {}{} ({}, {}): {what}",
                tag(change.breaking),
                escape_markdown(&change.type_name),
                escape_markdown(&change.version),
                escape_markdown(&change.page),
            )
        }),
    );
    section(
        &mut out,
        "Addressing, statuses, headers, query parameters and bodies",
        log.operation_changes.iter().map(|change| {
            let name = escape_markdown(&change.name);
            let old = change.old.as_deref().map(escape_markdown).unwrap_or_else(|| "none".into());
            let new = change.new.as_deref().map(escape_markdown).unwrap_or_else(|| "none".into());
            let what = match change.change {
                OperationChangeKind::AlternativeAdded => format!("path {name} added"),
                OperationChangeKind::AlternativeRemoved => format!("path {name} removed"),
                OperationChangeKind::StatusAdded => format!("status {name} added ({new})"),
                OperationChangeKind::StatusRemoved => format!("status {name} removed (was {old})"),
                OperationChangeKind::StatusRetyped => format!("status {name} retyped from {old} to {new}"),
                OperationChangeKind::HeaderAdded => format!("header {name} added"),
                OperationChangeKind::HeaderRemoved => format!("header {name} removed"),
                OperationChangeKind::HeaderNowRequired => format!("header {name} now required by the docs"),
                OperationChangeKind::HeaderNowOptional => format!("header {name} now optional"),
                OperationChangeKind::QueryParameterAdded => format!("query parameter {name} added"),
                OperationChangeKind::QueryParameterRemoved => format!("query parameter {name} removed"),
                OperationChangeKind::BodyRetyped => format!("request body retyped from {old} to {new}"),
            };
            format!(
                "- {}{} {} ({}, {}): {what}",
                tag(change.breaking),
                escape_markdown(&change.method),
                escape_markdown(&change.template),
                escape_markdown(&change.version),
                escape_markdown(&change.page),
            )
        }),
    );
    out
}

/// A `####` section with its item count, or nothing when it has no item.
fn section(out: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n#### {title} ({})\n", items.len());
    for item in items {
        out.push_str(&item);
        out.push('\n');
    }
}
