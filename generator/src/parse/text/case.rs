//! Lower-casing that copies only text that changes.

use std::borrow::Cow;

/// `text.to_lowercase()` for any text, cheaper for the usual cell texts: when every character is ASCII or one of
/// the CJK, Hangul and full-width punctuation characters (which have no case), only ASCII letters change, and text
/// without upper-case letters is not copied. Other text goes through `str::to_lowercase` (Greek final sigma and the
/// like).
pub fn to_lowercase(text: &str) -> Cow<'_, str> {
    if !text.chars().all(|c| c.is_ascii() || is_caseless(c)) {
        return Cow::Owned(text.to_lowercase());
    }
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// CJK symbols, kana and ideographs, Hangul syllables, full-width punctuation: characters without case.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{FF01}'..='\u{FF20}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_characters_have_no_lower_case() {
        let caseless = ('\u{3000}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}').chain('\u{FF01}'..='\u{FF20}');
        for c in caseless {
            assert!(is_caseless(c) && c.to_lowercase().eq([c]), "{c}");
        }
        // Just outside: full-width capitals do have a lower case.
        assert!(!is_caseless('\u{FF21}'));
    }

    #[test]
    fn lower_casing_agrees_with_str() {
        for text in [
            "",
            " ",
            "\u{3000}",
            "abc",
            "Delegated (Work)",
            "委派（工作或学校帐户）",
            "委派 (个人 Microsoft 帐户)",
            "ΟΔΟΣ",
            "Ａ",
            "ＡＢＣ（ａ）",
            "Déléguée",
            "\u{212A}elvin",
        ] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn text_that_does_not_change_is_not_copied() {
        for text in ["", "delegated (work)", "委派（工作）", "위임 ！"] {
            assert!(matches!(to_lowercase(text), Cow::Borrowed(_)), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lower_casing_agrees_with_str_on_any_text(text in "[aZ委（Ａａ ΣÉ위]{0,8}") {
            proptest::prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }
    }
}
