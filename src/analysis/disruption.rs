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
    /// Actors removed so far, this raid's included.
    pub removed: usize,
    /// Size of the largest connected component over its size before any removal.
    pub lcc_fraction: f64,
    /// Global efficiency (networkx, hops) of the remaining network; `None`
    /// (JSON `null`) when the run leaves it out.
    pub efficiency: Option<f64>,
    /// Ids removed in this raid, in removal order; empty for the untouched network.
    pub removed_ids: Vec<String>,
}

/// Scores closer than this (relative to the top score) are a tie.
const TIE_TOLERANCE: f64 = 1e-9;

/// The steps of a disruption, each computed only when asked for, so a caller
/// can show one before the next (slow on a large network) is begun.
///
/// The first step is the untouched network (`removed == 0`); one follows per
/// raid of `raid` actors (a `raid` of 0 counts as 1), until no actor is left
/// or a list runs out. With `weighted`, betweenness uses tie distance and
/// degree uses strength; the largest component and efficiency always count
/// hops. On an empty graph `lcc_fraction` is 0.
#[derive(Debug, Clone)]
pub struct Disruption<'a> {
    graph: &'a Graph,
    strategy: &'a Strategy,
    raid: usize,
    weighted: bool,
    efficiency: bool,
    initial_lcc: usize,
    /// What is still to come of the random or list order, as original indices.
    planned: std::vec::IntoIter<u32>,
    /// Per original index: not removed yet.
    alive: Vec<bool>,
    /// What is left once anyone is removed; until then the input graph itself.
    current: Option<Graph>,
    /// Current index -> original index; survivors keep their relative order.
    original: Vec<u32>,
    removed: usize,
    /// The untouched network's step has been given.
    started: bool,
    /// A raid found nobody to remove: nothing more will come.
    finished: bool,
}

impl<'a> Disruption<'a> {
    /// The disruption of `graph` by `strategy`, `raid` actors a step, global efficiency included.
    pub fn new(graph: &'a Graph, strategy: &'a Strategy, raid: usize, weighted: bool) -> Self {
        let n = graph.node_count();
        Disruption {
            graph,
            strategy,
            raid: raid.max(1),
            weighted,
            efficiency: true,
            initial_lcc: largest_component_size(graph),
            planned: planned_order(graph, strategy).into_iter(),
            alive: vec![true; n],
            current: None,
            original: (0..n as u32).collect(),
            removed: 0,
            started: false,
            finished: false,
        }
    }

    /// Leave global efficiency out (every step's is `None`): on a large network
    /// it costs more than the ranking itself.
    pub fn without_efficiency(mut self) -> Self {
        self.efficiency = false;
        self
    }

    fn current(&self) -> &Graph {
        self.current.as_ref().unwrap_or(self.graph)
    }

    /// Original indices of the next raid's actors; empty when nobody is left to take.
    fn choose(&mut self) -> Vec<u32> {
        let current = self.current.as_ref().unwrap_or(self.graph);
        if current.node_count() == 0 {
            return Vec::new();
        }
        match self.strategy {
            Strategy::Betweenness | Strategy::Degree => {
                let scores = scores(current, self.strategy, self.weighted);
                highest(&scores, self.raid)
                    .into_iter()
                    .map(|i| self.original[i])
                    .collect()
            }
            Strategy::Random(_) | Strategy::List(_) => {
                self.planned.by_ref().take(self.raid).collect()
            }
        }
    }

    /// The step for the network as it now stands, after removing `removed_ids`.
    fn measure(&self, removed_ids: Vec<String>) -> Step {
        let current = self.current();
        let lcc = largest_component_size(current);
        Step {
            removed: self.removed,
            lcc_fraction: if self.initial_lcc == 0 {
                0.0
            } else {
                lcc as f64 / self.initial_lcc as f64
            },
            efficiency: self.efficiency.then(|| global_efficiency(current)),
            removed_ids,
        }
    }

    /// Raids still to come: every actor left (or every listed one) goes, `raid` at a time.
    fn raids_left(&self) -> usize {
        if self.finished {
            return 0;
        }
        let removable = match self.strategy {
            Strategy::Betweenness | Strategy::Degree => self.current().node_count(),
            Strategy::Random(_) | Strategy::List(_) => self.planned.len(),
        };
        removable.div_ceil(self.raid)
    }
}

impl Iterator for Disruption<'_> {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        if self.finished {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(self.measure(Vec::new()));
        }
        let chosen = self.choose();
        if chosen.is_empty() {
            self.finished = true;
            return None;
        }
        let mut ids = Vec::with_capacity(chosen.len());
        for &v in &chosen {
            self.alive[v as usize] = false;
            ids.extend(self.graph.id(v).map(str::to_owned));
        }
        self.removed += chosen.len();
        self.current = Some(self.graph.induced(&self.alive));
        self.original = (0..self.graph.node_count() as u32)
            .filter(|&v| self.alive[v as usize])
            .collect();
        Some(self.measure(ids))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.raids_left() + usize::from(!self.started && !self.finished);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Disruption<'_> {}

impl std::iter::FusedIterator for Disruption<'_> {}

/// Removes actors by `strategy`, `raid` at a time, for at most `steps` raids: the
/// first `steps + 1` steps of a [`Disruption`], global efficiency included.
pub fn disrupt(
    graph: &Graph,
    strategy: &Strategy,
    raid: usize,
    steps: usize,
    weighted: bool,
) -> Vec<Step> {
    Disruption::new(graph, strategy, raid, weighted)
        .take(steps.saturating_add(1))
        .collect()
}

/// Mean `lcc_fraction` over the steps: the area under the curve, lower meaning a faster collapse.
pub fn lcc_area(steps: &[Step]) -> f64 {
    if steps.is_empty() {
        return 0.0;
    }
    steps.iter().map(|s| s.lcc_fraction).sum::<f64>() / steps.len() as f64
}

/// A fixed-width table of the steps for a terminal, one row per raid
/// (efficiency `-` where it was left out).
pub fn render_table(steps: &[Step]) -> String {
    let mut out = String::from("removed  largest component  efficiency  removed in this raid\n");
    for step in steps {
        let new = if step.removed_ids.is_empty() {
            "-".to_owned()
        } else {
            step.removed_ids.join(", ")
        };
        let efficiency = step
            .efficiency
            .map_or_else(|| "-".to_owned(), |e| format!("{e:.4}"));
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:>7}  {:>16.1}%  {efficiency:>10}  {new}",
            step.removed,
            step.lcc_fraction * 100.0,
        );
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

/// Indices of the `k` highest scores in the order removal takes them: scores
/// within a relative 1e-9 of the best left count as equal and go to the lowest index.
pub fn highest(scores: &[f64], k: usize) -> Vec<usize> {
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
        assert_eq!(steps[1].removed_ids, ["n3"]);
        assert_eq!(steps[2].removed_ids, ["n1"]);
        let steps = disrupt(&path(4), &Strategy::Degree, 2, 1, false);
        assert_eq!(steps[1].removed_ids, ["n1", "n2"]);
        assert_eq!(highest(&[1.0, 3.0, 3.0 + 1e-12, 2.0], 2), vec![1, 2]);
    }

    #[test]
    fn list_skips_unknown_and_repeated_ids_and_stops_when_done() {
        let strategy = Strategy::List(vec!["n4".into(), "ghost".into(), "n4".into(), "n0".into()]);
        assert_eq!(strategy.unknown_ids(&path(5)), ["ghost"]);
        let steps = disrupt(&path(5), &strategy, 1, 10, false);
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[1].removed_ids, ["n4"]);
        assert_eq!(steps[2].removed_ids, ["n0"]);
        assert_eq!(steps[2].removed, 2);
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
        assert_eq!(last, Some((30, 0.0, Some(0.0))));
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
        assert!(lines[2].contains("  0.3333  "), "{table}");
        assert!(lines[2].contains("40.0%"), "{table}");
        assert!((lcc_area(&steps) - 0.7).abs() < 1e-12);
    }

    #[test]
    fn each_step_names_only_its_own_removals() {
        // Raids of three on a path of seven: the middle, then what is left of
        // the right-hand end, then the isolated n0.
        let steps = disrupt(&path(7), &Strategy::Degree, 3, 10, false);
        let raids: Vec<Vec<String>> = steps.iter().map(|s| s.removed_ids.clone()).collect();
        assert_eq!(
            raids,
            [
                vec![],
                vec!["n1", "n2", "n3"],
                vec!["n5", "n4", "n6"],
                vec!["n0"]
            ]
        );
        let removed: Vec<usize> = steps.iter().map(|s| s.removed).collect();
        assert_eq!(removed, [0, 3, 6, 7]);
    }

    #[test]
    fn steps_come_one_at_a_time_and_say_how_many_are_left() {
        let graph = path(5);
        let strategy = Strategy::Betweenness;
        let mut run = Disruption::new(&graph, &strategy, 2, false);
        assert_eq!(run.len(), 1 + 3);
        assert_eq!(run.next().map(|s| s.removed), Some(0));
        assert_eq!(run.len(), 3);
        assert_eq!(run.next().map(|s| s.removed), Some(2));
        assert_eq!(run.by_ref().count(), 2);
        assert_eq!((run.len(), run.next()), (0, None));
        let list = Strategy::List(vec!["n4".into(), "n4".into(), "n0".into()]);
        assert_eq!(Disruption::new(&graph, &list, 1, false).len(), 1 + 2);
    }

    #[test]
    fn efficiency_can_be_left_out() {
        let graph = path(4);
        let strategy = Strategy::Random(1);
        let steps: Vec<Step> = Disruption::new(&graph, &strategy, 1, false)
            .without_efficiency()
            .collect();
        assert_eq!(steps.len(), 5);
        assert!(steps.iter().all(|s| s.efficiency.is_none()));
        let line = serde_json::to_string(&steps[0]).unwrap_or_default();
        assert_eq!(
            line,
            r#"{"removed":0,"lcc_fraction":1.0,"efficiency":null,"removed_ids":[]}"#
        );
        let table = render_table(&steps);
        assert!(
            table
                .lines()
                .nth(1)
                .is_some_and(|l| l.contains("100.0%           -  -")),
            "{table}"
        );
    }
}
