//! The exit statuses of the command line. Every command ends with one of
//! these; `cli::CliError::status` maps each failure to one, and README's
//! "Exit statuses" lists them.

/// How a command ended, as its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// It did what was asked: files valid, journal verified, runs
    /// identical, report written, exercise played or left.
    Success = 0,
    /// It ran, and the answer is no or the work failed: invalid input
    /// files, a journal that does not verify (`replay --verify`), runs that
    /// differ (`diff`), an output that cannot be written, a server that
    /// refuses the team, a failure during play.
    Failure = 1,
    /// It could not start: a usage error, or a journal that cannot be read,
    /// is not a journal or does not replay.
    CannotStart = 2,
    /// The server cannot be reached (`join`).
    Unreachable = 3,
}

impl ExitStatus {
    /// The number the process exits with.
    pub fn code(self) -> i32 {
        self as i32
    }
}
