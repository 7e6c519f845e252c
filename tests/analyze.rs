//! `undertow analyze` as the real binary: a line per step written as soon as
//! it is computed (a killed run keeps them), each JSON line with that step's
//! own removals, efficiency left out on request, and a header ranking by the
//! centrality the strategy removes by.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::{BIN, s, scratch, text, undertow};
use serde_json::Value;

const FLAGSHIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/maritime-route.ron");

/// Stdout of a run that must succeed with nothing on stderr.
fn analyze(args: &[&str]) -> String {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    let out = undertow(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

fn ids(step: &Value) -> Vec<&str> {
    step["removed_ids"]
        .as_array()
        .expect("removed_ids is a list")
        .iter()
        .map(|v| v.as_str().expect("an id"))
        .collect()
}

#[test]
fn each_json_line_names_only_that_steps_removals() {
    let steps = json_lines(&analyze(&[
        FLAGSHIP, "--json", "--raid", "2", "--steps", "4",
    ]));
    assert_eq!(steps.len(), 5);
    assert!(ids(&steps[0]).is_empty(), "nobody is removed at step 0");
    assert_eq!(ids(&steps[1]), ["mostafa", "rudi"]);
    let mut everyone: Vec<&str> = Vec::new();
    for (i, step) in steps.iter().enumerate().skip(1) {
        assert_eq!(ids(step).len(), 2, "a raid of two at step {i}");
        everyone.extend(ids(step));
        // `removed` still counts everyone so far.
        assert_eq!(step["removed"].as_u64(), Some(everyone.len() as u64));
    }
    let mut once = everyone.clone();
    once.sort_unstable();
    once.dedup();
    assert_eq!(once.len(), everyone.len(), "nobody is removed twice");
    // A list run names each id at its own step.
    let list = json_lines(&analyze(&[FLAGSHIP, "--remove", "tariq,rudi", "--json"]));
    let named: Vec<Vec<&str>> = list.iter().map(ids).collect();
    assert_eq!(named, [vec![], vec!["tariq"], vec!["rudi"]]);
}

#[test]
fn no_efficiency_leaves_it_out_of_every_line_and_the_header() {
    let with = json_lines(&analyze(&[FLAGSHIP, "--json", "--steps", "3"]));
    let without = json_lines(&analyze(&[
        FLAGSHIP,
        "--json",
        "--steps",
        "3",
        "--no-efficiency",
    ]));
    assert_eq!(with.len(), without.len());
    for (a, b) in with.iter().zip(&without) {
        assert!(a["efficiency"].is_number(), "{a}");
        // The key stays, as null, so a script reads one schema.
        assert_eq!(b.get("efficiency"), Some(&Value::Null), "{b}");
        for key in ["removed", "lcc_fraction", "removed_ids"] {
            assert_eq!(a[key], b[key], "{key}");
        }
    }
    let table = analyze(&[FLAGSHIP, "--steps", "2", "--no-efficiency"]);
    assert!(!table.contains("global efficiency"), "{table}");
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("step  removed"))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert!(rows[0].ends_with("100.0%           -  -"), "{table}");
    assert!(
        rows[1].ends_with("93.6%           -  mostafa (Mostafa Kabir, recruiter)"),
        "{table}"
    );
}

/// The lines of the header's top list: (id, score as shown).
fn top_list<'a>(table: &'a str, title: &str) -> Vec<(&'a str, &'a str)> {
    table
        .lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap_or(""), words.next().unwrap_or(""))
        })
        .collect()
}

#[test]
fn the_header_ranks_by_what_the_strategy_removes_by() {
    let table = analyze(&[FLAGSHIP, "--strategy", "degree", "--steps", "1"]);
    assert!(!table.contains("betweenness"), "{table}");
    let top = top_list(&table, "top degree (number of ties):");
    assert_eq!(top.len(), 5, "{table}");
    // Whole numbers of ties, highest first; the first is the first removed.
    assert_eq!(top[0], ("rudi", "13"), "{table}");
    assert_eq!(top[1], ("mostafa", "12"), "{table}");
    assert!(
        table
            .trim_end()
            .ends_with("rudi (Rudi Hartono, transporter)"),
        "{table}"
    );

    let table = analyze(&[
        FLAGSHIP,
        "--strategy",
        "degree",
        "--weighted",
        "--steps",
        "1",
    ]);
    let top = top_list(&table, "top strength (sum of tie weights):");
    assert_eq!(top.first(), Some(&("rudi", "730")), "{table}");

    // Random and list orders rank by nothing: the header shows betweenness.
    for strategy in [["--strategy", "random"], ["--remove", "tariq"]] {
        let mut args = vec![FLAGSHIP, "--steps", "1"];
        args.extend(strategy);
        let table = analyze(&args);
        let top = top_list(&table, "top betweenness (normalised, hops):");
        assert_eq!(top.first(), Some(&("mostafa", "0.2757")), "{table}");
    }
}

/// A network big enough that removing all of it by betweenness takes far
/// longer than reading a run's first lines.
fn big_network() -> PathBuf {
    let path = scratch("analyze", "streaming").join("generated-1000.ron");
    let out = undertow(&["generate", "--actors", "1000", "--seed", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(&path, &out.stdout).expect("scratch file written");
    path
}

/// Runs `analyze` on `file`, reads its stdout until `last` holds for a line,
/// then kills it, checking it had not finished on its own: the lines read.
fn first_lines(file: &str, args: &[&str], last: impl Fn(&str) -> bool) -> Vec<String> {
    let mut child = Command::new(BIN)
        .arg("analyze")
        .arg(file)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    // Kept open until the kill: a closed pipe would end the run on its own.
    let mut reader = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
    let mut lines = Vec::new();
    for line in reader.by_ref() {
        let line = line.expect("a line of text");
        let done = last(&line);
        lines.push(line);
        if done {
            break;
        }
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "the run is still going when its first lines are read: {lines:?}"
    );
    child.kill().expect("killed");
    let status = child.wait().expect("reaped");
    assert!(!status.success(), "killed, not finished: {status}");
    drop(reader);
    lines
}

#[test]
fn a_killed_run_has_already_printed_its_first_steps() {
    let network = big_network();
    let file = s(&network);
    // Every member, one at a time, by betweenness: hundreds of steps to go.
    let lines = first_lines(
        file,
        &["--json", "--steps", "1000", "--no-efficiency"],
        |l| l.contains(r#""removed":2,"#),
    );
    let steps = json_lines(&lines.join("\n"));
    assert_eq!(steps.len(), 3, "{lines:?}");
    assert!(ids(&steps[0]).is_empty());
    assert_eq!((ids(&steps[1]).len(), ids(&steps[2]).len()), (1, 1));

    // The table too: the header, then each row as it comes.
    let lines = first_lines(file, &["--steps", "1000", "--no-efficiency"], |l| {
        l.starts_with("   1        1 ")
    });
    assert!(
        lines[0].ends_with("scenario \"Generated network of 1000 actors\", tie strength as weight"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("step  removed")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("   0        0 ")),
        "{lines:?}"
    );
}

/// `--journal J --turn T`: the true network of a run at a turn, as it
/// stands after arrests: fewer members at large at the end than at the start.
#[test]
fn a_journal_is_analysed_as_its_true_network_at_a_turn() {
    let journal = scratch("analyze", "journal").join("maritime.journal");
    let out = undertow(&[
        "run",
        FLAGSHIP,
        "--seed",
        "3",
        "--bots",
        "baseline",
        "--journal",
        s(&journal),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let members = |table: &str| -> usize {
        let line = table.lines().nth(1).expect("a size line");
        line.split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a count")
    };
    let first = analyze(&["--journal", s(&journal), "--turn", "1", "--steps", "1"]);
    assert!(first.contains("at turn 1: the true network"), "{first}");
    let last = analyze(&["--journal", s(&journal), "--steps", "1"]);
    assert!(last.contains("at turn 52: the true network"), "{last}");
    assert!(members(&last) < members(&first), "{first}\n{last}");
    let lines = json_lines(&analyze(&[
        "--journal",
        s(&journal),
        "--turn",
        "26",
        "--steps",
        "2",
        "--json",
    ]));
    assert_eq!(lines.len(), 3);

    let out = undertow(&["analyze", "--journal", s(&journal), "--turn", "60"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("there is no turn 60"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    for args in [
        vec!["analyze", "--turn", "3", FLAGSHIP],
        vec!["analyze", "--journal", s(&journal), FLAGSHIP],
        vec!["analyze"],
    ] {
        let out = undertow(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
