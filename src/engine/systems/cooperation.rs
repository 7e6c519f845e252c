//! Cooperation across borders: informal sharing, mutual legal assistance,
//! joint investigation teams, notices, liaison officers, joint action days.

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::events::{Event, GroupTag};
use crate::engine::knowledge::{ActorIntel, Channel, Evidence, Knowledge, Source, TeamKnowledge};
use crate::engine::metrics::Tally;
use crate::engine::setup::{ActorIx, Setup, TeamIx};
use crate::engine::state::{
    ActorState, ActorStatus, Clock, Cooperation, Group, GroupStatus, Jit, MlaRequest, Network,
    Operation, TargetRef,
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
    groups: Query<&Group>,
    mut coop: ResMut<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let mut groups: Vec<&Group> = groups.iter().collect();
    groups.sort_by_key(|g| g.seq);
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        let me = op.team;
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
                let person = from.person(&setup, actor);
                pass_on(&from, &mut knowledge.0[to], actor, source, channel, turn);
                tally.add(Some(me), |c| c.intel_shared += 1);
                knowledge.0[me].shared.insert((actor, to), turn);
                let theirs = knowledge.0[to].person(&setup, actor);
                knowledge.0[to].tell(
                    &setup,
                    turn,
                    Event::IntelReceived {
                        from: me,
                        person: theirs,
                        through_joint_team: in_jit,
                    },
                );
                knowledge.0[me].tell(&setup, turn, Event::IntelShared { person, with: to });
                // The file on a recruiter points to where the people they sent are held.
                let here = setup.teams[to].country;
                for g in groups.iter() {
                    let ends_here = setup.routes[g.route]
                        .legs
                        .last()
                        .is_some_and(|l| setup.places[l.to].country == Some(here));
                    let known = knowledge.0[to].groups.contains_key(&g.seq);
                    if g.status == GroupStatus::Exploited
                        && g.recruiter == Some(actor)
                        && ends_here
                        && !known
                    {
                        meet_group(&mut knowledge.0[to], g, turn);
                        knowledge.0[to].tell(
                            &setup,
                            turn,
                            Event::FileLeadsToWorksite {
                                group: GroupTag {
                                    seq: g.seq,
                                    id: g.id.clone(),
                                },
                            },
                        );
                    }
                }
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
                let person = knowledge.0[me].person(&setup, actor);
                knowledge.0[me].tell(&setup, turn, Event::MlaSent { to, person, delay });
                let theirs = knowledge.0[to].person(&setup, actor);
                knowledge.0[to].tell(
                    &setup,
                    turn,
                    Event::MlaReceived {
                        from: me,
                        person: theirs,
                    },
                );
            }
            (ActionKind::JitProposal, TargetRef::Team(to)) => {
                coop.proposals.retain(|&(f, t, _)| !(f == me && t == to));
                coop.proposals.push((me, to, turn));
                knowledge.0[to].tell(&setup, turn, Event::JitProposalReceived { from: me });
                knowledge.0[me].tell(&setup, turn, Event::JitProposed { to });
            }
            (ActionKind::JitAccept, TargetRef::Team(from)) => {
                let open = coop.proposals.iter().position(|&(f, t, when)| {
                    f == from && t == me && when + PROPOSAL_TURNS >= turn
                });
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
                        knowledge.0[me].tell(
                            &setup,
                            turn,
                            Event::JitFormed {
                                with: from,
                                turns: JIT_TURNS,
                            },
                        );
                        knowledge.0[from].tell(
                            &setup,
                            turn,
                            Event::JitAccepted {
                                by: me,
                                turns: JIT_TURNS,
                            },
                        );
                    }
                    None => knowledge.0[me].tell(&setup, turn, Event::NoJitProposal { from }),
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
                    let person = know.person(&setup, actor);
                    know.tell(&setup, turn, Event::RedNoticeReceived { from: me, person });
                }
                let person = knowledge.0[me].person(&setup, actor);
                knowledge.0[me].tell(&setup, turn, Event::RedNoticeIssued { person });
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
                    know.tell(
                        &setup,
                        turn,
                        Event::PurpleNoticeReceived {
                            from: me,
                            role,
                            route,
                        },
                    );
                }
                knowledge.0[me].tell(&setup, turn, Event::PurpleNoticeIssued);
            }
            (ActionKind::LiaisonPosting, TargetRef::Team(to)) => {
                if !coop.liaison(me, to) {
                    coop.liaisons.push((me, to));
                }
                knowledge.0[me].tell(&setup, turn, Event::LiaisonPosted { with: to });
                knowledge.0[to].tell(&setup, turn, Event::LiaisonHosted { from: me });
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
        let person = know.person(&setup, req.about);
        know.tell(
            &setup,
            turn,
            Event::MlaReply {
                from: req.to,
                person,
                executed: here,
                formalised,
            },
        );
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
            knowledge.0[j.a].tell(&setup, turn, Event::JitEnds { with: j.b });
            knowledge.0[j.b].tell(&setup, turn, Event::JitEnds { with: j.a });
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
