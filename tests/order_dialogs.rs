//! What an order dialog says of a target is true for that target: each
//! prerequisite met or not, in the team's own numbers.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::orders::Target;
use undertow::engine::setup::TeamIx;
use undertow::scenario::{ActionKind, Prerequisite};
use undertow::session::Session;

#[test]
fn each_requirement_is_checked_against_the_target_with_the_teams_numbers() {
    let mut session = start("scenarios/tutorial.ron");
    let mut checked = 0;
    while !session.finished() {
        for t in TeamIx::all(session.setup().teams.len()) {
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

/// A session of a shipped scenario at turn 0, seed 1.
fn start(path: &str) -> Session {
    let text = std::fs::read_to_string(path).unwrap();
    let scenario = undertow::scenario::parse_scenario(path, &text).unwrap();
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(path, &text, scenario, catalog, 1, None).unwrap()
}

/// The targets of an action in a team's view, with why each is blocked.
fn choices(session: &Session, team: &str, kind: ActionKind) -> Vec<(Target, Option<String>)> {
    let t = session.setup().team(team).unwrap();
    let view = session.view(t);
    let opt = view.actions.iter().find(|a| a.kind == kind).unwrap();
    opt.targets
        .iter()
        .map(|c| (c.target.clone(), c.blocked.clone()))
        .collect()
}

/// Consent to board answers another country's request: the dialog offers
/// no team of the flag state's own country, and says of each other team
/// whether it has asked.
#[test]
fn the_consent_dialog_offers_teams_abroad_and_says_which_have_asked() {
    let mut session = start("scenarios/maritime-route.ron");
    let meridia_cg = Target::Team("meridia_coast_guard".into());
    let before = choices(&session, "maluna_coast_guard", ActionKind::BoardingConsent);
    assert!(!before.is_empty());
    for (target, blocked) in &before {
        let Target::Team(id) = target else {
            panic!("{target:?}")
        };
        assert!(!id.starts_with("maluna"), "a team at home offered: {id}");
        assert_eq!(
            blocked.as_deref(),
            Some("that team has not asked to board boats flying your flag"),
            "{id}"
        );
    }
    let asker = session.setup().team("meridia_coast_guard").unwrap();
    session.set_orders(
        asker,
        vec![undertow::engine::orders::Order {
            team: "meridia_coast_guard".into(),
            action: ActionKind::BoardingConsentRequest,
            target: Target::Route("archipelago".into()),
            about: None,
            day: None,
        }],
    );
    session.commit().unwrap();
    let after = choices(&session, "maluna_coast_guard", ActionKind::BoardingConsent);
    let asked = after.iter().find(|(t, _)| *t == meridia_cg).unwrap();
    assert_eq!(asked.1, None);
    let others = after.iter().filter(|(t, _)| *t != meridia_cg);
    assert!(others.clone().count() > 0);
    assert!(others.into_iter().all(|(_, b)| b.is_some()));
}

/// An MLA request goes to another country: the dialog offers no team at home.
#[test]
fn requests_abroad_offer_no_team_at_home() {
    let session = start("scenarios/maritime-route.ron");
    for kind in [
        ActionKind::MlaRequest,
        ActionKind::JitProposal,
        ActionKind::ActionDayProposal,
        ActionKind::ActionDayAccept,
    ] {
        let offered = choices(&session, "meridia_federal_police", kind);
        assert!(!offered.is_empty(), "{kind:?}");
        for (target, _) in offered {
            let Target::Team(id) = &target else {
                panic!("{target:?}")
            };
            assert!(!id.starts_with("meridia"), "{kind:?} offers {id}");
        }
    }
}
