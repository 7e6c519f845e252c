//! `undertow serve`: the server of a networked exercise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::error::ErrorKind;

use super::load;
use super::play::default_journal;
use super::{CliError, Outcome};
use crate::journal;
use crate::net::ServeError;
use crate::net::server::{self, Codes, Limits, Options};
use crate::session::Session;
use crate::tui::text::shell_word;
use crate::tui::{self, App, Theme};

/// Where a new exercise listens unless told otherwise.
const DEFAULT_BIND: &str = "127.0.0.1:7878";

/// Arguments of `undertow serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The scenario (not needed with --resume: the journal holds it).
    #[arg(required_unless_present = "resume")]
    pub file: Option<PathBuf>,
    #[arg(long, conflicts_with = "resume")]
    pub seed: Option<u64>,
    /// Address to listen on; port 0 picks a free port. Default 127.0.0.1:7878,
    /// or with --resume the address the exercise was served on.
    #[arg(long)]
    pub bind: Option<String>,
    /// Where to write the journal (default: undertow-SCENARIO-SEED.journal
    /// here, or the next free -2, -3…). With --resume: continue the
    /// exercise in this new journal, leaving the old one as it is.
    #[arg(long)]
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
    /// Replace an existing journal, codes file or --codes-out file instead of refusing.
    #[arg(long)]
    pub force: bool,
    /// Speak protocol version 3 in plain JSON lines, unencrypted, as
    /// docs/PROTOCOL.md documents it: only on a loopback address.
    #[arg(long)]
    pub plain: bool,
}

/// `undertow serve`: the exercise served to its last turn (headless) or
/// until the facilitator quits the console.
pub fn serve(args: &ServeArgs) -> Result<Outcome, CliError> {
    // Refused before anything is written where the address is known now;
    // a resumed exercise's saved address is checked as soon as it is read.
    if let (true, Some(bind)) = (args.plain, &args.bind) {
        plain_only_on_loopback(bind)?;
    }
    let (session, codes, bind) = match &args.resume {
        Some(path) => resume(path, args)?,
        None => start(args)?,
    };
    if args.plain {
        plain_only_on_loopback(&bind)?;
    }
    let last_turn = args.turns.unwrap_or(session.turns()).min(session.turns());
    let journal = session.journal_path().map(Path::to_path_buf);
    let opts = Options {
        bind,
        codes_out: args.codes_out.clone(),
        last_turn,
        limits: Limits::default(),
        plain: args.plain,
    };
    if session.turn() >= last_turn {
        tracing::info!("turn {} already committed: nothing to play", session.turn());
        return Ok(Outcome::Done);
    }
    let server = server::Server::bind(session, &codes, &opts)?;
    if let Some(j) = &journal {
        record_address(j, server.address(), &codes)?;
    }
    server.announce();
    if args.headless {
        server.run()?;
        return Ok(Outcome::Done);
    }
    let running = server.start()?;
    let result = console(&running, journal.as_deref(), args.turn_minutes);
    running.close();
    result
}

/// `--plain` is refused before a journal or codes file is made, unless the
/// address is loopback (the server checks again once bound).
fn plain_only_on_loopback(bind: &str) -> Result<(), CliError> {
    use std::net::ToSocketAddrs;
    let addrs: Vec<_> = bind
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default();
    if addrs.is_empty() || addrs.iter().any(|a| !a.ip().is_loopback()) {
        return Err(ServeError::PlainNotLoopback(bind.to_string()).into());
    }
    Ok(())
}

/// The facilitator console over the server's session, until the facilitator
/// quits. The server's log goes to a file beside the journal meanwhile: the
/// console owns the screen.
fn console(
    server: &server::Running,
    journal: Option<&Path>,
    turn_minutes: Option<u32>,
) -> Result<Outcome, CliError> {
    let log = journal.map(crate::logging::beside);
    let screen_log = crate::logging::ScreenLog::to_file_or_held(log.as_deref());
    let limit = turn_minutes.map(|m| Duration::from_secs(u64::from(m) * 60));
    let mut app = App::console(Box::new(server.console()), limit, Theme::from_env());
    app.note_in_log(&format!(
        "Serving on {}: the Join tab (Tab) shows each team's command; v shows the codes.",
        server.address()
    ));
    let result = tui::run(&mut app);
    drop(screen_log);
    if let Some(p) = &log {
        tracing::info!("Server log: {}", p.display());
    }
    if let Some(j) = journal {
        // Resuming binds the address saved beside the journal: the one the
        // teams' clients reconnect to.
        tracing::info!(
            "Journal: {} (continue with: undertow serve --resume {})",
            j.display(),
            shell_word(&j.display().to_string())
        );
    }
    result?;
    Ok(Outcome::Done)
}

/// Refuse to overwrite a `--codes-out` file, unless told to (`--force`) or
/// it holds these very codes (a facilitator repeating a resume command).
fn check_codes_out(
    args: &ServeArgs,
    codes: Option<&BTreeMap<String, String>>,
) -> Result<(), CliError> {
    let Some(path) = &args.codes_out else {
        return Ok(());
    };
    if args.force || std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let same = codes.is_some_and(|c| server::read_codes(path).is_ok_and(|saved| saved.teams == *c));
    if same {
        return Ok(());
    }
    Err(CliError::Refused(format!(
        "{}: a file is already there, and it does not hold this exercise's codes; it is not overwritten: choose another --codes-out, or add --force to replace it",
        path.display()
    )))
}

/// Refuse early when the codes file beside a journal would be refused later,
/// so that no journal is left behind without its codes.
fn check_codes_beside(journal: &Path, force: bool) -> Result<(), CliError> {
    let codes = journal::codes_path(journal);
    if force || std::fs::symlink_metadata(&codes).is_err() {
        return Ok(());
    }
    Err(journal::WriteError::exists(&codes, "codes file").into())
}

/// Save join codes beside a journal (owner-only), never inside it: journals get handed round.
fn save_codes(
    journal: &Path,
    address: &str,
    codes: &BTreeMap<String, String>,
    force: bool,
) -> Result<(), CliError> {
    let saved = Codes {
        address: address.to_string(),
        teams: codes.clone(),
    };
    let path = journal::codes_path(journal);
    let text = serde_json::to_string_pretty(&saved)
        .map_err(|e| CliError::Refused(format!("the codes do not encode: {e}")))?;
    let existing = if force {
        journal::Existing::Replace
    } else {
        journal::Existing::Refuse
    };
    journal::write_new(&path, &text, existing, "codes file")?;
    tracing::info!("codes saved in {}", path.display());
    Ok(())
}

/// Keep the address actually bound beside the journal (port 0 becomes the
/// port the system chose; a resume on another `--bind` is remembered), so
/// that `serve --resume` binds where the teams' clients look.
fn record_address(
    journal: &Path,
    address: &str,
    codes: &BTreeMap<String, String>,
) -> Result<(), CliError> {
    let path = journal::codes_path(journal);
    if server::read_codes(&path).is_ok_and(|c| c.address == address && c.teams == *codes) {
        return Ok(());
    }
    let saved = Codes {
        address: address.to_string(),
        teams: codes.clone(),
    };
    server::write_codes(&path, &saved)?;
    Ok(())
}

/// A new exercise: a journal, and fresh codes saved beside it.
fn start(args: &ServeArgs) -> Result<(Session, BTreeMap<String, String>, String), CliError> {
    let Some(file) = &args.file else {
        return Err(super::usage_error(
            "serve",
            ErrorKind::MissingRequiredArgument,
            "give a scenario FILE, or --resume JOURNAL",
        ));
    };
    check_codes_out(args, None)?;
    let loaded = load::scenario_file(file)?;
    let seed = args.seed.unwrap_or(loaded.scenario.seed);
    let target = match &args.journal {
        Some(j) => {
            check_codes_beside(j, args.force)?;
            journal::Target::at(j, args.force)
        }
        None => default_journal(&loaded.scenario.id, seed),
    };
    // People at the table: the handles of unidentified persons get a secret key.
    let header = journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None)
        .map_err(crate::session::SessionError::from)?
        .with_secret_handles()
        .map_err(ServeError::NoRandomness)?;
    let session =
        Session::start_with_header(header, loaded.scenario, loaded.catalog, Some(&target))?;
    let Some(journal) = session.journal_path().map(Path::to_path_buf) else {
        return Err(CliError::Refused("the exercise has no journal".into()));
    };
    if args.journal.is_none() {
        tracing::info!("journal: {}", journal.display());
    }
    let mut codes = BTreeMap::new();
    for t in &session.setup().teams {
        let code = server::new_code().map_err(ServeError::NoRandomness)?;
        codes.insert(t.id.clone(), code);
    }
    let bind = args
        .bind
        .clone()
        .unwrap_or_else(|| DEFAULT_BIND.to_string());
    save_codes(&journal, &bind, &codes, args.force)?;
    Ok((session, codes, bind))
}

/// Continue from a journal with the codes saved beside it: where it is, or
/// (with `--journal NEW`) in a new journal with a copy of the codes beside
/// it; on the address it was served on, unless `--bind` says otherwise.
fn resume(
    path: &Path,
    args: &ServeArgs,
) -> Result<(Session, BTreeMap<String, String>, String), CliError> {
    let saved = server::read_codes(&journal::codes_path(path))?;
    check_codes_out(args, Some(&saved.teams))?;
    if let Some(new) = &args.journal {
        check_codes_beside(new, args.force)?;
    }
    let session = super::play::resume_session(path, args.journal.as_deref(), args.force)?;
    for t in &session.setup().teams {
        if !saved.teams.contains_key(&t.id) {
            return Err(ServeError::NoSavedCode(t.id.clone()).into());
        }
    }
    if let (Some(_), Some(new)) = (&args.journal, session.journal_path()) {
        save_codes(new, &saved.address, &saved.teams, args.force)?;
    }
    tracing::info!("resuming at turn {}", session.turn());
    let bind = args.bind.clone().unwrap_or(saved.address);
    Ok((session, saved.teams, bind))
}
