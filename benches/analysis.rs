//! Network analytics on a 10,000-node scale-free graph and on the flagship
//! scenario's network (`cargo bench --bench analysis`).

// A benchmark is test code: a failed unwrap there is a failed run, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::{Bencher, black_box};
use undertow::analysis::{
    Graph, Strategy, betweenness, disrupt, global_efficiency, scale_free, scenario_graph,
    weighted_betweenness,
};
use undertow::scenario::load_scenario;

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

/// The whole disruption analysis of the flagship scenario, as `undertow analyze
/// scenarios/maritime-route.ron --steps 11` runs it: its network (47 actors, 96
/// ties) built from the parsed scenario, then a quarter of the actors removed
/// one at a time by betweenness, recomputing betweenness, the largest component
/// and efficiency after each removal.
#[divan::bench(sample_count = 20)]
fn flagship_disruption(bencher: Bencher) {
    let text = include_str!("../scenarios/maritime-route.ron");
    let scenario = load_scenario("maritime-route.ron", text).unwrap_or_else(|d| panic!("{d:?}"));
    let steps = scenario.actors.len() / 4;
    bencher.bench(|| {
        let graph = scenario_graph(black_box(&scenario));
        disrupt(&graph, &Strategy::Betweenness, 1, steps, false)
    });
}
