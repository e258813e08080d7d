//! Hostile names: pages whose file stems, properties, enum members, headers, query and path parameters, areas
//! (`ms.prod`), resource names and version folders are Rust keywords, the generated crate's own items, prelude
//! names, builder methods, cargo's own features, or collide with each other after folding.

use crate::Pages;

/// An API page: `stem` is the file stem, `http` the `METHOD /path` lines, `headers` and `queries` the documented
/// names, `example` a request URL (under `/v1.0`) with an optional JSON body.
fn api(prod: &str, http: &[&str], headers: &[&str], queries: &[&str], example: Option<(&str, Option<&str>)>) -> String {
    let method = http.first().and_then(|line| line.split_whitespace().next()).unwrap_or("GET");
    let mut page = format!(
        "---\ntitle: \"hostile operation\"\ndescription: \"An operation with a hostile name.\"\nms.prod: {prod}\n\
         doc_type: apiPageType\n---\n\n# hostile operation\n\nNamespace: microsoft.graph\n\nDoes a thing.\n\n\
         ## Permissions\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n\
         |:---|:---|:---|\n|Delegated (work or school account)|User.Read|Not available.|\n\
         |Delegated (personal Microsoft account)|Not supported.|Not supported.|\n\
         |Application|Not supported.|Not supported.|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
         ```http\n{}\n```\n\n",
        http.join("\n")
    );
    if !queries.is_empty() {
        page.push_str("## Optional query parameters\n\n| Name | Type | Description |\n|:---|:---|:---|\n");
        for query in queries {
            page.push_str(&format!("| {query} | String | A parameter. |\n"));
        }
        page.push('\n');
    }
    page.push_str("## Request headers\n\n| Name | Description |\n|:---|:---|\n| Authorization | Bearer {token}. |\n");
    for header in headers {
        page.push_str(&format!("| {header} | A header. |\n"));
    }
    page.push_str("\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n");
    if let Some((url, body)) = example {
        let headers: String = headers.iter().map(|header| format!("{header}: x\n")).collect();
        let body = body.map(|body| format!("Content-type: application/json\n\n{body}\n")).unwrap_or_default();
        page.push_str(&format!(
            "## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"hostile\" }} -->\n\
             ```http\n{method} https://graph.microsoft.com/v1.0{url}\n{headers}{body}```\n\n### Response\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
             {{\"value\": 1}}\n```\n"
        ));
    }
    page
}

/// A resource page for type `name` with `properties` (JSON names, all strings).
fn resource(name: &str, properties: &[&str]) -> String {
    let json: Vec<String> =
        properties.iter().map(|property| format!("  {}: \"String\"", json_string(property))).collect();
    let rows: String = properties.iter().map(|property| format!("| {property} | String | A property. |\n")).collect();
    format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A type.\"\nms.prod: hostile\ndoc_type: resourcePageType\n\
         ---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA type.\n\n## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{{\n{}\n}}\n```\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}",
        json.join(",\n")
    )
}

/// An enum page for `name` with `members`.
fn enumeration(name: &str, members: &[&str]) -> String {
    let rows: String = members.iter().map(|member| format!("| {member} | A member. |\n")).collect();
    format!(
        "---\ntitle: \"{name} enum type\"\ndescription: \"An enum.\"\nms.prod: hostile\ndoc_type: enumPageType\n---\n\n\
         # {name} enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Description |\n|:---|:---|\n{rows}"
    )
}

/// A resource page whose type a `GET` page returns, so that its model (and enums) are compiled under a feature.
fn returning(stem: &str, resource_stem: &str) -> String {
    api("hostile", &[&format!("GET /{stem}")], &[], &[], None).replace(
        "returns a `200 OK` response code.",
        &format!("returns a `200 OK` response code and a [thing](../resources/{resource_stem}.md) object."),
    )
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

const V1: &str = "api-reference/v1.0";

/// Every hostile case: its name and its pages (relative path, text). Stems are distinct across cases, so that
/// all of them fit in one docs tree.
pub fn hostile_cases() -> Vec<(&'static str, Pages)> {
    let get = |path: &str| api("hostile", &[&format!("GET {path}")], &[], &[], None);
    let op = |stem: &str, text: String| (format!("{V1}/api/{stem}.md"), text);
    let res = |stem: &str, text: String| (format!("{V1}/resources/{stem}.md"), text);
    let mut cases: Vec<(&'static str, Pages)> = Vec::new();
    // Page stems: operation modules and types.
    for stem in ["type", "match", "self", "super", "crate", "_", "models", "response", "runtime", "option", "string"] {
        cases.push(("stem", vec![op(stem, get("/me/things"))]));
    }
    for stem in ["result", "vec", "box", "ok", "some", "literal", "segment", "operation", "error", "piece"] {
        cases.push(("stem", vec![op(stem, get("/me/stuff"))]));
    }
    for stem in ["request-parts", "base-url", "count", "client", "blocking", "graphdoc-runtime", "2fa", "self-", "Self"]
    {
        cases.push(("stem", vec![op(stem, get("/me/items"))]));
    }
    cases.push(("stems folding", vec![op("a-b", get("/me/x")), op("ab", get("/me/y")), op("a_b", get("/me/z"))]));
    cases.push(("stems folding case", vec![op("fooBar", get("/me/p")), op("foo_bar", get("/me/q"))]));
    // Function and action names that are keywords: the last path segment names the type.
    cases.push(("action self", vec![op("item-self", api("hostile", &["POST /me/item/self"], &[], &[], None))]));
    cases.push(("function type", vec![op("item-type", get("/me/item/type()"))]));
    // Path parameters.
    for (stem, path) in [
        ("param-self", "/me/items/{self}"),
        ("param-type", "/me/items/{type}/{Self}"),
        ("param-super", "/me/items/{super}/{crate}/{_}"),
        ("param-folding", "/me/items/{a-b}/{a_b}/{ab}"),
        ("param-runtime", "/me/items/{runtime}/{value}"),
    ] {
        let example = path.replace(['{', '}'], "");
        cases.push((
            "path parameter",
            vec![op(stem, api("hostile", &[&format!("GET {path}")], &[], &[], Some((&example, None))))],
        ));
    }
    // Header names that are builder methods, constructors, keywords, or fold together.
    let headers: &[&[&str]] = &[
        &["new", "clone", "into-request", "header", "query", "body"],
        &["select", "expand", "filter", "top", "by-id", "parse-response"],
        &["type", "self", "Self", "super", "crate", "_"],
        &["If-Match", "if_match", "IfMatch", "raw-body", "under", "cast", "count-only"],
    ];
    for (index, names) in headers.iter().enumerate() {
        let stem = format!("headers-{index}");
        let page = api(
            "hostile",
            &["POST /me/headers/{id}", "POST /users/headers/{id}"],
            names,
            &[],
            Some(("/me/headers/1", Some("{\"a\": 1}"))),
        );
        cases.push(("header", vec![op(&stem, page)]));
    }
    // A `/me` path's constructor is `me`.
    cases.push((
        "header new",
        vec![op("header-new", api("hostile", &["GET /me/hnew"], &["me", "body"], &[], Some(("/me/hnew", None))))],
    ));
    // Query parameter names.
    cases.push((
        "query",
        vec![op(
            "queries",
            api(
                "hostile",
                &["GET /me/queries"],
                &["query-type"],
                &["type", "self", "a-b", "a_b", "ab", "type_", "header", "query"],
                Some(("/me/queries?type=1&self=2&a-b=3", None)),
            ),
        )],
    ));
    // Areas (`ms.prod`): cargo's and the crate's own features, and text that is no feature name.
    for (stem, prod) in [
        ("area-default", "default"),
        ("area-full", "full"),
        ("area-blocking", "blocking"),
        ("area-rustls", "rustls"),
        ("area-replay", "replay"),
        ("area-async", "async"),
        ("area-runtime", "graphdoc-runtime"),
        ("area-quote", "\"\\\"; x = 1\""),
        ("area-newline", "\"a\\nb = 1\""),
        ("area-digit", "2fa"),
        ("area-ureq", "ureq"),
        ("area-dep", "\"dep:ureq\""),
        ("area-unicode", "创建"),
        ("area-bracket", "\"]\\n[dependencies]\""),
    ] {
        cases.push((
            "area",
            vec![op(stem, api(prod, &[&format!("GET /me/{}", stem.replace('-', "/"))], &[], &[], None))],
        ));
    }
    // Resource names, their properties, enums and their members.
    for name in ["self", "option", "string", "vec", "box", "default", "result", "response", "operation", "error"] {
        let stem = format!("resource-{name}");
        cases.push((
            "resource",
            vec![
                res(&stem, resource(name, &["id", "name"])),
                op(&format!("get-{stem}"), returning(&format!("me/{name}"), &stem)),
            ],
        ));
    }
    cases.push((
        "properties",
        vec![
            res(
                "propertything",
                resource(
                    "propertyThing",
                    &[
                        "type",
                        "self",
                        "Self",
                        "super",
                        "crate",
                        "_",
                        "fooBar",
                        "foo_bar",
                        "additional",
                        "a-b",
                        "ab",
                        "2fa",
                        "\"q\"",
                        "",
                    ],
                ),
            ),
            op("get-propertything", returning("me/propertything", "propertything")),
        ],
    ));
    cases.push((
        "enum",
        vec![
            (
                format!("{V1}/resources/colour.md"),
                enumeration("colour", &["self", "Self", "other", "Other", "fooBar", "foo_bar", "none", "None"]),
            ),
            (format!("{V1}/resources/option-enum.md"), enumeration("option", &["some", "none"])),
            (format!("{V1}/resources/sameasmodel-enum.md"), enumeration("sameAsModel", &["a", "b"])),
            res("sameasmodel", resource("sameAsModel", &["id"])),
            res(
                "palette",
                resource("palette", &["colour", "option", "sameAsModel"])
                    .replace("\"colour\": \"String\"", "\"colour\": \"microsoft.graph.colour\""),
            ),
            op("get-palette", returning("me/palette", "palette")),
        ],
    ));
    // Version folders that fold to one module.
    cases.push((
        "version",
        vec![
            ("api-reference/v1-0/api/versioned.md".to_owned(), get("/me/versioned")),
            ("api-reference/v1_0/api/versioned2.md".to_owned(), get("/me/versioned2")),
        ],
    ));
    cases
}
