//! Parse speed against a bare pulldown-cmark pass over the same in-memory pages, in one process.
//!
//! `cargo bench -p generator --bench parse -- [DOCS_ROOT]` (default: `../shared/corpus/en-US-2021` beside the checkout).
//! Prints, as ratios (the machines are noisy; absolute times are for reference only):
//! - single-threaded parse to IR / bare single-threaded pulldown-cmark pass (the goal: at most 2x);
//! - parse to IR on all cores / the same bare single-threaded pass (the goal: below 1x);
//! - the peak resident memory of the process.
//!
//! Each figure is the median of several rounds, the two sides alternating so that drift hits both alike.

use generator::parse::markdown::options;
use generator::DocsTree;
use std::hint::black_box;
use std::time::{Duration, Instant};

// Parsing allocates many small strings; mimalloc is markedly faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 15;

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/en-US-2021").into());
    let tree = match DocsTree::load(std::path::Path::new(&root)) {
        Ok(tree) => tree,
        Err(error) => {
            eprintln!("bench skipped: {error}");
            return;
        }
    };
    let bytes: usize = tree.texts().map(str::len).sum();
    println!("{} pages, {:.1} MB from {root}", tree.len(), bytes as f64 / 1e6);
    let (mut bare, mut single, mut parallel) = (Vec::new(), Vec::new(), Vec::new());
    // Each side is timed up to the result it produces; dropping the IR afterwards is not parsing.
    for _ in 0..ROUNDS {
        bare.push(time(|| bare_pass(&tree)).0);
        let (elapsed, ir) = time(|| tree.parse_single_threaded());
        single.push(elapsed);
        drop(ir);
        let (elapsed, ir) = time(|| tree.parse());
        parallel.push(elapsed);
        drop(ir);
    }
    let (bare, single, parallel) = (median(bare), median(single), median(parallel));
    println!("bare pulldown-cmark, 1 thread   {:>8.1} ms", ms(bare));
    println!(
        "parse to IR, 1 thread           {:>8.1} ms   ratio {:.2} (goal <= 2.00)",
        ms(single),
        ratio(single, bare)
    );
    println!(
        "parse to IR, {} threads          {:>8.1} ms   ratio {:.2} (goal < 1.00)",
        rayon::current_num_threads(),
        ms(parallel),
        ratio(parallel, bare)
    );
    if let Some(peak) = peak_memory_kb() {
        println!("peak resident memory            {:>8.1} MB", peak as f64 / 1024.0);
    }
}

/// Every event of every page, counted so that the optimiser keeps the work.
fn bare_pass(tree: &DocsTree) -> usize {
    tree.texts().map(|text| pulldown_cmark::Parser::new_ext(text, options()).into_offset_iter().count()).sum()
}

fn time<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let result = black_box(work());
    (start.elapsed(), result)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// VmHWM from /proc (Linux only).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}
