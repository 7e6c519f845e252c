//! `undertow play`: the exercise at one terminal, every team in turn
//! (hot-seat) or one team with bots in the other seats; and plain `undertow`,
//! the tutorial played as its first team.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;

use super::load;
use super::{CliError, Outcome};
use crate::bots::Policy;
use crate::engine::setup::TeamIx;
use crate::journal;
use crate::session::{Session, SessionError};
use crate::tui::text::shell_word;
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
    /// Where to write the journal (default: undertow-SCENARIO-SEED.journal
    /// here, or the next free -2, -3…). With --resume: continue the run in
    /// this new journal, leaving the old one as it is.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Continue the exercise recorded in this journal.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    /// Replace an existing file at --journal instead of refusing.
    #[arg(long)]
    pub force: bool,
    /// Guard exercise control (F: the whole truth) with this PIN, so that no
    /// team at the keyboard opens it. Without it, F asks for a confirmation only.
    #[arg(long, value_name = "PIN")]
    pub console_pin: Option<String>,
}

/// Where a journal goes by default: `undertow-SCENARIO-SEED.journal` in the
/// current directory, or the first free `-2`, `-3`… after it, so that no
/// earlier run is overwritten.
pub(super) fn default_journal(scenario_id: &str, seed: u64) -> journal::Target {
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
    journal::Target::FreeName {
        stem: PathBuf::from(format!("undertow-{id}-{seed}")),
    }
}

/// Say which journal a default name became when the first choice was taken.
pub(super) fn name_default_journal(session: &Session, target: &journal::Target) {
    if let (journal::Target::FreeName { stem }, Some(path)) = (target, session.journal_path()) {
        let first = format!("{}.journal", stem.display());
        if path != Path::new(&first) {
            tracing::info!("journal: {} ({first} is taken)", path.display());
        }
    }
}

/// Continue a journal: where it is, or, given `into`, in a new journal that
/// leaves it as it is. Any warning is printed.
pub(super) fn resume_session(
    from: &Path,
    into: Option<&Path>,
    force: bool,
) -> Result<Session, CliError> {
    let resumed = match into {
        Some(new) => Session::resume_into(from, &journal::Target::at(new, force)),
        None => Session::resume(from),
    };
    let (session, warning) = resumed.map_err(|e| resumed_error(from, e))?;
    if let Some(w) = warning {
        tracing::warn!("warning: {w}");
    }
    Ok(session)
}

/// Which teams sit at the keyboard: the named teams (bots in the other
/// seats), or every team.
pub(super) fn seats(session: &Session, teams: &[String]) -> Result<Seats, CliError> {
    let setup = session.setup();
    let mut humans = Vec::new();
    for id in teams {
        match setup.team(id) {
            Some(t) => humans.push(t),
            None => {
                let ids: Vec<&str> = setup.teams.iter().map(|t| t.id.as_str()).collect();
                return Err(CliError::NoSuchTeam {
                    id: id.to_string(),
                    teams: ids.join(", "),
                });
            }
        }
    }
    if humans.is_empty() {
        humans = TeamIx::all(setup.teams.len()).collect();
    }
    Ok(Seats {
        humans,
        bots: Policy::Baseline,
    })
}

/// The teams to seat: those asked for, else those the journal recorded
/// (`play --team` keeps its seat across a resume), else every team.
pub(super) fn seated_teams(session: &Session, team: Option<&str>) -> Vec<String> {
    match team {
        Some(id) => vec![id.to_string()],
        None => session.header().seats.clone().unwrap_or_default(),
    }
}

/// Play a session at this terminal until the user quits; `pin` guards
/// exercise control.
pub(super) fn play_session(
    session: Session,
    seats: Seats,
    pin: Option<String>,
) -> Result<Outcome, CliError> {
    let journal = session.journal_path().map(Path::to_path_buf);
    // The journal's header seats the same teams again; a journal without
    // seats resumes hot-seat unless told the team.
    let recorded = session.header().seats.clone().unwrap_or_default();
    let team = match seats.humans.as_slice() {
        [t] if recorded != [session.setup().teams[*t].id.clone()] => {
            format!(" --team {}", shell_word(&session.setup().teams[*t].id))
        }
        _ => String::new(),
    };
    let mut app = App::new(session, seats, Theme::from_env()).with_console_pin(pin);
    // Nothing may write to the terminal the screen owns: the log goes
    // beside the journal meanwhile.
    let log = journal.as_deref().map(crate::logging::beside);
    let screen_log = crate::logging::ScreenLog::to_file_or_held(log.as_deref());
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some(p) = &journal {
        tracing::info!(
            "Journal: {} (continue with: undertow play --resume {}{team})",
            p.display(),
            shell_word(&p.display().to_string())
        );
    }
    result?;
    Ok(Outcome::Done)
}

/// `undertow play`.
pub fn play(args: &PlayArgs) -> Result<Outcome, CliError> {
    let session = if let Some(resume) = &args.resume {
        resume_session(resume, args.journal.as_deref(), args.force)?
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
        let target = match &args.journal {
            Some(j) => journal::Target::at(j, args.force),
            None => default_journal(&loaded.scenario.id, seed),
        };
        let mut header = keyed_header(&loaded, seed)?;
        // Checked before the journal is made, so a wrong id leaves nothing behind.
        if let Some(id) = &args.team
            && !loaded.scenario.teams.iter().any(|t| &t.id == id)
        {
            let ids: Vec<&str> = loaded
                .scenario
                .teams
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            return Err(CliError::NoSuchTeam {
                id: id.clone(),
                teams: ids.join(", "),
            });
        }
        header.seats = args.team.clone().map(|t| vec![t]);
        let session =
            Session::start_with_header(header, loaded.scenario, loaded.catalog, Some(&target))?;
        name_default_journal(&session, &target);
        session
    };
    let seats = seats(&session, &seated_teams(&session, args.team.as_deref()))?;
    play_session(session, seats, args.console_pin.clone())
}

/// Why a journal cannot be resumed, named by its path where the error
/// does not name it already.
pub(super) fn resumed_error(path: &Path, e: SessionError) -> CliError {
    match e {
        SessionError::Replay(source) => CliError::replay(path, source),
        other => CliError::from(other),
    }
}

/// The header of a new exercise with people at the table: the handles of
/// the persons a team has not identified get a secret key, kept in the journal.
fn keyed_header(loaded: &load::Loaded, seed: u64) -> Result<journal::Header, CliError> {
    journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None)
        .map_err(SessionError::from)?
        .with_secret_handles()
        .map_err(|e| {
            CliError::Refused(format!(
                "no randomness from the operating system for the handles' secret key: {e}"
            ))
        })
}

/// Plain `undertow` at a terminal: the embedded tutorial, played as its first
/// team with baseline bots in the other seats.
pub fn tutorial() -> Result<Outcome, CliError> {
    let loaded = load::scenario_text("tutorial.ron", super::run::TUTORIAL.to_string())?;
    let seed = loaded.scenario.seed;
    let target = default_journal(&loaded.scenario.id, seed);
    let first = loaded.scenario.teams.first().map(|t| t.id.clone());
    let mut header = keyed_header(&loaded, seed)?;
    // Resumed, it is the same game: the first team, bots in the others.
    header.seats = first.map(|t| vec![t]);
    let start = |journal: Option<&journal::Target>| {
        Session::start_with_header(
            header.clone(),
            loaded.scenario.clone(),
            loaded.catalog.clone(),
            journal,
        )
    };
    // A directory we cannot write to should not stop a newcomer from playing.
    let session = match start(Some(&target)) {
        Ok(s) => {
            name_default_journal(&s, &target);
            s
        }
        Err(e) => {
            tracing::warn!("{e}: playing without a journal");
            start(None)?
        }
    };
    play_session(
        session,
        Seats {
            humans: vec![TeamIx(0)],
            bots: Policy::Baseline,
        },
        None,
    )
}
