//! `cargo xtask regenerate` on a temporary copy of `spec/` and `generated/`, with docs checkouts that differ from
//! it by one page: the changelog names exactly that change, the status tells how it breaks, a second run is a no-op.

use super::*;
use std::cell::Cell;

const PERMISSIONS: &str = "api-reference/v1.0/includes/permissions/workbook-closesession-permissions.md";
const RESOURCE: &str = "api-reference/v1.0/resources/workbooksessioninfo.md";

/// The workspace's `spec/` pages, by path.
fn spec_pages() -> Vec<(String, String)> {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let tree = DocsTree::load(&spec).expect("spec/ is readable");
    tree.paths().map(|path| (path.to_owned(), tree.text(path).expect("spec/ is UTF-8").to_owned())).collect()
}

fn write_tree(root: &Path, pages: &[(String, String)]) {
    std::fs::create_dir_all(root).expect("the root is created");
    for (path, text) in pages {
        write_file(root, path, text).expect("a page is written");
    }
}

/// A temporary `spec/` (the workspace's) with its `generated/` written as `cargo xtask gen` does.
fn workspace(dir: &Path) -> Paths {
    let paths = Paths { spec: dir.join("spec"), generated: dir.join("generated") };
    write_tree(&paths.spec, &spec_pages());
    let (files, _) = expected_files_in(&paths.spec, &paths.generated).expect("spec/ generates");
    write_files(&paths.generated, &paths.spec, &files, Mode::Write).expect("generated/ is written");
    paths
}

/// A docs checkout: the workspace's pages with the page `path` edited by `edit`.
fn checkout(dir: &Path, path: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let root = dir.join("checkout");
    let pages: Vec<(String, String)> = spec_pages()
        .into_iter()
        .map(|(page, text)| if page == path { (page, edit(&text)) } else { (page, text) })
        .collect();
    assert_ne!(pages, spec_pages(), "the edit changed nothing");
    write_tree(&root, &pages);
    root
}

fn options(docs: PathBuf) -> Options {
    let args = ["--docs".into(), docs.display().to_string(), "--repo".into(), "https://example.com/docs".into()];
    let args: Vec<String> = args.into_iter().chain(["--commit".into(), "abc123".into()]).collect();
    parse_args(&args).expect("valid arguments")
}

/// Runs the command and then runs it again, which must do nothing (and not run the tests).
fn run_twice(paths: &Paths, options: &Options) -> (Changelog, String) {
    let tests_run = Cell::new(0);
    let run_tests = || -> Result<()> {
        tests_run.set(tests_run.get() + 1);
        Ok(())
    };
    let outcome = regenerate(paths, options, &run_tests).expect("regenerates");
    let status = outcome.status();
    let Outcome::Changed { changelog, section } = outcome else { panic!("the docs changed: {outcome:?}") };
    assert_eq!(status, if changelog.breaking { BREAKING } else { CHANGED });
    assert_eq!(tests_run.get(), 1);
    let changelog_file = std::fs::read_to_string(paths.generated.join("CHANGELOG.md")).expect("CHANGELOG.md");
    assert!(changelog_file.starts_with(CHANGELOG_TITLE) && changelog_file.contains(&section), "{changelog_file}");
    // The lock names the source and the crate is what `cargo xtask gen` makes from the new spec/.
    let lock = std::fs::read_to_string(paths.generated.join(LOCK_FILE)).expect("the lock");
    let lock = DocsLock::parse(&lock).expect("the lock parses");
    assert_eq!((lock.source.commit.as_str(), lock.source.repository.as_str()), ("abc123", "https://example.com/docs"));
    let (files, _) = expected_files_in(&paths.spec, &paths.generated).expect("spec/ generates");
    assert!(write_files(&paths.generated, &paths.spec, &files, Mode::Check).expect("checks").is_fresh());
    // The second run: a no-op.
    let second = regenerate(paths, options, &run_tests).expect("runs again");
    assert!(matches!(second, Outcome::Unchanged), "{second:?}");
    assert_eq!(second.status(), UNCHANGED);
    assert_eq!(tests_run.get(), 1, "the second run ran the tests");
    let unchanged = std::fs::read_to_string(paths.generated.join("CHANGELOG.md")).expect("CHANGELOG.md");
    assert_eq!(unchanged, changelog_file);
    (changelog, section)
}

#[test]
fn a_scope_added_is_named_and_not_breaking_and_the_second_run_is_a_no_op() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = workspace(dir.path());
    let docs = checkout(dir.path(), PERMISSIONS, |text| {
        text.replace("|Application|Not supported.|Not supported.|", "|Application|Files.ReadWrite.All|Not available.|")
    });
    let (changelog, section) = run_twice(&paths, &options(docs));
    assert_eq!(changelog.change_count(), 1, "{changelog:#?}");
    let change = &changelog.permission_changes[0];
    assert_eq!(
        (change.kind.as_str(), change.scope.as_str(), change.template.as_str()),
        ("application", "Files.ReadWrite.All", "/me/drive/items/{id}/workbook/closeSession")
    );
    assert_eq!(change.change, generator::diff::PermissionChangeKind::NewlySupported);
    assert!(!changelog.breaking);
    assert!(section.contains("application scope Files.ReadWrite.All added"), "{section}");
    assert!(section.contains("suggested bump **minor**"), "{section}");
}

#[test]
fn a_property_removed_is_named_and_breaking_and_the_second_run_is_a_no_op() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = workspace(dir.path());
    let docs = checkout(dir.path(), RESOURCE, |text| {
        let kept: Vec<&str> = text.lines().filter(|line| !line.contains("persistChanges")).collect();
        kept.join("\n").replace("\"id\": \"String\",", "\"id\": \"String\"")
    });
    let (changelog, section) = run_twice(&paths, &options(docs));
    assert_eq!(changelog.change_count(), 1, "{changelog:#?}");
    let change = &changelog.type_changes[0];
    assert_eq!(
        (change.type_name.as_str(), change.property.as_deref()),
        ("workbookSessionInfo", Some("persistChanges"))
    );
    assert_eq!(change.change, generator::diff::TypeChangeKind::PropertyRemoved);
    assert!(change.breaking && changelog.breaking);
    assert!(section.contains("**breaking** workbookSessionInfo (v1.0, api-reference/v1.0/resources/workbooksessioninfo.md): property persistChanges removed (was bool)"), "{section}");
    assert!(section.contains("suggested bump **major**"), "{section}");
}

#[test]
fn the_same_pages_do_nothing_and_unknown_flags_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = workspace(dir.path());
    let root = dir.path().join("checkout");
    write_tree(&root, &spec_pages());
    let outcome = regenerate(&paths, &options(root), &|| panic!("no tests for a no-op")).expect("runs");
    assert!(matches!(outcome, Outcome::Unchanged));
    assert!(!paths.generated.join("CHANGELOG.md").exists());
    for bad in [&["--docs", "x", "--force"][..], &["--docs"], &["--docs", "x", "--folder", "../etc"], &["--repo", "x"]]
    {
        let args: Vec<String> = bad.iter().map(|arg| arg.to_string()).collect();
        assert!(parse_args(&args).is_err(), "{bad:?} accepted");
    }
    let args: Vec<String> = ["--docs", "x", "--commit", "not hex"].iter().map(|arg| arg.to_string()).collect();
    assert!(parse_args(&args).is_err());
}

#[test]
fn a_pull_request_body_fits_github_whatever_the_changelog() {
    let line = "- `GET /users/{id}/messages`: a status added, ünïcode kept whole\n";
    let section = line.repeat(5_000);
    let body = pull_request_body(&section);
    assert!(body.chars().count() <= 60_000, "{} characters", body.chars().count());
    assert!(body.ends_with("the whole changelog is in `generated/CHANGELOG.md`.**\n"), "{}", &body[body.len() - 200..]);
    assert!(body.starts_with(line), "the section's start is kept");
    let short = line.repeat(10);
    assert_eq!(pull_request_body(&short), short, "a section that fits is kept whole");
}
