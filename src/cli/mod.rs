//! The command line: clap subcommands wiring the layers together.

mod load;
mod play;
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
        /// Where to write the journal (default: undertow-SCENARIO-SEED.journal here).
        #[arg(long, conflicts_with = "resume")]
        journal: Option<PathBuf>,
        /// Continue the exercise recorded in this journal.
        #[arg(long)]
        resume: Option<PathBuf>,
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
        }) => play::play(&play::PlayArgs {
            file,
            seed,
            team,
            journal,
            resume,
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
    }
}
