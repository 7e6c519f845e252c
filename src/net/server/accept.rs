//! Accepting connections: each on a thread of its own, up to the cap; over
//! it, one error line and a hang-up.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::connection::connection;
use super::hub::Shared;
use crate::net::protocol::ServerMsg;
use crate::net::secure;

/// Accept connections, each on a thread of its own, up to the cap.
pub(super) fn accept(shared: &Arc<Shared>, listener: &TcpListener) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // Out of descriptors, say: log it and let the pressure ease.
                tracing::error!("cannot accept a connection: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if shared.live.load(Ordering::SeqCst) >= shared.max_connections {
            refuse_full(stream, shared.max_connections, shared.plain);
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
            tracing::error!("cannot start a thread for a connection: {e}");
        }
    }
}

/// A connection's place under the cap, given back when its thread ends.
pub(super) struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Over the cap: one error (a line, or the encrypted wire's refusal), then
/// hang up, without a thread.
pub(super) fn refuse_full(stream: TcpStream, max: usize, plain: bool) {
    let peer = peer_name(&stream);
    tracing::warn!("{peer}: {max} connections already open, refused");
    // Never block the acceptor on this client.
    let _ = stream.set_nonblocking(true);
    let message = format!("the server is full ({max} connections): try again later");
    if !plain {
        let _ = secure::refuse(&stream, &message);
    } else if let Ok(mut line) = serde_json::to_string(&ServerMsg::Error { message }) {
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

pub(super) fn peer_name(stream: &TcpStream) -> String {
    stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| "?".into())
}
