//! `undertow play`: the exercise at one terminal, every team in turn
//! (hot-seat) or one team with bots in the other seats; and plain `undertow`,
//! the tutorial played as its first team.

use std::path::{Path, PathBuf};

use super::load;
use crate::bots::Policy;
use crate::session::Session;
use crate::tui::{self, App, Seats, Theme};

/// Arguments of `undertow play`.
pub struct PlayArgs {
    pub file: Option<PathBuf>,
    pub seed: Option<u64>,
    pub team: Option<String>,
    pub journal: Option<PathBuf>,
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
pub(super) fn seats(session: &Session, team: Option<&str>) -> Result<Seats, String> {
    let setup = session.setup();
    let humans = match team {
        Some(id) => match setup.team(id) {
            Some(t) => vec![t],
            None => {
                let ids: Vec<&str> = setup.teams.iter().map(|t| t.id.as_str()).collect();
                return Err(format!(
                    "no team `{id}` in this scenario; teams: {}",
                    ids.join(", ")
                ));
            }
        },
        None => (0..setup.teams.len()).collect(),
    };
    Ok(Seats {
        humans,
        bots: Policy::Baseline,
    })
}

/// Play a session at this terminal until the user quits; the exit status.
pub(super) fn play_session(session: Session, seats: Seats) -> i32 {
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
        eprintln!(
            "Journal: {} (continue with: undertow play --resume {}{team})",
            p.display(),
            p.display()
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

/// `undertow play`.
pub fn play(args: &PlayArgs) -> i32 {
    let session = if let Some(resume) = &args.resume {
        match Session::resume(resume) {
            Ok((s, warning)) => {
                if let Some(w) = warning {
                    eprintln!("{w}");
                }
                s
            }
            Err(e) => {
                eprintln!("{}: {e}", resume.display());
                return 1;
            }
        }
    } else {
        let Some(file) = &args.file else {
            eprintln!("undertow play: give a scenario FILE, or --resume JOURNAL");
            return 2;
        };
        let loaded = match load::scenario_file(file) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        };
        let seed = args.seed.unwrap_or(loaded.scenario.seed);
        let path = args
            .journal
            .clone()
            .unwrap_or_else(|| default_journal(&loaded.scenario.id, seed));
        match Session::start(
            &loaded.name,
            &loaded.text,
            loaded.scenario,
            loaded.catalog,
            seed,
            Some(&path),
        ) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        }
    };
    let seats = match seats(&session, args.team.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    play_session(session, seats)
}

/// Plain `undertow` at a terminal: the embedded tutorial, played as its first
/// team with baseline bots in the other seats.
pub fn tutorial() -> i32 {
    let loaded = match load::scenario_text("tutorial.ron", super::run::TUTORIAL.to_string()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
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
            eprintln!("{e}: playing without a journal");
            match start(None) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return 1;
                }
            }
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
