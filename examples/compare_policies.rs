//! Compare the bot policies on a scenario over seeds 1 to 8: the mean of the
//! final metrics of each. A scenario designer's balancing aid:
//!
//! ```sh
//! cargo run --release --example compare_policies -- scenarios/maritime-route.ron
//! ```

use undertow::bots::Policy;
use undertow::engine::setup::TeamIx;
use undertow::session::Session;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: compare_policies SCENARIO.ron");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let sc = undertow::scenario::parse_scenario(path, &text).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let cat = undertow::scenario::resolve_catalog(&undertow::scenario::default_catalog(), &sc);
    for (name, pol) in [
        ("passive", Policy::Passive),
        ("baseline", Policy::Baseline),
        ("coop", Policy::Cooperative),
        ("siloed", Policy::Siloed),
    ] {
        let mut tot = [0i64; 11];
        let seeds = 1..=8u64;
        for seed in seeds.clone() {
            let mut s = Session::start(path, &text, sc.clone(), cat.clone(), seed, None)?;
            while !s.finished() {
                for t in TeamIx::all(s.setup().teams.len()) {
                    let o = s.bot_orders(t, pol);
                    s.set_orders(t, o);
                }
                s.commit()?;
            }
            let m = &s
                .outcomes()
                .last()
                .ok_or("the scenario has no turn")?
                .metrics
                .metrics;
            for (i, k) in [
                "disruption_score",
                "protection_score",
                "network_capability",
                "convicted",
                "organisers_convicted",
                "lives_lost",
                "victims_identified",
                "victims_protected",
                "rescued",
                "re_trafficked",
                "migrants_criminalised",
            ]
            .iter()
            .enumerate()
            {
                tot[i] += m[*k];
            }
        }
        let n = 8;
        println!(
            "{name:9} disr {:5} prot {:5} cap {:5} conv {:4} org {:3} lost {:4} id {:4} prot {:4} resc {:4} retr {:4} crim {:4}",
            tot[0] / n,
            tot[1] / n,
            tot[2] / n,
            tot[3] / n,
            tot[4],
            tot[5] / n,
            tot[6] / n,
            tot[7] / n,
            tot[8] / n,
            tot[9] / n,
            tot[10] / n
        );
    }
    Ok(())
}
