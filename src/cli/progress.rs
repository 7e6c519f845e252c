//! A progress bar on stderr for long headless commands (`sweep`,
//! `analyze`): drawn only when stderr is a terminal, at most ten times a
//! second, and wiped before anything else is written to the terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Cells of the bar itself.
const WIDTH: usize = 24;
/// The least time between two drawings.
const EVERY: Duration = Duration::from_millis(100);

/// A bar counting units of work (runs, steps) on stderr.
pub struct Bar {
    unit: &'static str,
    started: Instant,
    drawn: Option<Instant>,
}

impl Bar {
    /// A bar, if stderr is a terminal; nothing is ever written otherwise.
    pub fn on_terminal(unit: &'static str) -> Option<Bar> {
        std::io::stderr().is_terminal().then(|| Bar {
            unit,
            started: now(),
            drawn: None,
        })
    }

    /// Show `done` of `total`; skipped if drawn less than a tenth of a second ago.
    pub fn update(&mut self, done: usize, total: usize) {
        let at = now();
        if self.drawn.is_some_and(|d| at.duration_since(d) < EVERY) && done < total {
            return;
        }
        self.drawn = Some(at);
        let text = line(done, total, self.unit, at.duration_since(self.started));
        let mut err = std::io::stderr().lock();
        // A terminal that cannot be written to loses only the bar.
        let _ = write!(err, "\r{text}\x1b[K").and_then(|()| err.flush());
    }

    /// Wipe the bar's line, so the next text starts on a clean line.
    pub fn clear(&mut self) {
        if self.drawn.take().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K").and_then(|()| err.flush());
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.clear();
    }
}

/// The clock, for the bar's rate and time left only: nothing simulated reads it.
#[allow(clippy::disallowed_methods)]
fn now() -> Instant {
    Instant::now()
}

/// `  312/800 runs [#########---------------]  96.4 runs/s  about 5 s left`
fn line(done: usize, total: usize, unit: &str, elapsed: Duration) -> String {
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
    let left = if done >= total {
        "done".to_string()
    } else if done == 0 || rate <= 0.0 {
        "time left unknown".to_string()
    } else {
        format!("about {} left", duration((total - done) as f64 / rate))
    };
    format!("{done:>6}/{total} {unit} [{bar}] {rate:>7.1} {unit}/s  {left}")
}

/// A duration as a person reads it: `40 s`, `3 min 10 s`, `2 h 05 min`.
fn duration(secs: f64) -> String {
    let s = secs.ceil() as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_done_of_total_the_rate_and_the_time_left() {
        let text = line(300, 800, "runs", Duration::from_secs(3));
        assert_eq!(
            text,
            "   300/800 runs [#########---------------]   100.0 runs/s  about 5 s left"
        );
        let start = line(0, 10, "steps", Duration::ZERO);
        assert!(start.contains("[------------------------]"), "{start}");
        assert!(start.ends_with("time left unknown"), "{start}");
        assert!(line(10, 10, "steps", Duration::from_secs(1)).ends_with("done"));
        assert!(line(0, 0, "runs", Duration::ZERO).ends_with("done"));
        assert_eq!(duration(190.0), "3 min 10 s");
        assert_eq!(duration(7500.0), "2 h 05 min");
        assert_eq!(duration(0.2), "1 s");
    }
}
