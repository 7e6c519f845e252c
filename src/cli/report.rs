//! `undertow report`: debrief reports from journals.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::error::ErrorKind;

use crate::report::{self, Run};

/// What `undertow report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The after-action report (Markdown).
    Md,
    /// Metrics per turn, exercise-wide and per team.
    Csv,
    /// The network as a Graphviz link chart.
    Dot,
    /// Case summaries of joint operations (Markdown), one compendium for all journals.
    Case,
}

/// Arguments of `undertow report`.
pub struct ReportArgs {
    pub journals: Vec<PathBuf>,
    pub format: ReportFormat,
    pub team: Option<String>,
    pub output: Option<PathBuf>,
}

/// Read and re-simulate one journal, or say why not.
fn load(path: &Path) -> Result<Run, String> {
    let journal = crate::journal::read(path).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    // A torn or corrupt tail is left out; the reader should know the report stops short.
    if let Some(w) = journal.warning("reporting") {
        eprintln!("{w}");
    }
    Run::from_journal(&name, &journal).map_err(|e| format!("{name}: {e}"))
}

/// Whether a file is a journal or the codes beside one, which no report may replace.
fn holds_an_exercise(path: &Path) -> bool {
    // Only a regular file: a device or a pipe (`-o /dev/stdout`) is not read.
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && (crate::journal::read(path).is_ok() || crate::net::server::read_codes(path).is_ok())
}

/// `undertow report`: 0 written, 1 a journal cannot be read or replayed, 2 usage.
pub fn report(args: &ReportArgs) -> i32 {
    if args.format != ReportFormat::Case && args.journals.len() > 1 {
        return super::usage_error(
            "report",
            ErrorKind::TooManyValues,
            "only `--format case` takes several journals; give one journal for md, csv or dot",
        );
    }
    if args.team.is_some() && args.format != ReportFormat::Dot {
        return super::usage_error(
            "report",
            ErrorKind::ArgumentConflict,
            "`--team` chooses whose knowledge `--format dot` draws; other formats take no team",
        );
    }
    let mut runs = Vec::with_capacity(args.journals.len());
    for path in &args.journals {
        match load(path) {
            Ok(r) => runs.push(r),
            Err(e) => {
                eprintln!("{e}");
                return 1;
            }
        }
    }
    let Some(first) = runs.first() else {
        return super::usage_error(
            "report",
            ErrorKind::MissingRequiredArgument,
            "give a journal",
        );
    };
    let team = match &args.team {
        Some(id) => match first.setup.team(id) {
            Some(t) => Some(t),
            None => {
                let known: Vec<&str> = first.setup.teams.iter().map(|t| t.id.as_str()).collect();
                return super::usage_error(
                    "report",
                    ErrorKind::InvalidValue,
                    &format!(
                        "no team `{id}` in this exercise; its teams are {}",
                        known.join(", ")
                    ),
                );
            }
        },
        None => None,
    };
    let text = match args.format {
        ReportFormat::Md => report::markdown(first),
        ReportFormat::Csv => report::csv(first),
        ReportFormat::Dot => report::dot(first, team),
        ReportFormat::Case => report::compendium(&runs),
    };
    let written = match &args.output {
        Some(p) if holds_an_exercise(p) => Err(format!(
            "{}: is a journal or a codes file; a report is not written over it: choose another -o",
            p.display()
        )),
        Some(p) => std::fs::write(p, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe is the reader's choice, not an error worth a message.
            let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
            Ok(())
        }
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
