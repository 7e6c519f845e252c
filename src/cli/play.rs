//! `undertow play`: the exercise at one terminal, every team in turn
//! (hot-seat) or one team with bots in the other seats; and plain `undertow`,
//! the tutorial played as its first team.

use std::path::{Path, PathBuf};

use super::load;
use crate::bots::Policy;
use crate::journal;
use crate::session::Session;
use crate::tui::{self, App, Seats, Theme};

/// Arguments of `undertow play`.
pub struct PlayArgs {
    pub file: Option<PathBuf>,
    pub seed: Option<u64>,
    pub team: Option<String>,
    pub journal: Option<PathBuf>,
    pub resume: Option<PathBuf>,
    /// Replace an existing file at `journal`.
    pub force: bool,
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
            eprintln!("journal: {} ({first} is taken)", path.display());
        }
    }
}

/// Continue a journal: where it is, or, given `into`, in a new journal that
/// leaves it as it is. Any warning is printed.
pub(super) fn resume_session(
    from: &Path,
    into: Option<&Path>,
    force: bool,
) -> Result<Session, String> {
    let resumed = match into {
        Some(new) => Session::resume_into(from, &journal::Target::at(new, force)),
        None => Session::resume(from),
    };
    match resumed {
        Ok((s, warning)) => {
            if let Some(w) = warning {
                eprintln!("warning: {w}");
            }
            Ok(s)
        }
        Err(e) if e.names_its_file() => Err(e.to_string()),
        Err(e) => Err(format!("{}: {e}", from.display())),
    }
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
    let result = tui::run(&mut app);
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
        match resume_session(resume, args.journal.as_deref(), args.force) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
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
        let target = match &args.journal {
            Some(j) => journal::Target::at(j, args.force),
            None => default_journal(&loaded.scenario.id, seed),
        };
        let header = journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None);
        match Session::start_with_header(header, loaded.scenario, loaded.catalog, Some(&target)) {
            Ok(s) => {
                name_default_journal(&s, &target);
                s
            }
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
    let target = default_journal(&loaded.scenario.id, seed);
    let start = |journal: Option<&journal::Target>| {
        let header = journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None);
        Session::start_with_header(
            header,
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
