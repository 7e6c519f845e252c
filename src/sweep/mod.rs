//! Sweeps: one scenario's outcomes over many seeds and bot policies, played
//! headless on every core, summarised, and tested against the lessons the
//! scenario declares.
//!
//! A sweep sits beside `session` in the layers: it plays turns with the
//! engine, the team views and the bots exactly as `undertow run` does
//! (without a journal), so each run's last state hash and metrics equal
//! that run's. The report layer reads sweep files for the debrief.

mod lessons;
mod record;
mod runs;
pub mod stats;
mod table;

pub use lessons::{Verdict, judge, render_verdicts};
pub use record::{FinalMetrics, RunRecord, read_records};
pub use runs::{Entry, Plan, Progress, Run, Shard, ShardError, ShardPart, Swept, play, run_all};
pub use table::render_table;

/// Why a sweep, or reading a sweep's file, failed.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    /// A sweep file that cannot be read.
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    /// A line that is not a sweep record.
    #[error("{path}:{line}: not a line of `undertow sweep --json`: {why}")]
    BadLine {
        path: String,
        line: usize,
        why: String,
    },
    /// The same run twice with different results: files of different
    /// versions or scenarios under one name.
    #[error(
        "{path}:{line}: {scenario} with {bots}, seed {seed}, already read with another result; were the shards run from the same scenario file and version?"
    )]
    Conflict {
        path: String,
        line: usize,
        scenario: String,
        bots: &'static str,
        seed: u64,
    },
    /// The engine cannot start a run (its schedule does not build).
    #[error("{scenario}: {why}")]
    Engine { scenario: String, why: String },
}
