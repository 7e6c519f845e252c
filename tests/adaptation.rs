//! The network adapts: displacement, replacement, recovery from arrests of
//! aides only, and organisers insulating themselves. Each over several seeds.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::orders::{Order, Target, TurnInput};
use undertow::engine::setup::{Setup, TeamIx};
use undertow::engine::state::ActorStatus;
use undertow::engine::systems::network::organiser_exposure;
use undertow::engine::{Engine, Snapshot};
use undertow::scenario::{ActionKind, Role};

mod common;
const SEEDS: std::ops::RangeInclusive<u64> = 1..=8;

fn setup() -> Setup {
    common::mini()
}

fn arrest(snap: &mut Snapshot, s: &Setup, ids: &[&str]) {
    for id in ids {
        let a = s.actor(id).expect("actor exists");
        let st = &mut snap.actors[a];
        st.status = ActorStatus::Arrested;
        st.custody = Some(TeamIx(0));
        st.vacant_since = Some(0);
        for t in &snap.network.ties[a] {
            snap.network.tip_offs.push((t.other, 40));
        }
    }
}

fn run_passive(engine: &mut Engine, turns: u32) -> Vec<i64> {
    (0..turns)
        .map(|_| engine.step(TurnInput::default()).metrics.metrics["network_capability"])
        .collect()
}

#[test]
fn interdiction_on_one_route_displaces_flow_to_the_other() {
    let s = setup();
    let land = s.route("land").expect("land route");
    let mut more = 0;
    for seed in SEEDS {
        let count_land = |interdict: bool| {
            let mut engine = Engine::new(s.clone(), seed).expect("engine");
            for _ in 0..12 {
                let orders = if interdict {
                    vec![Order {
                        team: "trans_cg".into(),
                        action: ActionKind::Interdiction,
                        target: Target::Route("sea".into()),
                        about: None,
                        day: None,
                    }]
                } else {
                    Vec::new()
                };
                engine.step(TurnInput {
                    orders,
                    ..Default::default()
                });
            }
            let snap = engine.snapshot();
            snap.groups
                .iter()
                .filter(|g| g.route == land && g.seq >= 2)
                .map(|g| g.size)
                .sum::<u32>()
        };
        if count_land(true) > count_land(false) {
            more += 1;
        }
    }
    assert!(more >= 6, "land flow rose in only {more} of 8 seeds");
}

#[test]
fn arrested_aides_are_replaced_within_a_few_turns() {
    let s = setup();
    let captain = s.actor("cap1").expect("cap1");
    let reserve = s.actor("cap2").expect("cap2");
    let mut replaced = 0;
    for seed in SEEDS {
        let mut snap = Engine::initial_snapshot(&s);
        arrest(&mut snap, &s, &["cap1"]);
        let mut engine = Engine::restore(s.clone(), seed, snap).expect("restores");
        run_passive(&mut engine, 5);
        let after = engine.snapshot();
        if after.actors[reserve].status == ActorStatus::Active && after.actors[captain].replaced {
            replaced += 1;
        }
    }
    assert!(
        replaced >= 6,
        "the captain was replaced in only {replaced} of 8 seeds"
    );
}

#[test]
fn arresting_only_low_level_members_lets_capability_recover() {
    let s = setup();
    let aides: Vec<&str> = s
        .actors
        .iter()
        .filter(|a| matches!(a.role, Role::BoatCaptain | Role::Transporter) && !a.reserve)
        .map(|a| a.id.as_str())
        .collect();
    for seed in SEEDS {
        let mut snap = Engine::initial_snapshot(&s);
        arrest(&mut snap, &s, &aides);
        let mut engine = Engine::restore(s.clone(), seed, snap).expect("restores");
        let caps = run_passive(&mut engine, 10);
        let low = *caps.iter().min().expect("turns");
        assert!(
            caps[9] > low || low >= 950,
            "seed {seed}: no recovery from {low}: {caps:?}"
        );
        assert!(
            caps[9] >= 930,
            "seed {seed}: crews are cheap, yet capability stays at {}",
            caps[9]
        );

        let mut snap = Engine::initial_snapshot(&s);
        arrest(&mut snap, &s, &["boss", "boss2"]);
        let mut engine = Engine::restore(s.clone(), seed, snap).expect("restores");
        let organisers = run_passive(&mut engine, 10);
        assert!(
            organisers[9] + 150 < caps[9],
            "seed {seed}: organisers {organisers:?} vs aides {caps:?}"
        );
    }
}

#[test]
fn organisers_exposure_falls_under_pressure() {
    let s = setup();
    let boss2 = s.actor("boss2").expect("boss2");
    for seed in SEEDS {
        let snap = Engine::initial_snapshot(&s);
        let before = organiser_exposure(&s, &snap.network, boss2);
        let mut pressed = snap.clone();
        arrest(&mut pressed, &s, &["cap1", "drv1"]);
        let mut engine = Engine::restore(s.clone(), seed, pressed).expect("restores");
        run_passive(&mut engine, 4);
        let after = organiser_exposure(&s, &engine.snapshot().network, boss2);
        assert!(after < before, "seed {seed}: exposure {before} -> {after}");

        let mut calm = Engine::restore(s.clone(), seed, snap).expect("restores");
        run_passive(&mut calm, 4);
        assert_eq!(
            organiser_exposure(&s, &calm.snapshot().network, boss2),
            before,
            "no pressure, no change"
        );
    }
}

#[test]
fn baseline_bots_disrupt_the_flagship_more_than_passive_ones() {
    for seed in 1..=3 {
        let finish =
            |policy: Policy| common::play_to_end("scenarios/maritime-route.ron", policy, seed);
        let passive = finish(Policy::Passive);
        let baseline = finish(Policy::Baseline);
        assert_eq!(passive["network_capability"], 1000);
        assert!(
            baseline["network_capability"] <= 950,
            "seed {seed}: {baseline:?}"
        );
        assert!(
            baseline["arrested"] >= 10 && baseline["convicted"] >= 3,
            "seed {seed}: {baseline:?}"
        );
        assert!(
            baseline["lives_lost"] < passive["lives_lost"],
            "seed {seed}: lives {baseline:?} vs {passive:?}"
        );
        assert!(baseline["disruption_score"] > passive["disruption_score"] + 50);
    }
}
