//! What goes over the wire reads back as it was sent: every team's view,
//! after a run of every shipped scenario and of the small worlds that use
//! what no shipped scenario does (companies and licences, vessels), encodes
//! to JSON and decodes to the same view. A value with no spelling to read
//! back (a new status, a scenario's own indicator) would break a networked
//! client mid-exercise.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::setup::TeamIx;
use undertow::session::Session;
use undertow::view::TeamView;

fn start(path: &str) -> Session {
    let text = std::fs::read_to_string(path).expect("the scenario reads");
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(path, &text, scenario, catalog, 3, None).expect("starts")
}

#[test]
fn every_teams_view_reads_back_from_its_json_after_a_run() {
    for path in [
        "scenarios/tutorial.ron",
        "scenarios/maritime-route.ron",
        "scenarios/air-corridor.ron",
        "scenarios/scam-compound.ron",
        "tests/fixtures/labour/agency.ron",
        "tests/fixtures/vessels/fishing.ron",
    ] {
        let mut s = start(path);
        for _ in 0..s.turns().min(16) {
            for t in TeamIx::all(s.setup().teams.len()) {
                let orders = s.bot_orders(t, Policy::Baseline);
                s.set_orders(t, orders);
            }
            s.commit().expect("commits");
        }
        for t in TeamIx::all(s.setup().teams.len()) {
            let view = s.view(t);
            let json = serde_json::to_string(&view).expect("the view encodes");
            let back: TeamView = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{path}, team {}: {e}", view.team.id));
            assert_eq!(back, view, "{path}, team {}", view.team.id);
        }
    }
}
