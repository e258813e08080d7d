//! A profiling target: parses a docs tree on one thread `PARSES` times (default 4), nothing else.
//! `cargo build --release --example parseonly` then `perf record --call-graph fp target/release/examples/parseonly [DOCS_ROOT]`
//! (build with `RUSTFLAGS="-C force-frame-pointers=yes"` for call graphs). Instruction counts, steady on a shared
//! machine: `PARSES=1 valgrind --tool=callgrind --toggle-collect='generator::parse::batch::parse_batch'
//! target/release/examples/parseonly [DOCS_ROOT]` (LTO inlines `parse_single_threaded` itself, so collect on the
//! batches it runs).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/en-US-2021".to_owned());
    let tree = match generator::DocsTree::load(std::path::Path::new(&root)) {
        Ok(tree) => tree,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    };
    let parses = std::env::var("PARSES").ok().and_then(|n| n.parse().ok()).unwrap_or(4);
    let pages: usize = (0..parses).map(|_| tree.parse_single_threaded().pages.len()).sum();
    println!("{pages} pages parsed");
}
