//! The facilitator console (exercise control, the White Cell): the truth,
//! who is ready, the turn timer and pause, injects, White Cell messages,
//! evaluators' notes and the log of what exercise control did. Playing and
//! taking back a turn reach every screen, so the console asks the
//! application for them.

mod dialogs;
#[cfg(test)]
mod tests;

use crate::scenario::Metric;
use std::time::Duration;

pub use dialogs::{BroadcastDialog, ConsoleDialog, NoteDialog};

use super::app::{Context, Request};
use super::exercise::Exercise;
use super::keys::{self, Action, Binding};
use super::theme::Theme;
use super::ui;
use crate::engine::TurnOutcome;
use crate::engine::setup::TeamIx;
use crate::view::FacilitatorView;

/// Panes (or, on a small terminal, tabs) of the console.
pub const PANES: [&str; 5] = ["Network", "Teams", "Routes", "Injects", "Log"];

/// Which pane of the console has the keyboard, and how far each is scrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsolePanes {
    pub pane: usize,
    pub scroll: [usize; 5],
}

/// Exercise control's console.
#[derive(Debug, Default)]
pub struct Console {
    panes: ConsolePanes,
    /// The truth, while the console is open.
    truth: Option<FacilitatorView>,
    dialog: Option<ConsoleDialog>,
    paused: bool,
    /// Wall-clock time this turn has been open (for the timer).
    elapsed: Duration,
    /// The turn is played when it has been open this long.
    turn_limit: Option<Duration>,
    /// What exercise control did, oldest first.
    log: Vec<String>,
    /// Inject titles and messages fired live this turn.
    live: Vec<String>,
}

impl Console {
    /// A console whose timer plays the turn after `turn_limit`, if given.
    pub fn new(turn_limit: Option<Duration>) -> Console {
        Console {
            turn_limit,
            ..Console::default()
        }
    }

    /// Which pane has the keyboard, and the scrolling.
    pub fn panes(&self) -> &ConsolePanes {
        &self.panes
    }

    /// The truth, while the console is open.
    pub fn truth(&self) -> Option<&FacilitatorView> {
        self.truth.as_ref()
    }

    /// The box open over the console, if any.
    pub fn dialog(&self) -> Option<&ConsoleDialog> {
        self.dialog.as_ref()
    }

    /// Whether exercise control has paused the exercise.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// How long this turn has been open.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// When the turn is played by itself, if the timer has a limit.
    pub fn turn_limit(&self) -> Option<Duration> {
        self.turn_limit
    }

    /// What exercise control did, oldest first.
    pub fn log(&self) -> &[String] {
        &self.log
    }

    /// Injects and messages fired this turn, not yet delivered.
    pub fn live(&self) -> &[String] {
        &self.live
    }

    /// Add a line to the log.
    pub fn note_in_log(&mut self, line: impl Into<String>) {
        self.log.push(line.into());
    }

    /// Close any box.
    pub(crate) fn close_dialog(&mut self) {
        self.dialog = None;
    }

    /// The key table of the open box, if any.
    pub fn dialog_bindings(&self) -> Option<&'static [Binding]> {
        self.dialog.as_ref().map(ConsoleDialog::bindings)
    }

    /// Rebuild the truth while the console is `open` (drop it otherwise);
    /// `is_bot` marks the teams bots play at this keyboard.
    pub(crate) fn refresh(
        &mut self,
        exercise: &Exercise,
        open: bool,
        is_bot: impl Fn(TeamIx) -> bool,
    ) {
        self.truth = if open {
            exercise.control().map(|c| {
                let mut truth = c.truth();
                if let Exercise::Local(_) = exercise {
                    for (t, team) in truth.teams.iter_mut().enumerate() {
                        team.bot = is_bot(t);
                    }
                }
                truth
            })
        } else {
            None
        };
    }

    /// Time passed; the turn's clock runs while `running` and not paused.
    pub(crate) fn tick(&mut self, d: Duration, running: bool) {
        if !self.paused && running {
            self.elapsed += d;
        }
    }

    /// Whether the turn timer has run out, so the turn is to be played now.
    /// The clock starts again whatever the turn's fate, so a failing journal
    /// is not retried four times a second.
    pub(crate) fn timer_ran_out(&mut self, exercise: &Exercise) -> bool {
        let Some(limit) = self.turn_limit else {
            return false;
        };
        if self.paused
            || self.elapsed < limit
            || exercise.finished()
            || exercise.control().is_none()
        {
            return false;
        }
        self.elapsed = Duration::ZERO;
        let turn = exercise.turn() + 1;
        self.log.push(format!("T{turn}: the turn timer ran out."));
        true
    }

    /// A turn was played here: its headline numbers go in the log.
    pub(crate) fn record_played(&mut self, outcome: &TurnOutcome) {
        let get = |k: Metric| outcome.metrics.get(k);
        self.log.push(format!(
            "T{} played · capability {}% · arrested {} · lives lost {} · victims identified {}",
            outcome.turn,
            get(Metric::NetworkCapability) / 10,
            get(Metric::Arrested),
            get(Metric::LivesLost),
            get(Metric::VictimsIdentified),
        ));
    }

    /// A fresh turn: nothing fired yet, the clock from zero.
    pub(crate) fn new_turn(&mut self) {
        self.live.clear();
        self.elapsed = Duration::ZERO;
    }

    /// A turn was taken back: what was fired for the next one is gone with it.
    pub(crate) fn turn_undone(&mut self, turn: u32) {
        self.live.clear();
        self.log.push(format!(
            "Turn {turn} undone; the teams are told when the turn is played again."
        ));
    }

    /// Apply one action to the console (no box open).
    pub(crate) fn update(&mut self, action: Action, ctx: &mut Context) -> Option<Request> {
        let page = usize::from(ctx.size.height / 3).max(1);
        let n = PANES.len();
        let mut request = None;
        let p = &mut self.panes;
        match action {
            // On the serving machine the console is all there is.
            Action::Back | Action::WhiteCell if matches!(ctx.exercise, Exercise::Console(_)) => {}
            Action::Back | Action::WhiteCell => {
                self.truth = None;
                request = Some(Request::LeaveConsole);
            }
            Action::NextPane => p.pane = (p.pane + 1) % n,
            Action::PrevPane => p.pane = (p.pane + n - 1) % n,
            Action::Down => p.scroll[p.pane] += 1,
            Action::Up => p.scroll[p.pane] = p.scroll[p.pane].saturating_sub(1),
            Action::PageDown => p.scroll[p.pane] += page,
            Action::PageUp => p.scroll[p.pane] = p.scroll[p.pane].saturating_sub(page),
            Action::Advance => {
                if ctx.exercise.finished() {
                    ctx.say("Every turn has been played.");
                } else if ctx.exercise.all_ready() {
                    request = Some(Request::PlayTurn);
                } else {
                    self.dialog = Some(ConsoleDialog::ConfirmAdvance);
                }
            }
            Action::Pause => request = self.toggle_pause(ctx.exercise),
            Action::Inject => {
                let injects = ctx
                    .exercise
                    .control()
                    .map_or(0, |c| c.setup().scenario.injects.len());
                if injects == 0 {
                    ctx.say("This scenario has no injects.");
                } else {
                    self.dialog = Some(ConsoleDialog::Injects { sel: 0 });
                }
            }
            Action::MessageTeams => {
                self.dialog = Some(ConsoleDialog::Broadcast(BroadcastDialog::new(
                    ctx.brief.teams.len(),
                )));
            }
            Action::Undo => {
                if ctx.exercise.turn() == 0 {
                    ctx.say("No turn has been played yet.");
                } else {
                    self.dialog = Some(ConsoleDialog::ConfirmUndo);
                }
            }
            Action::Note => {
                self.dialog = Some(ConsoleDialog::Note(NoteDialog::default()));
            }
            Action::Click { col, row } => {
                if let Some(i) = self.pane_at(ctx.size, col, row) {
                    self.panes.pane = i;
                }
            }
            Action::Wheel { down, col, row } => {
                if let Some(i) = self.pane_at(ctx.size, col, row) {
                    self.panes.pane = i;
                    let s = &mut self.panes.scroll[i];
                    *s = if down { *s + 3 } else { s.saturating_sub(3) };
                }
            }
            _ => {}
        }
        self.clamp_scroll(ctx.size, ctx.theme);
        request
    }

    /// Pause, or resume; at one keyboard, resuming plays a turn every team
    /// is ready for.
    fn toggle_pause(&mut self, exercise: &Exercise) -> Option<Request> {
        self.paused = !self.paused;
        let turn = exercise.turn() + 1;
        if self.paused {
            self.log.push(format!("T{turn} paused."));
            return None;
        }
        self.log.push(format!("T{turn} resumed."));
        (exercise.plays_when_ready() && exercise.all_ready() && !exercise.finished())
            .then_some(Request::PlayTurn)
    }

    /// The pane under a cell of a terminal of this size, if any.
    fn pane_at(&self, size: ratatui::layout::Rect, col: u16, row: u16) -> Option<usize> {
        let (routes, groups) = self.route_and_group_count();
        ui::console::pane_at(size, self.panes.pane, routes, groups, col, row)
    }

    fn route_and_group_count(&self) -> (usize, usize) {
        self.truth
            .as_ref()
            .map_or((1, 0), |t| (t.routes.len(), t.groups.len()))
    }

    /// Keep every pane's scroll inside its text on a terminal of this size.
    pub(crate) fn clamp_scroll(&mut self, size: ratatui::layout::Rect, theme: Theme) {
        let max = match &self.truth {
            Some(t) => {
                ui::console::max_scroll(size, self.panes.pane, t, &self.live, &self.log, theme)
            }
            None => [0; 5],
        };
        for (s, m) in self.panes.scroll.iter_mut().zip(max) {
            *s = (*s).min(m);
        }
    }

    /// The key table of the console itself: on the serving machine there is
    /// no team screen to go back to.
    pub fn bindings(exercise: &Exercise) -> &'static [Binding] {
        if matches!(exercise, Exercise::Console(_)) {
            &keys::CONSOLE
        } else {
            keys::WHITE_CELL_KEYS
        }
    }
}
