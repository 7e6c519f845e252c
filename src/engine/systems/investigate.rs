//! Investigative actions: analysis, surveillance, interception, financial
//! investigation, informants and undercover work. Each reveals people and ties,
//! builds evidence, and risks warning the network.

use bevy_ecs::prelude::*;

use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::events::{Absence, Event};
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source, TeamKnowledge};
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, Setup};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, LiveTie, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, TieKind};

const KINDS: [ActionKind; 6] = [
    ActionKind::Analysis,
    ActionKind::Surveillance,
    ActionKind::Interception,
    ActionKind::FinancialInvestigation,
    ActionKind::Informant,
    ActionKind::Undercover,
];

/// Percent chance an investigative action succeeds against this member.
pub fn success_odds(
    kind: ActionKind,
    base: u32,
    caution: u32,
    neighbour_loyalty: u32,
    dark: bool,
    team_capacity: u32,
) -> u32 {
    let resistance = if kind == ActionKind::Informant {
        neighbour_loyalty
    } else {
        caution
    };
    let mut p = base * (150 - resistance.min(100)) / 100;
    if dark {
        p = match kind {
            ActionKind::Interception => p / 4,
            ActionKind::Surveillance => p * 2 / 3,
            ActionKind::Undercover => p / 2,
            _ => p,
        };
    }
    // A better-resourced team runs a steadier operation.
    p += team_capacity.saturating_sub(4).min(5) * 2;
    p.clamp(5, 95)
}

/// Resolve the investigative operations that complete this turn.
pub fn resolve_investigations(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        let know = &mut knowledge.0[op.team];
        match op.target {
            TargetRef::Actor(target) => investigate(
                &setup,
                &seed,
                turn,
                &roster,
                &states,
                &mut network,
                know,
                &op,
                target,
            ),
            _ => analyse(&setup, &seed, turn, &roster, &states, &network, know, &op),
        }
    }
}

fn neighbours(network: &Network, actor: ActorIx, kinds: &[TieKind]) -> Vec<LiveTie> {
    let mut v: Vec<LiveTie> = network.ties[actor]
        .iter()
        .filter(|t| kinds.contains(&t.kind))
        .copied()
        .collect();
    v.sort_by_key(|t| (std::cmp::Reverse(t.strength), t.other));
    v
}

const ALL_TIES: [TieKind; 6] = [
    TieKind::Command,
    TieKind::Logistics,
    TieKind::Finance,
    TieKind::Kinship,
    TieKind::Corruption,
    TieKind::Communication,
];

#[allow(clippy::too_many_arguments)]
fn investigate(
    setup: &Setup,
    seed: &Seed,
    turn: u32,
    roster: &Roster,
    states: &Query<&mut ActorState>,
    network: &mut Network,
    know: &mut TeamKnowledge,
    op: &Operation,
    target: ActorIx,
) {
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let info = &setup.actors[target];
    let Some(state) = actor_state(states, roster, target) else {
        return;
    };
    let person = know.person(setup, target);
    let home = setup.teams[op.team].country;
    let needs_liberty = matches!(
        op.kind,
        ActionKind::Surveillance
            | ActionKind::Interception
            | ActionKind::Undercover
            | ActionKind::Informant
    );
    if needs_liberty && state.status != ActorStatus::Active {
        let why = match state.status {
            ActorStatus::Fled => Absence::Vanished,
            ActorStatus::Dormant => Absence::NoActivity,
            _ => Absence::InCustody,
        };
        know.tell(
            setup,
            turn,
            Event::NothingToReport {
                action: op.kind,
                person,
                why,
            },
        );
        return;
    }
    let all = neighbours(network, target, &ALL_TIES);
    let loyalty = if all.is_empty() {
        100
    } else {
        all.iter()
            .map(|t| setup.actors[t.other].loyalty)
            .sum::<u32>()
            / all.len() as u32
    };
    let dark = state.is_dark(turn);
    let odds = success_odds(
        op.kind,
        def.success,
        info.caution,
        loyalty,
        dark,
        setup.teams[op.team].capacity,
    );
    let entity = target as u64;
    let salt = op.team as u64;
    let tip = def.tip_off * (50 + info.caution) / 100;
    if seed.chance(
        turn,
        Purpose::TipOff,
        entity,
        salt ^ (op.kind as u64) << 8,
        tip,
    ) {
        network.tip_offs.push((target, 35));
    }
    let corruption = setup.law_of_team(op.team).corruption;
    if seed.chance(
        turn,
        Purpose::Leak,
        entity,
        salt ^ (op.kind as u64) << 8,
        corruption,
    ) {
        network.tip_offs.push((target, 50));
    }
    if !seed.chance(
        turn,
        Purpose::Success,
        entity,
        salt ^ (op.kind as u64) << 8,
        odds,
    ) {
        know.tell(
            setup,
            turn,
            Event::InvestigationFailed {
                action: op.kind,
                person,
                lines_quiet: dark && op.kind == ActionKind::Interception,
            },
        );
        return;
    }
    let source = match op.kind {
        ActionKind::Surveillance => Source::Surveillance,
        ActionKind::Interception => Source::Interception,
        ActionKind::FinancialInvestigation => Source::Financial,
        ActionKind::Informant => Source::Informant,
        _ => Source::Undercover,
    };
    // What each technique shows: whom, how well, and the strength it adds.
    let (revealed, identify, with_role, neighbour_evidence): (Vec<LiveTie>, bool, bool, u32) =
        match op.kind {
            ActionKind::Surveillance => {
                let seen = neighbours(
                    network,
                    target,
                    &[
                        TieKind::Command,
                        TieKind::Logistics,
                        TieKind::Kinship,
                        TieKind::Corruption,
                    ],
                );
                (seen.into_iter().take(2).collect(), false, false, 0)
            }
            ActionKind::Interception => (
                neighbours(
                    network,
                    target,
                    &[
                        TieKind::Command,
                        TieKind::Logistics,
                        TieKind::Kinship,
                        TieKind::Communication,
                    ],
                ),
                true,
                false,
                1,
            ),
            ActionKind::FinancialInvestigation => (
                neighbours(network, target, &[TieKind::Finance, TieKind::Corruption]),
                true,
                true,
                1,
            ),
            ActionKind::Informant => (all.clone(), false, true, 0),
            _ => (all.clone(), true, true, 1),
        };
    let mut fact = sighting(
        setup,
        target,
        Some(state),
        turn,
        source,
        true,
        op.kind != ActionKind::Surveillance,
        80,
    );
    if op.kind == ActionKind::Surveillance {
        fact.place = setup.scenario.actors[target]
            .place
            .as_deref()
            .and_then(|p| setup.scenario.places.iter().position(|x| x.id == p));
    }
    know.learn_actor(target, fact);
    let jurisdiction = home;
    // Organisers keep away from the people and the boats: watching them yields
    // nothing a court can use; their words on the phone and their money do.
    let evidence =
        if info.role == crate::scenario::Role::Organiser && op.kind == ActionKind::Surveillance {
            0
        } else {
            def.evidence
        };
    if evidence > 0 {
        know.add_evidence(
            target,
            Evidence {
                strength: evidence,
                channel: Channel::Domestic,
                jurisdiction,
                source,
                turn,
            },
        );
    }
    let mut new_people = 0;
    for tie in &revealed {
        let other = tie.other;
        let other_state = actor_state(states, roster, other);
        if !know.actors.contains_key(&other) {
            new_people += 1;
        }
        know.learn_actor(
            other,
            sighting(
                setup,
                other,
                other_state,
                turn,
                source,
                identify,
                with_role,
                60,
            ),
        );
        know.learn_tie(
            target,
            other,
            (op.kind != ActionKind::Surveillance).then_some(tie.kind),
        );
        if neighbour_evidence > 0 {
            know.add_evidence(
                other,
                Evidence {
                    strength: neighbour_evidence,
                    channel: Channel::Domestic,
                    jurisdiction,
                    source,
                    turn,
                },
            );
        }
    }
    let mut assets = 0;
    if op.kind == ActionKind::FinancialInvestigation {
        for (i, a) in setup.assets.iter().enumerate() {
            if a.owner == target && !network.seized[i] && know.assets.insert(i) {
                assets += 1;
            }
        }
    }
    let person = know.person(setup, target);
    know.tell(
        setup,
        turn,
        Event::InvestigationFound {
            action: op.kind,
            person,
            contacts: revealed.len() as u32,
            new_contacts: new_people,
            assets,
            evidence,
        },
    );
}

#[allow(clippy::too_many_arguments)]
fn analyse(
    setup: &Setup,
    seed: &Seed,
    turn: u32,
    roster: &Roster,
    states: &Query<&mut ActorState>,
    network: &Network,
    know: &mut TeamKnowledge,
    op: &Operation,
) {
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let home = setup.teams[op.team].country;
    let team_salt = op.team as u64;
    if !seed.chance(turn, Purpose::Success, u64::MAX, team_salt, def.success) {
        know.tell(setup, turn, Event::AnalysisNoLeads);
        return;
    }
    // First firm up a description already on file; else follow a known person's contacts; else
    // trawl the country's records for a first lead.
    if let Some(&unnamed) = know
        .actors
        .iter()
        .find(|(_, i)| !i.identified)
        .map(|(a, _)| a)
    {
        let before = know.person(setup, unnamed);
        let state = actor_state(states, roster, unnamed);
        know.learn_actor(
            unnamed,
            sighting(
                setup,
                unnamed,
                state,
                turn,
                Source::Analysis,
                true,
                false,
                60,
            ),
        );
        let after = know.person(setup, unnamed);
        know.tell(setup, turn, Event::AnalysisIdentified { before, after });
        return;
    }
    let mut candidates: Vec<(ActorIx, ActorIx)> = Vec::new();
    for (&known, _) in know.actors.iter() {
        for t in &network.ties[known] {
            if !know.actors.contains_key(&t.other) {
                candidates.push((known, t.other));
            }
        }
    }
    let lead = if candidates.is_empty() {
        let local: Vec<(ActorIx, ActorIx)> = setup
            .actors
            .iter()
            .enumerate()
            .filter(|(i, a)| {
                a.country == home
                    && !know.actors.contains_key(i)
                    && actor_state(states, roster, *i)
                        .is_some_and(|s| s.status == ActorStatus::Active)
            })
            .map(|(i, _)| (i, i))
            .collect();
        local
    } else {
        candidates
    };
    if lead.is_empty() {
        know.tell(setup, turn, Event::AnalysisNothingNew);
        return;
    }
    let pick = seed
        .draw(turn, Purpose::Reveal, u64::MAX, team_salt)
        .below(lead.len() as u32) as usize;
    let (via, who) = lead[pick];
    let state = actor_state(states, roster, who);
    know.learn_actor(
        who,
        sighting(setup, who, state, turn, Source::Analysis, false, false, 40),
    );
    if via != who {
        know.learn_tie(via, who, None);
        let via = know.person(setup, via);
        know.tell(setup, turn, Event::AnalysisLinked { via });
    } else {
        know.tell(setup, turn, Event::AnalysisFirstLead);
    }
}
