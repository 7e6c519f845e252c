//! Scenarios: the RON schema, loading, and validation.

mod catalog;
mod diagnostic;
mod model;
mod suggest;

pub use catalog::*;
pub use diagnostic::{Diagnostic, render_all};
pub use model::*;
pub use suggest::nearest;
