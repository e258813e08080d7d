//! Permission kinds from translated row labels and column headers, and the table header cues around them.

use crate::parse::markdown::Cell;
use crate::parse::text::{contains_short, find_short, to_lowercase, Keywords};

/// The three permission kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Kind {
    /// The kinds in the order the docs list their rows.
    pub const ORDER: [Kind; 3] = [Kind::DelegatedWork, Kind::DelegatedPersonal, Kind::Application];

    /// How the docs name the kind, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::DelegatedWork => "delegated (work or school account)",
            Kind::DelegatedPersonal => "delegated (personal Microsoft account)",
            Kind::Application => "application",
        }
    }

    /// Position in [`Kind::ORDER`].
    pub fn index(self) -> usize {
        match self {
            Kind::DelegatedWork => 0,
            Kind::DelegatedPersonal => 1,
            Kind::Application => 2,
        }
    }
}

/// The labels and headers that nearly every English or Chinese permissions table has, with what [`classify`]
/// makes of them: looked up before anything is searched (a test checks that the search agrees).
const COMMON: &[(&str, Option<Kind>)] = &[
    ("Delegated (work or school account)", Some(Kind::DelegatedWork)),
    ("Delegated (personal Microsoft account)", Some(Kind::DelegatedPersonal)),
    ("Application", Some(Kind::Application)),
    ("Permission type", None),
    ("Permissions (from least to most privileged)", None),
    ("委派（工作或学校帐户）", Some(Kind::DelegatedWork)),
    ("委派（个人 Microsoft 帐户）", Some(Kind::DelegatedPersonal)),
    ("应用程序", Some(Kind::Application)),
    ("权限类型", None),
    ("权限（从最低特权到最高特权）", None),
];

/// The column headers stating an order that nearly every English or Chinese permissions table has, with what
/// [`privilege_order`] makes of them (a test checks that the search agrees).
const COMMON_ORDERS: &[(&str, bool)] = &[
    ("Permissions (from least to most privileged)", false),
    ("Permissions (from most to least privileged)", true),
    ("权限（从最低特权到最高特权）", false),
    ("权限（从最高特权到最低特权）", true),
];

// Keyword stems, lower case, matched anywhere in the label. Each list covers the languages the docs are
// translated into; stems (`deleg`, `приложени`) catch the grammatical variants.
static PERSONAL: Keywords = Keywords::new(&[
    "personal",
    "personnel",
    "persönlich",
    "pessoal",
    "personale",
    "persoonlijk",
    "osobist",
    "kişisel",
    "osobní",
    "个人",
    "個人",
    "личн",
    "개인",
]);
static WORK: Keywords = Keywords::new(&[
    "work",
    "school",
    "professionnel",
    "scolaire",
    "geschäft",
    "arbeit",
    "schul",
    "organisation",
    "organization",
    "trabajo",
    "escuela",
    "educativ",
    "corporativ",
    "organizacional",
    "lavoro",
    "istituto",
    "służbow",
    "szkoln",
    "werk",
    "工作",
    "学校",
    "學校",
    "職場",
    "组织",
    "組織",
    "рабоч",
    "учебн",
    "организац",
    "회사",
    "학교",
]);
static DELEGATED: Keywords =
    Keywords::new(&["deleg", "délég", "委派", "委托", "委託", "委任", "代理", "делег", "위임"]);
static APPLICATION: Keywords = Keywords::new(&[
    "applica",
    "anwendung",
    "aplicaci",
    "aplicativ",
    "aplicaç",
    "aplikac",
    "uygulama",
    "toepassing",
    "应用",
    "應用",
    "アプリ",
    "приложени",
    "애플리케이션",
    "응용",
]);

/// The kind a row label or column header names, if it names one.
///
/// Only label-like text counts: one short line (a sentence mentioning "delegated permission" is not a label).
/// Within it: a personal cue (or "Microsoft" without a work cue) makes a delegated label personal; any other
/// delegated or work/school cue makes it work; an application cue makes it application.
pub fn classify(label: &str) -> Option<Kind> {
    match COMMON.iter().find(|(common, _)| *common == label) {
        Some((_, kind)) => *kind,
        None => classify_by_stems(label),
    }
}

/// [`classify`] without the table of common labels.
fn classify_by_stems(label: &str) -> Option<Kind> {
    let first_line = label.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    let text = to_lowercase(first_line.trim().trim_matches(['*', '_', ' ', '\u{a0}']));
    if text.is_empty() || is_sentence(&text) {
        return None;
    }
    // Some sixty stems: one scan of the label per list.
    let has = |stems: &Keywords| stems.found_in(&text);
    let delegated = has(&DELEGATED);
    let work = has(&WORK);
    let personal = has(&PERSONAL) || (delegated && !work && text.contains("microsoft"));
    if personal && (delegated || work || text.contains('(') || text.contains('（')) {
        return Some(Kind::DelegatedPersonal);
    }
    if delegated || (work && (text.contains("account") || text.contains('(') || text.contains('（'))) {
        return Some(Kind::DelegatedWork);
    }
    // "App" alone is a label ("App", "App-only"); in longer text ("context of the calling app") it is not.
    let short = text.split_whitespace().count() <= 2;
    let app_word = || contains_short(&text, "app") && text.split(|c: char| !c.is_alphanumeric()).any(|w| w == "app");
    let application = has(&APPLICATION) || (short && app_word());
    application.then_some(Kind::Application)
}

/// Whether `text` reads like a sentence rather than a label: a full stop inside it or too many words.
fn is_sentence(text: &str) -> bool {
    // Labels never end with a full stop; table cells of prose ("App is calling ... (application permission).") do.
    text.trim_end().ends_with('.')
        || text.contains(". ")
        || text.contains('。')
        || text.split_whitespace().count() > 9
        || text.chars().count() > 70
}

/// What a permissions column header says of its lists' order: `Some(true)` for "from most to least privileged",
/// `Some(false)` for "from least to most", None when it says neither.
pub fn privilege_order(header: &str) -> Option<bool> {
    match COMMON_ORDERS.iter().find(|(common, _)| *common == header) {
        Some((_, most_first)) => Some(*most_first),
        None => privilege_order_by_words(header),
    }
}

/// [`privilege_order`] without the common headers.
fn privilege_order_by_words(header: &str) -> Option<bool> {
    let text = to_lowercase(header);
    let first = |needles: &[&str]| needles.iter().filter_map(|needle| find_short(&text, needle)).min();
    match (first(&["most", "highest", "最高", "最多"]), first(&["least", "lowest", "最低", "最少"])) {
        (Some(most), Some(least)) => Some(most < least),
        _ => None,
    }
}

/// Whether a table is a permissions table by its shape, in any language: two or more rows labelled with
/// different permission kinds (or two or more header cells naming kinds, one column per kind), and a scope in
/// one of the other cells. For tables outside a Permissions section, which no heading vouches for.
pub fn is_permission_table(rows: &[Vec<Cell>]) -> bool {
    let Some((header, body)) = rows.split_first() else { return false };
    let has_scope =
        |cells: &[Cell]| cells.iter().skip(1).any(|cell| !super::cells::cell_scopes(&cell.text).scopes.is_empty());
    let header_kinds = distinct_kinds(header.iter().skip(1).map(|cell| classify(&cell.text)));
    if header_kinds >= 2 {
        return body.iter().any(|row| has_scope(row));
    }
    // The header may be a data row itself (a table without a header line).
    let labels = rows.iter().map(|row| row.first().and_then(|label| classify(&label.text)));
    distinct_kinds(labels) >= 2
        && rows.iter().any(|row| row.first().is_some_and(|label| classify(&label.text).is_some()) && has_scope(row))
}

/// How many different kinds `kinds` names.
fn distinct_kinds(kinds: impl Iterator<Item = Option<Kind>>) -> usize {
    let mut seen = [false; 3];
    for kind in kinds.flatten() {
        seen[kind.index()] = true;
    }
    seen.iter().filter(|seen| **seen).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_labels() {
        assert_eq!(classify("Delegated (work or school account)"), Some(Kind::DelegatedWork));
        assert_eq!(classify("Delegated (personal Microsoft account"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("Delegated permission (personal Microsoft account)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("Delegated - work or school account"), Some(Kind::DelegatedWork));
        assert_eq!(classify("Application"), Some(Kind::Application));
        assert_eq!(classify("Application permission"), Some(Kind::Application));
        assert_eq!(classify("委派（工作或学校帐户）"), Some(Kind::DelegatedWork));
        assert_eq!(classify("委派（个人 Microsoft 帐户）"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("委托（Microsoft 个人帐户）"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("委派 (个人帐户)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("应用程序"), Some(Kind::Application));
        assert_eq!(classify("应用"), Some(Kind::Application));
    }

    #[test]
    fn other_languages() {
        assert_eq!(classify("Делегированные (рабочая или учебная учетная запись)"), Some(Kind::DelegatedWork));
        assert_eq!(classify("Делегированные (личная учетная запись Майкрософт)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("Для приложений"), Some(Kind::Application));
        assert_eq!(classify("Delegiert (Geschäfts-, Schul- oder Unikonto)"), Some(Kind::DelegatedWork));
        assert_eq!(classify("Delegiert (persönliches Microsoft-Konto)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("Anwendung"), Some(Kind::Application));
        assert_eq!(classify("Déléguée (compte professionnel ou scolaire)"), Some(Kind::DelegatedWork));
        assert_eq!(classify("Déléguée (compte Microsoft personnel)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("Aplicación"), Some(Kind::Application));
        assert_eq!(classify("Delegado (cuenta personal de Microsoft)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("委任 (職場または学校のアカウント)"), Some(Kind::DelegatedWork));
        assert_eq!(classify("委任 (個人用 Microsoft アカウント)"), Some(Kind::DelegatedPersonal));
        assert_eq!(classify("アプリケーション"), Some(Kind::Application));
        assert_eq!(classify("Aplicativo"), Some(Kind::Application));
    }

    #[test]
    fn sentences_and_other_labels_are_not_kinds() {
        assert_eq!(classify("App is calling on behalf of the signed-in user (delegated permission). More"), None);
        assert_eq!(classify("应用程序代表已登录用户（委派权限）进行调用。 *用户是非管理员*。"), None);
        assert_eq!(classify("应用程序代表已登录用户（委派权限）进行调用。 \n-且-"), None);
        assert_eq!(classify("Policy Set"), None);
        assert_eq!(classify("user calendar"), None);
        assert_eq!(classify("Supported resource"), None);
        assert_eq!(classify("Permission type"), None);
        assert_eq!(classify("Context of the calling app"), None);
        assert_eq!(classify("App is calling on behalf of itself (application permission)."), None);
        assert_eq!(classify("App-only"), Some(Kind::Application));
        assert_eq!(classify(""), None);
    }

    #[test]
    fn common_labels_read_as_the_stems_say() {
        for (label, kind) in COMMON {
            assert_eq!(classify_by_stems(label), *kind, "{label}");
        }
    }

    #[test]
    fn privilege_order_of_headers() {
        assert_eq!(privilege_order("Permissions (from most to least privileged)"), Some(true));
        assert_eq!(privilege_order("Permissions (from least to most privileged)"), Some(false));
        assert_eq!(privilege_order("权限（从最高特权到最低特权）"), Some(true));
        assert_eq!(privilege_order("权限（从最低特权到最高特权）"), Some(false));
        assert_eq!(privilege_order("Least privileged permissions"), None);
        assert_eq!(privilege_order("Permissions"), None);
        for (common, most_first) in COMMON_ORDERS {
            assert_eq!(privilege_order_by_words(common), Some(*most_first), "{common}");
        }
    }
}
