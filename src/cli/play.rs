//! `undertow play`: the exercise at one terminal, every team in turn
//! (hot-seat) or one team with bots in the other seats; and plain `undertow`,
//! the tutorial played as its first team.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

use super::load;
use super::{CliError, Outcome};
use crate::bots::Policy;
use crate::session::{Session, SessionError};
use crate::tui::{self, App, Seats, Theme};

/// Arguments of `undertow play`.
#[derive(Debug, clap::Args)]
pub struct PlayArgs {
    /// The scenario (not needed with --resume: the journal holds it).
    #[arg(required_unless_present = "resume")]
    pub file: Option<PathBuf>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Play this team (by id); bots play the others.
    #[arg(long)]
    pub team: Option<String>,
    /// Where to write the journal (default: undertow-SCENARIO-SEED.journal here).
    #[arg(long, conflicts_with = "resume")]
    pub journal: Option<PathBuf>,
    /// Continue the exercise recorded in this journal.
    #[arg(long)]
    pub resume: Option<PathBuf>,
}

/// A journal name in the current directory that does not overwrite another run.
pub(super) fn default_journal(scenario_id: &str, seed: u64) -> PathBuf {
    // Keep the id to safe file-name characters whatever the scenario says.
    let id: String = scenario_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let first = PathBuf::from(format!("undertow-{id}-{seed}.journal"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| PathBuf::from(format!("undertow-{id}-{seed}-{n}.journal")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Which teams sit at the keyboard: one named team, or every team.
pub(super) fn seats(session: &Session, team: Option<&str>) -> Result<Seats, CliError> {
    let setup = session.setup();
    let humans = match team {
        Some(id) => match setup.team(id) {
            Some(t) => vec![t],
            None => {
                let ids: Vec<&str> = setup.teams.iter().map(|t| t.id.as_str()).collect();
                return Err(CliError::NoSuchTeam {
                    id: id.to_string(),
                    teams: ids.join(", "),
                });
            }
        },
        None => (0..setup.teams.len()).collect(),
    };
    Ok(Seats {
        humans,
        bots: Policy::Baseline,
    })
}

/// Play a session at this terminal until the user quits.
pub(super) fn play_session(session: Session, seats: Seats) -> Result<Outcome, CliError> {
    let journal = session.journal_path().map(Path::to_path_buf);
    // One seat resumes as the same team; hot-seat resumes with every team.
    let team = match seats.humans.as_slice() {
        [t] => format!(" --team {}", session.setup().teams[*t].id),
        _ => String::new(),
    };
    let mut app = App::new(session, seats, Theme::from_env());
    // Nothing may write to the terminal the screen owns.
    let screen_log = crate::logging::ScreenLog::start(None);
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some(p) = &journal {
        tracing::info!(
            "Journal: {} (continue with: undertow play --resume {}{team})",
            p.display(),
            p.display()
        );
    }
    result?;
    Ok(Outcome::Done)
}

/// `undertow play`.
pub fn play(args: &PlayArgs) -> Result<Outcome, CliError> {
    let session = if let Some(resume) = &args.resume {
        let (s, warning) = Session::resume(resume).map_err(|e| resumed(resume, e))?;
        if let Some(w) = warning {
            tracing::warn!("{w}");
        }
        s
    } else {
        let Some(file) = &args.file else {
            return Err(super::usage_error(
                "play",
                ErrorKind::MissingRequiredArgument,
                "give a scenario FILE, or --resume JOURNAL",
            ));
        };
        let loaded = load::scenario_file(file)?;
        let seed = args.seed.unwrap_or(loaded.scenario.seed);
        let path = args
            .journal
            .clone()
            .unwrap_or_else(|| default_journal(&loaded.scenario.id, seed));
        Session::start(
            &loaded.name,
            &loaded.text,
            loaded.scenario,
            loaded.catalog,
            seed,
            Some(&path),
        )?
    };
    let seats = seats(&session, args.team.as_deref())?;
    play_session(session, seats)
}

/// Why a journal cannot be resumed, named by its path where the error
/// does not name it already.
pub(super) fn resumed(path: &Path, e: SessionError) -> CliError {
    match e {
        SessionError::Replay(source) => CliError::replay(path, source),
        other => CliError::from(other),
    }
}

/// Plain `undertow` at a terminal: the embedded tutorial, played as its first
/// team with baseline bots in the other seats.
pub fn tutorial() -> Result<Outcome, CliError> {
    let loaded = load::scenario_text("tutorial.ron", super::run::TUTORIAL.to_string())?;
    let seed = loaded.scenario.seed;
    let path = default_journal(&loaded.scenario.id, seed);
    let start = |journal: Option<&Path>| {
        Session::start(
            &loaded.name,
            &loaded.text,
            loaded.scenario.clone(),
            loaded.catalog.clone(),
            seed,
            journal,
        )
    };
    // A directory we cannot write to should not stop a newcomer from playing.
    let session = match start(Some(&path)) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!("{e}: playing without a journal");
            start(None)?
        }
    };
    play_session(
        session,
        Seats {
            humans: vec![0],
            bots: Policy::Baseline,
        },
    )
}
