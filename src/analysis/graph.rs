//! An undirected, optionally weighted graph of named actors.

use std::collections::BTreeMap;

/// The weight an edge gets when its source gives none.
pub const DEFAULT_WEIGHT: f64 = 1.0;

/// An undirected graph whose nodes are string ids indexed in order of first appearance.
///
/// Edge weights are tie strengths (a count of meetings or calls, say): larger
/// means closer. Adjacency lists are sorted by neighbour index so every
/// traversal, and so every result, is the same on every run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    ids: Vec<String>,
    index: BTreeMap<String, u32>,
    adjacency: Vec<Vec<(u32, f64)>>,
    edge_count: usize,
}

impl Graph {
    /// Starts an empty builder.
    pub fn builder() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Builds a graph from `(a, b, weight)` edges with the merging rules of [`GraphBuilder`].
    pub fn from_edges<I, S>(edges: I) -> Graph
    where
        I: IntoIterator<Item = (S, S, f64)>,
        S: AsRef<str>,
    {
        let mut builder = GraphBuilder::default();
        for (a, b, weight) in edges {
            builder.add_edge(a.as_ref(), b.as_ref(), weight);
        }
        builder.build()
    }

    /// Number of nodes, isolated ones included.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// Number of undirected edges after merging.
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// Node ids, position `i` being the id of node index `i`.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The id of node `index`, if it exists.
    pub fn id(&self, index: u32) -> Option<&str> {
        self.ids.get(index as usize).map(String::as_str)
    }

    /// The index of the node called `id`, if it exists.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// Neighbours of node `index` with edge weights, sorted by neighbour index.
    pub fn neighbors(&self, index: u32) -> &[(u32, f64)] {
        self.adjacency
            .get(index as usize)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The whole adjacency structure, one sorted list per node.
    pub fn adjacency(&self) -> &[Vec<(u32, f64)>] {
        &self.adjacency
    }

    /// Number of neighbours of node `index`.
    pub fn degree(&self, index: u32) -> usize {
        self.neighbors(index).len()
    }

    /// Sum of the weights of the edges at node `index`.
    pub fn strength(&self, index: u32) -> f64 {
        self.neighbors(index).iter().map(|&(_, w)| w).sum()
    }

    /// Every edge once, as `(a, b, weight)` with `a < b`, sorted.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        self.adjacency.iter().enumerate().flat_map(|(a, list)| {
            let a = a as u32;
            list.iter()
                .filter(move |&&(b, _)| a < b)
                .map(move |&(b, w)| (a, b, w))
        })
    }

    /// The subgraph on the nodes where `keep` is true, in their original relative order.
    ///
    /// Nodes past the end of `keep` are dropped. Keeping the order means that
    /// "first appearance" tie-breaks mean the same thing in the subgraph.
    pub fn induced(&self, keep: &[bool]) -> Graph {
        let mut new_index = vec![u32::MAX; self.ids.len()];
        let mut ids = Vec::new();
        for (old, id) in self.ids.iter().enumerate() {
            if keep.get(old).copied().unwrap_or(false) {
                new_index[old] = ids.len() as u32;
                ids.push(id.clone());
            }
        }
        let mut adjacency = Vec::with_capacity(ids.len());
        let mut twice_edges = 0;
        for (old, list) in self.adjacency.iter().enumerate() {
            if new_index[old] == u32::MAX {
                continue;
            }
            // Old neighbour order is preserved by the monotone renumbering,
            // so the new lists stay sorted.
            let kept: Vec<(u32, f64)> = list
                .iter()
                .filter_map(|&(b, w)| {
                    let nb = new_index[b as usize];
                    (nb != u32::MAX).then_some((nb, w))
                })
                .collect();
            twice_edges += kept.len();
            adjacency.push(kept);
        }
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u32))
            .collect();
        Graph {
            ids,
            index,
            adjacency,
            edge_count: twice_edges / 2,
        }
    }
}

/// Collects nodes and edges, then builds a [`Graph`].
///
/// Merging rules, chosen so that call or meeting counts add up:
/// - an edge given in both directions, or given twice, is one edge whose
///   weight is the **sum** of the weights given (a→b 5 calls and b→a 6 calls
///   is a tie of strength 11);
/// - self-loops are dropped (their ends still become nodes);
/// - a weight that is not finite and positive counts as [`DEFAULT_WEIGHT`];
///   [`parse_graph`](super::parse_graph) rejects such weights with a position first.
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    ids: Vec<String>,
    index: BTreeMap<String, u32>,
    edges: BTreeMap<(u32, u32), f64>,
    self_loops: usize,
}

impl GraphBuilder {
    /// Adds a node if it is new and returns its index.
    pub fn add_node(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.push(id.to_owned());
        self.index.insert(id.to_owned(), i);
        i
    }

    /// Adds an undirected edge, merging it with an earlier edge between the same two nodes.
    pub fn add_edge(&mut self, a: &str, b: &str, weight: f64) {
        let a = self.add_node(a);
        let b = self.add_node(b);
        if a == b {
            self.self_loops += 1;
            return;
        }
        let weight = if weight.is_finite() && weight > 0.0 {
            weight
        } else {
            DEFAULT_WEIGHT
        };
        *self.edges.entry((a.min(b), a.max(b))).or_insert(0.0) += weight;
    }

    /// Number of self-loops seen and dropped so far.
    pub fn self_loops_dropped(&self) -> usize {
        self.self_loops
    }

    /// Finishes the graph.
    pub fn build(self) -> Graph {
        // Keys iterate sorted by (low, high), so pushing every node's lower
        // neighbours first, then its higher ones, leaves each list sorted.
        let mut adjacency: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.ids.len()];
        for (&(a, b), &w) in &self.edges {
            adjacency[b as usize].push((a, w));
        }
        let mut highs: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.ids.len()];
        for (&(a, b), &w) in &self.edges {
            highs[a as usize].push((b, w));
        }
        for (list, high) in adjacency.iter_mut().zip(highs) {
            list.extend(high);
        }
        Graph {
            ids: self.ids,
            index: self.index,
            adjacency,
            edge_count: self.edges.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_both_directions_by_summing_and_drops_self_loops() {
        let g = Graph::from_edges([
            ("18", "19", 5.0),
            ("19", "18", 6.0),
            ("18", "18", 1.0),
            ("a", "18", 1.0),
        ]);
        assert_eq!(g.ids(), ["18", "19", "a"]);
        assert_eq!(g.edge_count(), 2);
        assert_eq!(g.neighbors(0), &[(1, 11.0), (2, 1.0)]);
        assert_eq!(g.neighbors(2), &[(0, 1.0)]);
    }

    #[test]
    fn adjacency_is_sorted_and_symmetric() {
        let g = Graph::from_edges([("c", "a", 1.0), ("b", "c", 1.0), ("a", "b", 2.0)]);
        for (v, list) in g.adjacency().iter().enumerate() {
            assert!(list.windows(2).all(|p| p[0].0 < p[1].0), "{list:?}");
            for &(u, w) in list {
                assert!(g.neighbors(u).contains(&(v as u32, w)));
            }
        }
        assert_eq!(g.edges().collect::<Vec<_>>().len(), 3);
    }

    #[test]
    fn isolated_nodes_and_bad_weights() {
        let mut b = Graph::builder();
        b.add_node("lonely");
        b.add_edge("x", "y", f64::NAN);
        b.add_edge("y", "x", -3.0);
        let g = b.build();
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.degree(0), 0);
        assert_eq!(g.neighbors(1), &[(2, 2.0)]);
        assert_eq!(g.neighbors(99), &[]);
    }

    #[test]
    fn induced_keeps_order_and_edges() {
        let g = Graph::from_edges([("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", 1.0)]);
        let h = g.induced(&[true, false, true, true]);
        assert_eq!(h.ids(), ["a", "c", "d"]);
        assert_eq!(h.edge_count(), 1);
        assert_eq!(h.index_of("d"), Some(2));
        assert_eq!(h.neighbors(1), &[(2, 1.0)]);
    }
}
