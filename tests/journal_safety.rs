//! Nothing lost, nothing leaked: every journal line has a cap, no journal is
//! cut or overwritten, no write follows a link, no machine path is recorded,
//! every command warns about a damaged journal it uses, and one replay path
//! rebuilds every run, checking each turn and each snapshot it uses.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use undertow::bots::Policy;
use undertow::engine::setup::TeamIx;
use undertow::journal::{self, Record, Target};
use undertow::session::Session;

mod common;
use common::{BIN, exits_saying, s, text, undertow};

fn dir(name: &str) -> PathBuf {
    let d = common::scratch("journal-safety", name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// A shipped scenario, by a path that works from any directory.
fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// The binary, run in `cwd`.
fn undertow_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The tutorial played by baseline bots for `turns` turns into `path`.
fn record(path: &Path, turns: &str) {
    let out = undertow(&[
        "run",
        s(&scenario("tutorial.ron")),
        "--turns",
        turns,
        "--journal",
        s(path),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Flip one byte inside a line (1-based), leaving its checksum stale.
fn damage_line(path: &Path, line_no: usize) {
    let mut bytes = std::fs::read(path).expect("reads");
    let start = if line_no == 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line_no - 2)
            .map(|(i, _)| i + 1)
            .expect("the line is there")
    };
    let at = start + 40;
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    std::fs::write(path, bytes).expect("writes");
}

/// Cut the last record in half, as a crash in mid-write does.
fn tear_last_record(path: &Path) {
    let bytes = std::fs::read(path).expect("reads");
    std::fs::write(path, &bytes[..bytes.len() - 30]).expect("writes");
}

/// Rewrite every record through `edit`, each with a fresh checksum.
fn rewrite(path: &Path, edit: impl Fn(&mut Record)) {
    let j = journal::read(path).expect("journal");
    let mut header = Record::Header(j.header.clone());
    edit(&mut header);
    let mut out = journal::encode(&header).expect("encodes");
    for r in j.records() {
        let mut r = r.expect("record");
        edit(&mut r);
        out.push_str(&journal::encode(&r).expect("encodes"));
    }
    std::fs::write(path, out).expect("writes");
}

fn verify(path: &Path) -> Output {
    undertow(&["replay", s(path), "--verify"])
}

fn hashes(path: &Path) -> Vec<String> {
    let j = journal::read(path).expect("journal");
    j.turns().iter().map(|t| t.state_hash.clone()).collect()
}

/// A session of a shipped scenario journalling to `path`.
fn session(name: &str, path: &Path) -> Session {
    let file = scenario(name);
    let text = std::fs::read_to_string(&file).expect("scenario reads");
    let sc = undertow::scenario::parse_scenario(name, &text).expect("scenario parses");
    let catalog = undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &sc);
    let seed = sc.seed;
    Session::start(name, &text, sc, catalog, seed, Some(path)).expect("session starts")
}

fn play(session: &mut Session, turns: u32) {
    for _ in 0..turns {
        for t in TeamIx::all(session.setup().teams.len()) {
            let o = session.bot_orders(t, Policy::Baseline);
            session.set_orders(t, o);
        }
        session.commit().expect("the turn commits");
    }
}

/// Codes for a journal's teams, saved beside it as `serve` saves them.
fn save_codes(journal_path: &Path) -> String {
    let j = journal::read(journal_path).expect("journal");
    let (sc, _) = journal::embedded(&j.header).expect("embedded scenario");
    let teams: serde_json::Map<String, serde_json::Value> = sc
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), format!("{i:032x}").into()))
        .collect();
    let codes = serde_json::json!({ "address": "127.0.0.1:7878", "teams": teams }).to_string();
    std::fs::write(journal::codes_path(journal_path), &codes).expect("codes write");
    codes
}

// --- Reading: a cap on every line, one record held at a time -------------

#[cfg(unix)]
#[test]
fn replay_of_dev_zero_answers_at_once_with_exit_2() {
    let mut child = Command::new(BIN)
        .args(["replay", "/dev/zero", "--verify"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    for _ in 0..200 {
        if child.try_wait().expect("waits").is_some() {
            let out = child.wait_with_output().expect("output");
            exits_saying(&out, 2, "/dev/zero: not an undertow journal");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("`replay /dev/zero --verify` was still reading after 10 s");
}

#[test]
fn a_first_line_longer_than_a_header_may_be_is_not_a_journal() {
    let path = dir("long-header").join("long.journal");
    let mut bytes = b"0123456789abcdef {\"type\":\"header\",\"x\":\"".to_vec();
    bytes.resize(journal::MAX_HEADER_LINE + 100, b'a');
    std::fs::write(&path, &bytes).expect("writes");
    let out = verify(&path);
    let _ = std::fs::remove_file(&path);
    exits_saying(
        &out,
        2,
        "line 1 is longer than the 36 MiB a header may have",
    );
}

#[test]
fn a_record_longer_than_the_cap_is_damage_at_its_line() {
    let path = dir("long-record").join("run.journal");
    record(&path, "4");
    let content = std::fs::read(&path).expect("reads");
    let third_end = content
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .map(|(i, _)| i + 1)
        .expect("three lines");
    let mut long = b"0123456789abcdef ".to_vec();
    long.resize(journal::MAX_RECORD_LINE + 10, b'x');
    long.push(b'\n');
    let mut bytes = content[..third_end].to_vec();
    bytes.extend_from_slice(&long);
    bytes.extend_from_slice(&content[third_end..]);
    std::fs::write(&path, bytes).expect("writes");
    let out = verify(&path);
    exits_saying(
        &out,
        1,
        &format!(
            "verified 2 turns, then line 4 (byte {third_end}): longer than the 8 MiB a record may have"
        ),
    );
}

#[test]
fn snapshots_of_a_10000_actor_run_fit_the_record_cap_with_room() {
    let d = dir("big");
    let big = d.join("big.ron");
    let out = undertow(&["generate", "--actors", "10000", "--seed", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(&big, &out.stdout).expect("writes");
    let path = d.join("big.journal");
    let out = undertow(&["run", s(&big), "--journal", s(&path)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let content = std::fs::read(&path).expect("reads");
    let mut lines = content.split(|b| *b == b'\n');
    let header = lines.next().expect("a header").len();
    assert!(
        header < journal::MAX_HEADER_LINE / 4,
        "header of {header} bytes"
    );
    let longest = lines.map(<[u8]>::len).max().unwrap_or(0);
    // The largest snapshot (after turn 50) must fit three times over.
    assert!(
        longest * 3 < journal::MAX_RECORD_LINE,
        "a {longest}-byte record is too close to the cap"
    );
    let j = journal::read(&path).expect("reads");
    assert_eq!(j.damage, None);
    let snapshots = j
        .records()
        .filter(|r| matches!(r, Ok(Record::Snapshot { .. })))
        .count();
    assert_eq!(snapshots, 5, "snapshots after turns 10 to 50");
    let out = verify(&path);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_turn_too_long_to_journal_is_refused_before_it_is_played() {
    let path = dir("long-turn").join("run.journal");
    let mut session = session("tutorial.ron", &path);
    let to = session.setup().teams[1].id.clone();
    undertow::session::Desk::send_liaison(
        &mut session,
        TeamIx(0),
        &to,
        &"x".repeat(journal::MAX_RECORD_LINE),
    )
    .expect("queued");
    let err = session.commit().expect_err("too long to journal");
    assert!(err.to_string().contains("too long to journal"), "{err}");
    assert_eq!(session.turn(), 0, "the turn was not played");
    drop(session);
    let out = verify(&path);
    exits_saying(&out, 0, "verified 0 turns");
}

// --- Resume: a damaged journal is never cut ------------------------------

#[test]
fn resume_refuses_a_journal_damaged_in_the_middle_and_leaves_it_as_it_was() {
    let path = dir("resume-damaged").join("run.journal");
    record(&path, "6");
    damage_line(&path, 4);
    let before = std::fs::read(&path).expect("reads");
    let err = match Session::resume(&path) {
        Ok(_) => panic!("a journal damaged in the middle resumed"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("damaged at line 4 (byte"), "{err}");
    assert!(err.contains("after turn 2"), "{err}");
    assert!(err.contains("--journal NEW"), "{err}");
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");

    // The same from the command line, which exits 1 and still cuts nothing.
    let out = undertow(&["play", "--resume", s(&path)]);
    exits_saying(&out, 1, "damaged at line 4");
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");
}

#[test]
fn the_good_part_of_a_damaged_journal_continues_in_a_new_one() {
    let d = dir("resume-into");
    let whole = d.join("whole.journal");
    record(&whole, "6");
    let path = d.join("run.journal");
    std::fs::copy(&whole, &path).expect("copies");
    damage_line(&path, 4);
    let before = std::fs::read(&path).expect("reads");
    let new = d.join("new.journal");
    let (mut session, warning) =
        Session::resume_into(&path, &Target::new(&new)).expect("continues");
    let warning = warning.expect("the damage is named");
    assert!(
        warning.contains("line 4") && warning.contains("left as it was"),
        "{warning}"
    );
    assert_eq!(session.turn(), 2, "from the last good turn");
    play(&mut session, 2);
    drop(session);
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");
    // The same bots from the same state: the turns the damage hid, again.
    assert_eq!(hashes(&new), hashes(&whole)[..4]);
    exits_saying(&verify(&new), 0, "verified 4 turns");
}

#[test]
fn serve_resume_into_a_new_journal_keeps_the_codes() {
    let d = dir("serve-into");
    let path = d.join("ex.journal");
    record(&path, "5");
    let codes = save_codes(&path);
    damage_line(&path, 4);
    let before = std::fs::read(&path).expect("reads");
    let serve = |extra: &[&str]| {
        let mut args = vec!["serve", "--resume", s(&path), "--headless"];
        args.extend_from_slice(&["--bind", "127.0.0.1:0", "--turns", "2"]);
        args.extend_from_slice(extra);
        undertow(&args)
    };
    let out = serve(&[]);
    exits_saying(&out, 1, "damaged at line 4");
    let new = d.join("new.journal");
    let out = serve(&["--journal", s(&new)]);
    exits_saying(&out, 0, "resuming at turn 2");
    assert!(text(&out.stderr).contains("left as it was"));
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");
    let copied = std::fs::read_to_string(journal::codes_path(&new)).expect("codes beside");
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&codes).expect("json"),
        serde_json::from_str(&copied).expect("json"),
    );
    assert_eq!(
        a["teams"], b["teams"],
        "teams rejoin with the codes they have"
    );
    // The new journal is never its own source.
    let out = serve(&["--journal", s(&path), "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");
}

#[test]
fn a_torn_last_record_is_still_dropped_with_a_warning() {
    let path = dir("torn").join("run.journal");
    record(&path, "5");
    tear_last_record(&path);
    let (session, warning) = Session::resume(&path).expect("resumes");
    assert_eq!(session.turn(), 4);
    assert!(
        warning.is_some_and(|w| w.contains("dropped line 6") && w.contains("torn")),
        "the warning names the line"
    );
    drop(session);
    exits_saying(&verify(&path), 0, "verified 4 turns");
}

// --- Writing: nothing overwritten, defaults numbered ----------------------

#[test]
fn run_refuses_an_existing_journal_unless_forced() {
    let path = dir("run-exists").join("run.journal");
    record(&path, "3");
    let before = std::fs::read(&path).expect("reads");
    let out = undertow(&["run", s(&scenario("tutorial.ron")), "--journal", s(&path)]);
    exits_saying(&out, 1, "a journal is already there and is not overwritten");
    let err = text(&out.stderr);
    assert!(err.contains("--resume") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&path).expect("reads"), before, "untouched");
    let out = undertow(&[
        "run",
        s(&scenario("tutorial.ron")),
        "--journal",
        s(&path),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    exits_saying(&verify(&path), 0, "verified 8 turns");
}

#[test]
fn branch_refuses_an_existing_journal_and_numbers_its_default_name() {
    let d = dir("branch-exists");
    let parent = d.join("p.journal");
    record(&parent, "4");
    let first = undertow(&["branch", s(&parent), "--at", "2", "--bots", "passive"]);
    exits_saying(&first, 0, "p.branch-2.journal");
    let written = std::fs::read(d.join("p.branch-2.journal")).expect("reads");
    let second = undertow(&["branch", s(&parent), "--at", "2", "--bots", "passive"]);
    exits_saying(&second, 0, "p.branch-2-2.journal");
    assert_eq!(
        std::fs::read(d.join("p.branch-2.journal")).expect("reads"),
        written,
        "the first branch is kept"
    );
    let out = undertow(&[
        "branch",
        s(&parent),
        "--at",
        "2",
        "--journal",
        s(&d.join("p.branch-2.journal")),
    ]);
    exits_saying(&out, 1, "already there");
    assert_eq!(
        std::fs::read(d.join("p.branch-2.journal")).expect("reads"),
        written
    );
}

#[test]
fn serve_refuses_an_existing_journal_or_codes_file() {
    let d = dir("serve-exists");
    let tutorial = scenario("tutorial.ron");
    let serve = |journal: &Path| {
        undertow(&[
            "serve",
            s(&tutorial),
            "--journal",
            s(journal),
            "--headless",
            "--turns",
            "0",
            "--bind",
            "127.0.0.1:0",
        ])
    };
    let path = d.join("ex.journal");
    record(&path, "2");
    let before = std::fs::read(&path).expect("reads");
    exits_saying(&serve(&path), 1, "a journal is already there");
    assert_eq!(std::fs::read(&path).expect("reads"), before);
    assert!(!journal::codes_path(&path).exists(), "no codes written");

    // Codes of an earlier exercise, without their journal: kept too.
    let other = d.join("other.journal");
    std::fs::write(journal::codes_path(&other), "{}").expect("writes");
    exits_saying(&serve(&other), 1, "a codes file is already there");
    assert!(!other.exists(), "no journal left behind without its codes");
    assert_eq!(
        std::fs::read_to_string(journal::codes_path(&other)).expect("reads"),
        "{}"
    );
}

#[test]
fn default_journal_names_never_collide_and_are_named() {
    let d = dir("defaults");
    let tutorial = scenario("tutorial.ron");
    let args = [
        "serve",
        s(&tutorial),
        "--headless",
        "--turns",
        "0",
        "--bind",
        "127.0.0.1:0",
    ];
    let first = undertow_in(&d, &args);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let second = undertow_in(&d, &args);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&d)
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".journal"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    let numbered = names
        .iter()
        .find(|n| n.ends_with("-2.journal"))
        .expect("the second is numbered");
    assert!(
        text(&second.stderr).contains(numbered.as_str()),
        "{}",
        text(&second.stderr)
    );
}

#[test]
fn codes_out_is_rewritten_only_when_it_holds_this_exercises_codes() {
    let d = dir("codes-out");
    let path = d.join("ex.journal");
    record(&path, "2");
    let codes = save_codes(&path);
    let resume = |codes_out: &Path, force: bool| {
        let mut args = vec!["serve", "--resume", s(&path), "--headless", "--turns", "0"];
        args.extend_from_slice(&["--bind", "127.0.0.1:0", "--codes-out", s(codes_out)]);
        if force {
            args.push("--force");
        }
        undertow(&args)
    };
    let same = d.join("same.json");
    std::fs::write(&same, &codes).expect("writes");
    let out = resume(&same, false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let other = d.join("other.json");
    std::fs::write(&other, "precious").expect("writes");
    exits_saying(
        &resume(&other, false),
        1,
        "does not hold this exercise's codes",
    );
    assert_eq!(std::fs::read_to_string(&other).expect("reads"), "precious");
    let out = resume(&other, true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // A new exercise never takes over an existing file.
    let out = undertow(&[
        "serve",
        s(&scenario("tutorial.ron")),
        "--journal",
        s(&d.join("new.journal")),
        "--codes-out",
        s(&same),
        "--headless",
        "--turns",
        "0",
        "--bind",
        "127.0.0.1:0",
    ]);
    exits_saying(&out, 1, "is not overwritten");
    assert!(!d.join("new.journal").exists());
}

// --- Links: never followed ------------------------------------------------

#[cfg(unix)]
#[test]
fn a_log_beside_a_journal_is_owner_only_and_never_written_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("log-beside");
    let log = undertow::logging::beside(&d.join("ex.journal"));
    assert_eq!(log, d.join("ex.journal.log"));
    journal::open_for_append(&log).expect("opens");
    let mode = std::fs::metadata(&log).expect("there").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let elsewhere = d.join("elsewhere");
    let link = d.join("via.journal.log");
    std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
    assert!(journal::open_for_append(&link).is_err());
    assert!(!elsewhere.exists(), "nothing written where the link points");
}

#[cfg(unix)]
#[test]
fn journal_writes_never_follow_a_symbolic_link() {
    let d = dir("links");
    let elsewhere = d.join("elsewhere");
    let link = d.join("run.journal");
    std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
    let out = undertow(&["run", s(&scenario("tutorial.ron")), "--journal", s(&link)]);
    exits_saying(&out, 1, "symbolic link");
    assert!(!elsewhere.exists(), "nothing written where the link points");

    // --force replaces the link itself, never what it points to.
    std::fs::write(&elsewhere, "precious").expect("writes");
    let out = undertow(&[
        "run",
        s(&scenario("tutorial.ron")),
        "--journal",
        s(&link),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&elsewhere).expect("reads"),
        "precious"
    );
    assert!(
        !std::fs::symlink_metadata(&link)
            .expect("there")
            .is_symlink()
    );

    // Resuming appends: not through a link either.
    let real = d.join("real.journal");
    record(&real, "2");
    let via = d.join("via.journal");
    std::os::unix::fs::symlink(&real, &via).expect("link");
    let before = std::fs::read(&real).expect("reads");
    let err = match Session::resume(&via) {
        Ok(_) => panic!("resumed through a link"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read(&real).expect("reads"), before);
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_default_name_is_passed_over() {
    let d = dir("planted");
    let out = undertow_in(
        &d,
        &[
            "serve",
            s(&scenario("tutorial.ron")),
            "--headless",
            "--turns",
            "0",
            "--bind",
            "127.0.0.1:0",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let name = std::fs::read_dir(&d)
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".journal"))
        .expect("a default journal");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    let stolen = d.join("stolen");
    std::os::unix::fs::symlink(&stolen, d.join(&name)).expect("link");
    let out = undertow_in(
        &d,
        &[
            "serve",
            s(&scenario("tutorial.ron")),
            "--headless",
            "--turns",
            "0",
            "--bind",
            "127.0.0.1:0",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !stolen.exists(),
        "the hidden network went where the link points"
    );
    let numbered = name.replace(".journal", "-2.journal");
    assert!(d.join(&numbered).exists(), "{}", text(&out.stderr));
}

// --- No machine path in a journal ------------------------------------------

#[test]
fn the_header_keeps_the_scenario_file_name_only() {
    let path = dir("names").join("run.journal");
    record(&path, "1");
    let j = journal::read(&path).expect("reads");
    assert_eq!(j.header.scenario_name, "tutorial.ron");
    let content = std::fs::read_to_string(&path).expect("reads");
    let dir = scenario("tutorial.ron")
        .parent()
        .expect("a directory")
        .display()
        .to_string();
    assert!(!content.contains(&dir), "the directory is in the journal");
}

#[test]
fn an_old_journal_with_a_path_in_its_header_still_replays() {
    let path = dir("old-names").join("run.journal");
    record(&path, "3");
    rewrite(&path, |r| {
        if let Record::Header(h) = r {
            h.scenario_name = "/home/someone/exercises/tutorial.ron".into();
        }
    });
    exits_saying(&verify(&path), 0, "verified 3 turns");
    let out = undertow(&["report", s(&path), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

// --- Warnings wherever a damaged journal is used ---------------------------

#[test]
fn branch_warns_about_a_torn_or_damaged_parent() {
    let d = dir("branch-warns");
    let parent = d.join("p.journal");
    record(&parent, "5");
    tear_last_record(&parent);
    let out = undertow(&["branch", s(&parent), "--at", "2"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{}: warning:", s(&parent)))
            && err.contains("line 6 (byte")
            && err.contains("torn record"),
        "{err}"
    );
    let damaged = d.join("d.journal");
    record(&damaged, "5");
    damage_line(&damaged, 5);
    let out = undertow(&["branch", s(&damaged), "--at", "2"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning") && err.contains("line 5 (byte") && err.contains("checksum"),
        "{err}"
    );
}

#[test]
fn report_diff_and_replay_warn_about_a_torn_journal() {
    let d = dir("warns");
    let path = d.join("t.journal");
    record(&path, "4");
    tear_last_record(&path);
    let said = format!("{}: warning:", s(&path));
    for args in [
        vec!["report", s(&path), "--format", "csv"],
        vec!["diff", s(&path), s(&path)],
        // Without a terminal the viewer does not open, but it has read the journal.
        vec!["replay", s(&path)],
    ] {
        let out = undertow(&args);
        let err = text(&out.stderr);
        assert!(
            err.contains(&said) && err.contains("line 5 (byte") && err.contains("torn"),
            "{args:?}: {err}"
        );
    }
}

// --- One replay path ------------------------------------------------------

#[test]
fn replay_yields_each_turn_in_effect_with_its_input_outcome_and_state() {
    let path = dir("iterator").join("run.journal");
    let mut session = session("maritime-route.ron", &path);
    play(&mut session, 12);
    session.undo().expect("undoes");
    session.undo().expect("undoes");
    play(&mut session, 3);
    let played: Vec<String> = session
        .outcomes()
        .iter()
        .map(|o| o.state_hash.clone())
        .collect();
    drop(session);
    let j = journal::read(&path).expect("reads");
    let inputs: Vec<_> = j.turn_records().map(|t| t.expect("turn").input).collect();
    let mut replay = j.replay().expect("starts");
    let mut turn = 0;
    while let Some(step) = replay.next() {
        let step = step.expect("replays");
        turn += 1;
        assert_eq!(step.turn, turn);
        assert_eq!(step.input, inputs[turn as usize - 1]);
        assert_eq!(step.outcome.state_hash, played[turn as usize - 1]);
        assert_eq!(replay.engine_mut().state_hash(), step.outcome.state_hash);
    }
    assert_eq!(turn, 13, "the two turns taken back are not replayed");
}

#[test]
fn a_snapshot_that_does_not_match_its_turn_is_never_used() {
    let path = dir("bad-snapshot").join("run.journal");
    let mut session = session("maritime-route.ron", &path);
    play(&mut session, 25);
    drop(session);
    let recorded = hashes(&path);
    rewrite(&path, |r| {
        if let Record::Snapshot { turn: 20, state } = r {
            state.capability.start += 1;
        }
    });
    // Rebuilding passes over it, and still arrives at the recorded state.
    let j = journal::read(&path).expect("reads");
    let mut engine = journal::rebuild(&j, None).expect("rebuilds");
    assert_eq!(engine.state_hash(), recorded[24]);
    let mut at_22 = journal::rebuild(&j, Some(22)).expect("rebuilds");
    assert_eq!(at_22.state_hash(), recorded[21]);
    // Verifying names it.
    exits_saying(
        &verify(&path),
        1,
        "snapshot after turn 20 differs from the replayed state",
    );
}

#[test]
fn undo_rebuilds_the_turn_before_from_a_snapshot_that_verifies() {
    let path = dir("undo").join("run.journal");
    let mut session = session("maritime-route.ron", &path);
    play(&mut session, 13);
    let recorded = hashes(&path);
    assert_eq!(session.undo().expect("undoes"), Some(13));
    assert_eq!(session.turn(), 12);
    assert_eq!(
        undertow::engine::hash_snapshot(session.snapshot(), session.setup()),
        recorded[11],
        "the state after turn 12"
    );
    play(&mut session, 1);
    // Taken back for good: turn 13 again, then turns 12 and 13 undone.
    assert_eq!(session.undo().expect("undoes"), Some(13));
    assert_eq!(session.undo().expect("undoes"), Some(12));
    drop(session);
    exits_saying(&verify(&path), 0, "verified 11 turns (and 3 undone turns)");
    // The JSON lines are the run as it stands: one per turn in effect, with
    // the hash the journal records for it.
    let out = undertow(&["replay", s(&path), "--verify", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let turns: Vec<u64> = lines.iter().filter_map(|l| l["turn"].as_u64()).collect();
    assert_eq!(turns, (1..=11).collect::<Vec<u64>>());
    let in_effect = hashes(&path);
    for (line, hash) in lines.iter().zip(&in_effect) {
        assert_eq!(line["state_hash"].as_str(), Some(hash.as_str()));
    }
}

#[test]
fn a_report_is_never_written_over_a_journal_or_codes_file() {
    let d = dir("report-over");
    let path = d.join("run.journal");
    record(&path, "2");
    let codes = save_codes(&path);
    let before = std::fs::read(&path).expect("reads");
    for target in [path.clone(), journal::codes_path(&path)] {
        let out = undertow(&["report", s(&path), "--format", "md", "-o", s(&target)]);
        exits_saying(&out, 1, "a report is not written over it");
    }
    assert_eq!(std::fs::read(&path).expect("reads"), before);
    assert_eq!(
        std::fs::read_to_string(journal::codes_path(&path)).expect("reads"),
        codes
    );
    let aar = d.join("aar.md");
    std::fs::write(&aar, "an older report").expect("writes");
    let out = undertow(&["report", s(&path), "--format", "md", "-o", s(&aar)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
