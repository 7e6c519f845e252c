//! Signals the network gives off: groups seen at border posts and worksites,
//! members whose activity draws notice.

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::{Roster, groups_in_order, sighting};
use crate::engine::events::{Event, GroupTag, SignalKind};
use crate::engine::knowledge::{Knowledge, Source};
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{ActorState, ActorStatus, Clock, Group, GroupStatus};
use crate::scenario::{Agency, PlaceKind, Role};

/// Percent chance a labour inspection or a complaint brings an exploited group
/// to a destination team's notice in one turn.
pub const WORKSITE_SIGNAL: u32 = 12;
/// Percent chance a border check notices a group passing.
pub const BORDER_SIGNAL: u32 = 10;

/// Give teams the signals the network's activity sends this turn.
pub fn give_off_signals(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    groups: Query<(Entity, &Group)>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let teams_in = |country: usize, prefer: &[Agency]| -> Option<usize> {
        let local: Vec<usize> = (0..setup.teams.len())
            .filter(|&t| setup.teams[t].country == country)
            .collect();
        prefer
            .iter()
            .find_map(|a| local.iter().copied().find(|&t| setup.teams[t].agency == *a))
            .or_else(|| local.first().copied())
    };
    for (seq, e) in groups_in_order(groups.iter()) {
        let Ok((_, g)) = groups.get(e) else { continue };
        let route = &setup.routes[g.route];
        let (place, chance, kind) = match g.status {
            GroupStatus::Exploited => {
                let Some(last) = route.legs.last() else {
                    continue;
                };
                (last.to, WORKSITE_SIGNAL, SignalKind::Worksite)
            }
            GroupStatus::InTransit => {
                let Some(leg) = route.legs.get(g.leg as usize) else {
                    continue;
                };
                let p = leg.from;
                if !matches!(
                    setup.places[p].kind,
                    PlaceKind::BorderPost | PlaceKind::Airport | PlaceKind::Port
                ) {
                    continue;
                }
                (p, BORDER_SIGNAL, SignalKind::BorderCheck)
            }
            _ => continue,
        };
        let Some(country) = setup.places[place].country else {
            continue;
        };
        let Some(team) = teams_in(country, &[Agency::Immigration, Agency::Police]) else {
            continue;
        };
        if knowledge.0[team].groups.contains_key(&seq) {
            continue;
        }
        if !seed.chance(turn, Purpose::Encounter, u64::from(seq), 0, chance) {
            continue;
        }
        let know = &mut knowledge.0[team];
        meet_group(know, g, turn);
        know.tell(
            &setup,
            turn,
            Event::Signal {
                place,
                kind,
                group: GroupTag {
                    seq,
                    id: g.id.clone(),
                },
            },
        );
    }
    // Busy aides are seen; careful ones are not.
    for (i, info) in setup.actors.iter().enumerate() {
        if matches!(info.role, Role::Organiser | Role::MoneyBroker) {
            continue;
        }
        let Some(s) = roster.0.get(i).and_then(|e| states.get(*e).ok()) else {
            continue;
        };
        if s.status != ActorStatus::Active || s.is_dark(turn) {
            continue;
        }
        let odds = (100 - info.caution) / 12;
        if !seed.chance(turn, Purpose::Signal, i as u64, 0, odds) {
            continue;
        }
        let Some(team) = teams_in(info.country, &[Agency::Police, Agency::Immigration]) else {
            continue;
        };
        if knowledge.0[team].actors.contains_key(&i) {
            continue;
        }
        let know = &mut knowledge.0[team];
        know.learn_actor(
            i,
            sighting(&setup, i, Some(s), turn, Source::Signal, false, true, 30),
        );
        know.tell(&setup, turn, Event::CommunityTip { role: info.role });
    }
}
