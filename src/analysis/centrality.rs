//! Centrality, connectivity and efficiency measures on a [`Graph`].
//!
//! Results are vectors indexed by node index. Every measure is deterministic:
//! the same graph gives bit-identical numbers on every run and machine. The
//! heavy ones (betweenness, efficiency) may use two threads, but the sources
//! are always split into the same two halves and the halves are added in the
//! same order, so threading never changes a result.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::graph::Graph;

/// Number of neighbours of every node.
pub fn degrees(graph: &Graph) -> Vec<usize> {
    (0..graph.node_count() as u32)
        .map(|v| graph.degree(v))
        .collect()
}

/// Sum of incident edge weights of every node (weighted degree).
pub fn strengths(graph: &Graph) -> Vec<f64> {
    (0..graph.node_count() as u32)
        .map(|v| graph.strength(v))
        .collect()
}

/// Degree divided by `n - 1`, as networkx `degree_centrality` (1 for a graph of one node).
pub fn degree_centrality(graph: &Graph) -> Vec<f64> {
    let n = graph.node_count();
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n - 1) as f64;
    degrees(graph)
        .into_iter()
        .map(|d| d as f64 * scale)
        .collect()
}

/// Exact Brandes betweenness counting hops, with networkx's scaling.
///
/// Raw values count each unordered pair once (networkx `normalized=False`);
/// normalised values are divided by `(n-1)(n-2)/2`, the number of pairs that
/// could route through a node (networkx `normalized=True`).
pub fn betweenness(graph: &Graph, normalized: bool) -> Vec<f64> {
    let csr = Csr::new(graph, |_| 1.0);
    let sums = split_sources(&csr, |range| brandes_hops(&csr, range));
    rescale(sums, normalized)
}

/// Exact Brandes betweenness along the shortest paths of tie distance.
///
/// Tie strength becomes distance: an edge's length is the strongest weight in
/// the graph divided by its own weight, so the strongest tie is one step and a
/// tie half as strong is two. Scaling so the shortest edge is 1 (instead of
/// `1/w`) keeps lengths away from zero and path sums well conditioned. The
/// networkx equivalent sets `distance = max_weight / weight` and passes
/// `weight="distance"`. Scaling as [`betweenness`].
pub fn weighted_betweenness(graph: &Graph, normalized: bool) -> Vec<f64> {
    let strongest = graph.edges().map(|(_, _, w)| w).fold(0.0_f64, f64::max);
    let csr = Csr::new(graph, |w| strongest / w);
    let sums = split_sources(&csr, |range| brandes_dijkstra(&csr, range));
    rescale(sums, normalized)
}

/// Connected components, each sorted, listed in order of their first node.
pub fn connected_components(graph: &Graph) -> Vec<Vec<u32>> {
    let n = graph.node_count();
    let mut seen = vec![false; n];
    let mut components = Vec::new();
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut members = vec![root as u32];
        let mut head = 0;
        while let Some(&v) = members.get(head) {
            head += 1;
            for &(w, _) in graph.neighbors(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    members.push(w);
                }
            }
        }
        members.sort_unstable();
        components.push(members);
    }
    components
}

/// Number of nodes in the largest connected component (0 for an empty graph).
pub fn largest_component_size(graph: &Graph) -> usize {
    connected_components(graph)
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// Mean of `1/d` over ordered pairs of distinct nodes, hops as distance, as networkx `global_efficiency`.
///
/// Unreachable pairs contribute 0; graphs with fewer than two nodes have efficiency 0.
pub fn global_efficiency(graph: &Graph) -> f64 {
    let n = graph.node_count();
    if n < 2 {
        return 0.0;
    }
    let csr = Csr::new(graph, |_| 1.0);
    let sums = split_sources(&csr, |range| vec![inverse_distance_sum(&csr, range)]);
    sums.iter().sum::<f64>() / (n as f64 * (n - 1) as f64)
}

/// Nodes whose removal disconnects their component, sorted by index.
///
/// Iterative depth-first search (Hopcroft–Tarjan), so deep chains in graphs of
/// many thousands of nodes cannot overflow the stack.
pub fn articulation_points(graph: &Graph) -> Vec<u32> {
    const UNSEEN: u32 = u32::MAX;
    let n = graph.node_count();
    let mut discovered = vec![UNSEEN; n];
    let mut low = vec![0_u32; n];
    let mut parent = vec![UNSEEN; n];
    let mut is_cut = vec![false; n];
    let mut clock = 0_u32;
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if discovered[root as usize] != UNSEEN {
            continue;
        }
        discovered[root as usize] = clock;
        low[root as usize] = clock;
        clock += 1;
        let mut root_children = 0;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&(w, _)) = graph.neighbors(v).get(next) {
                top.1 += 1;
                let (vi, wi) = (v as usize, w as usize);
                if discovered[wi] == UNSEEN {
                    parent[wi] = v;
                    discovered[wi] = clock;
                    low[wi] = clock;
                    clock += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, 0));
                } else if w != parent[vi] {
                    low[vi] = low[vi].min(discovered[wi]);
                }
            } else {
                stack.pop();
                if let Some(&(p, _)) = stack.last() {
                    let (vi, pi) = (v as usize, p as usize);
                    low[pi] = low[pi].min(low[vi]);
                    if p != root && low[vi] >= discovered[pi] {
                        is_cut[pi] = true;
                    }
                }
            }
        }
        if root_children >= 2 {
            is_cut[root as usize] = true;
        }
    }
    (0..n as u32).filter(|&v| is_cut[v as usize]).collect()
}

/// Marks a node no breadth-first search has reached yet.
const UNREACHED: u32 = u32::MAX;

/// Compressed adjacency with edge lengths: one flat array instead of a Vec per node.
struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    lengths: Vec<f64>,
}

impl Csr {
    fn new(graph: &Graph, length: impl Fn(f64) -> f64) -> Csr {
        let mut offsets = Vec::with_capacity(graph.node_count() + 1);
        let mut targets = Vec::with_capacity(2 * graph.edge_count());
        let mut lengths = Vec::with_capacity(2 * graph.edge_count());
        offsets.push(0);
        for list in graph.adjacency() {
            for &(w, weight) in list {
                targets.push(w);
                lengths.push(length(weight));
            }
            offsets.push(targets.len());
        }
        Csr {
            offsets,
            targets,
            lengths,
        }
    }

    fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    fn span(&self, v: usize) -> Range<usize> {
        self.offsets[v]..self.offsets[v + 1]
    }

    fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.span(v)]
    }
}

/// Runs `work` over the first and second half of the sources and adds the partial vectors.
///
/// The halves are fixed and added first-then-second whether or not a second
/// thread was available, so the floating-point result never depends on it.
fn split_sources<F>(csr: &Csr, work: F) -> Vec<f64>
where
    F: Fn(Range<usize>) -> Vec<f64> + Sync,
{
    let n = csr.node_count();
    let (first, second) = (0..n / 2, n / 2..n);
    // Below this much traversal work a thread costs more than it saves.
    const PARALLEL_WORK: usize = 1 << 21;
    let parallel = n.saturating_mul(n + csr.targets.len()) >= PARALLEL_WORK
        && std::thread::available_parallelism().is_ok_and(|p| p.get() >= 2);
    let (a, b) = if parallel {
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, || work(first.clone()));
            let b = work(second.clone());
            let a = match spawned {
                Ok(handle) => match handle.join() {
                    Ok(a) => a,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(_) => work(first.clone()),
            };
            (a, b)
        })
    } else {
        (work(first), work(second))
    };
    a.into_iter().zip(b).map(|(x, y)| x + y).collect()
}

/// Turns Brandes sums over ordered pairs into networkx's undirected scaling.
fn rescale(mut sums: Vec<f64>, normalized: bool) -> Vec<f64> {
    let n = sums.len();
    if n <= 2 {
        return sums;
    }
    let scale = if normalized {
        1.0 / ((n - 1) as f64 * (n - 2) as f64)
    } else {
        0.5
    };
    for x in &mut sums {
        *x *= scale;
    }
    sums
}

/// Brandes accumulation from each source in `sources`, breadth-first.
///
/// Whether a neighbour is new, or one level further, is unpredictable, so the
/// inner loops compute both unconditionally instead of branching on them. Each
/// node's successors in the shortest-path DAG are recorded on the way out, so
/// the way back touches only DAG edges, in Brandes' successor form:
/// `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`.
fn brandes_hops(csr: &Csr, sources: Range<usize>) -> Vec<f64> {
    let n = csr.node_count();
    let mut centrality = vec![0.0; n];
    let mut dist = vec![UNREACHED; n];
    let mut sigma = vec![0.0_f64; n];
    // (1 + delta[w]) / sigma[w] of the nodes already closed on the way back.
    let mut coeff = vec![0.0_f64; n];
    // BFS queue and visit order; one spare slot takes the unconditional write.
    let mut order = vec![0_u32; n + 1];
    let mut successors = vec![0_u32; csr.targets.len()];
    // Successors of order[i] are successors[successor_end[i]..successor_end[i + 1]].
    let mut successor_end = vec![0_usize; n + 1];
    for s in sources {
        dist[s] = 0;
        sigma[s] = 1.0;
        order[0] = s as u32;
        let (mut head, mut len, mut found) = (0, 1, 0);
        while head < len {
            let v = order[head] as usize;
            head += 1;
            let (next, sv) = (dist[v] + 1, sigma[v]);
            for &w in csr.neighbors(v) {
                let w = w as usize;
                let fresh = dist[w] == UNREACHED;
                let d = if fresh { next } else { dist[w] };
                dist[w] = d;
                order[len] = w as u32;
                len += usize::from(fresh);
                let is_successor = d == next;
                sigma[w] += if is_successor { sv } else { 0.0 };
                successors[found] = w as u32;
                found += usize::from(is_successor);
            }
            successor_end[head] = found;
        }
        for i in (0..len).rev() {
            let v = order[i] as usize;
            let through: f64 = successors[successor_end[i]..successor_end[i + 1]]
                .iter()
                .map(|&w| coeff[w as usize])
                .sum();
            let delta = sigma[v] * through;
            coeff[v] = (1.0 + delta) / sigma[v];
            if i > 0 {
                centrality[v] += delta;
            }
        }
        for &v in &order[..len] {
            dist[v as usize] = UNREACHED;
            sigma[v as usize] = 0.0;
        }
    }
    centrality
}

/// Brandes accumulation from each source in `sources`, by Dijkstra on edge lengths.
///
/// Heap keys are the bit patterns of the distances: for non-negative floats
/// they sort like the numbers and compare as plain integers.
fn brandes_dijkstra(csr: &Csr, sources: Range<usize>) -> Vec<f64> {
    const UNSETTLED: u32 = u32::MAX;
    let n = csr.node_count();
    let mut centrality = vec![0.0; n];
    let mut dist = vec![f64::INFINITY; n];
    let mut settled_at = vec![UNSETTLED; n];
    let mut sigma = vec![0.0_f64; n];
    let mut coeff = vec![0.0_f64; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let mut heap: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
    for s in sources {
        order.clear();
        heap.clear();
        dist[s] = 0.0;
        sigma[s] = 1.0;
        heap.push(Reverse((0.0_f64.to_bits(), s as u32)));
        while let Some(Reverse((key, v))) = heap.pop() {
            let v = v as usize;
            let d = f64::from_bits(key);
            if settled_at[v] != UNSETTLED || d > dist[v] {
                continue;
            }
            settled_at[v] = order.len() as u32;
            order.push(v as u32);
            let sv = sigma[v];
            for i in csr.span(v) {
                let w = csr.targets[i] as usize;
                if settled_at[w] != UNSETTLED {
                    continue;
                }
                let candidate = d + csr.lengths[i];
                if candidate < dist[w] {
                    dist[w] = candidate;
                    sigma[w] = sv;
                    heap.push(Reverse((candidate.to_bits(), w as u32)));
                } else if candidate == dist[w] {
                    sigma[w] += sv;
                }
            }
        }
        // A successor is settled later and lies exactly one edge further; the
        // settle-order check keeps this a DAG even if lengths underflow.
        for &v in order.iter().rev() {
            let v = v as usize;
            let mut through = 0.0;
            for i in csr.span(v) {
                let w = csr.targets[i] as usize;
                if settled_at[w] > settled_at[v] && dist[v] + csr.lengths[i] == dist[w] {
                    through += coeff[w];
                }
            }
            let delta = sigma[v] * through;
            coeff[v] = (1.0 + delta) / sigma[v];
            if v != s {
                centrality[v] += delta;
            }
        }
        for &v in &order {
            let v = v as usize;
            dist[v] = f64::INFINITY;
            settled_at[v] = UNSETTLED;
            sigma[v] = 0.0;
        }
    }
    centrality
}

/// Sum of `1/d` from each source in `sources` to every node it reaches.
///
/// Branch-free discovery as in [`brandes_hops`]; nodes are counted per
/// distance so there is one division per level, not per node.
fn inverse_distance_sum(csr: &Csr, sources: Range<usize>) -> f64 {
    let n = csr.node_count();
    let mut dist = vec![UNREACHED; n];
    let mut order = vec![0_u32; n + 1];
    let mut per_level: Vec<u32> = Vec::new();
    let mut total = 0.0;
    for s in sources {
        dist[s] = 0;
        order[0] = s as u32;
        let (mut head, mut len) = (0, 1);
        while head < len {
            let v = order[head] as usize;
            head += 1;
            let next = dist[v] + 1;
            for &w in csr.neighbors(v) {
                let w = w as usize;
                let fresh = dist[w] == UNREACHED;
                dist[w] = if fresh { next } else { dist[w] };
                order[len] = w as u32;
                len += usize::from(fresh);
            }
        }
        per_level.clear();
        for &v in &order[1..len] {
            let level = dist[v as usize] as usize;
            if per_level.len() < level {
                per_level.resize(level, 0);
            }
            per_level[level - 1] += 1;
        }
        total += per_level
            .iter()
            .enumerate()
            .map(|(i, &count)| f64::from(count) / (i + 1) as f64)
            .sum::<f64>();
        for &v in &order[..len] {
            dist[v as usize] = UNREACHED;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> Graph {
        Graph::from_edges(edges.iter().map(|&(a, b)| (a, b, 1.0)))
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn path_betweenness_matches_networkx() {
        // networkx: betweenness_centrality(path_graph(4), normalized=False)
        let g = graph(&[("0", "1"), ("1", "2"), ("2", "3")]);
        assert!(close(&betweenness(&g, false), &[0.0, 2.0, 2.0, 0.0]));
        assert!(close(
            &betweenness(&g, true),
            &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]
        ));
    }

    #[test]
    fn star_and_tiny_graphs() {
        let g = graph(&[("hub", "a"), ("hub", "b"), ("hub", "c")]);
        assert!(close(&betweenness(&g, false), &[3.0, 0.0, 0.0, 0.0]));
        assert!(close(&betweenness(&g, true), &[1.0, 0.0, 0.0, 0.0]));
        assert!(close(
            &degree_centrality(&g),
            &[1.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]
        ));
        let empty = Graph::default();
        assert!(betweenness(&empty, true).is_empty());
        assert_eq!(global_efficiency(&empty), 0.0);
        assert_eq!(largest_component_size(&empty), 0);
        let pair = graph(&[("a", "b")]);
        assert!(close(&betweenness(&pair, true), &[0.0, 0.0]));
        assert_eq!(degree_centrality(&graph(&[("a", "a")])), vec![1.0]);
    }

    #[test]
    fn weighted_betweenness_prefers_strong_ties() {
        // a-b-c strongly tied, a-c weakly: a→c goes through b by tie distance
        // (1 + 1 < 5) but directly by hops.
        let g = Graph::from_edges([("a", "b", 5.0), ("b", "c", 5.0), ("a", "c", 1.0)]);
        assert!(close(&weighted_betweenness(&g, false), &[0.0, 1.0, 0.0]));
        assert!(close(&betweenness(&g, false), &[0.0, 0.0, 0.0]));
    }

    #[test]
    fn efficiency_matches_networkx_docstring() {
        let g = graph(&[("0", "1"), ("0", "2"), ("0", "3"), ("1", "2"), ("1", "3")]);
        assert!((global_efficiency(&g) - 0.916666666667).abs() < 1e-12);
    }

    #[test]
    fn components_and_cut_vertices() {
        let mut b = Graph::builder();
        for (x, y) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "f")] {
            b.add_edge(x, y, 1.0);
        }
        b.add_node("g");
        let g = b.build();
        assert_eq!(
            connected_components(&g),
            vec![vec![0, 1, 2, 3], vec![4, 5], vec![6]]
        );
        assert_eq!(largest_component_size(&g), 4);
        assert_eq!(articulation_points(&g), vec![2]);
    }

    #[test]
    fn long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let names: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        let g = Graph::from_edges(
            names
                .windows(2)
                .map(|p| (p[0].as_str(), p[1].as_str(), 1.0)),
        );
        assert_eq!(articulation_points(&g).len(), n - 2);
    }

    #[test]
    fn threaded_and_split_results_agree_with_sequential_sum() {
        // Large enough to cross the threading threshold.
        let g = crate::analysis::scale_free(1_500, 2, 7);
        let whole = betweenness(&g, false);
        let csr = Csr::new(&g, |_| 1.0);
        let n = g.node_count();
        let a = brandes_hops(&csr, 0..n / 2);
        let b = brandes_hops(&csr, n / 2..n);
        let expected: Vec<f64> = a.iter().zip(&b).map(|(x, y)| (x + y) * 0.5).collect();
        assert_eq!(whole, expected);
    }
}
