//! How a command ends: its outcome, or why it stopped, and the one table
//! that turns either into the process's exit status.

use std::io;

use crate::exit_status::ExitStatus;
use crate::journal::{NotAJournal, ReplayError};
use crate::net::{JoinError, ServeError};
use crate::session::SessionError;
use crate::tui::UiError;
use crate::tui::replay::{CompareError, LoadError};

/// What a command that ran to its end found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done as asked, or the answer is yes.
    Done,
    /// The answer is no, and the command has said so: a file is invalid
    /// (`check`), the runs differ (`diff`), the journal does not verify
    /// (`replay --verify`).
    No,
}

/// Why a command stopped. Each variant's words are what stderr shows.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A usage error found after parsing, worded and shown the way clap
    /// shows its own.
    #[error("{0}")]
    Usage(Box<clap::Error>),
    /// `replay --json` without `--verify`.
    #[error("undertow replay: --json goes with --verify (the viewer draws on the terminal)")]
    JsonWithoutVerify,
    /// A screen was asked for with no terminal to draw on.
    #[error(
        "undertow replay: the viewer needs a terminal; to check the journal without one, use --verify"
    )]
    NoTerminal,
    /// `--team` names a team the exercise does not have.
    #[error("no team `{id}` in this scenario; teams: {teams}")]
    NoSuchTeam { id: String, teams: String },
    /// Two runs the viewer cannot compare.
    #[error("undertow replay: {0}")]
    Incomparable(#[from] CompareError),
    /// A scenario, catalogue, orders script, network or roles file that
    /// cannot be read or is invalid, with every problem rendered (file,
    /// line, column, excerpt, help).
    #[error("{0}")]
    BadInput(String),
    /// A file that cannot be read as a journal.
    #[error(transparent)]
    NotAJournal(#[from] NotAJournal),
    /// A journal that does not replay.
    #[error("{path}: {source}")]
    DoesNotReplay { path: String, source: ReplayError },
    /// A journal the replay viewer cannot open.
    #[error(transparent)]
    CannotView(#[from] LoadError),
    /// The exercise cannot start or go on (its journal cannot be written, say).
    #[error(transparent)]
    Session(SessionError),
    /// An output file, or stdout, cannot be written.
    #[error("{path}: cannot write: {source}")]
    Write { path: String, source: io::Error },
    /// A report's output would replace a journal or a codes file.
    #[error(
        "{path}: is a journal or a codes file; a report is not written over it: choose another -o"
    )]
    WouldReplaceExercise { path: String },
    /// A file is not written, or an exercise not started, and the words say why.
    #[error("{0}")]
    Refused(String),
    /// A journal or codes file is not written: it exists, is a link, or is damaged.
    #[error(transparent)]
    NotWritten(#[from] crate::journal::WriteError),
    /// A JSON line of output cannot be encoded.
    #[error("cannot encode a line of JSON output: {0}")]
    Encode(#[from] serde_json::Error),
    /// `generate` cannot write its scenario as RON.
    #[error("undertow generate: cannot write the scenario as RON: {0}")]
    Ron(#[from] ron::Error),
    /// The screen failed.
    #[error(transparent)]
    Screen(#[from] UiError),
    /// The server cannot start or go on.
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// A team's client gave up.
    #[error(transparent)]
    Join(#[from] JoinError),
    /// An argument a command checks itself is wrong: one line naming the
    /// problem, and nothing is started.
    #[error("{0}")]
    BadArgument(String),
    /// A sweep cannot play its runs, or a sweep's file cannot be read.
    #[error("undertow sweep: {0}")]
    Sweep(#[from] crate::sweep::SweepError),
    /// A sweep stopped by Ctrl-C; its summary covers the runs finished.
    #[error(
        "undertow sweep: interrupted after {done} of {total} runs; the summary covers the runs finished"
    )]
    Interrupted { done: usize, total: usize },
}

impl From<SessionError> for CliError {
    fn from(e: SessionError) -> CliError {
        match e {
            SessionError::NotAJournal(e) => CliError::NotAJournal(e),
            other => CliError::Session(other),
        }
    }
}

impl CliError {
    /// A journal that does not replay, named by its path.
    pub fn replay(path: &std::path::Path, source: ReplayError) -> CliError {
        CliError::DoesNotReplay {
            path: path.display().to_string(),
            source,
        }
    }

    /// The exit status of a command that stopped this way: the table
    /// README's "Exit statuses" documents.
    pub fn status(&self) -> ExitStatus {
        match self {
            CliError::Usage(_)
            | CliError::JsonWithoutVerify
            | CliError::NoTerminal
            | CliError::NoSuchTeam { .. }
            | CliError::Incomparable(_)
            | CliError::BadArgument(_) => ExitStatus::CannotStart,
            // A journal that cannot be used stops every command before it starts.
            CliError::NotAJournal(_)
            | CliError::DoesNotReplay { .. }
            | CliError::CannotView(_)
            | CliError::Session(SessionError::NotAJournal(_) | SessionError::Replay(_)) => {
                ExitStatus::CannotStart
            }
            CliError::BadInput(_)
            | CliError::Session(SessionError::Scenario(_) | SessionError::Journal { .. })
            | CliError::Write { .. }
            | CliError::WouldReplaceExercise { .. }
            | CliError::Refused(_)
            | CliError::NotWritten(_)
            | CliError::Session(SessionError::Write(_) | SessionError::Header(_))
            | CliError::Ron(_)
            | CliError::Encode(_)
            | CliError::Screen(_)
            | CliError::Serve(_)
            | CliError::Sweep(_)
            | CliError::Interrupted { .. } => ExitStatus::Failure,
            CliError::Join(e) => e.status(),
        }
    }
}

/// The exit status of a command's result.
pub fn exit_status(result: &Result<Outcome, CliError>) -> ExitStatus {
    match result {
        Ok(Outcome::Done) => ExitStatus::Success,
        Ok(Outcome::No) => ExitStatus::Failure,
        Err(e) => e.status(),
    }
}

/// Say why a command stopped, on stderr.
pub fn report(e: &CliError) {
    if let CliError::Usage(usage) = e {
        // Coloured like clap's own errors when stderr is a terminal.
        let _ = usage.print();
        return;
    }
    let text = e.to_string();
    // Rendered diagnostics end with their own newline.
    if text.ends_with('\n') {
        eprint!("{text}");
    } else {
        eprintln!("{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_journal_that_cannot_be_used_stops_a_command_with_2() {
        let unreadable = CliError::NotAJournal(NotAJournal::Bad {
            path: "x.journal".into(),
            why: "the file is empty".into(),
        });
        let diverged = CliError::replay(
            std::path::Path::new("x.journal"),
            ReplayError::Diverged {
                turn: 4,
                expected: "a".into(),
                actual: "b".into(),
            },
        );
        let on_resume = CliError::from(SessionError::Replay(ReplayError::ScenarioChanged));
        for e in [unreadable, diverged, on_resume] {
            assert_eq!(e.status(), ExitStatus::CannotStart, "{e}");
        }
    }

    #[test]
    fn join_keeps_1_for_a_refusal_and_3_for_an_unreachable_server() {
        let refused = CliError::from(JoinError::Refused("wrong code".into()));
        let gone = CliError::from(JoinError::Unreachable("gave up".into()));
        assert_eq!(refused.status().code(), 1);
        assert_eq!(gone.status().code(), 3);
    }

    #[test]
    fn a_no_is_1_and_done_is_0() {
        assert_eq!(exit_status(&Ok(Outcome::Done)).code(), 0);
        assert_eq!(exit_status(&Ok(Outcome::No)).code(), 1);
    }
}
