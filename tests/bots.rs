//! Bots decide from events, never from the words of a message.

mod common;

use undertow::bots::Policy;
use undertow::engine::orders::Target;
use undertow::engine::setup::TeamIx;
use undertow::scenario::ActionKind;
use undertow::session::Session;

/// The flagship's turn-5 Mayday never says "distress": the coast guards must
/// answer it from the inject's event alone.
#[test]
fn coast_guards_answer_a_mayday_whatever_its_wording() {
    let path = "scenarios/maritime-route.ron";
    let text = std::fs::read_to_string(path).expect("the flagship reads");
    assert!(
        !text
            .lines()
            .skip_while(|l| !l.contains("mayday_pulau_batu"))
            .take(5)
            .any(|l| l.to_lowercase().contains("distress")),
        "the test needs a Mayday worded without the word distress"
    );
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    let mut session = Session::start(path, &text, scenario, catalog, seed, None).expect("starts");
    for _ in 0..5 {
        for t in TeamIx::all(session.setup().teams.len()) {
            let orders = session.bot_orders(t, Policy::Baseline);
            session.set_orders(t, orders);
        }
        session.commit().expect("commits");
    }
    let coast_guard = session
        .setup()
        .team("maluna_coast_guard")
        .expect("the flagship has a Maluna coast guard");
    let orders = session.bot_orders(coast_guard, Policy::Baseline);
    assert!(
        orders
            .iter()
            .any(|o| o.action == ActionKind::SearchAndRescue
                && o.target == Target::Route("archipelago".into())),
        "no search and rescue ordered after the Mayday: {orders:?}"
    );
}

/// The lighter view bots decide from leaves out what no bot reads; every
/// policy, for every team at every turn of a run, decides from it exactly
/// as from the team's whole view.
#[test]
fn a_bot_decides_the_same_from_its_view_as_from_the_whole_view() {
    use undertow::bots::BotKey;
    use undertow::engine::ViewState;
    use undertow::view::{bot_view, team_view};

    for path in ["scenarios/maritime-route.ron", "scenarios/tutorial.ron"] {
        let text = std::fs::read_to_string(path).expect("the scenario reads");
        let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses");
        let catalog =
            undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
        let setup = undertow::engine::setup::Setup::new(scenario, catalog).expect("indexes");
        let seed = 3;
        let mut run = undertow::sweep::Run::new(setup.clone(), seed, Policy::Cooperative)
            .expect("the schedule builds");
        let mut decided = 0;
        while run.turn() < setup.scenario.turns.min(30) {
            let snap = run.engine().snapshot();
            for (t, team) in setup.teams.iter().enumerate() {
                let key = BotKey::derive(seed, &team.id);
                let whole = team_view(&setup, seed, &snap, TeamIx(t));
                let lean = bot_view(&setup, seed, &ViewState::of(&snap), TeamIx(t), &[]);
                assert!(lean.messages.len() <= whole.messages.len());
                for policy in Policy::ALL {
                    let orders = policy.decide(&whole, &key);
                    assert_eq!(
                        policy.decide(&lean, &key),
                        orders,
                        "{path}, turn {}, {}, {}",
                        snap.turn + 1,
                        team.id,
                        policy.name()
                    );
                    decided += orders.len();
                }
            }
            run.play_turn();
        }
        assert!(
            decided > 100,
            "{path}: the bots ordered something ({decided})"
        );
    }
}

/// Cooperative bots propose and join joint teams only where both countries'
/// laws provide for one: with Meridia's law silent, no joint team has a
/// Meridian team in it, while Kesh and Maluna still form theirs.
#[test]
fn cooperative_bots_seek_joint_teams_only_where_both_laws_allow() {
    let path = "scenarios/maritime-route.ron";
    let text = std::fs::read_to_string(path)
        .expect("the scenario reads")
        .replace(
            "law: Law(mla_delay: 4, corruption: 2),",
            "law: Law(mla_delay: 4, corruption: 2, jit_basis: false),",
        );
    let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let mut s = Session::start(path, &text, scenario, catalog, 1, None).expect("starts");
    let meridian = |id: &str| id.starts_with("meridia");
    let mut proposals = 0;
    for _ in 0..20 {
        for t in TeamIx::all(s.setup().teams.len()) {
            let orders = s.bot_orders(t, Policy::Cooperative);
            for o in &orders {
                if matches!(o.action, ActionKind::JitProposal | ActionKind::JitAccept) {
                    let Target::Team(to) = &o.target else {
                        panic!("{o:?}")
                    };
                    assert!(!meridian(&o.team) && !meridian(to), "{o:?}");
                    proposals += 1;
                }
            }
            s.set_orders(t, orders);
        }
        s.commit().expect("commits");
    }
    assert!(proposals > 0, "Kesh and Maluna sought no joint team");
}

/// No message a team reads names a migrant group by the engine's label: a
/// team calls a group by where and when it met it.
#[test]
fn no_message_names_a_group_by_its_internal_label() {
    for path in ["scenarios/maritime-route.ron", "scenarios/air-corridor.ron"] {
        let text = std::fs::read_to_string(path).expect("the scenario reads");
        let scenario = undertow::scenario::parse_scenario(path, &text).expect("parses");
        let catalog =
            undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
        let mut s = Session::start(path, &text, scenario, catalog, 3, None).expect("starts");
        while !s.finished() {
            for t in TeamIx::all(s.setup().teams.len()) {
                let orders = s.bot_orders(t, Policy::Cooperative);
                s.set_orders(t, orders);
            }
            s.commit().expect("commits");
        }
        let labels: Vec<String> = s.snapshot().groups.iter().map(|g| g.id.clone()).collect();
        let mut groups_named = 0;
        for t in TeamIx::all(s.setup().teams.len()) {
            let v = s.view(t);
            for m in &v.messages {
                if let Some(label) = labels.iter().find(|l| m.text.contains(l.as_str())) {
                    panic!("{path}, {}: `{label}` in {:?}", v.team.id, m.text);
                }
                groups_named += usize::from(m.text.contains("the group met at"));
            }
            for g in &v.groups {
                assert!(!g.name.contains(&g.id), "{}", g.name);
            }
        }
        assert!(groups_named > 0, "{path}: no message about a group at all");
    }
}

/// A labour inspectorate is data like any agency: added to the flagship,
/// in Meridia where the orchards are, its bot inspects the worksites it
/// knows and finds the people held there as presumed victims, while it
/// arrests no one.
#[test]
fn a_labour_inspectorate_added_to_a_scenario_inspects_worksites_and_finds_victims() {
    let path = "scenarios/maritime-route.ron";
    let text = std::fs::read_to_string(path).expect("the flagship reads");
    let anchor = "    teams: [\n";
    assert!(text.contains(anchor), "the test adds a team to the list");
    let inspectorate = r#"        Team(
            id: "meridia_labour",
            name: "Meridia Labour Inspectorate",
            country: "meridia",
            agency: LabourInspectorate,
            capacity: 4,
            brief: "You inspect workplaces: farms, packing sheds, care homes.",
        ),
"#;
    let text = text.replacen(anchor, &format!("{anchor}{inspectorate}"), 1);
    let scenario = undertow::scenario::load_scenario(path, &text).expect("checks clean");
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let (mut inspections, mut identified, mut arrested) = (0, 0, 0);
    for seed in 1..=5 {
        let mut s = Session::start(path, &text, scenario.clone(), catalog.clone(), seed, None)
            .expect("starts");
        let labour = s.setup().team("meridia_labour").expect("the inspectorate");
        while !s.finished() {
            for t in TeamIx::all(s.setup().teams.len()) {
                let orders = s.bot_orders(t, Policy::Baseline);
                if t == labour {
                    inspections += orders
                        .iter()
                        .filter(|o| o.action == ActionKind::LabourInspection)
                        .count();
                    assert!(orders.iter().all(|o| o.action != ActionKind::Arrest));
                }
                s.set_orders(t, orders);
            }
            let o = s.commit().expect("commits");
            let mine = &o.metrics.teams["meridia_labour"];
            identified = identified.max(mine.get("victims_identified").copied().unwrap_or(0));
            arrested = arrested.max(mine.get("arrested").copied().unwrap_or(0));
        }
    }
    assert!(inspections >= 5 * 26, "{inspections} inspections ordered");
    assert!(
        identified > 0,
        "no presumed victim identified by inspection"
    );
    assert_eq!(arrested, 0);
}
