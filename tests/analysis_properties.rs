//! Properties of the analytics on random graphs, checked against brute force.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use undertow::analysis::{
    Format, Graph, Strategy as Removal, articulation_points, betweenness, connected_components,
    disrupt, global_efficiency, lcc_area, parse_graph, scale_free, weighted_betweenness,
};

const INF: f64 = f64::INFINITY;

/// A graph on nodes `"0"..n` with distinct edges and weights from {1, 2, 4}.
///
/// Those weights make every tie distance (`max/w`) and every path length an
/// exact binary float, so brute force and Brandes can be compared exactly.
fn graph_strategy(max_nodes: usize, max_edges: usize) -> impl Strategy<Value = Graph> {
    (1..=max_nodes).prop_flat_map(move |n| {
        proptest::collection::vec(
            (0..n, 0..n, prop::sample::select(vec![1.0, 2.0, 4.0])),
            0..=max_edges,
        )
        .prop_map(move |raw| {
            let mut edges = BTreeMap::new();
            for (a, b, w) in raw {
                edges.entry((a.min(b), a.max(b))).or_insert(w);
            }
            let mut builder = Graph::builder();
            for v in 0..n {
                builder.add_node(&v.to_string());
            }
            for ((a, b), w) in edges {
                builder.add_edge(&a.to_string(), &b.to_string(), w);
            }
            builder.build()
        })
    })
}

/// All-pairs distances by Floyd–Warshall, with `length(weight)` per edge.
fn all_pairs(graph: &Graph, length: impl Fn(f64) -> f64) -> Vec<Vec<f64>> {
    let n = graph.node_count();
    let mut d = vec![vec![INF; n]; n];
    for (v, row) in d.iter_mut().enumerate() {
        row[v] = 0.0;
    }
    for (a, b, w) in graph.edges() {
        d[a as usize][b as usize] = length(w);
        d[b as usize][a as usize] = length(w);
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                let through = d[i][k] + d[k][j];
                if through < d[i][j] {
                    d[i][j] = through;
                }
            }
        }
    }
    d
}

/// Betweenness over unordered pairs by listing every shortest path explicitly.
fn brute_betweenness(graph: &Graph, length: impl Fn(f64) -> f64 + Copy) -> Vec<f64> {
    let n = graph.node_count();
    let d = all_pairs(graph, length);
    let mut centrality = vec![0.0; n];
    for s in 0..n {
        for t in s + 1..n {
            if d[s][t] == INF {
                continue;
            }
            let mut paths: Vec<Vec<usize>> = Vec::new();
            let mut stack = vec![vec![s]];
            while let Some(path) = stack.pop() {
                let Some(&u) = path.last() else { continue };
                if u == t {
                    paths.push(path);
                    continue;
                }
                for &(w, weight) in graph.neighbors(u as u32) {
                    let w = w as usize;
                    if d[s][u] + length(weight) == d[s][w] && d[s][w] + d[w][t] == d[s][t] {
                        let mut longer = path.clone();
                        longer.push(w);
                        stack.push(longer);
                    }
                }
            }
            for path in &paths {
                for &v in &path[1..path.len() - 1] {
                    centrality[v] += 1.0 / paths.len() as f64;
                }
            }
        }
    }
    centrality
}

fn assert_all_close(ours: &[f64], theirs: &[f64]) -> Result<(), TestCaseError> {
    prop_assert_eq!(ours.len(), theirs.len());
    for (v, (a, b)) in ours.iter().zip(theirs).enumerate() {
        prop_assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "node {}: {} vs {}",
            v,
            a,
            b
        );
    }
    Ok(())
}

fn component_count_without(graph: &Graph, gone: usize) -> usize {
    let keep: Vec<bool> = (0..graph.node_count()).map(|v| v != gone).collect();
    connected_components(&graph.induced(&keep)).len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn betweenness_equals_path_enumeration(graph in graph_strategy(11, 25)) {
        assert_all_close(&betweenness(&graph, false), &brute_betweenness(&graph, |_| 1.0))?;
    }

    #[test]
    fn weighted_betweenness_equals_path_enumeration(graph in graph_strategy(11, 25)) {
        let strongest = graph.edges().map(|(_, _, w)| w).fold(0.0, f64::max);
        let brute = brute_betweenness(&graph, |w| strongest / w);
        assert_all_close(&weighted_betweenness(&graph, false), &brute)?;
    }

    #[test]
    fn betweenness_is_non_negative_and_sums_to_interior_path_length(graph in graph_strategy(200, 400)) {
        let bc = betweenness(&graph, false);
        prop_assert!(bc.iter().all(|&x| x >= 0.0));
        // Every shortest s–t path has d(s,t) - 1 interior nodes, so the
        // total over nodes is the sum of (d - 1) over connected pairs.
        let n = graph.node_count();
        let expected: f64 = (0..n as u32)
            .map(|s| hop_distances(&graph, s).into_iter().enumerate()
                .filter(|&(t, d)| t > s as usize && d != u32::MAX)
                .map(|(_, d)| f64::from(d - 1))
                .sum::<f64>())
            .sum();
        let total: f64 = bc.iter().sum();
        prop_assert!((total - expected).abs() <= 1e-9 * expected.max(1.0));
        let normalized = betweenness(&graph, true);
        prop_assert!(normalized.iter().all(|&x| (0.0..=1.0 + 1e-12).contains(&x)));
    }

    #[test]
    fn efficiency_and_cut_vertices_match_brute_force(graph in graph_strategy(30, 60)) {
        let n = graph.node_count();
        let d = all_pairs(&graph, |_| 1.0);
        let sum: f64 = d.iter().enumerate()
            .flat_map(|(i, row)| row.iter().enumerate().filter(move |&(j, _)| j != i))
            .map(|(_, &x)| if x == INF { 0.0 } else { 1.0 / x })
            .sum();
        let brute = if n < 2 { 0.0 } else { sum / (n * (n - 1)) as f64 };
        prop_assert!((global_efficiency(&graph) - brute).abs() < 1e-12);
        let before = connected_components(&graph).len();
        let brute_cuts: Vec<u32> = (0..n)
            .filter(|&v| graph.degree(v as u32) > 0 && component_count_without(&graph, v) > before)
            .map(|v| v as u32)
            .collect();
        prop_assert_eq!(articulation_points(&graph), brute_cuts);
    }

    #[test]
    fn largest_component_never_grows_under_removal(
        graph in graph_strategy(200, 400),
        pick in 0..4_usize,
        raid in 1..5_usize,
        seed in any::<u64>(),
        weighted in any::<bool>(),
    ) {
        let strategy = match pick {
            0 => Removal::Betweenness,
            1 => Removal::Degree,
            2 => Removal::Random(seed),
            _ => Removal::List(graph.ids().iter().rev().step_by(3).cloned().collect()),
        };
        let steps = disrupt(&graph, &strategy, raid, 15, weighted);
        prop_assert_eq!(steps[0].lcc_fraction, 1.0);
        for pair in steps.windows(2) {
            prop_assert!(pair[1].lcc_fraction <= pair[0].lcc_fraction);
            prop_assert!(pair[1].removed > pair[0].removed);
            // Each step names only its own raid's removals.
            prop_assert_eq!(pair[1].removed, pair[0].removed + pair[1].removed_ids.len());
            prop_assert!(pair[1].removed_ids.len() <= raid);
        }
        let mut all: Vec<&String> = steps.iter().flat_map(|s| &s.removed_ids).collect();
        all.sort();
        all.dedup();
        prop_assert_eq!(all.len(), steps.last().map_or(0, |s| s.removed), "nobody is removed twice");
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,200}", pick in 0..3_usize) {
        let format = [Format::Auto, Format::EdgeList, Format::Matrix][pick];
        if let Err(e) = parse_graph(&text, format) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn edge_list_text_round_trips(graph in graph_strategy(40, 80)) {
        let mut text = String::from("# written by the test\n");
        for id in graph.ids() {
            text.push_str(&format!("{id}\n"));
        }
        for (a, b, w) in graph.edges() {
            let (a, b) = (graph.id(a).unwrap_or(""), graph.id(b).unwrap_or(""));
            text.push_str(&format!("{a}\t{b}\t{w}\n"));
        }
        let parsed = parse_graph(&text, Format::EdgeList);
        prop_assert_eq!(parsed.map(|p| p.graph), Ok(graph));
    }
}

fn hop_distances(graph: &Graph, source: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; graph.node_count()];
    dist[source as usize] = 0;
    let mut queue = std::collections::VecDeque::from([source]);
    while let Some(v) = queue.pop_front() {
        for &(w, _) in graph.neighbors(v) {
            if dist[w as usize] == u32::MAX {
                dist[w as usize] = dist[v as usize] + 1;
                queue.push_back(w);
            }
        }
    }
    dist
}

proptest! {
    // Each case runs one targeted and five random removals: few cases keep CI quick.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn targeted_betweenness_beats_random_removal_on_scale_free_graphs(
        n in 80..=160_usize,
        seed in any::<u64>(),
    ) {
        let graph = scale_free(n, 2, seed);
        let steps = n / 5;
        let targeted = lcc_area(&disrupt(&graph, &Removal::Betweenness, 1, steps, false));
        let random: f64 = (0..5)
            .map(|k| lcc_area(&disrupt(&graph, &Removal::Random(seed ^ k), 1, steps, false)))
            .sum::<f64>() / 5.0;
        prop_assert!(targeted < random, "targeted {} vs random {}", targeted, random);
    }
}
