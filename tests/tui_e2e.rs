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
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::{BIN, Scratch};

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
        poll(|| {
            let s = self.screen();
            if pred(&s) {
                Ok(s)
            } else {
                Err(format!(
                    "timed out waiting for {what}; the screen was:\n{s}"
                ))
            }
        })
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

    /// Enter past the opening briefing.
    fn pass_briefing(&self) {
        self.wait_for("Briefing");
        self.send("Enter");
    }

    /// Open the help, see it list `listed`, and close it.
    fn help(&self, listed: &[&str]) {
        self.send("?");
        self.wait("the help", |s| {
            s.contains("Help") && listed.iter().all(|l| s.contains(l))
        });
        self.send("Escape");
        self.wait("the help to close", |s| !s.contains("┌ Help"));
    }

    /// `q`, then no: the prompt closes and play goes on.
    fn quit_declined(&self) {
        self.send("q");
        self.wait_for("Quit? (y/n)");
        self.send("n");
        self.wait("the prompt to close", |s| !s.contains("Quit? (y/n)"));
    }

    /// `q`, then yes.
    fn quit(&self) {
        self.send("q");
        self.wait_for("Quit? (y/n)");
        self.send("y");
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

/// Call `attempt` until it gives a value; past [`TIMEOUT`], fail with what
/// its last miss said.
fn poll<T>(mut attempt: impl FnMut() -> Result<T, String>) -> T {
    let mut waited = Duration::ZERO;
    loop {
        match attempt() {
            Ok(v) => return v,
            Err(miss) => assert!(waited < TIMEOUT, "{miss}"),
        }
        std::thread::sleep(POLL);
        waited += POLL;
    }
}

/// One end-to-end test: a scratch directory of its own, and the file where
/// the program it plays writes its exit status.
struct E2e {
    dir: Scratch,
    exit: PathBuf,
}

impl E2e {
    /// The test named `test`, in a scratch directory named by the short
    /// `tag` (the console's quit hint prints its path, and a long one wraps
    /// where the test reads it); `None` (skip it) without tmux.
    fn new(test: &str, tag: &str) -> Option<E2e> {
        if !tmux_available(test) {
            return None;
        }
        let dir = Scratch::new("e2e", tag);
        let exit = dir.0.join("exit");
        Some(E2e { dir, exit })
    }

    /// A file in the test's scratch directory.
    fn path(&self, file: &str) -> PathBuf {
        self.dir.0.join(file)
    }

    /// `undertow ARGS` (shell words) from the repository root, in a tmux
    /// server of its own called `name`.
    fn start(&self, name: &str, args: &str) -> Tmux {
        // A status left by the program before this one would end its wait at once.
        let _ = std::fs::remove_file(&self.exit);
        Tmux::start(name, &script(root(), args, &self.exit))
    }

    /// Quit with `q`, yes: the program ends with status 0.
    fn quit(&self, t: &Tmux) {
        t.quit();
        self.exits_cleanly();
    }

    /// The program ended with status 0.
    fn exits_cleanly(&self) {
        assert_eq!(exit_status(&self.exit), "EXIT=0");
    }
}

/// The repository, where the scenarios are.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `undertow ARGS` from the repository root to its end; it must succeed.
fn run_ok(args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .current_dir(root())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("undertow {args:?}: {e}"));
    assert!(out.status.success(), "undertow {args:?}: {out:?}");
    out
}

/// A bot client in `team`'s seat of the exercise at `address`.
fn join_bot(address: &str, team: &str, code: &str) -> Child {
    Command::new(BIN)
        .args(["join", address, "--team", team, "--code", code])
        .args(["--bot", "baseline"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("a bot joins")
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
    let Some(e2e) = E2e::new("hot_seat_round_trip_in_a_real_terminal", "hot-seat") else {
        return;
    };
    let journal = e2e.path("play.journal");
    let args = format!("play scenarios/tutorial.ron --journal {}", quote(&journal));
    let t = e2e.start("hot-seat", &args);

    // The briefing, then the first team's card and brief.
    t.pass_briefing();
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
    t.help(&[]);
    t.quit_declined();
    e2e.quit(&t);

    let recorded = std::fs::read_to_string(&journal).unwrap_or_default();
    assert_eq!(recorded.matches("\"type\":\"turn\"").count(), 2);
}

/// Wait for the shell line `EXIT=N` the session script writes when the program ends.
fn exit_status(path: &Path) -> String {
    poll(|| match std::fs::read_to_string(path) {
        Ok(s) if s.ends_with('\n') => Ok(s.trim().to_string()),
        _ => Err("the program did not exit".to_string()),
    })
}

#[test]
fn a_branch_can_be_played_from_its_branch_point() {
    let Some(e2e) = E2e::new(
        "a_branch_can_be_played_from_its_branch_point",
        "branch-play",
    ) else {
        return;
    };
    let parent = e2e.path("parent.journal");
    let branch = e2e.path("branch.journal");
    run_ok(&[
        "run",
        "scenarios/tutorial.ron",
        "--turns",
        "4",
        "--bots",
        "baseline",
        "--journal",
        common::s(&parent),
    ]);

    let args = format!(
        "branch {} --at 3 --play --journal {}",
        quote(&parent),
        quote(&branch)
    );
    let t = e2e.start("branch-play", &args);

    // The recorded turns 1 and 2 are behind us: play opens at turn 3.
    t.pass_briefing();
    sit_down(&t, KESH, "Turn 3/8", true);
    e2e.quit(&t);

    // The branch journal holds the two recorded turns, and they replay to
    // the parent's hashes.
    let verify = |j: &Path| {
        let out = run_ok(&["replay", "--verify", "--json", common::s(j)]);
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
    let Some(e2e) = E2e::new(
        "the_replay_viewer_seeks_switches_perspective_and_quits",
        "replay-viewer",
    ) else {
        return;
    };
    let journal = e2e.path("flagship.journal");
    run_ok(&[
        "run",
        "scenarios/maritime-route.ron",
        "--seed",
        "7",
        "--turns",
        "52",
        "--bots",
        "baseline",
        "--journal",
        common::s(&journal),
    ]);

    // A turn past the end opens the last one, and says so.
    let args = format!("replay {} --turn 80", quote(&journal));
    let t = e2e.start("replay-viewer", &args);
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
    t.help(&["next view"]);
    t.quit_declined();
    e2e.quit(&t);
}

/// Child processes of a test, killed when dropped.
struct Children(Vec<Child>);

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
    let Some(e2e) = E2e::new(
        "a_team_plays_a_served_exercise_from_its_own_terminal",
        "join",
    ) else {
        return;
    };
    let codes_out = e2e.path("codes.json");
    let log = std::fs::File::create(e2e.path("serve.log")).expect("a log file");
    let server = Command::new(BIN)
        .current_dir(root())
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
        .arg(e2e.path("served.journal"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the server starts");
    let mut children = Children(vec![server]);
    let codes = read_codes(&codes_out);
    let address = codes["address"].as_str().expect("an address").to_string();
    let code = |team: &str| codes["teams"][team].as_str().expect("a code").to_string();
    // Bots take the other seats.
    for team in ["maluna_police", "meridia_police"] {
        children.0.push(join_bot(&address, team, &code(team)));
    }
    let args = format!(
        "join {address} --team kesh_police --code {}",
        code("kesh_police")
    );
    let t = e2e.start("join", &args);

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

    t.help(&[]);
    e2e.quit(&t);
}

/// The script that runs `undertow ARGS` in `dir` and writes its exit status.
fn script(dir: &Path, args: &str, exit: &Path) -> String {
    format!(
        "cd {} && {} {args}; echo EXIT=$? > {}",
        quote(dir),
        quote(Path::new(BIN)),
        quote(exit)
    )
}

#[test]
fn a_paste_is_text_in_a_message_box_and_nothing_on_the_team_screen() {
    let Some(e2e) = E2e::new(
        "a_paste_is_text_in_a_message_box_and_nothing_on_the_team_screen",
        "paste",
    ) else {
        return;
    };
    let journal = e2e.path("paste.journal");
    let args = format!(
        "play scenarios/tutorial.ron --team kesh_police --journal {}",
        quote(&journal)
    );
    let t = e2e.start("paste", &args);
    t.pass_briefing();
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

    e2e.quit(&t);
    let recorded = std::fs::read_to_string(&journal).unwrap_or_default();
    assert_eq!(recorded.matches("\"type\":\"turn\"").count(), 0);
}

#[test]
fn a_single_team_game_resumes_with_its_seat_and_a_branch_retakes_one_team() {
    let Some(e2e) = E2e::new(
        "a_single_team_game_resumes_with_its_seat_and_a_branch_retakes_one_team",
        "resume",
    ) else {
        return;
    };
    let journal = e2e.path("one team.journal");
    let args = format!(
        "play scenarios/tutorial.ron --team maluna_police --journal {}",
        quote(&journal)
    );
    let t = e2e.start("seats", &args);
    t.pass_briefing();
    t.wait("Maluna at turn 1", |s| {
        s.contains("Turn 1/8") && s.contains(MALUNA)
    });
    t.ready();
    t.wait("turn 2", |s| s.contains("Turn 2/8") && s.contains(MALUNA));
    t.ready();
    t.wait("turn 3", |s| s.contains("Turn 3/8") && s.contains(MALUNA));
    e2e.quit(&t);
    drop(t);

    // Resumed: Maluna again, bots in the other seats, no hand-over card.
    let args = format!("play --resume {}", quote(&journal));
    let t = e2e.start("seats-resume", &args);
    // One team: its brief is in the briefing, and Enter seats it.
    t.pass_briefing();
    let s = t.wait("Maluna at turn 3", |s| {
        s.contains("Turn 3/8") && s.contains(MALUNA) && s.contains("Actions")
    });
    assert!(!s.contains("Pass the keyboard"), "{s}");
    e2e.quit(&t);
    drop(t);

    // A branch from turn 2 retakes Meridia alone.
    let branch = e2e.path("branch.journal");
    let args = format!(
        "branch {} --at 2 --play --team meridia_police --journal {}",
        quote(&journal),
        quote(&branch)
    );
    let t = e2e.start("seats-branch", &args);
    t.pass_briefing();
    let s = t.wait("Meridia at turn 2", |s| {
        s.contains("Turn 2/8") && s.contains(MERIDIA) && s.contains("Actions")
    });
    assert!(!s.contains("Pass the keyboard"), "{s}");
    e2e.quit(&t);
}

/// Read a codes file once it is there.
fn read_codes(path: &Path) -> serde_json::Value {
    poll(|| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .ok_or_else(|| format!("no codes at {}", path.display()))
    })
}

#[test]
fn the_console_shows_how_to_join_and_a_resume_binds_where_the_teams_are() {
    let Some(e2e) = E2e::new(
        "the_console_shows_how_to_join_and_a_resume_binds_where_the_teams_are",
        "console",
    ) else {
        return;
    };
    let journal = e2e.path("ex.journal");
    let args = format!(
        "serve scenarios/tutorial.ron --bind 127.0.0.1:0 --journal {}",
        quote(&journal)
    );
    let t = e2e.start("console-join", &args);
    t.wait_for("EXERCISE CONTROL");
    // The codes beside the journal hold the port actually bound.
    let codes = read_codes(&e2e.path("ex.journal.codes"));
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
    let meridia = codes["teams"]["meridia_police"].as_str().expect("a code");
    let mut children = Children(vec![join_bot(&address, "meridia_police", meridia)]);
    t.send("Tab");
    t.send("Tab");
    // The bot's orders (and so its readiness) come a moment after its seat.
    let s = t.wait("the bot in its seat, ready", |s| {
        s.contains("[Teams]") && s.contains(" bot") && s.contains("ready 1/3")
    });
    assert!(s.contains("not joined"), "{s}");

    // Quit: the hint is a command that works, on the same address.
    t.send("q");
    let s = t.wait_for("Quit? (y/n)");
    assert!(
        s.contains("continue on the same address with: undertow serve") && s.contains("--resume"),
        "{s}"
    );
    t.send("y");
    e2e.exits_cleanly();
    drop(t);

    // Resumed without --bind: the same address, where the bot reconnects.
    let args = format!("serve --resume {}", quote(&journal));
    let t = e2e.start("console-resume", &args);
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
    e2e.quit(&t);
    for c in &mut children.0 {
        let _ = c.kill();
    }
}

#[test]
fn analyze_draws_its_progress_bar_on_the_terminal_and_none_in_its_output() {
    let Some(e2e) = E2e::new(
        "analyze_draws_its_progress_bar_on_the_terminal_and_none_in_its_output",
        "analyze",
    ) else {
        return;
    };
    let network = e2e.path("generated.ron");
    let generated = run_ok(&["generate", "--actors", "1000", "--seed", "1"]);
    std::fs::write(&network, &generated.stdout).unwrap_or_else(|e| panic!("{e}"));
    let table = e2e.path("table.txt");
    // The table to a file, stderr (the bar) on the terminal; a thousand steps
    // by betweenness, so the run is still going when the test ends it.
    let args = format!(
        "analyze {} --steps 1000 --no-efficiency > {}",
        quote(&network),
        quote(&table)
    );
    let t = e2e.start("analyze-bar", &args);
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
