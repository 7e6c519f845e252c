//! End of turn: measure what the network has left and clear finished work.

use bevy_ecs::prelude::*;

use super::Roster;
use crate::engine::metrics::{Capability, Tally};
use crate::engine::setup::Setup;
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Group, GroupStatus, Network, Operation,
};
use crate::scenario::Role;

/// What a member in a role adds to the network's capability: organisers and
/// money hold it together; crews are many and cheap.
pub fn role_weight(role: Role) -> u64 {
    match role {
        Role::Organiser => 12,
        Role::MoneyBroker => 5,
        Role::DocumentForger | Role::CorruptOfficial => 4,
        Role::Recruiter => 3,
        Role::SafeHouseKeeper | Role::Enforcer => 2,
        Role::Transporter | Role::BoatCaptain => 1,
    }
}

/// The network's capability: members at work weighted by role and skill, plus
/// the assets it still holds. A linear pass: no all-pairs measure.
pub fn capability_of(
    setup: &Setup,
    statuses: impl Fn(usize) -> Option<ActorState>,
    network: &Network,
) -> u64 {
    let mut people = 0u64;
    for (i, a) in setup.actors.iter().enumerate() {
        let Some(s) = statuses(i) else { continue };
        let full = role_weight(a.role) * (50 + u64::from(a.skill));
        people += match s.status {
            ActorStatus::Active => full,
            _ if s.absorbed => full * 6 / 10,
            _ => 0,
        };
    }
    let assets: u64 = setup
        .assets
        .iter()
        .enumerate()
        .filter(|(i, _)| !network.seized.get(*i).copied().unwrap_or(false))
        .map(|(_, a)| u64::from(a.value))
        .sum();
    // Assets count for a fifth at most of what the people are worth at the start.
    people * 4 + assets.min(people)
}

/// Measure the network's capability after this turn, and the people it holds
/// in exploitation.
pub fn measure_capability(
    setup: Res<Setup>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    groups: Query<&Group>,
    network: Res<Network>,
    mut capability: ResMut<Capability>,
    mut tally: ResMut<Tally>,
) {
    tally.total.victims_exploited = groups
        .iter()
        .filter(|g| g.status == GroupStatus::Exploited && !g.identified)
        .map(|g| i64::from(g.size - g.lost))
        .sum();
    let now = capability_of(
        &setup,
        |i| roster.0.get(i).and_then(|e| states.get(*e).ok()).cloned(),
        &network,
    );
    capability.now = now;
}

/// Remove operations that have resolved.
pub fn clear_finished_operations(
    mut commands: Commands,
    clock: Res<Clock>,
    ops: Query<(Entity, &Operation)>,
) {
    for (e, op) in ops.iter() {
        if op.resolves <= clock.turn {
            commands.entity(e).despawn();
        }
    }
}
