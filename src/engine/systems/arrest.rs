//! Arrests, asset freezes and extraditions: taking people and money out of the
//! network.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations, record_custody, sighting};
use crate::engine::events::{ArrestMiss, Event, Person};
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Cooperation, Network, Operation, TargetRef,
};
use crate::scenario::ActionKind;

const KINDS: [ActionKind; 3] = [
    ActionKind::Arrest,
    ActionKind::AssetFreeze,
    ActionKind::Extradition,
];

/// Resolve arrests, asset freezes and extraditions due this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_arrests(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
    mut coop: ResMut<Cooperation>,
) {
    let turn = clock.turn;
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        let TargetRef::Actor(target) = op.target else {
            continue;
        };
        let Some(&entity) = roster.0.get(target) else {
            continue;
        };
        let Ok(mut state) = states.get_mut(entity) else {
            continue;
        };
        let Some(def) = setup.action(op.kind) else {
            continue;
        };
        let person = knowledge.0[op.team].person(&setup, target);
        let info = &setup.actors[target];
        let salt = op.team as u64;
        match op.kind {
            ActionKind::Arrest => {
                if state.status != ActorStatus::Active {
                    let why = match state.status {
                        ActorStatus::Fled => ArrestMiss::Fled,
                        ActorStatus::Dormant => ArrestMiss::CouldNotBeFound,
                        _ => ArrestMiss::AlreadyInCustody,
                    };
                    knowledge.0[op.team].tell(&setup, turn, Event::ArrestFailed { person, why });
                    continue;
                }
                let odds = def.success.saturating_sub(state.alert / 4);
                if !seed.chance(turn, Purpose::Success, target as u64, salt, odds) {
                    network.tip_offs.push((target, 60));
                    knowledge.0[op.team].tell(
                        &setup,
                        turn,
                        Event::ArrestFailed {
                            person,
                            why: ArrestMiss::NotAtAddress,
                        },
                    );
                    continue;
                }
                state.status = ActorStatus::Arrested;
                state.custody = Some(op.team);
                state.vacant_since = Some(turn);
                state.replaced = false;
                coop.arrests_this_turn.push((op.team, target));
                tally.add(Some(op.team), |c| c.arrested += 1);
                let warned: Vec<_> = network.ties[target].iter().map(|t| (t.other, 40)).collect();
                network.tip_offs.extend(warned);
                record_custody(
                    &setup,
                    &mut knowledge,
                    op.team,
                    target,
                    &state,
                    turn,
                    Source::Arrest,
                );
                let know = &mut knowledge.0[op.team];
                know.add_evidence(
                    target,
                    Evidence {
                        strength: def.evidence,
                        channel: Channel::Domestic,
                        jurisdiction: setup.teams[op.team].country,
                        source: Source::Arrest,
                        turn,
                    },
                );
                let mut named = None;
                // A suspect with little loyalty may talk in interview.
                if seed.chance(
                    turn,
                    Purpose::Reveal,
                    target as u64,
                    salt,
                    100 - info.loyalty,
                ) {
                    let mut ties: Vec<_> = network.ties[target].clone();
                    ties.sort_by_key(|t| (std::cmp::Reverse(t.strength), t.other));
                    if let Some(t) = ties
                        .iter()
                        .find(|t| !know.actors.get(&t.other).is_some_and(|i| i.identified))
                    {
                        know.learn_actor(
                            t.other,
                            sighting(&setup, t.other, None, turn, Source::Arrest, true, true, 70),
                        );
                        know.learn_tie(target, t.other, Some(t.kind));
                        know.add_evidence(
                            t.other,
                            Evidence {
                                strength: 1,
                                channel: Channel::Domestic,
                                jurisdiction: setup.teams[op.team].country,
                                source: Source::Arrest,
                                turn,
                            },
                        );
                        named = Some(Person::named(t.other));
                    }
                }
                know.tell(&setup, turn, Event::Arrested { person, named });
            }
            ActionKind::AssetFreeze => {
                let know = &mut knowledge.0[op.team];
                let mut seized = Vec::new();
                for (i, a) in setup.assets.iter().enumerate() {
                    if a.owner == target && know.assets.contains(&i) && !network.seized[i] {
                        network.seized[i] = true;
                        seized.push(a.name.clone());
                    }
                }
                if seized.is_empty() {
                    know.tell(&setup, turn, Event::NoAssetsToFreeze { person });
                } else {
                    let n = seized.len() as i64;
                    tally.add(Some(op.team), |c| c.assets_seized += n);
                    network.tip_offs.push((target, 30));
                    know.tell(
                        &setup,
                        turn,
                        Event::AssetsFrozen {
                            person,
                            assets: seized,
                        },
                    );
                }
            }
            _ => {
                let holder = state
                    .custody
                    .filter(|&t| state.status == ActorStatus::Arrested && t != op.team);
                match holder {
                    Some(h) if setup.teams[h].country != setup.teams[op.team].country => {
                        if seed.chance(turn, Purpose::Success, target as u64, salt, def.success) {
                            state.custody = Some(op.team);
                            let mut fact = sighting(
                                &setup,
                                target,
                                Some(&state),
                                turn,
                                Source::Arrest,
                                true,
                                true,
                                95,
                            );
                            fact.held = true;
                            knowledge.0[op.team].learn_actor(target, fact);
                            if let Some(i) = knowledge.0[h].actors.get_mut(&target) {
                                i.held = false;
                            }
                            knowledge.0[op.team].tell(
                                &setup,
                                turn,
                                Event::Extradited { person, by: h },
                            );
                            let theirs = knowledge.0[h].person(&setup, target);
                            knowledge.0[h].tell(
                                &setup,
                                turn,
                                Event::SurrenderedAbroad {
                                    person: theirs,
                                    to: op.team,
                                },
                            );
                        } else {
                            knowledge.0[op.team].tell(
                                &setup,
                                turn,
                                Event::ExtraditionRefused { person },
                            );
                        }
                    }
                    _ => knowledge.0[op.team].tell(
                        &setup,
                        turn,
                        Event::NotInCustodyAbroad { person },
                    ),
                }
            }
        }
    }
}
