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
        Role::DocumentForger | Role::CorruptOfficial | Role::Enabler => 4,
        Role::Recruiter | Role::Company => 3,
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
        .filter(|g| g.status == GroupStatus::Exploited)
        .map(|g| i64::from(g.size - g.lost))
        .sum();
    count_victims_in_protection(&mut tally, groups.iter());
    let now = capability_of(
        &setup,
        |i| roster.0.get(i).and_then(|e| states.get(*e).ok()).cloned(),
        &network,
    );
    capability.now = now;
}

/// Identified victims in protection now, for the exercise and for the team
/// that referred them: people returned home leave the count.
fn count_victims_in_protection<'a>(tally: &mut Tally, groups: impl Iterator<Item = &'a Group>) {
    tally.total.victims_protected = 0;
    for t in tally.teams.iter_mut() {
        t.victims_protected = 0;
    }
    for g in groups.filter(|g| g.status == GroupStatus::Protected && g.identified) {
        let people = i64::from(g.size - g.lost);
        tally.add(g.referred_by, |c| c.victims_protected += people);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    #[test]
    fn capability_counts_members_at_work_by_role_and_skill_and_absorbed_work_at_sixty_percent() {
        let b = Bench::mini();
        let setup = b.setup();
        let network = Network {
            seized: vec![true; setup.assets.len()],
            ..Network::default()
        };
        let boss = |status, absorbed| {
            let mut s = ActorState::new(false);
            s.status = status;
            s.absorbed = absorbed;
            s
        };
        let with = |first: ActorState| {
            let first = Some(first);
            capability_of(
                setup,
                |i| if i == 0 { first.clone() } else { None },
                &network,
            )
        };
        // An organiser of skill 80: weight 12 × (50 + 80), four times over.
        assert_eq!(with(boss(ActorStatus::Active, false)), 12 * 130 * 4);
        assert_eq!(with(boss(ActorStatus::Arrested, false)), 0);
        assert_eq!(
            with(boss(ActorStatus::Arrested, true)),
            12 * 130 * 6 / 10 * 4
        );
    }

    #[test]
    fn assets_count_until_seized_and_never_for_more_than_the_people() {
        let b = Bench::mini();
        let setup = b.setup();
        let everyone = |_| Some(ActorState::new(false));
        let mut network = Network {
            seized: vec![false; setup.assets.len()],
            ..Network::default()
        };
        let people: u64 = setup
            .actors
            .iter()
            .map(|a| role_weight(a.role) * (50 + u64::from(a.skill)))
            .sum();
        assert_eq!(
            capability_of(setup, everyone, &network),
            people * 4 + 40 + 80
        );
        network.seized[0] = true;
        assert_eq!(capability_of(setup, everyone, &network), people * 4 + 80);
        let nobody = |i: usize| {
            let mut s = ActorState::new(false);
            s.status = if i == 0 {
                ActorStatus::Active
            } else {
                ActorStatus::Convicted
            };
            Some(s)
        };
        let boss = role_weight(setup.actors[0].role) * (50 + u64::from(setup.actors[0].skill));
        assert_eq!(
            capability_of(setup, nobody, &network),
            boss * 4 + 80.min(boss)
        );
    }

    #[test]
    fn people_held_in_exploitation_are_counted_each_turn_identified_or_not() {
        let mut b = Bench::mini();
        b.set_group(1, |g| {
            g.status = GroupStatus::Exploited;
            g.lost = 2;
        });
        b.run(measure_capability);
        assert_eq!(b.resource::<Tally>().total.victims_exploited, 12 - 2);
        // Identified but left where they are, they are still exploited.
        b.set_group(1, |g| g.identified = true);
        b.run(measure_capability);
        assert_eq!(b.resource::<Tally>().total.victims_exploited, 12 - 2);
        b.set_group(1, |g| g.status = GroupStatus::Protected);
        b.run(measure_capability);
        assert_eq!(b.resource::<Tally>().total.victims_exploited, 0);
    }

    #[test]
    fn operations_are_cleared_once_resolved() {
        let mut b = Bench::mini();
        let police = b.team("trans_police");
        b.next_turn();
        b.order(
            police,
            crate::scenario::ActionKind::Analysis,
            crate::engine::state::TargetRef::Nothing,
        );
        b.run(clear_finished_operations);
        assert!(b.operations().is_empty());
    }
}
