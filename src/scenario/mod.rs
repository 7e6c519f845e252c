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

/// The graph of a scenario's network: every actor a node, in order, every tie an edge weighted by its strength.
///
/// Reserve members are included: they are part of the network as written. A
/// tie of strength 0 counts as strength 1, the weakest tie there is: it is
/// still a tie, and a weight of 0 would make its distance infinite.
pub fn network_graph(scenario: &Scenario) -> crate::analysis::Graph {
    let mut builder = crate::analysis::Graph::builder();
    for actor in &scenario.actors {
        builder.add_node(&actor.id);
    }
    for tie in &scenario.ties {
        builder.add_edge(&tie.a, &tie.b, f64::from(tie.strength.max(1)));
    }
    builder.build()
}

/// Parse and validate a scenario's text, with every problem rendered in one message.
pub fn parse_scenario(name: &str, text: &str) -> Result<Scenario, String> {
    load_scenario(name, text).map_err(|d| render_all(&d, Some(text)))
}
