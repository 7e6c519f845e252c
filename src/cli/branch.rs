//! `undertow branch`: replay a journal to a turn, then play on differently.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

use super::load::Script;
use crate::bots::Policy;
use crate::engine::orders::TurnInput;
use crate::journal::{self, Parent, Record};
use crate::session::Session;

/// Arguments of `undertow branch`.
pub struct BranchArgs {
    pub journal: PathBuf,
    pub at: u32,
    pub orders: Option<PathBuf>,
    pub bots: Option<Policy>,
    pub out: Option<PathBuf>,
    pub play: bool,
    /// Replace an existing file at `out`.
    pub force: bool,
}

/// The hash a branch records of its parent's header: blake3 of the header
/// record's JSON, as it stands on the parent's first line after the checksum.
pub fn header_hash(header: &journal::Header) -> String {
    let json = serde_json::to_string(&Record::Header(header.clone())).unwrap_or_default();
    journal::hash_text(&json)
}

/// The default name of a branch journal: `NAME.branch-T.journal` beside the
/// parent, or the first free `NAME.branch-T-2.journal`, `-3`….
fn default_out(parent: &Path, at: u32) -> journal::Target {
    let stem = parent
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "run".to_string());
    journal::Target::FreeName {
        stem: parent.with_file_name(format!("{stem}.branch-{at}")),
    }
}

/// `undertow branch`: 0 written, 1 unreadable parent or unwritable journal, 2 usage.
/// With `--play`, the recorded turns before T are replayed into the branch
/// journal and every team then sits at this keyboard from turn T.
pub fn branch(args: &BranchArgs) -> i32 {
    let name = args.journal.display().to_string();
    let parent = match journal::read(&args.journal) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    if let Some(w) = parent.warning("branching from") {
        eprintln!("{w}");
    }
    // The parent must replay before anything is built on it.
    let recorded: Result<Vec<TurnInput>, _> = parent
        .replay()
        .and_then(|replay| replay.map(|step| step.map(|s| s.input)).collect());
    let recorded = match recorded {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{name}: {e}");
            return 1;
        }
    };
    let last = recorded.len() as u32;
    if args.at < 1 || args.at > last {
        return super::usage_error(
            "branch",
            ErrorKind::InvalidValue,
            &format!("`--at` must be a turn the journal played, 1 to {last}"),
        );
    }
    let script = match &args.orders {
        Some(p) => match Script::read(p) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        },
        None => None,
    };
    let (scenario, catalog) = match journal::embedded(&parent.header) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{name}: {e}");
            return 1;
        }
    };
    if let Some(s) = &script
        && let Some(o) = s
            .orders
            .iter()
            .find(|o| !scenario.teams.iter().any(|t| t.id == o.team))
    {
        return super::usage_error(
            "branch",
            ErrorKind::InvalidValue,
            &format!(
                "the orders name team `{}`, which this exercise does not have",
                o.team
            ),
        );
    }
    let mut header = parent.header.clone();
    header.parent = Some(Parent {
        journal: journal::file_name(&name),
        header_hash: header_hash(&parent.header),
        at_turn: args.at,
    });
    let out = match &args.out {
        Some(out) if *out == args.journal => {
            return super::usage_error(
                "branch",
                ErrorKind::ArgumentConflict,
                "`--journal` must not be the parent journal",
            );
        }
        Some(out) => journal::Target::at(out, args.force),
        None => default_out(&args.journal, args.at),
    };
    let mut session = match Session::start_with_header(header, scenario, catalog, Some(&out)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let notes = parent.notes();
    let write_notes = |session: &mut Session, turn: u32| -> Result<(), String> {
        for (_, text, objective) in notes.iter().filter(|(t, _, _)| *t == turn) {
            session
                .note(text, objective.clone())
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    if let Err(e) = write_notes(&mut session, 0) {
        eprintln!("{e}");
        return 1;
    }
    let stdout = std::io::stdout();
    let mut lines = std::io::BufWriter::new(stdout.lock());
    for (i, input) in recorded.iter().enumerate() {
        let turn = i as u32 + 1;
        if args.play && turn >= args.at {
            break;
        }
        let teams: Vec<String> = session.setup().teams.iter().map(|t| t.id.clone()).collect();
        for (t, id) in teams.iter().enumerate() {
            let own: Vec<_> = input
                .orders
                .iter()
                .filter(|o| &o.team == id)
                .cloned()
                .collect();
            let orders = if turn < args.at {
                own
            } else {
                match (&script, args.bots) {
                    (Some(s), _) if s.drives(id) => s.for_turn(turn, id),
                    (_, Some(policy)) => session.bot_orders(t, policy),
                    _ => own,
                }
            };
            session.set_orders(t, orders);
        }
        // The White Cell's records of the turn are kept on either side of the branch point.
        for l in &input.liaison {
            session.send_liaison(l.clone());
        }
        for l in &input.live {
            session.fire_live(l.clone());
        }
        let outcome = match session.commit() {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        };
        if let Err(e) = write_notes(&mut session, turn) {
            eprintln!("{e}");
            return 1;
        }
        if !args.play {
            // A closed pipe must not stop the branch journal being written.
            let _ = writeln!(lines, "{}", super::run::summary_line(&session, &outcome));
        }
    }
    let _ = lines.flush();
    drop(lines);
    if args.play {
        let seats = match super::play::seats(&session, None) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        };
        return super::play::play_session(session, seats);
    }
    if let Some(out) = session.journal_path() {
        eprintln!("branch written to {}", out.display());
    }
    0
}
