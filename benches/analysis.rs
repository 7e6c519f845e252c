//! Network analytics on a 10,000-node scale-free graph (`cargo bench --bench analysis`).

use divan::{Bencher, black_box};
use undertow::analysis::{Graph, betweenness, global_efficiency, scale_free, weighted_betweenness};

fn main() {
    divan::main();
}

fn ten_thousand() -> Graph {
    scale_free(10_000, 2, 1)
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn betweenness_10k(bencher: Bencher) {
    let graph = ten_thousand();
    bencher.bench(|| betweenness(black_box(&graph), true));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn weighted_betweenness_10k(bencher: Bencher) {
    let graph = ten_thousand();
    bencher.bench(|| weighted_betweenness(black_box(&graph), true));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn global_efficiency_10k(bencher: Bencher) {
    let graph = ten_thousand();
    bencher.bench(|| global_efficiency(black_box(&graph)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn betweenness_2k(bencher: Bencher) {
    let graph = scale_free(2_000, 2, 1);
    bencher.bench(|| betweenness(black_box(&graph), true));
}
