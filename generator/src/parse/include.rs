//! `[!INCLUDE [label](path)]` lines: finding them, resolving their paths and loading the included file.

use super::Ctx;
use crate::diagnostics::Code;

/// An include line found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub label: String,
    /// The path as written.
    pub target: String,
    /// Byte offset of the `[!INCLUDE` in the file.
    pub offset: usize,
}

/// A loaded include: its path relative to the docs root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included<'a> {
    pub path: String,
    pub text: &'a str,
}

/// Every include in `text`, which starts at byte `offset` of the file.
pub fn find_includes(text: &str, offset: usize) -> Vec<Include> {
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(start) = text[search_from..].find("[!INCLUDE").map(|found| found + search_from) {
        search_from = start + 9;
        let rest = &text[search_from..];
        let Some(label_start) = rest.find('[') else { break };
        let Some(label_end) = rest[label_start..].find("](").map(|end| end + label_start) else { continue };
        let Some(path_end) = rest[label_end..].find(')').map(|end| end + label_end) else { continue };
        found.push(Include {
            label: rest[label_start + 1..label_end].to_owned(),
            target: rest[label_end + 2..path_end].trim().to_owned(),
            offset: offset + start,
        });
    }
    found
}

/// Resolves `target` against the page at `from` (or the docs root for `/...`); None when it leaves the root.
pub fn resolve(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { from.split('/').collect() };
    if !target.starts_with('/') {
        parts.pop();
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Loads an include of the page in `ctx`, reporting a missing file or a path outside the docs root.
pub fn load<'d>(ctx: &mut Ctx<'d>, include: &Include) -> Option<Included<'d>> {
    let Some(path) = resolve(ctx.path, &include.target) else {
        ctx.report(Code::IncludeOutsideRoot, include.offset, format!("`{}` leaves the docs root", include.target));
        return None;
    };
    match ctx.docs.text(&path) {
        Some(text) => Some(Included { path, text }),
        None => {
            ctx.report(Code::IncludeNotFound, include.offset, format!("no file `{path}` (from `{}`)", include.target));
            None
        }
    }
}
