//! A profiling target: parses a docs tree on one thread four times, nothing else.
//! `cargo build --release --example parseonly` then `perf record --call-graph fp target/release/examples/parseonly [DOCS_ROOT]`
//! (build with `RUSTFLAGS="-C force-frame-pointers=yes"` for call graphs).

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
    let pages: usize = (0..4).map(|_| tree.parse_single_threaded().pages.len()).sum();
    println!("{pages} pages parsed");
}
