//! `undertow analyze`: who holds a network together, and what happens to it
//! when they are taken out one by one or in raids.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

use super::network::{Layout, Network, read_network};
use super::progress::Bar;
use super::{CliError, Outcome};
use crate::analysis::{self, Disruption, Graph, Strategy, scenario_graph};
use crate::scenario::nearest;

mod header;
mod lines;

use lines::Lines;

/// Removal steps when `--steps` is not given (a list strategy runs to the end of its list).
pub const DEFAULT_STEPS: usize = 10;

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

/// What `analyze` reads.
#[derive(Debug, Clone, Copy)]
enum Input {
    /// A network file, read this way.
    Network(Layout),
    /// A journal: the true network at a turn (the last played when none).
    Journal(Option<u32>),
}

/// An analysis to run: the arguments with the strategy resolved.
struct Plan {
    /// The network file or the journal.
    file: PathBuf,
    /// What the file is.
    input: Input,
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
    /// Compute global efficiency (not with `--no-efficiency`).
    efficiency: bool,
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
    #[arg(required_unless_present = "journal", conflicts_with = "journal")]
    pub file: Option<PathBuf>,
    /// Analyse the true network of a run instead: the members at large at
    /// `--turn` and the live ties between them.
    #[arg(long, value_name = "J")]
    pub journal: Option<PathBuf>,
    /// With `--journal`: the turn to analyse [default: the last played].
    #[arg(long, value_name = "T")]
    pub turn: Option<u32>,
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
    /// Leave out global efficiency, the slowest measure on a large network
    /// (it is recomputed every step): the column shows `-`, JSON has `"efficiency":null`.
    #[arg(long)]
    pub no_efficiency: bool,
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
    if args.turn.is_some() && args.journal.is_none() {
        return Err(super::usage_error(
            "analyze",
            ErrorKind::MissingRequiredArgument,
            "`--turn` picks a turn of a run: name the run with `--journal J`",
        ));
    }
    let (file, input) = match (&args.journal, &args.file) {
        (Some(journal), _) => (journal.clone(), Input::Journal(args.turn)),
        (None, Some(file)) => (file.clone(), Input::Network(args.format)),
        (None, None) => {
            return Err(super::usage_error(
                "analyze",
                ErrorKind::MissingRequiredArgument,
                "name a network FILE, or a run with `--journal J`",
            ));
        }
    };
    run(&Plan {
        file,
        input,
        strategy,
        remove: args.remove.clone(),
        raid: args.raid as usize,
        steps: args.steps,
        seed: args.seed,
        weighted: args.weighted,
        json: args.json,
        efficiency: !args.no_efficiency,
    })
}

/// Analyse the network as planned, each step's line written as soon as it is computed.
fn run(args: &Plan) -> Result<Outcome, CliError> {
    let subject = match args.input {
        Input::Network(layout) => subject(read_network(&args.file, layout)?),
        Input::Journal(turn) => journal_subject(&args.file, turn)?,
    };
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
    let mut disruption = Disruption::new(&subject.graph, &strategy, args.raid, args.weighted);
    if !args.efficiency {
        disruption = disruption.without_efficiency();
    }
    let mut disruption = disruption.take(steps.saturating_add(1));
    // Raids, not rows: the untouched network's row is step 0.
    let raids = disruption.len().saturating_sub(1);
    let mut out = Lines::stdout(Bar::on_terminal("steps"));
    out.progress(0, raids);
    // The untouched network always comes first; its efficiency is the header's.
    let Some(untouched) = disruption.next() else {
        return Ok(Outcome::Done);
    };
    if !args.json {
        let mut text = header::header(args, &subject, &untouched);
        text.push_str(lines::TABLE_HEADING);
        if !out.write(&text)? {
            return Ok(Outcome::Done);
        }
    }
    for (i, step) in std::iter::once(untouched).chain(disruption).enumerate() {
        let line = if args.json {
            lines::json(&step)?
        } else {
            lines::row(&subject, i, &step)
        };
        if !out.write(&line)? {
            // The reader went away (`| head`): nothing more is worth computing.
            break;
        }
        out.progress(i, raids);
    }
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

/// The true network of a journal's run at a turn, re-simulated and checked
/// against the journal's state hashes.
fn journal_subject(path: &Path, turn: Option<u32>) -> Result<Subject, CliError> {
    let journal = crate::journal::read(path)?;
    if let Some(w) = journal.warning("analysing") {
        eprintln!("{w}");
    }
    let last = journal.last_turn();
    let turn = turn.unwrap_or(last);
    if turn > last {
        return Err(CliError::BadInput(format!(
            "error: {}: the run was played to turn {last}; there is no turn {turn} to analyse",
            path.display()
        )));
    }
    let mut engine =
        crate::journal::rebuild(&journal, Some(turn)).map_err(|e| CliError::replay(path, e))?;
    let snapshot = engine.snapshot();
    let setup = engine.setup();
    let graph = analysis::live_graph(setup, &snapshot);
    let details = graph
        .ids()
        .iter()
        .map(|id| {
            let a = setup.actor(id).map(|i| &setup.actors[i])?;
            Some(format!("{}, {}", a.name, a.role.label()))
        })
        .collect();
    Ok(Subject {
        graph,
        kind: format!(
            "run of \"{}\" at turn {turn}: the true network, members at large, tie strength as weight",
            setup.scenario.title
        ),
        details,
        nouns: ("members", "ties"),
    })
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
