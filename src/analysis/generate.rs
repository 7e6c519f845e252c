//! Seeded random graphs for tests and benchmarks.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::graph::Graph;

/// A Barabási–Albert preferential-attachment graph: `n` nodes named `"0"`…, each new node tied to `m` earlier ones.
///
/// Follows networkx `barabasi_albert_graph`: start from a star on nodes
/// `0..=m`, then attach each new node to `m` distinct nodes drawn with
/// probability proportional to degree. The same `(n, m, seed)` always gives
/// the same graph (ChaCha8), though not networkx's graph for that seed.
/// `m` is clamped to `n - 1`; `m = 0` gives `n` isolated nodes. All weights are 1.
pub fn scale_free(n: usize, m: usize, seed: u64) -> Graph {
    let mut builder = Graph::builder();
    let names: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    for name in &names {
        builder.add_node(name);
    }
    let m = m.min(n.saturating_sub(1));
    if m == 0 {
        return builder.build();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Each node appears once per incident edge, so a uniform draw from this
    // list is a draw proportional to degree.
    let mut repeated: Vec<usize> = Vec::with_capacity(2 * n * m);
    for leaf in 1..=m {
        builder.add_edge(&names[0], &names[leaf], 1.0);
        repeated.extend([0, leaf]);
    }
    let mut targets: Vec<usize> = Vec::with_capacity(m);
    for source in m + 1..n {
        targets.clear();
        while targets.len() < m {
            let pick = repeated[below(&mut rng, repeated.len())];
            if !targets.contains(&pick) {
                targets.push(pick);
            }
        }
        for &t in &targets {
            builder.add_edge(&names[source], &names[t], 1.0);
            repeated.extend([source, t]);
        }
    }
    builder.build()
}

/// A uniform integer in `0..bound` (0 when `bound` is 0), by Lemire's unbiased multiply-and-reject.
pub(crate) fn below(rng: &mut impl Rng, bound: usize) -> usize {
    let Ok(bound) = u32::try_from(bound) else {
        // Graphs here never have 2^32 nodes; fall back to a wide draw.
        let wide = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
        return (wide % bound as u64) as usize;
    };
    if bound == 0 {
        return 0;
    }
    let threshold = bound.wrapping_neg() % bound;
    loop {
        let product = u64::from(rng.next_u32()) * u64::from(bound);
        if (product as u32) >= threshold {
            return (product >> 32) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_networkx() {
        let g = scale_free(100, 3, 1);
        assert_eq!(g.node_count(), 100);
        // star of m edges, then m per new node
        assert_eq!(g.edge_count(), 3 + (100 - 4) * 3);
        assert_eq!(scale_free(5, 0, 1).edge_count(), 0);
        assert_eq!(scale_free(3, 10, 1).edge_count(), 2);
        assert_eq!(scale_free(0, 2, 1).node_count(), 0);
    }

    #[test]
    fn same_seed_same_graph_other_seed_other_graph() {
        assert_eq!(scale_free(300, 2, 9), scale_free(300, 2, 9));
        assert_ne!(scale_free(300, 2, 9), scale_free(300, 2, 10));
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for bound in [1, 2, 3, 7, 1000] {
            for _ in 0..200 {
                assert!(below(&mut rng, bound) < bound);
            }
        }
        assert_eq!(below(&mut rng, 0), 0);
    }
}
