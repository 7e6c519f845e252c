//! `undertow analyze` and `undertow import`, run as the real binary: what a
//! user sees on stdout and stderr, and the exit code.
//!
//! The real networks are read from `../shared/data` (never copied here):
//! - Montagna meetings and phone calls: L. Cavallaro et al., "Disrupting
//!   resilient criminal networks through data analysis: the case of Sicilian
//!   Mafia", PLOS ONE 15(8): e0236476 (2020); files from `lcucav/criminal-nets`.
//! - CAVIAR phases 1–11: C. Morselli, *Inside Criminal Networks* (Springer,
//!   2009); files from `ragini30/Networks-Homework` (MIT licence).
//!
//! `tests/fixtures/analysis/cell_edges.txt` and `cell_matrix.csv` are one
//! invented network of nine, written both ways.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use undertow::scenario::{Role, Scenario, load_scenario};

mod common;

const FIXTURES: &str = "tests/fixtures/analysis";
const FLAGSHIP: &str = "scenarios/maritime-route.ron";

/// Runs the binary from the crate root: (exit code, stdout, stderr).
fn undertow(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_undertow"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// A fresh path under cargo's scratch directory for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("analyze_import");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir.join(name)
}

/// Parses `--json` output: one object per line, each with the documented keys
/// (efficiency a number: these runs compute it).
fn json_steps(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line:?}: {e}"));
            for key in ["removed", "lcc_fraction", "efficiency", "removed_ids"] {
                assert!(v.get(key).is_some(), "no `{key}` in {line}");
            }
            assert!(v["lcc_fraction"].is_number() && v["efficiency"].is_number());
            v
        })
        .collect()
}

fn removed_ids(step: &Value) -> Vec<&str> {
    step["removed_ids"]
        .as_array()
        .expect("removed_ids is a list")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// Imports `file` (plus `extra` arguments) to a scratch file, then loads it as `check` would.
fn import_and_load(file: &str, out_name: &str, extra: &[&str]) -> (Scenario, String) {
    let out = scratch(out_name);
    let out_str = out.display().to_string();
    let mut args = vec!["import", file, "-o", &out_str];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = undertow(&args);
    assert_eq!(code, 0, "import {file}: {stderr}");
    assert!(stdout.is_empty(), "with -o nothing goes to stdout");
    let text = std::fs::read_to_string(&out).expect("output written");
    let scenario = load_scenario(&out_str, &text).unwrap_or_else(|d| {
        panic!("{file}: the skeleton does not validate: {d:#?}");
    });
    (scenario, text)
}

#[test]
fn analyze_scenario_prints_a_table_with_names_and_roles() {
    let (code, stdout, stderr) = undertow(&["analyze", FLAGSHIP, "--steps", "3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "scenarios/maritime-route.ron: scenario \"The Karang Strait\", tie strength as weight"
    );
    assert!(
        lines[1].starts_with(
            "47 actors, 96 ties, 1 component, largest 47 actors (100.0%), global efficiency 0."
        ),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "top betweenness (normalised, hops):");
    // Five ranked actors, each with a score, name and role.
    assert!(lines[3].starts_with("  mostafa"), "{stdout}");
    assert!(lines[3].ends_with("Mostafa Kabir, recruiter"), "{stdout}");
    assert!(lines[7].ends_with(", money broker"), "{stdout}");
    let table = lines
        .iter()
        .position(|l| l.starts_with("step  removed"))
        .expect("table header");
    assert_eq!(lines.len(), table + 1 + 4, "steps 0 to 3: {stdout}");
    assert!(
        lines[table + 1].ends_with("100.0%      0.3893  -"),
        "{stdout}"
    );
    assert!(
        lines[table + 2].ends_with("mostafa (Mostafa Kabir, recruiter)"),
        "{stdout}"
    );
}

#[test]
fn analyze_json_is_one_object_per_step_and_nothing_else() {
    let (code, stdout, stderr) = undertow(&["analyze", FLAGSHIP, "--json", "--steps", "5"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let steps = json_steps(&stdout);
    assert_eq!(steps.len(), 6, "the untouched network and five steps");
    let mut last_fraction = f64::INFINITY;
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step["removed"].as_u64(), Some(i as u64));
        // Each line names that step's removal only.
        assert_eq!(removed_ids(step).len(), usize::from(i > 0));
        let fraction = step["lcc_fraction"].as_f64().unwrap_or(f64::NAN);
        assert!(
            fraction <= last_fraction,
            "the largest component never grows"
        );
        last_fraction = fraction;
    }
    assert_eq!(steps[0]["lcc_fraction"].as_f64(), Some(1.0));
    assert_eq!(removed_ids(&steps[1]), ["mostafa"]);
}

#[test]
fn analyze_edge_list_and_matrix_of_one_network_agree() {
    let (code, edges, stderr) = undertow(&["analyze", &fixture("cell_edges.txt"), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, matrix, stderr) = undertow(&["analyze", &fixture("cell_matrix.csv"), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(edges, matrix);
    let steps = json_steps(&edges);
    // Ten steps by default, but the nine nodes are gone after nine.
    assert_eq!(steps.len(), 10);
    // Rosa and Marco tie on betweenness; Rosa comes first in the file.
    assert_eq!(removed_ids(&steps[1]), ["Rosa"]);
    assert_eq!(removed_ids(&steps[2]), ["Marco"]);
    assert_eq!(steps[1]["lcc_fraction"].as_f64(), Some(5.0 / 9.0));
    assert_eq!(steps[9]["lcc_fraction"].as_f64(), Some(0.0));

    // Content decides the format, not the name: the header says which it read.
    let (_, table, _) = undertow(&["analyze", &fixture("cell_edges.txt"), "--steps", "1"]);
    assert!(
        table.starts_with(&format!(
            "{FIXTURES}/cell_edges.txt: edge list, weighted\n9 nodes, 11 edges, 1 component"
        )),
        "{table}"
    );
    assert!(table.contains("\n  Rosa      0.5357\n"), "{table}");
    let (_, table, _) = undertow(&["analyze", &fixture("cell_matrix.csv"), "--steps", "1"]);
    assert!(
        table.starts_with(&format!(
            "{FIXTURES}/cell_matrix.csv: adjacency matrix, weighted\n"
        )),
        "{table}"
    );
    // Forcing the wrong format is a located error, not a guess.
    let (code, stdout, stderr) =
        undertow(&["analyze", &fixture("cell_edges.txt"), "--format", "matrix"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with(&format!(
            "{FIXTURES}/cell_edges.txt:4:1: row id `Don Vito` is not among the header's column ids"
        )),
        "{stderr}"
    );
}

#[test]
fn analyze_list_strategy_removes_the_given_ids_in_order() {
    let file = fixture("cell_edges.txt");
    let (code, stdout, stderr) = undertow(&[
        "analyze",
        &file,
        "--strategy",
        "list",
        "--remove",
        "Iris,Marco",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let steps = json_steps(&stdout);
    assert_eq!(steps.len(), 3, "the list runs out after two");
    assert_eq!(removed_ids(&steps[1]), ["Iris"]);
    assert_eq!(removed_ids(&steps[2]), ["Marco"]);
    // Left: {Don Vito, Rosa} and {Luca, Ana, Nico} and {Paolo, Sofia}.
    assert_eq!(steps[2]["lcc_fraction"].as_f64(), Some(3.0 / 9.0));
    // `--remove` alone means the list strategy.
    let (_, implied, _) = undertow(&["analyze", &file, "--remove", "Iris,Marco", "--json"]);
    assert_eq!(implied, stdout);
    // Names with spaces, and a table that names the removed.
    let (code, table, _) = undertow(&["analyze", &file, "--remove", "Don Vito", "--raid", "1"]);
    assert_eq!(code, 0);
    assert!(
        table.contains("removing by the --remove list, one node per step\n"),
        "{table}"
    );
    assert!(table.trim_end().ends_with("Don Vito"), "{table}");
}

#[test]
fn analyze_raids_remove_k_per_step() {
    let (code, stdout, stderr) =
        undertow(&["analyze", FLAGSHIP, "--raid", "2", "--steps", "3", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let steps = json_steps(&stdout);
    let removed: Vec<u64> = steps.iter().filter_map(|s| s["removed"].as_u64()).collect();
    assert_eq!(removed, [0, 2, 4, 6]);
    // A raid takes the top two before recomputing: so the first raid is the
    // two best-ranked of the untouched network.
    assert_eq!(removed_ids(&steps[1]), ["mostafa", "rudi"]);
    let (_, table, _) = undertow(&["analyze", FLAGSHIP, "--raid", "2", "--steps", "1"]);
    assert!(table.contains("raids of 2"), "{table}");
    assert!(
        table.contains("mostafa (Mostafa Kabir, recruiter); rudi (Rudi Hartono, transporter)"),
        "{table}"
    );
}

#[test]
fn analyze_random_is_reproducible_by_seed() {
    let run = |seed: &str| {
        let (code, stdout, stderr) = undertow(&[
            "analyze",
            FLAGSHIP,
            "--strategy",
            "random",
            "--seed",
            seed,
            "--steps",
            "12",
            "--json",
        ]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let first = run("7");
    assert_eq!(first, run("7"));
    assert_ne!(first, run("8"));
    assert_eq!(json_steps(&first).len(), 13);
}

#[test]
fn analyze_weighted_and_degree_say_what_they_measure() {
    let (code, stdout, _) = undertow(&[
        "analyze",
        FLAGSHIP,
        "--weighted",
        "--strategy",
        "degree",
        "--steps",
        "1",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("top strength (sum of tie weights):"));
    assert!(stdout.contains("removing by highest strength (sum of tie weights)"));
    let (code, stdout, _) = undertow(&["analyze", FLAGSHIP, "--weighted", "--steps", "1"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("top betweenness (normalised, tie distance):"),
        "{stdout}"
    );
    assert!(
        stdout.contains("removing by highest betweenness (tie distance)"),
        "{stdout}"
    );
}

#[test]
fn analyze_errors_go_to_stderr_with_exit_codes() {
    let file = fixture("cell_edges.txt");
    // Unknown ids: exit 1, with the nearest id.
    let (code, stdout, stderr) = undertow(&["analyze", &file, "--remove", "Rosa,Marko"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        format!(
            "error: unknown id `Marko` in --remove: {file} has no such node\nhelp: did you mean `Marco`?\n"
        )
    );
    let (code, _, stderr) = undertow(&["analyze", FLAGSHIP, "--remove", "tariq,nobody_at_all"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "unknown id `nobody_at_all` in --remove: scenarios/maritime-route.ron has no such actor"
        ),
        "{stderr}"
    );
    // A bad file: exit 1, located.
    let (code, stdout, stderr) = undertow(&["analyze", &fixture("bad_weight.txt")]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.starts_with(&format!(
            "{FIXTURES}/bad_weight.txt:2:5: weight `x` is not a number\n"
        )),
        "{stderr}"
    );
    let (code, _, stderr) = undertow(&["analyze", "no/such/file.csv"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("no/such/file.csv:1:1: no such file"),
        "{stderr}"
    );
    // A scenario that does not validate is reported as `check` would.
    let (code, _, stderr) = undertow(&[
        "analyze",
        "tests/fixtures/check/duplicate_id.ron",
        "--format",
        "scenario",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("duplicate"), "{stderr}");
    // Usage errors: exit 2 (clap), nothing on stdout.
    for args in [
        vec!["analyze", file.as_str(), "--strategy", "list"],
        vec![
            "analyze",
            file.as_str(),
            "--strategy",
            "degree",
            "--remove",
            "Rosa",
        ],
        vec!["analyze", file.as_str(), "--raid", "0"],
        vec!["analyze", file.as_str(), "--strategy", "closeness"],
        vec!["analyze", file.as_str(), "--format", "csv"],
        vec!["analyze"],
    ] {
        let (code, stdout, stderr) = undertow(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

#[test]
fn import_of_a_fixture_validates_with_sanitised_ids_and_scaled_strengths() {
    let (scenario, text) = import_and_load(&fixture("cell_edges.txt"), "cell.ron", &[]);
    assert_eq!(scenario.actors.len(), 9);
    assert_eq!(scenario.ties.len(), 11);
    assert!(text.starts_with("// Scenario skeleton made by `undertow import`"));
    assert!(text.contains("REVIEW THE ROLES: 9 of 9 roles were guessed"));
    let vito = &scenario.actors[0];
    assert_eq!(
        (vito.id.as_str(), vito.name.as_str()),
        ("don_vito", "Don Vito")
    );
    assert!(text.contains("// original id \"Don Vito\"; role guessed:"));
    // The strongest tie (12 calls) is 100; one call is 100/12, rounded.
    let strength = |a: &str, b: &str| {
        scenario
            .ties
            .iter()
            .find(|t| t.a == a && t.b == b)
            .map(|t| t.strength)
    };
    assert_eq!(strength("don_vito", "rosa"), Some(100));
    assert_eq!(strength("rosa", "iris"), Some(50));
    assert_eq!(strength("iris", "paolo"), Some(8));
    // Rosa and Marco are the most between; Marco has more ties, so he is
    // guessed the organiser, and Rosa, the cut point to Iris's side, the broker.
    let role = |id: &str| scenario.actors.iter().find(|a| a.id == id).map(|a| a.role);
    assert_eq!(role("marco"), Some(Role::Organiser));
    assert_eq!(role("rosa"), Some(Role::MoneyBroker));
    assert_eq!(role("nico"), Some(Role::BoatCaptain));
    // Three countries with a police team each, one to two leads, two routes.
    assert_eq!(scenario.countries.len(), 3);
    assert_eq!(scenario.teams.len(), 3);
    for team in &scenario.teams {
        assert!((1..=2).contains(&team.leads.len()), "{team:?}");
    }
    let routes: Vec<&str> = scenario.routes.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(routes, ["sea_route", "land_route"]);
    // The same network from the matrix gives the same skeleton, header aside.
    let (_, from_matrix) = import_and_load(&fixture("cell_matrix.csv"), "cell_m.ron", &[]);
    let body = |t: &str| {
        t[t.find("Scenario(").unwrap_or(0)..]
            .replace("cell_matrix.csv", "cell_edges.txt")
            .replace("cell_matrix", "cell_edges")
    };
    assert_eq!(body(&from_matrix), body(&text));
    // And to stdout, with the summary on stderr.
    let (code, stdout, stderr) = undertow(&["import", &fixture("cell_edges.txt")]);
    assert_eq!(code, 0);
    assert_eq!(stdout, text);
    assert_eq!(
        stderr,
        format!(
            "imported {FIXTURES}/cell_edges.txt: 9 actors, 11 ties; 9 of 9 roles guessed from structure: review them (see the comment at the top)\n"
        )
    );
}

#[test]
fn import_takes_roles_from_a_roles_file() {
    let roles = fixture("cell_roles.txt");
    let (scenario, text) = import_and_load(
        &fixture("cell_edges.txt"),
        "cell_roles.ron",
        &["--roles", &roles],
    );
    let role = |id: &str| scenario.actors.iter().find(|a| a.id == id).map(|a| a.role);
    assert_eq!(role("don_vito"), Some(Role::Organiser));
    assert_eq!(role("rosa"), Some(Role::MoneyBroker));
    assert_eq!(role("marco"), Some(Role::Recruiter));
    assert_eq!(role("paolo"), Some(Role::BoatCaptain));
    assert_eq!(role("sofia"), Some(Role::DocumentForger));
    assert!(text.contains(&format!("// 5 roles came from {roles}.")));
    assert!(text.contains("REVIEW THE ROLES: 4 of 9 roles were guessed"));
    assert!(text.contains("\"Sofia\"; role from the roles file"));
}

#[test]
fn import_every_real_data_set_with_the_readme_counts() {
    let Some(dir) = common::shared_data("import_every_real_data_set_with_the_readme_counts") else {
        return;
    };
    // Node and edge counts of the undirected networks: Montagna from the data
    // README, CAVIAR from the networkx reference fixture.
    let mut expected: Vec<(String, usize, usize)> = vec![
        ("montagna/Montagna_meetings_edgelist.csv".into(), 101, 256),
        ("montagna/Montagna_phonecalls_edgelist.csv".into(), 100, 124),
    ];
    let reference: Value =
        serde_json::from_str(include_str!("fixtures/analysis/networkx_reference.json"))
            .expect("fixture is JSON");
    for phase in 1..=11 {
        let name = format!("caviar/phase{phase}.csv");
        let counts = &reference["graphs"][&name];
        let count = |k: &str| counts[k].as_u64().expect("count") as usize;
        expected.push((name.clone(), count("nodes"), count("edges")));
    }
    for (name, nodes, edges) in expected {
        let path = dir.join(&name).display().to_string();
        let out_name = name.replace('/', "_").replace(".csv", ".ron");
        let (scenario, _) = import_and_load(&path, &out_name, &[]);
        assert_eq!(scenario.actors.len(), nodes, "{name} actors");
        assert_eq!(scenario.ties.len(), edges, "{name} ties");
        assert!(
            scenario
                .ties
                .iter()
                .all(|t| (1..=100).contains(&t.strength))
        );
        // `undertow check` agrees.
        let out = scratch(&out_name).display().to_string();
        let (code, stdout, stderr) = undertow(&["check", &out]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(stdout, format!("{out}: ok\n"));
    }
}

#[test]
fn import_caviar_with_the_known_roles_and_play_it() {
    let Some(dir) = common::shared_data("import_caviar_with_the_known_roles_and_play_it") else {
        return;
    };
    // Roles from Morselli's study, as the data README gives them.
    let roles = scratch("caviar_roles.txt");
    std::fs::write(
        &roles,
        "1 organiser\n3 recruiter # his lieutenant\n83 money broker\n85 money_broker\n6 MoneyBroker\n",
    )
    .expect("write roles");
    let phase = dir.join("caviar/phase1.csv").display().to_string();
    let roles = roles.display().to_string();
    let (scenario, _) = import_and_load(&phase, "caviar_known.ron", &["--roles", &roles]);
    let role = |id: &str| scenario.actors.iter().find(|a| a.id == id).map(|a| a.role);
    assert_eq!(role("n1"), Some(Role::Organiser));
    assert_eq!(role("n3"), Some(Role::Recruiter));
    assert_eq!(role("n85"), Some(Role::MoneyBroker));
    // The skeleton is playable: a few headless turns run.
    let out = scratch("caviar_known.ron").display().to_string();
    let (code, stdout, stderr) = undertow(&["run", &out, "--turns", "4"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 4);
}

#[test]
fn import_bad_inputs_get_located_errors() {
    let cases = [
        (
            fixture("ragged_matrix.csv"),
            format!(
                "{FIXTURES}/ragged_matrix.csv:3:6: this matrix row has 3 cells but the header implies 4"
            ),
        ),
        (
            fixture("bad_weight.txt"),
            format!("{FIXTURES}/bad_weight.txt:2:5: weight `x` is not a number"),
        ),
        (
            fixture("empty.txt"),
            format!(
                "{FIXTURES}/empty.txt:1:1: the input holds no nodes or ties (it is empty, blank or only comments)"
            ),
        ),
        (
            FLAGSHIP.to_owned(),
            format!(
                "{FLAGSHIP}:1:1: this is already a scenario; `import` reads edge lists and adjacency matrices"
            ),
        ),
        (
            "no/such/network.csv".to_owned(),
            "no/such/network.csv:1:1: no such file".to_owned(),
        ),
    ];
    for (file, headline) in cases {
        let (code, stdout, stderr) = undertow(&["import", &file]);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert!(stdout.is_empty(), "{file}");
        assert_eq!(stderr.lines().next(), Some(headline.as_str()), "{stderr}");
    }

    // A huge file is refused before a byte of it is read (a sparse file
    // takes no disk space).
    let huge = scratch("huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(undertow::analysis::MAX_INPUT_BYTES + 1)
        .expect("set length");
    let huge = huge.display().to_string();
    let (code, _, stderr) = undertow(&["import", &huge]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.lines().next(),
        Some(
            format!(
                "{huge}:1:1: the input has 67108865 bytes or more; the limit is 67108864 bytes"
            )
            .as_str()
        )
    );

    // A roles file with bad lines: every one reported, located.
    let (code, stdout, stderr) = undertow(&[
        "import",
        &fixture("cell_edges.txt"),
        "--roles",
        &fixture("bad_roles.txt"),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let headlines: Vec<&str> = stderr.lines().filter(|l| l.starts_with(FIXTURES)).collect();
    assert_eq!(
        headlines,
        [
            format!("{FIXTURES}/bad_roles.txt:2:7: unknown role `kingpin`"),
            format!(
                "{FIXTURES}/bad_roles.txt:3:1: unknown id `Marko`: the network has no such node"
            ),
            format!("{FIXTURES}/bad_roles.txt:4:5: expected `id role`, but `Iris` has no role"),
        ]
    );
    assert!(stderr.contains("help: did you mean `Marco`?"), "{stderr}");
    // Nothing half-written when the input is bad.
    let out = scratch("never.ron");
    let _ = std::fs::remove_file(&out);
    let out_str = out.display().to_string();
    let (code, _, _) = undertow(&["import", &fixture("bad_weight.txt"), "-o", &out_str]);
    assert_eq!(code, 1);
    assert!(!out.exists());
    // `--format scenario` is not a format import reads.
    let (code, _, _) = undertow(&["import", &fixture("cell_edges.txt"), "--format", "scenario"]);
    assert_eq!(code, 2);
}
