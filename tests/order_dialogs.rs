//! What an order dialog says of a target is true for that target: each
//! prerequisite met or not, in the team's own numbers.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::orders::Target;
use undertow::scenario::{ActionKind, Prerequisite};
use undertow::session::Session;

#[test]
fn each_requirement_is_checked_against_the_target_with_the_teams_numbers() {
    let path = "scenarios/tutorial.ron";
    let text = std::fs::read_to_string(path).unwrap();
    let scenario = undertow::scenario::parse_scenario(path, &text).unwrap();
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let mut session = Session::start(path, &text, scenario, catalog, 1, None).unwrap();
    let mut checked = 0;
    while !session.finished() {
        for t in 0..session.setup().teams.len() {
            let law = session.setup().law_of_team(t).clone();
            let view = session.view(t);
            for opt in &view.actions {
                // Said before a target is chosen: never a failure stated as a fact.
                for r in &opt.requires {
                    assert!(
                        r.starts_with("needs ") && !r.contains("does not") && !r.contains(" 0 of "),
                        "{}: {r}",
                        opt.name
                    );
                }
                if opt.kind != ActionKind::Interception {
                    continue;
                }
                let def = session.setup().action(opt.kind).unwrap().clone();
                for choice in &opt.targets {
                    let Target::Actor(reference) = &choice.target else {
                        continue;
                    };
                    let person = view
                        .persons
                        .iter()
                        .find(|p| &p.reference == reference)
                        .unwrap();
                    assert_eq!(choice.requirements.len(), def.requires.len());
                    for (req, shown) in def.requires.iter().zip(&choice.requirements) {
                        let expected = match req {
                            Prerequisite::InterceptionThreshold => Some((
                                format!(
                                    "a warrant: admissible evidence {} of {}",
                                    person.admissible, law.interception_threshold
                                ),
                                person.admissible >= law.interception_threshold,
                            )),
                            Prerequisite::InterceptionAllowed => Some((
                                "interception allowed by your law".to_string(),
                                law.interception_allowed,
                            )),
                            _ => None,
                        };
                        if let Some((text, met)) = expected {
                            assert_eq!((shown.text.as_str(), shown.met), (text.as_str(), met));
                            checked += 1;
                        }
                    }
                    // Blocked exactly when a requirement is not met (or
                    // capacity runs short, which is no prerequisite).
                    if choice.requirements.iter().any(|r| !r.met) {
                        assert!(choice.blocked.is_some(), "{choice:?}");
                    }
                }
            }
            let orders = session.bot_orders(t, Policy::Baseline);
            session.set_orders(t, orders);
        }
        session.commit().unwrap();
    }
    assert!(
        checked > 10,
        "interception targets were checked ({checked})"
    );
}
