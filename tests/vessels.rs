//! Vessels on a small world of their own (`tests/fixtures/vessels/fishing.ron`),
//! since no shipped scenario uses them yet: people put aboard a reefer ship,
//! transhipped at sea to a trawler, and exploited aboard it; the trawler's
//! flag state, whose law runs aboard, finds them there.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::state::GroupStatus;
use undertow::engine::systems::premises::held_at;
use undertow::session::Session;

const FLEET: &str = "tests/fixtures/vessels/fishing.ron";
const BIN: &str = env!("CARGO_BIN_EXE_undertow");

fn start(seed: u64) -> Session {
    let text = std::fs::read_to_string(FLEET).expect("the fixture reads");
    let scenario = undertow::scenario::parse_scenario(FLEET, &text).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(FLEET, &text, scenario, catalog, seed, None).expect("starts")
}

/// Every team plays `policy` for `turns` turns.
fn play(s: &mut Session, policy: Policy, turns: u32) {
    for _ in 0..turns {
        for t in 0..s.setup().teams.len() {
            let orders = s.bot_orders(t, policy);
            s.set_orders(t, orders);
        }
        s.commit().expect("commits");
    }
}

fn metric(s: &Session, key: &str) -> i64 {
    s.outcomes()
        .last()
        .and_then(|o| o.metrics.metrics.get(key).copied())
        .unwrap_or(0)
}

#[test]
fn the_fleet_checks_clean() {
    let out = std::process::Command::new(BIN)
        .args(["check", FLEET])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn people_transhipped_at_sea_are_held_aboard_the_trawler_by_its_skipper() {
    let mut s = start(1);
    play(&mut s, Policy::Passive, 5);
    let setup = s.setup().clone();
    let g = s
        .snapshot()
        .groups
        .iter()
        .find(|g| g.id == "deckhands")
        .expect("the deckhands")
        .clone();
    assert_eq!(g.status, GroupStatus::Exploited);
    let (reefer_master, skipper) = (
        setup.actor("reefer_master").expect("the reefer's master"),
        setup.actor("skipper").expect("the skipper"),
    );
    // Carried to the reefer by its master, transhipped by the skipper, who
    // holds them aboard.
    assert!(g.handlers.contains(&reefer_master), "{:?}", g.handlers);
    assert_eq!(g.handlers.last(), Some(&skipper));
    assert_eq!(held_at(&setup, &g), setup.place("trawler"));
    assert_eq!(metric(&s, "victims_exploited"), 10);
    assert_eq!(metric(&s, "victims_identified"), 0);
}

#[test]
fn the_flag_states_inspectors_find_the_victims_aboard() {
    for seed in 1..=5 {
        let mut s = start(seed);
        play(&mut s, Policy::Baseline, 12);
        assert!(
            metric(&s, "victims_identified") > 0,
            "seed {seed}: no one identified aboard"
        );
        let mut p = start(seed);
        play(&mut p, Policy::Passive, 12);
        assert_eq!(metric(&p, "victims_identified"), 0, "seed {seed}");
    }
}
