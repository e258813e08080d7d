//! Scopes written in pieces: a space after a dot (`Sites. ReadWrite.All`, `Mail. Read. Shared`), which a
//! translation or an editor put there. Read naively, the tail (`ReadWrite.All`) is a well-formed scope that is
//! not the page's: so the pieces are rejoined when they form a scope, and neither is kept when they do not.
//! Also the full-width full stop between ASCII letters (`Bookings。Read.All`).

use super::cells::{run_is_scope, trim_token};
use crate::diagnostics::Code;
use std::borrow::Cow;

/// The words a scope ends with (`Tasks. Read`, `Mail.Read. Shared`): a bare word after a dot and a space is a
/// piece of a scope only when it is one of them.
const SCOPE_WORDS: &[&str] = &[
    "Read",
    "ReadWrite",
    "ReadBasic",
    "Write",
    "All",
    "Shared",
    "Selected",
    "Send",
    "Manage",
    "AccessAsUser",
    "Create",
    "Export",
    "Import",
    "Delete",
    "Update",
    "Invite",
    "Directory",
    "Mine",
    "Chat",
    "Team",
];

/// What a permissions cell needed besides reading: a repair (or a refusal), to be reported with its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub code: Code,
    pub message: String,
    /// The scope-like name in another casing, for [`Code::ScopeCaseUnknown`] (settled once the tree is read).
    pub mangled: Option<compact_str::CompactString>,
}

/// A run of scope characters in a part: its bytes `from..to` and whether a letter of another script touches it.
pub(super) type Span = (usize, usize, bool);

/// What the pieces starting at a span make.
pub(super) enum Pieces {
    /// One run, read as it is.
    Single,
    /// Runs joined across spaces after dots: the scope they form, and the last span used.
    Joined { scope: String, last: usize },
    /// Runs that were cut after a dot but do not form a scope when joined: the text, and the last span used.
    Unreadable { text: String, last: usize },
}

/// Whether the span at `index` starts a scope written in pieces, and what they make. Cheap when it does not:
/// most runs do not end with a dot followed by a space.
pub(super) fn join_pieces(part: &str, spans: &[Span], index: usize) -> Pieces {
    let (from, mut to, glued) = spans[index];
    let mut joined = String::new();
    let mut last = index;
    while let Some(&(next_from, next_to, next_glued)) = spans.get(last + 1) {
        let left_raw = if joined.is_empty() { &part[from..to] } else { joined.as_str() };
        let gap = &part[to..next_from];
        let right = trim_token(&part[next_from..next_to]);
        // Only a dot, then spaces only, then a capital: `Sites. ReadWrite.All`. Glued runs are another defect.
        if !left_raw.ends_with('.') || glued || next_glued || gap.is_empty() || !gap.chars().all(char::is_whitespace) {
            break;
        }
        if !right.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        let left = trim_token(left_raw);
        // Two whole scopes after one another (`Directory.Read.All. Directory.ReadWrite.All`) are a list, and a
        // sentence's last word (`for a file. Sites.Read.All`) has no capital in it: neither is a piece.
        let first_part = left.split('.').next().unwrap_or("");
        let both_scopes = run_is_scope(left.as_bytes()) && run_is_scope(right.as_bytes());
        if both_scopes || !first_part.bytes().any(|byte| byte.is_ascii_uppercase()) || left.is_empty() {
            break;
        }
        // A bare word after a full stop starts a sentence (`this API. To ...`) unless it is a scope's word.
        if !right.contains('.') && !SCOPE_WORDS.contains(&right) {
            break;
        }
        let mut next = String::with_capacity(left.len() + 1 + next_to - next_from);
        next.push_str(left);
        next.push('.');
        next.push_str(&part[next_from..next_to]);
        joined = next;
        to = next_to;
        last += 1;
    }
    if last == index {
        return Pieces::Single;
    }
    let scope = trim_token(&joined);
    if run_is_scope(scope.as_bytes()) {
        Pieces::Joined { scope: scope.to_owned(), last }
    } else {
        Pieces::Unreadable { text: part[from..to].to_owned(), last }
    }
}

/// The repair reported for a rejoined scope written as `text`.
pub(super) fn rejoined(text: &str, scope: &str) -> Repair {
    Repair {
        code: Code::ScopeSplitRejoined,
        message: format!("`{text}` has a space after a dot; read as the scope `{scope}`"),
        mangled: None,
    }
}

/// The refusal reported for pieces that do not form a scope.
pub(super) fn unreadable(text: &str) -> Repair {
    Repair {
        code: Code::ScopeSplitUnreadable,
        message: format!(
            "`{text}` has a space after a dot, and its pieces do not form a scope when joined; none of them is kept"
        ),
        mangled: None,
    }
}

/// Whether a run that is not a scope is one in another casing: dotted parts of at least two characters, each
/// starting with a letter (`Directory.accessasuser.all`). `e.g`, `v1.0` and `x.md` are not.
pub(super) fn case_mangled(run: &str) -> bool {
    let mut parts = 0;
    for part in run.split('.') {
        if part.len() < 2 || !part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// The report for a scope in another casing, until the tree's casing settles it ([`crate::parse::scope_case`]).
pub(super) fn mangled(scope: &str) -> Repair {
    Repair {
        code: Code::ScopeCaseUnknown,
        message: crate::parse::scope_case::unknown(scope),
        mangled: Some(scope.into()),
    }
}

/// `Bookings。Read.All` (a translated full stop between ASCII letters) as `Bookings.Read.All`, with a repair
/// ([`Code::ScopeFullWidthDot`]) for each scope so read.
pub(super) fn fix_full_width_dots<'t>(text: &'t str, repairs: &mut Vec<Repair>) -> Cow<'t, str> {
    // Most cells are ASCII: checked a word at a time (cheaper than a `memchr2` set-up for a few dozen bytes) rather
    // than searched character by character.
    if text.is_ascii() || !text.contains(['。', '．']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut fixed = String::with_capacity(text.len());
    // Where each fixed dot is in `fixed`, to name the scope it is part of.
    let mut fixed_at = Vec::new();
    for (index, &c) in chars.iter().enumerate() {
        let between_ascii = index > 0
            && chars[index - 1].is_ascii_alphanumeric()
            && chars.get(index + 1).is_some_and(|next| next.is_ascii_alphabetic());
        if matches!(c, '。' | '．') && between_ascii {
            fixed_at.push(fixed.len());
            fixed.push('.');
        } else {
            fixed.push(c);
        }
    }
    let mut named: Vec<&str> = Vec::new();
    for at in fixed_at {
        let is_scope_byte = |byte: &u8| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_');
        let start = fixed.as_bytes()[..at].iter().rposition(|byte| !is_scope_byte(byte)).map_or(0, |before| before + 1);
        let end =
            fixed.as_bytes()[at..].iter().position(|byte| !is_scope_byte(byte)).map_or(fixed.len(), |after| at + after);
        let scope = trim_token(&fixed[start..end]);
        if !named.contains(&scope) {
            named.push(scope);
        }
    }
    for scope in named {
        repairs.push(Repair {
            code: Code::ScopeFullWidthDot,
            message: format!("a scope is written with a full-width full stop; read as the scope `{scope}`"),
            mangled: None,
        });
    }
    Cow::Owned(fixed)
}
