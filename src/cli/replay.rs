//! `undertow replay`: the replay viewer, or verifying a journal by
//! re-simulating it.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, Outcome};
use crate::journal;
use crate::tui::Theme;
use crate::tui::replay::{Timeline, Viewer};

/// Arguments of `undertow replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    pub journal: PathBuf,
    #[arg(long)]
    pub verify: bool,
    #[arg(long)]
    pub json: bool,
    /// Open the viewer at this turn.
    #[arg(long)]
    pub turn: Option<u32>,
    /// Compare with another run of the same scenario, turn by turn (the viewer's `d`).
    #[arg(long, value_name = "JOURNAL", conflicts_with = "verify")]
    pub against: Option<PathBuf>,
}

/// `undertow replay JOURNAL [--verify] [--json] [--turn N] [--against OTHER]`.
pub fn replay(args: &ReplayArgs) -> Result<Outcome, CliError> {
    if let Some(b) = &args.against {
        return view_against(&args.journal, b, args.turn);
    }
    let path = &args.journal;
    let j = journal::read(path)?;
    if !args.verify {
        if args.json {
            return Err(CliError::JsonWithoutVerify);
        }
        return view(path, &j, args.turn);
    }
    // Turns the White Cell undid are verified too, but a script reading the
    // JSON lines wants the run as it stands: a turn played again replaces
    // the undone one, and a turn undone for good is left out.
    let mut in_effect: std::collections::BTreeMap<u32, String> = std::collections::BTreeMap::new();
    let mut unencoded = None;
    let result = journal::verify(&j, |o| {
        if args.json {
            match serde_json::to_string(o) {
                Ok(line) => {
                    in_effect.insert(o.turn, line);
                }
                Err(e) => {
                    unencoded.get_or_insert(e);
                }
            }
        }
    });
    if let Some(e) = unencoded {
        return Err(CliError::Encode(e));
    }
    if args.json {
        let last = match result {
            Ok(_) => j.last_turn(),
            Err(_) => u32::MAX,
        };
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for line in in_effect.range(..=last).map(|(_, l)| l) {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
    }
    // The verdict is the answer, said on stderr either way. The count is of
    // the turns in effect; turns the White Cell undid are checked too, and
    // said apart.
    let counted = |n: u32| {
        let turns = j.last_turn();
        match n.saturating_sub(turns) {
            0 => format!("verified {turns} turns"),
            1 => format!("verified {turns} turns (and 1 undone turn)"),
            u => format!("verified {turns} turns (and {u} undone turns)"),
        }
    };
    match (result, &j.damage) {
        (Ok(n), None) => {
            eprintln!("{}: {}", path.display(), counted(n));
            Ok(Outcome::Done)
        }
        (Ok(n), Some(d)) => {
            eprintln!("{}: {}, then {d}", path.display(), counted(n));
            Ok(Outcome::No)
        }
        (Err(e), _) => {
            eprintln!("{}: {e}", path.display());
            Ok(Outcome::No)
        }
    }
}

/// A journal read and re-simulated for the viewer.
fn load(path: &Path) -> Result<Timeline, CliError> {
    let j = journal::read(path)?;
    load_read(path, &j)
}

fn load_read(path: &Path, j: &journal::Journal) -> Result<Timeline, CliError> {
    // Also said in the viewer; here it stays on the terminal after it closes.
    if let Some(w) = j.warning("showing") {
        tracing::warn!("{w}");
    }
    Ok(Timeline::load(&path.display().to_string(), j)?)
}

/// The viewer needs a terminal to draw on; say so rather than fail in it.
fn terminal_or_refuse() -> Result<(), CliError> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(CliError::NoTerminal)
    }
}

fn show(viewer: &mut Viewer) -> Result<Outcome, CliError> {
    crate::tui::replay::run(viewer)?;
    Ok(Outcome::Done)
}

/// The viewer over a journal, from `turn` (clamped to the run).
fn view(path: &Path, j: &journal::Journal, turn: Option<u32>) -> Result<Outcome, CliError> {
    let timeline = load_read(path, j)?;
    terminal_or_refuse()?;
    show(&mut Viewer::new(timeline, turn, Theme::from_env()))
}

/// `undertow replay A --against B`: the viewer over A, compared with B turn by turn.
fn view_against(a: &Path, b: &Path, turn: Option<u32>) -> Result<Outcome, CliError> {
    let (ta, tb) = (load(a)?, load(b)?);
    let mut viewer = Viewer::new(ta, turn, Theme::from_env())
        .against(tb)
        .map_err(CliError::Incomparable)?;
    terminal_or_refuse()?;
    show(&mut viewer)
}
