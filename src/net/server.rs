//! The server: one authoritative session behind a mutex, a thread per
//! connection, each team sent only its own view.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::protocol::{self, ClientMsg, Line, MAX_ERRORS, MAX_LINE, ServerMsg, VERSION};
use crate::bots::BotKey;
use crate::engine::orders::Liaison;
use crate::session::Session;

/// A connection that sends nothing (not even a heartbeat) this long is dead.
const IDLE: Duration = Duration::from_secs(30);

/// A stalled reader must not hold the session lock for long.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest liaison text accepted.
const MAX_LIAISON: usize = 4000;

/// The most orders one message may carry.
const MAX_ORDERS: usize = 256;

/// The join codes of an exercise and where its server listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codes {
    pub address: String,
    pub teams: BTreeMap<String, String>,
}

/// How a server runs.
pub struct Options {
    pub bind: String,
    pub codes_out: Option<PathBuf>,
    /// Stop (exit 0) once this turn is committed.
    pub last_turn: u32,
}

/// A fresh, unguessable join code: 32 hex digits from OS randomness.
pub fn new_code() -> std::io::Result<String> {
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut seed)?;
    let h = blake3::hash(&seed);
    Ok(protocol::hex(&h.as_bytes()[..16]))
}

/// Where the codes of a journal are kept: beside it, never inside it.
pub fn codes_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".codes");
    PathBuf::from(name)
}

/// Write a file atomically (temporary file, then rename) with the given mode.
pub fn write_atomic(path: &Path, text: &str, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Read the codes saved beside a journal.
pub fn read_codes(path: &Path) -> Result<Codes, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One seat's live connection.
struct Seat {
    conn: u64,
    out: Arc<Mutex<TcpStream>>,
}

/// The mutable heart of the server.
struct Hub {
    session: Session,
    seats: Vec<Option<Seat>>,
    finished: bool,
}

/// What every connection thread shares.
struct Shared {
    hub: Mutex<Hub>,
    /// Team id and join code, in scenario order.
    codes: Vec<(String, String)>,
    last_turn: u32,
    done: Mutex<mpsc::Sender<Result<(), String>>>,
    next_conn: AtomicU64,
}

/// Lock a mutex even if a thread panicked holding it: the data is still sound
/// for our purposes, and the server must go on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn send(out: &Arc<Mutex<TcpStream>>, msg: &ServerMsg) -> bool {
    let mut s = lock(out);
    protocol::write_msg(&mut *s, msg).is_ok()
}

/// Serve a session until its last turn is committed; returns the exit status.
pub fn serve(session: Session, codes: BTreeMap<String, String>, opts: &Options) -> i32 {
    if session.turn() >= opts.last_turn {
        eprintln!("turn {} already committed: nothing to play", session.turn());
        return 0;
    }
    let listener = match TcpListener::bind(&opts.bind) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", opts.bind);
            return 1;
        }
    };
    let address = match listener.local_addr() {
        Ok(a) => a.to_string(),
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", opts.bind);
            return 1;
        }
    };
    let order: Vec<(String, String)> = session
        .setup()
        .teams
        .iter()
        .map(|t| {
            let code = codes.get(&t.id).cloned().unwrap_or_default();
            (t.id.clone(), code)
        })
        .collect();
    eprintln!("listening on {address}");
    for (team, code) in &order {
        eprintln!("  team {team:<20} code {code}");
    }
    if let Some(p) = &opts.codes_out {
        let c = Codes {
            address: address.clone(),
            teams: codes.clone(),
        };
        let text = serde_json::to_string_pretty(&c).unwrap_or_default();
        if let Err(e) = write_atomic(p, &text, 0o600) {
            eprintln!("cannot write {}: {e}", p.display());
            return 1;
        }
    }
    let (tx, rx) = mpsc::channel();
    let seats = (0..order.len()).map(|_| None).collect();
    let shared = Arc::new(Shared {
        hub: Mutex::new(Hub {
            session,
            seats,
            finished: false,
        }),
        codes: order,
        last_turn: opts.last_turn,
        done: Mutex::new(tx),
        next_conn: AtomicU64::new(1),
    });
    let acceptor = Arc::clone(&shared);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let shared = Arc::clone(&acceptor);
            let conn = shared.next_conn.fetch_add(1, Ordering::Relaxed);
            std::thread::spawn(move || connection(&shared, stream, conn));
        }
    });
    let result = rx.recv().unwrap_or_else(|_| Err("server stopped".into()));
    // Let the last messages drain before the sockets close with the process.
    {
        let hub = lock(&shared.hub);
        for seat in hub.seats.iter().flatten() {
            let _ = lock(&seat.out).shutdown(Shutdown::Write);
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// One connection, from handshake to close. Every failure ends here quietly.
fn connection(shared: &Arc<Shared>, stream: TcpStream, conn: u64) {
    let peer = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| "?".into());
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let out = match stream.try_clone() {
        Ok(s) => Arc::new(Mutex::new(s)),
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    let mut errors = 0u32;
    // A refused message: reply, log, and say whether to hang up.
    let refuse = |errors: &mut u32, message: String| -> bool {
        eprintln!("{peer}: {message}");
        *errors += 1;
        let _ = send(&out, &ServerMsg::Error { message });
        if *errors >= MAX_ERRORS {
            eprintln!("{peer}: {MAX_ERRORS} errors, disconnecting");
            return true;
        }
        false
    };
    // The handshake.
    let team = loop {
        let line = match protocol::read_line(&mut reader, MAX_LINE) {
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong) => {
                if refuse(&mut errors, format!("line longer than {MAX_LINE} bytes")) {
                    return;
                }
                continue;
            }
            Ok(Line::Eof) | Err(_) => return,
        };
        match protocol::parse_client(&line) {
            Ok(ClientMsg::Hello {
                version,
                team,
                code,
            }) => match handshake(shared, version, &team, &code) {
                Ok(ix) => break ix,
                Err(message) => {
                    refuse(&mut errors, message);
                    return;
                }
            },
            Ok(ClientMsg::Heartbeat) => {
                let _ = send(&out, &ServerMsg::Heartbeat);
            }
            Ok(_) => {
                if refuse(&mut errors, "say hello first".into()) {
                    return;
                }
            }
            Err(message) => {
                if refuse(&mut errors, message) {
                    return;
                }
            }
        }
    };
    let team_id = shared.codes[team].0.clone();
    // Take the seat, replacing any older connection, and welcome under one lock
    // so no turn can commit between the view and the seat.
    {
        let mut hub = lock(&shared.hub);
        if let Some(old) = hub.seats[team].take() {
            eprintln!("team {team_id}: new connection replaces the old one");
            let _ = lock(&old.out).shutdown(Shutdown::Both);
        }
        let key = BotKey::derive(hub.session.seed(), &team_id);
        let welcome = ServerMsg::Welcome {
            version: VERSION,
            team: team_id.clone(),
            key: protocol::hex(&key.0),
            brief: Box::new(crate::view::brief(hub.session.setup())),
            view: Box::new(hub.session.view(team)),
            queued: hub.session.queued(team).to_vec(),
            ready: hub.session.is_ready(team),
        };
        if !send(&out, &welcome) {
            return;
        }
        hub.seats[team] = Some(Seat {
            conn,
            out: Arc::clone(&out),
        });
        eprintln!("team {team_id} joined from {peer}");
    }
    loop {
        let line = match protocol::read_line(&mut reader, MAX_LINE) {
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong) => {
                if refuse(&mut errors, format!("line longer than {MAX_LINE} bytes")) {
                    break;
                }
                continue;
            }
            Ok(Line::Eof) | Err(_) => break,
        };
        let msg = match protocol::parse_client(&line) {
            Ok(m) => m,
            Err(message) => {
                if refuse(&mut errors, message) {
                    break;
                }
                continue;
            }
        };
        let result = handle(shared, team, &team_id, msg, &out);
        if let Err(message) = result
            && refuse(&mut errors, message)
        {
            break;
        }
    }
    // Leave the seat only if it is still ours; queued orders stay.
    let mut hub = lock(&shared.hub);
    if hub.seats[team].as_ref().is_some_and(|s| s.conn == conn) {
        hub.seats[team] = None;
        eprintln!("team {team_id} disconnected");
    }
    let _ = lock(&out).shutdown(Shutdown::Both);
}

/// Check a hello; the team's index when it may take its seat.
fn handshake(shared: &Shared, version: u32, team: &str, code: &str) -> Result<usize, String> {
    if version != VERSION {
        return Err(format!(
            "protocol version {version} is not supported: this server speaks version {VERSION}"
        ));
    }
    let Some(ix) = shared.codes.iter().position(|(id, _)| id == team) else {
        return Err(format!("no team `{team}` in this exercise"));
    };
    // Compare digests, so the time taken says nothing about the code.
    let expected = blake3::hash(shared.codes[ix].1.as_bytes());
    if blake3::hash(code.as_bytes()) != expected {
        // Slow down guessing at the handshake only; this thread is the caller's own.
        std::thread::sleep(Duration::from_millis(250));
        return Err(format!("wrong code for team `{team}`"));
    }
    Ok(ix)
}

/// One message from a seated team.
fn handle(
    shared: &Shared,
    team: usize,
    team_id: &str,
    msg: ClientMsg,
    out: &Arc<Mutex<TcpStream>>,
) -> Result<(), String> {
    match msg {
        ClientMsg::Heartbeat => {
            send(out, &ServerMsg::Heartbeat);
            Ok(())
        }
        ClientMsg::Hello { .. } => Err("already joined".into()),
        ClientMsg::Orders { orders } => {
            if orders.len() > MAX_ORDERS {
                return Err(format!("more than {MAX_ORDERS} orders"));
            }
            if let Some(o) = orders.iter().find(|o| o.team != team_id) {
                return Err(format!(
                    "an order for team `{}`: you may only order for `{team_id}`",
                    o.team
                ));
            }
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err("the exercise is over".into());
            }
            hub.session.set_orders(team, orders);
            // The capacity left, and so what may still be ordered, has changed.
            let view = Box::new(hub.session.view(team));
            send(out, &ServerMsg::Accepted { view });
            Ok(())
        }
        ClientMsg::Unready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err("the exercise is over".into());
            }
            hub.session.set_ready(team, false);
            Ok(())
        }
        ClientMsg::Liaison { to, text } => {
            if text.len() > MAX_LIAISON {
                return Err(format!("liaison text longer than {MAX_LIAISON} bytes"));
            }
            let mut hub = lock(&shared.hub);
            if hub.session.setup().team(&to).is_none() || to == team_id {
                return Err(format!("no other team `{to}` to send to"));
            }
            eprintln!("liaison {team_id} -> {to}: {text}");
            hub.session.send_liaison(Liaison {
                from: team_id.to_string(),
                to,
                text,
            });
            Ok(())
        }
        ClientMsg::Ready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err("the exercise is over".into());
            }
            hub.session.set_ready(team, true);
            commit_if_ready(shared, &mut hub);
            Ok(())
        }
    }
}

/// Commit when every team is ready: journal first, then each team its own view.
fn commit_if_ready(shared: &Shared, hub: &mut Hub) {
    if hub.finished || !hub.session.all_ready() {
        return;
    }
    let outcome = match hub.session.commit() {
        Ok(o) => o,
        Err(e) => {
            hub.finished = true;
            let _ = lock(&shared.done).send(Err(format!("cannot commit: {e}")));
            return;
        }
    };
    eprintln!(
        "turn {} committed, state hash {}",
        outcome.turn, outcome.state_hash
    );
    let over = outcome.turn >= shared.last_turn;
    for (ix, seat) in hub.seats.iter().enumerate() {
        let Some(seat) = seat else { continue };
        send(
            &seat.out,
            &ServerMsg::View {
                view: Box::new(hub.session.view(ix)),
            },
        );
        send(
            &seat.out,
            &ServerMsg::TurnCommitted {
                turn: outcome.turn,
                state_hash: outcome.state_hash.clone(),
            },
        );
        if over {
            send(&seat.out, &ServerMsg::Finished { turn: outcome.turn });
        }
    }
    if over {
        hub.finished = true;
        let _ = lock(&shared.done).send(Ok(()));
    }
}
