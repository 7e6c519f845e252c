//! Migrant groups move along their routes: departures, crossings, hazards and
//! lives lost, arrivals, exploitation; and what happens to groups held too long.

use bevy_ecs::prelude::*;

use super::maritime::{hand_over, meet_group};
use super::network::route_crewed;
use super::{Roster, groups_in_order};
use crate::engine::events::{Event, GroupTag};
use crate::engine::knowledge::Knowledge;
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{
    ActorState, ActorStatus, AtRisk, Clock, Conditions, Group, GroupStatus, Network,
};
use crate::scenario::Mode;

/// Turns a held group waits for a decision before routine processing takes it.
pub const HOLDING_TURNS: u32 = 3;

/// Move every group one turn along its route.
#[allow(clippy::too_many_arguments)]
pub fn move_groups(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut groups: Query<(Entity, &mut Group)>,
    conditions: Res<Conditions>,
    network: Res<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let status = |i: usize| {
        roster
            .0
            .get(i)
            .and_then(|e| states.get(*e).ok())
            .map(|s| s.status)
            .unwrap_or(ActorStatus::Dormant)
    };
    for (seq, e) in groups_in_order(groups.iter()) {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        match g.status {
            GroupStatus::Recruited => {
                if g.depart_turn <= turn
                    && network.route_closed_until[g.route] < turn
                    && route_crewed(&setup, &status, g.route, 0)
                {
                    g.status = GroupStatus::InTransit;
                    g.leg = 0;
                    g.progress = 0;
                }
                continue;
            }
            GroupStatus::InTransit => {}
            _ => continue,
        }
        let route = &setup.routes[g.route];
        let Some(leg) = route.legs.get(g.leg as usize) else {
            continue;
        };
        if g.progress == 0 && !route_crewed(&setup, &status, g.route, g.leg as usize) {
            // Stranded at the last stop until the network finds a crew.
            continue;
        }
        g.progress += 1;
        if g.progress < leg.turns && !g.distress {
            continue;
        }
        let hazard = leg.hazard + conditions.extra_hazard(leg.mode, turn);
        let mut d = seed.draw(turn, Purpose::Hazard, u64::from(seq), u64::from(g.leg));
        let trouble = g.distress || d.chance(hazard);
        if trouble {
            g.distress = false;
            let aboard = g.size - g.lost;
            if leg.mode == Mode::Sea {
                // Rescue comes first: a patrol or a rescue unit on the route may reach them.
                let responder = conditions
                    .rescues
                    .iter()
                    .map(|&(t, r)| (t, r, 85))
                    .chain(conditions.patrols.iter().map(|&(t, r)| (t, r, 55)))
                    .find(|&(_, r, _)| r == g.route);
                let rescued = responder.filter(|&(t, _, odds)| {
                    seed.chance(turn, Purpose::Rescue, u64::from(seq), t as u64, odds)
                });
                if let Some((team, _, _)) = rescued {
                    g.status = GroupStatus::Rescued;
                    g.custody = Some(team);
                    g.held_since = turn;
                    tally.add(Some(team), |c| c.rescued += i64::from(aboard));
                    hand_over(&setup, &mut knowledge, team, &g, turn);
                    knowledge.0[team].tell(
                        &setup,
                        turn,
                        Event::RescuedInDistress {
                            route: g.route,
                            people: aboard,
                        },
                    );
                    continue;
                }
                let share = 20 + d.below(41);
                let dead = (aboard * share / 100).max(1).min(aboard);
                g.lost += dead;
                tally.add(None, |c| c.lives_lost += i64::from(dead));
                if g.lost >= g.size {
                    g.status = GroupStatus::LostAtSea;
                    continue;
                }
            } else {
                let dead = aboard * (2 + d.below(6)) / 100;
                g.lost += dead;
                tally.add(None, |c| c.lives_lost += i64::from(dead));
            }
        }
        if g.progress < leg.turns {
            continue;
        }
        g.leg += 1;
        g.progress = 0;
        if g.leg as usize >= route.legs.len() {
            let arrived = g.size - g.lost;
            g.status = if g.trafficked() {
                GroupStatus::Exploited
            } else {
                GroupStatus::Arrived
            };
            tally.add(None, |c| c.migrants_moved += i64::from(arrived));
        }
    }
}

/// Groups held with no decision are processed routinely: charged with illegal
/// entry and removed, victims unrecognised among them.
pub fn process_held_groups(
    setup: Res<Setup>,
    clock: Res<Clock>,
    mut groups: Query<(Entity, &mut Group)>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    for (_, e) in groups_in_order(groups.iter()) {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        if !g.status.held() || g.held_since + HOLDING_TURNS > turn {
            continue;
        }
        let Some(team) = g.custody else { continue };
        let people = g.size - g.lost;
        g.status = GroupStatus::Returned;
        g.custody = None;
        let criminalises = setup.law_of_team(team).smuggling_criminalised;
        if criminalises {
            tally.add(Some(team), |c| c.migrants_criminalised += i64::from(people));
        }
        if g.trafficked() {
            network.at_risk.push(AtRisk {
                from_group: g.id.clone(),
                size: people,
                route: g.route,
                indicators: g.indicators.clone(),
                returned: turn,
                risk: super::victims::RISK_BARE_RETURN,
            });
        }
        meet_group(&mut knowledge.0[team], &g, turn);
        knowledge.0[team].tell(
            &setup,
            turn,
            Event::ProcessedRoutinely {
                group: GroupTag {
                    seq: g.seq,
                    id: g.id.clone(),
                },
                held_turns: HOLDING_TURNS,
            },
        );
    }
}
