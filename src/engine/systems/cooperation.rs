//! Cooperation across borders: informal sharing, mutual legal assistance,
//! joint investigation teams, notices, liaison officers, joint action days.

use bevy_ecs::prelude::*;

use super::investigate;
use super::maritime::meet_group;
use super::{Roster, actor_state, due_operations, sighting};
use crate::engine::events::{Event, GroupTag, MlaBar};
use crate::engine::knowledge::{
    ActorIntel, Channel, Crossing, Evidence, Knowledge, Source, TeamKnowledge,
};
use crate::engine::metrics::Tally;
use crate::engine::rng::Seed;
use crate::engine::rules::{criminalises, flags_to_ask};
use crate::engine::setup::{ActorIx, CountryIx, RouteIx, Setup, TeamIx};
use crate::engine::state::{
    ActionDay, ActorState, ActorStatus, BoardingRequest, Clock, Cooperation, FiuRequest, Group,
    GroupStatus, Jit, MlaRequest, Network, Operation, ProsecutionTransfer, TargetRef,
};
use crate::scenario::ActionKind;

const KINDS: [ActionKind; 17] = [
    ActionKind::ShareIntel,
    ActionKind::MlaRequest,
    ActionKind::FiuExchange,
    ActionKind::FiuConsent,
    ActionKind::ProsecutionRequest,
    ActionKind::JitProposal,
    ActionKind::JitAccept,
    ActionKind::ActionDayProposal,
    ActionKind::ActionDayAccept,
    ActionKind::BoardingConsentRequest,
    ActionKind::BoardingConsent,
    ActionKind::RedNotice,
    ActionKind::PurpleNotice,
    ActionKind::BlueNotice,
    ActionKind::GreenNotice,
    ActionKind::Diffusion,
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
        .range((actor, ActorIx(0))..=(actor, ActorIx(usize::MAX)))
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

/// Copy a team's whole file into another's, as [`pass_on`] does for each of
/// its persons; one pass over the ties, where one person at a time would
/// scan them all for each.
fn pass_on_all(
    from: &TeamKnowledge,
    to: &mut TeamKnowledge,
    source: Source,
    channel: Channel,
    turn: u32,
) {
    let on_file = |a: &ActorIx| from.actors.contains_key(a) || from.evidence.contains_key(a);
    for (&actor, intel) in &from.actors {
        to.learn_actor(
            actor,
            ActorIntel {
                source,
                held: false,
                first_turn: turn,
                ..intel.clone()
            },
        );
    }
    for (&(a, b), kind) in &from.ties {
        if on_file(&a) || on_file(&b) {
            to.learn_tie(a, b, *kind);
        }
    }
    pass_on_crossings(from, to, channel);
    for (&actor, items) in &from.evidence {
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
}

/// Copy the records of crossings a team's country took into another team's
/// files, by the channel they travel.
fn pass_on_crossings(from: &TeamKnowledge, to: &mut TeamKnowledge, channel: Channel) {
    for (&group, c) in &from.crossings {
        if c.channel == Channel::Domestic {
            to.record_crossing(group, Crossing { channel, ..*c });
        }
    }
}

/// One team's files to read and another's to write, without copying the
/// first: a turn's exchanges would otherwise clone whole files each time.
fn read_and_write(
    knowledge: &mut Knowledge,
    from: TeamIx,
    to: TeamIx,
    f: impl FnOnce(&TeamKnowledge, &mut TeamKnowledge),
) {
    use std::cmp::Ordering;
    match from.cmp(&to) {
        Ordering::Less => {
            let (low, high) = knowledge.0.split_at_mut(to.index());
            f(&low[from], &mut high[0]);
        }
        Ordering::Greater => {
            let (low, high) = knowledge.0.split_at_mut(from.index());
            f(&high[0], &mut low[to]);
        }
        Ordering::Equal => {
            let copy = knowledge.0[from].clone();
            f(&copy, &mut knowledge.0[to]);
        }
    }
}

/// What the cooperation rules read and change this turn.
struct Desk<'a> {
    setup: &'a Setup,
    turn: u32,
    coop: &'a mut Cooperation,
    knowledge: &'a mut Knowledge,
    tally: &'a mut Tally,
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
    let mut groups: Vec<&Group> = groups.iter().collect();
    groups.sort_by_key(|g| g.seq);
    let mut desk = Desk {
        setup: &setup,
        turn: clock.turn,
        coop: &mut coop,
        knowledge: &mut knowledge,
        tally: &mut tally,
    };
    for (_, op) in due_operations(ops.iter(), clock.turn, &KINDS) {
        let me = op.team;
        match (op.kind, op.target, op.about) {
            (ActionKind::ShareIntel, TargetRef::Team(to), Some(actor)) => {
                share_intel(&mut desk, me, to, actor, &groups)
            }
            (ActionKind::MlaRequest, TargetRef::Team(to), Some(actor)) => {
                request_mla(&mut desk, me, to, actor)
            }
            (ActionKind::FiuExchange, TargetRef::Team(to), Some(actor)) => {
                request_fiu(&mut desk, me, to, actor)
            }
            (ActionKind::FiuConsent, TargetRef::Team(to), _) => {
                consent_to_fiu_evidence(&mut desk, me, to)
            }
            (ActionKind::ProsecutionRequest, TargetRef::Actor(actor), _) => {
                request_prosecution(&mut desk, me, actor)
            }
            (ActionKind::JitProposal, TargetRef::Team(to), _) => propose_jit(&mut desk, me, to),
            (ActionKind::JitAccept, TargetRef::Team(from), _) => accept_jit(&mut desk, me, from),
            (ActionKind::ActionDayProposal, TargetRef::Team(to), _) => {
                propose_action_day(&mut desk, me, to, op.day)
            }
            (ActionKind::ActionDayAccept, TargetRef::Team(from), _) => {
                accept_action_day(&mut desk, me, from)
            }
            (ActionKind::BoardingConsentRequest, TargetRef::Route(route), _) => {
                ask_flag_states(&mut desk, me, route)
            }
            (ActionKind::BoardingConsent, TargetRef::Team(from), _) => {
                consent_to_boarding(&mut desk, me, from)
            }
            (ActionKind::RedNotice, TargetRef::Actor(actor), _) => {
                let state = actor_state(&states, &roster, actor);
                issue_red_notice(&mut desk, me, actor, state)
            }
            (ActionKind::PurpleNotice, TargetRef::Actor(actor), _) => {
                issue_purple_notice(&mut desk, me, actor)
            }
            (ActionKind::BlueNotice, TargetRef::Actor(actor), _) => {
                let state = actor_state(&states, &roster, actor);
                answer_blue_notice(&mut desk, me, actor, state)
            }
            (ActionKind::GreenNotice, TargetRef::Actor(actor), _) => {
                issue_green_notice(&mut desk, me, actor)
            }
            (ActionKind::Diffusion, TargetRef::Team(to), Some(actor)) => {
                let state = actor_state(&states, &roster, actor);
                send_diffusion(&mut desk, me, to, actor, state)
            }
            (ActionKind::LiaisonPosting, TargetRef::Team(to), _) => post_liaison(&mut desk, me, to),
            _ => {}
        }
    }
}

/// Sharing passes the team's file on a person to another team: as
/// intelligence only, unless the two work in a joint team, where it is
/// evidence. A recruiter's file also points the receiving country to the
/// worksites where the people that recruiter sent are held.
fn share_intel(desk: &mut Desk, me: TeamIx, to: TeamIx, actor: ActorIx, groups: &[&Group]) {
    let (setup, turn) = (desk.setup, desk.turn);
    let knowledge = &mut *desk.knowledge;
    let in_jit = desk.coop.in_jit(me, to, turn);
    // Agencies of one country work under one law for one court: what one
    // gathered stays evidence in the other's hands.
    let at_home = setup.teams[me].country == setup.teams[to].country;
    let channel = if in_jit {
        Channel::Jit
    } else if at_home {
        Channel::Domestic
    } else {
        Channel::Informal
    };
    let source = if in_jit {
        Source::Jit(me)
    } else {
        Source::Shared(me)
    };
    let person = knowledge.0[me].person(setup, actor);
    read_and_write(knowledge, me, to, |from, to| {
        pass_on(from, to, actor, source, channel, turn);
    });
    // The measure is of sharing across borders; agencies of one country
    // passing files to each other is their daily work.
    if setup.teams[me].country != setup.teams[to].country {
        desk.tally.add(Some(me), |c| c.intel_shared += 1);
    }
    knowledge.0[me].shared.insert((actor, to), turn);
    let theirs = knowledge.0[to].person(setup, actor);
    knowledge.0[to].tell(
        setup,
        turn,
        Event::IntelReceived {
            from: me,
            person: theirs,
            through_joint_team: in_jit,
        },
    );
    knowledge.0[me].tell(setup, turn, Event::IntelShared { person, with: to });
    let here = setup.teams[to].country;
    for g in groups {
        let ends_here = setup.routes[g.route].destination_country == Some(here);
        let known = knowledge.0[to].groups.contains_key(&g.seq);
        if g.status == GroupStatus::Exploited && g.recruiter == Some(actor) && ends_here && !known {
            meet_group(setup, &mut knowledge.0[to], g, turn);
            knowledge.0[to].tell(
                setup,
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

/// A request for mutual legal assistance goes to another country's
/// authorities and is answered after that country's delay (at least a turn).
fn request_mla(desk: &mut Desk, me: TeamIx, to: TeamIx, actor: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let delay = setup.countries[setup.teams[to].country]
        .law
        .mla_delay
        .max(1);
    desk.coop.mla.push(MlaRequest {
        from: me,
        to,
        about: actor,
        sent: turn,
        due: turn + delay,
    });
    desk.tally.add(Some(me), |c| c.mla_requests += 1);
    let knowledge = &mut *desk.knowledge;
    let person = knowledge.0[me].person(setup, actor);
    knowledge.0[me].tell(setup, turn, Event::MlaSent { to, person, delay });
    let theirs = knowledge.0[to].person(setup, actor);
    knowledge.0[to].tell(
        setup,
        turn,
        Event::MlaReceived {
            from: me,
            person: theirs,
        },
    );
}

/// A request to another country's financial intelligence unit goes unit
/// to unit and is answered the next turn.
fn request_fiu(desk: &mut Desk, me: TeamIx, to: TeamIx, actor: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    desk.coop.fiu.push(FiuRequest {
        from: me,
        to,
        about: actor,
        sent: turn,
        due: turn + 1,
    });
    let knowledge = &mut *desk.knowledge;
    let person = knowledge.0[me].person(setup, actor);
    knowledge.0[me].tell(setup, turn, Event::FiuSent { to, person });
    let theirs = knowledge.0[to].person(setup, actor);
    knowledge.0[to].tell(
        setup,
        turn,
        Event::FiuReceived {
            from: me,
            person: theirs,
        },
    );
}

/// A unit's consent holds for what it has sent the team and what it will
/// send: the pieces already received become evidence.
fn consent_to_fiu_evidence(desk: &mut Desk, me: TeamIx, to: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    if !desk.coop.fiu_consents.contains(&(me, to)) {
        desk.coop.fiu_consents.push((me, to));
    }
    let mut pieces = 0;
    for e in desk.knowledge.0[to].evidence.values_mut().flatten() {
        if e.source == Source::Fiu(me) && e.channel == Channel::Fiu {
            e.channel = Channel::FiuConsented;
            pieces += 1;
        }
    }
    desk.knowledge.0[me].tell(setup, turn, Event::FiuConsentGiven { to });
    desk.knowledge.0[to].tell(setup, turn, Event::FiuConsentReceived { from: me, pieces });
}

/// Asking the country where a person is to prosecute them sends the team's
/// admissible case file by MLA, arriving after that country's delay.
fn request_prosecution(desk: &mut Desk, me: TeamIx, actor: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let know = &mut desk.knowledge.0[me];
    let Some(country) = know.actors.get(&actor).and_then(|i| i.country) else {
        return;
    };
    let file: Vec<Evidence> = know
        .evidence
        .get(&actor)
        .map(|items| {
            items
                .iter()
                .filter(|e| e.channel.admissible())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let evidence = file.iter().map(|e| e.strength).sum();
    let crossings = know
        .crossings
        .iter()
        .filter(|(_, c)| c.channel.admissible())
        .map(|(&g, &c)| (g, c))
        .collect();
    desk.coop.transfers.push(ProsecutionTransfer {
        from: me,
        about: actor,
        country,
        sent: turn,
        due: turn + setup.countries[country].law.mla_delay.max(1),
        file,
        crossings,
    });
    desk.tally.add(Some(me), |c| c.mla_requests += 1);
    let person = know.person(setup, actor);
    know.tell(
        setup,
        turn,
        Event::ProsecutionRequested { person, evidence },
    );
}

/// A proposal for a joint team replaces any earlier one to the same team and
/// stays open for [`PROPOSAL_TURNS`].
fn propose_jit(desk: &mut Desk, me: TeamIx, to: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    desk.coop
        .proposals
        .retain(|&(f, t, _)| !(f == me && t == to));
    desk.coop.proposals.push((me, to, turn));
    desk.knowledge.0[to].tell(setup, turn, Event::JitProposalReceived { from: me });
    desk.knowledge.0[me].tell(setup, turn, Event::JitProposed { to });
}

/// Accepting an open proposal forms a joint team for [`JIT_TURNS`]; with no
/// open proposal from that team there is nothing to accept.
fn accept_jit(desk: &mut Desk, me: TeamIx, from: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let open = desk
        .coop
        .proposals
        .iter()
        .position(|&(f, t, when)| f == from && t == me && when + PROPOSAL_TURNS >= turn);
    let Some(i) = open else {
        desk.knowledge.0[me].tell(setup, turn, Event::NoJitProposal { from });
        return;
    };
    desk.coop.proposals.remove(i);
    let setup_turns = [me, from]
        .iter()
        .map(|&t| setup.countries[setup.teams[t].country].law.jit_setup)
        .max()
        .unwrap_or(0);
    let starts = turn + setup_turns;
    let agreed = desk
        .coop
        .jits
        .iter()
        .any(|j| j.until >= turn && (j.a, j.b) == (from.min(me), from.max(me)));
    if !agreed {
        desk.coop.jits.push(Jit {
            a: from.min(me),
            b: from.max(me),
            formed: turn,
            until: starts + JIT_TURNS,
            works_from: starts,
        });
        desk.tally.total.jits_formed += 1;
        for t in [me, from] {
            if let Some(c) = desk.tally.teams.get_mut(t.index()) {
                c.jits_formed += 1;
            }
        }
    }
    desk.knowledge.0[me].tell(
        setup,
        turn,
        Event::JitFormed {
            with: from,
            turns: JIT_TURNS,
            starts,
        },
    );
    desk.knowledge.0[from].tell(
        setup,
        turn,
        Event::JitAccepted {
            by: me,
            turns: JIT_TURNS,
            starts,
        },
    );
}

/// Turns between proposing a joint action day and the day itself: the
/// partner answers next turn and both strike the turn after.
pub const ACTION_DAY_NOTICE: u32 = 2;

/// A joint action day is proposed for the turn the order names, or else
/// [`ACTION_DAY_NOTICE`] turns ahead, replacing an earlier proposal to the
/// same team not yet agreed.
fn propose_action_day(desk: &mut Desk, me: TeamIx, to: TeamIx, named: Option<u32>) {
    let (setup, turn) = (desk.setup, desk.turn);
    let day = named.unwrap_or(turn + ACTION_DAY_NOTICE);
    desk.coop
        .action_days
        .retain(|d| d.agreed || !(d.proposer == me && d.partner == to));
    desk.coop.action_days.push(ActionDay {
        proposer: me,
        partner: to,
        day,
        agreed: false,
    });
    desk.knowledge.0[me].tell(setup, turn, Event::ActionDayProposed { to, day });
    desk.knowledge.0[to].tell(
        setup,
        turn,
        Event::ActionDayProposalReceived { from: me, day },
    );
}

/// Agreeing to an open proposal fixes the day for both; a day already
/// passed, or no proposal at all, leaves nothing to agree.
fn accept_action_day(desk: &mut Desk, me: TeamIx, from: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let open = desk
        .coop
        .action_days
        .iter_mut()
        .find(|d| !d.agreed && d.proposer == from && d.partner == me && d.day > turn);
    let Some(plan) = open else {
        desk.knowledge.0[me].tell(setup, turn, Event::NoActionDayProposal { from });
        return;
    };
    plan.agreed = true;
    let day = plan.day;
    desk.knowledge.0[me].tell(setup, turn, Event::ActionDayAgreed { with: from, day });
    desk.knowledge.0[from].tell(setup, turn, Event::ActionDayAgreed { with: me, day });
}

/// A coast guard asks each flag state whose vessels it could not board on
/// the route for consent. A flag state no team plays answers at once, as
/// its law says; one a team plays is asked, and its team answers.
fn ask_flag_states(desk: &mut Desk, me: TeamIx, route: RouteIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    for flag in flags_to_ask(setup, desk.coop, me, route) {
        let id = setup.countries[flag].id.clone();
        desk.knowledge.0[me].tell(
            setup,
            turn,
            Event::BoardingConsentRequested {
                route,
                flag: id.clone(),
            },
        );
        let theirs: Vec<TeamIx> = TeamIx::all(setup.teams.len())
            .filter(|&t| setup.teams[t].country == flag)
            .collect();
        if theirs.is_empty() {
            let event = if setup.countries[flag].law.boarding_consent {
                desk.coop.boarding_consents.push((me, flag, route));
                Event::BoardingConsentGiven { route, flag: id }
            } else {
                Event::BoardingConsentRefused { route, flag: id }
            };
            desk.knowledge.0[me].tell(setup, turn, event);
            continue;
        }
        desk.coop
            .boarding_requests
            .retain(|r| !(r.from == me && r.flag == flag && r.route == route));
        desk.coop.boarding_requests.push(BoardingRequest {
            from: me,
            flag,
            route,
            turn,
        });
        for t in theirs {
            desk.knowledge.0[t].tell(setup, turn, Event::BoardingConsentAsked { from: me, route });
        }
    }
}

/// A flag state's team consents to the open requests of a coast guard: for
/// the rest of the exercise it may board vessels of that flag on the route.
fn consent_to_boarding(desk: &mut Desk, me: TeamIx, from: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let flag = setup.teams[me].country;
    let open = |r: &BoardingRequest| r.from == from && r.flag == flag && r.open_on(turn);
    let answered: Vec<BoardingRequest> = desk
        .coop
        .boarding_requests
        .iter()
        .copied()
        .filter(open)
        .collect();
    if answered.is_empty() {
        desk.knowledge.0[me].tell(setup, turn, Event::NoBoardingRequest { from });
        return;
    }
    desk.coop.boarding_requests.retain(|r| !open(r));
    let id = setup.countries[flag].id.clone();
    for r in answered {
        if !desk.coop.may_board(from, flag, r.route) {
            desk.coop.boarding_consents.push((from, flag, r.route));
        }
        desk.knowledge.0[me].tell(
            setup,
            turn,
            Event::BoardingConsentGranted {
                to: from,
                route: r.route,
            },
        );
        desk.knowledge.0[from].tell(
            setup,
            turn,
            Event::BoardingConsentGiven {
                route: r.route,
                flag: id.clone(),
            },
        );
    }
}

/// A red notice names the wanted person to every other team; where the
/// person is, it carries the issuing team's case as intelligence, enough for
/// a provisional arrest.
fn issue_red_notice(desk: &mut Desk, me: TeamIx, actor: ActorIx, state: Option<&ActorState>) {
    let (setup, turn) = (desk.setup, desk.turn);
    desk.coop.red_notices.push((actor, me));
    let knowledge = &mut *desk.knowledge;
    let strength = knowledge.0[me].evidence_total(actor);
    let role_known = knowledge.0[me].knows_role(actor);
    let info = &setup.actors[actor];
    let country = state.map_or(info.country, |s| s.country(info));
    for t in TeamIx::all(setup.teams.len()) {
        if t == me {
            continue;
        }
        let know = &mut knowledge.0[t];
        let case = if setup.teams[t].country == country {
            strength
        } else {
            0
        };
        receive_wanted(setup, know, (me, case), (actor, role_known), state, turn);
        let person = know.person(setup, actor);
        know.tell(setup, turn, Event::RedNoticeReceived { from: me, person });
    }
    let person = knowledge.0[me].person(setup, actor);
    knowledge.0[me].tell(setup, turn, Event::RedNoticeIssued { person });
}

/// A team told that a person is wanted (by notice or diffusion) has them on
/// file by name, and by part where the sender knows it, and holds the
/// sender's case (`from`, strength) as intelligence: enough for a
/// provisional arrest, not for a court.
fn receive_wanted(
    setup: &Setup,
    know: &mut TeamKnowledge,
    (from, case): (TeamIx, u32),
    (actor, role_known): (ActorIx, bool),
    state: Option<&ActorState>,
    turn: u32,
) {
    know.learn_actor(
        actor,
        sighting(
            setup,
            actor,
            state,
            turn,
            Source::Notice,
            true,
            role_known,
            60,
        ),
    );
    if case > 0 {
        know.add_evidence(
            actor,
            Evidence {
                strength: case,
                channel: Channel::Informal,
                jurisdiction: setup.teams[from].country,
                source: Source::Notice,
                turn,
            },
        );
    }
}

/// A purple notice describes a method, not a person: every other team
/// learns the role and the route it works, without a name.
fn issue_purple_notice(desk: &mut Desk, me: TeamIx, actor: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let role = setup.actors[actor].role;
    let route = setup.actors[actor].route;
    for (t, know) in desk.knowledge.0.iter_mut().enumerate() {
        if TeamIx(t) == me {
            continue;
        }
        if let Some(r) = route {
            know.routes.insert(r);
        }
        let mut fact = sighting(setup, actor, None, turn, Source::Notice, false, true, 40);
        fact.status = None;
        know.learn_actor(actor, fact);
        know.tell(
            setup,
            turn,
            Event::PurpleNoticeReceived {
                from: me,
                role,
                route,
            },
        );
    }
    desk.knowledge.0[me].tell(setup, turn, Event::PurpleNoticeIssued);
}

/// A blue notice asks every country to locate a person and say who they
/// are. The country where the person is answers, from the files of the
/// first of its teams that has them on file: who they are (if it knows),
/// what part they play, where they live. A person no country at the table
/// has on file leaves no trace.
fn answer_blue_notice(desk: &mut Desk, me: TeamIx, actor: ActorIx, state: Option<&ActorState>) {
    let (setup, turn) = (desk.setup, desk.turn);
    let info = &setup.actors[actor];
    let country = state.map_or(info.country, |s| s.country(info));
    let knowledge = &mut *desk.knowledge;
    let answering = TeamIx::all(setup.teams.len()).find(|&t| {
        t != me && setup.teams[t].country == country && knowledge.0[t].actors.contains_key(&actor)
    });
    let Some(by) = answering else {
        let person = knowledge.0[me].person(setup, actor);
        knowledge.0[me].tell(setup, turn, Event::BlueNoticeAnswered { person, by: None });
        return;
    };
    let theirs = knowledge.0[by].actors[&actor].clone();
    let mut fact = sighting(
        setup,
        actor,
        state,
        turn,
        Source::Notice,
        theirs.identified,
        theirs.role.is_some(),
        70,
    );
    fact.place = theirs.place;
    let know = &mut knowledge.0[me];
    know.learn_actor(actor, fact);
    let person = know.person(setup, actor);
    know.tell(
        setup,
        turn,
        Event::BlueNoticeAnswered {
            person,
            by: Some(by),
        },
    );
    let person = knowledge.0[by].person(setup, actor);
    knowledge.0[by].tell(setup, turn, Event::BlueNoticeReceived { from: me, person });
}

/// A green notice warns every other team of a person's criminal
/// activities: they have the person on file, by name and part, as a lead;
/// it carries no case and asks for no arrest.
fn issue_green_notice(desk: &mut Desk, me: TeamIx, actor: ActorIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    let role_known = desk.knowledge.0[me].knows_role(actor);
    for (t, know) in desk.knowledge.0.iter_mut().enumerate() {
        if TeamIx(t) == me {
            continue;
        }
        let mut fact = sighting(
            setup,
            actor,
            None,
            turn,
            Source::Notice,
            true,
            role_known,
            50,
        );
        fact.status = None;
        know.learn_actor(actor, fact);
        let person = know.person(setup, actor);
        know.tell(setup, turn, Event::GreenNoticeReceived { from: me, person });
    }
    let person = desk.knowledge.0[me].person(setup, actor);
    desk.knowledge.0[me].tell(setup, turn, Event::GreenNoticeIssued { person });
}

/// A diffusion goes through INTERPOL's channels to one country's team,
/// with no channel of its own needed and no wait for a notice: the team
/// learns of the person and receives the case as intelligence, and, as
/// with a red notice, the sender hears of an arrest.
fn send_diffusion(
    desk: &mut Desk,
    me: TeamIx,
    to: TeamIx,
    actor: ActorIx,
    state: Option<&ActorState>,
) {
    let (setup, turn) = (desk.setup, desk.turn);
    if !desk.coop.red_notices.contains(&(actor, me)) {
        desk.coop.red_notices.push((actor, me));
    }
    let knowledge = &mut *desk.knowledge;
    let strength = knowledge.0[me].evidence_total(actor);
    let role_known = knowledge.0[me].knows_role(actor);
    let know = &mut knowledge.0[to];
    receive_wanted(
        setup,
        know,
        (me, strength),
        (actor, role_known),
        state,
        turn,
    );
    let person = know.person(setup, actor);
    know.tell(setup, turn, Event::DiffusionReceived { from: me, person });
    let person = knowledge.0[me].person(setup, actor);
    knowledge.0[me].tell(setup, turn, Event::DiffusionSent { to, person });
}

/// A liaison officer posted with another team opens a standing channel
/// between the two, once however often posted.
fn post_liaison(desk: &mut Desk, me: TeamIx, to: TeamIx) {
    let (setup, turn) = (desk.setup, desk.turn);
    if !desk.coop.liaison(me, to) {
        desk.coop.liaisons.push((me, to));
    }
    desk.knowledge.0[me].tell(setup, turn, Event::LiaisonPosted { with: to });
    desk.knowledge.0[to].tell(setup, turn, Event::LiaisonHosted { from: me });
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
    let mut due = take_due(&mut coop.mla, |r| r.due == turn);
    due.sort_by_key(|r| (r.from, r.to, r.about, r.sent));
    for req in due {
        let state = actor_state(&states, &roster, req.about);
        answer_mla(&setup, turn, &mut knowledge, &req, state);
    }
    let mut transfers = take_due(&mut coop.transfers, |r| r.due == turn);
    transfers.sort_by_key(|r| (r.from, r.about, r.sent));
    for t in transfers {
        let state = actor_state(&states, &roster, t.about);
        deliver_case_file(&setup, turn, &mut knowledge, &t, state);
    }
}

/// Take out of a queue the requests due now, leaving the rest in place.
fn take_due<T>(queue: &mut Vec<T>, due: impl Fn(&T) -> bool) -> Vec<T> {
    let (now, later) = std::mem::take(queue).into_iter().partition(|r| due(r));
    *queue = later;
    now
}

/// Dual criminality: the conduct is a crime in both countries.
fn dual_criminality(setup: &Setup, requesting: CountryIx, requested: CountryIx) -> bool {
    criminalises(&setup.countries[requesting].law) && criminalises(&setup.countries[requested].law)
}

/// A case file sent with a request to prosecute reaches every agency of the
/// requested country as admissible evidence (dual criminality was checked
/// when the request was ordered).
fn deliver_case_file(
    setup: &Setup,
    turn: u32,
    knowledge: &mut Knowledge,
    t: &ProsecutionTransfer,
    state: Option<&ActorState>,
) {
    let evidence = t.file.iter().map(|e| e.strength).sum();
    for (team, know) in knowledge.0.iter_mut().enumerate() {
        if setup.teams[team].country != t.country {
            continue;
        }
        know.learn_actor(
            t.about,
            sighting(
                setup,
                t.about,
                state,
                turn,
                Source::Mla(t.from),
                true,
                true,
                80,
            ),
        );
        for &(group, c) in &t.crossings {
            know.record_crossing(
                group,
                Crossing {
                    channel: Channel::Mla,
                    ..c
                },
            );
        }
        for e in &t.file {
            know.add_evidence(
                t.about,
                Evidence {
                    channel: Channel::Mla,
                    source: Source::Mla(t.from),
                    ..e.clone()
                },
            );
        }
        let person = know.person(setup, t.about);
        know.tell(
            setup,
            turn,
            Event::ProsecutionAsked {
                from: t.from,
                person,
                evidence,
            },
        );
    }
}

/// Replies of financial intelligence units arrive the turn after the
/// request: the person's money in the requested country, usable as evidence
/// only with that unit's consent.
#[allow(clippy::too_many_arguments)]
pub fn answer_fiu_requests(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    states: Query<&mut ActorState>,
    mut coop: ResMut<Cooperation>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
) {
    let turn = clock.turn;
    let mut due = take_due(&mut coop.fiu, |r| r.due == turn);
    due.sort_by_key(|r| (r.from, r.to, r.about, r.sent));
    let member = |a: ActorIx| actor_state(&states, &roster, a);
    let desk = investigate::Desk {
        setup: &setup,
        seed: &seed,
        turn,
        member: &member,
        network: &mut network,
    };
    for req in due {
        let consent = setup.countries[setup.teams[req.to].country].law.fiu_consent
            || coop.fiu_consents.contains(&(req.to, req.from));
        answer_fiu(&desk, &mut knowledge.0[req.from], &req, consent);
    }
}

/// The unit's reply: evidence when it consents (by its law, or by its
/// consent to this team), intelligence otherwise.
fn answer_fiu(desk: &investigate::Desk, know: &mut TeamKnowledge, req: &FiuRequest, consent: bool) {
    let (setup, turn) = (desk.setup, desk.turn);
    let requested = setup.teams[req.to].country;
    let found = setup.actors[req.about].country == requested;
    let mut reply = investigate::MoneyTrail {
        contacts: 0,
        assets: 0,
    };
    if found {
        let provenance = investigate::Provenance {
            channel: if consent {
                Channel::FiuConsented
            } else {
                Channel::Fiu
            },
            jurisdiction: requested,
            source: Source::Fiu(req.to),
        };
        let strength = setup
            .action(ActionKind::FinancialInvestigation)
            .map_or(2, |d| d.evidence);
        know.add_evidence(req.about, provenance.evidence(strength, turn));
        reply = investigate::money_trail(desk, know, req.about, provenance);
    }
    let person = know.person(setup, req.about);
    know.tell(
        setup,
        turn,
        Event::FiuReply {
            from: req.to,
            person,
            found,
            contacts: reply.contacts,
            assets: reply.assets,
            consent,
        },
    );
}

/// An MLA reply brings the requested team's file as admissible evidence,
/// formalises the intelligence that came informally from that country, and,
/// when the person is there and at work, adds what the requested authorities
/// gathered in executing the request (records, statements).
fn answer_mla(
    setup: &Setup,
    turn: u32,
    knowledge: &mut Knowledge,
    req: &MlaRequest,
    state: Option<&ActorState>,
) {
    let requested = setup.teams[req.to].country;
    if !dual_criminality(setup, setup.teams[req.from].country, requested) {
        let person = knowledge.0[req.from].person(setup, req.about);
        knowledge.0[req.from].tell(
            setup,
            turn,
            Event::MlaRefused {
                from: req.to,
                person,
                why: MlaBar::NoDualCriminality,
            },
        );
        return;
    }
    // With the file come the requested country's records of the crossings:
    // the statements of the people it intercepted, rescued or interviewed.
    read_and_write(knowledge, req.to, req.from, |from, to| {
        pass_on(from, to, req.about, Source::Mla(req.to), Channel::Mla, turn);
        pass_on_crossings(from, to, Channel::Mla);
    });
    let know = &mut knowledge.0[req.from];
    let mut formalised = 0;
    if let Some(items) = know.evidence.get_mut(&req.about) {
        for e in items.iter_mut() {
            if matches!(e.channel, Channel::Informal | Channel::Fiu) && e.jurisdiction == requested
            {
                e.channel = Channel::Mla;
                formalised += e.strength;
            }
        }
    }
    // The requested authorities can take statements and seize records only
    // from someone there and at work or held; not from one who fled.
    let info = &setup.actors[req.about];
    let here = state.is_some_and(|s| {
        (info.country == requested || s.country(info) == requested)
            && !matches!(s.status, ActorStatus::Dormant | ActorStatus::Fled)
    });
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
    let person = know.person(setup, req.about);
    know.tell(
        setup,
        turn,
        Event::MlaReply {
            from: req.to,
            person,
            executed: here,
            formalised,
        },
    );
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
        .filter(|j| j.works_from <= turn && j.until >= turn)
        .cloned()
        .collect();
    jits.sort_by_key(|j| (j.a, j.b, j.formed));
    for j in jits {
        for (from, to) in [(j.a, j.b), (j.b, j.a)] {
            read_and_write(&mut knowledge, from, to, |src, dst| {
                pass_on_all(src, dst, Source::Jit(from), Channel::Jit, turn);
            });
        }
        if j.until == turn {
            knowledge.0[j.a].tell(&setup, turn, Event::JitEnds { with: j.b });
            knowledge.0[j.b].tell(&setup, turn, Event::JitEnds { with: j.a });
        }
    }
}

/// A joint action day is one agreed beforehand on which both partners made
/// arrests: counted once for the exercise each turn there is one, and once
/// for each team that struck. Arrests that merely coincide are not one.
/// Days gone by are cleared.
pub fn count_joint_action_days(
    setup: Res<Setup>,
    clock: Res<Clock>,
    mut coop: ResMut<Cooperation>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let made = |t: TeamIx| {
        coop.arrests_this_turn
            .iter()
            .filter(|&&(by, _)| by == t)
            .count() as u32
    };
    let mut struck: Vec<(TeamIx, TeamIx, u32)> = coop
        .action_days
        .iter()
        .filter(|d| d.agreed && d.day == turn)
        .filter(|d| made(d.proposer) > 0 && made(d.partner) > 0)
        .map(|d| (d.proposer, d.partner, made(d.proposer) + made(d.partner)))
        .collect();
    struck.sort_unstable();
    coop.action_days.retain(|d| d.day > turn);
    if struck.is_empty() {
        return;
    }
    tally.total.joint_action_days += 1;
    let mut teams: Vec<TeamIx> = struck.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    teams.sort_unstable();
    teams.dedup();
    for t in teams {
        if let Some(c) = tally.teams.get_mut(t.index()) {
            c.joint_action_days += 1;
        }
    }
    for (a, b, arrests) in struck {
        knowledge.0[a].tell(&setup, turn, Event::JointActionDay { with: b, arrests });
        knowledge.0[b].tell(&setup, turn, Event::JointActionDay { with: a, arrests });
    }
}

#[cfg(test)]
mod tests;
