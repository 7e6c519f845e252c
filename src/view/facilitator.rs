//! The White Cell's view: the whole truth of the exercise as plain data, for
//! the exercise-control console and, later, the debrief viewer.
//!
//! Only the White Cell sees this; no team screen may be built from it.

use super::words::{indicator_words, spelt};
use crate::scenario::{Indicator, Metric, Mode, Role, TieKind};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::setup::{ActorIx, RouteIx, Setup, TeamIx};
use crate::engine::state::{ActorStatus, GroupStatus};
use crate::engine::{Snapshot, TurnOutcome};
use crate::scenario::{Condition, Trigger};

/// A network member as they really are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorTruth {
    pub id: String,
    pub name: String,
    pub alias: Option<String>,
    #[serde(with = "spelt")]
    pub role: Role,
    pub organiser: bool,
    pub country: String,
    /// Index of the country in the scenario's list, for stable layouts.
    pub country_ix: usize,
    pub place: Option<String>,
    #[serde(with = "spelt")]
    pub status: ActorStatus,
    /// Working for the network now (not dormant, arrested, convicted or fled).
    pub working: bool,
    /// Held, convicted or gone: no longer a threat this turn.
    pub removed: bool,
    pub dormant: bool,
    /// Heat: how much the member senses the investigation (0–100).
    pub alert: u32,
    /// Avoiding phones and meetings this turn.
    pub dark: bool,
    /// The team holding them, by name.
    pub custody: Option<String>,
    /// Someone has taken over this member's work.
    pub replaced: bool,
}

/// A live tie between two members, by index into `actors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieTruth {
    pub a: usize,
    pub b: usize,
    #[serde(with = "spelt")]
    pub kind: TieKind,
    pub strength: u32,
}

/// One leg of a route as the White Cell sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegTruth {
    pub from: String,
    pub to: String,
    #[serde(with = "spelt")]
    pub mode: Mode,
    pub turns: u32,
    pub hazard: u32,
}

/// A route with the pressure on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteTruth {
    pub id: String,
    pub name: String,
    pub legs: Vec<LegTruth>,
    /// Law-enforcement pressure felt on the route.
    pub pressure: u32,
    /// The network avoids the route this turn.
    pub closed: bool,
    /// What a seat costs now, with the risk the network has learnt there.
    #[serde(default)]
    pub price: u64,
    /// People who arrived at the end of the route so far.
    #[serde(default)]
    pub moved: u32,
    /// A candidate route the network has not opened yet.
    #[serde(default)]
    pub unopened: bool,
}

/// A migrant group and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTruth {
    pub id: String,
    pub size: u32,
    #[serde(with = "spelt")]
    pub status: GroupStatus,
    /// The group is still moving or waiting to move along its route.
    pub on_route: bool,
    /// Index of the route in `FacilitatorView::routes`.
    pub route: RouteIx,
    /// The stop the group is at or last left (0 = the first place).
    pub stop: usize,
    /// Between `stop` and the next one.
    pub moving: bool,
    /// Where the group is, in words.
    pub position: String,
    /// Trafficking indicators among them (the truth, screened or not).
    #[serde(with = "indicator_words")]
    pub indicators: Vec<Indicator>,
    pub identified: bool,
    pub distress: bool,
    pub lost: u32,
    pub custody: Option<String>,
}

/// One team's state at the table: session data passed in by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatStatus {
    pub ready: bool,
    pub queued: usize,
    /// The orders the team has queued this turn.
    #[serde(default)]
    pub orders: Vec<crate::engine::orders::Order>,
    /// A bot plays the seat.
    pub bot: bool,
}

/// A team as exercise control sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamTruth {
    pub id: String,
    pub name: String,
    pub country: String,
    pub ready: bool,
    pub queued: usize,
    /// The queued orders in words: action and target as the truth names them.
    pub orders: Vec<String>,
    pub bot: bool,
    pub capacity: u32,
}

/// An inject of the scenario's MSEL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectTruth {
    pub id: String,
    pub title: String,
    /// When it is scheduled, in words.
    pub trigger: String,
    /// Recipients by team name; empty means every team.
    pub to: Vec<String>,
    pub message: String,
    /// The turn it fired, if it has.
    pub fired: Option<u32>,
}

/// Everything the White Cell sees at the start of a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorView {
    pub scenario: String,
    /// The turn being planned.
    pub turn: u32,
    pub turns: u32,
    pub date: String,
    pub countries: Vec<String>,
    pub actors: Vec<ActorTruth>,
    pub ties: Vec<TieTruth>,
    pub routes: Vec<RouteTruth>,
    pub groups: Vec<GroupTruth>,
    pub teams: Vec<TeamTruth>,
    pub injects: Vec<InjectTruth>,
    /// Network capability left, in permille of its start.
    pub capability: i64,
    /// The exercise-wide metrics of each committed turn, oldest first.
    pub history: Vec<BTreeMap<String, i64>>,
}

impl FacilitatorView {
    /// One metric over the committed turns, oldest first (0 where missing).
    pub fn series(&self, metric: Metric) -> Vec<i64> {
        self.history
            .iter()
            .map(|m| m.get(metric.key()).copied().unwrap_or(0))
            .collect()
    }

    /// The latest value of a metric (0 before the first turn).
    pub fn latest(&self, metric: Metric) -> i64 {
        self.history
            .last()
            .and_then(|m| m.get(metric.key()).copied())
            .unwrap_or(0)
    }
}

fn condition_text(c: &Condition) -> String {
    match c {
        Condition::RoleArrested(r) => format!("when a {} is arrested", r.label()),
        Condition::ActorArrested(a) => format!("when {a} is arrested"),
        Condition::CapabilityBelow(p) => format!("when capability < {p}%"),
        Condition::MetricAtLeast(m, v) => format!("when {m} ≥ {v}"),
        Condition::AfterTurn(t, inner) => format!("after T{t}, {}", condition_text(inner)),
    }
}

/// An order in words for exercise control: the action and its target by the
/// scenario's names (a person the team has not identified shows its handle).
pub fn order_label(setup: &Setup, order: &crate::engine::orders::Order) -> String {
    use crate::engine::orders::Target;
    let action = setup
        .action(order.action)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| format!("{:?}", order.action));
    let target = match &order.target {
        Target::Nothing => String::new(),
        Target::Actor(id) => setup
            .actor(id)
            .map(|a| setup.actors[a].name.clone())
            .unwrap_or_else(|| id.clone()),
        Target::Team(id) => setup
            .team(id)
            .map(|t| setup.teams[t].name.clone())
            .unwrap_or_else(|| id.clone()),
        Target::Route(id) => setup
            .route(id)
            .map(|r| setup.routes[r].name.clone())
            .unwrap_or_else(|| id.clone()),
        Target::Group(id) => format!("group {id}"),
        Target::Place(id) => setup
            .place(id)
            .map(|p| setup.places[p].name.clone())
            .unwrap_or_else(|| id.clone()),
    };
    if target.is_empty() {
        action
    } else {
        format!("{action} \u{2192} {target}")
    }
}

/// Build the White Cell's view of the truth. `seats` holds each team's
/// readiness and queued orders, by team index (session data, not state).
pub fn facilitator_view(
    setup: &Setup,
    snap: &Snapshot,
    outcomes: &[TurnOutcome],
    seats: &[SeatStatus],
) -> FacilitatorView {
    let turn = snap.turn + 1;
    let team_name = |t: TeamIx| setup.teams.get(t.index()).map(|x| x.name.clone());
    let actors = setup
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let st = snap.actors.get(i);
            let status = st.map(|s| s.status).unwrap_or(ActorStatus::Dormant);
            ActorTruth {
                id: a.id.clone(),
                name: a.name.clone(),
                alias: a.alias.clone(),
                role: a.role,
                organiser: a.role == crate::scenario::Role::Organiser,
                country: setup.countries[st.map_or(a.country, |s| s.country(a))]
                    .name
                    .clone(),
                country_ix: st.map_or(a.country.index(), |s| s.country(a).index()),
                place: setup
                    .scenario
                    .actors
                    .get(i)
                    .filter(|_| st.and_then(|s| s.abroad).is_none())
                    .and_then(|x| x.place.as_ref())
                    .and_then(|p| setup.places.iter().find(|pl| &pl.id == p))
                    .map(|pl| pl.name.clone()),
                status,
                working: status.working(),
                removed: matches!(
                    status,
                    ActorStatus::Arrested
                        | ActorStatus::Convicted
                        | ActorStatus::Fled
                        | ActorStatus::Suspended
                ),
                dormant: status == ActorStatus::Dormant,
                alert: st.map(|s| s.alert).unwrap_or(0),
                dark: st.is_some_and(|s| s.is_dark(turn)),
                custody: st.and_then(|s| s.custody).and_then(team_name),
                replaced: st.is_some_and(|s| s.replaced),
            }
        })
        .collect();
    let mut ties = Vec::new();
    for (a, list) in snap.network.ties.iter().enumerate() {
        for t in list.iter().filter(|t| t.other > ActorIx(a)) {
            ties.push(TieTruth {
                a,
                b: t.other.index(),
                kind: t.kind,
                strength: t.strength,
            });
        }
    }
    let routes = setup
        .routes
        .iter()
        .enumerate()
        .map(|(r, route)| RouteTruth {
            id: route.id.clone(),
            name: route.name.clone(),
            legs: route
                .legs
                .iter()
                .map(|l| LegTruth {
                    from: setup.places[l.from].name.clone(),
                    to: setup.places[l.to].name.clone(),
                    mode: l.mode,
                    turns: l.turns,
                    hazard: l.hazard,
                })
                .collect(),
            pressure: snap.network.route_pressure.get(r).copied().unwrap_or(0),
            price: crate::engine::systems::passage::price_now(
                route.price,
                snap.network.route_risk.get(r).copied().unwrap_or(0),
            ),
            moved: snap.network.moved_by_route.get(r).copied().unwrap_or(0),
            unopened: !snap.network.in_use(setup, RouteIx(r)),
            closed: snap
                .network
                .route_closed_until
                .get(r)
                .is_some_and(|&u| u >= turn),
        })
        .collect();
    let groups = snap
        .groups
        .iter()
        .map(|g| {
            let legs = setup.routes.get(g.route.index()).map(|r| r.legs.as_slice());
            let legs = legs.unwrap_or(&[]);
            let leg = g.leg as usize;
            let place = |stop: usize| -> String {
                if stop == 0 {
                    legs.first().map(|l| setup.places[l.from].name.clone())
                } else {
                    legs.get(stop - 1).map(|l| setup.places[l.to].name.clone())
                }
                .unwrap_or_default()
            };
            let (stop, moving, position) = match g.status {
                GroupStatus::Recruited => (0, false, format!("waiting at {}", place(0))),
                GroupStatus::InTransit if leg < legs.len() => (
                    leg,
                    true,
                    format!(
                        "{} → {} by {}",
                        place(leg),
                        place(leg + 1),
                        format!("{:?}", legs[leg].mode).to_lowercase()
                    ),
                ),
                _ => {
                    let stop = leg.min(legs.len());
                    (stop, false, format!("at {}", place(stop)))
                }
            };
            GroupTruth {
                id: g.id.clone(),
                size: g.size,
                status: g.status,
                on_route: matches!(g.status, GroupStatus::Recruited | GroupStatus::InTransit),
                route: g.route,
                stop,
                moving,
                position,
                indicators: g.indicators.clone(),
                identified: g.identified,
                distress: g.distress,
                lost: g.lost,
                custody: g.custody.and_then(team_name),
            }
        })
        .collect();
    let teams = setup
        .teams
        .iter()
        .enumerate()
        .map(|(t, info)| {
            let seat = seats.get(t);
            TeamTruth {
                id: info.id.clone(),
                name: info.name.clone(),
                country: setup.countries[info.country].name.clone(),
                ready: seat.is_some_and(|s| s.ready),
                queued: seat.map(|s| s.queued).unwrap_or(0),
                orders: seat
                    .map(|s| s.orders.iter().map(|o| order_label(setup, o)).collect())
                    .unwrap_or_default(),
                bot: seat.is_some_and(|s| s.bot),
                capacity: info.capacity,
            }
        })
        .collect();
    let injects = setup
        .scenario
        .injects
        .iter()
        .enumerate()
        .map(|(i, inj)| InjectTruth {
            id: inj.id.clone(),
            title: inj.title.clone(),
            trigger: match &inj.trigger {
                Trigger::Turn(t) => format!("end of T{t}"),
                Trigger::When(c) => condition_text(c),
            },
            to: inj
                .to
                .iter()
                .map(|id| {
                    setup
                        .team(id)
                        .and_then(team_name)
                        .unwrap_or_else(|| id.clone())
                })
                .collect(),
            message: inj.message.clone(),
            fired: snap.injects.fired.get(i).copied().flatten(),
        })
        .collect();
    FacilitatorView {
        scenario: setup.scenario.title.clone(),
        turn,
        turns: setup.scenario.turns,
        date: setup.date_of_turn(turn),
        countries: setup.countries.iter().map(|c| c.name.clone()).collect(),
        actors,
        ties,
        routes,
        groups,
        teams,
        injects,
        capability: snap.capability.permille(),
        history: outcomes.iter().map(|o| o.metrics.metrics.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    fn session() -> Session {
        crate::session::tutorial(None)
    }

    #[test]
    fn the_truth_holds_every_member_tie_group_and_inject() {
        let mut s = session();
        for _ in 0..3 {
            for t in TeamIx::all(s.setup().teams.len()) {
                let orders = s.bot_orders(t, crate::bots::Policy::Baseline);
                s.set_orders(t, orders);
            }
            s.commit().unwrap_or_else(|e| panic!("{e}"));
        }
        let seats: Vec<SeatStatus> = (0..3)
            .map(|t| SeatStatus {
                ready: t == 1,
                queued: t,
                orders: Vec::new(),
                bot: false,
            })
            .collect();
        let v = facilitator_view(s.setup(), s.snapshot(), s.outcomes(), &seats);
        assert_eq!(v.turn, 4);
        assert_eq!(v.actors.len(), 12);
        assert_eq!(v.ties.len(), 17);
        assert!(v.ties.iter().all(|t| t.a < t.b));
        assert_eq!(v.groups.len(), s.snapshot().groups.len());
        assert!(v.groups.iter().all(|g| g.route < RouteIx(v.routes.len())));
        assert_eq!(v.history.len(), 3);
        assert_eq!(v.series(Metric::NetworkCapability).len(), 3);
        assert!(v.teams[1].ready && !v.teams[0].ready);
        assert_eq!(v.teams[2].queued, 2);
        // The tip-off is scheduled for the end of turn 2.
        let tip = v.injects.iter().find(|i| i.id == "fisherman_tip_off");
        assert_eq!(tip.and_then(|i| i.fired), Some(2));
        let organiser = v.actors.iter().find(|a| a.organiser);
        assert_eq!(organiser.map(|a| a.name.as_str()), Some("Rahim Chowdhury"));
    }
}
