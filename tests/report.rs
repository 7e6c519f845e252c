//! `undertow report`: the debrief formats from a fixed tutorial journal.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{exits_saying, s, text, undertow};

fn dir(name: &str) -> PathBuf {
    common::scratch("report", name)
}

/// The tutorial played by baseline bots, journalled; the same every time.
fn tutorial_journal(name: &str) -> PathBuf {
    let path = dir(name).join("tutorial.journal");
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--bots",
        "baseline",
        "--journal",
        s(&path),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// `undertow report` on stdout, asserting success.
fn report(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = undertow(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn report_csv_has_a_header_and_one_row_per_turn_and_team() {
    let j = tutorial_journal("csv");
    let csv = report(&[s(&j), "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    assert_eq!(&header[..2], &["turn", "team"]);
    let keys = &header[2..];
    let mut sorted = keys.to_vec();
    sorted.sort();
    assert_eq!(keys, &sorted[..], "metric columns are sorted");
    for k in [
        "arrested",
        "network_capability",
        "protection_score",
        "disruption_score",
    ] {
        assert!(keys.contains(&k), "column {k}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(
        rows.iter().all(|r| r.len() == header.len()),
        "every row is full width"
    );
    let all_rows = rows.iter().filter(|r| r[1] == "all").count();
    assert_eq!(
        all_rows, 8,
        "one exercise-wide row per turn of the tutorial"
    );
    let teams = rows.len() / 8 - 1;
    assert!(teams >= 2, "per-team rows follow each turn");
    assert_eq!(rows[0][0], "1");
    assert_eq!(rows.last().map(|r| r[0]), Some("8"));
    // Capability is exercise-wide: empty in team rows.
    let cap = header
        .iter()
        .position(|h| *h == "network_capability")
        .expect("column");
    assert!(
        rows.iter()
            .filter(|r| r[1] != "all")
            .all(|r| r[cap].is_empty())
    );
    assert!(
        rows.iter()
            .filter(|r| r[1] == "all")
            .all(|r| !r[cap].is_empty())
    );
}

/// A small structural check of Graphviz output: one `graph {…}`, nodes
/// declared before use, every edge endpoint declared. Returns (nodes, edges).
fn check_dot(dot: &str) -> (usize, usize) {
    let body = dot
        .trim()
        .strip_prefix("graph {")
        .and_then(|b| b.strip_suffix('}'))
        .expect("graph { … }");
    let mut nodes = std::collections::BTreeSet::new();
    let mut edges = 0;
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(line.ends_with(';'), "statement ends with `;`: {line}");
        // Quotes must balance once escaped quotes are taken out.
        assert_eq!(
            line.replace("\\\"", "").matches('"').count() % 2,
            0,
            "{line}"
        );
        let head = line.split(" [").next().unwrap_or(line);
        if let Some((a, b)) = head.split_once(" -- ") {
            assert!(nodes.contains(a.trim()), "edge from undeclared {a}");
            assert!(nodes.contains(b.trim()), "edge to undeclared {b}");
            edges += 1;
        } else if head.starts_with('n') && line.contains("label=") {
            nodes.insert(head.trim().to_string());
        }
    }
    (nodes.len(), edges)
}

/// Render with Graphviz when it is installed.
fn render(dot: &str, name: &str) {
    let Ok(probe) = Command::new("dot").arg("-V").output() else {
        eprintln!("dot not installed: rendering skipped");
        return;
    };
    if !probe.status.success() {
        return;
    }
    let file = dir(name).join("chart.dot");
    std::fs::write(&file, dot).expect("write dot");
    let out = Command::new("dot")
        .args(["-Tsvg", s(&file)])
        .output()
        .expect("dot runs");
    assert!(out.status.success(), "dot: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("<svg"));
}

#[test]
fn report_dot_truth_is_a_graph_of_every_member() {
    let j = tutorial_journal("dot");
    let dot = report(&[s(&j), "--format", "dot"]);
    let (nodes, edges) = check_dot(&dot);
    assert!(nodes >= 5 && edges >= 4, "{nodes} nodes, {edges} edges");
    assert!(dot.contains("doubleoctagon"), "organisers stand out");
    assert!(!dot.contains("x-"), "truth uses real names, not handles");
    render(&dot, "dot");
}

#[test]
fn report_dot_for_a_team_shows_only_what_it_knows() {
    let j = tutorial_journal("dot-team");
    let truth = report(&[s(&j), "--format", "dot"]);
    let (all, _) = check_dot(&truth);
    let scenario = std::fs::read_to_string("scenarios/tutorial.ron").expect("scenario");
    // The first team id in the scenario.
    let id = scenario
        .split("teams:")
        .nth(1)
        .and_then(|t| t.split("id: \"").nth(1))
        .and_then(|t| t.split('"').next())
        .expect("a team id");
    let out = dir("dot-team").join("team.dot");
    report(&[s(&j), "--format", "dot", "--team", id, "-o", s(&out)]);
    let dot = std::fs::read_to_string(&out).expect("written with -o");
    let (known, _) = check_dot(&dot);
    assert!(known >= 1, "the team knows its leads");
    assert!(known <= all, "a team knows no more members than exist");
    assert!(dot.contains("knows after turn 8"));
    render(&dot, "dot-team");
}

#[test]
fn report_md_is_an_after_action_report() {
    let j = tutorial_journal("md");
    // An evaluator note at turn 3, appended as the White Cell would.
    let note = undertow::journal::Record::Note {
        turn: 3,
        text: "Teams hesitated to share \"sensitive\" files.".into(),
        objective: Some("share_across_borders".into()),
    };
    let line = undertow::journal::encode(&note).expect("encode");
    let mut bytes = std::fs::read(&j).expect("journal");
    bytes.extend_from_slice(line.as_bytes());
    std::fs::write(&j, bytes).expect("append");

    let md = report(&[s(&j), "--format", "md"]);
    for section in [
        "# After-action report: ",
        "## Exercise overview",
        "## Objectives",
        "## Timeline of key events",
        "## Team summaries",
        "## Cooperation record",
        "## Scores over time",
        "## Strengths",
        "## Areas for improvement",
        "## Improvement plan",
        "## Evaluator notes",
    ] {
        assert!(md.contains(section), "missing {section}\n{md}");
    }
    assert!(md.contains("- **Seed:** 20261005"));
    assert!(md.contains("- **Turns played:** 8 of 8"));
    // Every objective rated with its evidence.
    let rated = md.matches("| **met** |").count()
        + md.matches("| **partly met** |").count()
        + md.matches("| **not met** |").count();
    assert_eq!(rated, 3, "{md}");
    assert!(md.contains("arrested after turn 8:"));
    assert!(md.contains("intelligence shared after turn 6:"));
    assert!(md.contains("**Turn 3** (on: Share intelligence with another country's force"));
    assert!(md.contains("sensitive"));
    // Score table every four turns and the last.
    for t in ["| 1 |", "| 5 |", "| 8 |"] {
        assert!(md.contains(t), "score row {t}");
    }
    // No internal ids of objectives or snake_case metric names in the prose.
    assert!(!md.contains("share_across_borders"));
    assert!(!md.contains("victims_identified"));
    insta::assert_snapshot!("tutorial_aar", md);
}

#[test]
fn report_case_writes_one_compendium_for_several_journals() {
    let a = tutorial_journal("case-a");
    let b = tutorial_journal("case-b");
    let one = report(&[s(&a), "--format", "case"]);
    assert!(one.starts_with("# Compendium of cross-border joint operations"));
    let two = report(&[s(&a), s(&b), "--format", "case"]);
    assert_eq!(two.matches("# Compendium").count(), 1, "one compendium");
    assert_eq!(two.matches("Exercise: ").count(), 2, "a part per journal");
    let cases = one.matches("\n## Case ").count();
    assert_eq!(two.matches("\n## Case ").count(), cases * 2);
    if cases > 0 {
        for part in [
            "**Countries and agencies.**",
            "**Cooperation mechanisms and when.**",
            "**Achievements.**",
            "**What slowed it.**",
            "**Lessons.**",
        ] {
            assert!(one.contains(part), "{part}");
        }
    }
    insta::assert_snapshot!("tutorial_cases", one);
}

#[test]
fn report_exit_codes() {
    let d = dir("codes");
    let bad = d.join("bad.journal");
    std::fs::write(&bad, "not a journal\n").expect("write");
    // A journal that cannot be used stops the report before it starts.
    let out = undertow(&["report", s(&bad), "--format", "md"]);
    exits_saying(&out, 2, "not an undertow journal");
    assert!(out.stdout.is_empty());

    let missing = d.join("missing.journal");
    let out = undertow(&["report", s(&missing), "--format", "csv"]);
    exits_saying(&out, 2, "cannot read");

    let j = tutorial_journal("codes");
    for args in [
        vec!["report", s(&j)],
        vec!["report", s(&j), "--format", "pdf"],
        vec!["report", s(&j), s(&j), "--format", "md"],
        vec!["report", s(&j), "--format", "md", "--team", "x"],
        vec!["report", s(&j), "--format", "dot", "--team", "no_such_team"],
        vec!["report", "--format", "md"],
    ] {
        let out = undertow(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }

    // A journal whose turns were tampered with does not verify.
    let tampered = d.join("tampered.journal");
    let journal = undertow::journal::read(&j).expect("journal");
    let mut lines = vec![
        undertow::journal::encode(&undertow::journal::Record::Header(journal.header.clone()))
            .expect("encode"),
    ];
    for r in journal.records() {
        let mut r = r.expect("record");
        if let undertow::journal::Record::Turn(t) = &mut r
            && t.turn == 4
        {
            t.state_hash = "0".repeat(64);
        }
        lines.push(undertow::journal::encode(&r).expect("encode"));
    }
    std::fs::write(&tampered, lines.concat()).expect("write");
    let out = undertow(&["report", s(&tampered), "--format", "md"]);
    exits_saying(&out, 2, "turn 4");

    // A report that cannot be written is the one failure left: 1.
    let nowhere = d.join("no-such-dir").join("aar.md");
    let out = undertow(&["report", s(&j), "--format", "md", "-o", s(&nowhere)]);
    exits_saying(&out, 1, "cannot write");
}

#[test]
fn report_case_summarises_joint_teams_and_joint_action_days() {
    let path = dir("case-maritime").join("maritime.journal");
    let out = undertow(&[
        "run",
        "scenarios/maritime-route.ron",
        "--bots",
        "cooperative",
        "--journal",
        s(&path),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = report(&[s(&path), "--format", "case"]);
    assert!(
        case.contains("## Case 1. Joint investigation team: "),
        "{case}"
    );
    assert!(case.contains(". Joint action day at turn "), "{case}");
    assert!(case.contains("formed at turn"));
    // Convictions built on what another country passed on.
    assert!(
        case.contains(". Shared intelligence to conviction: "),
        "{case}"
    );
    assert!(case.contains("reached the case as "));
    for part in [
        "**Countries and agencies.**",
        "**Cooperation mechanisms and when.**",
        "**Achievements.**",
        "- Disruption: ",
        "- Victims: ",
        "**What slowed it.**",
        "**Lessons.**",
    ] {
        assert!(case.contains(part), "{part}");
    }
    // Names, never ids.
    assert!(!case.contains("_police"), "{case}");
    let md = report(&[s(&path), "--format", "md"]);
    assert!(md.contains("- Joint investigation team of "));
    assert!(!md.contains("No joint investigation team formed"));
    // The purposes of the trafficking found, with the people identified.
    assert!(md.contains("Trafficking found, by purpose: "), "{md}");
    assert!(md.contains("labour exploitation ("), "{md}");
}

#[test]
fn report_on_a_torn_journal_warns_and_reports_the_readable_part() {
    let j = tutorial_journal("torn");
    let mut bytes = std::fs::read(&j).expect("journal");
    // Cut the last record in half, as a crash mid-write would.
    let keep = bytes.len() - 20;
    bytes.truncate(keep);
    std::fs::write(&j, bytes).expect("write");
    let out = undertow(&["report", s(&j), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("readable part only"));
    let rows = text(&out.stdout)
        .lines()
        .filter(|l| l.contains(",all,"))
        .count();
    assert_eq!(rows, 7, "the torn eighth turn is left out");
}

#[test]
fn a_run_stopped_early_is_not_rated_not_met_before_its_deadlines() {
    // Passive bots for four turns: nobody is arrested, and every objective
    // of the tutorial has its deadline at turn 6 or 8.
    let path = dir("early").join("early.journal");
    let out = undertow(&[
        "run",
        "scenarios/tutorial.ron",
        "--bots",
        "passive",
        "--turns",
        "4",
        "--journal",
        s(&path),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = report(&[s(&path), "--format", "md"]);
    assert!(md.contains("- **Turns played:** 4 of 8"), "{md}");
    assert!(!md.contains("| **not met** |"), "{md}");
    assert_eq!(md.matches("| **open** |").count(), 3, "{md}");
    assert!(md.contains("turn 8 has not been played"), "{md}");
    // Nobody was arrested: the lack of convictions is not put down to arrests.
    assert!(
        !md.contains("No conviction: arrests did not turn into cases"),
        "{md}"
    );
    assert!(md.contains("No arrest:"), "{md}");
}
