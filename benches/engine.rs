//! Engine benchmarks (divan): the figures behind `docs/BENCHMARKS.md`.
//!
//! Bots' orders are computed outside the timed part where a bench times a
//! single turn: the turn is `Engine::step` (schedule, metrics and state hash),
//! exactly what a committed turn costs the engine. Sample counts are small so
//! `cargo bench --bench engine` finishes in a few minutes on two cores.

// A benchmark is test code: a failed unwrap there is a failed run, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use undertow::bots::{BotKey, Policy};
use undertow::engine::Engine;
use undertow::engine::orders::TurnInput;
use undertow::engine::setup::{Setup, TeamIx};
use undertow::journal;
use undertow::scenario::generate::{GenerateOptions, generate};
use undertow::scenario::{Scenario, default_catalog, parse_scenario, resolve_catalog};
use undertow::session::Session;
use undertow::view::team_view;

const FLAGSHIP: &str = include_str!("../scenarios/maritime-route.ron");

fn main() {
    divan::main();
    // The journal written for the rebuild bench is ours to clean up.
    if JOURNAL_WRITTEN.get().is_some() {
        let _ = std::fs::remove_file(journal_path());
    }
}

fn flagship() -> &'static Scenario {
    static S: LazyLock<Scenario> = LazyLock::new(|| {
        parse_scenario("maritime-route.ron", FLAGSHIP).expect("the flagship validates")
    });
    &S
}

/// The generated 10,000-actor network (about 40,000 ties), built once.
fn big() -> &'static Scenario {
    static S: LazyLock<Scenario> = LazyLock::new(|| {
        generate(&GenerateOptions {
            actors: 10_000,
            teams: 6,
            seed: 1,
        })
    });
    &S
}

fn setup_of(scenario: &Scenario) -> Setup {
    let catalog = resolve_catalog(&default_catalog(), scenario);
    Setup::new(scenario.clone(), catalog).expect("the scenario indexes")
}

/// What the baseline bots order for the next turn, from each team's view,
/// exactly as `Session::bot_orders` does.
fn baseline_orders(engine: &mut Engine) -> TurnInput {
    let snapshot = engine.snapshot();
    let setup = engine.setup();
    let seed = engine.seed();
    let orders = (0..setup.teams.len())
        .flat_map(|team| {
            let view = team_view(setup, seed, &snapshot, TeamIx(team));
            let key = BotKey::derive(seed, &setup.teams[team].id);
            Policy::Baseline.decide(&view, &key)
        })
        .collect();
    TurnInput {
        orders,
        ..TurnInput::default()
    }
}

/// An engine after `turns` turns of baseline play, and the orders for the next.
fn engine_at(scenario: &Scenario, turns: u32) -> (Engine, TurnInput) {
    let setup = setup_of(scenario);
    let seed = scenario.seed;
    let mut engine = Engine::new(setup, seed).expect("the schedule builds");
    for _ in 0..turns {
        let input = baseline_orders(&mut engine);
        engine.step(input);
    }
    let input = baseline_orders(&mut engine);
    (engine, input)
}

/// One flagship turn: turn 1, and turn 26 of a baseline run (a fuller world:
/// more knowledge, operations and groups). Target ≤ 1 ms.
#[divan::bench(args = [0, 25], sample_count = 30, sample_size = 1)]
fn flagship_turn(bencher: Bencher, played: u32) {
    bencher
        .with_inputs(|| engine_at(flagship(), played))
        .bench_local_values(|(mut engine, input)| {
            let out = engine.step(input);
            // Returned, so dropping the world is not timed.
            (engine, out)
        });
}

/// One turn of the generated 10,000-actor network: turn 1, and turn 11 of a
/// baseline run. Target ≤ 20 ms.
#[divan::bench(args = [0, 10], sample_count = 10, sample_size = 1)]
fn generated_10k_turn(bencher: Bencher, played: u32) {
    bencher
        .with_inputs(|| engine_at(big(), played))
        .bench_local_values(|(mut engine, input)| {
            let out = engine.step(input);
            (engine, out)
        });
}

/// A whole 52-turn flagship run with baseline bots, as `undertow run` plays
/// it (views, bots, turns, snapshots), without the journal and output.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn flagship_run_52(bencher: Bencher) {
    let scenario = flagship();
    let catalog = resolve_catalog(&default_catalog(), scenario);
    bencher
        .with_inputs(|| (scenario.clone(), catalog.clone()))
        .bench_local_values(|(scenario, catalog)| {
            let seed = scenario.seed;
            let mut session = Session::start(
                "maritime-route.ron",
                FLAGSHIP,
                scenario,
                catalog,
                seed,
                None,
            )
            .expect("the session starts");
            while !session.finished() {
                for team in TeamIx::all(session.setup().teams.len()) {
                    let orders = session.bot_orders(team, Policy::Baseline);
                    session.set_orders(team, orders);
                }
                session.commit().expect("the turn commits");
            }
            session
        });
}

static JOURNAL_WRITTEN: std::sync::OnceLock<()> = std::sync::OnceLock::new();

fn journal_path() -> PathBuf {
    std::env::temp_dir().join(format!("undertow-bench-{}.journal", std::process::id()))
}

/// A 52-turn baseline flagship journal, written once to a temporary file.
fn journal_file() -> PathBuf {
    let path = journal_path();
    JOURNAL_WRITTEN.get_or_init(|| {
        let scenario = flagship().clone();
        let catalog = resolve_catalog(&default_catalog(), &scenario);
        let seed = scenario.seed;
        let mut session = Session::start(
            "maritime-route.ron",
            FLAGSHIP,
            scenario,
            catalog,
            seed,
            Some(&path),
        )
        .expect("the journal opens");
        while !session.finished() {
            for team in TeamIx::all(session.setup().teams.len()) {
                let orders = session.bot_orders(team, Policy::Baseline);
                session.set_orders(team, orders);
            }
            session.commit().expect("the turn commits");
        }
    });
    path
}

/// Rebuild the state after turn 52 from the journal file: read, check every
/// line, load the embedded scenario, restore the last snapshot and replay the
/// turns after it (what undo does). Target ≤ 50 ms.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn journal_rebuild_52(bencher: Bencher) {
    let path = journal_file();
    bencher.bench_local(|| {
        let j = journal::read(&path).expect("the journal reads");
        journal::rebuild(&j, None).expect("the journal rebuilds")
    });
}

/// Re-simulate all 52 turns of the journal and check every hash (what
/// `replay --verify` does); for comparison with the snapshot-based rebuild.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn journal_verify_52(bencher: Bencher) {
    let path = journal_file();
    bencher.bench_local(|| {
        let j = journal::read(&path).expect("the journal reads");
        journal::verify(&j, |_| {}).expect("the journal verifies")
    });
}
