//! Same scenario, seed and orders give the same state hash every turn.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::Engine;
use undertow::engine::setup::{Setup, TeamIx};
use undertow::session::Session;

const MINI: &str = include_str!("fixtures/engine/mini.ron");
const CATALOG: &str = include_str!("../assets/actions.ron");

fn setup() -> Setup {
    let scenario = undertow::scenario::parse_scenario("mini.ron", MINI).expect("mini parses");
    let catalog = ron::from_str(CATALOG).expect("catalogue parses");
    Setup::new(scenario, catalog).expect("mini indexes")
}

fn run(seed: u64, policy: Policy, shuffle: Option<u64>) -> Vec<String> {
    let s = setup();
    let scenario = s.scenario.clone();
    let mut session = Session::start("mini.ron", MINI, scenario, s.catalog.clone(), seed, None)
        .expect("session starts");
    let mut hashes = Vec::new();
    let mut engine = Engine::with_shuffle(s, seed, shuffle).expect("schedule builds");
    for _ in 0..12 {
        for t in TeamIx::all(session.setup().teams.len()) {
            let orders = session.bot_orders(t, policy);
            session.set_orders(t, orders);
        }
        let input_orders: Vec<_> = (0..session.setup().teams.len())
            .flat_map(|t| session.queued(TeamIx(t)).to_vec())
            .collect();
        let out = session.commit().expect("commit");
        let mirror = engine.step(undertow::engine::orders::TurnInput {
            orders: input_orders,
            ..Default::default()
        });
        assert_eq!(out.state_hash, mirror.state_hash, "turn {}", out.turn);
        hashes.push(out.state_hash);
    }
    hashes
}

#[test]
fn same_seed_same_hashes() {
    assert_eq!(
        run(7, Policy::Baseline, None),
        run(7, Policy::Baseline, None)
    );
}

#[test]
fn different_seeds_differ() {
    assert_ne!(
        run(7, Policy::Baseline, None).last(),
        run(8, Policy::Baseline, None).last()
    );
}

#[test]
fn shuffled_systems_give_the_same_hashes() {
    let plain = run(11, Policy::Baseline, None);
    for shuffle in [1, 2, 3] {
        assert_eq!(
            plain,
            run(11, Policy::Baseline, Some(shuffle)),
            "shuffle seed {shuffle}"
        );
    }
}
