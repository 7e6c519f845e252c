//! The lessons the exercise must make playable, shown in the model over
//! several seeds: evidence versus intelligence, joint teams versus MLA,
//! screening versus routine processing, returns with and without support.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::engine::events::Event;
use undertow::engine::knowledge::{Channel, Evidence, Source};
use undertow::engine::orders::{Order, Target, TurnInput};
use undertow::engine::setup::Setup;
use undertow::engine::state::{ActorStatus, GroupStatus};
use undertow::engine::{Engine, Snapshot};
use undertow::scenario::{ActionKind, Indicator};

mod common;
const SEEDS: std::ops::RangeInclusive<u64> = 1..=8;

fn setup() -> Setup {
    common::mini()
}

fn order(team: &str, action: ActionKind, target: Target, about: Option<&str>) -> Order {
    Order {
        team: team.into(),
        action,
        target,
        about: about.map(str::to_string),
    }
}

fn step(engine: &mut Engine, orders: Vec<Order>) {
    engine.step(TurnInput {
        orders,
        ..Default::default()
    });
}

/// Destia Police holds the broker; Transia Police gathered strong evidence on him
/// and passed it informally.
fn broker_case(s: &Setup) -> Snapshot {
    let mut snap = Engine::initial_snapshot(s);
    let broker = s.actor("broker").expect("broker");
    let dest = s.team("dest_police").expect("team");
    let trans = s.team("trans_police").expect("team");
    let transia = s.teams[trans].country;
    snap.actors[broker].status = ActorStatus::Arrested;
    snap.actors[broker].custody = Some(dest);
    if let Some(i) = snap.knowledge.0[dest].actors.get_mut(&broker) {
        i.status = Some(ActorStatus::Arrested);
        i.held = true;
    }
    let intel = |channel| Evidence {
        strength: 6,
        channel,
        jurisdiction: transia,
        source: Source::Shared(trans),
        turn: 0,
    };
    snap.knowledge.0[dest].add_evidence(broker, intel(Channel::Informal));
    let own = Evidence {
        strength: 6,
        channel: Channel::Domestic,
        jurisdiction: transia,
        source: Source::Interception,
        turn: 0,
    };
    snap.knowledge.0[trans].add_evidence(broker, own);
    let seen = snap.knowledge.0[dest].actors[&broker].clone();
    snap.knowledge.0[trans].learn_actor(broker, seen);
    snap
}

fn refused(engine: &mut Engine, team: usize) -> bool {
    engine.snapshot().knowledge.0[team]
        .messages
        .iter()
        .rev()
        .take_while(|m| m.turn == engine.turn())
        .any(|m| {
            matches!(
                m.event,
                Event::OrderRefused {
                    action: ActionKind::Prosecution,
                    ..
                }
            )
        })
}

#[test]
fn informal_intelligence_alone_does_not_convict_abroad_formalised_evidence_does() {
    let s = setup();
    let dest = s.team("dest_police").expect("team");
    let prosecute = || {
        vec![order(
            "dest_police",
            ActionKind::Prosecution,
            Target::Actor("broker".into()),
            None,
        )]
    };
    let mut engine = Engine::restore(s.clone(), 3, broker_case(&s)).expect("restores");
    step(&mut engine, prosecute());
    assert!(
        refused(&mut engine, dest),
        "a court admits no informal intelligence"
    );

    let mut engine = Engine::restore(s.clone(), 3, broker_case(&s)).expect("restores");
    step(
        &mut engine,
        vec![order(
            "dest_police",
            ActionKind::MlaRequest,
            Target::Team("trans_police".into()),
            Some("broker"),
        )],
    );
    let delay = s.countries[s.teams[s.team("trans_police").expect("team")].country]
        .law
        .mla_delay;
    for _ in 1..delay {
        step(&mut engine, prosecute());
        assert!(
            refused(&mut engine, dest),
            "before the MLA reply, still refused"
        );
    }
    step(&mut engine, Vec::new());
    step(&mut engine, prosecute());
    assert!(
        !refused(&mut engine, dest),
        "after the MLA reply the case goes to court"
    );
}

/// Turns until Destia Police holds admissible evidence enough to charge the broker.
fn turns_to_admissible(via_jit: bool) -> u32 {
    let s = setup();
    let dest = s.team("dest_police").expect("team");
    let broker = s.actor("broker").expect("broker");
    let threshold = s.law_of_team(dest).charge_threshold;
    let mut engine = Engine::restore(s.clone(), 5, broker_case(&s)).expect("restores");
    for turn in 1..=20 {
        let orders = match (via_jit, turn) {
            (true, 1) => vec![order(
                "dest_police",
                ActionKind::JitProposal,
                Target::Team("trans_police".into()),
                None,
            )],
            (true, 2) => vec![order(
                "trans_police",
                ActionKind::JitAccept,
                Target::Team("dest_police".into()),
                None,
            )],
            (false, 1) => vec![order(
                "dest_police",
                ActionKind::MlaRequest,
                Target::Team("trans_police".into()),
                Some("broker"),
            )],
            _ => Vec::new(),
        };
        step(&mut engine, orders);
        if engine.snapshot().knowledge.0[dest].admissible_total(broker) >= threshold {
            return turn;
        }
    }
    u32::MAX
}

#[test]
fn a_joint_team_gets_admissible_evidence_to_court_sooner_than_mla() {
    let jit = turns_to_admissible(true);
    let mla = turns_to_admissible(false);
    assert!(jit < mla, "joint team {jit} turns, MLA {mla} turns");
    assert!(mla < u32::MAX, "MLA does arrive");
}

/// A trafficked group held by Transia Police after an interception.
fn held_victims(s: &Setup) -> Snapshot {
    let mut snap = Engine::initial_snapshot(s);
    let trans = s.team("trans_police").expect("team");
    let g = snap.groups.iter_mut().find(|g| g.id == "g2").expect("g2");
    g.status = GroupStatus::Intercepted;
    g.custody = Some(trans);
    g.held_since = 0;
    g.indicators = vec![Indicator::Deception, Indicator::DebtBondage];
    let g = g.clone();
    undertow::engine::systems::maritime::hand_over(s, &mut snap.knowledge, trans, &g, 0);
    snap
}

#[test]
fn screening_finds_victims_that_routine_processing_misses() {
    let s = setup();
    let mut screened_found = 0;
    for seed in SEEDS {
        let mut engine = Engine::restore(s.clone(), seed, held_victims(&s)).expect("restores");
        for turn in 1..=3 {
            let orders = if turn == 1 {
                vec![order(
                    "trans_police",
                    ActionKind::ScreeningInterview,
                    Target::Group("g2".into()),
                    None,
                )]
            } else {
                Vec::new()
            };
            engine.step(TurnInput {
                orders,
                ..Default::default()
            });
        }
        let m = engine.step(TurnInput::default()).metrics.metrics;
        if m["victims_identified"] >= 12 {
            screened_found += 1;
        }

        let mut routine = Engine::restore(s.clone(), seed, held_victims(&s)).expect("restores");
        let mut last = routine.step(TurnInput::default());
        for _ in 0..4 {
            last = routine.step(TurnInput::default());
        }
        let m = last.metrics.metrics;
        assert_eq!(
            m["victims_identified"], 0,
            "seed {seed}: routine processing identifies nobody"
        );
        assert!(m["migrants_criminalised"] >= 12, "seed {seed}: {m:?}");
    }
    assert!(
        screened_found >= 5,
        "screening found the victims in {screened_found} of 8 seeds"
    );
}

#[test]
fn returns_without_reintegration_lead_to_re_trafficking_more_often() {
    let s = setup();
    let mut totals = [0i64; 2];
    for seed in 1..=16 {
        for (k, action) in [
            ActionKind::Repatriation,
            ActionKind::RepatriationWithReintegration,
        ]
        .into_iter()
        .enumerate()
        {
            let snap = held_victims(&s);
            let mut engine = Engine::restore(s.clone(), seed, snap).expect("restores");
            step(
                &mut engine,
                vec![order(
                    "trans_immigration",
                    action,
                    Target::Group("g2".into()),
                    None,
                )],
            );
            let mut last = engine.step(TurnInput::default());
            for _ in 0..10 {
                last = engine.step(TurnInput::default());
            }
            totals[k] += last.metrics.metrics["re_trafficked"];
        }
    }
    assert!(
        totals[0] > totals[1] * 2,
        "bare returns {} vs supported returns {}",
        totals[0],
        totals[1]
    );
}

/// Final (disruption, protection) summed over the seeds, for cooperative and siloed bots.
fn cooperative_and_siloed_totals() -> [[i64; 2]; 2] {
    use undertow::bots::Policy;
    let mut totals = [[0i64; 2]; 2];
    for seed in SEEDS {
        for (k, policy) in [Policy::Cooperative, Policy::Siloed]
            .into_iter()
            .enumerate()
        {
            let m = common::play_to_end("scenarios/maritime-route.ron", policy, seed);
            totals[k][0] += m["disruption_score"];
            totals[k][1] += m["protection_score"];
        }
    }
    totals
}

#[test]
fn cooperative_bots_beat_siloed_bots_on_disruption_in_the_flagship() {
    let [coop, siloed] = cooperative_and_siloed_totals();
    assert!(
        coop[0] > siloed[0],
        "disruption: cooperative {} vs siloed {}",
        coop[0],
        siloed[0]
    );
}

/// The model does not teach this yet: over eight seeds the two policies are
/// within noise of each other on protection, and which one leads depends on
/// the seeds. The cooperation issue rebuilds the mechanics that should make
/// it hold.
#[test]
#[ignore = "cooperation does not yet pay on protection (the cooperation issue)"]
fn cooperative_bots_beat_siloed_bots_on_protection_in_the_flagship() {
    let [coop, siloed] = cooperative_and_siloed_totals();
    assert!(
        coop[1] > siloed[1],
        "protection: cooperative {} vs siloed {}",
        coop[1],
        siloed[1]
    );
}
