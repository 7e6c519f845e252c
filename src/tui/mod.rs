//! The terminal UI: hot-seat play, team screens, the exercise-control
//! console and the replay viewer, drawn with ratatui from view types only.
//!
//! The shape follows ratatui's component template: input events become
//! [`Action`]s ([`keys`]), the component that has the keyboard applies them
//! (the [`Overlay`] for help and quit, the [`seating`] cards, the [`team`]
//! screen, the [`console`]; [`App`] settles what reaches beyond one of them),
//! and [`frame::draw`] only reads the state, handing [`ui`] plain data. One loop, [`run_loop`], drives play
//! and the [`replay`] viewer alike through the [`Interactive`] trait; it is
//! generic over the ratatui `Backend`, so tests drive the real application on
//! a `TestBackend`.

pub mod app;
pub mod console;
pub mod dialog;
pub mod exercise;
pub mod frame;
pub mod keys;
pub mod list;
pub mod names;
pub mod overlay;
pub mod replay;
pub mod seating;
pub mod team;
pub mod text;
pub mod theme;
pub mod ui;

use std::io;
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use app::{App, Screen};
pub use exercise::Exercise;
pub use keys::Action;
pub use overlay::Overlay;
pub use seating::Seats;
pub use theme::Theme;

/// Where input events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, waiting at most `timeout`; `None` if none came.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;

    /// Whether no event can ever come again (a script that has run out).
    fn exhausted(&self) -> bool {
        false
    }
}

/// Events read from the real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Events from a list; the loop ends when the list runs out.
pub struct ScriptedEvents(pub std::collections::VecDeque<Event>);

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }

    fn exhausted(&self) -> bool {
        self.0.is_empty()
    }
}

/// Time passing, for the console's turn timer only; never for the simulation.
pub trait Clock {
    /// Time since the last call.
    fn lap(&mut self) -> Duration;
}

/// The wall clock.
pub struct WallClock(std::time::Instant);

impl WallClock {
    /// A clock started now.
    pub fn start() -> WallClock {
        WallClock(now())
    }
}

// The one place the UI reads the wall clock: the White Cell's turn timer. The
// engine never sees it; turns are the same whatever the time.
#[allow(clippy::disallowed_methods)]
fn now() -> std::time::Instant {
    std::time::Instant::now()
}

impl Clock for WallClock {
    fn lap(&mut self) -> Duration {
        let t = now();
        let d = t.saturating_duration_since(self.0);
        self.0 = t;
        d
    }
}

/// A clock that never moves, for tests.
pub struct StoppedClock;

impl Clock for StoppedClock {
    fn lap(&mut self) -> Duration {
        Duration::ZERO
    }
}

/// Why the loop stopped early.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("terminal: {0}")]
    Terminal(String),
    #[error("input: {0}")]
    Input(#[from] io::Error),
}

/// A screen that [`run_loop`] drives: events become actions, actions update
/// it, and it draws itself.
pub trait Interactive {
    /// Take in what arrived from elsewhere (a server) since the last frame.
    fn poll(&mut self) {}
    /// How long to wait for input before time moves on.
    fn tick(&self) -> Duration;
    fn update(&mut self, action: Action);
    fn action_for(&self, event: &Event) -> Option<Action>;
    fn should_quit(&self) -> bool;
    fn draw(&self, frame: &mut ratatui::Frame);
    /// Text pasted into the terminal (bracketed paste): it goes to a text
    /// box that has the keyboard, whole, and is never read as keys.
    fn paste(&mut self, _text: &str) {}
}

/// Draw, wait for input, update; until the user confirms quitting or the
/// event source runs dry.
pub fn run_loop<B: Backend, S: Interactive>(
    terminal: &mut Terminal<B>,
    screen: &mut S,
    events: &mut impl EventSource,
    clock: &mut impl Clock,
) -> Result<(), UiError> {
    let size = terminal
        .size()
        .map_err(|e| UiError::Terminal(e.to_string()))?;
    screen.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        screen.poll();
        terminal
            .draw(|f| screen.draw(f))
            .map_err(|e| UiError::Terminal(e.to_string()))?;
        if screen.should_quit() {
            return Ok(());
        }
        let ev = events.next(screen.tick())?;
        let dt = clock.lap();
        if !dt.is_zero() {
            screen.update(Action::Tick(dt));
        }
        match ev {
            Some(Event::Paste(text)) => screen.paste(&text),
            Some(ev) => {
                if let Some(a) = screen.action_for(&ev) {
                    screen.update(a);
                }
            }
            // A scripted source that has run dry ends the loop.
            None if events.exhausted() => return Ok(()),
            None => {}
        }
    }
}

fn restore_terminal() {
    // Best effort: each step may fail if the terminal is already gone.
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Puts the terminal back however the UI ends: normal return, error or panic.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Run the application on the real terminal until the user quits.
pub fn run(app: &mut App) -> Result<(), UiError> {
    on_terminal(|terminal| run_loop(terminal, app, &mut TerminalEvents, &mut WallClock::start()))
}

/// Run a screen loop on the real terminal (raw mode, alternate screen, mouse),
/// putting the terminal back however the loop ends: return, error or panic.
pub fn on_terminal<T>(
    f: impl FnOnce(&mut Terminal<CrosstermBackend<io::Stdout>>) -> Result<T, UiError>,
) -> Result<T, UiError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Leave the alternate screen first so the panic message is readable.
        restore_terminal();
        previous(info);
    }));
    enable_raw_mode()?;
    let _guard = TerminalGuard;
    // Bracketed paste: a paste arrives as text, so pasted words never play keys.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))
        .map_err(|e| UiError::Terminal(e.to_string()))?;
    f(&mut terminal)
}

#[cfg(test)]
mod fixture;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod net_tests;

#[cfg(test)]
mod day_tests;
