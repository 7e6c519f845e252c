//! Graph analytics on plain networks: centrality, connectivity, efficiency and
//! disruption, plus reading edge lists and adjacency matrices.
//!
//! Pure functions on a [`Graph`]: no ECS, no terminal, no files. Everything is
//! deterministic, so an analysis printed in a debrief can be reproduced.

mod centrality;
mod disruption;
mod formats;
mod generate;
mod graph;
mod scenario_graph;

pub use centrality::{
    articulation_points, betweenness, connected_components, degree_centrality, degrees,
    global_efficiency, largest_component_size, strengths, weighted_betweenness,
};
pub use disruption::{Disruption, Step, Strategy, disrupt, highest, lcc_area, render_table};
pub use formats::{
    Format, FormatError, MAX_INPUT_BYTES, Parsed, UnknownFormat, check_size, detect_format,
    parse_bytes, parse_graph, read_graph,
};
pub use generate::scale_free;
pub use graph::{DEFAULT_WEIGHT, Graph, GraphBuilder};
pub use scenario_graph::{live_graph, scenario_graph};
