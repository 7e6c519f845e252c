//! The limits `check` puts on what a scenario or catalogue holds, and a few
//! rules best shown on a whole file: each refused with a located message,
//! and nothing `check` refuses ever reaches a turn of `run` or `serve`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::fs;

use undertow::scenario::{load_catalog, load_scenario};

mod common;
use common::Scratch;

/// The fixture every test here alters: a scenario `check` accepts.
fn valid() -> String {
    fs::read_to_string("tests/fixtures/check/valid.ron").unwrap_or_default()
}

/// Every problem found in a scenario's text, as (headline, help).
fn problems_in(text: &str) -> Vec<(String, String)> {
    load_scenario("v.ron", text)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.headline(), d.help.unwrap_or_default()))
        .collect()
}

/// The valid fixture with one replacement, and every problem found in it.
fn problems_after(from: &str, to: &str) -> Vec<(String, String)> {
    let valid = valid();
    assert_eq!(valid.matches(from).count(), 1, "{from}");
    problems_in(&valid.replacen(from, to, 1))
}

#[test]
fn an_empty_teams_list_is_refused() {
    let valid = valid();
    let start = valid.find("    teams: [").unwrap_or(0);
    let end = valid.find("    channels: [").unwrap_or(0);
    let text = format!(
        "{}    teams: [],\n{}",
        &valid[..start],
        &valid[end..]
            .replace(
                "        Channel(a: \"borvia_coastguard\", b: \"caldera_police\"),\n",
                ""
            )
            .replace("            to: [\"borvia_coastguard\"],\n", "")
    );
    let found = problems_in(&text);
    assert_eq!(
        found,
        [(
            "v.ron:23:12: `teams` is empty; no one could play, and a server would wait for ever"
                .to_string(),
            "add at least one `Team(...)`".to_string()
        )]
    );
}

#[test]
fn scoring_weights_have_limits() {
    let max = i64::MAX;
    let found = problems_after(
        "    action_rules: [",
        &format!(
            "    scoring: Scoring(per_arrest: {max}, per_conviction: 3, per_organiser_conviction: 10, \
             per_asset_seized: 2, per_victim_identified: 2, per_victim_protected: 3, \
             per_life_lost: -{max}, per_migrant_criminalised: 1, per_re_trafficked: 3),\n    action_rules: ["
        ),
    );
    assert_eq!(
        found,
        [
            (
                format!("v.ron:127:34: scoring weight `per_arrest` is {max}, beyond ±1000000"),
                "weights run from -1000000 to 1000000; the defaults are 1 to 10".to_string()
            ),
            (
                format!("v.ron:127:191: scoring weight `per_life_lost` is -{max}, beyond ±1000000"),
                "weights run from -1000000 to 1000000; the defaults are 1 to 10".to_string()
            ),
        ]
    );
}

#[test]
fn lists_have_limits() {
    let actors: String = (0..20_001)
        .map(|i| format!("        Actor(id: \"m_{i}\", name: \"M\", role: Transporter, country: \"borvia\"),\n"))
        .collect();
    let groups: String = (0..10_001)
        .map(|i| format!("        MigrantGroup(id: \"g_{i}\", size: 1, route: \"sea_route\"),\n"))
        .collect();
    let objectives: String = (0..101)
        .map(|i| {
            format!(
                "        Objective(id: \"o_{i}\", text: \"t\", criterion: MetricAtLeast(metric: \"arrested\", value: 1, by_turn: 2)),\n"
            )
        })
        .collect();
    let valid = valid();
    let text = valid
        .replace("    actors: [\n", &format!("    actors: [\n{actors}"))
        .replace(
            "    migrant_groups: [\n",
            &format!("    migrant_groups: [\n{groups}"),
        )
        .replace(
            "    objectives: [\n",
            &format!("    objectives: [\n{objectives}"),
        );
    let found = problems_in(&text);
    assert_eq!(
        found,
        [
            (
                "v.ron:11:17: `objectives` has 102 entries, over the limit of 100".to_string(),
                "a scenario holds at most 100 objectives".to_string()
            ),
            (
                "v.ron:184:13: `actors` has 20008 entries, over the limit of 20000".to_string(),
                "a scenario holds at most 20000 actors".to_string()
            ),
            (
                "v.ron:20206:21: `migrant_groups` has 10002 entries, over the limit of 10000"
                    .to_string(),
                "a scenario holds at most 10000 migrant_groups".to_string()
            ),
        ]
    );
}

/// `run` and `serve` load scenarios through the same checks: a scenario
/// `check` refuses never reaches a turn, however large its numbers.
#[test]
fn run_and_serve_refuse_what_check_refuses() {
    let scratch = Scratch::new("limits", "turns");
    let valid = valid();
    for turns in ["4294967295", "20000000"] {
        let path = scratch.write(
            &format!("t{turns}.ron"),
            valid.replace("turns: 12,", &format!("turns: {turns},")),
        );
        let path = path.display().to_string();
        let journal = scratch.0.join(format!("t{turns}.journal"));
        let journal = journal.display().to_string();
        for args in [
            vec!["check", path.as_str()],
            vec!["run", path.as_str(), "--bots", "baseline", "--json"],
            vec![
                "serve",
                path.as_str(),
                "--headless",
                "--bind",
                "127.0.0.1:0",
                "--journal",
                journal.as_str(),
            ],
        ] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_undertow"))
                .args(&args)
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("{args:?}: {e}"));
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.contains(&format!(
                    "{path}:9:12: `turns` is {turns}, over the limit of 520"
                )),
                "{args:?}: {err}"
            );
            assert!(out.stdout.is_empty(), "{args:?}");
        }
        assert!(
            fs::symlink_metadata(&journal).is_err(),
            "no journal is begun"
        );
    }
}

/// A catalogue, shipped or carried in a journal, keeps to the limits too.
#[test]
fn catalogue_numbers_have_limits() {
    let text = include_str!("../assets/actions.ron");
    let first_cost = text.find("cost: 1,").unwrap();
    let end = first_cost + text[first_cost..].find(',').unwrap();
    let bad = format!("{}cost: 4294967295{}", &text[..first_cost], &text[end..]);
    let found: Vec<String> = load_catalog("a.ron", &bad)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        found,
        ["`cost` of action `Analysis` is 4294967295, over the limit of 100"]
    );
}
