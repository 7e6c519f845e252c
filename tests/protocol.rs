//! Every refusal docs/PROTOCOL.md promises, one rule at a time, against a
//! server in this process speaking plain JSON lines: each bad message gets
//! one `error` and nothing else happens.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use undertow::net::protocol::{self, ClientMsg, ServerMsg};
use undertow::net::server::Limits;

mod common;
use common::serving;

/// The tutorial served in this process on a free port, in plain JSON lines:
/// its address and the teams' codes.
fn serve() -> (String, BTreeMap<String, String>) {
    let (codes, _serving) = serving::serve(serving::tutorial(11, None), 3, Limits::default(), true);
    (codes.address, codes.teams)
}

struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
}

impl Client {
    fn connect(address: &str) -> Client {
        let s = TcpStream::connect(address).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        Client {
            w: s.try_clone().expect("clone"),
            r: BufReader::new(s),
        }
    }

    fn bytes(&mut self, line: &[u8]) {
        let _ = self.w.write_all(line);
        let _ = self.w.write_all(b"\n");
    }

    fn send(&mut self, msg: &ClientMsg) {
        self.bytes(serde_json::to_string(msg).expect("json").as_bytes());
    }

    /// The next reply, past the clock and standing the server pushes on
    /// its own: a client that asked nothing may skip them.
    fn recv(&mut self) -> Option<ServerMsg> {
        loop {
            match protocol::read_line(&mut self.r, 1 << 26) {
                Ok(protocol::Line::Text(t)) => {
                    let msg = protocol::parse_server(&t).expect("protocol");
                    if !matches!(msg, ServerMsg::Clock { .. } | ServerMsg::Standing { .. }) {
                        return Some(msg);
                    }
                }
                _ => return None,
            }
        }
    }

    /// Seated as `team`: the welcome read.
    fn seated(address: &str, codes: &BTreeMap<String, String>, team: &str) -> Client {
        let mut c = Client::connect(address);
        c.send(&hello(team, &codes[team]));
        assert!(matches!(c.recv(), Some(ServerMsg::Welcome { .. })));
        c
    }

    /// Send `line`; the one error it earns, then proof that nothing else
    /// came of it (the next reply is the heartbeat's).
    fn refused(&mut self, line: &[u8]) -> String {
        self.bytes(line);
        let message = match self.recv() {
            Some(ServerMsg::Error { message }) => message,
            other => panic!(
                "{:?}: expected an error, got {other:?}",
                String::from_utf8_lossy(line)
            ),
        };
        self.send(&ClientMsg::Heartbeat);
        assert_eq!(self.recv(), Some(ServerMsg::Heartbeat), "{message}");
        message
    }
}

fn hello(team: &str, code: &str) -> ClientMsg {
    ClientMsg::Hello {
        version: protocol::VERSION,
        team: team.into(),
        code: code.into(),
    }
}

fn order(team: &str) -> String {
    format!(r#"{{"team":"{team}","action":"Analysis","target":"Nothing"}}"#)
}

#[test]
fn each_refusal_the_protocol_promises() {
    let (address, codes) = serve();
    // Before the handshake.
    let mut c = Client::connect(&address);
    assert!(
        c.refused(b"{\"type\":\"ready\"}")
            .contains("say hello first")
    );
    assert!(c.refused(b"not json").starts_with("bad message"));
    assert!(
        c.refused(br#"{"type":"launch"}"#)
            .contains("unknown variant `launch`")
    );
    assert!(
        c.refused(br#"{"type":"hello","version":3,"team":"kesh_police","code":"x","via":"y"}"#)
            .contains("unknown field `via`")
    );

    // Seated.
    let mut c = Client::seated(&address, &codes, "kesh_police");
    let own = order("kesh_police");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![b'x'; 70 * 1024], "line longer than 65536 bytes"),
        (b"{\"type\":".to_vec(), "bad message"),
        (br#"{"type":"launch"}"#.to_vec(), "unknown variant `launch`"),
        (br#"{"type":"ready","now":true}"#.to_vec(), "unknown field `now`"),
        (br#"{"type":"unready","x":1}"#.to_vec(), "unknown field `x`"),
        (br#"{"type":"heartbeat","x":1}"#.to_vec(), "unknown field `x`"),
        (
            format!(r#"{{"type":"orders","orders":[{own}],"urgent":true}}"#).into_bytes(),
            "unknown field `urgent`",
        ),
        (
            br#"{"type":"orders","orders":[{"team":"kesh_police","action":"Analysis","target":"Nothing","x":1}]}"#.to_vec(),
            "unknown field `x`",
        ),
        (
            br#"{"type":"liaison","to":"maluna_police","text":"hi","cc":"x"}"#.to_vec(),
            "unknown field `cc`",
        ),
        (
            format!(r#"{{"type":"orders","orders":[{}]}}"#, order("maluna_police")).into_bytes(),
            "an order for team `maluna_police`: you may only order for `kesh_police`",
        ),
        (
            format!(
                r#"{{"type":"orders","orders":[{}]}}"#,
                vec![own.as_str(); 257].join(",")
            )
            .into_bytes(),
            "more than 256 orders",
        ),
        (
            format!(
                r#"{{"type":"liaison","to":"maluna_police","text":"{}"}}"#,
                "x".repeat(4001)
            )
            .into_bytes(),
            "liaison text longer than 4000 bytes",
        ),
        (
            br#"{"type":"liaison","to":"atlantis_police","text":"hi"}"#.to_vec(),
            "no other team `atlantis_police` to send to",
        ),
        (
            br#"{"type":"liaison","to":"kesh_police","text":"hi"}"#.to_vec(),
            "no other team `kesh_police` to send to",
        ),
        (
            b"{\"type\":\"liaison\",\"to\":\"maluna_police\",\"text\":\"caf\xe9\"}".to_vec(),
            "the line is not UTF-8: byte 51 is not part of any character",
        ),
        (
            serde_json::to_vec(&hello("kesh_police", &codes["kesh_police"])).expect("json"),
            "already joined",
        ),
    ];
    for (line, expected) in &cases {
        let message = c.refused(line);
        assert!(
            message.contains(expected),
            "{:.80}: {message:?} does not say {expected:?}",
            String::from_utf8_lossy(line)
        );
    }
    // Nothing was queued and no liaison went out: the seat is as it was.
    drop(c);
    let mut again = Client::connect(&address);
    again.send(&hello("kesh_police", &codes["kesh_police"]));
    match again.recv() {
        Some(ServerMsg::Welcome { queued, ready, .. }) => {
            assert!(queued.is_empty());
            assert!(!ready);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn twenty_errors_and_the_server_hangs_up() {
    let (address, codes) = serve();
    let mut c = Client::seated(&address, &codes, "maluna_police");
    for _ in 0..protocol::MAX_ERRORS + 5 {
        c.bytes(br#"{"type":"ready","x":1}"#);
    }
    let mut errors = 0;
    while let Some(msg) = c.recv() {
        assert!(matches!(msg, ServerMsg::Error { .. }), "{msg:?}");
        errors += 1;
    }
    assert_eq!(errors, protocol::MAX_ERRORS);
}

#[test]
fn a_wrong_version_team_or_code_is_refused_and_the_connection_closed() {
    let (address, codes) = serve();
    let mut cases = vec![
        (
            ClientMsg::Hello {
                version: 2,
                team: "kesh_police".into(),
                code: codes["kesh_police"].clone(),
            },
            "protocol version 2 is not supported: this server speaks version 3",
        ),
        (hello("atlantis_police", "x"), "no team `atlantis_police`"),
    ];
    cases.push((
        hello("meridia_police", "0123"),
        "wrong code for team `meridia_police`",
    ));
    for (msg, expected) in cases {
        let mut c = Client::connect(&address);
        c.send(&msg);
        match c.recv() {
            Some(ServerMsg::Error { message }) => assert!(message.contains(expected), "{message}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(c.recv(), None, "the server hangs up after refusing a hello");
    }
}
