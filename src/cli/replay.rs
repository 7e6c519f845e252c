//! `undertow replay`: the replay viewer, or verifying a journal by
//! re-simulating it.

use std::io::Write;
use std::path::Path;

use crate::journal;
use crate::tui::Theme;
use crate::tui::replay::{Timeline, Viewer};

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
        if json {
            eprintln!(
                "undertow replay: --json goes with --verify (the viewer draws on the terminal)"
            );
            return 2;
        }
        return view(path, &j, turn);
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

/// The viewer over a journal, from `turn` (clamped to the run).
fn view(path: &Path, j: &journal::Journal, turn: Option<u32>) -> i32 {
    let name = path.display().to_string();
    let timeline = match Timeline::load(&name, j) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    use std::io::IsTerminal;
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        eprintln!(
            "undertow replay: the viewer needs a terminal; to check the journal without one, use --verify"
        );
        return 2;
    }
    let mut viewer = Viewer::new(timeline, turn, Theme::from_env());
    match crate::tui::replay::run(&mut viewer) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
