//! Scenarios: the RON schema, loading, and validation.

mod catalog;
mod model;

pub use catalog::*;
pub use model::*;
