//! The summary `analyze` prints above its table: what the network is, how
//! connected, and its most between members.

use std::fmt::Write as _;

use super::{Plan, StrategyName, Subject, singular};
use crate::analysis::{
    Step, betweenness, connected_components, highest, largest_component_size, weighted_betweenness,
};

/// Members in the header's "top" list.
const TOP: usize = 5;

/// The header: size, connectivity, the untouched network's efficiency (when
/// computed), the top five and how they will be removed.
pub(super) fn header(args: &Plan, subject: &Subject, untouched: &Step) -> String {
    let graph = &subject.graph;
    let n = graph.node_count();
    let lcc = largest_component_size(graph);
    let components = connected_components(graph).len();
    let (actors, ties) = subject.nouns;
    let efficiency = untouched
        .efficiency
        .map_or_else(String::new, |e| format!(", global efficiency {e:.4}"));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}\n{n} {actors}, {} {ties}, {components} component{}, largest {lcc} {actors} ({:.1}%){efficiency}",
        args.file.display(),
        subject.kind,
        graph.edge_count(),
        if components == 1 { "" } else { "s" },
        percent(lcc, n),
    );
    top_list(&mut out, args, subject);
    let _ = writeln!(out, "{}\n", removal(args, actors));
    out
}

/// The five highest by betweenness, in the order a targeted removal takes
/// them (equal scores to the first in the file), ids aligned.
fn top_list(out: &mut String, args: &Plan, subject: &Subject) {
    let graph = &subject.graph;
    let (scores, measure) = if args.weighted {
        (weighted_betweenness(graph, true), "tie distance")
    } else {
        (betweenness(graph, true), "hops")
    };
    let _ = writeln!(out, "top betweenness (normalised, {measure}):");
    let top = highest(&scores, TOP);
    let width = top
        .iter()
        .map(|&v| graph.ids()[v].chars().count())
        .max()
        .unwrap_or(0);
    for &v in &top {
        let id = &graph.ids()[v];
        let pad = width.saturating_sub(id.chars().count());
        let line = format!("  {id}{:pad$}  {:.4}", "", scores[v]);
        let _ = match subject.details[v].as_deref() {
            Some(detail) => writeln!(out, "{line}  {detail}"),
            None => writeln!(out, "{line}"),
        };
    }
}

/// "removing by highest degree, one actor per step, equal scores to the first in the file"
fn removal(args: &Plan, actors: &str) -> String {
    let strategy = match args.strategy {
        StrategyName::Betweenness if args.weighted => "highest betweenness (tie distance)",
        StrategyName::Betweenness => "highest betweenness",
        StrategyName::Degree if args.weighted => "highest strength (sum of tie weights)",
        StrategyName::Degree => "highest degree",
        StrategyName::Random => "random order",
        StrategyName::List => "the --remove list",
    };
    let per_step = match args.raid.max(1) {
        1 => format!("one {} per step", singular(actors)),
        k => format!("raids of {k}"),
    };
    let ties_rule = match args.strategy {
        StrategyName::Betweenness | StrategyName::Degree => {
            ", equal scores to the first in the file".to_owned()
        }
        StrategyName::Random => format!(", seed {}", args.seed),
        StrategyName::List => String::new(),
    };
    format!("removing by {strategy}, {per_step}{ties_rule}")
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}
