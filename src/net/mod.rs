//! Networked play: a server holding the one session, and thin clients.

pub mod client;
pub mod desk;
mod error;
pub mod protocol;
pub mod secure;
pub mod server;

pub use error::{HelloRefused, JoinError, MessageRefused, ProtocolError, ServeError};
