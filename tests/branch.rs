//! `undertow branch` and `undertow diff`: what-if runs and where runs diverge.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{exits_saying, s, text, undertow};

fn dir(name: &str) -> PathBuf {
    common::scratch("branch", name)
}

fn tutorial_journal(d: &Path, bots: &str) -> PathBuf {
    let path = d.join(format!("tutorial-{bots}.journal"));
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--bots",
        bots,
        "--journal",
        s(&path),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// The recorded state hash of every turn in effect.
fn hashes(path: &Path) -> Vec<String> {
    let j = undertow::journal::read(path).expect("journal");
    j.turns().iter().map(|t| t.state_hash.clone()).collect()
}

fn branch(args: &[&str]) -> Output {
    let mut all = vec!["branch"];
    all.extend_from_slice(args);
    undertow(&all)
}

#[test]
fn diff_of_a_run_with_itself_is_identical() {
    let d = dir("same");
    let a = tutorial_journal(&d, "baseline");
    let b = d.join("copy.journal");
    std::fs::copy(&a, &b).expect("copy");
    let out = undertow(&["diff", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("identical: 8 turns"));
}

#[test]
fn diff_reports_the_first_divergent_turn_and_deltas() {
    let d = dir("differ");
    let a = tutorial_journal(&d, "baseline");
    let b = tutorial_journal(&d, "passive");
    let out = undertow(&["diff", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    let first = hashes(&a)
        .iter()
        .zip(hashes(&b))
        .position(|(x, y)| *x != y)
        .expect("the runs differ")
        + 1;
    assert!(
        report.starts_with(&format!("The runs diverge at turn {first}.")),
        "{report}"
    );
    assert!(report.contains(&format!("turn {first}: state differs")));
    assert!(report.contains("→"), "metric deltas: {report}");
    assert!(!report.contains("_"), "metrics in words: {report}");
}

#[test]
fn diff_exits_2_when_a_journal_cannot_be_read() {
    let d = dir("unreadable");
    let a = tutorial_journal(&d, "baseline");
    let bad = d.join("bad.journal");
    std::fs::write(&bad, "garbage\n").expect("write");
    for args in [
        vec!["diff", s(&a), s(&bad)],
        vec!["diff", s(&bad), s(&a)],
        vec!["diff", s(&a), "/nonexistent/x.journal"],
        vec!["diff", s(&a)],
    ] {
        let out = undertow(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn branch_that_changes_nothing_reproduces_its_parent() {
    let d = dir("nothing");
    let parent = tutorial_journal(&d, "baseline");
    let out_path = d.join("branch.journal");
    let out = branch(&[s(&parent), "--at", "3", "--journal", s(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(hashes(&out_path), hashes(&parent));
    // The branch records its parent and verifies on its own from turn 1.
    let j = undertow::journal::read(&out_path).expect("branch journal");
    let p = j.header.parent.clone().expect("a parent");
    assert_eq!(p.at_turn, 3);
    // Its file name only: no directory of the machine it was made on.
    assert_eq!(p.journal, "tutorial-baseline.journal");
    let parent_text = std::fs::read_to_string(&parent).expect("parent");
    let first_line = parent_text.lines().next().expect("a header line");
    let (_, json) = first_line.split_once(' ').expect("checksum and JSON");
    assert_eq!(p.header_hash, undertow::journal::hash_text(json));
    assert_eq!(undertow::journal::verify(&j, |_| {}), Ok(8));
    // Diff compares the runs, not the headers' branch fields.
    let out = undertow(&["diff", s(&parent), s(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = undertow(&["replay", s(&out_path), "--verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn branch_changing_orders_at_t_keeps_every_turn_before_t() {
    let d = dir("change");
    let parent = tutorial_journal(&d, "baseline");
    let at = 4;
    let orders = d.join("orders.ron");
    // One team gives a single different order at turn 4 and nothing after.
    std::fs::write(
        &orders,
        "[(turn: 4, team: \"kesh_police\", action: PreventionCampaign)]",
    )
    .expect("write orders");
    let out_path = d.join("branch.journal");
    let out = branch(&[
        s(&parent),
        "--at",
        "4",
        "--orders",
        s(&orders),
        "--journal",
        s(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (p, b) = (hashes(&parent), hashes(&out_path));
    assert_eq!(b.len(), p.len());
    assert_eq!(
        &b[..at - 1],
        &p[..at - 1],
        "turns before the branch point are identical"
    );
    assert_ne!(b[at - 1], p[at - 1], "the changed order changes turn {at}");
    let out = undertow(&["diff", s(&parent), s(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("The runs diverge at turn 4."),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn branch_with_bots_drives_the_other_teams() {
    let d = dir("bots");
    let parent = tutorial_journal(&d, "baseline");
    let out_path = d.join("passive.journal");
    let out = branch(&[
        s(&parent),
        "--at",
        "2",
        "--bots",
        "passive",
        "--journal",
        s(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (p, b) = (hashes(&parent), hashes(&out_path));
    assert_eq!(b[0], p[0]);
    // Baseline teams gave orders from turn 2; passive ones give none.
    assert_ne!(b[1..], p[1..]);
}

#[test]
fn branch_usage_and_read_errors() {
    let d = dir("errors");
    let parent = tutorial_journal(&d, "baseline");
    for at in ["0", "9"] {
        let out = branch(&[s(&parent), "--at", at]);
        assert_eq!(out.status.code(), Some(2), "--at {at}");
    }
    // Play mode seats every team: it takes neither a script nor bots.
    let out = branch(&[s(&parent), "--at", "2", "--play", "--bots", "baseline"]);
    exits_saying(&out, 2, "cannot be used with");
    let out = branch(&[s(&parent)]);
    assert_eq!(out.status.code(), Some(2), "--at is required");
    let bad = d.join("bad.journal");
    std::fs::write(&bad, "garbage\n").expect("write");
    // A parent that is not a journal stops the branch before it starts, as everywhere.
    let out = branch(&[s(&bad), "--at", "2"]);
    exits_saying(&out, 2, "not an undertow journal");
    let orders = d.join("orders.ron");
    std::fs::write(&orders, "[(turn: 2, team: \"nobody\", action: Analysis)]").expect("write");
    let out = branch(&[s(&parent), "--at", "2", "--orders", s(&orders)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
