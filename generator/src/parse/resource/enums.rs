//! Enum pages: `Member | Value | Description` tables, and pages that list several enums (`enums-*.md`).

use super::tables::{member_rows, property_name, MemberRow};
use crate::diagnostics::Code;
use crate::ir::{EnumMember, EnumType};
use crate::parse::ctx::Ctx;
use crate::parse::markdown::BlockKind;
use compact_str::CompactString;

/// Reads the members of an enum page. The members are the tables of the "members" section; a page without one
/// that has one table per `### name values` heading documents several enums, returned in `grouped`.
pub fn parse_enum(ctx: &mut Ctx, title: Option<&str>) -> Option<EnumType> {
    let name = title.and_then(property_name).map(CompactString::from).unwrap_or_default();
    let mut enum_type = EnumType { name, ..EnumType::default() };
    let sections: Vec<_> = ctx.sections_with("members").map(|section| section.body.clone()).collect();
    for body in &sections {
        for index in body.clone() {
            if let Some(BlockKind::Table { rows }) = ctx.blocks.get(index).map(|block| &block.kind) {
                enum_type.members.extend(member_rows(rows).unwrap_or_default().into_iter().map(member));
            }
        }
    }
    if sections.is_empty() {
        let groups = grouped_tables(ctx);
        if groups.len() == 1 {
            enum_type.members = groups.into_iter().flat_map(|(_, rows)| rows).map(member).collect();
        } else {
            enum_type.grouped = groups
                .into_iter()
                .map(|(name, rows)| EnumType {
                    name: name.into(),
                    members: rows.into_iter().map(member).collect(),
                    grouped: vec![],
                })
                .collect();
        }
    }
    if enum_type.members.is_empty() && enum_type.grouped.is_empty() {
        let offset = ctx
            .sections_with("members")
            .next()
            .and_then(|section| ctx.blocks.get(section.heading))
            .map_or(0, |block| block.range.start);
        let has_table = sections.iter().flat_map(|body| body.clone()).any(|index| {
            matches!(ctx.blocks.get(index).map(|block| &block.kind), Some(BlockKind::Table { rows }) if rows.len() > 1)
        });
        let message = if has_table {
            "the members table names no member as an identifier (translated member names?)"
        } else {
            "expected a `Member | Value | Description` table"
        };
        ctx.report(Code::EnumWithoutMembers, offset, message);
    }
    Some(enum_type)
}

fn member(row: MemberRow) -> EnumMember {
    EnumMember { name: row.name.into(), value: row.value.map(CompactString::from), description: row.description.into() }
}

/// Every member table of the page with the name its nearest heading gives (`### riskLevel values`).
fn grouped_tables(ctx: &Ctx) -> Vec<(String, Vec<MemberRow>)> {
    let mut groups = Vec::new();
    let mut heading = String::new();
    for block in &ctx.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => heading = property_name(text).unwrap_or_default().to_owned(),
            BlockKind::Table { rows } => {
                if let Some(found) = member_rows(rows) {
                    groups.push((heading.clone(), found));
                }
            }
            _ => {}
        }
    }
    groups
}
