//! `undertow diff`: where two runs diverge.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, Outcome};
use crate::engine::TurnOutcome;
use crate::report::diff;

/// Arguments of `undertow diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    pub journal_a: PathBuf,
    pub journal_b: PathBuf,
}

/// Read and re-simulate one journal, with its team names by id.
fn load(path: &Path) -> Result<(Vec<TurnOutcome>, BTreeMap<String, String>), CliError> {
    let name = path.display().to_string();
    let journal = crate::journal::read(path)?;
    // A torn or corrupt tail is left out of the comparison; say so.
    if let Some(w) = journal.warning("comparing") {
        tracing::warn!("{w}");
    }
    let run =
        crate::report::Run::from_journal(&name, &journal).map_err(|e| CliError::replay(path, e))?;
    let names = run
        .setup
        .teams
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    Ok((run.outcomes, names))
}

/// `undertow diff A B`: like diff(1), the runs identical or the answer no.
pub fn diff(args: &DiffArgs) -> Result<Outcome, CliError> {
    let (ra, names) = load(&args.journal_a)?;
    let (rb, _) = load(&args.journal_b)?;
    let cmp = diff::compare(&ra, &rb, &names);
    let mut out = std::io::stdout().lock();
    // A closed pipe is the reader's choice; the verdict is the exit status.
    let _ = out.write_all(cmp.text.as_bytes()).and_then(|_| out.flush());
    Ok(match cmp.first_divergence {
        None => Outcome::Done,
        Some(_) => Outcome::No,
    })
}
