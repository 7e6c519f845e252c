//! Where two runs diverge: per turn, the state hash and the metric deltas.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::TurnOutcome;

/// How two runs compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The first turn whose state hash differs, or where one run ends first.
    pub first_divergence: Option<u32>,
    /// The report, one line per difference.
    pub text: String,
}

fn deltas(a: &BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> Vec<String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let x = a.get(k).copied().unwrap_or(0);
            let y = b.get(k).copied().unwrap_or(0);
            (x != y).then(|| format!("{} {x} → {y} ({:+})", super::metric_words(k), y - x))
        })
        .collect()
}

/// Compare two runs turn by turn. `team_names` maps team ids to names for the
/// per-team lines.
pub fn compare(
    a: &[TurnOutcome],
    b: &[TurnOutcome],
    team_names: &BTreeMap<String, String>,
) -> Comparison {
    let mut text = String::new();
    let mut first = None;
    let turns = a.len().max(b.len());
    for i in 0..turns {
        let turn = i as u32 + 1;
        let (x, y) = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => (x, y),
            (Some(_), None) => {
                first.get_or_insert(turn);
                text.push_str(&format!(
                    "turn {turn}: only in A (B ends at turn {})\n",
                    b.len()
                ));
                continue;
            }
            (None, Some(_)) => {
                first.get_or_insert(turn);
                text.push_str(&format!(
                    "turn {turn}: only in B (A ends at turn {})\n",
                    a.len()
                ));
                continue;
            }
            (None, None) => break,
        };
        if x.state_hash == y.state_hash {
            continue;
        }
        first.get_or_insert(turn);
        text.push_str(&format!(
            "turn {turn}: state differs (A {}, B {})\n",
            x.state_hash.get(..12).unwrap_or(&x.state_hash),
            y.state_hash.get(..12).unwrap_or(&y.state_hash)
        ));
        for d in deltas(&x.metrics.metrics, &y.metrics.metrics) {
            text.push_str(&format!("  {d}\n"));
        }
        let ids: BTreeSet<&String> = x
            .metrics
            .teams
            .keys()
            .chain(y.metrics.teams.keys())
            .collect();
        let empty = BTreeMap::new();
        for id in ids {
            let lines = deltas(
                x.metrics.teams.get(id).unwrap_or(&empty),
                y.metrics.teams.get(id).unwrap_or(&empty),
            );
            if lines.is_empty() {
                continue;
            }
            let name = team_names.get(id).unwrap_or(id);
            text.push_str(&format!("  {name}: {}\n", lines.join(", ")));
        }
    }
    let head = match first {
        None => format!(
            "The runs are identical: {} turns, every state hash equal.\n",
            a.len()
        ),
        Some(t) => format!("The runs diverge at turn {t}.\n"),
    };
    Comparison {
        first_divergence: first,
        text: head + &text,
    }
}
