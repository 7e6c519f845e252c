//! The command line: clap subcommands wiring the layers together.

mod analyze;
mod branch;
mod diff;
mod generate;
mod import;
mod join;
mod load;
mod network;
mod play;
mod replay;
mod report;
mod roles;
mod run;
mod serve;

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::bots::Policy;
pub use analyze::StrategyName;
pub use network::Layout;
pub use report::ReportFormat;

/// undertow: a tabletop simulation engine for exercises in disrupting
/// people-smuggling and trafficking-in-persons networks.
#[derive(Debug, Parser)]
#[command(name = "undertow", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenarios and action catalogues; errors as FILE:LINE:COL.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a scenario headless, one line per turn.
    Run {
        file: PathBuf,
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long)]
        turns: Option<u32>,
        /// Policy for every team without scripted orders.
        #[arg(long, value_enum, default_value = "baseline")]
        bots: Policy,
        /// A RON script of orders per turn and team (see docs/SCENARIO.md).
        #[arg(long)]
        orders: Option<PathBuf>,
        /// Write the run's journal here (a new file: see --force).
        #[arg(long)]
        journal: Option<PathBuf>,
        /// One JSON object per committed turn on stdout, and nothing else.
        #[arg(long)]
        json: bool,
        /// Replace an existing file at --journal instead of refusing.
        #[arg(long)]
        force: bool,
    },
    /// Play at this terminal: every team in turn (hot-seat), or one team with bots.
    Play {
        /// The scenario (not needed with --resume: the journal holds it).
        #[arg(required_unless_present = "resume")]
        file: Option<PathBuf>,
        #[arg(long)]
        seed: Option<u64>,
        /// Play this team (by id); bots play the others.
        #[arg(long)]
        team: Option<String>,
        /// Where to write the journal (default: undertow-SCENARIO-SEED.journal
        /// here, or the next free -2, -3…). With --resume: continue the run
        /// in this new journal, leaving the old one as it is.
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Continue the exercise recorded in this journal.
        #[arg(long)]
        resume: Option<PathBuf>,
        /// Replace an existing file at --journal instead of refusing.
        #[arg(long)]
        force: bool,
    },
    /// Replay a journal in the viewer; with --verify, re-simulate it and check every turn.
    Replay {
        journal: PathBuf,
        #[arg(long)]
        verify: bool,
        #[arg(long)]
        json: bool,
        /// Open the viewer at this turn.
        #[arg(long)]
        turn: Option<u32>,
        /// Compare with another run of the same scenario, turn by turn (the viewer's `d`).
        #[arg(long, value_name = "JOURNAL", conflicts_with = "verify")]
        against: Option<PathBuf>,
    },
    /// Debrief reports from journals: after-action report, metrics, link chart, case summaries.
    Report {
        /// The journal (several only with `--format case`).
        #[arg(required = true)]
        journals: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// With `--format dot`: draw what this team knows (by team id), not the truth.
        #[arg(long)]
        team: Option<String>,
        /// Write the report here instead of to stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replay a journal to turn T, then play on with other orders or bots into a new journal.
    Branch {
        #[arg(value_name = "JOURNAL")]
        parent: PathBuf,
        /// The first turn played differently.
        #[arg(long, value_name = "T")]
        at: u32,
        /// A RON script of orders (as for `run`): the teams it names follow it from turn T.
        #[arg(long)]
        orders: Option<PathBuf>,
        /// Policy for the other teams from turn T; without it they repeat their recorded orders.
        #[arg(long, value_enum)]
        bots: Option<Policy>,
        /// Where to write the branch (default: PARENT.branch-T.journal beside the parent).
        #[arg(long = "journal", value_name = "OUT")]
        out: Option<PathBuf>,
        /// Play the branch at this terminal from turn T, every team at the keyboard.
        #[arg(long, conflicts_with_all = ["orders", "bots"])]
        play: bool,
        /// Replace an existing file at --journal instead of refusing.
        #[arg(long)]
        force: bool,
    },
    /// Where two runs diverge: the first turn whose state differs and the metric deltas.
    Diff {
        journal_a: PathBuf,
        journal_b: PathBuf,
    },
    /// Print a large valid scenario (RON) on stdout, for benchmarks and load tests.
    Generate {
        /// Network members; about four ties each.
        #[arg(long, value_parser = clap::value_parser!(u64).range(10..=20_000))]
        actors: u64,
        /// Teams, dealt round the three countries.
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u64).range(1..=200))]
        teams: u64,
        /// Seed of the generator, also the scenario's default seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Centrality of a network and how it falls apart as members are removed.
    Analyze {
        /// A scenario, an edge list or a labelled adjacency matrix.
        file: PathBuf,
        /// How to read FILE: `auto` tells the formats apart by content, not by name.
        #[arg(long, value_enum, default_value = "auto")]
        format: Layout,
        /// Whom to remove first [default: betweenness, or list with --remove].
        #[arg(long, value_enum)]
        strategy: Option<StrategyName>,
        /// The ids to remove, in order, for `--strategy list`.
        #[arg(long, value_delimiter = ',', value_name = "ID,...")]
        remove: Vec<String>,
        /// Remove this many per step (a raid), recomputing only between raids.
        #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        raid: u32,
        /// Number of removal steps (raids with --raid) [default: 10, or the whole --remove list].
        #[arg(long, value_name = "N")]
        steps: Option<usize>,
        /// Seed of `--strategy random`.
        #[arg(long, value_name = "S", default_value_t = 0)]
        seed: u64,
        /// Use weights as tie strength: distance = strongest weight / weight, degree = sum of weights.
        #[arg(long)]
        weighted: bool,
        /// One JSON object per step on stdout, and nothing else.
        #[arg(long)]
        json: bool,
    },
    /// A scenario skeleton from an edge list or adjacency matrix, for a designer to edit.
    Import {
        /// An edge list (`a b [weight]` a line) or a labelled adjacency matrix.
        file: PathBuf,
        /// How to read FILE: `auto` tells the formats apart by content, not by name.
        #[arg(long, value_enum, default_value = "auto")]
        format: ImportFormat,
        /// Roles for some or all nodes: one `id role` a line (`17 money_broker`).
        #[arg(long, value_name = "FILE")]
        roles: Option<PathBuf>,
        /// Write the scenario here instead of to stdout.
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// Serve an exercise over the network: one join code per team.
    Serve {
        /// The scenario (not needed with --resume: the journal holds it).
        #[arg(required_unless_present = "resume")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "resume")]
        seed: Option<u64>,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: String,
        /// Where to write the journal (default: undertow-SCENARIO-SEED.journal
        /// here, or the next free -2, -3…). With --resume: continue the
        /// exercise in this new journal, leaving the old one as it is.
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Write `{"address", "teams": {id: code}}` here once listening.
        #[arg(long, value_name = "FILE")]
        codes_out: Option<PathBuf>,
        /// No facilitator console: commit when every team is ready.
        #[arg(long)]
        headless: bool,
        /// Exit 0 once this turn is committed.
        #[arg(long)]
        turns: Option<u32>,
        /// Continue the exercise recorded in this journal, with its saved codes.
        #[arg(long, value_name = "JOURNAL")]
        resume: Option<PathBuf>,
        /// With the console: play the turn when it has been open this many
        /// minutes (the pause stops the clock). Without it, only the
        /// facilitator plays turns.
        #[arg(long, value_name = "MINUTES", conflicts_with = "headless")]
        turn_minutes: Option<u32>,
        /// Replace an existing journal, codes file or --codes-out file instead of refusing.
        #[arg(long)]
        force: bool,
    },
    /// Join a served exercise as one team.
    Join {
        /// The server's HOST:PORT.
        addr: String,
        #[arg(long)]
        team: String,
        #[arg(long)]
        code: String,
        /// Play this policy headless instead of at the screen (the team's
        /// screen, driven by the server, is the default).
        #[arg(long, value_enum)]
        bot: Option<Policy>,
        /// A bot waits this long before it is ready each turn.
        #[arg(long, value_name = "N", default_value_t = 0)]
        think_ms: u64,
    },
}

/// The formats `undertow import` reads: a network, never a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// By content, never by file name.
    Auto,
    /// One tie per line: `a b [weight]`.
    #[value(name = "edgelist")]
    EdgeList,
    /// A labelled adjacency matrix: the first row and column hold ids.
    Matrix,
}

/// Prints a usage error for a subcommand the way clap does, and returns its exit code, 2.
fn usage_error(subcommand: &str, kind: ErrorKind, message: &str) -> i32 {
    let mut cli = Cli::command();
    cli.build();
    let error = match cli.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(kind, message),
        None => cli.error(kind, message),
    };
    let _ = error.print();
    2
}

/// Run the command line and return the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return if code == 0 { 0 } else { 2 };
        }
    };
    match cli.command {
        None => {
            use std::io::IsTerminal;
            // The screens need a terminal; piped, the tutorial runs headless.
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                play::tutorial()
            } else {
                run::tutorial()
            }
        }
        Some(Command::Play {
            file,
            seed,
            team,
            journal,
            resume,
            force,
        }) => play::play(&play::PlayArgs {
            file,
            seed,
            team,
            journal,
            resume,
            force,
        }),
        Some(Command::Check { files }) => load::check(&files),
        Some(Command::Run {
            file,
            seed,
            turns,
            bots,
            orders,
            journal,
            json,
            force,
        }) => run::run(&run::RunArgs {
            file,
            seed,
            turns,
            bots,
            orders,
            journal,
            json,
            force,
        }),
        Some(Command::Replay {
            journal,
            verify,
            json,
            turn,
            against,
        }) => match against {
            Some(b) => replay::view_against(&journal, &b, turn),
            None => replay::replay(&journal, verify, json, turn),
        },
        Some(Command::Report {
            journals,
            format,
            team,
            output,
        }) => report::report(&report::ReportArgs {
            journals,
            format,
            team,
            output,
        }),
        Some(Command::Branch {
            parent,
            at,
            orders,
            bots,
            out,
            play,
            force,
        }) => branch::branch(&branch::BranchArgs {
            journal: parent,
            at,
            orders,
            bots,
            out,
            play,
            force,
        }),
        Some(Command::Diff {
            journal_a,
            journal_b,
        }) => diff::diff(&journal_a, &journal_b),
        Some(Command::Generate {
            actors,
            teams,
            seed,
        }) => generate::generate(
            usize::try_from(actors).unwrap_or(usize::MAX),
            usize::try_from(teams).unwrap_or(usize::MAX),
            seed,
        ),
        Some(Command::Analyze {
            file,
            format,
            strategy,
            remove,
            raid,
            steps,
            seed,
            weighted,
            json,
        }) => {
            // `--remove` alone means the list; with another strategy it would be ignored.
            let strategy = match (strategy, remove.is_empty()) {
                (None, true) => StrategyName::Betweenness,
                (None, false) => StrategyName::List,
                (Some(StrategyName::List), true) => {
                    return usage_error(
                        "analyze",
                        ErrorKind::MissingRequiredArgument,
                        "`--strategy list` needs the ids to remove: `--remove ID,...`",
                    );
                }
                (Some(s), false) if s != StrategyName::List => {
                    return usage_error(
                        "analyze",
                        ErrorKind::ArgumentConflict,
                        "`--remove` gives the order of `--strategy list`; leave out `--strategy` or make it `list`",
                    );
                }
                (Some(s), _) => s,
            };
            analyze::analyze(&analyze::AnalyzeArgs {
                file,
                format,
                strategy,
                remove,
                raid: raid as usize,
                steps,
                seed,
                weighted,
                json,
            })
        }
        Some(Command::Serve {
            file,
            seed,
            bind,
            journal,
            codes_out,
            headless,
            turns,
            resume,
            turn_minutes,
            force,
        }) => serve::serve(&serve::ServeArgs {
            file,
            seed,
            bind,
            journal,
            codes_out,
            headless,
            turns,
            resume,
            turn_minutes,
            force,
        }),
        Some(Command::Join {
            addr,
            team,
            code,
            bot,
            think_ms,
        }) => join::join(&addr, &team, &code, bot, think_ms),
        Some(Command::Import {
            file,
            format,
            roles,
            output,
        }) => import::import(&import::ImportArgs {
            file,
            format: match format {
                ImportFormat::Auto => Layout::Auto,
                ImportFormat::EdgeList => Layout::EdgeList,
                ImportFormat::Matrix => Layout::Matrix,
            },
            roles,
            output,
        }),
    }
}
