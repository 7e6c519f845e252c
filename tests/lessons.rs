//! The lessons the exercise must make playable, shown in the model over
//! several seeds: evidence versus intelligence, joint teams versus MLA,
//! screening versus routine processing, returns with and without support.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::engine::events::Event;
use undertow::engine::knowledge::{Channel, Crossing, Evidence, Source};
use undertow::engine::orders::{Order, Target, TurnInput};
use undertow::engine::setup::{Setup, TeamIx};
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
        day: None,
    }
}

fn step(engine: &mut Engine, orders: Vec<Order>) {
    engine.step(TurnInput {
        orders,
        ..Default::default()
    });
}

/// Destia Police holds the broker; Transia Police gathered strong evidence on him
/// and passed it informally. Destia holds the migrants' account of a crossing
/// it took itself, so that only the evidence against the broker is in question.
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
    snap.knowledge.0[dest].record_crossing(
        0,
        Crossing {
            channel: Channel::Domestic,
            jurisdiction: s.teams[dest].country,
            turn: 0,
        },
    );
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
        refused(&mut engine, dest.index()),
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
            refused(&mut engine, dest.index()),
            "before the MLA reply, still refused"
        );
    }
    step(&mut engine, Vec::new());
    step(&mut engine, prosecute());
    assert!(
        !refused(&mut engine, dest.index()),
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
    g.indicators = vec![Indicator::DECEPTION, Indicator::DEBT_BONDAGE];
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

/// Seeds for the lessons played by bots on the shipped scenarios.
const BOT_SEEDS: std::ops::RangeInclusive<u64> = 1..=20;

/// A metric's final values over [`BOT_SEEDS`] for one policy on a shipped
/// scenario, played as `undertow sweep` plays it.
fn finals(path: &str, policy: &str, metric: &str) -> Vec<f64> {
    finals_over(path, policy, metric, BOT_SEEDS)
}

/// A metric's final values over some seeds for one policy on a shipped scenario.
fn finals_over(
    path: &str,
    policy: &str,
    metric: &str,
    seeds: std::ops::RangeInclusive<u64>,
) -> Vec<f64> {
    use std::sync::atomic::AtomicBool;
    let setup = shipped(path);
    let policy = undertow::bots::Policy::from_name(policy).expect("a policy");
    let metric = undertow::scenario::Metric::from_key(metric).expect("a metric");
    let stop = AtomicBool::new(false);
    seeds
        .map(|seed| {
            let run = undertow::sweep::play(&setup, path, policy, seed, None, &stop)
                .expect("plays")
                .expect("not stopped");
            run.metrics.get(metric) as f64
        })
        .collect()
}

/// A shipped scenario, loaded as `undertow sweep` loads it.
fn shipped(path: &str) -> Setup {
    let text = std::fs::read_to_string(path).expect("scenario reads");
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("scenario parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Setup::new(scenario, catalog).expect("scenario indexes")
}

/// Welch's test of `a` against `b` on a metric over [`BOT_SEEDS`].
fn compare(path: &str, a: &str, b: &str, metric: &str) -> undertow::sweep::stats::Welch {
    let (x, y) = (finals(path, a, metric), finals(path, b, metric));
    undertow::sweep::stats::Welch::test(&x, &y).expect("twenty runs each")
}

const MARITIME: &str = "scenarios/maritime-route.ron";
const AIR: &str = "scenarios/air-corridor.ron";
const SCAM: &str = "scenarios/scam-compound.ron";

/// Welch's test of `a` against `b` on a metric over some seeds.
fn compare_over(
    path: &str,
    (a, b): (&str, &str),
    metric: &str,
    seeds: std::ops::RangeInclusive<u64>,
) -> undertow::sweep::stats::Welch {
    let x = finals_over(path, a, metric, seeds.clone());
    let y = finals_over(path, b, metric, seeds);
    undertow::sweep::stats::Welch::test(&x, &y).expect("runs enough")
}

/// In air-corridor the gap is smaller (83 vs 68 over seeds 1–100) and
/// twenty seeds cannot always tell it from noise.
#[test]
fn forces_that_cooperate_disrupt_more_than_forces_that_keep_their_files() {
    let w = compare(MARITIME, "cooperative", "siloed", "disruption_score");
    assert!(w.p_higher < 0.05, "maritime-route: {w:?}");
    let pair = ("cooperative", "siloed");
    let w = compare_over(AIR, pair, "disruption_score", 1..=100);
    assert!(w.p_higher < 0.05, "air-corridor: {w:?}");
}

/// In maritime-route the boats cross international waters under Maluna's
/// flag: Meridia's coast guard boards them there only with Maluna's consent.
#[test]
fn a_coast_guard_that_asks_the_flag_state_stops_more_boats() {
    let w = compare(MARITIME, "cooperative", "siloed", "groups_intercepted");
    assert!(w.p_higher < 0.05, "maritime-route: {w:?}");
}

#[test]
fn cooperation_costs_nothing_in_protection() {
    for path in [MARITIME, AIR] {
        let w = compare(path, "cooperative", "siloed", "protection_score");
        assert!(
            w.p_lower >= 0.05,
            "{path}: cooperative worse on protection: {w:?}"
        );
    }
}

#[test]
fn arresting_only_the_crews_leaves_the_network_and_convicts_almost_no_organiser() {
    for path in [MARITIME, AIR] {
        let w = compare(path, "crews-only", "baseline", "network_capability");
        assert!(w.p_higher < 0.05, "{path}: {w:?}");
        let organisers = finals(path, "crews-only", "organisers_convicted");
        let total: f64 = organisers.iter().sum();
        assert!(
            total <= 1.0,
            "{path}: crews-only convicted {total} organisers"
        );
    }
}

#[test]
fn investigation_disrupts_more_than_waiting() {
    for path in [MARITIME, AIR, SCAM] {
        let w = compare(path, "baseline", "passive", "disruption_score");
        assert!(w.p_higher < 0.05, "{path}: {w:?}");
    }
}

/// Organisers who sense the net closing run the business from abroad, with
/// kin or a partner in another country: only a red notice and the country
/// they went to bring them back to a court. Over seeds 1–40 (an organiser
/// is convicted or not, so twenty seeds are too few to tell 2.1 from 1.6).
#[test]
fn forces_that_cooperate_convict_more_organisers() {
    let (x, y) = (
        finals_over(MARITIME, "cooperative", "organisers_convicted", 1..=40),
        finals_over(MARITIME, "siloed", "organisers_convicted", 1..=40),
    );
    let w = undertow::sweep::stats::Welch::test(&x, &y).expect("forty runs each");
    assert!(w.p_higher < 0.05, "maritime-route: {w:?}");
}

/// In air-corridor, too, though the effect is small (0.55 vs 0.31 over
/// seeds 1–100): a hundred seeds.
#[test]
fn forces_that_cooperate_convict_more_organisers_on_the_air_route() {
    let pair = ("cooperative", "siloed");
    let w = compare_over(AIR, pair, "organisers_convicted", 1..=100);
    assert!(w.p_higher < 0.05, "air-corridor: {w:?}");
}

/// Under every bot policy on every shipped scenario, at every turn: victims
/// in protection never outnumber those identified, nor those referred; with
/// the shipped laws (non-punishment in force) no presumed victim and no
/// child is penalised; and a team that does nothing identifies no one.
#[test]
fn victim_counts_hold_together_under_every_policy() {
    use undertow::bots::Policy;
    use undertow::session::Session;
    for path in [MARITIME, AIR, SCAM, "scenarios/tutorial.ron"] {
        let text = std::fs::read_to_string(path).expect("scenario reads");
        let scenario = undertow::scenario::parse_scenario(path, &text).expect("scenario parses");
        assert!(scenario.countries.iter().all(|c| c.law.non_punishment));
        let catalog =
            undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
        for policy in Policy::ALL {
            for seed in BOT_SEEDS {
                let mut s =
                    Session::start(path, &text, scenario.clone(), catalog.clone(), seed, None)
                        .expect("starts");
                while !s.finished() {
                    for t in TeamIx::all(s.setup().teams.len()) {
                        let orders = s.bot_orders(t, policy);
                        s.set_orders(t, orders);
                    }
                    let o = s.commit().expect("commits");
                    let m = |k: &str| o.metrics.metrics.get(k).copied().unwrap_or(0);
                    let at = format!("{path}, {}, seed {seed}, turn {}", policy.name(), o.turn);
                    assert!(m("victims_protected") <= m("victims_identified"), "{at}");
                    assert!(m("victims_protected") <= m("victims_referred"), "{at}");
                    assert_eq!(m("victims_criminalised"), 0, "{at}");
                    assert_eq!(m("minors_criminalised"), 0, "{at}");
                    if policy == Policy::Passive {
                        assert_eq!(m("victims_identified"), 0, "{at}");
                    }
                }
            }
        }
    }
}

/// People moved by route and lives lost at the end of a run of maritime-route.
fn moved_by_route(policy: &str, seed: u64) -> (Vec<u32>, i64) {
    let setup = shipped(MARITIME);
    let policy = undertow::bots::Policy::from_name(policy).expect("a policy");
    let turns = setup.scenario.turns;
    let mut run = undertow::sweep::Run::new(setup, seed, policy).expect("starts");
    while run.turn() < turns {
        run.play_turn();
    }
    let outcome = run.engine().outcome();
    let lives = outcome
        .metrics
        .metrics
        .get("lives_lost")
        .copied()
        .unwrap_or(0);
    (run.engine().snapshot().network.moved_by_route, lives)
}

/// Patrols at sea with no investigation push people onto the air route, but
/// it has only the seats its forgers can fill and a dearer passage keeps
/// some at home: the sea routes carry fewer and lose fewer lives, and the
/// whole flow falls by less than the sea routes' fall, never above what it
/// is when no one acts.
#[test]
fn patrols_displace_part_of_the_flow_not_all_of_it() {
    let at_sea: Vec<bool> = shipped(MARITIME)
        .routes
        .iter()
        .map(|r| {
            r.legs
                .iter()
                .any(|l| l.mode == undertow::scenario::Mode::Sea)
        })
        .collect();
    let (mut sea, mut total, mut lives) = ([vec![], vec![]], [vec![], vec![]], [vec![], vec![]]);
    for seed in BOT_SEEDS {
        let mut seed_totals = [0; 2];
        for (k, policy) in ["passive", "patrol-only"].into_iter().enumerate() {
            let (moved, lost) = moved_by_route(policy, seed);
            let by_sea: u32 = moved
                .iter()
                .zip(&at_sea)
                .filter(|m| *m.1)
                .map(|m| m.0)
                .sum();
            seed_totals[k] = moved.iter().sum::<u32>();
            sea[k].push(f64::from(by_sea));
            total[k].push(f64::from(seed_totals[k]));
            lives[k].push(lost as f64);
        }
        assert!(
            seed_totals[1] <= seed_totals[0],
            "seed {seed}: patrols moved {} against {} with no one acting",
            seed_totals[1],
            seed_totals[0]
        );
    }
    let lower = |xs: &[Vec<f64>; 2]| undertow::sweep::stats::Welch::test(&xs[0], &xs[1]);
    for (what, xs) in [("by sea", &sea), ("in all", &total), ("lives lost", &lives)] {
        let w = lower(xs).expect("twenty runs each");
        assert!(
            w.p_higher < 0.05,
            "{what}: passive not above patrol-only: {w:?}"
        );
    }
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let sea_fall = mean(&sea[0]) - mean(&sea[1]);
    let total_fall = mean(&total[0]) - mean(&total[1]);
    assert!(
        total_fall < sea_fall,
        "displacement: the flow fell by {total_fall:.0}, the sea routes by {sea_fall:.0}"
    );
}

/// Betweenness of every member at large in the true network of a run of
/// maritime-route, at its start and after each turn.
fn betweenness_by_turn(policy: &str, seed: u64) -> Vec<std::collections::BTreeMap<String, f64>> {
    let setup = shipped(MARITIME);
    let policy = undertow::bots::Policy::from_name(policy).expect("a policy");
    let turns = setup.scenario.turns;
    let mut run = undertow::sweep::Run::new(setup.clone(), seed, policy).expect("starts");
    let mut by_turn = Vec::new();
    loop {
        let graph = undertow::analysis::live_graph(&setup, &run.engine().snapshot());
        let scores = undertow::analysis::betweenness(&graph, true);
        by_turn.push(graph.ids().iter().cloned().zip(scores).collect());
        if run.turn() >= turns {
            return by_turn;
        }
        run.play_turn();
    }
}

/// The three members with the highest betweenness above none.
fn top_brokers(scores: &std::collections::BTreeMap<String, f64>) -> Vec<String> {
    let mut ranked: Vec<(&String, f64)> = scores
        .iter()
        .filter(|(_, b)| **b > 0.0)
        .map(|(id, b)| (id, *b))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(3)
        .map(|(id, _)| id.clone())
        .collect()
}

/// Under investigation the organiser at the centre moves to the edge —
/// aides handed to a delegate, the rest of the network run through brokers
/// who take over the contacts of members lost — and someone who was not a
/// broker at the start is one at the end, as in Morselli's CAVIAR network.
/// A member held is out of the true network: betweenness none.
#[test]
fn the_organiser_moves_to_the_edge_and_new_brokers_take_the_centre() {
    let organisers: Vec<String> = shipped(MARITIME)
        .actors
        .iter()
        .filter(|a| a.role == undertow::scenario::Role::Organiser)
        .map(|a| a.id.clone())
        .collect();
    let (mut fell, mut fell_at_large, mut at_large, mut new_broker) = (0, 0, 0, 0);
    for seed in BOT_SEEDS {
        let by_turn = betweenness_by_turn("baseline", seed);
        let start = &by_turn[0];
        let top = organisers
            .iter()
            .filter(|id| start.contains_key(*id))
            .max_by(|a, b| start[*a].total_cmp(&start[*b]))
            .expect("an organiser at large at the start");
        let third = (by_turn.len() - 1) / 3;
        let mean = |turns: &[std::collections::BTreeMap<String, f64>]| {
            turns
                .iter()
                .map(|m| m.get(top).copied().unwrap_or(0.0))
                .sum::<f64>()
                / turns.len() as f64
        };
        let (first, last) = (
            mean(&by_turn[1..=third]),
            mean(&by_turn[by_turn.len() - third..]),
        );
        fell += usize::from(last < first);
        if by_turn.last().is_some_and(|m| m.contains_key(top)) {
            at_large += 1;
            fell_at_large += usize::from(last < first);
        }
        let before = top_brokers(start);
        let after = top_brokers(by_turn.last().expect("turns"));
        new_broker += usize::from(after.iter().any(|id| !before.contains(id)));
    }
    let seeds = BOT_SEEDS.count();
    assert!(
        fell * 2 > seeds,
        "the top organiser's betweenness fell in {fell} of {seeds} seeds"
    );
    assert!(
        fell_at_large * 2 > at_large,
        "still at large at the end in {at_large} seeds, fell in {fell_at_large}"
    );
    assert!(
        new_broker * 2 > seeds,
        "a new broker in the top three at the end in {new_broker} of {seeds} seeds"
    );
}

/// In the scam compounds people are made to run frauds. Routine processing
/// charges them with those frauds; only those a team screens and identifies
/// as presumed victims are spared by the non-punishment principle. A team
/// that raids and arrests like the baseline but screens no one penalises
/// many and protects no one; the baseline penalises almost no one (only
/// the few who knew the work and crossed without leave).
#[test]
fn people_made_to_commit_fraud_are_spared_only_when_screened() {
    let w = compare(SCAM, "baseline", "process-all", "migrants_criminalised");
    assert!(w.p_lower < 0.05, "criminalised: {w:?}");
    let w = compare(SCAM, "baseline", "process-all", "protection_score");
    assert!(w.p_higher < 0.05, "protection: {w:?}");
    let identified = finals(SCAM, "process-all", "victims_identified");
    assert!(
        identified.iter().all(|&n| n == 0.0),
        "process-all identified {identified:?}"
    );
}

/// Baseline bots beat passive ones on protection in the scam compounds:
/// raids find the people held, screening identifies them.
#[test]
fn raiding_and_screening_protects_the_people_in_the_compounds() {
    let w = compare(SCAM, "baseline", "passive", "protection_score");
    assert!(w.p_higher < 0.05, "{w:?}");
}

/// Screening then referral beats referring everyone unscreened on
/// protection in every shipped scenario, tutorial included, and finds
/// victims in each: the baseline's edge is identification, not shelter.
#[test]
fn screening_then_referral_protects_more_than_referring_everyone_everywhere() {
    for path in [MARITIME, AIR, SCAM, "scenarios/tutorial.ron"] {
        let w = compare(path, "baseline", "refer-all", "protection_score");
        assert!(w.p_higher < 0.05, "{path}: {w:?}");
        let identified = finals(path, "baseline", "victims_identified");
        let seeds_with_victims = identified.iter().filter(|&&n| n > 0.0).count();
        assert!(
            seeds_with_victims * 2 > identified.len(),
            "{path}: victims identified in {seeds_with_victims} of {} seeds",
            identified.len()
        );
    }
}
