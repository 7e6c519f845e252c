#!/usr/bin/env python3
"""Time networkx betweenness against undertow's on the same scale-free graph.

    python3 scripts/compare_networkx.py [NODES] [M] [SEED]

Defaults: 2000 nodes, m = 2, seed 1. The graph comes from undertow's own
generator (written by `examples/betweenness_timing.rs`) so both sides see
exactly the same edges. Both sides report the best of three runs of
normalised betweenness; the script also checks that the values agree.
"""

import json
import pathlib
import subprocess
import sys
import tempfile
import time

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUNS = 3


def ours(*args):
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "betweenness_timing", "--", *args]
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def main():
    nodes, m, seed = (sys.argv[1:] + ["2000", "2", "1"][len(sys.argv) - 1 :])[:3]
    with tempfile.TemporaryDirectory() as tmp:
        edges = pathlib.Path(tmp) / "scale_free.tsv"
        ours("write", str(edges), nodes, m, seed)
        g = nx.read_edgelist(edges, delimiter="\t", nodetype=str)
        best = float("inf")
        for _ in range(RUNS):
            start = time.perf_counter()
            theirs = nx.betweenness_centrality(g, normalized=True)
            best = min(best, time.perf_counter() - start)
        report = json.loads(ours(str(edges), str(RUNS)))
    worst = max(abs(report["betweenness"][v] - theirs[v]) for v in theirs)
    print(f"graph: scale_free({nodes}, {m}, {seed}): {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    print(f"networkx {nx.__version__}: {best:.3f} s (best of {RUNS})")
    print(f"undertow: {report['seconds']:.3f} s (best of {report['runs']})")
    print(f"ratio networkx/undertow: {best / report['seconds']:.1f}x")
    print(f"largest difference in normalised betweenness: {worst:.2e}")


if __name__ == "__main__":
    main()
