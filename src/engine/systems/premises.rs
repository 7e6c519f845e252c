//! Premises: where the network keeps people between legs and at the end of
//! the route, and raids that enter them.
//!
//! People waiting to set off or between legs stay in a safe house of the
//! country they are in; trafficked people who arrived are held where their
//! exploiter keeps them. A raid on those premises finds them, holds them
//! like people stopped at the border (to be screened and referred), and
//! arrests the members found keeping them.

use bevy_ecs::prelude::*;

use super::arrest::{Desk, detain};
use super::maritime::hand_over;
use super::{Roster, due_operations, groups_in_order};
use crate::engine::events::{Event, Person};
use crate::engine::knowledge::{Knowledge, Source};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, PlaceIx, Setup};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Cooperation, Group, GroupStatus, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, PlaceKind, Role};

/// Where a group waits, if it is not on the move: the start of its route
/// before it sets off, or the start of the leg it has not begun.
pub fn stop(setup: &Setup, g: &Group) -> Option<PlaceIx> {
    let legs = &setup.routes[g.route].legs;
    match g.status {
        GroupStatus::Recruited => legs.first().map(|l| l.from),
        GroupStatus::InTransit if g.progress == 0 => legs.get(g.leg as usize).map(|l| l.from),
        _ => None,
    }
}

/// Where a group is now, as someone meeting it would say: where it waits,
/// the end of the leg it is on, where it is held in exploitation, or the
/// end of its route.
pub fn whereabouts(setup: &Setup, g: &Group) -> Option<PlaceIx> {
    let legs = &setup.routes[g.route].legs;
    let end = legs.last().map(|l| l.to);
    match g.status {
        GroupStatus::Exploited => held_at(setup, g).or(end),
        GroupStatus::Arrived => end,
        _ => stop(setup, g)
            .or_else(|| legs.get(g.leg as usize).map(|l| l.to))
            .or(end),
    }
}

/// The safe-house keeper who lodges a waiting group: one at work with a
/// house in the country of the stop, of the group's route before any other
/// (or of none), chosen by the group's order as crews are.
pub fn lodging(setup: &Setup, g: &Group, at_work: impl Fn(ActorIx) -> bool) -> Option<ActorIx> {
    let country = setup.places[stop(setup, g)?].country?;
    let keeps = |i: &ActorIx| {
        let a = &setup.actors[*i];
        a.role == Role::SafeHouseKeeper
            && a.place
                .is_some_and(|p| setup.places[p].country == Some(country))
            && (a.route.is_none() || a.route == Some(g.route))
            && at_work(*i)
    };
    of_route_first(setup, g, keeps)
}

/// The member who takes a group in hand, among those `fits`: one of the
/// group's route before any other (or of none), chosen by the group's
/// order, as crews are.
pub fn of_route_first(
    setup: &Setup,
    g: &Group,
    fits: impl Fn(&ActorIx) -> bool,
) -> Option<ActorIx> {
    let pool: Vec<ActorIx> = ActorIx::all(setup.actors.len()).filter(fits).collect();
    let own: Vec<ActorIx> = pool
        .iter()
        .copied()
        .filter(|&i| setup.actors[i].route == Some(g.route))
        .collect();
    let pool = if own.is_empty() { pool } else { own };
    pool.get(g.seq as usize % pool.len().max(1)).copied()
}

/// Where trafficked people are held in exploitation: the premises of the
/// member who holds them in the destination country (the last to take them
/// on), if that member keeps a place.
pub fn held_at(setup: &Setup, g: &Group) -> Option<PlaceIx> {
    if g.status != GroupStatus::Exploited {
        return None;
    }
    // Aboard the vessel the route ends on, under whatever flag it flies.
    let end = setup.routes[g.route].legs.last().map(|l| l.to);
    if let Some(vessel) = end.filter(|&p| setup.places[p].kind == PlaceKind::Vessel) {
        return Some(vessel);
    }
    let destination = setup.routes[g.route].destination_country?;
    g.handlers
        .iter()
        .rev()
        .filter_map(|&h| setup.actors[h].place)
        .find(|&p| setup.places[p].country == Some(destination))
}

/// Whether a group is kept at this place now: lodged there on the way, or
/// held there in exploitation.
fn kept_at(setup: &Setup, g: &Group, place: PlaceIx, at_work: impl Fn(ActorIx) -> bool) -> bool {
    if g.custody.is_some() {
        return false;
    }
    match g.status {
        GroupStatus::Exploited => held_at(setup, g) == Some(place),
        _ => lodging(setup, g, at_work).is_some_and(|k| setup.actors[k].place == Some(place)),
    }
}

/// What a raid found.
#[derive(Default)]
struct Found {
    groups: u32,
    people: u32,
}

/// Resolve the raids ordered for this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_raids(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut groups: Query<(Entity, &mut Group)>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
    mut coop: ResMut<Cooperation>,
) {
    let order = groups_in_order(groups.iter());
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        network: &mut network,
        knowledge: &mut knowledge,
        tally: &mut tally,
        coop: &mut coop,
    };
    for (_, op) in due_operations(ops.iter(), clock.turn, &[ActionKind::Raid]) {
        let TargetRef::Place(place) = op.target else {
            continue;
        };
        raid(
            &mut desk,
            &op,
            place,
            &roster,
            &mut groups,
            &mut states,
            &order,
        );
    }
}

/// A raid enters premises. A leak through corrupt officials, or keepers on
/// their guard, may have cleared them first; otherwise the people kept there
/// are found and held, and the members there are arrested: caught in the
/// act where people were kept, else only those the team has grounds to
/// arrest.
fn raid(
    desk: &mut Desk,
    op: &Operation,
    place: PlaceIx,
    roster: &Roster,
    groups: &mut Query<(Entity, &mut Group)>,
    states: &mut Query<&mut ActorState>,
    order: &[(u32, Entity)],
) {
    let (setup, turn) = (desk.setup, desk.turn);
    let Some(def) = setup.action(op.kind) else {
        return;
    };
    let country = setup.places[place].country;
    let state_of = |i: ActorIx| roster.0.get(i.index()).and_then(|&e| states.get(e).ok());
    let at_work = |i: ActorIx| state_of(i).is_some_and(|s| s.status == ActorStatus::Active);
    // A company registered at the premises is no one to arrest.
    let there: Vec<ActorIx> = ActorIx::all(setup.actors.len())
        .filter(|&i| setup.actors[i].place == Some(place) && setup.actors[i].role.is_person())
        .filter(|&i| {
            state_of(i).is_some_and(|s| {
                s.status == ActorStatus::Active && Some(s.country(&setup.actors[i])) == country
            })
        })
        .collect();
    let alert = there
        .iter()
        .filter_map(|&i| state_of(i).map(|s| s.alert))
        .max()
        .unwrap_or(0);
    let entity = (1 << 32) | place.index() as u64;
    let salt = op.team.index() as u64;
    let corruption = country.map_or(0, |c| desk.network.corruption(setup, c));
    let leaked = desk
        .seed
        .chance(turn, Purpose::Leak, entity, salt, corruption);
    let odds = def.success.saturating_sub(alert / 4);
    if leaked || !desk.seed.chance(turn, Purpose::Success, entity, salt, odds) {
        desk.network
            .tip_offs
            .extend(there.iter().map(|&i| (i, def.tip_off)));
        let event = Event::Raid {
            place,
            groups: 0,
            people: 0,
            arrested: Vec::new(),
            cleared: true,
        };
        desk.knowledge.0[op.team].tell(setup, turn, event);
        return;
    }
    let mut found = Found::default();
    for &(_, e) in order {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        if !kept_at(setup, &g, place, at_work) {
            continue;
        }
        // Met where they were kept, then held.
        hand_over(setup, desk.knowledge, op.team, &g, turn);
        g.status = GroupStatus::Intercepted;
        g.custody = Some(op.team);
        g.held_since = turn;
        found.groups += 1;
        found.people += g.size - g.lost;
        hand_over(setup, desk.knowledge, op.team, &g, turn);
    }
    desk.tally.add(Some(op.team), |c| {
        c.groups_intercepted += i64::from(found.groups)
    });
    let threshold = setup.law_of_team(op.team).arrest_threshold;
    let mut arrested = Vec::new();
    for i in there {
        let grounds = desk.knowledge.0[op.team].evidence_total(i) >= threshold;
        let evidence = if found.groups > 0 {
            (Source::Raid, def.evidence)
        } else if grounds {
            (Source::Arrest, 1)
        } else {
            continue;
        };
        let Some(mut s) = roster
            .0
            .get(i.index())
            .and_then(|&e| states.get_mut(e).ok())
        else {
            continue;
        };
        detain(desk, op.team, i, &mut s, evidence);
        arrested.push(Person::named(i));
    }
    let event = Event::Raid {
        place,
        groups: found.groups,
        people: found.people,
        arrested,
        cleared: false,
    };
    desk.knowledge.0[op.team].tell(setup, turn, event);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::knowledge::{Channel, Evidence};
    use crate::engine::setup::{CountryIx, TeamIx};
    use crate::engine::systems::testkit::Bench;
    use crate::scenario::PlaceKind;

    /// The land group: twelve trafficked people on the land route.
    const LAND: u32 = 1;
    /// The sea group: thirty people on the sea route.
    const BOAT: u32 = 0;

    /// The mini world with a safe house in `country` kept by the keeper,
    /// and raids that always get in.
    fn with_house(country: &str) -> Bench {
        let country = country.to_string();
        Bench::mini_with(move |setup| {
            let house = ("house", "The house");
            Bench::keeper_premises(setup, house, &country, PlaceKind::SafeHouse);
            Bench::odds(setup, ActionKind::Raid, 100);
        })
    }

    fn house(b: &Bench) -> PlaceIx {
        b.setup().place("house").expect("the house")
    }

    #[test]
    fn a_team_finds_the_safe_houses_of_its_own_country_by_investigation() {
        let mut b = with_house("dest");
        let police = b.team("dest_police");
        let house = house(&b);
        let know = b.knowledge(police);
        assert!(!know.places.contains(&house));
        // Surveillance that follows the keeper home shows the house.
        let keeper = b.actor("keeper");
        let mut fact = crate::engine::systems::sighting(
            b.setup(),
            keeper,
            None,
            1,
            Source::Surveillance,
            true,
            true,
            80,
        );
        fact.place = Some(house);
        b.resource::<Knowledge>().0[police].learn_actor(keeper, fact);
        assert!(b.knowledge(police).places.contains(&house));
    }

    #[test]
    fn a_raid_frees_the_people_held_in_exploitation_and_catches_their_keeper_in_the_act() {
        let mut b = with_house("dest");
        let (police, keeper, house) = (b.team("dest_police"), b.actor("keeper"), house(&b));
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Exploited;
            g.handle(keeper);
        });
        let g = b.group(LAND);
        assert_eq!(held_at(b.setup(), &g), Some(house));
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        let g = b.group(LAND);
        assert_eq!(
            (g.status, g.custody),
            (GroupStatus::Intercepted, Some(police))
        );
        assert_eq!(b.actor_state(keeper).status, ActorStatus::Arrested);
        let know = b.knowledge(police);
        // The team names them by where it found them, never by the label.
        assert_eq!(know.groups[&LAND].met_at, Some(house));
        let name = know.group_name(
            b.setup(),
            &crate::engine::events::GroupTag {
                seq: LAND,
                id: "g2".into(),
            },
        );
        assert!(name.contains("The house") && !name.contains("g2"), "{name}");
        // Found keeping people: the act is proven by the raid itself.
        assert!(know.act_proven(keeper));
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Raid { groups: 1, people: 12, arrested, cleared: false, .. }]
                if arrested.len() == 1 && arrested[0].actor == keeper
        ));
    }

    #[test]
    fn people_waiting_between_legs_are_lodged_in_the_safe_house_of_that_country_but_not_once_moving()
     {
        let mut b = with_house("trans");
        let (police, keeper, house) = (b.team("trans_police"), b.actor("keeper"), house(&b));
        // The boat group waits in Transia port for the strait crossing.
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.progress = 0;
        });
        let at_work = |_| true;
        let g = b.group(BOAT);
        assert_eq!(lodging(b.setup(), &g, at_work), Some(keeper));
        // The land group sets off from Oria, where no one keeps a house.
        b.set_group(LAND, |g| g.status = GroupStatus::Recruited);
        let g = b.group(LAND);
        assert_eq!(lodging(b.setup(), &g, at_work), None);
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        assert_eq!(b.group(BOAT).custody, Some(police));
        assert_eq!(b.group(LAND).custody, None);

        // At sea, a group is in no house.
        let mut b = with_house("trans");
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.progress = 1;
        });
        let g = b.group(BOAT);
        assert_eq!(lodging(b.setup(), &g, at_work), None);
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        assert_eq!(b.group(BOAT).custody, None);
    }

    #[test]
    fn a_keeper_lodging_a_group_is_one_the_victims_can_name() {
        let mut b = with_house("trans");
        let keeper = b.actor("keeper");
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.progress = 0;
        });
        b.next_turn();
        b.run(super::super::migrants::move_groups);
        assert!(b.group(BOAT).handlers.contains(&keeper));
    }

    #[test]
    fn an_empty_house_yields_only_the_arrests_the_team_has_grounds_for() {
        let mut b = with_house("dest");
        let (police, keeper, house) = (b.team("dest_police"), b.actor("keeper"), house(&b));
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        assert_eq!(b.actor_state(keeper).status, ActorStatus::Active);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Raid { groups: 0, arrested, cleared: false, .. }] if arrested.is_empty()
        ));

        let mut b = with_house("dest");
        let threshold = b.setup().law_of_team(police).arrest_threshold;
        b.resource::<Knowledge>().0[police].add_evidence(
            keeper,
            Evidence {
                strength: threshold,
                channel: Channel::Informal,
                jurisdiction: CountryIx(0),
                source: Source::Shared(TeamIx(0)),
                turn: 0,
            },
        );
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        assert_eq!(b.actor_state(keeper).status, ActorStatus::Arrested);
        // Arrested on the team's grounds, not caught in the act.
        assert!(!b.knowledge(police).act_proven(keeper));
    }

    #[test]
    fn a_raid_that_does_not_get_in_finds_the_premises_cleared_and_warns_the_keeper() {
        let mut b = with_house("dest");
        let (police, keeper, house) = (b.team("dest_police"), b.actor("keeper"), house(&b));
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Exploited;
            g.handle(keeper);
        });
        // On their guard: the odds of getting in fall by a quarter of the alert.
        b.set_actor(keeper, |s| s.alert = 400);
        b.next_turn();
        b.order(police, ActionKind::Raid, TargetRef::Place(house));
        b.run(resolve_raids);
        assert_eq!(b.group(LAND).status, GroupStatus::Exploited);
        assert_eq!(b.actor_state(keeper).status, ActorStatus::Active);
        assert!(matches!(
            b.told(police).as_slice(),
            [Event::Raid {
                cleared: true,
                groups: 0,
                ..
            }]
        ));
        assert!(
            b.resource::<Network>()
                .tip_offs
                .iter()
                .any(|&(a, _)| a == keeper)
        );
    }
}
