//! A team's desk over the network: the interactive client's side of the
//! table. It holds only what the server sent this team (its view, the orders
//! and readiness the server holds for it, the public brief) and passes the
//! team's orders, readiness and liaison messages on. A link thread keeps the
//! connection up, reconnecting with the team's code when it drops.
//!
//! The desk talks to the link through two channels, so tests can play the
//! server's part with a script instead of a socket.

use std::io::BufReader;
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::JoinError;
use super::protocol::{self, ClientMsg, Line, ServerMsg, VERSION};
use super::secure::{self, HandshakeError, Reading, Writing};
use crate::engine::orders::Order;
use crate::engine::setup::TeamIx;
use crate::session::objectives::Standing;
use crate::session::{Desk, DeskRefusal, News, TurnClock};
use crate::view::{Brief, TeamView};

/// How often the client proves it is alive; the server answers each one.
const HEARTBEAT: Duration = Duration::from_secs(5);

/// Silence this long from a server that answers every heartbeat means the
/// connection is dead, even if the socket has not noticed.
const SILENCE: Duration = Duration::from_secs(15);

/// Views of big scenarios are long; still, a runaway server must not exhaust memory.
const MAX_SERVER_LINE: usize = 64 * 1024 * 1024;

/// How long to wait between attempts to reach the server.
const RETRY_EVERY: Duration = Duration::from_millis(250);

/// How a team's client reaches its server.
#[derive(Debug, Clone)]
pub struct JoinArgs {
    pub addr: String,
    pub team: String,
    pub code: String,
    /// How long to keep trying to reach the server at the start.
    pub connect_for: Duration,
    /// How long to keep trying to get back after the connection drops.
    pub reconnect_for: Duration,
    /// Plain JSON lines instead of the encrypted wire (`serve --plain`).
    pub plain: bool,
}

/// The seat as the server welcomed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub team: String,
    pub brief: Brief,
    pub view: TeamView,
    pub queued: Vec<Order>,
    pub ready: bool,
}

impl Joined {
    /// The seat of a `welcome`, if the message is one.
    pub fn from_msg(msg: ServerMsg) -> Option<Joined> {
        match msg {
            ServerMsg::Welcome {
                team,
                brief,
                view,
                queued,
                ready,
                ..
            } => Some(Joined {
                team,
                brief: *brief,
                view: *view,
                queued,
                ready,
            }),
            _ => None,
        }
    }
}

/// What the link tells the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A message from the server.
    Msg(ServerMsg),
    /// The connection dropped; the link is trying to get back.
    Reconnecting(String),
    /// Something the team should know that is not the server's word (a line
    /// that did not parse).
    Notice(String),
    /// The link gave up: the exit status (1 refused, 3 unreachable) and why.
    Lost { status: i32, message: String },
}

impl Incoming {
    /// The link gave up for this reason.
    pub fn lost(why: JoinError) -> Incoming {
        Incoming::Lost {
            status: why.status().code(),
            message: why.to_string(),
        }
    }
}

/// A team's desk over the network.
pub struct RemoteDesk {
    team: TeamIx,
    brief: Brief,
    view: TeamView,
    queued: Vec<Order>,
    ready: bool,
    finished: bool,
    online: bool,
    /// The link is gone: said once, then quiet.
    gone: bool,
    /// Exercise control's words this turn, delivered at once.
    announcements: Vec<String>,
    /// The objectives and scores as the server last said.
    standing: Option<Standing>,
    /// The turn's clock as the server last said, and when it said so.
    clock: Option<(TurnClock, std::time::Instant)>,
    out: Sender<ClientMsg>,
    incoming: Receiver<Incoming>,
}

impl RemoteDesk {
    /// A desk for the welcomed seat, talking to the server through a link's
    /// channels. Fails if the brief does not list the team.
    pub fn new(
        joined: Joined,
        out: Sender<ClientMsg>,
        incoming: Receiver<Incoming>,
    ) -> Result<RemoteDesk, JoinError> {
        let team = joined
            .brief
            .teams
            .iter()
            .position(|t| t.id == joined.team)
            .ok_or_else(|| {
                JoinError::Refused(format!(
                    "the server's brief does not list team `{}`",
                    joined.team
                ))
            })?;
        let finished = joined.view.turn > joined.brief.turns;
        Ok(RemoteDesk {
            team: TeamIx(team),
            brief: joined.brief,
            view: joined.view,
            queued: joined.queued,
            ready: joined.ready,
            finished,
            online: true,
            gone: false,
            announcements: Vec::new(),
            standing: None,
            clock: None,
            out,
            incoming,
        })
    }

    /// The team's place in the brief: the seat this desk serves.
    pub fn team(&self) -> TeamIx {
        self.team
    }

    fn send(&mut self, team: TeamIx, msg: ClientMsg) -> Result<(), DeskRefusal> {
        if team != self.team {
            return Err(DeskRefusal::AnotherTeam);
        }
        if self.finished {
            return Err(DeskRefusal::Over);
        }
        if !self.online {
            return Err(DeskRefusal::Offline);
        }
        self.out.send(msg).map_err(|_| DeskRefusal::Closed)
    }

    /// Take one message from the link; the news it makes.
    fn take(&mut self, incoming: Incoming) -> Vec<News> {
        match incoming {
            Incoming::Msg(ServerMsg::Welcome {
                team,
                brief,
                view,
                queued,
                ready,
                ..
            }) => {
                if self
                    .brief
                    .teams
                    .get(self.team.index())
                    .is_none_or(|t| t.id != team)
                {
                    return vec![News::Notice(format!(
                        "the server welcomed team `{team}`, not this one"
                    ))];
                }
                // Back in the seat, perhaps turns later (or earlier, after an
                // undo, or after a server restarted from its journal).
                let was = self.view.turn;
                let dropped = !self.queued.is_empty() && queued.is_empty() && view.turn == was;
                self.view = *view;
                self.queued = queued;
                self.ready = ready;
                self.brief = *brief;
                self.online = true;
                // The server says them again after the welcome.
                self.announcements.clear();
                let mut news = vec![News::Reconnected];
                if dropped {
                    // A server restarted from its journal holds no orders
                    // for a turn not yet played.
                    news.push(News::Notice(
                        "Reconnected; the server holds no orders for you this turn: queue them again."
                            .into(),
                    ));
                }
                if self.view.turn > was {
                    news.push(News::Played {
                        turn: self.view.turn - 1,
                    });
                } else if self.view.turn < was {
                    news.push(News::Undone {
                        turn: self.view.turn,
                    });
                }
                if self.view.turn > self.brief.turns {
                    self.finished = true;
                    news.push(News::Finished);
                }
                news
            }
            Incoming::Msg(msg) => self.take_msg(msg).into_iter().collect(),
            Incoming::Reconnecting(why) => {
                self.online = false;
                vec![News::Reconnecting(why)]
            }
            Incoming::Notice(m) => vec![News::Notice(m)],
            Incoming::Lost { status, message } => {
                self.online = false;
                self.gone = true;
                vec![News::Lost { status, message }]
            }
        }
    }

    fn take_msg(&mut self, msg: ServerMsg) -> Option<News> {
        match msg {
            // Handled by `take`, which may make more than one piece of news.
            ServerMsg::Welcome { .. } => None,
            ServerMsg::View { view } => {
                let played = view.turn > self.view.turn;
                self.view = *view;
                if played {
                    self.queued.clear();
                    self.ready = false;
                    self.announcements.clear();
                    Some(News::Played {
                        turn: self.view.turn.saturating_sub(1),
                    })
                } else {
                    Some(News::Changed)
                }
            }
            ServerMsg::Accepted { view } => {
                // Only the view of the turn we are planning: a late answer
                // from before a turn was played changes nothing.
                if view.turn == self.view.turn {
                    self.view = *view;
                    Some(News::Changed)
                } else {
                    None
                }
            }
            ServerMsg::Undone { turn } => {
                self.queued.clear();
                self.ready = false;
                self.announcements.clear();
                Some(News::Undone { turn })
            }
            ServerMsg::Announcement { turn, text } => {
                // Words for a turn already played reach the log with it.
                (turn == self.view.turn).then(|| {
                    self.announcements.push(text.clone());
                    News::Announced(text)
                })
            }
            ServerMsg::Clock {
                paused,
                seconds_left,
            } => {
                self.clock = Some((
                    TurnClock {
                        paused,
                        seconds_left,
                    },
                    now(),
                ));
                Some(News::Changed)
            }
            ServerMsg::Standing { standing } => {
                self.standing = Some(*standing);
                Some(News::Changed)
            }
            ServerMsg::Finished { .. } => {
                self.finished = true;
                Some(News::Finished)
            }
            ServerMsg::Error { message } => {
                Some(News::Notice(format!("The server refused: {message}")))
            }
            ServerMsg::TurnCommitted { .. } | ServerMsg::Heartbeat | ServerMsg::Unknown => None,
        }
    }
}

impl Desk for RemoteDesk {
    fn brief(&self) -> &Brief {
        &self.brief
    }

    fn turn(&self) -> u32 {
        self.view.turn.saturating_sub(1)
    }

    fn finished(&self) -> bool {
        self.finished
    }

    fn view(&self, team: TeamIx) -> Option<TeamView> {
        (team == self.team).then(|| self.view.clone())
    }

    fn queued(&self, team: TeamIx) -> &[Order] {
        if team == self.team { &self.queued } else { &[] }
    }

    fn is_ready(&self, team: TeamIx) -> bool {
        team == self.team && self.ready
    }

    fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) -> Result<(), DeskRefusal> {
        self.send(
            team,
            ClientMsg::Orders {
                orders: orders.clone(),
            },
        )?;
        self.queued = orders;
        Ok(())
    }

    fn set_ready(&mut self, team: TeamIx, ready: bool) -> Result<(), DeskRefusal> {
        let msg = if ready {
            ClientMsg::Ready
        } else {
            ClientMsg::Unready
        };
        self.send(team, msg)?;
        self.ready = ready;
        Ok(())
    }

    fn send_liaison(&mut self, team: TeamIx, to: &str, text: &str) -> Result<(), DeskRefusal> {
        self.send(
            team,
            ClientMsg::Liaison {
                to: to.to_string(),
                text: text.to_string(),
            },
        )
    }

    fn journal_path(&self) -> Option<&Path> {
        // The journal is on the serving machine.
        None
    }

    fn announcements(&self, team: TeamIx) -> Vec<String> {
        if team == self.team {
            self.announcements.clone()
        } else {
            Vec::new()
        }
    }

    fn standing(&self, team: TeamIx) -> Option<Standing> {
        self.standing.clone().filter(|_| team == self.team)
    }

    fn clock(&self) -> Option<TurnClock> {
        let (c, at) = self.clock?;
        // The clock runs here between the server's words, unless paused.
        let gone = now().saturating_duration_since(at).as_secs();
        Some(TurnClock {
            paused: c.paused,
            seconds_left: c
                .seconds_left
                .map(|s| if c.paused { s } else { s.saturating_sub(gone) }),
        })
    }

    fn news(&mut self) -> Vec<News> {
        let mut out = Vec::new();
        loop {
            match self.incoming.try_recv() {
                Ok(i) => out.extend(self.take(i)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if !self.gone && !self.finished {
                        self.gone = true;
                        self.online = false;
                        let gone =
                            JoinError::Unreachable("the connection to the server is gone".into());
                        out.push(News::Lost {
                            status: gone.status().code(),
                            message: gone.to_string(),
                        });
                    }
                    break;
                }
            }
        }
        out
    }
}

/// How one attempt to take the seat ended.
enum Hello {
    Welcome(Box<ServerMsg>, Writing<TcpStream>, Lines),
    /// The server refused us: wrong code, unknown team, another version, or
    /// a server that cannot prove it holds the code.
    Refused(String),
    /// No server there, or it went away mid-handshake.
    Unreachable(String),
}

/// Connect to the first address that answers, without hanging on one that
/// never does.
fn connect(addr: &str) -> std::io::Result<TcpStream> {
    use std::net::ToSocketAddrs;
    let mut last = std::io::Error::other(format!("no address for {addr}"));
    for a in addr.to_socket_addrs()? {
        match TcpStream::connect_timeout(&a, Duration::from_secs(3)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// The server's lines, as the link reads them.
type Lines = BufReader<Reading<TcpStream>>;

/// Connect and say hello once.
fn hello(args: &JoinArgs) -> Hello {
    let stream = match connect(&args.addr) {
        Ok(s) => s,
        Err(e) => return Hello::Unreachable(e.to_string()),
    };
    let _ = stream.set_read_timeout(Some(SILENCE));
    let _ = stream.set_nodelay(true);
    let (mut reader, mut out) = match secure::open_client(stream, &args.code, args.plain) {
        Ok(wire) => wire,
        Err(HandshakeError::Io(e)) => return Hello::Unreachable(e.to_string()),
        Err(e) => return Hello::Refused(e.to_string()),
    };
    let msg = ClientMsg::Hello {
        version: VERSION,
        team: args.team.clone(),
        code: args.code.clone(),
    };
    if let Err(e) = protocol::write_msg(&mut out, &msg) {
        return Hello::Unreachable(e.to_string());
    }
    loop {
        let line = match protocol::read_line(&mut reader, MAX_SERVER_LINE) {
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong) => continue,
            Ok(Line::Eof) => return Hello::Unreachable("the server closed the connection".into()),
            Err(e) if secure::is_tampered(&e) => return Hello::Refused(tampered(&args.addr)),
            Err(e) => return Hello::Unreachable(e.to_string()),
        };
        match protocol::parse_server(&line) {
            Ok(m @ ServerMsg::Welcome { .. }) => return Hello::Welcome(Box::new(m), out, reader),
            Ok(ServerMsg::Error { message }) => return Hello::Refused(message),
            // Anything else before the welcome is noise; a server speaking
            // another language is refused like another version.
            Ok(_) => {}
            Err(e) => return Hello::Refused(e.to_string()),
        }
    }
}

/// What the team reads when the link to its server failed authentication.
pub fn tampered(addr: &str) -> String {
    format!(
        "the connection to {addr} was tampered with (or is faulty): a message from the server failed authentication, so nothing more is trusted; join again on a sound network"
    )
}

/// Try to take the seat until `window` has passed; calls `waiting` once with
/// the first failure, so the caller can say it is retrying.
fn hello_within(args: &JoinArgs, window: Duration, mut waiting: impl FnMut(&str)) -> Hello {
    let start = now();
    let mut first = true;
    loop {
        match hello(args) {
            Hello::Unreachable(e) => {
                if first {
                    waiting(&e);
                    first = false;
                }
                if now().saturating_duration_since(start) + RETRY_EVERY > window {
                    return Hello::Unreachable(e);
                }
                std::thread::sleep(RETRY_EVERY);
            }
            other => return other,
        }
    }
}

// How long the client has been trying to reach its server: wall-clock time
// for the network only, never seen by the simulation.
#[allow(clippy::disallowed_methods)]
fn now() -> std::time::Instant {
    std::time::Instant::now()
}

/// The live connection, shared by the reader (which replaces it on
/// reconnecting) and the writer.
type Current = Arc<Mutex<Option<Writing<TcpStream>>>>;

fn lock(m: &Mutex<Option<Writing<TcpStream>>>) -> MutexGuard<'_, Option<Writing<TcpStream>>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Join a networked exercise as a team: reach the server (retrying for
/// `connect_for`, saying so on stderr), take the seat, and keep the link up
/// in the background.
pub fn join(args: &JoinArgs) -> Result<RemoteDesk, JoinError> {
    let first = hello_within(args, args.connect_for, |e| {
        tracing::info!(
            "cannot reach {} ({e}); retrying for {} s",
            args.addr,
            args.connect_for.as_secs()
        );
    });
    let (welcome, stream, reader) = match first {
        Hello::Welcome(m, s, r) => (m, s, r),
        Hello::Refused(m) => {
            return Err(JoinError::Refused(format!("rejected by the server: {m}")));
        }
        Hello::Unreachable(e) => {
            return Err(JoinError::Unreachable(format!(
                "gave up: {} cannot be reached ({e})",
                args.addr
            )));
        }
    };
    let joined = Joined::from_msg(*welcome)
        .ok_or_else(|| JoinError::Refused("the server's welcome made no sense".to_string()))?;
    let (out_tx, out_rx) = mpsc::channel::<ClientMsg>();
    let (in_tx, in_rx) = mpsc::channel::<Incoming>();
    let current: Current = Arc::new(Mutex::new(Some(stream)));
    let writer = Arc::clone(&current);
    std::thread::spawn(move || write_loop(&writer, &out_rx));
    let args = args.clone();
    std::thread::spawn(move || read_loop(&args, &current, reader, &in_tx));
    RemoteDesk::new(joined, out_tx, in_rx)
}

/// Send the desk's messages, and a heartbeat whenever it is quiet. Ends when
/// the desk is dropped, closing the connection so the reader ends too.
fn write_loop(current: &Current, out: &Receiver<ClientMsg>) {
    loop {
        let msg = match out.recv_timeout(HEARTBEAT) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ClientMsg::Heartbeat,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if let Some(s) = lock(current).as_mut() {
            // A failed write shows up as a dead read; the reader reconnects.
            let _ = protocol::write_msg(s, &msg);
        }
    }
    if let Some(s) = lock(current).take() {
        s.shutdown();
    }
}

/// Read the server's messages and hand them to the desk; when the connection
/// drops, get back with the same code, or give up after `reconnect_for`.
fn read_loop(args: &JoinArgs, current: &Current, mut reader: Lines, desk: &Sender<Incoming>) {
    let mut finished = false;
    loop {
        let why = loop {
            let line = match protocol::read_line(&mut reader, MAX_SERVER_LINE) {
                Ok(Line::Text(t)) => t,
                Ok(Line::TooLong) => continue,
                Ok(Line::Eof) => break "the server closed the connection".to_string(),
                Err(e) if secure::is_tampered(&e) => {
                    // Reconnecting would hand the same network another try:
                    // the team is told, and decides.
                    if let Some(s) = lock(current).take() {
                        s.shutdown();
                    }
                    let _ = desk.send(Incoming::lost(JoinError::Refused(tampered(&args.addr))));
                    return;
                }
                Err(e) => break e.to_string(),
            };
            let incoming = match protocol::parse_server(&line) {
                Ok(m) => {
                    finished |= matches!(m, ServerMsg::Finished { .. });
                    Incoming::Msg(m)
                }
                Err(e) => Incoming::Notice(e.to_string()),
            };
            if desk.send(incoming).is_err() {
                // The desk is gone: the client is quitting.
                return;
            }
        };
        // After the last turn the server hangs up: that is the end, not a drop.
        if finished {
            return;
        }
        lock(current).take();
        if desk.send(Incoming::Reconnecting(why)).is_err() {
            return;
        }
        match hello_within(args, args.reconnect_for, |_| {}) {
            Hello::Welcome(m, s, r) => {
                *lock(current) = Some(s);
                reader = r;
                if desk.send(Incoming::Msg(*m)).is_err() {
                    return;
                }
            }
            Hello::Refused(m) => {
                let _ = desk.send(Incoming::lost(JoinError::Refused(format!(
                    "rejected by the server: {m}"
                ))));
                return;
            }
            Hello::Unreachable(e) => {
                let _ = desk.send(Incoming::lost(JoinError::Unreachable(format!(
                    "gave up: {} cannot be reached ({e}) after {} s",
                    args.addr,
                    args.reconnect_for.as_secs()
                ))));
                return;
            }
        }
    }
}
