//! The server's shared state: the one session, the seats, and committing a
//! turn to the journal and then to every seated team.

use std::net::{Shutdown, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::sync::mpsc::{self, SyncSender, TrySendError};

use super::Limits;
use super::throttle::Throttle;
use crate::engine::TurnOutcome;
use crate::engine::setup::TeamIx;
use crate::net::ServeError;
use crate::net::protocol::ServerMsg;
use crate::session::{News, Session, SessionError, TurnClock};

/// One seat's live connection.
pub(super) struct Seat {
    pub(super) conn: u64,
    /// Batches of messages for the team's writing thread, in the order they must arrive.
    pub(super) outbox: SyncSender<Vec<ServerMsg>>,
    /// Kept to hang up on the team.
    pub(super) stream: TcpStream,
}

/// The mutable heart of the server.
pub(super) struct Hub {
    pub(super) session: Session,
    pub(super) seats: Vec<Option<Seat>>,
    pub(super) finished: bool,
    /// A facilitator console plays the turns: readiness alone does not.
    pub(super) console: bool,
    /// What happened since the console last looked (kept only with a console).
    pub(super) news: Vec<News>,
    /// How the console's turn clock stands, for teams as they join.
    pub(super) clock: Option<TurnClock>,
    /// Seats a connection has ever taken, by team.
    pub(super) joined: Vec<bool>,
    /// Seats whose connection said a bot plays it, by team.
    pub(super) bots: Vec<bool>,
}

impl Hub {
    /// Tell the console, if there is one.
    pub(super) fn tell(&mut self, news: News) {
        if self.console {
            self.news.push(news);
        }
    }

    /// A team's name, for the console.
    pub(super) fn team_name(&self, team: TeamIx) -> String {
        self.session
            .setup()
            .teams
            .get(team.index())
            .map_or_else(|| format!("team {team}"), |t| t.name.clone())
    }

    /// Queue messages for a seated team; a team that is not reading loses its seat.
    pub(super) fn send(&mut self, team: TeamIx, team_id: &str, batch: Vec<ServerMsg>) {
        let Some(seat) = &self.seats[team] else {
            return;
        };
        match seat.outbox.try_send(batch) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                tracing::warn!("team {team_id}: not reading its messages, disconnected");
                let _ = seat.stream.shutdown(Shutdown::Both);
                self.seats[team] = None;
            }
            Err(TrySendError::Disconnected(_)) => {
                self.seats[team] = None;
            }
        }
    }
}

/// What every connection thread shares.
pub(super) struct Shared {
    pub(super) hub: Mutex<Hub>,
    /// Team id and join code, in scenario order.
    pub(super) codes: Vec<(String, String)>,
    pub(super) last_turn: u32,
    pub(super) limits: Limits,
    /// Plain JSON lines, not the encrypted wire.
    pub(super) plain: bool,
    pub(super) max_connections: usize,
    pub(super) throttle: Mutex<Throttle>,
    /// Tells the turn thread that every team may be ready.
    pub(super) wake: mpsc::Sender<()>,
    pub(super) next_conn: AtomicU64,
    /// Connections with a thread of their own right now.
    pub(super) live: AtomicUsize,
    /// Writing threads still running.
    pub(super) writers: AtomicUsize,
    /// The server is stopping: accept nothing more.
    pub(super) stopping: AtomicBool,
}

/// Commit when every team is ready, unless a console plays the turns. The
/// end of the exercise when this was its last turn (or a turn could not be
/// journalled).
pub(super) fn commit_if_ready(shared: &Shared, hub: &mut Hub) -> Option<Result<(), ServeError>> {
    if hub.finished || hub.console || !hub.session.all_ready() {
        return None;
    }
    match commit(shared, hub) {
        Ok(_) if hub.finished => Some(Ok(())),
        Ok(_) => None,
        Err(e) => {
            hub.finished = true;
            Some(Err(ServeError::Commit(e)))
        }
    }
}

/// Commit the turn: journal first, then each team its own view. After the
/// server's last turn the hub is finished.
pub(super) fn commit(shared: &Shared, hub: &mut Hub) -> Result<TurnOutcome, SessionError> {
    let outcome = hub.session.commit()?;
    tracing::info!(
        "turn {} committed, state hash {}",
        outcome.turn,
        outcome.state_hash
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
                view: Box::new(hub.session.view(TeamIx(ix))),
            },
            ServerMsg::Standing {
                standing: Box::new(hub.session.standing(Some(TeamIx(ix)))),
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
        hub.send(TeamIx(ix), &shared.codes[ix].0, batch);
    }
    if over {
        hub.finished = true;
    }
    Ok(outcome)
}
