//! How this terminal reaches the exercise: the whole session at this
//! keyboard, one team's client of a server, or exercise control over the
//! server's session. The screens drive all three through the same two
//! traits, [`Desk`] for the teams and [`Control`] for the White Cell.

use crate::engine::orders::Order;
use crate::engine::setup::TeamIx;
use crate::session::{Control, Desk, DeskRefusal, Session};

/// How this terminal reaches the exercise.
pub enum Exercise {
    /// The whole session is here: hot-seat, or one team with bots in the
    /// other seats. The teams and exercise control share the keyboard.
    Local(Box<Session>),
    /// One team at its own terminal; the server holds the truth.
    Remote(Box<dyn Desk>),
    /// Exercise control on the serving machine; every team is at its own terminal.
    Console(Box<dyn Control>),
}

impl Exercise {
    /// The teams' side of the exercise, unless this is the console.
    pub fn desk(&self) -> Option<&dyn Desk> {
        match self {
            Exercise::Local(s) => Some(s.as_ref()),
            Exercise::Remote(d) => Some(d.as_ref()),
            Exercise::Console(_) => None,
        }
    }

    /// The teams' side of the exercise, to change it.
    pub fn desk_mut(&mut self) -> Option<&mut dyn Desk> {
        match self {
            Exercise::Local(s) => Some(s.as_mut()),
            Exercise::Remote(d) => Some(d.as_mut()),
            Exercise::Console(_) => None,
        }
    }

    /// Exercise control, unless this is a team's own terminal.
    pub fn control(&self) -> Option<&dyn Control> {
        match self {
            Exercise::Local(s) => Some(s.as_ref()),
            Exercise::Console(c) => Some(c.as_ref()),
            Exercise::Remote(_) => None,
        }
    }

    /// Exercise control, to act.
    pub fn control_mut(&mut self) -> Option<&mut dyn Control> {
        match self {
            Exercise::Local(s) => Some(s.as_mut()),
            Exercise::Console(c) => Some(c.as_mut()),
            Exercise::Remote(_) => None,
        }
    }

    /// The last committed turn.
    pub fn turn(&self) -> u32 {
        match self {
            Exercise::Local(s) => s.turn(),
            Exercise::Remote(d) => d.turn(),
            Exercise::Console(c) => c.turn(),
        }
    }

    /// Whether the exercise is over.
    pub fn finished(&self) -> bool {
        match self {
            Exercise::Local(s) => s.finished(),
            Exercise::Remote(d) => d.finished(),
            Exercise::Console(c) => c.finished(),
        }
    }

    /// Where the journal is, when it is on this machine.
    pub fn journal_path(&self) -> Option<&std::path::Path> {
        match self {
            Exercise::Local(s) => s.journal_path(),
            Exercise::Remote(d) => d.journal_path(),
            Exercise::Console(c) => c.journal_path(),
        }
    }

    /// The whole session, when it is at this keyboard.
    pub fn session(&self) -> Option<&Session> {
        match self {
            Exercise::Local(s) => Some(s),
            _ => None,
        }
    }

    /// Whether a team is ready (false where no team sits).
    pub fn is_ready(&self, team: TeamIx) -> bool {
        self.desk().is_some_and(|d| d.is_ready(team))
    }

    /// The orders a team has queued this turn (none where no team sits).
    pub fn queued(&self, team: TeamIx) -> &[Order] {
        self.desk().map_or(&[], |d| d.queued(team))
    }

    /// Whether every team is ready, as exercise control sees it.
    pub fn all_ready(&self) -> bool {
        self.control().is_some_and(|c| c.all_ready())
    }

    /// Replace a team's queued orders, through whatever holds them.
    pub fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) -> Result<(), DeskRefusal> {
        match self.desk_mut() {
            Some(d) => d.set_orders(team, orders),
            None => Err(DeskRefusal::NoSeat),
        }
    }

    /// Say a team is ready (or not), through whatever holds it.
    pub fn set_ready(&mut self, team: TeamIx, ready: bool) -> Result<(), DeskRefusal> {
        match self.desk_mut() {
            Some(d) => d.set_ready(team, ready),
            None => Err(DeskRefusal::NoSeat),
        }
    }

    /// Send a liaison message from a team, delivered when the turn is played.
    pub fn send_liaison(&mut self, team: TeamIx, to: &str, text: &str) -> Result<(), DeskRefusal> {
        match self.desk_mut() {
            Some(d) => d.send_liaison(team, to, text),
            None => Err(DeskRefusal::NoSeat),
        }
    }

    /// Whether the turn is played as soon as every team is ready: at one
    /// keyboard, yes; the console on the serving machine waits for the
    /// facilitator or the timer, and a team's terminal never plays a turn.
    pub fn plays_when_ready(&self) -> bool {
        matches!(self, Exercise::Local(_))
    }
}
