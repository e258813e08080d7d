//! Any bytes, read as a small docs tree (an API page, a resource page and an include, with names from the input
//! too), go through parse -> resolve -> emit without panicking, and every emitted file is valid: Rust files parse
//! with `syn`, `Cargo.toml` parses as TOML. The input layout is in `common/pipeline.rs`.
//! Run: `generator/fuzz/run.sh pipeline 60` (see the README).
#![no_main]

#[path = "../common/pipeline.rs"]
mod pipeline;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    pipeline::check(data);
});
