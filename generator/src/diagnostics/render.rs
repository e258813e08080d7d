//! Rendering diagnostics like rustc does, with the source line, via `codespan-reporting`.
//!
//! File names, messages and source lines come from the docs: each reaches the terminal through
//! [`terminal_safe`] (source lines keep their tabs and line breaks), since codespan prints them as they are.

use super::terminal::{escape_unsafe, terminal_safe};
use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor};
use std::collections::HashMap;
use std::ops::Range;

/// Renders `diagnostics` as text; `source_of` gives a file's text (None: the location is printed alone).
pub fn render(diagnostics: &[Diagnostic], source_of: impl Fn(&str) -> Option<String>) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = HashMap::new();
    let mut out = NoColor::new(Vec::new());
    let config = term::Config::default();
    for diagnostic in diagnostics {
        let id = *ids.entry(diagnostic.file.clone()).or_insert_with(|| {
            let source = Printed::new(source_of(&diagnostic.file).unwrap_or_default());
            files.add(terminal_safe(&diagnostic.file).into_owned(), source)
        });
        let range = files.get(id).ok().and_then(|file| file.source().range(diagnostic.line, diagnostic.col));
        let report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        }
        .with_code(diagnostic.code.as_str())
        .with_message(terminal_safe(&diagnostic.message));
        let report = match range {
            Some(range) => report.with_labels(vec![Label::primary(id, range)]),
            None => report.with_notes(vec![format!(
                "at {}:{}:{}",
                terminal_safe(&diagnostic.file),
                diagnostic.line,
                diagnostic.col
            )]),
        };
        // Writing to memory cannot fail except on a bad label, which `Printed::range` rules out.
        let _ = term::emit(&mut out, &config, &files, &report);
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// A page's text as it is printed: each line with its control and bidi characters escaped (tabs kept, the
/// renderer expands them), CRLF read as a line break. Labels are placed in this text.
struct Printed {
    original: String,
    text: String,
}

impl Printed {
    fn new(original: String) -> Self {
        let lines: Vec<_> = original.split('\n').map(printed_line).collect();
        Printed { text: lines.join("\n"), original }
    }

    /// The range, in the printed text, of the rest of the line from (line, col) of the original (col counts
    /// characters); None when out of bounds.
    fn range(&self, line: u32, col: u32) -> Option<Range<usize>> {
        let index = line.checked_sub(1)? as usize;
        let (mut original_start, mut printed_start) = (0, 0);
        for (number, original_line) in self.original.split('\n').enumerate() {
            let printed = printed_line(original_line);
            if number == index {
                if original_start >= self.original.len() && !self.original.is_empty() {
                    return None;
                }
                let prefix: String = original_line.chars().take(col.saturating_sub(1) as usize).collect();
                let start = printed_start + escape_unsafe(&prefix, |c| c == '\t').len().min(printed.len());
                return Some(start..printed_start + printed.len());
            }
            original_start += original_line.len() + 1;
            printed_start += printed.len() + 1;
        }
        None
    }
}

impl AsRef<str> for Printed {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// One source line as printed: its CRLF's CR dropped, other unsafe characters but tabs escaped.
fn printed_line(line: &str) -> std::borrow::Cow<'_, str> {
    escape_unsafe(line.strip_suffix('\r').unwrap_or(line), |c| c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    const HOSTILE: &str = "\u{1b}[2J\r\n\u{202e}\u{9b}";

    fn hostile_diagnostic(line: u32, col: u32) -> Diagnostic {
        Diagnostic {
            code: Code::InternalError,
            severity: Severity::Error,
            file: format!("api/page{HOSTILE}.md"),
            line,
            col,
            message: format!("bad name `x{HOSTILE}y`\nerror[GD0000]: forged"),
        }
    }

    /// No byte of an ESC, CR, C1 control or bidi override, and no line break but the renderer's own.
    fn assert_safe(text: &str) {
        assert!(!text.contains(['\u{1b}', '\r', '\u{202e}', '\u{9b}']), "raw control character in:\n{text}");
        assert!(!text.as_bytes().contains(&0x1b) && !text.as_bytes().contains(&b'\r'), "raw byte in:\n{text}");
        assert_eq!(text.lines().filter(|line| line.starts_with("error[")).count(), 1, "a forged line in:\n{text}");
    }

    #[test]
    fn file_names_messages_and_source_lines_are_escaped() {
        // A lone CR inside the line, a CRLF at its end.
        let source = "first line\nbad \u{1b}[2J x\ry\u{202e}\u{9b} here\tand\r\nlast\n".to_owned();
        let text = render(&[hostile_diagnostic(2, 5)], |_| Some(source.clone()));
        assert_safe(&text);
        assert!(text.contains("api/page\\u{1b}[2J\\u{d}\\u{a}\\u{202e}\\u{9b}.md:2:5"), "{text}");
        assert!(
            text.contains("bad name `x\\u{1b}[2J\\u{d}\\u{a}\\u{202e}\\u{9b}y`\\u{a}error[GD0000]: forged"),
            "{text}"
        );
        // The source line as printed (its tab expanded), the label from column 5 (the escaped ESC) to its end.
        assert!(text.contains("2 │ bad \\u{1b}[2J x\\u{d}y\\u{202e}\\u{9b} here    and\n"), "{text}");
        assert!(text.contains(&format!("  │     {}\n", "^".repeat(43))), "{text}");
    }

    #[test]
    fn a_location_without_source_is_escaped_too() {
        let text = render(&[hostile_diagnostic(9, 1)], |_| None);
        assert_safe(&text);
        assert!(text.contains("at api/page\\u{1b}[2J\\u{d}\\u{a}\\u{202e}\\u{9b}.md:9:1"), "{text}");
    }

    #[test]
    fn a_diagnostic_displays_on_one_escaped_line() {
        let line = hostile_diagnostic(2, 5).to_string();
        assert!(!line.contains(['\u{1b}', '\r', '\n', '\u{202e}', '\u{9b}']), "{line}");
        assert!(line.starts_with("api/page\\u{1b}[2J\\u{d}\\u{a}\\u{202e}\\u{9b}.md:2:5: GD0000 bad name"), "{line}");
    }

    #[test]
    fn ordinary_diagnostics_render_as_before() {
        let diagnostic = Diagnostic { file: "api/a.md".into(), message: "plain".into(), ..hostile_diagnostic(2, 3) };
        let text = render(&[diagnostic], |_| Some("one\r\ntwo three\r\n".into()));
        assert!(text.contains("error[GD0000]: plain"), "{text}");
        assert!(text.contains("api/a.md:2:3"), "{text}");
        assert!(text.contains("2 │ two three\n"), "{text}");
        assert!(text.contains("  │   ^^^^^^^"), "{text}");
    }
}
