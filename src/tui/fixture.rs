//! For the TUI's own tests: the tutorial exercise and what a component's
//! [`Context`] borrows, without a terminal; and the whole [`App`] driven by
//! keys and drawn on ratatui's TestBackend.

use std::path::PathBuf;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::app::Context;
use super::exercise::Exercise;
use super::theme::Theme;
use super::{Action, App, Seats, frame};
use crate::bots::Policy;
use crate::engine::setup::TeamIx;
use crate::session::{Control, Session, tutorial};
use crate::view::Brief;

/// The tutorial (three teams, turn 0), reached one way or another.
pub(crate) struct Fixture {
    pub exercise: Exercise,
    pub brief: Brief,
    pub status: Option<String>,
}

impl Fixture {
    /// The whole session at this keyboard.
    pub fn local() -> Fixture {
        Fixture::over(Exercise::Local(Box::new(tutorial(None))))
    }

    /// Exercise control over the session, as on the serving machine.
    pub fn console() -> Fixture {
        let session: Box<dyn Control> = Box::new(tutorial(None));
        Fixture::over(Exercise::Console(session))
    }

    fn over(exercise: Exercise) -> Fixture {
        let Some(control) = exercise.control() else {
            panic!("every fixture has exercise control");
        };
        let brief = crate::view::brief(control.setup());
        Fixture {
            exercise,
            brief,
            status: None,
        }
    }

    /// What a component borrows, on an 80×24 terminal.
    pub fn context(&mut self) -> Context<'_> {
        Context {
            exercise: &mut self.exercise,
            brief: &self.brief,
            size: Rect::new(0, 0, 80, 24),
            theme: Theme::new(false),
            status: &mut self.status,
        }
    }

    /// The whole session.
    pub fn session(&self) -> &Session {
        self.exercise
            .session()
            .unwrap_or_else(|| panic!("the session is not at this keyboard"))
    }

    /// Say a team is ready (or not), as it would from its screen.
    pub fn set_ready(&mut self, team: TeamIx, ready: bool) {
        self.exercise
            .set_ready(team, ready)
            .unwrap_or_else(|e| panic!("readiness refused: {e}"));
    }
}

/// An app over `session` with the teams `humans` at the keyboard and bots
/// in every other seat.
pub fn app_over(session: Session, humans: Vec<TeamIx>) -> App {
    App::new(
        session,
        Seats {
            humans,
            bots: Policy::Baseline,
        },
        Theme::new(false),
    )
}

/// Press one key, as the event loop passes it on.
pub fn press(app: &mut App, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = app.action_for(&ev) {
        app.update(a);
    }
}

/// Type `text`, one key a character.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The app drawn on a `w`×`h` terminal, as text.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {});
    t.draw(|f| frame::draw(app, f))
        .unwrap_or_else(|e| match e {});
    t.backend().to_string()
}

/// A scratch directory of a test's own, empty at first and removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// The directory of test `name`; the process id keeps two runs apart.
    pub fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("undertow-tui-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
