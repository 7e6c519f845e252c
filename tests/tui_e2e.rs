//! End to end: the real binary in a real terminal (tmux), played as a person
//! would, reading the screen with `capture-pane` and polling for text rather
//! than sleeping.
//!
//! Each test runs its own tmux server (`tmux -L <name>`) so tests can run in
//! parallel, and a guard kills that server however the test ends. Without tmux
//! the test is skipped with a message, except under CI (env `CI` set), where a
//! missing tmux is a failure: `.ci/run` installs it.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// A tmux server of our own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("undertow-e2e-{name}-{}", std::process::id()),
        }
    }

    /// A server of our own running `script` under `sh` in an 80×24 window.
    fn start(name: &str, script: &str) -> Tmux {
        let t = Tmux::new(name);
        let out = t.run(&[
            "new-session",
            "-d",
            "-s",
            "play",
            "-x",
            "80",
            "-y",
            "24",
            "sh",
            "-c",
            script,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        t
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux {args:?}: {e}"))
    }

    fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "play"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, key: &str) {
        let out = self.run(&["send-keys", "-t", "play", key]);
        assert!(out.status.success(), "send-keys {key}: {out:?}");
    }

    /// Poll the screen until `pred` holds; fail with the last screen if not.
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let mut waited = Duration::ZERO;
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if waited >= TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(POLL);
            waited += POLL;
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Paste text as a terminal does: tmux wraps it in the bracketed-paste
    /// markers when the program asked for them.
    fn paste(&self, text: &str) {
        let out = self.run(&["set-buffer", "-b", "clip", text]);
        assert!(out.status.success(), "set-buffer: {out:?}");
        let out = self.run(&["paste-buffer", "-p", "-b", "clip", "-t", "play"]);
        assert!(out.status.success(), "paste-buffer: {out:?}");
    }

    /// `r`, and yes when asked about capacity left unused (the question
    /// comes at once, or not at all).
    fn ready(&self) {
        self.send("r");
        let mut waited = Duration::ZERO;
        while waited < Duration::from_secs(2) {
            if self.screen().contains("end the turn? (y/n)") {
                self.send("y");
                self.wait("the question to close", |s| {
                    !s.contains("end the turn? (y/n)")
                });
                return;
            }
            std::thread::sleep(POLL);
            waited += POLL;
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// Whether a test can run: tmux is there. Without it the test is skipped,
/// except under CI, where a missing tmux fails it.
fn tmux_available(test: &str) -> bool {
    let there = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed; CI must install it (.ci/run)"
        );
        eprintln!("SKIPPED {test}: tmux is not installed");
    }
    there
}

/// A scratch directory of this test's own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("undertow-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

const KESH: &str = "Kesh Police, Anti-Smuggling Cell";
const MALUNA: &str = "Maluna Police, Marine Unit";
const MERIDIA: &str = "Meridia Federal Police";

/// Sit a team down from its hand-over card (reading its brief the first time)
/// and wait for its screen.
fn sit_down(t: &Tmux, team: &str, turn: &str, first_time: bool) {
    t.wait("the hand-over card", |s| {
        s.contains("Pass the keyboard to") && s.contains(team)
    });
    t.send("Enter");
    if first_time {
        t.wait_for("Your brief");
        t.send("Enter");
    }
    t.wait(&format!("{team} at {turn}"), |s| {
        s.contains(turn) && s.contains(team) && s.contains("Actions")
    });
}

#[test]
fn hot_seat_round_trip_in_a_real_terminal() {
    if !tmux_available("hot_seat_round_trip_in_a_real_terminal") {
        return;
    }
    let dir = Scratch::new("hot-seat");
    let journal = dir.0.join("play.journal");
    let exit = dir.0.join("exit");
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        "cd {} && {} play scenarios/tutorial.ron --journal {}; echo EXIT=$? > {}",
        quote(root),
        quote(bin),
        quote(&journal),
        quote(&exit)
    );
    let t = Tmux::start("hot-seat", &script);

    // The briefing, then the first team's card and brief.
    t.wait_for("Briefing");
    t.send("Enter");
    sit_down(&t, KESH, "Turn 1/8", true);

    // Queue two orders: analysis (no target) and surveillance on the lead.
    t.send("Enter");
    t.wait_for("Order it?");
    t.send("Enter");
    t.wait_for("Queued: Intelligence analysis");
    t.send("Down");
    t.send("Enter");
    t.wait_for("Choose the person");
    t.send("Enter");
    t.wait_for("Queued: Physical surveillance");
    // One point left: `r` asks before ending the turn.
    t.send("r");
    t.wait_for("1 of 4 points unused: end the turn? (y/n)");
    t.send("y");

    // Every other team reads its brief and is ready.
    sit_down(&t, MALUNA, "Turn 1/8", true);
    t.ready();
    sit_down(&t, MERIDIA, "Turn 1/8", true);
    t.ready();

    // The turn is played: the counter moves on.
    sit_down(&t, KESH, "Turn 2/8", false);
    t.ready();
    sit_down(&t, MALUNA, "Turn 2/8", false);
    t.ready();
    sit_down(&t, MERIDIA, "Turn 2/8", false);
    t.ready();

    // The surveillance ordered at turn 1 resolved in turn 2: its outcome is in the log.
    sit_down(&t, KESH, "Turn 3/8", false);
    t.wait_for("Physical surveillance on Jamal Uddin");

    // Help, then quit: `n` goes back, `y` quits with status 0.
    t.send("?");
    t.wait_for("Help");
    t.send("Escape");
    t.wait("the help to close", |s| !s.contains("┌ Help"));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("n");
    t.wait("the prompt to close", |s| !s.contains("Quit? (y/n)"));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");

    assert_eq!(exit_status(&exit), "EXIT=0");
    let recorded = std::fs::read_to_string(&journal).unwrap_or_default();
    assert_eq!(recorded.matches("\"type\":\"turn\"").count(), 2);
}

/// Wait for the shell line `EXIT=N` the session script writes when the program ends.
fn exit_status(path: &Path) -> String {
    let mut waited = Duration::ZERO;
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return s.trim().to_string();
        }
        assert!(waited < TIMEOUT, "the program did not exit");
        std::thread::sleep(POLL);
        waited += POLL;
    }
}

#[test]
fn a_branch_can_be_played_from_its_branch_point() {
    if !tmux_available("a_branch_can_be_played_from_its_branch_point") {
        return;
    }
    let dir = Scratch::new("branch-play");
    let parent = dir.0.join("parent.journal");
    let branch = dir.0.join("branch.journal");
    let exit = dir.0.join("exit");
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new(bin)
        .current_dir(root)
        .args(["run", "scenarios/tutorial.ron", "--turns", "4"])
        .args(["--bots", "baseline", "--journal"])
        .arg(&parent)
        .output()
        .unwrap_or_else(|e| panic!("undertow run: {e}"));
    assert!(run.status.success(), "undertow run: {run:?}");

    let script = format!(
        "{} branch {} --at 3 --play --journal {}; echo EXIT=$? > {}",
        quote(bin),
        quote(&parent),
        quote(&branch),
        quote(&exit)
    );
    let t = Tmux::start("branch-play", &script);

    // The recorded turns 1 and 2 are behind us: play opens at turn 3.
    t.wait_for("Briefing");
    t.send("Enter");
    sit_down(&t, KESH, "Turn 3/8", true);
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");

    // The branch journal holds the two recorded turns, and they replay to
    // the parent's hashes.
    let verify = |j: &Path| {
        let out = Command::new(bin)
            .args(["replay", "--verify", "--json"])
            .arg(j)
            .output()
            .unwrap_or_else(|e| panic!("undertow replay: {e}"));
        assert!(
            out.status.success(),
            "replay --verify {}: {out:?}",
            j.display()
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let ours = verify(&branch);
    let theirs = verify(&parent);
    assert_eq!(ours.len(), 2);
    assert_eq!(ours[..], theirs[..2]);
}

#[test]
fn the_replay_viewer_seeks_switches_perspective_and_quits() {
    if !tmux_available("the_replay_viewer_seeks_switches_perspective_and_quits") {
        return;
    }
    let dir = Scratch::new("replay-viewer");
    let journal = dir.0.join("flagship.journal");
    let exit = dir.0.join("exit");
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new(bin)
        .current_dir(root)
        .args(["run", "scenarios/maritime-route.ron", "--seed", "7"])
        .args(["--turns", "52", "--bots", "baseline", "--journal"])
        .arg(&journal)
        .output()
        .unwrap_or_else(|e| panic!("undertow run: {e}"));
    assert!(run.status.success(), "undertow run: {run:?}");

    // A turn past the end opens the last one, and says so.
    let script = format!(
        "{} replay {} --turn 80; echo EXIT=$? > {}",
        quote(bin),
        quote(&journal),
        quote(&exit)
    );
    let t = Tmux::start("replay-viewer", &script);
    t.wait("the last turn", |s| {
        s.contains("Turn 52/52") && s.contains("past the end")
    });
    t.wait_for("View: [Truth]");

    // Home, then g 2 6 Enter: turn 26, the truth and its turn's injects.
    t.send("Home");
    t.wait_for("Turn 1/52");
    t.send("g");
    t.wait_for("Go to turn");
    t.send("2");
    t.send("6");
    t.send("Enter");
    let s = t.wait("turn 26", |s| {
        s.contains("Turn 26/52") && !s.contains("Go to turn")
    });
    assert!(s.contains("Truth: the network"), "{s}");
    assert!(s.contains("Half-way review"), "the inject of turn 26:\n{s}");

    // A step forward and back.
    t.send("Right");
    t.wait_for("Turn 27/52");
    t.send("h");
    t.wait_for("Turn 26/52");

    // Through the first team's eyes: its picture and what it did not know.
    t.send("p");
    let s = t.wait("Kesh Police's view", |s| {
        s.contains("[Kesh Police]") && s.contains("Against the truth")
    });
    assert!(s.contains("Turn 26/52") && s.contains("Kesh Police"), "{s}");
    assert!(s.contains("Knew ") && s.contains(" of 47 members"), "{s}");
    assert!(!s.contains("Truth: the network"), "{s}");
    t.send("Tab");
    t.wait_for("[Kesh Immigration");

    // Help lists the viewer's keys; quit asks first.
    t.send("?");
    t.wait("the help", |s| {
        s.contains("Help") && s.contains("next view")
    });
    t.send("Escape");
    t.wait("the help to close", |s| !s.contains("┌ Help"));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("n");
    t.wait("the prompt to close", |s| !s.contains("Quit? (y/n)"));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
}

/// Child processes of a test, killed when dropped.
struct Children(Vec<std::process::Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn a_team_plays_a_served_exercise_from_its_own_terminal() {
    if !tmux_available("a_team_plays_a_served_exercise_from_its_own_terminal") {
        return;
    }
    let dir = Scratch::new("join");
    let codes_out = dir.0.join("codes.json");
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let log = std::fs::File::create(dir.0.join("serve.log")).expect("a log file");
    let server = Command::new(bin)
        .current_dir(root)
        .args([
            "serve",
            "scenarios/tutorial.ron",
            "--headless",
            "--turns",
            "3",
        ])
        .args(["--bind", "127.0.0.1:0", "--codes-out"])
        .arg(&codes_out)
        .arg("--journal")
        .arg(dir.0.join("served.journal"))
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the server starts");
    let mut children = Children(vec![server]);
    let mut waited = Duration::ZERO;
    let codes: serde_json::Value = loop {
        if let Ok(text) = std::fs::read_to_string(&codes_out)
            && let Ok(v) = serde_json::from_str(&text)
        {
            break v;
        }
        assert!(waited < TIMEOUT, "the server never wrote its codes");
        std::thread::sleep(POLL);
        waited += POLL;
    };
    let address = codes["address"].as_str().expect("an address").to_string();
    let code = |team: &str| codes["teams"][team].as_str().expect("a code").to_string();
    // Bots take the other seats.
    for team in ["maluna_police", "meridia_police"] {
        let bot = Command::new(bin)
            .args(["join", &address, "--team", team, "--code", &code(team)])
            .args(["--bot", "baseline"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("a bot joins");
        children.0.push(bot);
    }
    let exit = dir.0.join("exit");
    let script = format!(
        "{} join {address} --team kesh_police --code {}; echo EXIT=$? > {}",
        quote(bin),
        code("kesh_police"),
        quote(&exit)
    );
    let t = Tmux::start("join", &script);

    // The briefing, then Kesh's own screen at turn 1: no hand-over card.
    t.wait("the briefing at turn 1", |s| {
        s.contains("Briefing") && s.contains("Turn 1/8")
    });
    t.send("Enter");
    t.wait("Kesh at turn 1", |s| {
        s.contains("Turn 1/8") && s.contains(KESH) && s.contains("Actions")
    });

    // Queue analysis; the server answers with the capacity it leaves.
    t.send("Enter");
    t.wait_for("Order it?");
    t.send("Enter");
    t.wait_for("Queued: Intelligence analysis");
    t.wait_for("3/4 cap");

    // Ready: the bots are too, so the server plays the turn.
    t.send("r");
    t.wait_for("3 of 4 points unused: end the turn? (y/n)");
    t.send("y");
    t.wait("turn 2", |s| s.contains("Turn 2/8") && s.contains(KESH));
    t.wait_for("Turn 1 played");

    t.send("?");
    t.wait_for("Help");
    t.send("Escape");
    t.wait("the help to close", |s| !s.contains("┌ Help"));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
}

/// The script that runs `undertow ARGS` in `dir` and writes its exit status.
fn script(dir: &Path, args: &str, exit: &Path) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    format!(
        "cd {} && {} {args}; echo EXIT=$? > {}",
        quote(dir),
        quote(bin),
        quote(exit)
    )
}

#[test]
fn a_paste_is_text_in_a_message_box_and_nothing_on_the_team_screen() {
    if !tmux_available("a_paste_is_text_in_a_message_box_and_nothing_on_the_team_screen") {
        return;
    }
    let dir = Scratch::new("paste");
    let exit = dir.0.join("exit");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let journal = dir.0.join("paste.journal");
    let args = format!(
        "play scenarios/tutorial.ron --team kesh_police --journal {}",
        quote(&journal)
    );
    let t = Tmux::start("paste", &script(root, &args, &exit));
    t.wait_for("Briefing");
    t.send("Enter");
    t.wait("Kesh's screen", |s| {
        s.contains("Turn 1/8") && s.contains("Actions")
    });

    // A paste on the team screen presses no key: "r" twice, "q", "y" are
    // in it, and nothing is ready, played or quit.
    t.paste("recheck your files\nr\nqy");
    std::thread::sleep(Duration::from_millis(300));
    let s = t.screen();
    assert!(s.contains("Turn 1/8") && s.contains("○ not ready"), "{s}");
    assert!(
        !s.contains("Quit? (y/n)") && !s.contains("end the turn?"),
        "{s}"
    );

    // In the liaison box the paste is the message, whole.
    t.send("m");
    t.wait_for("to which team?");
    t.send("Enter");
    t.wait_for("Liaison message to");
    t.paste("recheck your files\nand ready the boat");
    t.wait_for("> recheck your files and ready the boat");
    t.send("Enter");
    t.wait_for("goes out at the end of the");
    let s = t.screen();
    assert!(s.contains("Turn 1/8"), "{s}");

    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
    let recorded = std::fs::read_to_string(&journal).unwrap_or_default();
    assert_eq!(recorded.matches("\"type\":\"turn\"").count(), 0);
}

#[test]
fn a_single_team_game_resumes_with_its_seat_and_a_branch_retakes_one_team() {
    if !tmux_available("a_single_team_game_resumes_with_its_seat_and_a_branch_retakes_one_team") {
        return;
    }
    let dir = Scratch::new("seats");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let journal = dir.0.join("one team.journal");
    let exit = dir.0.join("exit");
    let args = format!(
        "play scenarios/tutorial.ron --team maluna_police --journal {}",
        quote(&journal)
    );
    let t = Tmux::start("seats", &script(root, &args, &exit));
    t.wait_for("Briefing");
    t.send("Enter");
    t.wait("Maluna at turn 1", |s| {
        s.contains("Turn 1/8") && s.contains(MALUNA)
    });
    t.ready();
    t.wait("turn 2", |s| s.contains("Turn 2/8") && s.contains(MALUNA));
    t.ready();
    t.wait("turn 3", |s| s.contains("Turn 3/8") && s.contains(MALUNA));
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
    drop(t);

    // Resumed: Maluna again, bots in the other seats, no hand-over card.
    let _ = std::fs::remove_file(&exit);
    let args = format!("play --resume {}", quote(&journal));
    let t = Tmux::start("seats-resume", &script(root, &args, &exit));
    // One team: its brief is in the briefing, and Enter seats it.
    t.wait_for("Briefing");
    t.send("Enter");
    let s = t.wait("Maluna at turn 3", |s| {
        s.contains("Turn 3/8") && s.contains(MALUNA) && s.contains("Actions")
    });
    assert!(!s.contains("Pass the keyboard"), "{s}");
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
    drop(t);

    // A branch from turn 2 retakes Meridia alone.
    let _ = std::fs::remove_file(&exit);
    let branch = dir.0.join("branch.journal");
    let args = format!(
        "branch {} --at 2 --play --team meridia_police --journal {}",
        quote(&journal),
        quote(&branch)
    );
    let t = Tmux::start("seats-branch", &script(root, &args, &exit));
    t.wait_for("Briefing");
    t.send("Enter");
    let s = t.wait("Meridia at turn 2", |s| {
        s.contains("Turn 2/8") && s.contains(MERIDIA) && s.contains("Actions")
    });
    assert!(!s.contains("Pass the keyboard"), "{s}");
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
}

/// Read a codes file once it is there.
fn read_codes(path: &Path) -> serde_json::Value {
    let mut waited = Duration::ZERO;
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Ok(v) = serde_json::from_str(&text)
        {
            return v;
        }
        assert!(waited < TIMEOUT, "no codes at {}", path.display());
        std::thread::sleep(POLL);
        waited += POLL;
    }
}

#[test]
fn the_console_shows_how_to_join_and_a_resume_binds_where_the_teams_are() {
    if !tmux_available("the_console_shows_how_to_join_and_a_resume_binds_where_the_teams_are") {
        return;
    }
    let dir = Scratch::new("console-join");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let journal = dir.0.join("ex.journal");
    let exit = dir.0.join("exit");
    let args = format!(
        "serve scenarios/tutorial.ron --bind 127.0.0.1:0 --journal {}",
        quote(&journal)
    );
    let t = Tmux::start("console-join", &script(root, &args, &exit));
    t.wait_for("EXERCISE CONTROL");
    // The codes beside the journal hold the port actually bound.
    let codes = read_codes(&dir.0.join("ex.journal.codes"));
    let address = codes["address"].as_str().expect("an address").to_string();
    assert!(!address.ends_with(":0"), "{address}");
    let code = codes["teams"]["kesh_police"].as_str().expect("a code");

    // The Join tab: Tab reaches it; the codes show only after v.
    for _ in 0..5 {
        t.send("Tab");
    }
    let s = t.wait_for("[Join]");
    assert!(s.contains(&format!("Teams join at {address}")), "{s}");
    assert!(s.contains("--team kesh_police --code ••••"), "{s}");
    assert!(!s.contains(code), "{s}");
    t.send("v");
    t.wait_for(code);

    // A bot joins; the Teams tab says so.
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let bot = Command::new(bin)
        .args(["join", &address, "--team", "meridia_police", "--code"])
        .arg(codes["teams"]["meridia_police"].as_str().expect("a code"))
        .args(["--bot", "baseline"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("a bot joins");
    let mut children = Children(vec![bot]);
    t.send("Tab");
    t.send("Tab");
    let s = t.wait("the bot in its seat", |s| {
        s.contains("[Teams]") && s.contains(" bot")
    });
    assert!(s.contains("ready 1/3"), "{s}");
    assert!(s.contains("not joined"), "{s}");

    // Quit: the hint is a command that works, on the same address.
    t.send("q");
    let s = t.wait_for("Quit? (y/n)");
    assert!(
        s.contains("continue on the same address with: undertow serve") && s.contains("--resume"),
        "{s}"
    );
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
    drop(t);

    // Resumed without --bind: the same address, where the bot reconnects.
    let _ = std::fs::remove_file(&exit);
    let args = format!("serve --resume {}", quote(&journal));
    let t = Tmux::start("console-resume", &script(root, &args, &exit));
    t.wait_for("EXERCISE CONTROL");
    for _ in 0..5 {
        t.send("Tab");
    }
    t.wait_for(&format!("Teams join at {address}"));
    t.send("Tab");
    t.send("Tab");
    t.wait("the bot back in its seat", |s| {
        s.contains("[Teams]") && s.contains(" bot")
    });
    t.send("q");
    t.wait_for("Quit? (y/n)");
    t.send("y");
    assert_eq!(exit_status(&exit), "EXIT=0");
    for c in &mut children.0 {
        let _ = c.kill();
    }
}

#[test]
fn analyze_draws_its_progress_bar_on_the_terminal_and_none_in_its_output() {
    if !tmux_available("analyze_draws_its_progress_bar_on_the_terminal_and_none_in_its_output") {
        return;
    }
    let dir = Scratch::new("analyze-bar");
    let bin = Path::new(env!("CARGO_BIN_EXE_undertow"));
    let network = dir.0.join("generated.ron");
    let generated = Command::new(bin)
        .args(["generate", "--actors", "1000", "--seed", "1"])
        .output()
        .unwrap_or_else(|e| panic!("undertow generate: {e}"));
    assert!(
        generated.status.success(),
        "undertow generate: {generated:?}"
    );
    std::fs::write(&network, &generated.stdout).unwrap_or_else(|e| panic!("{e}"));
    let table = dir.0.join("table.txt");
    // The table to a file, stderr (the bar) on the terminal; a thousand steps
    // by betweenness, so the run is still going when the test ends it.
    let script = format!(
        "{} analyze {} --steps 1000 --no-efficiency > {}",
        quote(bin),
        quote(&network),
        quote(&table)
    );
    let t = Tmux::start("analyze-bar", &script);
    // The bar moves past step 0 only once row 1 is written.
    t.wait("the bar past step 0", |s| {
        s.contains("/1000 steps [") && !s.contains("     0/1000 steps")
    });
    let written = std::fs::read_to_string(&table).unwrap_or_default();
    assert!(written.contains("\n   1        1 "), "{written}");
    assert!(
        !written.contains('\x1b') && !written.contains('\r'),
        "{written:?}"
    );
}
