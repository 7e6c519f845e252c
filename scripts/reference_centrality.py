#!/usr/bin/env python3
"""Reference values for tests/analysis_real_data.rs, computed with networkx.

Reads the shared real-network data (never copied into this repository) and
writes tests/fixtures/analysis/networkx_reference.json. Run once, from the
repository root, and commit the output:

    python3 scripts/reference_centrality.py [DATA_DIR]

DATA_DIR defaults to ../shared/data. The parsing here is written separately
from the Rust parser on purpose, with the same merging rules: an undirected
tie's weight is the sum of the weights given in either direction, self-ties
are dropped, and every id in a matrix header is a node.
"""

import csv
import json
import pathlib
import sys

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "analysis" / "networkx_reference.json"
TIE = 1e-9


def add_tie(g, a, b, w):
    g.add_node(a)
    g.add_node(b)
    if a == b:
        return
    if g.has_edge(a, b):
        g[a][b]["weight"] += w
    else:
        g.add_edge(a, b, weight=w)


def edge_list(path):
    g = nx.Graph()
    with open(path, newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row:
                add_tie(g, row[0], row[1], float(row[2]))
    return g


def matrix(path):
    g = nx.Graph()
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    ids = rows[0][1:]
    g.add_nodes_from(ids)
    for row in rows[1:]:
        for col, cell in zip(ids, row[1:]):
            w = float(cell)
            if w != 0:
                add_tie(g, row[0], col, w)
    return g


def with_distance(g):
    strongest = max((d["weight"] for _, _, d in g.edges(data=True)), default=0.0)
    for _, _, d in g.edges(data=True):
        d["distance"] = strongest / d["weight"]
    return g


def largest_cc(g):
    return max((len(c) for c in nx.connected_components(g)), default=0)


def measures(g):
    with_distance(g)
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "components": nx.number_connected_components(g),
        "largest_component": largest_cc(g),
        "global_efficiency": nx.global_efficiency(g),
        "articulation_points": sorted(nx.articulation_points(g), key=list(g).index),
        "degree_centrality": nx.degree_centrality(g),
        "betweenness_raw": nx.betweenness_centrality(g, normalized=False),
        "betweenness": nx.betweenness_centrality(g, normalized=True),
        "weighted_betweenness": nx.betweenness_centrality(
            g, normalized=True, weight="distance"
        ),
    }


def greedy_betweenness_removal(g, steps):
    """Remove the top-betweenness node one at a time, ties to first appearance."""
    order = list(g)
    start = largest_cc(g)
    g = g.copy()
    removed, out = [], []
    for _ in range(steps):
        bc = nx.betweenness_centrality(g, normalized=False)
        best = max(bc.values())
        floor = best - TIE * max(abs(best), 1.0)
        pick = next(v for v in order if v in bc and bc[v] >= floor)
        g.remove_node(pick)
        removed.append(pick)
        out.append(
            {
                "removed": len(removed),
                "lcc_fraction": largest_cc(g) / start,
                "efficiency": nx.global_efficiency(g),
                "removed_ids": list(removed),
            }
        )
    return out


def main():
    data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".." / "shared" / "data"
    graphs = {}
    for name in ["Montagna_meetings_edgelist.csv", "Montagna_phonecalls_edgelist.csv"]:
        graphs[f"montagna/{name}"] = edge_list(data / "montagna" / name)
    for phase in range(1, 12):
        graphs[f"caviar/phase{phase}.csv"] = matrix(data / "caviar" / f"phase{phase}.csv")
    out = {
        "generated_by": "python3 scripts/reference_centrality.py",
        "networkx": nx.__version__,
        "weighted_distance": "max_weight / weight",
        "graphs": {name: measures(g) for name, g in graphs.items()},
        "disruption": {
            "montagna/Montagna_meetings_edgelist.csv": greedy_betweenness_removal(
                graphs["montagna/Montagna_meetings_edgelist.csv"], 10
            )
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    for name, m in out["graphs"].items():
        print(f"{name}: {m['nodes']} nodes, {m['edges']} edges")


if __name__ == "__main__":
    main()
