//! `undertow serve`: the server of a networked exercise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::load;
use super::play::default_journal;
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
}

/// Run `undertow serve`; returns the exit status.
pub fn serve(args: &ServeArgs) -> i32 {
    let (session, codes) = match &args.resume {
        Some(path) => match resume(path) {
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
    let screen_log = match crate::logging::ScreenLog::start(log.as_deref()) {
        Ok(l) => Some(l),
        Err(e) => {
            let p = log
                .as_deref()
                .map_or_else(String::new, |p| p.display().to_string());
            eprintln!("cannot log to {p}: {e}; the server stays quiet");
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

/// A new exercise: a journal, and fresh codes saved beside it.
fn start(args: &ServeArgs) -> Result<(Session, BTreeMap<String, String>), String> {
    let Some(file) = &args.file else {
        return Err("serve needs a scenario FILE or --resume JOURNAL".into());
    };
    let loaded = load::scenario_file(file)?;
    let seed = args.seed.unwrap_or(loaded.scenario.seed);
    let journal = match &args.journal {
        Some(j) => j.clone(),
        None => {
            let j = default_journal(&loaded.scenario.id, seed);
            eprintln!("journal: {}", j.display());
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
    )
    .map_err(|e| e.to_string())?;
    let mut codes = BTreeMap::new();
    for t in &session.setup().teams {
        let code = server::new_code().map_err(|e| format!("no OS randomness for codes: {e}"))?;
        codes.insert(t.id.clone(), code);
    }
    // Kept beside the journal (owner-only), never inside it: journals get handed round.
    let saved = Codes {
        address: args.bind.clone(),
        teams: codes.clone(),
    };
    let path = server::codes_path(&journal);
    let text = serde_json::to_string_pretty(&saved).map_err(|e| e.to_string())?;
    server::write_atomic(&path, &text, 0o600).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("codes saved in {}", path.display());
    Ok((session, codes))
}

/// Continue from a journal with the codes saved beside it.
fn resume(path: &std::path::Path) -> Result<(Session, BTreeMap<String, String>), String> {
    let saved = server::read_codes(&server::codes_path(path))?;
    let (session, warning) = Session::resume(path).map_err(|e| e.to_string())?;
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    for t in &session.setup().teams {
        if !saved.teams.contains_key(&t.id) {
            return Err(format!("no saved code for team `{}`", t.id));
        }
    }
    eprintln!("resuming at turn {}", session.turn());
    Ok((session, saved.teams))
}
