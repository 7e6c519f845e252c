//! `undertow replay`: verify a journal by re-simulating it.

use std::io::Write;
use std::path::Path;

use crate::journal;

/// `undertow replay JOURNAL [--verify] [--json] [--turn N]`.
pub fn replay(path: &Path, verify: bool, json: bool, turn: Option<u32>) -> i32 {
    let j = match journal::read(path) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    if !verify {
        let _ = turn;
        eprintln!("the replay viewer is not built yet; use --verify");
        return 2;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = journal::verify(&j, |o| {
        if json {
            let _ = writeln!(out, "{}", serde_json::to_string(o).unwrap_or_default());
            let _ = out.flush();
        }
    });
    let _ = out.flush();
    match (result, &j.damage) {
        (Ok(n), None) => {
            eprintln!("{}: verified {n} turns", path.display());
            0
        }
        (Ok(n), Some(d)) => {
            eprintln!("{}: verified {n} turns, then {d}", path.display());
            1
        }
        (Err(e), _) => {
            eprintln!("{}: {e}", path.display());
            1
        }
    }
}
