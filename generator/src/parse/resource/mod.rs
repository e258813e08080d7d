//! Resource pages (JSON representation, property and relationship tables) and enum pages.
//!
//! A resource's properties come from two places that the docs keep by hand: the JSON representation (a
//! `blockType: resource` code block whose values are type names) and the property/relationship tables. Both are
//! read, merged by property name, and contradictions between them reported rather than silently resolved. Types are
//! taken from the JSON representation and from links, which localized pages do not translate; see [`types`] for the
//! normalisation of type names.

mod enums;
mod inherits;
mod member;
mod primitive;
mod representation;
mod strict;
mod tables;
mod translated;
mod types;

pub use enums::parse_enum;

use super::ctx::{code_content_offset, Ctx};
use super::markdown::BlockKind;
use super::text::find_short;
use crate::diagnostics::Code;
use crate::ir::{Property, PropertySource, Resource};
use compact_str::CompactString;
use member::Member;
use representation::Representation;
use serde_json::Value;
use tables::Row;
use types::Declared;

/// A diagnostic found while reading: reported once the rows and members, which borrow the page's blocks, are merged.
type Report = (Code, usize, String);

/// Reads the resource a resource page documents.
pub fn parse_resource(ctx: &mut Ctx, title: Option<&str>) -> Option<Resource> {
    let mut reports = Vec::new();
    let resource = read_resource(ctx, title, &mut reports);
    for (code, offset, message) in reports {
        ctx.report(code, offset, message);
    }
    Some(resource)
}

fn read_resource(ctx: &Ctx, title: Option<&str>, reports: &mut Vec<Report>) -> Resource {
    let mut resource = Resource::default();
    let block = representation_block(ctx);
    if let Some(index) = block {
        read_annotation(ctx, index, &mut resource);
    }
    if resource.base_type.is_none() {
        resource.base_type = inherits::stated_base_type(ctx).map(CompactString::from);
    }
    let representation = block.and_then(|index| read_representation(ctx, index, reports));
    if block.is_none() {
        let offset = ctx.section("json-representation").map_or_else(|| title_offset(ctx), |s| heading_offset(ctx, s));
        let message = "no JSON representation (`blockType: resource` block)".to_owned();
        reports.push((Code::ResourceWithoutRepresentation, offset, message));
    }
    // Looked for only when the annotation gives none: the search reads the whole block.
    if resource.odata_type.is_none() {
        resource.odata_type = block.and_then(|index| representation_odata_type(ctx, index)).map(CompactString::from);
    }
    resource.name = match &resource.odata_type {
        Some(odata_type) => odata_type.rsplit('.').next().unwrap_or(odata_type).into(),
        None => title
            .and_then(tables::property_name)
            .map(CompactString::from)
            .or_else(|| anchor_name(ctx).map(CompactString::from))
            .unwrap_or_default(),
    };
    let namespace = match resource.odata_type.as_deref().and_then(|odata_type| odata_type.rsplit_once('.')) {
        Some((namespace, _)) if !namespace.is_empty() => namespace.to_owned(),
        _ => page_namespace(ctx).unwrap_or_else(|| "microsoft.graph".to_owned()),
    };
    // Read as JSON (strictly or leniently), the members have distinct names; salvaged one by one, maybe not.
    let (mut members, json, distinct) = match representation {
        Some((representation, json)) => (representation.members, json, representation.error.is_none()),
        None => (Vec::new(), JsonBlock { text: "", offset: 0 }, true),
    };
    let mut used = vec![false; members.len()];
    let property_rows = table_rows(ctx, "properties", &namespace);
    let relationship_rows = table_rows(ctx, "relationships", &namespace);
    let (members_read, used_read) = (&mut members, &mut used);
    resource.properties = merge_rows(ctx, property_rows, members_read, distinct, used_read, json, reports);
    resource.relationships = merge_rows(ctx, relationship_rows, members_read, distinct, used_read, json, reports);
    let unused = used.iter().filter(|used| !**used).count();
    resource.properties.reserve_exact(unused);
    for (member, _) in members.into_iter().zip(&used).filter(|(_, used)| !**used) {
        let declared = member.declared.unwrap_or_else(unknown);
        resource.properties.push(property(
            member.name.into(),
            declared,
            CompactString::default(),
            PropertySource::Json,
        ));
    }
    resource
}

fn unknown() -> Declared {
    Declared::new("", types::Strength::Hint)
}

/// A property from its parts, taken by value: the rows and members they come from are not needed after.
fn property(name: CompactString, declared: Declared, description: CompactString, source: PropertySource) -> Property {
    Property {
        name,
        type_name: declared.type_name.into(),
        collection: declared.collection,
        enum_values: declared.enum_values,
        description,
        source,
        json_type: None,
    }
}

/// The code block holding the JSON representation: the one annotated `blockType: resource`, else the first code
/// block of the "JSON representation" section (its annotation may be unreadable).
fn representation_block(ctx: &Ctx) -> Option<usize> {
    let annotated = ctx.annotations.iter().find_map(|annotated| {
        let is_resource =
            annotated.annotation.block_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("resource"));
        annotated.target.filter(|&target| is_resource && is_code(ctx, target))
    });
    annotated.or_else(|| {
        let section = ctx.section("json-representation")?;
        section.body.clone().find(|&index| is_code(ctx, index))
    })
}

fn is_code(ctx: &Ctx, index: usize) -> bool {
    matches!(ctx.blocks.get(index).map(|block| &block.kind), Some(BlockKind::Code { .. }))
}

/// Copies the annotation's keys onto the resource. Without a readable annotation, the `@odata.type` is still looked
/// for in the raw comment before the block (annotations with `&quot;` entities and the like).
fn read_annotation(ctx: &Ctx, index: usize, resource: &mut Resource) {
    let Some(annotation) = ctx.annotation_for(index) else {
        let comment = index.checked_sub(1).and_then(|previous| match &ctx.blocks[previous].kind {
            BlockKind::Comment { text } => Some(*text),
            _ => None,
        });
        resource.odata_type = comment.and_then(qualified_name).map(CompactString::from);
        return;
    };
    let fields = &annotation.fields;
    let string = |key: &str| fields.get(key).and_then(Value::as_str).map(|value| CompactString::from(value.trim()));
    let flag = |key: &str| match fields.get(key) {
        Some(Value::Bool(value)) => *value,
        Some(Value::String(value)) => value.trim().eq_ignore_ascii_case("true"),
        _ => false,
    };
    resource.odata_type = annotation.odata_type.as_deref().map(|name| name.trim().trim_start_matches('#').into());
    resource.key_property = string("keyProperty");
    resource.base_type = string("baseType");
    resource.open_type = flag("openType");
    resource.is_abstract = flag("abstract");
    resource.is_media_entity = flag("isMediaEntity");
    resource.optional_properties = match fields.get("optionalProperties") {
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).map(CompactString::from).collect(),
        Some(Value::String(names)) => {
            names.split(',').map(str::trim).filter(|n| !n.is_empty()).map(CompactString::from).collect()
        }
        _ => Vec::new(),
    };
}

/// The first `microsoft.graph.x` name in a text.
fn qualified_name(text: &str) -> Option<String> {
    let start = text.find("microsoft.graph.")?;
    let name: String =
        text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_').collect();
    Some(name.trim_end_matches('.').to_owned())
}

/// The representation block's text, and the byte offset of its content in the page.
#[derive(Debug, Clone, Copy)]
struct JsonBlock<'t> {
    text: &'t str,
    offset: usize,
}

/// Reads the representation block: its members, and the block.
fn read_representation<'c>(
    ctx: &'c Ctx,
    index: usize,
    reports: &mut Vec<Report>,
) -> Option<(Representation<'c>, JsonBlock<'c>)> {
    let block = ctx.blocks.get(index)?;
    let BlockKind::Code { text, .. } = &block.kind else { return None };
    let offset = code_content_offset(ctx.source, block);
    let representation = representation::read(text);
    if let Some(error) = &representation.error {
        let message = format!(
            "the JSON representation is not JSON even read leniently ({error}); read {} properties one by one",
            representation.members.len()
        );
        reports.push((Code::ResourceJsonUnreadable, offset, message));
    }
    Some((representation, JsonBlock { text, offset }))
}

/// The `microsoft.graph.x` name of an `"@odata.type"` key in the representation block.
fn representation_odata_type(ctx: &Ctx, index: usize) -> Option<String> {
    let BlockKind::Code { text, .. } = &ctx.blocks.get(index)?.kind else { return None };
    text.find("\"@odata.type\"").and_then(|at| qualified_name(text.get(at..)?))
}

/// Where a table row comes from: its table's block, and the index (in the rows read) of that table's first row.
#[derive(Debug, Clone, Copy)]
struct Place {
    block: usize,
    first: usize,
}

/// The rows of every property table in the sections with `id`.
fn table_rows<'c>(ctx: &'c Ctx, id: &str, namespace: &str) -> Vec<(Row<'c>, Place)> {
    let mut rows = Vec::new();
    for section in ctx.sections_with(id) {
        for index in section.body.clone() {
            let Some(block) = ctx.blocks.get(index) else { continue };
            let BlockKind::Table { rows: cells } = &block.kind else { continue };
            let Some(found) = tables::property_rows(cells, namespace) else { continue };
            let place = Place { block: index, first: rows.len() };
            rows.extend(found.into_iter().map(|row| (row, place)));
        }
    }
    rows
}

/// The byte offset of `rows[index]`'s name in the page, else of its table. Found only for a diagnostic: each name
/// is searched after the previous row's (a search from the start each time made big tables quadratic), so the
/// table's rows are searched from its first one.
fn row_offset(ctx: &Ctx, rows: &[(Row, Place)], index: usize) -> usize {
    let place = rows[index].1;
    let Some(block) = ctx.blocks.get(place.block) else { return 0 };
    let table_source = ctx.source.get(block.range.clone()).unwrap_or("");
    let mut cursor = 0;
    let mut offset = block.range.start;
    for (row, _) in rows.get(place.first..=index).unwrap_or_default() {
        let at = row.name.and_then(|name| {
            let rest = table_source.get(cursor..)?;
            find_short(rest, name).map(|found| (cursor + found, name.len()))
        });
        offset = match at {
            Some((found, length)) => {
                cursor = found + length;
                block.range.start + found
            }
            None => block.range.start,
        };
    }
    offset
}

/// Merges table rows with the JSON members of the same name, reporting contradictions. Rows whose name was
/// translated are matched by position: to the JSON member right after (or before) the one a neighbouring row matched.
/// `distinct` says whether the members' names are.
fn merge_rows(
    ctx: &Ctx,
    rows: Vec<(Row, Place)>,
    members: &mut [Member],
    distinct: bool,
    used: &mut [bool],
    block: JsonBlock,
    reports: &mut Vec<Report>,
) -> Vec<Property> {
    // Rows mostly come in the order of the members: the member after the one the previous row named is tried
    // first, which with distinct names is the one a search would find.
    let mut next = 0;
    let mut matched: Vec<Option<usize>> = rows
        .iter()
        .map(|(row, _)| {
            let name = row.name?;
            let guessed = members.get(next).filter(|member| distinct && member.name == name).map(|_| next);
            let found = guessed
                .or_else(|| members.iter().position(|member| member.name == name))
                .or_else(|| members.iter().position(|member| member.name.eq_ignore_ascii_case(name)))?;
            next = found + 1;
            let fresh = !used.get(found).copied().unwrap_or(true);
            if let Some(flag) = used.get_mut(found) {
                *flag = true;
            }
            fresh.then_some(found)
        })
        .collect();
    for index in 0..rows.len() {
        if rows[index].0.name.is_some() {
            continue;
        }
        let after = index.checked_sub(1).and_then(|previous| matched[previous]).map(|member| member + 1);
        let before = matched.get(index + 1).copied().flatten().and_then(|member| member.checked_sub(1));
        let candidate = [after, before].into_iter().flatten().find(|&member| {
            !used.get(member).copied().unwrap_or(true)
                && match (&members[member].declared, &rows[index].0.declared) {
                    (Some(json), Some(table)) => !types::judge(json, table).conflict,
                    _ => true,
                }
        });
        if let Some(member) = candidate {
            used[member] = true;
            matched[index] = Some(member);
        }
    }
    // Compared while the rows are whole: a contradiction's offset is found from the names of the rows before it.
    let mut verdicts = Vec::with_capacity(rows.len());
    for (index, ((row, _), member)) in rows.iter().zip(&matched).enumerate() {
        let member = member.and_then(|member| members.get(member));
        let Some((member, json, table)) =
            member.and_then(|member| Some((member, member.declared.as_ref()?, row.declared.as_ref()?)))
        else {
            verdicts.push(None);
            continue;
        };
        let verdict = types::judge(json, table);
        if verdict.conflict {
            let message = format!(
                "`{}`: the table says {}, the JSON representation (line {}) says {}",
                member.name,
                types::describe(table),
                ctx.line_of(block.offset + member.key_offset(block.text)),
                types::describe(json)
            );
            let offset = row_offset(ctx, &rows, index);
            reports.push((Code::ResourceTableDisagrees, offset, message));
        } else if types::yields_to_json(json, table) {
            let message = format!(
                "`{}`: the table's type `{}` is no type the docs define (a translated word?); the JSON representation's {} was taken",
                member.name,
                table.type_name.rsplit('.').next().unwrap_or(""),
                types::describe(json)
            );
            reports.push((Code::TypeWordTranslated, row_offset(ctx, &rows, index), message));
        }
        verdicts.push(Some(verdict));
    }
    let mut properties = Vec::with_capacity(rows.len());
    for (((row, _), member), verdict) in rows.into_iter().zip(matched).zip(verdicts) {
        let Some(member) = member.and_then(|member| members.get_mut(member)) else {
            let Some(name) = row.name else { continue };
            let declared = row.declared.unwrap_or_else(unknown);
            properties.push(property(name.into(), declared, row.description.into(), PropertySource::Table));
            continue;
        };
        // A member is matched once, and its declaration not looked at again: it is taken rather than copied.
        let mut json_type = None;
        let declared = match (member.declared.take(), row.declared) {
            (Some(json), Some(table)) => {
                let mut verdict = verdict.unwrap_or_else(|| types::judge(&json, &table));
                json_type = verdict.json_type.take();
                verdict.chosen(json, table)
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => unknown(),
        };
        let name = member.name.as_ref().into();
        let mut property = property(name, declared, row.description.into(), PropertySource::Both);
        property.json_type = json_type.map(CompactString::from);
        properties.push(property);
    }
    properties
}

/// The namespace the page states (`Namespace: microsoft.graph.callRecords`, in any language).
fn page_namespace(ctx: &Ctx) -> Option<String> {
    ctx.blocks.iter().take(8).find_map(|block| match &block.kind {
        BlockKind::Text { text, .. } if text.len() < 120 => {
            let start = text.find("microsoft.graph")?;
            let name: String =
                text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_').collect();
            Some(name.trim_end_matches('.').to_owned())
        }
        _ => None,
    })
}

/// The name the title's anchor gives (`accounts-resource-type` gives `accounts`), for translated titles.
fn anchor_name(ctx: &Ctx) -> Option<String> {
    let anchor = ctx.blocks.iter().find_map(|block| match &block.kind {
        BlockKind::Heading { level: 1, anchor: Some(anchor), .. } => Some(anchor.as_str()),
        _ => None,
    })?;
    let name = anchor.split('-').next().unwrap_or("");
    types::is_identifier(name).then(|| name.to_owned())
}

fn heading_offset(ctx: &Ctx, section: &super::sections::Section) -> usize {
    ctx.blocks.get(section.heading).map_or(0, |block| block.range.start)
}

/// The byte offset of the `# title`, else 0.
fn title_offset(ctx: &Ctx) -> usize {
    ctx.blocks
        .iter()
        .find(|block| matches!(block.kind, BlockKind::Heading { level: 1, .. }))
        .map_or(0, |block| block.range.start)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod translated_tests;
