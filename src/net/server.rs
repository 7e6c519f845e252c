//! The server: one authoritative session behind a mutex, a reading thread per
//! connection and a writing thread per seated team, each team sent only its
//! own view.
//!
//! Nothing a client does may hold up another team: connections are capped,
//! a handshake has a deadline, wrong codes are slowed per (address, team)
//! without any lock held, and a team that stops reading is disconnected when
//! its outbox fills instead of stalling the turn.

use std::collections::BTreeMap;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::protocol::{self, ClientMsg, Line, MAX_ERRORS, MAX_LINE, ServerMsg, VERSION};
use crate::bots::BotKey;
use crate::engine::TurnOutcome;
use crate::engine::orders::{Liaison, LiveInject};
use crate::engine::setup::Setup;
use crate::session::{Control, News, Session, SessionError};
use crate::view::FacilitatorView;

/// A stalled reader must not hold its writing thread for long.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest liaison text accepted.
const MAX_LIAISON: usize = 4000;

/// The most orders one message may carry.
const MAX_ORDERS: usize = 256;

/// Batches of messages waiting for one team's socket. A turn sends one batch;
/// a team whose outbox fills is not reading and is disconnected (its orders stay).
const OUTBOX: usize = 64;

/// A (address, team) that has not failed for this long starts afresh.
const FORGET_FAILURES: Duration = Duration::from_secs(15 * 60);

/// How long the server waits for the last messages to drain when it stops.
const DRAIN: Duration = Duration::from_secs(2);

/// The join codes of an exercise and where its server listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codes {
    pub address: String,
    pub teams: BTreeMap<String, String>,
}

/// The limits that keep one client from hurting the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The most connections open at once, seated or not; none means
    /// 4 × teams + 16 (room for replaced seats and a few stray clients).
    pub max_connections: Option<usize>,
    /// A connection must complete its handshake this soon after it opens.
    pub hello_within: Duration,
    /// A seated connection that sends nothing (not even a heartbeat) this long is dead.
    pub idle: Duration,
    /// The wait after the first wrong code from an (address, team); it
    /// doubles with each further failure and resets on success.
    pub wrong_code_delay: Duration,
    /// The longest such wait.
    pub wrong_code_delay_max: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: None,
            hello_within: Duration::from_secs(10),
            idle: Duration::from_secs(30),
            wrong_code_delay: Duration::from_millis(250),
            wrong_code_delay_max: Duration::from_secs(8),
        }
    }
}

impl Limits {
    /// The connection cap for an exercise of `teams` teams.
    pub fn connections_for(&self, teams: usize) -> usize {
        self.max_connections
            .unwrap_or_else(|| teams.saturating_mul(4).saturating_add(16))
    }
}

/// How a server runs.
pub struct Options {
    pub bind: String,
    pub codes_out: Option<PathBuf>,
    /// Stop (exit 0) once this turn is committed.
    pub last_turn: u32,
    pub limits: Limits,
}

/// A fresh, unguessable join code: 32 hex digits from OS randomness.
pub fn new_code() -> std::io::Result<String> {
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut seed)?;
    let h = blake3::hash(&seed);
    Ok(protocol::hex(&h.as_bytes()[..16]))
}

pub use crate::journal::codes_path;

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

// The wall clock of the network layer: handshake deadlines and wrong-code
// delays. It never reaches the session; turns are the same whatever the time.
#[allow(clippy::disallowed_methods)]
fn now() -> Instant {
    Instant::now()
}

/// One seat's live connection.
struct Seat {
    conn: u64,
    /// Batches of messages for the team's writing thread, in the order they must arrive.
    outbox: SyncSender<Vec<ServerMsg>>,
    /// Kept to hang up on the team.
    stream: TcpStream,
}

/// The mutable heart of the server.
struct Hub {
    session: Session,
    seats: Vec<Option<Seat>>,
    finished: bool,
    /// A facilitator console plays the turns: readiness alone does not.
    console: bool,
    /// What happened since the console last looked (kept only with a console).
    news: Vec<News>,
}

impl Hub {
    /// Tell the console, if there is one.
    fn tell(&mut self, news: News) {
        if self.console {
            self.news.push(news);
        }
    }

    /// A team's name, for the console.
    fn team_name(&self, team: usize) -> String {
        self.session
            .setup()
            .teams
            .get(team)
            .map_or_else(|| format!("team {team}"), |t| t.name.clone())
    }

    /// Queue messages for a seated team; a team that is not reading loses its seat.
    fn send(&mut self, team: usize, team_id: &str, batch: Vec<ServerMsg>) {
        let Some(seat) = &self.seats[team] else {
            return;
        };
        match seat.outbox.try_send(batch) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                eprintln!("team {team_id}: not reading its messages, disconnected");
                let _ = seat.stream.shutdown(Shutdown::Both);
                self.seats[team] = None;
            }
            Err(TrySendError::Disconnected(_)) => {
                self.seats[team] = None;
            }
        }
    }
}

/// Repeated wrong codes from one (address, team): how often and until when to wait.
struct Strikes {
    failures: u32,
    next_try: Instant,
}

/// The wrong-code slowdown, per (peer address, team), at the handshake only.
/// Many teams may share one address (participants joining through ssh on the
/// server's host), so one team's failures never slow another team.
struct Throttle {
    strikes: BTreeMap<(IpAddr, usize), Strikes>,
    first: Duration,
    max: Duration,
}

impl Throttle {
    /// The wait after `failures` failures: doubling, capped.
    fn delay(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(20);
        self.first.saturating_mul(1 << doublings).min(self.max)
    }

    /// How long an attempt must wait before its code is checked, reserving its
    /// turn so parallel attempts are spaced too; an error when the queue for
    /// this (address, team) is already longer than the longest delay.
    fn admit(&mut self, key: (IpAddr, usize), at: Instant) -> Result<Duration, Duration> {
        let Some(s) = self.strikes.get(&key) else {
            return Ok(Duration::ZERO);
        };
        let start = s.next_try.max(at);
        let wait = start - at;
        if wait > self.max {
            return Err(wait);
        }
        let step = self.delay(s.failures);
        if let Some(s) = self.strikes.get_mut(&key) {
            s.next_try = start + step;
        }
        Ok(wait)
    }

    /// Record a wrong code; the wait now imposed on the next attempt.
    fn fail(&mut self, key: (IpAddr, usize), at: Instant) -> Duration {
        self.strikes
            .retain(|_, s| at.saturating_duration_since(s.next_try) < FORGET_FAILURES);
        let failures = self.strikes.get(&key).map_or(0, |s| s.failures) + 1;
        let wait = self.delay(failures);
        let next_try = self
            .strikes
            .get(&key)
            .map_or(at + wait, |s| s.next_try.max(at + wait));
        self.strikes.insert(key, Strikes { failures, next_try });
        wait
    }

    /// A right code: that (address, team) starts afresh.
    fn clear(&mut self, key: (IpAddr, usize)) {
        self.strikes.remove(&key);
    }
}

/// What every connection thread shares.
struct Shared {
    hub: Mutex<Hub>,
    /// Team id and join code, in scenario order.
    codes: Vec<(String, String)>,
    last_turn: u32,
    limits: Limits,
    max_connections: usize,
    throttle: Mutex<Throttle>,
    /// Tells the turn thread that every team may be ready.
    wake: mpsc::Sender<()>,
    next_conn: AtomicU64,
    /// Connections with a thread of their own right now.
    live: AtomicUsize,
    /// Writing threads still running.
    writers: AtomicUsize,
    /// The server is stopping: accept nothing more.
    stopping: AtomicBool,
}

/// Lock a mutex even if a thread panicked holding it: the data is still sound
/// for our purposes, and the server must go on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    address: String,
    shared: Arc<Shared>,
    wake: Receiver<()>,
}

impl Server {
    /// Listen on `opts.bind` and write the codes file; nothing is served until [`Server::run`].
    pub fn bind(
        session: Session,
        codes: &BTreeMap<String, String>,
        opts: &Options,
    ) -> Result<Server, String> {
        let listener = TcpListener::bind(&opts.bind)
            .map_err(|e| format!("cannot listen on {}: {e}", opts.bind))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", opts.bind))?
            .to_string();
        let order: Vec<(String, String)> = session
            .setup()
            .teams
            .iter()
            .map(|t| {
                let code = codes.get(&t.id).cloned().unwrap_or_default();
                (t.id.clone(), code)
            })
            .collect();
        if let Some((team, _)) = order.iter().find(|(_, code)| code.is_empty()) {
            return Err(format!("no join code for team `{team}`"));
        }
        if let Some(p) = &opts.codes_out {
            let c = Codes {
                address: address.clone(),
                teams: codes.clone(),
            };
            let text = serde_json::to_string_pretty(&c).map_err(|e| e.to_string())?;
            write_atomic(p, &text, 0o600)
                .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        }
        let (tx, rx) = mpsc::channel();
        let seats = (0..order.len()).map(|_| None).collect();
        let max_connections = opts.limits.connections_for(order.len());
        let shared = Arc::new(Shared {
            hub: Mutex::new(Hub {
                session,
                seats,
                finished: false,
                console: false,
                news: Vec::new(),
            }),
            codes: order,
            last_turn: opts.last_turn,
            limits: opts.limits.clone(),
            max_connections,
            throttle: Mutex::new(Throttle {
                strikes: BTreeMap::new(),
                first: opts.limits.wrong_code_delay,
                max: opts.limits.wrong_code_delay_max,
            }),
            wake: tx,
            next_conn: AtomicU64::new(1),
            live: AtomicUsize::new(0),
            writers: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
        });
        Ok(Server {
            listener,
            address,
            shared,
            wake: rx,
        })
    }

    /// The address actually bound, `HOST:PORT`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Team ids and their codes, in scenario order.
    pub fn codes(&self) -> &[(String, String)] {
        &self.shared.codes
    }

    /// Say where the server listens and each team's code, on stderr.
    pub fn announce(&self) {
        eprintln!("listening on {}", self.address());
        for (team, code) in self.codes() {
            eprintln!("  team {team:<20} code {code}");
        }
    }

    /// Serve until the last turn is committed (or a turn cannot be journalled).
    pub fn run(self) -> Result<(), String> {
        self.start()?.wait()
    }

    /// Start accepting teams in the background.
    pub fn start(self) -> Result<Running, String> {
        let acceptor = Arc::clone(&self.shared);
        let listener = self.listener;
        let spawned = std::thread::Builder::new()
            .name("accept".into())
            .spawn(move || accept(&acceptor, &listener));
        if let Err(e) = spawned {
            return Err(format!("cannot start the server: {e}"));
        }
        Ok(Running {
            address: self.address,
            shared: self.shared,
            wake: self.wake,
        })
    }
}

/// A server accepting teams in the background.
pub struct Running {
    address: String,
    shared: Arc<Shared>,
    wake: Receiver<()>,
}

impl Running {
    /// The address actually bound, `HOST:PORT`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Serve headless: play each turn as every team gets ready, until the
    /// last turn is committed (or a turn cannot be journalled). Without this
    /// (under a console) readiness plays nothing.
    pub fn wait(self) -> Result<(), String> {
        // Turns are committed here, on one thread, so the big allocations of
        // a turn (the engine's step, every team's view) always come from the
        // same memory arena instead of whichever connection said ready last.
        let result = loop {
            if self.wake.recv().is_err() {
                break Err("server stopped".to_string());
            }
            let mut hub = lock(&self.shared.hub);
            if let Some(end) = commit_if_ready(&self.shared, &mut hub) {
                break end;
            }
        };
        self.close();
        result
    }

    /// Exercise control over this server's session, for a console on the
    /// serving machine: from now on a turn is played when the console says
    /// so, not when every team is ready (do not also [`Running::wait`]).
    pub fn console(&self) -> Console {
        let mut hub = lock(&self.shared.hub);
        hub.console = true;
        Console {
            shared: Arc::clone(&self.shared),
            setup: hub.session.setup().clone(),
            journal: hub.session.journal_path().map(Path::to_path_buf),
        }
    }

    /// Stop serving. After the last turn the teams read to their end; before
    /// it (a console that quits) they are hung up on, and reconnect once the
    /// exercise is resumed.
    pub fn close(&self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Let the writers drain (each hangs up after `finished`) and the
        // clients hang up in turn before the sockets close with the process:
        // closing a socket with unread input resets it, and a reset can make
        // the client lose the last messages.
        {
            let mut hub = lock(&self.shared.hub);
            let finished = hub.finished;
            for seat in hub.seats.iter_mut() {
                if !finished && let Some(s) = seat {
                    let _ = s.stream.shutdown(Shutdown::Both);
                }
                *seat = None;
            }
        }
        let start = now();
        while (self.shared.writers.load(Ordering::SeqCst) > 0
            || self.shared.live.load(Ordering::SeqCst) > 0)
            && now() - start < DRAIN
        {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Serve a session until its last turn is committed; returns the exit status.
pub fn serve(session: Session, codes: BTreeMap<String, String>, opts: &Options) -> i32 {
    if session.turn() >= opts.last_turn {
        eprintln!("turn {} already committed: nothing to play", session.turn());
        return 0;
    }
    let server = match Server::bind(session, &codes, opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    server.announce();
    match server.run() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// Accept connections, each on a thread of its own, up to the cap.
fn accept(shared: &Arc<Shared>, listener: &TcpListener) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // Out of descriptors, say: log it and let the pressure ease.
                eprintln!("cannot accept a connection: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if shared.live.load(Ordering::SeqCst) >= shared.max_connections {
            refuse_full(stream, shared.max_connections);
            continue;
        }
        shared.live.fetch_add(1, Ordering::SeqCst);
        let slot = Slot(Arc::clone(shared));
        let conn = shared.next_conn.fetch_add(1, Ordering::Relaxed);
        let spawned = std::thread::Builder::new()
            .name(format!("conn-{conn}"))
            .spawn(move || {
                let slot = slot;
                connection(&slot.0, stream, conn);
            });
        if let Err(e) = spawned {
            // The closure, and with it the slot and the stream, is dropped.
            eprintln!("cannot start a thread for a connection: {e}");
        }
    }
}

/// A connection's place under the cap, given back when its thread ends.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Over the cap: one error line, then hang up, without a thread.
fn refuse_full(stream: TcpStream, max: usize) {
    let peer = peer_name(&stream);
    eprintln!("{peer}: {max} connections already open, refused");
    // Never block the acceptor on this client.
    let _ = stream.set_nonblocking(true);
    let msg = ServerMsg::Error {
        message: format!("the server is full ({max} connections): try again later"),
    };
    if let Ok(mut line) = serde_json::to_string(&msg) {
        line.push('\n');
        let _ = (&stream).write_all(line.as_bytes());
    }
    // Read what the client already sent, so closing does not reset the
    // connection before it reads our line.
    let mut buf = [0u8; 4096];
    for _ in 0..16 {
        match (&stream).read(&mut buf) {
            Ok(n) if n > 0 => {}
            _ => break,
        }
    }
    let _ = stream.shutdown(Shutdown::Write);
}

fn peer_name(stream: &TcpStream) -> String {
    stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// The reading side of a connection. Until the handshake it has a deadline
/// across all reads, so a client trickling bytes cannot hold its thread.
struct Incoming {
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

/// Write one message straight to a socket (before a team is seated).
fn send_direct(stream: &TcpStream, peer: &str, msg: &ServerMsg) {
    let mut w: &TcpStream = stream;
    if let Err(e) = protocol::write_msg(&mut w, msg) {
        eprintln!("{peer}: cannot write: {e}");
    }
}

/// One connection, from handshake to close. Every failure ends here, logged.
fn connection(shared: &Arc<Shared>, stream: TcpStream, conn: u64) {
    let ip = match stream.peer_addr() {
        Ok(a) => a.ip(),
        Err(e) => {
            eprintln!("a connection without a peer address: {e}");
            return;
        }
    };
    let peer = peer_name(&stream);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    // Small messages (turn_committed after a long view) must not wait for an ACK.
    let _ = stream.set_nodelay(true);
    let out = match stream.try_clone() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{peer}: {e}");
            return;
        }
    };
    let mut reader = BufReader::new(Incoming {
        stream,
        deadline: Some(now() + shared.limits.hello_within),
    });
    let mut errors = 0u32;
    // A refused message: log it, count it, and say whether to hang up.
    let count = |errors: &mut u32, message: &str| -> bool {
        eprintln!("{peer}: {message}");
        *errors += 1;
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
                let message = format!("line longer than {MAX_LINE} bytes");
                send_direct(
                    &out,
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
            Ok(Line::Eof) => return,
            Err(e) => {
                eprintln!("{peer}: closed before its handshake: {e}");
                let _ = out.shutdown(Shutdown::Both);
                return;
            }
        };
        let refusal = match protocol::parse_client(&line) {
            Ok(ClientMsg::Hello {
                version,
                team,
                code,
            }) => match handshake(shared, ip, version, &team, &code) {
                Ok(ix) => break ix,
                Err(message) => {
                    eprintln!("{peer}: {message}");
                    send_direct(&out, &peer, &ServerMsg::Error { message });
                    let _ = out.shutdown(Shutdown::Both);
                    return;
                }
            },
            Ok(ClientMsg::Heartbeat) => {
                send_direct(&out, &peer, &ServerMsg::Heartbeat);
                continue;
            }
            Ok(_) => "say hello first".to_string(),
            Err(message) => message,
        };
        send_direct(
            &out,
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
    reader.get_mut().deadline = None;
    let _ = out.set_read_timeout(Some(shared.limits.idle));
    let Some(outbox) = take_seat(shared, team, &team_id, &out, conn, &peer) else {
        let _ = out.shutdown(Shutdown::Both);
        return;
    };
    loop {
        let result = match protocol::read_line(&mut reader, MAX_LINE) {
            Ok(Line::Text(t)) => {
                protocol::parse_client(&t).and_then(|msg| handle(shared, team, &team_id, msg))
            }
            Ok(Line::TooLong) => Err(format!("line longer than {MAX_LINE} bytes")),
            Ok(Line::Eof) => break,
            Err(e) => {
                eprintln!("team {team_id} ({peer}): {e}");
                break;
            }
        };
        let (reply, stop) = match result {
            Ok(Some(reply)) => (reply, false),
            Ok(None) => continue,
            Err(message) => {
                let stop = count(&mut errors, &message);
                (ServerMsg::Error { message }, stop)
            }
        };
        match outbox.try_send(vec![reply]) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                eprintln!("team {team_id} ({peer}): not reading its messages, disconnected");
                let _ = out.shutdown(Shutdown::Both);
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
        eprintln!("team {team_id} disconnected");
        let name = hub.team_name(team);
        hub.tell(News::Notice(format!(
            "{name} disconnected; its orders stay."
        )));
    }
}

/// Seat a team, replacing any older connection, and welcome it under one
/// lock so no turn can commit between the view and the seat. The outbox for
/// the connection's own replies.
fn take_seat(
    shared: &Arc<Shared>,
    team: usize,
    team_id: &str,
    out: &TcpStream,
    conn: u64,
    peer: &str,
) -> Option<SyncSender<Vec<ServerMsg>>> {
    let (tx, rx) = mpsc::sync_channel(OUTBOX);
    let writer_stream = match out.try_clone() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{peer}: {e}");
            return None;
        }
    };
    let kill_stream = match out.try_clone() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{peer}: {e}");
            return None;
        }
    };
    let mut hub = lock(&shared.hub);
    if let Some(old) = hub.seats[team].take() {
        eprintln!("team {team_id}: new connection replaces the old one");
        let _ = old.stream.shutdown(Shutdown::Both);
    }
    let key = BotKey::derive(hub.session.seed(), team_id);
    let welcome = ServerMsg::Welcome {
        version: VERSION,
        team: team_id.to_string(),
        key: protocol::hex(&key.0),
        brief: Box::new(crate::view::brief(hub.session.setup())),
        view: Box::new(hub.session.view(team)),
        queued: hub.session.queued(team).to_vec(),
        ready: hub.session.is_ready(team),
    };
    // The outbox is empty: the welcome always fits.
    if tx.try_send(vec![welcome]).is_err() {
        return None;
    }
    shared.writers.fetch_add(1, Ordering::SeqCst);
    let writers = Arc::clone(shared);
    let name = team_id.to_string();
    let spawned = std::thread::Builder::new()
        .name(format!("write-{conn}"))
        .spawn(move || {
            writer(writer_stream, &rx, &name);
            writers.writers.fetch_sub(1, Ordering::SeqCst);
        });
    if let Err(e) = spawned {
        shared.writers.fetch_sub(1, Ordering::SeqCst);
        eprintln!("team {team_id} ({peer}): cannot start a thread to write to it: {e}");
        return None;
    }
    hub.seats[team] = Some(Seat {
        conn,
        outbox: tx.clone(),
        stream: kill_stream,
    });
    eprintln!("team {team_id} joined from {peer}");
    let name = hub.team_name(team);
    hub.tell(News::Notice(format!("{name} joined.")));
    Some(tx)
}

/// A team's writing thread: send its messages in order, what is queued in
/// one flush; hang up after `finished` or on any error.
fn writer(stream: TcpStream, rx: &Receiver<Vec<ServerMsg>>, team_id: &str) {
    let result = drain(&stream, rx);
    match result {
        // After `finished`, let the client read to the end.
        Ok(true) => {
            let _ = stream.shutdown(Shutdown::Write);
        }
        // The connection is over: its reader left or its seat was taken.
        Ok(false) => {
            let _ = stream.shutdown(Shutdown::Both);
        }
        Err(e) => {
            eprintln!("team {team_id}: cannot write: {e}");
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Write messages as they come, what is queued in one flush; true when the
/// last was `finished`.
fn drain(stream: &TcpStream, rx: &Receiver<Vec<ServerMsg>>) -> io::Result<bool> {
    let mut w = BufWriter::with_capacity(64 * 1024, stream);
    while let Ok(first) = rx.recv() {
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            for msg in &batch {
                if write_one(&mut w, msg)? {
                    w.flush()?;
                    return Ok(true);
                }
            }
        }
        w.flush()?;
    }
    Ok(false)
}

/// One message as a JSON line; true when it was `finished`.
fn write_one<W: Write>(w: &mut W, msg: &ServerMsg) -> io::Result<bool> {
    serde_json::to_writer(&mut *w, msg).map_err(io::Error::other)?;
    w.write_all(b"\n")?;
    Ok(matches!(msg, ServerMsg::Finished { .. }))
}

/// Check a hello; the team's index when it may take its seat. Repeated wrong
/// codes from one (address, team) wait longer and longer before they are
/// checked; the wait is this connection's own, with no lock held.
fn handshake(
    shared: &Shared,
    ip: IpAddr,
    version: u32,
    team: &str,
    code: &str,
) -> Result<usize, String> {
    if version != VERSION {
        return Err(format!(
            "protocol version {version} is not supported: this server speaks version {VERSION}"
        ));
    }
    let Some(ix) = shared.codes.iter().position(|(id, _)| id == team) else {
        return Err(format!("no team `{team}` in this exercise"));
    };
    let key = (ip, ix);
    let admitted = lock(&shared.throttle).admit(key, now());
    match admitted {
        Ok(wait) if wait.is_zero() => {}
        Ok(wait) => {
            eprintln!(
                "{ip}: earlier wrong codes for team `{team}`: waiting {} ms",
                wait.as_millis()
            );
            std::thread::sleep(wait);
        }
        Err(wait) => {
            return Err(format!(
                "too many wrong codes for team `{team}` from {ip}: try again in {} s",
                wait.as_secs().max(1)
            ));
        }
    }
    // Compare digests, so the time taken says nothing about the code.
    let expected = blake3::hash(shared.codes[ix].1.as_bytes());
    if blake3::hash(code.as_bytes()) != expected {
        let wait = lock(&shared.throttle).fail(key, now());
        return Err(format!(
            "wrong code for team `{team}` (the next try from {ip} waits {} ms)",
            wait.as_millis()
        ));
    }
    lock(&shared.throttle).clear(key);
    Ok(ix)
}

/// One message from a seated team; the reply to send it, if any.
fn handle(
    shared: &Shared,
    team: usize,
    team_id: &str,
    msg: ClientMsg,
) -> Result<Option<ServerMsg>, String> {
    match msg {
        ClientMsg::Heartbeat => Ok(Some(ServerMsg::Heartbeat)),
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
            hub.tell(News::Changed);
            // The capacity left, and so what may still be ordered, has changed.
            let view = Box::new(hub.session.view(team));
            Ok(Some(ServerMsg::Accepted { view }))
        }
        ClientMsg::Unready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err("the exercise is over".into());
            }
            hub.session.set_ready(team, false);
            hub.tell(News::Changed);
            Ok(None)
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
            let name = hub.team_name(team);
            hub.tell(News::Notice(format!(
                "liaison from {name} to {to}: “{text}”"
            )));
            hub.session.send_liaison(Liaison {
                from: team_id.to_string(),
                to,
                text,
            });
            Ok(None)
        }
        ClientMsg::Ready => {
            let mut hub = lock(&shared.hub);
            if hub.finished {
                return Err("the exercise is over".into());
            }
            hub.session.set_ready(team, true);
            let name = hub.team_name(team);
            hub.tell(News::Notice(format!("{name} is ready.")));
            if hub.session.all_ready() && !hub.console {
                let _ = shared.wake.send(());
            }
            Ok(None)
        }
    }
}

/// Commit when every team is ready, unless a console plays the turns. The
/// end of the exercise when this was its last turn (or a turn could not be
/// journalled).
fn commit_if_ready(shared: &Shared, hub: &mut Hub) -> Option<Result<(), String>> {
    if hub.finished || hub.console || !hub.session.all_ready() {
        return None;
    }
    match commit(shared, hub) {
        Ok(_) if hub.finished => Some(Ok(())),
        Ok(_) => None,
        Err(e) => {
            hub.finished = true;
            Some(Err(format!("cannot commit: {e}")))
        }
    }
}

/// Commit the turn: journal first, then each team its own view. After the
/// server's last turn the hub is finished.
fn commit(shared: &Shared, hub: &mut Hub) -> Result<TurnOutcome, SessionError> {
    let outcome = hub.session.commit()?;
    eprintln!(
        "turn {} committed, state hash {}",
        outcome.turn, outcome.state_hash
    );
    let over = outcome.turn >= shared.last_turn;
    // Every view first, then the messages: waking a writer while views are
    // still being built would only take the processor from the builder.
    let mut batches = Vec::with_capacity(shared.codes.len());
    for ix in 0..shared.codes.len() {
        if hub.seats[ix].is_none() {
            continue;
        }
        let mut batch = vec![
            ServerMsg::View {
                view: Box::new(hub.session.view(ix)),
            },
            ServerMsg::TurnCommitted {
                turn: outcome.turn,
                state_hash: outcome.state_hash.clone(),
            },
        ];
        if over {
            batch.push(ServerMsg::Finished { turn: outcome.turn });
        }
        batches.push((ix, batch));
    }
    for (ix, batch) in batches {
        hub.send(ix, &shared.codes[ix].0, batch);
    }
    if over {
        hub.finished = true;
    }
    Ok(outcome)
}

/// Exercise control over a server's session, for the facilitator console on
/// the serving machine. Every turn it plays or takes back is journalled first,
/// then each connected team gets its own fresh view.
pub struct Console {
    shared: Arc<Shared>,
    /// The fixed facts, copied once: they never change.
    setup: Setup,
    journal: Option<PathBuf>,
}

impl Control for Console {
    fn setup(&self) -> &Setup {
        &self.setup
    }

    fn turn(&self) -> u32 {
        lock(&self.shared.hub).session.turn()
    }

    fn finished(&self) -> bool {
        let hub = lock(&self.shared.hub);
        hub.finished || hub.session.finished()
    }

    fn truth(&self) -> FacilitatorView {
        Control::truth(&lock(&self.shared.hub).session)
    }

    fn all_ready(&self) -> bool {
        lock(&self.shared.hub).session.all_ready()
    }

    fn commit(&mut self) -> Result<TurnOutcome, SessionError> {
        let mut hub = lock(&self.shared.hub);
        if hub.finished {
            return Err(SessionError::Scenario(
                "the exercise is over: every turn the server plays is played".into(),
            ));
        }
        commit(&self.shared, &mut hub)
    }

    fn undo(&mut self) -> Result<Option<u32>, SessionError> {
        let mut hub = lock(&self.shared.hub);
        let Some(turn) = hub.session.undo()? else {
            return Ok(None);
        };
        eprintln!("turn {turn} undone by exercise control");
        // The teams are told, then see the turn again.
        for (ix, (team_id, _)) in self.shared.codes.iter().enumerate() {
            if hub.seats[ix].is_none() {
                continue;
            }
            let view = Box::new(hub.session.view(ix));
            hub.send(
                ix,
                team_id,
                vec![ServerMsg::Undone { turn }, ServerMsg::View { view }],
            );
        }
        Ok(Some(turn))
    }

    fn fire_live(&mut self, inject: LiveInject) {
        lock(&self.shared.hub).session.fire_live(inject);
    }

    fn note(&mut self, text: &str, objective: Option<String>) -> Result<(), SessionError> {
        lock(&self.shared.hub).session.note(text, objective)
    }

    fn journal_path(&self) -> Option<&Path> {
        self.journal.as_deref()
    }

    fn news(&mut self) -> Vec<News> {
        std::mem::take(&mut lock(&self.shared.hub).news)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> Throttle {
        Throttle {
            strikes: BTreeMap::new(),
            first: Duration::from_millis(250),
            max: Duration::from_secs(2),
        }
    }

    const HOST: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn wrong_codes_wait_longer_and_longer_up_to_the_cap() {
        let mut t = throttle();
        let t0 = now();
        let waits: Vec<u128> = (0..6).map(|_| t.fail((HOST, 0), t0).as_millis()).collect();
        assert_eq!(waits, [250, 500, 1000, 2000, 2000, 2000]);
    }

    #[test]
    fn one_teams_failures_never_slow_another_team_from_the_same_address() {
        let mut t = throttle();
        let t0 = now();
        for _ in 0..5 {
            t.fail((HOST, 0), t0);
        }
        assert_eq!(t.admit((HOST, 1), t0), Ok(Duration::ZERO));
        let other = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));
        assert_eq!(t.admit((other, 0), t0), Ok(Duration::ZERO));
        assert_eq!(t.admit((HOST, 0), t0), Ok(2000 * MS));
    }

    #[test]
    fn parallel_attempts_are_spaced_and_a_long_queue_is_refused() {
        let mut t = throttle();
        let t0 = now();
        t.fail((HOST, 0), t0);
        t.fail((HOST, 0), t0);
        // Two failures: each attempt waits its turn, 500 ms apart.
        let waits: Vec<_> = (0..6).map(|_| t.admit((HOST, 0), t0)).collect();
        assert_eq!(
            waits,
            [
                Ok(500 * MS),
                Ok(1000 * MS),
                Ok(1500 * MS),
                Ok(2000 * MS),
                Err(2500 * MS),
                Err(2500 * MS)
            ]
        );
    }

    #[test]
    fn a_right_code_starts_afresh() {
        let mut t = throttle();
        let t0 = now();
        for _ in 0..3 {
            t.fail((HOST, 0), t0);
        }
        t.clear((HOST, 0));
        assert_eq!(t.admit((HOST, 0), t0), Ok(Duration::ZERO));
        assert_eq!(t.fail((HOST, 0), t0), 250 * MS);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let mut t = throttle();
        let t0 = now();
        t.fail((HOST, 0), t0);
        let later = t0 + FORGET_FAILURES + Duration::from_secs(1);
        t.fail((HOST, 1), later);
        assert!(!t.strikes.contains_key(&(HOST, 0)));
    }
}
