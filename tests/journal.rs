//! The journal: written as turns commit, replayed and verified, and every kind
//! of damage reported with where it is.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::{Path, PathBuf};
use std::process::Output;
use undertow::engine::setup::TeamIx;

mod common;
use common::{exits_saying, text, undertow};

fn tmp(name: &str) -> PathBuf {
    common::scratch("journal", name).join("run.journal")
}

/// Run the tutorial with a journal; return the `--json` stdout.
fn record(path: &Path, scenario: &str, turns: &str) -> String {
    let out = undertow(&[
        "run",
        scenario,
        "--turns",
        turns,
        "--bots",
        "baseline",
        "--json",
        "--journal",
        path.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn verify(path: &Path) -> Output {
    undertow(&[
        "replay",
        path.to_str().expect("utf-8 path"),
        "--verify",
        "--json",
    ])
}

/// Rewrite one line with a fresh checksum, as a careful forger would.
fn rewrite_line(path: &Path, line_no: usize, edit: impl Fn(&mut serde_json::Value)) {
    let content = std::fs::read_to_string(path).expect("journal reads");
    let mut lines: Vec<String> = content.lines().map(str::to_string).collect();
    let (_, json) = lines[line_no - 1]
        .split_once(' ')
        .expect("checksum and json");
    let mut value: serde_json::Value = serde_json::from_str(json).expect("json");
    edit(&mut value);
    let json = serde_json::to_string(&value).expect("json");
    let sum = &blake3::hash(json.as_bytes()).to_hex()[..16];
    lines[line_no - 1] = format!("{sum} {json}");
    std::fs::write(path, lines.join("\n") + "\n").expect("journal writes");
}

#[test]
fn verify_prints_exactly_what_run_printed() {
    let path = tmp("same");
    let run = record(&path, "scenarios/tutorial.ron", "8");
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), run);
    assert_eq!(run.lines().count(), 8);
    assert!(
        text(&out.stderr).contains("verified 8 turns"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_changed_state_hash_is_named_by_turn() {
    let path = tmp("hash");
    record(&path, "scenarios/tutorial.ron", "5");
    rewrite_line(&path, 4, |v| {
        v["state_hash"] = serde_json::json!("00".repeat(32))
    });
    let out = verify(&path);
    exits_saying(&out, 1, "turn 3: state hash differs");
    assert_eq!(
        text(&out.stdout).lines().count(),
        2,
        "turns before the bad one are printed"
    );
}

#[test]
fn a_changed_order_diverges_at_its_turn() {
    let path = tmp("order");
    record(&path, "scenarios/tutorial.ron", "5");
    let content = std::fs::read_to_string(&path).expect("journal reads");
    // The first turn whose record carries orders: drop its last order.
    let (line_no, turn) = content
        .lines()
        .enumerate()
        .skip(1)
        .find_map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l.split_once(' ')?.1).ok()?;
            let n = v["input"]["orders"].as_array()?.len();
            (n > 0).then(|| (i + 1, v["turn"].as_u64().unwrap_or(0)))
        })
        .expect("some turn has orders");
    rewrite_line(&path, line_no, |v| {
        if let Some(orders) = v["input"]["orders"].as_array_mut() {
            orders.pop();
        }
    });
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(1));
    let want = format!("turn {turn}: state hash differs");
    assert!(text(&out.stderr).contains(&want), "{}", text(&out.stderr));
}

#[test]
fn a_changed_scenario_is_caught() {
    let path = tmp("scenario");
    record(&path, "scenarios/tutorial.ron", "3");
    rewrite_line(&path, 1, |v| {
        let s = v["scenario"]
            .as_str()
            .unwrap_or_default()
            .replacen("turns: 8", "turns: 9", 1);
        v["scenario"] = serde_json::json!(s);
    });
    let out = verify(&path);
    exits_saying(&out, 1, "embedded scenario was changed");
}

#[test]
fn a_torn_last_record_is_reported_with_line_and_byte() {
    let path = tmp("torn");
    record(&path, "scenarios/tutorial.ron", "4");
    let bytes = std::fs::read(&path).expect("reads");
    let cut = bytes.len() - 20;
    std::fs::write(&path, &bytes[..cut]).expect("writes");
    let line_start = bytes[..cut]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("newline")
        + 1;
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("line 5 (byte {line_start}): torn record")),
        "{err}"
    );
    assert!(err.contains("verified 3 turns"), "{err}");
    assert_eq!(text(&out.stdout).lines().count(), 3);
}

#[test]
fn a_damaged_byte_fails_the_checksum() {
    let path = tmp("flip");
    record(&path, "scenarios/tutorial.ron", "4");
    let mut bytes = std::fs::read(&path).expect("reads");
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("line 3");
    let at = third_line + 40;
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    std::fs::write(&path, &bytes).expect("writes");
    let out = verify(&path);
    exits_saying(
        &out,
        1,
        &format!("line 3 (byte {third_line}): checksum mismatch"),
    );
}

#[test]
fn a_journal_cut_at_a_record_boundary_is_a_shorter_valid_run() {
    let path = tmp("short");
    let run = record(&path, "scenarios/tutorial.ron", "6");
    let content = std::fs::read_to_string(&path).expect("reads");
    let keep: Vec<&str> = content.lines().take(4).collect();
    std::fs::write(&path, keep.join("\n") + "\n").expect("writes");
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let first3: Vec<&str> = run.lines().take(3).collect();
    assert_eq!(text(&out.stdout), first3.join("\n") + "\n");
}

#[test]
fn files_that_are_not_journals_exit_2() {
    let path = tmp("garbage");
    std::fs::write(&path, b"\x00\x01 garbage\nmore\n").expect("writes");
    let out = verify(&path);
    exits_saying(&out, 2, "not an undertow journal");

    std::fs::write(&path, b"").expect("writes");
    let out = verify(&path);
    exits_saying(&out, 2, "the file is empty");

    let out = undertow(&["replay", "/nonexistent/x.journal", "--verify"]);
    exits_saying(&out, 2, "cannot read");
}

#[test]
fn snapshots_rebuild_the_same_state_as_replaying_every_turn() {
    let path = tmp("snap");
    record(&path, "scenarios/maritime-route.ron", "25");
    let j = undertow::journal::read(&path).expect("journal reads");
    let snaps = j
        .records()
        .filter(|r| matches!(r, Ok(undertow::journal::Record::Snapshot { .. })))
        .count();
    assert_eq!(snaps, 2, "snapshots after turns 10 and 20");
    let mut fast = undertow::journal::rebuild(&j, None).expect("rebuilds");
    let turns = j.turns();
    let last = turns.last().expect("turns");
    assert_eq!(fast.turn(), 25);
    assert_eq!(fast.state_hash(), last.state_hash);
    let mut at_15 = undertow::journal::rebuild(&j, Some(15)).expect("rebuilds");
    assert_eq!(at_15.state_hash(), turns[14].state_hash);
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn resume_after_a_torn_write_continues_with_identical_hashes() {
    let whole = tmp("whole");
    let straight = record(&whole, "scenarios/tutorial.ron", "8");
    let path = tmp("resume");
    record(&path, "scenarios/tutorial.ron", "5");
    let bytes = std::fs::read(&path).expect("reads");
    std::fs::write(&path, &bytes[..bytes.len() - 7]).expect("tears the last record");
    let (mut session, warning) = undertow::session::Session::resume(&path).expect("resumes");
    assert!(warning.is_some_and(|w| w.contains("torn")));
    assert_eq!(session.turn(), 4);
    let expected: Vec<serde_json::Value> = straight
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    while !session.finished() {
        for t in TeamIx::all(session.setup().teams.len()) {
            let o = session.bot_orders(t, undertow::bots::Policy::Baseline);
            session.set_orders(t, o);
        }
        let out = session.commit().expect("commits");
        assert_eq!(
            out.state_hash,
            expected[out.turn as usize - 1]["state_hash"],
            "turn {}",
            out.turn
        );
    }
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), straight);
}

#[test]
fn run_reports_bad_input_with_its_position_and_never_panics() {
    let dir = tmp("badrun");
    let script = dir.with_file_name("orders.ron");
    std::fs::write(
        &script,
        "[ (turn: 1, team: \"kesh_police\", action: Survey) ]",
    )
    .expect("writes");
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--orders",
        script.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("{}:1:", script.display())) && err.contains("Survey"),
        "{err}"
    );

    // Orders that make no sense at run time are refused, and the run completes.
    std::fs::write(
        &script,
        "[ (turn: 1, team: \"kesh_police\", action: Arrest, target: Actor(\"nobody\")),\n  (turn: 2, team: \"nope\", action: Analysis) ]",
    )
    .expect("writes");
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--orders",
        script.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 8);

    let out = undertow(&["run", "/nonexistent/scenario.ron"]);
    exits_saying(&out, 1, "/nonexistent/scenario.ron");

    let out = undertow(&["run"]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}
