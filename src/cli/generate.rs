//! `undertow generate`: a large valid scenario on stdout, for benchmarks.

use std::io::Write;

use crate::scenario::generate::{GenerateOptions, generate as build, to_ron};

/// `undertow generate --actors N [--teams K] [--seed S]`.
pub fn generate(actors: usize, teams: usize, seed: u64) -> i32 {
    let scenario = build(&GenerateOptions {
        actors,
        teams,
        seed,
    });
    let text = match to_ron(&scenario) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("undertow generate: cannot write the scenario as RON: {e}");
            return 1;
        }
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return 0;
        }
        eprintln!("undertow generate: cannot write to stdout: {e}");
        return 1;
    }
    0
}
