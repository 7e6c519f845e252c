//! Sweep benchmarks (divan): whole headless runs as `undertow sweep` plays
//! them, and the parts of one bot turn, for `docs/BENCHMARKS.md`.
//!
//! `cargo bench --bench sweep`; a few minutes on two cores.

// A benchmark is test code: a failed unwrap there is a failed run, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use divan::Bencher;
use undertow::bots::{BotKey, Policy};
use undertow::engine::setup::{Setup, TeamIx};
use undertow::scenario::generate::{GenerateOptions, generate};
use undertow::scenario::{Scenario, default_catalog, parse_scenario, resolve_catalog};
use undertow::sweep::{Entry, Plan, Progress, Run, RunRecord, run_all};
use undertow::view::team_view;

// The allocator of the `undertow` binary, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FLAGSHIP: &str = include_str!("../scenarios/maritime-route.ron");

fn main() {
    divan::main();
}

fn setup_of(scenario: &Scenario) -> Setup {
    let catalog = resolve_catalog(&default_catalog(), scenario);
    Setup::new(scenario.clone(), catalog).expect("the scenario indexes")
}

fn flagship() -> &'static Setup {
    static S: LazyLock<Setup> = LazyLock::new(|| {
        setup_of(&parse_scenario("maritime-route.ron", FLAGSHIP).expect("the flagship validates"))
    });
    &S
}

/// The generated 10,000-actor network, as `undertow generate --actors 10000 --seed 1`.
fn big() -> &'static Setup {
    static S: LazyLock<Setup> = LazyLock::new(|| {
        setup_of(&generate(&GenerateOptions {
            actors: 10_000,
            teams: 6,
            seed: 1,
        }))
    });
    &S
}

/// A baseline run after `turns` turns.
fn run_at(setup: &Setup, turns: u32) -> Run {
    let mut run = Run::new(setup.clone(), setup.scenario.seed, Policy::Baseline).unwrap();
    while run.turn() < turns {
        run.play_turn();
    }
    run
}

/// One whole 52-turn flagship run with baseline bots, as one run of a sweep.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn flagship_run_52(bencher: Bencher) {
    let setup = flagship();
    bencher.bench_local(|| {
        let mut run = Run::new(setup.clone(), 1, Policy::Baseline).unwrap();
        while run.turn() < 52 {
            run.play_turn();
        }
        run
    });
}

struct Quiet;

impl Progress for Quiet {
    fn tick(&mut self, _: usize, _: usize) {}
    fn record(&mut self, _: &RunRecord) {}
}

/// 20 flagship runs (seeds 1–20) with baseline bots on two threads: what
/// `undertow sweep scenarios/maritime-route.ron --seeds 1..20 --bots baseline
/// --jobs 2` does after loading. Runs per second = 20 / the time.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn flagship_sweep_20_runs_2_jobs(bencher: Bencher) {
    let plan = Plan {
        entries: vec![Entry {
            name: "maritime-route.ron".into(),
            setup: flagship().clone(),
            policies: vec![Policy::Baseline],
        }],
        seeds: (1..=20).collect(),
        turns: None,
    };
    let stop = AtomicBool::new(false);
    bencher.bench_local(|| run_all(&plan, 2, &stop, &mut Quiet).unwrap());
}

/// The parts of one bot turn of the flagship at turn 26: the snapshot the
/// views are built from, the nine team views, and the nine bots' decisions.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn flagship_turn_26_snapshot(bencher: Bencher) {
    let mut run = run_at(flagship(), 25);
    bencher.bench_local(|| run.engine().snapshot());
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn flagship_turn_26_views(bencher: Bencher) {
    let mut run = run_at(flagship(), 25);
    let snapshot = run.engine().snapshot();
    let setup = flagship();
    bencher.bench_local(|| {
        TeamIx::all(setup.teams.len())
            .map(|t| team_view(setup, 1, &snapshot, t))
            .collect::<Vec<_>>()
    });
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn flagship_turn_26_bots(bencher: Bencher) {
    let mut run = run_at(flagship(), 25);
    let snapshot = run.engine().snapshot();
    let setup = flagship();
    let seed = setup.scenario.seed;
    let views: Vec<_> = TeamIx::all(setup.teams.len())
        .map(|t| team_view(setup, seed, &snapshot, t))
        .collect();
    let keys: Vec<BotKey> = setup
        .teams
        .iter()
        .map(|t| BotKey::derive(seed, &t.id))
        .collect();
    bencher.bench_local(|| {
        views
            .iter()
            .zip(&keys)
            .map(|(v, k)| Policy::Baseline.decide(v, k))
            .collect::<Vec<_>>()
    });
}

/// One whole bot turn (views, bots and the engine's step) of the generated
/// 10,000-actor network after 4, 30 and 45 turns of baseline play: the
/// target is a late turn at most twice an early one.
#[divan::bench(args = [4, 30, 45], sample_count = 5, sample_size = 1)]
fn generated_10k_bot_turn(bencher: Bencher, played: u32) {
    bencher
        .with_inputs(|| run_at(big(), played))
        .bench_local_values(|mut run| {
            run.play_turn();
            run
        });
}
