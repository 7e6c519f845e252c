//! What one team, or the White Cell, may see: pure functions from the world's
//! state to plain data. The only door through which the truth leaves the engine.

mod brief;
mod debrief;
mod facilitator;
mod team;
pub mod words;

pub use brief::*;
pub use debrief::*;
pub use facilitator::*;
pub use team::*;
