//! Page-level tests: fixtures written for these tests, plus checks against the shared corpus when it is present.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Page, PropertySource};
use crate::parse::{parse_page, NoDocs};

fn parse(source: &str) -> (Page, Vec<Diagnostic>) {
    parse_page("resources/x.md", source, &NoDocs)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
}

const SESSION: &str = "---\ndoc_type: resourcePageType\n---\n# sessionThing resource type\n\nNamespace: microsoft.graph\n\n\
## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"openType\": \"true\",\n  \
\"optionalProperties\": [\"note\"],\n  \"@odata.type\": \"microsoft.graph.sessionThing\"\n}-->\n\n```json\n{\n  \
\"id\": \"String (identifier)\",\n  \"persist\": true,\n  \"when\": \"String (timestamp)\",\n  \"tags\": [\"String\"],\n  \
\"level\": \"low | high\",\n  \"owner\": {\"@odata.type\": \"microsoft.graph.identitySet\"},\n  \"extra\": 1024\n}\n```\n\n\
## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| persist | String | Kept. |\n\
| when | DateTimeOffset | When. |\n| tags | String collection | Tags. |\n| level | sessionLevel | Level. |\n\
| owner | [identitySet](identityset.md) | Owner. |\n| tableOnly | Int32 | Only here. |\n\n\
## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| items | [item](item.md) collection | Items. |\n";

#[test]
fn merges_json_and_tables_and_reports_the_contradiction() {
    let (page, diagnostics) = parse(SESSION);
    let resource = page.resource.expect("a resource");
    assert_eq!(resource.name, "sessionThing");
    assert_eq!(resource.odata_type.as_deref(), Some("microsoft.graph.sessionThing"));
    assert_eq!(resource.key_property.as_deref(), Some("id"));
    assert!(resource.open_type);
    assert_eq!(resource.optional_properties, ["note"]);
    let summary: Vec<_> = resource
        .properties
        .iter()
        .map(|property| (property.name.as_str(), property.type_name.as_str(), property.collection, property.source))
        .collect();
    assert_eq!(
        summary,
        [
            ("id", "String", false, PropertySource::Both),
            ("persist", "String", false, PropertySource::Both),
            ("when", "DateTimeOffset", false, PropertySource::Both),
            ("tags", "String", true, PropertySource::Both),
            ("level", "microsoft.graph.sessionLevel", false, PropertySource::Both),
            ("owner", "microsoft.graph.identitySet", false, PropertySource::Both),
            ("tableOnly", "Int32", false, PropertySource::Table),
            ("extra", "Int32", false, PropertySource::Json),
        ]
    );
    assert_eq!(resource.properties[4].enum_values, ["low", "high"]);
    // The table's declaration is kept, the JSON's contradicting type with it.
    assert_eq!(resource.properties[1].json_type.as_deref(), Some("Boolean"));
    assert_eq!(resource.properties[4].json_type, None);
    assert_eq!(resource.properties[1].description, "Kept.");
    assert_eq!(resource.relationships.len(), 1);
    assert_eq!(resource.relationships[0].type_name, "microsoft.graph.item");
    // Exactly one contradiction: `persist` is a string in the table and a boolean in the JSON.
    let disagreements: Vec<_> =
        diagnostics.iter().filter(|diagnostic| diagnostic.code == Code::ResourceTableDisagrees).collect();
    assert_eq!(disagreements.len(), 1, "{diagnostics:?}");
    assert!(disagreements[0].message.contains("String") && disagreements[0].message.contains("Boolean"));
    assert!(disagreements[0].message.contains("persist"));
    // It points at the row's name in the table (found only for the diagnostic, after the rows before it).
    let line = SESSION.lines().position(|line| line.starts_with("| persist |")).expect("the row") + 1;
    assert_eq!((disagreements[0].line, disagreements[0].col), (line as u32, 3));
}

#[test]
fn unreadable_json_is_reported_and_tables_still_read() {
    let source = SESSION.replace("\"persist\": true,", "\"persist\": true,,, oops");
    let (page, diagnostics) = parse(&source);
    assert!(codes(&diagnostics).contains(&Code::ResourceJsonUnreadable), "{diagnostics:?}");
    let resource = page.resource.expect("a resource");
    assert!(resource.properties.iter().any(|property| property.name == "tableOnly"));
    assert!(resource
        .properties
        .iter()
        .any(|property| property.name == "owner" && property.source == PropertySource::Both));
}

#[test]
fn page_without_representation_gets_a_note_and_its_tables() {
    let source = "---\ndoc_type: resourcePageType\n---\n# thing 资源类型\n\n## <a name=\"properties\"></a>属性\n\n\
| 属性 | 类型 | 说明 |\n|:--|:--|:--|\n| 恶意软件 (malware) | [恶意软件](malware.md) | 说明。 |\n| names | 字符串集合 | 名称。 |\n";
    let (page, diagnostics) = parse(source);
    assert_eq!(codes(&diagnostics), [Code::ResourceWithoutRepresentation]);
    let resource = page.resource.expect("a resource");
    assert_eq!(resource.name, "thing");
    assert_eq!(resource.properties[0].name, "malware");
    assert_eq!(resource.properties[0].type_name, "microsoft.graph.malware");
    assert_eq!((resource.properties[1].type_name.as_str(), resource.properties[1].collection), ("String", true));
}

#[test]
fn enum_pages_read_members_or_report_their_absence() {
    let source = "---\ndoc_type: enumPageType\n---\n# riskLevel 枚举类型\n\n## <a name=\"members\"></a>成员\n\n\
|成员|值|说明|\n|:--|:--|:--|\n|low|0|低。|\n|high|1|高。|\n";
    let (page, diagnostics) = parse(source);
    let enum_type = page.enum_type.expect("an enum");
    assert_eq!(enum_type.name, "riskLevel");
    assert_eq!(enum_type.members.len(), 2);
    assert_eq!(enum_type.members[1].value.as_deref(), Some("1"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");

    let (page, diagnostics) = parse("---\ndoc_type: enumPageType\n---\n# empty enum type\n\n## Members\n\nNone yet.\n");
    assert_eq!(page.enum_type.map(|enum_type| enum_type.members.len()), Some(0));
    assert_eq!(codes(&diagnostics), [Code::EnumWithoutMembers]);
}

#[test]
fn pages_listing_several_enums_group_them() {
    let source = "---\ndoc_type: enumTypes\n---\n# Some enumeration values\n\n### colour values\n\n|Member|\n|:--|\n\
|red|\n|blue|\n\n### size values\n\n|Member|\n|:--|\n|small|\n";
    let (page, diagnostics) = parse(source);
    let enum_type = page.enum_type.expect("an enum");
    let names: Vec<_> = enum_type.grouped.iter().map(|group| (group.name.as_str(), group.members.len())).collect();
    assert_eq!(names, [("colour", 2), ("size", 1)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

/// The real pages the task names, when the shared corpus is present.
#[test]
fn corpus_pages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let read = |path: &str| std::fs::read_to_string(root.join(path)).ok();
    if let Some(source) = read("en-US-2021/api-reference/beta/resources/workbooksessioninfo.md") {
        let (_, diagnostics) = parse(&source);
        assert!(diagnostics
            .iter()
            .any(|d| d.code == Code::ResourceTableDisagrees && d.message.contains("persistChanges")));
    }
    if let Some(source) = read("en-US-2021/api-reference/v1.0/resources/driveitem.md") {
        let resource = parse(&source).0.resource.expect("a resource");
        assert_eq!(resource.name, "driveItem");
        assert_eq!(resource.base_type.as_deref(), Some("microsoft.graph.baseItem"));
        let children = resource.relationships.iter().find(|property| property.name == "children").expect("children");
        assert_eq!((children.type_name.as_str(), children.collection), ("microsoft.graph.driveItem", true));
    }
    if let Some(source) = read("zh-CN-2023/api-reference/v1.0/resources/accessaction.md") {
        let (page, _) = parse(&source);
        let resource = page.resource.expect("a resource");
        assert_eq!(resource.name, "accessAction");
        assert!(resource.properties.is_empty());
    }
}

#[test]
fn translated_property_names_are_matched_by_position() {
    let source = "---\ndoc_type: resourcePageType\n---\n# thing 资源类型\n\n## <a name=\"properties\"></a>属性\n\n\
| 属性 | 类型 | 说明 |\n|:--|:--|:--|\n| 说明 | String | 说明。 |\n| id | String | 标识符。 |\n| 角色 | 字符串集合 | 角色。 |\n\n\
## <a name=\"json-representation\"></a>JSON 表示形式\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n\
```json\n{\"description\": \"String\", \"id\": \"String\", \"roles\": [\"String\"]}\n```\n";
    let (page, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let summary: Vec<_> = page
        .resource
        .expect("a resource")
        .properties
        .iter()
        .map(|property| {
            (property.name.to_string(), property.collection, property.source, property.description.to_string())
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("description".to_owned(), false, PropertySource::Both, "说明。".to_owned()),
            ("id".to_owned(), false, PropertySource::Both, "标识符。".to_owned()),
            ("roles".to_owned(), true, PropertySource::Both, "角色。".to_owned()),
        ]
    );
}

#[test]
fn rows_out_of_the_members_order_still_match() {
    // The member after the previous row's is tried first; rows in another order, or differently cased, are
    // matched by the search it shortcuts.
    let source = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## JSON representation\n\n\
```json\n{\n  \"a\": \"String\",\n  \"b\": \"Int32\",\n  \"c\": true\n}\n```\n\n## Properties\n\n\
| Property | Type | Description |\n|:--|:--|:--|\n| c | Boolean | C. |\n| a | String | A. |\n| B | Int32 | B. |\n\
| b | Int32 | Again. |\n";
    let (page, _) = parse(source);
    let resource = page.resource.expect("a resource");
    let summary: Vec<_> =
        resource.properties.iter().map(|property| (property.name.as_str(), property.source)).collect();
    assert_eq!(
        summary,
        [
            ("c", PropertySource::Both),
            ("a", PropertySource::Both),
            ("b", PropertySource::Both),
            ("b", PropertySource::Table)
        ]
    );
}

/// A base type stated only in prose ("Inherits from [x](x.md)"), in several languages; an annotation's
/// `baseType` wins, and a sentence that only mentions inheritance later in a paragraph is not read.
#[test]
fn a_base_type_stated_in_prose_is_read_in_several_languages() {
    let page = |intro: &str, annotation_base: &str| {
        format!(
            "---\ndoc_type: resourcePageType\n---\n# childThing resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\n\
             ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",{annotation_base}\n  \
             \"@odata.type\": \"microsoft.graph.childThing\"\n}}-->\n\n```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
        )
    };
    let base = |source: &str| parse(source).0.resource.expect("a resource").base_type.map(|base| base.to_string());
    for intro in [
        "Inherits from [parentThing](parentthing.md).",
        "继承自 [parentThing](../resources/parentthing.md)",
        "Наследуется от [parentThing](parentthing.md).",
        "Herda de [parentThing](parentthing.md).",
    ] {
        assert_eq!(base(&page(intro, "")).as_deref(), Some("parentThing"), "{intro}");
    }
    let annotated =
        page("Inherits from [parentThing](parentthing.md).", "\n  \"baseType\": \"microsoft.graph.other\",");
    assert_eq!(base(&annotated).as_deref(), Some("microsoft.graph.other"));
    assert_eq!(base(&page("A thing that, unlike [parentThing](parentthing.md), inherits from nothing.", "")), None);
}
