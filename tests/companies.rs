//! Legal entities and professional enablers on a small world of their own
//! (`tests/fixtures/labour/agency.ron`): a licensed recruitment agency that
//! places workers with a farm abroad that holds them, a lawyer who keeps its
//! papers and money. Its licence is what makes it work, and what a labour
//! department can take away.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::events::Event;
use undertow::engine::orders::{Order, Target};
use undertow::engine::setup::TeamIx;
use undertow::engine::state::ActorStatus;
use undertow::scenario::ActionKind;
use undertow::session::Session;

const AGENCY: &str = "tests/fixtures/labour/agency.ron";
const BIN: &str = env!("CARGO_BIN_EXE_undertow");

fn start(seed: u64) -> Session {
    let text = std::fs::read_to_string(AGENCY).expect("the fixture reads");
    let scenario = undertow::scenario::parse_scenario(AGENCY, &text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(AGENCY, &text, scenario, catalog, seed, None).expect("starts")
}

fn play(s: &mut Session, policy: Policy, turns: u32) {
    for _ in 0..turns {
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, policy);
            s.set_orders(t, orders);
        }
        s.commit().expect("commits");
    }
}

/// Groups recruited over the run, and how many the agency is credited with.
fn recruited(s: &Session) -> (usize, usize) {
    let agency = s.setup().actor("agency").expect("the agency");
    let groups = &s.snapshot().groups;
    (
        groups.len(),
        groups
            .iter()
            .filter(|g| g.recruiter == Some(agency))
            .count(),
    )
}

#[test]
fn the_agency_world_checks_clean() {
    let out = std::process::Command::new(BIN)
        .args(["check", AGENCY])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_licensed_agency_recruits_on_its_route_and_is_credited_with_its_groups() {
    let mut s = start(1);
    play(&mut s, Policy::Passive, 16);
    let (groups, by_agency) = recruited(&s);
    // Every two turns from the first: eight groups, all its own.
    assert_eq!((groups, by_agency), (8, 8));
}

#[test]
fn the_labour_department_inspects_the_agency_and_suspends_its_licence_and_recruitment_stops() {
    for seed in 1..=5 {
        let mut passive = start(seed);
        play(&mut passive, Policy::Passive, 16);
        let mut s = start(seed);
        play(&mut s, Policy::Baseline, 16);
        let agency = s.setup().actor("agency").expect("the agency");
        let status = s.snapshot().actors[agency.index()].status;
        assert_eq!(status, ActorStatus::Suspended, "seed {seed}");
        let labour = s.setup().team("kalu_labour").expect("the department");
        let view = s.view(labour);
        let suspended_on = view
            .messages
            .iter()
            .find(|m| matches!(m.event, Some(Event::LicenceSuspended { .. })))
            .map(|m| m.turn)
            .expect("the department suspended the licence");
        assert!(
            view.messages.iter().any(|m| m.turn < suspended_on
                && m.text
                    .starts_with("Inspection of a recruitment agency on Bright Horizon")),
            "seed {seed}: the books were read before the licence went"
        );
        // No group is recruited after the licence is gone.
        let agency_ix = agency;
        assert!(
            s.snapshot()
                .groups
                .iter()
                .filter(|g| g.recruiter == Some(agency_ix))
                .all(|g| g.depart_turn <= suspended_on + 1),
            "seed {seed}"
        );
        assert!(recruited(&s).0 < recruited(&passive).0, "seed {seed}");
    }
}

#[test]
fn a_company_is_not_arrested_and_an_arrest_of_it_is_refused_in_words() {
    let mut s = start(1);
    let police = s.setup().team("kalu_police").expect("the police");
    s.set_orders(
        police,
        vec![Order {
            team: "kalu_police".into(),
            action: ActionKind::Arrest,
            target: Target::Actor("agency".into()),
            about: None,
            day: None,
        }],
    );
    s.commit().expect("commits");
    let view = s.view(police);
    assert!(
        view.messages.iter().any(|m| m.text.contains(
            "a company is not a person: inspect its books, freeze its money or suspend its licence"
        )),
        "{:#?}",
        view.messages
    );
    let agency = s.setup().actor("agency").expect("the agency");
    assert_eq!(
        s.snapshot().actors[agency.index()].status,
        ActorStatus::Active
    );
}

#[test]
fn check_refuses_a_licence_held_by_a_person() {
    let text = std::fs::read_to_string(AGENCY)
        .expect("the fixture reads")
        .replace(
            r#"role: Enforcer, country: "meridia", place: Some("farm"), route: Some("placements"), caution: 40, loyalty: 60)"#,
            r#"role: Enforcer, country: "meridia", place: Some("farm"), route: Some("placements"), caution: 40, loyalty: 60, licensed: true)"#,
        );
    assert!(text.contains("licensed: true)"), "the fixture changed");
    let err = undertow::scenario::parse_scenario(AGENCY, &text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains(
            "actor `foreman` is licensed, but only a company holds a licence to recruit (its role is enforcer)"
        ),
        "{err}"
    );
}

/// The world with Meridia's screening list set to `list`.
fn start_listing(seed: u64, list: &str) -> Session {
    let text = std::fs::read_to_string(AGENCY)
        .expect("the fixture reads")
        .replace(
            r#"Country(id: "meridia", name: "Meridia", role: Destination, law: Law(mla_delay: 3)),"#,
            &format!(
                r#"Country(id: "meridia", name: "Meridia", role: Destination, law: Law(mla_delay: 3, screening_indicators: Some([{list}]))),"#
            ),
        );
    assert!(text.contains("screening_indicators"), "the fixture changed");
    let scenario = undertow::scenario::parse_scenario(AGENCY, &text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(AGENCY, &text, scenario, catalog, seed, None).expect("starts")
}

fn identified_in_meridia(s: &Session) -> usize {
    let police = s.setup().team("meridia_police").expect("Meridia's police");
    s.view(police)
        .groups
        .iter()
        .filter(|g| g.victims_identified)
        .count()
}

#[test]
fn a_scenarios_own_indicator_is_found_in_screening_and_read_in_its_words() {
    let mut read = 0;
    for seed in 1..=5 {
        let mut s = start(seed);
        play(&mut s, Policy::Baseline, 16);
        let police = s.setup().team("meridia_police").expect("Meridia's police");
        read += s
            .view(police)
            .messages
            .iter()
            .filter(|m| matches!(m.event, Some(Event::Screened { .. })))
            .filter(|m| m.text.contains("charged recruitment fees"))
            .count();
    }
    assert!(read > 0, "no screening in five runs named the fees");
}

#[test]
fn a_national_list_of_the_scenarios_own_indicator_recognises_the_victims_and_one_without_it_does_not()
 {
    let (mut by_fees, mut by_violence) = (0, 0);
    for seed in 1..=5 {
        let mut s = start_listing(seed, "RecruitmentFees");
        play(&mut s, Policy::Baseline, 16);
        by_fees += identified_in_meridia(&s);
        let mut s = start_listing(seed, "Violence");
        play(&mut s, Policy::Baseline, 16);
        by_violence += identified_in_meridia(&s);
    }
    assert!(by_fees > 0, "screening for the fees recognised no one");
    assert_eq!(by_violence, 0, "no recruit shows violence");
}

#[test]
fn check_names_an_unknown_indicator_and_refuses_to_redefine_a_built_in_one() {
    let base = std::fs::read_to_string(AGENCY).expect("the fixture reads");
    let typo = base.replace(
        "indicators: [RecruitmentFees]",
        "indicators: [RecruitmentFee]",
    );
    let err = undertow::scenario::parse_scenario(AGENCY, &typo)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("unknown indicator `RecruitmentFee`"), "{err}");
    assert!(err.contains("did you mean `RecruitmentFees`?"), "{err}");
    let built_in = base.replace(
        r#"IndicatorDef(id: RecruitmentFees, label: "charged recruitment fees"),"#,
        r#"IndicatorDef(id: RecruitmentFees, label: "charged recruitment fees"), IndicatorDef(id: Isolation, label: "alone"),"#,
    );
    let err = undertow::scenario::parse_scenario(AGENCY, &built_in)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("indicator `Isolation` is built in"), "{err}");
}

#[test]
fn a_raid_on_premises_a_company_is_registered_at_arrests_people_not_the_company() {
    let text = std::fs::read_to_string(AGENCY).expect("the fixture reads").replace(
        r#"        Actor(id: "driver","#,
        r#"        Actor(id: "front", name: "Sunvale Holdings", role: Company, country: "meridia", place: Some("farm"), caution: 40, loyalty: 90, skill: 50),
        Actor(id: "driver","#,
    );
    assert!(text.contains("Sunvale Holdings"), "the fixture changed");
    let scenario = undertow::scenario::parse_scenario(AGENCY, &text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let mut raided = 0;
    for seed in 1..=5 {
        let mut s = Session::start(AGENCY, &text, scenario.clone(), catalog.clone(), seed, None)
            .expect("starts");
        play(&mut s, Policy::Baseline, 16);
        let (front, foreman) = (
            s.setup().actor("front").expect("the front company"),
            s.setup().actor("foreman").expect("the foreman"),
        );
        let status = |a: undertow::engine::setup::ActorIx| s.snapshot().actors[a.index()].status;
        assert_eq!(status(front), ActorStatus::Active, "seed {seed}");
        raided += usize::from(matches!(
            status(foreman),
            ActorStatus::Arrested | ActorStatus::Convicted
        ));
    }
    assert!(
        raided > 0,
        "no raid took the foreman at the farm in five runs"
    );
}
