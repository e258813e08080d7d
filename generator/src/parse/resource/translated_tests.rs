//! Issue 15, translated type cells: collection words in any language in or around the type link, and translated
//! primitive names resolved against the page's own JSON representation, on fixture pages in several languages.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Page;
use crate::parse::{parse_page, NoDocs};

fn parse(source: &str) -> (Page, Vec<Diagnostic>) {
    parse_page("resources/x.md", source, &NoDocs)
}

/// The type cells of one language: boolean, double, string, unknown capitalised word for a boolean, the
/// recipients' collection (link), the tags' collection of strings, and the heading of the properties table.
struct Cells {
    boolean: &'static str,
    double: &'static str,
    string: &'static str,
    unknown_boolean: &'static str,
    recipients: &'static str,
    tags: &'static str,
}

const LANGUAGES: &[Cells] = &[
    Cells {
        boolean: "Booleano",
        double: "Duplo",
        string: "Cadeia de caracteres",
        unknown_boolean: "Logicum",
        recipients: "Coleção [recipient](recipient.md)",
        tags: "Coleção de cadeias de caracteres",
    },
    Cells {
        boolean: "Логический",
        double: "Двойное",
        string: "Строка",
        unknown_boolean: "Logicum",
        recipients: "Коллекция [recipient](recipient.md)",
        tags: "Коллекция строк",
    },
    Cells {
        boolean: "ブール値",
        double: "Duplo",
        string: "文字列",
        unknown_boolean: "Logicum",
        recipients: "[recipient コレクション](recipient.md)",
        tags: "文字列コレクション",
    },
    Cells {
        boolean: "布尔值",
        double: "双精度",
        string: "字符串",
        unknown_boolean: "Logicum",
        recipients: "[recipient](recipient.md) 集合",
        tags: "字符串集合",
    },
    Cells {
        boolean: "Booleano",
        double: "Doble",
        string: "Cadena",
        unknown_boolean: "Logicum",
        recipients: "[Colección de recipient](recipient.md)",
        tags: "Colección de cadenas de caracteres",
    },
];

fn page(cells: &Cells) -> String {
    format!(
        "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n\
         ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n\n\
         ```json\n{{\n  \"persist\": true,\n  \"ratio\": 0.5,\n  \"name\": \"String\",\n  \"flag\": false,\n  \
         \"to\": [{{\"@odata.type\": \"microsoft.graph.recipient\"}}],\n  \"tags\": [\"String\"]\n}}\n```\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| persist | {} | a |\n| ratio | {} | b |\n\
         | name | {} | c |\n| flag | {} | d |\n| to | {} | e |\n| tags | {} | f |\n| tableOnly | {} | g |\n",
        cells.boolean, cells.double, cells.string, cells.unknown_boolean, cells.recipients, cells.tags, cells.boolean
    )
}

#[test]
fn translated_type_cells_resolve_against_the_json_representation_in_any_language() {
    for cells in LANGUAGES {
        let (page, diagnostics) = parse(&page(cells));
        let resource = page.resource.expect("a resource");
        let summary: Vec<(&str, &str, bool)> = resource
            .properties
            .iter()
            .map(|property| (property.name.as_str(), property.type_name.as_str(), property.collection))
            .collect();
        assert_eq!(
            summary,
            [
                ("persist", "Boolean", false),
                ("ratio", "Double", false),
                ("name", "String", false),
                ("flag", "Boolean", false),
                ("to", "microsoft.graph.recipient", true),
                ("tags", "String", true),
                // No JSON member: the translated word alone says the type.
                ("tableOnly", "Boolean", false),
            ],
            "{}",
            cells.boolean
        );
        assert!(!diagnostics.iter().any(|d| d.code == Code::ResourceTableDisagrees), "{diagnostics:?}");
        // The unknown word is no type of the docs: taken from the JSON, and said so.
        let noted: Vec<_> = diagnostics.iter().filter(|d| d.code == Code::TypeWordTranslated).collect();
        assert_eq!(noted.len(), 1, "{diagnostics:?}");
        assert!(noted[0].message.contains("`flag`") && noted[0].message.contains("Logicum"), "{noted:?}");
    }
}

#[test]
fn lower_case_type_names_and_names_ending_with_collection_are_kept() {
    // `importance` is an enum the JSON writes as a string; `...ResourceCollection` is a type, not a collection.
    let source = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n\
         ## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\n\
         ```json\n{\n  \"level\": \"String\",\n  \"set\": {\"@odata.type\": \"microsoft.graph.wipResourceCollection\"},\n  \
         \"providers\": [\"String\"],\n  \"owner\": {\"@odata.type\": \"microsoft.graph.identitySet\"}\n}\n```\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| level | importance | a |\n\
         | set | [wipResourceCollection](wipresourcecollection.md) | b |\n| providers | ProviderType collection | c |\n\
         | owner | IdentitySet | d |\n";
    let (page, diagnostics) = parse(source);
    let resource = page.resource.expect("a resource");
    assert_eq!(resource.properties[0].type_name, "microsoft.graph.importance");
    assert_eq!(
        (resource.properties[1].type_name.as_str(), resource.properties[1].collection),
        ("microsoft.graph.wipResourceCollection", false)
    );
    // A capitalised type name the JSON names too is that type, with nothing to note.
    assert_eq!(resource.properties[3].type_name, "microsoft.graph.identitySet");
    // A capitalised enum name against the JSON's loose `"String"` (written for enums too) stays the table's.
    assert_eq!(
        (resource.properties[2].type_name.as_str(), resource.properties[2].collection),
        ("microsoft.graph.ProviderType", true)
    );
    assert!(!diagnostics.iter().any(|d| d.code == Code::TypeWordTranslated), "{diagnostics:?}");
}
