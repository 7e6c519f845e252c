//! "Against the bots": where a run's final figures sit among a sweep's bot
//! runs of the same scenario, for the debrief.

use std::path::Path;

use super::Run;
use crate::bots::Policy;
use crate::scenario::Metric;
use crate::sweep::RunRecord;
use crate::sweep::stats::percentile_rank;

/// Why a sweep cannot be set beside a run.
#[derive(Debug, thiserror::Error)]
pub enum AgainstError {
    /// The sweep holds no run of the journal's scenario.
    #[error(
        "{sweep} holds no runs of {scenario}, the scenario of {journal}; it holds runs of {held}"
    )]
    OtherScenario {
        sweep: String,
        scenario: String,
        journal: String,
        held: String,
    },
    /// The sweep file has no runs at all.
    #[error("{sweep} holds no runs")]
    Empty { sweep: String },
}

/// The runs of `records` that played the run's scenario: sweeps name a
/// scenario by the path they were given, journals by its file name, so the
/// file names are compared.
fn same_scenario<'r>(run: &Run, records: &'r [RunRecord]) -> Vec<&'r RunRecord> {
    records
        .iter()
        .filter(|r| file_name(&r.scenario) == run.scenario_name)
        .collect()
}

fn file_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// The policies in the order the sweep first lists them (its `--bots` order).
fn policies(records: &[&RunRecord]) -> Vec<Policy> {
    let mut out: Vec<Policy> = Vec::new();
    for r in records {
        if !out.contains(&r.bots) {
            out.push(r.bots);
        }
    }
    out
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st...
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// The report's "Against the bots" section: per metric, the run's final
/// value and its percentile among each policy's runs of the same scenario.
pub fn against_sweep(
    run: &Run,
    sweep: &str,
    records: &[RunRecord],
) -> Result<String, AgainstError> {
    if records.is_empty() {
        return Err(AgainstError::Empty {
            sweep: sweep.to_string(),
        });
    }
    let runs = same_scenario(run, records);
    if runs.is_empty() {
        let mut held: Vec<&str> = records.iter().map(|r| file_name(&r.scenario)).collect();
        held.sort_unstable();
        held.dedup();
        return Err(AgainstError::OtherScenario {
            sweep: sweep.to_string(),
            scenario: run.scenario_name.clone(),
            journal: run.name.clone(),
            held: held.join(", "),
        });
    }
    let policies = policies(&runs);
    let last = run.last_turn();
    let mut out = String::from("## Against the bots\n\n");
    out.push_str(&format!(
        "Where this run's final figures sit among {} bot runs of {} in {sweep}: for each policy, \
         the share of its runs that ended below this run (ties count half), and their median. \
         A percentile of 50 is a typical bot run; above 50, this run ended higher on that figure \
         (better for arrests, worse for lives lost or the capability left to the network).\n\n",
        runs.len(),
        run.scenario_name,
    ));
    let mut turns: Vec<u32> = runs.iter().map(|r| r.turns).collect();
    turns.sort_unstable();
    turns.dedup();
    if turns != [last] {
        let played: Vec<String> = turns.iter().map(u32::to_string).collect();
        out.push_str(&format!(
            "This run played {last} turns; the sweep's runs played {}: the figures are not of the same length of game.\n\n",
            played.join(" or ")
        ));
    }
    out.push_str("| Metric | This run |");
    for p in &policies {
        let n = runs.iter().filter(|r| r.bots == *p).count();
        out.push_str(&format!(" {} ({n} runs) |", p.name()));
    }
    out.push_str("\n|---|---:|");
    out.push_str(&"---:|".repeat(policies.len()));
    out.push('\n');
    for metric in Metric::ALL {
        let value = run.metric_at(metric, last);
        out.push_str(&format!("| {} | {value} |", metric.words()));
        for p in &policies {
            let values: Vec<f64> = runs
                .iter()
                .filter(|r| r.bots == *p)
                .map(|r| r.metrics.get(metric) as f64)
                .collect();
            match percentile_rank(value as f64, &values) {
                Some(pct) => out.push_str(&format!(
                    " {} percentile (median {}) |",
                    ordinal(pct.round() as u32),
                    number(median(&values))
                )),
                None => out.push_str(" - |"),
            }
        }
        out.push('\n');
    }
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn a_sweep_names_its_scenario_by_path_and_a_journal_by_file_name() {
        assert_eq!(file_name("scenarios/tutorial.ron"), "tutorial.ron");
        assert_eq!(file_name("tutorial.ron"), "tutorial.ron");
    }

    #[test]
    fn percentiles_read_as_ordinals() {
        let said: Vec<String> = [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 50, 100, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            said,
            [
                "0th", "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "50th",
                "100th", "101st", "111th"
            ]
        );
    }

    #[test]
    fn whole_numbers_print_without_a_decimal() {
        assert_eq!(number(4.0), "4");
        assert_eq!(number(2.5), "2.5");
    }
}
