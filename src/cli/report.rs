//! `undertow report`: debrief reports from journals.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::error::ErrorKind;

use super::{CliError, Outcome};
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
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The journal (several only with `--format case`).
    #[arg(required = true)]
    pub journals: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// With `--format dot`: draw what this team knows (by team id), not the truth.
    #[arg(long)]
    pub team: Option<String>,
    /// With `--format md`: add where the run sits among a sweep's bot runs
    /// of the same scenario (a file of `undertow sweep --json` lines).
    #[arg(long, value_name = "SWEEP.jsonl")]
    pub against_sweep: Option<PathBuf>,
    /// Write the report here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Read and re-simulate one journal, or say why not.
fn load(path: &Path) -> Result<Run, CliError> {
    let journal = crate::journal::read(path)?;
    let name = path.display().to_string();
    // A torn or corrupt tail is left out; the reader should know the report stops short.
    if let Some(w) = journal.warning("reporting") {
        eprintln!("{w}");
    }
    Run::from_journal(&name, &journal).map_err(|e| CliError::replay(path, e))
}

/// Whether a file is a journal or the codes beside one, which no report may replace.
pub(super) fn holds_an_exercise(path: &Path) -> bool {
    // Only a regular file: a device or a pipe (`-o /dev/stdout`) is not read.
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && (crate::journal::read(path).is_ok() || crate::net::server::read_codes(path).is_ok())
}

/// `undertow report`: the report written, or why not.
pub fn report(args: &ReportArgs) -> Result<Outcome, CliError> {
    if args.format != ReportFormat::Case && args.journals.len() > 1 {
        return Err(super::usage_error(
            "report",
            ErrorKind::TooManyValues,
            "only `--format case` takes several journals; give one journal for md, csv or dot",
        ));
    }
    if args.team.is_some() && args.format != ReportFormat::Dot {
        return Err(super::usage_error(
            "report",
            ErrorKind::ArgumentConflict,
            "`--team` chooses whose knowledge `--format dot` draws; other formats take no team",
        ));
    }
    if args.against_sweep.is_some() && args.format != ReportFormat::Md {
        return Err(super::usage_error(
            "report",
            ErrorKind::ArgumentConflict,
            "`--against-sweep` adds a section to the after-action report: it goes with `--format md`",
        ));
    }
    // The sweep is read before any journal is replayed: a wrong file fails fast.
    let sweep = match &args.against_sweep {
        Some(path) => Some((
            path.display().to_string(),
            crate::sweep::read_records(path)
                .map_err(|e| CliError::BadInput(format!("undertow report: {e}")))?,
        )),
        None => None,
    };
    let runs = args
        .journals
        .iter()
        .map(|p| load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(first) = runs.first() else {
        return Err(super::usage_error(
            "report",
            ErrorKind::MissingRequiredArgument,
            "give a journal",
        ));
    };
    let team = match &args.team {
        Some(id) => match first.setup.team(id) {
            Some(t) => Some(t),
            None => {
                let known: Vec<&str> = first.setup.teams.iter().map(|t| t.id.as_str()).collect();
                return Err(super::usage_error(
                    "report",
                    ErrorKind::InvalidValue,
                    &format!(
                        "no team `{id}` in this exercise; its teams are {}",
                        known.join(", ")
                    ),
                ));
            }
        },
        None => None,
    };
    let text = match args.format {
        ReportFormat::Md => {
            let mut text = report::markdown(first);
            if let Some((name, records)) = &sweep {
                let section = report::against_sweep(first, name, records)
                    .map_err(|e| CliError::BadInput(format!("undertow report: {e}")))?;
                text.push_str(&section);
            }
            text
        }
        ReportFormat::Csv => report::csv(first),
        ReportFormat::Dot => report::dot(first, team),
        ReportFormat::Case => report::compendium(&runs),
    };
    match &args.output {
        Some(p) if holds_an_exercise(p) => {
            return Err(CliError::WouldReplaceExercise {
                path: p.display().to_string(),
            });
        }
        Some(p) => std::fs::write(p, text.as_bytes()).map_err(|source| CliError::Write {
            path: p.display().to_string(),
            source,
        })?,
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe is the reader's choice, not an error worth a message.
            let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        }
    }
    Ok(Outcome::Done)
}
