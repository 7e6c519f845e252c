//! `undertow analyze`: who holds a network together, and what happens to it
//! when they are taken out one by one or in raids.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::error::ErrorKind;

use super::network::{Layout, Network, read_network};
use super::{CliError, Outcome};
use crate::analysis::{
    self, Graph, Step, Strategy, betweenness, connected_components, disrupt, global_efficiency,
    largest_component_size, scenario_graph, weighted_betweenness,
};
use crate::scenario::nearest;

/// Removal steps when `--steps` is not given (a list strategy runs to the end of its list).
pub const DEFAULT_STEPS: usize = 10;

/// Actors in the header's "top betweenness" list.
const TOP: usize = 5;

/// How `--strategy` chooses whom to remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StrategyName {
    /// Highest betweenness first, recomputed after every step.
    Betweenness,
    /// Highest degree first, recomputed after every step.
    Degree,
    /// A random order drawn from `--seed`.
    Random,
    /// The ids given with `--remove`, in that order.
    List,
}

/// An analysis to run: the arguments with the strategy resolved.
struct Plan {
    /// The network file.
    file: PathBuf,
    /// How to read it.
    format: Layout,
    /// Whom to remove first (already resolved from `--remove` when not given).
    strategy: StrategyName,
    /// The ids of the list strategy, in order.
    remove: Vec<String>,
    /// Members removed per step.
    raid: usize,
    /// Number of steps; `None` for the default.
    steps: Option<usize>,
    /// Seed of the random strategy.
    seed: u64,
    /// Weights as tie strength.
    weighted: bool,
    /// JSON lines instead of a table.
    json: bool,
}

/// A network ready to analyse, with what the table shows for each node.
struct Subject {
    graph: Graph,
    /// What the file was, for the header ("edge list, weighted").
    kind: String,
    /// Per node: `Name, role` for a scenario's actors; nothing for a plain file.
    details: Vec<Option<String>>,
    /// "actors" and "ties" for a scenario, "nodes" and "edges" otherwise.
    nouns: (&'static str, &'static str),
}

/// Arguments of `undertow analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// A scenario, an edge list or a labelled adjacency matrix.
    pub file: PathBuf,
    /// How to read FILE: `auto` tells the formats apart by content, not by name.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: Layout,
    /// Whom to remove first [default: betweenness, or list with --remove].
    #[arg(long, value_enum)]
    pub strategy: Option<StrategyName>,
    /// The ids to remove, in order, for `--strategy list`.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub remove: Vec<String>,
    /// Remove this many per step (a raid), recomputing only between raids.
    #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub raid: u32,
    /// Number of removal steps (raids with --raid) [default: 10, or the whole --remove list].
    #[arg(long, value_name = "N")]
    pub steps: Option<usize>,
    /// Seed of `--strategy random`.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Use weights as tie strength: distance = strongest weight / weight, degree = sum of weights.
    #[arg(long)]
    pub weighted: bool,
    /// One JSON object per step on stdout, and nothing else.
    #[arg(long)]
    pub json: bool,
}

/// `undertow analyze`: the table (or JSON lines) written, or why not.
pub fn analyze(args: &AnalyzeArgs) -> Result<Outcome, CliError> {
    // `--remove` alone means the list; with another strategy it would be ignored.
    let strategy = match (args.strategy, args.remove.is_empty()) {
        (None, true) => StrategyName::Betweenness,
        (None, false) => StrategyName::List,
        (Some(StrategyName::List), true) => {
            return Err(super::usage_error(
                "analyze",
                ErrorKind::MissingRequiredArgument,
                "`--strategy list` needs the ids to remove: `--remove ID,...`",
            ));
        }
        (Some(s), false) if s != StrategyName::List => {
            return Err(super::usage_error(
                "analyze",
                ErrorKind::ArgumentConflict,
                "`--remove` gives the order of `--strategy list`; leave out `--strategy` or make it `list`",
            ));
        }
        (Some(s), _) => s,
    };
    run(&Plan {
        file: args.file.clone(),
        format: args.format,
        strategy,
        remove: args.remove.clone(),
        raid: args.raid as usize,
        steps: args.steps,
        seed: args.seed,
        weighted: args.weighted,
        json: args.json,
    })
}

/// Analyse the network as planned.
fn run(args: &Plan) -> Result<Outcome, CliError> {
    let subject = subject(read_network(&args.file, args.format)?);
    let strategy = match args.strategy {
        StrategyName::Betweenness => Strategy::Betweenness,
        StrategyName::Degree => Strategy::Degree,
        StrategyName::Random => Strategy::Random(args.seed),
        StrategyName::List => Strategy::List(args.remove.clone()),
    };
    let unknown = strategy.unknown_ids(&subject.graph);
    if !unknown.is_empty() {
        return Err(CliError::BadInput(unknown_ids(args, &subject, &unknown)));
    }
    let steps = args.steps.unwrap_or(match &strategy {
        Strategy::List(ids) => ids.len().div_ceil(args.raid.max(1)),
        _ => DEFAULT_STEPS,
    });
    let result = disrupt(&subject.graph, &strategy, args.raid, steps, args.weighted);
    let text = if args.json {
        let mut out = String::new();
        for step in &result {
            // A Step is numbers and strings: serialising it cannot fail.
            let _ = writeln!(out, "{}", serde_json::to_string(step).unwrap_or_default());
        }
        out
    } else {
        let mut out = header(args, &subject);
        out.push_str(&table(&subject, &result));
        out
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    // A reader that went away (`| head`) is not an error of the analysis.
    let _ = lock.write_all(text.as_bytes()).and_then(|()| lock.flush());
    Ok(Outcome::Done)
}

fn subject(network: Network) -> Subject {
    match network {
        Network::Scenario(scenario) => {
            let graph = scenario_graph(&scenario);
            let details = scenario
                .actors
                .iter()
                .map(|a| {
                    let reserve = if a.reserve { ", reserve" } else { "" };
                    Some(format!("{}, {}{reserve}", a.name, a.role.label()))
                })
                .collect();
            Subject {
                graph,
                kind: format!("scenario \"{}\", tie strength as weight", scenario.title),
                details,
                nouns: ("actors", "ties"),
            }
        }
        Network::Graph(parsed) => {
            let layout = match parsed.format {
                analysis::Format::Matrix => "adjacency matrix",
                _ => "edge list",
            };
            let weights = if parsed.weighted {
                "weighted"
            } else {
                "unweighted"
            };
            Subject {
                details: vec![None; parsed.graph.node_count()],
                graph: parsed.graph,
                kind: format!("{layout}, {weights}"),
                nouns: ("nodes", "edges"),
            }
        }
    }
}

/// The error for ids in `--remove` that name no node, with the nearest id when one is close.
fn unknown_ids(args: &Plan, subject: &Subject, unknown: &[&str]) -> String {
    let file = args.file.display();
    let mut out = String::new();
    for id in unknown {
        let _ = writeln!(
            out,
            "error: unknown id `{id}` in --remove: {file} has no such {}",
            singular(subject.nouns.0)
        );
        if let Some(near) = nearest(id, subject.graph.ids().iter().map(String::as_str)) {
            let _ = writeln!(out, "help: did you mean `{near}`?");
        }
    }
    out
}

fn singular(noun: &str) -> &str {
    noun.strip_suffix('s').unwrap_or(noun)
}

/// The summary above the table: size, connectivity, efficiency and the five most between.
fn header(args: &Plan, subject: &Subject) -> String {
    let graph = &subject.graph;
    let n = graph.node_count();
    let lcc = largest_component_size(graph);
    let components = connected_components(graph).len();
    let (actors, ties) = subject.nouns;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}\n{n} {actors}, {} {ties}, {components} component{}, largest {lcc} {actors} ({:.1}%), global efficiency {:.4}",
        args.file.display(),
        subject.kind,
        graph.edge_count(),
        if components == 1 { "" } else { "s" },
        percent(lcc, n),
        global_efficiency(graph),
    );
    let (scores, measure) = if args.weighted {
        (weighted_betweenness(graph, true), "tie distance")
    } else {
        (betweenness(graph, true), "hops")
    };
    let _ = writeln!(out, "top betweenness (normalised, {measure}):");
    let mut order: Vec<usize> = (0..n).collect();
    // Normalised scores are at most 1: compared to nine decimals, as the
    // removal ranking does, so rounding noise cannot reorder a tie. The sort
    // is stable, so equal scores keep first-appearance order.
    let key = |v: usize| (scores[v] * 1e9).round() as i64;
    order.sort_by_key(|&v| std::cmp::Reverse(key(v)));
    let width = order
        .iter()
        .take(TOP)
        .map(|&v| graph.ids()[v].chars().count())
        .max()
        .unwrap_or(0);
    for &v in order.iter().take(TOP) {
        let id = &graph.ids()[v];
        let pad = width.saturating_sub(id.chars().count());
        let line = format!("  {id}{:pad$}  {:.4}", "", scores[v]);
        let _ = match subject.details[v].as_deref() {
            Some(detail) => writeln!(out, "{line}  {detail}"),
            None => writeln!(out, "{line}"),
        };
    }
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
    let _ = writeln!(out, "removing by {strategy}, {per_step}{ties_rule}\n");
    out
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// One row per step: what is left of the network, and who went in that step.
fn table(subject: &Subject, steps: &[Step]) -> String {
    let mut out =
        String::from("step  removed  largest component  efficiency  removed in this step\n");
    let mut before = 0;
    for (i, step) in steps.iter().enumerate() {
        let new = step.removed_ids.get(before..).unwrap_or_default();
        let who = if new.is_empty() {
            "-".to_owned()
        } else {
            new.iter()
                .map(|id| label(subject, id))
                .collect::<Vec<_>>()
                // Scenario labels hold commas ("Name, role"); plain ids read best with them.
                .join(if subject.nouns.0 == "actors" {
                    "; "
                } else {
                    ", "
                })
        };
        let _ = writeln!(
            out,
            "{i:>4}  {:>7}  {:>16.1}%  {:>10.4}  {who}",
            step.removed,
            step.lcc_fraction * 100.0,
            step.efficiency,
        );
        before = step.removed_ids.len();
    }
    out
}

/// `id` alone for a plain file, `id (Name, role)` for a scenario's actor.
fn label(subject: &Subject, id: &str) -> String {
    let detail = subject
        .graph
        .index_of(id)
        .and_then(|v| subject.details.get(v as usize))
        .and_then(Option::as_deref);
    match detail {
        Some(detail) => format!("{id} ({detail})"),
        None => id.to_owned(),
    }
}
