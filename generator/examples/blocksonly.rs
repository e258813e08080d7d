#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let tree = generator::DocsTree::load(std::path::Path::new("../shared/corpus/en-US-2021")).unwrap();
    let texts: Vec<&str> = tree.texts().collect();
    let mut b = 0;
    for _ in 0..5 {
        b += texts.iter().map(|t| generator::parse::markdown::blocks(t).len()).sum::<usize>();
    }
    println!("{b}");
}
