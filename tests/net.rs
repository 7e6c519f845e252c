//! Networked play: bot clients over loopback give exactly the hashes of the
//! same exercise played headless, bad clients are refused, and hostile input
//! changes nothing.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use undertow::bots::{BotKey, Policy};
use undertow::engine::knowledge::{MessageKind, TeamKnowledge};
use undertow::engine::orders::Liaison;
use undertow::engine::setup::{ActorIx, Setup, TeamIx};
use undertow::net::protocol::{self, ClientMsg, ServerMsg};
use undertow::net::server::{Codes, Limits};
use undertow::session::Session;
use undertow::view::TeamView;

mod common;
use common::BIN;
use common::serving::{self, ServerThread, TEAMS, TUTORIAL as SCENARIO};

const SEED: &str = "11";

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("undertow-net-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Start a server on a free port; wait for its codes file.
fn serve(d: &Path, extra: &[&str]) -> (Child, Codes) {
    let log = format!("serve-{}.log", extra.len());
    serve_at(d, "127.0.0.1:0", &log, extra)
}

/// Start a server listening on `bind`, its stderr in `log`; wait for its codes file.
fn serve_at(d: &Path, bind: &str, log: &str, extra: &[&str]) -> (Child, Codes) {
    let codes_out = d.join("codes.json");
    let _ = std::fs::remove_file(&codes_out);
    let log = std::fs::File::create(d.join(log)).expect("log");
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(extra)
        .args(["--bind", bind, "--headless", "--codes-out"])
        .arg(&codes_out)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("server starts");
    for _ in 0..400 {
        if let Ok(text) = std::fs::read_to_string(&codes_out)
            && let Ok(codes) = serde_json::from_str::<Codes>(&text)
        {
            return (child, codes);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server never wrote its codes");
}

fn new_game(d: &Path, turns: &str) -> (Child, Codes) {
    let journal = d.join("net.journal");
    let j = journal.to_str().expect("utf-8 path");
    serve(
        d,
        &[SCENARIO, "--seed", SEED, "--journal", j, "--turns", turns],
    )
}

/// [`new_game`] in plain JSON lines, for tests that speak them by hand.
fn new_plain_game(d: &Path, turns: &str) -> (Child, Codes) {
    let journal = d.join("net.journal");
    let j = journal.to_str().expect("utf-8 path");
    serve(
        d,
        &[
            SCENARIO,
            "--seed",
            SEED,
            "--journal",
            j,
            "--turns",
            turns,
            "--plain",
        ],
    )
}

fn join_bot(codes: &Codes, team: &str) -> Child {
    join_bot_with(codes, team, &[])
}

fn join_bot_with(codes: &Codes, team: &str, extra: &[&str]) -> Child {
    Command::new(BIN)
        .args(["join", &codes.address, "--team", team, "--code"])
        .arg(&codes.teams[team])
        .args(["--bot", "baseline"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("client starts")
}

fn wait(child: &mut Child, secs: u64) -> ExitStatus {
    for _ in 0..secs * 20 {
        if let Ok(Some(s)) = child.try_wait() {
            return s;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("a process did not finish in {secs} s");
}

/// The per-turn hashes of a headless run of the same scenario, seed and bots.
fn headless(turns: &str) -> Vec<String> {
    headless_of(SCENARIO, turns)
}

/// The per-turn hashes of a headless run of `scenario` with the tests' seed and bots.
fn headless_of(scenario: &str, turns: &str) -> Vec<String> {
    let out = Command::new(BIN)
        .args([
            "run", scenario, "--bots", "baseline", "--json", "--seed", SEED,
        ])
        .args(["--turns", turns])
        .output()
        .expect("run");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["state_hash"].as_str().expect("hash").to_string()
        })
        .collect()
}

/// A served journal played again headless from turn 1 by baseline bots,
/// under the journal's own seed and the secret key of its handles (`branch
/// --at 1`): what bot clients over the network must have played. (A
/// headless `run` names unidentified persons by other handles, and a bot
/// breaks ties between persons by the name it knows them by.)
fn played_again(journal: &Path) -> Vec<String> {
    let header = undertow::journal::read(journal).expect("a journal").header;
    assert!(
        header.handle_key.is_some(),
        "a served exercise keys its handles"
    );
    let again = journal.with_extension("again.journal");
    let _ = std::fs::remove_file(&again);
    let out = Command::new(BIN)
        .arg("branch")
        .arg(journal)
        .args(["--at", "1", "--bots", "baseline", "--journal"])
        .arg(&again)
        .output()
        .expect("branch");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    journal_hashes(&again)
}

fn journal_hashes(path: &Path) -> Vec<String> {
    let j = undertow::journal::read(path).expect("a journal");
    j.turns().iter().map(|t| t.state_hash.clone()).collect()
}

#[test]
fn bot_clients_over_the_network_match_the_headless_run() {
    let d = dir("bots");
    let (mut server, codes) = new_game(&d, "8");
    let mut clients: Vec<Child> = TEAMS.iter().map(|t| join_bot(&codes, t)).collect();
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 30).code(), Some(0));
    }
    let hashes = journal_hashes(&d.join("net.journal"));
    assert_eq!(hashes.len(), 8);
    assert_eq!(hashes, played_again(&d.join("net.journal")));
    // The codes live beside the journal, owner-only (where the platform
    // has Unix modes), and never inside it.
    let meta = std::fs::metadata(d.join("net.journal.codes")).expect("codes file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
    assert!(meta.is_file());
    let journal = std::fs::read_to_string(d.join("net.journal")).unwrap_or_default();
    for code in codes.teams.values() {
        assert!(!journal.contains(code.as_str()));
    }
}

#[test]
fn wrong_code_unknown_team_and_bad_version_are_rejected_with_exit_1() {
    let d = dir("reject");
    let (mut server, codes) = new_game(&d, "8");
    let out = Command::new(BIN)
        .args(["join", &codes.address, "--team", "kesh_police"])
        .args([
            "--code",
            "00000000000000000000000000000000",
            "--bot",
            "baseline",
        ])
        .output()
        .expect("join");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no team of this exercise holds this code"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(BIN)
        .args(["join", &codes.address, "--team", "atlantis_police"])
        .args(["--code", &codes.teams["kesh_police"], "--bot", "baseline"])
        .output()
        .expect("join");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no team"));
    // A raw client in plain JSON lines is told the server encrypts, and hung
    // up on (another version is refused in plain: tests/protocol.rs).
    let s = TcpStream::connect(&codes.address).expect("connect");
    let mut w = s.try_clone().expect("clone");
    writeln!(
        w,
        r#"{{"type":"hello","version":99,"team":"kesh_police","code":"{}"}}"#,
        codes.teams["kesh_police"]
    )
    .expect("write");
    let mut lines = BufReader::new(s).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(
        first.contains("\"error\"") && first.contains("this server encrypts"),
        "{first}"
    );
    assert!(lines.next().is_none(), "the server hangs up");
    // A plain client of an encrypted server says so, and stops.
    let out = Command::new(BIN)
        .args(["join", &codes.address, "--team", "kesh_police", "--plain"])
        .args(["--code", &codes.teams["kesh_police"], "--bot", "baseline"])
        .output()
        .expect("join");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("this server encrypts"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn unreachable_server_exits_3() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let out = Command::new(BIN)
        .args([
            "join",
            &format!("127.0.0.1:{port}"),
            "--team",
            "kesh_police",
        ])
        .args(["--code", "x", "--bot", "baseline"])
        .output()
        .expect("join");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach"));
}

/// A hello line in the current protocol version.
fn hello(team: &str, code: &str) -> String {
    serde_json::to_string(&ClientMsg::Hello {
        version: protocol::VERSION,
        team: team.into(),
        code: code.into(),
    })
    .expect("json")
}

fn send_raw(w: &mut TcpStream, line: &str) {
    let _ = w.write_all(line.as_bytes());
    let _ = w.write_all(b"\n");
}

/// Play kesh's seat by hand: abuse the server on the first turns, then give
/// exactly the baseline orders from the view and key it hands us.
fn hostile_seat(address: &str, code: &str) -> u32 {
    let s = TcpStream::connect(address).expect("connect");
    let mut w = s.try_clone().expect("clone");
    let mut r = BufReader::new(s);
    send_raw(&mut w, "this is not json");
    send_raw(&mut w, &hello("kesh_police", code));
    let mut key = None;
    let mut errors = 0;
    loop {
        let line = match protocol::read_line(&mut r, 1 << 26) {
            Ok(protocol::Line::Text(t)) => t,
            _ => return errors,
        };
        let view = match protocol::parse_server(&line).expect("server speaks the protocol") {
            ServerMsg::Welcome { key: k, view, .. } => {
                key = protocol::unhex32(&k).map(BotKey);
                view
            }
            ServerMsg::View { view } => view,
            ServerMsg::Error { .. } => {
                errors += 1;
                continue;
            }
            ServerMsg::Finished { .. } => return errors,
            _ => continue,
        };
        if view.turn > view.turns {
            continue;
        }
        if view.turn <= 3 {
            send_raw(&mut w, "{\"type\":");
            send_raw(&mut w, &"y".repeat(70 * 1024));
            send_raw(&mut w, r#"{"type":"launch_missiles"}"#);
            let theirs = ClientMsg::Orders {
                orders: vec![undertow::engine::orders::Order {
                    team: "maluna_police".into(),
                    action: undertow::scenario::ActionKind::Analysis,
                    target: Default::default(),
                    about: None,
                    day: None,
                }],
            };
            send_raw(&mut w, &serde_json::to_string(&theirs).expect("json"));
        }
        let orders = Policy::Baseline.decide(&view, key.as_ref().expect("key"));
        send_raw(
            &mut w,
            &serde_json::to_string(&ClientMsg::Orders { orders }).expect("json"),
        );
        send_raw(&mut w, r#"{"type":"ready"}"#);
    }
}

#[test]
fn hostile_input_is_refused_and_changes_nothing() {
    let d = dir("hostile");
    let (mut server, codes) = new_plain_game(&d, "8");
    // A flooder with no code is dropped after repeated errors.
    let flood = TcpStream::connect(&codes.address).expect("connect");
    let mut fw = flood.try_clone().expect("clone");
    for _ in 0..30 {
        send_raw(&mut fw, "garbage");
    }
    let replies: Vec<String> = BufReader::new(flood)
        .lines()
        .map_while(Result::ok)
        .collect();
    assert_eq!(replies.len(), protocol::MAX_ERRORS as usize);
    assert!(replies.iter().all(|l| l.contains("\"error\"")));

    let mut clients: Vec<Child> = TEAMS[1..]
        .iter()
        .map(|t| join_bot_with(&codes, t, &["--plain"]))
        .collect();
    let errors = hostile_seat(&codes.address, &codes.teams["kesh_police"]);
    // One before hello, four on each of three turns.
    assert_eq!(errors, 13);
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 30).code(), Some(0));
    }
    let journal = d.join("net.journal");
    assert_eq!(journal_hashes(&journal), played_again(&journal));
}

#[test]
fn a_stopped_server_resumes_from_its_journal_with_the_same_codes_and_hashes() {
    let d = dir("resume");
    let (mut server, codes) = new_game(&d, "3");
    let mut clients: Vec<Child> = TEAMS.iter().map(|t| join_bot(&codes, t)).collect();
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 30).code(), Some(0));
    }
    let journal = d.join("net.journal");
    assert_eq!(journal_hashes(&journal).len(), 3);
    let j = journal.to_str().expect("utf-8 path");
    let (mut server, again) = serve(&d, &["--resume", j, "--turns", "8"]);
    assert_eq!(
        again.teams, codes.teams,
        "clients reconnect with the codes they have"
    );
    let mut clients: Vec<Child> = TEAMS.iter().map(|t| join_bot(&again, t)).collect();
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 30).code(), Some(0));
    }
    assert_eq!(journal_hashes(&journal).len(), 8);
    assert_eq!(journal_hashes(&journal), played_again(&journal));
    // Already at turn 8: a resumed server has nothing to do and exits 0 at once.
    let out = Command::new(BIN)
        .args([
            "serve",
            "--resume",
            j,
            "--headless",
            "--bind",
            "127.0.0.1:0",
        ])
        .output()
        .expect("serve");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_new_connection_with_the_right_code_replaces_the_old_one() {
    let d = dir("replace");
    let (mut server, codes) = new_plain_game(&d, "2");
    let old = TcpStream::connect(&codes.address).expect("connect");
    let mut w = old.try_clone().expect("clone");
    send_raw(&mut w, &hello("kesh_police", &codes.teams["kesh_police"]));
    let mut lines = BufReader::new(old).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(first.contains("\"welcome\""));
    // A bot takes kesh's seat with the same code; the old connection is closed.
    let mut clients: Vec<Child> = TEAMS
        .iter()
        .map(|t| join_bot_with(&codes, t, &["--plain"]))
        .collect();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().all(|l| !l.contains("turn_committed")),
        "the replaced connection hears nothing more: {rest:?}"
    );
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 30).code(), Some(0));
    }
    let journal = d.join("net.journal");
    assert_eq!(journal_hashes(&journal).len(), 2);
    assert_eq!(journal_hashes(&journal), played_again(&journal));
}

// ---------------------------------------------------------------------------
// In-process servers: the limits can be set small, and the test can replay the
// same exercise beside the server to check what each team was sent.

/// A session of the tutorial under the tests' seed, journalled if asked.
fn tutorial_session(journal: Option<&Path>) -> Session {
    serving::tutorial(SEED.parse().expect("seed"), journal)
}

/// Serve the tutorial in this process on a free port until `last_turn`, in
/// plain JSON lines: these tests speak them by hand.
fn in_process(last_turn: u32, limits: Limits, journal: Option<&Path>) -> (Codes, ServerThread) {
    serving::serve(tutorial_session(journal), last_turn, limits, true)
}

/// A hand-driven connection that keeps every line the server sends it.
struct Raw {
    w: TcpStream,
    r: BufReader<TcpStream>,
    lines: Vec<String>,
}

impl Raw {
    fn connect(address: &str) -> Raw {
        let s = TcpStream::connect(address).expect("connect");
        // A test that goes wrong fails instead of hanging.
        s.set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let w = s.try_clone().expect("clone");
        Raw {
            w,
            r: BufReader::new(s),
            lines: Vec::new(),
        }
    }

    fn line(&mut self, line: &str) {
        send_raw(&mut self.w, line);
    }

    fn send(&mut self, msg: &ClientMsg) {
        self.line(&serde_json::to_string(msg).expect("json"));
    }

    /// The next message; none when the server hangs up.
    /// The next message, skipping the additions to version 3 that carry no
    /// reply (the clock, the standing), as a client written from the
    /// protocol document may.
    fn recv(&mut self) -> Option<ServerMsg> {
        loop {
            match protocol::read_line(&mut self.r, 1 << 26) {
                Ok(protocol::Line::Text(t)) => {
                    let msg = protocol::parse_server(&t).expect("the server speaks the protocol");
                    self.lines.push(t);
                    if matches!(msg, ServerMsg::Clock { .. } | ServerMsg::Standing { .. }) {
                        continue;
                    }
                    return Some(msg);
                }
                _ => return None,
            }
        }
    }
}

/// Play one seat with the baseline policy until the server says it is over,
/// calling `before` on each view before the seat's orders go in; every line
/// the seat received.
fn play_seat(
    address: &str,
    team: &str,
    code: &str,
    mut before: impl FnMut(&TeamView, &mut Raw),
) -> Vec<String> {
    let mut raw = Raw::connect(address);
    raw.line(&hello(team, code));
    let mut key = None;
    while let Some(msg) = raw.recv() {
        let view = match msg {
            ServerMsg::Welcome { key: k, view, .. } => {
                key = protocol::unhex32(&k).map(BotKey);
                view
            }
            ServerMsg::View { view } => view,
            ServerMsg::Finished { .. } => break,
            ServerMsg::Error { message } => panic!("{team}: refused: {message}"),
            _ => continue,
        };
        if view.turn > view.turns {
            continue;
        }
        before(&view, &mut raw);
        let orders = Policy::Baseline.decide(&view, key.as_ref().expect("a key"));
        raw.send(&ClientMsg::Orders { orders });
        raw.send(&ClientMsg::Ready);
    }
    raw.lines
}

fn tight_limits() -> Limits {
    Limits {
        max_connections: Some(4),
        hello_within: Duration::from_millis(800),
        ..Limits::default()
    }
}

#[test]
fn wrong_codes_for_one_team_slow_that_team_only() {
    let limits = Limits {
        wrong_code_delay: Duration::from_millis(500),
        ..Limits::default()
    };
    let (codes, _server) = in_process(2, limits, None);
    // Three wrong codes for kesh from 127.0.0.1, one after another: each
    // is checked later than the one before.
    let mut said = Vec::new();
    for _ in 0..3 {
        let mut raw = Raw::connect(&codes.address);
        raw.line(&hello("kesh_police", "0123456789abcdef0123456789abcdef"));
        match raw.recv() {
            Some(ServerMsg::Error { message }) => said.push(message),
            other => panic!("a wrong code was not refused: {other:?}"),
        }
        assert!(raw.recv().is_none(), "the server hangs up");
    }
    assert!(said[0].contains("wrong code for team `kesh_police`"));
    assert!(said[0].contains("waits 500 ms"), "{said:?}");
    assert!(said[1].contains("waits 1000 ms"), "{said:?}");
    assert!(said[2].contains("waits 2000 ms"), "{said:?}");
    // Kesh's right code now waits its turn (2 s) on its own thread, while
    // maluna, from the same address, is let in at once.
    let (tx, rx) = std::sync::mpsc::channel();
    let (address, code) = (codes.address.clone(), codes.teams["kesh_police"].clone());
    let kesh = std::thread::spawn(move || {
        let mut raw = Raw::connect(&address);
        raw.line(&hello("kesh_police", &code));
        let welcomed = matches!(raw.recv(), Some(ServerMsg::Welcome { .. }));
        let _ = tx.send(welcomed);
        raw
    });
    std::thread::sleep(Duration::from_millis(100));
    let mut maluna = Raw::connect(&codes.address);
    maluna.line(&hello("maluna_police", &codes.teams["maluna_police"]));
    assert!(matches!(maluna.recv(), Some(ServerMsg::Welcome { .. })));
    assert!(
        rx.try_recv().is_err(),
        "kesh's wrong codes slow kesh, not maluna"
    );
    assert_eq!(rx.recv_timeout(Duration::from_secs(30)), Ok(true));
    let _kesh = kesh.join();
    // Its right code reset kesh's count: the next wrong one waits the least.
    let mut raw = Raw::connect(&codes.address);
    raw.line(&hello("kesh_police", "0123456789abcdef0123456789abcdef"));
    match raw.recv() {
        Some(ServerMsg::Error { message }) => {
            assert!(message.contains("waits 500 ms"), "{message}")
        }
        other => panic!("a wrong code was not refused: {other:?}"),
    }
}

#[test]
fn connections_over_the_cap_are_refused_and_silent_ones_time_out() {
    let (codes, _server) = in_process(2, tight_limits(), None);
    // Four connections that never say hello fill the server (cap 4); one
    // of them trickles bytes without ever ending a line.
    let mut silent: Vec<Raw> = (0..4).map(|_| Raw::connect(&codes.address)).collect();
    let mut trickle = silent.pop().expect("four");
    let trickler = std::thread::spawn(move || {
        for _ in 0..40 {
            if trickle.w.write_all(b"{").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        trickle.recv()
    });
    // Let the acceptor count them before the fifth arrives.
    std::thread::sleep(Duration::from_millis(200));
    let mut fifth = Raw::connect(&codes.address);
    match fifth.recv() {
        Some(ServerMsg::Error { message }) => assert!(message.contains("full"), "{message}"),
        other => panic!("a connection over the cap was let in: {other:?}"),
    }
    assert!(fifth.recv().is_none(), "and hung up on");
    // No hello within the deadline: each is closed, the trickler too.
    for raw in &mut silent {
        assert!(raw.recv().is_none(), "a silent connection is closed");
    }
    assert!(trickler.join().expect("trickler").is_none());
    // Their places are free again: a team joins.
    let mut welcomed = false;
    for _ in 0..40 {
        let mut raw = Raw::connect(&codes.address);
        raw.line(&hello("kesh_police", &codes.teams["kesh_police"]));
        match raw.recv() {
            Some(ServerMsg::Welcome { .. }) => {
                welcomed = true;
                break;
            }
            // The last slot is given back a moment after its socket closes.
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    assert!(
        welcomed,
        "a team joins once the silent connections are gone"
    );
}

/// Play every seat of the tutorial in this process until `turns`; what each
/// team received, in scenario order. `before` is called for each team's view.
fn play_all(
    codes: &Codes,
    before: impl Fn(&str, &TeamView, &mut Raw) + Send + Sync + Clone + 'static,
) -> Vec<Vec<String>> {
    let seats: Vec<_> = TEAMS
        .iter()
        .map(|team| {
            let address = codes.address.clone();
            let code = codes.teams[*team].clone();
            let before = before.clone();
            std::thread::spawn(move || play_seat(&address, team, &code, |v, r| before(team, v, r)))
        })
        .collect();
    seats
        .into_iter()
        .map(|s| s.join().expect("a seat plays to the end"))
        .collect()
}

/// No name, id or alias of a member the team has not identified (no alias
/// of one it has never heard of) appears anywhere in `line`.
fn assert_only_known(line: &str, setup: &Setup, know: &TeamKnowledge, team: &str) {
    for (a, actor) in setup.actors.iter().enumerate() {
        let intel = know.actors.get(&ActorIx(a));
        if intel.is_none_or(|i| !i.identified) {
            assert!(
                !line.contains(&actor.name),
                "{team} was sent the name of {}: {line}",
                actor.id
            );
            assert!(
                !line.contains(&format!("\"{}\"", actor.id)),
                "{team} was sent the id of {}: {line}",
                actor.id
            );
        }
        if intel.is_none()
            && let Some(alias) = &actor.alias
        {
            assert!(
                !line.contains(alias.as_str()),
                "{team} was sent the alias of {}: {line}",
                actor.id
            );
        }
    }
}

#[test]
fn every_message_a_team_receives_holds_only_what_it_knows() {
    let turns = 6;
    let (codes, server) = in_process(turns, Limits::default(), None);
    let received = play_all(&codes, |_, _, _| {});
    let served = server.join().expect("server thread");
    assert!(served.is_ok(), "{served:?}");
    // The same exercise beside the server: each team's view and knowledge
    // before each turn, and the hash after it.
    let mut session = tutorial_session(None);
    let teams = TEAMS.len();
    let mut views: Vec<Vec<TeamView>> = Vec::new();
    let mut knowledge: Vec<Vec<TeamKnowledge>> = Vec::new();
    // Each team's view once its orders are in (the server's `accepted`).
    let mut accepted: Vec<Vec<TeamView>> = Vec::new();
    let mut hashes = Vec::new();
    for turn in 0..=turns {
        views.push((0..teams).map(|t| session.view(TeamIx(t))).collect());
        knowledge.push(session.snapshot().knowledge.0.clone());
        if turn < turns {
            let mut after = Vec::new();
            for t in 0..teams {
                let orders = session.bot_orders(TeamIx(t), Policy::Baseline);
                session.set_orders(TeamIx(t), orders);
                after.push(session.view(TeamIx(t)));
            }
            accepted.push(after);
            hashes.push(session.commit().expect("commit").state_hash);
        }
    }
    let setup = session.setup();
    for (t, lines) in received.iter().enumerate() {
        let team = TEAMS[t];
        // The turns committed before each line arrived.
        let mut at = 0usize;
        let mut seen_views = 0;
        for line in lines {
            // The turns whose results the line carries: a view comes just
            // before the `turn_committed` of its turn.
            let upto = match protocol::parse_server(line).expect("parses") {
                ServerMsg::Welcome {
                    view,
                    queued,
                    team: id,
                    ..
                } => {
                    assert_eq!(id, team);
                    assert!(queued.is_empty());
                    assert_eq!(*view, views[0][t], "{team}'s welcome is its own view");
                    seen_views += 1;
                    at
                }
                ServerMsg::View { view } => {
                    assert_eq!(
                        *view,
                        views[at + 1][t],
                        "{team}'s view after turn {}",
                        at + 1
                    );
                    seen_views += 1;
                    at + 1
                }
                ServerMsg::Accepted { view } => {
                    assert_eq!(
                        *view,
                        accepted[at][t],
                        "{team}'s view once its orders for turn {} are in",
                        at + 1
                    );
                    at
                }
                ServerMsg::TurnCommitted { turn, state_hash } => {
                    at += 1;
                    assert_eq!(turn as usize, at);
                    assert_eq!(state_hash, hashes[at - 1]);
                    at
                }
                ServerMsg::Finished { turn } => {
                    assert_eq!(turn, turns);
                    at
                }
                // Where the objectives stand after the turns committed: the
                // exercise-wide figures a team follows, its own scores.
                ServerMsg::Standing { standing } => {
                    let after = if standing.turn as usize > at {
                        at + 1
                    } else {
                        at
                    };
                    assert_eq!(standing.turn as usize, after, "{team}'s standing");
                    assert!(!standing.over);
                    for (o, def) in standing.objectives.iter().zip(&setup.scenario.objectives) {
                        assert_eq!(o.text, def.text);
                    }
                    after
                }
                // The clock and White Cell words: additions to version 3,
                // checked for fog below too.
                ServerMsg::Clock { .. } | ServerMsg::Announcement { .. } => at,
                other => panic!("{team} was sent {other:?}"),
            };
            assert_only_known(line, setup, &knowledge[upto][t], team);
        }
        assert_eq!(seen_views, turns as usize + 1);
        assert_eq!(at, turns as usize);
    }
}

#[test]
fn a_liaison_message_reaches_its_team_only_and_is_journalled() {
    let d = dir("liaison");
    let journal = d.join("net.journal");
    let (codes, server) = in_process(2, Limits::default(), Some(&journal));
    const WORDS: &str = "The boat leaves Tanjung Lada on Tuesday night";
    let received = play_all(&codes, |team, view, raw| {
        if team == "kesh_police" && view.turn == 1 {
            raw.send(&ClientMsg::Liaison {
                to: "maluna_police".into(),
                text: WORDS.into(),
            });
        }
    });
    let served = server.join().expect("server thread");
    assert!(served.is_ok(), "{served:?}");
    // The view each team was sent after turn 1.
    let after_first = |t: usize| -> TeamView {
        received[t]
            .iter()
            .filter_map(|l| match protocol::parse_server(l) {
                Ok(ServerMsg::View { view }) => Some(*view),
                _ => None,
            })
            .next()
            .expect("a view after turn 1")
    };
    let said = |v: &TeamView| {
        v.messages
            .iter()
            .filter(|m| m.text.contains(WORDS))
            .map(|m| (m.turn, m.kind, m.text.clone()))
            .collect::<Vec<_>>()
    };
    let kesh = said(&after_first(0));
    let maluna = said(&after_first(1));
    assert_eq!(maluna.len(), 1, "maluna hears it once: {maluna:?}");
    assert_eq!(maluna[0].1, MessageKind::Liaison);
    assert!(maluna[0].2.starts_with("Liaison (Kesh"), "{maluna:?}");
    assert_eq!(kesh.len(), 1, "kesh sees what it sent: {kesh:?}");
    assert!(kesh[0].2.starts_with("To Maluna"), "{kesh:?}");
    for line in &received[2] {
        assert!(!line.contains(WORDS), "meridia overhears: {line}");
    }
    // Nobody hears of it before the turn commits.
    for lines in &received {
        let welcome = lines.first().expect("a welcome");
        assert!(!welcome.contains(WORDS));
    }
    // The journal holds it as turn 1's input.
    let j = undertow::journal::read(&journal).expect("a journal");
    let turns: Vec<_> = j
        .turn_records()
        .collect::<Result<_, _>>()
        .expect("the turns read");
    assert_eq!(
        turns[0].input.liaison,
        vec![Liaison {
            from: "kesh_police".into(),
            to: "maluna_police".into(),
            text: WORDS.into(),
        }]
    );
    assert!(turns[1].input.liaison.is_empty());
}

/// A small seeded generator, so the kill points are the same on every run.
struct Lcg(u64);

impl Lcg {
    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Wait until the journal holds at least `turns` committed turns.
fn wait_for_turns(journal: &Path, turns: usize) {
    for _ in 0..6000 {
        if undertow::journal::read(journal).is_ok_and(|j| j.turns().len() >= turns) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the journal never reached turn {turns}");
}

#[test]
fn killed_at_random_moments_the_server_resumes_and_the_hashes_match_the_headless_run() {
    // A longer scenario than the tutorial, so no kill can land after the end.
    const LONGER: &str = "scenarios/air-corridor.ron";
    const TURNS: usize = 12;
    let turns = TURNS.to_string();
    let d = dir("kill");
    let journal = d.join("net.journal");
    let j = journal.to_str().expect("utf-8 path");
    let (mut server, codes) = serve_at(
        &d,
        "127.0.0.1:0",
        "serve-0.log",
        &[LONGER, "--seed", SEED, "--journal", j, "--turns", &turns],
    );
    // The clients must find the restarted server where they left it.
    let bind = codes.address.clone();
    // Bots that think 30 ms a turn, so turns do not race past the kill points.
    let mut clients: Vec<Child> = codes
        .teams
        .iter()
        .map(|(team, code)| {
            let log = std::fs::File::create(d.join(format!("{team}.log"))).expect("log");
            Command::new(BIN)
                .args(["join", &codes.address, "--team", team, "--code", code])
                .args(["--bot", "baseline", "--think-ms", "30"])
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("client starts")
        })
        .collect();
    let mut rng = Lcg(11);
    let mut at = 0;
    for kill in 1..=3 {
        // Once the journal holds one to three turns more, and a moment more:
        // with this seed, after turns 2, 5 and 7, plus 11, 8 and 3 ms.
        at += 1 + rng.below(3) as usize;
        wait_for_turns(&journal, at);
        std::thread::sleep(Duration::from_millis(rng.below(40)));
        server.kill().expect("SIGKILL");
        let _ = server.wait();
        let kept = journal_hashes(&journal).len();
        assert!((at..TURNS).contains(&kept), "killed after turn {kept}");
        if kill == 2 {
            // As if killed halfway through writing a record.
            let text = std::fs::read_to_string(&journal).expect("journal");
            let last = text.lines().last().expect("a record");
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&journal)
                .expect("journal opens");
            f.write_all(&last.as_bytes()[..last.len() / 2])
                .expect("torn record");
        }
        let log = format!("serve-{kill}.log");
        let (next, again) = serve_at(&d, &bind, &log, &["--resume", j, "--turns", &turns]);
        assert_eq!(again.teams, codes.teams, "the same codes after a crash");
        let said = std::fs::read_to_string(d.join(&log)).unwrap_or_default();
        assert!(said.contains(&format!("resuming at turn {kept}")), "{said}");
        if kill == 2 {
            assert!(
                said.contains("torn record"),
                "a torn record is reported: {said}"
            );
        }
        server = next;
    }
    assert!(wait(&mut server, 120).success());
    for c in &mut clients {
        assert_eq!(wait(c, 60).code(), Some(0));
    }
    for team in codes.teams.keys() {
        let said = std::fs::read_to_string(d.join(format!("{team}.log"))).unwrap_or_default();
        assert!(said.contains("reconnecting"), "{team} says so: {said}");
    }
    let hashes = journal_hashes(&journal);
    assert_eq!(hashes.len(), TURNS);
    assert_eq!(hashes, played_again(&journal));
}

#[test]
fn a_client_that_drops_keeps_its_queued_orders_on_the_server() {
    let (codes, server) = in_process(3, Limits::default(), None);
    let others: Vec<_> = TEAMS[1..]
        .iter()
        .map(|team| {
            let address = codes.address.clone();
            let code = codes.teams[*team].clone();
            std::thread::spawn(move || play_seat(&address, team, &code, |_, _| {}))
        })
        .collect();
    let code = &codes.teams["kesh_police"];
    let mut raw = Raw::connect(&codes.address);
    raw.line(&hello("kesh_police", code));
    let Some(ServerMsg::Welcome {
        key, view, queued, ..
    }) = raw.recv()
    else {
        panic!("no welcome");
    };
    assert!(queued.is_empty());
    let key = protocol::unhex32(&key).map(BotKey).expect("a key");
    let orders = Policy::Baseline.decide(&view, &key);
    assert!(!orders.is_empty());
    raw.send(&ClientMsg::Orders {
        orders: orders.clone(),
    });
    assert!(matches!(raw.recv(), Some(ServerMsg::Accepted { .. })));
    // Where the objectives stand came with the welcome (recv skips it).
    assert!(
        raw.lines
            .iter()
            .any(|l| matches!(protocol::parse_server(l), Ok(ServerMsg::Standing { .. }))),
        "{:?}",
        raw.lines
    );
    // The heartbeat's answer says the orders before it were taken.
    raw.send(&ClientMsg::Heartbeat);
    assert_eq!(raw.recv(), Some(ServerMsg::Heartbeat));
    // The cable is pulled before kesh is ready.
    drop(raw);
    let mut raw = Raw::connect(&codes.address);
    raw.line(&hello("kesh_police", code));
    let Some(ServerMsg::Welcome {
        view: again,
        queued,
        ready,
        ..
    }) = raw.recv()
    else {
        panic!("no welcome");
    };
    assert_eq!(queued, orders, "the orders waited on the server");
    assert!(!ready);
    assert_eq!(again.turn, 1);
    let cost: u32 = orders
        .iter()
        .filter_map(|o| again.actions.iter().find(|a| a.kind == o.action))
        .map(|a| a.cost)
        .sum();
    assert_eq!(again.team.capacity_left, again.team.capacity - cost);
    // Ready, without sending the orders again; then play on.
    raw.send(&ClientMsg::Ready);
    let mut hashes = Vec::new();
    while let Some(msg) = raw.recv() {
        match msg {
            ServerMsg::View { view } if view.turn <= view.turns => {
                raw.send(&ClientMsg::Orders {
                    orders: Policy::Baseline.decide(&view, &key),
                });
                raw.send(&ClientMsg::Ready);
            }
            ServerMsg::TurnCommitted { state_hash, .. } => hashes.push(state_hash),
            ServerMsg::Finished { .. } => break,
            _ => {}
        }
    }
    for o in others {
        o.join().expect("a seat plays to the end");
    }
    let served = server.join().expect("server thread");
    assert!(served.is_ok(), "{served:?}");
    assert_eq!(hashes, headless("3"));
}
