//! The cost of each turn of a headless run with bots in every seat (views,
//! bots and the engine's step), and the average of the early and late turns:
//! the figures behind the "a late turn costs at most twice an early one"
//! target of docs/BENCHMARKS.md.
//!
//! ```sh
//! target/release/undertow generate --actors 10000 --seed 1 > /tmp/gen10000.ron
//! cargo run --release --example turn_costs -- /tmp/gen10000.ron [POLICY]
//! ```

use std::time::Instant;

// The allocator of the `undertow` binary, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use undertow::bots::Policy;
use undertow::engine::setup::Setup;
use undertow::sweep::Run;

#[allow(clippy::disallowed_methods)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: turn_costs SCENARIO.ron [POLICY]");
        std::process::exit(2);
    };
    let policy = match args.get(2) {
        Some(name) => Policy::from_name(name).ok_or(format!("no policy `{name}`"))?,
        None => Policy::Baseline,
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let scenario = undertow::scenario::parse_scenario(path, &text)?;
    let catalog =
        undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &scenario);
    let seed = scenario.seed;
    let turns = scenario.turns;
    let mut run = Run::new(Setup::new(scenario, catalog)?, seed, policy)?;
    let mut costs = Vec::new();
    while run.turn() < turns {
        let start = Instant::now();
        run.play_turn();
        costs.push(start.elapsed().as_secs_f64() * 1000.0);
        println!("turn {:>2}: {:8.2} ms", run.turn(), costs[costs.len() - 1]);
    }
    let mean = |from: usize, to: usize| {
        let part = &costs[from.min(costs.len())..to.min(costs.len())];
        part.iter().sum::<f64>() / part.len().max(1) as f64
    };
    let (early, late) = (mean(1, 10), mean(10, costs.len()));
    println!(
        "turns 2-10: {early:.2} ms a turn; turns 11-{}: {late:.2} ms a turn; late / early = {:.2}",
        costs.len(),
        late / early
    );
    Ok(())
}
