//! `undertow generate`: a large valid scenario on stdout, for benchmarks.

use std::io::Write;

use super::{CliError, Outcome};
use crate::scenario::generate::{GenerateOptions, MIN_ACTORS, generate as build, to_ron};
use crate::scenario::limits::{MAX_ACTORS, MAX_TEAMS};

// The bounds are the scenario limits (`docs/SCENARIO.md`), so whatever
// `generate` makes, `check` accepts; the help states them in words, and
// `tests/generate.rs` holds those words to the constants.
/// Arguments of `undertow generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Network members, from 10 to 20000 (the most a scenario may hold); about four ties each.
    #[arg(long, value_parser = clap::value_parser!(u64).range(MIN_ACTORS as u64..=MAX_ACTORS as u64))]
    pub actors: u64,
    /// Teams, from 1 to 200 (the most a scenario may hold), dealt round the three countries.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u64).range(1..=MAX_TEAMS as u64))]
    pub teams: u64,
    /// Seed of the generator, also the scenario's default seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `undertow generate --actors N [--teams K] [--seed S]`.
pub fn generate(args: &GenerateArgs) -> Result<Outcome, CliError> {
    let scenario = build(&GenerateOptions {
        actors: usize::try_from(args.actors).unwrap_or(usize::MAX),
        teams: usize::try_from(args.teams).unwrap_or(usize::MAX),
        seed: args.seed,
    });
    let text = to_ron(&scenario)?;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(Outcome::Done);
        }
        return Err(CliError::Write {
            path: "undertow generate: stdout".into(),
            source: e,
        });
    }
    Ok(Outcome::Done)
}
