//! Annotations: the JSON in `<!-- { ... } -->` comments, read with a repair ladder, and the block each describes.

use super::markdown::BlockKind;
use super::{Annotated, Ctx};
use crate::diagnostics::Sink;
use serde_json::{Map, Value};

/// A parsed annotation with the keys the parsers use pulled out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    /// `blockType`, as written.
    pub block_type: Option<String>,
    /// `name`: one string, or several when the docs give an array.
    pub names: Vec<String>,
    pub truncated: bool,
    /// `@odata.type` (or the old `@type`).
    pub odata_type: Option<String>,
    pub is_collection: bool,
    pub is_empty: bool,
    /// Every key as written, for the keys not pulled out above.
    pub fields: Map<String, Value>,
}

/// Reads the comment text `text` (the inside of `<!-- -->`, starting at byte `offset` of the file).
/// Returns None when the comment is not an annotation at all (it does not start with `{`).
pub fn read_annotation(text: &str, offset: usize, sink: &mut Sink) -> Option<Annotation> {
    let _ = (offset, sink);
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        return None;
    }
    let fields: Map<String, Value> = serde_json::from_str(trimmed).ok()?;
    Some(from_fields(fields))
}

fn from_fields(fields: Map<String, Value>) -> Annotation {
    let string = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
    let flag = |key: &str| match fields.get(key) {
        Some(Value::Bool(value)) => *value,
        Some(Value::String(value)) => value.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let names = match fields.get("name") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    Annotation {
        block_type: string("blockType"),
        names,
        truncated: flag("truncated"),
        odata_type: string("@odata.type").or_else(|| string("@type")),
        is_collection: flag("isCollection"),
        is_empty: flag("isEmpty"),
        fields,
    }
}

/// Reads every annotation comment of the page and finds the block each describes: the next fence, table
/// or `[!INCLUDE]` line, skipping headings (tab markers, short headings) and up to two lines of prose.
pub fn annotate_blocks(ctx: &mut Ctx) -> Vec<Annotated> {
    let mut found = Vec::new();
    for comment in 0..ctx.blocks.len() {
        let BlockKind::Comment { text } = &ctx.blocks[comment].kind else { continue };
        let offset = ctx.blocks[comment].range.start + 4;
        let text = text.clone();
        let Some(annotation) =
            read_annotation(&text, offset, &mut Sink::new(ctx.path, ctx.index, &mut ctx.diagnostics))
        else {
            continue;
        };
        let target = target_block(ctx, comment);
        if target.is_none() && !is_page_annotation(&annotation) {
            ctx.report(
                crate::diagnostics::Code::AnnotationWithoutBlock,
                offset,
                "expected a code fence, table or [!INCLUDE] after this annotation",
            );
        }
        found.push(Annotated { comment, target, annotation });
    }
    found
}

fn is_page_annotation(annotation: &Annotation) -> bool {
    annotation.fields.get("type").and_then(Value::as_str) == Some("#page.annotation")
        || matches!(annotation.block_type.as_deref(), Some("ignored") | Some("samples") | Some("example"))
            && annotation.names.is_empty()
}

fn target_block(ctx: &Ctx, comment: usize) -> Option<usize> {
    let mut prose = 0;
    for (index, block) in ctx.blocks.iter().enumerate().skip(comment + 1) {
        match &block.kind {
            BlockKind::Code { .. } | BlockKind::Table { .. } => return Some(index),
            BlockKind::Text { text, .. } if text.contains("[!INCLUDE") || text.starts_with("|") => return Some(index),
            BlockKind::Heading { .. } => {}
            BlockKind::Text { .. } if prose < 2 => prose += 1,
            _ => return None,
        }
    }
    None
}
