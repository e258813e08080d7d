//! Rust identifiers from docs names: valid, stable, and the same whatever the page's language.

/// Words the docs run together that read better split (`createsession` -> `create_session`) are not guessed:
/// names come from the docs' own camelCase (`createSession`) or file stems (`workbook-createsession`).
/// `snake_case` of a docs name: `persistChanges` -> `persist_changes`, `item-path` -> `item_path`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower_or_digit = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower_or_digit {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower_or_digit = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower_or_digit = false;
        }
    }
    let out = out.trim_matches('_').to_owned();
    let out = if out.is_empty() { "value".to_owned() } else { out };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

/// `UpperCamelCase` of a docs name: `workbookSessionInfo` -> `WorkbookSessionInfo`, `item-path` -> `ItemPath`.
pub fn upper_camel_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// Docs names of a path parameter that say nothing of what they address, and the word they keep: such a
/// parameter is named after its place instead (`{id}` after `users` is `user_id`). A name of one character, or
/// with no ASCII letter or digit (a translated name), is generic too, and keeps `id`.
const GENERIC_PARAMETERS: &[(&str, &str)] = &[("id", "id"), ("name", "name"), ("undefined", "id")];

/// Where a path parameter sits, which names it when its docs name says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// Right after a literal segment, or the key of `name(...)`: a key into that collection (`users/{id}`).
    Key(&'a str),
    /// The value of a function's named argument (`resizedRange(deltaRows={n})`).
    Argument(&'a str),
    /// Anywhere else (an item path, after another parameter, at the start).
    Other,
}

/// The Rust name of a path parameter, before it is made unique in its constructor: the docs name in snake case
/// (`{user-id}` -> `user_id`, `{item-path}` -> `item_path`), except that a generic one (`{id}`,
/// `{id | userPrincipalName}`, `{name}`) takes its place's name: a collection in the singular with the generic
/// word (`/users/{id}` -> `user_id`, `/charts/{name}` -> `chart_name`), a function argument's name
/// (`deltaRows={n}` -> `delta_rows`). A generic parameter anywhere else keeps its docs name.
pub fn path_parameter(docs_name: &str, place: Place) -> String {
    let docs = snake_case(docs_name);
    let Some(word) = generic_word(docs_name, &docs) else { return docs };
    match place {
        Place::Key(collection) => entity_name(collection, word),
        Place::Argument(argument) => snake_case(argument),
        Place::Other => docs,
    }
}

/// The name of a path parameter whose [`path_parameter`] name the constructor has given already (a docs name
/// used twice, `/templates/{templateId}/migratableTo/{templateId}`): its place's name with the docs name's last
/// word (`migratable_to_id`), if its place has a name and that differs.
pub fn repeated_parameter(docs_name: &str, place: Place) -> Option<String> {
    let docs = snake_case(docs_name);
    let word = generic_word(docs_name, &docs).unwrap_or_else(|| docs.rsplit('_').next().unwrap_or(&docs));
    let name = match place {
        Place::Key(collection) => entity_name(collection, word),
        Place::Argument(argument) => snake_case(argument),
        Place::Other => return None,
    };
    (name != path_parameter(docs_name, place)).then_some(name)
}

/// The word a generic docs name keeps (`id`, `name`), or None when the name says what it addresses.
fn generic_word<'a>(docs_name: &str, docs: &'a str) -> Option<&'a str> {
    if docs_name.chars().filter(char::is_ascii_alphanumeric).count() <= 1 {
        return Some("id");
    }
    GENERIC_PARAMETERS.iter().find(|(generic, _)| *generic == docs).map(|(_, word)| *word)
}

/// `collection` in the singular followed by `word`, unless it ends in it: `users` + `id` -> `user_id`,
/// `names` + `name` -> `name`.
fn entity_name(collection: &str, word: &str) -> String {
    let entity = singular(&snake_case(collection));
    if entity == word || entity.ends_with(&format!("_{word}")) {
        entity
    } else {
        format!("{entity}_{word}")
    }
}

/// Plurals the suffix rules get wrong, and words ending in `s` that are no plurals.
const IRREGULAR: &[(&str, &str)] = &[
    ("children", "child"),
    ("people", "person"),
    ("men", "man"),
    ("women", "woman"),
    ("indices", "index"),
    ("matrices", "matrix"),
    ("vertices", "vertex"),
    ("analyses", "analysis"),
    ("bases", "base"),
    ("statuses", "status"),
    ("aliases", "alias"),
    ("skus", "sku"),
    ("menus", "menu"),
    ("series", "series"),
    ("species", "species"),
    ("news", "news"),
    ("analytics", "analytics"),
    ("canvas", "canvas"),
    ("alias", "alias"),
    ("bias", "bias"),
    ("atlas", "atlas"),
    ("movies", "movie"),
    ("cookies", "cookie"),
];

/// The singular of a snake case name's last word, by English's regular rules: `mail_folders` -> `mail_folder`,
/// `policies` -> `policy`, `addresses` -> `address`, `mailboxes` -> `mailbox`, `children` -> `child`. A word
/// that is no recognisable plural (`history`, `status`, `access`) is kept.
pub fn singular(name: &str) -> String {
    let (head, word) = match name.rfind('_') {
        Some(at) => name.split_at(at + 1),
        None => ("", name),
    };
    let single = if let Some((_, single)) = IRREGULAR.iter().find(|(plural, _)| *plural == word) {
        (*single).to_owned()
    } else if let Some(stem) = word.strip_suffix("ies").filter(|stem| !stem.is_empty()) {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes", "zzes"].iter().any(|suffix| word.ends_with(suffix)) {
        word[..word.len() - 2].to_owned()
    } else if ["ss", "us", "is"].iter().any(|suffix| word.ends_with(suffix)) || word.len() < 3 {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_owned()
    } else {
        word.to_owned()
    };
    format!("{head}{single}")
}

/// Rust's keywords, which need `r#` (or, for the few that cannot be raw, a trailing `_`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// An identifier as text: keywords become raw identifiers (`r#type`), or get a `_` where raw is not allowed.
pub fn identifier(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => format!("{name}_"),
        _ if KEYWORDS.contains(&name) => format!("r#{name}"),
        _ => name.to_owned(),
    }
}

/// Makes `name` unique among `taken` by appending `_2`, `_3`, ... (deterministic: first come keeps the name).
pub fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}_{counter}");
        counter += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Keywords that cannot be raw identifiers: a name equal to one is renamed.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated code writes unqualified next to a model or a builder: the prelude's, the runtime's
/// and the glob-imported path pieces (`Literal`, `Segment`, ...). A struct `Option` would stand for `Option`.
pub const RESERVED_TYPES: &[&str] = &[
    // The prelude (types, traits and the variants it imports).
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Into",
    "From",
    "TryInto",
    "TryFrom",
    "AsRef",
    "AsMut",
    "Iterator",
    "IntoIterator",
    "FromIterator",
    "Extend",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Fn",
    "FnMut",
    "FnOnce",
    "Drop",
    // The generated crate's own: each builder's `Response`, the runtime's items, the path pieces.
    "Response",
    "Operation",
    "Error",
    "Piece",
    "Literal",
    "Segment",
    "ItemPath",
    "Quoted",
    "RequestParts",
    "BaseUrl",
    "Count",
    "Client",
    "Token",
    "Permissions",
    "TokenKind",
    "GraphError",
    "GraphErrorBody",
    "Exchange",
];

/// Module names of the generated crate (and of crates its code names), compared folded: an operation module
/// `models` would shadow the models, `runtime` the runtime.
pub const RESERVED_MODULES: &[&str] = &[
    "models",
    "runtime",
    "support",
    "std",
    "core",
    "alloc",
    "http",
    "serde",
    "serde_json",
    "percent_encoding",
    "ureq",
    "tiny_http",
    "graphdoc_runtime",
    "option",
    "string",
    "result",
    "vec",
    "boxed",
];

/// What a builder has besides its setters: its trait methods (which a setter of the same name would shadow),
/// `body`, and the methods of the traits it derives.
pub const RESERVED_METHODS: &[&str] = &[
    "body",
    "parts",
    "into_parts",
    "parse_response",
    "into_request",
    "select",
    "expand",
    "filter",
    "orderby",
    "top",
    "skip",
    "count",
    "search",
    "query",
    "under",
    "cast",
    "count_only",
    "raw_body",
    "header",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "into",
    "try_into",
    "from",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// How a namespace's names are written, and numbered when taken: `name_2` or `Name2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    Camel,
}

/// Why a name was not given as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renamed {
    /// It is a keyword that cannot be raw, or a name the generated crate uses itself.
    Reserved,
    /// It folds (ASCII case and `_` aside) to a name given before: that name.
    Collides(String),
}

/// The names given in one Rust namespace (a module's items, a struct's fields, a builder's methods, ...).
/// Names are compared folded (`fooBar`, `foo_bar` and `FooBar` are one) so that names derived from each other
/// (a module from its type) stay distinct too. First come keeps its name; later ones are numbered.
#[derive(Debug, Clone)]
pub struct Namespace {
    case: Case,
    /// Compared exactly.
    reserved: Vec<&'static str>,
    /// Compared folded.
    reserved_folded: Vec<String>,
    /// Folded name -> the name given.
    taken: std::collections::HashMap<String, String>,
}

/// A name given in a [`Namespace`]: the identifier text (`r#type` for a keyword), and why it differs from the
/// one asked for, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub name: String,
    pub renamed: Option<Renamed>,
}

impl Namespace {
    /// An empty namespace of names written in `case`, reserving the keywords that cannot be raw.
    pub fn new(case: Case) -> Self {
        Namespace { case, reserved: NOT_RAW.to_vec(), reserved_folded: Vec::new(), taken: Default::default() }
    }

    /// Also reserves `names`, compared exactly.
    pub fn reserving(mut self, names: &[&'static str]) -> Self {
        self.reserved.extend_from_slice(names);
        self
    }

    /// Also reserves `names`, compared folded.
    pub fn reserving_folded(mut self, names: &[&'static str]) -> Self {
        self.reserved_folded.extend(names.iter().map(|name| fold(name)));
        self
    }

    /// Gives `wanted` (a valid identifier in this namespace's case, such as [`snake_case`] returns), or, when it
    /// is reserved or folds to a name already given, the first free `wanted_2`, `wanted_3`, ...
    pub fn claim(&mut self, wanted: &str) -> Claimed {
        let renamed = if self.is_reserved(wanted) {
            Some(Renamed::Reserved)
        } else {
            self.taken.get(&fold(wanted)).map(|earlier| Renamed::Collides(earlier.clone()))
        };
        let mut candidate = wanted.to_owned();
        let mut counter = 2;
        while self.is_reserved(&candidate) || self.taken.contains_key(&fold(&candidate)) {
            let separator = if self.case == Case::Snake { "_" } else { "" };
            candidate = format!("{wanted}{separator}{counter}");
            counter += 1;
        }
        let name = identifier(&candidate);
        self.taken.insert(fold(&candidate), name.clone());
        Claimed { name, renamed }
    }

    /// Whether `name` (as asked, not raw) was given or reserved, folded.
    pub fn contains(&self, name: &str) -> bool {
        self.is_reserved(name) || self.taken.contains_key(&fold(name))
    }

    fn is_reserved(&self, name: &str) -> bool {
        self.reserved.contains(&name) || self.reserved_folded.contains(&fold(name))
    }
}

impl Claimed {
    /// The diagnostic message for a rename of the docs name `original`, if there was one.
    pub fn message(&self, what: &str, original: &str) -> Option<String> {
        let name = self.name.strip_prefix("r#").unwrap_or(&self.name);
        match self.renamed.as_ref()? {
            Renamed::Reserved => {
                Some(format!("{what} `{original}` is reserved in the generated crate; named `{name}`"))
            }
            Renamed::Collides(earlier) => {
                let earlier = earlier.strip_prefix("r#").unwrap_or(earlier);
                Some(format!("{what} `{original}` folds to the same Rust name as `{earlier}`; named `{name}`"))
            }
        }
    }
}

/// A name folded for comparison: ASCII lower case, without `_` and the raw prefix.
pub fn fold(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).chars().filter(|&c| c != '_').map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_identifiers() {
        assert_eq!(snake_case("persistChanges"), "persist_changes");
        assert_eq!(snake_case("item-path"), "item_path");
        assert_eq!(snake_case("@odata.type"), "odata_type");
        assert_eq!(snake_case("2fa"), "_2fa");
        assert_eq!(snake_case("创建"), "value");
        assert_eq!(upper_camel_case("workbookSessionInfo"), "WorkbookSessionInfo");
        assert_eq!(upper_camel_case("workbook-createsession"), "WorkbookCreatesession");
        assert_eq!(identifier("type"), "r#type");
        assert_eq!(identifier("self"), "self_");
        let mut taken = vec!["id".to_owned()];
        assert_eq!(unique("id".to_owned(), &mut taken), "id_2");
    }

    #[test]
    fn folded_names_collide_and_are_numbered() {
        let mut fields = Namespace::new(Case::Snake);
        assert_eq!(fields.claim("foo_bar"), Claimed { name: "foo_bar".into(), renamed: None });
        let second = fields.claim(&snake_case("fooBar"));
        assert_eq!(second, Claimed { name: "foo_bar_2".into(), renamed: Some(Renamed::Collides("foo_bar".into())) });
        assert_eq!(fields.claim("foobar").name, "foobar_3");
        assert_eq!(fields.claim(&snake_case("a-b")).name, "a_b");
        assert_eq!(fields.claim("ab").name, "ab_2");
        let mut types = Namespace::new(Case::Camel);
        assert_eq!(types.claim("FooBar").name, "FooBar");
        assert_eq!(types.claim("Foobar").name, "Foobar2");
        let message = types.claim("FOOBAR").message("type", "FOOBAR");
        assert_eq!(message.as_deref(), Some("type `FOOBAR` folds to the same Rust name as `FooBar`; named `FOOBAR3`"));
    }

    #[test]
    fn keywords_are_raw_or_renamed() {
        let mut fields = Namespace::new(Case::Snake);
        assert_eq!(fields.claim("type"), Claimed { name: "r#type".into(), renamed: None });
        assert_eq!(fields.claim("match").name, "r#match");
        for keyword in ["self", "super", "crate", "_"] {
            let claimed = fields.claim(keyword);
            assert_eq!(claimed.name, format!("{keyword}_2"));
            assert_eq!(claimed.renamed, Some(Renamed::Reserved));
        }
        // A second `type` folds to the first.
        assert_eq!(fields.claim("type").name, "type_2");
        let mut types = Namespace::new(Case::Camel);
        assert_eq!(types.claim("Self").name, "Self2");
    }

    #[test]
    fn the_prelude_and_the_crate_items_are_reserved() {
        let mut types = Namespace::new(Case::Camel).reserving(RESERVED_TYPES).reserving_folded(RESERVED_MODULES);
        for (wanted, given) in [
            ("Option", "Option2"),
            ("String", "String2"),
            ("Response", "Response2"),
            ("Literal", "Literal2"),
            ("BaseUrl", "BaseUrl2"),
            ("Models", "Models2"),
            ("Runtime", "Runtime2"),
            ("Response2", "Response22"),
        ] {
            assert_eq!(types.claim(wanted).name, given, "{wanted}");
        }
        assert_eq!(types.claim("Options").name, "Options");
        let mut modules = Namespace::new(Case::Snake).reserving_folded(RESERVED_MODULES);
        assert_eq!(modules.claim("models").name, "models_2");
        assert_eq!(modules.claim("option").name, "option_2");
        assert_eq!(modules.claim("serde_json").name, "serde_json_2");
        let claimed = modules.claim("string");
        assert_eq!(
            claimed.message("operation", "string").as_deref(),
            Some("operation `string` is reserved in the generated crate; named `string_2`")
        );
    }

    #[test]
    fn builder_methods_are_reserved_for_setters() {
        let mut methods = Namespace::new(Case::Snake).reserving(RESERVED_METHODS);
        assert_eq!(methods.claim("new").name, "new");
        assert_eq!(methods.claim("by_id").name, "by_id");
        for (wanted, given) in [
            ("new", "new_2"),
            ("clone", "clone_2"),
            ("into_request", "into_request_2"),
            ("select", "select_2"),
            ("expand", "expand_2"),
            ("filter", "filter_2"),
            ("top", "top_2"),
            ("header", "header_2"),
            ("query", "query_2"),
            ("body", "body_2"),
            ("by_id", "by_id_2"),
        ] {
            assert_eq!(methods.claim(wanted).name, given, "{wanted}");
        }
    }

    #[test]
    fn collections_are_singular() {
        for (plural, single) in [
            ("users", "user"),
            ("messages", "message"),
            ("children", "child"),
            ("entries", "entry"),
            ("addresses", "address"),
            ("policies", "policy"),
            ("mail_folders", "mail_folder"),
            ("mailboxes", "mailbox"),
            ("batches", "batch"),
            ("responses", "response"),
            ("statuses", "status"),
            ("subscribed_skus", "subscribed_sku"),
            ("history", "history"),
            ("access", "access"),
            ("analytics", "analytics"),
            ("s", "s"),
            ("", ""),
        ] {
            assert_eq!(singular(plural), single, "{plural}");
        }
    }

    #[test]
    fn path_parameters_are_named_after_their_place() {
        assert_eq!(path_parameter("id", Place::Key("users")), "user_id");
        assert_eq!(path_parameter("Id", Place::Key("mailFolders")), "mail_folder_id");
        assert_eq!(path_parameter("user-id", Place::Key("users")), "user_id");
        assert_eq!(path_parameter("directory-object-id", Place::Key("members")), "directory_object_id");
        assert_eq!(path_parameter("name", Place::Key("charts")), "chart_name");
        assert_eq!(path_parameter("name", Place::Key("names")), "name");
        assert_eq!(path_parameter("id", Place::Key("item_ids")), "item_id");
        assert_eq!(path_parameter("n", Place::Argument("deltaRows")), "delta_rows");
        assert_eq!(path_parameter("id", Place::Other), "id");
        // Translated or hostile docs names stay identifiers.
        assert_eq!(path_parameter("标识", Place::Key("用户")), "value_id");
        assert_eq!(path_parameter("id", Place::Key("r#type")), "r_type_id");
        assert_eq!(path_parameter("id", Place::Key("2fas")), "_2fa_id");
        assert_eq!(path_parameter("id", Place::Key("self")), "self_id");
        assert_eq!(repeated_parameter("templateId", Place::Key("migratableTo")).as_deref(), Some("migratable_to_id"));
        assert_eq!(repeated_parameter("id", Place::Key("users")), None);
        assert_eq!(repeated_parameter("id", Place::Other), None);
    }
}
