use std::time::Instant;
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let tree = generator::DocsTree::load(std::path::Path::new("../shared/corpus/en-US-2021")).unwrap();
    let texts: Vec<&str> = tree.texts().collect();
    for _ in 0..3 {
        let t = Instant::now();
        let n: usize = texts
            .iter()
            .map(|t| {
                pulldown_cmark::Parser::new_ext(t, generator::parse::markdown::options()).into_offset_iter().count()
            })
            .sum();
        let bare = t.elapsed();
        let t = Instant::now();
        let b: usize = texts.iter().map(|t| generator::parse::markdown::blocks(t).len()).sum();
        let blocks = t.elapsed();
        let t = Instant::now();
        let l: usize =
            texts.iter().map(|t| generator::diagnostics::LineIndex::new(t).line_col(t.len()).0 as usize).sum();
        let li = t.elapsed();
        let t = Instant::now();
        let ir = tree.parse_single_threaded();
        let parse = t.elapsed();
        let t = Instant::now();
        drop(ir);
        let dropt = t.elapsed();
        println!(
            "bare {:?} blocks {:?} lineindex {:?} parse {:?} drop {:?} ({n} {b} {l})",
            bare, blocks, li, parse, dropt
        );
    }
}
