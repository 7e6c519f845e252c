//! Times our betweenness on an edge-list file, for `scripts/compare_networkx.py`.
//!
//! ```text
//! cargo run --release --example betweenness_timing -- write FILE [NODES] [M] [SEED]
//! cargo run --release --example betweenness_timing -- FILE [RUNS]
//! ```
//! The first form writes `scale_free(NODES, M, SEED)` as a tab-separated edge
//! list; the second prints one JSON object with the best time of RUNS runs and
//! the normalised betweenness of every node.

use std::process::ExitCode;
use std::time::Instant;

use undertow::analysis::{Format, betweenness, read_graph, scale_free};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("write") => write(&args[1..]),
        Some(file) => time(file, args.get(1)),
        None => Err("usage: betweenness_timing write FILE [NODES] [M] [SEED] | FILE [RUNS]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("betweenness_timing: {message}");
            ExitCode::FAILURE
        }
    }
}

fn number(arg: Option<&String>, default: u64) -> Result<u64, String> {
    arg.map_or(Ok(default), |a| {
        a.parse().map_err(|_| format!("`{a}` is not a number"))
    })
}

fn write(args: &[String]) -> Result<(), String> {
    let file = args.first().ok_or("write needs a FILE")?;
    let nodes = number(args.get(1), 2_000)? as usize;
    let m = number(args.get(2), 2)? as usize;
    let seed = number(args.get(3), 1)?;
    let graph = scale_free(nodes, m, seed);
    let mut text = String::new();
    for (a, b, _) in graph.edges() {
        let (a, b) = (graph.id(a).unwrap_or(""), graph.id(b).unwrap_or(""));
        text.push_str(&format!("{a}\t{b}\n"));
    }
    std::fs::write(file, text).map_err(|e| format!("{file}: {e}"))
}

#[allow(
    clippy::disallowed_methods,
    reason = "timing the analytics is the point of this example; no simulation runs here"
)]
fn time(file: &str, runs: Option<&String>) -> Result<(), String> {
    let runs = number(runs, 3)?.max(1);
    let reader = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
    let graph = read_graph(reader, Format::EdgeList)
        .map_err(|e| format!("{file}:{e}"))?
        .graph;
    let mut best = f64::INFINITY;
    let mut values = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        values = betweenness(&graph, true);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let by_id: serde_json::Map<String, serde_json::Value> = graph
        .ids()
        .iter()
        .cloned()
        .zip(values.into_iter().map(serde_json::Value::from))
        .collect();
    let out = serde_json::json!({
        "nodes": graph.node_count(),
        "edges": graph.edge_count(),
        "runs": runs,
        "seconds": best,
        "betweenness": by_id,
    });
    println!("{out}");
    Ok(())
}
