//! The replay viewer: a recorded run, turn by turn, for the debrief.
//!
//! The same shape as the play screens: input events become [`Action`]s,
//! [`Viewer::update`] changes the state, and [`draw`] only reads it. The
//! journal is re-simulated once at load ([`Timeline`]); moving to a turn
//! builds that turn's views from the state kept for it.

mod draw;
mod timeline;

use std::time::Duration;

use crossterm::event::Event;
use ratatui::layout::Rect;

pub use draw::{ReplayLayout, draw, layout};
pub use timeline::{LoadError, NoteLine, Timeline};

use super::UiError;
use super::keys::{self, Action, Binding};
use super::overlay::Overlay;
use super::team::{Pane, TeamPanes};
use super::theme::Theme;
use super::ui::modal::{help_max, help_rows, help_width};
use crate::engine::setup::TeamIx;
use crate::view::{FacilitatorView, KnowledgeGap, TeamView};

/// Playing speeds: time per turn, and how the viewer says it.
pub const SPEEDS: [(Duration, &str); 6] = [
    (Duration::from_millis(4000), "¼ turn/s"),
    (Duration::from_millis(2000), "½ turn/s"),
    (Duration::from_millis(1000), "1 turn/s"),
    (Duration::from_millis(500), "2 turns/s"),
    (Duration::from_millis(250), "4 turns/s"),
    (Duration::from_millis(100), "10 turns/s"),
];

/// Whose eyes the state is seen through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perspective {
    /// Exercise control's: the whole truth.
    Truth,
    /// One team's picture, against the truth.
    Team(TeamIx),
}

/// Why the viewer cannot compare two runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// The runs are of different scenarios: other teams, or another title.
    #[error("{shown} and {other} are runs of different scenarios: there is nothing to compare")]
    DifferentScenarios {
        /// The journal shown, by the name it was read by.
        shown: String,
        /// The journal it was to be compared with.
        other: String,
    },
}

/// The viewer's whole state.
pub struct Viewer {
    pub(crate) timeline: Timeline,
    /// Another run of the same scenario to compare with, if any.
    pub(crate) against: Option<Timeline>,
    /// The first turn where the two runs part (a state differs, or one ends).
    pub(crate) divergence: Option<u32>,
    /// Whether the turn pane shows the comparison.
    pub(crate) compare: bool,
    pub(crate) theme: Theme,
    pub(crate) turn: u32,
    pub(crate) perspective: Perspective,
    /// The views of the turn shown, rebuilt when the turn or perspective changes.
    pub(crate) truth: Option<FacilitatorView>,
    pub(crate) team: Option<TeamView>,
    pub(crate) gap: Option<KnowledgeGap>,
    pub(crate) playing: bool,
    /// Index into [`SPEEDS`].
    pub(crate) speed: usize,
    /// Time played since the last step.
    since: Duration,
    /// First line shown of the turn's events.
    pub(crate) scroll: usize,
    /// The team picture's tab and selections, as on the team screen.
    pub(crate) picture: TeamPanes,
    /// Whether the user chose the picture's tab (else it follows the width).
    tab_chosen: bool,
    /// The digits typed into the "go to turn" box, while it is open.
    pub(crate) goto: Option<String>,
    pub(crate) overlay: Option<Overlay>,
    quit: bool,
    pub(crate) status: Option<String>,
    pub(crate) size: Rect,
}

impl Viewer {
    /// A viewer over a loaded run, at `turn` (the first by default; a turn past
    /// the end shows the last, and says so).
    pub fn new(timeline: Timeline, turn: Option<u32>, theme: Theme) -> Viewer {
        let last = timeline.last();
        let mut status = timeline.warning.clone();
        let start = match turn {
            Some(t) if t > last => {
                status = Some(format!(
                    "Turn {t} is past the end of the run: showing turn {last}, the last recorded."
                ));
                last
            }
            Some(0) => {
                status = Some("Turns count from 1: showing turn 1.".into());
                1
            }
            Some(t) => t,
            None => 1,
        };
        let mut v = Viewer {
            timeline,
            against: None,
            divergence: None,
            compare: false,
            theme,
            turn: start,
            perspective: Perspective::Truth,
            truth: None,
            team: None,
            gap: None,
            playing: false,
            speed: 2,
            since: Duration::ZERO,
            scroll: 0,
            picture: picture_ui(),
            tab_chosen: false,
            goto: None,
            overlay: None,
            quit: false,
            status,
            size: Rect::new(0, 0, 80, 24),
        };
        v.refresh();
        v
    }

    /// Compare with another run of the same scenario, from the start; the
    /// turn pane shows the comparison until `d` hides it.
    pub fn against(mut self, other: Timeline) -> Result<Viewer, CompareError> {
        if self.timeline.team_ids() != other.team_ids() || self.timeline.title != other.title {
            return Err(CompareError::DifferentScenarios {
                shown: self.timeline.name.clone(),
                other: other.name,
            });
        }
        let last = self.timeline.last().max(other.last());
        self.divergence = (1..=last).find(|&t| self.timeline.hash(t) != other.hash(t));
        self.against = Some(other);
        self.compare = true;
        self.scroll = 0;
        self.clamp();
        Ok(self)
    }

    /// Whether the user has confirmed quitting.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The turn shown.
    pub fn turn(&self) -> u32 {
        self.turn
    }

    /// The perspective shown.
    pub fn perspective(&self) -> Perspective {
        self.perspective
    }

    /// Whether the replay is playing.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The overlay open over everything, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// The run being shown.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The one-line status message, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The key table in force now.
    pub fn bindings(&self) -> &'static [Binding] {
        match self.overlay {
            Some(o) => o.bindings(),
            None => self.bindings_beneath(),
        }
    }

    /// The key table under any overlay: what the help overlay lists.
    pub fn bindings_beneath(&self) -> &'static [Binding] {
        if self.goto.is_some() {
            keys::REPLAY_GOTO
        } else {
            keys::REPLAY
        }
    }

    /// Rebuild the views of the turn and perspective shown.
    fn refresh(&mut self) {
        match self.perspective {
            Perspective::Truth => {
                self.truth = Some(self.timeline.truth(self.turn));
                self.team = None;
                self.gap = None;
            }
            Perspective::Team(t) => {
                self.truth = None;
                self.team = Some(self.timeline.team(self.turn, t));
                self.gap = Some(self.timeline.gap(self.turn, t));
            }
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        if let Some(v) = &self.team {
            let last = |n: usize| n.saturating_sub(1);
            let p = &mut self.picture;
            p.person = p.person.min(last(v.persons.len()));
            p.place = p.place.min(last(v.routes.len() + v.places.len()));
            p.case = p.case.min(last(v.cases.len()));
            p.group = p.group.min(last(v.groups.len()));
        }
        self.scroll = self.scroll.min(draw::events_max_scroll(self));
    }

    /// Move the selection of the picture's open tab.
    fn move_entry(&mut self, forward: bool) {
        let p = &mut self.picture;
        let sel = match p.tab {
            0 | 1 => &mut p.person,
            2 => &mut p.place,
            3 => &mut p.case,
            _ => &mut p.group,
        };
        *sel = if forward {
            *sel + 1
        } else {
            sel.saturating_sub(1)
        };
        self.clamp();
    }

    /// Show another turn (brought inside the run).
    pub fn seek(&mut self, turn: u32) {
        let turn = self.timeline.clamp(turn);
        if turn != self.turn {
            self.turn = turn;
            self.scroll = 0;
            self.refresh();
        }
    }

    fn set_perspective(&mut self, forward: bool) {
        let n = self.timeline.team_names().len();
        // Truth is position 0, then each team in scenario order.
        let pos = match self.perspective {
            Perspective::Truth => 0,
            Perspective::Team(t) => t.index() + 1,
        };
        let next = if forward {
            (pos + 1) % (n + 1)
        } else {
            (pos + n) % (n + 1)
        };
        self.show_perspective(if next == 0 {
            Perspective::Truth
        } else {
            Perspective::Team(TeamIx(next - 1))
        });
    }

    /// Look through other eyes at the same turn.
    pub fn show_perspective(&mut self, p: Perspective) {
        if p != self.perspective {
            self.perspective = p;
            self.scroll = 0;
            self.picture = TeamPanes {
                tab: self.picture.tab,
                ..picture_ui()
            };
            self.refresh();
        }
    }

    fn period(&self) -> Duration {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)].0
    }

    /// How long the loop may wait for input: short while playing.
    pub fn tick(&self) -> Duration {
        if self.playing {
            (self.period() / 4).min(Duration::from_millis(100))
        } else {
            Duration::from_millis(250)
        }
    }

    /// The action an input event asks for, in the current context.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        let typing = self.goto.is_some() && self.overlay.is_none();
        keys::event_action(event, self.bindings(), typing)
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                // Until the user picks a tab, a narrow picture is a list (it
                // reads better than a cramped chart) and a wide one the chart.
                if !self.tab_chosen {
                    self.picture.tab = usize::from(width < 120);
                }
                self.clamp();
                return;
            }
            Action::Tick(d) => {
                self.play_for(d);
                return;
            }
            _ => {}
        }
        // A status message lasts until the next thing the user does.
        self.status = None;
        if let Some(o) = self.overlay {
            self.update_overlay(o, action);
            return;
        }
        if let Some(o) = Overlay::opened_by(action) {
            self.overlay = Some(o);
            return;
        }
        if let Some(digits) = self.goto.take() {
            self.update_goto(digits, action);
            return;
        }
        let page = usize::from(self.size.height / 3).max(1);
        match action {
            Action::Left => {
                self.playing = false;
                if self.turn == 1 {
                    self.status = Some("This is the first turn.".into());
                }
                self.seek(self.turn.saturating_sub(1));
            }
            Action::Right => {
                self.playing = false;
                if self.turn == self.timeline.last() {
                    self.status = Some("This is the last recorded turn.".into());
                }
                self.seek(self.turn + 1);
            }
            Action::Home => {
                self.playing = false;
                self.seek(1);
            }
            Action::End => {
                self.playing = false;
                self.seek(self.timeline.last());
            }
            Action::Play => {
                self.playing = !self.playing;
                self.since = Duration::ZERO;
                // Playing from the last turn starts over.
                if self.playing && self.turn == self.timeline.last() {
                    self.seek(1);
                }
            }
            Action::Faster => {
                self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
                self.status = Some(format!("Speed: {}.", SPEEDS[self.speed].1));
            }
            Action::Slower => {
                self.speed = self.speed.saturating_sub(1);
                self.status = Some(format!("Speed: {}.", SPEEDS[self.speed].1));
            }
            Action::GoTo => {
                self.playing = false;
                self.goto = Some(String::new());
            }
            Action::NextPane => self.set_perspective(true),
            Action::PrevPane => self.set_perspective(false),
            Action::Down => self.scroll_by(1, true),
            Action::Up => self.scroll_by(1, false),
            Action::PageDown => self.scroll_by(page, true),
            Action::PageUp => self.scroll_by(page, false),
            Action::Tab(i) => match self.perspective {
                Perspective::Team(_) => {
                    self.picture.tab = i.min(4);
                    self.tab_chosen = true;
                }
                Perspective::Truth => {
                    self.status = Some(
                        "The tabs are a team's picture: press p to see through a team's eyes."
                            .into(),
                    )
                }
            },
            Action::NextEntry => self.move_entry(true),
            Action::PrevEntry => self.move_entry(false),
            Action::Compare => {
                if self.against.is_some() {
                    self.compare = !self.compare;
                    self.scroll = 0;
                } else {
                    self.status = Some(
                        "No run to compare with: open the viewer with --against OTHER.journal."
                            .into(),
                    );
                }
            }
            Action::Click { col, row } => self.click(col, row),
            Action::Wheel { down, col, row } => {
                let l = layout(self.size, self.perspective);
                if l.events.contains(ratatui::layout::Position::new(col, row)) {
                    self.scroll_by(3, down);
                }
            }
            _ => {}
        }
    }

    fn scroll_by(&mut self, n: usize, down: bool) {
        self.scroll = if down {
            self.scroll + n
        } else {
            self.scroll.saturating_sub(n)
        };
        self.clamp();
    }

    fn click(&mut self, col: u16, row: u16) {
        let l = layout(self.size, self.perspective);
        if let Some(turn) = draw::seek_turn_at(self, l.seek, col, row) {
            self.playing = false;
            self.seek(turn);
        } else if let Some(p) = draw::perspective_at(self, l.perspectives, col, row) {
            self.show_perspective(p);
        }
    }

    fn update_overlay(&mut self, o: Overlay, action: Action) {
        let area = self.size;
        let extra = draw::legend(self.theme, usize::from(help_width(area)).saturating_sub(2));
        let max = help_max(self.bindings_beneath(), extra, area, self.theme);
        let (next, quit) = o.answer(action, help_rows(area, max + 1));
        self.overlay = next.map(|o| match o {
            Overlay::Help { scroll } => Overlay::Help {
                scroll: scroll.min(max),
            },
            other => other,
        });
        self.quit |= quit;
    }

    fn update_goto(&mut self, mut digits: String, action: Action) {
        let last = self.timeline.last();
        match action {
            Action::Back => return,
            Action::Home => return self.seek(1),
            Action::End => return self.seek(last),
            Action::Backspace => {
                digits.pop();
            }
            Action::Type(c) if c.is_ascii_digit() && digits.len() < 5 => digits.push(c),
            Action::Type(_) => self.status = Some("Type the turn's number, then Enter.".into()),
            Action::Enter => {
                match digits.parse::<u32>() {
                    Ok(t) if (1..=last).contains(&t) => self.seek(t),
                    Ok(t) => {
                        let to = self.timeline.clamp(t);
                        self.status =
                            Some(format!("The run has turns 1 to {last}: showing turn {to}."));
                        self.seek(to);
                    }
                    Err(_) => {
                        self.status = Some(format!("Type a turn from 1 to {last}, or Esc."));
                        self.goto = Some(digits);
                    }
                }
                return;
            }
            _ => {}
        }
        self.goto = Some(digits);
    }

    /// Play on by `d` of wall-clock time, a turn per period of the speed.
    fn play_for(&mut self, d: Duration) {
        if !self.playing {
            return;
        }
        self.since += d;
        let period = self.period();
        let mut turn = self.turn;
        while self.since >= period {
            self.since -= period;
            if turn >= self.timeline.last() {
                self.playing = false;
                self.since = Duration::ZERO;
                self.status = Some("End of the run.".into());
                break;
            }
            turn += 1;
        }
        if turn >= self.timeline.last() && self.playing {
            self.playing = false;
            self.since = Duration::ZERO;
            self.status = Some("End of the run.".into());
        }
        self.seek(turn);
    }
}

/// A team picture's screen state in the viewer: the picture has the keyboard,
/// on the Persons tab until the terminal's width is known.
fn picture_ui() -> TeamPanes {
    TeamPanes {
        focus: Some(Pane::Picture),
        tab: 1,
        ..TeamPanes::default()
    }
}

impl super::Interactive for Viewer {
    fn tick(&self) -> Duration {
        Viewer::tick(self)
    }

    fn update(&mut self, action: Action) {
        Viewer::update(self, action);
    }

    fn action_for(&self, event: &Event) -> Option<Action> {
        Viewer::action_for(self, event)
    }

    fn should_quit(&self) -> bool {
        Viewer::should_quit(self)
    }

    fn draw(&self, frame: &mut ratatui::Frame) {
        draw(self, frame);
    }
}

/// Run the viewer on the real terminal until the user quits.
pub fn run(viewer: &mut Viewer) -> Result<(), UiError> {
    super::on_terminal(|terminal| {
        super::run_loop(
            terminal,
            viewer,
            &mut super::TerminalEvents,
            &mut super::WallClock::start(),
        )
    })
}

#[cfg(test)]
mod tests;
