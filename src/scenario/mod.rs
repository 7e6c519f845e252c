//! Scenarios: the RON schema, loading, and validation.

mod catalog;
mod diagnostic;
mod model;
mod source_index;
mod suggest;

pub use catalog::*;
pub use diagnostic::{Diagnostic, render_all};
pub use model::*;
pub use source_index::{Open, Pos, Seg, SourceIndex, StrLit, Unclosed, top_level_name};
pub use suggest::nearest;
