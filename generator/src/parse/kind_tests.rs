//! The page-kind rule: `doc_type` when the content agrees with it, the content when it does not.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Page, PageKind};
use crate::parse::{parse_page, NoDocs};

fn parse(source: &str) -> (Page, Vec<Diagnostic>) {
    parse_page("api-reference/v1.0/x.md", source, &NoDocs)
}

fn has(diagnostics: &[Diagnostic], code: Code) -> bool {
    diagnostics.iter().any(|diagnostic| diagnostic.code == code)
}

const RESOURCE_BODY: &str = "# widget resource type\n\nA widget.\n\n## Properties\n\n|Property|Type|Description|\n\
    |:--|:--|:--|\n|size|Int32|How big.|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \
    \"@odata.type\": \"microsoft.graph.widget\" } -->\n```json\n{ \"size\": \"Int32\" }\n```\n";

#[test]
fn an_api_tagged_page_with_a_resource_and_no_path_is_a_resource_page() {
    let (page, diagnostics) = parse(&format!("---\ndoc_type: apiPageType\n---\n{RESOURCE_BODY}"));
    assert_eq!(page.kind, PageKind::Resource);
    assert!(has(&diagnostics, Code::PageKindMismatch));
    assert!(!has(&diagnostics, Code::NoHttpRequestSection) && !has(&diagnostics, Code::NoPermissions));
    assert_eq!(page.resource.map(|resource| resource.properties.len()), Some(1));
}

#[test]
fn a_properties_table_without_annotation_still_describes_a_type() {
    let source = "---\ndoc_type: apiPageType\n---\n# gadget resource type\n\n## Properties\n\n\
        |Property|Type|Description|\n|:--|:--|:--|\n|id|String|Its id.|\n";
    let (page, diagnostics) = parse(source);
    assert_eq!(page.kind, PageKind::Resource);
    assert!(has(&diagnostics, Code::PageKindMismatch));
}

#[test]
fn an_api_page_with_a_path_stays_an_api_page_even_with_a_resource_block() {
    let source =
        "---\ndoc_type: apiPageType\n---\n# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n\
         ## Response\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"size\": \"Int32\" }\n```\n";
    let (page, diagnostics) = parse(source);
    assert_eq!(page.kind, PageKind::Api);
    assert!(!has(&diagnostics, Code::PageKindMismatch));
    assert_eq!(page.operations[0].paths.len(), 1);
}

#[test]
fn an_api_tagged_overview_without_request_examples_or_path_is_other() {
    let source = "---\ndoc_type: apiPageType\n---\n# Working with widgets\n\nWidgets are small.\n\n\
        ## Common scenarios\n\nMake a widget, then share it.\n";
    let (page, diagnostics) = parse(source);
    assert_eq!(page.kind, PageKind::Other);
    assert!(has(&diagnostics, Code::PageKindMismatch));
}

#[test]
fn an_api_tagged_page_with_examples_but_no_path_stays_api_and_is_reported() {
    // Evidence of an operation (examples) without its path: an API page missing its path, not an overview.
    let source =
        "---\ndoc_type: apiPageType\n---\n# Get widget\n\n## HTTP request\n\n```http\nGET ** not found\n```\n\n\
        ## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0** not found\n```\n";
    let (page, diagnostics) = parse(source);
    assert_eq!(page.kind, PageKind::Api);
    assert!(!has(&diagnostics, Code::PageKindMismatch));
    assert!(has(&diagnostics, Code::NoOperationPath));
}

#[test]
fn without_doc_type_a_resource_with_a_request_like_heading_is_a_resource() {
    let source = format!("{RESOURCE_BODY}\n## HTTP request\n\nSee the methods above.\n");
    let (page, diagnostics) = parse(&source);
    assert_eq!(page.kind, PageKind::Resource);
    // Nothing in the front matter is contradicted.
    assert!(!has(&diagnostics, Code::PageKindMismatch));
}

#[test]
fn resource_tagged_pages_keep_their_kind() {
    let (page, diagnostics) = parse(&format!("---\ndoc_type: resourcePageType\n---\n{RESOURCE_BODY}"));
    assert_eq!(page.kind, PageKind::Resource);
    assert!(!has(&diagnostics, Code::PageKindMismatch));
}
