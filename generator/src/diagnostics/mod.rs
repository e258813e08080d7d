//! Diagnostics: a stable code, a severity, a location and a message.
//!
//! Parsers never fail on bad input; they push diagnostics into a [`Sink`] and carry on.

mod codes;
mod location;
mod render;
mod suggest;
mod terminal;

pub use codes::Code;
pub use location::LineIndex;
pub use render::render;
pub use suggest::did_you_mean;
pub use terminal::{escape_unsafe, has_unsafe, is_unsafe, terminal_safe};

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is. `check` exits 1 when any is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One finding, located in a file (relative to the docs root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub col: u32,
    pub message: String,
}

impl Diagnostic {
    /// The order diagnostics are reported in: by file, position, then code and message.
    pub fn sort_key(&self) -> (&str, u32, u32, Code, &str) {
        (&self.file, self.line, self.col, self.code, &self.message)
    }
}

/// `file:line:col: CODE message` on one line, with the file name and message made [`terminal_safe`]: how the
/// front doors that print a diagnostic per line print it.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (file, message) = (terminal_safe(&self.file), terminal_safe(&self.message));
        write!(f, "{file}:{}:{}: {} {message}", self.line, self.col, self.code)
    }
}

/// Collects the diagnostics of one file, turning byte offsets into line and column.
pub struct Sink<'a> {
    file: &'a str,
    index: &'a LineIndex<'a>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for `file`, whose text `index` was built from.
    pub fn new(file: &'a str, index: &'a LineIndex<'a>, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Sink { file, index, diagnostics }
    }

    /// Reports `code` at byte `offset` of the file, with the code's own severity.
    pub fn report(&mut self, code: Code, offset: usize, message: impl Into<String>) {
        let (line, col) = self.index.line_col(offset);
        self.diagnostics.push(Diagnostic {
            code,
            severity: code.severity(),
            file: self.file.to_owned(),
            line,
            col,
            message: message.into(),
        });
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line(offset)
    }

    /// The text of 1-based `line` of the file, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        self.index.line_text(line)
    }

    /// The file these diagnostics are about.
    pub fn file(&self) -> &str {
        self.file
    }
}
