//! The measure "scopes in the IR that the page's permission text does not show verbatim": each scope of a page
//! must appear as a whole word in the page or in its permission includes (followed one level deeper), unless a
//! repair diagnostic (GD1500 rejoined, GD1502 re-cased, GD1505 full-width dot) names it. A scope cut short (`ReadWrite.All` out of
//! `Sites. ReadWrite.All`) or glued (`file.Sites.Read.All`) fails it.

use crate::diagnostics::Code;
use crate::ir::Ir;
use crate::parse::include::{find_includes, resolve};
use crate::parse::Docs;
use std::collections::HashSet;

/// Scopes of `ir` (parsed from `docs`) not found verbatim, with up to 20 examples.
pub fn unverified_scopes(ir: &Ir, docs: &dyn Docs) -> (usize, Vec<String>) {
    let repaired: HashSet<&str> = ir
        .diagnostics
        .iter()
        .filter(|diagnostic| {
            matches!(diagnostic.code, Code::ScopeSplitRejoined | Code::ScopeCaseRepaired | Code::ScopeFullWidthDot)
        })
        .filter_map(|diagnostic| diagnostic.message.rsplit('`').nth(1))
        .collect();
    let (mut count, mut examples) = (0, Vec::new());
    for page in &ir.pages {
        let scopes: Vec<&str> = page
            .operations
            .iter()
            .flat_map(|operation| {
                let permissions = &operation.permissions;
                permissions
                    .delegated_work
                    .iter()
                    .chain(&permissions.delegated_personal)
                    .chain(&permissions.application)
                    .chain(&permissions.unspecified)
            })
            .map(|scope| scope.as_str())
            .collect();
        if scopes.is_empty() {
            continue;
        }
        let texts = permission_texts(&page.path, docs);
        for scope in scopes {
            // A full-width full stop between ASCII letters (`Bookings。Read.All`) has its own repair (GD1505).
            if repaired.contains(scope) || texts.iter().any(|text| has_word(text, scope)) {
                continue;
            }
            count += 1;
            if examples.len() < 20 {
                examples.push(format!("{}: {scope}", page.path));
            }
        }
    }
    (count, examples)
}

/// The page's text and the texts of its permission includes, two levels deep.
fn permission_texts<'d>(path: &str, docs: &'d dyn Docs) -> Vec<&'d str> {
    let mut texts: Vec<&str> = docs.text(path).into_iter().collect();
    let mut frontier = vec![path.to_owned()];
    for _ in 0..2 {
        let mut next = Vec::new();
        for from in &frontier {
            let Some(text) = docs.text(from) else { continue };
            for include in find_includes(text, 0) {
                let named = |text: &str| text.to_ascii_lowercase().contains("permission");
                if !(named(&include.label) || named(&include.target)) {
                    continue;
                }
                if let Some(target) = resolve(from, &include.target) {
                    if let Some(included) = docs.text(&target) {
                        texts.push(included);
                        next.push(target);
                    }
                }
            }
        }
        frontier = next;
    }
    texts
}

/// Whether `scope` occurs in `text` as a whole word: no scope character touches it (a dot after it only as
/// sentence punctuation), and no `Word. ` before it (the tail of a scope written in pieces).
fn has_word(text: &str, scope: &str) -> bool {
    let bytes = text.as_bytes();
    let is_scope_byte = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_');
    text.match_indices(scope).any(|(at, _)| {
        let end = at + scope.len();
        let before_ok = at == 0 || !(is_scope_byte(bytes[at - 1]) || bytes[at - 1] == b'.');
        let after_ok = match bytes.get(end) {
            None => true,
            Some(b'.') => !bytes.get(end + 1).is_some_and(|&next| next.is_ascii_alphanumeric()),
            Some(&byte) => !is_scope_byte(byte),
        };
        // `Sites. ReadWrite.All`: the scope is the tail of a longer one.
        let head = &bytes[..at];
        let spaces = head.iter().rev().take_while(|byte| **byte == b' ').count();
        let tail_of_pieces = spaces > 0
            && head.len() > spaces + 1
            && head[head.len() - spaces - 1] == b'.'
            && head[head.len() - spaces - 2].is_ascii_alphabetic()
            && !head[..head.len() - spaces - 1]
                .rsplit(|byte| !(is_scope_byte(*byte) || *byte == b'.'))
                .next()
                .is_some_and(|word| {
                    crate::parse::permissions::looks_like_scope(std::str::from_utf8(word).unwrap_or(""))
                });
        before_ok && after_ok && !tail_of_pieces
    })
}

#[cfg(test)]
mod tests {
    use super::has_word;

    #[test]
    fn whole_words_only_and_never_the_tail_of_pieces() {
        assert!(has_word("| Delegated | Sites.Read.All, B.Read |", "Sites.Read.All"));
        assert!(has_word("Directory.Read.All. Directory.ReadWrite.All", "Directory.ReadWrite.All"));
        assert!(has_word("Use Files.Read.", "Files.Read"));
        assert!(!has_word("| Sites. ReadWrite.All |", "ReadWrite.All"));
        assert!(!has_word("for a file.</br>Sites.Read.All", "file.Sites.Read.All"));
        assert!(!has_word("Files.ReadWrite", "Files.Read"));
        assert!(!has_word("X.Files.Read", "Files.Read"));
    }
}
