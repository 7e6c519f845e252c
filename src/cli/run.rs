//! `undertow run`: a headless exercise, and the tutorial when given nothing.

use std::io::Write;
use std::path::PathBuf;

use super::load::{self, Script};
use crate::bots::Policy;
use crate::engine::TurnOutcome;
use crate::session::Session;

/// The tutorial scenario, embedded so plain `undertow` works anywhere.
pub const TUTORIAL: &str = include_str!("../../scenarios/tutorial.ron");

/// Arguments of `undertow run`.
pub struct RunArgs {
    pub file: PathBuf,
    pub seed: Option<u64>,
    pub turns: Option<u32>,
    pub bots: Policy,
    pub orders: Option<PathBuf>,
    pub journal: Option<PathBuf>,
    pub json: bool,
    /// Replace an existing file at `journal`.
    pub force: bool,
}

/// One human-readable line for a committed turn.
pub fn summary_line(session: &Session, out: &TurnOutcome) -> String {
    let m = &out.metrics.metrics;
    let get = |k: &str| m.get(k).copied().unwrap_or(0);
    format!(
        "Turn {}/{}  {:<11}  capability {:>5.1}%  arrested {:>3}  convicted {:>2} (organisers {})  moved {:>4}  lives lost {:>3}  victims identified {:>3}  hash {}",
        out.turn,
        session.turns(),
        session.setup().date_of_turn(out.turn),
        get("network_capability") as f64 / 10.0,
        get("arrested"),
        get("convicted"),
        get("organisers_convicted"),
        get("migrants_moved"),
        get("lives_lost"),
        get("victims_identified"),
        &out.state_hash[..12],
    )
}

/// `undertow run`.
pub fn run(args: &RunArgs) -> i32 {
    let loaded = match load::scenario_file(&args.file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let script = match &args.orders {
        Some(p) => match Script::read(p) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        },
        None => None,
    };
    headless(
        loaded,
        args.seed,
        args.turns,
        args.bots,
        script.as_ref(),
        args.journal
            .as_deref()
            .map(|j| crate::journal::Target::at(j, args.force))
            .as_ref(),
        args.json,
    )
}

fn headless(
    loaded: load::Loaded,
    seed: Option<u64>,
    turns: Option<u32>,
    bots: Policy,
    script: Option<&Script>,
    journal: Option<&crate::journal::Target>,
    json: bool,
) -> i32 {
    let seed = seed.unwrap_or(loaded.scenario.seed);
    let header = crate::journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None);
    let mut session =
        match Session::start_with_header(header, loaded.scenario, loaded.catalog, journal) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        };
    let last = turns.unwrap_or(session.turns()).min(session.turns());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    while session.turn() < last {
        let turn = session.turn() + 1;
        for team in 0..session.setup().teams.len() {
            let id = session.setup().teams[team].id.clone();
            let orders = match script {
                Some(s) if s.drives(&id) => s.for_turn(turn, &id),
                _ => session.bot_orders(team, bots),
            };
            session.set_orders(team, orders);
        }
        let outcome = match session.commit() {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        };
        let line = if json {
            serde_json::to_string(&outcome).unwrap_or_default()
        } else {
            summary_line(&session, &outcome)
        };
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            // The reader went away (a closed pipe): stop quietly.
            return 0;
        }
    }
    0
}

/// Plain `undertow`: the embedded tutorial, played headless by bots.
pub fn tutorial() -> i32 {
    let loaded = match load::scenario_text("tutorial.ron", TUTORIAL.to_string()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    eprintln!(
        "{} — the tutorial, played by baseline bots. Each line is one turn.",
        loaded.scenario.title
    );
    headless(loaded, None, None, Policy::Baseline, None, None, false)
}
