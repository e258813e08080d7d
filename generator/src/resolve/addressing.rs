//! The addressing of an operation: one constructor per documented path, its parameters and how each piece of
//! the path is rendered.

use super::model::{Constructor, Piece};
use super::names::{fold, path_parameter, repeated_parameter, snake_case, Case, Namespace, Place, Renamed};
use super::report_rename;
use crate::diagnostics::Diagnostic;
use crate::ir::{HttpPath, Page, Segment, TemplatePart};
use compact_str::CompactString;

/// One constructor per path, named in `methods` (the builder's namespace) before any setter.
///
/// The naming scheme, meant to be guessed from the path alone:
/// - a path's parameters, named by [`path_parameter`] and joined by `_and_` after `by_`:
///   `/users/{id}/messages/{id}` -> `by_user_id_and_message_id`; a path without parameters is `new`;
/// - a path under `/me` starts with `me`: `/me/messages` -> `me`, `/me/messages/{id}` -> `me_by_message_id`;
/// - alternatives that still share a name are told apart by the first of their literal segments that the others
///   lack (as many as it takes), in front of `by_`: `/drives/{id}/root/children` and `/drives/{id}/special/children`
///   -> `root_by_drive_id`, `special_by_drive_id` (a path that lacks none keeps the plain name); without
///   parameters the words alone (`root`, `me_special`), or with `_new` when those are taken;
/// - only alternatives whose literal segments are the same (and reserved names) are numbered (`_2`).
pub fn constructors(
    paths: &[&HttpPath],
    methods: &mut Namespace,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Constructor> {
    // The same template twice (one path with different queries, or in another letter case, which Graph's paths
    // ignore) is one constructor.
    let mut templates: Vec<String> = Vec::new();
    let paths: Vec<&HttpPath> = paths
        .iter()
        .copied()
        .filter(|path| {
            let template = path.template.to_string().to_ascii_lowercase();
            let first = !templates.contains(&template);
            templates.push(template);
            first
        })
        .collect();
    let mut built: Vec<Constructor> = paths.iter().map(|path| constructor(path, page, diagnostics)).collect();
    let words: Vec<Vec<String>> = paths.iter().map(|path| literal_words(path)).collect();
    let wanted: Vec<String> = (0..built.len())
        .map(|index| {
            let same: Vec<usize> =
                (0..built.len()).filter(|&other| fold(&built[other].name) == fold(&built[index].name)).collect();
            let distinct = if same.len() > 1 { distinguishing(index, &same, &words) } else { Vec::new() };
            told_apart(&built[index].name, under_me(paths[index]), &distinct, methods)
        })
        .collect();
    for (constructor, wanted) in built.iter_mut().zip(wanted) {
        let claimed = methods.claim(&wanted);
        // Numbering alternatives that still share a name is ordinary; only a reserved name is worth a word.
        if claimed.renamed == Some(Renamed::Reserved) {
            report_rename(diagnostics, &claimed, "constructor", &wanted, page, "http-request");
        }
        constructor.name = claimed.name;
    }
    built
}

/// The snake case words of a path's literal pieces in order (segments, keys' and functions' names and the
/// functions' argument names, casts' last part, `$value` as `value`), without the leading `me`, which the base
/// name has. A piece without an ASCII letter or digit (`...`) is no word.
fn literal_words(path: &HttpPath) -> Vec<String> {
    let skip = usize::from(under_me(path));
    let mut names: Vec<&str> = Vec::new();
    for segment in path.segments.iter().skip(skip) {
        match segment {
            Segment::Literal { value } => names.push(value),
            Segment::Key { name, .. } | Segment::System { name } => names.push(name),
            Segment::Function { name, params } => {
                names.push(name);
                names.extend(params.iter().map(|(argument, _)| argument.as_str()));
            }
            Segment::Cast { type_name } => names.push(type_name.rsplit('.').next().unwrap_or(type_name)),
            Segment::Param { .. } | Segment::ItemPath { .. } | Segment::Mixed { .. } => {}
        }
    }
    names.into_iter().filter(|name| name.chars().any(|c| c.is_ascii_alphanumeric())).map(snake_case).collect()
}

/// Whether a path addresses the signed-in user's resources (`/me/...`).
fn under_me(path: &HttpPath) -> bool {
    matches!(path.segments.first(), Some(Segment::Literal { value }) if value.eq_ignore_ascii_case("me"))
}

/// The fewest leading words of `index`'s literal words that the others of `same` lack, that no other of `same`
/// shares as a whole: the words all of `same` have are skipped first. Words are compared folded, as the names
/// made of them are (`contactFolders` and `contactfolders` are one word).
fn distinguishing(index: usize, same: &[usize], words: &[Vec<String>]) -> Vec<String> {
    let folded: Vec<Vec<String>> = words.iter().map(|member| member.iter().map(|word| fold(word)).collect()).collect();
    let own = |member: usize| -> Vec<usize> {
        let mut distinct: Vec<usize> = Vec::new();
        for (at, word) in folded[member].iter().enumerate() {
            let common = same.iter().all(|&other| folded[other].contains(word));
            if !common && !distinct.iter().any(|&earlier| folded[member][earlier] == *word) {
                distinct.push(at);
            }
        }
        distinct
    };
    let key = |member: usize, positions: &[usize]| -> Vec<String> {
        positions.iter().map(|&at| folded[member][at].clone()).collect()
    };
    let mine = own(index);
    let theirs: Vec<Vec<String>> =
        same.iter().filter(|&&other| other != index).map(|&other| key(other, &own(other))).collect();
    let take = (1..=mine.len())
        .find(|&take| {
            let prefix = key(index, &mine[..take]);
            theirs.iter().all(|other| other.get(..take) != Some(&prefix[..]))
        })
        .unwrap_or(mine.len());
    mine[..take].iter().map(|&at| words[index][at].clone()).collect()
}

/// The base name (`new`, `me`, `by_..`, `me_by_..`) with the distinguishing words `distinct` put after `me` and
/// before `by_`. Words alone that are taken or reserved among the builder's methods get `_new`.
fn told_apart(base: &str, me: bool, distinct: &[String], methods: &Namespace) -> String {
    if distinct.is_empty() {
        return base.to_owned();
    }
    let words = distinct.join("_");
    let rest = if me { base.strip_prefix("me").unwrap_or(base).trim_start_matches('_') } else { base };
    let rest = if rest == "new" { "" } else { rest };
    let me = if me { "me_" } else { "" };
    if rest.is_empty() {
        let alone = format!("{me}{words}");
        if methods.contains(&alone) {
            format!("{alone}_new")
        } else {
            alone
        }
    } else {
        format!("{me}{words}_{rest}")
    }
}

fn constructor(path: &HttpPath, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Constructor {
    let mut params = Params { names: Namespace::new(Case::Snake), given: Vec::new(), page, diagnostics };
    let mut pieces: Vec<Piece> = Vec::new();
    for (index, segment) in path.segments.iter().enumerate() {
        // A parameter right after a literal segment (`users/{id}`) is a key into that collection.
        let collection = match index.checked_sub(1).and_then(|previous| path.segments.get(previous)) {
            Some(Segment::Literal { value }) => Place::Key(value.as_str()),
            _ => Place::Other,
        };
        match segment {
            Segment::Literal { value } | Segment::Cast { type_name: value } | Segment::System { name: value } => {
                push_literal(&mut pieces, &format!("/{value}"))
            }
            Segment::Param { names } => {
                push_literal(&mut pieces, "/");
                pieces.push(Piece::Segment(add_param(names, collection, &mut params)));
            }
            Segment::ItemPath { prefix, path } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, prefix, collection, &mut params);
                push_literal(&mut pieces, ":/");
                for part in path {
                    match part {
                        TemplatePart::Literal(text) => push_literal(&mut pieces, text),
                        TemplatePart::Param(names) => {
                            pieces.push(Piece::ItemPath(add_param(names, Place::Other, &mut params)))
                        }
                    }
                }
                push_literal(&mut pieces, ":");
            }
            Segment::Key { name, key } => {
                push_literal(&mut pieces, &format!("/{name}("));
                push_parts(&mut pieces, key, Place::Key(name), &mut params);
                push_literal(&mut pieces, ")");
            }
            Segment::Function { name, params: arguments } => {
                push_literal(&mut pieces, &format!("/{name}("));
                for (index, (argument, value)) in arguments.iter().enumerate() {
                    push_literal(&mut pieces, &format!("{}{argument}=", if index > 0 { "," } else { "" }));
                    push_parts(&mut pieces, value, Place::Argument(argument), &mut params);
                }
                push_literal(&mut pieces, ")");
            }
            Segment::Mixed { parts } => {
                push_literal(&mut pieces, "/");
                push_parts(&mut pieces, parts, Place::Other, &mut params);
            }
        }
    }
    let params = params.given;
    let unraw: Vec<&str> = params.iter().map(|name| name.strip_prefix("r#").unwrap_or(name)).collect();
    let by = format!("by_{}", unraw.join("_and_"));
    let name = match (under_me(path), params.is_empty()) {
        (false, true) => "new".to_owned(),
        (false, false) => by,
        (true, true) => "me".to_owned(),
        (true, false) => format!("me_{by}"),
    };
    Constructor { name, template: path.template.to_string(), params, pieces }
}

/// A constructor's parameters as they are named: each in the constructor's own namespace.
struct Params<'a> {
    names: Namespace,
    given: Vec<String>,
    page: &'a Page,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// Adds a parameter named after the first of its alternative names, or after its `place` when that name is
/// generic or given already ([`path_parameter`], [`repeated_parameter`]); returns its index.
fn add_param(names: &[CompactString], place: Place, params: &mut Params) -> usize {
    let original = names.first().map_or("value", CompactString::as_str);
    let mut wanted = path_parameter(original, place);
    // Given to an earlier parameter, not reserved: a reserved name is renamed with a word, as everywhere.
    if params.given.iter().any(|given| fold(given) == fold(&wanted)) {
        if let Some(repeated) = repeated_parameter(original, place).filter(|name| !params.names.contains(name)) {
            wanted = repeated;
        }
    }
    let claimed = params.names.claim(&wanted);
    // The same name twice in one path (`/users/{id}/users/{id}`) is how the docs write it: the second is
    // `user_id_2` without a word. Two names that only fold alike, or a reserved one, are worth one.
    let repeated = matches!(&claimed.renamed, Some(Renamed::Collides(earlier)) if *earlier == wanted);
    if !repeated {
        report_rename(params.diagnostics, &claimed, "path parameter", original, params.page, "http-request");
    }
    params.given.push(claimed.name);
    params.given.len() - 1
}

/// Parts inside parentheses: a parameter right after a `'` is an OData string literal (quotes doubled).
fn push_parts(pieces: &mut Vec<Piece>, parts: &[TemplatePart], place: Place, params: &mut Params) {
    for part in parts {
        match part {
            TemplatePart::Literal(text) => push_literal(pieces, text),
            TemplatePart::Param(names) => {
                let quoted = matches!(pieces.last(), Some(Piece::Literal(text)) if text.ends_with('\''));
                let index = add_param(names, place, params);
                pieces.push(if quoted { Piece::Quoted(index) } else { Piece::Segment(index) });
            }
        }
    }
}

fn push_literal(pieces: &mut Vec<Piece>, text: &str) {
    match pieces.last_mut() {
        Some(Piece::Literal(previous)) => previous.push_str(text),
        _ => pieces.push(Piece::Literal(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::path::parse_template;

    /// The constructors of one page whose paths are `templates`, with their parameters, and the diagnostics.
    fn named(templates: &[&str]) -> (Vec<(String, Vec<String>)>, Vec<Diagnostic>) {
        let paths: Vec<HttpPath> = templates
            .iter()
            .map(|template| {
                let parsed = parse_template(template);
                HttpPath {
                    method: "GET".into(),
                    template: parsed.to_string().into(),
                    segments: parsed.segments,
                    query: parsed.query,
                    line: 1,
                }
            })
            .collect();
        let page = Page { path: "api/hand-written.md".into(), ..Page::default() };
        let mut diagnostics = Vec::new();
        let mut methods = Namespace::new(Case::Snake).reserving(super::super::names::RESERVED_METHODS);
        let refs: Vec<&HttpPath> = paths.iter().collect();
        let built = constructors(&refs, &mut methods, &page, &mut diagnostics);
        (built.into_iter().map(|constructor| (constructor.name, constructor.params)).collect(), diagnostics)
    }

    fn names(templates: &[&str]) -> Vec<String> {
        named(templates).0.into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn parameters_are_named_after_their_collection() {
        let (built, diagnostics) = named(&["/users/{id | userPrincipalName}/messages/{id}/attachments/{id}"]);
        let params = vec!["user_id".to_owned(), "message_id".to_owned(), "attachment_id".to_owned()];
        assert_eq!(built, vec![("by_user_id_and_message_id_and_attachment_id".to_owned(), params)]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        // A descriptive docs name stays; a generic one after no literal keeps its docs name.
        assert_eq!(names(&["/drives/{drive-id}/items/{parent-id}/children"]), ["by_drive_id_and_parent_id"]);
        assert_eq!(
            names(&["/policies/{id}/entries/{id}/addresses/{id}"]),
            ["by_policy_id_and_entry_id_and_address_id"]
        );
        assert_eq!(names(&["/sites/{site-id}/charts/{name}"]), ["by_site_id_and_chart_name"]);
        assert_eq!(names(&["/range(address='{address}')"]), ["by_address"]);
        assert_eq!(names(&["/range/resized(deltaRows={n},deltaColumns={n})"]), ["by_delta_rows_and_delta_columns"]);
    }

    #[test]
    fn a_docs_name_used_twice_is_named_after_its_place() {
        let built = names(&["/templates/{templateId}/migratableTo/{templateId}"]);
        assert_eq!(built, ["by_template_id_and_migratable_to_id"]);
        // The same collection twice leaves nothing to tell the two apart but a number.
        assert_eq!(names(&["/users/{id}/users/{id}"]), ["by_user_id_and_user_id_2"]);
    }

    #[test]
    fn me_paths_are_named_as_such() {
        let built = names(&["/me/messages", "/users/{id}/messages", "/me/mailFolders/{id}/messages/{id}"]);
        assert_eq!(built, ["me", "by_user_id", "me_by_mail_folder_id_and_message_id"]);
    }

    #[test]
    fn alternatives_are_told_apart_by_their_literal_segments() {
        let built = names(&[
            "/drives/{drive-id}/root/children",
            "/drives/{drive-id}/special/children",
            "/drives/{drive-id}/children",
            "/security/alerts",
            "/security/alerts_v2",
            "/me/events/{id}",
            "/me/calendar/events/{id}",
            "/me/events/{id}/$value",
        ]);
        let expected = [
            "root_by_drive_id",
            "special_by_drive_id",
            "by_drive_id",
            "alerts",
            "alerts_v2",
            "me_by_event_id",
            "me_calendar_by_event_id",
            "me_value_by_event_id",
        ];
        assert_eq!(built, expected);
        // Words that fold alike are one word; a path in another letter case is the same path.
        assert_eq!(
            names(&["/me/contactfolders/{id}", "/me/contactFolders/{id}/contacts"]),
            ["me_by_contactfolder_id", "me_contacts_by_contact_folder_id"]
        );
        assert_eq!(names(&["/groups/{id}/senders/$ref", "/groups/{id}/Senders/$ref"]), ["by_group_id"]);
        // Words alone that are a builder's method get `_new`.
        assert_eq!(names(&["/x/filter", "/x/sort"]), ["filter_new", "sort"]);
    }

    #[test]
    fn hostile_segments_and_parameters_stay_identifiers_and_unique() {
        let (built, diagnostics) =
            named(&["/self/{id}/type/{id}/{self}/{type}", "/用户/{id}/r#x/{标识}", "/2fa/{id}/__/{id}", "/fn/{crate}"]);
        let names: Vec<&str> = built.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "by_self_id_and_type_id_and_self_2_and_type",
                "by_value_id_and_r_x_id",
                "by__2fa_id_and_value_id",
                "by_crate_2",
            ]
        );
        let params: Vec<&Vec<String>> = built.iter().map(|(_, params)| params).collect();
        assert_eq!(params[0], &["self_id", "type_id", "self_2", "r#type"]);
        assert_eq!(params[2], &["_2fa_id", "value_id"]);
        for name in built.iter().flat_map(|(name, params)| std::iter::once(name).chain(params)) {
            assert!(syn::parse_str::<syn::Ident>(name).is_ok(), "{name}");
        }
        // `self` and `crate` cannot be raw: renamed, with a word each.
        let reserved =
            diagnostics.iter().filter(|diagnostic| diagnostic.code == crate::diagnostics::Code::NameReserved);
        assert_eq!(reserved.count(), 2, "{diagnostics:?}");
    }
}
