//! Prints the blocks of a markdown file, for debugging the parser: `cargo run --example blocks -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: blocks FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    for block in generator::parse::markdown::blocks(&text) {
        println!("{:?} {:?}", block.range, block.kind);
    }
}
