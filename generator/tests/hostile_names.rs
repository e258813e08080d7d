//! Hostile names: pages whose file stems, properties, enum members, headers, query and path parameters, areas
//! (`ms.prod`), resource names and version folders are Rust keywords, the generated crate's own items, prelude
//! names, builder methods, cargo's own features, or collide with each other after folding.
//!
//! Each case alone must generate; every emitted `.rs` file must parse with `syn` and the `Cargo.toml` with `toml`,
//! and the renames must be reported. [`write_hostile_tree`] writes every case into one docs folder, for the slow
//! check that the crate compiles (`graphdoc gen <dir> --out <crate>` then `cargo check --all-features`).
//! The pages are written here, never copied from the docs.

use generator::diagnostics::Severity;
use generator::generate::generate_crate;
use generator::DocsTree;
use std::path::Path;

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
pub fn hostile_cases() -> Vec<(&'static str, Vec<(String, String)>)> {
    let get = |path: &str| api("hostile", &[&format!("GET {path}")], &[], &[], None);
    let op = |stem: &str, text: String| (format!("{V1}/api/{stem}.md"), text);
    let res = |stem: &str, text: String| (format!("{V1}/resources/{stem}.md"), text);
    let mut cases: Vec<(&'static str, Vec<(String, String)>)> = Vec::new();
    // Page stems: operation modules and types.
    for stem in ["type", "match", "self", "super", "crate", "_", "models", "response", "runtime", "option", "string"] {
        cases.push(("stem", vec![op(stem, get("/me/things"))]));
    }
    for stem in ["result", "vec", "box", "ok", "some", "literal", "segment", "operation", "error", "piece"] {
        cases.push(("stem", vec![op(stem, get("/me/stuff"))]));
    }
    for stem in ["request-parts", "base-url", "count", "client", "2fa", "self-", "Self"] {
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
    cases.push((
        "header new",
        vec![op("header-new", api("hostile", &["GET /me/hnew"], &["new", "body"], &[], Some(("/me/hnew", None))))],
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
        ("area-client", "client"),
        ("area-tls", "tls"),
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

/// Writes every hostile case into one docs folder under `root` (created), for a compile check of the crate.
pub fn write_hostile_tree(root: &Path) -> std::io::Result<()> {
    for (_, pages) in hostile_cases() {
        for (path, text) in pages {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
    }
    Ok(())
}

/// Generates a crate from `pages`, and checks what can be checked without compiling: every `.rs` file parses,
/// the `Cargo.toml` reads as TOML with the crate's own features intact.
fn generate_and_check(pages: Vec<(String, String)>) -> Result<generator::generate::Generation, String> {
    let tree = DocsTree::from_files(pages);
    let generation = generate_crate(&tree, "hostile", "test").map_err(|error| error.to_string())?;
    for (path, text) in &generation.files {
        if path.ends_with(".rs") {
            syn::parse_file(text).map_err(|error| format!("{path} does not parse: {error}"))?;
        }
    }
    let manifest = generation.files.get("Cargo.toml").ok_or("no Cargo.toml")?;
    let manifest: toml::Table = manifest.parse().map_err(|error| format!("Cargo.toml does not parse: {error}"))?;
    let features = manifest.get("features").and_then(toml::Value::as_table).ok_or("no [features]")?;
    let default = features.get("default").map(ToString::to_string);
    if default.as_deref() != Some("[\"client\", \"full\"]") {
        return Err(format!("the default features changed: {default:?}"));
    }
    for (name, _) in features {
        let valid = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && name.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !valid {
            return Err(format!("`{name}` is not a cargo feature name"));
        }
    }
    let keys: Vec<&String> = manifest.keys().collect();
    if keys != ["dependencies", "dev-dependencies", "features", "package"] {
        return Err(format!("Cargo.toml has other tables: {keys:?}"));
    }
    Ok(generation)
}

#[test]
fn every_hostile_page_generates_a_crate_that_parses() {
    let mut failures = Vec::new();
    for (case, pages) in hostile_cases() {
        let first = pages[0].0.clone();
        if let Err(error) = generate_and_check(pages) {
            failures.push(format!("{case} ({first}): {error}"));
        }
    }
    assert!(failures.is_empty(), "{} hostile cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_whole_hostile_tree_generates_and_renames_are_reported() {
    let pages: Vec<(String, String)> = hostile_cases().into_iter().flat_map(|(_, pages)| pages).collect();
    let generation = generate_and_check(pages).expect("the hostile tree generates");
    let renames: Vec<&str> = generation
        .diagnostics
        .iter()
        .filter(|diagnostic| matches!(diagnostic.code.as_str(), "GD0980" | "GD0981" | "GD0982"))
        .inspect(|diagnostic| assert_eq!(diagnostic.severity, Severity::Warning))
        .map(|diagnostic| diagnostic.message.as_str())
        .collect();
    // A few of the renames, each naming the original and the new name.
    for expected in [
        "`Self` is reserved in the generated crate; named `Self2`",
        "`Models` is reserved in the generated crate; named `Models2`",
        "area `default` is one of the crate's own features; named `default-area`",
        "area `tls` is one of the crate's own features; named `tls-area`",
        "operation `Ab` folds to the same Rust name as `AB`; named `Ab3`",
        "operation `Response` is reserved in the generated crate; named `Response2`",
        "operation `Literal` is reserved in the generated crate; named `Literal2`",
        "type `option` is reserved in the generated crate; named `Option",
        "type `sameAsModel` folds to the same Rust name as `SameAsModel`; named `SameAsModel2`",
        "header `new` folds to the same Rust name as `new`; named `new_2`",
        "header `clone` is reserved in the generated crate; named `clone_2`",
        "header `body` is reserved in the generated crate; named `body_2`",
        "path parameter `self` is reserved in the generated crate; named `self_2`",
        "property `foo_bar` folds to the same Rust name as `foo_bar`; named `foo_bar_2`",
        "enum member `self` is reserved in the generated crate; named `Self2`",
        "API version `v1.0` folds to the same Rust name as `v1_0`; named `v1_0_2`",
    ] {
        assert!(renames.iter().any(|message| message.contains(expected)), "no `{expected}` in {renames:#?}");
    }
    let version_modules: Vec<&str> = generation.api.versions.iter().map(|version| version.module.as_str()).collect();
    assert_eq!(version_modules.len(), 3, "{version_modules:?}");
}

/// `HOSTILE_TREE=<dir> cargo test -p generator --test hostile_names write_tree` writes the tree for a compile check.
#[test]
fn write_tree() {
    let Some(root) = std::env::var_os("HOSTILE_TREE") else { return };
    write_hostile_tree(Path::new(&root)).expect("the tree is written");
}
