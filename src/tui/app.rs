//! The application state and `update`: events become actions, actions change
//! the state here, and the screens in `ui` only read it.
//!
//! Game rules stay in the session and the views: each action of a team's view
//! lists what it may be aimed at and why not; the UI only shows the answer.

use std::time::Duration;

use crossterm::event::Event;
use ratatui::layout::Rect;

use super::keys::{self, Action, Binding};
use super::table::Table;
use super::theme::Theme;
use super::ui;
use crate::bots::Policy;
use crate::engine::orders::{Liaison, LiveInject, Order, Target};
use crate::engine::setup::Setup;
use crate::engine::setup::TeamIx;
use crate::scenario::TargetKind;
use crate::session::{Desk, News, Session};
use crate::view::{Brief, FacilitatorView, TeamView};

/// The screen under any box or overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The scenario's briefing, before the first seat.
    Briefing,
    /// One team's own brief, the first time it sits down.
    TeamBrief,
    /// "Pass the keyboard to …": shows nothing of any team.
    Handover,
    /// The seated team's screen.
    Team,
    /// Every team is ready but exercise control has paused the turn.
    Waiting,
    /// Exercise control: the truth.
    WhiteCell,
    /// Every turn has been played.
    Finished,
}

/// A pane of the team screen that can have the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Picture,
    Actions,
    Queued,
    Messages,
}

impl Pane {
    const ALL: [Pane; 4] = [Pane::Picture, Pane::Actions, Pane::Queued, Pane::Messages];

    fn step(self, forward: bool) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ALL.len();
        Pane::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The tabs of the intelligence picture, in order.
pub const TABS: [&str; 5] = ["Network", "Persons", "Places & routes", "Cases", "Migrants"];

/// Panes (or, on a small terminal, tabs) of the exercise-control console.
pub const WHITE_CELL_PANES: [&str; 5] = ["Network", "Teams", "Routes", "Injects", "Log"];

/// A choice in a picker: what it is called, and why it cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    /// The bare name, for confirmations.
    pub name: String,
    /// The id an order uses for it.
    pub id: String,
    pub blocked: Option<String>,
}

/// Which question the order box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStep {
    Target,
    About,
}

/// The box that turns an action into an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDialog {
    /// Index into the view's actions.
    pub action: usize,
    pub step: OrderStep,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
    /// The target chosen in the first step, when a second is needed.
    pub target: Option<Target>,
    /// The name of that target, for the confirmation.
    pub target_name: Option<String>,
}

/// Which question a message box is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeStep {
    Recipients,
    Text,
}

/// A liaison message being written by a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposeDialog {
    pub step: ComposeStep,
    pub candidates: Vec<Candidate>,
    pub sel: usize,
    pub text: String,
}

/// A White Cell message to chosen teams being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastDialog {
    pub step: ComposeStep,
    pub sel: usize,
    pub ticked: Vec<bool>,
    pub text: String,
}

/// An evaluator's note being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDialog {
    pub text: String,
    /// Index of the scenario objective it concerns, if any.
    pub objective: Option<usize>,
}

/// A box over the screen that has the keyboard until closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    ConfirmWhiteCell,
    ConfirmAdvance,
    ConfirmUndo,
    Order(OrderDialog),
    Compose(ComposeDialog),
    /// Text to read: a brief, the details of an entry.
    Reader {
        title: String,
        body: Vec<String>,
        scroll: usize,
    },
    Injects {
        sel: usize,
    },
    Broadcast(BroadcastDialog),
    Note(NoteDialog),
}

/// What sits over everything, boxes included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Quit,
}

impl Overlay {
    /// What an action does to the overlay: the overlay after it (none once
    /// closed), and whether the user has confirmed quitting.
    pub fn answer(self, action: Action) -> (Option<Overlay>, bool) {
        match (self, action) {
            (Overlay::Quit, Action::Yes) => (None, true),
            (Overlay::Quit, Action::No) => (None, false),
            (Overlay::Help { .. }, Action::Back | Action::Help) => (None, false),
            (Overlay::Help { .. }, Action::Quit) => (Some(Overlay::Quit), false),
            (Overlay::Help { scroll }, Action::Down) => {
                (Some(Overlay::Help { scroll: scroll + 1 }), false)
            }
            (Overlay::Help { scroll }, Action::Up) => (
                Some(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                false,
            ),
            (o, _) => (Some(o), false),
        }
    }
}

/// The seated team's screen state; reset at every hand-over so nothing of one
/// team's screen survives into the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamUi {
    pub focus: Option<Pane>,
    pub tab: usize,
    pub person: usize,
    pub place: usize,
    pub case: usize,
    pub group: usize,
    pub action: usize,
    pub queued: usize,
    pub log_scroll: usize,
}

impl TeamUi {
    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        // A team sits down ready to act: the action list has the keyboard.
        self.focus.unwrap_or(Pane::Actions)
    }
}

/// The console's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhiteCellUi {
    pub pane: usize,
    pub scroll: [usize; 5],
}

/// How the seats are filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seats {
    /// Teams played at this keyboard, in seating order.
    pub humans: Vec<TeamIx>,
    /// The policy of every other team.
    pub bots: Policy,
}

/// The whole application.
pub struct App {
    /// The exercise, however this terminal reaches it.
    pub(crate) table: Table,
    /// What every participant may know: title, briefing, objectives, teams.
    pub(crate) brief: Brief,
    pub(crate) seats: Seats,
    pub(crate) theme: Theme,
    pub(crate) screen: Screen,
    /// Index into `seats.humans` of the team at the keyboard.
    pub(crate) seat: usize,
    pub(crate) modal: Option<Modal>,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) quit: bool,
    pub(crate) ui: TeamUi,
    pub(crate) wc: WhiteCellUi,
    /// The seated team's view, rebuilt whenever the state changes.
    pub(crate) view: Option<TeamView>,
    /// Why each of the view's actions cannot be ordered now (none if it can).
    pub(crate) action_blocks: Vec<Option<String>>,
    /// The truth, while exercise control is open.
    pub(crate) truth: Option<FacilitatorView>,
    pub(crate) paused: bool,
    /// Wall-clock time this turn has been open (for the console's timer).
    pub(crate) elapsed: Duration,
    /// What exercise control did, oldest first.
    pub(crate) log: Vec<String>,
    /// A one-line message for whoever is at the keyboard.
    pub(crate) status: Option<String>,
    /// Liaison messages each team sent this turn (delivered at the commit).
    pub(crate) sent: Vec<Vec<Liaison>>,
    /// Inject titles and messages fired live this turn.
    pub(crate) live: Vec<String>,
    /// Teams that have read their own brief.
    pub(crate) briefed: Vec<bool>,
    pub(crate) briefing_scroll: usize,
    /// The terminal's size, for mouse hits and page lengths.
    pub(crate) size: Rect,
    /// Where the screen came from before exercise control opened.
    pub(crate) before_white_cell: Screen,
    /// The console plays the turn when it has been open this long.
    pub(crate) turn_limit: Option<Duration>,
    /// Why the link to the server is down, while it is.
    pub(crate) link: Option<String>,
    /// The exit status, and what to say, when the table went away for good.
    pub(crate) lost: Option<(i32, String)>,
}

impl App {
    /// A new application over a whole session at this keyboard (hot-seat, or
    /// one team with bots): the briefing first.
    pub fn new(session: Session, seats: Seats, theme: Theme) -> App {
        App::build(Table::Local(Box::new(session)), seats, theme)
    }

    /// One team's own terminal, over a desk that serves only that team (a
    /// client of the server): the briefing first, then its screen.
    pub fn remote(desk: Box<dyn Desk>, team: TeamIx, theme: Theme) -> App {
        let seats = Seats {
            humans: vec![team],
            bots: Policy::Baseline,
        };
        App::build(Table::Remote(desk), seats, theme)
    }

    /// Exercise control on the serving machine: the console, and nothing of
    /// any team's screen. With `turn_limit`, the turn is played when it has
    /// been open that long (the pause stops the clock).
    pub fn console(
        control: Box<dyn crate::session::Control>,
        turn_limit: Option<Duration>,
        theme: Theme,
    ) -> App {
        let seats = Seats {
            humans: Vec::new(),
            bots: Policy::Baseline,
        };
        let mut app = App::build(Table::Console(control), seats, theme);
        app.turn_limit = turn_limit;
        app.screen = Screen::WhiteCell;
        app.before_white_cell = Screen::WhiteCell;
        app.refresh();
        app
    }

    fn build(table: Table, seats: Seats, theme: Theme) -> App {
        let brief = match (table.desk(), table.control()) {
            (Some(d), _) => d.brief().clone(),
            (None, Some(c)) => crate::view::brief(c.setup()),
            (None, None) => crate::view::Brief {
                title: String::new(),
                briefing: String::new(),
                objectives: Vec::new(),
                turns: 0,
                dates: Vec::new(),
                teams: Vec::new(),
            },
        };
        let teams = brief.teams.len();
        let mut humans: Vec<TeamIx> = seats
            .humans
            .iter()
            .copied()
            .filter(|&t| t < teams)
            .collect();
        humans.dedup();
        let mut app = App {
            table,
            brief,
            seats: Seats {
                humans,
                bots: seats.bots,
            },
            theme,
            screen: Screen::Briefing,
            seat: 0,
            modal: None,
            overlay: None,
            quit: false,
            ui: TeamUi::default(),
            wc: WhiteCellUi::default(),
            view: None,
            action_blocks: Vec::new(),
            truth: None,
            paused: false,
            elapsed: Duration::ZERO,
            log: Vec::new(),
            status: None,
            sent: vec![Vec::new(); teams],
            live: Vec::new(),
            briefed: vec![false; teams],
            briefing_scroll: 0,
            size: Rect::new(0, 0, 80, 24),
            before_white_cell: Screen::Briefing,
            turn_limit: None,
            link: None,
            lost: None,
        };
        if app.table.turn() > 0 {
            let turn = app.table.turn();
            app.log.push(format!("Resumed after turn {turn}."));
        }
        app.seat_bots();
        app.refresh();
        app
    }

    /// Whether the user has confirmed quitting.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The whole session, when it is at this keyboard.
    pub fn session(&self) -> Option<&Session> {
        match &self.table {
            Table::Local(s) => Some(s),
            _ => None,
        }
    }

    /// How this terminal reaches the exercise.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// What every participant may know: title, briefing, objectives, teams.
    pub fn brief(&self) -> &Brief {
        &self.brief
    }

    /// The last committed turn.
    pub fn turn(&self) -> u32 {
        self.table.turn()
    }

    /// Whether the exercise is over.
    pub fn finished(&self) -> bool {
        self.table.finished()
    }

    /// Whether a team is ready (false where no team sits).
    pub fn is_ready(&self, team: TeamIx) -> bool {
        self.table.desk().is_some_and(|d| d.is_ready(team))
    }

    /// Where the journal is, when it is on this machine.
    pub fn journal_path(&self) -> Option<&std::path::Path> {
        self.table.journal_path()
    }

    /// The fixed facts of the exercise, where exercise control sits.
    pub fn control_setup(&self) -> Option<&Setup> {
        self.table.control().map(|c| c.setup())
    }

    /// What quitting means here, for the prompt that asks.
    pub fn quit_note(&self) -> String {
        let journal = self.journal_path().map(|p| p.display().to_string());
        match (&self.table, journal) {
            (Table::Remote(_), _) => "You leave the exercise; the server keeps your queued orders, and your code lets you join again.".into(),
            (Table::Console(_), Some(j)) => format!(
                "The server stops with the console. Everything played so far is in the journal {j}; continue with: undertow serve --resume {j}"
            ),
            (_, Some(j)) => format!("Everything played so far is in the journal {j}."),
            (_, None) => String::new(),
        }
    }

    /// Add a line to exercise control's log.
    pub fn note_in_log(&mut self, line: &str) {
        self.log.push(line.to_string());
    }

    /// The exit status and its reason, when the exercise went away under us
    /// (a server that cannot be reached again, or that refused us).
    pub fn lost(&self) -> Option<(i32, &str)> {
        self.lost.as_ref().map(|(s, m)| (*s, m.as_str()))
    }

    /// Whether every team is ready, as exercise control sees it.
    fn all_ready(&self) -> bool {
        self.table.control().is_some_and(|c| c.all_ready())
    }

    /// The orders the team has queued this turn.
    fn queued(&self, team: TeamIx) -> &[Order] {
        self.table.desk().map_or(&[], |d| d.queued(team))
    }

    /// The screen under any box.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The box open over the screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The overlay open over everything, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// The team at the keyboard, if a team is seated.
    pub fn team(&self) -> Option<TeamIx> {
        self.seats.humans.get(self.seat).copied()
    }

    /// The seated team's view.
    pub fn team_view(&self) -> Option<&TeamView> {
        self.view.as_ref()
    }

    /// What the team screen shows, while a team is seated.
    pub fn team_screen(&self) -> Option<ui::team::TeamScreen<'_>> {
        let team = self.team()?;
        Some(ui::team::TeamScreen {
            view: self.view.as_ref()?,
            ui: &self.ui,
            theme: self.theme,
            ready: self.is_ready(team),
            paused: self.paused,
            queued: self.queued(team),
            sent: self.sent.get(team).map_or(&[], Vec::as_slice),
            action_blocks: &self.action_blocks,
            keys: self.bindings(),
            status: self.status(),
        })
    }

    /// What the console shows, while exercise control is open.
    pub fn console_screen(&self) -> Option<ui::white_cell::ConsoleScreen<'_>> {
        Some(ui::white_cell::ConsoleScreen {
            truth: self.truth.as_ref()?,
            ui: &self.wc,
            theme: self.theme,
            elapsed: self.elapsed,
            limit: self.turn_limit,
            paused: self.paused,
            live: &self.live,
            log: &self.log,
            keys: self.bindings(),
            status: self.status(),
        })
    }

    /// The truth, while exercise control is open.
    pub fn truth(&self) -> Option<&FacilitatorView> {
        self.truth.as_ref()
    }

    /// The seated team's screen state.
    pub fn team_ui(&self) -> &TeamUi {
        &self.ui
    }

    /// The one-line status message, if any. While the link to the server is
    /// down, that comes first: nothing else can happen until it is back.
    pub fn status(&self) -> Option<&str> {
        self.link.as_deref().or(self.status.as_deref())
    }

    /// Whether one team plays with bots (not hot-seat).
    pub fn single_seat(&self) -> bool {
        self.seats.humans.len() <= 1
    }

    fn is_bot(&self, team: TeamIx) -> bool {
        !self.seats.humans.contains(&team)
    }

    /// Bots decide and are ready at the start of every turn, so the console
    /// shows their orders and a human seat is never kept waiting for them.
    fn seat_bots(&mut self) {
        // Only where the whole session is here: elsewhere bots join as clients.
        let Table::Local(session) = &mut self.table else {
            return;
        };
        for team in 0..session.setup().teams.len() {
            if !self.seats.humans.contains(&team) {
                let orders = session.bot_orders(team, self.seats.bots);
                session.set_orders(team, orders);
                session.set_ready(team, true);
            }
        }
    }

    /// Whether the turn is played as soon as every team is ready: at one
    /// keyboard, yes; the console on the serving machine waits for the
    /// facilitator or the timer, and a team's terminal never plays a turn.
    fn plays_when_ready(&self) -> bool {
        matches!(self.table, Table::Local(_))
    }

    /// Rebuild what the screens read after anything changed.
    pub fn refresh(&mut self) {
        self.view = match (self.team(), self.table.desk()) {
            (Some(t), Some(d)) => d.view(t),
            _ => None,
        };
        self.action_blocks = self
            .view
            .as_ref()
            .map(|v| v.actions.iter().map(|a| a.blocked()).collect())
            .unwrap_or_default();
        self.truth = if self.screen == Screen::WhiteCell {
            self.build_truth()
        } else {
            None
        };
        self.clamp();
    }

    fn build_truth(&self) -> Option<FacilitatorView> {
        let mut truth = self.table.control()?.truth();
        if let Table::Local(_) = self.table {
            for (t, team) in truth.teams.iter_mut().enumerate() {
                team.bot = self.is_bot(t);
            }
        }
        Some(truth)
    }

    /// Everything the team could aim one of its actions at, each with the
    /// reason it cannot: the view says which and why; this only names them.
    fn target_candidates(view: &TeamView, action: usize) -> Vec<Candidate> {
        let Some(opt) = view.actions.get(action) else {
            return Vec::new();
        };
        opt.targets
            .iter()
            .map(|c| {
                let (label, name, id) = target_names(view, &c.target);
                Candidate {
                    label,
                    name,
                    id,
                    blocked: c.blocked.clone(),
                }
            })
            .collect()
    }

    fn clamp(&mut self) {
        let Some(v) = &self.view else { return };
        let last = |n: usize| n.saturating_sub(1);
        self.ui.person = self.ui.person.min(last(v.persons.len()));
        self.ui.place = self.ui.place.min(last(v.places.len() + v.routes.len()));
        self.ui.case = self.ui.case.min(last(v.cases.len()));
        self.ui.group = self.ui.group.min(last(v.groups.len()));
        self.ui.action = self.ui.action.min(last(v.actions.len()));
        let queued = self.team().map(|t| self.queued_len(t)).unwrap_or(0);
        self.ui.queued = self.ui.queued.min(last(queued));
    }

    /// Orders and messages the team has queued this turn, as the queue pane lists them.
    pub(crate) fn queued_len(&self, team: TeamIx) -> usize {
        self.queued(team).len() + self.sent.get(team).map_or(0, Vec::len)
    }

    /// The key table of what has the keyboard now.
    pub fn bindings(&self) -> &'static [Binding] {
        if let Some(o) = self.overlay {
            return match o {
                Overlay::Help { .. } => keys::HELP_KEYS,
                Overlay::Quit => keys::PROMPT,
            };
        }
        self.bindings_beneath()
    }

    /// The key table under any overlay: what the help overlay lists.
    pub fn bindings_beneath(&self) -> &'static [Binding] {
        if let Some(m) = &self.modal {
            return match m {
                Modal::ConfirmWhiteCell | Modal::ConfirmAdvance | Modal::ConfirmUndo => {
                    keys::PROMPT
                }
                Modal::Order(_) | Modal::Injects { .. } => keys::PICKER,
                Modal::Compose(c) if c.step == ComposeStep::Recipients => keys::PICKER,
                Modal::Broadcast(b) if b.step == ComposeStep::Recipients => keys::TEAM_CHECKLIST,
                Modal::Compose(_) | Modal::Broadcast(_) | Modal::Note(_) => keys::TEXT_BOX,
                Modal::Reader { .. } => keys::READER,
            };
        }
        let own = matches!(self.table, Table::Remote(_));
        match self.screen {
            Screen::Briefing | Screen::TeamBrief if own => &keys::OWN_BRIEFING,
            Screen::Briefing | Screen::TeamBrief => keys::BRIEFING,
            Screen::Handover => keys::HANDOVER,
            Screen::Waiting => keys::WAITING,
            Screen::Team if own => &keys::OWN_TEAM,
            Screen::Team => keys::TEAM,
            Screen::WhiteCell if matches!(self.table, Table::Console(_)) => &keys::CONSOLE,
            Screen::WhiteCell => keys::WHITE_CELL_KEYS,
            Screen::Finished if own => &keys::OWN_FINISHED,
            Screen::Finished => keys::FINISHED,
        }
    }

    fn typing(&self) -> bool {
        self.overlay.is_none() && std::ptr::eq(self.bindings(), keys::TEXT_BOX)
    }

    /// The action an input event asks for, in the current context.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        keys::event_action(event, self.bindings(), self.typing())
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                return;
            }
            Action::Tick(d) => {
                if !self.paused && self.screen != Screen::Finished {
                    self.elapsed += d;
                }
                self.check_timer();
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
        if let Some(m) = self.modal.take() {
            self.update_modal(m, action);
            return;
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return;
            }
            Action::Quit => {
                self.overlay = Some(Overlay::Quit);
                return;
            }
            // A team's own terminal has no exercise control behind it.
            Action::WhiteCell if self.table.control().is_none() => return,
            Action::WhiteCell if self.screen != Screen::WhiteCell => {
                self.modal = Some(Modal::ConfirmWhiteCell);
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Briefing | Screen::TeamBrief => self.update_briefing(action),
            Screen::Handover => {
                if action == Action::Enter {
                    self.sit_down();
                }
            }
            Screen::Waiting => {
                if action == Action::Ready {
                    match self.team() {
                        Some(t) if self.single_seat() => self.ready(t),
                        _ => self.status = Some("Exercise control holds the turn.".into()),
                    }
                }
            }
            Screen::Team => self.update_team(action),
            Screen::WhiteCell => self.update_white_cell(action),
            Screen::Finished => {
                // One team may look back over its picture; hot-seat teams
                // review theirs in the debrief, each on its own.
                if action == Action::Enter && self.single_seat() {
                    self.ui = TeamUi::default();
                    self.screen = Screen::Team;
                    self.refresh();
                }
            }
        }
    }

    fn update_overlay(&mut self, o: Overlay, action: Action) {
        let (next, quit) = o.answer(action);
        self.overlay = next;
        self.quit |= quit;
    }

    fn update_briefing(&mut self, action: Action) {
        let page = usize::from(self.size.height.saturating_sub(6)).max(1);
        match action {
            Action::Enter => {
                self.briefing_scroll = 0;
                if self.screen == Screen::TeamBrief {
                    if let Some(t) = self.team() {
                        self.briefed[t] = true;
                    }
                    self.screen = Screen::Team;
                } else if self.single_seat() {
                    // One team: the briefing already showed its brief.
                    if let Some(t) = self.team() {
                        self.briefed[t] = true;
                    }
                    self.screen = Screen::Team;
                } else {
                    self.screen = Screen::Handover;
                }
                self.refresh();
            }
            Action::Down => self.briefing_scroll += 1,
            Action::Up => self.briefing_scroll = self.briefing_scroll.saturating_sub(1),
            Action::PageDown => self.briefing_scroll += page,
            Action::PageUp => self.briefing_scroll = self.briefing_scroll.saturating_sub(page),
            _ => {}
        }
    }

    /// The team at the card takes the keyboard.
    fn sit_down(&mut self) {
        self.ui = TeamUi::default();
        self.refresh();
        let briefed = self.team().is_some_and(|t| self.briefed[t]);
        self.screen = if briefed {
            Screen::Team
        } else {
            Screen::TeamBrief
        };
    }

    fn update_team(&mut self, action: Action) {
        let Some(team) = self.team() else { return };
        let page = usize::from(self.size.height / 3).max(1);
        match action {
            Action::NextPane => self.ui.focus = Some(self.ui.pane().step(true)),
            Action::PrevPane => self.ui.focus = Some(self.ui.pane().step(false)),
            Action::Back => self.ui.focus = Some(Pane::Picture),
            Action::Tab(i) => {
                self.ui.tab = i.min(TABS.len() - 1);
                self.ui.focus = Some(Pane::Picture);
            }
            Action::Left if self.ui.pane() == Pane::Picture => {
                self.ui.tab = (self.ui.tab + TABS.len() - 1) % TABS.len()
            }
            Action::Right if self.ui.pane() == Pane::Picture => {
                self.ui.tab = (self.ui.tab + 1) % TABS.len()
            }
            Action::Left | Action::Right => {}
            Action::Up => self.move_sel(-1),
            Action::Down => self.move_sel(1),
            Action::PageUp => self.ui.log_scroll = self.ui.log_scroll.saturating_sub(page),
            Action::PageDown => self.ui.log_scroll += page,
            Action::Enter => match self.ui.pane() {
                Pane::Actions => self.open_order(),
                Pane::Queued => self.delete_queued(team),
                Pane::Picture => self.open_detail(),
                Pane::Messages => self.open_messages(),
            },
            Action::Delete => self.delete_queued(team),
            Action::Ready => self.ready(team),
            Action::Compose => self.open_compose(),
            Action::Brief => self.open_brief(),
            Action::Click { col, row } => self.click_team(col, row),
            Action::Wheel { down, .. } => {
                self.ui.log_scroll = if down {
                    self.ui.log_scroll + 3
                } else {
                    self.ui.log_scroll.saturating_sub(3)
                }
            }
            _ => {}
        }
        self.clamp();
        let max = self
            .view
            .as_ref()
            .map_or(0, |v| ui::team::log_max_scroll(v, self.size, self.theme));
        self.ui.log_scroll = self.ui.log_scroll.min(max);
    }

    fn move_sel(&mut self, d: isize) {
        let step = |v: usize| v.saturating_add_signed(d);
        match self.ui.pane() {
            Pane::Picture => match self.ui.tab {
                0 | 1 => self.ui.person = step(self.ui.person),
                2 => self.ui.place = step(self.ui.place),
                3 => self.ui.case = step(self.ui.case),
                _ => self.ui.group = step(self.ui.group),
            },
            Pane::Actions => self.ui.action = step(self.ui.action),
            Pane::Queued => self.ui.queued = step(self.ui.queued),
            Pane::Messages => self.ui.log_scroll = step(self.ui.log_scroll),
        }
    }

    fn click_team(&mut self, col: u16, row: u16) {
        let l = ui::team::layout(self.size);
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(col, row));
        // Rows inside a bordered list: the first item is one row below the top.
        let index = |r: Rect, sel: usize, len: usize| -> Option<usize> {
            let inner_top = r.y + 1;
            let height = usize::from(r.height.saturating_sub(2));
            if row < inner_top || height == 0 {
                return None;
            }
            let i = ui::list_offset(sel, height) + usize::from(row - inner_top);
            (i < len).then_some(i)
        };
        if hit(l.actions) {
            self.ui.focus = Some(Pane::Actions);
            let len = self.view.as_ref().map_or(0, |v| v.actions.len());
            if let Some(i) = index(ui::team::actions_list_area(l.actions), self.ui.action, len) {
                self.ui.action = i;
            }
        } else if hit(l.queued) {
            self.ui.focus = Some(Pane::Queued);
            let len = self.team().map_or(0, |t| self.queued_len(t));
            if let Some(i) = index(l.queued, self.ui.queued, len) {
                self.ui.queued = i;
            }
        } else if hit(l.messages) {
            self.ui.focus = Some(Pane::Messages);
        } else if hit(l.picture) || l.details.is_some_and(hit) {
            self.ui.focus = Some(Pane::Picture);
            if let Some(tab) = ui::team::tab_at(l.picture, self.ui.tab, col, row) {
                self.ui.tab = tab;
            } else if matches!(self.ui.tab, 1 | 3 | 4) {
                let (sel, len) = match self.ui.tab {
                    1 => (
                        self.ui.person,
                        self.view.as_ref().map_or(0, |v| v.persons.len()),
                    ),
                    3 => (
                        self.ui.case,
                        self.view.as_ref().map_or(0, |v| v.cases.len()),
                    ),
                    _ => (
                        self.ui.group,
                        self.view.as_ref().map_or(0, |v| v.groups.len()),
                    ),
                };
                // The list starts under a heading row.
                let list = Rect {
                    y: l.picture.y + 1,
                    height: l.picture.height.saturating_sub(1),
                    ..l.picture
                };
                if let Some(i) = index(list, sel, len) {
                    match self.ui.tab {
                        1 => self.ui.person = i,
                        3 => self.ui.case = i,
                        _ => self.ui.group = i,
                    }
                }
            }
        }
    }

    fn open_order(&mut self) {
        let (Some(v), Some(t)) = (&self.view, self.team()) else {
            return;
        };
        if self.finished() {
            self.status = Some("The exercise is over: no more orders.".into());
            return;
        }
        if self.is_ready(t) {
            self.status = Some("You are ready: press r to reopen your orders.".into());
            return;
        }
        let action = self.ui.action;
        if action >= v.actions.len() {
            return;
        }
        let candidates = App::target_candidates(v, action);
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.modal = Some(Modal::Order(OrderDialog {
            action,
            step: OrderStep::Target,
            candidates,
            sel,
            target: None,
            target_name: None,
        }));
    }

    fn open_detail(&mut self) {
        let Some(v) = &self.view else { return };
        if let Some((title, body)) = ui::team::detail(v, &self.ui, 70) {
            self.modal = Some(Modal::Reader {
                title,
                body,
                scroll: 0,
            });
        }
    }

    fn open_messages(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = Vec::new();
        for m in &v.messages {
            for (i, l) in super::text::wrap(&m.text, 66).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("T{:<3} {} ", m.turn, super::theme::message_symbol(m.kind))
                } else {
                    " ".repeat(7)
                };
                body.push(format!("{lead}{l}"));
            }
        }
        if body.is_empty() {
            body.push("No messages yet.".into());
        }
        self.modal = Some(Modal::Reader {
            title: "Messages, newest first".into(),
            body,
            scroll: 0,
        });
    }

    fn open_brief(&mut self) {
        let Some(v) = &self.view else { return };
        let mut body = super::text::wrap_paragraphs(&v.team.brief, 70);
        body.push(String::new());
        body.extend(ui::team::law_lines(v));
        self.modal = Some(Modal::Reader {
            title: format!("{} · brief", v.team.name),
            body,
            scroll: 0,
        });
    }

    fn open_compose(&mut self) {
        let (Some(v), Some(t)) = (&self.view, self.team()) else {
            return;
        };
        if self.is_ready(t) {
            self.status = Some("You are ready: press r to reopen this turn.".into());
            return;
        }
        let candidates: Vec<Candidate> = v
            .teams
            .iter()
            .map(|o| Candidate {
                label: format!("{} ({})", o.name, o.country),
                name: o.name.clone(),
                id: o.id.clone(),
                blocked: (!o.channel)
                    .then(|| "no channel: post a liaison officer or form a joint team".to_string()),
            })
            .collect();
        let sel = candidates
            .iter()
            .position(|c| c.blocked.is_none())
            .unwrap_or(0);
        self.modal = Some(Modal::Compose(ComposeDialog {
            step: ComposeStep::Recipients,
            candidates,
            sel,
            text: String::new(),
        }));
    }

    fn delete_queued(&mut self, team: TeamIx) {
        if self.is_ready(team) {
            self.status = Some("You are ready: press r to reopen your orders.".into());
            return;
        }
        let mut orders = self.queued(team).to_vec();
        let i = self.ui.queued;
        if i < orders.len() {
            orders.remove(i);
            self.status = Some(match self.set_orders(team, orders) {
                Ok(()) => "Order removed.".into(),
                Err(e) => format!("The order was not removed: {e}"),
            });
            self.refresh();
        } else if i < self.queued_len(team) {
            self.status =
                Some("A liaison message cannot be recalled once sent: it goes out at the end of the turn.".into());
        }
    }

    /// Replace a team's queued orders, through whatever holds them.
    fn set_orders(&mut self, team: TeamIx, orders: Vec<Order>) -> Result<(), String> {
        match self.table.desk_mut() {
            Some(d) => d.set_orders(team, orders),
            None => Err("no team sits at this terminal".into()),
        }
    }

    fn set_ready(&mut self, team: TeamIx, ready: bool) -> Result<(), String> {
        match self.table.desk_mut() {
            Some(d) => d.set_ready(team, ready),
            None => Err("no team sits at this terminal".into()),
        }
    }

    fn ready(&mut self, team: TeamIx) {
        if self.finished() {
            self.screen = Screen::Finished;
            return;
        }
        if self.is_ready(team) {
            if let Err(e) = self.set_ready(team, false) {
                self.status = Some(format!("Still ready: {e}"));
                return;
            }
            self.screen = Screen::Team;
            self.status = Some("Not ready: your orders are open again.".into());
            return;
        }
        if let Err(e) = self.set_ready(team, true) {
            self.status = Some(format!("Not ready yet: {e}"));
            return;
        }
        self.next_seat();
    }

    /// Hand the keyboard to the next team that is not ready, or play the turn.
    fn next_seat(&mut self) {
        let n = self.seats.humans.len();
        let next = (1..=n)
            .map(|k| (self.seat + k) % n)
            .find(|&i| !self.is_ready(self.seats.humans[i]));
        match next {
            Some(i) if n > 1 => {
                self.seat = i;
                self.status = None;
                self.ui = TeamUi::default();
                self.view = None;
                self.screen = Screen::Handover;
            }
            Some(_) => {}
            None if !self.plays_when_ready() => {
                self.status = Some("Ready: the turn is played soon. r reopens your orders.".into());
            }
            None if self.paused => {
                self.screen = Screen::Waiting;
                self.ui = TeamUi::default();
            }
            None => self.commit(),
        }
    }

    /// Play the turn with what is queued, then seat the first team again.
    fn commit(&mut self) {
        let Some(control) = self.table.control_mut() else {
            return;
        };
        match control.commit() {
            Ok(outcome) => {
                let m = &outcome.metrics.metrics;
                let get = |k: &str| m.get(k).copied().unwrap_or(0);
                self.log.push(format!(
                    "T{} played · capability {}% · arrested {} · lives lost {} · victims identified {}",
                    outcome.turn,
                    get("network_capability") / 10,
                    get("arrested"),
                    get("lives_lost"),
                    get("victims_identified"),
                ));
                self.turn_played(outcome.turn);
            }
            Err(e) => {
                self.status = Some(format!("The turn could not be committed: {e}"));
            }
        }
    }

    /// Play the turn when the console's turn timer has run out.
    fn check_timer(&mut self) {
        let Some(limit) = self.turn_limit else { return };
        if self.paused || self.elapsed < limit || self.finished() || self.table.control().is_none()
        {
            return;
        }
        // The clock starts again whatever the commit says, so a failing
        // journal is not retried four times a second.
        self.elapsed = Duration::ZERO;
        let turn = self.turn() + 1;
        self.log.push(format!("T{turn}: the turn timer ran out."));
        self.commit();
    }

    /// Take in what happened elsewhere: turns the server played, a link that
    /// dropped or came back, teams getting ready. The loop calls it before
    /// every frame; at one keyboard nothing happens elsewhere.
    pub fn poll(&mut self) {
        let news = match &mut self.table {
            Table::Local(_) => return,
            Table::Remote(d) => d.news(),
            Table::Console(c) => c.news(),
        };
        for n in news {
            self.take(n);
        }
    }

    fn take(&mut self, news: News) {
        // An order box offers targets from the view it opened on: when the
        // turn or the seat changes under it, it would offer stale ones.
        if matches!(
            news,
            News::Played { .. } | News::Undone { .. } | News::Reconnected | News::Finished
        ) && matches!(self.modal, Some(Modal::Order(_)))
        {
            self.modal = None;
        }
        match news {
            News::Played { turn } => self.turn_played(turn),
            News::Undone { turn } => {
                for s in &mut self.sent {
                    s.clear();
                }
                self.ui = TeamUi::default();
                self.modal = None;
                if self.screen == Screen::Finished {
                    self.screen = Screen::Team;
                }
                self.refresh();
                self.status = Some(format!(
                    "Exercise control took back turn {turn}: your orders are cleared, plan it again."
                ));
            }
            News::Finished => {
                match self.screen {
                    Screen::WhiteCell => self.before_white_cell = Screen::Finished,
                    Screen::Briefing | Screen::TeamBrief => {}
                    _ => {
                        self.modal = None;
                        self.screen = Screen::Finished;
                    }
                }
                self.refresh();
                self.status = Some("The server has played its last turn.".into());
            }
            News::Changed => self.refresh(),
            News::Notice(m) => {
                if self.screen == Screen::WhiteCell {
                    self.log.push(format!("T{} {m}", self.turn() + 1));
                }
                self.status = Some(m);
                // A notice often comes with a change: a team joined or got ready.
                self.refresh();
            }
            News::Reconnecting(why) => {
                self.link = Some(format!("Connection lost ({why}): reconnecting…"));
            }
            News::Reconnected => {
                self.link = None;
                self.status = Some("Reconnected.".into());
                self.refresh();
            }
            News::Lost { status, message } => {
                self.lost = Some((status, message));
                self.quit = true;
            }
        }
    }

    /// A turn was played, here or by the server: a fresh turn for every seat.
    fn turn_played(&mut self, turn: u32) {
        for s in &mut self.sent {
            s.clear();
        }
        self.live.clear();
        self.elapsed = Duration::ZERO;
        self.seat = 0;
        self.ui = TeamUi::default();
        self.seat_bots();
        let back = if self.finished() {
            Screen::Finished
        } else if self.single_seat() {
            Screen::Team
        } else {
            Screen::Handover
        };
        match self.screen {
            Screen::WhiteCell => self.before_white_cell = back,
            // A team still reading its briefing finishes reading first.
            Screen::Briefing | Screen::TeamBrief => {}
            _ => self.screen = back,
        }
        self.refresh();
        if self.screen == Screen::WhiteCell && self.finished() {
            self.status = Some(format!(
                "Turn {turn} played: that was the last turn. The exercise is over; q quits."
            ));
        }
        if self.screen == Screen::Team {
            let news = self
                .view
                .as_ref()
                .map_or(0, |v| v.messages.iter().filter(|m| m.turn == turn).count());
            self.status = Some(match news {
                0 => format!("Turn {turn} played: no news yet."),
                1 => format!("Turn {turn} played: 1 new message."),
                n => format!("Turn {turn} played: {n} new messages."),
            });
        }
    }

    fn update_modal(&mut self, modal: Modal, action: Action) {
        if action == Action::Help {
            self.modal = Some(modal);
            self.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        if action == Action::Quit {
            self.modal = Some(modal);
            self.overlay = Some(Overlay::Quit);
            return;
        }
        let page = usize::from(self.size.height.saturating_sub(8)).max(1);
        match modal {
            Modal::ConfirmWhiteCell => {
                if action == Action::Yes {
                    self.before_white_cell = self.screen;
                    self.screen = Screen::WhiteCell;
                    self.refresh();
                }
            }
            Modal::ConfirmAdvance => {
                if action == Action::Yes {
                    self.commit();
                }
            }
            Modal::ConfirmUndo => {
                if action == Action::Yes {
                    self.undo();
                }
            }
            Modal::Reader {
                title,
                body,
                scroll,
            } => {
                let scroll = match action {
                    Action::Back | Action::Enter => return,
                    Action::Down => scroll + 1,
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => scroll + page,
                    Action::PageUp => scroll.saturating_sub(page),
                    _ => scroll,
                };
                let scroll = scroll.min(body.len().saturating_sub(1));
                self.modal = Some(Modal::Reader {
                    title,
                    body,
                    scroll,
                });
            }
            Modal::Order(d) => self.update_order(d, action),
            Modal::Compose(d) => self.update_compose(d, action),
            Modal::Injects { sel } => {
                let n = self.control_setup().map_or(0, |s| s.scenario.injects.len());
                let sel = match action {
                    Action::Back => return,
                    Action::Enter => {
                        self.fire_inject(sel);
                        return;
                    }
                    _ => list_move(sel, n, action, page),
                };
                self.modal = Some(Modal::Injects { sel });
            }
            Modal::Broadcast(d) => self.update_broadcast(d, action),
            Modal::Note(d) => self.update_note(d, action),
        }
    }

    fn update_order(&mut self, mut d: OrderDialog, action: Action) {
        let page = usize::from(self.size.height.saturating_sub(12)).max(1);
        match action {
            Action::Back => {
                if d.step == OrderStep::About {
                    // Back to the first question rather than out.
                    self.ui.focus = Some(Pane::Actions);
                    self.open_order();
                }
                return;
            }
            Action::Enter => {
                let Some(c) = d.candidates.get(d.sel).cloned() else {
                    self.modal = Some(Modal::Order(d));
                    return;
                };
                if let Some(why) = &c.blocked {
                    self.status = Some(format!("Not possible: {why}."));
                    self.modal = Some(Modal::Order(d));
                    return;
                }
                let (Some(v), Some(team)) = (&self.view, self.team()) else {
                    return;
                };
                let Some(opt) = v.actions.get(d.action) else {
                    return;
                };
                let target = match opt.target {
                    TargetKind::Nothing | TargetKind::Asset => Target::Nothing,
                    TargetKind::Actor => Target::Actor(c.id.clone()),
                    TargetKind::Group => Target::Group(c.id.clone()),
                    TargetKind::Team => Target::Team(c.id.clone()),
                    TargetKind::Route => Target::Route(c.id.clone()),
                };
                let (target, about) = match d.step {
                    OrderStep::Target if opt.needs_about => {
                        let candidates: Vec<Candidate> = v
                            .persons
                            .iter()
                            .map(|p| Candidate {
                                label: format!("{} · evidence {}", p.name, p.evidence),
                                name: p.name.clone(),
                                id: p.reference.clone(),
                                blocked: None,
                            })
                            .collect();
                        if candidates.is_empty() {
                            self.status =
                                Some("Nobody in your files yet: there is nothing to share.".into());
                            return;
                        }
                        self.modal = Some(Modal::Order(OrderDialog {
                            step: OrderStep::About,
                            candidates,
                            sel: 0,
                            target: Some(target),
                            target_name: Some(c.name.clone()),
                            ..d
                        }));
                        return;
                    }
                    OrderStep::Target => (target, None),
                    OrderStep::About => (d.target.clone().unwrap_or_default(), Some(c.id.clone())),
                };
                let name = opt.name.clone();
                let mut orders = self.queued(team).to_vec();
                orders.push(Order {
                    team: v.team.id.clone(),
                    action: opt.kind,
                    target,
                    about,
                });
                if let Err(e) = self.set_orders(team, orders) {
                    self.status = Some(format!("Not queued: {e}"));
                    self.modal = Some(Modal::Order(d));
                    return;
                }
                let on = match (&d.target_name, d.step) {
                    (Some(t), OrderStep::About) => format!(" — {t} about {}", c.name),
                    _ if c.name.is_empty() => String::new(),
                    _ => format!(" — {}", c.name),
                };
                self.status = Some(format!("Queued: {name}{on}."));
                self.refresh();
                return;
            }
            _ => d.sel = list_move(d.sel, d.candidates.len(), action, page),
        }
        self.modal = Some(Modal::Order(d));
    }

    fn update_compose(&mut self, mut d: ComposeDialog, action: Action) {
        match (d.step, action) {
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Enter) => match d.candidates.get(d.sel) {
                Some(c) if c.blocked.is_none() => d.step = ComposeStep::Text,
                Some(c) => {
                    self.status = Some(format!(
                        "{}: {}.",
                        c.label,
                        c.blocked.clone().unwrap_or_default()
                    ))
                }
                None => return,
            },
            (ComposeStep::Recipients, a) => {
                d.sel = list_move(d.sel, d.candidates.len(), a, 5);
            }
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write something first, or Esc to cancel.".into());
                } else if let (Some(team), Some(c)) = (self.team(), d.candidates.get(d.sel)) {
                    let from = self
                        .brief
                        .teams
                        .get(team)
                        .map(|t| t.id.clone())
                        .unwrap_or_default();
                    let msg = Liaison {
                        from,
                        to: c.id.clone(),
                        text,
                    };
                    let sent = match self.table.desk_mut() {
                        Some(desk) => desk.send_liaison(team, &msg.to, &msg.text),
                        None => Err("no team sits at this terminal".into()),
                    };
                    if let Err(e) = sent {
                        self.status = Some(format!("Not sent: {e}"));
                        self.modal = Some(Modal::Compose(d));
                        return;
                    }
                    if let Some(s) = self.sent.get_mut(team) {
                        s.push(msg);
                    }
                    self.status = Some(format!(
                        "Message to {} goes out at the end of the turn.",
                        c.label
                    ));
                    self.refresh();
                    return;
                }
            }
            (ComposeStep::Text, a) => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Compose(d));
    }

    fn update_white_cell(&mut self, action: Action) {
        let page = usize::from(self.size.height / 3).max(1);
        let n = WHITE_CELL_PANES.len();
        match action {
            // On the serving machine the console is all there is.
            Action::Back | Action::WhiteCell if matches!(self.table, Table::Console(_)) => {}
            Action::Back | Action::WhiteCell => {
                self.screen = match self.before_white_cell {
                    // A hot seat goes back through the card, so the next
                    // person at the keyboard sees no team's picture first.
                    Screen::Team | Screen::TeamBrief if !self.single_seat() => Screen::Handover,
                    Screen::WhiteCell => Screen::Handover,
                    s => s,
                };
                if self.finished() {
                    self.screen = Screen::Finished;
                }
                self.truth = None;
                self.refresh();
            }
            Action::NextPane => self.wc.pane = (self.wc.pane + 1) % n,
            Action::PrevPane => self.wc.pane = (self.wc.pane + n - 1) % n,
            Action::Down => self.wc.scroll[self.wc.pane] += 1,
            Action::Up => {
                self.wc.scroll[self.wc.pane] = self.wc.scroll[self.wc.pane].saturating_sub(1)
            }
            Action::PageDown => self.wc.scroll[self.wc.pane] += page,
            Action::PageUp => {
                self.wc.scroll[self.wc.pane] = self.wc.scroll[self.wc.pane].saturating_sub(page)
            }
            Action::Advance => {
                if self.finished() {
                    self.status = Some("Every turn has been played.".into());
                } else if self.all_ready() {
                    self.commit();
                } else {
                    self.modal = Some(Modal::ConfirmAdvance);
                }
            }
            Action::Pause => {
                self.paused = !self.paused;
                let turn = self.turn() + 1;
                if self.paused {
                    self.log.push(format!("T{turn} paused."));
                } else {
                    self.log.push(format!("T{turn} resumed."));
                    if self.plays_when_ready() && self.all_ready() && !self.finished() {
                        self.commit();
                    }
                }
            }
            Action::Inject => {
                if self
                    .control_setup()
                    .is_none_or(|s| s.scenario.injects.is_empty())
                {
                    self.status = Some("This scenario has no injects.".into());
                } else {
                    self.modal = Some(Modal::Injects { sel: 0 });
                }
            }
            Action::MessageTeams => {
                let n = self.brief.teams.len();
                self.modal = Some(Modal::Broadcast(BroadcastDialog {
                    step: ComposeStep::Recipients,
                    sel: 0,
                    ticked: vec![false; n],
                    text: String::new(),
                }));
            }
            Action::Undo => {
                if self.turn() == 0 {
                    self.status = Some("No turn has been played yet.".into());
                } else {
                    self.modal = Some(Modal::ConfirmUndo);
                }
            }
            Action::Note => {
                self.modal = Some(Modal::Note(NoteDialog {
                    text: String::new(),
                    objective: None,
                }));
            }
            Action::Click { col, row } => {
                if let Some(p) = ui::white_cell::pane_at(self, col, row) {
                    self.wc.pane = p;
                }
            }
            Action::Wheel { down, col, row } => {
                if let Some(p) = ui::white_cell::pane_at(self, col, row) {
                    self.wc.pane = p;
                    let s = &mut self.wc.scroll[p];
                    *s = if down { *s + 3 } else { s.saturating_sub(3) };
                }
            }
            _ => {}
        }
        let max = ui::white_cell::max_scroll(self);
        for (s, m) in self.wc.scroll.iter_mut().zip(max) {
            *s = (*s).min(m);
        }
    }

    fn fire_inject(&mut self, i: usize) {
        let Some(control) = self.table.control_mut() else {
            return;
        };
        let Some(inj) = control.setup().scenario.injects.get(i) else {
            return;
        };
        let (id, title) = (inj.id.clone(), inj.title.clone());
        control.fire_live(LiveInject {
            inject: Some(id),
            text: String::new(),
            to: Vec::new(),
        });
        let turn = self.turn() + 1;
        self.live.push(format!("inject: {title}"));
        self.log.push(format!(
            "T{turn} fired inject “{title}” (delivered when the turn is played)."
        ));
        self.status = Some(format!("“{title}” goes out when turn {turn} is played."));
    }

    fn update_broadcast(&mut self, mut d: BroadcastDialog, action: Action) {
        let teams = self.brief.teams.len();
        match (d.step, action) {
            (_, Action::Back) => return,
            (ComposeStep::Recipients, Action::Toggle) => {
                if let Some(t) = d.ticked.get_mut(d.sel) {
                    *t = !*t;
                }
            }
            (ComposeStep::Recipients, Action::Enter) => d.step = ComposeStep::Text,
            (ComposeStep::Recipients, a) => d.sel = list_move(d.sel, teams, a, 5),
            (ComposeStep::Text, Action::Enter) => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write something first, or Esc to cancel.".into());
                } else {
                    let to: Vec<String> = d
                        .ticked
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| **t)
                        .filter_map(|(i, _)| self.brief.teams.get(i).map(|t| t.id.clone()))
                        .collect();
                    let who = if to.is_empty() {
                        "every team".to_string()
                    } else {
                        format!("{} team(s)", to.len())
                    };
                    let Some(control) = self.table.control_mut() else {
                        return;
                    };
                    control.fire_live(LiveInject {
                        inject: None,
                        text: text.clone(),
                        to,
                    });
                    let turn = self.turn() + 1;
                    self.live.push(format!("message: {text}"));
                    self.log.push(format!("T{turn} message to {who}: “{text}”"));
                    self.status = Some(format!(
                        "Message to {who} goes out when turn {turn} is played."
                    ));
                    return;
                }
            }
            (ComposeStep::Text, a) => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Broadcast(d));
    }

    fn update_note(&mut self, mut d: NoteDialog, action: Action) {
        let objectives = self.brief.objectives.len();
        match action {
            Action::Back => return,
            Action::NextPane => {
                // Cycle: no objective, then each objective in turn.
                d.objective = match d.objective {
                    None if objectives > 0 => Some(0),
                    Some(i) if i + 1 < objectives => Some(i + 1),
                    _ => None,
                };
            }
            Action::Enter => {
                let text = d.text.trim().to_string();
                if text.is_empty() {
                    self.status = Some("Write the note first, or Esc to cancel.".into());
                } else {
                    let turn = self.turn();
                    let Some(control) = self.table.control_mut() else {
                        return;
                    };
                    let objective = d.objective.and_then(|i| {
                        let objectives = &control.setup().scenario.objectives;
                        objectives.get(i).map(|o| o.id.clone())
                    });
                    match control.note(&text, objective.clone()) {
                        Ok(()) => {
                            let about = objective.map(|o| format!(" [{o}]")).unwrap_or_default();
                            self.log.push(format!("T{turn} note{about}: {text}"));
                            self.status = Some("Note recorded in the journal.".into());
                        }
                        Err(e) => self.status = Some(format!("The note was not recorded: {e}")),
                    }
                    return;
                }
            }
            a => edit(&mut d.text, a),
        }
        self.modal = Some(Modal::Note(d));
    }

    fn undo(&mut self) {
        let Some(control) = self.table.control_mut() else {
            return;
        };
        match control.undo() {
            Ok(Some(turn)) => {
                for s in &mut self.sent {
                    s.clear();
                }
                self.live.clear();
                self.seat = 0;
                self.ui = TeamUi::default();
                self.seat_bots();
                self.log.push(format!(
                    "Turn {turn} undone; the teams are told when the turn is played again."
                ));
                self.status = Some(format!("Turn {turn} undone."));
                self.before_white_cell = if self.single_seat() {
                    Screen::Team
                } else {
                    Screen::Handover
                };
                self.refresh();
            }
            Ok(None) => {
                self.status = Some("Nothing to undo: no turn played, or no journal.".into());
            }
            Err(e) => self.status = Some(format!("Undo failed: {e}")),
        }
    }
}

/// How a picker shows a target from the team's files: its line, its bare
/// name and the id an order uses.
fn target_names(view: &TeamView, target: &Target) -> (String, String, String) {
    match target {
        Target::Nothing => (
            "(no target: the whole file)".to_string(),
            String::new(),
            String::new(),
        ),
        Target::Actor(r) => {
            let p = view.persons.iter().find(|p| &p.reference == r);
            let name = p.map_or_else(|| r.clone(), |p| p.name.clone());
            let mut label = name.clone();
            if let Some(role) = p.and_then(|p| p.role.as_ref()) {
                label.push_str(&format!(" · {role}"));
            }
            if let Some(p) = p {
                label.push_str(&format!(" · evidence {}", p.evidence));
            }
            (label, name, r.clone())
        }
        Target::Group(id) => {
            let label = view.groups.iter().find(|g| &g.id == id).map_or_else(
                || id.clone(),
                |g| format!("{} · {} people · {}", g.id, g.size, g.status),
            );
            (label, id.clone(), id.clone())
        }
        Target::Team(id) => {
            let t = view.teams.iter().find(|t| &t.id == id);
            let label = t.map_or_else(|| id.clone(), |t| format!("{} ({})", t.name, t.country));
            let name = t.map_or_else(|| id.clone(), |t| t.name.clone());
            (label, name, id.clone())
        }
        Target::Route(id) => {
            let name = view
                .routes
                .iter()
                .find(|r| &r.id == id)
                .map_or_else(|| id.clone(), |r| r.name.clone());
            (name.clone(), name, id.clone())
        }
    }
}

/// Move a selection in a list of `n` entries.
fn list_move(sel: usize, n: usize, action: Action, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match action {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::PageDown => (sel + page).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::Home => 0,
        Action::End => last,
        _ => sel.min(last),
    }
}

/// The longest text a box accepts: the engine keeps 500 characters of a message.
const MAX_TEXT: usize = 500;

fn edit(text: &mut String, action: Action) {
    match action {
        Action::Type(c) if !c.is_control() && text.chars().count() < MAX_TEXT => text.push(c),
        Action::Backspace => {
            text.pop();
        }
        _ => {}
    }
}
