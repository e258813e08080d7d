//! Permission tables of every shape, and includes, read through whole pages.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Permissions;
use crate::parse::{parse_page, Docs};
use crate::DocsTree;

pub(super) const PAGE: &str = "api/v1.0/api/thing-get.md";

pub(super) fn page(permissions: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Permissions\n\n{permissions}\n\n## HTTP request\n\n\
         ```http\nGET /things/{{id}}\n```\n"
    )
}

fn parse_with(files: &[(&str, &str)], permissions: &str) -> (Permissions, Vec<Diagnostic>) {
    let source = page(permissions);
    let mut all: Vec<(String, String)> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    all.push((PAGE.to_owned(), source.clone()));
    let tree = DocsTree::from_files(all);
    let (page, diagnostics) = parse_page(PAGE, &source, &tree);
    let permissions = page.operations.first().map(|operation| operation.permissions.clone()).unwrap_or_default();
    (permissions, diagnostics)
}

pub(super) fn parse(permissions: &str) -> (Permissions, Vec<Diagnostic>) {
    parse_with(&[], permissions)
}

pub(super) fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
}

pub(super) fn list(scopes: &[&str]) -> Vec<String> {
    scopes.iter().map(|scope| scope.to_string()).collect()
}

#[test]
fn old_inline_table() {
    let (found, diagnostics) = parse(
        "|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
         |Delegated (work or school account)|Files.Read, Files.ReadWrite, Files.Read|\n\
         |Delegated (personal Microsoft account)|Not supported.|\n|Application|`Files.Read.All`|\n\
         [!INCLUDE [teamwork-permissions-note](../../includes/teamwork-permissions-note.md)]",
    );
    assert_eq!(found.delegated_work, list(&["Files.Read", "Files.ReadWrite"]));
    assert!(found.delegated_personal.is_empty());
    assert_eq!(found.application, list(&["Files.Read.All"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn most_privileged_first_is_reversed_and_sub_rows_belong_to_their_kind() {
    let (found, diagnostics) = parse(
        "|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n\
         |Delegated (work or school account)||\n\
         | &nbsp; &nbsp; **Application management** | Apps.ReadWrite.All, Apps.Read.All|\n\
         | &nbsp; &nbsp; **Policy Set** | | Policy.ReadWrite.All|\n\
         |Delegated (personal Microsoft account)|Not supported.|\n|Application||\n\
         | &nbsp; &nbsp; **Policy Set** | Policy.ReadWrite.All, Policy.Read.All|",
    );
    assert_eq!(found.delegated_work, list(&["Apps.Read.All", "Apps.ReadWrite.All", "Policy.ReadWrite.All"]));
    assert_eq!(found.application, list(&["Policy.Read.All", "Policy.ReadWrite.All"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_stated_order_contradicted_by_the_scopes_is_not_applied() {
    let (found, _) = parse(
        "|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n\
         |Delegated (work or school account)|Tag.Read, Tag.ReadWrite|\n|Application|Tag.ReadWrite.All, Tag.Read.All|",
    );
    assert_eq!(found.delegated_work, list(&["Tag.Read", "Tag.ReadWrite"]));
    assert_eq!(found.application, list(&["Tag.Read.All", "Tag.ReadWrite.All"]));
}

#[test]
fn chinese_table_with_translated_labels_and_separators() {
    let (found, diagnostics) = parse(
        "|权限类型|权限（从最低特权到最高特权）|\n|:--|:--|\n|委派（工作或学校帐户）|A.Read、A.ReadWrite 和 B.Read.All|\n\
         |委派（个人 Microsoft 帐户）|不支持。|\n|应用|C.Read.All，C.ReadWrite.All|",
    );
    assert_eq!(found.delegated_work, list(&["A.Read", "A.ReadWrite", "B.Read.All"]));
    assert_eq!(found.application, list(&["C.Read.All", "C.ReadWrite.All"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn unknown_labels_in_the_usual_order_are_read_by_position() {
    let (found, diagnostics) = parse("|T|P|\n|-|-|\n|Делегированные|A.Read|\n|Личная|B.Read|\n|Приложение|C.Read|");
    assert_eq!(found.delegated_work, list(&["A.Read"]));
    assert_eq!(found.delegated_personal, list(&["B.Read"]));
    assert_eq!(found.application, list(&["C.Read"]));
    // The guessed row is still reported, so the label table can learn the wording.
    assert_eq!(codes(&diagnostics), [Code::PermissionRowUnknown]);
    assert!(diagnostics[0].message.contains("Личная"), "{diagnostics:?}");
}

#[test]
fn unknown_rows_and_invalid_cells_are_reported() {
    let (found, diagnostics) = parse(
        "|Permission type|Permissions|\n|-|-|\n|Delegated (work or school account)|**TODO: Determine scopes**|\n\
         |Something else|X.Read|\n|Application|任务.读取, Tasks.Read.All|",
    );
    assert!(found.delegated_work.is_empty());
    // The middle row of three is read as the personal one, and reported.
    assert_eq!(found.delegated_personal, list(&["X.Read"]));
    assert_eq!(found.application, list(&["Tasks.Read.All"]));
    assert_eq!(
        codes(&diagnostics),
        [Code::PermissionScopeInvalid, Code::PermissionRowUnknown, Code::PermissionScopeInvalid]
    );
    // Each points at its own row: the table starts on line 8 of the page.
    let lines: Vec<u32> = diagnostics.iter().map(|diagnostic| diagnostic.line).collect();
    assert_eq!(lines, [10, 11, 12]);
}

#[test]
fn transposed_tables_read_columns_by_their_header() {
    let (found, diagnostics) = parse(
        "| Calendar | Application | Delegated (work or school account) | Delegated (personal Microsoft account) |\n\
         |:--|:--|:--|:--|\n| user calendar | Cal.Read | Cal.Read, Cal.ReadWrite | Not supported. |\n\
         | group calendar | Not supported. | Group.Read.All | Not supported. |",
    );
    assert_eq!(found.delegated_work, list(&["Cal.Read", "Cal.ReadWrite", "Group.Read.All"]));
    assert!(found.delegated_personal.is_empty());
    assert_eq!(found.application, list(&["Cal.Read"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn separator_with_more_cells_than_the_header_is_still_read() {
    let (found, diagnostics) = parse(
        "|Permission type | Permissions (from least to most privileged) |\n|:---|:---|:---|\n\
         | Delegated (work or school account) | A.Read, A.ReadWrite |\n\
         | Delegated (personal Microsoft account) | Not supported. |\n| Application | `A.Read.All`<br/>A.ReadWrite.All |",
    );
    assert_eq!(found.delegated_work, list(&["A.Read", "A.ReadWrite"]));
    assert_eq!(found.application, list(&["A.Read.All", "A.ReadWrite.All"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn tables_that_are_not_permission_tables_are_reported() {
    let (found, diagnostics) = parse(
        "|Permission type|Permissions|\n|-|-|\n|Application|A.Read.All|\n\n\
         | Context of the calling app | Response contains |\n|-|-|\n\
         | App is calling on behalf of the signed-in user (delegated permission). More text. | Things. |",
    );
    assert_eq!(found.application, list(&["A.Read.All"]));
    assert_eq!(codes(&diagnostics), [Code::PermissionTableUnrecognised]);
}

const TABLE: &str = "---\ndescription: generated\nms.topic: include\n---\n\n\
    |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
    |Delegated (work or school account)|Files.Read|Files.ReadWrite, Sites.Read.All|\n\
    |Delegated (personal Microsoft account)|Files.Read|Not available.|\n|Application|Not supported.|Not supported.|\n";

#[test]
fn included_table_with_front_matter() {
    let (found, diagnostics) = parse_with(
        &[("api/v1.0/includes/permissions/thing-get-permissions.md", TABLE)],
        "<!-- { \"blockType\": \"permissions\", \"name\": \"thing_get\" } -->\n\
         [!INCLUDE [permissions-table](../includes/permissions/thing-get-permissions.md)]",
    );
    assert_eq!(found.delegated_work, list(&["Files.Read", "Files.ReadWrite", "Sites.Read.All"]));
    assert_eq!(found.delegated_personal, list(&["Files.Read"]));
    assert!(found.application.is_empty());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn missing_include_is_reported_and_the_page_has_no_permissions() {
    let (found, diagnostics) = parse("[!INCLUDE [permissions table](../includes/permissions/missing.md)]");
    assert!(found.is_empty());
    assert_eq!(codes(&diagnostics), [Code::IncludeNotFound, Code::NoPermissions]);
    assert!(diagnostics[0].message.contains("api/v1.0/includes/permissions/missing.md"), "{diagnostics:?}");
    assert_eq!((diagnostics[0].file.as_str(), diagnostics[0].line), (PAGE, 8));
}

#[test]
fn include_leaving_the_root_is_refused() {
    let (found, diagnostics) = parse("[!INCLUDE [permissions-table](../../../../outside-permissions.md)]");
    assert!(found.is_empty());
    assert_eq!(codes(&diagnostics), [Code::IncludeOutsideRoot, Code::NoPermissions]);
}

#[test]
fn include_from_the_root_and_nested_includes() {
    let outer = "Intro.\n\n[!INCLUDE [inner permissions](inner-permissions.md)]\n";
    let (found, diagnostics) = parse_with(
        &[("shared/outer-permissions.md", outer), ("shared/inner-permissions.md", TABLE)],
        "[!INCLUDE [permissions-table](/shared/outer-permissions.md)]",
    );
    assert_eq!(found.delegated_personal, list(&["Files.Read"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn include_cycles_are_reported_in_the_including_file() {
    let a = "[!INCLUDE [b](b-permissions.md)]\n";
    let b = "|Permission type|Permissions|\n|-|-|\n|Application|A.Read.All|\n\n[!INCLUDE [a](a-permissions.md)]\n";
    let (found, diagnostics) = parse_with(
        &[("inc/a-permissions.md", a), ("inc/b-permissions.md", b)],
        "[!INCLUDE [a](/inc/a-permissions.md)]",
    );
    assert_eq!(found.application, list(&["A.Read.All"]));
    assert_eq!(codes(&diagnostics), [Code::IncludeCycle]);
    assert_eq!((diagnostics[0].file.as_str(), diagnostics[0].line, diagnostics[0].col), ("inc/b-permissions.md", 5, 1));
}

#[test]
fn a_page_including_itself_is_a_cycle() {
    let (_, diagnostics) = parse("[!INCLUDE [permissions](thing-get.md)]");
    assert!(codes(&diagnostics).contains(&Code::IncludeCycle), "{diagnostics:?}");
}

#[test]
fn diagnostics_about_an_included_table_point_into_it() {
    let bad = "---\nms.topic: include\n---\n|Permission type|Permissions|\n|-|-|\n|Application|TODO|\n";
    let (_, diagnostics) = parse_with(
        &[("api/v1.0/includes/bad-permissions.md", bad)],
        "[!INCLUDE [permissions-table](../includes/bad-permissions.md)]",
    );
    let invalid = diagnostics.iter().find(|diagnostic| diagnostic.code == Code::PermissionScopeInvalid);
    let invalid = invalid.unwrap_or_else(|| panic!("expected GD0303 in {diagnostics:?}"));
    assert_eq!((invalid.file.as_str(), invalid.line), ("api/v1.0/includes/bad-permissions.md", 6));
}

#[test]
fn other_includes_in_the_section_are_not_loaded() {
    let (found, diagnostics) = parse(
        "[!INCLUDE [teams notes](../../includes/teams-notes.md)]\n\n|Permission type|Permissions|\n|-|-|\n|Application|A.Read.All|",
    );
    assert_eq!(found.application, list(&["A.Read.All"]));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

/// The contrib sample is in the current format: every page with a permissions include either reads scopes from
/// it or says the included file is missing (the sample leaves some out). Skipped when the corpus is absent.
#[test]
fn contrib_sample_permission_includes_are_read_or_reported() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/contrib-2026-sample");
    let Ok(tree) = DocsTree::load(&root) else { return };
    let ir = tree.parse();
    let mut checked = 0;
    for page in &ir.pages {
        let Some(source) = tree.text(&page.path) else { continue };
        if page.kind != crate::ir::PageKind::Api || !source.contains("-permissions.md)]") {
            continue;
        }
        checked += 1;
        let permissions = &page.operations[0].permissions;
        let not_found = ir.diagnostics.iter().any(|d| d.file == page.path && d.code == Code::IncludeNotFound);
        assert!(permissions.is_empty() == not_found, "{}: {permissions:?}, include missing: {not_found}", page.path);
        for scope in
            permissions.delegated_work.iter().chain(&permissions.delegated_personal).chain(&permissions.application)
        {
            assert!(crate::parse::permissions::looks_like_scope(scope), "{}: {scope}", page.path);
        }
    }
    assert!(checked >= 5, "expected pages with permission includes in {}", root.display());
}

#[test]
fn scopes_listed_without_a_table_are_kept_without_a_kind() {
    let (found, _) = parse(
        "One of these is needed.\n\n* For messages: Mail.ReadWrite.\n* For events: Calendars.ReadWrite, Mail.ReadWrite",
    );
    assert!(found.delegated_work.is_empty() && found.application.is_empty(), "{found:?}");
    assert_eq!(found.unspecified, list(&["Mail.ReadWrite", "Calendars.ReadWrite"]));
}

/// [`super::is_indented`] as it was before its byte path: trimmed and matched as characters.
fn is_indented_by_chars(line: &str) -> bool {
    let rest = line.trim_start().trim_start_matches('|');
    let first_cell = rest.trim_start_matches([' ', '\t']);
    first_cell.starts_with("&nbsp;") || first_cell.starts_with('\u{a0}')
}

proptest::proptest! {
    #[test]
    fn indented_rows_read_as_by_characters(line in "( |\t|\\||&nbsp;|\u{a0}|\u{2003}|x|\n)*") {
        proptest::prop_assert_eq!(super::is_indented(&line), is_indented_by_chars(&line));
    }
}
