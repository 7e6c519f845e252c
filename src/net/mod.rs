//! Networked play: a server holding the one session, and thin clients.

pub mod client;
pub mod desk;
pub mod protocol;
pub mod server;
