//! Issue 15's remaining permission classes, on fixture pages in several languages: full-width dots inside a
//! scope, permission tables with no Permissions heading, and a permission table per group of paths.

use super::fidelity_tests::{table, Language, LANGUAGES};
use super::tests::{codes, list, page, parse};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Operation, PermissionSet};
use crate::DocsTree;

const API: &str = "api/v1.0/api/calendar-get.md";

/// The operation of a page, with every diagnostic of its tree.
fn operation_of(source: &str) -> (Operation, Vec<Diagnostic>) {
    let ir = DocsTree::from_files([(API.to_owned(), source.to_owned())]).parse();
    let found = ir.pages.iter().find(|page| page.path == API).and_then(|page| page.operations.first());
    (found.cloned().unwrap_or_default(), ir.diagnostics)
}

#[test]
fn full_width_dots_inside_a_scope_are_read_as_dots_and_reported() {
    for language in LANGUAGES {
        let (found, diagnostics) =
            parse(&table(language, "Bookings。Read.All、Mail．Send", "Not supported.", "Calendars．ReadWrite"));
        assert_eq!(found.delegated_work, list(&["Bookings.Read.All", "Mail.Send"]), "{}", language.work);
        assert_eq!(found.application, list(&["Calendars.ReadWrite"]), "{}", language.work);
        let repaired: Vec<&str> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::ScopeFullWidthDot)
            .map(|diagnostic| diagnostic.message.as_str())
            .collect();
        assert_eq!(repaired.len(), 3, "{diagnostics:?}");
        assert!(repaired[0].ends_with("`Bookings.Read.All`"), "{repaired:?}");
    }
    // A full stop ending a sentence is left alone, and says nothing.
    let (found, diagnostics) = parse(&table(&LANGUAGES[4], "Mail.Send。", "不支持。", "Mail.Send"));
    assert_eq!(found.delegated_work, list(&["Mail.Send"]));
    assert!(!codes(&diagnostics).contains(&Code::ScopeFullWidthDot), "{diagnostics:?}");
}

/// A page with no Permissions heading: `table` under a translated heading no section id knows, after the paths.
fn headless_page(language: &Language, table: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n# Get calendar\n\nGets a calendar.\n\n## HTTP request\n\n\
         ```http\nGET /me/calendar\n```\n\n## {}\n\n{table}\n\n## Request headers\n\n\
         | Name | Description |\n|:--|:--|\n| Authorization | Bearer {{token}}. Required. |\n",
        language.application
    )
}

#[test]
fn a_permission_table_without_a_heading_is_read_by_its_rows_in_any_language() {
    for language in LANGUAGES {
        let source =
            headless_page(language, &table(language, "Calendars.Read", "Calendars.Read", "Calendars.Read.All"));
        let (operation, diagnostics) = operation_of(&source);
        let found = &operation.permissions;
        assert_eq!(found.delegated_work, list(&["Calendars.Read"]), "{}", language.work);
        assert_eq!(found.application, list(&["Calendars.Read.All"]), "{}", language.work);
        assert!(codes(&diagnostics).contains(&Code::PermissionTableHeadless), "{diagnostics:?}");
        assert!(!codes(&diagnostics).contains(&Code::NoPermissions), "{diagnostics:?}");
    }
    // One column per kind, the header in Portuguese.
    let transposed = "|Recurso|Delegado (conta corporativa ou de estudante)|Aplicativo|\n|:--|:--|:--|\n\
                      |calendário|Calendars.Read|Calendars.Read.All|\n";
    let (operation, _) = operation_of(&headless_page(&LANGUAGES[2], transposed));
    assert_eq!(operation.permissions.application, list(&["Calendars.Read.All"]));
}

#[test]
fn tables_of_other_shapes_are_not_permission_tables() {
    // Kinds in the rows but no scope, or scopes but one kind only: no permissions, and said so.
    for language in LANGUAGES {
        let no_scope = table(language, "Read the calendar", "Read it", "Read all");
        let (operation, diagnostics) = operation_of(&headless_page(language, &no_scope));
        assert!(operation.permissions.is_empty(), "{:?}", operation.permissions);
        assert!(codes(&diagnostics).contains(&Code::NoPermissions), "{diagnostics:?}");
        let one_kind = format!("| Kind | Scopes |\n|:--|:--|\n|{}|Calendars.Read|\n", language.work);
        let (operation, _) = operation_of(&headless_page(language, &one_kind));
        assert!(operation.permissions.is_empty(), "{:?}", operation.permissions);
    }
}

/// A page giving a table per group of paths: (heading of the users' table, of the groups' table, lead-in line of
/// the users' paths, of the groups' paths), in one language.
fn per_path_page(language: &Language, labels: [&str; 4]) -> String {
    let [users, groups, users_lead_in, groups_lead_in] = labels;
    let users_table = table(language, "Calendars.Read", "Calendars.Read", "Calendars.Read.All");
    let groups_table = table(language, "Group.Read.All, Group.ReadWrite.All", "Not supported.", "Group.Read.All");
    format!(
        "---\ndoc_type: apiPageType\n---\n# Get calendar\n\n## Permissions\n\nOne of these.\n\n\
         ### {users}\n\n> **Note:** groups need more.\n\n{users_table}\n\n### {groups}\n\n{groups_table}\n\n## HTTP request\n\n\
         {users_lead_in}\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /users/{{id}}/calendar\nGET /me/calendar\n```\n\n\
         {groups_lead_in}\n\n```http\nGET /groups/{{id}}/calendar\n```\n"
    )
}

/// Every language's labels for [`per_path_page`], with the table's language.
fn per_path_pages() -> Vec<String> {
    vec![
        per_path_page(&LANGUAGES[0], ["For users", "For groups", "A user's calendar:", "A group's calendar:"]),
        per_path_page(
            &LANGUAGES[1],
            ["Для пользователей", "Для групп", "Календарь пользователя:", "Календарь группы:"],
        ),
        per_path_page(
            &LANGUAGES[2],
            ["Para usuários", "Para grupos", "O calendário de um usuário:", "O calendário de um grupo:"],
        ),
        per_path_page(
            &LANGUAGES[3],
            ["ユーザーの予定表", "グループの予定表", "ユーザーの予定表を取得する:", "グループの予定表を取得する:"],
        ),
        per_path_page(&LANGUAGES[4], ["用户的日历", "组的日历", "获取用户的日历：", "获取组的日历："]),
    ]
}

#[test]
fn a_table_per_group_of_paths_keeps_its_scopes_with_its_paths_in_any_language() {
    for source in per_path_pages() {
        let (operation, diagnostics) = operation_of(&source);
        let sets: Vec<(&[compact_str::CompactString], &PermissionSet)> =
            operation.permission_sets.iter().map(|set| (&set.paths[..], set)).collect();
        assert_eq!(sets.len(), 2, "{source}\n{diagnostics:?}");
        assert_eq!(sets[0].0, ["/users/{id}/calendar", "/me/calendar"], "{source}");
        assert_eq!(sets[1].0, ["/groups/{id}/calendar"], "{source}");
        assert_eq!(sets[0].1.permissions.application, list(&["Calendars.Read.All"]));
        assert_eq!(sets[1].1.permissions.delegated_work, list(&["Group.Read.All", "Group.ReadWrite.All"]));
        // The operation's own permissions stay the union, table after table.
        let union = list(&["Calendars.Read", "Group.Read.All", "Group.ReadWrite.All"]);
        assert_eq!(operation.permissions.delegated_work, union);
        assert!(!codes(&diagnostics).contains(&Code::PermissionSetUnmatched), "{diagnostics:?}");
    }
}

#[test]
fn the_one_table_no_path_names_takes_the_paths_no_table_names() {
    for (language, [own, others, lead_in]) in [
        (&LANGUAGES[0], ["Permissions acting on self", "Permissions acting on other users", "For another user:"]),
        (
            &LANGUAGES[2],
            ["Permissões agindo em si mesmo", "Permissões agindo em outros usuários", "Para outros usuários:"],
        ),
        (&LANGUAGES[1], ["Разрешения для себя", "Разрешения для других пользователей", "Для других пользователей:"]),
    ] {
        let own_table = table(language, "A.Read", "Not supported.", "A.Read.All");
        let others_table = table(language, "A.ReadWrite.All", "Not supported.", "A.ReadWrite.All");
        let source = format!(
            "---\ndoc_type: apiPageType\n---\n# List methods\n\n## Permissions\n\n### {own}\n\n{own_table}\n\n\
             ### {others}\n\n{others_table}\n\n## HTTP request\n\n```http\nGET /me/methods\n```\n\n{lead_in}\n\n\
             ```http\nGET /users/{{id}}/methods\n```\n"
        );
        let (operation, diagnostics) = operation_of(&source);
        let paths: Vec<Vec<&str>> =
            operation.permission_sets.iter().map(|set| set.paths.iter().map(|path| path.as_str()).collect()).collect();
        assert_eq!(paths, [vec!["/me/methods"], vec!["/users/{id}/methods"]], "{own}");
        assert!(!codes(&diagnostics).contains(&Code::PermissionSetUnmatched), "{diagnostics:?}");
    }
}

#[test]
fn one_table_or_tables_alike_make_no_sets_and_unnamed_paths_are_noted() {
    let single = page(&table(&LANGUAGES[0], "A.Read", "Not supported.", "A.Read.All"));
    assert!(operation_of(&single).0.permission_sets.is_empty());
    let same = table(&LANGUAGES[0], "A.Read", "Not supported.", "A.Read.All");
    let twice = page(&format!("### For users\n\n{same}\n\n### For groups\n\n{same}"));
    assert!(operation_of(&twice).0.permission_sets.is_empty());
    // Labels that name no path: the sets are kept apart, none is given a path, and that is noted.
    let other = table(&LANGUAGES[0], "B.Read", "Not supported.", "B.Read.All");
    let unnamed = page(&format!("### For sites\n\n{same}\n\n### For lists\n\n{other}"));
    let (operation, diagnostics) = operation_of(&unnamed);
    assert_eq!(operation.permission_sets.len(), 2);
    assert!(operation.permission_sets.iter().all(|set| set.paths.is_empty()));
    let noted = codes(&diagnostics).iter().filter(|code| **code == Code::PermissionSetUnmatched).count();
    assert_eq!(noted, 2, "{diagnostics:?}");
}

#[test]
fn each_constructor_gets_its_paths_permissions_constant() {
    for source in per_path_pages() {
        let tree = DocsTree::from_files([(API.to_owned(), source.clone())]);
        let generation =
            crate::generate::generate_crate(&tree, "graph", "regenerate", &Default::default()).expect("generates");
        let code: String = generation.files.values().cloned().collect();
        // The constant a constructor's docs name, and the scopes it holds.
        let constant_of = |template: &str| -> (String, String) {
            let after = code.split(&format!("`GET {template}`")).nth(1).unwrap_or("");
            let name: String = after
                .split("`Self::")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let value = code.split(&format!("pub const {name}: runtime::Permissions")).nth(1).unwrap_or("");
            (name.clone(), value.split(';').next().unwrap_or("").to_owned())
        };
        let (groups, groups_value) = constant_of("/groups/{id}/calendar");
        let (users, users_value) = constant_of("/users/{id}/calendar");
        let (me, me_value) = constant_of("/me/calendar");
        assert!(groups.ends_with("_PERMISSIONS") && groups != users && users != me, "{groups} {users} {me}");
        assert!(groups_value.contains("\"Group.ReadWrite.All\"") && !groups_value.contains("Calendars"), "{source}");
        assert!(users_value.contains("\"Calendars.Read.All\"") && !users_value.contains("Group"), "{source}");
        assert_eq!(me_value, users_value);
        // The operation's own constant stays the union.
        let union = code.split("pub const PERMISSIONS: runtime::Permissions").nth(1).unwrap_or("");
        let union = union.split(';').next().unwrap_or("");
        assert!(union.contains("\"Group.ReadWrite.All\"") && union.contains("\"Calendars.Read\""), "{union}");
    }
}
