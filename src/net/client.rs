//! The thin client. In this slice, `--bot` mode: a headless client that plays
//! a policy from the view and key the server hands it.

use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::JoinError;
use super::protocol::{self, ClientMsg, Line, ServerMsg, VERSION};
use super::secure::{self, HandshakeError, Writing};
use crate::bots::{BotKey, Policy};

/// How long a client keeps trying to reach the server at first.
const RETRY_FOR: Duration = Duration::from_secs(5);

/// How long a client that lost its server keeps trying: long enough for a
/// facilitator to restart a crashed server with `--resume`.
const RECONNECT_FOR: Duration = Duration::from_secs(60);

/// The pause between two attempts to connect.
const RETRY_PAUSE: Duration = Duration::from_millis(250);

/// How often a client proves it is alive.
const HEARTBEAT: Duration = Duration::from_secs(5);

/// Views of big scenarios are long; still, a runaway server must not exhaust memory.
const MAX_SERVER_LINE: usize = 64 * 1024 * 1024;

/// How a bot client runs.
pub struct BotArgs {
    pub addr: String,
    pub team: String,
    pub code: String,
    pub policy: Policy,
    pub think_ms: u64,
    /// Plain JSON lines instead of the encrypted wire (`serve --plain`).
    pub plain: bool,
}

/// How a connection ended.
enum End {
    /// The exercise is over.
    Finished,
    /// The server refused us.
    Rejected(String),
    /// A message failed authentication: stop, trusting nothing more.
    Tampered,
    /// The connection dropped (after a welcome, or before one): try again.
    Dropped { welcomed: bool },
}

/// Connect, retrying for a while and saying so; none when the server cannot be reached.
fn connect(addr: &str, reconnecting: bool) -> Option<TcpStream> {
    let window = if reconnecting {
        RECONNECT_FOR
    } else {
        RETRY_FOR
    };
    let tries = window.as_millis() / RETRY_PAUSE.as_millis();
    for attempt in 0..=tries {
        match TcpStream::connect(addr) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Some(s);
            }
            Err(e) => {
                if attempt == 0 {
                    let doing = if reconnecting {
                        "reconnecting"
                    } else {
                        "retrying"
                    };
                    tracing::info!(
                        "cannot reach {addr} ({e}); {doing} for {} s",
                        window.as_secs()
                    );
                }
                std::thread::sleep(RETRY_PAUSE);
            }
        }
    }
    None
}

/// Run a bot client until the exercise is over, or say why it gave up.
pub fn run_bot(args: &BotArgs) -> Result<(), JoinError> {
    let mut reconnecting = false;
    // Connections that dropped before a welcome, in a row: a server that
    // accepts and hangs up forever counts as unreachable.
    let mut unwelcome = 0u128;
    loop {
        let Some(stream) = connect(&args.addr, reconnecting) else {
            return Err(JoinError::Unreachable(format!(
                "gave up: {} cannot be reached",
                args.addr
            )));
        };
        match session(args, stream) {
            End::Finished => return Ok(()),
            End::Rejected(m) => {
                return Err(JoinError::Refused(format!("rejected by the server: {m}")));
            }
            End::Tampered => {
                return Err(JoinError::Refused(super::desk::tampered(&args.addr)));
            }
            End::Dropped { welcomed } => {
                if welcomed {
                    unwelcome = 0;
                } else {
                    unwelcome += 1;
                    if unwelcome > RECONNECT_FOR.as_millis() / RETRY_PAUSE.as_millis() {
                        return Err(JoinError::Unreachable(format!(
                            "gave up: {} keeps hanging up",
                            args.addr
                        )));
                    }
                    std::thread::sleep(RETRY_PAUSE);
                }
                tracing::info!("connection to {} lost; reconnecting", args.addr);
                reconnecting = true;
            }
        }
    }
}

fn send(out: &Arc<Mutex<Writing<TcpStream>>>, msg: &ClientMsg) -> bool {
    let mut s = out.lock().unwrap_or_else(|e| e.into_inner());
    protocol::write_msg(&mut *s, msg).is_ok()
}

/// One connection: handshake, then play each view as it arrives.
fn session(args: &BotArgs, stream: TcpStream) -> End {
    let (mut reader, out) = match secure::open_client(stream, &args.code, args.plain) {
        Ok(wire) => wire,
        Err(HandshakeError::Io(_)) => return End::Dropped { welcomed: false },
        Err(e) => return End::Rejected(e.to_string()),
    };
    let out = Arc::new(Mutex::new(out));
    let hello = ClientMsg::Hello {
        version: VERSION,
        team: args.team.clone(),
        code: args.code.clone(),
    };
    if !send(&out, &hello) {
        return End::Dropped { welcomed: false };
    }
    // Heartbeats from a side thread; it stops when a write fails.
    let beat = Arc::clone(&out);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(HEARTBEAT);
            if !send(&beat, &ClientMsg::Heartbeat) {
                break;
            }
        }
    });
    let mut key: Option<BotKey> = None;
    loop {
        let line = match protocol::read_line(&mut reader, MAX_SERVER_LINE) {
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong) => continue,
            Err(e) if secure::is_tampered(&e) => {
                let _ = out.lock().map(|s| s.shutdown());
                return End::Tampered;
            }
            Ok(Line::Eof) | Err(_) => {
                let _ = out.lock().map(|s| s.shutdown());
                return End::Dropped {
                    welcomed: key.is_some(),
                };
            }
        };
        let msg = match protocol::parse_server(&line) {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!("{e}");
                continue;
            }
        };
        let view = match msg {
            ServerMsg::Welcome {
                key: k,
                view,
                team,
                queued,
                ready,
                ..
            } => {
                let Some(bytes) = protocol::unhex32(&k) else {
                    return End::Rejected("the server sent a malformed key".into());
                };
                key = Some(BotKey(bytes));
                tracing::info!("joined as {team}");
                // For exercise control's Teams tab; an older server refuses
                // the message and nothing else changes.
                if !send(&out, &ClientMsg::Bot) {
                    return End::Dropped { welcomed: true };
                }
                // Back after a drop: the server kept what this bot already
                // decided for the turn. Deciding again from a view whose
                // capacity those orders already spend would change them.
                if ready {
                    continue;
                }
                if !queued.is_empty() {
                    if !send(&out, &ClientMsg::Ready) {
                        return End::Dropped { welcomed: true };
                    }
                    continue;
                }
                view
            }
            ServerMsg::View { view } => view,
            ServerMsg::TurnCommitted { turn, state_hash } => {
                tracing::info!("turn {turn} committed, state hash {state_hash}");
                continue;
            }
            ServerMsg::Finished { turn } => {
                tracing::info!("the exercise ended at turn {turn}");
                return End::Finished;
            }
            ServerMsg::Error { message } => {
                if key.is_none() {
                    return End::Rejected(message);
                }
                tracing::warn!("server: {message}");
                continue;
            }
            ServerMsg::Heartbeat
            | ServerMsg::Accepted { .. }
            | ServerMsg::Undone { .. }
            | ServerMsg::Announcement { .. }
            | ServerMsg::Clock { .. }
            | ServerMsg::Standing { .. }
            | ServerMsg::Unknown => {
                continue;
            }
        };
        let Some(k) = &key else { continue };
        if view.turn > view.turns {
            continue;
        }
        if args.think_ms > 0 {
            std::thread::sleep(Duration::from_millis(args.think_ms));
        }
        let orders = args.policy.decide(&view, k);
        if !send(&out, &ClientMsg::Orders { orders }) || !send(&out, &ClientMsg::Ready) {
            return End::Dropped { welcomed: true };
        }
    }
}
