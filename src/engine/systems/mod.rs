//! The systems of a turn, one module per phase.

pub mod arrest;
pub mod cooperation;
pub mod courts;
pub mod delivery;
pub mod injects;
pub mod inspections;
pub mod investigate;
pub mod maritime;
pub mod measure;
pub mod migrants;
pub mod network;
pub mod orders;
pub mod passage;
pub mod premises;
pub mod resale;
pub mod signals;
pub mod victims;

#[cfg(test)]
pub(crate) mod testkit;

use bevy_ecs::prelude::*;

use super::events::Event;
use super::knowledge::{ActorIntel, Source};
use super::setup::{ActorIx, Setup};
use super::state::{ActorState, Group, Operation};

/// The entity of each actor, by actor index.
#[derive(Resource, Debug, Clone, Default)]
pub struct Roster(pub Vec<Entity>);

/// Operations that resolve this turn, in canonical order.
pub(crate) fn due_operations<'a>(
    ops: impl Iterator<Item = (Entity, &'a Operation)>,
    turn: u32,
    kinds: &[crate::scenario::ActionKind],
) -> Vec<(Entity, Operation)> {
    let mut due: Vec<(Entity, Operation)> = ops
        .filter(|(_, o)| o.resolves == turn && kinds.contains(&o.kind))
        .map(|(e, o)| (e, o.clone()))
        .collect();
    due.sort_by_key(|(_, o)| (o.ordered, o.seq));
    due
}

/// Groups in creation order.
pub(crate) fn groups_in_order<'a>(
    groups: impl Iterator<Item = (Entity, &'a Group)>,
) -> Vec<(u32, Entity)> {
    let mut v: Vec<(u32, Entity)> = groups.map(|(e, g)| (g.seq, e)).collect();
    v.sort_unstable();
    v
}

/// A fact about a person as one source reveals it.
pub(crate) fn sighting(
    setup: &Setup,
    actor: ActorIx,
    state: Option<&ActorState>,
    turn: u32,
    source: Source,
    identified: bool,
    role: bool,
    confidence: u32,
) -> ActorIntel {
    let info = &setup.actors[actor];
    ActorIntel {
        identified,
        role: role.then_some(info.role),
        country: Some(state.map_or(info.country, |s| s.country(info))),
        place: None,
        status: state.map(|s| s.status),
        held: false,
        confidence,
        source,
        first_turn: turn,
        last_turn: turn,
    }
}

/// A team that went for someone who now lives abroad learns from the border
/// records where they went.
pub(crate) fn record_departure(
    setup: &Setup,
    know: &mut super::knowledge::TeamKnowledge,
    actor: ActorIx,
    state: &ActorState,
    turn: u32,
    source: Source,
) {
    let to = state.country(&setup.actors[actor]);
    know.learn_actor(
        actor,
        sighting(setup, actor, Some(state), turn, source, false, false, 90),
    );
    let person = know.person(setup, actor);
    know.tell(
        setup,
        turn,
        Event::LeftTheCountry {
            person,
            to: setup.countries[to].id.clone(),
        },
    );
}

/// The state of one actor, by index.
pub(crate) fn actor_state<'a>(
    q: &'a Query<&mut ActorState>,
    roster: &Roster,
    actor: ActorIx,
) -> Option<&'a ActorState> {
    roster.0.get(actor.index()).and_then(|e| q.get(*e).ok())
}

/// Tell every agency of the holding team's country that a person is in their
/// country's custody: police arrest, prosecutors charge.
pub(crate) fn record_custody(
    setup: &Setup,
    knowledge: &mut super::knowledge::Knowledge,
    holder: super::setup::TeamIx,
    actor: ActorIx,
    state: &ActorState,
    turn: u32,
    source: Source,
) {
    let country = setup.teams[holder].country;
    for (t, know) in knowledge.0.iter_mut().enumerate() {
        if setup.teams[t].country != country {
            continue;
        }
        let mut fact = sighting(setup, actor, Some(state), turn, source, true, true, 95);
        fact.held = true;
        know.learn_actor(actor, fact);
    }
}

/// Every actor's status, by actor index; members missing from the world count as dormant.
pub(crate) fn statuses<'a>(
    roster: &Roster,
    get: impl Fn(Entity) -> Option<&'a ActorState>,
) -> Vec<super::state::ActorStatus> {
    roster
        .0
        .iter()
        .map(|e| {
            get(*e)
                .map(|s| s.status)
                .unwrap_or(super::state::ActorStatus::Dormant)
        })
        .collect()
}
