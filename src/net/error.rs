//! Why a server or a client stops: typed, each with the words a facilitator
//! or a team reads on stderr.

use std::io;

use crate::exit_status::ExitStatus;
use crate::session::SessionError;

/// Why a server cannot start or go on.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: String, source: io::Error },
    #[error("no join code for team `{0}`")]
    NoCode(String),
    #[error("no saved code for team `{0}`")]
    NoSavedCode(String),
    #[error("no OS randomness for codes: {0}")]
    NoRandomness(getrandom::Error),
    #[error("cannot write {path}: {source}")]
    WriteCodes { path: String, source: io::Error },
    #[error("{path}: {source}")]
    ReadCodes { path: String, source: io::Error },
    #[error("{path}: {source}")]
    ParseCodes {
        path: String,
        source: serde_json::Error,
    },
    #[error(
        "--plain sends every code and view in the clear, so it serves only a loopback address (127.0.0.1 or ::1), not {0}: drop --plain to encrypt, or bind to loopback"
    )]
    PlainNotLoopback(String),
    #[error("cannot start the server: {0}")]
    Thread(io::Error),
    #[error("server stopped")]
    Stopped,
    #[error("cannot commit: {0}")]
    Commit(SessionError),
}

/// Why a team's client gave up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    /// The server refused the team (a wrong code, an unknown team, another
    /// protocol version, a full server) or answered with nonsense.
    #[error("{0}")]
    Refused(String),
    /// The server cannot be reached, or keeps hanging up.
    #[error("{0}")]
    Unreachable(String),
}

impl JoinError {
    /// The exit status of `join` that ends this way.
    pub fn status(&self) -> ExitStatus {
        match self {
            JoinError::Refused(_) => ExitStatus::Failure,
            JoinError::Unreachable(_) => ExitStatus::Unreachable,
        }
    }

    /// The error behind a team screen's exit status and message (the screen
    /// hands on what its desk reported with [`JoinError::status`]).
    pub fn from_status(status: i32, message: &str) -> JoinError {
        if status == ExitStatus::Unreachable.code() {
            JoinError::Unreachable(message.to_string())
        } else {
            JoinError::Refused(message.to_string())
        }
    }
}

/// Why the server refused a hello.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HelloRefused {
    #[error("protocol version {version} is not supported: this server speaks version {speaks}")]
    Version { version: u32, speaks: u32 },
    #[error("no team `{0}` in this exercise")]
    NoTeam(String),
    #[error("too many wrong codes for team `{team}` from {ip}: try again in {secs} s")]
    TooManyWrongCodes { team: String, ip: String, secs: u64 },
    #[error("wrong code for team `{team}` (the next try from {ip} waits {ms} ms)")]
    WrongCode { team: String, ip: String, ms: u128 },
    #[error(
        "no team of this exercise holds this code (the next wrong code from {ip} waits {ms} ms)"
    )]
    UnknownCode { ip: String, ms: u128 },
    #[error("too many wrong codes from {ip}: try again in {secs} s")]
    TooManyUnknownCodes { ip: String, secs: u64 },
    #[error("this connection was opened with another team's code, not `{team}`'s")]
    NotThisTeamsWire { team: String },
}

/// Why the server refused a seated team's message; the words go back to the team.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageRefused {
    #[error("say hello first")]
    HelloFirst,
    #[error(
        "this server encrypts its connections: join with `undertow join`, or ask for a server started with --plain (loopback only)"
    )]
    Encrypted,
    #[error("already joined")]
    AlreadyJoined,
    #[error("more than {0} orders")]
    TooManyOrders(usize),
    #[error("an order for team `{team}`: you may only order for `{own}`")]
    OrderForAnotherTeam { team: String, own: String },
    #[error("the exercise is over")]
    Over,
    #[error("liaison text longer than {0} bytes")]
    LiaisonTooLong(usize),
    #[error("no other team `{0}` to send to")]
    NoOtherTeam(String),
    #[error("line longer than {0} bytes")]
    LineTooLong(usize),
    #[error("{0}")]
    Unparsable(#[from] ProtocolError),
}

/// A line that is not a message of the protocol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("bad message: {0}")]
    FromClient(String),
    #[error("bad message from server: {0}")]
    FromServer(String),
}
