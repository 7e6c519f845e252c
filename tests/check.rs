//! `undertow check`: every class of bad input gets a located error with the
//! exact message a designer reads, and every shipped file validates.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use undertow::scenario::{
    Diagnostic, check_files, default_catalog, load_catalog, load_scenario, read_source,
    top_level_name,
};

mod common;
use common::Scratch;

const DIR: &str = "tests/fixtures/check";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Every problem `check` finds in a file, whether reading or loading it.
fn problems(path: &str) -> Vec<Diagnostic> {
    let text = match read_source(Path::new(path)) {
        Ok(text) => text,
        Err(problem) => return vec![problem],
    };
    let result = if top_level_name(&text).as_deref() == Some("Catalog") {
        load_catalog(path, &text).map(drop)
    } else {
        load_scenario(path, &text).map(drop)
    };
    result.err().unwrap_or_default()
}

/// The headline and help of the only problem in a file.
fn only_problem(path: &str) -> (String, Option<String>) {
    let found = problems(path);
    assert_eq!(
        found.len(),
        1,
        "expected one problem in {path}, got {found:#?}"
    );
    let d = &found[0];
    (d.headline(), d.help.clone())
}

fn assert_problem(name: &str, headline: &str, help: &str) {
    let path = fixture(name);
    let (got, got_help) = only_problem(&path);
    assert_eq!(got, format!("{path}:{headline}"));
    assert_eq!(got_help.as_deref(), Some(help), "help for {path}");
}

/// Runs the command body: (exit code, stdout, stderr).
fn check(paths: &[PathBuf]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = check_files(paths, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

#[test]
fn valid_scenario_is_ok() {
    assert!(problems(&fixture("valid.ron")).is_empty());
    let (code, out, err) = check(&[fixture("valid.ron").into()]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "tests/fixtures/check/valid.ron: ok\n", "")
    );
}

#[test]
fn unknown_actor_in_tie_suggests_the_nearest_id() {
    assert_problem(
        "unknown_actor_in_tie.ron",
        "94:27: unknown actor `broker-2` in tie",
        "did you mean `broker_2`?",
    );
}

#[test]
fn unknown_actor_renders_with_a_caret_under_the_id() {
    let (code, out, err) = check(&[fixture("unknown_actor_in_tie.ron").into()]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "tests/fixtures/check/unknown_actor_in_tie.ron:94:27: unknown actor `broker-2` in tie
   |
94 |         Tie(a: \"boss\", b: \"broker-2\", kind: Finance, strength: 90),
   |                           ^^^^^^^^^^
help: did you mean `broker_2`?

tests/fixtures/check/unknown_actor_in_tie.ron: invalid (1 error)

"
    );
}

#[test]
fn duplicate_id_points_at_the_second() {
    assert_problem(
        "duplicate_id.ron",
        "55:19: duplicate place id `aur_cove`",
        "`aur_cove` is first defined at 54:19; give each of the places its own id",
    );
}

#[test]
fn route_to_missing_place() {
    assert_problem(
        "route_to_missing_place.ron",
        "69:43: unknown place `cal_harbour` in route `sea_route`",
        "the places are: `aur_capital`, `aur_cove`, `open_sea`, `bor_port`, `bor_border`, `cal_city`",
    );
}

#[test]
fn inject_after_last_turn() {
    assert_problem(
        "inject_after_last_turn.ron",
        "113:27: inject `storm` fires at turn 13, after the last turn (12)",
        "use a turn from 1 to 12, or raise `turns`",
    );
}

#[test]
fn team_of_missing_country() {
    assert_problem(
        "team_of_missing_country.ron",
        "43:22: unknown country `kaldera` in team `caldera_police`",
        "did you mean `caldera`?",
    );
}

#[test]
fn percentage_over_100() {
    assert_problem(
        "percentage_over_100.ron",
        "83:148: `caution` of actor `boss` is 150, over 100 percent",
        "percentages run from 0 to 100",
    );
}

#[test]
fn unreachable_destination() {
    assert_problem(
        "unreachable_destination.ron",
        "77:46: route `land_route` never reaches a destination country: it ends at `bor_border`, in transit country `borvia`",
        "end the last leg at a place in a destination country (`caldera`)",
    );
}

#[test]
fn unknown_field_lists_the_expected_fields() {
    assert_problem(
        "unknown_field.ron",
        "84:118: unknown field `cautoin` in `Actor`",
        "did you mean `caution`? the fields of `Actor` are: `id`, `name`, `alias`, `role`, \
         `country`, `nationality`, `place`, `route`, `caution`, `loyalty`, `skill`, `reserve`, `licensed`",
    );
}

#[test]
fn truncated_file() {
    assert_problem(
        "truncated.ron",
        "87:41: file ends unexpectedly; is it truncated?",
        "it stops inside the string that starts at 87:37; restore the end of the file",
    );
}

#[test]
fn truncated_between_values_names_the_open_bracket() {
    let text = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let cut = text.find("    ties: [").unwrap_or(text.len());
    let problems = load_scenario("cut.ron", &text[..cut])
        .err()
        .unwrap_or_default();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].headline(),
        "cut.ron:91:7: file ends unexpectedly; is it truncated?"
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("the `Scenario(` at 3:1 is never closed; restore the end of the file")
    );
}

#[test]
fn empty_file() {
    assert_problem(
        "empty.ron",
        "1:1: file is empty",
        "a scenario file starts with `Scenario(` and an action catalogue with `Catalog(`",
    );
    let blank = load_scenario("blank.ron", "  \n\t\n")
        .err()
        .unwrap_or_default();
    assert_eq!(
        blank.first().map(Diagnostic::headline).as_deref(),
        Some("blank.ron:1:1: file is empty")
    );
}

#[test]
fn binary_garbage() {
    assert_problem(
        "binary.ron",
        "1:6: this is a binary file, not RON text: it holds a NUL byte",
        "a scenario is a UTF-8 text file; check that this is the right file",
    );
}

#[test]
fn non_utf8_points_at_the_first_bad_byte() {
    assert_problem(
        "non_utf8.ron",
        "88:42: the file is not valid UTF-8: byte 0xE9 here is not part of any character",
        "save the file as UTF-8; it may be in a legacy encoding such as Windows-1252 or Latin-1",
    );
}

#[test]
fn bad_catalogue() {
    let path = fixture("bad_catalog.ron");
    let found: Vec<(String, Option<String>)> = problems(&path)
        .into_iter()
        .map(|d| (d.headline(), d.help))
        .collect();
    let at = |rest: &str| format!("{path}:{rest}");
    assert_eq!(
        found,
        [
            (
                at("11:18: `success` of action `Analysis` is 120, over 100 percent"),
                Some("percentages run from 0 to 100".to_string())
            ),
            (
                at("18:19: action `Surveillance` has no agencies, so no team could order it"),
                Some("list the agencies that may order it, e.g. `agencies: [Police]`".to_string())
            ),
            (
                at("23:15: action `Analysis` is defined twice"),
                Some("`Analysis` is first defined at 5:15; keep one definition".to_string())
            ),
        ]
    );
    // `check` tells a catalogue from a scenario by its top-level name.
    let (code, _, err) = check(&[path.into()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("action `Surveillance` has no agencies"),
        "{err}"
    );
}

#[test]
fn several_errors_are_all_reported_in_source_order() {
    let path = fixture("several_errors.ron");
    let found: Vec<String> = problems(&path)
        .iter()
        .map(|d| d.headline().replacen(&format!("{path}:"), "", 1))
        .collect();
    assert_eq!(
        found,
        [
            "6:17: `start_date` `2025-02-30` is not a valid date",
            "14:46: unknown metric `organizers_convicted` in objective `convict_organiser`",
            "14:89: objective `convict_organiser` is judged at turn 14, after the last turn (12)",
            "33:17: duplicate team id `aurelia_police`",
            "37:23: team `aurelia_police` has capacity 0, so it could never act",
            "50:20: unknown team `borvia_coastguard` in channel",
            "67:43: unknown place `open_sae` in route `sea_route`",
            "78:27: route `land_route` breaks between legs 1 and 2: leg 1 ends at `bor_border` but leg 2 starts at `bor_port`",
            "87:19: duplicate actor id `boss`",
            "95:27: unknown actor `driver_1` in tie",
            "95:66: `strength` of tie is 101, over 100 percent",
            "96:32: unknown actor `aur_capital` in tie",
            "101:77: unknown actor `the_banker` in asset `account_1`",
            "114:18: unknown team `borvia_coastgard` in inject `storm`",
            "121:54: unknown actor `captian_1` in inject `captain_replaced`",
        ]
    );
    let helps: Vec<Option<String>> = problems(&path).into_iter().map(|d| d.help).collect();
    assert_eq!(
        helps[1].as_deref(),
        Some("did you mean `organisers_convicted`?")
    );
    assert_eq!(
        helps[11].as_deref(),
        Some("`aur_capital` is a place, not an actor")
    );
    assert_eq!(helps[14].as_deref(), Some("did you mean `captain_1`?"));

    let (code, _, err) = check(&[path.clone().into()]);
    assert_eq!(code, 1);
    let located = err
        .lines()
        .filter(|l| {
            l.strip_prefix(&format!("{path}:"))
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(located, 15, "{err}");
    assert!(
        err.ends_with("several_errors.ron: invalid (15 errors)\n\n"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let scratch = Scratch::new("check", "deep");
    let brackets = scratch.write("brackets.ron", "[".repeat(100_000));
    let found = problems(&brackets.display().to_string());
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].headline(),
        format!(
            "{}:1:1: expected `Scenario(`, found `[`",
            brackets.display()
        )
    );

    // Nesting the schema allows (conditions within conditions) hits ron's
    // recursion limit instead.
    let valid = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let deep = format!(
        "When({}ActorArrested(\"boss\"){})",
        "AfterTurn(1, ".repeat(100_000),
        ")".repeat(100_000)
    );
    let text = valid.replace("When(AfterTurn(2, ActorArrested(\"captain_1\")))", &deep);
    let path = scratch.write("conditions.ron", &text);
    let (code, _, err) = check(std::slice::from_ref(&path));
    assert_eq!(code, 1);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("{}:122:", path.display()))
            && first.ends_with(": nesting is too deep (over 128 levels)"),
        "{first}"
    );
    // The excerpt of that 1.3-million-character line is clipped.
    assert!(err.lines().all(|l| l.chars().count() < 400), "{err:.2000}");
}

#[test]
fn huge_file_is_refused_before_reading() {
    let scratch = Scratch::new("check", "huge");
    let path = scratch.0.join("huge.ron");
    // A sparse 30 MiB file: instant to make, and refused on its size alone.
    let file = fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(30 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let found = problems(&path.display().to_string());
    assert_eq!(
        found.iter().map(Diagnostic::headline).collect::<Vec<_>>(),
        [format!(
            "{}:1:1: file is 30.0 MiB, over the 16 MiB limit",
            path.display()
        )]
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some("a scenario is a few hundred kilobytes at most; is this the right file?")
    );
}

#[test]
fn missing_file_and_directory() {
    let (code, out, err) = check(&[
        PathBuf::from("tests/fixtures/check/no_such_file.ron"),
        PathBuf::from(DIR),
        fixture("valid.ron").into(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(out, "tests/fixtures/check/valid.ron: ok\n");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "tests/fixtures/check/no_such_file.ron:1:1: no such file"
    );
    assert!(
        lines[1].starts_with("help: check the path; it is relative to "),
        "{err}"
    );
    assert!(err.contains(
        "tests/fixtures/check:1:1: is a directory, not a scenario file\n\
         help: name a `.ron` file inside it, e.g. `scenarios/*.ron`\n"
    ));
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let valid = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let scratch = Scratch::new("check", "bom");
    let path = scratch.write(
        "windows.ron",
        format!("\u{FEFF}{}", valid.replace('\n', "\r\n")),
    );
    let (code, out, err) = check(std::slice::from_ref(&path));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, format!("{}: ok\n", path.display()));
}

/// Every `.ron` file under `dir`, recursively, sorted.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_shipped_file_validates() {
    let files: Vec<PathBuf> = ["scenarios", "assets"]
        .iter()
        .flat_map(|dir| ron_files(Path::new(dir)))
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("actions.ron")),
        "{files:?}"
    );
    let (code, out, err) = check(&files);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), files.len());
}

#[test]
fn default_catalogue_loads_and_validates() {
    let catalog = default_catalog();
    assert!(catalog.actions.len() >= 20);
    let text = include_str!("../assets/actions.ron");
    assert_eq!(load_catalog("assets/actions.ron", text).ok(), Some(catalog));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever happens to a valid file (cut short, a byte dropped, a
    /// character inserted), loading answers with located errors, never a
    /// panic, and rendering them never panics either.
    #[test]
    fn damaged_files_never_panic(
        cut in 0usize..6000,
        drop_at in 0usize..6000,
        insert_at in 0usize..6000,
        insert in prop::sample::select(vec!["(", ")", "[", "]", "\"", ",", ":", "/*", "'", "r#\"", "\u{0}", "é", "\t", "x"]),
    ) {
        let valid = include_str!("fixtures/check/valid.ron");
        let mut text: String = valid.chars().take(cut).collect();
        if drop_at < text.chars().count() {
            text = text.chars().enumerate().filter(|&(i, _)| i != drop_at).map(|(_, c)| c).collect();
        }
        let mut chars: Vec<char> = text.chars().collect();
        let at = insert_at.min(chars.len());
        chars.splice(at..at, insert.chars());
        let text: String = chars.into_iter().collect();
        if let Err(problems) = load_scenario("damaged.ron", &text) {
            prop_assert!(!problems.is_empty());
            let lines = text.split('\n').count();
            for d in &problems {
                prop_assert!(d.line >= 1 && d.line <= lines + 1, "{d:?}");
                prop_assert!(d.col >= 1, "{d:?}");
                let _ = d.render(Some(&text));
            }
        }
    }

    /// Arbitrary text is no more dangerous than damaged text.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        for result in [load_scenario("any.ron", &text).err(), load_catalog("any.ron", &text).err()] {
            for d in result.unwrap_or_default() {
                let _ = d.render(Some(&text));
            }
        }
    }
}

/// A generated scenario with thousands of actors, every tie broken: all the
/// errors are found and rendered without anything quadratic getting in the way.
#[test]
fn large_scenario_with_many_errors() {
    let valid = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let n = 5_000;
    let actors: String = (0..n)
        .map(|i| {
            format!(
                "        Actor(id: \"member_{i}\", name: \"M{i}\", role: Transporter, country: \"borvia\"),\n"
            )
        })
        .collect();
    let ties: String = (0..n)
        .map(|i| format!("        Tie(a: \"member_{i}\", b: \"membre_{i}\", kind: Logistics),\n"))
        .collect();
    let text = valid
        .replace("    actors: [\n", &format!("    actors: [\n{actors}"))
        .replace("    ties: [\n", &format!("    ties: [\n{ties}"));
    let problems = load_scenario("large.ron", &text).err().unwrap_or_default();
    assert_eq!(problems.len(), n);
    assert_eq!(
        problems[0].headline(),
        format!("large.ron:{}:31: unknown actor `membre_0` in tie", 93 + n)
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `member_0`?")
    );
    let rendered = undertow::scenario::render_all(&problems, Some(&text));
    assert_eq!(rendered.matches("large.ron:").count(), n);
}

/// What to replace in the valid fixture, with what, then the headline (without
/// the file name) and help of each problem that must follow.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// One change to the valid fixture per rule, and the problems it must cause.
#[test]
fn each_rule_has_a_located_message() {
    let valid = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let percent = "percentages run from 0 to 100";
    let turn_help = "use a turn from 1 to 12, or raise `turns`";
    let cases: &[Case] = &[
        (
            "turns: 12,",
            "turns: 0,",
            &[(
                "9:12: `turns` is 0; the exercise would never start",
                "give the number of turns, e.g. `turns: 52` for a year of weekly turns",
            )],
        ),
        (
            "start_date: \"2025-03-03\"",
            "start_date: \"3 March 2025\"",
            &[(
                "7:17: `start_date` `3 March 2025` is not a valid date",
                "write it as YYYY-MM-DD, e.g. `start_date: \"2025-03-03\"`",
            )],
        ),
        (
            "Law(corruption: 20)",
            "Law(corruption: 120)",
            &[(
                "19:84: `corruption` of country `aurelia` is 120, over 100 percent",
                percent,
            )],
        ),
        (
            "leads: [\"recruiter_1\"]",
            "leads: [\"recruiter_2\"]",
            &[(
                "31:21: unknown actor `recruiter_2` in the leads of team `aurelia_police`",
                "did you mean `recruiter_1`?",
            )],
        ),
        (
            "Channel(a: \"borvia_coastguard\", b: \"caldera_police\")",
            "Channel(a: \"borvia_coastguard\", b: \"borvia_coastguard\")",
            &[(
                "51:44: channel from team `borvia_coastguard` to itself",
                "a channel joins two different teams",
            )],
        ),
        (
            "country: Some(\"caldera\"), kind: City",
            "country: Some(\"calderra\"), kind: City",
            &[(
                "59:67: unknown country `calderra` in place `cal_city`",
                "did you mean `caldera`?",
            )],
        ),
        (
            "legs: [\n                Leg(from: \"aur_capital\", to: \"bor_border\", mode: Land, turns: 2, hazard: 5),\n                Leg(from: \"bor_border\", to: \"cal_city\", mode: Land),\n            ]",
            "legs: []",
            &[(
                "77:19: route `land_route` has no legs",
                "a route needs at least one leg, ending in a destination country",
            )],
        ),
        (
            "hazard: 15",
            "hazard: 115",
            &[(
                "68:74: `hazard` of route `sea_route` leg 2 is 115, over 100 percent",
                percent,
            )],
        ),
        (
            "route: Some(\"land_route\")",
            "route: Some(\"lnad_route\")",
            &[(
                "88:127: unknown route `lnad_route` in actor `driver_1`",
                "did you mean `land_route`?",
            )],
        ),
        (
            "Tie(a: \"boss\", b: \"captain_1\", kind: Command)",
            "Tie(a: \"boss\", b: \"boss\", kind: Command)",
            &[(
                "94:27: tie from actor `boss` to itself",
                "a tie joins two different actors",
            )],
        ),
        (
            "vulnerability: 70",
            "vulnerability: 170",
            &[(
                "105:82: `vulnerability` of migrant group `group_1` is 170, over 100 percent",
                percent,
            )],
        ),
        (
            "MigrantGroup(id: \"group_1\", size: 24",
            "MigrantGroup(id: \"group_1\", depart_turn: 0, size: 24",
            &[(
                "105:50: migrant group `group_1` departs at turn 0, but turns count from 1",
                turn_help,
            )],
        ),
        (
            "every: 3",
            "every: 0",
            &[(
                "108:49: recruitment `every` is 0; a group could never set off",
                "a new group sets off every `every` turns; use 1 or more",
            )],
        ),
        (
            "trafficking_share: 25",
            "trafficking_share: 250",
            &[(
                "108:87: `trafficking_share` of recruitment is 250, over 100 percent",
                percent,
            )],
        ),
        (
            "BoatInDistress(\"sea_route\")",
            "BoatInDistress(\"sea_rout\")",
            &[(
                "117:86: unknown route `sea_rout` in inject `storm`",
                "did you mean `sea_route`?",
            )],
        ),
        (
            "Activate(\"spare_captain\")",
            "Activate(\"spare_captian\")",
            &[(
                "124:32: unknown actor `spare_captian` in inject `captain_replaced`",
                "did you mean `spare_captain`?",
            )],
        ),
        (
            "When(AfterTurn(2, ActorArrested(\"captain_1\")))",
            "When(AfterTurn(20, CapabilityBelow(101)))",
            &[
                (
                    "122:37: the condition of inject `captain_replaced` waits for turn 20, after the last turn (12)",
                    turn_help,
                ),
                (
                    "122:57: `CapabilityBelow(101)` in inject `captain_replaced` is over 100 percent",
                    "capability is a percentage of the network's start, 0 to 100",
                ),
            ],
        ),
        (
            "When(AfterTurn(2, ActorArrested(\"captain_1\")))",
            "When(MetricAtLeast(\"arrests\", 3))",
            &[(
                "122:41: unknown metric `arrests` in inject `captain_replaced`",
                "did you mean `arrested`?",
            )],
        ),
        (
            "ActionRule(action: MlaRequest, duration: Some(3))",
            "ActionRule(action: Undercover, duration: Some(3))",
            &[(
                "129:28: second rule for action `Undercover`",
                "the first is at 128:28; merge them into one rule",
            )],
        ),
        (
            "turns: 12,",
            "turns: 4294967295,",
            &[(
                "9:12: `turns` is 4294967295, over the limit of 520",
                "an exercise runs at most 520 turns (ten years of weekly turns)",
            )],
        ),
        (
            "turns: 12,",
            "turns: 20000000,",
            &[(
                "9:12: `turns` is 20000000, over the limit of 520",
                "an exercise runs at most 520 turns (ten years of weekly turns)",
            )],
        ),
        (
            "id: \"fixture_valid\"",
            "id: \"../../etc/fixture\"",
            &[(
                "4:9: scenario id `../../etc/fixture` is not an id",
                "the id names journals and reports: lower-case ASCII letters, digits and single underscores, starting with a letter, at most 64 bytes, e.g. `etc_fixture`",
            )],
        ),
        (
            "id: \"boat_1\"",
            "id: \"Boat-1\"",
            &[(
                "101:19: asset id `Boat-1` is not an id",
                "ids are lower-case ASCII letters, digits and single underscores, start with a letter and are at most 64 bytes, e.g. `boat_1`",
            )],
        ),
        (
            "id: \"group_1\"",
            "id: \"1st_group\"",
            &[(
                "105:26: migrant group id `1st_group` is not an id",
                "ids are lower-case ASCII letters, digits and single underscores, start with a letter and are at most 64 bytes, e.g. `migrant_group_1st_group`",
            )],
        ),
        (
            "id: \"storm\"",
            "id: \"storm_warning_issued_by_the_borvian_meteorological_office_at_dawn\"",
            &[(
                "112:17: inject id `storm_warning_issued_by_the_borvian_meteorological_office_at_dawn` is not an id",
                "ids are lower-case ASCII letters, digits and single underscores, start with a letter and are at most 64 bytes, e.g. `storm_warning_issued_by_the_borvian_meteorological_office_at_daw`",
            )],
        ),
        (
            "country: \"aurelia\", place: Some(\"aur_capital\"), caution: 85",
            "country: \"aurelia\", place: Some(\"cal_city\"), caution: 85",
            &[(
                "84:123: actor `boss` of country `aurelia` is placed at `cal_city`, in country `caldera`",
                "a member's place must be in their `country`: choose a place in `aurelia`, or change `country`",
            )],
        ),
        (
            "country: \"aurelia\", place: Some(\"aur_capital\"), caution: 85",
            "country: \"aurelia\", place: Some(\"open_sea\"), caution: 85",
            &[(
                "84:123: actor `boss` of country `aurelia` is placed at `open_sea`, in no country",
                "a member's place must be in their `country`: choose a place in `aurelia`, or change `country`",
            )],
        ),
        (
            "Tie(a: \"boss\", b: \"captain_1\", kind: Command),",
            "Tie(a: \"boss\", b: \"captain_1\", kind: Command),\n        Tie(a: \"recruiter_1\", b: \"boss\", kind: Kinship),",
            &[(
                "95:16: second tie between `boss` and `recruiter_1`",
                "the first is at 93:9; two members have at most one tie: keep one",
            )],
        ),
        (
            "leads: [\"recruiter_1\"],",
            "leads: [\"recruiter_1\"],\n            actions: [Analysis, Surveillance, MaritimePatrol],",
            &[(
                "32:47: team `aurelia_police` lists `MaritimePatrol`, which a `Police` team may not take",
                "an `actions` list only narrows what the agency may do; `MaritimePatrol` is for `CoastGuard`",
            )],
        ),
        (
            "leads: [\"recruiter_1\"],",
            "leads: [\"recruiter_1\"],\n            actions: [Undercover],",
            &[(
                "32:23: team `aurelia_police` lists `Undercover`, which this scenario disables",
                "remove it from the list, or drop `disabled: true` from its action rule",
            )],
        ),
        (
            "country: \"caldera\",\n            agency: Police",
            "country: \"borvia\",\n            agency: Police",
            &[(
                "51:44: channel between `borvia_coastguard` and `caldera_police`, both of country `borvia`",
                "agencies of one country always talk to each other; a channel is for teams of two countries",
            )],
        ),
        (
            "Place(id: \"aur_cove\", name: \"North Cove\", country: Some(\"aurelia\"), kind: Coast)",
            "Place(id: \"aur_cove\", name: \"North Cove\", kind: Coast)",
            &[(
                "55:19: place `aur_cove` is in no country, but only international waters may be",
                "give it `country: Some(\"...\")`, or make it `kind: SeaZone` if it is open sea",
            )],
        ),
        (
            "Activate(\"spare_captain\")",
            "Activate(\"captain_1\")",
            &[(
                "124:32: inject `captain_replaced` activates `captain_1`, who is not a reserve member",
                "only a dormant member can be activated: give `captain_1` `reserve: true`, or name a reserve member",
            )],
        ),
        (
            "capacity: 5,",
            "capacity: 1000,",
            &[(
                "38:23: `capacity` of team `borvia_coastguard` is 1000, over the limit of 100",
                "`capacity` runs from 0 to 100",
            )],
        ),
        (
            "size: 24",
            "size: 4000000000",
            &[(
                "105:43: `size` of migrant group `group_1` is 4000000000, over the limit of 100000",
                "`size` runs from 0 to 100000",
            )],
        ),
        (
            "Law(mla_delay: 6)",
            "Law(mla_delay: 100000)",
            &[(
                "20:82: `mla_delay` of country `borvia` is 100000, over the limit of 520",
                "`mla_delay` runs from 0 to 520",
            )],
        ),
        (
            "turns: 2, hazard: 5",
            "turns: 2000, hazard: 5",
            &[(
                "78:79: `turns` of route `land_route` leg 1 is 2000, over the limit of 520",
                "`turns` runs from 0 to 520",
            )],
        ),
        (
            "price: 3000",
            "price: 4000000000",
            &[(
                "65:20: `price` of route `sea_route` is 4000000000, over the limit of 1000000000",
                "`price` runs from 0 to 1000000000",
            )],
        ),
        (
            "Weather(mode: Sea, extra_hazard: 20, turns: 1)",
            "Weather(mode: Sea, extra_hazard: 120, turns: 99999)",
            &[
                (
                    "117:56: `extra_hazard` of inject `storm` is 120, over 100 percent",
                    "hazard is a percentage: it rises by at most 100 points",
                ),
                (
                    "117:68: `turns` of inject `storm` is 99999, over the limit of 520",
                    "`turns` runs from 0 to 520",
                ),
            ],
        ),
        (
            "ActionRule(action: MlaRequest, duration: Some(3))",
            "ActionRule(action: MlaRequest, cost: Some(500), duration: Some(3000))",
            &[
                (
                    "129:51: `cost` of the rule for `MlaRequest` is 500, over the limit of 100",
                    "`cost` runs from 0 to 100",
                ),
                (
                    "129:72: `duration` of the rule for `MlaRequest` is 3000, over the limit of 520",
                    "`duration` runs from 0 to 520",
                ),
            ],
        ),
        (
            "title: \"Three shores\"",
            &format!("title: \"{}\"", "Three shores ".repeat(20)),
            &[(
                "5:12: `title` of the scenario is 260 characters long, over the limit of 200",
                "a name is shown in headers and lists: keep it short, and put the rest in a brief",
            )],
        ),
        (
            "brief: \"Boats leave from the northern coves.\"",
            &format!(
                "brief: \"{}\"",
                "Boats leave from the northern coves. ".repeat(600)
            ),
            &[(
                "39:20: `brief` of team `borvia_coastguard` is 22200 bytes long, over the limit of 20000",
                "split it: a briefing is read at a table, a few pages at most",
            )],
        ),
    ];
    for (from, to, expected) in cases {
        assert_eq!(valid.matches(from).count(), 1, "{from}");
        let text = valid.replace(from, to);
        let found: Vec<(String, String)> = load_scenario("v.ron", &text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.headline(), d.help.unwrap_or_default()))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(headline, help)| (format!("v.ron:{headline}"), help.to_string()))
            .collect();
        assert_eq!(found, expected, "after replacing {from:?} with {to:?}");
    }
}

#[test]
fn a_screening_list_that_looks_for_nothing_is_refused_and_a_short_one_loads() {
    let scratch = Scratch::new("check", "screening");
    let valid = fs::read_to_string(fixture("valid.ron")).unwrap_or_default();
    let law = "law: Law(mla_delay: 6)";
    assert!(valid.contains(law));

    let empty = valid.replace(
        law,
        "law: Law(mla_delay: 6, screening_indicators: Some([]))",
    );
    let path = scratch.write("empty_list.ron", &empty);
    let (code, _, err) = check(std::slice::from_ref(&path));
    assert_eq!(code, 1);
    assert!(
        err.contains("country `borvia`: `screening_indicators` is empty"),
        "{err}"
    );

    let short = valid.replace(
        law,
        "law: Law(mla_delay: 6, screening_indicators: Some([Deception, Minors]))",
    );
    let path = scratch.write("short_list.ron", &short);
    let (code, _, err) = check(std::slice::from_ref(&path));
    assert_eq!(code, 0, "{err}");
}
