//! One connection from its handshake to its close: the deadline on the
//! handshake, the code check, then the seated team's messages.

use std::io::{self, BufReader, Read};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::mpsc::TrySendError;
use std::time::{Duration, Instant};

use super::accept::peer_name;
use super::hub::Shared;
use super::seat::take_seat;
use super::team_messages::handle;
use super::{lock, now};
use crate::engine::setup::TeamIx;
use crate::net::protocol::{self, ClientMsg, MAX_ERRORS, MAX_LINE, RawLine, ServerMsg, VERSION};
use crate::net::secure::{self, Reading, Writing};
use crate::net::{HelloRefused, MessageRefused};
use crate::session::News;

/// A stalled reader must not hold its writing thread for long.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// The reading side of a connection. Until the handshake it has a deadline
/// across all reads, so a client trickling bytes cannot hold its thread.
pub(super) struct Incoming {
    stream: TcpStream,
    deadline: Option<Instant>,
}

impl Read for Incoming {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(d) = self.deadline {
            let left = d.saturating_duration_since(now());
            if left.is_zero() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no handshake in time",
                ));
            }
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buf)
    }
}

/// Write one message straight to a connection (before a team is seated).
pub(super) fn send_direct(out: &mut Writing<TcpStream>, peer: &str, msg: &ServerMsg) {
    if let Err(e) = protocol::write_msg(out, msg) {
        tracing::warn!("{peer}: cannot write: {e}");
    }
}

/// The reading side of a connection once its wire is settled.
type Lines = BufReader<Reading<BufReader<Incoming>>>;

/// A connection's wire: the halves to read lines from and write them to,
/// and the team whose code opened the encrypted handshake (none in plain).
struct Wire {
    lines: Lines,
    out: Writing<TcpStream>,
    team: Option<TeamIx>,
}

/// Settle a connection's wire: plain lines, or the encrypted handshake keyed
/// by the team's code. None when the connection is over (refused, or gone).
fn open_wire(
    shared: &Shared,
    ip: IpAddr,
    peer: &str,
    mut reader: BufReader<Incoming>,
    out: TcpStream,
) -> Option<Wire> {
    if shared.plain {
        return Some(Wire {
            lines: BufReader::new(Reading::Plain(reader)),
            out: Writing::Plain(out),
            team: None,
        });
    }
    match secure::opening(&mut reader) {
        Ok(secure::Opening::Noise) => {}
        Ok(secure::Opening::Plain) => {
            tracing::warn!("{peer}: plain JSON lines to an encrypted server, refused");
            let message = MessageRefused::Encrypted.to_string();
            send_direct(
                &mut Writing::Plain(out),
                peer,
                &ServerMsg::Error { message },
            );
            return None;
        }
        Err(e) => {
            tracing::warn!("{peer}: closed before its handshake: {e}");
            return None;
        }
    }
    let first = match secure::read_frame(&mut reader) {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!("{peer}: closed before its handshake: {e}");
            return None;
        }
    };
    let codes: Vec<&str> = shared.codes.iter().map(|(_, c)| c.as_str()).collect();
    let Some((team, hs)) = secure::match_team(&first, &codes) else {
        let refused = unknown_code(shared, ip);
        tracing::warn!("{peer}: {refused}");
        let _ = secure::refuse(&out, &refused.to_string());
        let _ = out.shutdown(Shutdown::Both);
        return None;
    };
    match secure::accept(hs, reader, out) {
        Ok((r, w)) => Some(Wire {
            lines: BufReader::new(Reading::Secure(r)),
            out: Writing::Secure(w),
            team: Some(TeamIx(team)),
        }),
        Err(e) => {
            tracing::warn!("{peer}: handshake failed: {e}");
            None
        }
    }
}

/// A first message no team's code opens: slowed per address, since it names
/// no team. A code that opens is never slowed (it is already right), so one
/// team's mistakes never delay another team's joining from the same address.
fn unknown_code(shared: &Shared, ip: IpAddr) -> HelloRefused {
    let key = (ip, usize::MAX);
    let admitted = lock(&shared.throttle).admit(key, now());
    match admitted {
        Ok(wait) => {
            std::thread::sleep(wait);
            let wait = lock(&shared.throttle).fail(key, now());
            HelloRefused::UnknownCode {
                ip: ip.to_string(),
                ms: wait.as_millis(),
            }
        }
        Err(wait) => HelloRefused::TooManyUnknownCodes {
            ip: ip.to_string(),
            secs: wait.as_secs().max(1),
        },
    }
}

/// One connection, from handshake to close. Every failure ends here, logged.
pub(super) fn connection(shared: &Arc<Shared>, stream: TcpStream, conn: u64) {
    let ip = match stream.peer_addr() {
        Ok(a) => a.ip(),
        Err(e) => {
            tracing::warn!("a connection without a peer address: {e}");
            return;
        }
    };
    let peer = peer_name(&stream);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    // Small messages (turn_committed after a long view) must not wait for an ACK.
    let _ = stream.set_nodelay(true);
    let (out, kill) = match (stream.try_clone(), stream.try_clone()) {
        (Ok(o), Ok(k)) => (o, k),
        (Err(e), _) | (_, Err(e)) => {
            tracing::warn!("{peer}: {e}");
            return;
        }
    };
    let reader = BufReader::new(Incoming {
        stream,
        deadline: Some(now() + shared.limits.hello_within),
    });
    let Some(Wire {
        lines: mut reader,
        mut out,
        team: keyed,
    }) = open_wire(shared, ip, &peer, reader, out)
    else {
        let _ = kill.shutdown(Shutdown::Both);
        return;
    };
    let mut errors = 0u32;
    // A refused message: log it, count it, and say whether to hang up.
    let count = |errors: &mut u32, message: &str| -> bool {
        tracing::warn!("{peer}: {message}");
        *errors += 1;
        if *errors >= MAX_ERRORS {
            tracing::warn!("{peer}: {MAX_ERRORS} errors, disconnecting");
            return true;
        }
        false
    };
    // The handshake.
    let team = loop {
        let line = match protocol::read_raw_line(&mut reader, MAX_LINE) {
            Ok(RawLine::Bytes(b)) => b,
            Ok(RawLine::TooLong) => {
                let message = MessageRefused::LineTooLong(MAX_LINE).to_string();
                send_direct(
                    &mut out,
                    &peer,
                    &ServerMsg::Error {
                        message: message.clone(),
                    },
                );
                if count(&mut errors, &message) {
                    return;
                }
                continue;
            }
            Ok(RawLine::Eof) => return,
            Err(e) => {
                if secure::is_tampered(&e) {
                    tracing::warn!("{peer}: {e}; closed");
                } else {
                    tracing::warn!("{peer}: closed before its handshake: {e}");
                }
                let _ = kill.shutdown(Shutdown::Both);
                return;
            }
        };
        let refusal = match protocol::parse_client_bytes(&line) {
            Ok(ClientMsg::Hello {
                version,
                team,
                code,
            }) => match handshake(shared, ip, version, &team, &code)
                .and_then(|ix| same_team(shared, keyed, ix))
            {
                Ok(ix) => break ix,
                Err(refused) => {
                    tracing::warn!("{peer}: {refused}");
                    let message = refused.to_string();
                    send_direct(&mut out, &peer, &ServerMsg::Error { message });
                    let _ = kill.shutdown(Shutdown::Both);
                    return;
                }
            },
            Ok(ClientMsg::Heartbeat) => {
                send_direct(&mut out, &peer, &ServerMsg::Heartbeat);
                continue;
            }
            Ok(_) => MessageRefused::HelloFirst.to_string(),
            Err(e) => e.to_string(),
        };
        send_direct(
            &mut out,
            &peer,
            &ServerMsg::Error {
                message: refusal.clone(),
            },
        );
        if count(&mut errors, &refusal) {
            return;
        }
    };
    let team_id = shared.codes[team].0.clone();
    reader.get_mut().get_mut().get_mut().deadline = None;
    let _ = kill.set_read_timeout(Some(shared.limits.idle));
    let Some(outbox) = take_seat(shared, team, &team_id, out, &kill, conn, &peer) else {
        let _ = kill.shutdown(Shutdown::Both);
        return;
    };
    loop {
        let result = match protocol::read_raw_line(&mut reader, MAX_LINE) {
            Ok(RawLine::Bytes(b)) => protocol::parse_client_bytes(&b)
                .map_err(MessageRefused::from)
                .and_then(|msg| handle(shared, team, &team_id, msg)),
            Ok(RawLine::TooLong) => Err(MessageRefused::LineTooLong(MAX_LINE)),
            Ok(RawLine::Eof) => break,
            Err(e) => {
                tracing::warn!("team {team_id} ({peer}): {e}");
                let _ = kill.shutdown(Shutdown::Both);
                break;
            }
        };
        let (reply, stop) = match result {
            Ok(Some(reply)) => (reply, false),
            Ok(None) => continue,
            Err(refused) => {
                let message = refused.to_string();
                let stop = count(&mut errors, &message);
                (ServerMsg::Error { message }, stop)
            }
        };
        match outbox.try_send(vec![reply]) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                tracing::warn!("team {team_id} ({peer}): not reading its messages, disconnected");
                let _ = kill.shutdown(Shutdown::Both);
                break;
            }
            // The writer is gone: after `finished`, read on to the client's
            // end so closing never resets a connection with data unread.
            Err(TrySendError::Disconnected(_)) => {}
        }
        if stop {
            break;
        }
    }
    // Leave the seat only if it is still ours; queued orders stay. The
    // writer sends what is left in the outbox, then hangs up.
    let mut hub = lock(&shared.hub);
    if hub.seats[team].as_ref().is_some_and(|s| s.conn == conn) {
        hub.seats[team] = None;
        tracing::info!("team {team_id} disconnected");
        let name = hub.team_name(team);
        hub.tell(News::Notice(format!(
            "{name} disconnected; its orders stay."
        )));
    }
}

/// Over the encrypted wire, the hello must name the team whose code opened
/// the handshake.
fn same_team(shared: &Shared, keyed: Option<TeamIx>, ix: TeamIx) -> Result<TeamIx, HelloRefused> {
    match keyed {
        Some(k) if k != ix => Err(HelloRefused::NotThisTeamsWire {
            team: shared.codes[ix].0.clone(),
        }),
        _ => Ok(ix),
    }
}

/// Check a hello; the team's index when it may take its seat. Repeated wrong
/// codes from one (address, team) wait longer and longer before they are
/// checked; the wait is this connection's own, with no lock held.
pub(super) fn handshake(
    shared: &Shared,
    ip: IpAddr,
    version: u32,
    team: &str,
    code: &str,
) -> Result<TeamIx, HelloRefused> {
    if version != VERSION {
        return Err(HelloRefused::Version {
            version,
            speaks: VERSION,
        });
    }
    let Some(ix) = shared.codes.iter().position(|(id, _)| id == team) else {
        return Err(HelloRefused::NoTeam(team.to_string()));
    };
    let key = (ip, ix);
    let admitted = lock(&shared.throttle).admit(key, now());
    match admitted {
        Ok(wait) if wait.is_zero() => {}
        Ok(wait) => {
            tracing::warn!(
                "{ip}: earlier wrong codes for team `{team}`: waiting {} ms",
                wait.as_millis()
            );
            std::thread::sleep(wait);
        }
        Err(wait) => {
            return Err(HelloRefused::TooManyWrongCodes {
                team: team.to_string(),
                ip: ip.to_string(),
                secs: wait.as_secs().max(1),
            });
        }
    }
    // Compare digests, so the time taken says nothing about the code.
    let expected = blake3::hash(shared.codes[ix].1.as_bytes());
    if blake3::hash(code.as_bytes()) != expected {
        let wait = lock(&shared.throttle).fail(key, now());
        return Err(HelloRefused::WrongCode {
            team: team.to_string(),
            ip: ip.to_string(),
            ms: wait.as_millis(),
        });
    }
    lock(&shared.throttle).clear(key);
    Ok(TeamIx(ix))
}
