//! An operation's request body type.

use super::model::{RustType, Version};
use super::types::model_for_target;
use crate::ir::Body;

/// The request body: the linked model, else JSON when the examples send JSON.
pub fn body_type(documented: &crate::ir::Operation, version: &Version) -> Option<RustType> {
    let linked = documented
        .request_body
        .iter()
        .flat_map(|body| &body.types)
        .find_map(|link| model_for_target(&link.target, &version.models));
    if let Some(model) = linked {
        return Some(RustType::Model(model.rust_name.clone()));
    }
    documented
        .examples
        .iter()
        .any(|example| matches!(example.request.body, Some(Body::Json(_))))
        .then_some(RustType::Json)
}
