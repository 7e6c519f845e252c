//! `undertow serve`: the server of a networked exercise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::load;
use super::play::default_journal;
use crate::journal;
use crate::net::server::{self, Codes, Limits, Options};
use crate::session::Session;
use crate::tui::{self, App, Theme};

/// Arguments of `undertow serve`.
pub struct ServeArgs {
    pub file: Option<PathBuf>,
    pub seed: Option<u64>,
    pub bind: String,
    pub journal: Option<PathBuf>,
    pub codes_out: Option<PathBuf>,
    pub headless: bool,
    pub turns: Option<u32>,
    pub resume: Option<PathBuf>,
    /// With the console, play the turn after this many minutes.
    pub turn_minutes: Option<u32>,
    /// Replace an existing journal, codes file or `codes_out` file.
    pub force: bool,
}

/// Run `undertow serve`; returns the exit status.
pub fn serve(args: &ServeArgs) -> i32 {
    let (session, codes) = match &args.resume {
        Some(path) => match resume(path, args) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        },
        None => match start(args) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        },
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
        return server::serve(session, codes, &opts);
    }
    if session.turn() >= last_turn {
        eprintln!("turn {} already committed: nothing to play", session.turn());
        return 0;
    }
    let server = match server::Server::bind(session, &codes, &opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    server.announce();
    let running = match server.start() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let status = console(&running, journal.as_deref(), args.turn_minutes);
    running.close();
    status
}

/// The facilitator console over the server's session, until the facilitator
/// quits. The server's log goes to a file beside the journal meanwhile: the
/// console owns the screen.
fn console(server: &server::Running, journal: Option<&Path>, turn_minutes: Option<u32>) -> i32 {
    let log = journal.map(|j| {
        let mut name = j.as_os_str().to_owned();
        name.push(".log");
        PathBuf::from(name)
    });
    let redirected = log.as_deref().and_then(|p| match StderrToFile::open(p) {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("cannot log to {}: {e}; the server stays quiet", p.display());
            None
        }
    });
    let limit = turn_minutes.map(|m| Duration::from_secs(u64::from(m) * 60));
    let mut app = App::console(Box::new(server.console()), limit, Theme::from_env());
    app.note_in_log(&format!(
        "Serving on {}; teams join with the codes printed at the start (also beside the journal).",
        server.address()
    ));
    let result = tui::run(&mut app);
    drop(redirected);
    if let Some(p) = &log {
        eprintln!("Server log: {}", p.display());
    }
    if let Some(j) = journal {
        eprintln!(
            "Journal: {} (continue with: undertow serve --resume {})",
            j.display(),
            j.display()
        );
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// Standard error sent to a file until dropped, then given back.
struct StderrToFile {
    saved: std::os::fd::OwnedFd,
}

impl StderrToFile {
    fn open(path: &Path) -> std::io::Result<StderrToFile> {
        use std::os::fd::AsFd;
        let file = crate::journal::open_for_append(path)?;
        let saved = std::io::stderr().as_fd().try_clone_to_owned()?;
        rustix::stdio::dup2_stderr(&file)?;
        Ok(StderrToFile { saved })
    }
}

impl Drop for StderrToFile {
    fn drop(&mut self) {
        // Best effort: if this fails, messages keep going to the log.
        let _ = rustix::stdio::dup2_stderr(&self.saved);
    }
}

/// Refuse to overwrite a `--codes-out` file, unless told to (`--force`) or
/// it holds these very codes (a facilitator repeating a resume command).
fn check_codes_out(
    args: &ServeArgs,
    codes: Option<&BTreeMap<String, String>>,
) -> Result<(), String> {
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
    Err(format!(
        "{}: a file is already there, and it does not hold this exercise's codes; it is not overwritten: choose another --codes-out, or add --force to replace it",
        path.display()
    ))
}

/// Refuse early when the codes file beside a journal would be refused later,
/// so that no journal is left behind without its codes.
fn check_codes_beside(journal: &Path, force: bool) -> Result<(), String> {
    let codes = journal::codes_path(journal);
    if force || std::fs::symlink_metadata(&codes).is_err() {
        return Ok(());
    }
    Err(journal::WriteError::exists(&codes, "codes file").to_string())
}

/// Save join codes beside a journal (owner-only), never inside it: journals get handed round.
fn save_codes(
    journal: &Path,
    address: &str,
    codes: &BTreeMap<String, String>,
    force: bool,
) -> Result<(), String> {
    let saved = Codes {
        address: address.to_string(),
        teams: codes.clone(),
    };
    let path = journal::codes_path(journal);
    let text = serde_json::to_string_pretty(&saved).map_err(|e| e.to_string())?;
    let existing = if force {
        journal::Existing::Replace
    } else {
        journal::Existing::Refuse
    };
    journal::write_new(&path, &text, existing, "codes file").map_err(|e| e.to_string())?;
    eprintln!("codes saved in {}", path.display());
    Ok(())
}

/// A new exercise: a journal, and fresh codes saved beside it.
fn start(args: &ServeArgs) -> Result<(Session, BTreeMap<String, String>), String> {
    let Some(file) = &args.file else {
        return Err("serve needs a scenario FILE or --resume JOURNAL".into());
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
    let header = journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None);
    let session =
        Session::start_with_header(header, loaded.scenario, loaded.catalog, Some(&target))
            .map_err(|e| e.to_string())?;
    let Some(journal) = session.journal_path().map(Path::to_path_buf) else {
        return Err("the exercise has no journal".into());
    };
    if args.journal.is_none() {
        eprintln!("journal: {}", journal.display());
    }
    let mut codes = BTreeMap::new();
    for t in &session.setup().teams {
        let code = server::new_code().map_err(|e| format!("no OS randomness for codes: {e}"))?;
        codes.insert(t.id.clone(), code);
    }
    save_codes(&journal, &args.bind, &codes, args.force)?;
    Ok((session, codes))
}

/// Continue from a journal with the codes saved beside it: where it is, or
/// (with `--journal NEW`) in a new journal with a copy of the codes beside it.
fn resume(path: &Path, args: &ServeArgs) -> Result<(Session, BTreeMap<String, String>), String> {
    let saved = server::read_codes(&journal::codes_path(path))?;
    check_codes_out(args, Some(&saved.teams))?;
    if let Some(new) = &args.journal {
        check_codes_beside(new, args.force)?;
    }
    let session = super::play::resume_session(path, args.journal.as_deref(), args.force)?;
    for t in &session.setup().teams {
        if !saved.teams.contains_key(&t.id) {
            return Err(format!("no saved code for team `{}`", t.id));
        }
    }
    if let (Some(_), Some(new)) = (&args.journal, session.journal_path()) {
        save_codes(new, &saved.address, &saved.teams, args.force)?;
    }
    eprintln!("resuming at turn {}", session.turn());
    Ok((session, saved.teams))
}
