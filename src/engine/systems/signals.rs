//! Signals the network gives off: groups seen at border posts and worksites,
//! members whose activity draws notice.

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::{Roster, groups_in_order, sighting};
use crate::engine::events::{Event, GroupTag, SignalKind};
use crate::engine::knowledge::{Knowledge, Source};
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, CountryIx, Setup, TeamIx};
use crate::engine::state::{ActorState, ActorStatus, Clock, Group, GroupStatus};
use crate::scenario::{PlaceKind, Role, Signal};

/// Percent chance a labour inspection or a complaint brings an exploited group
/// to a destination team's notice in one turn.
pub const WORKSITE_SIGNAL: u32 = 12;
/// Percent chance a border check notices a group passing.
pub const BORDER_SIGNAL: u32 = 10;

/// Give teams the signals the network's activity sends this turn.
pub fn give_off_signals(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    groups: Query<(Entity, &Group)>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    for (_, e) in groups_in_order(groups.iter()) {
        let Ok((_, g)) = groups.get(e) else { continue };
        notice_group(&setup, &seed, turn, &mut knowledge, g);
    }
    for i in ActorIx::all(setup.actors.len()) {
        let Some(s) = roster.0.get(i.index()).and_then(|e| states.get(*e).ok()) else {
            continue;
        };
        notice_aide(&setup, &seed, turn, &mut knowledge, i, s);
    }
}

/// The team of a country that hears of a signal: of those whose agency
/// hears of it, the most ready (`AgencyDef.hears`), the first in the
/// scenario among equals; else the country's first team.
pub(crate) fn team_in(setup: &Setup, country: CountryIx, signal: Signal) -> Option<TeamIx> {
    let local = || TeamIx::all(setup.teams.len()).filter(|&t| setup.teams[t].country == country);
    local()
        .filter_map(|t| Some((setup.teams[t].agency.hears_rank(signal)?, t)))
        .min()
        .map(|(_, t)| t)
        .or_else(|| local().next())
}

/// A group held in exploitation may come to notice through a labour
/// inspection or a complaint where it is held ([`super::premises::held_at`]) ([`WORKSITE_SIGNAL`]); a group
/// passing a border post, airport or port through a routine check
/// ([`BORDER_SIGNAL`]). Immigration hears first, else the police; a group
/// the team has met already sends no signal.
fn notice_group(setup: &Setup, seed: &Seed, turn: u32, knowledge: &mut Knowledge, g: &Group) {
    let route = &setup.routes[g.route];
    let (place, chance, kind) = match g.status {
        GroupStatus::Exploited => {
            let Some(last) = route.legs.last() else {
                return;
            };
            let place = super::premises::held_at(setup, g).unwrap_or(last.to);
            (place, WORKSITE_SIGNAL, SignalKind::Worksite)
        }
        GroupStatus::InTransit => {
            let Some(leg) = route.legs.get(g.leg as usize) else {
                return;
            };
            let p = leg.from;
            if !matches!(
                setup.places[p].kind,
                PlaceKind::BorderPost | PlaceKind::Airport | PlaceKind::Port
            ) {
                return;
            }
            (p, BORDER_SIGNAL, SignalKind::BorderCheck)
        }
        _ => return,
    };
    let Some(country) = setup.places[place].country else {
        return;
    };
    let Some(team) = team_in(setup, country, Signal::Groups) else {
        return;
    };
    if knowledge.0[team].groups.contains_key(&g.seq) {
        return;
    }
    if !seed.chance(turn, Purpose::Encounter, u64::from(g.seq), 0, chance) {
        return;
    }
    let know = &mut knowledge.0[team];
    meet_group(setup, know, g, turn);
    // A report names the premises: a place the team can raid.
    if matches!(
        setup.places[place].kind,
        PlaceKind::SafeHouse | PlaceKind::Worksite | PlaceKind::Vessel
    ) {
        know.places.insert(place);
    }
    know.tell(
        setup,
        turn,
        Event::Signal {
            place,
            kind,
            group: GroupTag {
                seq: g.seq,
                id: g.id.clone(),
            },
        },
    );
}

/// Busy aides are seen, careful ones are not: an aide at work and not dark
/// draws the notice of their country's police (else immigration) at
/// (100 - caution) / 12 percent a turn; organisers and brokers never do.
fn notice_aide(
    setup: &Setup,
    seed: &Seed,
    turn: u32,
    knowledge: &mut Knowledge,
    i: ActorIx,
    s: &ActorState,
) {
    let info = &setup.actors[i];
    if matches!(
        info.role,
        Role::Organiser | Role::MoneyBroker | Role::Enabler | Role::Company
    ) {
        return;
    }
    if s.status != ActorStatus::Active || s.is_dark(turn) {
        return;
    }
    let odds = (100 - info.caution) / 12;
    if !seed.chance(turn, Purpose::Signal, i.index() as u64, 0, odds) {
        return;
    }
    let Some(team) = team_in(setup, info.country, Signal::Members) else {
        return;
    };
    if knowledge.0[team].actors.contains_key(&i) {
        return;
    }
    let know = &mut knowledge.0[team];
    know.learn_actor(
        i,
        sighting(setup, i, Some(s), turn, Source::Signal, false, true, 30),
    );
    know.tell(setup, turn, Event::CommunityTip { role: info.role });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::systems::testkit::Bench;

    #[test]
    fn immigration_hears_of_groups_first_and_police_of_people_else_the_countrys_first_team() {
        let b = Bench::mini();
        let setup = b.setup();
        let (oria, trans) = (0, 1);
        let (groups, people) = (Signal::Groups, Signal::Members);
        assert_eq!(
            team_in(setup, CountryIx(trans), groups),
            Some(b.team("trans_immigration"))
        );
        assert_eq!(
            team_in(setup, CountryIx(trans), people),
            Some(b.team("trans_police"))
        );
        assert_eq!(
            team_in(setup, CountryIx(oria), groups),
            Some(b.team("oria_police"))
        );
        let deaf = Bench::mini_with(|s| {
            for t in s.teams.iter_mut() {
                t.agency.hears.clear();
            }
        });
        assert_eq!(
            team_in(deaf.setup(), CountryIx(trans), groups),
            Some(deaf.team("trans_cg"))
        );
    }

    #[test]
    fn groups_already_met_and_members_lying_low_give_no_signal() {
        let mut b = Bench::mini_with(|s| {
            for actor in s.actors.iter_mut() {
                actor.caution = 0;
            }
        });
        let imm = b.team("trans_immigration");
        b.set_group(1, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
        });
        b.meet(imm, 1, 0);
        for a in ActorIx::all(b.setup().actors.len()) {
            b.set_actor(a, |s| s.dark_until = 99);
        }
        for _ in 0..30 {
            b.next_turn();
            b.run(give_off_signals);
            for t in TeamIx::all(b.setup().teams.len()) {
                assert!(b.told(t).is_empty(), "team {t} told something");
            }
        }
    }

    #[test]
    fn a_group_passing_a_border_post_may_be_noticed_by_the_countrys_immigration() {
        let mut b = Bench::mini();
        let imm = b.team("trans_immigration");
        b.set_group(1, |g| {
            g.status = GroupStatus::InTransit;
            g.leg = 1;
        });
        let border = b.setup().routes[1].legs[1].from;
        let mut noticed = 0;
        for _ in 0..60 {
            b.next_turn();
            b.run(give_off_signals);
            if b.told(imm).iter().any(|e| {
                matches!(e, Event::Signal { place, kind: SignalKind::BorderCheck, group } if *place == border && group.seq == 1)
            }) {
                noticed += 1;
            }
        }
        // Once noticed, the group is on file and sends no second signal.
        assert_eq!(noticed, 1);
        assert!(b.knowledge(imm).groups.contains_key(&1));
    }
}
