//! API page tests on fixtures written for them: where the paths and permissions of a page are found.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::ir::Page;
use crate::parse::{parse_page, NoDocs};

fn parse(body: &str) -> (Page, Vec<Diagnostic>) {
    parse_page(
        "api-reference/v1.0/api/x.md",
        &format!("---\ndoc_type: apiPageType\n---\n# Do a thing\n\n{body}"),
        &NoDocs,
    )
}

fn templates(page: &Page) -> Vec<String> {
    page.operations.iter().flat_map(|operation| &operation.paths).map(|path| path.template.to_string()).collect()
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
}

#[test]
fn status_codes_need_a_name_or_context() {
    assert_eq!(status_codes("returns a `201 Created` response code"), vec![201]);
    assert_eq!(status_codes("此请求有时可能会收到 504 HTTP 错误。"), vec![504]);
    assert_eq!(status_codes("returns 204 No Content and a 202 response"), vec![204, 202]);
    assert_eq!(status_codes("up to 500 characters, version 1.200 or 2021"), Vec::<u16>::new());
}

#[test]
fn odata_options_are_found_in_text() {
    assert_eq!(odata_options("supports the `$select` and $expand, and $select again"), vec!["$select", "$expand"]);
}

#[test]
fn a_request_section_goes_on_over_its_tab_group() {
    let body = "## HTTP request\n\n# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n\n\
        ```msgraph-interactive\nGET /gadgets/{id}\n```\n# [C#](#tab/csharp)\n\nsnippet\n\n---\n\n## Response\n\nok\n";
    let (page, diagnostics) = parse(body);
    assert_eq!(templates(&page), ["/gadgets/{id}"]);
    assert!(!codes(&diagnostics).contains(&Code::NoOperationPath));
}

#[test]
fn a_tab_group_is_not_read_when_the_section_lists_its_paths() {
    let body = "## HTTP request\n\n```http\nGET /gadgets\n```\n\n# [HTTP](#tab/http)\n\n\
        ```http\nGET https://graph.microsoft.com/v1.0/gadgets\n```\n\n## Response\n";
    let (page, _) = parse(body);
    assert_eq!(templates(&page), ["/gadgets"]);
}

#[test]
fn without_a_request_heading_listing_fences_give_the_paths_and_the_defect_is_reported() {
    let body = "## Permissions\n\n|Permission type|Permissions|\n|--|--|\n|Application|Gadget.Read.All|\n\n\
        ## Get the default gadget\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /gadgets/default\n\
        GET /me/gadget\n```\n\n## Examples\n\n### Request\n\n```http\nGET /gadgets/123\n```\n";
    let (page, diagnostics) = parse(body);
    // The example's concrete URL is not a template.
    assert_eq!(templates(&page), ["/gadgets/default", "/me/gadget"]);
    let missing = diagnostics.iter().find(|diagnostic| diagnostic.code == Code::NoHttpRequestSection);
    assert!(missing.is_some_and(|diagnostic| diagnostic.message.contains("read 2 path(s)")));
}

#[test]
fn fences_with_headers_or_full_urls_are_not_listings() {
    let body = "## Overview\n\n```http\nGET /gadgets\nAuthorization: Bearer x\n```\n\n\
        ```http\nGET https://graph.microsoft.com/v1.0/gadgets\n```\n";
    let (page, diagnostics) = parse(body);
    assert!(templates(&page).is_empty());
    assert!(codes(&diagnostics).contains(&Code::NoHttpRequestSection));
}

#[test]
fn a_path_on_the_fence_opening_line_is_read_and_noted() {
    let (page, diagnostics) = parse("## HTTP request\n\n```http GET /schools\n```\n\n## Response\n");
    assert_eq!(templates(&page), ["/schools"]);
    assert!(codes(&diagnostics).contains(&Code::PathTemplateOddity));
    assert!(!codes(&diagnostics).contains(&Code::NoOperationPath));
}

#[test]
fn a_permissions_table_without_its_heading_is_read() {
    let body = "Adds a gadget.\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
        |Delegated (work or school account)|Gadget.ReadWrite.All|\n|Application|Not supported.|\n\n\
        ## HTTP request\n\n```http\nPOST /gadgets\n```\n";
    let (page, diagnostics) = parse(body);
    assert_eq!(page.operations[0].permissions.delegated_work, ["Gadget.ReadWrite.All"]);
    assert!(!codes(&diagnostics).contains(&Code::NoPermissions));
}

#[test]
fn permissions_that_name_no_scope_stay_reported() {
    let table = |work: &str, application: &str| {
        format!(
            "## Permissions\n\n|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|{work}|\n\
             |Delegated (personal Microsoft account)|Not supported.|\n|Application|{application}|\n\n\
             ## HTTP request\n\n```http\nDELETE /gadgets/{{id}}\n```\n"
        )
    };
    // No kind can call it: the scopes are missing.
    let (page, diagnostics) = parse(&table("Not supported.", "Not supported."));
    assert!(page.operations[0].permissions.is_empty());
    assert!(codes(&diagnostics).contains(&Code::NoPermissions));
    // "None." says no permission is needed: the empty set is right, and a note says why.
    let (page, diagnostics) = parse(&table("None.", "None."));
    assert!(page.operations[0].permissions.is_empty());
    assert!(!codes(&diagnostics).contains(&Code::NoPermissions));
    assert!(codes(&diagnostics).contains(&Code::PermissionsNotNeeded));
}

#[test]
fn include_paragraphs_are_left_out_of_section_text() {
    let body = "## HTTP request\n\n```http\nPOST /gadgets\n```\n\n## Request body\n\n\
        [!INCLUDE [table-intro](../../includes/update-property-table-intro.md)]\n\nSupply the gadget.\n";
    let (page, _) = parse(body);
    let text = page.operations[0].request_body.as_ref().map(|body| body.text.clone());
    assert_eq!(text.as_deref(), Some("Supply the gadget."));
}

#[test]
fn headers_parameters_and_section_text_are_read() {
    let body = "## HTTP request\n\n```http\nPOST /gadgets\n```\n\n## Request headers\n\n\
        | Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. **REQUIRED**. |\n\
        | Prefer | Optional. A preference. |\n| Content-Type |  application/json.   Required. |\n\n\
        ## Optional query parameters\n\nSupports the `$select` and `$expand` parameters; $select again.\n\n\
        ## Request body\n\nFirst paragraph.\n\n[!INCLUDE [note](../includes/note.md)]\n\nSecond paragraph.\n\n\
        | Parameter | Type | Description |\n|:--|:--|:--|\n| parts | COLLECTION of [part](../resources/part.md) | The parts. |\n\
        | `name` | String | The name. |\n\n## Response\n\nIf successful, returns a `201 Created` response code.\n";
    let (page, _) = parse(body);
    let operation = &page.operations[0];
    let headers: Vec<(&str, bool, &str)> = operation
        .request_headers
        .iter()
        .map(|header| (header.name.as_str(), header.required, header.description.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("Authorization", true, "Bearer {token}. REQUIRED."),
            ("Prefer", false, "Optional. A preference."),
            ("Content-Type", true, "application/json.   Required."),
        ]
    );
    assert_eq!(operation.optional_query_parameters.odata, ["$select", "$expand"]);
    let request_body = operation.request_body.as_ref().expect("a request body");
    assert_eq!(request_body.text, "First paragraph.\n\nSecond paragraph.");
    let parameters: Vec<(&str, &str)> = request_body
        .parameters
        .iter()
        .map(|parameter| (parameter.name.as_str(), parameter.type_name.as_str()))
        .collect();
    assert_eq!(parameters, [("parts", "Collection(part)"), ("name", "String")]);
    assert_eq!(operation.response.as_ref().map(|response| response.statuses.clone()), Some(vec![201]));
}

/// The reading before `resource_stem`: split, then three searches.
fn splitting_resource_stem(dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    let resource_page = dest.contains("resources/") || !dest.contains('/');
    if dest.contains("://") || !dest.ends_with(".md") || !resource_page {
        return None;
    }
    Some(dest.rsplit('/').next()?.trim_end_matches(".md").to_owned())
}

proptest::proptest! {
    #[test]
    fn resource_stems_agree_with_the_splitting_reading(
        dest in "[a-z./:#?]{0,8}(resources/)?[a-z./:#?]{0,8}(\\.md){0,2}[#?a-z./]{0,3}"
    ) {
        proptest::prop_assert_eq!(resource_stem(&dest).map(str::to_owned), splitting_resource_stem(&dest));
    }
}

#[test]
fn resource_stems_as_the_splitting_reading_gave_them() {
    let reference = splitting_resource_stem;
    for dest in [
        "../resources/user.md",
        "user.md",
        "user.md#properties",
        "../api/user-get.md",
        "https://x/resources/user.md",
        "resources/a.md?view=beta",
        "#anchor",
        "",
        ".md",
        "x.md.md",
        "../resources/",
        "/graph/api/resources/user?view=graph-rest-1.0",
        "resources/a/b.md",
        "a/resources/b/c.md.md",
        "resources.md",
        "../resources/x.md/",
        "https://resources/x.md",
        "x://y.md",
        "a/b.md#resources/",
    ] {
        assert_eq!(resource_stem(dest).map(str::to_owned), reference(dest), "{dest}");
    }
}

#[test]
fn status_codes_at_the_edges() {
    assert_eq!(status_codes("404 Not Found"), vec![404]);
    assert_eq!(status_codes("ends with 200"), Vec::<u16>::new());
    assert_eq!(status_codes("20"), Vec::<u16>::new());
    assert_eq!(status_codes("x 200 OK, 1234 Bad, 201 Created"), vec![200, 201]);
    assert_eq!(status_codes("错误 500 Internal"), vec![500]);
}

/// Issue 15, class 5: `~/` is the service root; the template starts at the next segment. Headings in three
/// languages: the section is found by its anchor.
#[test]
fn service_root_tilde_starts_the_template_at_the_next_segment() {
    for heading in ["HTTP request", "HTTP-запрос", "Solicitação HTTP", "HTTP 要求"] {
        let body = format!(
            "## {heading} <a name=\"http-request\"></a>\n\n```http\nGET ~/widgetProfiles/{{type}}/groups\n\
             DELETE ~/widgets/{{id}}/$ref?x=1\nGET /plain\n```\n"
        );
        let (page, diagnostics) = parse(&body);
        assert_eq!(templates(&page), ["/widgetProfiles/{type}/groups", "/widgets/{id}/$ref", "/plain"], "{heading}");
        let queries: Vec<_> = page.operations[0].paths.iter().map(|path| path.query.clone()).collect();
        assert_eq!(queries[1].as_deref(), Some("x=1"));
        let noted = codes(&diagnostics).iter().filter(|code| **code == Code::PathServiceRoot).count();
        assert_eq!(noted, 2, "{diagnostics:?}");
    }
}

/// Issue 15, class 4: a section with a fence per addressing alternative, some as full URLs with placeholders,
/// reads every fence; an example after them (a full URL without placeholders) is still not a template.
#[test]
fn every_listing_fence_of_the_request_section_is_read() {
    for (heading, lead) in
        [("HTTP request", "Get one widget"), ("HTTP 请求", "获取一个小组件"), ("HTTP-запрос", "Получить")]
    {
        let body = format!(
            "## {heading} <a name=\"http-request\"></a>\n\n{lead}\n```http\nGET /widgets/{{id}}\n```\n\n{lead}:\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/users/{{id}}/widgets/{{id}}\n```\n\
             {lead}\n```http\nGET https://graph.microsoft.com/v1.0/sites/{{site-id}}/widgets/{{id}}?expand=fields\n```\n\
             ```http\nGET https://graph.microsoft.com/v1.0/widgets/42\n```\n"
        );
        let (page, _) = parse(&body);
        assert_eq!(
            templates(&page),
            ["/widgets/{id}", "/users/{id}/widgets/{id}", "/sites/{site-id}/widgets/{id}"],
            "{heading}"
        );
    }
}
