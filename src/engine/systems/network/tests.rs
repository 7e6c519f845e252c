use super::*;
use crate::engine::state::AtRisk;
use crate::engine::systems::testkit::Bench;

fn tie(network: &Network, a: ActorIx, b: ActorIx) -> Option<u32> {
    network.ties[a]
        .iter()
        .find(|t| t.other == b)
        .map(|t| t.strength)
}

#[test]
fn warnings_raise_heat_to_at_most_a_hundred_and_heat_cools_by_eight_a_turn() {
    let mut b = Bench::mini();
    let captain = b.actor("cap1");
    b.resource::<Network>().tip_offs = vec![(captain, 60), (captain, 60)];
    b.next_turn();
    b.run(warn_network);
    assert_eq!(b.actor_state(captain).alert, 100 - 8);
    assert!(b.resource::<Network>().tip_offs.is_empty());
}

#[test]
fn a_member_on_alert_goes_dark_for_two_to_four_turns_as_their_caution_dictates() {
    let mut b = Bench::mini_with(|s| {
        let captain = s.actor("cap1").expect("the captain");
        s.actors[captain].caution = 100;
    });
    let (captain, driver) = (b.actor("cap1"), b.actor("drv1"));
    b.set_actor(captain, |s| s.alert = DARK_ALERT);
    b.set_actor(driver, |s| s.alert = DARK_ALERT - 1);
    b.next_turn();
    b.run(warn_network);
    assert!((1 + 2..=1 + 4).contains(&b.actor_state(captain).dark_until));
    assert_eq!(b.actor_state(driver).dark_until, 0);
}

/// Keeps a member near certain they are watched until they flee.
fn hunted(b: &mut Bench, who: ActorIx) -> ActorState {
    for _ in 0..30 {
        b.set_actor(who, |s| s.alert = 100);
        b.next_turn();
        b.run(warn_network);
        let s = b.actor_state(who);
        if s.abroad.is_some() || s.status != ActorStatus::Active {
            return s;
        }
    }
    panic!("never fled");
}

#[test]
fn a_hunted_organiser_moves_to_the_country_of_their_strongest_contact_abroad_and_works_on() {
    let mut b = Bench::mini_with(|s| {
        let boss = s.actor("boss").expect("the organiser");
        s.actors[boss].caution = 100;
    });
    let boss = b.actor("boss");
    let trans = b.setup().actors[b.actor("boss2")].country;
    let s = hunted(&mut b, boss);
    assert_eq!((s.status, s.abroad), (ActorStatus::Active, Some(trans)));
    assert_eq!(s.alert, 40);
}

#[test]
fn an_organiser_with_no_one_abroad_and_the_rest_of_the_network_hide_at_home() {
    let mut b = Bench::mini_with(|s| {
        let boss2 = s.actor("boss2").expect("the organiser");
        let forger = s.actor("forger").expect("the forger");
        s.actors[boss2].caution = 100;
        s.actors[forger].caution = 100;
    });
    let (boss, boss2, forger) = (b.actor("boss"), b.actor("boss2"), b.actor("forger"));
    // boss2's only contact abroad is under arrest.
    b.set_actor(boss, |s| s.status = ActorStatus::Arrested);
    for who in [boss2, forger] {
        let s = hunted(&mut b, who);
        assert_eq!((s.status, s.abroad), (ActorStatus::Fled, None));
    }
}

#[test]
fn a_member_who_fled_comes_back_when_their_time_is_up_still_wary() {
    let mut b = Bench::mini();
    let captain = b.actor("cap1");
    b.set_actor(captain, |s| {
        s.status = ActorStatus::Fled;
        s.returns_at = Some(2);
    });
    b.next_turn();
    b.run(warn_network);
    assert_eq!(b.actor_state(captain).status, ActorStatus::Fled);
    b.next_turn();
    b.run(warn_network);
    let s = b.actor_state(captain);
    assert_eq!(
        (s.status, s.returns_at, s.alert),
        (ActorStatus::Active, None, 40)
    );
}

#[test]
fn aides_paid_by_the_task_are_replaced_easily_organisers_and_brokers_hardly() {
    assert!(replacement_odds(Role::BoatCaptain) > replacement_odds(Role::Recruiter));
    assert!(replacement_odds(Role::Recruiter) > replacement_odds(Role::MoneyBroker));
    assert!(replacement_odds(Role::MoneyBroker) > replacement_odds(Role::Organiser));
    assert_eq!(replacement_odds(Role::Organiser), 5);
}

#[test]
fn only_a_place_lost_before_this_turn_and_not_yet_filled_is_vacant() {
    let mut s = ActorState::new(false);
    s.status = ActorStatus::Arrested;
    s.vacant_since = Some(3);
    assert!(!vacant(&s, 3));
    assert!(vacant(&s, 4));
    s.replaced = true;
    assert!(!vacant(&s, 4));
    s.replaced = false;
    s.status = ActorStatus::Active;
    assert!(!vacant(&s, 4));
}

#[test]
fn a_dormant_reserve_of_the_same_role_takes_over_three_quarters_of_the_ties() {
    let mut b = Bench::mini();
    let (captain, reserve, boss) = (b.actor("cap1"), b.actor("cap2"), b.actor("boss2"));
    let setup = b.setup().clone();
    let mut statuses = vec![ActorStatus::Active; setup.actors.len()];
    statuses[reserve] = ActorStatus::Dormant;
    assert_eq!(
        reserve_for(&setup, &statuses, &setup.actors[captain]),
        Some(reserve)
    );
    let driver = b.actor("drv1");
    assert_eq!(reserve_for(&setup, &statuses, &setup.actors[driver]), None);
    statuses[reserve] = ActorStatus::Active;
    assert_eq!(reserve_for(&setup, &statuses, &setup.actors[captain]), None);

    let mut network = b.resource::<Network>().clone();
    inherit_ties(&mut network, captain, reserve);
    assert_eq!(tie(&network, reserve, boss), Some(60 * 3 / 4));
    assert_eq!(tie(&network, boss, reserve), Some(60 * 3 / 4));
    // The kinship tie between the two captains stays as it was, and the
    // reserve is not tied to themselves.
    assert_eq!(tie(&network, reserve, captain), Some(70));
    assert_eq!(tie(&network, reserve, reserve), None);
}

#[test]
fn linking_strengthens_an_existing_tie_and_keeps_lists_sorted() {
    let mut ties = vec![Vec::new(); 4];
    link(&mut ties, ActorIx(2), ActorIx(0), TieKind::Command, 30);
    link(&mut ties, ActorIx(2), ActorIx(3), TieKind::Finance, 10);
    link(&mut ties, ActorIx(2), ActorIx(0), TieKind::Command, 20);
    link(&mut ties, ActorIx(2), ActorIx(0), TieKind::Command, 50);
    let others: Vec<(ActorIx, u32)> = ties[2].iter().map(|t| (t.other, t.strength)).collect();
    assert_eq!(others, vec![(ActorIx(0), 50), (ActorIx(3), 10)]);
    assert_eq!(ties[0][0].strength, 50);
}

#[test]
fn an_organiser_under_heat_weakens_ties_to_aides_but_not_to_peers_money_or_the_delegate() {
    let mut b = Bench::mini();
    let (boss, broker, boss2, keeper, rec1) = (
        b.actor("boss"),
        b.actor("broker"),
        b.actor("boss2"),
        b.actor("keeper"),
        b.actor("rec1"),
    );
    b.set_actor(boss, |s| s.alert = INSULATION_ALERT - 1);
    b.run(insulate_organisers);
    assert_eq!(tie(&b.resource::<Network>(), boss, rec1), Some(40));

    b.set_actor(boss, |s| s.alert = INSULATION_ALERT);
    b.run(insulate_organisers);
    let network = b.resource::<Network>().clone();
    assert_eq!(tie(&network, boss, rec1), Some(30));
    assert_eq!(tie(&network, rec1, boss), Some(30));
    // The keeper, the aide the boss trusts most, is the delegate.
    assert_eq!(tie(&network, boss, keeper), Some(60));
    assert_eq!(tie(&network, boss, broker), Some(80));
    assert_eq!(tie(&network, boss, boss2), Some(70));
    let setup = b.setup().clone();
    assert_eq!(organiser_exposure(&setup, &network, boss), 30 + 30 + 60);
}

#[test]
fn aides_worn_thin_are_handed_to_the_delegate_and_the_organiser_moves_to_the_edge() {
    let mut b = Bench::mini();
    let (boss, keeper, rec1, rec2) = (
        b.actor("boss"),
        b.actor("keeper"),
        b.actor("rec1"),
        b.actor("rec2"),
    );
    b.set_actor(boss, |s| s.alert = 60);
    for _ in 0..2 {
        b.run(insulate_organisers);
    }
    assert_eq!(tie(&b.resource::<Network>(), boss, rec1), Some(20));
    b.run(insulate_organisers);
    let network = b.resource::<Network>().clone();
    for aide in [rec1, rec2] {
        assert_eq!(tie(&network, boss, aide), None, "the direct tie is dropped");
        assert_eq!(tie(&network, aide, boss), None);
        assert_eq!(
            tie(&network, keeper, aide),
            Some(40),
            "the delegate runs them"
        );
        assert_eq!(tie(&network, aide, keeper), Some(40));
    }

    // With the delegate held, the next most trusted aide at work takes over.
    let mut b = Bench::mini();
    b.set_actor(keeper, |s| s.status = ActorStatus::Arrested);
    b.set_actor(boss, |s| s.alert = 60);
    for _ in 0..3 {
        b.run(insulate_organisers);
    }
    let network = b.resource::<Network>().clone();
    assert_eq!(
        tie(&network, boss, keeper),
        Some(30),
        "a held aide is only kept at a distance"
    );
    assert_eq!(tie(&network, boss, rec1), Some(40), "rec1 is the delegate");
    assert_eq!(tie(&network, rec1, rec2), Some(40));
    assert_eq!(tie(&network, boss, rec2), None);
}

#[test]
fn a_member_lost_with_no_reserve_is_replaced_by_a_contact_who_takes_on_their_contacts() {
    let mut b = Bench::mini();
    let (rec1, drv0, boss, broker) = (
        b.actor("rec1"),
        b.actor("drv0"),
        b.actor("boss"),
        b.actor("broker"),
    );
    b.set_actor(rec1, |s| s.status = ActorStatus::Arrested);
    let setup = b.setup().clone();
    let mut network = b.resource::<Network>().clone();
    let statuses: Vec<ActorStatus> = ActorIx::all(setup.actors.len())
        .map(|i| b.actor_state(i).status)
        .collect();
    // rec1's contacts at work: the boss (an organiser, who does no
    // legwork), the driver (60) and the money broker (50).
    assert_eq!(broker_for(&setup, &network, &statuses, rec1), Some(drv0));
    take_over_contacts(&mut network, rec1, drv0);
    assert_eq!(tie(&network, drv0, boss), Some(20));
    assert_eq!(tie(&network, drv0, broker), Some(25));

    // A contact of the same role comes first.
    let rec2 = b.actor("rec2");
    link(&mut network.ties, rec1, rec2, TieKind::Communication, 10);
    assert_eq!(broker_for(&setup, &network, &statuses, rec1), Some(rec2));
}

#[test]
fn an_organiser_who_lost_the_money_reaches_a_new_broker_through_a_trusted_contact() {
    let mut b = Bench::mini_with(|s| {
        let official = s
            .actors
            .iter()
            .position(|a| a.id == "official")
            .expect("official");
        s.actors[official].role = Role::MoneyBroker;
    });
    let (boss, broker, keeper, official) = (
        b.actor("boss"),
        b.actor("broker"),
        b.actor("keeper"),
        b.actor("official"),
    );
    let setup = b.setup().clone();
    let mut network = b.resource::<Network>().clone();
    link(&mut network.ties, keeper, official, TieKind::Finance, 50);
    let mut statuses: Vec<ActorStatus> = ActorIx::all(setup.actors.len())
        .map(|i| b.actor_state(i).status)
        .collect();
    reach_new_partners(&setup, &statuses, &mut network);
    assert_eq!(
        tie(&network, boss, official),
        None,
        "the boss still has the money"
    );

    statuses[broker] = ActorStatus::Arrested;
    reach_new_partners(&setup, &statuses, &mut network);
    // Introduced by the boss's most trusted contact who knows one: the
    // other organiser (tie 70), who pays the official (70); the keeper
    // (60) knows the official too, but is trusted less.
    assert_eq!(tie(&network, boss, official), Some(35));
}

#[test]
fn a_route_runs_only_with_a_crew_for_each_leg() {
    let b = Bench::mini();
    let setup = b.setup();
    let sea = setup.route("sea").expect("the sea route");
    let (captain, reserve) = (b.actor("cap1"), b.actor("cap2"));
    let at_work = |i: ActorIx| {
        if i == reserve {
            ActorStatus::Dormant
        } else {
            ActorStatus::Active
        }
    };
    let captain_held = |i: ActorIx| {
        if i == captain {
            ActorStatus::Arrested
        } else {
            at_work(i)
        }
    };
    assert!(route_crewed(setup, &at_work, sea, 1));
    assert!(!route_crewed(setup, &captain_held, sea, 1));
    assert!(route_crewed(setup, &captain_held, sea, 0), "a land leg");
}

fn recruited(b: &mut Bench) -> Vec<Group> {
    let mut groups: Vec<Group> = (2..b.resource::<Network>().groups_created)
        .map(|seq| b.group(seq))
        .collect();
    groups.sort_by_key(|g| g.seq);
    groups
}

#[test]
fn recruiters_send_a_group_every_so_many_turns_from_the_first() {
    let mut b = Bench::mini();
    let (rec1, rec2) = (b.actor("rec1"), b.actor("rec2"));
    b.next_turn();
    b.run(recruit_groups);
    let first: Vec<(String, u32, u32, Option<ActorIx>)> = recruited(&mut b)
        .into_iter()
        .map(|g| (g.id, g.size, g.depart_turn, g.recruiter))
        .collect();
    assert_eq!(
        first,
        vec![
            ("sea-01-0".to_string(), 25, 2, Some(rec1)),
            ("land-01-1".to_string(), 10, 2, Some(rec2)),
        ]
    );
    b.next_turn();
    b.run(recruit_groups);
    assert_eq!(recruited(&mut b).len(), 2, "none on turn 2");
    b.next_turn();
    b.run(recruit_groups);
    assert_eq!(
        recruited(&mut b).last().map(|g| g.id.clone()),
        Some("sea-03-0".into())
    );
}

#[test]
fn trafficked_recruits_take_the_routes_purposes_in_turn_and_the_smuggled_none() {
    let kinds = [Exploitation::Sexual, Exploitation::ForcedCriminality];
    let mut b = Bench::mini_with(|s| {
        for rec in &mut s.scenario.recruitment {
            rec.every = 1;
            rec.trafficking_share = 100;
            rec.exploitation = kinds.to_vec();
        }
    });
    for _ in 0..3 {
        b.next_turn();
        b.run(recruit_groups);
    }
    let groups = recruited(&mut b);
    assert!(groups.len() >= 4);
    for g in &groups {
        assert_eq!(g.exploitation, Some(kinds[g.seq as usize % 2]), "{}", g.id);
    }
    let mut b = Bench::mini_with(|s| {
        for rec in &mut s.scenario.recruitment {
            rec.trafficking_share = 0;
        }
    });
    b.next_turn();
    b.run(recruit_groups);
    assert!(recruited(&mut b).iter().all(|g| g.exploitation.is_none()));
}

#[test]
fn a_route_that_does_not_run_loses_its_recruits_to_another_from_the_same_origin() {
    let mut b = Bench::mini();
    let sea = b.setup().route("sea").expect("the sea route");
    b.resource::<Network>().route_closed_until[sea] = 5;
    b.next_turn();
    b.run(recruit_groups);
    let ids: Vec<String> = recruited(&mut b).into_iter().map(|g| g.id).collect();
    assert_eq!(ids, vec!["land-01-0".to_string(), "land-01-1".to_string()]);

    let mut b = Bench::mini();
    let land = b.setup().route("land").expect("the land route");
    b.resource::<Network>().route_closed_until = vec![5; 2];
    assert_eq!(land, RouteIx(1));
    b.next_turn();
    b.run(recruit_groups);
    assert!(recruited(&mut b).is_empty());
}

#[test]
fn without_an_active_recruiter_of_the_origin_no_one_is_recruited() {
    let mut b = Bench::mini();
    for id in ["rec1", "rec2"] {
        let a = b.actor(id);
        b.set_actor(a, |s| s.status = ActorStatus::Arrested);
    }
    b.next_turn();
    b.run(recruit_groups);
    assert!(recruited(&mut b).is_empty());
}

#[test]
fn people_returned_at_risk_may_be_recruited_again_from_the_next_turn_within_the_window() {
    let at_risk = |risk, returned| AtRisk {
        from_group: "g2".into(),
        size: 12,
        route: RouteIx(1),
        indicators: vec![Indicator::DECEPTION],
        exploitation: Some(Exploitation::Labour),
        returned,
        risk,
    };
    let mut b = Bench::mini_with(|s| s.scenario.recruitment.clear());
    b.next_turn();
    b.resource::<Network>().at_risk = vec![at_risk(100, 1), at_risk(0, 1)];
    b.run(recruit_groups);
    assert!(
        recruited(&mut b).is_empty(),
        "not on the turn of their return"
    );
    assert_eq!(b.resource::<Network>().at_risk.len(), 2);

    b.next_turn();
    b.run(recruit_groups);
    let again: Vec<Group> = recruited(&mut b);
    assert_eq!(again.len(), 1);
    let g = &again[0];
    assert_eq!(
        (
            g.id.as_str(),
            g.size,
            g.vulnerability,
            g.re_trafficked_from.as_deref()
        ),
        ("g2-again-02", 12, 80, Some("g2"))
    );
    assert_eq!(b.resource::<Tally>().total.re_trafficked, 12);
    assert_eq!(b.resource::<Network>().at_risk, vec![at_risk(0, 1)]);

    for _ in 0..RISK_WINDOW {
        b.next_turn();
    }
    b.run(recruit_groups);
    assert!(
        b.resource::<Network>().at_risk.is_empty(),
        "past the window"
    );
}

/// People recruited on turn 1 by route id, with the sea route's learnt
/// risk set and a transporter held.
fn passage_on_turn_one(sea_risk: u32, held: &[&str]) -> (Vec<(String, u32)>, u32) {
    let mut b = Bench::mini();
    let sea = b.setup().route("sea").expect("the sea route");
    b.resource::<Network>().route_risk[sea] = sea_risk;
    for id in held {
        let a = b.actor(id);
        b.set_actor(a, |s| s.status = ActorStatus::Arrested);
    }
    b.next_turn();
    b.run(recruit_groups);
    let groups = recruited(&mut b);
    let stayed = b.resource::<Network>().stayed_home;
    (groups.into_iter().map(|g| (g.id, g.size)).collect(), stayed)
}

#[test]
fn recruits_keep_a_route_the_network_has_learnt_no_risk_on() {
    let (groups, stayed) = passage_on_turn_one(0, &[]);
    assert_eq!(
        groups,
        vec![("sea-01-0".into(), 25), ("land-01-1".into(), 10)]
    );
    assert_eq!(stayed, 0);
}

#[test]
fn heat_moves_recruits_to_a_safer_route_as_far_as_its_seats_and_their_means_go() {
    // The sea route now asks 9000 a seat against the 3000 they were
    // sold; the land route asks 4000 and its two drivers have 40 seats,
    // 10 taken by its own recruits. At 4000, 21 of the 25 still go.
    let (groups, stayed) = passage_on_turn_one(200, &[]);
    assert_eq!(
        groups,
        vec![("land-01-0".into(), 21), ("land-01-1".into(), 10)]
    );
    assert_eq!(stayed, 4);

    // With one driver held the land route has 10 seats to spare; of the
    // rest, those still willing at 9000 (12 of 25) take the boat.
    let (groups, stayed) = passage_on_turn_one(200, &["drv1"]);
    assert_eq!(
        groups,
        vec![
            ("land-01-0".into(), 10),
            ("sea-01-0".into(), 2),
            ("land-01-1".into(), 10)
        ]
    );
    assert_eq!(stayed, 13);
}

/// The mini world with its land route a candidate the network keeps in
/// reserve, at turn 0 with the sea route's learnt risk set.
fn land_in_reserve(sea_risk: u32) -> Bench {
    let mut b = Bench::mini_with(|s| {
        let land = s.route("land").expect("the land route");
        s.routes[land].candidate = true;
    });
    let sea = b.setup().route("sea").expect("the sea route");
    b.resource::<Network>().route_risk[sea] = sea_risk;
    b
}

#[test]
fn a_candidate_route_is_no_ones_to_know_and_unused_while_the_routes_in_use_are_quiet() {
    let mut b = land_in_reserve(OPENING_RISK - 1);
    let land = b.setup().route("land").expect("the land route");
    let knowledge = b.resource::<crate::engine::knowledge::Knowledge>().clone();
    assert!(knowledge.0.iter().all(|k| !k.routes.contains(&land)));
    for _ in 0..4 {
        b.next_turn();
        b.run(recruit_groups);
    }
    let routes: Vec<RouteIx> = recruited(&mut b).iter().map(|g| g.route).collect();
    assert!(!routes.contains(&land), "{routes:?}");
    assert!(b.resource::<Network>().opened_on.is_empty());
}

#[test]
fn the_network_opens_a_candidate_route_when_heat_doubles_the_price_of_one_in_use() {
    let mut b = land_in_reserve(OPENING_RISK);
    let land = b.setup().route("land").expect("the land route");
    b.next_turn();
    b.run(recruit_groups);
    // At 4000 a seat, 21 of the 25 sold a 3000 passage still go; the
    // boat, at 6000, keeps none the land route could not take. Open,
    // the route takes its own recruits from then on.
    let groups: Vec<(String, u32)> = recruited(&mut b)
        .into_iter()
        .map(|g| (g.id, g.size))
        .collect();
    assert_eq!(
        groups,
        vec![("land-01-0".into(), 21), ("land-01-1".into(), 10)]
    );
    assert_eq!(b.resource::<Network>().opened_on.get(&land), Some(&1));
}

#[test]
fn the_network_learns_a_routes_risk_from_the_pressure_it_felt_with_a_lag() {
    let mut b = Bench::mini_with(|s| s.scenario.recruitment.clear());
    b.resource::<Network>().route_pressure = vec![80, 0];
    b.next_turn();
    b.run(recruit_groups);
    assert_eq!(b.resource::<Network>().route_risk, vec![40, 0]);
    b.next_turn();
    b.run(recruit_groups);
    assert_eq!(b.resource::<Network>().route_risk, vec![50, 0]);
}

#[test]
fn each_group_is_credited_to_the_recruiter_who_brought_it_in() {
    let mut b = Bench::mini_with(|s| {
        let rec2 = s.actors.iter().position(|a| a.id == "rec2").expect("rec2");
        s.actors[rec2].route = None;
    });
    let (rec1, rec2) = (b.actor("rec1"), b.actor("rec2"));
    for _ in 0..16 {
        b.next_turn();
        b.run(recruit_groups);
    }
    let sea_groups: Vec<Option<ActorIx>> = recruited(&mut b)
        .into_iter()
        .filter(|g| g.id.starts_with("sea"))
        .map(|g| g.recruiter)
        .collect();
    assert_eq!(sea_groups.len(), 8);
    assert!(sea_groups.contains(&Some(rec1)), "{sea_groups:?}");
    assert!(sea_groups.contains(&Some(rec2)), "{sea_groups:?}");
}

#[test]
fn pressure_on_routes_fades_by_a_quarter_each_turn() {
    let mut b = Bench::mini_with(|s| s.scenario.recruitment.clear());
    b.resource::<Network>().route_pressure = vec![80, 41];
    b.next_turn();
    b.run(recruit_groups);
    assert_eq!(b.resource::<Network>().route_pressure, vec![60, 30]);
}
