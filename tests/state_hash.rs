//! The state hash streamed from the world equals the hash of the snapshot
//! the journal stores, turn after turn: the two cannot drift apart.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::{BotKey, Policy};
use undertow::engine::orders::TurnInput;
use undertow::engine::setup::{Setup, TeamIx};
use undertow::engine::{Engine, hash_snapshot};
use undertow::scenario::{default_catalog, parse_scenario, resolve_catalog};
use undertow::view::team_view;

#[test]
fn streamed_hash_equals_snapshot_hash() {
    let text = include_str!("../scenarios/maritime-route.ron");
    let scenario = parse_scenario("maritime-route.ron", text).expect("the flagship validates");
    let catalog = resolve_catalog(&default_catalog(), &scenario);
    let seed = scenario.seed;
    let setup = Setup::new(scenario, catalog).expect("the flagship indexes");
    let mut engine = Engine::new(setup, seed).expect("the schedule builds");
    for _ in 0..12 {
        let snapshot = engine.snapshot();
        assert_eq!(
            engine.state_hash(),
            hash_snapshot(&snapshot, engine.setup())
        );
        // A snapshot decoded from the journal's encoding holds the events, not
        // their words; its hash renders them again and must not change.
        let bytes = postcard::to_stdvec(&snapshot).expect("the snapshot encodes");
        let decoded: undertow::engine::Snapshot =
            postcard::from_bytes(&bytes).expect("the snapshot decodes");
        assert_eq!(engine.state_hash(), hash_snapshot(&decoded, engine.setup()));
        let setup = engine.setup();
        let orders = (0..setup.teams.len())
            .flat_map(|team| {
                let view = team_view(setup, seed, &snapshot, TeamIx(team));
                Policy::Baseline.decide(&view, &BotKey::derive(seed, &setup.teams[team].id))
            })
            .collect();
        let out = engine.step(TurnInput {
            orders,
            ..TurnInput::default()
        });
        let after = engine.snapshot();
        assert_eq!(out.state_hash, hash_snapshot(&after, engine.setup()));
    }
}
