//! `undertow diff`: where two runs diverge.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::engine::TurnOutcome;
use crate::report::diff;

/// Read and re-simulate one journal, with its team names by id.
fn load(path: &Path) -> Result<(Vec<TurnOutcome>, BTreeMap<String, String>), String> {
    let name = path.display().to_string();
    let journal = crate::journal::read(path).map_err(|e| e.to_string())?;
    // A torn or corrupt tail is left out of the comparison; say so.
    if let Some(w) = journal.warning("comparing") {
        eprintln!("{w}");
    }
    let run =
        crate::report::Run::from_journal(&name, &journal).map_err(|e| format!("{name}: {e}"))?;
    let names = run
        .setup
        .teams
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    Ok((run.outcomes, names))
}

/// `undertow diff A B`: like diff(1), 0 identical, 1 different, 2 unreadable.
pub fn diff(a: &Path, b: &Path) -> i32 {
    let (ra, names) = match load(a) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let (rb, _) = match load(b) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let cmp = diff::compare(&ra, &rb, &names);
    let mut out = std::io::stdout().lock();
    // A closed pipe is the reader's choice; the verdict is the exit status.
    let _ = out.write_all(cmp.text.as_bytes()).and_then(|_| out.flush());
    i32::from(cmp.first_divergence.is_some())
}
