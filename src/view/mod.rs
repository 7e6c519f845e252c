//! What one team, or the White Cell, may see: pure functions from the world's
//! state to plain data. The only door through which the truth leaves the engine.

mod debrief;
mod facilitator;
mod team;

pub use debrief::*;
pub use facilitator::*;
pub use team::*;
