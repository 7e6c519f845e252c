//! `undertow serve`: the server of a networked exercise.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::load;
use super::play::default_journal;
use crate::net::server::{self, Codes, Limits, Options};
use crate::session::Session;

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
}

/// Run `undertow serve`; returns the exit status.
pub fn serve(args: &ServeArgs) -> i32 {
    if !args.headless {
        eprintln!("the facilitator console is not built yet: serving headless");
    }
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
    server::serve(
        session,
        codes,
        &Options {
            bind: args.bind.clone(),
            codes_out: args.codes_out.clone(),
            last_turn,
            limits: Limits::default(),
        },
    )
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
