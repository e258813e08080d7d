//! A quick yes to "is this strict JSON?" for the plain JSON most example bodies are, before serde_json is asked.
//!
//! [`plainly_strict`] answers true only for texts `serde_json::from_str::<Value>` surely accepts; anything it
//! is unsure of (`\u` escapes, which may be lone surrogates; numbers with an exponent or very many digits,
//! which may be out of range; nesting near serde_json's limit of 128; and every defect) is left to serde_json,
//! which has the last word. It takes about half the instructions of serde_json's own check: it reads strings
//! and indentation eight bytes at a time and makes no visitor calls.

/// Deeper nesting is left to serde_json, whose limit is 128 levels.
const MAX_DEPTH: u32 = 100;

/// Longer numbers are left to serde_json: only very long ones can be out of range.
const MAX_NUMBER: usize = 100;

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGHS: u64 = ONES << 7;

/// Whether `text` is plainly strict JSON: when true, `serde_json::from_str::<Value>(text)` succeeds. False says
/// nothing: the text may be JSON all the same.
pub fn plainly_strict(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    // One bit per open container, the innermost lowest: 1 for an object, 0 for an array.
    let mut open: u128 = 0;
    let mut depth = 0;
    'value: loop {
        at = skip_space(bytes, at);
        let Some(&first) = bytes.get(at) else { return false };
        let end = match first {
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return false;
                }
                let object = first == b'{';
                open = (open << 1) | u128::from(object);
                at = skip_space(bytes, at + 1);
                let close = if object { b'}' } else { b']' };
                if bytes.get(at) == Some(&close) {
                    depth -= 1;
                    open >>= 1;
                    Some(at + 1)
                } else if object {
                    match member_name(bytes, at) {
                        Some(next) => {
                            at = next;
                            continue 'value;
                        }
                        None => return false,
                    }
                } else {
                    continue 'value;
                }
            }
            b'"' => string(bytes, at + 1),
            b'-' | b'0'..=b'9' => number(bytes, at),
            b't' if bytes[at..].starts_with(b"true") => Some(at + 4),
            b'f' if bytes[at..].starts_with(b"false") => Some(at + 5),
            b'n' if bytes[at..].starts_with(b"null") => Some(at + 4),
            _ => None,
        };
        let Some(end) = end else { return false };
        at = end;
        // After a value: a comma and the next value, or the end of the innermost container (then after it).
        loop {
            at = skip_space(bytes, at);
            if depth == 0 {
                return at == bytes.len();
            }
            let object = open & 1 == 1;
            match bytes.get(at) {
                Some(b',') if object => match member_name(bytes, skip_space(bytes, at + 1)) {
                    Some(next) => {
                        at = next;
                        continue 'value;
                    }
                    None => return false,
                },
                Some(b',') => {
                    at += 1;
                    continue 'value;
                }
                Some(b'}') if object => {}
                Some(b']') if !object => {}
                _ => return false,
            }
            at += 1;
            depth -= 1;
            open >>= 1;
        }
    }
}

/// Past the JSON whitespace at `at`; after a line break, the indentation is skipped eight bytes at a time.
/// Always inlined, as are the two below: they run for every token, and a call costs about as much as checking a
/// short string.
#[inline(always)]
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\r') => at += 1,
            Some(b'\n') => {
                at += 1;
                while let Some(chunk) = bytes.get(at..at + 8) {
                    let other = word(chunk) ^ (ONES * u64::from(b' '));
                    if other != 0 {
                        // To the lowest byte that is not a space.
                        at += (other.trailing_zeros() / 8) as usize;
                        break;
                    }
                    at += 8;
                }
            }
            _ => return at,
        }
    }
}

/// At a member name's opening quote: past the name and its `:`.
#[inline(always)]
fn member_name(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let at = skip_space(bytes, string(bytes, at + 1)?);
    (bytes.get(at) == Some(&b':')).then_some(at + 1)
}

/// Past the closing quote of the string whose characters start at `at`. None for a `\u` escape, a control
/// character (an error) or a missing closing quote.
#[inline(always)]
fn string(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        // Eight bytes at a time up to the first quote, backslash or control character, as serde_json does.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let chunk = word(chunk);
            let quote = chunk ^ (ONES * u64::from(b'"'));
            let backslash = chunk ^ (ONES * u64::from(b'\\'));
            // The high bit of each byte that is zero (a quote or backslash found) or below 0x20 is set. Borrows
            // can only mark bytes above the first one found, so the lowest mark is exact.
            let found = ((quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (chunk.wrapping_sub(ONES * 0x20) & !chunk))
                & HIGHS;
            if found != 0 {
                at += (found.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        match *bytes.get(at)? {
            b'"' => return Some(at + 1),
            b'\\' => match bytes.get(at + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => at += 2,
                _ => return None,
            },
            byte if byte < 0x20 => return None,
            _ => at += 1,
        }
    }
}

/// Past the number that starts at `start`. None for one with an exponent or too many digits (which may be out
/// of range), and for what is not a number.
fn number(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = |from: usize| from + bytes[from..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    let mut at = start + usize::from(bytes[start] == b'-');
    at = match bytes.get(at)? {
        b'0' => at + 1,
        b'1'..=b'9' => digits(at),
        _ => return None,
    };
    if bytes.get(at) == Some(&b'.') {
        let end = digits(at + 1);
        if end == at + 1 {
            return None;
        }
        at = end;
    }
    (!matches!(bytes.get(at), Some(b'e' | b'E')) && at - start <= MAX_NUMBER).then_some(at)
}

/// Eight bytes as one word, the first lowest.
fn word(chunk: &[u8]) -> u64 {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(chunk);
    u64::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::plainly_strict;
    use proptest::prelude::*;
    use serde_json::Value;

    fn serde_accepts(text: &str) -> bool {
        serde_json::from_str::<Value>(text).is_ok()
    }

    /// Whether serialising `value` writes a number with an exponent or a `\u` escape (for control characters).
    fn doubtful(value: &Value) -> bool {
        let escaped = |text: &str| text.chars().any(|c| c < ' ' && !"\n\r\t\u{8}\u{c}".contains(c));
        match value {
            Value::Number(number) => number.to_string().contains(['e', 'E']),
            Value::String(text) => escaped(text),
            Value::Array(items) => items.iter().any(doubtful),
            Value::Object(members) => members.iter().any(|(key, value)| escaped(key) || doubtful(value)),
            _ => false,
        }
    }

    #[test]
    fn plain_json_is_recognised() {
        for text in [
            "{}",
            "[]",
            " { \"a\" : [ 1 , -2.50 , 0 , -0 , true , false , null , \"x\\n\\\"\\/\" ] , \"b\" : { } } ",
            "{\n        \"key\": \"value with ünïcödé and \\\\ and \u{7f}\",\n\t\"k2\": [[[]]]\r\n}",
            // A repeated key: serde_json keeps the last value.
            "{\"a\": 1, \"a\": 2}",
            "\"just a string\"",
            "42",
            "18446744073709551616",
            "-9223372036854775809",
            "123456789012345678901234567890.5",
        ] {
            assert!(plainly_strict(text), "{text:?}");
            assert!(serde_accepts(text), "{text:?}");
        }
    }

    /// What only serde_json can judge is left to it (false), whatever its answer: never a wrong yes.
    #[test]
    fn doubtful_texts_are_left_to_serde_json() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let huge = format!("1{}", "0".repeat(400));
        for (text, by_serde) in [
            ("1e400", false),
            ("1e10", true),
            ("[1.5E-3]", true),
            (huge.as_str(), false),
            ("\"\\ud800\"", false),
            ("\"\\udc00\"", false),
            ("\"\\ud83d\\ude00\"", true),
            ("\"\\u00e9\"", true),
            (&nested(101), true),
            (&nested(127), true),
            (&nested(128), false),
            (&nested(200), false),
        ] {
            assert!(!plainly_strict(text), "{text:?}");
            assert_eq!(serde_accepts(text), by_serde, "{text:?}");
        }
        assert!(plainly_strict(&nested(100)));
    }

    #[test]
    fn defects_are_refused() {
        for text in [
            "",
            " ",
            "{\"a\": 1,}",
            "[1,]",
            "[,1]",
            "{,}",
            "{\"a\" 1}",
            "{\"a\": }",
            "{a: 1}",
            "{1: 2}",
            "[1 2]",
            "[1] x",
            "01",
            "-",
            "-a",
            "1.",
            "1.e5",
            ".5",
            "+1",
            "tru",
            "nul",
            "truex",
            "[\"a\tb\"]",
            "\"unclosed",
            "\"bad \\x escape\"",
            "\"ends in \\",
            "{\"a\": [1, 2}",
            "[1}",
            "{\"a\": 1]",
            "]",
            "\u{a0}{}",
        ] {
            assert!(!plainly_strict(text), "{text:?}");
            assert!(!serde_accepts(text), "{text:?}");
        }
    }

    proptest! {
        /// Never a yes where serde_json says no, on any text, near-JSON or not.
        #[test]
        fn a_yes_is_always_right(text in "[\\[\\]{}:,\"a-c0-9eEtrunl.+ \\n\\t\\\\/u-]{0,40}") {
            prop_assert!(!plainly_strict(&text) || serde_accepts(&text), "{:?}", text);
        }

        /// Serialised values are plainly strict, compact or pretty, unless they hold a `\u` escape or a number
        /// with an exponent.
        #[test]
        fn serialised_values_are_recognised(
            value in crate::parse::json::tests::arbitrary_value(),
            pretty in any::<bool>(),
        ) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
            let text = text.map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(plainly_strict(&text), !doubtful(&value), "{}", text);
        }
    }
}
