//! `undertow replay` without `--verify`: the viewer's refusals, each a clear
//! message and exit 2, never a panic. The viewer itself is tested on a
//! TestBackend (`src/tui/replay/tests.rs`) and in tmux (`tests/tui_e2e.rs`).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod common;

use common::{s, scratch, text, undertow};

/// A short journal of the tutorial, written once per test.
fn journal(name: &str) -> std::path::PathBuf {
    let dir = scratch("replay-viewer", name);
    let j = dir.join("t.journal");
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--turns",
        "3",
        "--journal",
        s(&j),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    j
}

fn refused(args: &[&str], says: &str) {
    let out = undertow(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_missing_journal_is_refused() {
    refused(
        &["replay", "/nonexistent/run.journal"],
        "/nonexistent/run.journal: cannot read",
    );
}

#[test]
fn a_garbled_journal_is_refused() {
    let dir = scratch("replay-viewer", "garbled");
    let p = dir.join("g.journal");
    std::fs::write(&p, "this is not a journal\n").expect("write");
    refused(&["replay", s(&p)], "not an undertow journal");
    std::fs::write(&p, "").expect("write");
    refused(&["replay", s(&p)], "the file is empty");
}

#[test]
fn a_journal_without_turns_has_nothing_to_replay() {
    let j = journal("empty");
    let all = std::fs::read_to_string(&j).expect("read");
    let header = all.lines().next().expect("header");
    std::fs::write(&j, format!("{header}\n")).expect("write");
    refused(&["replay", s(&j)], "no turn was recorded");
}

#[test]
fn a_changed_journal_does_not_open() {
    let j = journal("changed");
    let all = std::fs::read_to_string(&j).expect("read");
    // Change turn 2's recorded hash and give the line a fresh checksum.
    let lines: Vec<String> = all
        .lines()
        .map(|l| {
            let (_, json) = l.split_once(' ').expect("checksum");
            if !json.contains("\"turn\":2,") || !json.contains("\"type\":\"turn\"") {
                return l.to_string();
            }
            let i = json.find("\"state_hash\":\"").expect("hash") + 14;
            let json = format!("{}{}{}", &json[..i], "0".repeat(64), &json[i + 64..]);
            let sum = &blake3::hash(json.as_bytes()).to_hex()[..16];
            format!("{sum} {json}")
        })
        .collect();
    std::fs::write(&j, lines.join("\n") + "\n").expect("write");
    refused(&["replay", s(&j)], "turn 2: state hash differs");
}

#[test]
fn the_viewer_needs_a_terminal() {
    // Run from a test, stdout is a pipe: the viewer says what to do instead.
    let j = journal("pipe");
    refused(&["replay", s(&j)], "needs a terminal");
    refused(&["replay", s(&j), "--turn", "99"], "needs a terminal");
}

#[test]
fn json_goes_with_verify_and_against_does_not() {
    let j = journal("flags");
    refused(&["replay", s(&j), "--json"], "--json goes with --verify");
    refused(
        &["replay", s(&j), "--verify", "--against", s(&j)],
        "cannot be used with",
    );
    // --verify itself is unchanged.
    let out = undertow(&["replay", s(&j), "--verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("verified 3 turns"));
}

#[test]
fn runs_of_different_scenarios_are_not_compared() {
    let a = journal("against-a");
    let dir = scratch("replay-viewer", "against-b");
    let b = dir.join("m.journal");
    let out = undertow(&[
        "run",
        "scenarios/maritime-route.ron",
        "--turns",
        "2",
        "--journal",
        s(&b),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    refused(
        &["replay", s(&a), "--against", s(&b)],
        "runs of different scenarios",
    );
}
