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

/// A journal read and re-simulated for the viewer, or the message and exit
/// status (2) saying why it cannot be.
fn load(path: &Path) -> Result<Timeline, i32> {
    let j = journal::read(path).map_err(|e| {
        eprintln!("{e}");
        2
    })?;
    load_read(path, &j)
}

fn load_read(path: &Path, j: &journal::Journal) -> Result<Timeline, i32> {
    // Also said in the viewer; here it stays on the terminal after it closes.
    if let Some(w) = j.warning("showing") {
        eprintln!("{w}");
    }
    Timeline::load(&path.display().to_string(), j).map_err(|e| {
        eprintln!("{e}");
        2
    })
}

/// The viewer needs a terminal to draw on; say so rather than fail in it.
fn terminal_or_exit() -> Result<(), i32> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        eprintln!(
            "undertow replay: the viewer needs a terminal; to check the journal without one, use --verify"
        );
        Err(2)
    }
}

fn show(viewer: &mut Viewer) -> i32 {
    match crate::tui::replay::run(viewer) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// The viewer over a journal, from `turn` (clamped to the run).
fn view(path: &Path, j: &journal::Journal, turn: Option<u32>) -> i32 {
    let timeline = match load_read(path, j) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if let Err(code) = terminal_or_exit() {
        return code;
    }
    show(&mut Viewer::new(timeline, turn, Theme::from_env()))
}

/// `undertow replay A --against B`: the viewer over A, compared with B turn by turn.
pub fn view_against(a: &Path, b: &Path, turn: Option<u32>) -> i32 {
    let (ta, tb) = match (load(a), load(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let mut viewer = match Viewer::new(ta, turn, Theme::from_env()).against(tb) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("undertow replay: {e}");
            return 2;
        }
    };
    if let Err(code) = terminal_or_exit() {
        return code;
    }
    show(&mut viewer)
}
