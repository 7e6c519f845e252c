//! Centrality, connectivity and efficiency measures on a [`Graph`].
//!
//! Results are vectors indexed by node index. Every measure is deterministic:
//! the same graph gives bit-identical numbers on every run and machine. The
//! heavy ones (betweenness, efficiency) may use every core, but the sources
//! are always split into the same chunks (a function of the node count only),
//! each chunk is summed on its own in source order, and the chunks' sums are
//! added in chunk order, so the number of threads never changes a result.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    let (csr, order) = Csr::new(graph, |_| 1.0).in_breadth_first_order();
    let sums = hop_sums(&csr, workers_for(&csr));
    rescale(in_original_order(&sums, &order), normalized)
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
    let csr = tie_distance_csr(graph);
    rescale(distance_sums(&csr, workers_for(&csr)), normalized)
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
    let sums = per_chunk(n, workers_for(&csr), || {
        |sources| inverse_distance_sum(&csr, sources)
    });
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

    /// The same graph with nodes renumbered in breadth-first order, and `order[new] = old`.
    ///
    /// The search starts at node 0 and takes neighbours in index order; each
    /// further component starts at its lowest-numbered node. Nodes close in
    /// the graph end up close in memory, and consecutive sources (one batch
    /// of [`Lanes`]) close to each other, so they reach most nodes on the
    /// same or neighbouring levels and share more passes.
    fn in_breadth_first_order(&self) -> (Csr, Vec<u32>) {
        let n = self.node_count();
        let mut order: Vec<u32> = Vec::with_capacity(n);
        let mut new_index = vec![UNREACHED; n];
        for root in 0..n {
            if new_index[root] != UNREACHED {
                continue;
            }
            new_index[root] = order.len() as u32;
            order.push(root as u32);
            let mut head = order.len() - 1;
            while let Some(&v) = order.get(head) {
                head += 1;
                for &w in self.neighbors(v as usize) {
                    if new_index[w as usize] == UNREACHED {
                        new_index[w as usize] = order.len() as u32;
                        order.push(w);
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(self.targets.len());
        let mut lengths = Vec::with_capacity(self.lengths.len());
        let mut list: Vec<(u32, f64)> = Vec::new();
        offsets.push(0);
        for &old in &order {
            list.clear();
            list.extend(
                self.span(old as usize)
                    .map(|i| (new_index[self.targets[i] as usize], self.lengths[i])),
            );
            list.sort_unstable_by_key(|&(w, _)| w);
            for &(w, length) in &list {
                targets.push(w);
                lengths.push(length);
            }
            offsets.push(targets.len());
        }
        let csr = Csr {
            offsets,
            targets,
            lengths,
        };
        (csr, order)
    }
}

/// Puts values indexed by new node number back in original node order.
fn in_original_order(values: &[f64], order: &[u32]) -> Vec<f64> {
    let mut original = vec![0.0; values.len()];
    for (&old, &x) in order.iter().zip(values) {
        original[old as usize] = x;
    }
    original
}

/// Sources are split into at most this many contiguous chunks, on every machine.
///
/// Enough chunks that two or more threads pulling them stay busy to the end
/// even when one is slowed by other work; few enough that each is long.
const CHUNKS: usize = 32;

/// Chunk lengths are a multiple of this, so a batch of [`Lanes`] never spans two chunks.
const CHUNK_ALIGN: usize = WIDE;

/// Below this much traversal work (nodes times nodes plus edge ends) a thread costs more than it saves.
const PARALLEL_WORK: usize = 1 << 21;

/// The chunks of sources `0..n`: contiguous, in order, their lengths a function of `n` alone.
fn chunks(n: usize) -> Vec<Range<usize>> {
    let len = n
        .div_ceil(CHUNKS)
        .next_multiple_of(CHUNK_ALIGN)
        .max(CHUNK_ALIGN);
    (0..n)
        .step_by(len)
        .map(|start| start..n.min(start + len))
        .collect()
}

/// How many threads to run the sources of `csr` on: one for small graphs, else one per core.
fn workers_for(csr: &Csr) -> usize {
    let n = csr.node_count();
    if n.saturating_mul(n + csr.targets.len()) < PARALLEL_WORK {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Runs a worker over every chunk of the sources `0..n` and returns the results in chunk order.
///
/// Up to `workers` threads (the calling one included) each build a worker
/// with `worker` (so scratch buffers are made once per thread) and pull the
/// next unclaimed chunk until none is left. Which thread ran a chunk, and
/// when, cannot show in the result: each chunk's result depends only on its
/// sources, and results are put back in chunk order before anyone adds them.
fn per_chunk<W, R>(n: usize, workers: usize, worker: impl Fn() -> W + Sync) -> Vec<R>
where
    W: FnMut(Range<usize>) -> R,
    R: Send,
{
    let ranges = chunks(n);
    let next = AtomicUsize::new(0);
    let pull = || {
        let mut work = worker();
        let mut done = Vec::new();
        while let Some(range) = ranges.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((range.start, work(range.clone())));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        // A thread that cannot be started is no loss: the calling thread
        // keeps pulling chunks until all are done.
        let helpers: Vec<_> = (1..workers.min(ranges.len()))
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, pull).ok())
            .collect();
        let mut done = pull();
        for helper in helpers {
            match helper.join() {
                Ok(theirs) => done.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|&(start, _)| start);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Adds per-chunk vectors element by element, in chunk order.
fn add_in_order(parts: Vec<Vec<f64>>, n: usize) -> Vec<f64> {
    let mut total = vec![0.0; n];
    for part in parts {
        for (t, x) in total.iter_mut().zip(part) {
            *t += x;
        }
    }
    total
}

/// Sources per batch of hop betweenness in graphs of fewer than [`NARROW_FROM`] nodes.
const WIDE: usize = 16;

/// Sources per batch in larger graphs, so that a thread's per-lane arrays stay in its cache.
const NARROW: usize = 8;

/// The node count from which batches are [`NARROW`].
const NARROW_FROM: usize = 4096;

/// Brandes sums over ordered pairs, hops as distance, from `workers` threads.
///
/// The batch width only changes how many sources share a pass: each source's
/// arithmetic is the same, so it cannot change a result.
fn hop_sums(csr: &Csr, workers: usize) -> Vec<f64> {
    let n = csr.node_count();
    let parts = if n < NARROW_FROM {
        per_chunk(n, workers, || {
            let mut lanes = Lanes::<WIDE>::new(n);
            move |sources| lanes.brandes(csr, sources)
        })
    } else {
        per_chunk(n, workers, || {
            let mut lanes = Lanes::<NARROW>::new(n);
            move |sources| lanes.brandes(csr, sources)
        })
    };
    add_in_order(parts, n)
}

/// Brandes sums over ordered pairs along the shortest paths of edge length, from `workers` threads.
fn distance_sums(csr: &Csr, workers: usize) -> Vec<f64> {
    let n = csr.node_count();
    let parts = per_chunk(n, workers, || |sources| brandes_dijkstra(csr, sources));
    add_in_order(parts, n)
}

/// Adjacency with tie distance as edge length: the strongest weight over the edge's own.
fn tie_distance_csr(graph: &Graph) -> Csr {
    let strongest = graph.edges().map(|(_, _, w)| w).fold(0.0_f64, f64::max);
    Csr::new(graph, |w| strongest / w)
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

/// For each byte, eight factors: 1.0 where the byte has its bit `l` set, else 0.0.
const BYTE_FACTORS: [[f64; 8]; 256] = {
    let mut table = [[0.0; 8]; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut lane = 0;
        while lane < 8 {
            if (byte >> lane) & 1 == 1 {
                table[byte][lane] = 1.0;
            }
            lane += 1;
        }
        byte += 1;
    }
    table
};

/// 1.0 for the lanes in `mask`, 0.0 for the others.
fn lane_factors<const L: usize>(mask: u32) -> [f64; L] {
    let mut factors = [0.0; L];
    for (i, eight) in factors.chunks_mut(8).enumerate() {
        let byte = (mask >> (8 * i)) & 0xff;
        eight.copy_from_slice(&BYTE_FACTORS[byte as usize][..eight.len()]);
    }
    factors
}

/// Scratch space for Brandes on `L` sources at once, one source per lane.
///
/// Lane `l` is bit `l` of a node's masks and element `l` of its per-lane
/// arrays. The breadth-first searches of the batch advance one level at a
/// time together, so one pass over a node's neighbours serves every lane that
/// reached the node at that level, and the per-lane sums are plain vector
/// additions with no branches. Between batches every array is back to zero.
struct Lanes<const L: usize> {
    /// Lanes that have reached each node so far.
    seen: Vec<u32>,
    /// Lanes reaching each node at the level being discovered.
    next: Vec<u32>,
    /// Shortest-path counts from each lane's source.
    sigma: Vec<[f64; L]>,
    /// Per-level values, zero outside the level: on the way out each node's
    /// path counts, on the way back its `(1 + delta) / sigma`. One array holds
    /// the level being read, the other the level being written.
    level_values: [Vec<[f64; L]>; 2],
    /// Dependency of each lane's source on each node.
    delta: Vec<[f64; L]>,
    /// `(node, lanes)` for each node and level it was reached at, level by level.
    levels: Vec<(u32, u32)>,
    /// Level `k` is `levels[level_start[k]..level_start[k + 1]]`.
    level_start: Vec<usize>,
    /// Nodes newly reached at the level being discovered; one spare slot takes the unconditional write.
    found: Vec<u32>,
    /// Every node reached by any lane in this batch, once; one spare slot as in `found`.
    reached: Vec<u32>,
}

impl<const L: usize> Lanes<L> {
    fn new(n: usize) -> Self {
        const { assert!(L <= 32, "lane masks are u32") };
        Lanes {
            seen: vec![0; n],
            next: vec![0; n],
            sigma: vec![[0.0; L]; n],
            level_values: [vec![[0.0; L]; n], vec![[0.0; L]; n]],
            delta: vec![[0.0; L]; n],
            levels: Vec::new(),
            level_start: Vec::new(),
            found: vec![0; n + 1],
            reached: vec![0; n + 1],
        }
    }

    /// Brandes sums over the sources in `sources`, `L` at a time, in successor form.
    ///
    /// `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`,
    /// summed in neighbour order, then added to `centrality[v]` source by source:
    /// exactly the arithmetic of running the sources one at a time, so the
    /// result does not depend on `L`.
    fn brandes(&mut self, csr: &Csr, sources: Range<usize>) -> Vec<f64> {
        let mut centrality = vec![0.0; csr.node_count()];
        let mut start = sources.start;
        while start < sources.end {
            let batch = start..sources.end.min(start + L);
            start = batch.end;
            let (depth, reached) = self.forward(csr, batch);
            self.backward(csr, depth);
            for &v in &self.reached[..reached] {
                let v = v as usize;
                self.seen[v] = 0;
                self.sigma[v] = [0.0; L];
                // Lane order is source order; lanes that did not reach v add zero.
                let mut sum = centrality[v];
                for d in self.delta[v] {
                    sum += d;
                }
                centrality[v] = sum;
                self.delta[v] = [0.0; L];
            }
        }
        centrality
    }

    /// Breadth-first searches from `batch`, one source per lane; returns the depth and the number of nodes reached.
    ///
    /// One pass over each level pulls the level's path counts from its
    /// neighbours on the level before and discovers the next level.
    fn forward(&mut self, csr: &Csr, batch: Range<usize>) -> (usize, usize) {
        let Lanes {
            seen,
            next,
            sigma,
            level_values,
            levels,
            level_start,
            found,
            reached,
            ..
        } = self;
        levels.clear();
        level_start.clear();
        level_start.push(0);
        let mut reached_len = 0;
        for (lane, s) in batch.enumerate() {
            seen[s] = 1 << lane;
            sigma[s][lane] = 1.0;
            level_values[0][s][lane] = 1.0;
            levels.push((s as u32, 1 << lane));
            reached[reached_len] = s as u32;
            reached_len += 1;
        }
        level_start.push(levels.len());
        let mut depth = 0;
        loop {
            let (before, here) = read_write(level_values, depth % 2);
            let mut found_len = 0;
            for &(v, lanes) in &levels[level_start[depth]..level_start[depth + 1]] {
                let v = v as usize;
                let mut paths = [0.0; L];
                for &w in csr.neighbors(v) {
                    let w = w as usize;
                    for (p, x) in paths.iter_mut().zip(&before[w]) {
                        *p += x;
                    }
                    let new = lanes & !seen[w];
                    found[found_len] = w as u32;
                    found_len += usize::from(next[w] == 0 && new != 0);
                    next[w] |= new;
                }
                if depth > 0 {
                    // `paths` also summed the lanes that reached v on an
                    // earlier level: zero them.
                    let on = lane_factors::<L>(lanes);
                    for l in 0..L {
                        let x = paths[l] * on[l];
                        here[v][l] = x;
                        sigma[v][l] += x;
                    }
                }
            }
            if depth > 0 {
                for &(v, _) in &levels[level_start[depth - 1]..level_start[depth]] {
                    before[v as usize] = [0.0; L];
                }
            }
            if found_len == 0 {
                break;
            }
            for &w in &found[..found_len] {
                let w = w as usize;
                reached[reached_len] = w as u32;
                reached_len += usize::from(seen[w] == 0);
                seen[w] |= next[w];
                levels.push((w as u32, next[w]));
                next[w] = 0;
            }
            level_start.push(levels.len());
            depth += 1;
        }
        for &(v, _) in &levels[level_start[depth]..level_start[depth + 1]] {
            level_values[depth % 2][v as usize] = [0.0; L];
        }
        (depth, reached_len)
    }

    /// Accumulates dependencies from the deepest level back to level 1.
    fn backward(&mut self, csr: &Csr, depth: usize) {
        let Lanes {
            sigma,
            level_values,
            delta,
            levels,
            level_start,
            ..
        } = self;
        for k in (1..=depth).rev() {
            let (after, here) = read_write(level_values, k % 2);
            for &(v, lanes) in &levels[level_start[k]..level_start[k + 1]] {
                let v = v as usize;
                let mut through = [0.0; L];
                for &w in csr.neighbors(v) {
                    for (t, x) in through.iter_mut().zip(&after[w as usize]) {
                        *t += x;
                    }
                }
                // Multiplying by 0/1 zeroes the lanes where v is not on this
                // level without a branch; those lanes divide by sigma + 1, so
                // never by zero, and every value stays finite.
                let on = lane_factors::<L>(lanes);
                for l in 0..L {
                    let d = sigma[v][l] * through[l];
                    here[v][l] = (1.0 + d) / (sigma[v][l] + (1.0 - on[l])) * on[l];
                    delta[v][l] += d * on[l];
                }
            }
            if k < depth {
                for &(v, _) in &levels[level_start[k + 1]..level_start[k + 2]] {
                    after[v as usize] = [0.0; L];
                }
            }
        }
        if depth > 0 {
            for &(v, _) in &levels[level_start[1]..level_start[2]] {
                level_values[1][v as usize] = [0.0; L];
            }
        }
    }
}

/// The array to read (the other level) and the one to write (`write`), of a pair.
fn read_write<T>(pair: &mut [T; 2], write: usize) -> (&mut T, &mut T) {
    let [even, odd] = pair;
    if write == 0 { (odd, even) } else { (even, odd) }
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
/// A neighbour joins the queue by adding a flag to the queue's length, not by
/// a branch; nodes are counted per distance so there is one division per
/// level, not per node.
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

    /// Brandes from each source one at a time: the textbook loop, in successor form.
    fn one_source_at_a_time(csr: &Csr, sources: Range<usize>) -> Vec<f64> {
        let n = csr.node_count();
        let mut centrality = vec![0.0; n];
        for s in sources {
            let mut dist = vec![UNREACHED; n];
            let mut sigma = vec![0.0; n];
            let mut order = vec![s];
            dist[s] = 0;
            sigma[s] = 1.0;
            let mut head = 0;
            while let Some(&v) = order.get(head) {
                head += 1;
                for &w in csr.neighbors(v) {
                    let w = w as usize;
                    if dist[w] == UNREACHED {
                        dist[w] = dist[v] + 1;
                        order.push(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                    }
                }
            }
            let mut coeff = vec![0.0; n];
            for &v in order.iter().rev() {
                let mut through = 0.0;
                for &w in csr.neighbors(v) {
                    if dist[w as usize] == dist[v] + 1 {
                        through += coeff[w as usize];
                    }
                }
                let delta = sigma[v] * through;
                coeff[v] = (1.0 + delta) / sigma[v];
                if v != s {
                    centrality[v] += delta;
                }
            }
        }
        centrality
    }

    /// A scale-free graph plus a separate triangle, a separate edge and two isolated nodes.
    fn scale_free_with_islands(n: usize, seed: u64) -> Graph {
        let core = crate::analysis::scale_free(n, 2, seed);
        let mut b = Graph::builder();
        for (x, y, w) in core.edges() {
            b.add_edge(&x.to_string(), &y.to_string(), w);
        }
        for (x, y) in [("t1", "t2"), ("t2", "t3"), ("t3", "t1"), ("e1", "e2")] {
            b.add_edge(x, y, 1.0);
        }
        b.add_node("alone");
        b.add_node("also alone");
        b.build()
    }

    #[test]
    fn lanes_match_one_source_at_a_time_bit_for_bit() {
        for g in [scale_free_with_islands(300, 3), graph(&[("a", "b")])] {
            let (csr, _) = Csr::new(&g, |_| 1.0).in_breadth_first_order();
            let n = csr.node_count();
            // Reusing one scratch across chunks, as a worker does; the
            // ranges leave partial batches of 8 and of 16.
            let (mut eight, mut sixteen) = (Lanes::<NARROW>::new(n), Lanes::<WIDE>::new(n));
            for range in [0..n, 0..n.min(37), n.min(37)..n, n / 2..n] {
                let expected = one_source_at_a_time(&csr, range.clone());
                assert_eq!(eight.brandes(&csr, range.clone()), expected);
                assert_eq!(sixteen.brandes(&csr, range), expected);
            }
        }
    }

    #[test]
    fn worker_count_never_changes_a_result() {
        // Large enough for many chunks and for the threading threshold.
        let g = scale_free_with_islands(1_500, 7);
        let weighted = Graph::from_edges(
            g.edges()
                .map(|(a, b, _)| (a.to_string(), b.to_string(), f64::from(1 + (a + b) % 5))),
        );
        let (hops, _) = Csr::new(&g, |_| 1.0).in_breadth_first_order();
        let distances = tie_distance_csr(&weighted);
        let n = hops.node_count();
        assert!(n * (n + hops.targets.len()) >= PARALLEL_WORK);
        let one = (hop_sums(&hops, 1), distance_sums(&distances, 1));
        for workers in [2, 3, 8, 100] {
            assert_eq!(hop_sums(&hops, workers), one.0, "{workers} workers");
            assert_eq!(
                distance_sums(&distances, workers),
                one.1,
                "{workers} workers"
            );
        }
        // And the sums are the chunks' sums added in chunk order.
        let parts = chunks(n)
            .into_iter()
            .map(|range| one_source_at_a_time(&hops, range))
            .collect();
        assert_eq!(one.0, add_in_order(parts, n));
    }

    #[test]
    fn breadth_first_numbering_keeps_every_edge_and_length() {
        // a0 - d1 - c3 - b2: the search from a meets c before b.
        let g = Graph::from_edges([("a", "d", 1.0), ("b", "c", 2.0), ("c", "d", 3.0)]);
        let (renumbered, order) = Csr::new(&g, |w| w).in_breadth_first_order();
        assert_eq!(order, [0, 1, 3, 2]);
        assert_eq!(renumbered.neighbors(2), [1, 3]);
        assert_eq!(renumbered.lengths[renumbered.span(2)], [3.0, 2.0]);
        let g = scale_free_with_islands(60, 1);
        let csr = Csr::new(&g, |w| w);
        let (renumbered, order) = csr.in_breadth_first_order();
        let mut every = order.clone();
        every.sort_unstable();
        assert!(every.iter().copied().eq(0..g.node_count() as u32));
        for (new, &old) in order.iter().enumerate() {
            let mut edges: Vec<(u32, f64)> = renumbered
                .span(new)
                .map(|i| (order[renumbered.targets[i] as usize], renumbered.lengths[i]))
                .collect();
            edges.sort_unstable_by_key(|&(w, _)| w);
            assert_eq!(edges, g.neighbors(old));
        }
    }

    #[test]
    fn chunks_are_fixed_contiguous_and_lane_aligned() {
        for n in [0, 1, 15, 16, 17, 47, 511, 512, 2_000, 10_000, 123_457] {
            let ranges = chunks(n);
            assert!(ranges.len() <= CHUNKS, "{n}: {} chunks", ranges.len());
            let mut next = 0;
            for (i, r) in ranges.iter().enumerate() {
                assert_eq!(r.start, next);
                assert!(r.end > r.start);
                if i + 1 < ranges.len() {
                    assert_eq!(r.len() % CHUNK_ALIGN, 0);
                }
                next = r.end;
            }
            assert_eq!(next, n);
        }
    }
}
