//! Parsing one page into the IR. Each submodule reads one part of a page: `ctx` is the context they share,
//! `page` runs them in order for a page and [`batch`] for many.
//!
//! Nothing here fails: defects become diagnostics and the rest of the page is still read.

pub mod annotation;
pub mod api;
pub mod batch;
mod ctx;
pub mod examples;
pub mod front_matter;
pub mod http;
pub mod include;
pub mod json;
pub mod markdown;
mod page;
pub mod path;
pub mod permission_sets;
pub mod permissions;
pub mod resource;
pub mod scope_case;
pub mod sections;
pub mod tables;
pub mod text;

pub use ctx::{code_content_offset, Annotated, Ctx, Docs, NoDocs};
pub use page::parse_page;
