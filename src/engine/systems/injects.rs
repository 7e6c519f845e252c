//! Injects: the scripted and conditional events of the exercise, and those the
//! White Cell fires live.

use bevy_ecs::prelude::*;

use super::{Roster, groups_in_order, sighting};
use crate::engine::PendingInput;
use crate::engine::events::Event;
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source};
use crate::engine::metrics::{Capability, Tally};
use crate::engine::setup::{RouteIx, Setup};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Conditions, Group, GroupStatus, InjectLog, Network,
    WeatherSpell,
};
use crate::scenario::{Condition, Effect, Inject, Metric, Mode, Trigger};

/// A metric's current value by key, for conditions; none for the scores,
/// which are only summed at the end of the turn.
pub fn metric_value(key: &str, tally: &Tally, capability: &Capability) -> Option<i64> {
    match Metric::from_key(key)? {
        Metric::NetworkCapability => Some(capability.permille()),
        counted => tally.total.get(counted),
    }
}

fn holds(
    cond: &Condition,
    turn: u32,
    setup: &Setup,
    statuses: &[ActorStatus],
    tally: &Tally,
    capability: &Capability,
) -> bool {
    let caught = |s: ActorStatus| matches!(s, ActorStatus::Arrested | ActorStatus::Convicted);
    match cond {
        Condition::RoleArrested(role) => setup
            .actors
            .iter()
            .enumerate()
            .any(|(i, a)| a.role == *role && caught(statuses[i])),
        Condition::ActorArrested(id) => setup.actor(id).is_some_and(|i| caught(statuses[i])),
        Condition::CapabilityBelow(pct) => capability.permille() < i64::from(*pct) * 10,
        Condition::MetricAtLeast(name, v) => {
            metric_value(name, tally, capability).is_some_and(|x| x >= *v)
        }
        Condition::AfterTurn(t, inner) => {
            turn >= *t && holds(inner, turn, setup, statuses, tally, capability)
        }
    }
}

/// Fire the injects due this turn, scheduled, conditional and live.
#[allow(clippy::too_many_arguments)]
pub fn fire_injects(
    setup: Res<Setup>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    input: Res<PendingInput>,
    tally: Res<Tally>,
    capability: Res<Capability>,
    mut states: Query<&mut ActorState>,
    mut groups: Query<(Entity, &mut Group)>,
    mut log: ResMut<InjectLog>,
    mut conditions: ResMut<Conditions>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let mut firing: Vec<(usize, String)> = Vec::new();
    for (i, inject) in setup.scenario.injects.iter().enumerate() {
        if log.fired.get(i).copied().flatten().is_some() {
            continue;
        }
        let due = match &inject.trigger {
            Trigger::Turn(t) => *t == turn,
            Trigger::When(c) => holds(c, turn, &setup, &statuses, &tally, &capability),
        };
        if due {
            firing.push((i, String::new()));
        }
    }
    for live in &input.0.live {
        match live
            .inject
            .as_deref()
            .and_then(|id| setup.scenario.injects.iter().position(|x| x.id == id))
        {
            Some(i) => firing.push((i, live.text.clone())),
            None => {
                let to = resolve_teams(&setup, &live.to);
                for t in to {
                    knowledge.0[t].tell(
                        &setup,
                        turn,
                        Event::WhiteCell {
                            text: live.text.clone(),
                        },
                    );
                }
            }
        }
    }
    for (i, extra) in firing {
        if let Some(slot) = log.fired.get_mut(i) {
            slot.get_or_insert(turn);
        }
        let inject = &setup.scenario.injects[i];
        let distress: Vec<RouteIx> = inject
            .effects
            .iter()
            .filter_map(|e| match e {
                Effect::BoatInDistress(route) => setup.route(route),
                _ => None,
            })
            .collect();
        let event = Event::Inject {
            inject: inject.id.clone(),
            extra,
            distress,
        };
        for t in resolve_teams(&setup, &inject.to) {
            knowledge.0[t].tell(&setup, turn, event.clone());
        }
        apply_effects(
            inject,
            turn,
            &setup,
            &roster,
            &mut states,
            &mut groups,
            &mut conditions,
            &mut network,
            &mut knowledge,
        );
    }
}

fn resolve_teams(setup: &Setup, ids: &[String]) -> Vec<usize> {
    if ids.is_empty() {
        (0..setup.teams.len()).collect()
    } else {
        ids.iter().filter_map(|id| setup.team(id)).collect()
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_effects(
    inject: &Inject,
    turn: u32,
    setup: &Setup,
    roster: &Roster,
    states: &mut Query<&mut ActorState>,
    groups: &mut Query<(Entity, &mut Group)>,
    conditions: &mut Conditions,
    network: &mut Network,
    knowledge: &mut Knowledge,
) {
    for effect in &inject.effects {
        match effect {
            Effect::BoatInDistress(route) => {
                let Some(r) = setup.route(route) else {
                    continue;
                };
                let order = groups_in_order(groups.iter());
                let at_sea = |g: &Group| {
                    g.route == r
                        && g.status == GroupStatus::InTransit
                        && setup.routes[r]
                            .legs
                            .get(g.leg as usize)
                            .is_some_and(|l| l.mode == Mode::Sea)
                };
                let pick = order
                    .iter()
                    .find(|(_, e)| groups.get(*e).is_ok_and(|(_, g)| at_sea(g)))
                    .or_else(|| {
                        order.iter().find(|(_, e)| {
                            groups.get(*e).is_ok_and(|(_, g)| {
                                g.route == r && g.status == GroupStatus::InTransit
                            })
                        })
                    });
                if let Some(&(_, e)) = pick {
                    if let Ok((_, mut g)) = groups.get_mut(e) {
                        g.distress = true;
                    }
                    conditions.distress_routes.push(r);
                }
            }
            Effect::Weather {
                mode,
                extra_hazard,
                turns,
            } => conditions.weather.push(WeatherSpell {
                mode: *mode,
                extra_hazard: *extra_hazard,
                until: turn + turns,
            }),
            Effect::Expose(id) => {
                let Some(a) = setup.actor(id) else { continue };
                let state = roster.0.get(a).and_then(|e| states.get(*e).ok()).cloned();
                let country = setup.actors[a].country;
                for (t, know) in knowledge.0.iter_mut().enumerate() {
                    if setup.teams[t].country != country {
                        continue;
                    }
                    know.learn_actor(
                        a,
                        sighting(
                            setup,
                            a,
                            state.as_ref(),
                            turn,
                            Source::Inject,
                            true,
                            true,
                            70,
                        ),
                    );
                    know.add_evidence(
                        a,
                        Evidence {
                            strength: 2,
                            channel: Channel::Domestic,
                            jurisdiction: country,
                            source: Source::Inject,
                            turn,
                        },
                    );
                }
            }
            Effect::Activate(id) => {
                let Some(a) = setup.actor(id) else { continue };
                if let Some(mut s) = roster.0.get(a).and_then(|e| states.get_mut(*e).ok())
                    && s.status == ActorStatus::Dormant
                {
                    s.status = ActorStatus::Active;
                }
            }
            Effect::CloseRoute { route, turns } => {
                if let Some(r) = setup.route(route) {
                    network.route_closed_until[r] = turn + turns;
                }
            }
        }
    }
}
