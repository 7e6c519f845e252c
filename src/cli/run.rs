//! `undertow run`: a headless exercise, and the tutorial when given nothing.

use crate::engine::setup::TeamIx;
use crate::scenario::Metric;
use std::io::Write;
use std::path::PathBuf;

use super::load::{self, Script};
use super::{CliError, Outcome};
use crate::bots::Policy;
use crate::engine::TurnOutcome;
use crate::session::Session;

/// The tutorial scenario, embedded so plain `undertow` works anywhere.
pub const TUTORIAL: &str = include_str!("../../scenarios/tutorial.ron");

/// Arguments of `undertow run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long)]
    pub turns: Option<u32>,
    /// Policy for every team without scripted orders.
    #[arg(long, value_enum, default_value = "baseline")]
    pub bots: Policy,
    /// A RON script of orders per turn and team (see docs/SCENARIO.md).
    #[arg(long)]
    pub orders: Option<PathBuf>,
    /// Write the run's journal here (a new file: see --force).
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// One JSON object per committed turn on stdout, and nothing else.
    #[arg(long)]
    pub json: bool,
    /// Replace an existing file at --journal instead of refusing.
    #[arg(long)]
    pub force: bool,
}

/// One human-readable line for a committed turn.
pub fn summary_line(session: &Session, out: &TurnOutcome) -> String {
    let get = |k: Metric| out.metrics.get(k);
    format!(
        "Turn {}/{}  {:<11}  capability {:>5.1}%  arrested {:>3}  convicted {:>2} (organisers {})  moved {:>4}  lives lost {:>3}  victims identified {:>3}  hash {}",
        out.turn,
        session.turns(),
        session.setup().date_of_turn(out.turn),
        get(Metric::NetworkCapability) as f64 / 10.0,
        get(Metric::Arrested),
        get(Metric::Convicted),
        get(Metric::OrganisersConvicted),
        get(Metric::MigrantsMoved),
        get(Metric::LivesLost),
        get(Metric::VictimsIdentified),
        &out.state_hash[..12],
    )
}

/// `undertow run`.
pub fn run(args: &RunArgs) -> Result<Outcome, CliError> {
    let loaded = load::scenario_file(&args.file)?;
    let script = args.orders.as_deref().map(Script::read).transpose()?;
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
) -> Result<Outcome, CliError> {
    let seed = seed.unwrap_or(loaded.scenario.seed);
    let header = crate::journal::header(&loaded.name, &loaded.text, &loaded.catalog, seed, None)
        .map_err(crate::session::SessionError::from)?;
    let mut session = Session::start_with_header(header, loaded.scenario, loaded.catalog, journal)?;
    let last = turns.unwrap_or(session.turns()).min(session.turns());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    while session.turn() < last {
        let turn = session.turn() + 1;
        for team in TeamIx::all(session.setup().teams.len()) {
            let id = session.setup().teams[team].id.clone();
            let orders = match script {
                Some(s) if s.drives(&id) => s.for_turn(turn, &id),
                _ => session.bot_orders(team, bots),
            };
            session.set_orders(team, orders);
        }
        let outcome = session.commit()?;
        let line = if json {
            serde_json::to_string(&outcome)?
        } else {
            summary_line(&session, &outcome)
        };
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            // The reader went away (a closed pipe): stop quietly.
            return Ok(Outcome::Done);
        }
    }
    Ok(Outcome::Done)
}

/// Plain `undertow`: the embedded tutorial, played headless by bots.
pub fn tutorial() -> Result<Outcome, CliError> {
    let loaded = load::scenario_text("tutorial.ron", TUTORIAL.to_string())?;
    eprintln!(
        "{} — the tutorial, played by baseline bots. Each line is one turn.",
        loaded.scenario.title
    );
    headless(loaded, None, None, Policy::Baseline, None, None, false)
}
