//! `undertow branch`: replay a journal to a turn, then play on differently.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

use super::load::Script;
use super::{CliError, Outcome};
use crate::bots::Policy;
use crate::engine::orders::TurnInput;
use crate::engine::setup::TeamIx;
use crate::journal::{self, Parent, Record};
use crate::session::{Session, SessionError};

/// Arguments of `undertow branch`.
#[derive(Debug, clap::Args)]
pub struct BranchArgs {
    #[arg(value_name = "JOURNAL")]
    pub parent: PathBuf,
    /// The first turn played differently.
    #[arg(long, value_name = "T")]
    pub at: u32,
    /// A RON script of orders (as for `run`): the teams it names follow it from turn T.
    #[arg(long)]
    pub orders: Option<PathBuf>,
    /// Policy for the other teams from turn T; without it they repeat their recorded orders.
    #[arg(long, value_enum)]
    pub bots: Option<Policy>,
    /// Where to write the branch (default: PARENT.branch-T.journal beside the parent).
    #[arg(long = "journal", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Play the branch at this terminal from turn T, every team at the keyboard.
    #[arg(long, conflicts_with_all = ["orders", "bots"])]
    pub play: bool,
    /// With --play: retake this one team (by id); bots play the others.
    #[arg(long, requires = "play", value_name = "T")]
    pub team: Option<String>,
    /// Replace an existing file at --journal instead of refusing.
    #[arg(long)]
    pub force: bool,
}

/// The hash a branch records of its parent's header: blake3 of the header
/// record's JSON, as it stands on the parent's first line after the checksum.
pub fn header_hash(header: &journal::Header) -> Result<String, journal::HeaderError> {
    let json = serde_json::to_string(&Record::Header(header.clone()))
        .map_err(|e| journal::HeaderError::Parent(e.to_string()))?;
    Ok(journal::hash_text(&json))
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

/// `undertow branch`: the branch journal written, or why not. With
/// `--play`, the recorded turns before T are replayed into the branch
/// journal and every team then sits at this keyboard from turn T.
pub fn branch(args: &BranchArgs) -> Result<Outcome, CliError> {
    let name = args.parent.display().to_string();
    let parent = journal::read(&args.parent)?;
    if let Some(w) = parent.warning("branching from") {
        tracing::warn!("{w}");
    }
    // The parent must replay before anything is built on it.
    let recorded: Vec<TurnInput> = parent
        .replay()
        .and_then(|replay| replay.map(|step| step.map(|s| s.input)).collect())
        .map_err(|e| CliError::replay(&args.parent, e))?;
    let last = recorded.len() as u32;
    if args.at < 1 || args.at > last {
        return Err(super::usage_error(
            "branch",
            ErrorKind::InvalidValue,
            &format!("`--at` must be a turn the journal played, 1 to {last}"),
        ));
    }
    let script = args.orders.as_deref().map(Script::read).transpose()?;
    let (scenario, catalog) =
        journal::embedded(&parent.header).map_err(|e| CliError::replay(&args.parent, e))?;
    if let Some(s) = &script
        && let Some(o) = s
            .orders
            .iter()
            .find(|o| !scenario.teams.iter().any(|t| t.id == o.team))
    {
        return Err(super::usage_error(
            "branch",
            ErrorKind::InvalidValue,
            &format!(
                "the orders name team `{}`, which this exercise does not have",
                o.team
            ),
        ));
    }
    if let Some(id) = &args.team
        && !scenario.teams.iter().any(|t| &t.id == id)
    {
        let ids: Vec<&str> = scenario.teams.iter().map(|t| t.id.as_str()).collect();
        return Err(CliError::NoSuchTeam {
            id: id.clone(),
            teams: ids.join(", "),
        });
    }
    let mut header = parent.header.clone();
    // Who sits at the keyboard is the branch's own: one team retaken, or all.
    header.seats = args.team.clone().map(|t| vec![t]);
    header.parent = Some(Parent {
        journal: journal::file_name(&name),
        header_hash: header_hash(&parent.header).map_err(crate::session::SessionError::from)?,
        at_turn: args.at,
    });
    let out = match &args.out {
        Some(out) if *out == args.parent => {
            return Err(super::usage_error(
                "branch",
                ErrorKind::ArgumentConflict,
                "`--journal` must not be the parent journal",
            ));
        }
        Some(out) => journal::Target::at(out, args.force),
        None => default_out(&args.parent, args.at),
    };
    let mut session = Session::start_with_header(header, scenario, catalog, Some(&out))?;
    let notes = parent.notes();
    let write_notes = |session: &mut Session, turn: u32| -> Result<(), SessionError> {
        for (_, text, objective) in notes.iter().filter(|(t, _, _)| *t == turn) {
            session.note(text, objective.clone())?;
        }
        Ok(())
    };
    write_notes(&mut session, 0)?;
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
                    (_, Some(policy)) => session.bot_orders(TeamIx(t), policy),
                    _ => own,
                }
            };
            session.set_orders(TeamIx(t), orders);
        }
        // The White Cell's records of the turn are kept on either side of the branch point.
        for l in &input.liaison {
            session.send_liaison(l.clone());
        }
        for l in &input.live {
            session.fire_live(l.clone());
        }
        let outcome = session.commit()?;
        write_notes(&mut session, turn)?;
        if !args.play {
            // A closed pipe must not stop the branch journal being written.
            let _ = writeln!(lines, "{}", super::run::summary_line(&session, &outcome));
        }
    }
    let _ = lines.flush();
    drop(lines);
    if args.play {
        let teams: Vec<String> = args.team.iter().cloned().collect();
        let seats = super::play::seats(&session, &teams)?;
        return super::play::play_session(session, seats, None);
    }
    if let Some(out) = session.journal_path() {
        tracing::info!("branch written to {}", out.display());
    }
    Ok(Outcome::Done)
}
