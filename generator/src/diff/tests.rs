//! The changelog of small trees written here: one change at a time.

use super::*;

/// An API page: `GET {template}` with the given delegated (work) and application scopes.
fn api_page(title: &str, template: &str, work: &str, application: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"Does something.\"\nms.prod: \"widgets\"\ndoc_type: apiPageType\n---\n\n\
         # {title}\n\nNamespace: microsoft.graph\n\nDoes something with a widget.\n\n## Permissions\n\n\
         |Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)|{work}|\n|Delegated (personal Microsoft account)|Not supported.|\n\
         |Application|{application}|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
         ```http\nGET {template}\n```\n\n## Request headers\n\n| Name | Description |\n|:--|:--|\n\
         | Authorization | Bearer {{token}}. Required. |\n\n## Response\n\n\
         If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) \
         object in the response body.\n"
    )
}

/// The `widget` resource page with the given (name, type) properties.
fn widget_page(properties: &[(&str, &str)]) -> String {
    widget_page_named("widget", properties)
}

/// The widget resource page with its type named `name` (in the title and the `@odata.type`).
fn widget_page_named(name: &str, properties: &[(&str, &str)]) -> String {
    let json: Vec<String> = properties.iter().map(|(name, ty)| format!("  \"{name}\": \"{ty}\"")).collect();
    let rows: Vec<String> = properties.iter().map(|(name, ty)| format!("| {name} | {ty} | The {name}. |")).collect();
    format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A widget.\"\nms.prod: \"widgets\"\n\
         doc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n\
         ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\
         ```json\n{{\n{}\n}}\n```\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{}\n",
        json.join(",\n"),
        rows.join("\n"),
    )
}

const GET: &str = "v1.0/api/widget-get.md";
const WIDGET: &str = "v1.0/resources/widget.md";

fn base() -> Vec<(String, String)> {
    vec![
        (GET.into(), api_page("Get widget", "/widgets/{id}", "Widget.Read", "Widget.Read.All")),
        (WIDGET.into(), widget_page(&[("id", "String"), ("size", "Int32")])),
    ]
}

fn changed(path: &str, text: String) -> Vec<(String, String)> {
    let mut files = base();
    files.retain(|(p, _)| p != path);
    files.push((path.into(), text));
    files
}

fn log(old: Vec<(String, String)>, new: Vec<(String, String)>) -> Changelog {
    diff_trees(&DocsTree::from_files(old), &DocsTree::from_files(new))
}

#[test]
fn a_tree_against_itself_is_empty() {
    let changelog = log(base(), base());
    assert!(changelog.is_empty(), "{changelog:#?}");
    assert!(!changelog.breaking);
    assert_eq!(changelog.suggested_bump, Bump::Patch);
    assert!(markdown(&changelog).contains("No change to the API."));
    // The fixture resolves to something: an empty diff of two empty APIs would prove nothing.
    let (api, _) = resolve(&DocsTree::from_files(base()).parse());
    assert_eq!(api.versions[0].operations.len(), 1);
    assert!(api.versions[0].models.iter().any(|model| model.wire_name == "widget"));
}

#[test]
fn a_scope_added_as_the_only_one_is_required_and_breaking() {
    let new = changed(GET, api_page("Get widget", "/widgets/{id}", "Widget.ReadWrite", "Widget.Read.All"));
    let changelog = log(base(), new);
    let kinds: Vec<(&str, &str, PermissionChangeKind)> = changelog
        .permission_changes
        .iter()
        .map(|change| (change.kind.as_str(), change.scope.as_str(), change.change))
        .collect();
    assert_eq!(
        kinds,
        [
            ("delegated_work", "Widget.Read", PermissionChangeKind::Removed),
            ("delegated_work", "Widget.ReadWrite", PermissionChangeKind::Required),
        ]
    );
    assert!(changelog.permission_changes.iter().all(|change| change.breaking));
    assert_eq!(changelog.permission_changes[0].template, "/widgets/{id}");
    assert_eq!(changelog.permission_changes[0].page, GET);
    assert!(changelog.breaking);
    assert_eq!(changelog.suggested_bump, Bump::Major);
    assert_eq!(changelog.change_count(), 2, "{changelog:#?}");
}

#[test]
fn a_less_privileged_option_added_is_not_breaking() {
    let scopes = "Widget.ReadBasic, Widget.Read";
    let new = changed(GET, api_page("Get widget", "/widgets/{id}", scopes, "Widget.Read.All"));
    let changelog = log(base(), new);
    assert_eq!(changelog.permission_changes.len(), 1, "{changelog:#?}");
    let change = &changelog.permission_changes[0];
    assert_eq!(
        (change.scope.as_str(), change.change),
        ("Widget.ReadBasic", PermissionChangeKind::LessPrivilegedOption)
    );
    assert!(!change.breaking);
    assert_eq!(changelog.suggested_bump, Bump::Minor);
    // After the kept scope: just another option.
    let scopes = "Widget.Read, Widget.ReadWrite";
    let changelog = log(base(), changed(GET, api_page("Get widget", "/widgets/{id}", scopes, "Widget.Read.All")));
    assert_eq!(changelog.permission_changes[0].change, PermissionChangeKind::Option);
}

#[test]
fn a_property_removed_is_breaking() {
    let changelog = log(base(), changed(WIDGET, widget_page(&[("id", "String")])));
    assert_eq!(changelog.type_changes.len(), 1, "{changelog:#?}");
    let change = &changelog.type_changes[0];
    assert_eq!(change.type_name, "widget");
    assert_eq!(change.change, TypeChangeKind::PropertyRemoved);
    assert_eq!(change.property.as_deref(), Some("size"));
    assert_eq!(change.old.as_deref(), Some("i32"));
    assert!(change.breaking && changelog.breaking);
    assert!(changelog.operations_added.is_empty() && changelog.permission_changes.is_empty());
}

#[test]
fn a_property_retyped_names_both_types() {
    let changelog = log(base(), changed(WIDGET, widget_page(&[("id", "String"), ("size", "Int64")])));
    let change = &changelog.type_changes[0];
    assert_eq!(change.change, TypeChangeKind::PropertyRetyped);
    assert_eq!((change.old.as_deref(), change.new.as_deref()), (Some("i32"), Some("i64")));
}

#[test]
fn an_operation_added_is_minor() {
    let mut new = base();
    new.push(("v1.0/api/widget-list.md".into(), api_page("List widgets", "/widgets", "Widget.Read", "Not supported.")));
    let changelog = log(base(), new);
    assert_eq!(
        changelog.operations_added,
        [OperationRef {
            version: "v1.0".into(),
            template: "/widgets".into(),
            method: "GET".into(),
            page: "v1.0/api/widget-list.md".into()
        }]
    );
    assert_eq!(changelog.change_count(), 1, "{changelog:#?}");
    assert!(!changelog.breaking);
    assert_eq!(changelog.suggested_bump, Bump::Minor);
    // And the other way round it is a removal, which breaks.
    let changelog = diff_trees(&DocsTree::from_files(changelog_tree_with_list()), &DocsTree::from_files(base()));
    assert_eq!(changelog.operations_removed.len(), 1);
    assert_eq!(changelog.suggested_bump, Bump::Major);
}

fn changelog_tree_with_list() -> Vec<(String, String)> {
    let mut files = base();
    files.push((
        "v1.0/api/widget-list.md".into(),
        api_page("List widgets", "/widgets", "Widget.Read", "Not supported."),
    ));
    files
}

#[test]
fn a_page_renamed_keeps_its_operation_by_endpoint() {
    let mut new = base();
    new.retain(|(path, _)| path != GET);
    // Another page, the same endpoint spelt with another parameter name and case.
    new.push((
        "v1.0/api/widget-read.md".into(),
        api_page("Get widget", "/Widgets/{widget-id}", "Widget.Read", "Widget.Read.All"),
    ));
    let changelog = log(base(), new);
    assert!(changelog.operations_added.is_empty() && changelog.operations_removed.is_empty(), "{changelog:#?}");
}

#[test]
fn json_has_the_documented_keys_and_is_deterministic() {
    let new = changed(GET, api_page("Get widget", "/widgets/{id}", "Widget.ReadWrite", "Widget.Read.All"));
    let first = serde_json::to_value(log(base(), new.clone())).unwrap_or_default();
    for key in
        ["operations_added", "operations_removed", "permission_changes", "type_changes", "breaking", "suggested_bump"]
    {
        assert!(first.get(key).is_some(), "no `{key}` in {first}");
    }
    assert_eq!(first["suggested_bump"], "major");
    let mut reversed = new;
    reversed.reverse();
    assert_eq!(first, serde_json::to_value(log(base(), reversed)).unwrap_or_default());
}

#[test]
fn hostile_names_cannot_inject_markdown_or_reach_a_terminal() {
    let hostile = "/widgets/{id}/<img src=x onerror=alert(1)>|`code`\u{1b}[2J*bold*_[link](http://x)@someone#1";
    let new = changed(GET, api_page("Get widget", hostile, "Widget.Read", "Widget.Read.All"));
    let changelog = log(base(), new);
    let text = markdown(&changelog);
    for forbidden in ["<", ">", "|", "`", "\u{1b}", "*bold", "[link]", "@someone", "](", "://"] {
        assert!(!text.contains(forbidden), "{forbidden:?} in {text}");
    }
    let json = serde_json::to_string(&changelog).unwrap_or_default();
    assert!(!json.contains('\u{1b}') && !json.contains("\\u001b"), "{json}");
    // The hostile template did reach the changelog, escaped.
    assert!(text.contains("&#60;img src=x onerror=alert&#40;1&#41;&#62;&#124;"), "{text}");
    assert_eq!(escape_markdown("a<b>|c`d\ne&f"), "a&#60;b&#62;&#124;c&#96;d&#92;u{a}e&#38;f");
}

#[test]
fn a_type_whose_name_changes_case_is_the_same_type() {
    let properties = [("id", "String"), ("size", "Int32")];
    let changelog = log(base(), changed(WIDGET, widget_page_named("Widget", &properties)));
    assert!(changelog.type_changes.iter().all(|change| change.change != TypeChangeKind::TypeRemoved), "{changelog:#?}");
    // A real rename is a removal and an addition.
    let changelog = log(base(), changed(WIDGET, widget_page_named("gadget", &properties)));
    let kinds: Vec<TypeChangeKind> = changelog.type_changes.iter().map(|change| change.change).collect();
    assert!(
        kinds.contains(&TypeChangeKind::TypeRemoved) && kinds.contains(&TypeChangeKind::TypeAdded),
        "{changelog:#?}"
    );
}
