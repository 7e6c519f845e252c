//! One finished run as a line of `undertow sweep --json`, and reading such
//! lines back (`--merge`, `report --against-sweep`).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::SweepError;
use crate::bots::Policy;
use crate::scenario::Metric;

/// One finished run: the line `sweep --json` prints for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    /// The scenario's path, as given to the sweep.
    pub scenario: String,
    /// The policy every team played.
    pub bots: Policy,
    pub seed: u64,
    /// Turns played.
    pub turns: u32,
    /// The state hash after the last turn, as `run --json` prints it.
    pub state_hash: String,
    /// The exercise-wide metrics after the last turn.
    pub metrics: FinalMetrics,
}

/// The exercise-wide metrics at the end of a run: every metric, written as
/// `run --json` writes its `metrics` object (a map by key, keys in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FinalMetrics([i64; Metric::ALL.len()]);

impl FinalMetrics {
    /// The metrics of a run's last outcome line.
    pub fn of(metrics: &crate::engine::metrics::TurnMetrics) -> FinalMetrics {
        FinalMetrics(Metric::ALL.map(|m| metrics.get(m)))
    }

    /// One metric's value.
    pub fn get(&self, metric: Metric) -> i64 {
        Metric::ALL
            .iter()
            .position(|&m| m == metric)
            .map_or(0, |i| self.0[i])
    }
}

impl Serialize for FinalMetrics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let by_key: BTreeMap<&str, i64> = Metric::ALL
            .iter()
            .zip(self.0)
            .map(|(m, v)| (m.key(), v))
            .collect();
        by_key.serialize(s)
    }
}

impl<'de> Deserialize<'de> for FinalMetrics {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let by_key = BTreeMap::<String, i64>::deserialize(d)?;
        let mut values = [0; Metric::ALL.len()];
        for (key, value) in by_key.iter() {
            let Some(i) = Metric::ALL.iter().position(|m| m.key() == key) else {
                return Err(D::Error::custom(format!("unknown metric `{key}`")));
            };
            values[i] = *value;
        }
        if let Some(missing) = Metric::ALL.iter().find(|m| !by_key.contains_key(m.key())) {
            return Err(D::Error::custom(format!("metric `{missing}` is missing")));
        }
        Ok(FinalMetrics(values))
    }
}

/// The longest line a sweep file may hold: a record is a few hundred bytes.
const MAX_LINE: u64 = 64 * 1024;

/// Every record of a `sweep --json` file, in file order; blank lines are skipped.
pub fn read_records(path: &Path) -> Result<Vec<RunRecord>, SweepError> {
    let name = path.display().to_string();
    let unreadable = |source| SweepError::Unreadable {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut reader = std::io::BufReader::new(file);
    let mut records = Vec::new();
    let mut line = String::new();
    for number in 1.. {
        line.clear();
        let read = std::io::Read::take(&mut reader, MAX_LINE + 1)
            .read_line(&mut line)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::InvalidData {
                    SweepError::BadLine {
                        path: name.clone(),
                        line: number,
                        why: "not UTF-8 text".into(),
                    }
                } else {
                    unreadable(e)
                }
            })?;
        if read == 0 {
            break;
        }
        if read as u64 > MAX_LINE {
            return Err(SweepError::BadLine {
                path: name,
                line: number,
                why: format!("longer than {} KiB", MAX_LINE / 1024),
            });
        }
        if line.trim().is_empty() {
            continue;
        }
        let record: RunRecord =
            serde_json::from_str(line.trim_end()).map_err(|e| SweepError::BadLine {
                path: name.clone(),
                line: number,
                why: e.to_string(),
            })?;
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> RunRecord {
        let mut metrics = FinalMetrics::default();
        metrics.0[0] = 812;
        RunRecord {
            scenario: "scenarios/tutorial.ron".into(),
            bots: Policy::CrewsOnly,
            seed: 7,
            turns: 8,
            state_hash: "ab".repeat(32),
            metrics,
        }
    }

    #[test]
    fn a_record_is_the_line_the_issue_specifies_and_reads_back() {
        let line = serde_json::to_string(&record()).unwrap();
        assert!(
            line.starts_with(
                r#"{"scenario":"scenarios/tutorial.ron","bots":"crews-only","seed":7,"turns":8,"state_hash":"abab"#
            ),
            "{line}"
        );
        assert!(
            line.contains(r#""metrics":{"acquitted":0,"arrested":0,"#),
            "{line}"
        );
        assert!(line.contains(r#""network_capability":812"#), "{line}");
        let back: RunRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back, record());
        assert_eq!(back.metrics.get(Metric::NetworkCapability), 812);
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line() {
        let dir = std::env::temp_dir().join(format!("undertow-record-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("shard.jsonl");
        let good = serde_json::to_string(&record()).unwrap();
        let cases = [
            (format!("{good}\n\n{{\"scenario\":1}}\n"), 3, "invalid type"),
            (
                good.replace("\"acquitted\"", "\"acquited\""),
                1,
                "unknown metric `acquited`",
            ),
            (
                good.replace("\"acquitted\":0,", ""),
                1,
                "`acquitted` is missing",
            ),
            (good.replace("crews-only", "crews"), 1, "unknown variant"),
            ("x".repeat(70_000), 1, "longer than 64 KiB"),
        ];
        for (text, line, why) in cases {
            std::fs::write(&path, text).unwrap();
            let e = read_records(&path).unwrap_err().to_string();
            assert!(e.contains(&format!("shard.jsonl:{line}: ")), "{e}");
            assert!(e.contains(why), "{e}");
        }
        std::fs::write(&path, format!("{good}\n\n{good}\n")).unwrap();
        assert_eq!(read_records(&path).unwrap().len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(matches!(
            read_records(&dir.join("gone.jsonl")),
            Err(SweepError::Unreadable { .. })
        ));
    }
}
