//! Kinds of agency are data: a scenario defines a kind of its own (here a
//! border guard in Transia, on the small engine world) or redefines one of
//! the catalogue's, and the team plays by that definition alone.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::bots::Policy;
use undertow::engine::events::{Event, SignalKind};
use undertow::engine::rules::works_leg;
use undertow::engine::setup::TeamIx;
use undertow::scenario::{ActionKind, Agency, Mode};
use undertow::session::Session;

const MINI: &str = "tests/fixtures/engine/mini.ron";
const BIN: &str = env!("CARGO_BIN_EXE_undertow");

const BORDER_GUARD: &str = r#"
    agencies: [
        AgencyDef(
            id: BorderGuard,
            name: "border guard",
            stops: [Land],
            hears: [Groups],
            actions: [Analysis, Interdiction, Arrest, ScreeningInterview, Referral, ShareIntel],
        ),
    ],
"#;

/// The small world with Transia's immigration service turned into a border
/// guard of the scenario's own definition.
fn border_guard_text() -> String {
    let text = std::fs::read_to_string(MINI).expect("the fixture reads");
    let text = text.replace(
        r#"Team(id: "trans_immigration", name: "Transia Immigration", country: "trans", agency: Immigration,"#,
        r#"Team(id: "trans_border", name: "Transia Border Guard", country: "trans", agency: BorderGuard,"#,
    );
    assert!(text.contains("agency: BorderGuard"), "the fixture changed");
    with_agencies(&text, BORDER_GUARD)
}

fn with_agencies(text: &str, agencies: &str) -> String {
    let at = text.rfind(')').expect("the scenario closes");
    format!("{}{agencies}{}", &text[..at], &text[at..])
}

fn start(text: &str, seed: u64) -> Session {
    let scenario = undertow::scenario::parse_scenario(MINI, text).expect("parses and checks");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    Session::start(MINI, text, scenario, catalog, seed, None).expect("starts")
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("undertow-agencies-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

#[test]
fn a_kind_the_scenario_defines_has_the_mandate_it_is_given_and_no_other() {
    let s = start(&border_guard_text(), 1);
    let setup = s.setup();
    let guard = setup.team("trans_border").expect("the border guard");
    let info = &setup.teams[guard];
    assert_eq!(info.agency.id, Agency::new("BorderGuard"));
    assert_eq!(info.agency.name, "border guard");
    let mut actions = info.actions.clone();
    actions.sort();
    let mut expected = vec![
        ActionKind::Analysis,
        ActionKind::Interdiction,
        ActionKind::Arrest,
        ActionKind::ScreeningInterview,
        ActionKind::Referral,
        ActionKind::ShareIntel,
    ];
    expected.sort();
    assert_eq!(actions, expected);
    // Every other team sees what the guard may order, and its kind by name.
    let police = setup.team("trans_police").expect("Transia's police");
    let view = s.view(police);
    let seen = view
        .teams
        .iter()
        .find(|t| t.id == "trans_border")
        .expect("the police see the guard");
    assert_eq!(seen.agency, Agency::new("BorderGuard"));
    assert!(seen.can(ActionKind::Interdiction) && !seen.can(ActionKind::Raid));
    let json = serde_json::to_string(&view).expect("the view encodes");
    assert!(json.contains(r#""agency":"BorderGuard""#), "{json}");
}

#[test]
fn a_border_guard_stops_people_on_land_legs_through_its_country_and_not_at_sea() {
    let s = start(&border_guard_text(), 1);
    let setup = s.setup();
    let guard = setup.team("trans_border").expect("the border guard");
    let coop = &s.snapshot().cooperation;
    for (r, route) in setup.routes.iter().enumerate() {
        for leg in &route.legs {
            let through_transia = [leg.from, leg.to]
                .iter()
                .any(|&p| setup.places[p].country == Some(setup.teams[guard].country));
            let expected = leg.mode == Mode::Land && through_transia;
            assert_eq!(
                works_leg(setup, coop, guard, undertow::engine::setup::RouteIx(r), leg),
                expected,
                "{} leg {:?}",
                route.id,
                leg.mode
            );
        }
    }
}

/// Every team plays `policy` for `turns` turns; the orders each team gave.
fn play(s: &mut Session, policy: Policy, turns: u32) -> Vec<Vec<ActionKind>> {
    let mut given = vec![Vec::new(); s.setup().teams.len()];
    for _ in 0..turns {
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, policy);
            given[t.index()].extend(orders.iter().map(|o| o.action));
            s.set_orders(t, orders);
        }
        s.commit().expect("commits");
    }
    given
}

#[test]
fn a_border_guard_hears_first_of_the_people_met_at_its_crossings() {
    let mut heard = 0;
    for seed in 1..=10 {
        let mut s = start(&border_guard_text(), seed);
        let guard = s.setup().team("trans_border").expect("the border guard");
        let police = s.setup().team("trans_police").expect("Transia's police");
        play(&mut s, Policy::Passive, 12);
        let border_checks = |team: TeamIx| {
            s.view(team)
                .messages
                .iter()
                .filter(|m| {
                    matches!(
                        m.event,
                        Some(Event::Signal {
                            kind: SignalKind::BorderCheck,
                            ..
                        })
                    )
                })
                .count()
        };
        heard += border_checks(guard);
        assert_eq!(
            border_checks(police),
            0,
            "border checks in Transia reach its border guard, not its police"
        );
    }
    assert!(heard > 0, "the guard heard of no group in ten runs");
}

#[test]
fn bots_play_a_border_guard_by_its_mandate() {
    let mut worked = 0;
    for seed in 1..=5 {
        let mut s = start(&border_guard_text(), seed);
        let guard = s.setup().team("trans_border").expect("the border guard");
        let allowed = s.setup().teams[guard].actions.clone();
        let given = play(&mut s, Policy::Baseline, 8);
        assert!(
            given[guard.index()].iter().all(|a| allowed.contains(a)),
            "{:?}",
            given[guard.index()]
        );
        worked += given[guard.index()].len();
    }
    assert!(worked > 0, "the guard's bot gave no order in five runs");
}

#[test]
fn a_scenario_may_redefine_a_catalogue_kind_for_itself() {
    let text = with_agencies(
        &std::fs::read_to_string(MINI).expect("the fixture reads"),
        r#"agencies: [AgencyDef(id: Immigration, name: "immigration service")],"#,
    );
    let s = start(&text, 1);
    let setup = s.setup();
    let immigration = setup.team("trans_immigration").expect("immigration");
    // Its mandate still comes from the catalogue; it no longer stops anyone.
    assert!(
        setup.teams[immigration]
            .actions
            .contains(&ActionKind::Interdiction)
    );
    let coop = &s.snapshot().cooperation;
    assert!(setup.routes.iter().enumerate().all(|(r, route)| {
        route.legs.iter().all(|leg| {
            !works_leg(
                setup,
                coop,
                immigration,
                undertow::engine::setup::RouteIx(r),
                leg,
            )
        })
    }));
}

#[test]
fn check_names_an_unknown_kind_and_the_nearest_one() {
    let dir = temp_dir("unknown");
    let text = border_guard_text().replace("agency: BorderGuard,", "agency: BorderGaurd,");
    let path = write(&dir, "typo.ron", &text);
    let out = std::process::Command::new(BIN)
        .args(["check", path.to_str().expect("utf-8")])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("team `trans_border` is of unknown agency kind `BorderGaurd`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `BorderGuard`?"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_refuses_a_kind_defined_twice_or_with_nothing_to_order() {
    let dir = temp_dir("defs");
    let twice = border_guard_text().replace(
        "agencies: [",
        r#"agencies: [AgencyDef(id: BorderGuard, name: "border police", actions: [Analysis]),"#,
    );
    let idle = with_agencies(
        &std::fs::read_to_string(MINI).expect("the fixture reads"),
        r#"agencies: [AgencyDef(id: Ombudsman, name: "ombudsman")],"#,
    );
    for (name, text, expected) in [
        (
            "twice.ron",
            twice,
            "agency kind `BorderGuard` is defined twice",
        ),
        (
            "idle.ron",
            idle,
            "agency kind `Ombudsman` may order no action",
        ),
    ] {
        let path = write(&dir, name, &text);
        let out = std::process::Command::new(BIN)
            .args(["check", path.to_str().expect("utf-8")])
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_run_with_a_kind_of_its_own_replays_from_its_journal() {
    let dir = temp_dir("journal");
    let scenario = write(&dir, "border.ron", &border_guard_text());
    let journal = dir.join("border.journal");
    let run = std::process::Command::new(BIN)
        .args([
            "run",
            scenario.to_str().expect("utf-8"),
            "--seed",
            "3",
            "--bots",
            "baseline",
            "--turns",
            "6",
            "--journal",
            journal.to_str().expect("utf-8"),
        ])
        .output()
        .expect("the binary runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let replay = std::process::Command::new(BIN)
        .args(["replay", journal.to_str().expect("utf-8"), "--verify"])
        .output()
        .expect("the binary runs");
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_catalogue_written_before_kinds_were_data_plays_with_the_shipped_kinds() {
    let shipped = undertow::scenario::default_catalog();
    let text = include_str!("../assets/actions.ron");
    let at = text
        .find("],\n// The kinds of agency")
        .expect("the kinds follow the actions");
    let old = format!("{}])\n", &text[..at]);
    let catalog =
        undertow::scenario::load_catalog("old.ron", &old).expect("an old catalogue loads");
    assert_eq!(catalog.agencies, shipped.agencies);
    assert_eq!(catalog.actions, shipped.actions);
}

#[test]
fn check_refuses_a_kind_whose_name_cannot_be_written_bare() {
    let text = with_agencies(
        &std::fs::read_to_string(MINI).expect("the fixture reads"),
        r#"agencies: [AgencyDef(id: r#Border-Guard, name: "border guard", actions: [Analysis])],"#,
    );
    let err = undertow::scenario::parse_scenario(MINI, &text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("agency kind `Border-Guard` is not a name that can be written bare"),
        "{err}"
    );
}
