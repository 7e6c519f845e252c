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
use super::list::{Filter, FilterEdit};
use super::theme::Theme;
use super::ui;
use crate::engine::TurnOutcome;
use crate::engine::setup::TeamIx;
use crate::session::{JoinInfo, Link, TurnClock};
use crate::view::FacilitatorView;

/// Panes (or, on a small terminal, tabs) of the console.
pub const PANES: [&str; 6] = ["Network", "Teams", "Routes", "Injects", "Log", "Join"];

/// The Join pane's place in [`PANES`].
pub const JOIN: usize = 5;

/// How often the teams elsewhere hear the clock again while it runs, so a
/// client's own count never drifts far.
const CLOCK_EVERY: Duration = Duration::from_secs(30);

/// Which pane of the console has the keyboard, how far each is scrolled,
/// and the filter of the focused one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsolePanes {
    pub pane: usize,
    pub scroll: [usize; PANES.len()],
    pub filter: Filter,
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
    /// How each team's seat is filled.
    links: Vec<Link>,
    /// How teams join, when the exercise is served.
    join: Option<JoinInfo>,
    /// The join codes show on the Join tab (hidden until `v`: the console
    /// may be on a projector).
    revealed: bool,
    /// The clock as the teams last heard it, and the time since.
    told_clock: Option<TurnClock>,
    since_told: Duration,
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

    /// Injects fired this turn and messages sent, as the log shows them.
    pub fn live(&self) -> &[String] {
        &self.live
    }

    /// How each team's seat is filled, in scenario order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// How teams join, when the exercise is served.
    pub fn join(&self) -> Option<&JoinInfo> {
        self.join.as_ref()
    }

    /// Whether the Join tab shows the codes.
    pub fn revealed(&self) -> bool {
        self.revealed
    }

    /// How the turn's clock stands.
    pub fn clock(&self) -> TurnClock {
        TurnClock {
            paused: self.paused,
            seconds_left: self
                .turn_limit
                .map(|l| l.saturating_sub(self.elapsed).as_secs()),
        }
    }

    /// The clock to tell the teams elsewhere, when they should hear it again:
    /// it was paused or resumed, a turn began, or a while has passed.
    pub(crate) fn clock_due(&mut self) -> Option<TurnClock> {
        let now = self.clock();
        let changed = self
            .told_clock
            .is_none_or(|c| c.paused != now.paused || c.seconds_left < now.seconds_left);
        if !changed && self.since_told < CLOCK_EVERY {
            return None;
        }
        self.told_clock = Some(now);
        self.since_told = Duration::ZERO;
        Some(now)
    }

    /// The key table of the focused pane's filter box, while it is typed.
    pub fn filter_bindings(&self) -> Option<&'static [Binding]> {
        (self.dialog.is_none() && self.panes.filter.typing).then_some(keys::FILTER_BOX)
    }

    /// Pasted text, into the console's text box that has the keyboard.
    pub(crate) fn paste(&mut self, text: &str) {
        match &mut self.dialog {
            Some(ConsoleDialog::Broadcast(d)) if d.step == super::dialog::ComposeStep::Text => {
                super::dialog::paste_text(&mut d.text, text);
            }
            Some(ConsoleDialog::Broadcast(d)) => d.filter.paste(text),
            Some(ConsoleDialog::Note(d)) => super::dialog::paste_text(&mut d.text, text),
            Some(ConsoleDialog::Injects { filter, .. }) => filter.paste(text),
            Some(_) => {}
            None if self.panes.filter.typing => self.panes.filter.paste(text),
            None => {}
        }
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
        if open && let Some(c) = exercise.control() {
            self.links = match exercise {
                Exercise::Local(_) => (0..c.setup().teams.len())
                    .map(|t| {
                        if is_bot(TeamIx(t)) {
                            Link::Bot
                        } else {
                            Link::Here
                        }
                    })
                    .collect(),
                _ => c.links(),
            };
            self.join = c.join_info();
        }
        self.truth = if open {
            exercise.control().map(|c| {
                let mut truth = c.truth();
                if let Exercise::Local(_) = exercise {
                    for (t, team) in truth.teams.iter_mut().enumerate() {
                        team.bot = is_bot(TeamIx(t));
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
        self.since_told += d;
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
        // The teams hear the fresh clock.
        self.told_clock = None;
    }

    /// A turn was taken back: what was fired for the next one is gone with it.
    pub(crate) fn turn_undone(&mut self, turn: u32) {
        self.live.clear();
        self.elapsed = Duration::ZERO;
        self.told_clock = None;
        self.log.push(format!(
            "Turn {turn} undone; the teams are told when the turn is played again."
        ));
    }

    /// Apply one action to the console (no box open).
    pub(crate) fn update(&mut self, action: Action, ctx: &mut Context) -> Option<Request> {
        if self.panes.filter.typing {
            if self.panes.filter.edit(action) == FilterEdit::Changed {
                self.panes.scroll[self.panes.pane] = 0;
            }
            return None;
        }
        let n = PANES.len();
        let mut request = None;
        let was = self.panes.pane;
        let page = self.page(ctx.size, ctx.theme);
        let p = &mut self.panes;
        match action {
            // On the serving machine the console is all there is.
            Action::Back if p.filter.active() => p.filter = Filter::default(),
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
            Action::Home => p.scroll[p.pane] = 0,
            // Clamped to the last page below.
            Action::End => p.scroll[p.pane] = usize::MAX,
            Action::Filter if p.pane == 0 => {
                ctx.say("/ filters the lists: Teams, Routes, Injects, Log and Join.");
            }
            Action::Filter => {
                p.filter.start();
                p.scroll[p.pane] = 0;
            }
            Action::Reveal if p.pane == JOIN => {
                self.revealed = !self.revealed;
                ctx.say(if self.revealed {
                    "Join codes shown: v hides them again."
                } else {
                    "Join codes hidden."
                });
            }
            Action::Reveal => ctx.say("v shows the join codes on the Join tab (Tab to it)."),
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
                    self.dialog = Some(ConsoleDialog::Injects {
                        sel: 0,
                        filter: Filter::default(),
                    });
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
        // A filter belongs to the pane it was typed in; the codes hide
        // again when the Join tab is left.
        if self.panes.pane != was {
            self.panes.filter = Filter::default();
            if was == JOIN {
                self.revealed = false;
            }
        }
        self.clamp_scroll(ctx.size, ctx.theme);
        request
    }

    /// The rows the focused pane shows: a page of it.
    fn page(&self, size: ratatui::layout::Rect, _theme: Theme) -> usize {
        let (routes, groups) = self.route_and_group_count();
        ui::console::pane_rows(size, self.panes.pane, routes, groups).max(1)
    }

    /// What the console shows, while it is open.
    pub fn screen<'a>(
        &'a self,
        theme: Theme,
        keys: &'a [Binding],
        status: Option<&'a str>,
    ) -> Option<ui::console::ConsoleScreen<'a>> {
        Some(ui::console::ConsoleScreen {
            truth: self.truth.as_ref()?,
            panes: &self.panes,
            theme,
            elapsed: self.elapsed,
            limit: self.turn_limit,
            paused: self.paused,
            live: &self.live,
            log: &self.log,
            links: &self.links,
            join: self.join.as_ref(),
            reveal: self.revealed,
            keys,
            status,
        })
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
        let max = match self.screen(theme, &[], None) {
            Some(s) => ui::console::max_scroll(size, &s),
            None => [0; PANES.len()],
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
