//! `undertow sweep`: each run as `undertow run` plays it, the same output for
//! any number of threads, shards that merge to the whole, lessons tested,
//! and bad input refused before anything runs.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod common;

use std::path::PathBuf;

use common::{text, undertow};
use serde_json::Value;

const TUTORIAL: &str = "scenarios/tutorial.ron";

/// A scratch directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("undertow-sweep-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lines(out: &[u8]) -> Vec<Value> {
    text(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn each_line_is_the_last_line_of_undertow_run() {
    let out = undertow(&[
        "sweep",
        TUTORIAL,
        "scenarios/maritime-route.ron",
        "--seeds",
        "3..4",
        "--bots",
        "baseline,crews-only,patrol-only",
        "--turns",
        "6",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "nothing on stderr off a terminal");
    let runs = lines(&out.stdout);
    assert_eq!(runs.len(), 2 * 3 * 2);
    let mut order = Vec::new();
    for run in &runs {
        let keys: Vec<&str> = run
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys.len(),
            6,
            "scenario, bots, seed, turns, state_hash, metrics: {run}"
        );
        let (scenario, bots, seed) = (
            run["scenario"].as_str().unwrap(),
            run["bots"].as_str().unwrap(),
            run["seed"].as_u64().unwrap(),
        );
        order.push((scenario.to_string(), bots.to_string(), seed));
        assert_eq!(run["turns"], 6);
        let played = undertow(&[
            "run",
            scenario,
            "--seed",
            &seed.to_string(),
            "--bots",
            bots,
            "--turns",
            "6",
            "--json",
        ]);
        assert!(played.status.success(), "{}", text(&played.stderr));
        let last = lines(&played.stdout).pop().unwrap();
        assert_eq!(
            run["state_hash"], last["state_hash"],
            "{scenario} {bots} {seed}"
        );
        assert_eq!(run["metrics"], last["metrics"], "{scenario} {bots} {seed}");
    }
    // Scenarios and policies as given, seeds ascending.
    let mut expected = Vec::new();
    for s in [TUTORIAL, "scenarios/maritime-route.ron"] {
        for b in ["baseline", "crews-only", "patrol-only"] {
            for seed in 3..=4 {
                expected.push((s.to_string(), b.to_string(), seed));
            }
        }
    }
    assert_eq!(order, expected);
}

#[test]
fn the_output_is_the_same_for_any_number_of_jobs() {
    let sweep = |jobs: &str, json: bool| {
        let mut args = vec![
            "sweep",
            TUTORIAL,
            "--seeds",
            "1..7",
            "--bots",
            "refer-all,siloed",
            "--jobs",
            jobs,
        ];
        if json {
            args.push("--json");
        }
        let out = undertow(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    for json in [false, true] {
        let one = sweep("1", json);
        assert_eq!(one, sweep("3", json), "json: {json}");
        assert_eq!(one, sweep("16", json), "json: {json}");
    }
    let table = sweep("2", false);
    assert!(
        table.starts_with(
            "scenarios/tutorial.ron: seeds 1..7, 8 turns; final values, mean ± sd [95% confidence interval of the mean]\n"
        ),
        "{table}"
    );
    let head = table.lines().nth(1).unwrap();
    assert!(head.starts_with("metric "), "{head}");
    assert!(
        head.find("refer-all (7 runs)").unwrap() < head.find("siloed (7 runs)").unwrap(),
        "{head}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("disruption_score ") && l.contains(" ± ") && l.contains('[')),
        "{table}"
    );
}

#[test]
fn shards_merge_into_what_the_whole_sweep_prints() {
    let dir = scratch("shards");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "sweep",
            TUTORIAL,
            "--seeds",
            "2..9",
            "--bots",
            "baseline,passive",
            "--turns",
            "5",
        ];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = undertow(&refs);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let whole_table = run(args(&[]));
    let whole_json = run(args(&["--json"]));
    let mut files = Vec::new();
    for i in 1..=3 {
        let file = dir.join(format!("part{i}.jsonl"));
        let shard = format!("{i}/3");
        let printed = run(args(&[
            "--shard",
            &shard,
            "--json",
            "-o",
            file.to_str().unwrap(),
        ]));
        assert!(printed.is_empty(), "-o takes the output");
        let seeds: Vec<u64> = lines(std::fs::read(&file).unwrap().as_slice())
            .iter()
            .map(|r| r["seed"].as_u64().unwrap())
            .collect();
        // Interleaved: shard i takes the i-th seed, then every third.
        let first = 2 + i as u64 - 1;
        assert!(
            seeds.iter().all(|s| (s - first).is_multiple_of(3)),
            "shard {i}: {seeds:?}"
        );
        files.push(file.to_str().unwrap().to_string());
    }
    // Given in any order, the shards merge to the whole.
    files.reverse();
    let mut merge = vec!["sweep".to_string(), "--merge".to_string()];
    merge.extend(files.iter().cloned());
    assert_eq!(run(merge.clone()), whole_table);
    merge.push("--json".into());
    assert_eq!(run(merge), whole_json);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_that_is_not_a_run_is_named_in_a_merge() {
    let dir = scratch("badmerge");
    let file = dir.join("part.jsonl");
    std::fs::write(&file, "{\"scenario\": 3}\n").unwrap();
    let out = undertow(&["sweep", "--merge", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("part.jsonl:1: not a line of `undertow sweep --json`"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_one_line_and_nothing_runs() {
    let cases: [(&[&str], i32, &str); 7] = [
        (
            &["--seeds", "1..3", "--bots", "baseline,cooperativ"],
            2,
            "undertow sweep: --bots: unknown policy `cooperativ`; did you mean `cooperative`?",
        ),
        (
            &["--seeds", "9..3", "--bots", "baseline"],
            2,
            "undertow sweep: --seeds 9..3: the first seed (9) is after the last (3)",
        ),
        (
            &["--seeds", "1..3", "--bots", "baseline", "--shard", "0/4"],
            2,
            "undertow sweep: --shard `0/4`: I must be from 1 to N (4)",
        ),
        (
            &["--seeds", "1..3", "--bots", "baseline", "--shard", "5/4"],
            2,
            "undertow sweep: --shard `5/4`: I must be from 1 to N (4)",
        ),
        (&["--seeds", "1..3"], 2, "undertow sweep: --bots is needed"),
        (
            &[
                "--seeds",
                "1..3",
                "--bots",
                "baseline",
                "--lessons",
                "--shard",
                "3/3",
            ],
            2,
            "--lessons needs at least two seeds",
        ),
        (
            &["--seeds", "1..3", "--bots", "baseline", "no-such-file.ron"],
            1,
            "undertow sweep: no-such-file.ron: no such file",
        ),
    ];
    for (extra, status, words) in cases {
        let mut args = vec!["sweep", TUTORIAL];
        args.extend_from_slice(extra);
        let out = undertow(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(status), "{args:?}: {err}");
        assert!(
            err.starts_with("undertow sweep: ") && err.contains(words),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(out.stdout.is_empty(), "nothing ran: {args:?}");
    }
}

/// The tutorial with these lessons declared, in a scratch file.
fn tutorial_with(dir: &std::path::Path, lessons: &str) -> PathBuf {
    let tutorial = std::fs::read_to_string(TUTORIAL).unwrap();
    // The tutorial's own lessons close the file: these take their place.
    let end = match tutorial.find("    // What the tutorial teaches") {
        Some(at) => &tutorial[..at],
        None => tutorial.trim_end().strip_suffix(')').unwrap(),
    };
    let path = dir.join("lessons.ron");
    std::fs::write(&path, format!("{end}    lessons: [{lessons}],\n)\n")).unwrap();
    path
}

#[test]
fn lessons_are_tested_and_a_failure_exits_1() {
    let dir = scratch("lessons");
    let holds = r#"(id: "work_pays", text: "Investigating arrests people; doing nothing does not.", policy: "baseline", expect: Above, than: "passive", metric: "arrested")"#;
    let fails = r#"(id: "idle_pays", text: "Nobody believes this.", policy: "passive", expect: Above, than: "baseline", metric: "arrested")"#;
    let path = tutorial_with(&dir, holds);
    let file = path.to_str().unwrap();
    // No --bots: the policies the lessons compare are played.
    let out = undertow(&["sweep", file, "--seeds", "1..6", "--lessons"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("baseline (6 runs)") && stdout.contains("passive (6 runs)"),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 1 lessons hold"), "{stdout}");
    assert!(
        stdout.contains("  pass  work_pays: baseline above passive on arrested: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("p < 0.001") || stdout.contains("p = 0.0"),
        "{stdout}"
    );

    let path = tutorial_with(&dir, &format!("{holds}, {fails}"));
    let out = undertow(&[
        "sweep",
        path.to_str().unwrap(),
        "--seeds",
        "1..6",
        "--bots",
        "baseline",
        "--lessons",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("1 of 2 lessons hold"), "{stdout}");
    assert!(
        stdout.contains("  FAIL  idle_pays: passive above baseline on arrested: 0.00 vs "),
        "{stdout}"
    );
    // With --json the verdicts go to stderr and stdout stays JSON lines.
    let out = undertow(&[
        "sweep",
        path.to_str().unwrap(),
        "--seeds",
        "1..3",
        "--bots",
        "baseline",
        "--lessons",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 6);
    assert!(text(&out.stderr).contains("FAIL  idle_pays"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_names_a_lesson_that_names_no_policy_or_metric() {
    let dir = scratch("badlessons");
    let path = tutorial_with(
        &dir,
        r#"(id: "a", text: "t", policy: "cooperativ", expect: Above, than: "siloed", metric: "organisers_convicted"),
        (id: "a", text: "t", policy: "baseline", expect: NotBelow, than: "baseline", metric: "protection_scor")"#,
    );
    let out = undertow(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for words in [
        "unknown policy `cooperativ` in lesson `a`",
        "did you mean `cooperative`?",
        "lesson id `a` is used twice",
        "lesson `a` compares `baseline` with itself",
        "unknown metric `protection_scor` in lesson `a`",
        "did you mean `protection_score`?",
    ] {
        assert!(err.contains(words), "{words}: {err}");
    }
    // Each problem is located in the file.
    assert!(err.contains("lessons.ron:"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The debrief's "Against the bots": the run's final figure and its
/// percentile among each policy's runs, computed from the sweep's own lines.
#[test]
fn a_report_sets_the_run_among_the_sweeps_runs() {
    let dir = scratch("against");
    let journal = dir.join("run.journal");
    let sweep = dir.join("sweep.jsonl");
    let journal_arg = journal.display().to_string();
    let sweep_arg = sweep.display().to_string();
    let run = undertow(&[
        "run",
        TUTORIAL,
        "--seed",
        "7",
        "--bots",
        "cooperative",
        "--journal",
        &journal_arg,
        "--json",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let last = lines(&run.stdout).pop().unwrap();
    let swept = undertow(&[
        "sweep",
        TUTORIAL,
        "--seeds",
        "1..12",
        "--bots",
        "passive,baseline",
        "--json",
        "-o",
        &sweep_arg,
    ]);
    assert!(swept.status.success(), "{}", text(&swept.stderr));
    let records = lines(&std::fs::read(&sweep).unwrap());

    let out = undertow(&[
        "report",
        &journal_arg,
        "--format",
        "md",
        "--against-sweep",
        &sweep_arg,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let section = md.split("## Against the bots").nth(1).expect("the section");
    assert!(section.contains("24 bot runs of tutorial.ron"), "{section}");
    assert!(
        section.contains("| Metric | This run | passive (12 runs) | baseline (12 runs) |"),
        "{section}"
    );
    let arrested = last["metrics"]["arrested"].as_i64().unwrap();
    let of = |policy: &str| -> Vec<i64> {
        records
            .iter()
            .filter(|r| r["bots"] == policy)
            .map(|r| r["metrics"]["arrested"].as_i64().unwrap())
            .collect()
    };
    let rank = |values: &[i64]| {
        let below = values.iter().filter(|&&v| v < arrested).count() as f64;
        let equal = values.iter().filter(|&&v| v == arrested).count() as f64;
        (100.0 * (below + equal / 2.0) / values.len() as f64).round() as i64
    };
    let row = section
        .lines()
        .find(|l| l.starts_with("| arrested |"))
        .expect("a row for arrests");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(cells[2], arrested.to_string(), "{row}");
    for (cell, policy) in [(cells[3], "passive"), (cells[4], "baseline")] {
        let pct = rank(&of(policy));
        assert!(
            cell.starts_with(&pct.to_string()) && cell.contains("percentile (median"),
            "{policy}: {cell}, expected the {pct}th percentile"
        );
    }
}

#[test]
fn a_sweep_of_another_scenario_or_format_is_refused() {
    let dir = scratch("against-bad");
    let journal = dir.join("run.journal").display().to_string();
    let sweep = dir.join("sweep.jsonl").display().to_string();
    let run = undertow(&["run", TUTORIAL, "--turns", "2", "--journal", &journal]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let swept = undertow(&[
        "sweep",
        "scenarios/maritime-route.ron",
        "--seeds",
        "1..2",
        "--bots",
        "passive",
        "--turns",
        "2",
        "--json",
        "-o",
        &sweep,
    ]);
    assert!(swept.status.success(), "{}", text(&swept.stderr));

    let out = undertow(&[
        "report",
        &journal,
        "--format",
        "md",
        "--against-sweep",
        &sweep,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("holds no runs of tutorial.ron") && err.contains("maritime-route.ron"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = undertow(&[
        "report",
        &journal,
        "--format",
        "csv",
        "--against-sweep",
        &sweep,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--format md"));

    let garbled = dir.join("garbled.jsonl");
    std::fs::write(&garbled, "{\"scenario\": 3}\n").unwrap();
    let garbled = garbled.display().to_string();
    let out = undertow(&[
        "report",
        &journal,
        "--format",
        "md",
        "--against-sweep",
        &garbled,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("garbled.jsonl:1:"),
        "{}",
        text(&out.stderr)
    );
}
