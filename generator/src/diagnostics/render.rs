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
        let location = || format!("at {}:{}:{}", terminal_safe(&diagnostic.file), diagnostic.line, diagnostic.col);
        let report = match range {
            Some((range, Cut::Before)) => report.with_labels(vec![Label::primary(id, range)]),
            // The label shows the cut; the note gives the real column.
            Some((range, Cut::After)) => {
                report.with_labels(vec![Label::primary(id, range)]).with_notes(vec![location()])
            }
            None => report.with_notes(vec![location()]),
        };
        // Writing to memory cannot fail except on a bad label, which `Printed::range` rules out.
        let _ = term::emit(&mut out, &config, &files, &report);
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// How many characters of a source line are printed: a page can hold a line of megabytes (one annotation with
/// thousands of keys), and each diagnostic on it would print it whole.
const PRINTED_LINE_CHARS: usize = 240;

/// A page's text as it is printed: each line with its control and bidi characters escaped (tabs kept, the
/// renderer expands them), cut after [`PRINTED_LINE_CHARS`], CRLF read as a line break. Labels are placed in this
/// text; the lines are indexed once, so that many diagnostics on one page cost no more than one each.
struct Printed {
    original: String,
    text: String,
    lines: Vec<PrintedLine>,
}

/// Whether a column is before the cut of its printed line or past it.
enum Cut {
    Before,
    After,
}

/// Where a line is in the original and in the printed text, and how much of it was kept before the cut.
struct PrintedLine {
    original: Range<usize>,
    printed_start: usize,
    kept: usize,
    printed_len: usize,
}

impl Printed {
    fn new(original: String) -> Self {
        let mut text = String::with_capacity(original.len().min(1 << 20));
        let mut lines = Vec::new();
        let mut original_start = 0;
        for line in original.split('\n') {
            let printed_start = text.len();
            let escaped = printed_line(line);
            let kept = escaped.char_indices().nth(PRINTED_LINE_CHARS).map_or(escaped.len(), |(at, _)| at);
            text.push_str(&escaped[..kept]);
            if kept < escaped.len() {
                text.push_str(" …");
            }
            lines.push(PrintedLine {
                original: original_start..original_start + line.len(),
                printed_start,
                kept,
                printed_len: text.len() - printed_start,
            });
            text.push('\n');
            original_start += line.len() + 1;
        }
        text.pop();
        Printed { original, text, lines }
    }

    /// The range, in the printed text, of the rest of the line from (line, col) of the original (col counts
    /// characters; a column past the cut points at the cut); None when out of bounds.
    fn range(&self, line: u32, col: u32) -> Option<(Range<usize>, Cut)> {
        let line = self.lines.get(line.checked_sub(1)? as usize)?;
        if line.original.start >= self.original.len() && !self.original.is_empty() {
            return None;
        }
        let original_line = &self.original[line.original.clone()];
        let prefix: String = original_line.chars().take(col.saturating_sub(1) as usize).collect();
        let before = escape_unsafe(&prefix, |c| c == '\t').len();
        let cut = if before > line.kept { Cut::After } else { Cut::Before };
        Some((line.printed_start + before.min(line.kept)..line.printed_start + line.printed_len, cut))
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

    #[test]
    fn a_long_line_is_printed_cut_however_many_diagnostics_point_into_it() {
        let long_line = format!("start {}", "key, ".repeat(100_000));
        let source = format!("first\n{long_line}\nlast\n");
        let diagnostics: Vec<Diagnostic> = (0..50)
            .map(|n| Diagnostic {
                file: "api/a.md".into(),
                message: format!("m{n}"),
                ..hostile_diagnostic(2, 1 + 9_000 * n)
            })
            .collect();
        let text = render(&diagnostics, |_| Some(source.clone()));
        assert!(text.len() < 50 * 2 * (PRINTED_LINE_CHARS + 200), "{} bytes printed", text.len());
        assert!(text.contains(&format!("2 │ {} …\n", &long_line[..PRINTED_LINE_CHARS])), "{}", &text[..2000]);
        assert!(text.contains("api/a.md:2:441001"), "the location names the column past the cut");
    }
}
