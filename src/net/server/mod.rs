//! The server: one authoritative session behind a mutex, a reading thread per
//! connection and a writing thread per seated team, each team sent only its
//! own view.
//!
//! Nothing a client does may hold up another team: connections are capped,
//! a handshake has a deadline, wrong codes are slowed per (address, team)
//! without any lock held, and a team that stops reading is disconnected when
//! its outbox fills instead of stalling the turn.

mod accept;
mod codes;
mod connection;
mod console;
mod hub;
mod seat;
mod team_messages;
mod throttle;

use std::collections::BTreeMap;
use std::net::{Shutdown, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use codes::{Codes, codes_path, new_code, read_codes, write_atomic, write_codes};
pub use console::Console;
use hub::{Hub, Shared, commit_if_ready};
use throttle::Throttle;

use crate::net::ServeError;
use crate::session::Session;

/// How long the server waits for the last messages to drain when it stops.
const DRAIN: Duration = Duration::from_secs(2);

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
    /// Speak protocol version 3 in plain JSON lines instead of encrypting
    /// (docs/PROTOCOL.md): only on a loopback address.
    pub plain: bool,
}

// The wall clock of the network layer: handshake deadlines and wrong-code
// delays. It never reaches the session; turns are the same whatever the time.
#[allow(clippy::disallowed_methods)]
pub(super) fn now() -> Instant {
    Instant::now()
}

/// Lock a mutex even if a thread panicked holding it: the data is still sound
/// for our purposes, and the server must go on.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
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
    ) -> Result<Server, ServeError> {
        let cannot_listen = |source| ServeError::Listen {
            addr: opts.bind.clone(),
            source,
        };
        let listener = TcpListener::bind(&opts.bind).map_err(cannot_listen)?;
        let local = listener.local_addr().map_err(cannot_listen)?;
        if opts.plain && !local.ip().is_loopback() {
            return Err(ServeError::PlainNotLoopback(local.to_string()));
        }
        let address = local.to_string();
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
            return Err(ServeError::NoCode(team.clone()));
        }
        if let Some(p) = &opts.codes_out {
            let c = Codes {
                address: address.clone(),
                teams: codes.clone(),
            };
            write_codes(p, &c)?;
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
                clock: None,
                joined: vec![false; order.len()],
                bots: vec![false; order.len()],
            }),
            codes: order,
            last_turn: opts.last_turn,
            limits: opts.limits.clone(),
            plain: opts.plain,
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
        tracing::info!("listening on {}", self.address());
        for (team, code) in self.codes() {
            tracing::info!("  team {team:<20} code {code}");
        }
    }

    /// Serve until the last turn is committed (or a turn cannot be journalled).
    pub fn run(self) -> Result<(), ServeError> {
        self.start()?.wait()
    }

    /// Start accepting teams in the background.
    pub fn start(self) -> Result<Running, ServeError> {
        let acceptor = Arc::clone(&self.shared);
        let listener = self.listener;
        let spawned = std::thread::Builder::new()
            .name("accept".into())
            .spawn(move || accept::accept(&acceptor, &listener));
        if let Err(e) = spawned {
            return Err(ServeError::Thread(e));
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
    pub fn wait(self) -> Result<(), ServeError> {
        // Turns are committed here, on one thread, so the big allocations of
        // a turn (the engine's step, every team's view) always come from the
        // same memory arena instead of whichever connection said ready last.
        let result = loop {
            if self.wake.recv().is_err() {
                break Err(ServeError::Stopped);
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
            address: self.address.clone(),
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

/// Serve a session headless until its last turn is committed.
pub fn serve(
    session: Session,
    codes: BTreeMap<String, String>,
    opts: &Options,
) -> Result<(), ServeError> {
    if session.turn() >= opts.last_turn {
        tracing::info!("turn {} already committed: nothing to play", session.turn());
        return Ok(());
    }
    let server = Server::bind(session, &codes, opts)?;
    server.announce();
    server.run()
}
