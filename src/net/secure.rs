//! The encrypted wire of `serve` and `join`: protocol version 3's JSON lines,
//! unchanged, inside Noise transport messages (docs/PROTOCOL.md, *The
//! encrypted wire*).
//!
//! The handshake is `Noise_NNpsk0_25519_ChaChaPoly_BLAKE2s`, its pre-shared
//! key derived from the team's join code: only a client that holds a code,
//! and only a server that holds the same code, can finish it, so each side
//! knows the other is genuine from what the team was handed and nothing
//! else. The client never says which team it is in the clear: the server
//! tries every team's key on the first message, and the one that opens it is
//! the team.
//!
//! Framing: the client sends [`PREAMBLE`] (a line, so a plain server answers
//! it with an error instead of waiting), then each Noise message as a 2-byte
//! big-endian length and the message. The server answers the first message
//! with a byte saying whether it was [`ACCEPTED`] (the Noise reply follows)
//! or [`REFUSED`] (a framed, unauthenticated reason follows). After the
//! handshake, each side's bytes go in transport messages of at most
//! [`MAX_MESSAGE`] bytes, chunked from the stream of lines.

use std::io::{self, BufRead, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;

use snow::{Builder, HandshakeState, StatelessTransportState};

/// The Noise protocol name: pattern, curve, cipher and hash.
pub const NOISE: &str = "Noise_NNpsk0_25519_ChaChaPoly_BLAKE2s";

/// The first line an encrypted client sends, in the clear.
pub const PREAMBLE: &[u8] = b"undertow-noise/1\n";

/// Mixed into the handshake: both sides must mean the same protocol.
const PROLOGUE: &[u8] = b"undertow protocol 3 over Noise, wire 1";

/// The longest Noise message.
pub const MAX_MESSAGE: usize = 65_535;

/// The authentication tag each transport message carries.
const TAG: usize = 16;

/// The most plaintext one transport message carries.
pub const MAX_CHUNK: usize = MAX_MESSAGE - TAG;

/// The server's answer to a first message it could open.
pub const ACCEPTED: u8 = 1;

/// The server's answer to a first message no team's key opens (or a full server).
pub const REFUSED: u8 = 0;

/// The pre-shared key of a team's join code. The code itself never crosses
/// the wire; this key only ever keys the handshake.
pub fn psk(code: &str) -> [u8; 32] {
    blake3::derive_key(
        "undertow 2026 join code as a Noise psk, v1",
        code.as_bytes(),
    )
}

fn builder(key: &[u8; 32]) -> Result<Builder<'_>, snow::Error> {
    let params = NOISE.parse()?;
    Builder::new(params).prologue(PROLOGUE)?.psk(0, key)
}

/// A message failed authentication: altered on the way, or not from the peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a message failed authentication: the connection was tampered with, or is faulty")]
pub struct Tampered;

fn tampered() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, Tampered)
}

/// Whether a read failed because a message did not authenticate.
pub fn is_tampered(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Tampered>())
}

/// One length-prefixed frame.
fn framed(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    // Every caller's bytes are at most MAX_MESSAGE long.
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(bytes);
    out
}

/// The next frame's length; none at a clean end of the stream.
fn read_len<R: Read>(r: &mut R) -> io::Result<Option<usize>> {
    let mut len = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(Some(usize::from(u16::from_be_bytes(len))))
}

/// One whole frame; a stream that ends first is an error.
pub fn read_frame<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let len = read_len(r)?.ok_or(io::ErrorKind::UnexpectedEof)?;
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// Decrypting side of an encrypted connection: the peer's lines, in order.
pub struct SecureReader<R> {
    inner: R,
    state: Arc<StatelessTransportState>,
    nonce: u64,
    plain: Vec<u8>,
    pos: usize,
}

impl<R> SecureReader<R> {
    /// The stream underneath.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }
}

impl<R: Read> Read for SecureReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.plain.len() {
            let Some(len) = read_len(&mut self.inner)? else {
                return Ok(0);
            };
            let mut sealed = vec![0u8; len];
            self.inner.read_exact(&mut sealed)?;
            self.plain.resize(len, 0);
            let n = self
                .state
                .read_message(self.nonce, &sealed, &mut self.plain)
                .map_err(|_| tampered())?;
            self.nonce += 1;
            self.plain.truncate(n);
            self.pos = 0;
        }
        let rest = self.plain.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// Encrypting side of an encrypted connection: what is written goes out in
/// transport messages at each flush (or whenever a full one is ready).
pub struct SecureWriter<W> {
    inner: W,
    state: Arc<StatelessTransportState>,
    nonce: u64,
    pending: Vec<u8>,
}

impl<W: Write> SecureWriter<W> {
    fn seal(&mut self, upto: usize) -> io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        let mut sealed = vec![0u8; chunk.len() + TAG];
        let n = self
            .state
            .write_message(self.nonce, &chunk, &mut sealed)
            .map_err(|e| io::Error::other(format!("cannot encrypt: {e}")))?;
        self.nonce += 1;
        self.inner.write_all(&framed(&sealed[..n]))
    }
}

impl<W: Write> Write for SecureWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while self.pending.len() >= MAX_CHUNK {
            self.seal(MAX_CHUNK)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.seal(self.pending.len())?;
        }
        self.inner.flush()
    }
}

/// The reading half of a connection, encrypted or plain.
pub enum Reading<R> {
    Plain(R),
    Secure(SecureReader<R>),
}

impl<R> Reading<R> {
    /// The stream underneath.
    pub fn get_mut(&mut self) -> &mut R {
        match self {
            Reading::Plain(r) => r,
            Reading::Secure(s) => s.get_mut(),
        }
    }
}

impl<R: Read> Read for Reading<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Reading::Plain(r) => r.read(out),
            Reading::Secure(s) => s.read(out),
        }
    }
}

/// The writing half of a connection, encrypted or plain.
pub enum Writing<W> {
    Plain(W),
    Secure(SecureWriter<W>),
}

impl<W> Writing<W> {
    /// The stream underneath.
    pub fn get_ref(&self) -> &W {
        match self {
            Writing::Plain(w) => w,
            Writing::Secure(s) => &s.inner,
        }
    }
}

impl Writing<TcpStream> {
    /// Hang up, both ways.
    pub fn shutdown(&self) {
        let _ = self.get_ref().shutdown(Shutdown::Both);
    }
}

impl<W: Write> Write for Writing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Writing::Plain(w) => w.write(buf),
            Writing::Secure(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Writing::Plain(w) => w.flush(),
            Writing::Secure(s) => s.flush(),
        }
    }
}

fn transport<R, W>(
    hs: HandshakeState,
    r: R,
    w: W,
) -> Result<(SecureReader<R>, SecureWriter<W>), snow::Error> {
    let state = Arc::new(hs.into_stateless_transport_mode()?);
    Ok((
        SecureReader {
            inner: r,
            state: Arc::clone(&state),
            nonce: 0,
            plain: Vec::new(),
            pos: 0,
        },
        SecureWriter {
            inner: w,
            state,
            nonce: 0,
            pending: Vec::new(),
        },
    ))
}

/// Why a client's handshake did not give an encrypted connection.
#[derive(Debug, thiserror::Error)]
pub enum HandshakeError {
    /// The server said no (unauthenticated: a wrong code, a full server).
    #[error("{0}")]
    Refused(String),
    /// The server's reply did not prove it holds the team's code.
    #[error(
        "the server could not prove it holds this team's code: it is not this exercise's server, or the connection was tampered with"
    )]
    NotTheServer,
    /// The server speaks plain JSON lines (`serve --plain`).
    #[error(
        "the server speaks plain JSON lines (it was started with --plain): join it with --plain, on the server's own machine"
    )]
    PlainServer,
    /// The connection failed on the way.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The Noise library refused (never expected with fixed parameters).
    #[error("cannot encrypt: {0}")]
    Noise(String),
}

impl From<snow::Error> for HandshakeError {
    fn from(e: snow::Error) -> Self {
        HandshakeError::Noise(e.to_string())
    }
}

/// The client's side of the handshake, keyed by the team's code: the
/// encrypted halves of the connection.
pub fn client<R: Read, W: Write>(
    mut r: R,
    mut w: W,
    code: &str,
) -> Result<(SecureReader<R>, SecureWriter<W>), HandshakeError> {
    let key = psk(code);
    let mut hs = builder(&key)?.build_initiator()?;
    let mut msg = vec![0u8; MAX_MESSAGE];
    let n = hs.write_message(&[], &mut msg)?;
    let mut first = PREAMBLE.to_vec();
    first.extend_from_slice(&framed(&msg[..n]));
    w.write_all(&first)?;
    w.flush()?;
    let mut kind = [0u8; 1];
    r.read_exact(&mut kind)?;
    match kind[0] {
        ACCEPTED => {
            let reply = read_frame(&mut r)?;
            let mut payload = vec![0u8; MAX_MESSAGE];
            hs.read_message(&reply, &mut payload)
                .map_err(|_| HandshakeError::NotTheServer)?;
            Ok(transport(hs, r, w)?)
        }
        REFUSED => {
            let why = read_frame(&mut r)?;
            Err(HandshakeError::Refused(
                String::from_utf8_lossy(&why).into_owned(),
            ))
        }
        b'{' => Err(HandshakeError::PlainServer),
        _ => Err(HandshakeError::NotTheServer),
    }
}

/// A client's connection, its wire settled: lines to read, and the half to
/// write them to.
pub type ClientWire = (io::BufReader<Reading<TcpStream>>, Writing<TcpStream>);

/// Settle a client's wire on a connected stream: plain lines, or the
/// encrypted handshake keyed by the team's code.
pub fn open_client(
    stream: TcpStream,
    code: &str,
    plain: bool,
) -> Result<ClientWire, HandshakeError> {
    let out = stream.try_clone()?;
    if plain {
        return Ok((
            io::BufReader::new(Reading::Plain(stream)),
            Writing::Plain(out),
        ));
    }
    let (r, w) = client(stream, out, code)?;
    Ok((io::BufReader::new(Reading::Secure(r)), Writing::Secure(w)))
}

/// What a new connection to an encrypted server opened with.
pub enum Opening {
    /// The preamble: a Noise handshake message follows.
    Noise,
    /// A line of plain JSON (a client of `serve --plain`, or of docs/PROTOCOL.md alone).
    Plain,
}

/// Read the first line of a connection to an encrypted server.
pub fn opening<R: BufRead>(r: &mut R) -> io::Result<Opening> {
    let line = super::protocol::read_raw_line(r, 64 * 1024)?;
    Ok(match line {
        super::protocol::RawLine::Bytes(b)
            if Some(b.as_slice()) == PREAMBLE.strip_suffix(b"\n") =>
        {
            Opening::Noise
        }
        _ => Opening::Plain,
    })
}

/// The team whose code opens a client's first message, with the handshake
/// ready to answer. Every team's key is tried, whichever matches, so the
/// time taken says nothing about which team it is.
pub fn match_team(first: &[u8], codes: &[&str]) -> Option<(usize, HandshakeState)> {
    let mut found = None;
    let mut payload = vec![0u8; MAX_MESSAGE];
    for (ix, code) in codes.iter().enumerate() {
        let key = psk(code);
        let Ok(mut hs) = builder(&key).and_then(Builder::build_responder) else {
            continue;
        };
        if hs.read_message(first, &mut payload).is_ok() && found.is_none() {
            found = Some((ix, hs));
        }
    }
    found
}

/// The server's side, once [`match_team`] found the team: answer, and the
/// encrypted halves of the connection.
pub fn accept<R: Read, W: Write>(
    mut hs: HandshakeState,
    r: R,
    mut w: W,
) -> Result<(SecureReader<R>, SecureWriter<W>), HandshakeError> {
    let mut msg = vec![0u8; MAX_MESSAGE];
    let n = hs.write_message(&[], &mut msg)?;
    let mut reply = vec![ACCEPTED];
    reply.extend_from_slice(&framed(&msg[..n]));
    w.write_all(&reply)?;
    w.flush()?;
    Ok(transport(hs, r, w)?)
}

/// The server's refusal of a first message, in words the client shows.
pub fn refuse<W: Write>(mut w: W, why: &str) -> io::Result<()> {
    let text = why.as_bytes();
    let text = text.get(..MAX_MESSAGE).unwrap_or(text);
    let mut out = vec![REFUSED];
    out.extend_from_slice(&framed(text));
    w.write_all(&out)?;
    w.flush()
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::io::BufReader;
    use std::os::unix::net::UnixStream;

    type ClientEnd = Result<(SecureReader<UnixStream>, SecureWriter<UnixStream>), HandshakeError>;
    type ServerEnd = Option<(
        usize,
        SecureReader<BufReader<UnixStream>>,
        SecureWriter<UnixStream>,
    )>;

    /// A client and a server over a socket pair, the server holding `codes`.
    fn pair(code: &str, codes: &[&str]) -> (ClientEnd, ServerEnd) {
        let (c, s) = UnixStream::pair().unwrap();
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        let server = std::thread::spawn(move || {
            let mut r = BufReader::new(s.try_clone().unwrap());
            assert!(matches!(opening(&mut r), Ok(Opening::Noise)));
            let first = read_frame(&mut r).unwrap();
            let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
            match match_team(&first, &refs) {
                Some((ix, hs)) => {
                    let (sr, sw) = accept(hs, r, s).unwrap();
                    Some((ix, sr, sw))
                }
                None => {
                    refuse(&s, "no team of this exercise holds this code").unwrap();
                    None
                }
            }
        });
        let client = client(c.try_clone().unwrap(), c, code);
        (client, server.join().unwrap())
    }

    #[test]
    fn the_code_picks_the_team_and_lines_cross_both_ways_in_chunks() {
        let (client, server) = pair("code-b", &["code-a", "code-b", "code-c"]);
        let (mut cr, mut cw) = client.unwrap();
        let (ix, sr, mut sw) = server.unwrap();
        assert_eq!(ix, 1);
        let long = "x".repeat(3 * MAX_CHUNK + 17);
        let writer = std::thread::spawn(move || {
            sw.write_all(long.as_bytes()).unwrap();
            sw.write_all(b"\n").unwrap();
            sw.flush().unwrap();
        });
        let mut got = String::new();
        BufReader::new(&mut cr).read_line(&mut got).unwrap();
        writer.join().unwrap();
        assert_eq!(got.len(), 3 * MAX_CHUNK + 18);
        cw.write_all(b"{\"type\":\"ready\"}\n").unwrap();
        cw.flush().unwrap();
        let mut line = String::new();
        BufReader::new(sr).read_line(&mut line).unwrap();
        assert_eq!(line, "{\"type\":\"ready\"}\n");
    }

    #[test]
    fn a_code_no_team_holds_is_refused() {
        let (client, server) = pair("guess", &["code-a", "code-b"]);
        assert!(server.is_none());
        match client {
            Err(HandshakeError::Refused(why)) => {
                assert_eq!(why, "no team of this exercise holds this code");
            }
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn an_altered_message_is_tampering_not_text() {
        let (c, s) = UnixStream::pair().unwrap();
        let server = std::thread::spawn(move || {
            let mut r = BufReader::new(s.try_clone().unwrap());
            opening(&mut r).unwrap();
            let first = read_frame(&mut r).unwrap();
            let (_, hs) = match_team(&first, &["k"]).unwrap();
            let (_, mut w) = accept(hs, r, Vec::new()).unwrap();
            (&s).write_all(&w.inner).unwrap();
            w.inner.clear();
            w.write_all(b"{\"type\":\"heartbeat\"}\n").unwrap();
            w.flush().unwrap();
            let mut sealed = w.inner.clone();
            sealed[5] ^= 1;
            (&s).write_all(&sealed).unwrap();
        });
        let (mut r, _w) = client(c.try_clone().unwrap(), c, "k").unwrap();
        server.join().unwrap();
        let mut buf = [0u8; 64];
        let e = r.read(&mut buf).unwrap_err();
        assert!(is_tampered(&e), "{e}");
    }
}
