//! Vessels on a small world of their own (`tests/fixtures/vessels/fishing.ron`),
//! since no shipped scenario uses them yet: people put aboard a reefer ship,
//! transhipped at sea to a trawler, and exploited aboard it; the trawler's
//! flag state, whose law runs aboard, finds them there.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::setup::{CountryIx, TeamIx};
use undertow::engine::state::GroupStatus;
use undertow::engine::systems::premises::held_at;
use undertow::session::Session;

const FLEET: &str = "tests/fixtures/vessels/fishing.ron";
const BIN: &str = env!("CARGO_BIN_EXE_undertow");

fn start(seed: u64) -> Session {
    start_with(seed, |text| text.to_string())
}

/// The fleet, its text changed by `edit` first.
fn start_with(seed: u64, edit: impl Fn(&str) -> String) -> Session {
    let text = edit(&std::fs::read_to_string(FLEET).expect("the fixture reads"));
    let scenario = undertow::scenario::parse_scenario(FLEET, &text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(FLEET, &text, scenario, catalog, seed, None).expect("starts")
}

/// Every team plays `policy` for `turns` turns.
fn play(s: &mut Session, policy: Policy, turns: u32) {
    for _ in 0..turns {
        for t in TeamIx::all(s.setup().teams.len()) {
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

/// The fleet, with the trawler reflagged on turn 2 to `flag` (a country of
/// no team at the table, or none: stateless).
fn reflagged(text: &str, flag: &str) -> String {
    text.replace(
        "        Country(id: \"thal\",",
        "        Country(id: \"pelagia\", name: \"Pelagia\", role: Transit, law: Law()),\n        Country(id: \"thal\",",
    )
    .replace(
        "    action_rules: [",
        &format!(
            "    injects: [Inject(id: \"reflag\", title: \"Reflagged\", trigger: Turn(2), message: \"The trawler is reflagged.\", effects: [ChangeFlag(vessel: \"trawler\", flag: {flag})])],\n    action_rules: ["
        ),
    )
}

/// Flag hopping: reflagged to a state that is not at the table, the
/// trawler is out of Thalassa's reach, and no one finds the people aboard;
/// struck off and stateless, any state may board it again.
#[test]
fn a_trawler_reflagged_abroad_is_out_of_the_old_flag_states_reach() {
    for seed in 1..=5 {
        let mut s = start_with(seed, |t| reflagged(t, "Some(\"pelagia\")"));
        play(&mut s, Policy::Baseline, 12);
        let setup = s.setup().clone();
        let trawler = setup.place("trawler").expect("the trawler");
        let pelagia = setup
            .countries
            .iter()
            .position(|c| c.id == "pelagia")
            .map(CountryIx);
        assert_eq!(setup.places[trawler].country, pelagia);
        assert_eq!(metric(&s, "victims_identified"), 0, "seed {seed}");
        assert_eq!(metric(&s, "victims_exploited"), 10, "seed {seed}");
        // Restored against the scenario's own setup, as a replay does, the
        // state carries the new flag.
        let fresh = undertow::engine::setup::Setup::new(
            s.setup().scenario.clone(),
            s.setup().catalog.clone(),
        )
        .expect("indexes");
        assert_ne!(fresh.places[trawler].country, pelagia);
        let restored =
            undertow::engine::Engine::restore(fresh, seed, s.snapshot().clone()).expect("restores");
        assert_eq!(restored.setup().places[trawler].country, pelagia);

        let mut s = start_with(seed, |t| reflagged(t, "None"));
        play(&mut s, Policy::Passive, 4);
        let setup = s.setup().clone();
        assert_eq!(setup.places[trawler].country, None);
        let g = s
            .snapshot()
            .groups
            .iter()
            .find(|g| g.id == "deckhands")
            .cloned();
        let g = g.expect("the deckhands");
        assert_eq!(held_at(&setup, &g), Some(trawler), "still held aboard");
    }
}

#[test]
fn only_a_vessel_can_change_its_flag() {
    let text = reflagged(
        &std::fs::read_to_string(FLEET).expect("the fixture reads"),
        "None",
    )
    .replace("vessel: \"trawler\"", "vessel: \"o_port\"");
    let err = undertow::scenario::parse_scenario(FLEET, &text).expect_err("refused");
    let problems: Vec<String> = err.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        problems,
        vec![
            "inject `reflag` changes the flag of `o_port`, which is a port, not a vessel"
                .to_string()
        ]
    );
}

/// The reflagged fleet, with the trawler landing its catch at Oria's port
/// and Oria's coast guard at the table.
fn in_orias_port(text: &str) -> String {
    let text = reflagged(text, "Some(\"pelagia\")")
        .replace(
            r#"Place(id: "trawler", name: "Trawler Thal Fortune 9", country: Some("thal"), kind: Vessel),"#,
            r#"Place(id: "trawler", name: "Trawler Thal Fortune 9", country: Some("thal"), kind: Vessel, calls_at: ["o_port"]),"#,
        )
        .replace(
            "    teams: [\n",
            "    teams: [\n        Team(id: \"oria_cg\", name: \"Oria Coast Guard\", country: \"oria\", agency: CoastGuard, capacity: 4, brief: \"Control the foreign vessels in our ports.\"),\n",
        );
    assert!(
        text.contains("calls_at") && text.contains("oria_cg"),
        "the fixture changed"
    );
    text
}

/// Flag hopping meets port-state control: reflagged out of Thalassa's
/// reach, the trawler still puts into Oria's port, where Oria's coast guard
/// inspects it and finds the people aboard.
#[test]
fn port_state_control_finds_the_victims_aboard_a_vessel_reflagged_out_of_reach() {
    let mut found = 0;
    for seed in 1..=5 {
        let mut s = start_with(seed, in_orias_port);
        play(&mut s, Policy::Baseline, 12);
        found += usize::from(metric(&s, "victims_identified") > 0);
        let cg = s.setup().team("oria_cg").expect("Oria's coast guard");
        assert!(
            s.view(cg)
                .places
                .iter()
                .any(|p| p.id == "trawler" && p.in_our_ports),
            "port records name the trawler"
        );
        let mut p = start_with(seed, in_orias_port);
        play(&mut p, Policy::Passive, 12);
        assert_eq!(metric(&p, "victims_identified"), 0, "seed {seed}");
    }
    assert!(
        found >= 4,
        "port-state control found people aboard in {found} of 5 runs"
    );
}

#[test]
fn check_refuses_a_port_call_by_a_place_that_is_not_a_vessel_or_to_a_place_that_is_not_a_port() {
    let text = std::fs::read_to_string(FLEET).expect("the fixture reads");
    let bad = text
        .replace(
            r#"Place(id: "o_town", name: "Oria harbour town", country: Some("oria"), kind: City),"#,
            r#"Place(id: "o_town", name: "Oria harbour town", country: Some("oria"), kind: City, calls_at: ["o_port"]),"#,
        )
        .replace(
            r#"Place(id: "trawler", name: "Trawler Thal Fortune 9", country: Some("thal"), kind: Vessel),"#,
            r#"Place(id: "trawler", name: "Trawler Thal Fortune 9", country: Some("thal"), kind: Vessel, calls_at: ["o_town"]),"#,
        );
    let err = undertow::scenario::parse_scenario(FLEET, &bad)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("place `o_town` is a city, not a vessel: only a vessel puts into ports"),
        "{err}"
    );
    assert!(
        err.contains("place `trawler` puts into `o_town`, a city, not a port"),
        "{err}"
    );
}
