//! The wire protocol: JSON lines over TCP, documented in docs/PROTOCOL.md.
//!
//! Every line from the network is size-limited before it is parsed, and every
//! parse failure is a value, never a panic.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use super::ProtocolError;
use crate::engine::orders::Order;
use crate::session::objectives::Standing;
use crate::view::{Brief, TeamView};

/// The protocol version; a client and server must agree exactly.
/// Version 2 added `queued` and `ready` to `welcome`; version 3 the public
/// `brief` in `welcome`, each action's `targets`, `unready`, `accepted` and
/// `undone`, and since grew by additions only (`announcement`, `clock`,
/// `standing`, `bot`).
pub const VERSION: u32 = 3;

/// The longest line either side accepts, newline excluded.
pub const MAX_LINE: usize = 64 * 1024;

/// How many error replies a connection earns before the server drops it.
pub const MAX_ERRORS: u32 = 20;

/// A message from a client to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The handshake: the first message of every connection.
    Hello {
        version: u32,
        team: String,
        code: String,
    },
    /// Replace the team's queued orders for this turn.
    Orders { orders: Vec<Order> },
    /// The team is done with this turn.
    Ready,
    /// The team takes its readiness back to change its orders.
    Unready,
    /// Words for another team, delivered when the turn commits.
    Liaison { to: String, text: String },
    /// Proof of life.
    Heartbeat,
    /// The seat is played by a bot (`join --bot`), for exercise control's
    /// Teams tab. A server that does not know it answers `error`; nothing
    /// else changes.
    Bot,
}

/// A message from the server to a client. A client ignores fields it does
/// not know, and a message whose `type` it does not know reads as
/// [`ServerMsg::Unknown`], which it skips: the protocol grows by additions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The handshake was accepted.
    Welcome {
        version: u32,
        team: String,
        /// The team's bot key, 64 hex digits, for `join --bot`.
        key: String,
        /// What every participant may know: title, briefing, objectives, teams.
        brief: Box<Brief>,
        view: Box<TeamView>,
        /// The orders the team already has queued for this turn (a client
        /// that reconnects finds them kept).
        queued: Vec<Order>,
        /// Whether the team is already ready this turn.
        ready: bool,
    },
    /// The team's view at the start of a turn: after a turn is committed or undone.
    View { view: Box<TeamView> },
    /// The team's orders were accepted: its view with the capacity they leave.
    Accepted { view: Box<TeamView> },
    /// Exercise control took back this turn; a `view` of the turn again follows.
    Undone { turn: u32 },
    /// A turn was committed and journalled.
    TurnCommitted { turn: u32, state_hash: String },
    /// The exercise is over (or the server's `--turns` was reached).
    Finished { turn: u32 },
    /// Something the client sent was refused.
    Error { message: String },
    /// Proof of life.
    Heartbeat,
    /// Words exercise control gave the team during the turn being planned,
    /// delivered at once; the turn's results carry them into the team's log.
    Announcement { turn: u32, text: String },
    /// How the turn's clock stands: paused or not, and the time left when
    /// the turn is played by a timer.
    Clock {
        paused: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds_left: Option<u64>,
    },
    /// The objectives as they stand for the team, and the scores.
    Standing { standing: Box<Standing> },
    /// A message of a later addition to the protocol: skipped.
    #[serde(other)]
    Unknown,
}

/// One line read from the network.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A complete line, without its newline.
    Text(String),
    /// A line longer than the limit; it was skipped entirely.
    TooLong,
    /// The peer closed the connection.
    Eof,
}

/// Read one line of at most `max` bytes, skipping (not buffering) the rest of
/// an oversized line so a flood cannot grow memory. Bytes that are not UTF-8
/// become U+FFFD: a client reads a server's words as best it can (the server
/// itself refuses such lines, with [`read_raw_line`]).
pub fn read_line<R: BufRead>(r: &mut R, max: usize) -> io::Result<Line> {
    Ok(match read_raw_line(r, max)? {
        RawLine::Bytes(b) => Line::Text(String::from_utf8_lossy(&b).into_owned()),
        RawLine::TooLong => Line::TooLong,
        RawLine::Eof => Line::Eof,
    })
}

/// One line read from the network, as the bytes that came.
#[derive(Debug, PartialEq, Eq)]
pub enum RawLine {
    /// A complete line, without its newline (nor a `\r` before it).
    Bytes(Vec<u8>),
    /// A line longer than the limit; it was skipped entirely.
    TooLong,
    /// The peer closed the connection.
    Eof,
}

/// [`read_line`] without the decoding: the line's bytes as they came.
pub fn read_raw_line<R: BufRead>(r: &mut R, max: usize) -> io::Result<RawLine> {
    let mut buf: Vec<u8> = Vec::new();
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if too_long {
                RawLine::TooLong
            } else if buf.is_empty() {
                RawLine::Eof
            } else {
                RawLine::Bytes(buf)
            });
        }
        match avail.iter().position(|b| *b == b'\n') {
            Some(i) => {
                if !too_long {
                    if buf.len() + i > max {
                        too_long = true;
                    } else {
                        buf.extend_from_slice(&avail[..i]);
                    }
                }
                r.consume(i + 1);
                if too_long {
                    return Ok(RawLine::TooLong);
                }
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                return Ok(RawLine::Bytes(buf));
            }
            None => {
                let n = avail.len();
                if !too_long {
                    if buf.len() + n > max {
                        too_long = true;
                        buf = Vec::new();
                    } else {
                        buf.extend_from_slice(avail);
                    }
                }
                r.consume(n);
            }
        }
    }
}

/// Write one message as a JSON line and flush it.
pub fn write_msg<W: Write, M: Serialize>(w: &mut W, msg: &M) -> io::Result<()> {
    let mut line = serde_json::to_string(msg).map_err(io::Error::other)?;
    line.push('\n');
    w.write_all(line.as_bytes())?;
    w.flush()
}

/// Parse a client's line, with a message fit to send back when it is refused.
/// Unknown fields are refused in every message, those without fields of
/// their own (`ready`, `unready`, `heartbeat`) included.
pub fn parse_client(line: &str) -> Result<ClientMsg, ProtocolError> {
    let msg: ClientMsg =
        serde_json::from_str(line).map_err(|e| ProtocolError::FromClient(e.to_string()))?;
    if matches!(
        msg,
        ClientMsg::Ready | ClientMsg::Unready | ClientMsg::Heartbeat
    ) {
        // serde lets a unit variant of a tagged enum ignore other fields.
        let fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).map_err(|e| ProtocolError::FromClient(e.to_string()))?;
        if let Some(extra) = fields.keys().find(|k| *k != "type") {
            return Err(ProtocolError::FromClient(format!(
                "unknown field `{extra}`: this message has no fields but `type`"
            )));
        }
    }
    Ok(msg)
}

/// A client's line as it came: refused unless it is UTF-8, then parsed.
pub fn parse_client_bytes(line: &[u8]) -> Result<ClientMsg, ProtocolError> {
    match std::str::from_utf8(line) {
        Ok(text) => parse_client(text),
        Err(e) => Err(ProtocolError::FromClient(format!(
            "the line is not UTF-8: byte {} is not part of any character",
            e.valid_up_to() + 1
        ))),
    }
}

/// Parse a server's line.
pub fn parse_server(line: &str) -> Result<ServerMsg, ProtocolError> {
    serde_json::from_str(line).map_err(|e| ProtocolError::FromServer(e.to_string()))
}

pub use crate::hex::{hex, unhex32};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_lines_are_skipped_whole() {
        let mut data = vec![b'x'; 100];
        data.extend_from_slice(b"\n{\"type\":\"ready\"}\n");
        let mut r = io::BufReader::with_capacity(8, &data[..]);
        assert_eq!(read_line(&mut r, 10).ok(), Some(Line::TooLong));
        assert_eq!(
            read_line(&mut r, 10_000).ok(),
            Some(Line::Text("{\"type\":\"ready\"}".into()))
        );
        assert_eq!(read_line(&mut r, 10).ok(), Some(Line::Eof));
    }

    #[test]
    fn unknown_types_and_garbage_are_errors() {
        assert!(parse_client("{\"type\":\"launch\"}").is_err());
        assert!(parse_client("not json").is_err());
        assert_eq!(parse_client("{\"type\":\"ready\"}"), Ok(ClientMsg::Ready));
    }

    #[test]
    fn fields_a_message_does_not_have_are_refused() {
        for line in [
            r#"{"type":"ready","x":1}"#,
            r#"{"type":"unready","orders":[]}"#,
            r#"{"type":"heartbeat","team":"kesh_police"}"#,
            r#"{"type":"orders","orders":[],"x":1}"#,
            r#"{"type":"orders","orders":[{"team":"a","action":"Analysis","target":"Nothing","x":1}]}"#,
            r#"{"type":"liaison","to":"a","text":"b","x":1}"#,
            r#"{"type":"hello","version":3,"team":"a","code":"b","x":1}"#,
        ] {
            let refused = parse_client(line);
            assert!(
                matches!(&refused, Err(ProtocolError::FromClient(m)) if m.contains("unknown field")),
                "{line}: {refused:?}"
            );
        }
        assert_eq!(
            parse_client(r#"{"type":"unready"}"#),
            Ok(ClientMsg::Unready)
        );
    }

    #[test]
    fn lines_that_are_not_utf8_are_refused_by_the_server_only() {
        let line = b"{\"type\":\"liaison\",\"to\":\"a\",\"text\":\"caf\xe9\"}";
        assert_eq!(
            parse_client_bytes(line),
            Err(ProtocolError::FromClient(
                "the line is not UTF-8: byte 39 is not part of any character".into()
            ))
        );
        let mut data = line.to_vec();
        data.extend_from_slice(b"\r\n");
        let mut r = io::BufReader::new(&data[..]);
        assert_eq!(
            read_raw_line(&mut r, 1000).ok(),
            Some(RawLine::Bytes(line.to_vec()))
        );
        let mut r = io::BufReader::new(&data[..]);
        assert!(
            matches!(read_line(&mut r, 1000), Ok(Line::Text(t)) if t.ends_with("caf\u{fffd}\"}"))
        );
    }

    #[test]
    fn a_client_skips_server_messages_and_fields_of_later_additions() {
        assert_eq!(
            parse_server("{\"type\":\"fanfare\",\"loud\":true}"),
            Ok(ServerMsg::Unknown)
        );
        assert_eq!(
            parse_server("{\"type\":\"finished\",\"turn\":8,\"why\":\"done\"}"),
            Ok(ServerMsg::Finished { turn: 8 })
        );
        assert_eq!(
            parse_server("{\"type\":\"clock\",\"paused\":true}"),
            Ok(ServerMsg::Clock {
                paused: true,
                seconds_left: None
            })
        );
        assert!(parse_server("not json").is_err());
    }

    #[test]
    fn hex_round_trips() {
        let k = [7u8; 32];
        assert_eq!(unhex32(&hex(&k)), Some(k));
        assert_eq!(unhex32("zz"), None);
    }
}
