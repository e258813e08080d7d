//! The attacks on the generator's output and its parser: pages written here, one case or more per class of attack in issue 10, never copied from
//! anywhere. Each page is small and ordinary except for the one thing it attacks.

use crate::Pages;

/// Docs text that would be a doctest if it reached a doc comment as markdown: indented code in a blockquote, a
/// list item and a numbered item, and fences of every kind. Each runs `HOSTILE_DOCTEST` if rustdoc compiles it.
pub const DOCTEST_PAYLOADS: &[&str] = &[
    "Ends a session.<br>> \n>     panic!(\"HOSTILE_DOCTEST blockquote\");",
    "- an item\n\n      panic!(\"HOSTILE_DOCTEST list\");",
    "1. first\n\n       panic!(\"HOSTILE_DOCTEST numbered\");",
    "> - nested\n>\n>       panic!(\"HOSTILE_DOCTEST nested\");",
    "```rust\npanic!(\"HOSTILE_DOCTEST fence\");\n```",
    "  ~~~\n  panic!(\"HOSTILE_DOCTEST tilde\");\n  ~~~",
    "> ```\n> panic!(\"HOSTILE_DOCTEST quoted fence\");\n> ```",
    "text\n\n\tpanic!(\"HOSTILE_DOCTEST tab\");",
];

/// Names that are Rust keywords, the crate's own items, the prelude, a builder's methods, or collide after
/// folding case and punctuation.
pub const HOSTILE_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "match",
    "_",
    "models",
    "response",
    "Response",
    "runtime",
    "Operation",
    "Error",
    "option",
    "Option",
    "string",
    "String",
    "Vec",
    "Result",
    "new",
    "clone",
    "into_request",
    "select",
    "header",
    "body",
    "by_id",
    "a-b",
    "ab",
    "fooBar",
    "foo_bar",
    "2fa",
    "default",
];

/// Area names (`ms.prod`), which become cargo features: the crate's own features, TOML and newline injection.
pub const HOSTILE_AREAS: &[&str] = &[
    "default",
    "full",
    "blocking",
    "rustls",
    "replay",
    "a\"b = []\n[x]",
    "self",
    "has space",
    "éxcel",
    "1st",
    "-dash",
];

/// The attacks that are page text (those that need the file system itself are in `cargo xtask hostile`).
pub fn hostile_pages() -> Pages {
    let mut pages = Pages::new();
    pages.push(resource_page("hostiledoc", "excel", &doctest_properties()));
    for (index, payload) in DOCTEST_PAYLOADS.iter().enumerate() {
        let page = ApiPage { description: payload.to_string(), ..ApiPage::new(&format!("doctest-{index}"), "excel") };
        pages.push(page.render());
    }
    for (index, name) in HOSTILE_NAMES.iter().enumerate() {
        pages.extend(name_pages(index, name));
    }
    for (index, area) in HOSTILE_AREAS.iter().enumerate() {
        pages.push(ApiPage::new(&format!("area-{index}"), area).render());
    }
    pages.extend(include_fan_out(18, 4));
    pages.push(many_annotation_keys(50_000));
    pages
}

/// A property table whose descriptions carry every doctest payload (cells hold `<br>` for line breaks).
fn doctest_properties() -> Vec<(String, String, String)> {
    DOCTEST_PAYLOADS
        .iter()
        .enumerate()
        .map(|(index, payload)| (format!("p{index}"), "String".to_owned(), payload.replace('\n', "<br>")))
        .collect()
}

/// The pages one hostile name appears in: as a page stem, a path segment and parameter, a header, a query
/// parameter, a property, an enum member and a resource name.
fn name_pages(index: usize, name: &str) -> Pages {
    let file_safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let mut api = ApiPage::new(&file_safe, "names");
    api.path = format!("/things/{{{name}}}/{name}");
    api.headers.push((name.to_owned(), format!("The `{name}` header.")));
    api.query.push((name.to_owned(), format!("The `{name}` parameter.")));
    api.body_json = format!("{{ \"{name}\": \"x\", \"other{index}\": 1 }}");
    api.path_alternatives.push(format!("/things/{{{name}}}/{name}/{{id}}"));
    let mut pages = vec![api.render()];
    let mut page_with_stem_only = ApiPage::new(&format!("{file_safe}-{index}"), "names");
    page_with_stem_only.path = format!("/stems/{index}/{{id}}");
    pages.push(page_with_stem_only.render());
    let properties = vec![
        (name.to_owned(), "String".to_owned(), format!("The `{name}` property.")),
        (format!("{name}_"), "Int32".to_owned(), "Its twin after folding.".to_owned()),
    ];
    pages.push(resource_page(name, "names", &properties));
    pages.push(enum_page(&format!("{file_safe}kind{index}"), &[name, "value", &name.to_uppercase()]));
    pages
}

/// An API page: one operation, with the parts a hostile name can reach.
pub struct ApiPage {
    stem: String,
    area: String,
    description: String,
    path: String,
    path_alternatives: Vec<String>,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body_json: String,
    extra: String,
}

impl ApiPage {
    fn new(stem: &str, area: &str) -> Self {
        ApiPage {
            stem: stem.to_owned(),
            area: area.to_owned(),
            description: "An operation of the hostile docs.".to_owned(),
            path: format!("/hostile/{}", stem.replace(|c: char| !c.is_ascii_alphanumeric(), "")),
            path_alternatives: Vec::new(),
            headers: Vec::new(),
            query: Vec::new(),
            body_json: "{ \"name\": \"x\" }".to_owned(),
            extra: String::new(),
        }
    }

    fn render(&self) -> (String, String) {
        let area = yaml_string(&self.area);
        let description = yaml_string(&self.description);
        let paths: String =
            std::iter::once(&self.path).chain(&self.path_alternatives).map(|path| format!("POST {path}\n")).collect();
        let headers: String = self.headers.iter().map(|(name, text)| format!("| {name} | {text} |\n")).collect();
        let query: String = self.query.iter().map(|(name, text)| format!("| {name} | String | {text} |\n")).collect();
        let example_path = self.path.replace(['{', '}'], "");
        let text = format!(
            "---\ntitle: \"hostile: {stem}\"\ndescription: {description}\nms.prod: {area}\ndoc_type: apiPageType\n---\n\n\
             # hostile: {stem}\n\nNamespace: microsoft.graph\n\n{body_description}\n\n\
             ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
             |Delegated (work or school account)|User.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n\
             |Application|Not supported.|\n\n\
             ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{paths}```\n\n\
             ## Optional query parameters\n\n| Name | Type | Description |\n|:---|:---|:---|\n{query}\n\
             ## Request headers\n\n| Name | Description |\n|:---|:---|\n| Authorization | Bearer {{token}}. Required. |\n{headers}\n\
             ## Request body\n\n| Property | Type | Description |\n|:---|:---|:---|\n| name | String | {body_description} |\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n{extra}\
             ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{test}\" }} -->\n\
             ```http\nPOST https://graph.microsoft.com/v1.0{example_path}\nContent-type: application/json\n\n{body}\n```\n\n\
             ### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\
             Content-type: application/json\n\n{body}\n```\n",
            stem = self.stem,
            body_description = self.description.replace('\n', "<br>"),
            extra = self.extra,
            test = self.stem.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            body = self.body_json,
        );
        (format!("api-reference/v1.0/api/{}.md", self.stem), text)
    }
}

/// A resource page named `name` with `(property, type, description)` rows.
fn resource_page(name: &str, area: &str, properties: &[(String, String, String)]) -> (String, String) {
    let json: Vec<String> = properties.iter().map(|(property, ty, _)| format!("  \"{property}\": \"{ty}\"")).collect();
    let rows: String =
        properties.iter().map(|(property, ty, text)| format!("| {property} | {ty} | {text} |\n")).collect();
    let file: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let text = format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A hostile resource.\"\nms.prod: {area}\n\
         doc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n\
         ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{\n{json}\n}}\n```\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}",
        area = yaml_string(area),
        json = json.join(",\n"),
    );
    (format!("api-reference/v1.0/resources/{file}-resource.md"), text)
}

/// An enum page with `members`.
fn enum_page(name: &str, members: &[&str]) -> (String, String) {
    let rows: String = members.iter().map(|member| format!("| {member} | 0 | The `{member}` member. |\n")).collect();
    let text = format!(
        "---\ntitle: \"{name} enum type\"\ndescription: \"A hostile enum.\"\nms.prod: names\n\
         doc_type: enumPageType\n---\n\n# {name} enum type\n\nNamespace: microsoft.graph\n\n\
         ## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n{rows}"
    );
    (format!("api-reference/v1.0/resources/{name}.md"), text)
}

/// A chain of `length` include files, each including the next `fan_out` times: expanded naively, the last file
/// is read `fan_out ^ length` times.
fn include_fan_out(length: usize, fan_out: usize) -> Pages {
    let mut pages = Pages::new();
    for level in 0..length {
        let next = format!("[!INCLUDE [next](fan-{}.md)]\n\n", level + 1);
        let text = if level + 1 == length { "The end of the chain.\n".to_owned() } else { next.repeat(fan_out) };
        pages.push((format!("api-reference/v1.0/includes/fan-{level}.md"), text));
    }
    let mut api = ApiPage::new("fan-out", "includes");
    api.extra = "## Notes\n\n[!INCLUDE [chain](../includes/fan-0.md)]\n\n".to_owned();
    pages.push(api.render());
    pages
}

/// A page whose request annotation has `keys` unknown keys.
fn many_annotation_keys(keys: usize) -> (String, String) {
    let (path, text) = ApiPage::new("many-keys", "annotations").render();
    let unknown: String = (0..keys).map(|key| format!("\"unknownKey{key}\": {key}, ")).collect();
    let text = text.replacen("{ \"blockType\": \"request\",", &format!("{{ {unknown}\"blockType\": \"request\","), 1);
    (path, text)
}

/// A YAML double-quoted string (front matter values can hold anything).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
