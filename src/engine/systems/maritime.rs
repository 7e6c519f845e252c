//! At sea and at the border: patrols, interdiction, search and rescue.

use bevy_ecs::prelude::*;

use super::{Roster, due_operations, groups_in_order, record_custody};
use crate::engine::events::{Event, Person};
use crate::engine::knowledge::{Channel, Evidence, GroupIntel, Knowledge, Source, TeamKnowledge};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::rules::works_leg;
use crate::engine::setup::{ActorIx, LegInfo, RouteIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Conditions, Cooperation, Group, GroupStatus, Network,
    Operation, TargetRef,
};
use crate::scenario::{ActionKind, Mode, Role};

const KINDS: [ActionKind; 3] = [
    ActionKind::MaritimePatrol,
    ActionKind::SearchAndRescue,
    ActionKind::Interdiction,
];

/// Record a group a team has met, and where it first met it.
pub fn meet_group(setup: &Setup, know: &mut TeamKnowledge, group: &Group, turn: u32) {
    let entry = know.groups.entry(group.seq).or_insert_with(|| GroupIntel {
        id: group.id.clone(),
        size: group.size,
        status: group.status,
        route: Some(group.route),
        indicators: Vec::new(),
        screened: false,
        victims_identified: false,
        turn,
        met_at: super::premises::whereabouts(setup, group),
        met_on: turn,
        exploitation: None,
        reported: false,
    });
    entry.status = group.status;
    entry.size = group.size.saturating_sub(group.lost);
    entry.turn = turn;
    know.routes.insert(group.route);
}

/// Hand a group over to a team's country: every agency there learns of it,
/// since a coast guard's rescue is for immigration and police to follow up.
pub fn hand_over(setup: &Setup, knowledge: &mut Knowledge, team: TeamIx, group: &Group, turn: u32) {
    let country = setup.teams[team].country;
    for (t, know) in knowledge.0.iter_mut().enumerate() {
        if setup.teams[t].country == country {
            meet_group(setup, know, group, turn);
        }
    }
}

/// Whether a team's agency can stop a group on the leg it is on now
/// ([`works_leg`]).
fn within_reach(setup: &Setup, coop: &Cooperation, team: TeamIx, group: &Group) -> bool {
    setup.routes[group.route]
        .legs
        .get(group.leg as usize)
        .is_some_and(|leg| works_leg(setup, coop, team, group.route, leg))
}

/// What the rules at sea and at the border read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    seed: &'a Seed,
    turn: u32,
    conditions: &'a mut Conditions,
    network: &'a mut Network,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
    coop: &'a Cooperation,
}

/// What an interdiction stopped on its route.
#[derive(Default)]
struct Stopped {
    groups: u32,
    people: u32,
    lost: u32,
    /// The first group stopped and the leg it was on.
    first: Option<(u32, usize)>,
}

/// Resolve patrols, rescues and interdictions ordered for this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_maritime(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut groups: Query<(Entity, &mut Group)>,
    mut states: Query<&mut ActorState>,
    mut conditions: ResMut<Conditions>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
    coop: Res<Cooperation>,
) {
    let order = groups_in_order(groups.iter());
    let mut desk = Desk {
        coop: &coop,
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        conditions: &mut conditions,
        network: &mut network,
        knowledge: &mut knowledge,
        tally: &mut tally,
    };
    for (_, op) in due_operations(ops.iter(), clock.turn, &KINDS) {
        let TargetRef::Route(route) = op.target else {
            continue;
        };
        match op.kind {
            ActionKind::MaritimePatrol => patrol(&mut desk, &op, route, &groups, &order),
            ActionKind::SearchAndRescue => {
                search_and_rescue(&mut desk, &op, route, &mut groups, &order)
            }
            _ => {
                let Some(def) = setup.action(op.kind) else {
                    continue;
                };
                let stopped = interdict(&mut desk, &op, route, def.success, &mut groups, &order);
                let crew = stopped.first.and_then(|(seq, leg)| {
                    arrest_crew(&mut desk, &op, route, (seq, leg), &roster, &mut states)
                });
                desk.knowledge.0[op.team].tell(
                    &setup,
                    clock.turn,
                    Event::Interdiction {
                        route,
                        groups: stopped.groups,
                        people: stopped.people,
                        crew,
                        lost: stopped.lost,
                    },
                );
            }
        }
    }
}

/// A patrol is on station for the turn: it spots the boats on the route's
/// sea legs, stands by for boats in trouble, and puts pressure on the route.
fn patrol(
    desk: &mut Desk,
    op: &Operation,
    route: RouteIx,
    groups: &Query<(Entity, &mut Group)>,
    order: &[(u32, Entity)],
) {
    let (setup, turn) = (desk.setup, desk.turn);
    desk.conditions.patrols.push((op.team, route));
    desk.network.route_pressure[route] += 20;
    let mut spotted = 0;
    for &(_, e) in order {
        let Ok((_, g)) = groups.get(e) else { continue };
        let on_sea = setup.routes[route]
            .legs
            .get(g.leg as usize)
            .is_some_and(|l| l.mode == Mode::Sea);
        if g.route == route && g.status == GroupStatus::InTransit && on_sea {
            meet_group(setup, &mut desk.knowledge.0[op.team], g, turn);
            spotted += 1;
        }
    }
    desk.knowledge.0[op.team].tell(
        setup,
        turn,
        Event::PatrolSighted {
            route,
            boats: spotted,
        },
    );
}

/// Search and rescue saves every boat in distress on the route, whoever is
/// aboard, and hands the people over to the team's country; with none in
/// distress it stays on station for boats that get into trouble this turn.
fn search_and_rescue(
    desk: &mut Desk,
    op: &Operation,
    route: RouteIx,
    groups: &mut Query<(Entity, &mut Group)>,
    order: &[(u32, Entity)],
) {
    let (setup, turn) = (desk.setup, desk.turn);
    desk.conditions.rescues.push((op.team, route));
    let mut saved = Vec::new();
    for &(_, e) in order {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        if g.route == route && g.distress && g.status == GroupStatus::InTransit {
            g.distress = false;
            g.status = GroupStatus::Rescued;
            g.custody = Some(op.team);
            g.held_since = turn;
            let people = g.size - g.lost;
            desk.tally
                .add(Some(op.team), |c| c.rescued += i64::from(people));
            hand_over(setup, desk.knowledge, op.team, &g, turn);
            saved.push(people);
        }
    }
    let event = if saved.is_empty() {
        Event::RescueOnStation { route }
    } else {
        Event::RescueSaved {
            route,
            people: saved.iter().sum::<u32>(),
        }
    };
    desk.knowledge.0[op.team].tell(setup, turn, event);
}

/// An interdiction stops the groups moving on the route within the reach of
/// the team's agency, each with the action's odds, and holds them. People
/// who have not left are not stopped: the staging house is a place, not a
/// crossing. Stopping a boat at sea with no patrol or rescue unit on the
/// route may cost lives.
fn interdict(
    desk: &mut Desk,
    op: &Operation,
    route: RouteIx,
    odds: u32,
    groups: &mut Query<(Entity, &mut Group)>,
    order: &[(u32, Entity)],
) -> Stopped {
    let (setup, seed, turn) = (desk.setup, desk.seed, desk.turn);
    desk.network.route_pressure[route] += 40;
    let covered = desk
        .conditions
        .patrols
        .iter()
        .chain(&desk.conditions.rescues)
        .any(|&(_, r)| r == route);
    let mut stopped = Stopped::default();
    for &(seq, e) in order {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        let moving_here =
            g.status == GroupStatus::InTransit && within_reach(setup, desk.coop, op.team, &g);
        if g.route != route || !moving_here {
            continue;
        }
        if !seed.chance(
            turn,
            Purpose::Success,
            u64::from(seq),
            op.team.index() as u64,
            odds,
        ) {
            continue;
        }
        let at_sea = setup.routes[route]
            .legs
            .get(g.leg as usize)
            .is_some_and(|l| l.mode == Mode::Sea)
            && moving_here;
        if at_sea && !covered {
            let hazard = setup.routes[route].legs[g.leg as usize].hazard + 10;
            let mut d = seed.draw(
                turn,
                Purpose::Casualties,
                u64::from(seq),
                op.team.index() as u64,
            );
            if d.chance(hazard) {
                let share = 10 + d.below(21);
                let dead = (g.size - g.lost) * share / 100;
                g.lost += dead;
                stopped.lost += dead;
            }
        }
        stopped.first.get_or_insert((seq, g.leg as usize));
        g.status = GroupStatus::Intercepted;
        g.custody = Some(op.team);
        g.held_since = turn;
        stopped.groups += 1;
        stopped.people += g.size - g.lost;
        hand_over(setup, desk.knowledge, op.team, &g, turn);
    }
    if stopped.lost > 0 {
        desk.tally
            .add(Some(op.team), |c| c.lives_lost += i64::from(stopped.lost));
    }
    desk.tally.add(Some(op.team), |c| {
        c.groups_intercepted += i64::from(stopped.groups)
    });
    stopped
}

/// Who carries a group on a leg: a boat captain at sea, a driver on land,
/// of the route's crew and at work, from the country the leg leaves where
/// there is one, whatever their nationality; no one at the wheel of a plane.
pub fn carrier(
    setup: &Setup,
    route: RouteIx,
    leg: &LegInfo,
    seq: u32,
    at_work: impl Fn(ActorIx) -> bool,
) -> Option<ActorIx> {
    let role = match leg.mode {
        Mode::Sea => Role::BoatCaptain,
        Mode::Land => Role::Transporter,
        Mode::Air => return None,
    };
    let crew: Vec<ActorIx> = ActorIx::all(setup.actors.len())
        .filter(|&i| setup.actors[i].route == Some(route) && setup.actors[i].role == role)
        .filter(|&i| at_work(i))
        .collect();
    let departs = setup.places[leg.from].country;
    let local: Vec<ActorIx> = crew
        .iter()
        .copied()
        .filter(|&i| Some(setup.actors[i].country) == departs)
        .collect();
    let pool = if local.is_empty() { &crew } else { &local };
    pool.get(seq as usize % pool.len().max(1)).copied()
}

/// The crew caught in the act: the one who carried that group on that leg
/// ([`carrier`]), arrested wherever they come from, with evidence, and
/// their contacts are warned.
fn arrest_crew(
    desk: &mut Desk,
    op: &Operation,
    route: RouteIx,
    (seq, leg): (u32, usize),
    roster: &Roster,
    states: &mut Query<&mut ActorState>,
) -> Option<Person> {
    let (setup, turn) = (desk.setup, desk.turn);
    let (team, home) = (op.team, setup.teams[op.team].country);
    let leg = &setup.routes[route].legs[leg];
    let at_work = |i: ActorIx| {
        roster
            .0
            .get(i.index())
            .and_then(|&e| states.get(e).ok())
            .is_some_and(|s| s.status == ActorStatus::Active)
    };
    let i = carrier(setup, route, leg, seq, at_work)?;
    let e = *roster.0.get(i.index())?;
    let mut s = states.get_mut(e).ok()?;
    s.status = ActorStatus::Arrested;
    s.custody = Some(team);
    s.vacant_since = Some(turn);
    s.replaced = false;
    record_custody(
        setup,
        desk.knowledge,
        team,
        i,
        &s,
        turn,
        Source::Interdiction,
    );
    desk.knowledge.0[team].add_evidence(
        i,
        Evidence {
            strength: 3,
            channel: Channel::Domestic,
            jurisdiction: home,
            source: Source::Interdiction,
            turn,
        },
    );
    let warned: Vec<_> = desk.network.ties[i].iter().map(|t| (t.other, 20)).collect();
    desk.network.tip_offs.extend(warned);
    desk.tally.add(Some(team), |c| c.arrested += 1);
    Some(Person::named(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    /// The sea group: thirty people on the sea route.
    const BOAT: u32 = 0;

    /// The boat on a leg of the sea route: 0 the land leg to the port, 1 the
    /// strait from Transia, 2 the strait to Destia.
    fn boat_on_leg(b: &mut Bench, leg: u32) {
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = leg;
        });
    }

    fn sea(b: &Bench) -> RouteIx {
        b.setup().route("sea").expect("the sea route")
    }

    #[test]
    fn a_patrol_spots_only_the_boats_on_the_routes_sea_legs() {
        let mut b = Bench::mini();
        let (cg, sea) = (b.team("trans_cg"), sea(&b));
        boat_on_leg(&mut b, 0);
        b.next_turn();
        b.order(cg, ActionKind::MaritimePatrol, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::PatrolSighted { boats: 0, .. }]
        ));
        assert!(!b.knowledge(cg).groups.contains_key(&BOAT));

        boat_on_leg(&mut b, 1);
        b.next_turn();
        b.order(cg, ActionKind::MaritimePatrol, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::PatrolSighted { boats: 1, .. }]
        ));
        assert!(b.knowledge(cg).groups.contains_key(&BOAT));
        assert_eq!(b.resource::<Network>().route_pressure[sea], 2 * 20);
        assert!(b.resource::<Conditions>().patrols.contains(&(cg, sea)));
    }

    #[test]
    fn search_and_rescue_saves_boats_in_distress_and_hands_the_people_to_its_country() {
        let mut b = Bench::mini();
        let (cg, sea) = (b.team("trans_cg"), sea(&b));
        b.next_turn();
        b.order(cg, ActionKind::SearchAndRescue, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::RescueOnStation { .. }]
        ));
        assert!(b.resource::<Conditions>().rescues.contains(&(cg, sea)));

        boat_on_leg(&mut b, 1);
        b.set_group(BOAT, |g| {
            g.distress = true;
            g.lost = 4;
        });
        b.next_turn();
        b.order(cg, ActionKind::SearchAndRescue, TargetRef::Route(sea));
        b.run(resolve_maritime);
        let g = b.group(BOAT);
        assert_eq!(
            (g.status, g.custody, g.distress, g.held_since),
            (GroupStatus::Rescued, Some(cg), false, 2)
        );
        assert_eq!(b.resource::<Tally>().teams[cg].rescued, 26);
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::RescueSaved { people: 26, .. }]
        ));
        for id in ["trans_police", "trans_immigration"] {
            let t = b.team(id);
            assert!(b.knowledge(t).groups.contains_key(&BOAT), "{id}");
        }
        let oria = b.team("oria_police");
        assert!(!b.knowledge(oria).groups.contains_key(&BOAT));
    }

    #[test]
    fn an_interdiction_stops_only_people_on_the_move_within_the_agencys_reach() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Interdiction, 100));
        let (oria, trans, cg, sea) = (
            b.team("oria_police"),
            b.team("trans_police"),
            b.team("trans_cg"),
            sea(&b),
        );
        // Waiting at home, the people have not left: nothing to stop.
        b.next_turn();
        b.order(oria, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert_eq!(b.group(BOAT).status, GroupStatus::Recruited);
        assert!(matches!(
            b.told(oria).as_slice(),
            [Event::Interdiction { groups: 0, .. }]
        ));
        // At sea, the police cannot stop the boat; its coast guard can.
        boat_on_leg(&mut b, 1);
        b.next_turn();
        b.order(trans, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert_eq!(b.group(BOAT).status, GroupStatus::InTransit);
        b.next_turn();
        b.order(cg, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        let g = b.group(BOAT);
        assert_eq!((g.status, g.custody), (GroupStatus::Intercepted, Some(cg)));
        assert_eq!(b.resource::<Tally>().teams[cg].groups_intercepted, 1);
        assert_eq!(b.resource::<Network>().route_pressure[sea], 3 * 40);
    }

    #[test]
    fn on_the_road_the_police_stop_the_group_and_its_driver() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Interdiction, 100));
        let (trans, cg) = (b.team("trans_police"), b.team("trans_cg"));
        let land = b.setup().route("land").expect("the land route");
        let driver = b.actor("drv1");
        // The land group on its second leg, from the Transia border post.
        const LAND: u32 = 1;
        b.set_group(LAND, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
        });
        b.next_turn();
        b.order(cg, ActionKind::Interdiction, TargetRef::Route(land));
        b.run(resolve_maritime);
        assert_eq!(b.group(LAND).status, GroupStatus::InTransit);
        b.next_turn();
        b.order(trans, ActionKind::Interdiction, TargetRef::Route(land));
        b.run(resolve_maritime);
        assert_eq!(b.group(LAND).custody, Some(trans));
        assert!(matches!(
            b.told(trans).as_slice(),
            [Event::Interdiction { crew: Some(p), .. }] if p.actor == driver
        ));
    }

    #[test]
    fn an_interdiction_arrests_an_active_crew_member_of_the_teams_country_on_the_route() {
        let mut b = Bench::mini_with(|s| Bench::odds(s, ActionKind::Interdiction, 100));
        let (cg, sea) = (b.team("trans_cg"), sea(&b));
        let (captain, boss) = (b.actor("cap1"), b.actor("boss2"));
        boat_on_leg(&mut b, 1);
        b.next_turn();
        b.resource::<Conditions>().patrols.push((cg, sea));
        b.order(cg, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        let s = b.actor_state(captain);
        assert_eq!((s.status, s.custody), (ActorStatus::Arrested, Some(cg)));
        assert!(b.resource::<Network>().tip_offs.contains(&(boss, 20)));
        assert_eq!(b.knowledge(cg).admissible_total(captain), 3);
        let police = b.team("trans_police");
        assert!(b.knowledge(police).actors[&captain].held);
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::Interdiction { crew: Some(p), lost: 0, .. }] if p.actor == captain
        ));
        assert_eq!(b.resource::<Tally>().teams[cg].arrested, 1);
    }

    #[test]
    fn stopping_a_boat_at_sea_without_rescue_cover_costs_lives() {
        let deadly = |s: &mut Setup| {
            Bench::odds(s, ActionKind::Interdiction, 100);
            let sea = s.route("sea").expect("the sea route");
            s.routes[sea].legs[1].hazard = 100;
        };
        let mut b = Bench::mini_with(deadly);
        let (cg, sea) = (b.team("trans_cg"), sea(&b));
        boat_on_leg(&mut b, 1);
        b.next_turn();
        b.order(cg, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        let lost = b.group(BOAT).lost;
        assert!((3..=9).contains(&lost), "{lost} of 30 lost");
        assert_eq!(b.resource::<Tally>().teams[cg].lives_lost, i64::from(lost));
        assert!(matches!(
            b.told(cg).as_slice(),
            [Event::Interdiction { lost: l, people, .. }] if *l == lost && *people == 30 - lost
        ));

        let mut b = Bench::mini_with(deadly);
        boat_on_leg(&mut b, 1);
        b.next_turn();
        b.order(cg, ActionKind::SearchAndRescue, TargetRef::Route(sea));
        b.order(cg, ActionKind::Interdiction, TargetRef::Route(sea));
        b.run(resolve_maritime);
        assert_eq!(b.group(BOAT).lost, 0);
        assert_eq!(b.group(BOAT).status, GroupStatus::Intercepted);
    }

    #[test]
    fn a_coast_guard_works_at_sea_and_police_ashore() {
        let mut b = Bench::mini();
        let (cg, police, dest) = (
            b.team("trans_cg"),
            b.team("trans_police"),
            b.team("dest_police"),
        );
        boat_on_leg(&mut b, 2);
        let boat = b.group(BOAT);
        let setup = b.setup();
        let coop = Cooperation::default();
        // Open water: the coast guard; the police of neither shore.
        assert!(within_reach(setup, &coop, cg, &boat));
        assert!(!within_reach(setup, &coop, police, &boat));
        assert!(!within_reach(setup, &coop, dest, &boat));
        let mut ashore = boat.clone();
        ashore.leg = 0;
        assert!(!within_reach(setup, &coop, dest, &ashore));
        assert!(within_reach(setup, &coop, police, &ashore));
        assert!(!within_reach(setup, &coop, cg, &ashore));
    }
}
