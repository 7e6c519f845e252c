//! Courts: prosecutions come to verdict on the strength of admissible evidence.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations};
use crate::engine::events::{Charge, Event, Person};
use crate::engine::knowledge::{Knowledge, Source, TeamKnowledge};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, CountryIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, CourtCase, Courts, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, Role};

/// Percent chance a court convicts on this case. It rises smoothly with how
/// far the admissible evidence goes beyond what charging needed, with each
/// further independent source that corroborates it, and with each further
/// country it comes from (the whole cross-border enterprise, not one stage
/// of it); corruption in the court's country weighs against it. A case just
/// at the threshold from one source and one country is a coin toss; no
/// court convicts on no admissible evidence at all.
pub fn conviction_odds(case: &CourtCase, threshold: u32, corruption: u32) -> u32 {
    if case.evidence == 0 {
        return 0;
    }
    let threshold = i64::from(threshold.max(1));
    // In hundredths: +150 for evidence double the threshold.
    let strength = 150 * (i64::from(case.evidence) - threshold) / threshold;
    let corroboration = 40 * i64::from(case.sources.saturating_sub(1).min(4))
        + 60 * i64::from(case.jurisdictions.saturating_sub(1).min(2))
        + 20 * i64::from(case.crossings.saturating_sub(1).min(5));
    let s = strength + corroboration - 2 * i64::from(corruption);
    // A smooth S-curve in integers, so every machine decides alike.
    let p = 50 + 47 * s / (s.abs() + 150);
    p.clamp(5, 95) as u32
}

/// Take the prosecutions whose trial ends this turn to court.
pub fn hear_cases(
    clock: Res<Clock>,
    ops: Query<(Entity, &Operation)>,
    knowledge: Res<Knowledge>,
    mut courts: ResMut<Courts>,
) {
    let turn = clock.turn;
    for (_, op) in due_operations(ops.iter(), turn, &[ActionKind::Prosecution]) {
        let TargetRef::Actor(actor) = op.target else {
            continue;
        };
        courts
            .cases
            .push(file_case(&knowledge.0[op.team], &op, actor, turn));
    }
}

/// The case file a prosecution takes to court: only the evidence the court
/// admits counts, with the countries it came from; victims' testimony makes
/// it a trafficking case.
fn file_case(know: &TeamKnowledge, op: &Operation, actor: ActorIx, turn: u32) -> CourtCase {
    let testimony = know
        .evidence
        .get(&actor)
        .is_some_and(|e| e.iter().any(|x| x.source == Source::Testimony));
    let mut countries: Vec<CountryIx> = know
        .evidence
        .get(&actor)
        .map(|e| {
            e.iter()
                .filter(|x| x.channel.admissible())
                .map(|x| x.jurisdiction)
                .collect()
        })
        .unwrap_or_default();
    // The records of the crossings corroborate from where they were taken.
    countries.extend(
        know.crossings
            .values()
            .filter(|c| c.channel.admissible())
            .map(|c| c.jurisdiction),
    );
    countries.sort_unstable();
    countries.dedup();
    let mut sources: Vec<Source> = know
        .evidence
        .get(&actor)
        .map(|e| {
            e.iter()
                .filter(|x| x.channel.admissible())
                .map(|x| x.source)
                .collect()
        })
        .unwrap_or_default();
    sources.sort_unstable();
    sources.dedup();
    CourtCase {
        actor,
        team: op.team,
        filed: op.ordered,
        decides: turn,
        evidence: know.admissible_total(actor),
        trafficking: testimony,
        jurisdictions: countries.len() as u32,
        sources: sources.len() as u32,
        crossings: know
            .crossings
            .values()
            .filter(|c| c.channel.admissible())
            .count() as u32,
        laundering: know.evidence.get(&actor).is_some_and(|e| {
            e.iter().any(|x| {
                x.channel.admissible() && matches!(x.source, Source::Financial | Source::Fiu(_))
            })
        }),
    }
}

/// What the courts read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    seed: &'a Seed,
    turn: u32,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
    network: &'a mut Network,
}

/// Courts deliver their verdicts.
#[allow(clippy::too_many_arguments)]
pub fn deliver_verdicts(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut courts: ResMut<Courts>,
    mut states: Query<&mut ActorState>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
    mut network: ResMut<Network>,
) {
    let turn = clock.turn;
    let mut due: Vec<CourtCase> = courts
        .cases
        .iter()
        .filter(|c| c.decides == turn)
        .cloned()
        .collect();
    courts.cases.retain(|c| c.decides != turn);
    due.sort_by_key(|c| (c.team, c.actor));
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn,
        knowledge: &mut knowledge,
        tally: &mut tally,
        network: &mut network,
    };
    for case in due {
        let Some(&e) = roster.0.get(case.actor.index()) else {
            continue;
        };
        let Ok(mut state) = states.get_mut(e) else {
            continue;
        };
        decide(&mut desk, &case, &mut state);
    }
}

/// A trial goes ahead only while the accused is held by the court's own
/// country; the court convicts at [`conviction_odds`] under its country's
/// charging threshold and corruption.
fn decide(desk: &mut Desk, case: &CourtCase, state: &mut ActorState) {
    let (setup, turn) = (desk.setup, desk.turn);
    let person = desk.knowledge.0[case.team].person(setup, case.actor);
    let home = setup.teams[case.team].country;
    let held_at_home = state
        .custody
        .is_some_and(|t| setup.teams[t].country == home);
    if state.status != ActorStatus::Arrested || !held_at_home {
        desk.knowledge.0[case.team].tell(setup, turn, Event::CaseDropped { person });
        return;
    }
    let law = setup.law_of_team(case.team);
    let odds = conviction_odds(
        case,
        law.charge_threshold,
        desk.network.corruption(setup, home),
    );
    if desk.seed.chance(
        turn,
        Purpose::Court,
        case.actor.index() as u64,
        case.team.index() as u64,
        odds,
    ) {
        convict(desk, case, state, person);
    } else {
        acquit(desk, case, state, person);
    }
}

/// A conviction for what the evidence proves: smuggling, trafficking too
/// when victims testified, corruption for an official who took the bribes;
/// organisers convicted are counted apart.
fn convict(desk: &mut Desk, case: &CourtCase, state: &mut ActorState, person: Person) {
    let (setup, turn) = (desk.setup, desk.turn);
    state.status = ActorStatus::Convicted;
    let organiser = setup.actors[case.actor].role == Role::Organiser;
    // A corrupt official convicted warns the others off: the country's
    // offices leak less for the rest of the run.
    if setup.actors[case.actor].role == Role::CorruptOfficial {
        let country = setup.actors[case.actor].country;
        *desk.network.corruption_cut.entry(country).or_default() +=
            setup.countries[country].law.corruption_drop;
    }
    desk.tally.add(Some(case.team), |c| {
        c.convicted += 1;
        if organiser {
            c.organisers_convicted += 1;
        }
    });
    let charge = if setup.actors[case.actor].role == Role::CorruptOfficial {
        Charge::Corruption
    } else if case.trafficking {
        Charge::TraffickingAndSmuggling
    } else {
        Charge::Smuggling
    };
    desk.knowledge.0[case.team].tell(
        setup,
        turn,
        Event::Convicted {
            person,
            charge,
            laundering: case.laundering,
        },
    );
    record_verdict(
        setup,
        desk.knowledge,
        case.team,
        case.actor,
        ActorStatus::Convicted,
        turn,
    );
}

/// An acquitted person walks free, on full alert, and stays dark for four
/// turns.
fn acquit(desk: &mut Desk, case: &CourtCase, state: &mut ActorState, person: Person) {
    let (setup, turn) = (desk.setup, desk.turn);
    state.status = ActorStatus::Active;
    state.custody = None;
    state.alert = 90;
    state.dark_until = turn + 4;
    desk.tally.add(Some(case.team), |c| c.acquitted += 1);
    desk.knowledge.0[case.team].tell(setup, turn, Event::Acquitted { person });
    record_verdict(
        setup,
        desk.knowledge,
        case.team,
        case.actor,
        ActorStatus::Active,
        turn,
    );
}

/// Every agency of the court's country learns the verdict, and an acquittal
/// bars a second trial there (ne bis in idem).
fn record_verdict(
    setup: &Setup,
    knowledge: &mut Knowledge,
    team: TeamIx,
    actor: ActorIx,
    status: ActorStatus,
    turn: u32,
) {
    let country = setup.teams[team].country;
    for (t, know) in knowledge.0.iter_mut().enumerate() {
        if setup.teams[t].country != country {
            continue;
        }
        if let Some(i) = know.actors.get_mut(&actor) {
            i.status = Some(status);
            i.held = status == ActorStatus::Convicted;
            i.last_turn = turn;
        }
        if status == ActorStatus::Active {
            know.acquitted.insert(actor, turn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::knowledge::{Channel, Evidence};
    use crate::engine::setup::TeamIx;
    use crate::engine::systems::testkit::Bench;

    fn case(evidence: u32, sources: u32, jurisdictions: u32) -> CourtCase {
        CourtCase {
            actor: ActorIx(0),
            team: TeamIx(0),
            filed: 0,
            decides: 0,
            evidence,
            trafficking: false,
            jurisdictions,
            sources,
            crossings: 0,
            laundering: false,
        }
    }

    #[test]
    fn a_case_at_the_threshold_from_one_source_and_one_country_is_a_coin_toss() {
        assert_eq!(conviction_odds(&case(5, 1, 1), 5, 0), 50);
    }

    #[test]
    fn the_odds_rise_with_every_point_of_evidence_without_a_step_or_a_cap_short_of_certainty() {
        let odds: Vec<u32> = (5..=30)
            .map(|e| conviction_odds(&case(e, 1, 1), 5, 0))
            .collect();
        assert!(odds.windows(2).all(|w| w[0] <= w[1]), "{odds:?}");
        // No step of more than a few points: smooth, not a cliff.
        assert!(odds.windows(2).all(|w| w[1] - w[0] <= 8), "{odds:?}");
        assert!(
            odds[5] > 65 && odds[5] < 80,
            "double the threshold: {}",
            odds[5]
        );
        assert!(*odds.last().unwrap() <= 95);
        // Below the threshold (a case that lost evidence) the odds fall on.
        assert!(conviction_odds(&case(3, 1, 1), 5, 0) < 50);
    }

    #[test]
    fn independent_sources_and_evidence_from_more_countries_corroborate_a_case() {
        let alone = conviction_odds(&case(6, 1, 1), 5, 0);
        let sources = conviction_odds(&case(6, 3, 1), 5, 0);
        let countries = conviction_odds(&case(6, 1, 2), 5, 0);
        let both = conviction_odds(&case(6, 3, 2), 5, 0);
        assert!(
            alone < sources && alone < countries,
            "{alone} {sources} {countries}"
        );
        assert!(
            sources < both && countries < both,
            "{sources} {countries} {both}"
        );
    }

    #[test]
    fn corruption_weighs_against_a_conviction_and_no_evidence_never_convicts() {
        assert!(conviction_odds(&case(5, 1, 1), 5, 20) < conviction_odds(&case(5, 1, 1), 5, 0));
        assert_eq!(conviction_odds(&case(0, 1, 1), 5, 0), 0);
        assert!(conviction_odds(&case(50, 6, 3), 5, 0) <= 95);
    }

    fn add(b: &mut Bench, team: TeamIx, actor: ActorIx, evidence: Evidence) {
        b.resource::<Knowledge>().0[team].add_evidence(actor, evidence);
    }

    fn piece(strength: u32, channel: Channel, jurisdiction: CountryIx, source: Source) -> Evidence {
        Evidence {
            strength,
            channel,
            jurisdiction,
            source,
            turn: 0,
        }
    }

    #[test]
    fn a_case_file_holds_only_admissible_evidence_with_its_countries_and_testimony_makes_it_trafficking()
     {
        let mut b = Bench::mini();
        let (dest, broker) = (b.team("dest_police"), b.actor("broker"));
        let (oria, trans, home) = (0, 1, 2);
        add(
            &mut b,
            dest,
            broker,
            piece(
                3,
                Channel::Informal,
                CountryIx(trans),
                Source::Shared(TeamIx(2)),
            ),
        );
        add(
            &mut b,
            dest,
            broker,
            piece(2, Channel::Mla, CountryIx(oria), Source::Mla(TeamIx(0))),
        );
        b.next_turn();
        b.order(dest, ActionKind::Prosecution, TargetRef::Actor(broker));
        b.run(hear_cases);
        let filed = b.resource::<Courts>().cases.clone();
        // The briefing lead (1, at home) and the MLA reply (2, from Oria).
        assert_eq!(
            filed,
            vec![CourtCase {
                actor: broker,
                team: dest,
                filed: 1,
                decides: 1,
                evidence: 1 + 2,
                trafficking: false,
                jurisdictions: 2,
                sources: 2,
                crossings: 0,
                laundering: false,
            }]
        );

        add(
            &mut b,
            dest,
            broker,
            piece(2, Channel::Domestic, CountryIx(home), Source::Testimony),
        );
        b.next_turn();
        b.order(dest, ActionKind::Prosecution, TargetRef::Actor(broker));
        b.run(hear_cases);
        let last = b.resource::<Courts>().cases.last().cloned();
        assert_eq!(last.map(|c| (c.evidence, c.trafficking)), Some((5, true)));
    }

    #[test]
    fn money_traced_in_admissible_evidence_adds_a_count_of_laundering_to_the_verdict() {
        let mut b = Bench::mini();
        let (dest, broker) = (b.team("dest_police"), b.actor("broker"));
        let home = 2;
        // Informal word of the money proves nothing.
        add(
            &mut b,
            dest,
            broker,
            piece(3, Channel::Fiu, CountryIx(1), Source::Fiu(TeamIx(1))),
        );
        b.next_turn();
        b.order(dest, ActionKind::Prosecution, TargetRef::Actor(broker));
        b.run(hear_cases);
        assert!(!b.resource::<Courts>().cases[0].laundering);
        add(
            &mut b,
            dest,
            broker,
            piece(3, Channel::Domestic, CountryIx(home), Source::Financial),
        );
        b.next_turn();
        b.order(dest, ActionKind::Prosecution, TargetRef::Actor(broker));
        b.run(hear_cases);
        let case = b.resource::<Courts>().cases.last().cloned();
        assert!(case.is_some_and(|c| c.laundering));

        held_by(&mut b, broker, dest);
        b.next_turn();
        before_the_court(&mut b, dest, broker, true);
        if let Some(c) = b.resource::<Courts>().cases.last_mut() {
            c.laundering = true;
        }
        b.run(deliver_verdicts);
        let told = b.told(dest);
        assert!(
            matches!(
                told.as_slice(),
                [Event::Convicted {
                    laundering: true,
                    ..
                }]
            ),
            "{told:?}"
        );
        let text = crate::engine::events::words::render(b.setup(), &told[0], &|g| g.id.clone());
        assert!(text.ends_with("smuggling and money laundering."), "{text}");
    }

    /// A case against `actor` brought by `team`, decided this turn.
    fn before_the_court(b: &mut Bench, team: TeamIx, actor: ActorIx, strong: bool) {
        let turn = b.turn();
        b.resource::<Courts>().cases.push(CourtCase {
            actor,
            team,
            filed: 0,
            decides: turn,
            evidence: if strong { 20 } else { 0 },
            trafficking: strong,
            jurisdictions: if strong { 2 } else { 1 },
            sources: if strong { 3 } else { 1 },
            crossings: u32::from(strong),
            laundering: false,
        });
    }

    #[test]
    fn a_case_is_dropped_unless_the_accused_is_held_by_the_courts_country() {
        let mut b = Bench::mini();
        let (police, dest, captain) = (
            b.team("trans_police"),
            b.team("dest_police"),
            b.actor("cap1"),
        );
        b.next_turn();
        before_the_court(&mut b, police, captain, true);
        b.run(deliver_verdicts);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::CaseDropped { .. }]
        ));

        b.set_actor(captain, |s| {
            s.status = ActorStatus::Arrested;
            s.custody = Some(dest);
        });
        b.next_turn();
        before_the_court(&mut b, police, captain, true);
        b.run(deliver_verdicts);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::CaseDropped { .. }]
        ));
        assert_eq!(b.actor_state(captain).status, ActorStatus::Arrested);
        assert!(b.resource::<Courts>().cases.is_empty());
    }

    fn held_by(b: &mut Bench, actor: ActorIx, team: TeamIx) {
        b.set_actor(actor, |s| {
            s.status = ActorStatus::Arrested;
            s.custody = Some(team);
        });
    }

    // The strong cases below convict at 95% and the weak one at 10%: the
    // mini seed's rolls go the likely way.

    #[test]
    fn a_conviction_on_testimony_is_for_trafficking_and_every_agency_of_the_country_learns_it() {
        let mut b = Bench::mini();
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        let (imm, dest) = (b.team("trans_immigration"), b.team("dest_police"));
        let setup = b.setup().clone();
        for t in [imm, dest] {
            b.resource::<Knowledge>().0[t].learn_actor(
                captain,
                crate::engine::systems::sighting(
                    &setup,
                    captain,
                    None,
                    0,
                    Source::Notice,
                    true,
                    true,
                    60,
                ),
            );
        }
        held_by(&mut b, captain, police);
        b.next_turn();
        before_the_court(&mut b, police, captain, true);
        b.run(deliver_verdicts);
        assert_eq!(b.actor_state(captain).status, ActorStatus::Convicted);
        assert_eq!(
            b.knowledge(imm).actors[&captain].status,
            Some(ActorStatus::Convicted)
        );
        assert_eq!(b.knowledge(dest).actors[&captain].status, None);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Convicted {
                charge: Charge::TraffickingAndSmuggling,
                ..
            }]
        ));
        let tally = b.resource::<Tally>().teams[police].clone();
        assert_eq!((tally.convicted, tally.organisers_convicted), (1, 0));
        let intel = b.knowledge(police).actors[&captain].clone();
        assert_eq!(
            (intel.status, intel.held),
            (Some(ActorStatus::Convicted), true)
        );
    }

    #[test]
    fn convicting_a_corrupt_official_lowers_their_countrys_corruption_for_the_rest_of_the_run() {
        let mut b = Bench::mini_with(|s| s.countries[1].law.corruption_drop = 4);
        let (police, official) = (b.team("trans_police"), b.actor("official"));
        let trans = b.setup().actors[official].country;
        held_by(&mut b, official, police);
        b.next_turn();
        before_the_court(&mut b, police, official, true);
        b.run(deliver_verdicts);
        assert!(
            matches!(
                b.told(police).as_slice(),
                [Event::Convicted {
                    charge: Charge::Corruption,
                    ..
                }]
            ),
            "the strong case convicts on the mini seed, of what the official did"
        );
        let setup = b.setup().clone();
        let network = b.resource::<Network>().clone();
        assert_eq!(network.corruption(&setup, trans), 10 - 4);
        // Other countries keep theirs.
        assert_eq!(
            network.corruption(&setup, CountryIx(0)),
            setup.countries[0].law.corruption
        );
    }

    #[test]
    fn an_organiser_convicted_is_counted_apart() {
        let mut b = Bench::mini();
        let (police, boss) = (b.team("trans_police"), b.actor("boss2"));
        held_by(&mut b, boss, police);
        b.next_turn();
        before_the_court(&mut b, police, boss, true);
        b.resource::<Courts>().cases[0].trafficking = false;
        b.run(deliver_verdicts);
        let tally = b.resource::<Tally>().teams[police].clone();
        assert_eq!((tally.convicted, tally.organisers_convicted), (1, 1));
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Convicted {
                charge: Charge::Smuggling,
                ..
            }]
        ));
    }

    #[test]
    fn the_acquitted_walk_free_on_full_alert_and_go_dark() {
        let mut b = Bench::mini_with(|s| s.countries[1].law.corruption = 100);
        let (police, captain) = (b.team("trans_police"), b.actor("cap1"));
        held_by(&mut b, captain, police);
        b.next_turn();
        before_the_court(&mut b, police, captain, false);
        b.run(deliver_verdicts);
        let s = b.actor_state(captain);
        assert_eq!(
            (s.status, s.custody, s.alert, s.dark_until),
            (ActorStatus::Active, None, 90, 1 + 4)
        );
        assert_eq!(b.resource::<Tally>().teams[police].acquitted, 1);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Acquitted { .. }]
        ));
        let intel = b.knowledge(police).actors[&captain].clone();
        assert_eq!(
            (intel.status, intel.held),
            (Some(ActorStatus::Active), false)
        );
        // No court of that country tries them again; every agency there knows.
        for id in ["trans_police", "trans_cg", "trans_immigration"] {
            let t = b.team(id);
            assert!(b.knowledge(t).acquitted.contains_key(&captain), "{id}");
        }
        assert!(
            !b.knowledge(b.team("dest_police"))
                .acquitted
                .contains_key(&captain)
        );
    }

    #[test]
    fn each_crossing_proven_is_a_further_count_that_firms_up_the_case() {
        let with = |crossings| CourtCase {
            crossings,
            ..case(5, 1, 1)
        };
        let odds: Vec<u32> = [0, 1, 3, 6, 20]
            .into_iter()
            .map(|n| conviction_odds(&with(n), 5, 0))
            .collect();
        assert!(odds.windows(2).all(|w| w[0] <= w[1]), "{odds:?}");
        assert_eq!(odds[0], odds[1], "one crossing is the case itself");
        assert_eq!(odds[3], odds[4], "five counts more, and no further");
        assert!(odds[3] > odds[1], "{odds:?}");
    }
}
