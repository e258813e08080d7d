//! Generates the Microsoft Graph code from the docs folder into OUT_DIR (graph.rs, and replay.rs for the tests).

fn main() {
    if let Err(error) = generator::build_script::generate("../../spec", "graph_consumer::graph") {
        panic!("cannot generate the Graph code: {error}");
    }
}
