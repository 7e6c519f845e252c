//! The encrypted wire of serve/join, seen from the room's network: a relay on
//! loopback between a team and the server records every byte, or alters one.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use undertow::bots::Policy;
use undertow::net::client::{self, BotArgs};
use undertow::net::secure;
use undertow::net::server::Limits;
use undertow::session::Session;

mod common;
use common::serving::{self, ServerThread, TEAMS, TUTORIAL as SCENARIO};
use common::{Scratch, exits_saying, text, undertow};

/// Where the tutorial is served, the teams' codes, and the thread serving it.
type Serving = (String, BTreeMap<String, String>, ServerThread);

/// The tutorial served encrypted in this process until `last_turn`: its
/// address, the codes, and the thread serving it.
fn serve(last_turn: u32) -> Serving {
    serve_session(serving::tutorial(11, None), last_turn, false)
}

fn serve_session(session: Session, last_turn: u32, plain: bool) -> Serving {
    let (codes, thread) = serving::serve(session, last_turn, Limits::default(), plain);
    (codes.address, codes.teams, thread)
}

/// Every byte that crossed a relay, both ways.
type Tape = Arc<Mutex<Vec<u8>>>;

/// A relay on loopback to `server`: each connection copied both ways onto
/// the tape; with `flip`, the byte at that offset of what the server sends
/// on the first connection is altered on its way to the client.
fn relay(server: String, flip: Option<usize>) -> (String, Tape) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("relay binds");
    let address = listener.local_addr().expect("address").to_string();
    let tape: Tape = Arc::default();
    let record = Arc::clone(&tape);
    std::thread::spawn(move || {
        for (n, client) in listener.incoming().enumerate() {
            let Ok(client) = client else { return };
            let Ok(upstream) = TcpStream::connect(&server) else {
                return;
            };
            let flip = if n == 0 { flip } else { None };
            pump(&client, &upstream, None, &record);
            pump(&upstream, &client, flip, &record);
        }
    });
    (address, tape)
}

/// Copy `from` to `to` on a thread of its own, recording, flipping one byte if asked.
fn pump(from: &TcpStream, to: &TcpStream, flip: Option<usize>, tape: &Tape) {
    let (mut from, mut to) = (
        from.try_clone().expect("clone"),
        to.try_clone().expect("clone"),
    );
    let tape = Arc::clone(tape);
    std::thread::spawn(move || {
        let mut seen = 0usize;
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if let Some(at) = flip
                && (seen..seen + n).contains(&at)
            {
                buf[at - seen] ^= 0x20;
            }
            seen += n;
            tape.lock().unwrap().extend_from_slice(&buf[..n]);
            if to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}

fn bot(address: &str, team: &str, code: &str) -> std::thread::JoinHandle<Result<(), String>> {
    bot_on(address, team, code, false)
}

fn bot_on(
    address: &str,
    team: &str,
    code: &str,
    plain: bool,
) -> std::thread::JoinHandle<Result<(), String>> {
    let args = BotArgs {
        addr: address.to_string(),
        team: team.to_string(),
        code: code.to_string(),
        policy: Policy::Baseline,
        think_ms: 0,
        plain,
    };
    std::thread::spawn(move || client::run_bot(&args).map_err(|e| e.to_string()))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn nothing_a_team_sends_or_reads_crosses_in_the_clear() {
    let (address, codes, server) = serve(2);
    let (relayed, tape) = relay(address.clone(), None);
    let kesh = bot(&relayed, "kesh_police", &codes["kesh_police"]);
    let others: Vec<_> = TEAMS[1..]
        .iter()
        .map(|t| bot(&address, t, &codes[*t]))
        .collect();
    assert_eq!(kesh.join().unwrap(), Ok(()));
    for o in others {
        assert_eq!(o.join().unwrap(), Ok(()));
    }
    server.join().unwrap().expect("the server finished");
    let tape = tape.lock().unwrap().clone();
    // Two turns of views went through: tens of kilobytes.
    assert!(tape.len() > 10_000, "{} bytes", tape.len());
    for (team, code) in &codes {
        assert!(!contains(&tape, code.as_bytes()), "{team}'s code crossed");
        assert!(!contains(&tape, team.as_bytes()), "{team} crossed");
    }
    for clear in [
        "Kesh Police",
        "kesh",
        "\"type\"",
        "hello",
        "welcome",
        "turn_committed",
        "Surveillance",
        "{\"type\":",
    ] {
        // Each at least four bytes: ciphertext matches a given four bytes by
        // chance once in 4 × 10^9, against a tape of some 10^5 bytes.
        assert!(!contains(&tape, clear.as_bytes()), "{clear:?} crossed");
    }
    // What does cross in the clear: the wire's own name, once.
    assert!(contains(&tape, secure::PREAMBLE));
}

#[test]
fn an_altered_byte_stops_the_client_and_the_server_serves_on() {
    let (address, codes, server) = serve(2);
    // Past the handshake's reply (51 bytes), inside the welcome.
    let (relayed, _) = relay(address.clone(), Some(2_000));
    let others: Vec<_> = TEAMS[1..]
        .iter()
        .map(|t| bot(&address, t, &codes[*t]))
        .collect();
    let out = undertow(&[
        "join",
        &relayed,
        "--team",
        "kesh_police",
        "--code",
        &codes["kesh_police"],
        "--bot",
        "baseline",
    ]);
    exits_saying(&out, 1, "was tampered with");
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    // The server is still there for every team: kesh comes back directly,
    // and the exercise plays to its end.
    let kesh = bot(&address, "kesh_police", &codes["kesh_police"]);
    assert_eq!(kesh.join().unwrap(), Ok(()));
    for o in others {
        assert_eq!(o.join().unwrap(), Ok(()));
    }
    server.join().unwrap().expect("the server finished");
}

#[test]
fn a_server_that_does_not_hold_the_code_is_refused() {
    // An impostor: it answers the handshake as a server would, without the
    // team's code.
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let address = listener.local_addr().expect("address").to_string();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(mut s) = s else { return };
            let mut first = vec![0u8; 256];
            let _ = s.read(&mut first);
            let mut reply = vec![secure::ACCEPTED, 0, 48];
            reply.extend_from_slice(&[7u8; 48]);
            let _ = s.write_all(&reply);
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let out = undertow(&[
        "join",
        &address,
        "--team",
        "kesh_police",
        "--code",
        "3f9c0a00000000000000000000000000",
        "--bot",
        "baseline",
    ]);
    exits_saying(&out, 1, "could not prove it holds this team's code");
}

#[test]
fn a_wrong_code_is_refused_and_plain_is_for_loopback_only() {
    let (address, codes, _server) = serve(2);
    let kesh_with = |address: &str, code: &str, flags: &[&str]| {
        let mut args = vec!["join", address, "--team", "kesh_police"];
        args.extend_from_slice(flags);
        args.extend(["--code", code, "--bot", "baseline"]);
        undertow(&args)
    };
    let out = kesh_with(&address, &codes["maluna_police"][..31], &[]);
    exits_saying(&out, 1, "no team of this exercise holds this code");
    // Another team's code opens that team's wire only.
    let out = kesh_with(&address, &codes["maluna_police"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));

    let dir = Scratch::new("wire", "plain");
    let journal = dir.0.join("p.journal");
    let out = undertow(&[
        "serve",
        SCENARIO,
        "--headless",
        "--plain",
        "--bind",
        "0.0.0.0:0",
        "--journal",
        common::s(&journal),
    ]);
    exits_saying(&out, 1, "only a loopback address");
    assert!(
        std::fs::symlink_metadata(&journal).is_err(),
        "no journal is begun"
    );
    let out = kesh_with("0.0.0.0:7878", &codes["kesh_police"], &["--plain"]);
    exits_saying(&out, 1, "only a server on this machine");
}

/// Every `x-` handle in a stretch of text.
fn handles_in(text: &str) -> std::collections::BTreeSet<String> {
    text.match_indices("\"x-")
        .filter_map(|(i, _)| text.get(i + 1..i + 11))
        .filter(|h| h[2..].bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect()
}

/// What a team reads of the persons it has not identified names none it can
/// work out from the seed and the members' ids; its orders that name them
/// still resolve, and a replay of the journal names them the same way.
#[test]
fn handles_a_team_sees_cannot_be_turned_back_into_ids() {
    let text = std::fs::read_to_string(SCENARIO).expect("scenario reads");
    let scenario = undertow::scenario::parse_scenario(SCENARIO, &text).expect("parses");
    let ids: Vec<String> = scenario.actors.iter().map(|a| a.id.clone()).collect();
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    let header = undertow::journal::header(SCENARIO, &text, &catalog, seed, None)
        .expect("the header encodes")
        .with_secret_handles()
        .expect("randomness");
    let dir = Scratch::new("wire", "handles");
    let journal = dir.0.join("h.journal");
    let session = Session::start_with_header(
        header,
        scenario,
        catalog,
        Some(&undertow::journal::Target::new(&journal)),
    )
    .expect("session");
    // In plain lines, so the relay reads what the team reads.
    let (address, codes, server) = serve_session(session, 6, true);
    let (relayed, tape) = relay(address.clone(), None);
    let kesh = bot_on(&relayed, "kesh_police", &codes["kesh_police"], true);
    let others: Vec<_> = TEAMS[1..]
        .iter()
        .map(|t| bot_on(&address, t, &codes[*t], true))
        .collect();
    assert_eq!(kesh.join().unwrap(), Ok(()));
    for o in others {
        assert_eq!(o.join().unwrap(), Ok(()));
    }
    server.join().unwrap().expect("the server finished");
    let tape = String::from_utf8_lossy(&tape.lock().unwrap()).into_owned();
    let seen = handles_in(&tape);
    assert!(
        !seen.is_empty(),
        "kesh came to know someone it had not identified"
    );
    let guessable: std::collections::BTreeSet<String> = ids
        .iter()
        .map(|id| undertow::engine::rules::handle(seed, id))
        .collect();
    assert!(seen.is_disjoint(&guessable), "{seen:?}");
    // The journal's secret names each of them; replays use it.
    let header = undertow::journal::read(&journal).expect("journal").header;
    let keyed = header.handles();
    assert!(matches!(keyed, undertow::engine::rules::Handles::Keyed(_)));
    let named: std::collections::BTreeSet<String> = ids.iter().map(|id| keyed.of(id)).collect();
    assert!(seen.is_subset(&named), "{seen:?}");
    // Orders that named them were taken: none refused for an unknown person.
    assert!(
        !tape.contains("in your files"),
        "an order's handle did not resolve"
    );
    let verified = undertow(&["replay", "--verify", common::s(&journal)]);
    assert!(
        verified.status.success(),
        "{}",
        common::text(&verified.stderr)
    );
}
