//! Disruption analysis: remove actors step by step and watch the network fall apart.

use std::fmt::Write as _;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::centrality::{
    betweenness, degrees, global_efficiency, largest_component_size, strengths,
    weighted_betweenness,
};
use super::generate::below;
use super::graph::Graph;

/// How the next actors to remove are chosen.
///
/// Targeted strategies rank the actors still present and recompute the
/// ranking after every raid, as the network re-routes around its losses.
/// Ties between equal scores go to the actor that appears first in the input
/// (lowest node index); scores within a relative 1e-9 of each other count as
/// equal, so rounding noise in betweenness never decides a tie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    /// Highest betweenness first (tie-distance betweenness when weighted).
    Betweenness,
    /// Highest degree first (strength, the sum of tie weights, when weighted).
    Degree,
    /// A uniformly random order drawn from this seed (ChaCha8).
    Random(u64),
    /// These ids in this order; unknown ids and repeats are skipped.
    List(Vec<String>),
}

impl Strategy {
    /// Ids of a [`Strategy::List`] that are not nodes of `graph`, for error reporting.
    pub fn unknown_ids<'a>(&'a self, graph: &Graph) -> Vec<&'a str> {
        match self {
            Strategy::List(ids) => ids
                .iter()
                .map(String::as_str)
                .filter(|id| graph.index_of(id).is_none())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The state of the network after one raid: one JSON line of `undertow analyze --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Actors removed so far.
    pub removed: usize,
    /// Size of the largest connected component over its size before any removal.
    pub lcc_fraction: f64,
    /// Global efficiency (networkx, hops) of the remaining network.
    pub efficiency: f64,
    /// Ids of the removed actors, in removal order.
    pub removed_ids: Vec<String>,
}

/// Scores closer than this (relative to the top score) are a tie.
const TIE_TOLERANCE: f64 = 1e-9;

/// Removes actors by `strategy`, `raid` at a time, for at most `steps` raids.
///
/// The first element is the untouched network (`removed == 0`); one element
/// follows per raid. Removal stops early when no actor is left or a list runs
/// out. A `raid` of 0 counts as 1. With `weighted`, betweenness uses tie
/// distance and degree uses strength; the largest component and efficiency
/// always count hops. On an empty graph `lcc_fraction` is 0.
pub fn disrupt(
    graph: &Graph,
    strategy: &Strategy,
    raid: usize,
    steps: usize,
    weighted: bool,
) -> Vec<Step> {
    let raid = raid.max(1);
    let n = graph.node_count();
    let initial_lcc = largest_component_size(graph);
    let fraction = |lcc: usize| {
        if initial_lcc == 0 {
            0.0
        } else {
            lcc as f64 / initial_lcc as f64
        }
    };
    let mut planned = planned_order(graph, strategy).into_iter();
    let mut alive = vec![true; n];
    let mut current = graph.clone();
    // current index -> original index; survivors keep their relative order.
    let mut original: Vec<u32> = (0..n as u32).collect();
    let mut removed_ids = Vec::new();
    let mut out = vec![Step {
        removed: 0,
        lcc_fraction: fraction(initial_lcc),
        efficiency: global_efficiency(graph),
        removed_ids: Vec::new(),
    }];
    for _ in 0..steps {
        if current.node_count() == 0 {
            break;
        }
        let chosen: Vec<u32> = match strategy {
            Strategy::Betweenness | Strategy::Degree => {
                let scores = scores(&current, strategy, weighted);
                top(&scores, raid)
                    .into_iter()
                    .map(|i| original[i])
                    .collect()
            }
            Strategy::Random(_) | Strategy::List(_) => planned.by_ref().take(raid).collect(),
        };
        if chosen.is_empty() {
            break;
        }
        for &v in &chosen {
            alive[v as usize] = false;
            if let Some(id) = graph.id(v) {
                removed_ids.push(id.to_owned());
            }
        }
        current = graph.induced(&alive);
        original = (0..n as u32).filter(|&v| alive[v as usize]).collect();
        out.push(Step {
            removed: removed_ids.len(),
            lcc_fraction: fraction(largest_component_size(&current)),
            efficiency: global_efficiency(&current),
            removed_ids: removed_ids.clone(),
        });
    }
    out
}

/// Mean `lcc_fraction` over the steps: the area under the curve, lower meaning a faster collapse.
pub fn lcc_area(steps: &[Step]) -> f64 {
    if steps.is_empty() {
        return 0.0;
    }
    steps.iter().map(|s| s.lcc_fraction).sum::<f64>() / steps.len() as f64
}

/// A fixed-width table of the steps for a terminal, one row per raid.
pub fn render_table(steps: &[Step]) -> String {
    let mut out = String::from("removed  largest component  efficiency  removed in this raid\n");
    let mut before = 0;
    for step in steps {
        let new = step
            .removed_ids
            .get(before.min(step.removed_ids.len())..)
            .unwrap_or_default();
        let new = if new.is_empty() {
            "-".to_owned()
        } else {
            new.join(", ")
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:>7}  {:>16.1}%  {:>10.4}  {}",
            step.removed,
            step.lcc_fraction * 100.0,
            step.efficiency,
            new
        );
        before = step.removed_ids.len();
    }
    out
}

/// The fixed removal order of the random and list strategies, as original indices.
fn planned_order(graph: &Graph, strategy: &Strategy) -> Vec<u32> {
    match strategy {
        Strategy::Random(seed) => {
            let mut rng = ChaCha8Rng::seed_from_u64(*seed);
            let mut order: Vec<u32> = (0..graph.node_count() as u32).collect();
            // Fisher–Yates, front to back.
            for i in 0..order.len() {
                let j = i + below(&mut rng, order.len() - i);
                order.swap(i, j);
            }
            order
        }
        Strategy::List(ids) => {
            let mut seen = vec![false; graph.node_count()];
            ids.iter()
                .filter_map(|id| graph.index_of(id))
                .filter(|&v| !std::mem::replace(&mut seen[v as usize], true))
                .collect()
        }
        Strategy::Betweenness | Strategy::Degree => Vec::new(),
    }
}

fn scores(graph: &Graph, strategy: &Strategy, weighted: bool) -> Vec<f64> {
    match (strategy, weighted) {
        (Strategy::Betweenness, false) => betweenness(graph, false),
        (Strategy::Betweenness, true) => weighted_betweenness(graph, false),
        (_, false) => degrees(graph).into_iter().map(|d| d as f64).collect(),
        (_, true) => strengths(graph),
    }
}

/// Indices of the `k` highest scores, ties going to the lowest index.
fn top(scores: &[f64], k: usize) -> Vec<usize> {
    let mut taken = vec![false; scores.len()];
    let mut out = Vec::with_capacity(k.min(scores.len()));
    while out.len() < k {
        let best = scores
            .iter()
            .zip(&taken)
            .filter(|&(_, &t)| !t)
            .map(|(&s, _)| s)
            .fold(f64::NEG_INFINITY, f64::max);
        let floor = best - TIE_TOLERANCE * best.abs().max(1.0);
        let Some(pick) = (0..scores.len()).find(|&i| !taken[i] && scores[i] >= floor) else {
            break;
        };
        taken[pick] = true;
        out.push(pick);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: usize) -> Graph {
        let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
        Graph::from_edges(
            names
                .windows(2)
                .map(|p| (p[0].as_str(), p[1].as_str(), 1.0)),
        )
    }

    #[test]
    fn betweenness_cuts_the_middle_of_a_path() {
        let steps = disrupt(&path(5), &Strategy::Betweenness, 1, 1, false);
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].removed, 0);
        assert_eq!(steps[0].lcc_fraction, 1.0);
        assert_eq!(steps[1].removed_ids, ["n2"]);
        assert_eq!(steps[1].lcc_fraction, 0.4);
    }

    #[test]
    fn ties_go_to_first_appearance() {
        // Once n3 is gone, n1 and n5 are equally central halves of a path of 7.
        let steps = disrupt(&path(7), &Strategy::Betweenness, 1, 2, false);
        assert_eq!(steps[2].removed_ids, ["n3", "n1"]);
        let steps = disrupt(&path(4), &Strategy::Degree, 2, 1, false);
        assert_eq!(steps[1].removed_ids, ["n1", "n2"]);
        assert_eq!(top(&[1.0, 3.0, 3.0 + 1e-12, 2.0], 2), vec![1, 2]);
    }

    #[test]
    fn list_skips_unknown_and_repeated_ids_and_stops_when_done() {
        let strategy = Strategy::List(vec!["n4".into(), "ghost".into(), "n4".into(), "n0".into()]);
        assert_eq!(strategy.unknown_ids(&path(5)), ["ghost"]);
        let steps = disrupt(&path(5), &strategy, 1, 10, false);
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[2].removed_ids, ["n4", "n0"]);
        assert_eq!(steps[2].lcc_fraction, 0.6);
    }

    #[test]
    fn random_is_seeded_and_empties_the_graph() {
        let a = disrupt(&path(30), &Strategy::Random(5), 4, 100, false);
        let b = disrupt(&path(30), &Strategy::Random(5), 4, 100, false);
        let c = disrupt(&path(30), &Strategy::Random(6), 4, 100, false);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let last = a.last().map(|s| (s.removed, s.lcc_fraction, s.efficiency));
        assert_eq!(last, Some((30, 0.0, 0.0)));
        assert_eq!(a.len(), 1 + 8);
    }

    #[test]
    fn empty_graph_and_zero_raid() {
        let steps = disrupt(&Graph::default(), &Strategy::Degree, 0, 5, true);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].lcc_fraction, 0.0);
        let steps = disrupt(&path(3), &Strategy::Degree, 0, 1, true);
        assert_eq!(steps[1].removed, 1);
    }

    #[test]
    fn json_line_schema() {
        let steps = disrupt(&path(3), &Strategy::Degree, 1, 1, false);
        let line = serde_json::to_string(&steps[1]).unwrap_or_default();
        assert_eq!(
            line,
            r#"{"removed":1,"lcc_fraction":0.3333333333333333,"efficiency":0.0,"removed_ids":["n1"]}"#
        );
    }

    #[test]
    fn table_shows_each_raid() {
        let steps = disrupt(&path(5), &Strategy::Betweenness, 2, 1, false);
        let table = render_table(&steps);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3, "{table}");
        assert!(lines[1].ends_with("  -"), "{table}");
        assert!(lines[2].ends_with("  n2, n1"), "{table}");
        assert!(lines[2].contains("40.0%"), "{table}");
        assert!((lcc_area(&steps) - 0.7).abs() < 1e-12);
    }
}
