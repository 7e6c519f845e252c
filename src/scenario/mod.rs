//! Scenarios: the RON schema, loading, and validation.

mod catalog;
mod check;
mod diagnostic;
pub mod generate;
pub mod limits;
mod load;
mod metric;
mod model;
mod source_index;
mod suggest;
mod validate;

pub use catalog::*;
pub use check::check_files;
pub use diagnostic::{Diagnostic, render_all};
pub use load::{
    MAX_SOURCE_BYTES, default_catalog, load_catalog, load_scenario, read_source, resolve_catalog,
};
pub use metric::Metric;
pub use model::*;
pub use source_index::{Open, Pos, Seg, SourceIndex, StrLit, Unclosed, top_level_name};
pub use suggest::nearest;
pub use validate::{validate_catalog, validate_scenario};

/// Parse and validate a scenario's text, with every problem rendered in one message.
pub fn parse_scenario(name: &str, text: &str) -> Result<Scenario, String> {
    load_scenario(name, text).map_err(|d| render_all(&d, Some(text)))
}
