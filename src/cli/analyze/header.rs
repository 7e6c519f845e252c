//! The summary `analyze` prints above its table: what the network is, how
//! connected, and its most central members by the measure the removal ranks by.

use std::fmt::Write as _;

use super::{Plan, StrategyName, Subject, singular};
use crate::analysis::{
    Graph, Step, betweenness, connected_components, degrees, highest, largest_component_size,
    strengths, weighted_betweenness,
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

/// The centrality the header ranks by: the strategy's own, or betweenness for
/// the random and list orders, which rank by none.
struct Ranking {
    /// The list's title, without the colon.
    title: String,
    scores: Vec<f64>,
    /// How one score is shown.
    show: fn(f64) -> String,
}

fn ranking(args: &Plan, graph: &Graph, ties: &str) -> Ranking {
    match (args.strategy, args.weighted) {
        (StrategyName::Degree, false) => Ranking {
            title: format!("top degree (number of {ties})"),
            scores: degrees(graph).into_iter().map(|d| d as f64).collect(),
            show: |s| format!("{s:.0}"),
        },
        (StrategyName::Degree, true) => Ranking {
            title: "top strength (sum of tie weights)".to_owned(),
            scores: strengths(graph),
            show: weight,
        },
        (_, false) => Ranking {
            title: "top betweenness (normalised, hops)".to_owned(),
            scores: betweenness(graph, true),
            show: |s| format!("{s:.4}"),
        },
        (_, true) => Ranking {
            title: "top betweenness (normalised, tie distance)".to_owned(),
            scores: weighted_betweenness(graph, true),
            show: |s| format!("{s:.4}"),
        },
    }
}

/// A sum of weights: whole as a whole number, otherwise to four decimals.
fn weight(s: f64) -> String {
    if s.fract() == 0.0 && s.abs() < 1e15 {
        format!("{s:.0}")
    } else {
        format!("{s:.4}")
    }
}

/// The five highest by the ranking, in the order a targeted removal takes
/// them (equal scores to the first in the file), ids and scores aligned.
fn top_list(out: &mut String, args: &Plan, subject: &Subject) {
    let graph = &subject.graph;
    let ranking = ranking(args, graph, subject.nouns.1);
    let _ = writeln!(out, "{}:", ranking.title);
    let top = highest(&ranking.scores, TOP);
    let shown: Vec<String> = top
        .iter()
        .map(|&v| (ranking.show)(ranking.scores[v]))
        .collect();
    let id_width = top
        .iter()
        .map(|&v| graph.ids()[v].chars().count())
        .max()
        .unwrap_or(0);
    let score_width = shown.iter().map(String::len).max().unwrap_or(0);
    for (&v, score) in top.iter().zip(&shown) {
        let id = &graph.ids()[v];
        let pad = id_width.saturating_sub(id.chars().count());
        let line = format!("  {id}{:pad$}  {score:>score_width$}", "");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_whole_when_they_can_be() {
        assert_eq!(weight(312.0), "312");
        assert_eq!(weight(0.1 + 0.2), "0.3000");
        assert_eq!(weight(2.5), "2.5000");
    }
}
