//! The victim-centred response: screening, referral, returns, notices for the
//! missing, and prevention at home.

use bevy_ecs::prelude::*;

use super::maritime::meet_group;
use super::{Roster, actor_state, due_operations, groups_in_order, sighting};
use crate::engine::events::{Care, Event, GroupTag};
use crate::engine::knowledge::{Channel, Evidence, Knowledge, Source};
use crate::engine::metrics::Tally;
use crate::engine::rng::{Purpose, Seed};
use crate::engine::setup::Setup;
use crate::engine::state::{
    ActorState, AtRisk, Clock, Group, GroupStatus, Network, Operation, TargetRef,
};
use crate::scenario::{ActionKind, Indicator, Role};

const KINDS: [ActionKind; 6] = [
    ActionKind::ScreeningInterview,
    ActionKind::Referral,
    ActionKind::Repatriation,
    ActionKind::RepatriationWithReintegration,
    ActionKind::YellowNotice,
    ActionKind::PreventionCampaign,
];

/// Percent per turn that people returned without support are recruited again.
pub const RISK_BARE_RETURN: u32 = 20;
/// Percent per turn once reintegration support is in place.
pub const RISK_SUPPORTED_RETURN: u32 = 3;
/// Turns the risk of re-recruitment lasts after a return.
pub const RISK_WINDOW: u32 = 10;

/// Resolve the victim-care actions due this turn.
#[allow(clippy::too_many_arguments)]
pub fn resolve_victim_care(
    setup: Res<Setup>,
    seed: Res<Seed>,
    clock: Res<Clock>,
    roster: Res<Roster>,
    ops: Query<(Entity, &Operation)>,
    mut groups: Query<(Entity, &mut Group)>,
    states: Query<&mut ActorState>,
    mut network: ResMut<Network>,
    mut knowledge: ResMut<Knowledge>,
    mut tally: ResMut<Tally>,
) {
    let turn = clock.turn;
    let order = groups_in_order(groups.iter());
    for (_, op) in due_operations(ops.iter(), turn, &KINDS) {
        if op.kind == ActionKind::PreventionCampaign {
            let country = setup.teams[op.team].country;
            network.prevention_until.retain(|&(c, _)| c != country);
            network.prevention_until.push((country, turn + 8));
            knowledge.0[op.team].tell(&setup, turn, Event::PreventionCampaign);
            continue;
        }
        let TargetRef::Group(seq) = op.target else {
            continue;
        };
        let Some(&(_, e)) = order.iter().find(|(s, _)| *s == seq) else {
            continue;
        };
        let Ok((_, mut g)) = groups.get_mut(e) else {
            continue;
        };
        let people = g.size - g.lost;
        let tag = GroupTag {
            seq,
            id: g.id.clone(),
        };
        let home = setup.teams[op.team].country;
        let held_here =
            g.status.held() && g.custody.is_some_and(|t| setup.teams[t].country == home);
        match op.kind {
            ActionKind::ScreeningInterview => {
                let reachable = held_here
                    || g.status == GroupStatus::Exploited
                    || g.status == GroupStatus::Protected;
                let know = &mut knowledge.0[op.team];
                if !reachable {
                    know.tell(
                        &setup,
                        turn,
                        Event::OutOfReach {
                            care: Care::Screening,
                            group: tag,
                        },
                    );
                    continue;
                }
                let Some(def) = setup.action(op.kind) else {
                    continue;
                };
                if !seed.chance(
                    turn,
                    Purpose::Screening,
                    u64::from(seq),
                    op.team as u64,
                    def.success,
                ) {
                    know.tell(&setup, turn, Event::TooFrightened { group: tag });
                    continue;
                }
                if g.trafficked() {
                    if !g.identified {
                        g.identified = true;
                        tally.add(Some(op.team), |c| c.victims_identified += i64::from(people));
                    }
                    if let Some(intel) = know.groups.get_mut(&seq) {
                        intel.indicators = g.indicators.clone();
                        intel.victims_identified = true;
                    }
                }
                if let Some(intel) = know.groups.get_mut(&seq) {
                    intel.screened = true;
                }
                let mut recruiter = None;
                if let Some(r) = g.recruiter {
                    let state = actor_state(&states, &roster, r);
                    know.learn_actor(
                        r,
                        sighting(&setup, r, state, turn, Source::Screening, true, true, 70),
                    );
                    know.add_evidence(
                        r,
                        Evidence {
                            strength: def.evidence,
                            channel: Channel::Domestic,
                            jurisdiction: setup.teams[op.team].country,
                            source: Source::Screening,
                            turn,
                        },
                    );
                    recruiter = Some(know.person(&setup, r));
                }
                let trafficked = g.trafficked();
                know.tell(
                    &setup,
                    turn,
                    Event::Screened {
                        group: tag,
                        trafficked,
                        people,
                        indicators: if trafficked {
                            g.indicators.clone()
                        } else {
                            Vec::new()
                        },
                        recruiter,
                    },
                );
            }
            ActionKind::Referral => {
                let know = &mut knowledge.0[op.team];
                if !(held_here || g.status == GroupStatus::Exploited) {
                    know.tell(
                        &setup,
                        turn,
                        Event::OutOfReach {
                            care: Care::Referral,
                            group: tag,
                        },
                    );
                    continue;
                }
                g.status = GroupStatus::Protected;
                g.custody = None;
                if g.trafficked() {
                    tally.add(Some(op.team), |c| c.victims_protected += i64::from(people));
                }
                // Protected, identified victims are the ones who come forward to testify.
                if g.identified {
                    let accused: Vec<usize> = g
                        .recruiter
                        .into_iter()
                        .chain(
                            setup
                                .actors
                                .iter()
                                .enumerate()
                                .filter(|(_, a)| {
                                    a.route == Some(g.route)
                                        && matches!(
                                            a.role,
                                            Role::Enforcer
                                                | Role::SafeHouseKeeper
                                                | Role::Transporter
                                        )
                                })
                                .map(|(i, _)| i)
                                .take(1),
                        )
                        .collect();
                    for a in accused {
                        let state = actor_state(&states, &roster, a);
                        know.learn_actor(
                            a,
                            sighting(&setup, a, state, turn, Source::Testimony, true, true, 85),
                        );
                        know.add_evidence(
                            a,
                            Evidence {
                                strength: 2,
                                channel: Channel::Domestic,
                                jurisdiction: setup.teams[op.team].country,
                                source: Source::Testimony,
                                turn,
                            },
                        );
                    }
                }
                know.tell(
                    &setup,
                    turn,
                    Event::Referred {
                        group: tag,
                        people,
                        testify: g.identified,
                    },
                );
                meet_group(know, &g, turn);
            }
            ActionKind::Repatriation | ActionKind::RepatriationWithReintegration => {
                let know = &mut knowledge.0[op.team];
                if !(held_here || g.status == GroupStatus::Protected) {
                    know.tell(
                        &setup,
                        turn,
                        Event::OutOfReach {
                            care: Care::Return,
                            group: tag,
                        },
                    );
                    continue;
                }
                let supported = op.kind == ActionKind::RepatriationWithReintegration;
                let was_protected = g.status == GroupStatus::Protected;
                g.status = GroupStatus::Returned;
                g.custody = None;
                if g.trafficked() && !supported && !was_protected {
                    tally.add(Some(op.team), |c| {
                        c.migrants_criminalised += i64::from(people)
                    });
                }
                if g.trafficked() {
                    network.at_risk.push(AtRisk {
                        from_group: tag.id.clone(),
                        size: people,
                        route: g.route,
                        indicators: g.indicators.clone(),
                        returned: turn,
                        risk: if supported {
                            RISK_SUPPORTED_RETURN
                        } else {
                            RISK_BARE_RETURN
                        },
                    });
                }
                know.tell(
                    &setup,
                    turn,
                    Event::Returned {
                        group: tag,
                        people,
                        supported,
                    },
                );
                meet_group(know, &g, turn);
            }
            _ => {
                let minors = g.indicators.contains(&Indicator::Minors);
                let g = g.clone();
                for (t, k) in knowledge.0.iter_mut().enumerate() {
                    meet_group(k, &g, turn);
                    if t != op.team {
                        k.tell(
                            &setup,
                            turn,
                            Event::YellowNoticeReceived {
                                from: op.team,
                                group: tag.clone(),
                                minors,
                            },
                        );
                    }
                }
                knowledge.0[op.team].tell(&setup, turn, Event::YellowNoticeIssued { group: tag });
            }
        }
    }
}
