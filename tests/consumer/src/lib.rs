//! A crate that generates its Graph client in its build script.

/// The builders generated from `spec/` by `build.rs`.
pub mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph.rs"));
}
