//! A team's seat: taking it (replacing an older connection) and the
//! writing thread that sends the team its messages in order.

use std::io::{self, BufWriter, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, SyncSender};

use super::hub::{Seat, Shared};
use super::lock;
use crate::bots::BotKey;
use crate::engine::setup::TeamIx;
use crate::net::protocol::{self, ServerMsg, VERSION};
use crate::net::secure::Writing;
use crate::session::News;

/// Batches of messages waiting for one team's socket. A turn sends one batch;
/// a team whose outbox fills is not reading and is disconnected (its orders stay).
const OUTBOX: usize = 64;

/// Seat a team, replacing any older connection, and welcome it under one
/// lock so no turn can commit between the view and the seat. The outbox for
/// the connection's own replies.
pub(super) fn take_seat(
    shared: &Arc<Shared>,
    team: TeamIx,
    team_id: &str,
    wire: Writing<TcpStream>,
    out: &TcpStream,
    conn: u64,
    peer: &str,
) -> Option<SyncSender<Vec<ServerMsg>>> {
    let (tx, rx) = mpsc::sync_channel(OUTBOX);
    let kill_stream = match out.try_clone() {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!("{peer}: {e}");
            return None;
        }
    };
    let mut hub = lock(&shared.hub);
    if let Some(old) = hub.seats[team].take() {
        tracing::warn!("team {team_id}: new connection replaces the old one");
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
    // What the team would have heard had it been here: where the
    // objectives stand, the clock, and exercise control's words this turn.
    let mut batch = vec![
        welcome,
        ServerMsg::Standing {
            standing: Box::new(hub.session.standing(Some(team))),
        },
    ];
    if let Some(c) = hub.clock {
        batch.push(ServerMsg::Clock {
            paused: c.paused,
            seconds_left: c.seconds_left,
        });
    }
    let turn = hub.session.turn() + 1;
    for text in hub.session.announcements(team) {
        batch.push(ServerMsg::Announcement { turn, text });
    }
    // The outbox is empty: the welcome always fits.
    if tx.try_send(batch).is_err() {
        return None;
    }
    shared.writers.fetch_add(1, Ordering::SeqCst);
    let writers = Arc::clone(shared);
    let name = team_id.to_string();
    let spawned = std::thread::Builder::new()
        .name(format!("write-{conn}"))
        .spawn(move || {
            writer(wire, &rx, &name);
            writers.writers.fetch_sub(1, Ordering::SeqCst);
        });
    if let Err(e) = spawned {
        shared.writers.fetch_sub(1, Ordering::SeqCst);
        tracing::error!("team {team_id} ({peer}): cannot start a thread to write to it: {e}");
        return None;
    }
    hub.seats[team] = Some(Seat {
        conn,
        outbox: tx.clone(),
        stream: kill_stream,
    });
    hub.joined[team] = true;
    // A bot says so once seated; a new connection is a person until then.
    hub.bots[team] = false;
    tracing::info!("team {team_id} joined from {peer}");
    let name = hub.team_name(team);
    hub.tell(News::Notice(format!("{name} joined.")));
    Some(tx)
}

/// A team's writing thread: send its messages in order, what is queued in
/// one flush; hang up after `finished` or on any error.
pub(super) fn writer(mut wire: Writing<TcpStream>, rx: &Receiver<Vec<ServerMsg>>, team_id: &str) {
    let result = drain(&mut wire, rx);
    match result {
        // After `finished`, let the client read to the end.
        Ok(true) => {
            let _ = wire.get_ref().shutdown(Shutdown::Write);
        }
        // The connection is over: its reader left or its seat was taken.
        Ok(false) => wire.shutdown(),
        Err(e) => {
            tracing::warn!("team {team_id}: cannot write: {e}");
            wire.shutdown();
        }
    }
}

/// Write messages as they come, what is queued in one flush; true when the
/// last was `finished`.
pub(super) fn drain<W: Write>(wire: W, rx: &Receiver<Vec<ServerMsg>>) -> io::Result<bool> {
    let mut w = BufWriter::with_capacity(64 * 1024, wire);
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
pub(super) fn write_one<W: Write>(w: &mut W, msg: &ServerMsg) -> io::Result<bool> {
    serde_json::to_writer(&mut *w, msg).map_err(io::Error::other)?;
    w.write_all(b"\n")?;
    Ok(matches!(msg, ServerMsg::Finished { .. }))
}
