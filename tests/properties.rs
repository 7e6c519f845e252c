//! Property tests: determinism under random orders, snapshot and restore, and
//! fog of war (no team view holds what its team has not learned).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use proptest::prelude::*;
use undertow::bots::Policy;
use undertow::engine::Engine;
use undertow::engine::orders::{Order, Target, TurnInput};
use undertow::engine::setup::{ActorIx, Setup, TeamIx};
use undertow::scenario::ActionKind;
use undertow::session::Session;
use undertow::view::team_view;

mod common;
use common::MINI;

fn setup() -> Setup {
    common::mini()
}

/// A random order from the pieces of the mini scenario, valid or not.
fn order() -> impl Strategy<Value = Order> {
    let s = setup();
    let teams: Vec<String> = s.teams.iter().map(|t| t.id.clone()).collect();
    let actors: Vec<String> = s.actors.iter().map(|a| a.id.clone()).collect();
    let routes: Vec<String> = s.routes.iter().map(|r| r.id.clone()).collect();
    let kinds: Vec<ActionKind> = s.catalog.actions.iter().map(|a| a.kind).collect();
    let targets = prop_oneof![
        Just(Target::Nothing),
        proptest::sample::select(actors.clone()).prop_map(Target::Actor),
        proptest::sample::select(teams.clone()).prop_map(Target::Team),
        proptest::sample::select(routes).prop_map(Target::Route),
        proptest::sample::select(vec!["g1".to_string(), "g2".to_string(), "nope".to_string()])
            .prop_map(Target::Group),
    ];
    (
        proptest::sample::select(teams),
        proptest::sample::select(kinds),
        targets,
        proptest::option::of(proptest::sample::select(actors)),
        proptest::option::of(0u32..20),
    )
        .prop_map(|(team, action, target, about, day)| Order {
            team,
            action,
            target,
            about,
            day,
        })
}

fn script() -> impl Strategy<Value = Vec<Vec<Order>>> {
    proptest::collection::vec(proptest::collection::vec(order(), 0..8), 12)
}

fn play(script: &[Vec<Order>]) -> Vec<String> {
    let mut engine = Engine::new(setup(), 99).expect("engine");
    script
        .iter()
        .map(|orders| {
            engine
                .step(TurnInput {
                    orders: orders.clone(),
                    ..Default::default()
                })
                .state_hash
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn random_order_scripts_replay_to_the_same_hashes(script in script()) {
        prop_assert_eq!(play(&script), play(&script));
    }

    #[test]
    fn snapshot_restore_continue_matches_never_stopping(script in script(), stop in 1usize..11) {
        let straight = play(&script);
        let mut engine = Engine::new(setup(), 99).expect("engine");
        for orders in &script[..stop] {
            engine.step(TurnInput { orders: orders.clone(), ..Default::default() });
        }
        let snap = engine.snapshot();
        // Through the journal's own encoding, as a resume would read it.
        let record = undertow::journal::Record::Snapshot { turn: snap.turn, state: Box::new(snap) };
        let line = undertow::journal::encode(&record).expect("encodes");
        let json = line.split_once(' ').map(|(_, j)| j.trim_end()).unwrap_or_default();
        let back: undertow::journal::Record = serde_json::from_str(json).expect("decodes");
        let undertow::journal::Record::Snapshot { state, .. } = back else { panic!("not a snapshot") };
        let mut restored = Engine::restore(setup(), 99, *state).expect("restores");
        let mut hashes = straight[..stop].to_vec();
        for orders in &script[stop..] {
            hashes.push(restored.step(TurnInput { orders: orders.clone(), ..Default::default() }).state_hash);
        }
        prop_assert_eq!(hashes, straight);
    }

    #[test]
    fn no_team_view_holds_what_the_team_has_not_learned(seed in 0u64..1000, policy in prop_oneof![Just(Policy::Baseline), Just(Policy::Cooperative)]) {
        let s = setup();
        let mut session = Session::start("mini.ron", MINI, s.scenario.clone(), s.catalog.clone(), seed, None).expect("session");
        while !session.finished() {
            for t in TeamIx::all(s.teams.len()) {
                let o = session.bot_orders(t, policy);
                session.set_orders(t, o);
            }
            session.commit().expect("commit");
            let snap = session.snapshot();
            for t in TeamIx::all(s.teams.len()) {
                let know = &snap.knowledge.0[t];
                let view = team_view(&s, seed, snap, t);
                let json = serde_json::to_string(&view).expect("view serialises");
                for (a, actor) in s.actors.iter().enumerate() {
                    let intel = know.actors.get(&ActorIx(a));
                    if intel.is_none_or(|i| !i.identified) {
                        prop_assert!(!json.contains(&format!("\"{}\"", actor.name)), "team {} sees the name of {}", t, actor.id);
                        prop_assert!(!json.contains(&format!("\"{}\"", actor.id)), "team {} sees the id of {}", t, actor.id);
                    }
                    if intel.is_none()
                        && let Some(alias) = &actor.alias
                    {
                        prop_assert!(!json.contains(alias.as_str()), "team {} sees the alias of {}", t, actor.id);
                    }
                }
                prop_assert_eq!(view.persons.len(), know.actors.len());
                for link in &view.links {
                    prop_assert!(view.persons.iter().any(|p| p.reference == link.a));
                    prop_assert!(view.persons.iter().any(|p| p.reference == link.b));
                }
                for place in &view.places {
                    let p = s.place(&place.id).expect("a real place");
                    prop_assert!(know.places.contains(&p), "team {} sees place {}", t, place.id);
                }
                for g in &view.groups {
                    prop_assert!(know.groups.values().any(|k| k.id == g.id));
                }
            }
        }
    }
}
