//! Cooperation across borders: informal sharing, mutual legal assistance,
//! joint investigation teams, notices, liaison officers, joint action days.

use bevy_ecs::prelude::*;

use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::knowledge::{
    ActorIntel, Channel, Evidence, Knowledge, MessageKind, Source, TeamKnowledge,
};
use crate::engine::metrics::Tally;
use crate::engine::rules::known_name;
use crate::engine::setup::{ActorIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Cooperation, Jit, MlaRequest, Network, Operation, TargetRef,
};
use crate::scenario::ActionKind;

const KINDS: [ActionKind; 7] = [
    ActionKind::ShareIntel,
    ActionKind::MlaRequest,
    ActionKind::JitProposal,
    ActionKind::JitAccept,
    ActionKind::RedNotice,
    ActionKind::PurpleNotice,
    ActionKind::LiaisonPosting,
];

/// Turns a joint investigation team runs once formed.
pub const JIT_TURNS: u32 = 26;
/// Turns a proposal for a joint team stays open.
pub const PROPOSAL_TURNS: u32 = 6;

/// Copy what one team holds on a person into another team's files.
fn pass_on(
    from: &TeamKnowledge,
    to: &mut TeamKnowledge,
    actor: ActorIx,
    source: Source,
    channel: Channel,
    turn: u32,
) -> u32 {
    let mut passed = 0;
    if let Some(intel) = from.actors.get(&actor) {
        to.learn_actor(
            actor,
            ActorIntel {
                source,
                held: false,
                first_turn: turn,
                ..intel.clone()
            },
        );
        passed += 1;
    }
    for (&(a, b), kind) in from
        .ties
        .range((actor, 0)..=(actor, usize::MAX))
        .chain(from.ties.iter().filter(|((_, b), _)| *b == actor))
    {
        let other = if a == actor { b } else { a };
        if let Some(intel) = from.actors.get(&other) {
            if !to.actors.contains_key(&other) {
                passed += 1;
            }
            to.learn_actor(
                other,
                ActorIntel {
                    source,
                    held: false,
                    first_turn: turn,
                    ..intel.clone()
                },
            );
        }
        to.learn_tie(a, b, *kind);
    }
    if let Some(items) = from.evidence.get(&actor) {
        for e in items.iter().filter(|e| e.channel == Channel::Domestic) {
            let copy = Evidence {
                channel,
                ..e.clone()
            };
            let have = to.evidence.get(&actor).is_some_and(|v| v.contains(&copy));
            if !have {
                to.add_evidence(actor, copy);
            }
        }
    }
    passed
}

/// Deliver sharing, requests, proposals, notices and postings ordered this turn.
#[allow(clippy::too_many_arguments)]
pub fn deliver_cooperation(
    setup: Res<Setup>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    states: Query<&mut ActorState>,
    mut coop: ResMut<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        let me = op.team;
        let my_name = setup.teams[me].name.clone();
        match (op.kind, op.target) {
            (ActionKind::ShareIntel, TargetRef::Team(to)) => {
                let Some(actor) = op.about else { continue };
                let in_jit = coop.in_jit(me, to, turn);
                let channel = if in_jit {
                    Channel::Jit
                } else {
                    Channel::Informal
                };
                let source = if in_jit {
                    Source::Jit(me)
                } else {
                    Source::Shared(me)
                };
                let from = knowledge.0[me].clone();
                let name = known_name(&setup, &from, actor);
                pass_on(&from, &mut knowledge.0[to], actor, source, channel, turn);
                tally.add(Some(me), |c| c.intel_shared += 1);
                knowledge.0[me].shared.insert((actor, to), turn);
                let to_name = setup.teams[to].name.clone();
                let their_name = known_name(&setup, &knowledge.0[to], actor);
                let note = if in_jit {
                    "through the joint team: admissible"
                } else {
                    "intelligence only, not admissible in court"
                };
                knowledge.0[to].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("{my_name} shares what it holds on {their_name} ({note})."),
                );
                knowledge.0[me].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("Shared the file on {name} with {to_name}."),
                );
            }
            (ActionKind::MlaRequest, TargetRef::Team(to)) => {
                let Some(actor) = op.about else { continue };
                let delay = setup.countries[setup.teams[to].country]
                    .law
                    .mla_delay
                    .max(1);
                coop.mla.push(MlaRequest {
                    from: me,
                    to,
                    about: actor,
                    sent: turn,
                    due: turn + delay,
                });
                tally.add(Some(me), |c| c.mla_requests += 1);
                let name = known_name(&setup, &knowledge.0[me], actor);
                let to_name = setup.teams[to].name.clone();
                knowledge.0[me].tell(turn, MessageKind::Cooperation, format!("MLA request to {to_name} on {name} sent; a reply is expected in about {delay} turns."));
                let their_name = known_name(&setup, &knowledge.0[to], actor);
                knowledge.0[to].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("MLA request received from {my_name} concerning {their_name}."),
                );
            }
            (ActionKind::JitProposal, TargetRef::Team(to)) => {
                coop.proposals.retain(|&(f, t, _)| !(f == me && t == to));
                coop.proposals.push((me, to, turn));
                let to_name = setup.teams[to].name.clone();
                knowledge.0[to].tell(turn, MessageKind::Cooperation, format!("{my_name} proposes a joint investigation team; accept it to exchange leads and evidence directly."));
                knowledge.0[me].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("Joint investigation team proposed to {to_name}."),
                );
            }
            (ActionKind::JitAccept, TargetRef::Team(from)) => {
                let open = coop.proposals.iter().position(|&(f, t, when)| {
                    f == from && t == me && when + PROPOSAL_TURNS >= turn
                });
                let from_name = setup.teams[from].name.clone();
                match open {
                    Some(i) => {
                        coop.proposals.remove(i);
                        if !coop.in_jit(me, from, turn) {
                            coop.jits.push(Jit {
                                a: from.min(me),
                                b: from.max(me),
                                formed: turn,
                                until: turn + JIT_TURNS,
                            });
                            tally.total.jits_formed += 1;
                            for t in [me, from] {
                                if let Some(c) = tally.teams.get_mut(t) {
                                    c.jits_formed += 1;
                                }
                            }
                        }
                        knowledge.0[me].tell(turn, MessageKind::Cooperation, format!("Joint investigation team with {from_name} formed for {JIT_TURNS} turns."));
                        knowledge.0[from].tell(turn, MessageKind::Cooperation, format!("{my_name} accepted: joint investigation team formed for {JIT_TURNS} turns."));
                    }
                    None => knowledge.0[me].tell(
                        turn,
                        MessageKind::Refused,
                        format!("No open proposal of a joint team from {from_name}."),
                    ),
                }
            }
            (ActionKind::RedNotice, TargetRef::Actor(actor)) => {
                coop.red_notices.push((actor, me));
                let state = actor_state(&states, &roster, actor);
                let strength = knowledge.0[me].evidence_total(actor);
                let country = setup.actors[actor].country;
                for t in 0..setup.teams.len() {
                    if t == me {
                        continue;
                    }
                    let know = &mut knowledge.0[t];
                    know.learn_actor(
                        actor,
                        sighting(&setup, actor, state, turn, Source::Notice, true, true, 60),
                    );
                    // Where the person is, the notice carries the case for a provisional arrest.
                    if setup.teams[t].country == country && strength > 0 {
                        know.add_evidence(
                            actor,
                            Evidence {
                                strength,
                                channel: Channel::Informal,
                                jurisdiction: setup.teams[me].country,
                                source: Source::Notice,
                                turn,
                            },
                        );
                    }
                    let name = known_name(&setup, know, actor);
                    know.tell(turn, MessageKind::Cooperation, format!("Red notice from {my_name}: locate and arrest {name} with a view to extradition."));
                }
                let name = known_name(&setup, &knowledge.0[me], actor);
                knowledge.0[me].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("Red notice issued for {name}."),
                );
            }
            (ActionKind::PurpleNotice, TargetRef::Actor(actor)) => {
                let role = setup.actors[actor].role;
                let route = setup.actors[actor].route;
                for (t, know) in knowledge.0.iter_mut().enumerate() {
                    if t == me {
                        continue;
                    }
                    if let Some(r) = route {
                        know.routes.insert(r);
                    }
                    let mut fact =
                        sighting(&setup, actor, None, turn, Source::Notice, false, true, 40);
                    fact.status = None;
                    know.learn_actor(actor, fact);
                    let how = route
                        .map(|r| setup.routes[r].name.clone())
                        .unwrap_or_else(|| "several routes".into());
                    know.tell(turn, MessageKind::Cooperation, format!("Purple notice from {my_name}: modus operandi of a {} working the {how}.", role.label()));
                }
                knowledge.0[me].tell(turn, MessageKind::Cooperation, "Purple notice issued.");
            }
            (ActionKind::LiaisonPosting, TargetRef::Team(to)) => {
                if !coop.liaison(me, to) {
                    coop.liaisons.push((me, to));
                }
                let to_name = setup.teams[to].name.clone();
                knowledge.0[me].tell(turn, MessageKind::Cooperation, format!("Liaison officer posted with {to_name}: a standing channel for intelligence."));
                knowledge.0[to].tell(
                    turn,
                    MessageKind::Cooperation,
                    format!("{my_name} posts a liaison officer with you."),
                );
            }
            _ => {}
        }
    }
}

/// Replies to mutual legal assistance requests arrive when due, as evidence a
/// court admits.
pub fn answer_mla_requests(
    setup: Res<Setup>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&mut ActorState>,
    mut coop: ResMut<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let mut due: Vec<MlaRequest> = coop.mla.iter().filter(|r| r.due == turn).cloned().collect();
    coop.mla.retain(|r| r.due != turn);
    due.sort_by_key(|r| (r.from, r.to, r.about, r.sent));
    for req in due {
        let requested = setup.teams[req.to].country;
        let from = knowledge.0[req.to].clone();
        let know = &mut knowledge.0[req.from];
        pass_on(
            &from,
            know,
            req.about,
            Source::Mla(req.to),
            Channel::Mla,
            turn,
        );
        // Intelligence that came informally from that country is now formalised.
        let mut formalised = 0;
        if let Some(items) = know.evidence.get_mut(&req.about) {
            for e in items.iter_mut() {
                if e.channel == Channel::Informal && e.jurisdiction == requested {
                    e.channel = Channel::Mla;
                    formalised += e.strength;
                }
            }
        }
        // The requested authorities also execute the request: records, statements.
        let here = setup.actors[req.about].country == requested
            && actor_state(&states, &roster, req.about)
                .is_some_and(|s| s.status != ActorStatus::Dormant);
        if here {
            know.add_evidence(
                req.about,
                Evidence {
                    strength: 2,
                    channel: Channel::Mla,
                    jurisdiction: requested,
                    source: Source::Mla(req.to),
                    turn,
                },
            );
        }
        let name = known_name(&setup, know, req.about);
        let by = setup.teams[req.to].name.clone();
        let text = match (here, formalised) {
            (false, 0) => format!(
                "MLA reply from {by} on {name}: the authorities hold nothing on this person."
            ),
            (_, _) => format!(
                "MLA reply from {by} on {name}: records and statements received as admissible evidence{}.",
                if formalised > 0 {
                    format!("; earlier intelligence formalised (+{formalised})")
                } else {
                    String::new()
                }
            ),
        };
        know.tell(turn, MessageKind::Cooperation, text);
    }
}

/// Members of a joint team exchange leads and evidence directly every turn.
pub fn exchange_in_joint_teams(
    setup: Res<Setup>,
    clock: Res<Clock>,
    coop: Res<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let mut jits: Vec<Jit> = coop
        .jits
        .iter()
        .filter(|j| j.until >= turn)
        .cloned()
        .collect();
    jits.sort_by_key(|j| (j.a, j.b, j.formed));
    for j in jits {
        for (from, to) in [(j.a, j.b), (j.b, j.a)] {
            let src = knowledge.0[from].clone();
            let mut persons: Vec<ActorIx> = src.evidence.keys().copied().collect();
            persons.extend(src.actors.keys().copied());
            persons.sort_unstable();
            persons.dedup();
            for a in persons {
                pass_on(
                    &src,
                    &mut knowledge.0[to],
                    a,
                    Source::Jit(from),
                    Channel::Jit,
                    turn,
                );
            }
        }
        if j.until == turn {
            let (a, b) = (setup.teams[j.a].name.clone(), setup.teams[j.b].name.clone());
            knowledge.0[j.a].tell(
                turn,
                MessageKind::Cooperation,
                format!("The joint investigation team with {b} ends this turn."),
            );
            knowledge.0[j.b].tell(
                turn,
                MessageKind::Cooperation,
                format!("The joint investigation team with {a} ends this turn."),
            );
        }
    }
}

/// Arrests of linked members by teams of several countries in one turn make a
/// joint action day: the network could not warn itself between them.
pub fn count_joint_action_days(
    setup: Res<Setup>,
    network: Res<Network>,
    coop: Res<Cooperation>,
    mut tally: ResMut<Tally>,
) {
    let arrests = &coop.arrests_this_turn;
    let mut countries: Vec<usize> = arrests
        .iter()
        .map(|&(t, _)| setup.teams[t].country)
        .collect();
    countries.sort_unstable();
    countries.dedup();
    if countries.len() < 2 {
        return;
    }
    let linked = arrests.iter().any(|&(t1, a1)| {
        arrests.iter().any(|&(t2, a2)| {
            setup.teams[t1].country != setup.teams[t2].country
                && network.ties[a1]
                    .iter()
                    .any(|t| t.other == a2 || network.ties[a2].iter().any(|u| u.other == t.other))
        })
    });
    if linked {
        tally.total.joint_action_days += 1;
        let mut teams: Vec<TeamIx> = arrests.iter().map(|&(t, _)| t).collect();
        teams.sort_unstable();
        teams.dedup();
        for t in teams {
            if let Some(c) = tally.teams.get_mut(t) {
                c.joint_action_days += 1;
            }
        }
    }
}
