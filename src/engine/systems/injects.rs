//! Injects: the scripted and conditional events of the exercise, and those the
//! White Cell fires live.

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::{Roster, groups_in_order, sighting};
use crate::engine::PendingInput;
use crate::engine::events::Event;
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source};
use crate::engine::metrics::{Capability, Tally};
use crate::engine::setup::{ActorIx, CountryIx, RouteIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Conditions, Group, GroupStatus, InjectLog, Network,
    WeatherSpell,
};
use crate::scenario::{Condition, Effect, Inject, Metric, Mode, Trigger};

/// A metric's current value by key, for conditions; none for the scores,
/// which are only summed at the end of the turn.
pub fn metric_value(key: &str, tally: &Tally, capability: &Capability) -> Option<i64> {
    match Metric::from_key(key)? {
        Metric::NetworkCapability => Some(capability.permille()),
        counted => tally.total.get(counted),
    }
}

fn holds(
    cond: &Condition,
    turn: u32,
    setup: &Setup,
    statuses: &[ActorStatus],
    tally: &Tally,
    capability: &Capability,
) -> bool {
    let caught = |s: ActorStatus| matches!(s, ActorStatus::Arrested | ActorStatus::Convicted);
    match cond {
        Condition::RoleArrested(role) => setup
            .actors
            .iter()
            .enumerate()
            .any(|(i, a)| a.role == *role && caught(statuses[i])),
        Condition::ActorArrested(id) => setup.actor(id).is_some_and(|i| caught(statuses[i])),
        Condition::CapabilityBelow(pct) => capability.permille() < i64::from(*pct) * 10,
        Condition::MetricAtLeast(name, v) => {
            metric_value(name, tally, capability).is_some_and(|x| x >= *v)
        }
        Condition::AfterTurn(t, inner) => {
            turn >= *t && holds(inner, turn, setup, statuses, tally, capability)
        }
    }
}

/// What the inject rules read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    turn: u32,
    conditions: &'a mut Conditions,
    network: &'a mut Network,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
}

/// Fire the injects due this turn, scheduled, conditional and live.
#[allow(clippy::too_many_arguments)]
pub fn fire_injects(
    mut setup: ResMut<Setup>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    input: Res<PendingInput>,
    mut tally: ResMut<Tally>,
    capability: Res<Capability>,
    mut states: Query<&mut ActorState>,
    mut groups: Query<(Entity, &mut Group)>,
    mut log: ResMut<InjectLog>,
    mut conditions: ResMut<Conditions>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let mut firing = due_injects(&setup, turn, &log, &statuses, &tally, &capability);
    let laws_before = network.law_changes.len();
    let flags_before = network.flag_changes.len();
    let mut desk = Desk {
        setup: &setup,
        turn,
        conditions: &mut conditions,
        network: &mut network,
        knowledge: &mut knowledge,
        tally: &mut tally,
    };
    for live in &input.0.live {
        match live
            .inject
            .as_deref()
            .and_then(|id| setup.scenario.injects.iter().position(|x| x.id == id))
        {
            Some(i) => firing.push((i, live.text.clone())),
            None => send_white_cell_text(&mut desk, &live.to, &live.text),
        }
    }
    for (i, extra) in firing {
        if let Some(slot) = log.fired.get_mut(i) {
            slot.get_or_insert(turn);
        }
        let inject = &setup.scenario.injects[i];
        let event = Event::Inject {
            inject: inject.id.clone(),
            extra,
            distress: distress_routes(&setup, inject),
        };
        let to = resolve_teams(&setup, &inject.to);
        for &t in &to {
            desk.knowledge.0[t].tell(&setup, turn, event.clone());
        }
        for effect in &inject.effects {
            let fired = Fired {
                admissible: inject.admissible,
                to: &to,
            };
            apply_effect(&mut desk, effect, fired, &roster, &mut states, &mut groups);
        }
    }
    // Every rule reads the law and the flags from the setup: put the new
    // ones in force.
    setup.amend(crate::engine::setup::Amendments {
        laws: &network.law_changes[laws_before..],
        flags: &network.flag_changes[flags_before..],
    });
    // A flag state keeps a register of its vessels: its teams know them.
    for &(vessel, flag) in &network.flag_changes[flags_before..] {
        for (t, team) in setup.teams.iter().enumerate() {
            if Some(team.country) == flag {
                knowledge.0[t].places.insert(vessel);
            }
        }
    }
}

/// The scenario's injects that fire this turn, each once: on their turn, or
/// on the first turn their condition holds.
fn due_injects(
    setup: &Setup,
    turn: u32,
    log: &InjectLog,
    statuses: &[ActorStatus],
    tally: &Tally,
    capability: &Capability,
) -> Vec<(usize, String)> {
    let mut firing = Vec::new();
    for (i, inject) in setup.scenario.injects.iter().enumerate() {
        if log.fired.get(i).copied().flatten().is_some() {
            continue;
        }
        let due = match &inject.trigger {
            Trigger::Turn(t) => *t == turn,
            Trigger::When(c) => holds(c, turn, setup, statuses, tally, capability),
        };
        if due {
            firing.push((i, String::new()));
        }
    }
    firing
}

/// Free text from the White Cell, to the teams named or to every team.
fn send_white_cell_text(desk: &mut Desk, to: &[String], text: &str) {
    for t in resolve_teams(desk.setup, to) {
        desk.knowledge.0[t].tell(
            desk.setup,
            desk.turn,
            Event::WhiteCell {
                text: text.to_string(),
            },
        );
    }
}

/// The routes on which an inject puts a boat in distress: what its message
/// tells the teams to answer.
fn distress_routes(setup: &Setup, inject: &Inject) -> Vec<RouteIx> {
    inject
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::BoatInDistress(route) => setup.route(route),
            _ => None,
        })
        .collect()
}

fn resolve_teams(setup: &Setup, ids: &[String]) -> Vec<TeamIx> {
    if ids.is_empty() {
        TeamIx::all(setup.teams.len()).collect()
    } else {
        ids.iter().filter_map(|id| setup.team(id)).collect()
    }
}

/// The inject an effect belongs to: whether what it reveals is admissible,
/// and the teams it goes to.
#[derive(Clone, Copy)]
struct Fired<'a> {
    admissible: bool,
    to: &'a [TeamIx],
}

/// What an inject does to the world besides its message.
fn apply_effect(
    desk: &mut Desk,
    effect: &Effect,
    fired: Fired,
    roster: &Roster,
    states: &mut Query<&mut ActorState>,
    groups: &mut Query<(Entity, &mut Group)>,
) {
    let (setup, turn) = (desk.setup, desk.turn);
    match effect {
        Effect::BoatInDistress(route) => {
            if let Some(r) = setup.route(route) {
                put_boat_in_distress(desk, r, groups);
            }
        }
        Effect::Weather {
            mode,
            extra_hazard,
            turns,
        } => desk.conditions.weather.push(WeatherSpell {
            mode: *mode,
            extra_hazard: *extra_hazard,
            until: turn + turns,
        }),
        Effect::Expose(id) => {
            if let Some(a) = setup.actor(id) {
                let state = roster
                    .0
                    .get(a.index())
                    .and_then(|e| states.get(*e).ok())
                    .cloned();
                expose(desk, a, state.as_ref(), fired.admissible);
            }
        }
        Effect::Activate(id) => {
            let Some(a) = setup.actor(id) else { return };
            if let Some(mut s) = roster
                .0
                .get(a.index())
                .and_then(|e| states.get_mut(*e).ok())
                && s.status == ActorStatus::Dormant
            {
                s.status = ActorStatus::Active;
            }
        }
        Effect::CloseRoute { route, turns } => {
            if let Some(r) = setup.route(route) {
                desk.network.route_closed_until[r] = turn + turns;
            }
        }
        Effect::RevealGroup(route) => {
            if let Some(r) = setup.route(route) {
                reveal_group(desk, r, fired.to, groups);
            }
        }
        Effect::Deaths { route, people } => {
            if setup.route(route).is_some() {
                desk.tally.add(None, |c| c.lives_lost += i64::from(*people));
            }
        }
        Effect::RoutePressure { route, pressure } => {
            if let Some(p) = setup
                .route(route)
                .and_then(|r| desk.network.route_pressure.get_mut(r.index()))
            {
                *p = p.saturating_add(*pressure);
            }
        }
        Effect::ReportVictims(route) => {
            if let Some(r) = setup.route(route) {
                report_victims(desk, r, fired.to, groups);
            }
        }
        Effect::ChangeLaw { country, change } => {
            if let Some(c) = setup.countries.iter().position(|c| &c.id == country) {
                desk.network.law_changes.push((CountryIx(c), *change));
            }
        }
        Effect::ChangeFlag { vessel, flag } => {
            let country = |id: &String| setup.countries.iter().position(|c| &c.id == id);
            if let Some(p) = setup.place(vessel) {
                match flag {
                    None => desk.network.flag_changes.push((p, None)),
                    Some(id) => {
                        if let Some(c) = country(id) {
                            desk.network.flag_changes.push((p, Some(CountryIx(c))));
                        }
                    }
                }
            }
        }
    }
}

/// The first group, in creation order, that `wanted` picks.
fn first_group<'q>(
    groups: &'q Query<(Entity, &mut Group)>,
    wanted: impl Fn(&Group) -> bool,
) -> Option<&'q Group> {
    groups_in_order(groups.iter())
        .iter()
        .filter_map(|(_, e)| groups.get(*e).ok().map(|(_, g)| g))
        .find(|g| wanted(g))
}

/// The first group on its way along a route (set off, or waiting to) is
/// met by the teams an inject goes to, where it is now; with none, nothing.
fn reveal_group(desk: &mut Desk, r: RouteIx, to: &[TeamIx], groups: &Query<(Entity, &mut Group)>) {
    let on_its_way = |g: &Group| {
        g.route == r && matches!(g.status, GroupStatus::InTransit | GroupStatus::Recruited)
    };
    let Some(g) = first_group(groups, on_its_way) else {
        return;
    };
    for &t in to {
        meet_group(desk.setup, &mut desk.knowledge.0[t], g, desk.turn);
    }
}

/// The first group held in exploitation on a route is reported to the
/// teams an inject goes to, with where it is held; with none, nothing.
fn report_victims(
    desk: &mut Desk,
    r: RouteIx,
    to: &[TeamIx],
    groups: &Query<(Entity, &mut Group)>,
) {
    let Some(g) = first_group(groups, |g| {
        g.route == r && g.status == GroupStatus::Exploited
    }) else {
        return;
    };
    let held = super::premises::held_at(desk.setup, g);
    for &t in to {
        let know = &mut desk.knowledge.0[t];
        meet_group(desk.setup, know, g, desk.turn);
        if let Some(intel) = know.groups.get_mut(&g.seq) {
            intel.reported = true;
        }
        know.places.extend(held);
    }
}

/// A boat in distress is the first group at sea on the route, else the
/// first on its way along it; with none under way, nothing happens.
fn put_boat_in_distress(desk: &mut Desk, r: RouteIx, groups: &mut Query<(Entity, &mut Group)>) {
    let setup = desk.setup;
    let order = groups_in_order(groups.iter());
    let at_sea = |g: &Group| {
        g.route == r
            && g.status == GroupStatus::InTransit
            && setup.routes[r]
                .legs
                .get(g.leg as usize)
                .is_some_and(|l| l.mode == Mode::Sea)
    };
    let pick = order
        .iter()
        .find(|(_, e)| groups.get(*e).is_ok_and(|(_, g)| at_sea(g)))
        .or_else(|| {
            order.iter().find(|(_, e)| {
                groups
                    .get(*e)
                    .is_ok_and(|(_, g)| g.route == r && g.status == GroupStatus::InTransit)
            })
        });
    let Some(&(_, e)) = pick else { return };
    let Ok((_, boat)) = groups.get(e) else { return };
    // Groups at the same point of the same leg travel in the same boat:
    // people who paid and people who were deceived, side by side.
    let (leg, progress) = (boat.leg, boat.progress);
    for (_, mut g) in groups.iter_mut() {
        if g.route == r
            && g.status == GroupStatus::InTransit
            && (g.leg, g.progress) == (leg, progress)
        {
            g.distress = true;
        }
    }
    desk.conditions.distress_routes.push(r);
}

/// An exposed member becomes known, by name and role, to every agency of
/// their country, with information enough to start on: a lead, not
/// evidence a court admits, unless the scenario says the inject is.
fn expose(desk: &mut Desk, a: ActorIx, state: Option<&ActorState>, admissible: bool) {
    let (setup, turn) = (desk.setup, desk.turn);
    let info = &setup.actors[a];
    let country = state.map_or(info.country, |s| s.country(info));
    for (t, know) in desk.knowledge.0.iter_mut().enumerate() {
        if setup.teams[t].country != country {
            continue;
        }
        know.learn_actor(
            a,
            sighting(setup, a, state, turn, Source::Inject, true, true, 70),
        );
        know.add_evidence(
            a,
            Evidence {
                strength: 2,
                channel: if admissible {
                    Channel::Domestic
                } else {
                    Channel::Informal
                },
                jurisdiction: country,
                source: Source::Inject,
                turn,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::orders::LiveInject;
    use crate::engine::systems::testkit::Bench;
    use crate::scenario::Role;

    fn at_turn(b: &mut Bench, turn: u32) {
        while b.turn() < turn {
            b.next_turn();
        }
    }

    fn injects_told(b: &mut Bench, team: TeamIx) -> Vec<(String, String, Vec<RouteIx>)> {
        b.told(team)
            .into_iter()
            .filter_map(|e| match e {
                Event::Inject {
                    inject,
                    extra,
                    distress,
                } => Some((inject, extra, distress)),
                _ => None,
            })
            .collect()
    }

    /// The sea group on the sea route's leg `leg`, under way.
    fn boat_on_leg(b: &mut Bench, seq: u32, leg: u32) {
        b.set_group(seq, |g| {
            g.status = GroupStatus::InTransit;
            g.route = RouteIx(0);
            g.leg = leg;
        });
    }

    #[test]
    fn a_distress_inject_names_the_route_to_answer_and_puts_a_boat_there_in_distress() {
        let mut b = Bench::mini();
        let (cg, police) = (b.team("trans_cg"), b.team("trans_police"));
        let sea = b.setup().route("sea").expect("the sea route");
        boat_on_leg(&mut b, 0, 1);
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert_eq!(
            injects_told(&mut b, cg),
            vec![("distress".to_string(), String::new(), vec![sea])]
        );
        assert!(
            injects_told(&mut b, police).is_empty(),
            "sent to the coast guard only"
        );
        assert!(b.group(0).distress);
        assert_eq!(b.resource::<Conditions>().distress_routes, vec![sea]);
    }

    #[test]
    fn an_inject_without_a_boat_in_distress_names_no_route() {
        let mut b = Bench::mini();
        let police = b.team("trans_police");
        at_turn(&mut b, 3);
        b.run(fire_injects);
        assert_eq!(
            injects_told(&mut b, police),
            vec![("storm".to_string(), String::new(), Vec::new())]
        );
    }

    #[test]
    fn the_boat_in_distress_is_the_first_at_sea_else_the_first_under_way_on_the_route() {
        let mut b = Bench::mini();
        boat_on_leg(&mut b, 0, 0);
        boat_on_leg(&mut b, 1, 2);
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert!((!b.group(0).distress) && b.group(1).distress);

        let mut b = Bench::mini();
        boat_on_leg(&mut b, 0, 0);
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert!(b.group(0).distress);

        let mut b = Bench::mini();
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert!(b.resource::<Conditions>().distress_routes.is_empty());
    }

    #[test]
    fn groups_at_the_same_point_of_the_same_leg_share_the_boat_in_distress() {
        let mut b = Bench::mini();
        boat_on_leg(&mut b, 0, 2);
        boat_on_leg(&mut b, 1, 2);
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert!(b.group(0).distress && b.group(1).distress);

        // A turn further along the leg: another boat.
        let mut b = Bench::mini();
        boat_on_leg(&mut b, 0, 2);
        boat_on_leg(&mut b, 1, 2);
        b.set_group(1, |g| g.progress = 1);
        at_turn(&mut b, 4);
        b.run(fire_injects);
        assert!(b.group(0).distress && !b.group(1).distress);
    }

    #[test]
    fn bad_weather_raises_the_hazard_of_its_mode_for_its_turns() {
        let mut b = Bench::mini();
        at_turn(&mut b, 3);
        b.run(fire_injects);
        assert_eq!(
            b.resource::<Conditions>().weather,
            vec![WeatherSpell {
                mode: Mode::Sea,
                extra_hazard: 20,
                until: 3 + 2
            }]
        );
    }

    #[test]
    fn a_conditional_inject_fires_once_on_the_first_turn_its_condition_holds() {
        let mut b = Bench::mini();
        let (police, boss, rival) = (b.team("dest_police"), b.actor("boss"), b.actor("cap2"));
        at_turn(&mut b, 1);
        b.run(fire_injects);
        assert!(injects_told(&mut b, police).is_empty());

        b.set_actor(boss, |s| s.status = ActorStatus::Arrested);
        at_turn(&mut b, 2);
        b.run(fire_injects);
        assert_eq!(injects_told(&mut b, police)[0].0, "rival");
        assert_eq!(b.actor_state(rival).status, ActorStatus::Active);
        assert_eq!(b.resource::<InjectLog>().fired[2], Some(2));

        at_turn(&mut b, 5);
        b.run(fire_injects);
        assert!(
            !injects_told(&mut b, police)
                .iter()
                .any(|(id, _, _)| id == "rival")
        );
    }

    #[test]
    fn conditions_on_roles_actors_capability_metrics_and_turns() {
        let b = Bench::mini();
        let setup = b.setup();
        let boss = setup.actor("boss").expect("the organiser");
        let mut statuses = vec![ActorStatus::Active; setup.actors.len()];
        let mut tally = Tally::default();
        let capability = Capability {
            start: 1000,
            now: 400,
        };
        let check = |c: &Condition, turn, statuses: &[ActorStatus], tally: &Tally| {
            holds(c, turn, setup, statuses, tally, &capability)
        };
        let organiser = Condition::RoleArrested(Role::Organiser);
        assert!(!check(&organiser, 1, &statuses, &tally));
        statuses[boss] = ActorStatus::Convicted;
        assert!(check(&organiser, 1, &statuses, &tally));
        assert!(check(
            &Condition::ActorArrested("boss".into()),
            1,
            &statuses,
            &tally
        ));
        assert!(check(&Condition::CapabilityBelow(50), 1, &statuses, &tally));
        assert!(!check(
            &Condition::CapabilityBelow(40),
            1,
            &statuses,
            &tally
        ));
        let arrests = Condition::MetricAtLeast(Metric::Arrested.key().into(), 2);
        assert!(!check(&arrests, 1, &statuses, &tally));
        tally.total.arrested = 2;
        assert!(check(&arrests, 1, &statuses, &tally));
        let later = Condition::AfterTurn(4, Box::new(arrests));
        assert!(!check(&later, 3, &statuses, &tally));
        assert!(check(&later, 4, &statuses, &tally));
    }

    #[test]
    fn the_white_cell_fires_a_scenario_inject_live_with_its_words_or_sends_free_text() {
        let mut b = Bench::mini();
        let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
        at_turn(&mut b, 1);
        b.resource::<PendingInput>().0.live = vec![
            LiveInject {
                inject: Some("storm".into()),
                text: "Winds force 9.".into(),
                to: Vec::new(),
            },
            LiveInject {
                inject: None,
                text: "Call the duty prosecutor.".into(),
                to: vec!["dest_police".into()],
            },
        ];
        b.run(fire_injects);
        assert_eq!(
            injects_told(&mut b, oria),
            vec![(
                "storm".to_string(),
                "Winds force 9.".to_string(),
                Vec::new()
            )]
        );
        assert!(
            !b.told(oria)
                .iter()
                .any(|e| matches!(e, Event::WhiteCell { .. }))
        );
        assert!(b.told(dest).iter().any(
            |e| matches!(e, Event::WhiteCell { text } if text == "Call the duty prosecutor.")
        ));
        assert_eq!(b.resource::<InjectLog>().fired[0], Some(1));
        assert_eq!(b.resource::<Conditions>().weather.len(), 1);
    }

    #[test]
    fn an_inject_reveals_a_group_to_its_teams_records_deaths_and_puts_pressure_on_a_route() {
        let mut b = Bench::mini_with(|s| {
            s.scenario.injects.push(Inject {
                id: "hotline".into(),
                title: "A call to the hotline".into(),
                trigger: Trigger::Turn(2),
                to: vec!["dest_police".into()],
                message: "A caller reports people crammed in a lorry; two were found dead at a lay-by; the press is on the route.".into(),
                admissible: false,
                effects: vec![
                    Effect::RevealGroup("sea".into()),
                    Effect::Deaths {
                        route: "land".into(),
                        people: 2,
                    },
                    Effect::RoutePressure {
                        route: "land".into(),
                        pressure: 60,
                    },
                ],
            })
        });
        let land = b.setup().route("land").expect("the land route");
        let sea = b.setup().route("sea").expect("the sea route");
        at_turn(&mut b, 2);
        let lives_before = b.resource::<Tally>().total.lives_lost;
        let pressure_before = b.resource::<Network>().route_pressure[land];
        b.run(fire_injects);
        let (told, other) = (b.team("dest_police"), b.team("trans_cg"));
        let met: Vec<Option<RouteIx>> =
            b.knowledge(told).groups.values().map(|g| g.route).collect();
        assert!(met.contains(&Some(sea)), "{met:?}");
        assert!(b.knowledge(told).routes.contains(&sea));
        assert!(
            b.knowledge(other)
                .groups
                .values()
                .all(|g| g.route != Some(sea) || g.met_on != 2),
            "only the teams the inject goes to learn of the group"
        );
        assert_eq!(b.resource::<Tally>().total.lives_lost, lives_before + 2);
        assert_eq!(
            b.resource::<Network>().route_pressure[land],
            pressure_before + 60
        );
    }

    #[test]
    fn a_credible_report_names_the_exploited_group_and_a_referral_on_it_protects_victims() {
        use crate::engine::TargetRef;
        use crate::engine::systems::victims::resolve_victim_care;
        use crate::scenario::ActionKind;
        let mut b = Bench::mini_with(|s| {
            s.scenario.injects.push(Inject {
                id: "hotline".into(),
                title: "A relative calls the hotline".into(),
                trigger: Trigger::Turn(2),
                to: vec!["dest_police".into()],
                message: "A worker's brother says they are locked in at night and owe the boss."
                    .into(),
                admissible: false,
                effects: vec![Effect::ReportVictims("land".into())],
            })
        });
        let (dest, other) = (b.team("dest_police"), b.team("trans_police"));
        // The land group, trafficked, held by the keeper where they arrived.
        let keeper = b.actor("keeper");
        b.set_group(1, |g| {
            g.status = GroupStatus::Exploited;
            g.leg = 2;
            g.handlers.push(keeper);
        });
        at_turn(&mut b, 2);
        b.run(fire_injects);
        let seq = 1;
        assert!(
            b.knowledge(dest)
                .groups
                .get(&seq)
                .is_some_and(|g| g.reported)
        );
        assert!(!b.knowledge(other).groups.contains_key(&seq));
        assert_eq!(
            b.resource::<Tally>().total.victims_identified,
            0,
            "a report alone identifies no one"
        );

        b.next_turn();
        b.order(dest, ActionKind::Referral, TargetRef::Group(seq));
        b.run(resolve_victim_care);
        let g = b.group(seq);
        assert_eq!(g.status, GroupStatus::Protected);
        assert!(g.identified);
        let c = b.resource::<Tally>().teams[dest].clone();
        assert_eq!(
            (c.victims_identified, c.victims_referred, c.people_sheltered),
            (12, 12, 0)
        );
    }

    /// The mini world with an inject that, at the end of turn 2, takes the
    /// entry offence out of Transia's law.
    fn law_reform(s: &mut crate::engine::setup::Setup) {
        s.scenario.injects.push(Inject {
            id: "reform".into(),
            title: "Transia repeals its entry offence".into(),
            trigger: Trigger::Turn(2),
            to: Vec::new(),
            message: "Parliament repeals the offence of entering without leave.".into(),
            admissible: false,
            effects: vec![Effect::ChangeLaw {
                country: "trans".into(),
                change: crate::scenario::LawChange::IrregularEntryOffence(false),
            }],
        });
    }

    #[test]
    fn a_change_of_law_is_in_force_from_its_inject_in_the_rules_a_restore_and_the_views() {
        const TRANS: usize = 1;
        let mut b = Bench::mini_with(law_reform);
        assert!(b.setup().countries[TRANS].law.irregular_entry_offence);
        at_turn(&mut b, 1);
        b.run(fire_injects);
        assert!(
            b.setup().countries[TRANS].law.irregular_entry_offence,
            "not yet"
        );
        at_turn(&mut b, 2);
        b.run(fire_injects);
        assert!(!b.setup().countries[TRANS].law.irregular_entry_offence);
        let snap = b.engine().snapshot();

        // Against the scenario's own setup, as a replay restores the state.
        let scenario = Bench::mini_with(law_reform).setup().clone();
        assert!(scenario.countries[TRANS].law.irregular_entry_offence);
        let mut restored =
            crate::engine::Engine::restore(scenario.clone(), 1, snap.clone()).expect("restores");
        assert!(
            !restored.setup().countries[TRANS]
                .law
                .irregular_entry_offence
        );
        assert_eq!(restored.snapshot(), snap);
        let imm = b.team("trans_immigration");
        let view = crate::view::team_view(
            &scenario,
            crate::engine::rules::Handles::Seeded(1),
            &snap,
            imm,
        );
        assert!(!view.law.irregular_entry_offence);
    }

    #[test]
    fn an_exposed_member_is_named_to_every_agency_of_their_country_and_a_closed_route_rests() {
        let mut b = Bench::mini_with(|s| {
            s.scenario.injects.push(Inject {
                id: "leak".into(),
                title: "A leak".into(),
                trigger: Trigger::Turn(2),
                to: Vec::new(),
                message: "A forger is named in the press; the land route goes quiet.".into(),
                admissible: false,
                effects: vec![
                    Effect::Expose("forger".into()),
                    Effect::CloseRoute {
                        route: "land".into(),
                        turns: 3,
                    },
                ],
            })
        });
        let forger = b.actor("forger");
        let land = b.setup().route("land").expect("the land route");
        at_turn(&mut b, 2);
        b.run(fire_injects);
        for id in ["trans_cg", "trans_police", "trans_immigration"] {
            let t = b.team(id);
            let know = b.knowledge(t);
            assert!(know.actors[&forger].identified, "{id}");
            // A press report is a lead: intelligence, not evidence.
            assert_eq!(know.evidence_total(forger), 2, "{id}");
            assert_eq!(know.admissible_total(forger), 0, "{id}");
        }
        let dest = b.team("dest_police");
        assert!(!b.knowledge(dest).actors.contains_key(&forger));
        assert_eq!(b.resource::<Network>().route_closed_until[land], 2 + 3);
    }
}
