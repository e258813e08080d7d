//! A forgiving JSON reader for the near-JSON the docs hold. It is only run once strict `serde_json` has failed,
//! and records every liberty it takes as a [`Repair`] at the byte offset where it was taken.
//!
//! Strings and numbers are rebuilt as strict JSON tokens and handed to `serde_json`, so whatever this reader
//! accepts that is also strict JSON decodes to exactly the value `serde_json` gives.

use super::Repair;
use serde_json::{Map, Value};

/// Which repairs a reading may make beyond those every reading makes (comments, trailing and missing commas,
/// `...` elisions, unquoted keys and words, single quotes, raw line breaks in strings, odd whitespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leniency {
    /// Decode HTML entities (`&quot;`, `&amp;`, `&#39;`...) anywhere: annotations are HTML comments that
    /// editors sometimes escape.
    pub entities: bool,
    /// Ignore text after the value (`} // Note: ...`, a stray fence).
    pub trailing_text: bool,
}

/// Where and why a lenient reading failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Byte offset in the text.
    pub offset: usize,
    pub message: String,
}

/// serde_json's own nesting limit; deeper texts are refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Reads `text` leniently, without trying strict JSON first.
pub fn read(text: &str, leniency: Leniency) -> Result<(Value, Vec<Repair>), Failure> {
    let mut parser = Parser { text, pos: 0, leniency, repairs: Vec::new(), depth: 0, keys: None };
    parser.read()
}

/// The keys of the object `text` holds, each with the byte offset where it is written (its opening quote, or its
/// first character when unquoted), in the order written, repeats included: one reading of the text, as
/// [`read`] reads it. A text that cannot be read gives the keys before the point where reading stopped.
pub fn top_level_keys(text: &str, leniency: Leniency) -> Vec<(String, usize)> {
    let mut parser = Parser { text, pos: 0, leniency, repairs: Vec::new(), depth: 0, keys: Some(Vec::new()) };
    // Where reading stops does not matter: the keys read until then are the ones asked for.
    let _ = parser.read();
    parser.keys.unwrap_or_default()
}

impl Parser<'_> {
    /// Reads the whole text: one value and what may follow it.
    fn read(&mut self) -> Result<(Value, Vec<Repair>), Failure> {
        self.skip_space()?;
        let value = self.value()?;
        self.skip_space()?;
        if self.pos < self.text.len() {
            if !self.leniency.trailing_text {
                return Err(self.fail("unexpected text after the JSON value"));
            }
            self.repair(self.pos, "text after the JSON value ignored");
        }
        Ok((value, std::mem::take(&mut self.repairs)))
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    leniency: Leniency,
    repairs: Vec<Repair>,
    depth: usize,
    /// The keys of the outermost object and where each is written, when asked for ([`top_level_keys`]).
    keys: Option<Vec<(String, usize)>>,
}

/// Characters of unquoted keys and words (`isCollection`, `@odata.type`, `microsoft.graph.user`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '-')
}

/// Whitespace JSON does not allow but pages contain: no-break spaces, zero-width spaces, byte-order marks.
fn is_odd_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// The next character and the bytes it takes in the text (more than its UTF-8 length for an entity).
    fn peek(&self) -> Option<(char, usize)> {
        let rest = self.rest();
        let c = rest.chars().next()?;
        if c == '&' && self.leniency.entities {
            if let Some(decoded) = entity(rest) {
                return Some(decoded);
            }
        }
        Some((c, c.len_utf8()))
    }

    fn peek_char(&self) -> Option<char> {
        self.peek().map(|(c, _)| c)
    }

    fn bump(&mut self) -> Option<char> {
        let (c, len) = self.peek()?;
        if len != c.len_utf8() {
            self.repair(self.pos, "HTML entity decoded");
        }
        self.pos += len;
        Some(c)
    }

    fn repair(&mut self, offset: usize, what: &'static str) {
        self.repairs.push(Repair { offset, what });
    }

    fn fail(&self, message: impl Into<String>) -> Failure {
        Failure { offset: self.pos, message: message.into() }
    }

    fn unexpected(&self, expected: &str) -> Failure {
        match self.peek_char() {
            Some(c) => self.fail(format!("expected {expected}, found `{c}`")),
            None => self.fail(format!("expected {expected}, found the end of the text")),
        }
    }

    /// Skips whitespace and comments, recording the ones JSON does not allow.
    fn skip_space(&mut self) -> Result<(), Failure> {
        loop {
            // Plain JSON whitespace first, as bytes: it needs none of the checks below (entities, comments).
            let plain = self.rest().bytes().take_while(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r')).count();
            self.pos += plain;
            let Some(c) = self.peek_char() else { break };
            let rest = self.rest();
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                self.bump();
            } else if is_odd_space(c) {
                self.repair(self.pos, "unusual whitespace (no-break or zero-width space)");
                self.bump();
            } else if rest.starts_with("//") {
                self.repair(self.pos, "`//` comment removed");
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let Some(end) = rest.get(2..).and_then(|after| after.find("*/")) else {
                    return Err(self.fail("a `/*` comment is never closed"));
                };
                self.repair(self.pos, "`/* */` comment removed");
                self.pos += end + 4;
            } else {
                break;
            }
        }
        Ok(())
    }

    /// The length of a `...` / `…` elision at the current position.
    fn elision(&self) -> Option<usize> {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(['.', '…']).len();
        let run = &rest[..len];
        (run.contains('…') || run.len() >= 3).then_some(len)
    }

    fn value(&mut self) -> Result<Value, Failure> {
        match self.peek_char() {
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some(quote @ ('"' | '\'' | '“')) => self.string(quote).map(Value::String),
            Some('-' | '0'..='9') => self.number(),
            Some(c) if is_word_char(c) => self.word(),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn enter(&mut self) -> Result<(), Failure> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.bump();
        Ok(())
    }

    fn object(&mut self) -> Result<Value, Failure> {
        let mut map = Map::new();
        self.items('}', "an object is never closed", |parser| {
            let (key, value) = parser.member()?;
            map.insert(key, value);
            Ok(())
        })?;
        Ok(Value::Object(map))
    }

    fn array(&mut self) -> Result<Value, Failure> {
        let mut items = Vec::new();
        self.items(']', "an array is never closed", |parser| {
            items.push(parser.value()?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    /// The members of an object or the elements of an array, up to `close`, repairing commas (trailing, extra,
    /// missing) and skipping `...` elisions; `item` reads one member or element.
    fn items(
        &mut self,
        close: char,
        unclosed: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        self.enter()?;
        // Whether an item may start here without a comma first, and where the last comma was.
        let mut expect_item = true;
        let mut comma: Option<usize> = None;
        loop {
            self.skip_space()?;
            match self.peek_char() {
                None => return Err(self.fail(unclosed)),
                Some(c) if c == close => {
                    if let Some(at) = comma {
                        self.repair(at, "trailing comma removed");
                    }
                    self.bump();
                    self.depth -= 1;
                    return Ok(());
                }
                Some(',') => {
                    if expect_item {
                        self.repair(self.pos, "extra comma removed");
                    }
                    comma = Some(self.pos);
                    expect_item = true;
                    self.bump();
                }
                _ => {
                    if let Some(len) = self.elision() {
                        self.repair(self.pos, "`...` elision skipped");
                        self.pos += len;
                    } else {
                        if !expect_item {
                            self.repair(self.pos, "missing comma inserted");
                        }
                        item(self)?;
                    }
                    expect_item = false;
                    comma = None;
                }
            }
        }
    }

    fn member(&mut self) -> Result<(String, Value), Failure> {
        let start = self.pos;
        let key = match self.peek_char() {
            Some(quote @ ('"' | '\'' | '“')) => self.string(quote)?,
            Some(c) if is_word_char(c) => {
                let word = self.word_text();
                self.repair(start, "unquoted key quoted");
                word.to_owned()
            }
            _ => return Err(self.unexpected("a member name")),
        };
        // The outermost object's members are read at depth 1.
        if let Some(keys) = self.keys.as_mut().filter(|_| self.depth == 1) {
            keys.push((key.clone(), start));
        }
        self.skip_space()?;
        if self.peek_char() != Some(':') {
            return Err(self.unexpected("`:` after the member name"));
        }
        self.bump();
        self.skip_space()?;
        if let Some(len) = self.elision() {
            self.repair(self.pos, "`...` elided value read as null");
            self.pos += len;
            return Ok((key, Value::Null));
        }
        Ok((key, self.value()?))
    }

    /// Reads a string quoted with `quote`, rebuilding it as a strict JSON string for serde_json to decode.
    fn string(&mut self, quote: char) -> Result<String, Failure> {
        let start = self.pos;
        if quote == '\'' {
            self.repair(start, "single-quoted string");
        }
        if quote == '“' {
            self.repair(start, "curly quotes read as straight quotes");
        }
        let close = if quote == '“' { '”' } else { quote };
        self.bump();
        // Most strings need no repair: plain text up to a straight closing quote is the string itself, with no
        // rebuilding and decoding. Anything else (escapes, control characters, entities, a byte that may start a
        // curly quote) takes the careful path below.
        if quote == '"' {
            let rest = self.rest();
            let entities = self.leniency.entities;
            let plain =
                rest.bytes().position(|b| matches!(b, b'"' | b'\\' | 0xE2) || b < b' ' || (entities && b == b'&'));
            if let Some(end) = plain.filter(|&end| rest.as_bytes()[end] == b'"') {
                self.pos += end + 1;
                return Ok(rest[..end].to_owned());
            }
        }
        let mut json = String::from("\"");
        loop {
            let Some(c) = self.peek_char() else {
                self.pos = start;
                return Err(self.fail("a string is never closed"));
            };
            match c {
                _ if c == close => {
                    self.bump();
                    break;
                }
                '”' if quote == '"' && self.closes_here() => {
                    // `"GET”,`: opened straight, closed curly.
                    self.repair(self.pos, "curly quotes read as straight quotes");
                    self.bump();
                    break;
                }
                '\\' => self.escape(quote, &mut json),
                '"' => {
                    json.push_str("\\\"");
                    self.bump();
                }
                '\n' | '\r' if quote == '"' && self.string_left_open() => {
                    // `"a": "text,\n  "b": ...`: the closing quote is missing; the comma was the separator.
                    self.repair(self.pos, "unclosed string closed at the end of its line");
                    let kept = json.trim_end().trim_end_matches(',').len();
                    json.truncate(kept);
                    break;
                }
                '\n' | '\r' | '\t' => {
                    self.repair(self.pos, "raw line break or tab in a string escaped");
                    json.push_str(match c {
                        '\n' => "\\n",
                        '\r' => "\\r",
                        _ => "\\t",
                    });
                    self.bump();
                }
                _ if c < ' ' => {
                    self.repair(self.pos, "control character in a string escaped");
                    json.push_str(&format!("\\u{:04x}", u32::from(c)));
                    self.bump();
                }
                _ => {
                    json.push(c);
                    self.bump();
                }
            }
        }
        json.push('"');
        serde_json::from_str(&json).map_err(|error| Failure { offset: start, message: error.to_string() })
    }

    /// Copies the escape at the current `\` into `json`, escaping the backslash itself when the escape is
    /// not a JSON one (`\d` in a regular expression, `\'` in a single-quoted string).
    fn escape(&mut self, quote: char, json: &mut String) {
        let rest = self.rest();
        let next = rest.get(1..).and_then(|after| after.chars().next());
        let hex = rest.get(2..6).is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()));
        match next {
            Some('\'') if quote == '\'' => {
                json.push('\'');
                self.pos += 2;
            }
            Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => {
                json.push_str(&rest[..2]);
                self.pos += 2;
            }
            Some('u') if hex => {
                json.push_str(&rest[..6]);
                self.pos += 6;
            }
            _ => {
                self.repair(self.pos, "invalid escape read as a backslash");
                json.push_str("\\\\");
                self.pos += 1;
            }
        }
    }

    /// Whether the character at the current position is followed by what follows a string: `,`, `:`, a
    /// bracket or the end of the line.
    fn closes_here(&self) -> bool {
        let after = self.rest().get('”'.len_utf8()..).unwrap_or("").trim_start_matches([' ', '\t']);
        after.is_empty() || after.starts_with([',', ':', '}', ']', '\n', '\r'])
    }

    /// At a line break inside a string: whether the next line starts a new member (`"key":`) or closes the
    /// object, which means the string's closing quote was forgotten.
    fn string_left_open(&self) -> bool {
        let next = self.rest().trim_start();
        if next.starts_with('}') {
            return true;
        }
        let Some(after) = next.strip_prefix('"') else { return false };
        let Some(close) = after.find('"') else { return false };
        let key = &after[..close];
        !key.is_empty() && key.chars().all(is_word_char) && after[close + 1..].trim_start().starts_with(':')
    }

    fn number(&mut self) -> Result<Value, Failure> {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || "+-.eE".contains(c)).len();
        let token = &rest[..len];
        let ends = rest[len..].chars().next().is_none_or(|c| ",}]/ \t\r\n".contains(c) || is_odd_space(c));
        match serde_json::from_str::<Value>(token) {
            Ok(number @ Value::Number(_)) if ends => {
                self.pos += len;
                Ok(number)
            }
            // `00:00:00`, `2018-04-01T12:39:16Z`: a value someone forgot to quote.
            _ => self.unquoted().ok_or_else(|| self.fail(format!("`{token}` is not a number"))),
        }
    }

    /// An unquoted value running to the next `,`, `}`, `]`, ` //` or line end, read as a string.
    fn unquoted(&mut self) -> Option<Value> {
        let rest = self.rest();
        let mut end = rest.find([',', '}', ']', '\n', '\r']).unwrap_or(rest.len());
        if let Some(comment) = rest[..end].find(" //") {
            end = comment;
        }
        let text = rest[..end].trim_end();
        if text.is_empty() || text.contains(['"', '{', '[', ':']) && !looks_like_time(text) {
            return None;
        }
        self.repair(self.pos, "unquoted value read as a string");
        self.pos += text.len();
        Some(Value::String(text.to_owned()))
    }

    fn word_text(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(is_word_char).len();
        let start = self.pos;
        self.pos += len;
        &self.text[start..start + len]
    }

    /// A bare word in value position: a literal, a string missing its opening quote, or an unquoted string.
    fn word(&mut self) -> Result<Value, Failure> {
        let start = self.pos;
        let line = self.rest().split('\n').next().unwrap_or("");
        let word = self.word_text();
        match word {
            "true" => return Ok(Value::Bool(true)),
            "false" => return Ok(Value::Bool(false)),
            "null" => return Ok(Value::Null),
            _ => {}
        }
        // `"description": some text",`: everything up to the last quote of the line is the string.
        let line = line.trim_end().trim_end_matches(',').trim_end();
        if let Some(text) = line.strip_suffix('"').filter(|text| !text.contains('"')) {
            self.repair(start, "missing opening quote added");
            self.pos = start + text.len() + 1;
            return Ok(Value::String(text.to_owned()));
        }
        self.pos = start;
        self.unquoted().ok_or_else(|| self.fail(format!("unexpected `{word}`")))
    }
}

/// Times and dates (`00:00:00`, `2018-04-01T12:39:16Z`) hold colons but are still one unquoted value.
fn looks_like_time(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '.' | '+'))
}

/// Decodes the HTML entity at the start of `text`: the character and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    // Entity names are short: only look a few characters ahead for the `;`.
    let (end, _) = text.char_indices().take(12).find(|&(_, c)| c == ';')?;
    let name = text.get(1..end)?;
    let c = match name {
        "quot" => '"',
        "amp" => '&',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => '\u{A0}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}
