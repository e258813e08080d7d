//! One permission set per group of paths: pages that give a table per addressing alternative ("For users:",
//! "### Permissions for chat", a table under each provider) keep each table's scopes with the paths it is for.
//!
//! A table is matched to paths by words, in any language: the words of its label (ASCII words, stems of words
//! of other alphabets, pairs of characters in scripts without spaces) found in a path's template or in the line
//! that introduces the path in the "HTTP request" section. A word every path has (`management` in
//! `/roleManagement/...`) tells nothing. Each path goes to the one table that names the most of its words, and to
//! none on a tie; when a single table is left without paths, the paths no table named are its.

use super::ctx::Ctx;
use super::markdown::BlockKind;
use super::permissions::TableScopes;
use crate::diagnostics::Code;
use crate::ir::{HttpPath, PermissionSet};
use compact_str::CompactString;
use std::collections::BTreeSet;

/// The permission sets of a page whose permission tables differ, each with the templates of its paths; empty when
/// the page has fewer than two tables naming scopes, when one of them has no heading or line above it, or when
/// they all give the same scopes.
pub fn permission_sets(ctx: &mut Ctx, paths: &[HttpPath], tables: Vec<TableScopes>) -> Vec<PermissionSet> {
    let tables: Vec<TableScopes> = tables.into_iter().filter(|table| !table.permissions.is_empty()).collect();
    // A table with nothing above it continues the one before (a page's rows after an included table).
    let unlabelled = tables.iter().any(|table| table.label.is_empty());
    if tables.len() < 2 || unlabelled || tables.iter().all(|table| table.permissions == tables[0].permissions) {
        return Vec::new();
    }
    // Words every label has (`for`, `provider`) add the same to every table's score: they change no choice.
    let label_words: Vec<BTreeSet<String>> = tables.iter().map(|table| words(&table.label)).collect();
    let texts: Vec<String> = paths.iter().map(|path| path_text(ctx, path)).collect();
    let in_every_path = |word: &str| texts.len() > 1 && texts.iter().all(|text| text.contains(word));
    let mut sets: Vec<PermissionSet> = tables
        .into_iter()
        .map(|table| PermissionSet { label: table.label.into(), paths: Vec::new(), permissions: table.permissions })
        .collect();
    let mut unassigned = Vec::new();
    for (path, text) in paths.iter().zip(&texts) {
        let scores: Vec<usize> = label_words
            .iter()
            .map(|words| words.iter().filter(|word| !in_every_path(word) && text.contains(word.as_str())).count())
            .collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        if best == 0 || scores.iter().filter(|&&score| score == best).count() > 1 {
            unassigned.push(path);
            continue;
        }
        let Some(set) = scores.iter().position(|&score| score == best).and_then(|index| sets.get_mut(index)) else {
            continue;
        };
        let template = CompactString::from(path.template.as_str());
        if !set.paths.contains(&template) {
            set.paths.push(template);
        }
    }
    // One table left without paths while every other has some ("acting on self" beside "acting on other
    // users", the `/me` paths): it is for the paths no other table named.
    let mut empty = sets.iter_mut().filter(|set| set.paths.is_empty());
    if let (Some(last), None) = (empty.next(), empty.next()) {
        for path in unassigned {
            let template = CompactString::from(path.template.as_str());
            if !last.paths.contains(&template) {
                last.paths.push(template);
            }
        }
    }
    let offset = ctx.section("permissions").map_or(0, |section| ctx.blocks[section.heading].range.start);
    for set in sets.iter().filter(|set| set.paths.is_empty()) {
        let message = format!(
            "the permissions table under `{}` names none of the page's paths; its scopes count for every path",
            set.label
        );
        ctx.report(Code::PermissionSetUnmatched, offset, message);
    }
    sets
}

/// A path's template and the line introducing it, in lower case: what a label's words are looked for in.
fn path_text(ctx: &Ctx, path: &HttpPath) -> String {
    let mut text = path.template.to_lowercase().to_string();
    if let Some(lead_in) = lead_in(ctx, path.line) {
        text.push(' ');
        text.push_str(&lead_in.to_lowercase());
    }
    text
}

/// The paragraph or heading right above the block (of an "HTTP request" section) that holds line `line`,
/// annotation comments aside: "Get a message in a chat:", "**For a group**".
fn lead_in<'c>(ctx: &'c Ctx, line: u32) -> Option<&'c str> {
    for section in ctx.sections_with("http-request") {
        let body = section.body.clone();
        let holding = body.clone().find(|&index| {
            let range = &ctx.blocks[index].range;
            ctx.line_of(range.start) <= line && line <= ctx.line_of(range.end.saturating_sub(1).max(range.start))
        });
        let Some(holding) = holding else { continue };
        for index in (body.start..holding).rev() {
            match &ctx.blocks[index].kind {
                BlockKind::Comment { .. } => continue,
                BlockKind::Text { text, .. } | BlockKind::Heading { text, .. } => return Some(text),
                _ => return None,
            }
        }
        return None;
    }
    None
}

/// The words of a label, in lower case: ASCII words of three letters or more without a plural `s`
/// (`applications` is looked for as `application`); the first five letters of longer words of other alphabets
/// (`каналов` and `канале` share `канал`); every pair of neighbouring characters of scripts written without
/// spaces (Chinese, Japanese, Korean), short enough to recur in a translated lead-in line.
fn words(label: &str) -> BTreeSet<String> {
    let lower = label.to_lowercase();
    let mut found = BTreeSet::new();
    for run in lower.split(|c: char| !c.is_alphanumeric()).filter(|run| !run.is_empty()) {
        if run.is_ascii() {
            if run.len() >= 3 {
                let stem = if run.len() > 3 { run.strip_suffix('s').unwrap_or(run) } else { run };
                found.insert(stem.to_owned());
            }
            continue;
        }
        let chars: Vec<char> = run.chars().collect();
        if chars.iter().any(|&c| written_without_spaces(c)) {
            found.extend(chars.windows(2).map(|pair| pair.iter().collect::<String>()));
        } else if chars.len() >= 4 {
            found.insert(chars.iter().take(5).collect());
        }
    }
    found
}

/// Han ideographs, kana and Hangul: scripts whose words are not set apart by spaces.
fn written_without_spaces(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_are_ascii_stems_and_character_pairs() {
        let found = words("For applications:");
        assert!(found.contains("application") && found.contains("for"));
        let chinese = words("对于聊天");
        assert!(chinese.contains("聊天") && chinese.contains("对于"));
        assert!(words("ab 聊").is_empty());
        let russian = words("Для каналов");
        assert!(russian.contains("канал") && !russian.contains("для"));
    }
}
