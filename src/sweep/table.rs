//! The summary a sweep prints: per scenario, a table of policies by metric,
//! each cell the mean ± sd and the 95% confidence interval of the final values.

use std::fmt::Write as _;

use super::RunRecord;
use super::stats::Summary;
use crate::bots::Policy;
use crate::scenario::Metric;

/// The runs of one policy.
pub(super) type PolicyRuns<'r> = (Policy, Vec<&'r RunRecord>);

/// The records grouped by scenario and policy, each in order of first appearance.
pub(super) fn grouped(records: &[RunRecord]) -> Vec<(&str, Vec<PolicyRuns<'_>>)> {
    let mut out: Vec<(&str, Vec<PolicyRuns<'_>>)> = Vec::new();
    for r in records {
        let scenario = match out.iter().position(|(s, _)| *s == r.scenario) {
            Some(i) => i,
            None => {
                out.push((&r.scenario, Vec::new()));
                out.len() - 1
            }
        };
        let policies = &mut out[scenario].1;
        match policies.iter_mut().find(|(p, _)| *p == r.bots) {
            Some((_, runs)) => runs.push(r),
            None => policies.push((r.bots, vec![r])),
        }
    }
    out
}

/// The final values of one metric over some runs.
pub(super) fn values(runs: &[&RunRecord], metric: Metric) -> Vec<f64> {
    runs.iter().map(|r| r.metrics.get(metric) as f64).collect()
}

/// The table of every scenario among the records, one after another.
/// Records must come in the order a sweep lists them; the table then reads
/// the same for a whole sweep and for its shards merged.
pub fn render_table(records: &[RunRecord]) -> String {
    let mut out = String::new();
    for (i, (scenario, policies)) in grouped(records).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        scenario_table(&mut out, scenario, policies);
    }
    if records.is_empty() {
        out.push_str("no runs finished\n");
    }
    out
}

fn scenario_table(out: &mut String, scenario: &str, policies: &[PolicyRuns<'_>]) {
    let all = policies.iter().flat_map(|(_, runs)| runs.iter());
    let (mut first, mut last) = (u64::MAX, 0);
    let (mut fewest, mut most) = (u32::MAX, 0);
    for r in all {
        first = first.min(r.seed);
        last = last.max(r.seed);
        fewest = fewest.min(r.turns);
        most = most.max(r.turns);
    }
    let turns = if fewest == most {
        format!("{most} turns")
    } else {
        format!("{fewest}–{most} turns")
    };
    let _ = writeln!(
        out,
        "{scenario}: seeds {first}..{last}, {turns}; final values, mean ± sd [95% confidence interval of the mean]"
    );
    let mut columns: Vec<Vec<String>> = vec![
        std::iter::once("metric".to_string())
            .chain(Metric::ALL.iter().map(|m| m.key().to_string()))
            .collect(),
    ];
    for (policy, runs) in policies {
        let n = runs.len();
        let head = format!(
            "{} ({n} run{})",
            policy.name(),
            if n == 1 { "" } else { "s" }
        );
        let cells = Metric::ALL
            .iter()
            .map(|&m| cell(Summary::of(&values(runs, m))));
        columns.push(std::iter::once(head).chain(cells).collect());
    }
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| c.iter().map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    for row in 0..=Metric::ALL.len() {
        let mut line = String::new();
        for (c, column) in columns.iter().enumerate() {
            let text = &column[row];
            if c > 0 {
                line.push_str("   ");
            }
            let pad = widths[c] - text.chars().count();
            line.push_str(text);
            line.extend(std::iter::repeat_n(' ', pad));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// `mean ± sd [low, high]`, one decimal each; the interval needs two runs.
fn cell(summary: Option<Summary>) -> String {
    let Some(s) = summary else {
        return "–".into();
    };
    match s.ci95 {
        Some((lo, hi)) => format!("{:.1} ± {:.1} [{lo:.1}, {hi:.1}]", s.mean, s.sd),
        None => format!("{:.1} ± {:.1} [–]", s.mean, s.sd),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sweep::FinalMetrics;

    pub(crate) fn record(scenario: &str, bots: Policy, seed: u64, arrested: i64) -> RunRecord {
        let line = format!(
            r#"{{"scenario":"{scenario}","bots":"{}","seed":{seed},"turns":8,"state_hash":"00","metrics":{}}}"#,
            bots.name(),
            serde_json::to_string(&FinalMetrics::default()).unwrap()
        );
        let mut r: RunRecord = serde_json::from_str(&line).unwrap();
        let with = serde_json::to_string(&r.metrics)
            .unwrap()
            .replace("\"arrested\":0", &format!("\"arrested\":{arrested}"));
        r.metrics = serde_json::from_str(&with).unwrap();
        r
    }

    #[test]
    fn one_table_per_scenario_policies_in_order_with_mean_sd_and_interval() {
        let records = vec![
            record("b.ron", Policy::Siloed, 1, 2),
            record("b.ron", Policy::Siloed, 2, 4),
            record("b.ron", Policy::Siloed, 3, 6),
            record("b.ron", Policy::Baseline, 1, 5),
            record("a.ron", Policy::Baseline, 1, 1),
        ];
        let text = render_table(&records);
        let blocks: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(blocks.len(), 2, "{text}");
        assert!(
            blocks[0].starts_with("b.ron: seeds 1..3, 8 turns;"),
            "{text}"
        );
        assert!(
            blocks[1].starts_with("a.ron: seeds 1..1, 8 turns;"),
            "{text}"
        );
        let head = blocks[0].lines().nth(1).unwrap();
        assert!(head.starts_with("metric"), "{head}");
        let siloed = head.find("siloed (3 runs)").unwrap();
        let baseline = head.find("baseline (1 run)").unwrap();
        assert!(siloed < baseline, "{head}");
        let arrested = blocks[0]
            .lines()
            .find(|l| l.starts_with("arrested "))
            .unwrap();
        // Mean 4, sd 2, t(0.975, 2) = 4.303: 4 ± 4.303 × 2 / √3.
        assert!(arrested.contains("4.0 ± 2.0 [-1.0, 9.0]"), "{arrested}");
        assert!(arrested.contains("5.0 ± 0.0 [–]"), "{arrested}");
        // Every metric has its row.
        assert_eq!(blocks[0].lines().count(), 2 + Metric::ALL.len());
        assert_eq!(render_table(&[]), "no runs finished\n");
    }
}
