//! The command line: clap subcommands wiring the layers together.

mod analyze;
mod branch;
mod diff;
mod error;
mod generate;
mod import;
mod join;
mod load;
mod network;
mod play;
mod progress;
mod replay;
mod report;
mod roles;
mod run;
mod serve;
mod sweep;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

pub use analyze::{AnalyzeArgs, StrategyName};
pub use branch::BranchArgs;
pub use diff::DiffArgs;
pub use error::{CliError, Outcome};
pub use generate::GenerateArgs;
pub use import::{ImportArgs, ImportFormat};
pub use join::JoinArgs;
pub use load::CheckArgs;
pub use network::Layout;
pub use play::PlayArgs;
pub use replay::ReplayArgs;
pub use report::{ReportArgs, ReportFormat};
pub use run::RunArgs;
pub use serve::ServeArgs;
pub use sweep::SweepArgs;

use crate::exit_status::ExitStatus;

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
    Check(CheckArgs),
    /// Run a scenario headless, one line per turn.
    Run(RunArgs),
    /// Play at this terminal: every team in turn (hot-seat), or one team with bots.
    Play(PlayArgs),
    /// Replay a journal in the viewer; with --verify, re-simulate it and check every turn.
    Replay(ReplayArgs),
    /// Debrief reports from journals: after-action report, metrics, link chart, case summaries.
    Report(ReportArgs),
    /// Replay a journal to turn T, then play on with other orders or bots into a new journal.
    Branch(BranchArgs),
    /// Where two runs diverge: the first turn whose state differs and the metric deltas.
    Diff(DiffArgs),
    /// Print a large valid scenario (RON) on stdout, for benchmarks and load tests.
    Generate(GenerateArgs),
    /// Centrality of a network and how it falls apart as members are removed.
    Analyze(AnalyzeArgs),
    /// Play a scenario over many seeds and bot policies on every core: the
    /// distribution of its outcomes, and the lessons it declares tested.
    Sweep(SweepArgs),
    /// A scenario skeleton from an edge list or adjacency matrix, for a designer to edit.
    Import(ImportArgs),
    /// Serve an exercise over the network: one join code per team.
    Serve(ServeArgs),
    /// Join a served exercise as one team.
    Join(JoinArgs),
}

/// A usage error for a subcommand, worded and shown the way clap shows its own.
fn usage_error(subcommand: &str, kind: ErrorKind, message: &str) -> CliError {
    let mut cli = Cli::command();
    cli.build();
    let error = match cli.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(kind, message),
        None => cli.error(kind, message),
    };
    CliError::Usage(Box::new(error))
}

/// Run the command line and return the process exit status.
pub fn main() -> i32 {
    crate::logging::init();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // Help and version are answers; anything else is a usage error.
            return if e.exit_code() == 0 {
                ExitStatus::Success.code()
            } else {
                ExitStatus::CannotStart.code()
            };
        }
    };
    let result = dispatch(cli.command);
    if let Err(e) = &result {
        error::report(e);
    }
    error::exit_status(&result).code()
}

/// Run one command.
fn dispatch(command: Option<Command>) -> Result<Outcome, CliError> {
    match command {
        None => {
            use std::io::IsTerminal;
            // The screens need a terminal; piped, the tutorial runs headless.
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                play::tutorial()
            } else {
                run::tutorial()
            }
        }
        Some(Command::Check(args)) => load::check(&args),
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Play(args)) => play::play(&args),
        Some(Command::Replay(args)) => replay::replay(&args),
        Some(Command::Report(args)) => report::report(&args),
        Some(Command::Branch(args)) => branch::branch(&args),
        Some(Command::Diff(args)) => diff::diff(&args),
        Some(Command::Generate(args)) => generate::generate(&args),
        Some(Command::Analyze(args)) => analyze::analyze(&args),
        Some(Command::Sweep(args)) => sweep::sweep(&args),
        Some(Command::Import(args)) => import::import(&args),
        Some(Command::Serve(args)) => serve::serve(&args),
        Some(Command::Join(args)) => join::join(&args),
    }
}
