//! Migrant groups move along their routes: departures, crossings, hazards and
//! lives lost, arrivals, exploitation; and what happens to groups held too long.

use bevy_ecs::prelude::*;

use super::maritime::{carrier, hand_over, meet_group};
use super::passage::route_crewed;
use super::premises::{lodging, of_route_first, stop};
use super::resale::{Member, move_on};
use super::{Roster, groups_in_order};
use crate::engine::events::{Event, GroupTag, Routine};
use crate::engine::knowledge::Knowledge;
use crate::engine::metrics::Tally;
use crate::engine::rng::{Draw, Purpose, Seed};
use crate::engine::setup::{ActorIx, RouteIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, AtRisk, Clock, Conditions, Group, GroupStatus, Network,
};
use crate::scenario::{Exploitation, Indicator, Law, Mode, PlaceKind, Role};

/// Turns a held group waits for a decision before routine processing takes it.
pub const HOLDING_TURNS: u32 = 3;

/// What the rules of the crossing read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    seed: &'a Seed,
    turn: u32,
    /// Every member's status, by actor index.
    statuses: &'a [ActorStatus],
    conditions: &'a Conditions,
    network: &'a mut Network,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
}

impl Desk<'_> {
    /// Whether the network has the crew for this leg of the route.
    fn crewed(&self, route: RouteIx, leg: usize) -> bool {
        let status = |i: ActorIx| {
            self.statuses
                .get(i.index())
                .copied()
                .unwrap_or(ActorStatus::Dormant)
        };
        route_crewed(self.setup, &status, route, leg)
    }
}

/// Move every group one turn along its route.
#[allow(clippy::too_many_arguments)]
pub fn move_groups(
    mut commands: Commands,
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut groups: Query<(Entity, &mut Group)>,
    conditions: Res<Conditions>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let mut desk = Desk {
        setup: &setup,
        seed: &seed,
        turn: clock.turn,
        statuses: &statuses,
        conditions: &conditions,
        network: &mut network,
        knowledge: &mut knowledge,
        tally: &mut tally,
    };
    for (_, e) in groups_in_order(groups.iter()) {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        lodge(&desk, &mut g);
        match g.status {
            GroupStatus::Recruited => set_off(&desk, &mut g),
            GroupStatus::InTransit => {
                if let Some(held) = travel(&mut desk, &mut g) {
                    commands.spawn(held);
                }
            }
            GroupStatus::Exploited => {
                let member = |i: ActorIx| {
                    let s = roster.0.get(i.index()).and_then(|&e| states.get(e).ok())?;
                    Some(Member {
                        status: s.status,
                        alert: s.alert,
                    })
                };
                move_on(desk.setup, desk.seed, desk.turn, &mut g, member);
            }
            _ => {}
        }
    }
}

/// A group waiting at a stop stays in a safe house, whose keeper harbours
/// them: one of the people the victims among them can name.
fn lodge(desk: &Desk, g: &mut Group) {
    let at_work = |i: ActorIx| desk.statuses.get(i.index()) == Some(&ActorStatus::Active);
    if let Some(keeper) = lodging(desk.setup, g, at_work) {
        g.handle(keeper);
    }
}

/// A recruited group sets off on its day, when the route is open and the
/// network has the crew for the first leg; it moves from the next turn.
fn set_off(desk: &Desk, g: &mut Group) {
    if g.depart_turn <= desk.turn
        && desk.network.route_closed_until[g.route] < desk.turn
        && desk.crewed(g.route, 0)
    {
        g.status = GroupStatus::InTransit;
        g.leg = 0;
        g.progress = 0;
    }
}

/// A group on the move spends a turn on its leg; starting a leg needs its
/// crew, or the group is stranded at the last stop. On the leg's last turn
/// (or at once, for a boat in distress) the leg's hazard, raised by the
/// weather, may strike; a group that comes through moves on to the next leg.
fn travel(desk: &mut Desk, g: &mut Group) -> Option<Group> {
    let (setup, turn) = (desk.setup, desk.turn);
    let route = &setup.routes[g.route];
    let leg = route.legs.get(g.leg as usize)?;
    if g.progress == 0 {
        if !desk.crewed(g.route, g.leg as usize) {
            return stranded(desk, g);
        }
        let at_work = |i: ActorIx| desk.statuses.get(i.index()) == Some(&ActorStatus::Active);
        if let Some(crew) = carrier(setup, g.route, leg, g.seq, at_work) {
            g.handle(crew);
        }
    }
    g.progress += 1;
    if g.progress < leg.turns && !g.distress {
        return None;
    }
    let hazard = leg.hazard + desk.conditions.extra_hazard(leg.mode, turn);
    let mut d = desk
        .seed
        .draw(turn, Purpose::Hazard, u64::from(g.seq), u64::from(g.leg));
    let trouble = g.distress || d.chance(hazard);
    if trouble {
        g.distress = false;
        if leg.mode == Mode::Sea {
            if trouble_at_sea(desk, g, &mut d) {
                return None;
            }
        } else {
            trouble_on_land(desk, g, &mut d);
        }
    }
    if g.progress < leg.turns {
        return None;
    }
    g.leg += 1;
    g.progress = 0;
    if g.leg as usize >= route.legs.len() {
        return arrive(desk, g);
    }
    None
}

/// Percent chance a turn that smuggled people stranded at a stop on the
/// way, lodged with a keeper of the network, fall into debt to the keeper.
pub const STRANDED_DEBT: u32 = 30;

/// Smuggled people stranded on the way, with no crew for the next leg,
/// wait in a keeper's safe house, and their money runs out: a quarter of
/// them (at least one) are made to owe the keeper for their keep and the
/// next leg, their documents held against the debt. They go on with the
/// others when the route moves again, but now as people trafficked for
/// labour, split off as a group of their own. People still in the
/// country they set out from are not stranded abroad.
fn stranded(desk: &mut Desk, g: &mut Group) -> Option<Group> {
    let setup = desk.setup;
    let at_home = stop(setup, g).and_then(|p| setup.places[p].country)
        == setup.routes[g.route].origin_country;
    if g.trafficked() || at_home {
        return None;
    }
    let people = g.size - g.lost;
    if people < 2 {
        return None;
    }
    let at_work = |i: ActorIx| desk.statuses.get(i.index()) == Some(&ActorStatus::Active);
    let keeper = lodging(desk.setup, g, at_work)?;
    let mut d = desk
        .seed
        .draw(desk.turn, Purpose::Stranded, u64::from(g.seq), 0);
    if !d.chance(STRANDED_DEBT) {
        return None;
    }
    let mut owing = split_off(desk.network, g, (people / 4).max(1), "owing");
    indebted(&mut owing, keeper);
    Some(owing)
}

/// Some of a group's people, split off as a group of their own (the next
/// in creation order) that starts where the group is.
fn split_off(network: &mut Network, g: &mut Group, size: u32, suffix: &str) -> Group {
    let seq = network.groups_created;
    network.groups_created += 1;
    g.size -= size;
    Group {
        seq,
        id: format!("{}-{suffix}", g.id),
        size,
        lost: 0,
        ..g.clone()
    }
}

/// People made to owe the network: held for the debt, their documents
/// taken until it is paid, working for whoever holds them.
fn indebted(g: &mut Group, holder: ActorIx) {
    g.indicators = vec![Indicator::DEBT_BONDAGE, Indicator::CONFISCATED_DOCUMENTS];
    g.exploitation = Some(Exploitation::Labour);
    g.handle(holder);
}

/// A boat in trouble: a rescue unit on the route reaches it at 85%, a patrol
/// at 55%, and takes the people aboard into its country's hands; otherwise a
/// fifth to three-fifths of them (at least one) are lost, and the boat with
/// them when no one is left. True when the crossing ends here.
fn trouble_at_sea(desk: &mut Desk, g: &mut Group, d: &mut Draw) -> bool {
    let (setup, turn) = (desk.setup, desk.turn);
    let aboard = g.size - g.lost;
    let responder = desk
        .conditions
        .rescues
        .iter()
        .map(|&(t, r)| (t, r, 85))
        .chain(desk.conditions.patrols.iter().map(|&(t, r)| (t, r, 55)))
        .find(|&(_, r, _)| r == g.route);
    let rescued = responder.filter(|&(t, _, odds)| {
        desk.seed.chance(
            turn,
            Purpose::Rescue,
            u64::from(g.seq),
            t.index() as u64,
            odds,
        )
    });
    if let Some((team, _, _)) = rescued {
        g.status = GroupStatus::Rescued;
        g.custody = Some(team);
        g.held_since = turn;
        desk.tally
            .add(Some(team), |c| c.rescued += i64::from(aboard));
        hand_over(setup, desk.knowledge, team, g, turn);
        desk.knowledge.0[team].tell(
            setup,
            turn,
            Event::RescuedInDistress {
                route: g.route,
                people: aboard,
            },
        );
        return true;
    }
    let share = 20 + d.below(41);
    let dead = (aboard * share / 100).max(1).min(aboard);
    g.lost += dead;
    desk.tally.add(None, |c| c.lives_lost += i64::from(dead));
    if g.lost >= g.size {
        g.status = GroupStatus::LostAtSea;
        return true;
    }
    false
}

/// Trouble on land costs 2 to 7 in a hundred of the people; the rest go on.
fn trouble_on_land(desk: &mut Desk, g: &mut Group, d: &mut Draw) {
    let aboard = g.size - g.lost;
    let dead = aboard * (2 + d.below(6)) / 100;
    g.lost += dead;
    desk.tally.add(None, |c| c.lives_lost += i64::from(dead));
}

/// At the end of the route smuggled people are free; trafficked people are
/// held in exploitation, by an exploiter of the network in the destination
/// country where one is at work.
/// Those who travelled on credit and whom the network can hold are held
/// for the debt: the people held, as a group of their own, when only some
/// of the group are.
fn arrive(desk: &mut Desk, g: &mut Group) -> Option<Group> {
    let arrived = g.size - g.lost;
    g.status = if g.trafficked() {
        if let Some(boss) = exploiter(desk, g) {
            g.handle(boss);
        }
        GroupStatus::Exploited
    } else {
        GroupStatus::Arrived
    };
    desk.tally
        .add(None, |c| c.migrants_moved += i64::from(arrived));
    if let Some(moved) = desk.network.moved_by_route.get_mut(g.route.index()) {
        *moved += arrived;
    }
    if g.trafficked() {
        return None;
    }
    let on_credit = desk.setup.routes[g.route].on_credit;
    let debtors = (arrived * on_credit + 50) / 100;
    if debtors == 0 {
        return None;
    }
    let boss = exploiter(desk, g)?;
    if debtors >= arrived {
        hold_for_debt(g, boss);
        return None;
    }
    let mut held = split_off(desk.network, g, debtors, "debt");
    hold_for_debt(&mut held, boss);
    Some(held)
}

/// Smuggled people turned into trafficked ones on arrival: the fare they
/// owe becomes a debt that grows, their documents are taken until it is
/// paid, and they work for whoever holds them (UNODC 2018 on smuggling
/// paid on arrival).
fn hold_for_debt(g: &mut Group, boss: ActorIx) {
    indebted(g, boss);
    g.status = GroupStatus::Exploited;
}

/// Who holds trafficked people where they arrive: an enforcer or
/// safe-house keeper at work in the destination country, of this route
/// before any other.
fn exploiter(desk: &Desk, g: &Group) -> Option<ActorIx> {
    let setup = desk.setup;
    let country = setup.routes[g.route].destination_country?;
    let at_work = |i: ActorIx| desk.statuses.get(i.index()) == Some(&ActorStatus::Active);
    // Aboard a vessel at the end of the route, its captain holds them too.
    let aboard = setup.routes[g.route]
        .legs
        .last()
        .map(|l| l.to)
        .filter(|&p| setup.places[p].kind == PlaceKind::Vessel);
    let holds = |i: &ActorIx| {
        let a = &setup.actors[*i];
        // A captain holds them aboard under whatever flag the vessel flies.
        let captain_aboard = a.role == Role::BoatCaptain && aboard.is_some() && a.place == aboard;
        let ashore =
            matches!(a.role, Role::Enforcer | Role::SafeHouseKeeper) && a.country == country;
        (ashore || captain_aboard) && (a.route.is_none() || a.route == Some(g.route)) && at_work(*i)
    };
    of_route_first(setup, g, holds)
}

/// Groups held with no decision are processed routinely: removed, and
/// charged where the law makes their crossing an offence, unless the law's
/// non-punishment principle shields presumed victims and children. Where
/// the law never detains children, a group with children among them goes
/// to child protection instead. People who talked in a screening this
/// turn wait for the decision it opens.
pub fn process_held_groups(
    setup: Res<Setup>,
    clock: Res<Clock>,
    mut groups: Query<(Entity, &mut Group)>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    for (_, e) in groups_in_order(groups.iter()) {
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        if !g.status.held() || g.held_since + HOLDING_TURNS > turn || g.screened_on == Some(turn) {
            continue;
        }
        let Some(team) = g.custody else { continue };
        let people = g.size - g.lost;
        let country = setup.teams[team].country;
        if g.indicators.contains(&Indicator::MINORS)
            && !setup.countries[country].law.minors_detention
        {
            place_children_in_care(&setup, &mut knowledge, &mut tally, team, &mut g, turn);
            continue;
        }
        g.status = GroupStatus::Returned;
        g.custody = None;
        let outcome = routine_outcome(
            setup.law_of_team(team),
            nationals_at_home(&setup, team, &g),
            made_to_offend(&setup, &g),
            &g,
        );
        if outcome.charged() {
            let minors = g.indicators.contains(&Indicator::MINORS);
            let n = i64::from(people);
            tally.add(Some(team), |c| {
                c.migrants_criminalised += n;
                if g.identified {
                    c.victims_criminalised += n;
                }
                if minors {
                    c.minors_criminalised += n;
                }
            });
        }
        if g.trafficked() {
            network.at_risk.push(AtRisk {
                from_group: g.id.clone(),
                size: people,
                route: g.route,
                indicators: g.indicators.clone(),
                exploitation: g.exploitation,
                returned: turn,
                risk: super::victims::RISK_BARE_RETURN,
            });
        }
        meet_group(&setup, &mut knowledge.0[team], &g, turn);
        knowledge.0[team].tell(
            &setup,
            turn,
            Event::ProcessedRoutinely {
                group: GroupTag {
                    seq: g.seq,
                    id: g.id.clone(),
                },
                held_turns: HOLDING_TURNS,
                outcome,
            },
        );
    }
}

/// Children are not kept in detention nor removed by routine: the holding
/// country's child protection takes the group into care, out of the
/// network's reach, as people sheltered (no one identified them as
/// victims).
fn place_children_in_care(
    setup: &Setup,
    knowledge: &mut Knowledge,
    tally: &mut Tally,
    team: TeamIx,
    g: &mut Group,
    turn: u32,
) {
    let people = g.size - g.lost;
    g.status = GroupStatus::Protected;
    g.custody = None;
    g.sheltered_in = Some(setup.teams[team].country);
    g.referred_by = Some(team);
    // Presumed victims among them enter victim protection, as by a referral;
    // otherwise the children are sheltered, not counted as victims.
    if g.identified {
        tally.add(Some(team), |c| c.victims_referred += i64::from(people));
        g.decides_on = Some(turn + setup.reflection_turns(setup.teams[team].country));
    } else {
        tally.add(Some(team), |c| c.people_sheltered += i64::from(people));
    }
    meet_group(setup, &mut knowledge.0[team], g, turn);
    knowledge.0[team].tell(
        setup,
        turn,
        Event::ChildrenInCare {
            group: GroupTag {
                seq: g.seq,
                id: g.id.clone(),
            },
            people,
        },
    );
}

/// Whether the group is held in the country it set out from: its people are
/// nationals at home, and no entry offence can touch them.
fn nationals_at_home(setup: &Setup, team: TeamIx, g: &Group) -> bool {
    setup.routes[g.route].origin_country == Some(setup.teams[team].country)
}

/// Whether the group's people were trafficked to commit crimes and have
/// been made to: held after they reached the end of their route, where the
/// network put them to work.
fn made_to_offend(setup: &Setup, g: &Group) -> bool {
    g.trafficked()
        && g.exploitation == Some(Exploitation::ForcedCriminality)
        && g.leg as usize >= setup.routes[g.route].legs.len()
}

/// What routine processing does under the holding country's law. The
/// crimes people were made to commit are offences wherever they are held,
/// whatever the law says of crossing a border: only the non-punishment
/// principle, applied to people identified as victims, spares them.
fn routine_outcome(law: &Law, at_home: bool, made_to_offend: bool, g: &Group) -> Routine {
    let offence = if at_home {
        law.irregular_exit_offence
    } else {
        law.irregular_entry_offence
    };
    let shielded = g.identified || g.indicators.contains(&Indicator::MINORS);
    if (offence || made_to_offend) && law.non_punishment && shielded {
        return Routine::NotPunished;
    }
    match (made_to_offend, offence, at_home) {
        (true, _, _) => Routine::ChargedWithForcedOffences,
        (false, false, true) => Routine::ReleasedAtHome,
        (false, false, false) => Routine::RemovedUncharged,
        (false, true, true) => Routine::ChargedWithIrregularExit,
        (false, true, false) => Routine::ChargedWithIrregularEntry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    /// The sea group: thirty people, smuggled, leaving on turn 1.
    const BOAT: u32 = 0;
    /// The land group: twelve people, trafficked.
    const LAND: u32 = 1;

    /// The mini world with every leg safe unless a test says otherwise.
    fn calm() -> Bench {
        Bench::mini_with(|s| {
            for route in &mut s.routes {
                for leg in &mut route.legs {
                    leg.hazard = 0;
                }
            }
        })
    }

    fn route(b: &Bench, id: &str) -> RouteIx {
        b.setup().route(id).expect("a mini route")
    }

    #[test]
    fn a_group_sets_off_on_its_day_when_the_route_is_open_and_crewed() {
        let mut b = calm();
        b.run(move_groups);
        assert_eq!(
            b.group(BOAT).status,
            GroupStatus::Recruited,
            "before its day"
        );

        let sea = route(&b, "sea");
        b.next_turn();
        b.resource::<Network>().route_closed_until[sea] = 1;
        b.run(move_groups);
        assert_eq!(b.group(BOAT).status, GroupStatus::Recruited, "route closed");

        // Only drv0 drives the land leg to the port.
        let driver = b.actor("drv0");
        b.set_actor(driver, |s| s.status = ActorStatus::Arrested);
        b.next_turn();
        b.run(move_groups);
        assert_eq!(b.group(BOAT).status, GroupStatus::Recruited, "no crew");

        b.set_actor(driver, |s| s.status = ActorStatus::Active);
        b.next_turn();
        b.run(move_groups);
        let g = b.group(BOAT);
        assert_eq!(
            (g.status, g.leg, g.progress),
            (GroupStatus::InTransit, 0, 0)
        );
    }

    #[test]
    fn a_group_waits_at_the_last_stop_until_the_network_finds_a_crew() {
        let mut b = calm();
        let captain = b.actor("cap1");
        b.set_actor(captain, |s| s.status = ActorStatus::Arrested);
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
        });
        b.next_turn();
        b.run(move_groups);
        let g = b.group(BOAT);
        assert_eq!((g.leg, g.progress), (1, 0));

        b.set_actor(captain, |s| s.status = ActorStatus::Active);
        b.next_turn();
        b.run(move_groups);
        assert_eq!(b.group(BOAT).leg, 2);
    }

    #[test]
    fn a_group_takes_each_leg_in_its_turns_and_trafficked_people_arrive_into_exploitation() {
        let mut b = calm();
        b.set_group(LAND, |g| g.status = GroupStatus::InTransit);
        let mut path = Vec::new();
        for _ in 0..3 {
            b.next_turn();
            b.run(move_groups);
            let g = b.group(LAND);
            path.push((g.leg, g.progress, g.status));
        }
        // Two turns to the border post, one to the city.
        assert_eq!(
            path,
            vec![
                (0, 1, GroupStatus::InTransit),
                (1, 0, GroupStatus::InTransit),
                (2, 0, GroupStatus::Exploited),
            ]
        );
        assert_eq!(b.resource::<Tally>().total.migrants_moved, 12);
        // The route's driver took them both legs; Destia's safe-house
        // keeper, at work where they arrived, holds them.
        let (driver, keeper) = (b.actor("drv1"), b.actor("keeper"));
        assert_eq!(b.group(LAND).handlers, vec![driver, keeper]);
    }

    #[test]
    fn smuggled_people_are_free_at_the_end_of_the_route() {
        let mut b = calm();
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 2;
        });
        b.next_turn();
        b.run(move_groups);
        assert_eq!(b.group(BOAT).status, GroupStatus::Arrived);
        assert_eq!(b.resource::<Tally>().total.migrants_moved, 30);
        // The captain who carried them on the last leg; no one holds them.
        let captain = b.actor("cap1");
        assert_eq!(b.group(BOAT).handlers, vec![captain]);
    }

    #[test]
    fn people_stranded_on_the_way_with_a_keeper_fall_into_debt_and_go_on_trafficked() {
        // The boat waits at Transia Port for a leg whose captain is arrested,
        // lodged in the keeper's house there.
        let stranded = |keeper_at_work: bool, leg: u32| {
            // The keeper's house is where the group waits: Oria City before
            // the first leg, Transia Port before the second.
            let country = if leg == 0 { "oria" } else { "trans" };
            let mut b = Bench::mini_with(move |s| {
                Bench::keeper_premises(s, ("house", "The house"), country, PlaceKind::SafeHouse);
            });
            let (captain, keeper) = (b.actor("cap1"), b.actor("keeper"));
            // No crew for either leg: the captain and the driver at work
            // in Oria are both arrested.
            for crew in [captain, b.actor("drv0")] {
                b.set_actor(crew, |s| s.status = ActorStatus::Arrested);
            }
            if !keeper_at_work {
                b.set_actor(keeper, |s| s.status = ActorStatus::Arrested);
            }
            b.set_group(BOAT, |g| {
                g.status = GroupStatus::InTransit;
                g.leg = leg;
                g.progress = 0;
            });
            for _ in 0..20 {
                b.next_turn();
                b.run(move_groups);
            }
            b
        };
        let mut b = stranded(true, 1);
        let keeper = b.actor("keeper");
        let created = b.resource::<Network>().groups_created;
        let owing = b.group(created - 1);
        assert!(owing.id.ends_with("-owing"), "{}", owing.id);
        assert_eq!(
            owing.indicators,
            vec![Indicator::DEBT_BONDAGE, Indicator::CONFISCATED_DOCUMENTS]
        );
        assert_eq!(owing.exploitation, Some(Exploitation::Labour));
        assert!(owing.handlers.contains(&keeper));
        // Still on the way with the others, at the same stop.
        assert_eq!(
            (owing.status, owing.leg, owing.progress),
            (GroupStatus::InTransit, 1, 0)
        );
        let rest = b.group(BOAT);
        assert!(!rest.trafficked());
        // A quarter of those left each time, and no one twice.
        let owing_total: u32 = (2..created).map(|seq| b.group(seq).size).sum();
        assert_eq!(rest.size + owing_total, 30);
        assert!(owing.size >= 1 && owing.size <= 30 / 4);

        // No keeper at work to lodge them, or still at home: no debt.
        for (keeper_at_work, leg) in [(false, 1), (true, 0)] {
            let mut b = stranded(keeper_at_work, leg);
            assert_eq!(b.resource::<Network>().groups_created, 2);
            assert_eq!(b.group(BOAT).size, 30);
        }
    }

    #[test]
    fn people_who_travelled_on_credit_are_held_for_the_debt_where_the_network_can_hold_them() {
        let landing = |keeper_at_work: bool| {
            let mut b = Bench::mini_with(|s| {
                for route in &mut s.routes {
                    route.on_credit = 40;
                    for leg in &mut route.legs {
                        leg.hazard = 0;
                    }
                }
            });
            let keeper = b.actor("keeper");
            if !keeper_at_work {
                b.set_actor(keeper, |s| s.status = ActorStatus::Arrested);
            }
            b.set_group(BOAT, |g| {
                g.status = GroupStatus::InTransit;
                g.leg = 2;
            });
            b.next_turn();
            b.run(move_groups);
            b
        };
        let mut b = landing(true);
        let created = b.resource::<Network>().groups_created;
        let held = b.group(created - 1);
        assert_eq!(held.size, 12, "40% of 30");
        assert_eq!(held.status, GroupStatus::Exploited);
        assert_eq!(
            held.indicators,
            vec![Indicator::DEBT_BONDAGE, Indicator::CONFISCATED_DOCUMENTS]
        );
        let (captain, keeper) = (b.actor("cap1"), b.actor("keeper"));
        assert_eq!(held.handlers, vec![captain, keeper]);
        let free = b.group(BOAT);
        assert_eq!((free.size, free.status), (18, GroupStatus::Arrived));
        assert!(!free.trafficked());
        assert_eq!(b.resource::<Tally>().total.migrants_moved, 30);

        // No one at work to hold them: everyone walks free.
        let mut b = landing(false);
        let free = b.group(BOAT);
        assert_eq!((free.size, free.status), (30, GroupStatus::Arrived));
    }

    /// Whether the boat in distress on the strait was rescued, on a fresh
    /// world at this turn, with these units on the sea route.
    fn distress_rescued(turn: u32, rescue: bool, patrol: bool) -> Option<GroupStatus> {
        let mut b = calm();
        let (cg, sea) = (b.team("trans_cg"), route(&b, "sea"));
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.distress = true;
        });
        for _ in 0..turn {
            b.next_turn();
        }
        let mut conditions = b.resource::<Conditions>();
        if rescue {
            conditions.rescues.push((cg, sea));
        }
        if patrol {
            conditions.patrols.push((cg, sea));
        }
        b.run(move_groups);
        let g = b.group(BOAT);
        let rescued = g.status == GroupStatus::Rescued;
        if rescued {
            assert_eq!((g.custody, g.lost), (Some(cg), 0));
            assert_eq!(b.resource::<Tally>().teams[cg].rescued, 30);
            assert!(matches!(
                b.told(cg).as_slice(),
                [Event::RescuedInDistress { people: 30, .. }]
            ));
            let police = b.team("trans_police");
            assert!(b.knowledge(police).groups.contains_key(&BOAT));
        } else {
            assert!(g.lost >= 6, "a fifth at least is lost: {}", g.lost);
            assert_eq!(b.resource::<Tally>().total.lives_lost, i64::from(g.lost));
        }
        rescued.then_some(g.status)
    }

    #[test]
    fn a_boat_in_distress_is_reached_by_a_rescue_unit_more_often_than_by_a_patrol() {
        let turns = 1..=40;
        let count = |rescue, patrol| {
            turns
                .clone()
                .filter(|&t| distress_rescued(t, rescue, patrol).is_some())
                .count()
        };
        let (by_rescue, by_patrol, by_none) =
            (count(true, false), count(false, true), count(false, false));
        // 85% and 55% of forty turns.
        assert!((28..=40).contains(&by_rescue), "{by_rescue}");
        assert!((12..=32).contains(&by_patrol), "{by_patrol}");
        assert!(by_patrol < by_rescue);
        assert_eq!(by_none, 0);
    }

    #[test]
    fn a_boat_in_distress_with_no_one_near_loses_people_and_sinks_when_none_are_left() {
        let mut b = calm();
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.distress = true;
        });
        b.set_group(LAND, |g| {
            g.status = GroupStatus::InTransit;
            g.route = RouteIx(0);
            g.leg = 1;
            g.distress = true;
            g.size = 1;
        });
        b.next_turn();
        b.run(move_groups);
        let boat = b.group(BOAT);
        assert!((6..=18).contains(&boat.lost), "{}", boat.lost);
        assert!(!boat.distress);
        assert_eq!(boat.leg, 2, "the survivors go on");
        let last = b.group(LAND);
        assert_eq!((last.lost, last.status), (1, GroupStatus::LostAtSea));
    }

    #[test]
    fn trouble_on_land_costs_a_few_lives_and_the_group_goes_on() {
        let mut b = Bench::mini_with(|s| {
            let land = s.route("land").expect("the land route");
            s.routes[land].legs[1].hazard = 100;
        });
        b.set_group(LAND, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.size = 100;
        });
        b.next_turn();
        b.run(move_groups);
        let g = b.group(LAND);
        assert!((2..=7).contains(&g.lost), "{}", g.lost);
        assert_eq!(g.status, GroupStatus::Exploited);
        assert_eq!(b.resource::<Tally>().total.lives_lost, i64::from(g.lost));
    }

    #[test]
    fn the_weather_raises_the_hazard_of_legs_of_its_mode() {
        let mut b = calm();
        b.set_group(BOAT, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
            g.size = 100;
        });
        b.next_turn();
        b.resource::<Conditions>()
            .weather
            .push(crate::engine::state::WeatherSpell {
                mode: Mode::Sea,
                extra_hazard: 100,
                until: 1,
            });
        b.run(move_groups);
        assert!(b.group(BOAT).lost >= 20);
    }

    fn held_since_turn_one(b: &mut Bench) -> crate::engine::setup::TeamIx {
        let imm = b.team("trans_immigration");
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Intercepted;
            g.custody = Some(imm);
            g.held_since = 1;
        });
        imm
    }

    #[test]
    fn a_group_held_without_a_decision_is_processed_routinely_after_the_holding_turns() {
        let mut b = Bench::mini();
        let imm = held_since_turn_one(&mut b);
        for _ in 0..HOLDING_TURNS {
            b.next_turn();
            b.run(process_held_groups);
            assert_eq!(b.group(LAND).status, GroupStatus::Intercepted);
        }
        b.next_turn();
        b.run(process_held_groups);
        let g = b.group(LAND);
        assert_eq!((g.status, g.custody), (GroupStatus::Returned, None));
        assert_eq!(b.resource::<Tally>().teams[imm].migrants_criminalised, 12);
        let at_risk = b.resource::<Network>().at_risk.clone();
        assert_eq!(at_risk.len(), 1);
        assert_eq!(at_risk[0].risk, super::super::victims::RISK_BARE_RETURN);
        assert!(matches!(
            b.told(imm).as_slice(),
            [Event::ProcessedRoutinely {
                held_turns: HOLDING_TURNS,
                ..
            }]
        ));
    }

    /// Holds the land group past its holding turns under `tune`'s law, with
    /// `group` changed first, and processes it: what the team was told.
    fn processed(
        tune: impl FnOnce(&mut crate::engine::setup::Setup),
        holder: &str,
        group: impl FnOnce(&mut Group),
    ) -> (Bench, crate::engine::setup::TeamIx, Routine) {
        let mut b = Bench::mini_with(tune);
        let team = b.team(holder);
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Intercepted;
            g.custody = Some(team);
            g.held_since = 1;
            group(g);
        });
        for _ in 0..=HOLDING_TURNS {
            b.next_turn();
        }
        b.run(process_held_groups);
        assert_eq!(b.group(LAND).status, GroupStatus::Returned);
        let outcome = match b.told(team).as_slice() {
            [Event::ProcessedRoutinely { outcome, .. }] => *outcome,
            other => panic!("told {other:?}"),
        };
        (b, team, outcome)
    }

    #[test]
    fn routine_processing_charges_no_one_where_entering_without_leave_is_no_offence() {
        // Smuggling is a crime there: that is the smugglers' offence, not theirs.
        let (mut b, imm, outcome) = processed(
            |s| s.countries[1].law.irregular_entry_offence = false,
            "trans_immigration",
            |_| {},
        );
        assert_eq!(outcome, Routine::RemovedUncharged);
        assert_eq!(b.resource::<Tally>().teams[imm].migrants_criminalised, 0);
    }

    #[test]
    fn presumed_victims_and_children_are_not_punished_unless_the_law_forgets_them() {
        let (mut b, imm, outcome) = processed(|_| {}, "trans_immigration", |g| g.identified = true);
        assert_eq!(outcome, Routine::NotPunished);
        let c = &b.resource::<Tally>().teams[imm];
        assert_eq!((c.migrants_criminalised, c.victims_criminalised), (0, 0));

        // Children held under a law that lets them be detained.
        let (mut b, _, outcome) = processed(
            |s| s.countries[1].law.minors_detention = true,
            "trans_immigration",
            |g| g.indicators = vec![Indicator::MINORS],
        );
        assert_eq!(outcome, Routine::NotPunished);
        assert_eq!(b.resource::<Tally>().total.minors_criminalised, 0);

        // A law without the principle punishes them, and the figures say so.
        let (mut b, _, outcome) = processed(
            |s| {
                s.countries[1].law.non_punishment = false;
                s.countries[1].law.minors_detention = true;
            },
            "trans_immigration",
            |g| {
                g.identified = true;
                g.indicators.push(Indicator::MINORS);
            },
        );
        assert_eq!(outcome, Routine::ChargedWithIrregularEntry);
        let c = &b.resource::<Tally>().total;
        assert_eq!(
            (
                c.migrants_criminalised,
                c.victims_criminalised,
                c.minors_criminalised
            ),
            (12, 12, 12)
        );
    }

    /// The land group, trafficked to commit crimes and held after it reached
    /// the end of its route.
    fn made_to_offend_there(g: &mut Group, legs: usize) {
        g.exploitation = Some(Exploitation::ForcedCriminality);
        g.leg = legs as u32;
    }

    #[test]
    fn people_made_to_commit_crimes_are_charged_with_them_unless_identified_as_victims() {
        let mut b = Bench::mini();
        let route = b.group(LAND).route;
        let legs = b.setup().routes[route].legs.len();
        // No entry offence: the crimes they were made to commit remain.
        let (mut b, imm, outcome) = processed(
            |s| s.countries[1].law.irregular_entry_offence = false,
            "trans_immigration",
            |g| made_to_offend_there(g, legs),
        );
        assert_eq!(outcome, Routine::ChargedWithForcedOffences);
        assert_eq!(b.resource::<Tally>().teams[imm].migrants_criminalised, 12);

        let (mut b, imm, outcome) = processed(
            |_| {},
            "trans_immigration",
            |g| {
                made_to_offend_there(g, legs);
                g.identified = true;
            },
        );
        assert_eq!(outcome, Routine::NotPunished);
        assert_eq!(b.resource::<Tally>().teams[imm].migrants_criminalised, 0);

        // Stopped on the way, before anyone made them offend: the border's law.
        let (_, _, outcome) = processed(
            |_| {},
            "trans_immigration",
            |g| g.exploitation = Some(Exploitation::ForcedCriminality),
        );
        assert_eq!(outcome, Routine::ChargedWithIrregularEntry);
    }

    /// The land group, children among them, held by Transia Immigration
    /// from turn 1 until it is past waiting for a decision; `identified`
    /// when screening found them presumed victims.
    fn children_held_too_long(identified: bool) -> (Bench, TeamIx) {
        let mut b = Bench::mini();
        let imm = b.team("trans_immigration");
        b.set_group(LAND, |g| {
            g.status = GroupStatus::Intercepted;
            g.custody = Some(imm);
            g.held_since = 1;
            g.identified = identified;
            g.indicators.push(Indicator::MINORS);
        });
        for _ in 0..=HOLDING_TURNS {
            b.next_turn();
        }
        (b, imm)
    }

    #[test]
    fn children_held_without_a_decision_go_into_child_protection_not_detention() {
        let (mut b, imm) = children_held_too_long(false);
        b.run(process_held_groups);
        let g = b.group(LAND);
        assert_eq!((g.status, g.custody), (GroupStatus::Protected, None));
        assert_eq!(g.sheltered_in, Some(b.setup().teams[imm].country));
        let c = &b.resource::<Tally>().teams[imm];
        assert_eq!((c.people_sheltered, c.migrants_criminalised), (12, 0));
        assert!(b.resource::<Network>().at_risk.is_empty());
        assert!(matches!(
            b.told(imm).as_slice(),
            [Event::ChildrenInCare { people: 12, .. }]
        ));
    }

    #[test]
    fn identified_victims_taken_into_child_protection_count_as_referred_victims() {
        let (mut b, imm) = children_held_too_long(true);
        let turn = b.turn();
        b.run(process_held_groups);
        let c = &b.resource::<Tally>().teams[imm];
        assert_eq!((c.victims_referred, c.people_sheltered), (12, 0));
        // In protection, they have their reflection period like any referral.
        let country = b.setup().teams[imm].country;
        let reflection = b.setup().reflection_turns(country);
        assert_eq!(b.group(LAND).decides_on, Some(turn + reflection));
    }

    #[test]
    fn nationals_stopped_at_home_are_released_unless_leaving_is_an_offence() {
        // The land route sets out from Oria.
        let (mut b, police, outcome) = processed(|_| {}, "oria_police", |_| {});
        assert_eq!(outcome, Routine::ReleasedAtHome);
        assert_eq!(b.resource::<Tally>().teams[police].migrants_criminalised, 0);

        let (mut b, police, outcome) = processed(
            |s| s.countries[0].law.irregular_exit_offence = true,
            "oria_police",
            |_| {},
        );
        assert_eq!(outcome, Routine::ChargedWithIrregularExit);
        assert_eq!(
            b.resource::<Tally>().teams[police].migrants_criminalised,
            12
        );
    }

    #[test]
    fn people_screened_this_turn_wait_for_the_decision_it_opens() {
        let mut b = Bench::mini();
        let imm = held_since_turn_one(&mut b);
        for _ in 0..=HOLDING_TURNS {
            b.next_turn();
        }
        let turn = b.turn();
        b.set_group(LAND, |g| g.screened_on = Some(turn));
        b.run(process_held_groups);
        assert_eq!(b.group(LAND).status, GroupStatus::Intercepted);
        assert!(b.told(imm).is_empty());
        b.next_turn();
        b.run(process_held_groups);
        assert_eq!(b.group(LAND).status, GroupStatus::Returned);
    }
}
