#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let tree = generator::DocsTree::load(std::path::Path::new("../shared/corpus/en-US-2021")).unwrap();
    let mut n = 0;
    for _ in 0..4 {
        n += tree.parse_single_threaded().pages.len();
    }
    println!("{n}");
}
