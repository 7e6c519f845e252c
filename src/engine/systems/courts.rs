//! Courts: prosecutions come to verdict on the strength of admissible evidence.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations};
use crate::engine::events::{Charge, Event};
use crate::engine::knowledge::{Knowledge, Source};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{
    ActorState, ActorStatus, Clock, CourtCase, Courts, Operation, TargetRef,
};
use crate::scenario::{ActionKind, Role};

/// Percent chance a court convicts on this case. Evidence from more than one
/// country shows the whole cross-border enterprise, not one stage of it.
pub fn conviction_odds(case: &CourtCase, threshold: u32, corruption: u32) -> u32 {
    let margin = case.evidence.saturating_sub(threshold);
    let mut p = 40 + 10 * margin.min(5);
    if case.trafficking {
        p += 15;
    }
    if case.jurisdictions >= 2 {
        p += 20;
    }
    p.saturating_sub(corruption / 2).clamp(10, 95)
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
        let know = &knowledge.0[op.team];
        let testimony = know
            .evidence
            .get(&actor)
            .is_some_and(|e| e.iter().any(|x| x.source == Source::Testimony));
        let mut countries: Vec<usize> = know
            .evidence
            .get(&actor)
            .map(|e| {
                e.iter()
                    .filter(|x| x.channel.admissible())
                    .map(|x| x.jurisdiction)
                    .collect()
            })
            .unwrap_or_default();
        countries.sort_unstable();
        countries.dedup();
        courts.cases.push(CourtCase {
            actor,
            team: op.team,
            filed: op.ordered,
            decides: turn,
            evidence: know.admissible_total(actor),
            trafficking: testimony,
            jurisdictions: countries.len() as u32,
        });
    }
}

/// Courts deliver their verdicts.
pub fn deliver_verdicts(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut courts: ResMut<Courts>,
    mut states: Query<&mut ActorState>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
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
    for case in due {
        let Some(&e) = roster.0.get(case.actor) else {
            continue;
        };
        let Ok(mut state) = states.get_mut(e) else {
            continue;
        };
        let person = knowledge.0[case.team].person(&setup, case.actor);
        let home = setup.teams[case.team].country;
        let held_at_home = state
            .custody
            .is_some_and(|t| setup.teams[t].country == home);
        if state.status != ActorStatus::Arrested || !held_at_home {
            knowledge.0[case.team].tell(&setup, turn, Event::CaseDropped { person });
            continue;
        }
        let law = setup.law_of_team(case.team);
        let odds = conviction_odds(&case, law.charge_threshold, law.corruption);
        let know = &mut knowledge.0[case.team];
        if seed.chance(
            turn,
            Purpose::Court,
            case.actor as u64,
            case.team as u64,
            odds,
        ) {
            state.status = ActorStatus::Convicted;
            let organiser = setup.actors[case.actor].role == Role::Organiser;
            tally.add(Some(case.team), |c| {
                c.convicted += 1;
                if organiser {
                    c.organisers_convicted += 1;
                }
            });
            let charge = if case.trafficking {
                Charge::TraffickingAndSmuggling
            } else {
                Charge::Smuggling
            };
            know.tell(&setup, turn, Event::Convicted { person, charge });
            record_verdict(
                &setup,
                &mut knowledge,
                case.team,
                case.actor,
                ActorStatus::Convicted,
                turn,
            );
        } else {
            state.status = ActorStatus::Active;
            state.custody = None;
            state.alert = 90;
            state.dark_until = turn + 4;
            tally.add(Some(case.team), |c| c.acquitted += 1);
            know.tell(&setup, turn, Event::Acquitted { person });
            record_verdict(
                &setup,
                &mut knowledge,
                case.team,
                case.actor,
                ActorStatus::Active,
                turn,
            );
        }
    }
}

/// Every agency of the court's country learns the verdict.
fn record_verdict(
    setup: &Setup,
    knowledge: &mut Knowledge,
    team: usize,
    actor: usize,
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
    }
}
