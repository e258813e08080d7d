//! Issue 15's permission classes, each on fixture pages in several languages: scopes written in pieces
//! (`Sites. ReadWrite.All`), line breaks inside cells, and scopes in another casing.

use super::tests::{codes, list, page, parse, PAGE};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Permissions;
use crate::DocsTree;

/// The permissions of a page with `permissions`, parsed in a tree beside pages with `others`, and every
/// diagnostic of the tree.
fn parse_tree(permissions: &str, others: &[String]) -> (Permissions, Vec<Diagnostic>) {
    let mut files = vec![(PAGE.to_owned(), page(permissions))];
    files.extend(others.iter().enumerate().map(|(n, other)| (format!("api/v1.0/api/other-{n}.md"), page(other))));
    let ir = DocsTree::from_files(files).parse();
    let found = ir.pages.iter().find(|page| page.path == PAGE).and_then(|page| page.operations.first());
    (found.map(|operation| operation.permissions.clone()).unwrap_or_default(), ir.diagnostics)
}

/// One table in the page's language: (work label, personal label, application label, header).
pub(super) struct Language {
    pub(super) header: &'static str,
    pub(super) work: &'static str,
    pub(super) personal: &'static str,
    pub(super) application: &'static str,
}

pub(super) const LANGUAGES: &[Language] = &[
    Language {
        header: "|Permission type|Permissions (from least to most privileged)|",
        work: "Delegated (work or school account)",
        personal: "Delegated (personal Microsoft account)",
        application: "Application",
    },
    Language {
        header: "|Тип разрешения|Разрешения (в порядке повышения привилегий)|",
        work: "Делегированные (рабочая или учебная учетная запись)",
        personal: "Делегированные (личная учетная запись Майкрософт)",
        application: "Для приложений",
    },
    Language {
        header: "|Tipo de permissão|Permissões (da com menos para a com mais privilégios)|",
        work: "Delegado (conta corporativa ou de estudante)",
        personal: "Delegado (conta pessoal da Microsoft)",
        application: "Aplicativo",
    },
    Language {
        header: "|アクセス許可の種類|アクセス許可 (特権の小さいものから大きいものへ)|",
        work: "委任 (職場または学校のアカウント)",
        personal: "委任 (個人用 Microsoft アカウント)",
        application: "アプリケーション",
    },
    Language {
        header: "|权限类型|权限（从最低特权到最高特权）|",
        work: "委派（工作或学校帐户）",
        personal: "委派（个人 Microsoft 帐户）",
        application: "应用程序",
    },
];

pub(super) fn table(language: &Language, work: &str, personal: &str, application: &str) -> String {
    format!(
        "{}\n|:--|:--|\n|{}|{work}|\n|{}|{personal}|\n|{}|{application}|\n",
        language.header, language.work, language.personal, language.application
    )
}

#[test]
fn scopes_with_a_space_after_a_dot_are_rejoined_in_every_language() {
    for language in LANGUAGES {
        let (found, diagnostics) = parse(&table(
            language,
            "Sites. ReadWrite.All, Mail. Read. Shared",
            "Tasks. Read",
            "Directory.Read.All. Directory.ReadWrite.All",
        ));
        assert_eq!(found.delegated_work, list(&["Sites.ReadWrite.All", "Mail.Read.Shared"]), "{}", language.work);
        assert_eq!(found.delegated_personal, list(&["Tasks.Read"]), "{}", language.work);
        // Two whole scopes after a sentence's full stop are two scopes, not pieces of one.
        assert_eq!(found.application, list(&["Directory.Read.All", "Directory.ReadWrite.All"]));
        let rejoined = codes(&diagnostics).iter().filter(|code| **code == Code::ScopeSplitRejoined).count();
        assert_eq!(rejoined, 3, "{diagnostics:?}");
    }
}

#[test]
fn pieces_that_form_no_scope_keep_neither_piece_and_say_so() {
    for language in LANGUAGES {
        let (found, diagnostics) = parse(&table(language, "Sites.read. ReadWrite.All", "Not supported.", "A.Read"));
        // Never the tail alone: `ReadWrite.All` is well-formed but not the page's scope.
        assert!(found.delegated_work.is_empty(), "{:?}", found.delegated_work);
        assert!(codes(&diagnostics).contains(&Code::ScopeSplitUnreadable), "{diagnostics:?}");
        assert!(!codes(&diagnostics).contains(&Code::PermissionScopeInvalid), "{diagnostics:?}");
    }
}

#[test]
fn a_sentence_before_a_scope_is_not_a_piece_of_it() {
    let (found, diagnostics) = parse(&table(&LANGUAGES[0], "For a file. Sites.Read.All", "Not supported.", "A.Read"));
    assert_eq!(found.delegated_work, list(&["Sites.Read.All"]));
    assert!(!codes(&diagnostics).contains(&Code::ScopeSplitRejoined));
    // A sentence after an acronym is no scope either.
    let (found, diagnostics) =
        parse(&table(&LANGUAGES[0], "Use this API. To read: A.Read", "Not supported.", "B.Read"));
    assert_eq!(found.delegated_work, list(&["A.Read"]));
    assert!(!codes(&diagnostics).contains(&Code::ScopeSplitRejoined), "{diagnostics:?}");
}

#[test]
fn line_breaks_inside_cells_separate_sentences_and_scopes_in_every_language() {
    for language in LANGUAGES {
        for br in ["</br>", "<br>", "<br/>", "<BR />"] {
            let work = format!("Files.Read{br}Files.ReadWrite.All");
            let personal = format!("Lecture d'un file.{br}Sites.Read.All");
            let application = format!("Files.Read.All {br}Sites.Read.All{br}说明。{br}Group.Read.All");
            let (found, diagnostics) = parse(&table(language, &work, &personal, &application));
            assert_eq!(found.delegated_work, list(&["Files.Read", "Files.ReadWrite.All"]), "{br}");
            // Not `file.Sites.Read.All`: the break is not dropped between a sentence and a scope.
            assert_eq!(found.delegated_personal, list(&["Sites.Read.All"]), "{br} {}", language.work);
            assert_eq!(found.application, list(&["Files.Read.All", "Sites.Read.All", "Group.Read.All"]), "{br}");
            assert!(!diagnostics.iter().any(|d| d.message.contains("file.Sites")), "{diagnostics:?}");
        }
    }
}

#[test]
fn case_mangled_scopes_take_the_casing_most_pages_use() {
    for language in LANGUAGES {
        let mangled = table(language, "Directory.accessasuser.all, User.Read", "Not supported.", "user.read.ALL");
        let others = [
            table(language, "Directory.AccessAsUser.All", "Not supported.", "User.Read.All"),
            table(language, "Directory.AccessAsUser.All", "Not supported.", "User.Read.All"),
            table(language, "Directory.AccessAsUSER.All", "Not supported.", "Group.Read.All"),
        ];
        let (found, diagnostics) = parse_tree(&mangled, &others);
        // The repaired scope comes after the kind's others: it is settled once the whole tree is read.
        assert_eq!(found.delegated_work, list(&["User.Read", "Directory.AccessAsUser.All"]), "{}", language.work);
        assert_eq!(found.application, list(&["User.Read.All"]), "{}", language.work);
        let repaired = codes(&diagnostics).iter().filter(|code| **code == Code::ScopeCaseRepaired).count();
        assert_eq!(repaired, 2, "{diagnostics:?}");
    }
}

#[test]
fn case_mangled_names_no_page_uses_are_refused() {
    for language in LANGUAGES {
        let page = table(language, "microsoft.graph.user, Files.Read", "Not supported.", "tasks.readwrite");
        let (found, diagnostics) = parse_tree(&page, &[table(language, "Files.Read", "Not supported.", "A.Read")]);
        assert_eq!(found.delegated_work, list(&["Files.Read"]));
        assert!(found.application.is_empty(), "{:?}", found.application);
        let refused = codes(&diagnostics).iter().filter(|code| **code == Code::ScopeCaseUnknown).count();
        assert_eq!(refused, 2, "{diagnostics:?}");
    }
}

#[test]
fn list_items_inside_cells_end_their_scope() {
    for language in LANGUAGES {
        let work =
            "User.Read<br>In addition:<ul><li>If groups: Group.Read.All</li><li>If units: Unit.Read.All</li></ul>";
        let (found, _) = parse(&table(language, work, "Not supported.", "A.Read"));
        // Not `Group.Read.AllIf`: the list item's end separates it from the next item's first word.
        assert_eq!(found.delegated_work, list(&["User.Read", "Group.Read.All", "Unit.Read.All"]), "{}", language.work);
    }
}
