//! A scenario's hidden network as a plain [`Graph`], for `analyze` and the
//! benchmarks: as written, or as it stands at a turn of a run.

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

/// The true network of a run at one turn: the members at large (neither
/// held, convicted, fled nor still in reserve) and the live ties between
/// them, tie strength as weight.
pub fn live_graph(
    setup: &crate::engine::setup::Setup,
    snapshot: &crate::engine::Snapshot,
) -> Graph {
    use crate::engine::state::ActorStatus;
    let at_large = |i: usize| {
        snapshot
            .actors
            .get(i)
            .is_some_and(|s| s.status == ActorStatus::Active)
    };
    let mut builder = Graph::builder();
    for (_, actor) in setup
        .actors
        .iter()
        .enumerate()
        .filter(|&(i, _)| at_large(i))
    {
        builder.add_node(&actor.id);
    }
    for (i, ties) in snapshot.network.ties.iter().enumerate() {
        for t in ties
            .iter()
            .filter(|t| i < t.other.index() && at_large(i) && at_large(t.other.index()))
        {
            builder.add_edge(
                &setup.actors[i].id,
                &setup.actors[t.other].id,
                f64::from(t.strength.max(1)),
            );
        }
    }
    builder.build()
}
