//! The log: `tracing` events written as plain lines, with every control
//! character stripped, to stderr for headless commands and to a file while
//! a screen owns the terminal.
//!
//! On stderr a line is the event's message and nothing else: several of
//! those lines are part of the command line's contract (`listening on …`,
//! the join codes, `turn N committed, state hash …`). In a file each line
//! starts with the time and the level.
//!
//! Whatever reaches the log may come from the network (team ids, names,
//! refused messages), so control characters are stripped from the whole
//! line as it is written: an escape sequence or a newline inside a field
//! can neither drive the terminal nor forge a line.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use tracing::{Level, Metadata};
use tracing_subscriber::fmt::MakeWriter;

/// Lines kept while a screen owns the terminal and no file takes them; the
/// oldest go first past this.
const HELD_LINES: usize = 10_000;

/// Where log lines go now.
enum Sink {
    Stderr,
    /// A screen owns the terminal; the log goes to this file.
    File(File),
    /// A screen owns the terminal and there is no file: the lines wait and
    /// go to stderr when the screen is released.
    Held(Vec<String>),
    /// For tests: the lines as written.
    #[cfg(test)]
    Memory(Vec<String>),
}

/// The destination of the process's log, shared by every event.
#[derive(Clone)]
pub struct Log {
    sink: Arc<Mutex<Sink>>,
}

impl Log {
    fn new(sink: Sink) -> Log {
        Log {
            sink: Arc::new(Mutex::new(sink)),
        }
    }

    fn sink(&self) -> MutexGuard<'_, Sink> {
        // A panic while writing a line leaves nothing half-done worth refusing.
        self.sink.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Write one event's formatted text as one clean line.
    fn emit(&self, level: Option<Level>, raw: &[u8]) {
        let line = strip_controls(&String::from_utf8_lossy(raw));
        if line.is_empty() {
            return;
        }
        let mut sink = self.sink();
        match &mut *sink {
            Sink::Stderr => {
                // Nowhere to report a failure to write to stderr.
                let _ = writeln!(io::stderr().lock(), "{line}");
            }
            Sink::File(f) => {
                let level = level.map_or_else(String::new, |l| format!("{l:>5} "));
                // A full disk must not stop the server; the journal is what counts.
                let _ = writeln!(f, "{} {level}{line}", timestamp());
            }
            Sink::Held(lines) => {
                if lines.len() >= HELD_LINES {
                    lines.remove(0);
                }
                lines.push(line);
            }
            #[cfg(test)]
            Sink::Memory(lines) => lines.push(line),
        }
    }

    /// Send the log to `sink`, returning what it replaces.
    fn swap(&self, sink: Sink) -> Sink {
        std::mem::replace(&mut *self.sink(), sink)
    }
}

/// The text with every control character (C0, DEL and C1, newlines and
/// escapes included) removed.
pub fn strip_controls(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The wall-clock time of a line in the log file (RFC 3339, UTC). Only the
/// log reads it; nothing in a turn does.
fn timestamp() -> String {
    use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
    let mut text = String::new();
    let mut w = tracing_subscriber::fmt::format::Writer::new(&mut text);
    if SystemTime.format_time(&mut w).is_err() {
        text.clear();
    }
    text
}

/// One event being formatted; written as one line when it is complete.
pub struct LineWriter {
    log: Log,
    level: Option<Level>,
    buf: Vec<u8>,
}

impl Write for LineWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        self.log.emit(self.level, &self.buf);
    }
}

impl<'a> MakeWriter<'a> for Log {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> LineWriter {
        LineWriter {
            log: self.clone(),
            level: None,
            buf: Vec::new(),
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> LineWriter {
        LineWriter {
            log: self.clone(),
            level: Some(*meta.level()),
            buf: Vec::new(),
        }
    }
}

/// A subscriber that writes each event's message, and nothing else, to `log`.
fn subscriber(log: Log) -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        .with_writer(log)
        .with_max_level(Level::INFO)
        .without_time()
        .with_level(false)
        .with_target(false)
        .with_ansi(false)
        .finish()
}

static LOG: OnceLock<Log> = OnceLock::new();

/// Send the process's log to stderr. The first call installs the logger;
/// later calls change nothing.
pub fn init() {
    LOG.get_or_init(|| {
        let log = Log::new(Sink::Stderr);
        // Fails only if another logger was installed first; that one stays.
        let _ = tracing::subscriber::set_global_default(subscriber(log.clone()));
        log
    });
}

/// While this lives a screen owns the terminal: the log goes to a file, or
/// is held and written to stderr when it is dropped.
pub struct ScreenLog {
    log: Option<Log>,
}

impl ScreenLog {
    /// Take the log off stderr: into the file at `path` (appended to), or,
    /// without one, held until the screen is released.
    pub fn start(path: Option<&Path>) -> io::Result<ScreenLog> {
        let Some(log) = LOG.get().cloned() else {
            return Ok(ScreenLog { log: None });
        };
        let sink = match path {
            // Owner-only, never through a symbolic link, like the journal beside it.
            Some(p) => Sink::File(crate::journal::open_for_append(p)?),
            None => Sink::Held(Vec::new()),
        };
        log.swap(sink);
        Ok(ScreenLog { log: Some(log) })
    }

    /// Take the log off stderr into the file at `path`, or, when there is
    /// none or it cannot be opened (said in the log itself), hold it until
    /// the screen is released.
    pub fn to_file_or_held(path: Option<&Path>) -> Option<ScreenLog> {
        match ScreenLog::start(path) {
            Ok(l) => Some(l),
            Err(e) => {
                let held = ScreenLog::start(None).ok();
                let p = path.map_or_else(String::new, |p| p.display().to_string());
                tracing::warn!("cannot log to {p}: {e}; the log is shown when the screen closes");
                held
            }
        }
    }
}

/// The log file beside a journal: `JOURNAL.log`.
pub fn beside(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".log");
    PathBuf::from(name)
}

impl Drop for ScreenLog {
    fn drop(&mut self) {
        let Some(log) = &self.log else { return };
        if let Sink::Held(lines) = log.swap(Sink::Stderr) {
            let mut err = io::stderr().lock();
            for line in lines {
                let _ = writeln!(err, "{line}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured(f: impl FnOnce()) -> Vec<String> {
        let log = Log::new(Sink::Memory(Vec::new()));
        tracing::subscriber::with_default(subscriber(log.clone()), f);
        match log.swap(Sink::Stderr) {
            Sink::Memory(lines) => lines,
            _ => Vec::new(),
        }
    }

    fn clean(line: &str) -> bool {
        !line.chars().any(char::is_control)
    }

    #[test]
    fn an_escape_sequence_in_a_logged_name_is_written_stripped() {
        let team = "kesh\u{1b}[2J\u{1b}]0;pwned\u{7}_police";
        let lines = captured(|| tracing::info!("team {team} joined from 127.0.0.1:4000"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(clean(&lines[0]), "{lines:?}");
        assert!(lines[0].starts_with("team kesh"), "{lines:?}");
        assert!(
            lines[0].ends_with("_police joined from 127.0.0.1:4000"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_newline_from_the_network_cannot_forge_a_second_line() {
        let name = "x\nturn 9 committed, state hash 00\r\u{85}";
        let lines = captured(|| tracing::warn!("no team `{name}` in this exercise"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(clean(&lines[0]), "{lines:?}");
        assert!(
            lines[0].starts_with("no team `xturn 9 committed"),
            "{lines:?}"
        );
    }

    #[test]
    fn control_characters_are_stripped_and_the_rest_kept() {
        assert_eq!(
            strip_controls("a\u{1b}[31mred\u{1b}[0m\tb\u{7f}\u{9b}c\n"),
            "a[31mred[0mbc"
        );
        assert_eq!(
            strip_controls("Kesh · Maluna — “ok”"),
            "Kesh · Maluna — “ok”"
        );
    }

    #[test]
    fn a_line_on_stderr_is_the_message_alone() {
        let lines = captured(|| tracing::info!("  team {:<20} code {}", "kesh_police", "3f9c"));
        assert_eq!(lines, ["  team kesh_police          code 3f9c"]);
    }

    #[test]
    fn lines_held_while_a_screen_is_up_keep_their_order() {
        let log = Log::new(Sink::Held(Vec::new()));
        for n in 0..3 {
            log.emit(Some(Level::INFO), format!("line {n}\n").as_bytes());
        }
        match log.swap(Sink::Stderr) {
            Sink::Held(lines) => assert_eq!(lines, ["line 0", "line 1", "line 2"]),
            _ => panic!("the log was not held"),
        }
    }
}
