//! The analytics on real criminal networks, checked against networkx.
//!
//! Data (read from `../shared/data`, never copied into this repository):
//! - Montagna meetings and phone calls: L. Cavallaro et al., "Disrupting
//!   resilient criminal networks through data analysis: the case of Sicilian
//!   Mafia", PLOS ONE 15(8): e0236476 (2020); files from `lcucav/criminal-nets`.
//! - CAVIAR phases 1–11: C. Morselli, *Inside Criminal Networks* (Springer,
//!   2009); files from `ragini30/Networks-Homework` (MIT licence).
//!
//! Reference values come from `scripts/reference_centrality.py` (networkx),
//! committed as `tests/fixtures/analysis/networkx_reference.json`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::Path;

use serde_json::Value;
use undertow::analysis::{
    Format, Graph, Strategy, articulation_points, betweenness, connected_components,
    degree_centrality, disrupt, global_efficiency, largest_component_size, read_graph,
    weighted_betweenness,
};

mod common;

const REFERENCE: &str = include_str!("fixtures/analysis/networkx_reference.json");

fn reference() -> Value {
    serde_json::from_str(REFERENCE).expect("fixture is valid JSON")
}

fn load(dir: &Path, name: &str) -> (Graph, Format) {
    let path = dir.join(name);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let parsed = read_graph(file, Format::Auto).unwrap_or_else(|e| panic!("{name}:{e}"));
    (parsed.graph, parsed.format)
}

fn assert_close(what: &str, ours: f64, theirs: f64) {
    let tolerance = 1e-9 * theirs.abs().max(1.0);
    assert!(
        (ours - theirs).abs() <= tolerance,
        "{what}: ours {ours}, networkx {theirs}"
    );
}

fn assert_per_node(name: &str, measure: &str, graph: &Graph, ours: &[f64], expected: &Value) {
    let expected = expected[measure].as_object().expect("per-node object");
    assert_eq!(expected.len(), graph.node_count(), "{name} {measure}");
    for (id, theirs) in expected {
        let v = graph
            .index_of(id)
            .unwrap_or_else(|| panic!("{name}: no node {id}"));
        let theirs = theirs.as_f64().expect("number");
        assert_close(&format!("{name} {measure} {id}"), ours[v as usize], theirs);
    }
}

#[test]
fn every_network_matches_networkx() {
    let Some(dir) = common::shared_data("every_network_matches_networkx") else {
        return;
    };
    let reference = reference();
    let graphs = reference["graphs"].as_object().expect("graphs");
    assert_eq!(
        graphs.len(),
        13,
        "two Montagna lists and eleven CAVIAR phases"
    );
    for (name, expected) in graphs {
        let (graph, format) = load(&dir, name);
        let want_format = if name.starts_with("caviar/") {
            Format::Matrix
        } else {
            Format::EdgeList
        };
        assert_eq!(format, want_format, "{name}");
        let count = |key: &str| expected[key].as_u64().expect("count") as usize;
        assert_eq!(graph.node_count(), count("nodes"), "{name} nodes");
        assert_eq!(graph.edge_count(), count("edges"), "{name} edges");
        assert_eq!(
            connected_components(&graph).len(),
            count("components"),
            "{name}"
        );
        assert_eq!(
            largest_component_size(&graph),
            count("largest_component"),
            "{name}"
        );
        let efficiency = expected["global_efficiency"].as_f64().expect("number");
        assert_close(
            &format!("{name} efficiency"),
            global_efficiency(&graph),
            efficiency,
        );
        let cuts: Vec<&str> = articulation_points(&graph)
            .into_iter()
            .filter_map(|v| graph.id(v))
            .collect();
        let want_cuts: Vec<&str> = expected["articulation_points"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(cuts, want_cuts, "{name} articulation points");
        let per_node = [
            ("degree_centrality", degree_centrality(&graph)),
            ("betweenness_raw", betweenness(&graph, false)),
            ("betweenness", betweenness(&graph, true)),
            ("weighted_betweenness", weighted_betweenness(&graph, true)),
        ];
        for (measure, ours) in &per_node {
            assert_per_node(name, measure, &graph, ours, expected);
        }
    }
}

#[test]
fn montagna_counts_from_the_paper_data() {
    let Some(dir) = common::shared_data("montagna_counts_from_the_paper_data") else {
        return;
    };
    let (meetings, _) = load(&dir, "montagna/Montagna_meetings_edgelist.csv");
    assert_eq!((meetings.node_count(), meetings.edge_count()), (101, 256));
    let (calls, _) = load(&dir, "montagna/Montagna_phonecalls_edgelist.csv");
    assert_eq!((calls.node_count(), calls.edge_count()), (100, 124));
    for phase in 1..=11 {
        let (graph, format) = load(&dir, &format!("caviar/phase{phase}.csv"));
        assert_eq!(format, Format::Matrix);
        assert!(graph.node_count() >= 15, "phase {phase}");
    }
}

#[test]
fn betweenness_removal_on_montagna_meetings_matches_networkx() {
    let Some(dir) =
        common::shared_data("betweenness_removal_on_montagna_meetings_matches_networkx")
    else {
        return;
    };
    let name = "montagna/Montagna_meetings_edgelist.csv";
    let (graph, _) = load(&dir, name);
    let reference = reference();
    let expected = reference["disruption"][name].as_array().expect("steps");
    let steps = disrupt(&graph, &Strategy::Betweenness, 1, expected.len(), false);
    assert_eq!(steps.len(), expected.len() + 1);
    // networkx's reference lists everyone removed so far; a step lists its own raid.
    let mut so_far: Vec<&str> = Vec::new();
    for (ours, theirs) in steps[1..].iter().zip(expected) {
        so_far.extend(ours.removed_ids.iter().map(String::as_str));
        let ids: Vec<&str> = theirs["removed_ids"]
            .as_array()
            .expect("ids")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(so_far, ids);
        assert_eq!(
            ours.removed as u64,
            theirs["removed"].as_u64().expect("count")
        );
        let lcc = theirs["lcc_fraction"].as_f64().expect("number");
        assert_close("lcc_fraction", ours.lcc_fraction, lcc);
        let efficiency = theirs["efficiency"].as_f64().expect("number");
        assert_close(
            "efficiency",
            ours.efficiency.unwrap_or(f64::NAN),
            efficiency,
        );
    }
    // Removing the ten most central members must shrink the core.
    assert!(steps.last().is_some_and(|s| s.lcc_fraction < 0.9));
}
