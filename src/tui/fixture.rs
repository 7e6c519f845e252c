//! For the components' own tests: the tutorial exercise and what a
//! component's [`Context`] borrows, without a terminal.

use ratatui::layout::Rect;

use super::app::Context;
use super::exercise::Exercise;
use super::theme::Theme;
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
    pub fn set_ready(&mut self, team: usize, ready: bool) {
        self.exercise
            .set_ready(team, ready)
            .unwrap_or_else(|e| panic!("readiness refused: {e}"));
    }
}
