//! Labour inspections: inspectors enter a worksite, talk to the workers and
//! find the signs of forced labour. They arrest no one and hold no one;
//! what they find makes presumed victims of the people under it and is a
//! report the police can act on (a raid), as labour inspectorates work
//! under the ILO Labour Inspection Convention (No. 81) and the Forced
//! Labour Protocol (2014).

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::premises::held_at;
use super::victims::{identify, tag};
use super::{due_operations, groups_in_order};
use crate::engine::events::{Event, SignalKind};
use crate::engine::knowledge::Knowledge;
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{CountryIx, PlaceIx, Setup, TeamIx};
use crate::engine::state::{Clock, Group, Operation, TargetRef};
use crate::scenario::{ActionKind, Signal};

/// The labour inspections ordered for this turn.
pub fn resolve_inspections(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    ops: Query<(Entity, &Operation)>,
    mut groups: Query<(Entity, &mut Group)>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let order = groups_in_order(groups.iter());
    let due = due_operations(
        ops.iter(),
        clock.turn,
        &[
            ActionKind::LabourInspection,
            ActionKind::PortStateInspection,
        ],
    );
    for (_, op) in due {
        if let TargetRef::Place(place) = op.target {
            let mut desk = Desk {
                setup: &setup,
                seed: &seed,
                turn: clock.turn,
                knowledge: &mut knowledge,
                tally: &mut tally,
            };
            inspect(&mut desk, &op, place, &mut groups, &order);
        }
    }
}

/// What an inspection reads and changes.
struct Desk<'a> {
    setup: &'a Setup,
    seed: &'a Seed,
    turn: u32,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
}

/// The inspectors meet every group held in exploitation at the worksite
/// and out of anyone's custody. Workers watched by their exploiters speak
/// only sometimes (the action's odds); those who do show the signs of
/// trafficking, and become presumed victims.
fn inspect(
    desk: &mut Desk,
    op: &Operation,
    place: PlaceIx,
    groups: &mut Query<(Entity, &mut Group)>,
    order: &[(u32, Entity)],
) {
    let (setup, turn) = (desk.setup, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let (mut people, mut presumed_victims) = (0, 0);
    for &(_, e) in order {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        if g.custody.is_some() || held_at(setup, &g) != Some(place) {
            continue;
        }
        let here = g.size.saturating_sub(g.lost);
        people += here;
        let know = &mut desk.knowledge.0[op.team];
        meet_group(setup, know, &g, turn);
        let spoke = desk.seed.chance(
            turn,
            Purpose::Inspection,
            u64::from(g.seq),
            op.team.index() as u64,
            def.success,
        );
        if spoke && g.trafficked() {
            presumed_victims += here;
            identify(setup, desk.tally, know, op.team, &mut g, turn);
            // Aboard, the flag state's law runs; in port, the port state's
            // too: both hear of it.
            let flag = setup.places[place].country;
            let port = Some(setup.teams[op.team].country).filter(|&c| Some(c) != flag);
            for country in [flag, port].into_iter().flatten() {
                report_to_police(desk, country, place, &g);
            }
        }
    }
    let know = &mut desk.knowledge.0[op.team];
    know.places.insert(place);
    know.tell(
        setup,
        turn,
        Event::Inspected {
            place,
            people,
            presumed_victims,
        },
    );
}

/// Inspectors who find forced labour report it to the team of their
/// country that can enter the premises (of those that may raid, the one
/// that hears soonest of network members: the police before immigration):
/// it learns of the people and the premises, as from any report, and can
/// raid.
fn report_to_police(desk: &mut Desk, country: CountryIx, place: PlaceIx, g: &Group) {
    let setup = desk.setup;
    let Some(team) = TeamIx::all(setup.teams.len())
        .filter(|&t| setup.teams[t].country == country)
        .filter(|&t| setup.teams[t].actions.contains(&ActionKind::Raid))
        .min_by_key(|&t| {
            setup.teams[t]
                .agency
                .hears_rank(Signal::Members)
                .unwrap_or(usize::MAX)
        })
    else {
        return;
    };
    let know = &mut desk.knowledge.0[team];
    meet_group(setup, know, g, desk.turn);
    know.places.insert(place);
    know.tell(
        setup,
        desk.turn,
        Event::Signal {
            place,
            kind: SignalKind::Worksite,
            group: tag(g),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::state::GroupStatus;
    use crate::engine::systems::testkit::Bench;
    use crate::scenario::Agency;
    use crate::scenario::PlaceKind;

    /// The land group: twelve people deceived into debt bondage.
    const LAND: u32 = 1;

    /// The mini world with an orchard in Destia where the keeper works,
    /// the land group held there in exploitation, and inspectors whose
    /// interviews always (`100`) or never (`0`) get workers to speak.
    fn orchard(odds: u32) -> (Bench, PlaceIx) {
        let mut b = Bench::mini_with(move |setup| {
            let orchard = ("orchard", "The orchard");
            Bench::keeper_premises(setup, orchard, "dest", PlaceKind::Worksite);
            Bench::odds(setup, ActionKind::LabourInspection, odds);
            let dest = setup.countries.iter().position(|c| c.id == "dest");
            setup.teams.push(crate::engine::setup::TeamInfo {
                id: "dest_labour".into(),
                name: "Destia Labour Inspectorate".into(),
                country: CountryIx(dest.expect("Destia")),
                agency: setup
                    .catalog
                    .agency(&Agency::LABOUR_INSPECTORATE)
                    .cloned()
                    .expect("shipped"),
                capacity: 4,
                interpreters: 1,
                brief: String::new(),
                leads: Vec::new(),
                actions: Vec::new(),
            });
        });
        let keeper = b.actor("keeper");
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Exploited;
            g.handle(keeper);
        });
        let place = b.setup().place("orchard").expect("the orchard");
        (b, place)
    }

    #[test]
    fn inspectors_find_the_people_held_at_a_worksite_as_presumed_victims_and_hold_no_one() {
        let (mut b, place) = orchard(100);
        let (team, keeper) = (b.team("dest_police"), b.actor("keeper"));
        b.next_turn();
        b.order(team, ActionKind::LabourInspection, TargetRef::Place(place));
        b.run(resolve_inspections);
        let g = b.group(LAND);
        assert!(g.identified);
        assert_eq!((g.status, g.custody), (GroupStatus::Exploited, None));
        assert_eq!(
            b.actor_state(keeper).status,
            crate::engine::state::ActorStatus::Active
        );
        assert_eq!(b.resource::<Tally>().teams[team].victims_identified, 12);
        let know = b.knowledge(team);
        assert!(know.groups[&LAND].victims_identified);
        assert!(know.places.contains(&place));
        assert!(know.messages.iter().any(|m| matches!(
            m.event,
            Event::Inspected {
                people: 12,
                presumed_victims: 12,
                ..
            }
        )));
    }

    #[test]
    fn inspectors_report_forced_labour_to_the_police_who_can_raid_the_premises() {
        let (mut b, place) = orchard(100);
        // The inspectorate is the team added last.
        let (police, inspectors) = (b.team("dest_police"), b.setup().teams.len() - 1);
        assert_eq!(
            b.setup().teams[inspectors].agency.id,
            Agency::LABOUR_INSPECTORATE
        );
        b.next_turn();
        b.order(
            TeamIx(inspectors),
            ActionKind::LabourInspection,
            TargetRef::Place(place),
        );
        b.run(resolve_inspections);
        let know = b.knowledge(police);
        assert!(know.places.contains(&place));
        assert!(know.groups.contains_key(&LAND));
        assert!(know.messages.iter().any(|m| matches!(
            m.event,
            Event::Signal {
                place: p,
                kind: SignalKind::Worksite,
                ..
            } if p == place
        )));
    }

    #[test]
    fn workers_too_afraid_to_speak_are_met_but_not_identified() {
        let (mut b, place) = orchard(0);
        let team = b.team("dest_police");
        b.next_turn();
        b.order(team, ActionKind::LabourInspection, TargetRef::Place(place));
        b.run(resolve_inspections);
        assert!(!b.group(LAND).identified);
        let know = b.knowledge(team);
        assert!(know.groups.contains_key(&LAND));
        assert_eq!(b.resource::<Tally>().teams[team].victims_identified, 0);
    }

    #[test]
    fn an_inspection_where_no_one_is_held_finds_no_one() {
        let (mut b, place) = orchard(100);
        b.set_group(LAND, |g| g.handlers.clear());
        let team = b.team("dest_police");
        b.next_turn();
        b.order(team, ActionKind::LabourInspection, TargetRef::Place(place));
        b.run(resolve_inspections);
        assert!(!b.group(LAND).identified);
        assert!(b.knowledge(team).messages.iter().any(|m| matches!(
            m.event,
            Event::Inspected {
                people: 0,
                presumed_victims: 0,
                ..
            }
        )));
    }
}
