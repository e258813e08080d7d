//! One API page to one operation: names, constructors per addressing alternative, headers, body, responses.

use super::addressing::constructors;
use super::bodies::body_type;
use super::examples::{resolve_example, Untested};
use super::model::{Operation, Version};
use super::names::{snake_case, upper_camel_case, Case, Namespace, RESERVED_METHODS};
use super::responses::responses;
use super::setters::{headers, query_setters};
use super::{report, report_rename};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{HttpPath, Page, Segment};
use std::collections::BTreeMap;

/// The names already given in a version: operation types, models and replay tests (tests of all versions share
/// one file).
#[derive(Debug)]
pub struct Names {
    /// Operation types; their modules are their snake case, so folded names that differ are distinct modules.
    pub operations: Namespace,
    /// The `models` module's types (enums and models took theirs first).
    pub types: Namespace,
    pub tests: Vec<String>,
    /// Request body types inferred from examples, to add to the version's models.
    pub inferred: Vec<super::model::Model>,
    /// Examples whose method or URL fits no template: (page, line).
    pub untested: Vec<(String, u32)>,
}

/// The operation of an API page, or None (with a note) when the page has no path to call.
pub fn operation(
    page: &Page,
    version: &Version,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Operation> {
    let Some(documented) = page.operations.first().filter(|operation| !operation.paths.is_empty()) else {
        report(
            diagnostics,
            Code::OperationSkipped,
            &page.path,
            1,
            "no `METHOD /path` to generate a builder from".into(),
        );
        return None;
    };
    let method = documented.paths[0].method.to_string();
    let paths: Vec<&HttpPath> = documented.paths.iter().filter(|path| path.method == method).collect();
    let wanted = type_name(page, paths[0], version);
    let claimed = names.operations.claim(&wanted);
    report_rename(diagnostics, &claimed, "operation", &wanted, page, "http-request");
    let type_name = claimed.name;
    // Unique and unreserved folded, as its type is; a keyword (`type`) is written raw.
    let module = super::names::identifier(&snake_case(&type_name));
    let mut methods = Namespace::new(Case::Snake).reserving(RESERVED_METHODS);
    let mut operation = Operation {
        module,
        type_name,
        title: page.title.as_deref().unwrap_or_default().to_owned(),
        description: page.description.as_deref().unwrap_or_default().to_owned(),
        method,
        constructors: constructors(&paths, &mut methods, page, diagnostics),
        query_parameters: Vec::new(),
        headers: headers(documented, &mut methods, page, diagnostics),
        body: None,
        body_source: None,
        responses: Vec::new(),
        retry_statuses: documented
            .error_handling
            .iter()
            .flat_map(|handling| &handling.statuses)
            .copied()
            .filter(|&status| status == 429 || status >= 500)
            .collect(),
        permissions: documented.permissions.clone(),
        path_permissions: Vec::new(),
        examples: Vec::new(),
        page: page.path.to_string(),
        feature: feature_of(page, diagnostics),
    };
    operation.path_permissions = super::path_permissions::per_constructor(documented, &operation.constructors);
    operation.query_parameters = query_setters(documented, &mut methods, page, diagnostics);
    if let Some((ty, source, built)) = body_type(page, documented, &operation, version, &mut names.types, diagnostics) {
        (operation.body, operation.body_source) = (Some(ty), Some(source));
        names.inferred.extend(built);
    }
    operation.responses = responses(page, documented, version, diagnostics);
    Some(operation)
}

/// Binds the page's examples to `operation`, once every model of the version (body structs included) is known.
pub fn resolve_examples(
    page: &Page,
    operation: &mut Operation,
    version: &Version,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(documented) = page.operations.first() else { return };
    for example in &documented.examples {
        match resolve_example(page, example, operation, version, &mut names.tests, diagnostics) {
            Ok(resolved) => operation.examples.push(resolved),
            Err(Untested::NoTemplate) => names.untested.push((page.path.to_string(), example.request.line)),
            Err(Untested::OtherHost) => {}
        }
    }
}

/// The operation's type name from its file stem, never from the title (which is translated), each word of the
/// stem cased as the docs case it: as a segment of the path (`createUploadSession`) or a model or an enum of the
/// version (`driveItem`), the one with more capitals when they differ (`activitystatistics` in a path,
/// `activityStatistics` the model); a word that is such a name followed by a plural `s` or another such name is
/// cased piece by piece (`conversationmembers` -> `ConversationMembers`); any other word is capitalised.
/// `driveitem-createuploadsession` is `DriveItemCreateUploadSession` when the version documents `driveItem`,
/// `DriveitemCreateUploadSession` when not.
fn type_name(page: &Page, path: &HttpPath, version: &Version) -> String {
    let file = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let segments = path.segments.iter().filter_map(|segment| match segment {
        Segment::Literal { value } => Some(value.as_str()),
        Segment::Function { name, .. } | Segment::Key { name, .. } => Some(name.as_str()),
        _ => None,
    });
    let documented = version
        .models
        .iter()
        .map(|model| model.wire_name.as_str())
        .chain(version.enums.iter().map(|found| found.wire_name.as_str()));
    let mut casing: BTreeMap<String, &str> = BTreeMap::new();
    for name in segments.chain(documented) {
        let capitals = |name: &str| name.chars().filter(char::is_ascii_uppercase).count();
        let entry = casing.entry(folded(name)).or_insert(name);
        if capitals(name) > capitals(entry) {
            *entry = name;
        }
    }
    let words = stem.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty());
    let cased: Vec<String> = words.map(|word| cased_word(word, &casing, 2)).collect();
    upper_camel_case(&cased.join("-"))
}

/// `word` as `casing` writes it, or as a known name of at least four characters followed by `s`, `es` or (up to
/// `depth` times) another known word; else unchanged.
fn cased_word(word: &str, casing: &BTreeMap<String, &str>, depth: usize) -> String {
    let key = folded(word);
    if let Some(known) = casing.get(&key) {
        return (*known).to_owned();
    }
    for split in (4..key.len()).rev() {
        let (head, rest) = key.split_at(split);
        let Some(known) = casing.get(head) else { continue };
        if rest == "s" || rest == "es" {
            return format!("{known}{rest}");
        }
        if depth > 0 {
            let tail = cased_word(rest, casing, depth - 1);
            if tail != rest {
                return format!("{known}-{tail}");
            }
        }
    }
    word.to_owned()
}

/// A name folded for matching a stem's word: ASCII letters and digits, lower case.
fn folded(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Features a generated crate has whatever its areas, and the names of its dependencies (which cargo keeps
/// apart from features only in part): an area cannot take them.
const RESERVED_FEATURES: &[&str] =
    &["default", "full", "blocking", "async", "azure", "rustls", "replay", "graphdoc-runtime"];

/// The cargo feature of a page: its workload area (`ms.prod`, else `ms.subservice`) in lower case, with every
/// character but ASCII letters and digits written `-` (cargo takes those; TOML and `cfg` need no quoting). An
/// area that loses characters that way, or that is one of the crate's own features, is reported.
fn feature_of(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> String {
    let area = ["ms.prod", "ms.subservice"]
        .iter()
        .find_map(|key| page.front_matter.get(*key).filter(|value| !value.trim().is_empty()));
    let Some(area) = area.map(|area| area.trim()) else { return "other".to_owned() };
    let lower = area.to_ascii_lowercase();
    let name: String = lower.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let name = name.trim_matches('-').to_owned();
    let (feature, why) = if name.is_empty() {
        ("other".to_owned(), "has no ASCII letter or digit")
    } else if RESERVED_FEATURES.contains(&name.as_str()) {
        (format!("{name}-area"), "is one of the crate's own features")
    } else if name != lower.replace(' ', "-") {
        (name, "is no cargo feature name")
    } else {
        return name;
    };
    let message = format!("area `{}` {why}; named `{feature}`", area.escape_debug());
    report(diagnostics, Code::FeatureRenamed, &page.path, 1, message);
    feature
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::path::parse_template;

    fn named(stem: &str, template: &str, models: &[&str]) -> String {
        let parsed = parse_template(template);
        let path = HttpPath {
            method: "POST".into(),
            template: parsed.to_string().into(),
            segments: parsed.segments,
            query: None,
            line: 1,
        };
        let page = Page { path: format!("api/{stem}.md").into(), ..Page::default() };
        let model = |name: &&str| super::super::model::Model {
            wire_name: (*name).to_owned(),
            rust_name: upper_camel_case(name),
            description: String::new(),
            fields: Vec::new(),
            pages: Vec::new(),
            open: false,
            features: Vec::new(),
        };
        let version = Version { models: models.iter().map(model).collect(), ..Version::default() };
        type_name(&page, &path, &version)
    }

    #[test]
    fn types_are_cased_as_the_docs_case_the_resource() {
        let path = "/me/drive/items/{id}/createUploadSession";
        assert_eq!(named("driveitem-createuploadsession", path, &["driveItem"]), "DriveItemCreateUploadSession");
        // Nothing to go by: the stem, capitalised.
        assert_eq!(named("driveitem-createuploadsession", path, &[]), "DriveitemCreateUploadSession");
        // A path written in lower case loses to the model's capitals; a plural keeps the model's.
        assert_eq!(
            named("activitystatistics-list", "/me/activitystatistics", &["activityStatistics"]),
            "ActivityStatisticsList"
        );
        assert_eq!(
            named("conversationmembers-add", "/teams/{id}/members/add", &["conversationMember"]),
            "ConversationMembersAdd"
        );
        assert_eq!(
            named("chatmessage-hostedcontents", "/x", &["chatMessage", "hostedContent"]),
            "ChatMessageHostedContents"
        );
        // Hostile model names never leave an identifier's characters.
        assert_eq!(named("thing-get", "/things", &["th\"ing\n", "thi ng"]), "ThIngGet");
    }
}
