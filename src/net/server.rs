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
use crate::engine::TurnOutcome;
use crate::engine::orders::{Liaison, LiveInject};
use crate::engine::setup::Setup;
use crate::session::{Control, News, Session, SessionError};
use crate::view::FacilitatorView;

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

/// Serve a session headless until its last turn is committed; returns the
/// exit status.
pub fn serve(session: Session, codes: BTreeMap<String, String>, opts: &Options) -> i32 {
    match start(session, codes, opts) {
        Ok(server) => server.wait(),
        Err(status) => status,
    }
}

/// A server listening and playing in the background.
pub struct Server {
    shared: Arc<Shared>,
    done: mpsc::Receiver<Result<(), String>>,
    address: String,
}

/// Start serving a session: listen, write the codes file, accept teams in the
/// background. Err is the exit status when there is nothing to serve (0: the
/// last turn is already committed) or the server cannot start (1).
pub fn start(
    session: Session,
    codes: BTreeMap<String, String>,
    opts: &Options,
) -> Result<Server, i32> {
    if session.turn() >= opts.last_turn {
        eprintln!("turn {} already committed: nothing to play", session.turn());
        return Err(0);
    }
    let listener = match TcpListener::bind(&opts.bind) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", opts.bind);
            return Err(1);
        }
    };
    let address = match listener.local_addr() {
        Ok(a) => a.to_string(),
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", opts.bind);
            return Err(1);
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
            return Err(1);
        }
    }
    let (tx, rx) = mpsc::channel();
    let seats = (0..order.len()).map(|_| None).collect();
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
    Ok(Server {
        shared,
        done: rx,
        address,
    })
}

impl Server {
    /// The address actually bound.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Serve headless until the last turn is committed; the exit status.
    pub fn wait(self) -> i32 {
        let result = self
            .done
            .recv()
            .unwrap_or_else(|_| Err("server stopped".into()));
        self.close();
        match result {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                1
            }
        }
    }

    /// Stop serving: let the last messages drain before the sockets close
    /// with the process.
    pub fn close(&self) {
        {
            let hub = lock(&self.shared.hub);
            for seat in hub.seats.iter().flatten() {
                let _ = lock(&seat.out).shutdown(Shutdown::Write);
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Exercise control over this server's session: from now on a turn is
    /// played when the console says so, not when every team is ready.
    pub fn console(&self) -> Console {
        let mut hub = lock(&self.shared.hub);
        hub.console = true;
        Console {
            shared: Arc::clone(&self.shared),
            setup: hub.session.setup().clone(),
            journal: hub.session.journal_path().map(Path::to_path_buf),
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
        let name = team_name(&hub, team);
        hub.tell(News::Notice(format!("{name} joined.")));
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
        let name = team_name(&hub, team);
        hub.tell(News::Notice(format!(
            "{name} disconnected; its orders stay."
        )));
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
            hub.tell(News::Changed);
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
            hub.tell(News::Changed);
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
            let name = team_name(&hub, team);
            hub.tell(News::Notice(format!(
                "liaison from {name} to {to}: “{text}”"
            )));
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
            let name = team_name(&hub, team);
            hub.tell(News::Notice(format!("{name} is ready.")));
            commit_if_ready(shared, &mut hub);
            Ok(())
        }
    }
}

/// Commit when every team is ready, unless a console plays the turns.
fn commit_if_ready(shared: &Shared, hub: &mut Hub) {
    if hub.finished || hub.console || !hub.session.all_ready() {
        return;
    }
    if let Err(e) = commit(shared, hub) {
        hub.finished = true;
        let _ = lock(&shared.done).send(Err(format!("cannot commit: {e}")));
    }
}

/// Commit the turn: journal first, then each team its own view.
fn commit(shared: &Shared, hub: &mut Hub) -> Result<TurnOutcome, SessionError> {
    let outcome = hub.session.commit()?;
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
    Ok(outcome)
}

/// A team's name, for the console.
fn team_name(hub: &Hub, team: usize) -> String {
    hub.session
        .setup()
        .teams
        .get(team)
        .map_or_else(|| format!("team {team}"), |t| t.name.clone())
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
        for (ix, seat) in hub.seats.iter().enumerate() {
            let Some(seat) = seat else { continue };
            send(&seat.out, &ServerMsg::Undone { turn });
            send(
                &seat.out,
                &ServerMsg::View {
                    view: Box::new(hub.session.view(ix)),
                },
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
