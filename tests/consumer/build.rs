//! Generates the Graph builders from the workspace's spec/ into OUT_DIR, as a user's build script would.

fn main() {
    if let Err(error) = generator::build_script::generate("../../spec", "graph_consumer::graph") {
        panic!("cannot generate from spec/: {error}");
    }
}
