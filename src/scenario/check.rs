//! `undertow check FILE...`: validate scenarios and action catalogues and
//! report every problem, located.

use std::io::Write;
use std::path::PathBuf;

use super::diagnostic::{Diagnostic, render_all};
use super::load::{load_catalog, load_scenario, read_source};
use super::source_index::top_level_name;

/// Checks each file (an action catalogue if its top-level value is
/// `Catalog(...)`, a scenario otherwise): `FILE: ok` on `stdout` for a valid
/// one, every problem rendered on `stderr` for the others. Returns the exit
/// code: 0 if every file is valid, 1 otherwise.
pub fn check_files(paths: &[PathBuf], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let mut all_valid = true;
    for path in paths {
        let file = path.display().to_string();
        let (problems, text) = match read_source(path) {
            Err(problem) => (vec![problem], None),
            Ok(text) => match check_text(&file, &text) {
                Ok(()) => {
                    // A closed stdout (`| head`) must not turn into a panic;
                    // the exit code still tells the truth.
                    let _ = writeln!(stdout, "{file}: ok");
                    continue;
                }
                Err(problems) => (problems, Some(text)),
            },
        };
        report(stderr, &file, &problems, text.as_deref());
        all_valid = false;
    }
    let _ = stdout.flush();
    let _ = stderr.flush();
    if all_valid { 0 } else { 1 }
}

/// Validates one text as whatever its top-level value says it is.
fn check_text(file: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
    if top_level_name(text).as_deref() == Some("Catalog") {
        load_catalog(file, text).map(drop)
    } else {
        load_scenario(file, text).map(drop)
    }
}

fn report(stderr: &mut dyn Write, file: &str, problems: &[Diagnostic], text: Option<&str>) {
    let _ = write!(stderr, "{}", render_all(problems, text));
    let count = match problems.len() {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    let _ = writeln!(stderr, "\n{file}: invalid ({count})\n");
}
