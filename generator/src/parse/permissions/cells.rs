//! Permission cells: scope lists in any language, "not supported" phrases, and raw pipe-table cells.

use super::split::{join_pieces, Pieces, Repair, Span};
use crate::parse::text::{list_parts, to_lowercase, Keywords};
use compact_str::CompactString;
use std::borrow::Cow;

/// What a permissions cell says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellScopes {
    /// The scopes, in the cell's order.
    pub scopes: Vec<CompactString>,
    /// Parts of the cell that are neither a scope, nor hold one, nor say "not supported".
    pub invalid: Vec<String>,
    /// Scopes repaired (or refused) on the way, to be reported.
    pub repairs: Vec<Repair>,
}

/// Whether `text` looks like a permission scope (`Files.ReadWrite`, `BackupRestore-Restore.Read.All`).
///
/// Scopes are dotted names: a first part starting with a letter (`eDiscovery.Read.All` starts lower case),
/// then parts starting with an upper-case letter; `-` and `_` may appear inside parts. Every scope in the
/// corpus' permission tables has a dot (`offline_access`-like scopes never appear there), so a dot is required:
/// that keeps `microsoft.graph.user`, `e.g`, `v1.0` and file names out.
pub fn looks_like_scope(text: &str) -> bool {
    // Bytes: a part of ASCII letters, digits, `-` and `_` has no other character, so no decoding is needed.
    let mut parts = text.as_bytes().split(|&byte| byte == b'.');
    let first = parts.next().unwrap_or_default();
    let is_part = |part: &[u8]| {
        !part.is_empty() && part.iter().all(|&byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    };
    let mut rest = 0;
    for part in parts {
        if !is_part(part) || !part[0].is_ascii_uppercase() {
            return false;
        }
        rest += 1;
    }
    rest > 0 && is_part(first) && first[0].is_ascii_alphabetic()
}

/// [`looks_like_scope`] for a run of scope bytes (ASCII letters and digits, `.`, `-`, `_`), as [`tokens`] gives
/// them: every part is made of the right bytes already, so only the dots and what follows each are checked.
pub(super) fn run_is_scope(run: &[u8]) -> bool {
    let Some(&first) = run.first() else { return false };
    // Dot to dot (a search for the next dot) rather than byte by byte with a flag: every byte of every token
    // goes through here. An empty part (`A..B`, `A.`) has no upper-case first byte.
    let mut after_dots = run.split(|&byte| byte == b'.').skip(1).peekable();
    first.is_ascii_alphabetic()
        && after_dots.peek().is_some()
        && after_dots.all(|part| part.first().is_some_and(u8::is_ascii_uppercase))
}

/// Phrases that mean "no scope of this kind", matched anywhere in a part without a scope (in one scan of the
/// part for all of them).
static NONE_PHRASES: Keywords = Keywords::new(&[
    "not supported",
    "not available",
    "not applicable",
    "unsupported",
    "no permission",
    "not required",
    "不支持",
    "不可用",
    "不适用",
    "不支援",
    "無法使用",
    "不適用",
    "サポートされていません",
    "サポート対象外",
    "該当なし",
    "使用不可",
    "nicht unterstützt",
    "nicht verfügbar",
    "nicht zutreffend",
    "nicht anwendbar",
    "non pris en charge",
    "non disponible",
    "non applicable",
    "non supporté",
    "no compatible",
    "no admitido",
    "no disponible",
    "no aplicable",
    "no se admite",
    "no se aplica",
    "não suportado",
    "sem suporte",
    "não disponível",
    "não aplicável",
    "não há suporte",
    "não compatível",
    "не поддерживается",
    "недоступно",
    "не применимо",
    "неприменимо",
    "지원되지 않음",
    "지원 안 됨",
    "해당 없음",
    "사용할 수 없음",
    "non supportato",
    "non disponibile",
    "non applicabile",
]);

/// Whole-part words that mean "none".
const NONE_WORDS: &[&str] = &[
    "none", "n/a", "na", "-", "—", "无", "無", "なし", "keine", "aucun", "aucune", "ninguno", "nenhum", "нет", "없음",
];

/// Whether `text` (a part without a scope) says there is no scope of this kind.
pub fn says_none(text: &str) -> bool {
    // ASCII text (most parts: `Not supported.`) is compared ignoring ASCII case rather than copied in lower case;
    // other text is lower-cased, after which ignoring ASCII case changes nothing (the words are lower case).
    let lower = if text.is_ascii() { Cow::Borrowed(text) } else { to_lowercase(text) };
    let bare = lower.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '。' | '*' | '_' | '(' | ')'));
    NONE_WORDS.iter().any(|word| word.eq_ignore_ascii_case(bare)) || NONE_PHRASES.found_in_any_case(&lower)
}

/// The scopes of a cell. Lists are split at `,` `、` `，` `;` and line breaks; each part is a scope, holds
/// scopes among other words (`A and B`, `For user: A`, `A 和 B`), says "not supported", or is invalid.
pub fn cell_scopes(text: &str) -> CellScopes {
    let mut found = CellScopes::default();
    cell_scopes_into(text, &mut found.scopes, &mut found.invalid, &mut found.repairs);
    found
}

/// [`cell_scopes`] appending to lists the caller keeps, so that reading a row's cells one after another fills
/// one list (a list per cell would be allocated and freed for every cell). Repeats are dropped within the cell
/// only, as [`cell_scopes`] drops them.
pub(super) fn cell_scopes_into(
    text: &str,
    scopes: &mut Vec<CompactString>,
    invalid: &mut Vec<String>,
    repairs: &mut Vec<Repair>,
) {
    let cell_start = scopes.len();
    let text = super::split::fix_full_width_dots(text, repairs);
    // One list of runs, reused for every part (a part's runs are looked at in pairs, for scopes in pieces).
    let mut spans: Vec<Span> = Vec::new();
    for part in list_parts(&text) {
        let part = part.trim();
        let before = scopes.len();
        let (mut glued_scope, mut repeated_scope, mut refused) = (false, false, false);
        spans.clear();
        spans.extend(token_spans(part));
        let mut index = 0;
        while index < spans.len() {
            let (from, to, glued) = spans[index];
            let mut token = trim_token(&part[from..to]);
            let joined;
            match join_pieces(part, &spans, index) {
                Pieces::Single => index += 1,
                Pieces::Joined { scope, last } => {
                    repairs.push(super::split::rejoined(&part[from..spans[last].1], &scope));
                    joined = scope;
                    token = &joined;
                    index = last + 1;
                }
                Pieces::Unreadable { text, last } => {
                    repairs.push(super::split::unreadable(&text));
                    refused = true;
                    index = last + 1;
                    continue;
                }
            }
            if !run_is_scope(token.as_bytes()) {
                if !glued && super::split::case_mangled(token) {
                    repairs.push(super::split::mangled(token));
                    refused = true;
                }
                continue;
            }
            if glued {
                // `ResourceSificPermissionGrant.ReadFor你`: a translation ate part of the scope.
                glued_scope = true;
            } else if scopes[cell_start..].iter().any(|scope| scope == token) {
                repeated_scope = true;
            } else {
                scopes.push(token.into());
            }
        }
        // A word that looks like a scope holds a token that is one: without a repeated scope, the words need no
        // second look.
        let named_a_scope = !glued_scope
            && (scopes.len() > before || repeated_scope && part.split_whitespace().any(looks_like_scope_word));
        if named_a_scope || refused {
            continue;
        }
        let trimmed = part.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '.' | '。'));
        // A lead-in (`For **user** resource:`) qualifies the scopes after it.
        let lead_in = trimmed.ends_with([':', '：']);
        if !trimmed.is_empty() && !lead_in && !says_none(part) && !is_filler(trimmed) {
            invalid.push(part.to_owned());
        }
    }
}

/// Whether the byte can be part of a scope (ASCII letters and digits, `.`, `-`, `_`): looked up once per byte of
/// every cell instead of comparing it several times.
static SCOPE_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_';
        byte += 1;
    }
    table
};

/// A run of scope characters without trailing `.`, `-`, `_` and leading `-`, `_` (sentence punctuation, list
/// dashes, emphasis marks), as `trim_end_matches` then `trim_start_matches` with those characters give it. The
/// run is ASCII, so its bytes are trimmed.
pub(super) fn trim_token(token: &str) -> &str {
    let bytes = token.as_bytes();
    let end = bytes.iter().rposition(|&byte| !matches!(byte, b'.' | b'-' | b'_')).map_or(0, |last| last + 1);
    let start = bytes[..end].iter().position(|&byte| !matches!(byte, b'-' | b'_')).unwrap_or(end);
    &token[start..end]
}

/// The runs of scope characters in `part`, each with whether a letter of another script touches it.
#[cfg(test)]
fn tokens(part: &str) -> impl Iterator<Item = (&str, bool)> {
    token_spans(part).map(move |(from, to, touching)| (&part[from..to], touching))
}

/// [`tokens`] as byte ranges of `part`.
fn token_spans(part: &str) -> impl Iterator<Item = Span> + '_ {
    // Scope characters are ASCII, so runs are found in the bytes; only the characters around a run are decoded.
    let is_scope_byte = |byte: u8| SCOPE_BYTE[usize::from(byte)];
    // Conjunctions (`A 和B`, `A或B`, `A 加上B`) separate scopes; other letters glued to one mean it was mangled.
    let is_foreign_letter =
        |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && !"和或及与且上".contains(c));
    let bytes = part.as_bytes();
    let mut position = 0;
    // An iterator rather than a list: every part of every cell goes through here.
    std::iter::from_fn(move || {
        let from = position + bytes[position..].iter().position(|&byte| is_scope_byte(byte))?;
        let to = bytes[from..].iter().position(|&byte| !is_scope_byte(byte)).map_or(bytes.len(), |end| from + end);
        position = to;
        let touching =
            is_foreign_letter(part[..from].chars().next_back()) || is_foreign_letter(part[to..].chars().next());
        Some((from, to, touching))
    })
}

/// Whether `scopes` show their order by privilege: `Some(true)` when a scope comes before a less privileged one
/// of the same resource (`X.ReadWrite.All` before `X.Read.All`), `Some(false)` for the reverse, None when they
/// do not say or disagree.
pub fn observed_order(scopes: &[CompactString]) -> Option<bool> {
    // Most rows name one scope: nothing to compare, and no list to build.
    if scopes.len() < 2 {
        return None;
    }
    let ranked: Vec<_> = scopes.iter().filter_map(|scope| rank(scope)).collect();
    let (mut most_first, mut least_first) = (false, false);
    for (index, (resource, level, suffix)) in ranked.iter().enumerate() {
        for (other_resource, other_level, other_suffix) in &ranked[index + 1..] {
            if resource == other_resource && suffix == other_suffix && level != other_level {
                most_first |= level > other_level;
                least_first |= level < other_level;
            }
        }
    }
    (most_first != least_first).then_some(most_first)
}

/// A scope's resource, level (0 `ReadBasic`, 1 `Read`, 2 `ReadWrite` or `Write`) and what follows the level
/// (`All`), when its second part is a level: what `splitn(3, '.')` gives, with the dots found as bytes (a `str`
/// pattern's searcher costs more to set up than these few bytes cost to scan).
fn rank(scope: &str) -> Option<(&str, u8, &str)> {
    let dot = |text: &str| text.bytes().position(|byte| byte == b'.');
    let first = dot(scope)?;
    let (resource, rest) = (&scope[..first], &scope[first + 1..]);
    let (level, suffix) = match dot(rest) {
        Some(second) => (&rest[..second], &rest[second + 1..]),
        None => (rest, ""),
    };
    let level = match level {
        "ReadBasic" => 0,
        "Read" => 1,
        "ReadWrite" | "Write" => 2,
        _ => return None,
    };
    Some((resource, level, suffix))
}

/// A word holding an already-found scope (a repeated scope is still a scope).
fn looks_like_scope_word(word: &str) -> bool {
    looks_like_scope(word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).trim_end_matches('.'))
}

/// Connective words left alone between list separators (`A, and B`, `A，或 B`).
fn is_filler(text: &str) -> bool {
    matches!(text.to_lowercase().as_str(), "and" | "or" | "plus" | "和" | "或" | "以及" | "及" | "或者")
}

/// The plain text of a raw markdown table cell: `<br>` as a line break, entities decoded, links as their
/// text, emphasis and code marks dropped. Used for pipe rows the markdown parser did not read as a table.
pub fn plain_cell(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let lower_head = rest.get(..rest.len().min(6)).map(str::to_ascii_lowercase).unwrap_or_default();
        if lower_head.starts_with("<br") || lower_head.starts_with("</br") {
            text.push('\n');
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else if lower_head.starts_with("&nbsp;") {
            text.push(' ');
            rest = &rest[6..];
        } else if let Some(after) = rest.strip_prefix("&amp;") {
            text.push('&');
            rest = after;
        } else if c == '`' || c == '*' {
            rest = &rest[1..];
        } else if c == ']' {
            // The end of a link text: skip its `(destination)` or `[reference]`.
            rest = &rest[1..];
            for (open, close) in [('(', ')'), ('[', ']')] {
                if rest.starts_with(open) {
                    rest = rest.find(close).map_or("", |end| &rest[end + 1..]);
                    break;
                }
            }
        } else if c == '[' || c == '\\' {
            rest = &rest[1..];
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::contains_short;
    use proptest::prelude::*;

    /// [`says_none`] as it was before its ASCII path and keyword table: every part lower-cased, each phrase
    /// searched on its own.
    fn says_none_by_lowering(text: &str) -> bool {
        let lower = to_lowercase(text);
        let bare = lower.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '。' | '*' | '_' | '(' | ')'));
        NONE_WORDS.contains(&bare) || NONE_PHRASES.words().iter().any(|phrase| contains_short(&lower, phrase))
    }

    proptest! {
        #[test]
        fn says_none_agrees_with_lowering(text in "(Not|NOT|n/A|None|NA|Keine|NICHT|unterstützt|UNTERSTÜTZT|Ünter|не|НЕТ|поддерживается|不支持|无|supported|available| |\\.|\\*|\\(|x|é)*") {
            prop_assert_eq!(says_none(&text), says_none_by_lowering(&text));
        }

        #[test]
        fn runs_are_scopes_as_looks_like_scope_says_for_any_run(run in "[aZ1._-]{0,8}") {
            prop_assert_eq!(run_is_scope(run.as_bytes()), looks_like_scope(&run));
        }

        #[test]
        fn ranks_split_like_splitn(scope in "(A|\\.|Read|ReadWrite|ReadBasic|Write|All|é)*") {
            let mut parts = scope.splitn(3, '.');
            let expected = parts.next().zip(parts.next()).and_then(|(resource, level)| {
                let level = match level {
                    "ReadBasic" => 0,
                    "Read" => 1,
                    "ReadWrite" | "Write" => 2,
                    _ => return None,
                };
                Some((resource, level, parts.next().unwrap_or("")))
            });
            prop_assert_eq!(rank(&scope), expected);
        }

        /// Why [`cell_scopes_into`] looks at a part's words only after a repeated scope: a word that looks like
        /// a scope holds a token that is one.
        #[test]
        fn words_like_scopes_hold_scope_tokens(part in "[aA.(*_ /你-]{0,12}") {
            if part.split_whitespace().any(looks_like_scope_word) {
                prop_assert!(tokens(&part).any(|(token, _)| run_is_scope(trim_token(token).as_bytes())));
            }
        }
    }

    fn scopes(text: &str) -> Vec<CompactString> {
        cell_scopes(text).scopes
    }

    #[test]
    fn cells_read_into_one_list_read_as_one_by_one() {
        let cells = ["A.Read, B.Read", "B.Read, A.Read, A.Read", "Not supported.", "x y", "C.Read 和 A.Read"];
        let (mut scopes, mut invalid) = (Vec::new(), Vec::new());
        let (mut expected_scopes, mut expected_invalid) = (Vec::new(), Vec::new());
        for cell in cells {
            cell_scopes_into(cell, &mut scopes, &mut invalid, &mut Vec::new());
            let mut read = cell_scopes(cell);
            expected_scopes.append(&mut read.scopes);
            expected_invalid.append(&mut read.invalid);
        }
        assert_eq!((scopes, invalid), (expected_scopes, expected_invalid));
    }

    #[test]
    fn scope_shapes() {
        for scope in ["Files.ReadWrite", "BackupRestore-Restore.Read.All", "Sites.Selected", "eDiscovery.Read.All"] {
            assert!(looks_like_scope(scope), "{scope}");
        }
        for junk in ["Not supported.", "e.g", "v1.0", "x.md", "microsoft.graph.user", ".Read.All", "Files.", "User"] {
            assert!(!looks_like_scope(junk), "{junk}");
        }
        assert!(!looks_like_scope("任务.读取"));
        assert!(!looks_like_scope("TeamSettingsReadWriteAll"));
    }

    #[test]
    fn lists_in_every_separator() {
        let expected = ["A.Read", "A.ReadWrite", "B.Read.All"];
        assert_eq!(scopes("A.Read, A.ReadWrite, B.Read.All"), expected);
        assert_eq!(scopes("A.Read、A.ReadWrite、B.Read.All"), expected);
        assert_eq!(scopes("A.Read，A.ReadWrite，B.Read.All"), expected);
        assert_eq!(scopes("A.Read\nA.ReadWrite\nB.Read.All"), expected);
        assert_eq!(scopes("A.Read and A.ReadWrite or B.Read.All"), expected);
        assert_eq!(scopes("A.Read 和 A.ReadWrite 或 B.Read.All"), expected);
        assert_eq!(scopes("A.Read*, A.ReadWrite.`, B.Read.All。"), expected);
    }

    #[test]
    fn none_phrases_are_empty_and_silent() {
        for text in [
            "Not supported.",
            "Not Supported",
            "Not available.",
            "Not applicable",
            "不支持。",
            "不适用",
            "None.",
            "n/a",
        ] {
            assert_eq!(cell_scopes(text), CellScopes::default(), "{text}");
        }
        assert_eq!(cell_scopes("For **user** or **chat** resource: Not supported."), CellScopes::default());
    }

    #[test]
    fn scopes_among_words() {
        assert_eq!(scopes("For user: Group.Read.All"), ["Group.Read.All"]);
        assert_eq!(
            scopes("EduRoster.Write plus either Directory.Read.All or User.Read"),
            ["EduRoster.Write", "Directory.Read.All", "User.Read"]
        );
        assert_eq!(scopes("Bookings。Read.All"), ["Bookings.Read.All"]);
        assert_eq!(
            cell_scopes("For user resource:\nUser.Read\n\nFor group resource：\nGroup.Read.All").invalid.len(),
            0
        );
        assert_eq!(cell_scopes("Files.ReadWrite, Files.ReadWrite").invalid, Vec::<String>::new());
    }

    #[test]
    fn invalid_parts_are_kept_for_the_report() {
        assert_eq!(cell_scopes("**TODO: Determine scopes **").invalid, ["**TODO: Determine scopes **"]);
        let mixed = cell_scopes("任务.读取, Tasks.ReadWrite");
        assert_eq!(mixed.scopes, ["Tasks.ReadWrite"]);
        assert_eq!(mixed.invalid, ["任务.读取"]);
        assert_eq!(cell_scopes("打印机。阅读.All").invalid.len(), 1);
    }

    #[test]
    fn scopes_glued_to_other_scripts_are_invalid() {
        let read =
            cell_scopes("ResourceSificPermissionGrant.ReadFor你, TeamMember.ReadWrite.All。, 对于用户：Group.Read.All, A.Read 和B.Read");
        assert_eq!(read.scopes, ["TeamMember.ReadWrite.All", "Group.Read.All", "A.Read", "B.Read"]);
        assert_eq!(read.invalid, ["ResourceSificPermissionGrant.ReadFor你"]);
    }

    #[test]
    fn tokens_trim_like_str_trim_matches() {
        for token in ["", ".", "-_.", "A.Read", "A.Read.", "-A.Read_", "_-A-_.", "A.Read.-_", "--", "a-b"] {
            let expected = token.trim_end_matches(['.', '-', '_']).trim_start_matches(['-', '_']);
            assert_eq!(trim_token(token), expected, "{token}");
        }
    }

    #[test]
    fn runs_are_scopes_as_looks_like_scope_says() {
        for run in [
            "",
            ".",
            "A",
            "A.",
            ".A",
            "A.Read",
            "a.Read",
            "1.Read",
            "A..Read",
            "A.read",
            "A.Read.All",
            "A.Read.",
            "e-Discovery.Read_All",
            "A.R-x",
            "A.-R",
            "A._R",
            "v1.0",
            "x.md",
            "A.R.a",
            "_A.Read",
            "A.Read.A",
        ] {
            assert_eq!(run_is_scope(run.as_bytes()), looks_like_scope(run), "{run}");
        }
    }

    #[test]
    fn the_scope_byte_table_matches_its_predicate() {
        for byte in 0..=255u8 {
            let scope = byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_');
            assert_eq!(SCOPE_BYTE[usize::from(byte)], scope, "{byte}");
        }
    }

    #[test]
    fn tokens_are_runs_of_scope_characters() {
        let found: Vec<_> = tokens("For 用户A.Read 和B.Read, x.y你 -z_").collect();
        assert_eq!(found, [("For", false), ("A.Read", true), ("B.Read", false), ("x.y", true), ("-z_", false)]);
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens("全部").count(), 0);
    }

    #[test]
    fn order_shown_by_the_scopes() {
        let owned = |scopes: &[&str]| scopes.iter().map(|scope| CompactString::from(*scope)).collect::<Vec<_>>();
        assert_eq!(observed_order(&owned(&["T.Read.All", "T.ReadWrite.All"])), Some(false));
        assert_eq!(observed_order(&owned(&["A.ReadWrite.All", "B.Read", "A.Read.All"])), Some(true));
        assert_eq!(observed_order(&owned(&["A.Read", "A.ReadWrite.All", "Sites.Selected"])), None);
        assert_eq!(observed_order(&owned(&["A.Read", "A.ReadWrite", "B.ReadWrite", "B.Read"])), None);
        assert_eq!(observed_order(&owned(&["A.Read"])), None);
        assert_eq!(observed_order(&[]), None);
    }

    #[test]
    fn raw_cells_become_plain_text() {
        assert_eq!(plain_cell(" `A.Read`<br/>**B.Read** "), "A.Read\nB.Read");
        assert_eq!(plain_cell("&nbsp; &nbsp; **Policy Set**"), "Policy Set");
        assert_eq!(plain_cell("[Delegated](/graph/auth-v2-user) (work)"), "Delegated (work)");
        assert_eq!(plain_cell("[contact][] 创建"), "contact 创建");
    }
}
