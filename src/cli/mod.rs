//! The command line: clap subcommands wiring the layers together.

mod generate;
mod load;
mod replay;
mod run;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::bots::Policy;

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
        #[arg(long)]
        journal: Option<PathBuf>,
        /// One JSON object per committed turn on stdout, and nothing else.
        #[arg(long)]
        json: bool,
    },
    /// Replay a journal; with --verify, re-simulate it and check every turn.
    Replay {
        journal: PathBuf,
        #[arg(long)]
        verify: bool,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        turn: Option<u32>,
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
        None => run::tutorial(),
        Some(Command::Check { files }) => load::check(&files),
        Some(Command::Run {
            file,
            seed,
            turns,
            bots,
            orders,
            journal,
            json,
        }) => run::run(&run::RunArgs {
            file,
            seed,
            turns,
            bots,
            orders,
            journal,
            json,
        }),
        Some(Command::Replay {
            journal,
            verify,
            json,
            turn,
        }) => replay::replay(&journal, verify, json, turn),
        Some(Command::Generate {
            actors,
            teams,
            seed,
        }) => generate::generate(
            usize::try_from(actors).unwrap_or(usize::MAX),
            usize::try_from(teams).unwrap_or(usize::MAX),
            seed,
        ),
    }
}
