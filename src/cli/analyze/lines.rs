//! What `analyze` writes per step, and how: a table row or a JSON line on
//! stdout, flushed at once, with the progress bar kept off the text.

use std::io::{ErrorKind, StdoutLock, Write};

use super::Subject;
use crate::analysis::Step;
use crate::cli::CliError;
use crate::cli::progress::Bar;

/// The table's column heads, above step 0.
pub(super) const TABLE_HEADING: &str =
    "step  removed  largest component  efficiency  removed in this step\n";

/// Stdout, flushed after every write so a killed run keeps every line it
/// printed, and the bar on stderr (if any), wiped before each write in case
/// both are one terminal.
pub(super) struct Lines {
    out: StdoutLock<'static>,
    bar: Option<Bar>,
}

impl Lines {
    pub(super) fn stdout(bar: Option<Bar>) -> Lines {
        Lines {
            out: std::io::stdout().lock(),
            bar,
        }
    }

    /// Write and flush `text`: `Ok(false)` when the reader has gone away (`| head`),
    /// which is the reader's choice, not a failure.
    pub(super) fn write(&mut self, text: &str) -> Result<bool, CliError> {
        if let Some(bar) = &mut self.bar {
            bar.clear();
        }
        match self
            .out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
        {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(false),
            Err(source) => Err(CliError::Write {
                path: "undertow analyze: stdout".into(),
                source,
            }),
        }
    }

    /// Show `done` of `total` raids on the bar, if there is one.
    pub(super) fn progress(&mut self, done: usize, total: usize) {
        if let Some(bar) = &mut self.bar {
            bar.update(done, total);
        }
    }
}

/// One JSON object for the step, on one line.
pub(super) fn json(step: &Step) -> Result<String, serde_json::Error> {
    let mut line = serde_json::to_string(step)?;
    line.push('\n');
    Ok(line)
}

/// Step `i`'s table row: what is left of the network, and who went in that step.
pub(super) fn row(subject: &Subject, i: usize, step: &Step) -> String {
    let who = if step.removed_ids.is_empty() {
        "-".to_owned()
    } else {
        step.removed_ids
            .iter()
            .map(|id| label(subject, id))
            .collect::<Vec<_>>()
            // Scenario labels hold commas ("Name, role"); plain ids read best with them.
            .join(if subject.nouns.0 == "actors" {
                "; "
            } else {
                ", "
            })
    };
    let efficiency = step
        .efficiency
        .map_or_else(|| "-".to_owned(), |e| format!("{e:.4}"));
    format!(
        "{i:>4}  {:>7}  {:>16.1}%  {efficiency:>10}  {who}\n",
        step.removed,
        step.lcc_fraction * 100.0,
    )
}

/// `id` alone for a plain file, `id (Name, role)` for a scenario's actor.
fn label(subject: &Subject, id: &str) -> String {
    let detail = subject
        .graph
        .index_of(id)
        .and_then(|v| subject.details.get(v as usize))
        .and_then(Option::as_deref);
    match detail {
        Some(detail) => format!("{id} ({detail})"),
        None => id.to_owned(),
    }
}
