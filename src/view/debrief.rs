//! The debrief's views of a recorded turn: what each team ordered and was
//! told, what fired, and how a team's picture compared with the truth.
//!
//! Like the White Cell's view, these hold the truth: they are for trainers
//! looking back over a run, never for a team's screen during play.

use super::words::spelt;
use crate::engine::state::ActorStatus;
use crate::scenario::Role;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{MessageView, order_label};
use crate::engine::knowledge::MessageKind;
use crate::engine::orders::TurnInput;
use crate::engine::rules::known_name;
use crate::engine::setup::{ActorIx, Setup, TeamIx};
use crate::engine::{Snapshot, TurnOutcome};

/// One team's part in a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamTurn {
    pub id: String,
    pub name: String,
    pub country: String,
    /// The orders the team gave, in words, targets by their real names.
    pub orders: Vec<String>,
    /// What the team was told during the turn, oldest first: outcomes,
    /// refusals, court, cooperation, alerts and liaison (injects are listed
    /// once for the whole turn, in [`TurnReport::injects`]).
    pub messages: Vec<MessageView>,
}

/// An inject or White Cell message that went out during a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredInject {
    /// The inject's title, or `White Cell message` for free text.
    pub title: String,
    pub message: String,
    /// Recipients by team name; empty means every team.
    pub to: Vec<String>,
    /// Fired by exercise control during play, not by the scenario's schedule.
    pub live: bool,
}

/// Everything that happened in one committed turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnReport {
    pub turn: u32,
    pub date: String,
    /// Every team, in scenario order.
    pub teams: Vec<TeamTurn>,
    pub injects: Vec<FiredInject>,
    /// Liaison messages sent this turn: `from → to: text`, by team names.
    pub liaison: Vec<String>,
    /// The exercise-wide metrics after the turn.
    pub metrics: BTreeMap<String, i64>,
}

/// The report of one turn. `after` is the state after the turn, `input` what
/// the teams and exercise control gave it, `outcome` what the engine returned.
pub fn turn_report(
    setup: &Setup,
    after: &Snapshot,
    input: &TurnInput,
    outcome: &TurnOutcome,
) -> TurnReport {
    let turn = outcome.turn;
    let team_name = |id: &str| {
        setup
            .team(id)
            .map(|t| setup.teams[t].name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let teams = setup
        .teams
        .iter()
        .enumerate()
        .map(|(t, info)| TeamTurn {
            id: info.id.clone(),
            name: info.name.clone(),
            country: setup.countries[info.country].name.clone(),
            orders: input
                .orders
                .iter()
                .filter(|o| o.team == info.id)
                .map(|o| {
                    let about = o.about.as_deref().and_then(|id| setup.actor(id));
                    match about {
                        Some(a) => {
                            format!("{} about {}", order_label(setup, o), setup.actors[a].name)
                        }
                        None => order_label(setup, o),
                    }
                })
                .collect(),
            messages: after
                .knowledge
                .0
                .get(t)
                .map(|k| {
                    k.messages
                        .iter()
                        .filter(|m| m.turn == turn && m.kind() != MessageKind::Inject)
                        .map(|m| MessageView {
                            turn: m.turn,
                            kind: m.kind(),
                            text: m.text().to_string(),
                            event: None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let live_ids: Vec<&str> = input
        .live
        .iter()
        .filter_map(|l| l.inject.as_deref())
        .collect();
    let mut injects: Vec<FiredInject> = setup
        .scenario
        .injects
        .iter()
        .zip(&after.injects.fired)
        .filter(|(_, fired)| **fired == Some(turn))
        .map(|(inj, _)| FiredInject {
            title: inj.title.clone(),
            message: inj.message.clone(),
            to: inj.to.iter().map(|id| team_name(id)).collect(),
            live: live_ids.contains(&inj.id.as_str()),
        })
        .collect();
    injects.extend(
        input
            .live
            .iter()
            .filter(|l| l.inject.is_none())
            .map(|l| FiredInject {
                title: "White Cell message".to_string(),
                message: l.text.clone(),
                to: l.to.iter().map(|id| team_name(id)).collect(),
                live: true,
            }),
    );
    let liaison = input
        .liaison
        .iter()
        .map(|l| format!("{} → {}: {}", team_name(&l.from), team_name(&l.to), l.text))
        .collect();
    TurnReport {
        turn,
        date: setup.date_of_turn(turn),
        teams,
        injects,
        liaison,
        metrics: outcome.metrics.metrics.clone(),
    }
}

/// A network member the team had no file on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownMember {
    pub name: String,
    #[serde(with = "spelt")]
    pub role: Role,
    pub country: String,
    #[serde(with = "spelt")]
    pub status: ActorStatus,
    pub organiser: bool,
}

/// A member the team had a file on, where the file and the truth part ways.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Misread {
    /// The member's real name.
    pub name: String,
    /// How the team's file names them (a handle until identified).
    pub known_as: String,
    /// What the file got wrong or did not have, in words.
    pub what: String,
}

/// What a team knew against what was so, at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeGap {
    pub team: String,
    /// Network members in the truth, and how many the team had a file on.
    pub members: usize,
    pub members_known: usize,
    /// Of those on file, how many by their real name.
    pub identified: usize,
    /// Members with no file, still-working organisers first.
    pub unknown: Vec<UnknownMember>,
    /// Files that part from the truth: status wrong or not known, not yet identified.
    pub misread: Vec<Misread>,
    /// Live ties between members, and how many of them the team knew.
    pub ties: usize,
    pub ties_known: usize,
    /// Migrant groups so far, and how many the team had met.
    pub groups: usize,
    pub groups_known: usize,
    /// People in the groups the team never met.
    pub people_unseen: u32,
    pub routes: usize,
    pub routes_known: usize,
}

/// Compare one team's knowledge with the truth in a state.
pub fn knowledge_gap(setup: &Setup, snap: &Snapshot, team: TeamIx) -> KnowledgeGap {
    let info = &setup.teams[team];
    let know = &snap.knowledge.0[team];
    let mut unknown = Vec::new();
    let mut misread = Vec::new();
    for (a, actor) in setup.actors.iter().enumerate() {
        let truth = snap.actors.get(a).map(|s| s.status);
        let a = ActorIx(a);
        let status = truth.unwrap_or(ActorStatus::Dormant);
        let organiser = actor.role == crate::scenario::Role::Organiser;
        match know.actors.get(&a) {
            None => unknown.push(UnknownMember {
                name: actor.name.clone(),
                role: actor.role,
                country: setup.countries[actor.country].name.clone(),
                status,
                organiser,
            }),
            Some(intel) => {
                let mut what = Vec::new();
                if !intel.identified {
                    what.push("not identified".to_string());
                }
                match intel.status {
                    Some(s) if Some(s) != truth => {
                        what.push(format!("thought {}, was {status}", s.label()))
                    }
                    None => what.push(format!("status not known (was {status})")),
                    _ => {}
                }
                if !what.is_empty() {
                    misread.push(Misread {
                        name: actor.name.clone(),
                        known_as: known_name(setup, know, a),
                        what: what.join("; "),
                    });
                }
            }
        }
    }
    // Working organisers matter most, then anyone still working.
    unknown.sort_by_key(|m| (m.status != ActorStatus::Active, !m.organiser));
    let ties: usize = snap.network.ties.iter().map(Vec::len).sum::<usize>() / 2;
    let ties_known = know
        .ties
        .keys()
        .filter(|(a, b)| {
            snap.network
                .ties
                .get((*a).index())
                .is_some_and(|l| l.iter().any(|t| t.other == *b))
        })
        .count();
    let people_unseen = snap
        .groups
        .iter()
        .filter(|g| !know.groups.contains_key(&g.seq))
        .map(|g| g.size)
        .sum();
    KnowledgeGap {
        team: info.name.clone(),
        members: setup.actors.len(),
        members_known: know.actors.len(),
        identified: know.actors.values().filter(|i| i.identified).count(),
        unknown,
        misread,
        ties,
        ties_known,
        groups: snap.groups.len(),
        groups_known: snap
            .groups
            .iter()
            .filter(|g| know.groups.contains_key(&g.seq))
            .count(),
        people_unseen,
        routes: setup.routes.len(),
        routes_known: know.routes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    /// The tutorial after `turns` turns of baseline bots, with each turn's orders.
    fn played(turns: u32) -> (Session, Vec<TurnInput>) {
        let mut s = crate::session::tutorial(None);
        let mut inputs = Vec::new();
        for _ in 0..turns {
            let mut input = TurnInput::default();
            for t in TeamIx::all(s.setup().teams.len()) {
                let orders = s.bot_orders(t, crate::bots::Policy::Baseline);
                s.set_orders(t, orders);
                input.orders.extend(s.queued(t).iter().cloned());
            }
            s.commit().unwrap_or_else(|e| panic!("{e}"));
            inputs.push(input);
        }
        (s, inputs)
    }

    #[test]
    fn a_turn_report_holds_the_orders_and_what_came_of_them() {
        let (s, inputs) = played(2);
        let out = &s.outcomes()[1];
        let r = turn_report(s.setup(), s.snapshot(), &inputs[1], out);
        assert_eq!(r.turn, 2);
        assert_eq!(r.teams.len(), 3);
        let given: usize = r.teams.iter().map(|t| t.orders.len()).sum();
        assert_eq!(given, inputs[1].orders.len());
        assert!(
            r.teams
                .iter()
                .flat_map(|t| &t.messages)
                .all(|m| m.turn == 2 && m.kind != MessageKind::Inject)
        );
        // The tutorial's tip-off is scheduled for the end of turn 2.
        assert!(r.injects.iter().any(|i| !i.live), "{:?}", r.injects);
        assert_eq!(r.metrics, out.metrics.metrics);
        // Every team orders something in the first turn, in words.
        let (s, inputs) = played(1);
        let r = turn_report(s.setup(), s.snapshot(), &inputs[0], &s.outcomes()[0]);
        assert!(
            r.teams.iter().all(|t| !t.orders.is_empty()),
            "{:?}",
            r.teams
        );
        assert!(r.teams[0].orders.iter().any(|o| o.contains("→")));
    }

    #[test]
    fn the_gap_counts_what_the_team_did_not_know() {
        let (s, _) = played(3);
        let g = knowledge_gap(s.setup(), s.snapshot(), TeamIx(0));
        assert_eq!(g.members, s.setup().actors.len());
        assert_eq!(g.members_known + g.unknown.len(), g.members);
        assert!(g.identified <= g.members_known);
        assert!(g.ties_known <= g.ties);
        assert!(g.groups_known <= g.groups);
        assert!(g.routes_known <= g.routes);
        assert!(
            !g.unknown.is_empty(),
            "three turns in, some members are unknown"
        );
    }
}
