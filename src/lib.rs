//! undertow: a tabletop simulation engine for exercises in disrupting
//! people-smuggling and trafficking-in-persons networks.

pub mod analysis;
pub mod bots;
pub mod cli;
pub mod engine;
pub mod exit_status;
pub mod hex;
pub mod journal;
pub mod logging;
pub mod net;
pub mod report;
pub mod scenario;
pub mod session;
pub mod sweep;
pub mod tui;
pub mod view;
