//! Golden per-turn state hashes of the shipped scenarios under their default
//! seed and baseline bots, so any drift in the model shows in review.
//!
//! When the model changes on purpose, regenerate them and review the diff:
//!
//! ```sh
//! UNDERTOW_BLESS=1 cargo test --test golden
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::path::Path;

const BIN: &str = env!("CARGO_BIN_EXE_undertow");

fn check(scenario: &str) {
    let out = std::process::Command::new(BIN)
        .args([
            "run",
            &format!("scenarios/{scenario}.ron"),
            "--bots",
            "baseline",
            "--json",
        ])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hashes: String = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            format!(
                "{} {}\n",
                v["turn"],
                v["state_hash"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let golden = Path::new("tests/golden").join(format!("{scenario}.hashes"));
    if std::env::var_os("UNDERTOW_BLESS").is_some() {
        std::fs::write(&golden, &hashes).expect("golden file writes");
        return;
    }
    let want = std::fs::read_to_string(&golden)
        .expect("golden file exists: run with UNDERTOW_BLESS=1 once");
    assert!(
        want == hashes,
        "{scenario}: state hashes drifted from {}; if the model changed on purpose, run \
         `UNDERTOW_BLESS=1 cargo test --test golden` and review the diff",
        golden.display()
    );
}

#[test]
fn tutorial_hashes_are_golden() {
    check("tutorial");
}

#[test]
fn maritime_route_hashes_are_golden() {
    check("maritime-route");
}

#[test]
fn air_corridor_hashes_are_golden() {
    check("air-corridor");
}

#[test]
fn scam_compound_hashes_are_golden() {
    check("scam-compound");
}
