//! Rendering diagnostics like rustc does, with the source line, via `codespan-reporting`.

use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor};
use std::collections::HashMap;

/// Renders `diagnostics` as text; `source_of` gives a file's text (None: the location is printed alone).
pub fn render(diagnostics: &[Diagnostic], source_of: impl Fn(&str) -> Option<String>) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = HashMap::new();
    let mut out = NoColor::new(Vec::new());
    let config = term::Config::default();
    for diagnostic in diagnostics {
        let id = *ids
            .entry(diagnostic.file.clone())
            .or_insert_with(|| files.add(diagnostic.file.clone(), source_of(&diagnostic.file).unwrap_or_default()));
        let source = files.get(id).map(|file| file.source().clone()).unwrap_or_default();
        let report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        }
        .with_code(diagnostic.code.as_str())
        .with_message(&diagnostic.message);
        let report = match byte_range(&source, diagnostic.line, diagnostic.col) {
            Some(range) => report.with_labels(vec![Label::primary(id, range)]),
            None => report.with_notes(vec![format!("at {}:{}:{}", diagnostic.file, diagnostic.line, diagnostic.col)]),
        };
        // Writing to memory cannot fail except on a bad label, which byte_range rules out.
        let _ = term::emit(&mut out, &config, &files, &report);
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// The byte range of the rest of the line from (line, col), or None when out of bounds.
fn byte_range(source: &str, line: u32, col: u32) -> Option<std::ops::Range<usize>> {
    let line_text_start: usize = source.split_inclusive('\n').take(line.checked_sub(1)? as usize).map(str::len).sum();
    let line_text = source[line_text_start..].split('\n').next()?;
    if line_text_start >= source.len() && !source.is_empty() {
        return None;
    }
    let col_offset: usize = line_text.chars().take(col.saturating_sub(1) as usize).map(char::len_utf8).sum();
    let start = line_text_start + col_offset;
    let end = line_text_start + line_text.trim_end_matches('\r').len();
    Some(start..end.max(start))
}
