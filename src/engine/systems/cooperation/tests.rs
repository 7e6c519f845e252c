use super::*;
use crate::engine::systems::testkit::Bench;

fn evidence(b: &mut Bench, team: TeamIx, actor: ActorIx) -> Vec<Evidence> {
    b.knowledge(team)
        .evidence
        .get(&actor)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn shared_intelligence_outside_a_joint_team_is_not_evidence_a_court_admits() {
    let mut b = Bench::mini();
    let (from, to, captain) = (
        b.team("trans_police"),
        b.team("dest_police"),
        b.actor("cap1"),
    );
    b.next_turn();
    b.order_about(
        from,
        ActionKind::ShareIntel,
        TargetRef::Team(to),
        Some(captain),
    );
    b.run(deliver_cooperation);
    let theirs = b.knowledge(to);
    assert!(theirs.actors[&captain].identified);
    assert_eq!(theirs.evidence_total(captain), 1);
    assert_eq!(theirs.admissible_total(captain), 0);
    assert!(matches!(
        b.told(to).as_slice(),
        [Event::IntelReceived {
            through_joint_team: false,
            ..
        }]
    ));
    assert!(matches!(b.told(from).as_slice(), [Event::IntelShared { with, .. }] if *with == to));
    assert_eq!(b.resource::<Tally>().teams[from].intel_shared, 1);
}

#[test]
fn shared_intelligence_inside_a_joint_team_is_admissible_evidence() {
    let mut b = Bench::mini();
    let (from, to, captain) = (
        b.team("trans_police"),
        b.team("dest_police"),
        b.actor("cap1"),
    );
    b.next_turn();
    b.resource::<Cooperation>().jits.push(Jit {
        a: from.min(to),
        b: from.max(to),
        formed: 1,
        until: 1 + JIT_TURNS,
        works_from: 0,
    });
    b.order_about(
        from,
        ActionKind::ShareIntel,
        TargetRef::Team(to),
        Some(captain),
    );
    b.run(deliver_cooperation);
    assert_eq!(b.knowledge(to).admissible_total(captain), 1);
    assert_eq!(b.knowledge(to).actors[&captain].source, Source::Jit(from));
    assert!(
        evidence(&mut b, to, captain)
            .iter()
            .all(|e| e.channel == Channel::Jit)
    );
    assert!(matches!(
        b.told(to).as_slice(),
        [Event::IntelReceived {
            through_joint_team: true,
            ..
        }]
    ));
}

#[test]
fn a_recruiters_file_leads_the_destination_to_the_worksite_of_the_people_they_sent() {
    let mut b = Bench::mini();
    let (from, to, recruiter) = (
        b.team("oria_police"),
        b.team("dest_police"),
        b.actor("rec1"),
    );
    b.set_group(0, |g| {
        g.status = GroupStatus::Exploited;
        g.recruiter = Some(recruiter);
    });
    b.next_turn();
    b.order_about(
        from,
        ActionKind::ShareIntel,
        TargetRef::Team(to),
        Some(recruiter),
    );
    b.run(deliver_cooperation);
    assert!(b.knowledge(to).groups.contains_key(&0));
    assert!(!b.knowledge(to).groups.contains_key(&1));
    assert!(
        b.told(to)
            .iter()
            .any(|e| matches!(e, Event::FileLeadsToWorksite { group } if group.seq == 0))
    );
}

#[test]
fn an_mla_request_is_answered_after_the_requested_countrys_delay_and_never_the_same_turn() {
    let mut b = Bench::mini_with(|s| s.countries[2].law.mla_delay = 0);
    let (dest, oria, trans) = (
        b.team("dest_police"),
        b.team("oria_police"),
        b.team("trans_police"),
    );
    let recruiter = b.actor("rec1");
    b.next_turn();
    b.order_about(
        trans,
        ActionKind::MlaRequest,
        TargetRef::Team(oria),
        Some(recruiter),
    );
    b.order_about(
        oria,
        ActionKind::MlaRequest,
        TargetRef::Team(dest),
        Some(recruiter),
    );
    b.run(deliver_cooperation);
    let due: Vec<(TeamIx, u32)> = b
        .resource::<Cooperation>()
        .mla
        .iter()
        .map(|r| (r.to, r.due))
        .collect();
    assert_eq!(due, vec![(oria, 1 + 3), (dest, 1 + 1)]);
    assert!(matches!(
        b.told(trans).as_slice(),
        [Event::MlaSent { delay: 3, .. }]
    ));
    assert!(
        b.told(oria)
            .iter()
            .any(|e| matches!(e, Event::MlaReceived { from, .. } if *from == trans))
    );
    assert_eq!(b.resource::<Tally>().teams[trans].mla_requests, 1);
}

fn reply_due_now(b: &mut Bench, from: TeamIx, to: TeamIx, about: ActorIx) {
    let turn = b.turn();
    b.resource::<Cooperation>().mla.push(MlaRequest {
        from,
        to,
        about,
        sent: 0,
        due: turn,
    });
}

#[test]
fn an_mla_reply_formalises_informal_intelligence_from_the_requested_country() {
    let mut b = Bench::mini();
    let (dest, oria, trans) = (
        b.team("dest_police"),
        b.team("oria_police"),
        b.team("trans_police"),
    );
    let recruiter = b.actor("rec1");
    let (oria_c, trans_c) = (
        b.setup().teams[oria].country,
        b.setup().teams[trans].country,
    );
    for (strength, jurisdiction) in [(3, oria_c), (2, trans_c)] {
        b.resource::<Knowledge>().0[dest].add_evidence(
            recruiter,
            Evidence {
                strength,
                channel: Channel::Informal,
                jurisdiction,
                source: Source::Shared(oria),
                turn: 0,
            },
        );
    }
    b.next_turn();
    reply_due_now(&mut b, dest, oria, recruiter);
    b.run(answer_mla_requests);
    let informal: Vec<CountryIx> = evidence(&mut b, dest, recruiter)
        .iter()
        .filter(|e| e.channel == Channel::Informal)
        .map(|e| e.jurisdiction)
        .collect();
    assert_eq!(informal, vec![trans_c]);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::MlaReply { formalised: 3, .. }]
    ));
    assert!(b.resource::<Cooperation>().mla.is_empty());
}

#[test]
fn an_mla_reply_adds_what_the_requested_authorities_gathered_only_when_the_person_is_there_at_work()
{
    let mut b = Bench::mini();
    let (dest, oria) = (b.team("dest_police"), b.team("oria_police"));
    let (recruiter, captain) = (b.actor("rec1"), b.actor("cap1"));
    b.next_turn();
    reply_due_now(&mut b, dest, oria, recruiter);
    reply_due_now(&mut b, dest, oria, captain);
    b.run(answer_mla_requests);
    // The requested team's file (the briefing lead, strength 1) and the executed request (2).
    assert_eq!(b.knowledge(dest).admissible_total(recruiter), 1 + 2);
    assert_eq!(b.knowledge(dest).admissible_total(captain), 0);
    let executed: Vec<(ActorIx, bool)> = b
        .told(dest)
        .iter()
        .filter_map(|e| match e {
            Event::MlaReply {
                person, executed, ..
            } => Some((person.actor, *executed)),
            _ => None,
        })
        .collect();
    assert_eq!(executed, vec![(recruiter, true), (captain, false)]);

    b.set_actor(recruiter, |s| s.status = ActorStatus::Dormant);
    b.next_turn();
    reply_due_now(&mut b, dest, oria, recruiter);
    b.run(answer_mla_requests);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::MlaReply {
            executed: false,
            ..
        }]
    ));
}

#[test]
fn a_joint_team_forms_only_on_a_proposal_still_open() {
    let mut b = Bench::mini();
    let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
    b.next_turn();
    b.order(dest, ActionKind::JitAccept, TargetRef::Team(oria));
    b.run(deliver_cooperation);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::NoJitProposal { .. }]
    ));

    b.next_turn();
    b.order(oria, ActionKind::JitProposal, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    assert_eq!(b.resource::<Cooperation>().proposals, vec![(oria, dest, 2)]);
    for _ in 0..=PROPOSAL_TURNS {
        b.next_turn();
    }
    b.order(dest, ActionKind::JitAccept, TargetRef::Team(oria));
    b.run(deliver_cooperation);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::NoJitProposal { .. }]
    ));
    assert!(b.resource::<Cooperation>().jits.is_empty());
}

#[test]
fn accepting_an_open_proposal_forms_a_joint_team_for_its_term() {
    let mut b = Bench::mini();
    let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
    b.next_turn();
    b.order(oria, ActionKind::JitProposal, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    for _ in 0..PROPOSAL_TURNS {
        b.next_turn();
    }
    let turn = b.turn();
    b.order(dest, ActionKind::JitAccept, TargetRef::Team(oria));
    b.run(deliver_cooperation);
    let coop = b.resource::<Cooperation>().clone();
    assert!(coop.proposals.is_empty());
    assert_eq!(
        coop.jits,
        vec![Jit {
            a: oria,
            b: dest,
            formed: turn,
            // Signed after the slower country's set-up turns.
            until: turn + 2 + JIT_TURNS,
            works_from: turn + 2,
        }]
    );
    assert!(matches!(b.told(dest).as_slice(), [Event::JitFormed { with, .. }] if *with == oria));
    assert!(matches!(b.told(oria).as_slice(), [Event::JitAccepted { by, .. }] if *by == dest));
    let tally = b.resource::<Tally>().clone();
    assert_eq!(
        (
            tally.total.jits_formed,
            tally.teams[oria].jits_formed,
            tally.teams[dest].jits_formed
        ),
        (1, 1, 1)
    );
}

#[test]
fn a_joint_team_needs_a_legal_basis_in_both_countries_and_works_once_signed() {
    use crate::engine::rules::{OrderContext, prerequisite_met};
    let b = Bench::mini_with(|s| s.countries[2].law.jit_basis = false);
    let (oria, trans, dest) = (
        b.team("oria_police"),
        b.team("trans_police"),
        b.team("dest_police"),
    );
    let know = TeamKnowledge::default();
    let coop = Cooperation::default();
    let ctx = OrderContext {
        setup: b.setup(),
        know: &know,
        coop: &coop,
        team: oria,
        handles: crate::engine::rules::Handles::Seeded(0),
        turn: 1,
        capacity_left: 5,
        interpreters_left: 1,
    };
    let basis = |t| {
        prerequisite_met(
            &ctx,
            crate::scenario::Prerequisite::JitBasis,
            TargetRef::Team(t),
        )
    };
    assert!(basis(trans));
    assert!(!basis(dest));

    let mut coop = Cooperation::default();
    coop.jits.push(Jit {
        a: oria,
        b: trans,
        formed: 3,
        until: 5 + JIT_TURNS,
        works_from: 5,
    });
    assert!(
        !coop.in_jit(oria, trans, 4),
        "the agreement is not signed yet"
    );
    assert!(coop.in_jit(oria, trans, 5));
}

#[test]
fn a_red_notice_carries_the_case_only_to_the_country_where_the_person_is() {
    let mut b = Bench::mini();
    let (dest, oria, captain) = (
        b.team("dest_police"),
        b.team("oria_police"),
        b.actor("cap1"),
    );
    let dest_c = b.setup().teams[dest].country;
    b.resource::<Knowledge>().0[dest].add_evidence(
        captain,
        Evidence {
            strength: 4,
            channel: Channel::Domestic,
            jurisdiction: dest_c,
            source: Source::Surveillance,
            turn: 0,
        },
    );
    b.next_turn();
    b.order(dest, ActionKind::RedNotice, TargetRef::Actor(captain));
    b.run(deliver_cooperation);
    for id in ["trans_cg", "trans_police", "trans_immigration"] {
        let t = b.team(id);
        let carried: Vec<Evidence> = evidence(&mut b, t, captain)
            .into_iter()
            .filter(|e| e.source == Source::Notice)
            .collect();
        assert_eq!(carried.len(), 1, "{id}");
        assert_eq!(
            (
                carried[0].strength,
                carried[0].channel,
                carried[0].jurisdiction
            ),
            (4, Channel::Informal, dest_c)
        );
        assert!(matches!(
            b.told(t).as_slice(),
            [Event::RedNoticeReceived { .. }]
        ));
    }
    assert!(b.knowledge(oria).actors[&captain].identified);
    assert_eq!(b.knowledge(oria).evidence_total(captain), 0);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::RedNoticeIssued { .. }]
    ));
    assert_eq!(
        b.resource::<Cooperation>().red_notices,
        vec![(captain, dest)]
    );
}

#[test]
fn a_purple_notice_describes_the_method_without_naming_anyone() {
    let mut b = Bench::mini();
    let (trans, oria, captain) = (
        b.team("trans_police"),
        b.team("oria_police"),
        b.actor("cap1"),
    );
    let sea = b.setup().route("sea").expect("the sea route");
    b.resource::<Knowledge>().0[oria].routes.clear();
    b.next_turn();
    b.order(trans, ActionKind::PurpleNotice, TargetRef::Actor(captain));
    b.run(deliver_cooperation);
    let theirs = b.knowledge(oria);
    let intel = &theirs.actors[&captain];
    assert!(!intel.identified);
    assert_eq!(intel.role, Some(crate::scenario::Role::BoatCaptain));
    assert_eq!(intel.status, None);
    assert!(theirs.routes.contains(&sea));
    assert!(matches!(
        b.told(oria).as_slice(),
        [Event::PurpleNoticeReceived { route: Some(r), .. }] if *r == sea
    ));
    assert!(matches!(
        b.told(trans).as_slice(),
        [Event::PurpleNoticeIssued]
    ));
}

#[test]
fn a_liaison_officer_is_posted_once_however_often_ordered() {
    let mut b = Bench::mini();
    let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
    b.next_turn();
    b.order(oria, ActionKind::LiaisonPosting, TargetRef::Team(dest));
    b.order(oria, ActionKind::LiaisonPosting, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    assert_eq!(b.resource::<Cooperation>().liaisons, vec![(oria, dest)]);
    assert!(b.resource::<Cooperation>().liaison(dest, oria));
    assert_eq!(b.told(dest).len(), 2);
}

#[test]
fn joint_team_members_exchange_their_files_while_the_team_is_in_force() {
    let mut b = Bench::mini();
    let (oria, dest) = (b.team("oria_police"), b.team("dest_police"));
    let (recruiter, broker) = (b.actor("rec1"), b.actor("broker"));
    b.next_turn();
    b.resource::<Cooperation>().jits.push(Jit {
        a: oria,
        b: dest,
        formed: 0,
        until: 1,
        works_from: 0,
    });
    b.run(exchange_in_joint_teams);
    assert_eq!(b.knowledge(dest).admissible_total(recruiter), 1);
    assert_eq!(b.knowledge(oria).admissible_total(broker), 1);
    assert!(matches!(b.told(oria).as_slice(), [Event::JitEnds { with }] if *with == dest));

    let (trans, captain) = (b.team("trans_police"), b.actor("cap1"));
    b.next_turn();
    b.resource::<Cooperation>().jits.push(Jit {
        a: trans,
        b: dest,
        formed: 0,
        until: 1,
        works_from: 0,
    });
    b.run(exchange_in_joint_teams);
    assert!(!b.knowledge(dest).actors.contains_key(&captain));
}

#[test]
fn a_joint_action_day_is_one_agreed_beforehand_on_which_both_partners_arrest() {
    let day = |agreed: bool, arrests: &[(&str, &str)]| {
        let mut b = Bench::mini();
        let (trans, dest) = (b.team("trans_police"), b.team("dest_police"));
        let turn = b.turn();
        b.resource::<Cooperation>().action_days.push(ActionDay {
            proposer: trans,
            partner: dest,
            day: turn,
            agreed,
        });
        let made: Vec<(TeamIx, ActorIx)> = arrests
            .iter()
            .map(|(t, a)| (b.team(t), b.actor(a)))
            .collect();
        b.resource::<Cooperation>().arrests_this_turn = made;
        b.run(count_joint_action_days);
        let tally = b.resource::<Tally>().clone();
        // The day is spent, struck or not.
        assert!(b.resource::<Cooperation>().action_days.is_empty());
        (
            tally.total.joint_action_days,
            tally.teams[dest].joint_action_days,
        )
    };
    let both = [("trans_police", "cap1"), ("dest_police", "boss")];
    assert_eq!(day(true, &both), (1, 1));
    // Coincident arrests without a plan are not a joint action day.
    assert_eq!(day(false, &both), (0, 0));
    // Nor is a plan one partner did not keep.
    assert_eq!(day(true, &[("trans_police", "cap1")]), (0, 0));
}

/// Destia's police as a coast guard, facing boats of Transia's flag in
/// the strait, or of `flag` when given.
fn boarding_bench(flag: Option<crate::engine::setup::CountryInfo>) -> Bench {
    Bench::mini_with(|s| {
        let dest = s.team("dest_police").expect("dest");
        let coast_guard = crate::scenario::Agency::COAST_GUARD;
        s.teams[dest].agency = s.catalog.agency(&coast_guard).cloned().expect("shipped");
        if let Some(country) = flag {
            s.countries.push(country);
            let sea = s.route("sea").expect("sea");
            s.routes[sea].legs[1].flag = Some(CountryIx(s.countries.len() - 1));
        }
    })
}

#[test]
fn a_flag_state_no_team_plays_answers_as_its_law_says() {
    for consents in [true, false] {
        let mut law = Bench::mini().setup().countries[0].law.clone();
        law.boarding_consent = consents;
        let mut b = boarding_bench(Some(crate::engine::setup::CountryInfo {
            id: "flagland".into(),
            name: "Flagland".into(),
            role: crate::scenario::CountryRole::Transit,
            law,
        }));
        let (dest, sea) = (b.team("dest_police"), b.setup().route("sea").expect("sea"));
        let flag = b.setup().countries.len() - 1;
        b.next_turn();
        b.order(
            dest,
            ActionKind::BoardingConsentRequest,
            TargetRef::Route(sea),
        );
        b.run(deliver_cooperation);
        let told = b.told(dest);
        assert!(matches!(told[0], Event::BoardingConsentRequested { .. }));
        assert_eq!(
            matches!(told[1], Event::BoardingConsentGiven { .. }),
            consents
        );
        assert_eq!(
            b.resource::<Cooperation>()
                .may_board(dest, CountryIx(flag), sea),
            consents
        );
    }
}

#[test]
fn a_flag_state_a_team_plays_answers_by_that_teams_consent() {
    let mut b = boarding_bench(None);
    let (dest, trans_cg) = (b.team("dest_police"), b.team("trans_cg"));
    let sea = b.setup().route("sea").expect("sea");
    let trans = b.setup().teams[trans_cg].country;
    b.next_turn();
    b.order(trans_cg, ActionKind::BoardingConsent, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    assert!(matches!(
        b.told(trans_cg).as_slice(),
        [Event::NoBoardingRequest { .. }]
    ));
    b.next_turn();
    b.order(
        dest,
        ActionKind::BoardingConsentRequest,
        TargetRef::Route(sea),
    );
    b.run(deliver_cooperation);
    assert!(!b.resource::<Cooperation>().may_board(dest, trans, sea));
    assert!(matches!(
        b.told(trans_cg).as_slice(),
        [Event::BoardingConsentAsked { from, .. }] if *from == dest
    ));
    b.next_turn();
    b.order(trans_cg, ActionKind::BoardingConsent, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    assert!(b.resource::<Cooperation>().may_board(dest, trans, sea));
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::BoardingConsentGiven { flag, .. }] if flag == "trans"
    ));
}

#[test]
fn a_joint_action_day_is_proposed_for_the_turn_after_next_and_agreed_by_the_partner() {
    let mut b = Bench::mini();
    let (trans, dest) = (b.team("trans_police"), b.team("dest_police"));
    b.next_turn();
    b.order(dest, ActionKind::ActionDayAccept, TargetRef::Team(trans));
    b.run(deliver_cooperation);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::NoActionDayProposal { .. }]
    ));
    b.next_turn();
    let proposed = b.turn();
    b.order(trans, ActionKind::ActionDayProposal, TargetRef::Team(dest));
    b.run(deliver_cooperation);
    let day = proposed + ACTION_DAY_NOTICE;
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::ActionDayProposalReceived { from, day: d }] if *from == trans && *d == day
    ));
    b.next_turn();
    b.order(dest, ActionKind::ActionDayAccept, TargetRef::Team(trans));
    b.run(deliver_cooperation);
    assert!(
        b.resource::<Cooperation>()
            .planned_together(trans, dest, day)
    );
    assert!(
        !b.resource::<Cooperation>()
            .planned_together(trans, dest, day - 1)
    );
    assert!(matches!(
        b.told(trans).as_slice(),
        [Event::ActionDayAgreed { with, day: d }] if *with == dest && *d == day
    ));
}

/// What `team` believes of `actor`: named, in the country it lives in.
fn on_file(b: &mut Bench, team: TeamIx, actor: ActorIx) {
    let country = b.setup().actors[actor].country;
    b.resource::<Knowledge>().0[team].learn_actor(
        actor,
        ActorIntel {
            identified: true,
            role: None,
            country: Some(country),
            place: None,
            status: Some(ActorStatus::Active),
            held: false,
            confidence: 80,
            source: Source::Briefing,
            first_turn: 0,
            last_turn: 0,
        },
    );
}

/// Oria Police asks Destia's unit about the broker, on file, this turn.
fn ask_destia_about_the_broker(b: &mut Bench) -> (TeamIx, TeamIx, ActorIx) {
    let (oria, dest, broker) = (
        b.team("oria_police"),
        b.team("dest_police"),
        b.actor("broker"),
    );
    on_file(b, oria, broker);
    b.next_turn();
    b.order_about(
        oria,
        ActionKind::FiuExchange,
        TargetRef::Team(dest),
        Some(broker),
    );
    b.run(deliver_cooperation);
    (oria, dest, broker)
}

fn fiu_reply(consent: bool) -> (TeamKnowledge, Vec<Event>, ActorIx) {
    let mut b = Bench::mini_with(|s| s.countries[2].law.fiu_consent = consent);
    let (oria, _, broker) = ask_destia_about_the_broker(&mut b);
    b.run(answer_fiu_requests);
    assert_eq!(
        b.knowledge(oria).evidence_total(broker),
        0,
        "not the same turn"
    );
    b.next_turn();
    b.run(answer_fiu_requests);
    (b.knowledge(oria), b.told(oria), broker)
}

#[test]
fn a_financial_intelligence_unit_answers_the_next_turn_with_intelligence_a_court_does_not_admit() {
    let (know, told, broker) = fiu_reply(false);
    assert!(know.evidence_total(broker) > 0);
    assert_eq!(know.admissible_total(broker), 0);
    assert!(told.iter().any(|e| matches!(
        e,
        Event::FiuReply {
            found: true,
            consent: false,
            ..
        }
    )));
    // The money shows the people paid and paying.
    assert!(know.actors.len() > 1);
}

#[test]
fn a_unit_that_consents_turns_what_it_sent_and_will_send_into_evidence() {
    let mut b = Bench::mini();
    let (oria, dest, broker) = ask_destia_about_the_broker(&mut b);
    b.next_turn();
    b.run(answer_fiu_requests);
    assert_eq!(b.knowledge(oria).admissible_total(broker), 0);
    let sent = b.knowledge(oria).evidence_total(broker);
    assert!(sent > 0);

    b.next_turn();
    b.order(dest, ActionKind::FiuConsent, TargetRef::Team(oria));
    b.run(deliver_cooperation);
    assert_eq!(b.knowledge(oria).admissible_total(broker), sent);
    let pieces = b.told(oria).iter().find_map(|e| match e {
        Event::FiuConsentReceived { from, pieces } if *from == dest => Some(*pieces),
        _ => None,
    });
    assert!(pieces.is_some_and(|n| n > 0), "{pieces:?}");
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::FiuConsentGiven { to }] if *to == oria
    ));
    // What it sends from now on comes with its consent.
    b.order_about(
        oria,
        ActionKind::FiuExchange,
        TargetRef::Team(dest),
        Some(broker),
    );
    b.run(deliver_cooperation);
    b.next_turn();
    b.run(answer_fiu_requests);
    assert!(
        b.told(oria)
            .iter()
            .any(|e| matches!(e, Event::FiuReply { consent: true, .. }))
    );
}

#[test]
fn with_the_sending_units_consent_financial_intelligence_is_evidence() {
    let (know, _, broker) = fiu_reply(true);
    assert!(know.admissible_total(broker) > 0);
    assert_eq!(know.admissible_total(broker), know.evidence_total(broker));
}

#[test]
fn an_mla_reply_formalises_what_the_requested_countrys_unit_sent() {
    let mut b = Bench::mini();
    let (oria, dest, broker) = (
        b.team("oria_police"),
        b.team("dest_police"),
        b.actor("broker"),
    );
    let here = b.setup().teams[dest].country;
    b.resource::<Knowledge>().0[oria].add_evidence(
        broker,
        Evidence {
            strength: 2,
            channel: Channel::Fiu,
            jurisdiction: here,
            source: Source::Fiu(dest),
            turn: 0,
        },
    );
    b.next_turn();
    b.resource::<Cooperation>().mla.push(MlaRequest {
        from: oria,
        to: dest,
        about: broker,
        sent: 0,
        due: 1,
    });
    b.run(answer_mla_requests);
    let items = evidence(&mut b, oria, broker);
    assert!(
        items
            .iter()
            .any(|e| e.source == Source::Fiu(dest) && e.channel == Channel::Mla)
    );
    assert!(b.knowledge(oria).admissible_total(broker) >= 2);
}

#[test]
fn mla_is_refused_when_the_offence_is_no_crime_in_the_requested_country() {
    let mut b = Bench::mini_with(|s| {
        s.countries[2].law.smuggling_criminalised = false;
        s.countries[2].law.trafficking_criminalised = false;
    });
    let (oria, dest, broker) = (
        b.team("oria_police"),
        b.team("dest_police"),
        b.actor("broker"),
    );
    b.next_turn();
    b.resource::<Cooperation>().mla.push(MlaRequest {
        from: oria,
        to: dest,
        about: broker,
        sent: 0,
        due: 1,
    });
    b.run(answer_mla_requests);
    assert_eq!(b.knowledge(oria).evidence_total(broker), 0);
    assert!(matches!(
        b.told(oria).as_slice(),
        [Event::MlaRefused {
            why: MlaBar::NoDualCriminality,
            ..
        }]
    ));
}

#[test]
fn a_request_to_prosecute_sends_the_admissible_file_to_every_agency_of_the_country() {
    let mut b = Bench::mini();
    let (oria, boss2) = (b.team("oria_police"), b.actor("boss2"));
    let home = b.setup().teams[oria].country;
    on_file(&mut b, oria, boss2);
    for (strength, channel) in [(5, Channel::Domestic), (3, Channel::Informal)] {
        b.resource::<Knowledge>().0[oria].add_evidence(
            boss2,
            Evidence {
                strength,
                channel,
                jurisdiction: home,
                source: Source::Interception,
                turn: 0,
            },
        );
    }
    b.next_turn();
    b.order(
        oria,
        ActionKind::ProsecutionRequest,
        TargetRef::Actor(boss2),
    );
    b.run(deliver_cooperation);
    let due = b.resource::<Cooperation>().transfers[0].due;
    assert_eq!(b.resource::<Tally>().teams[oria].mla_requests, 1);
    while b.turn() < due {
        b.next_turn();
    }
    b.run(answer_mla_requests);
    for id in ["trans_cg", "trans_police", "trans_immigration"] {
        let t = b.team(id);
        // Only what a court admits travels, and arrives admissible.
        assert_eq!(b.knowledge(t).admissible_total(boss2), 5, "{id}");
        assert!(
            b.told(t)
                .iter()
                .any(|e| matches!(e, Event::ProsecutionAsked { evidence: 5, .. })),
            "{id}"
        );
    }
    assert_eq!(b.knowledge(b.team("dest_police")).evidence_total(boss2), 0);
}

#[test]
fn sharing_between_agencies_of_one_country_is_not_counted_as_sharing_across_borders() {
    let mut b = Bench::mini();
    let (from, to, captain) = (b.team("trans_police"), b.team("trans_cg"), b.actor("cap1"));
    b.next_turn();
    b.order_about(
        from,
        ActionKind::ShareIntel,
        TargetRef::Team(to),
        Some(captain),
    );
    b.run(deliver_cooperation);
    assert!(b.knowledge(to).actors.contains_key(&captain));
    assert_eq!(b.resource::<Tally>().teams[from].intel_shared, 0);
}

#[test]
fn a_blue_notice_is_answered_from_the_files_of_the_country_where_the_person_is() {
    let mut b = Bench::mini();
    let (dest, trans, captain) = (
        b.team("dest_police"),
        b.team("trans_police"),
        b.actor("cap1"),
    );
    assert!(!b.knowledge(dest).actors.contains_key(&captain));
    b.next_turn();
    b.order(dest, ActionKind::BlueNotice, TargetRef::Actor(captain));
    b.run(deliver_cooperation);
    let intel = b.knowledge(dest).actors[&captain].clone();
    assert!(
        intel.identified,
        "Transia's police know the captain by name"
    );
    assert_eq!(intel.source, Source::Notice);
    assert_eq!(b.knowledge(dest).evidence_total(captain), 0);
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::BlueNoticeAnswered { by: Some(by), .. }] if *by == trans
    ));
    assert!(matches!(
        b.told(trans).as_slice(),
        [Event::BlueNoticeReceived { from, .. }] if *from == dest
    ));
}

#[test]
fn a_blue_notice_on_someone_no_one_has_on_file_finds_no_trace() {
    let mut b = Bench::mini();
    let (oria, forger) = (b.team("oria_police"), b.actor("forger"));
    b.next_turn();
    b.order(oria, ActionKind::BlueNotice, TargetRef::Actor(forger));
    b.run(deliver_cooperation);
    assert!(!b.knowledge(oria).actors.contains_key(&forger));
    assert!(matches!(
        b.told(oria).as_slice(),
        [Event::BlueNoticeAnswered { by: None, .. }]
    ));
}

#[test]
fn a_green_notice_puts_the_person_on_every_other_teams_file_as_a_lead_without_a_case() {
    let mut b = Bench::mini();
    let (trans, captain) = (b.team("trans_police"), b.actor("cap1"));
    let trans_c = b.setup().teams[trans].country;
    b.resource::<Knowledge>().0[trans].add_evidence(
        captain,
        Evidence {
            strength: 3,
            channel: Channel::Domestic,
            jurisdiction: trans_c,
            source: Source::Surveillance,
            turn: 0,
        },
    );
    b.next_turn();
    b.order(trans, ActionKind::GreenNotice, TargetRef::Actor(captain));
    b.run(deliver_cooperation);
    for id in [
        "oria_police",
        "trans_cg",
        "trans_immigration",
        "dest_police",
    ] {
        let t = b.team(id);
        let intel = b.knowledge(t).actors[&captain].clone();
        assert!(intel.identified, "{id}");
        assert_eq!(intel.role, Some(crate::scenario::Role::BoatCaptain), "{id}");
        assert_eq!(b.knowledge(t).evidence_total(captain), 0, "{id}");
        assert!(
            matches!(b.told(t).as_slice(), [Event::GreenNoticeReceived { from, .. }] if *from == trans),
            "{id}"
        );
    }
    assert!(matches!(
        b.told(trans).as_slice(),
        [Event::GreenNoticeIssued { .. }]
    ));
}

#[test]
fn a_diffusion_reaches_one_team_abroad_without_a_channel_and_the_sender_hears_of_an_arrest() {
    let mut b = Bench::mini();
    let (oria, dest, trans, recruiter) = (
        b.team("oria_police"),
        b.team("dest_police"),
        b.team("trans_police"),
        b.actor("rec1"),
    );
    let oria_c = b.setup().teams[oria].country;
    b.resource::<Knowledge>().0[oria].add_evidence(
        recruiter,
        Evidence {
            strength: 2,
            channel: Channel::Domestic,
            jurisdiction: oria_c,
            source: Source::Surveillance,
            turn: 0,
        },
    );
    let sent = b.knowledge(oria).evidence_total(recruiter);
    b.next_turn();
    b.order_about(
        oria,
        ActionKind::Diffusion,
        TargetRef::Team(dest),
        Some(recruiter),
    );
    b.run(deliver_cooperation);
    let theirs = b.knowledge(dest);
    assert!(theirs.actors[&recruiter].identified);
    assert_eq!(theirs.evidence_total(recruiter), sent);
    assert_eq!(theirs.admissible_total(recruiter), 0);
    assert!(!b.knowledge(trans).actors.contains_key(&recruiter));
    assert!(matches!(
        b.told(dest).as_slice(),
        [Event::DiffusionReceived { from, .. }] if *from == oria
    ));
    assert!(matches!(
        b.told(oria).as_slice(),
        [Event::DiffusionSent { to, .. }] if *to == dest
    ));
    assert!(
        b.resource::<Cooperation>()
            .red_notices
            .contains(&(recruiter, oria))
    );
}
