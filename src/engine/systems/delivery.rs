//! Controlled delivery: a group a team has met travels on under watch
//! instead of being stopped, so that the people who move and hold it show
//! themselves (UN Convention against Transnational Organized Crime, art.
//! 20(1); the Smuggling of Migrants Protocol leaves the technique to the
//! Convention). The people stay in the network's hands meanwhile: the
//! price of following it.

use bevy_ecs::prelude::*;

use super::investigate::Provenance;
use super::maritime::meet_group;
use super::premises::held_at;
use super::victims::tag;
use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::events::Event;
use crate::engine::knowledge::{Channel, Knowledge, Source};
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{ActorState, Clock, Group, Network, Operation, TargetRef};
use crate::scenario::ActionKind;

/// The controlled deliveries whose watch ends this turn. The watch holds at
/// the action's odds: then the team learns everyone who moved or held the
/// people since they set off, by name and part, with evidence a court
/// admits, and where the people are now, so premises can be raided. A watch
/// that is lost warns those who were moving them.
#[allow(clippy::too_many_arguments)]
pub fn resolve_controlled_deliveries(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    groups: Query<(Entity, &Group)>,
    states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let due = due_operations(ops.iter(), turn, &[ActionKind::ControlledDelivery]);
    for (_, op) in due {
        let TargetRef::Group(seq) = op.target else {
            continue;
        };
        let Some((_, g)) = groups.iter().find(|(_, g)| g.seq == seq) else {
            continue;
        };
        let Some(def) = setup.action(op.kind) else {
            continue;
        };
        let know = &mut knowledge.0[op.team];
        let held = seed.chance(
            turn,
            Purpose::Success,
            u64::from(g.seq),
            op.team.index() as u64 ^ ((op.kind as u64) << 8),
            def.success,
        );
        if !held {
            network.tip_offs.extend(g.handlers.iter().map(|&a| (a, 35)));
            know.tell(setup.as_ref(), turn, Event::DeliveryLost { group: tag(g) });
            continue;
        }
        let provenance = Provenance {
            channel: Channel::Domestic,
            jurisdiction: setup.teams[op.team].country,
            source: Source::ControlledDelivery,
        };
        let mut handlers = Vec::new();
        for &a in &g.handlers {
            if handlers.contains(&a) {
                continue;
            }
            handlers.push(a);
            let state = actor_state(&states, &roster, a);
            know.learn_actor(
                a,
                sighting(
                    &setup,
                    a,
                    state,
                    turn,
                    Source::ControlledDelivery,
                    true,
                    true,
                    80,
                ),
            );
            know.add_evidence(a, provenance.evidence(def.evidence, turn));
        }
        meet_group(&setup, know, g, turn);
        know.routes.insert(g.route);
        let place = held_at(&setup, g);
        if let Some(p) = place {
            know.places.insert(p);
        }
        let named = handlers.iter().map(|&a| know.person(&setup, a)).collect();
        know.tell(
            setup.as_ref(),
            turn,
            Event::DeliveryWatched {
                group: tag(g),
                handlers: named,
                held_at: place,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::state::{ActorStatus, GroupStatus};
    use crate::engine::systems::testkit::Bench;
    use crate::scenario::PlaceKind;

    /// The mini world's land group, on its way, moved by the Transia
    /// driver and held on arrival by the Destia keeper at a safe house;
    /// Transia's police met it, and watch it with these odds.
    fn watched(odds: u32) -> (Bench, TeamIx) {
        let mut b = Bench::mini_with(move |setup| {
            Bench::keeper_premises(setup, ("den", "The den"), "dest", PlaceKind::SafeHouse);
            Bench::odds(setup, ActionKind::ControlledDelivery, odds);
        });
        let (driver, keeper) = (b.actor("drv1"), b.actor("keeper"));
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Exploited;
            g.handle(driver);
            g.handle(keeper);
        });
        let police = b.team("trans_police");
        b.meet(police, LAND, 0);
        (b, police)
    }

    use crate::engine::setup::TeamIx;
    const LAND: u32 = 1;

    #[test]
    fn a_watched_delivery_names_who_moved_and_held_the_people_and_where() {
        let (mut b, police) = watched(100);
        let (driver, keeper) = (b.actor("drv1"), b.actor("keeper"));
        b.next_turn();
        b.order(
            police,
            ActionKind::ControlledDelivery,
            TargetRef::Group(LAND),
        );
        b.run(resolve_controlled_deliveries);
        let know = b.knowledge(police);
        for a in [driver, keeper] {
            assert!(know.actors[&a].identified);
            assert_eq!(know.admissible_total(a), 2, "evidence a court admits");
        }
        let den = b.setup().place("den").expect("the den");
        assert!(know.places.contains(&den));
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::DeliveryWatched { handlers, held_at: Some(p), .. }]
                if handlers.len() == 2 && *p == den
        ));
        // The people were never stopped: they are still held.
        assert_eq!(b.group(LAND).status, GroupStatus::Exploited);
        assert_eq!(b.group(LAND).custody, None);
    }

    #[test]
    fn a_lost_watch_names_no_one_and_warns_those_moving_the_people() {
        let (mut b, police) = watched(0);
        let driver = b.actor("drv1");
        b.next_turn();
        b.order(
            police,
            ActionKind::ControlledDelivery,
            TargetRef::Group(LAND),
        );
        b.run(resolve_controlled_deliveries);
        let know = b.knowledge(police);
        assert_eq!(know.evidence_total(driver), 0);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::DeliveryLost { .. }]
        ));
        assert!(
            b.resource::<Network>()
                .tip_offs
                .iter()
                .any(|&(a, _)| a == driver)
        );
        assert_eq!(b.actor_state(driver).status, ActorStatus::Active);
    }
}
