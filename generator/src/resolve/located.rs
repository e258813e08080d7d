//! Where a diagnostic about a member of an example body points: at the member's key in the page, found from the
//! path to it in the body, else at the body's first line, else at the request or status line.

use super::report;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Body, Json, Position, Step};

/// A documented body, located in its page.
pub struct Place<'a> {
    pub file: &'a str,
    /// The request or status line, where a diagnostic points when nothing nearer is known.
    pub line: u32,
    /// The body's JSON, when it is JSON.
    pub json: Option<&'a Json>,
    /// Where the body's first character is in the page.
    pub body_at: Option<Position>,
}

impl<'a> Place<'a> {
    /// The place of `body`, written at `body_at` in `file`, in a block whose first line is `line`.
    pub fn new(file: &'a str, line: u32, body: Option<&'a Body>, body_at: Option<Position>) -> Self {
        let json = match body {
            Some(Body::Json(json)) => Some(json),
            _ => None,
        };
        Place { file, line, json, body_at }
    }

    /// Reports `code` at the member or item `path` leads to.
    pub fn report(&self, diagnostics: &mut Vec<Diagnostic>, code: Code, path: &Path, message: String) {
        let (line, col) = self.line_col(&path.steps()).unwrap_or((self.line, 1));
        report(diagnostics, code, self.file, line, message);
        if let Some(diagnostic) = diagnostics.last_mut() {
            diagnostic.col = col.max(1);
        }
    }

    /// The line and column in the page of what `steps` lead to in the body.
    fn line_col(&self, steps: &[Step]) -> Option<(u32, u32)> {
        let body_at = self.body_at?;
        let Some(at) = self.json.and_then(|json| json.offset_of(steps).map(|at| (json.text(), at))) else {
            // A body whose text is not the page's (repaired): its first line.
            return Some((body_at.line, body_at.col));
        };
        let (text, at) = at;
        let before = text.get(..at)?;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let line = body_at.line + before.matches('\n').count() as u32;
        // The body's lines keep their place in the page after its first one, which starts at `body_at.col`: the
        // indentation a list item's block loses is that column's.
        let col = body_at.col + before[line_start..].chars().count() as u32;
        Some((line, col))
    }
}

/// The path from a body to one of its values, as a list on the stack: each level of the check adds a step.
#[derive(Clone, Copy)]
pub struct Path<'p> {
    step: Option<Step<'p>>,
    parent: Option<&'p Path<'p>>,
}

impl<'p> Path<'p> {
    /// The body itself.
    pub const ROOT: Path<'static> = Path { step: None, parent: None };

    /// The member `key` or the item of this value.
    pub fn then(&'p self, step: Step<'p>) -> Path<'p> {
        Path { step: Some(step), parent: Some(self) }
    }

    /// The steps from the body, outermost first.
    fn steps(&self) -> Vec<Step<'p>> {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(path) = at {
            steps.extend(path.step);
            at = path.parent;
        }
        steps.reverse();
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(json: &Json) -> Place<'_> {
        Place { file: "api/x.md", line: 10, json: Some(json), body_at: Some(Position { line: 13, col: 4 }) }
    }

    #[test]
    fn points_at_the_key_of_a_nested_member() {
        let text = "{\n  \"value\": [\n    {\"id\": 1},\n    {\"id\": 2, \"créé\": {\"deep\": true}}\n  ]\n}";
        let json = Json::parse(text).expect("strict JSON");
        let mut diagnostics = Vec::new();
        let root = Path::ROOT;
        let value = root.then(Step::Key("value"));
        let item = value.then(Step::Index(1));
        let member = item.then(Step::Key("créé"));
        let deep = member.then(Step::Key("deep"));
        place(&json).report(&mut diagnostics, Code::ExampleUnknownProperty, &deep, "x".into());
        place(&json).report(&mut diagnostics, Code::ExampleUnknownProperty, &value, "x".into());
        let places: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.col)).collect();
        // `{` is at column 4 of line 13; `"deep"` is on the body's fourth line, after `    {"id": 2, "créé": {`
        // (23 characters), so at column 4 + 23; `"value"` on the second line after two spaces.
        assert_eq!(places, [(16, 27), (14, 6)]);
    }

    #[test]
    fn a_repaired_body_or_a_missing_member_falls_back() {
        let repaired = Json::from(serde_json::json!({ "a": { "b": 1 } }));
        let strict = Json::parse("{\"a\": {\"b\": 1}}").expect("strict JSON");
        let mut diagnostics = Vec::new();
        let root = Path::ROOT;
        let a = root.then(Step::Key("a"));
        let b = a.then(Step::Key("b"));
        let missing = a.then(Step::Key("c"));
        place(&repaired).report(&mut diagnostics, Code::ExampleUnknownProperty, &b, "x".into());
        place(&strict).report(&mut diagnostics, Code::ExampleUnknownProperty, &missing, "x".into());
        let unplaced = Place { body_at: None, ..place(&strict) };
        unplaced.report(&mut diagnostics, Code::ExampleUnknownProperty, &b, "x".into());
        let places: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(places, [(13, 4), (13, 4), (10, 1)]);
    }
}
