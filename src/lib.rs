//! undertow: a tabletop simulation engine for exercises in disrupting
//! people-smuggling and trafficking-in-persons networks.

pub mod analysis;
pub mod scenario;
