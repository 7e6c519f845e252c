//! `undertow generate`: generated scenarios validate, and a seed fixes the text.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use undertow::scenario::generate::{GenerateOptions, generate, to_ron};
use undertow::scenario::{Role, load_scenario, render_all};

fn text(actors: usize, teams: usize, seed: u64) -> String {
    let scenario = generate(&GenerateOptions {
        actors,
        teams,
        seed,
    });
    to_ron(&scenario).expect("a generated scenario serialises")
}

fn assert_valid(actors: usize, teams: usize, seed: u64) {
    let t = text(actors, teams, seed);
    let name = format!("generated-{actors}.ron");
    let scenario = match load_scenario(&name, &t) {
        Ok(s) => s,
        Err(d) => panic!("{}", render_all(&d, Some(&t))),
    };
    assert_eq!(scenario.actors.len(), actors);
    assert_eq!(scenario.teams.len(), teams);
    assert_eq!(scenario.turns, 52);
    // About four ties per actor.
    let per_actor = scenario.ties.len() as f64 / actors as f64;
    assert!(
        (3.5..=4.5).contains(&per_actor),
        "{per_actor} ties per actor"
    );
    let organisers = scenario
        .actors
        .iter()
        .filter(|a| a.role == Role::Organiser)
        .count();
    // Few organisers, many aides.
    assert!(
        organisers >= 1 && organisers * 10 <= actors,
        "{organisers} organisers"
    );
    let reserves = scenario.actors.iter().filter(|a| a.reserve).count();
    assert!(reserves * 100 <= actors * 20, "{reserves} reserves");
    assert!(scenario.teams.iter().any(|t| !t.leads.is_empty()));
    assert!(!scenario.injects.is_empty());
    assert!(!scenario.migrant_groups.is_empty());
    assert!(!scenario.recruitment.is_empty());
}

#[test]
fn fifty_actors_validate() {
    assert_valid(50, 6, 1);
}

#[test]
fn two_thousand_actors_validate() {
    assert_valid(2_000, 6, 42);
    let s = generate(&GenerateOptions {
        actors: 2_000,
        teams: 6,
        seed: 42,
    });
    assert!((7_500..=8_500).contains(&s.ties.len()), "{}", s.ties.len());
}

#[test]
fn thirty_teams_validate() {
    assert_valid(300, 30, 5);
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    assert_eq!(text(200, 6, 9), text(200, 6, 9));
    assert_ne!(text(200, 6, 9), text(200, 6, 10));
}

#[test]
fn a_generated_scenario_runs() {
    use undertow::engine::Engine;
    use undertow::engine::orders::TurnInput;
    use undertow::engine::setup::Setup;
    let scenario = generate(&GenerateOptions {
        actors: 50,
        teams: 4,
        seed: 3,
    });
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let setup = Setup::new(scenario, catalog).expect("indexes");
    let mut engine = Engine::new(setup, 3).expect("schedule builds");
    for turn in 1..=3 {
        assert_eq!(engine.step(TurnInput::default()).turn, turn);
    }
}

#[test]
fn the_help_states_the_limits_the_command_enforces() {
    use undertow::scenario::generate::MIN_ACTORS;
    use undertow::scenario::limits::{MAX_ACTORS, MAX_TEAMS};
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_undertow"))
            .args(args)
            .output()
            .expect("the binary runs")
    };
    let help = run(&["generate", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    // Words only: clap wraps the help to the terminal's width.
    let help = String::from_utf8_lossy(&help.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains(&format!("from {MIN_ACTORS} to {MAX_ACTORS}")),
        "{help}"
    );
    assert!(help.contains(&format!("from 1 to {MAX_TEAMS}")), "{help}");
    // And those are the bounds it keeps.
    for (actors, teams, ok) in [
        (MIN_ACTORS, 1, true),
        (MIN_ACTORS - 1, 1, false),
        (MAX_ACTORS + 1, 1, false),
        (MIN_ACTORS, 0, false),
        (MIN_ACTORS, MAX_TEAMS + 1, false),
    ] {
        let (actors, teams) = (actors.to_string(), teams.to_string());
        let out = run(&["generate", "--actors", &actors, "--teams", &teams]);
        assert_eq!(
            out.status.success(),
            ok,
            "--actors {actors} --teams {teams}"
        );
    }
}
