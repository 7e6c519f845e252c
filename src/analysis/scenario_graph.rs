//! A scenario's hidden network as a plain [`Graph`], for `analyze` and the benchmarks.

use super::graph::Graph;
use crate::scenario::Scenario;

/// The graph of a scenario's network: every actor a node, in order, every tie an edge weighted by its strength.
///
/// Reserve members are included: they are part of the network as written. A
/// tie of strength 0 counts as strength 1, the weakest tie there is: it is
/// still a tie, and a weight of 0 would make its distance infinite.
pub fn scenario_graph(scenario: &Scenario) -> Graph {
    let mut builder = Graph::builder();
    for actor in &scenario.actors {
        builder.add_node(&actor.id);
    }
    for tie in &scenario.ties {
        builder.add_edge(&tie.a, &tie.b, f64::from(tie.strength.max(1)));
    }
    builder.build()
}
