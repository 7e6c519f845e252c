//! The network's own turn: it hears warnings, goes dark, flees, replaces the
//! members it lost, insulates its organisers, and recruits.

use bevy_ecs::prelude::*;

use super::Roster;
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::{ActorIx, Setup};
use crate::engine::state::{ActorState, ActorStatus, Clock, Group, GroupStatus, LiveTie, Network};
use crate::scenario::{Indicator, Role, TieKind};

/// Alert above which a member may go dark.
pub const DARK_ALERT: u32 = 50;
/// Alert above which a cautious member may flee.
pub const FLEE_ALERT: u32 = 85;

/// Warnings reach members: heat rises, cells go dark, the cautious flee.
pub fn warn_network(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
) {
    let turn = clock.turn;
    let mut warnings = std::mem::take(&mut network.tip_offs);
    warnings.sort_unstable();
    for (actor, level) in warnings {
        let Some(&e) = roster.0.get(actor) else {
            continue;
        };
        let Ok(mut s) = states.get_mut(e) else {
            continue;
        };
        s.alert = (s.alert + level).min(100);
    }
    for (i, info) in setup.actors.iter().enumerate() {
        let Some(&e) = roster.0.get(i) else { continue };
        let Ok(mut s) = states.get_mut(e) else {
            continue;
        };
        if s.status != ActorStatus::Active {
            if s.status == ActorStatus::Fled && s.returns_at.is_some_and(|r| r <= turn) {
                s.status = ActorStatus::Active;
                s.returns_at = None;
                s.alert = 40;
            }
            continue;
        }
        if s.alert >= DARK_ALERT && !s.is_dark(turn) {
            let mut d = seed.draw(turn, Purpose::GoDark, i as u64, 0);
            if d.chance(info.caution) {
                s.dark_until = turn + 2 + d.below(3);
            }
        }
        if s.alert >= FLEE_ALERT && info.caution >= 60 {
            let mut d = seed.draw(turn, Purpose::GoDark, i as u64, 1);
            if d.chance(info.caution - 50) {
                s.status = ActorStatus::Fled;
                s.vacant_since = Some(turn);
                s.replaced = false;
                s.returns_at = Some(turn + 6 + d.below(6));
            }
        }
        s.alert = s.alert.saturating_sub(8);
    }
}

/// Percent chance per turn that a vacant role is filled, by role: aides paid
/// per task are easy to replace; organisers and brokers are not.
pub fn replacement_odds(role: Role) -> u32 {
    match role {
        Role::BoatCaptain | Role::Transporter => 55,
        Role::Recruiter | Role::SafeHouseKeeper | Role::Enforcer => 40,
        Role::DocumentForger => 30,
        Role::MoneyBroker | Role::CorruptOfficial => 20,
        Role::Organiser => 5,
    }
}

/// The network fills the places of members it has lost, from its reserves or by
/// a contact taking on the work, when it still has the means.
pub fn replace_members(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    mut states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
) {
    let turn = clock.turn;
    let statuses = super::statuses(&roster, |e| states.get(e).ok());
    let organisers_free = setup
        .actors
        .iter()
        .enumerate()
        .any(|(i, a)| a.role == Role::Organiser && statuses[i] == ActorStatus::Active);
    for (i, info) in setup.actors.iter().enumerate() {
        let Some(&e) = roster.0.get(i) else { continue };
        let Ok(s) = states.get(e) else { continue };
        let vacant = matches!(
            s.status,
            ActorStatus::Arrested | ActorStatus::Convicted | ActorStatus::Fled
        ) && !s.replaced
            && s.vacant_since.is_some_and(|v| v < turn);
        if !vacant {
            continue;
        }
        let mut odds = replacement_odds(info.role);
        if !organisers_free {
            odds /= 2;
        }
        if !seed.chance(turn, Purpose::Replace, i as u64, 0, odds) {
            continue;
        }
        // A reserve of the same role, on the same route or in the same country.
        let reserve = setup.actors.iter().enumerate().find(|(j, r)| {
            r.role == info.role
                && r.reserve
                && statuses[*j] == ActorStatus::Dormant
                && (r.route == info.route || r.country == info.country)
        });
        match reserve {
            Some((j, _)) => {
                let inherited: Vec<LiveTie> = network.ties[i]
                    .iter()
                    .filter(|t| t.other != j)
                    .map(|t| LiveTie {
                        strength: t.strength * 3 / 4,
                        ..*t
                    })
                    .collect();
                for t in inherited {
                    link(&mut network.ties, j, t.other, t.kind, t.strength);
                }
                if let Ok(mut r) = states.get_mut(roster.0[j]) {
                    r.status = ActorStatus::Active;
                }
                if let Ok(mut s) = states.get_mut(e) {
                    s.replaced = true;
                }
            }
            None if info.role != Role::Organiser => {
                if let Ok(mut s) = states.get_mut(e) {
                    s.replaced = true;
                    s.absorbed = true;
                }
            }
            None => {}
        }
    }
}

/// Add or strengthen a tie in both directions, keeping lists sorted.
pub fn link(ties: &mut [Vec<LiveTie>], a: ActorIx, b: ActorIx, kind: TieKind, strength: u32) {
    for (x, y) in [(a, b), (b, a)] {
        let list = &mut ties[x];
        match list.binary_search_by_key(&y, |t| t.other) {
            Ok(k) => list[k].strength = list[k].strength.max(strength),
            Err(k) => list.insert(
                k,
                LiveTie {
                    other: y,
                    kind,
                    strength,
                },
            ),
        }
    }
}

/// Under pressure, organisers put distance between themselves and the people
/// who touch the migrants: their direct ties to aides weaken.
pub fn insulate_organisers(
    setup: Res<Setup>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut network: ResMut<Network>,
) {
    let _ = clock.turn;
    for (i, info) in setup.actors.iter().enumerate() {
        if info.role != Role::Organiser {
            continue;
        }
        let Some(s) = roster.0.get(i).and_then(|e| states.get(*e).ok()) else {
            continue;
        };
        if s.status != ActorStatus::Active || s.alert < 30 {
            continue;
        }
        let aides: Vec<ActorIx> = network.ties[i]
            .iter()
            .filter(|t| {
                !matches!(
                    setup.actors[t.other].role,
                    Role::Organiser | Role::MoneyBroker
                )
            })
            .map(|t| t.other)
            .collect();
        for other in aides {
            for (x, y) in [(i, other), (other, i)] {
                if let Ok(k) = network.ties[x].binary_search_by_key(&y, |t| t.other) {
                    let t = &mut network.ties[x][k];
                    t.strength = t.strength.saturating_sub(10).max(5);
                }
            }
        }
    }
}

/// How exposed an organiser is: the strength of their direct ties to aides.
pub fn organiser_exposure(setup: &Setup, network: &Network, organiser: ActorIx) -> u32 {
    network.ties[organiser]
        .iter()
        .filter(|t| {
            !matches!(
                setup.actors[t.other].role,
                Role::Organiser | Role::MoneyBroker
            )
        })
        .map(|t| t.strength)
        .sum()
}

/// Whether a route has the people it needs to move groups: a boat captain for
/// the sea, a transporter on land, a forger for the air.
pub fn route_crewed(
    setup: &Setup,
    statuses: &dyn Fn(ActorIx) -> ActorStatus,
    route: usize,
    leg: usize,
) -> bool {
    let Some(l) = setup.routes[route].legs.get(leg) else {
        return true;
    };
    let need = match l.mode {
        crate::scenario::Mode::Sea => Role::BoatCaptain,
        crate::scenario::Mode::Land => Role::Transporter,
        crate::scenario::Mode::Air => Role::DocumentForger,
    };
    let mut any_of_role = false;
    for (i, a) in setup.actors.iter().enumerate() {
        if a.role == need && (a.route.is_none() || a.route == Some(route)) {
            any_of_role = true;
            if statuses(i) == ActorStatus::Active {
                return true;
            }
        }
    }
    // A scenario that never staffs the role does not stall the route.
    !any_of_role
}

/// The network recruits new groups, choosing the route under least pressure,
/// and people returned without support may be recruited again.
#[allow(clippy::too_many_arguments)]
pub fn recruit_groups(
    mut commands: Commands,
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&ActorState>,
    mut network: ResMut<Network>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let status = |i: ActorIx| {
        roster
            .0
            .get(i)
            .and_then(|e| states.get(*e).ok())
            .map(|s| s.status)
            .unwrap_or(ActorStatus::Dormant)
    };
    for (n, rec) in setup.scenario.recruitment.iter().enumerate() {
        let Some(planned) = setup.route(&rec.route) else {
            continue;
        };
        if rec.every == 0 || !(turn.saturating_sub(1)).is_multiple_of(rec.every) {
            continue;
        }
        let origin = setup.routes[planned].origin_country;
        let recruiter = setup.actors.iter().enumerate().find(|(i, a)| {
            a.role == Role::Recruiter
                && Some(a.country) == origin
                && a.route.is_none_or(|r| r == planned)
                && status(*i) == ActorStatus::Active
        });
        let Some((recruiter, _)) = recruiter else {
            continue;
        };
        let mut d = seed.draw(turn, Purpose::Recruit, n as u64, 0);
        let prevention = origin.is_some_and(|c| {
            network
                .prevention_until
                .iter()
                .any(|&(pc, until)| pc == c && until >= turn)
        });
        if prevention && d.chance(50) {
            continue;
        }
        // Displacement: a watched route loses its traffic to a quieter one from the same origin.
        let mut route = planned;
        // A route runs only when it is open and every leg has its crew.
        let runs = |r: usize, net: &Network| {
            net.route_closed_until[r] < turn
                && (0..setup.routes[r].legs.len()).all(|leg| route_crewed(&setup, &status, r, leg))
        };
        let alternatives: Vec<usize> = (0..setup.routes.len())
            .filter(|&r| {
                r != planned && setup.routes[r].origin_country == origin && runs(r, &network)
            })
            .collect();
        if let Some(&alt) = alternatives
            .iter()
            .min_by_key(|&&r| (network.route_pressure[r], r))
        {
            let pressure = network.route_pressure[planned];
            if !runs(planned, &network)
                || (pressure >= 40 && network.route_pressure[alt] + 30 <= pressure && d.chance(75))
            {
                route = alt;
            }
        }
        if !runs(route, &network) {
            continue;
        }
        let mut indicators = Vec::new();
        let mut t = seed.draw(turn, Purpose::Trafficked, n as u64, 0);
        if t.chance(rec.trafficking_share) {
            indicators.push(Indicator::Deception);
            indicators.push(Indicator::DebtBondage);
            if t.chance(50) {
                indicators.push(Indicator::ConfiscatedDocuments);
            }
            if t.chance(15) {
                indicators.push(Indicator::Minors);
            }
        }
        let seq = network.groups_created;
        network.groups_created += 1;
        commands.spawn(Group {
            seq,
            id: format!("{}-{turn:02}-{n}", setup.routes[route].id),
            size: rec.group_size,
            route,
            leg: 0,
            progress: 0,
            depart_turn: turn + 1,
            status: GroupStatus::Recruited,
            vulnerability: rec.vulnerability,
            indicators,
            recruiter: Some(recruiter),
            custody: None,
            held_since: 0,
            distress: false,
            lost: 0,
            identified: false,
            re_trafficked_from: None,
        });
    }
    let mut still = Vec::new();
    let at_risk = std::mem::take(&mut network.at_risk);
    for (k, r) in at_risk.into_iter().enumerate() {
        if turn > r.returned + super::victims::RISK_WINDOW {
            continue;
        }
        if turn > r.returned
            && seed.chance(
                turn,
                Purpose::Retraffic,
                k as u64,
                r.returned as u64,
                r.risk,
            )
        {
            let seq = network.groups_created;
            network.groups_created += 1;
            tally.add(None, |c| c.re_trafficked += i64::from(r.size));
            commands.spawn(Group {
                seq,
                id: format!("{}-again-{turn:02}", r.from_group),
                size: r.size,
                route: r.route,
                leg: 0,
                progress: 0,
                depart_turn: turn + 1,
                status: GroupStatus::Recruited,
                vulnerability: 80,
                indicators: r.indicators.clone(),
                recruiter: None,
                custody: None,
                held_since: 0,
                distress: false,
                lost: 0,
                identified: false,
                re_trafficked_from: Some(r.from_group.clone()),
            });
        } else {
            still.push(r);
        }
    }
    network.at_risk = still;
    for p in network.route_pressure.iter_mut() {
        *p = *p * 3 / 4;
    }
}
