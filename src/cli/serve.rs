//! `undertow serve`: the server of a networked exercise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::error::ErrorKind;

use super::load;
use super::play::{default_journal, resumed};
use super::{CliError, Outcome};
use crate::net::ServeError;
use crate::net::server::{self, Codes, Limits, Options};
use crate::session::Session;
use crate::tui::{self, App, Theme};

/// Arguments of `undertow serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The scenario (not needed with --resume: the journal holds it).
    #[arg(required_unless_present = "resume")]
    pub file: Option<PathBuf>,
    #[arg(long, conflicts_with = "resume")]
    pub seed: Option<u64>,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Where to write the journal (default: undertow-SCENARIO-SEED.journal here).
    #[arg(long, conflicts_with = "resume")]
    pub journal: Option<PathBuf>,
    /// Write `{"address", "teams": {id: code}}` here once listening.
    #[arg(long, value_name = "FILE")]
    pub codes_out: Option<PathBuf>,
    /// No facilitator console: commit when every team is ready.
    #[arg(long)]
    pub headless: bool,
    /// Exit 0 once this turn is committed.
    #[arg(long)]
    pub turns: Option<u32>,
    /// Continue the exercise recorded in this journal, with its saved codes.
    #[arg(long, value_name = "JOURNAL")]
    pub resume: Option<PathBuf>,
    /// With the console: play the turn when it has been open this many
    /// minutes (the pause stops the clock). Without it, only the
    /// facilitator plays turns.
    #[arg(long, value_name = "MINUTES", conflicts_with = "headless")]
    pub turn_minutes: Option<u32>,
}

/// `undertow serve`: the exercise served to its last turn (headless) or
/// until the facilitator quits the console.
pub fn serve(args: &ServeArgs) -> Result<Outcome, CliError> {
    let (session, codes) = match &args.resume {
        Some(path) => resume(path)?,
        None => start(args)?,
    };
    let last_turn = args.turns.unwrap_or(session.turns()).min(session.turns());
    let journal = session.journal_path().map(Path::to_path_buf);
    let opts = Options {
        bind: args.bind.clone(),
        codes_out: args.codes_out.clone(),
        last_turn,
        limits: Limits::default(),
    };
    if args.headless {
        server::serve(session, codes, &opts)?;
        return Ok(Outcome::Done);
    }
    if session.turn() >= last_turn {
        tracing::info!("turn {} already committed: nothing to play", session.turn());
        return Ok(Outcome::Done);
    }
    let server = server::Server::bind(session, &codes, &opts)?;
    server.announce();
    let running = server.start()?;
    let result = console(&running, journal.as_deref(), args.turn_minutes);
    running.close();
    result
}

/// The facilitator console over the server's session, until the facilitator
/// quits. The server's log goes to a file beside the journal meanwhile: the
/// console owns the screen.
fn console(
    server: &server::Running,
    journal: Option<&Path>,
    turn_minutes: Option<u32>,
) -> Result<Outcome, CliError> {
    let log = journal.map(|j| {
        let mut name = j.as_os_str().to_owned();
        name.push(".log");
        PathBuf::from(name)
    });
    let screen_log = match crate::logging::ScreenLog::start(log.as_deref()) {
        Ok(l) => Some(l),
        Err(e) => {
            let p = log
                .as_deref()
                .map_or_else(String::new, |p| p.display().to_string());
            tracing::warn!("cannot log to {p}: {e}; the server stays quiet");
            crate::logging::ScreenLog::start(None).ok()
        }
    };
    let limit = turn_minutes.map(|m| Duration::from_secs(u64::from(m) * 60));
    let mut app = App::console(Box::new(server.console()), limit, Theme::from_env());
    app.note_in_log(&format!(
        "Serving on {}; teams join with the codes printed at the start (also beside the journal).",
        server.address()
    ));
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some(p) = &log {
        tracing::info!("Server log: {}", p.display());
    }
    if let Some(j) = journal {
        tracing::info!(
            "Journal: {} (continue with: undertow serve --resume {})",
            j.display(),
            j.display()
        );
    }
    result?;
    Ok(Outcome::Done)
}

/// A new exercise: a journal, and fresh codes saved beside it.
fn start(args: &ServeArgs) -> Result<(Session, BTreeMap<String, String>), CliError> {
    let Some(file) = &args.file else {
        return Err(super::usage_error(
            "serve",
            ErrorKind::MissingRequiredArgument,
            "give a scenario FILE, or --resume JOURNAL",
        ));
    };
    let loaded = load::scenario_file(file)?;
    let seed = args.seed.unwrap_or(loaded.scenario.seed);
    let journal = match &args.journal {
        Some(j) => j.clone(),
        None => {
            let j = default_journal(&loaded.scenario.id, seed);
            tracing::info!("journal: {}", j.display());
            j
        }
    };
    let session = Session::start(
        &loaded.name,
        &loaded.text,
        loaded.scenario,
        loaded.catalog,
        seed,
        Some(&journal),
    )?;
    let mut codes = BTreeMap::new();
    for t in &session.setup().teams {
        let code = server::new_code().map_err(ServeError::NoRandomness)?;
        codes.insert(t.id.clone(), code);
    }
    // Kept beside the journal (owner-only), never inside it: journals get handed round.
    let saved = Codes {
        address: args.bind.clone(),
        teams: codes.clone(),
    };
    let path = server::codes_path(&journal);
    server::write_codes(&path, &saved)?;
    tracing::info!("codes saved in {}", path.display());
    Ok((session, codes))
}

/// Continue from a journal with the codes saved beside it.
fn resume(path: &Path) -> Result<(Session, BTreeMap<String, String>), CliError> {
    let saved = server::read_codes(&server::codes_path(path))?;
    let (session, warning) = Session::resume(path).map_err(|e| resumed(path, e))?;
    if let Some(w) = warning {
        tracing::warn!("warning: {w}");
    }
    for t in &session.setup().teams {
        if !saved.teams.contains_key(&t.id) {
            return Err(ServeError::NoSavedCode(t.id.clone()).into());
        }
    }
    tracing::info!("resuming at turn {}", session.turn());
    Ok((session, saved.teams))
}
