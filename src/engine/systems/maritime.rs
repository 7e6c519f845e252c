//! At sea and at the border: patrols, interdiction, search and rescue.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations, groups_in_order, record_custody};
use crate::engine::events::{Event, Person};
use crate::engine::knowledge::{Channel, Evidence, GroupIntel, Knowledge, Source, TeamKnowledge};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Conditions, Group, GroupStatus, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, Mode, Role};

const KINDS: [ActionKind; 3] = [
    ActionKind::MaritimePatrol,
    ActionKind::SearchAndRescue,
    ActionKind::Interdiction,
];

/// Record a group a team has met.
pub fn meet_group(know: &mut TeamKnowledge, group: &Group, turn: u32) {
    let entry = know.groups.entry(group.seq).or_insert_with(|| GroupIntel {
        id: group.id.clone(),
        size: group.size,
        status: group.status,
        route: Some(group.route),
        indicators: Vec::new(),
        screened: false,
        victims_identified: false,
        turn,
    });
    entry.status = group.status;
    entry.size = group.size.saturating_sub(group.lost);
    entry.turn = turn;
    know.routes.insert(group.route);
}

/// Hand a group over to a team's country: every agency there learns of it,
/// since a coast guard's rescue is for immigration and police to follow up.
pub fn hand_over(setup: &Setup, knowledge: &mut Knowledge, team: TeamIx, group: &Group, turn: u32) {
    let country = setup.teams[team].country;
    for (t, know) in knowledge.0.iter_mut().enumerate() {
        if setup.teams[t].country == country {
            meet_group(know, group, turn);
        }
    }
}

/// Whether a team can act where the group is now: on a leg touching its
/// country, or at sea for a coast guard.
fn within_reach(setup: &Setup, team: TeamIx, group: &Group) -> bool {
    let route = &setup.routes[group.route];
    let Some(leg) = route.legs.get(group.leg as usize) else {
        return false;
    };
    let home = Some(setup.teams[team].country);
    let touches = setup.places[leg.from].country == home || setup.places[leg.to].country == home;
    let at_sea = leg.mode == Mode::Sea
        && setup.teams[team].agency == crate::scenario::Agency::CoastGuard
        && (setup.places[leg.from].country.is_none()
            || setup.places[leg.to].country.is_none()
            || touches);
    touches || at_sea
}

/// Resolve patrols, rescues and interdictions ordered for this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_maritime(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut groups: Query<(Entity, &mut Group)>,
    mut states: Query<&mut ActorState>,
    mut conditions: ResMut<Conditions>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let order = groups_in_order(groups.iter());
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        let TargetRef::Route(route) = op.target else {
            continue;
        };
        match op.kind {
            ActionKind::MaritimePatrol => {
                conditions.patrols.push((op.team, route));
                network.route_pressure[route] += 20;
                let mut spotted = 0;
                for &(_, e) in &order {
                    let Ok((_, g)) = groups.get(e) else { continue };
                    let on_sea = setup.routes[route]
                        .legs
                        .get(g.leg as usize)
                        .is_some_and(|l| l.mode == Mode::Sea);
                    if g.route == route && g.status == GroupStatus::InTransit && on_sea {
                        meet_group(&mut knowledge.0[op.team], g, turn);
                        spotted += 1;
                    }
                }
                knowledge.0[op.team].tell(
                    &setup,
                    turn,
                    Event::PatrolSighted {
                        route,
                        boats: spotted,
                    },
                );
            }
            ActionKind::SearchAndRescue => {
                conditions.rescues.push((op.team, route));
                let mut saved = Vec::new();
                for &(_, e) in &order {
                    let Ok((_, mut g)) = groups.get_mut(e) else {
                        continue;
                    };
                    if g.route == route && g.distress && g.status == GroupStatus::InTransit {
                        g.distress = false;
                        g.status = GroupStatus::Rescued;
                        g.custody = Some(op.team);
                        g.held_since = turn;
                        let people = g.size - g.lost;
                        tally.add(Some(op.team), |c| c.rescued += i64::from(people));
                        hand_over(&setup, &mut knowledge, op.team, &g, turn);
                        saved.push(people);
                    }
                }
                let event = if saved.is_empty() {
                    Event::RescueOnStation { route }
                } else {
                    Event::RescueSaved {
                        route,
                        people: saved.iter().sum::<u32>(),
                    }
                };
                knowledge.0[op.team].tell(&setup, turn, event);
            }
            _ => interdict(
                &setup,
                &seed,
                turn,
                &roster,
                &order,
                &mut groups,
                &mut states,
                &conditions,
                &mut network,
                &mut knowledge,
                &mut tally,
                &op,
                route,
            ),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn interdict(
    setup: &Setup,
    seed: &Seed,
    turn: u32,
    roster: &Roster,
    order: &[(u32, Entity)],
    groups: &mut Query<(Entity, &mut Group)>,
    states: &mut Query<&mut ActorState>,
    conditions: &Conditions,
    network: &mut Network,
    knowledge: &mut Knowledge,
    tally: &mut Tally,
    op: &Operation,
    route: usize,
) {
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let team = op.team;
    network.route_pressure[route] += 40;
    let covered = conditions
        .patrols
        .iter()
        .chain(&conditions.rescues)
        .any(|&(_, r)| r == route);
    let mut stopped = 0u32;
    let mut people = 0u32;
    let mut lost = 0u32;
    for &(seq, e) in order {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        let waiting_here = g.status == GroupStatus::Recruited
            && setup.routes[g.route].legs.first().is_some_and(|l| {
                setup.places[l.from].country == Some(setup.teams[op.team].country)
            });
        let moving_here = g.status == GroupStatus::InTransit && within_reach(setup, op.team, &g);
        if g.route != route || !(waiting_here || moving_here) {
            continue;
        }
        if !seed.chance(
            turn,
            Purpose::Success,
            u64::from(seq),
            op.team as u64,
            def.success,
        ) {
            continue;
        }
        let at_sea = setup.routes[route]
            .legs
            .get(g.leg as usize)
            .is_some_and(|l| l.mode == Mode::Sea)
            && moving_here;
        // Stopping an overloaded boat without rescue assets alongside puts people in the water.
        if at_sea && !covered {
            let hazard = setup.routes[route].legs[g.leg as usize].hazard + 10;
            let mut d = seed.draw(turn, Purpose::Casualties, u64::from(seq), op.team as u64);
            if d.chance(hazard) {
                let share = 10 + d.below(21);
                let dead = (g.size - g.lost) * share / 100;
                g.lost += dead;
                lost += dead;
            }
        }
        g.status = GroupStatus::Intercepted;
        g.custody = Some(op.team);
        g.held_since = turn;
        stopped += 1;
        people += g.size - g.lost;
        hand_over(setup, knowledge, team, &g, turn);
    }
    if lost > 0 {
        tally.add(Some(op.team), |c| c.lives_lost += i64::from(lost));
    }
    tally.add(Some(op.team), |c| {
        c.groups_intercepted += i64::from(stopped)
    });
    // Crews caught in the act on this route.
    let mut crew = None;
    if stopped > 0 {
        let home = setup.teams[op.team].country;
        for (i, a) in setup.actors.iter().enumerate() {
            if a.route == Some(route)
                && a.country == home
                && matches!(a.role, Role::BoatCaptain | Role::Transporter)
            {
                let Some(&e) = roster.0.get(i) else { continue };
                let Ok(mut s) = states.get_mut(e) else {
                    continue;
                };
                if s.status == ActorStatus::Active {
                    s.status = ActorStatus::Arrested;
                    s.custody = Some(op.team);
                    s.vacant_since = Some(turn);
                    s.replaced = false;
                    record_custody(setup, knowledge, team, i, &s, turn, Source::Interdiction);
                    knowledge.0[team].add_evidence(
                        i,
                        Evidence {
                            strength: 3,
                            channel: Channel::Domestic,
                            jurisdiction: home,
                            source: Source::Interdiction,
                            turn,
                        },
                    );
                    let warned: Vec<_> = network.ties[i].iter().map(|t| (t.other, 20)).collect();
                    network.tip_offs.extend(warned);
                    tally.add(Some(op.team), |c| c.arrested += 1);
                    crew = Some(Person::named(i));
                    break;
                }
            }
        }
    }
    knowledge.0[team].tell(
        setup,
        turn,
        Event::Interdiction {
            route,
            groups: stopped,
            people,
            crew,
            lost,
        },
    );
}
