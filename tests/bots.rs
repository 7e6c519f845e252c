//! Bots decide from events, never from the words of a message.

mod common;

use undertow::bots::Policy;
use undertow::engine::orders::Target;
use undertow::scenario::ActionKind;
use undertow::session::Session;

/// The flagship's turn-5 Mayday never says "distress": the coast guards must
/// answer it from the inject's event alone.
#[test]
fn coast_guards_answer_a_mayday_whatever_its_wording() {
    let path = "scenarios/maritime-route.ron";
    let text = std::fs::read_to_string(path).expect("the flagship reads");
    assert!(
        !text
            .lines()
            .skip_while(|l| !l.contains("mayday_pulau_batu"))
            .take(5)
            .any(|l| l.to_lowercase().contains("distress")),
        "the test needs a Mayday worded without the word distress"
    );
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    let mut session = Session::start(path, &text, scenario, catalog, seed, None).expect("starts");
    for _ in 0..5 {
        for t in 0..session.setup().teams.len() {
            let orders = session.bot_orders(t, Policy::Baseline);
            session.set_orders(t, orders);
        }
        session.commit().expect("commits");
    }
    let coast_guard = session
        .setup()
        .team("maluna_coast_guard")
        .expect("the flagship has a Maluna coast guard");
    let orders = session.bot_orders(coast_guard, Policy::Baseline);
    assert!(
        orders
            .iter()
            .any(|o| o.action == ActionKind::SearchAndRescue
                && o.target == Target::Route("archipelago".into())),
        "no search and rescue ordered after the Mayday: {orders:?}"
    );
}
