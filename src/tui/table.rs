//! How this terminal reaches the exercise: the whole session at this
//! keyboard, one team's client of a server, or exercise control over the
//! server's session. The screens drive all three through the same two
//! traits, [`Desk`] for the teams and [`Control`] for the White Cell.

use crate::session::{Control, Desk, Session};

/// How this terminal reaches the exercise.
pub enum Table {
    /// The whole session is here: hot-seat, or one team with bots in the
    /// other seats. The teams and exercise control share the keyboard.
    Local(Box<Session>),
    /// One team at its own terminal; the server holds the truth.
    Remote(Box<dyn Desk>),
    /// Exercise control on the serving machine; every team is at its own terminal.
    Console(Box<dyn Control>),
}

impl Table {
    /// The teams' side of the table, unless this is the console.
    pub fn desk(&self) -> Option<&dyn Desk> {
        match self {
            Table::Local(s) => Some(s.as_ref()),
            Table::Remote(d) => Some(d.as_ref()),
            Table::Console(_) => None,
        }
    }

    /// The teams' side of the table, to change it.
    pub fn desk_mut(&mut self) -> Option<&mut dyn Desk> {
        match self {
            Table::Local(s) => Some(s.as_mut()),
            Table::Remote(d) => Some(d.as_mut()),
            Table::Console(_) => None,
        }
    }

    /// Exercise control, unless this is a team's own terminal.
    pub fn control(&self) -> Option<&dyn Control> {
        match self {
            Table::Local(s) => Some(s.as_ref()),
            Table::Console(c) => Some(c.as_ref()),
            Table::Remote(_) => None,
        }
    }

    /// Exercise control, to act.
    pub fn control_mut(&mut self) -> Option<&mut dyn Control> {
        match self {
            Table::Local(s) => Some(s.as_mut()),
            Table::Console(c) => Some(c.as_mut()),
            Table::Remote(_) => None,
        }
    }

    /// The last committed turn.
    pub fn turn(&self) -> u32 {
        match self {
            Table::Local(s) => s.turn(),
            Table::Remote(d) => d.turn(),
            Table::Console(c) => c.turn(),
        }
    }

    /// Whether the exercise is over.
    pub fn finished(&self) -> bool {
        match self {
            Table::Local(s) => s.finished(),
            Table::Remote(d) => d.finished(),
            Table::Console(c) => c.finished(),
        }
    }

    /// Where the journal is, when it is on this machine.
    pub fn journal_path(&self) -> Option<&std::path::Path> {
        match self {
            Table::Local(s) => s.journal_path(),
            Table::Remote(d) => d.journal_path(),
            Table::Console(c) => c.journal_path(),
        }
    }
}
